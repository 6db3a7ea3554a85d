"""Writes are idempotent upserts inside transactions; an interrupted write loses nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from nextseason.catalog import Catalog
from nextseason.errors import CatalogError, ShowNotFound
from nextseason.model import CreditRecord, InterestRecord, ShowBundle
from tests.conftest import NETFLIX_2021, TVMAZE, make_show


def test_storing_the_same_show_twice_changes_nothing(empty_catalog: Catalog) -> None:
    show = make_show("Dash & Lily", key="1")
    show.credits = [CreditRecord("Midori Francis", "cast", NETFLIX_2021, "Lily")]
    first = empty_catalog.store([show])
    counts = empty_catalog.counts()
    again = empty_catalog.store([make_show("Dash & Lily", key="1")])
    assert (first.shows_created, again.shows_created, again.shows_updated) == (1, 0, 1)
    assert empty_catalog.counts() == counts


def test_a_later_reading_updates_the_show_in_place(empty_catalog: Catalog) -> None:
    empty_catalog.store([make_show("Lupin", key="2", status="Running")])
    empty_catalog.store([make_show("Lupin", key="2", status="Ended")])
    entry, _ = empty_catalog.find("Lupin")
    assert entry.status == "Ended"
    assert empty_catalog.counts()["shows"] == 1


def test_ctrl_c_during_a_batch_stores_nothing_of_it(empty_catalog: Catalog) -> None:
    empty_catalog.store([make_show("Bridgerton", key="3")])
    before = empty_catalog.counts()

    def shows_then_ctrl_c() -> Iterator[ShowBundle]:
        yield make_show("The Crown", key="4")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        empty_catalog.store(shows_then_ctrl_c())
    assert empty_catalog.counts() == before


def test_a_show_the_database_rejects_leaves_no_partial_rows(empty_catalog: Catalog) -> None:
    empty_catalog.store([make_show("Bridgerton", key="3")])
    before = empty_catalog.counts()
    broken = make_show("The Crown", key="4")
    # A point without a date violates the schema after the show row was written.
    broken.interest = [InterestRecord("netflix_top10", "weekly_rank", "week", None, 1.0, TVMAZE)]  # type: ignore[arg-type]
    with pytest.raises(CatalogError):
        empty_catalog.store([broken])
    assert empty_catalog.counts() == before
    with pytest.raises(ShowNotFound):
        empty_catalog.find("The Crown")


def test_one_record_per_source_row(empty_catalog: Catalog) -> None:
    show = make_show("Sweet Magnolias", key="5")
    show.records.append(
        dataclasses.replace(
            show.records[0], source="netflix_catalog_2021", source_key="s77", src=NETFLIX_2021
        )
    )
    empty_catalog.store([show])
    stored = empty_catalog.show(show.id or 0)
    assert sorted(r.source for r in stored.records) == ["netflix_catalog_2021", "tvmaze"]
