"""The web app over a fresh copy of the bundled catalog, driven through httpx's ASGI transport.

``site`` is read-only and shared by a module (building the title index costs a second);
``fresh`` is a new catalog for each test that writes (watchlist, tokens, new shows).
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from nextseason.catalog import Catalog
from nextseason.catalog.tokens import create_token
from nextseason.config import Settings
from nextseason.sources.base import now_utc
from nextseason.web import create_app
from nextseason.web.state import WebLimits

TODAY = "2026-11-27"
#: Limits that tests other than the rate-limit ones never reach.
GENEROUS = WebLimits(rate=1000.0, burst=100_000.0)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@dataclass
class Site:
    """An app, its catalog, and an API token for the write endpoints."""

    app: FastAPI
    catalog: Catalog
    token: str

    def client(self, **kwargs: object) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://testserver",
            **kwargs,  # type: ignore[arg-type]
        )

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def copy_of_bundled(bundled_db: Path, folder: Path) -> Path:
    path = folder / "c.sqlite"
    shutil.copyfile(bundled_db, path)
    return path


def make_site(path: Path, limits: WebLimits = GENEROUS) -> Site:
    catalog = Catalog.open(f"sqlite:///{path}")
    with catalog.transaction() as conn:
        _, token = create_token(conn, "tests", now_utc())
    settings = Settings(db_url=f"sqlite:///{path}", today=TODAY, offline=True)
    return Site(create_app(settings, catalog=catalog, limits=limits), catalog, token)


@pytest.fixture(scope="module")
def site(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    made = make_site(copy_of_bundled(bundled_db, tmp_path_factory.mktemp("web")))
    yield made
    made.catalog.close()


@pytest.fixture
def fresh(bundled_db: Path, tmp_path: Path) -> Iterator[Site]:
    made = make_site(copy_of_bundled(bundled_db, tmp_path))
    yield made
    made.catalog.close()


@pytest.fixture
async def client(site: Site) -> AsyncIterator[httpx.AsyncClient]:
    async with site.client() as c:
        yield c


def show_id(catalog: Catalog, title: str) -> int:
    entry, exact = catalog.find(title)
    assert exact
    return entry.id


def today() -> date:
    return date.fromisoformat(TODAY)
