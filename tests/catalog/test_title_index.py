"""The title index stored in the catalog: kept in step with every write, searched without
building anything in memory, as typo tolerant as the in-memory index."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import delete, text, update

from nextseason.catalog import Catalog
from nextseason.catalog import schema as t
from nextseason.catalog.stored_titles import StoredTitles, has_stored_index
from nextseason.text import title_key
from tests.conftest import make_show


def test_a_migrated_catalog_has_its_title_index_and_the_triggers_that_keep_it(
    empty_catalog: Catalog,
) -> None:
    with empty_catalog.connect() as conn:
        assert has_stored_index(conn)
        if conn.dialect.name == "sqlite":
            triggers = set(
                conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'shows'"
                ).scalars()
            )
            assert {
                "shows_title_grams_insert",
                "shows_title_grams_update",
                "shows_title_grams_delete",
            } <= triggers
    assert isinstance(empty_catalog.titles(), StoredTitles)


def test_new_renamed_and_deleted_shows_are_searched_as_they_are_now(
    empty_catalog: Catalog,
) -> None:
    catalog = empty_catalog
    catalog.store([make_show("Stranger Things", key="1"), make_show("Dash & Lily", key="2")])
    assert [h.entry.title for h in catalog.search("strnger thigns")][:1] == ["Stranger Things"]
    # A source renames the show: the next store updates the title, and the index with it.
    catalog.store([make_show("Stranger Things: Tales", key="1")])
    assert [h.entry.title for h in catalog.search("stranger things tales")][:1] == [
        "Stranger Things: Tales"
    ]
    assert catalog.search("dash and lily")[0].exact
    with catalog.transaction() as conn:
        conn.execute(delete(t.shows).where(t.shows.c.title == "Dash & Lily"))
    assert catalog.search("dash and lily") == []
    assert catalog._index is None  # nothing was built in memory


def test_a_rename_outside_the_writer_reaches_the_index_too(empty_catalog: Catalog) -> None:
    empty_catalog.store([make_show("The Office", key="1")])
    with empty_catalog.transaction() as conn:
        conn.execute(
            update(t.shows).values(
                title="Parks and Recreation", title_key=title_key("Parks and Recreation")
            )
        )
    assert empty_catalog.search("the office") == []
    assert empty_catalog.search("parks and recreaton")[0].entry.title == "Parks and Recreation"


def test_a_catalog_without_the_stored_index_searches_in_memory(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    with Catalog.open(f"sqlite:///{tmp_path / 'c.sqlite'}", seed=False) as catalog:
        catalog.store([make_show("Stranger Things", key="1")])
        with catalog.transaction() as conn:
            for name in ("update", "delete", "insert"):
                conn.execute(text(f"DROP TRIGGER shows_title_grams_{name}"))
            conn.execute(text("DROP TABLE title_grams_vocab"))
            conn.execute(text("DROP TABLE title_grams"))
    with Catalog.open(f"sqlite:///{tmp_path / 'c.sqlite'}", seed=False) as catalog:
        assert catalog.search("strnger thigns")[0].entry.title == "Stranger Things"
        assert catalog._index is not None


def _typo(rng: random.Random, title: str) -> str:
    chars = list(title.lower())
    i = rng.randrange(1, len(chars) - 1)
    if rng.randrange(2):
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:
        del chars[i]
    return "".join(chars)


@pytest.mark.parametrize("typos", [False, True])
def test_the_stored_index_finds_bundled_shows_as_often_as_the_in_memory_one(
    bundled_db: object, typos: bool
) -> None:
    """Typo tolerance does not drop: 300 titles of the bundled catalog, typed right or with
    a typo, are found by the stored index at least as often as by the in-memory one."""
    with Catalog.open(f"sqlite:///{bundled_db}") as catalog:
        memory = catalog.title_index()
        entries = [e for e in memory.entries if len(e.key) >= 8]
        rng = random.Random(5)
        picks = rng.sample(entries, 300)
        asks = [_typo(rng, e.title) if typos else e.title.lower() for e in picks]
        stored = StoredTitles(catalog.connect)
        found_stored = sum(
            e.id in {h.entry.id for h in stored.search(a)} for a, e in zip(asks, picks, strict=True)
        )
        found_memory = sum(
            e.id in {h.entry.id for h in memory.search(a)} for a, e in zip(asks, picks, strict=True)
        )
    assert found_stored >= found_memory
    assert found_stored >= (290 if typos else 299)
