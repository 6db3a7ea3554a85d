"""Shared fixtures: fresh catalogs per test, the real bundled catalog once per session."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.model import (
    EpisodeRecord,
    PlatformLink,
    PlatformRef,
    ShowBundle,
    ShowRecordData,
    SourceRef,
    StatusRecord,
)

TVMAZE = SourceRef(
    "tvmaze",
    "https://api.tvmaze.com/schedule/web?date=2020-12-04",
    datetime(2020, 12, 31, 12, 0),
    "CC BY-SA 4.0",
)
NETFLIX_2021 = SourceRef(
    "netflix_catalog_2021",
    "https://www.kaggle.com/datasets/shivamb/netflix-shows",
    datetime(2021, 9, 25),
    "CC0 1.0",
)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the user's real catalog or settings from a test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NEXTSEASON_HOME", str(home))
    monkeypatch.setenv("NEXTSEASON_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("NEXTSEASON_DB", raising=False)
    # No test may reach the internet: offline unless a test points a source at a loopback
    # server and switches this off itself.
    monkeypatch.setenv("NEXTSEASON_OFFLINE", "1")
    monkeypatch.setenv("NEXTSEASON_CACHE_DIR", str(home / "http-cache"))
    for name in (
        "NEXTSEASON_TMDB_KEY",
        "NEXTSEASON_REDDIT_CLIENT_ID",
        "NEXTSEASON_REDDIT_CLIENT_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)


#: Catalog backends the catalog tests run on: SQLite always, PostgreSQL when CI gives a
#: server (NEXTSEASON_TEST_PG, an SQLAlchemy URL of a database we may create others from).
PG_URL = os.environ.get("NEXTSEASON_TEST_PG", "")
BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]


@contextlib.contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of a new, empty database of ``backend``; dropped afterwards (PostgreSQL)."""
    if backend == "sqlite":
        folder.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{folder / 'catalog.sqlite'}"
        return
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(PG_URL)
    name = f"ns_test_{uuid.uuid4().hex[:12]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_catalog(backend: str, tmp_path: Path) -> Iterator[Catalog]:
    """A freshly migrated catalog with no shows, on each backend."""
    with fresh_database(backend, tmp_path) as url, Catalog.open(url, seed=False) as catalog:
        yield catalog


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalog file seeded from the bundled catalog shipped in the package."""
    path = tmp_path_factory.mktemp("bundled") / "catalog.sqlite"
    Catalog.open(f"sqlite:///{path}").close()
    return path


@pytest.fixture(scope="session")
def bundled(bundled_db: Path) -> Iterator[Catalog]:
    """The bundled catalog, opened once per session; tests must not write to it."""
    with Catalog.open(f"sqlite:///{bundled_db}") as catalog:
        yield catalog


def make_show(
    title: str,
    *,
    key: str,
    year: int | None = 2020,
    status: str | None = "Ended",
    platform: str | None = "Netflix",
    seasons: int = 1,
    episodes: int = 3,
    kind: str = "Scripted",
    summary: str = "<p>A show.</p>",
) -> ShowBundle:
    """A realistic TVmaze-like bundle for tests that need their own catalog."""
    plat = PlatformRef(platform, "streaming") if platform else None
    return ShowBundle(
        title=title,
        src=TVMAZE,
        year=year,
        status=status,
        kind=kind,
        summary=summary,
        premiered=date(year, 1, 1) if year else None,
        platform=plat,
        external_ids={"tvmaze": key},
        records=[ShowRecordData("tvmaze", key, title, year, {"status": status}, TVMAZE)],
        platforms=[PlatformLink(plat, "web", TVMAZE)] if plat else [],
        episodes=[
            EpisodeRecord(
                season,
                n,
                TVMAZE,
                title=f"Episode {n}",
                airdate=date(2020, 12, n),
                summary=f"<p>Episode {n} of season {season}.</p>",
                source_id=f"{key}-{season}-{n}",
            )
            for season in range(1, seasons + 1)
            for n in range(1, episodes + 1)
        ],
        statuses=[StatusRecord("tvmaze", status, TVMAZE.retrieved_at, TVMAZE)] if status else [],
    )
