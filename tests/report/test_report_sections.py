"""What every human-readable format shows: all twelve sections, the verdict and why."""

from __future__ import annotations

import pytest

from nextseason.errors import UsageError
from nextseason.model import Outlook, OutlookFactor, OutlookInterval, Report
from nextseason.report.render import FORMATS, render, sections

HUMAN_FORMATS = ("text", "md", "html")


def shown(report: Report, fmt: str) -> str:
    """The report as a reader sees it; text is rendered wide so sentences stay on one line."""
    out = render(report, fmt, width=400)
    return out.replace("&#39;", "'") if fmt == "html" else out.replace("\\|", "|")


TITLES = (
    "Overview",
    "Status of season 2",
    "Seasons and episodes",
    "Where to watch",
    "Audience interest",
    "Social buzz",
    "Outlook",
    "What season 2 could bring",
    "Characters",
    "Creators and crew",
    "Similar shows",
    "Sources",
)


def test_formats_are_the_four_documented() -> None:
    assert FORMATS == ("text", "md", "html", "json")


def test_sections_come_in_product_order(report: Report) -> None:
    assert tuple(s.title for s in sections(report)) == TITLES


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_every_section_heading_appears_in_order(report: Report, fmt: str) -> None:
    out = shown(report, fmt)
    positions = [out.find(title) for title in TITLES]
    assert -1 not in positions, [t for t, p in zip(TITLES, positions, strict=True) if p < 0]
    # The table of contents in HTML lists them first; the headings follow in order.
    if fmt == "html":
        positions = [out.find(f">{title}</h2>") for title in TITLES]
    if fmt == "md":
        positions = [out.find(f"\n## {title}\n") for title in TITLES]
    assert positions == sorted(positions) and -1 not in positions


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_verdict_reason_and_source_are_shown(report: Report, fmt: str) -> None:
    out = shown(report, fmt)
    status = report.status
    assert status.verdict in out.lower()
    assert status.reason in out
    assert status.source is not None
    assert "TVmaze" in out
    assert f"{status.confidence:.0%}" in out
    # Every source's reading: the Netflix catalog listed one season (not "made").
    assert "1 season listed" in out


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_empty_sections_say_why(sparse_report: Report, fmt: str) -> None:
    out = shown(sparse_report, fmt)
    assert "No cast credits for this show in the catalog." in out
    assert "No crew credits for this show in the catalog." in out
    assert "No social-buzz counts for this show in the catalog." in out
    assert sparse_report.outlook is not None and sparse_report.outlook.reason
    assert sparse_report.outlook.reason in out
    assert "The catalog holds no episode summaries to read the finale from." in out


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_facts_carry_their_source_and_date(report: Report, fmt: str) -> None:
    out = shown(report, fmt)
    assert "2021-01-05" in out  # TVmaze's as-of date on the overview facts
    assert "Netflix catalog 2021 (Kaggle, Shivam Bansal)" in out
    assert "Data from TVmaze, licensed CC BY-SA 4.0" in out


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_similar_shows_list_year_platform_score_and_why(report: Report, fmt: str) -> None:
    out = shown(report, fmt)
    assert [e.show.title for e in report.similar][:1] == ["Queen Charlotte: A Bridgerton Story"]
    first = report.similar[0]
    assert "Queen Charlotte" in out
    assert f"{first.score:.2f}" in out
    assert first.where[0] == "Netflix (original)"
    assert "ended" in out.lower()
    assert any("Shonda Rhimes" in r or "Regency" in r for r in first.reasons), first.reasons


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_stale_sources_are_marked(catalog_report_years_later: Report, fmt: str) -> None:
    out = shown(catalog_report_years_later, fmt)
    assert "stale" in out.lower()


def test_unknown_format_is_a_usage_error(report: Report) -> None:
    with pytest.raises(UsageError, match="unknown report format 'pdf'"):
        render(report, "pdf")


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_outlook_is_shown_once_the_model_fills_it(report: Report, fmt: str) -> None:
    outlook = Outlook(
        season=report.season,
        status="estimate",
        probability=0.62,
        interval=OutlookInterval(low=0.5, high=0.71),
        band="toss-up",
        factors=[
            OutlookFactor(
                feature="netflix top 10",
                value="4 weeks in Netflix's global Top 10",
                contribution=0.4,
                effect="raises",
                words="4 weeks in Netflix's global Top 10: this raises the odds.",
            )
        ],
    )
    out = shown(report.model_copy(update={"outlook": outlook}), fmt)
    assert "62% chance of renewal (80% interval 50% to 71%): toss-up" in out
    assert "4 weeks in Netflix's global Top 10: this raises the odds." in out
