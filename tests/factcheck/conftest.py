"""Fact-check fixtures: the shipped catalog (read-only), a writable copy, and a small catalog
of shows with TVmaze- and TMDB-style credits (characters, creators) the shipped one lacks."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.factcheck import FactCheckReport, check_article
from nextseason.model import CreditRecord, SourceRef
from tests.conftest import make_show

TODAY = date(2026, 11, 27)
TMDB = SourceRef("tmdb", "https://www.themoviedb.org/tv/1396", datetime(2025, 6, 1), "TMDB")


def check(catalog: Catalog, text: str, **kw: object) -> FactCheckReport:
    return check_article(catalog, text, today=TODAY, **kw)  # type: ignore[arg-type]


@pytest.fixture
def writable(bundled_db: Path, tmp_path: Path) -> Iterator[Catalog]:
    """A copy of the shipped catalog that a test may write to (live lookups store shows)."""
    copy = tmp_path / "copy.sqlite"
    shutil.copy(bundled_db, copy)
    with Catalog.open(f"sqlite:///{copy}") as catalog:
        yield catalog


@pytest.fixture
def credited(tmp_path: Path) -> Iterator[Catalog]:
    """Breaking Bad as TMDB credits it: characters for the cast, creators in the crew."""
    show = make_show("Breaking Bad", key="169", year=2008, platform="AMC", seasons=5, episodes=2)
    show.credits = [
        CreditRecord("Bryan Cranston", "cast", TMDB, "Walter White", "tmdb:17419"),
        CreditRecord("Aaron Paul", "cast", TMDB, "Jesse Pinkman", "tmdb:84497"),
        CreditRecord("Anna Gunn", "cast", TMDB, "Skyler White", "tmdb:134531"),
        CreditRecord("Vince Gilligan", "crew", TMDB, "Creator", "tmdb:66633"),
        CreditRecord("Michelle MacLaren", "crew", TMDB, "Director", "tmdb:1223"),
    ]
    with Catalog.open(f"sqlite:///{tmp_path / 'credited.sqlite'}", seed=False) as catalog:
        catalog.store([show])
        yield catalog
