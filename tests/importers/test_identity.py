"""One show, one record: labelled series, namesakes, and every fact back to its raw row."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.catalog.queries import shows_by_key
from nextseason.importers.audit import RawRows, _holds, audit
from nextseason.importers.identity import KnownSeries, could_be
from nextseason.importers.rawfiles import RawDir
from nextseason.text import title_key

REPO = Path(__file__).resolve().parents[2]
TRUTH = REPO / "tests" / "fixtures" / "truth" / "identity.tsv"


def _truth() -> list[tuple[KnownSeries, str]]:
    with TRUTH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        (
            KnownSeries(r["title"], int(r["year"]), r["channel"], r["country"], r["imdb"] or None),
            r["part"],
        )
        for r in rows
    ]


def _records(catalog: Catalog, series: KnownSeries) -> list[int]:
    with catalog.connect() as conn:
        entries = shows_by_key(conn, title_key(series.title))
    return [e.id for e in entries if could_be(catalog.show(e.id), series)]


def test_no_labelled_series_is_split_over_several_records(bundled: Catalog) -> None:
    # Labels written from public knowledge before any tuning (tests/fixtures/truth/README.md).
    truth = _truth()
    assert len(truth) >= 60
    outcomes = {series: len(_records(bundled, series)) for series, _ in truth}
    tuned = [s for s, part in truth if part == "tune"]
    assert [s.title for s in tuned if outcomes[s] > 1] == []
    one = sum(n == 1 for n in outcomes.values())
    assert one / len(truth) >= 0.85  # the rest: the catalog has no record that could be it


@pytest.mark.parametrize(
    ("title", "years"),
    [("The Office", (2005,)), ("Shameless", (2011,)), ("Suits", (2011,)), ("Love", (2016,))],
)
def test_namesakes_stay_apart_each_with_what_tells_it_apart(
    bundled: Catalog, title: str, years: tuple[int, ...]
) -> None:
    with bundled.connect() as conn:
        shows = [bundled.show(e.id) for e in shows_by_key(conn, title_key(title))]
    assert len(shows) >= 2
    dated = sorted(s.year for s in shows if s.year in years)
    assert dated == sorted(years)  # the labelled one, once


def test_a_fact_is_found_only_in_the_raw_row_of_the_source_it_names(bundled: Catalog) -> None:
    raw = RawDir(REPO / "raw")
    rows = RawRows(raw)
    with bundled.connect() as conn:
        [entry] = [e for e in shows_by_key(conn, "stranger things") if e.year == 2016]
    show = bundled.show(entry.id)
    premise = show.summary
    assert premise and show.source_of("summary").source == "tmdb_2025"
    tmdb = next(r for r in show.records if r.source == "tmdb_2025")
    index = next(r for r in show.records if r.source == "tvmaze_index")
    assert _holds(rows.row("tmdb_2025", tmdb.source_key), "summary", premise)
    # The TVmaze show index holds a name and a channel: naming it as the premise's source
    # (as the catalog once did) is caught.
    assert not _holds(rows.row("tvmaze_index", index.source_key), "summary", premise)


def test_hundreds_of_random_facts_are_in_the_raw_rows_their_provenance_names(
    bundled: Catalog,
) -> None:
    result = audit(bundled, RawDir(REPO / "raw"), facts=400, seed=7)
    assert result.checked == 400
    assert result.misses == []
    assert len(result.by_source) >= 6  # the sample reaches most of the files


def test_the_seasons_known_to_exist_are_not_a_catalogs_count(bundled: Catalog) -> None:
    # Hulu offered one season of Chicago Fire in 2021; the show had made many more.
    with bundled.connect() as conn:
        [entry] = shows_by_key(conn, "chicago fire")
    show = bundled.show(entry.id)
    hulu = next(r for r in show.records if r.source == "hulu_catalog_2021")
    assert hulu.data["seasons"] == 1
    from nextseason.analysis.status import facts_from_bundle, season_evidence

    evidence = season_evidence(facts_from_bundle(show))
    assert evidence.last is None or evidence.last > 1


def test_the_catalog_names_a_release_on_another_platform_as_such(bundled: Catalog) -> None:
    # Netflix's engagement report dates Lucifer's seasons by their Netflix release; the show
    # premiered on FOX, so those dates are releases, not premieres.
    with bundled.connect() as conn:
        [entry] = [e for e in shows_by_key(conn, "lucifer") if e.year]
    show = bundled.show(entry.id)
    releases = [s for s in show.seasons if s.source == "netflix_engagement" and s.premiere_date]
    assert releases and all(s.release_platform == "Netflix" for s in releases)
    assert all(s.first_aired is None for s in releases)
    assert replace(releases[0], release_platform=None).first_aired == releases[0].premiere_date
