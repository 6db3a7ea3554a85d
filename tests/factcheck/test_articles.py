"""Realistic drafts checked against the shipped catalog: what an editor sees for each claim."""

from __future__ import annotations

import json

from nextseason.catalog import Catalog
from nextseason.factcheck import FactCheckReport, render_markdown, render_text
from tests.factcheck.conftest import check

DRAFT = """# Bridgerton Season 5: Everything We Know

Netflix's *Bridgerton* is one of the streamer's biggest hits. The Regency drama premiered on
December 25, 2020, and is based on the novels by Julia Quinn. The first season has eight
episodes.

Bridgerton has three seasons so far, and Netflix has not yet renewed it for a fourth
season. The series is a Hulu original. It premiered in 2019.

## Similar shows

- *The Crown* (Netflix, 2016)
- *Tiny Pretty Things* (HBO Max, 2020)
- *Dark* (Netflix, 2017)

Tiny Pretty Things was cancelled after one season, and Squid Game ran for three seasons.
"""


def verdict(report: FactCheckReport, words: str, relation: str | None = None) -> str:
    found = [
        c.verdict
        for c in report.claims
        if words in c.text and (relation is None or c.relation == relation)
    ]
    assert len(found) == 1, (words, [(c.text, c.relation) for c in report.claims])
    return found[0]


def test_a_bridgerton_draft_gets_each_claim_right(bundled: Catalog) -> None:
    report = check(bundled, DRAFT)
    assert report.main_show is not None and report.main_show.title == "Bridgerton"
    assert verdict(report, "Netflix's Bridgerton") == "supported"
    assert verdict(report, "premiered on December 25, 2020") == "supported"
    assert verdict(report, "based on the novels by Julia Quinn") == "supported"
    assert verdict(report, "has eight") == "supported"
    assert verdict(report, "three seasons so far") == "contradicted"
    assert verdict(report, "has not yet renewed") == "contradicted"
    assert verdict(report, "a Hulu original") == "contradicted"
    assert verdict(report, "premiered in 2019") == "contradicted"
    assert verdict(report, "HBO Max") == "contradicted"
    assert verdict(report, "cancelled after one season") == "supported"
    assert verdict(report, "ran for three seasons") == "supported"


def test_a_contradiction_gives_the_catalogs_value_source_and_date(bundled: Catalog) -> None:
    report = check(bundled, DRAFT)
    hulu = next(c for c in report.claims if c.text == "a Hulu original")
    assert hulu.show_title == "Bridgerton"
    assert hulu.evidence is not None
    assert hulu.evidence.value == "Netflix" and hulu.evidence.source == "tvmaze"
    assert hulu.evidence.as_of is not None
    seasons = next(c for c in report.claims if "three seasons so far" in c.text)
    assert seasons.evidence is not None and seasons.evidence.value == "4 seasons"
    assert "season 4" in seasons.reason


def test_the_summary_counts_every_verdict(bundled: Catalog) -> None:
    report = check(bundled, DRAFT)
    s = report.summary
    assert s.claims == len(report.claims) == s.supported + s.contradicted + s.unverifiable
    text = render_text(report)
    assert text.splitlines()[0] == f"Fact-check: {s.line()}"
    assert "✗ CONTRADICTED" in text and "catalog: Netflix (TVmaze" in text


def test_shows_in_the_similar_shows_list_are_linked(bundled: Catalog) -> None:
    report = check(bundled, DRAFT)
    titles = {s.title for s in report.shows}
    assert {"Bridgerton", "The Crown", "Tiny Pretty Things", "Dark", "Squid Game"} <= titles
    crown = [c for c in report.claims if c.show_title == "The Crown"]
    assert {c.relation for c in crown} == {"platform", "premiere"}
    assert all(c.verdict == "supported" for c in crown)


