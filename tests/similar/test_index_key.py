"""Writes that change nothing the similar-shows index reads (a watchlist entry, a check, a
token's last use) do not rebuild it: a rebuild takes seconds on the bundled catalog, and a
client with a token could otherwise make every next page wait that long."""

from __future__ import annotations

import pytest

from nextseason import app
from nextseason.catalog import Catalog
from nextseason.catalog.similar_rows import SimilarRows
from nextseason.similar import store
from tests.similar.conftest import show

HOSPITAL = "Surgeons at a Seattle hospital fall in love between operations."


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    builds: list[int] = []
    real = store.build_index

    def counted(records: object) -> object:
        builds.append(1)
        return real(records)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "build_index", counted)
    return builds


def test_a_watchlist_entry_does_not_rebuild_the_index(
    small: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    small.store([show("Ward Nine", "1", HOSPITAL), show("Ward Ten", "2", HOSPITAL)])
    builds = _count_builds(monkeypatch)
    first = store.index_for(SimilarRows(small))
    assert len(builds) == 1
    app.watch_add(small, small.find("Ward Nine")[0].id, today=date(2026, 11, 27))
    assert store.index_for(SimilarRows(small)) is first
    # A new process (nothing in memory) reads the index from disk, without a rebuild.
    monkeypatch.setattr(store, "_MEMORY", {})
    monkeypatch.setattr(store, "_KEYS", {})
    assert store.index_for(SimilarRows(small)).size == 2
    assert len(builds) == 1
    # A new show is a change the index must see.
    small.store([show("Ward Eleven", "3", HOSPITAL)])
    assert store.index_for(SimilarRows(small)).size == 3
    assert len(builds) == 2
