"""The interest and buzz sections as a reader meets them: figures, reading, threads, charts."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_show

from nextseason.catalog import Catalog
from nextseason.cli import main
from nextseason.model import InterestRecord, Report, ShowBundle, ShowRecordData, SourceRef
from nextseason.report.build import build_report
from nextseason.report.render import render

TODAY = date(2026, 11, 27)
WIKI = SourceRef(
    "wikipedia_pageviews",
    "https://wikimedia.org/api/rest_v1/metrics/pageviews/per-article/en.wikipedia/all-access/user/Severed_Ties/daily/20240101/20250630",
    datetime(2026, 11, 27),
    "CC0 1.0",
)
REDDIT = SourceRef(
    "reddit", "https://www.reddit.com/search.json?q=%22Severed+Ties%22", datetime(2026, 11, 27), ""
)


def _pageviews(start: date, days: int) -> list[InterestRecord]:
    """A premiere spike on day 30 that decays, on a slowly falling baseline."""
    points = []
    for i in range(days):
        base = 2000 - i
        spike = 50_000 * 0.8 ** (i - 30) if i >= 30 else 0
        points.append(
            InterestRecord(
                "wikipedia_pageviews", "views", "day", start + timedelta(i), base + spike, WIKI
            )
        )
    return points


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    show = make_show("Severed Ties", key="77", year=2024, status="Running", seasons=1)
    show.premiered = date(2024, 1, 31)
    show.interest = _pageviews(date(2024, 1, 1), 540)
    show.interest += [
        InterestRecord("reddit", "posts", "week", date(2024, 1, 1) + timedelta(weeks=w), v, REDDIT)
        for w, v in enumerate([3, 40, 22, 9, 5, 4, 2, 1])
    ]
    show.records.append(
        ShowRecordData(
            "reddit",
            "search:severed ties",
            "Severed Ties",
            2024,
            {
                "threads": [
                    {
                        "title": "Severed Ties S1 finale <discussion>",
                        "subreddit": "television",
                        "score": 812,
                        "num_comments": 240,
                        "created": "2024-02-09",
                        "url": "https://www.reddit.com/r/television/comments/abc/severed_ties/",
                    },
                    {"title": "no link, dropped", "url": "javascript:alert(1)", "score": 1},
                ]
            },
            REDDIT,
        )
    )
    other = make_show("Quiet Years", key="78", year=2023, status="Ended")
    other.interest = [
        InterestRecord(
            "wikipedia_pageviews", "views", "day", date(2024, 1, 1) + timedelta(i), 50.0, WIKI
        )
        for i in range(60)
    ]
    with Catalog.open(f"sqlite:///{tmp_path / 'c.sqlite'}", seed=False) as opened:
        opened.store([show, other])
    return Catalog.open(f"sqlite:///{tmp_path / 'c.sqlite'}", seed=False)


def _report(catalog: Catalog, title: str = "Severed Ties") -> Report:
    entry, _ = catalog.find(title)
    return build_report(catalog, entry.id, today=TODAY)


def _floats(value: object) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for v in value.values() for f in _floats(v)]
    if isinstance(value, list):
        return [f for v in value for f in _floats(v)]
    return []


def test_the_reading_comes_from_the_figures_and_the_figures_are_in_the_json(
    catalog: Catalog,
) -> None:
    report = _report(catalog)
    [views] = [s for s in report.interest.series if s.source == "wikipedia_pageviews"]
    figures = views.figures
    assert figures is not None and figures.trend is not None
    assert figures.peaks and figures.peaks[0].event == "the premiere"
    assert figures.half_life_days is not None and 1 < figures.half_life_days < 10
    assert figures.percentile == 100.0 and figures.percentile_among == 1
    [sentence] = report.interest.reading
    assert "Wikipedia pageviews" in sentence and "coincides with the premiere" in sentence
    assert f"{figures.trend.p_value:.2g}" in sentence
    assert "interest halved" in sentence
    data = json.loads(render(report, "json"))
    assert all(math.isfinite(f) for f in _floats(data)), "no NaN or infinity in the JSON"


def test_buzz_lists_the_busiest_threads_with_safe_links(catalog: Catalog) -> None:
    report = _report(catalog)
    assert report.buzz.reading and "Reddit" in report.buzz.reading[0]
    assert [t.score for t in report.buzz.threads] == [812, 1]
    markdown = render(report, "md")
    assert (
        "[Severed Ties S1 finale &lt;discussion&gt;](https://www.reddit.com/r/television/"
        in markdown
    )
    html = render(report, "html")
    assert 'href="https://www.reddit.com/r/television/comments/abc/severed_ties/"' in html
    assert "javascript:" not in html


def test_bad_points_are_said_and_the_report_goes_on(catalog: Catalog) -> None:
    entry, _ = catalog.find("Quiet Years")
    bad = ShowBundle(
        title="Quiet Years",
        src=WIKI,
        id=entry.id,
        interest=[
            InterestRecord("wikipedia_pageviews", "views", "day", date(2024, 3, 1), -5.0, WIKI),
        ],
    )
    catalog.store([bad])
    report = _report(catalog, "Quiet Years")
    [views] = report.interest.series
    assert views.figures is not None
    assert any("negative" in note for note in views.figures.notes)
    assert "constant" in " ".join(views.figures.notes)


def test_a_show_without_a_wikipedia_article_says_so(tmp_path: Path) -> None:
    show = make_show("Obscure Web Series", key="90")
    wikidata = SourceRef(
        "wikidata", "https://www.wikidata.org/wiki/Q1", datetime(2026, 11, 1), "CC0 1.0"
    )
    show.records.append(
        ShowRecordData("wikidata", "Q1", "Obscure Web Series", 2020, {"enwiki": None}, wikidata)
    )
    with Catalog.open(f"sqlite:///{tmp_path / 'w.sqlite'}", seed=False) as catalog:
        catalog.store([show])
        report = _report(catalog, "Obscure Web Series")
    assert (
        report.interest.note is not None and "no English Wikipedia article" in report.interest.note
    )


def test_report_charts_writes_png_and_svg_files(
    catalog: Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "charts"
    out.mkdir()
    db = catalog.url.removeprefix("sqlite:///")
    with pytest.raises(SystemExit) as info:
        main(["report", "Severed Ties", "-f", "json", "--charts", str(out), "--db", db])
    assert info.value.code == 0
    names = sorted(p.name for p in out.iterdir())
    assert any(n.endswith(".png") for n in names) and any(n.endswith(".svg") for n in names)
    assert "wrote 4 chart files" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["report", "Severed Ties", "--charts", str(tmp_path / "missing"), "--db", db])
    assert info.value.code == 2
