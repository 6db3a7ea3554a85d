"""The mini raw files (tests/fixtures/raw_mini, real rows of every raw file), built once."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from nextseason.build import build_bundled
from nextseason.catalog import Catalog
from nextseason.importers.bundled import BuildReport
from nextseason.model import ShowBundle
from nextseason.text import title_key

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "raw_mini"


@dataclass
class Built:
    report: BuildReport
    artifact: Path
    catalog: Catalog

    def shows(self, title: str) -> list[ShowBundle]:
        """Every show whose title is ``title`` (namesakes included), by id."""
        with self.catalog.connect() as conn:
            from nextseason.catalog.queries import shows_by_key

            entries = sorted(shows_by_key(conn, title_key(title)), key=lambda e: e.id)
        return [self.catalog.show(e.id) for e in entries]

    def show(self, title: str) -> ShowBundle:
        found = self.shows(title)
        assert len(found) == 1, f"{len(found)} shows are titled {title!r}"
        return found[0]


def open_artifact(artifact: Path, folder: Path) -> Catalog:
    """The built catalog, unpacked into ``folder`` and opened without seeding."""
    db = folder / "catalog.sqlite"
    with gzip.open(artifact, "rb") as src, open(db, "wb") as out:
        shutil.copyfileobj(src, out)
    return Catalog.open(f"sqlite:///{db}", seed=False)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    out = tmp_path_factory.mktemp("mini-build")
    report = build_bundled(MINI, out / "catalog.sqlite.gz")
    with open_artifact(out / "catalog.sqlite.gz", out) as catalog:
        yield Built(report, out / "catalog.sqlite.gz", catalog)