def test_spans_point_at_the_claims_in_the_markdown_as_written(bundled: Catalog) -> None:
    report = check(bundled, DRAFT)

    def written(start: int, end: int) -> str:
        # A claim may run over a line break or emphasis markers ("Netflix's *Bridgerton").
        return " ".join(DRAFT[start:end].replace("*", "").split())

    for claim in report.claims:
        assert written(claim.span.start, claim.span.end) == claim.text
        assert claim.text in written(claim.sentence_span.start, claim.sentence_span.end)
    for mention in report.mentions:
        assert DRAFT[mention.span.start : mention.span.end] == mention.text
    hulu = next(c for c in report.claims if c.text == "a Hulu original")
    assert hulu.line == DRAFT[: hulu.span.start].count("\n") + 1


HTML = """<!doctype html><html><head><title>Is Squid Game over?</title>
<style>h1 { color: red }</style></head><body>
<h1>Is <em>Squid&nbsp;Game</em> over?</h1>
<p>Netflix&#8217;s <b>Squid Game</b> premiered on September 17, 2021 &amp; ran for
two seasons. It is a Disney+ original.</p>
<script>var claims = "Squid Game is an HBO original";</script>
</body></html>"""


def test_spans_point_at_the_claims_in_html_input(bundled: Catalog) -> None:
    report = check(bundled, HTML)
    assert report.source_format == "html"
    by_text = {c.text: c for c in report.claims}
    assert set(by_text) >= {"Netflix’s Squid Game", "ran for two seasons", "a Disney+ original"}
    assert HTML[slice(by_text["a Disney+ original"].span.start, None)].startswith(
        "a Disney+ original"
    )
    possessive = by_text["Netflix’s Squid Game"]
    assert HTML[possessive.span.start : possessive.span.end] == "Netflix&#8217;s <b>Squid Game"
    assert by_text["ran for two seasons"].verdict == "contradicted"
    assert not any("HBO" in c.text for c in report.claims)  # script content is no text


def test_json_has_spans_an_editor_can_highlight(bundled: Catalog) -> None:
    report = check(bundled, DRAFT)
    data = json.loads(report.model_dump_json())
    assert data["summary"]["claims"] == len(data["claims"])
    first = data["claims"][0]
    assert {"relation", "text", "sentence", "span", "verdict", "reason", "evidence"} <= set(first)
    assert FactCheckReport.model_validate(data) == report


def test_markdown_output_annotates_the_article_inline(bundled: Catalog) -> None:
    report = check(bundled, DRAFT)
    out = render_markdown(report, DRAFT)
    assert out.startswith("> **Fact-check**")
    hulu = next(c for c in report.claims if c.text == "a Hulu original")
    assert f"a Hulu original **[✗{hulu.id}]**" in out
    assert f"{hulu.id}. ✗ **contradicted**" in out
    html = render_markdown(check(bundled, HTML), HTML)
    assert "<b>" not in html and "a Disney+ original **[✗" in html


def test_hedged_and_questioned_claims_are_never_contradicted(bundled: Catalog) -> None:
    report = check(
        bundled,
        "Will Bridgerton return for a ninth season? Bridgerton could reportedly be a Hulu "
        "original. Squid Game is rumored to have ten seasons.",
    )
    assert report.summary.contradicted == 0
    assert all(c.hedged for c in report.claims)
    assert not any("ninth" in c.text for c in report.claims)


def test_pasted_text_with_a_tag_in_it_is_read_as_html(bundled: Catalog) -> None:
    """A draft pasted with inline markup: the tags must not hide the title they wrap."""
    report = check(
        bundled,
        "Netflix renewed <b>Tiny Pretty Things</b> for a second season. <script>x()</script>",
    )
    assert report.source_format == "html"
    status = [c for c in report.claims if c.relation == "status"]
    assert [(c.show_title, c.verdict) for c in status] == [("Tiny Pretty Things", "contradicted")]
    assert "after 1 season " in status[0].reason + " "
    assert (
        check(bundled, "Ratings were 3 < 4 > 2, and <john@example.com> wrote in.").source_format
        == "text"
    )
