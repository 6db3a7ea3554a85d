"""The catalog shipped in the package: built from raw/, one show per show, accounted for."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from nextseason.build import REPORT_NAME
from nextseason.catalog import Catalog
from nextseason.catalog.db import bundled_catalog_path
from nextseason.catalog.queries import shows_by_key
from nextseason.catalog.similar_rows import SimilarRows
from nextseason.model import ShowBundle
from nextseason.similar import similar_to
from nextseason.text import title_key

#: The day verdicts count from (the suite's usual date).
TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    folder = tmp_path_factory.mktemp("shipped")
    # A new catalog file is seeded from the shipped gz on first open.
    with Catalog.open(f"sqlite:///{folder / 'c.sqlite'}") as catalog:
        yield catalog


def _shows(catalog: Catalog, title: str) -> list[ShowBundle]:
    with catalog.connect() as conn:
        entries = shows_by_key(conn, title_key(title))
    return [catalog.show(e.id) for e in entries]


def test_a_show_in_many_files_is_one_show_in_the_shipped_catalog(shipped: Catalog) -> None:
    [bridgerton] = _shows(shipped, "Bridgerton")
    sources = {r.source for r in bridgerton.records}
    assert {
        "tvmaze",
        "netflix_catalog_2021",
        "netflix_catalog_2022",
        "netflix_top10",
        "netflix_engagement",
        "tvmaze_index",
    } <= sources
    assert bridgerton.external_ids["tvmaze"] == "42966"
    assert bridgerton.external_ids["imdb"] == "tt8740790"
    assert len(bridgerton.episodes) == 8  # season 1, all released on 2020-12-25
    assert {p.source for p in bridgerton.interest} >= {"netflix_top10", "netflix_engagement"}
    assert similar_to(SimilarRows(shipped), bridgerton.id or 0, today=TODAY)


def test_namesakes_stay_apart_in_the_shipped_catalog(shipped: Catalog) -> None:
    years = sorted(s.year for s in _shows(shipped, "Cowboy Bebop") if s.year)
    assert years == [1998, 2021]


def test_the_shipped_report_matches_the_shipped_catalog(shipped: Catalog) -> None:
    artifact = bundled_catalog_path()
    report = json.loads((artifact.parent / REPORT_NAME).read_text(encoding="utf-8"))
    counts = shipped.counts()
    assert report["shows_created"] == counts["shows"] > 30_000
    assert report["episodes"] == counts["episodes"] > 3069
    assert report["interest_points"] == counts["interest_points"]
    assert report["artifact_bytes"] == artifact.stat().st_size <= 25_000_000
    tvmaze = report["sources"]["tvmaze"]
    assert (tvmaze["rows_read"], tvmaze["records"]) == (3069, 630)
    assert report["sources"]["tvmaze_index"]["rows_read"] == 31_933


def test_every_fact_carries_its_source_and_licence(shipped: Catalog) -> None:
    [squid_game] = _shows(shipped, "Squid Game")
    refs = [r.src for r in squid_game.records] + [p.src for p in squid_game.interest]
    assert all(ref.licence and ref.url and ref.retrieved_at for ref in refs)
    licences = {ref.source: ref.licence for ref in refs}
    assert licences["netflix_top10"] == "published by Netflix; credit Netflix"
    assert licences["netflix_catalog_2021"] == "CC0 1.0 as listed on Kaggle"


def test_the_shipped_catalog_is_built_from_the_repositorys_raw_files() -> None:
    raw = Path(__file__).resolve().parents[2] / "raw"
    assert (raw / "SOURCES.md").is_file()
    schedule = sorted((raw / "tvmaze/schedule-web-2020-12").glob("schedule_web_2020-12-*.json.gz"))
    assert len(schedule) == 31
