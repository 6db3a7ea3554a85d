"""Small catalogs for the recommender, written the way the sources write them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.model import CreditRecord, ShowBundle, ShowRecordData, SourceRef
from tests.conftest import make_show

TMDB = SourceRef("tmdb", "https://api.themoviedb.org/3/tv", datetime(2026, 11, 1), "TMDB terms")


def show(
    title: str,
    key: str,
    summary: str,
    *,
    year: int = 2020,
    genres: tuple[str, ...] = ("Drama",),
    platform: str | None = "Netflix",
    creator: str | None = None,
) -> ShowBundle:
    bundle = make_show(title, key=key, year=year, summary=f"<p>{summary}</p>", platform=platform)
    bundle.genres = list(genres)
    if creator:
        bundle.credits.append(
            CreditRecord(creator, "crew", bundle.src, "Creator", f"tvmaze:p{creator}")
        )
    return bundle


def with_tmdb(bundle: ShowBundle, tmdb_id: int, recommends: list[tuple[int, str, int]]) -> None:
    """Add the record a refresh with a TMDB key stores, recommendations included."""
    bundle.external_ids["tmdb"] = str(tmdb_id)
    bundle.records.append(
        ShowRecordData(
            "tmdb",
            str(tmdb_id),
            bundle.title,
            bundle.year,
            {
                "tmdb_id": tmdb_id,
                "keywords": ["hospital", "surgeon"],
                "recommendations": [
                    {"tmdb_id": i, "name": name, "year": year} for i, name, year in recommends
                ],
            },
            TMDB,
        )
    )


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Catalog]:
    """An empty catalog of the test's own (its index is built afresh)."""
    with Catalog.open(f"sqlite:///{tmp_path / 'small.sqlite'}", seed=False) as catalog:
        yield catalog
