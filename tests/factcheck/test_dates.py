"""The article's own date: where it is read from, and what "outdated" means."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.errors import UsageError
from nextseason.factcheck import check_article
from nextseason.factcheck.dateline import article_date
from nextseason.model import SeasonRecord, SourceRef, StatusRecord
from tests.conftest import make_show
from tests.factcheck.conftest import TODAY

TMDB_2025 = SourceRef("tmdb", "https://www.themoviedb.org/tv/90001", datetime(2025, 4, 2), "TMDB")
SCORECARD = SourceRef(
    "metacritic_scorecard", "https://www.metacritic.com/", datetime(2021, 6, 1), "Metacritic"
)


def dated(text: str, *, html: bool = False, given: date | None = None) -> tuple[date, str]:
    found = article_date(text, text, is_html=html, given=given, today=TODAY)
    return found.day, found.by


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Published: March 3, 2021\n\nThe show is back.", date(2021, 3, 3)),
        ("By Ann Lee | 9 Apr 2019 at 3:50pm\n\nThe show is back.", date(2019, 4, 9)),
        ("Jul 26, 2019, 9:05 PM EDT\n\nThe show is back.", date(2019, 7, 26)),
        ("BURBANK, Nov. 14, 2016 – The network renewed it.", date(2016, 11, 14)),
        ("[07/28/18 - 03:21 PM]\nThe network renewed it.", date(2018, 7, 28)),
        ("date 2021-05\nThe last season comes in September.", date(2021, 5, 31)),
    ],
)
def test_a_dateline_gives_the_articles_date(text: str, day: date) -> None:
    assert dated(text) == (day, "dateline")


def test_a_date_the_article_speaks_about_is_not_its_date() -> None:
    text = "The release date is July 26, 2019. It premiered on Netflix on May 3, 2018."
    assert dated(text) == (TODAY, "today")


def test_html_meta_tags_give_the_date_and_win_over_the_text() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2020-02-11T09:00:00Z">'
        "</head><body><p>Published: March 3, 2021</p></body></html>"
    )
    assert dated(page, html=True) == (date(2020, 2, 11), "meta")


def test_a_date_given_wins_and_a_date_after_today_is_ignored() -> None:
    assert dated("Published: March 3, 2021", given=date(2020, 1, 1)) == (
        date(2020, 1, 1),
        "given",
    )
    assert dated("Published: March 3, 2031") == (TODAY, "today")


def test_an_article_without_a_date_is_checked_as_of_today_and_says_so(
    bundled: Catalog,
) -> None:
    report = check_article(bundled, "Squid Game premiered in 2021.", today=TODAY)
    assert report.as_of == TODAY and report.dated_by == "today"
    assert any("gives no date" in note and "--as-of" in note for note in report.notes)


def test_an_as_of_after_today_is_refused(bundled: Catalog) -> None:
    with pytest.raises(UsageError, match="after today"):
        check_article(bundled, "Squid Game premiered in 2021.", today=TODAY, as_of=date(2030, 1, 1))


@pytest.fixture
def dated_seasons(tmp_path: Path) -> Iterator[Catalog]:
    """A show whose second season came two years after its first, and one announced as
    cancelled after its first season."""
    harbour = make_show("Harbour Lights", key="90001", year=2019, status="Running", seasons=0)
    harbour.seasons = [
        SeasonRecord(1, TMDB_2025, 8, date(2019, 3, 1)),
        SeasonRecord(2, TMDB_2025, 8, date(2021, 5, 7)),
    ]
    salt = make_show("Salt Flats", key="90002", year=2019, status="Ended", seasons=0)
    salt.seasons = [SeasonRecord(1, TMDB_2025, 10, date(2019, 9, 6))]
    salt.statuses.append(
        StatusRecord(
            "metacritic_scorecard",
            "cancelled",
            datetime(2020, 8, 21),
            SCORECARD,
            {"season": 1, "network": "Netflix", "announced": "2020-08-21", "said": "Canceled"},
        )
    )
    with Catalog.open(f"sqlite:///{tmp_path / 'dated.sqlite'}", seed=False) as catalog:
        catalog.store([harbour, salt])
        yield catalog


def test_a_pending_renewal_that_came_later_is_outdated_not_contradicted(
    dated_seasons: Catalog,
) -> None:
    text = "Harbour Lights has yet to be renewed for a second season."
    report = check_article(dated_seasons, text, today=TODAY, as_of=date(2020, 6, 1))
    claim = report.claims[0]
    assert claim.verdict == "outdated"
    assert claim.changed is not None and "2021-05-07" in claim.changed
    assert report.summary.outdated == 1 and report.summary.contradicted == 0
    today = check_article(dated_seasons, text, today=TODAY)
    assert today.claims[0].verdict == "contradicted"


def test_a_season_count_is_checked_as_of_the_articles_date(dated_seasons: Catalog) -> None:
    text = "Harbour Lights has one season."
    now = check_article(dated_seasons, text, today=TODAY)
    assert now.claims[0].verdict == "contradicted"
    # Written in 2020, the count was right; it spoke of its past, so it is not "outdated".
    then = check_article(dated_seasons, text, today=TODAY, as_of=date(2020, 6, 1))
    assert then.claims[0].verdict == "supported", then.claims[0].reason


def test_a_renewal_reversed_later_is_outdated(dated_seasons: Catalog) -> None:
    text = "Netflix has renewed Salt Flats for a second season."
    report = check_article(dated_seasons, text, today=TODAY, as_of=date(2020, 5, 1))
    status = next(c for c in report.claims if c.relation == "status")
    assert status.verdict == "outdated", status.reason
    assert status.changed_on == date(2020, 8, 21)


def test_an_html_page_is_reduced_to_its_article(bundled: Catalog) -> None:
    page = """<!doctype html><html><head><title>Squid Game returns</title>
<meta property="article:published_time" content="2023-06-18T10:00:00Z">
<script>var shows = ["Stranger Things premiered on Hulu in 2010"];</script></head>
<body><nav><a href="/">Home</a> <a href="/x">Dark</a> <a href="/y">Lupin renewed</a></nav>
<div class="share-bar">Share: The Crown ran for two seasons</div>
<h1>Squid Game season 2: the cast</h1>
<article><p><i>Squid Game</i> premiered on Netflix in September 2021.</p>
<aside>Related: Stranger Things was cancelled after one season</aside></article>
<section id="comments"><p>Reader: Dark ran for nine seasons on HBO!</p></section>
<footer>Wednesday premiered on Hulu.</footer></body></html>"""
    report = check_article(bundled, page, today=TODAY)
    assert report.source_format == "html" and report.dated_by == "meta"
    assert {m.text for m in report.mentions} == {"Squid Game"}
    assert {c.show_title for c in report.claims} == {"Squid Game"}
    assert report.summary.contradicted == 0


def test_a_sentence_that_states_its_own_date_is_checked_as_of_it(
    dated_seasons: Catalog,
) -> None:
    text = "As of June 2020, Harbour Lights has yet to be renewed for a second season."
    claim = check_article(dated_seasons, text, today=TODAY).claims[0]
    assert claim.verdict == "outdated" and claim.changed_on == date(2021, 5, 7)
