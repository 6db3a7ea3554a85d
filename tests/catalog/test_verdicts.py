"""Verdicts stored with the show: every write stores them, reads serve them, and a stored
verdict is the one the rules give from scratch."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select

from nextseason.analysis.status import verdict_for
from nextseason.app import judging, next_season, next_season_verdict, search_rows
from nextseason.catalog import Catalog, verdicts
from nextseason.catalog import schema as t
from nextseason.catalog.db import MIGRATIONS_DIR
from nextseason.catalog.queries import status_facts
from nextseason.errors import CatalogError
from nextseason.model import (
    ShowBundle,
    ShowRecordData,
    SourceRef,
    StatusFacts,
    StatusRecord,
    StatusVerdict,
)
from nextseason.refresh.sync import Syncer
from nextseason.sources.http import HttpClient, HttpSettings
from tests.conftest import fresh_database, make_show
from tests.support.replay import ReplayServer
from tests.support.tvmaze_index import recorded_pages, serve_index

TODAY = date(2026, 11, 27)


@pytest.fixture
def judged(backend: str, tmp_path: Path) -> Iterator[Catalog]:
    """A new catalog whose writes store verdicts as of TODAY."""
    with (
        fresh_database(backend, tmp_path) as url,
        Catalog.open(url, seed=False, judging=judging(lambda: TODAY)) as catalog,
    ):
        yield catalog


def _put(catalog: Catalog, show: ShowBundle) -> int:
    catalog.store([show])
    assert show.id is not None
    return show.id


def _stored(catalog: Catalog, show_id: int) -> verdicts.Judged | None:
    with catalog.connect() as conn:
        return verdicts.stored(conn, [show_id]).get(show_id)


def _from_scratch(catalog: Catalog, show_id: int, today: date) -> StatusVerdict:
    with catalog.connect() as conn:
        return verdict_for(status_facts(conn, [show_id])[show_id], today)


def test_every_bundled_show_has_a_stored_verdict_equal_to_the_one_computed_from_scratch(
    bundled: Catalog,
) -> None:
    with bundled.connect() as conn:
        ids = list(conn.execute(select(t.shows.c.id)).scalars())
        kept = verdicts.stored(conn, ids)
        facts = status_facts(conn, ids)
    assert len(ids) > 60_000
    assert kept.keys() == set(ids)
    differ = [
        i
        for i in ids
        if kept[i].verdict != verdict_for(facts[i], kept[i].today)
        or kept[i].seasons_known != max((c.season for c in facts[i].claims), default=0)
    ]
    assert differ == []


def test_storing_a_show_stores_its_verdict_and_a_new_reading_changes_it(
    judged: Catalog,
) -> None:
    show_id = _put(judged, make_show("Glimmer", key="1", status="Running"))
    first = _stored(judged, show_id)
    assert first is not None
    assert (first.verdict.verdict, first.today) == ("running", TODAY)

    judged.store([make_show("Glimmer", key="1", status="Ended", seasons=3)])
    after = _stored(judged, show_id)
    assert after is not None
    assert after.verdict.verdict == "ended"
    assert after.seasons_known == 3
    assert after.verdict == _from_scratch(judged, show_id, TODAY)


def test_a_write_whose_verdict_fails_leaves_the_show_and_its_verdict_as_they_were(
    judged: Catalog,
) -> None:
    show_id = _put(judged, make_show("Glimmer", key="1", status="Running"))

    def broken(facts: StatusFacts, today: date) -> StatusVerdict:
        raise RuntimeError("the rules failed")

    assert judged.judging is not None
    judged.judging = dataclasses.replace(judged.judging, rules=broken)
    with pytest.raises(RuntimeError):
        judged.store([make_show("Glimmer", key="1", status="Ended", seasons=3)])
    judged.judging = judging(lambda: TODAY)

    stored = _stored(judged, show_id)
    assert stored is not None and stored.verdict.verdict == "running"
    assert judged.show(show_id).status == "Running"
    assert stored.verdict == _from_scratch(judged, show_id, TODAY)


def test_a_write_without_the_rules_drops_the_verdict_and_the_next_read_computes_it(
    judged: Catalog,
) -> None:
    show_id = _put(judged, make_show("Glimmer", key="1", status="Running"))
    judged.judging = None
    judged.store([make_show("Glimmer", key="1", status="Ended", seasons=3)])
    assert _stored(judged, show_id) is None

    answer = next_season(judged, [show_id], today=TODAY)[show_id]
    assert answer.verdict.verdict == "ended"
    assert _stored(judged, show_id) == answer


def test_a_sync_stores_each_shows_verdict_with_the_show(judged: Catalog, tmp_path: Path) -> None:
    pages = recorded_pages()
    with ReplayServer() as server:
        serve_index(server, pages)
        client = HttpClient(HttpSettings(base_urls={"tvmaze": server.url}, retries=0))
        try:
            Syncer(judged, client, retry_pause=0).run(full=True)
            first = pages[0][0]
            changed = copy.deepcopy(pages)
            status = "Ended" if first["status"] != "Ended" else "Running"
            changed[0][0] = {**first, "status": status, "updated": 1_700_000_000}
            serve_index(server, changed)
            Syncer(judged, client, retry_pause=0).run(full=True)
        finally:
            client.close()
    with judged.connect() as conn:
        ids = list(conn.execute(select(t.shows.c.id)).scalars())
        kept = verdicts.stored(conn, ids)
        facts = status_facts(conn, ids)
        (resynced,) = conn.execute(
            select(t.external_ids.c.show_id).where(
                t.external_ids.c.scheme == "tvmaze", t.external_ids.c.value == str(first["id"])
            )
        ).scalars()
    assert len(ids) == 24 and kept.keys() == set(ids)
    assert all(kept[i].verdict == verdict_for(facts[i], TODAY) for i in ids)
    assert any(r.says == status for r in kept[resynced].verdict.readings)


def test_a_sync_judges_a_show_on_everything_the_catalog_holds_of_it(
    judged: Catalog,
) -> None:
    """A show the catalog already has from other sources, with episodes and other readings:
    its verdict stored by the sync (read on the driver's cursor) is the one computed from
    scratch from all of it, not from the index's answer alone."""
    pages = recorded_pages()
    first = pages[0][0]
    held = make_show(first["name"], key=str(first["id"]), status="Running", seasons=3)
    elsewhere = SourceRef("tmdb", "https://example.org/tv/1", datetime(2021, 3, 1), "test")
    held.statuses.append(StatusRecord("tmdb", "Returning Series", datetime(2021, 3, 1), elsewhere))
    held.records.append(ShowRecordData("tmdb", "1", first["name"], 2020, {}, elsewhere))
    show_id = _put(judged, held)
    with ReplayServer() as server:
        serve_index(server, pages)
        client = HttpClient(HttpSettings(base_urls={"tvmaze": server.url}, retries=0))
        try:
            Syncer(judged, client, retry_pause=0).run(full=True)
        finally:
            client.close()
    with judged.connect() as conn:
        ids = list(conn.execute(select(t.shows.c.id)).scalars())
        kept = verdicts.stored(conn, ids)
        facts = status_facts(conn, ids)
    assert len(ids) == 24 and kept.keys() == set(ids)
    assert facts[show_id].episode_count == 9 and "tmdb" in facts[show_id].statuses
    assert kept[show_id].seasons_known == 3
    assert [
        i
        for i in ids
        if kept[i].verdict != verdict_for(facts[i], TODAY)
        or kept[i].seasons_known != max((c.season for c in facts[i].claims), default=0)
        or kept[i].today != TODAY
    ] == []


def test_a_sync_without_the_rules_drops_the_verdicts_of_the_shows_it_rewrites(
    judged: Catalog,
) -> None:
    pages = recorded_pages()
    with ReplayServer() as server:
        serve_index(server, pages)
        client = HttpClient(HttpSettings(base_urls={"tvmaze": server.url}, retries=0))
        try:
            Syncer(judged, client, retry_pause=0).run(full=True)
            changed = copy.deepcopy(pages)
            changed[0][0] = {**pages[0][0], "updated": 1_700_000_000}
            serve_index(server, changed)
            judged.judging = None
            Syncer(judged, client, retry_pause=0).run(full=True)
        finally:
            client.close()
    with judged.connect() as conn:
        ids = list(conn.execute(select(t.shows.c.id)).scalars())
        kept = verdicts.stored(conn, ids)
        (rewritten,) = conn.execute(
            select(t.external_ids.c.show_id).where(
                t.external_ids.c.scheme == "tvmaze",
                t.external_ids.c.value == str(pages[0][0]["id"]),
            )
        ).scalars()
    assert kept.keys() == set(ids) - {rewritten}


def test_a_verdict_is_served_as_stored_for_a_day_then_computed_again(judged: Catalog) -> None:
    show_id = _put(judged, make_show("Glimmer", key="1", status="Running"))
    asked: list[date] = []

    def counted(facts: StatusFacts, today: date) -> StatusVerdict:
        asked.append(today)
        return next_season_verdict(facts, today)

    tomorrow = judged.verdicts([show_id], TODAY + timedelta(days=1), counted)[show_id]
    assert asked == []
    assert tomorrow.today == TODAY

    later = TODAY + timedelta(days=2)
    recomputed = judged.verdicts([show_id], later, counted)[show_id]
    assert asked == [later]
    assert recomputed.today == later
    assert recomputed.verdict.evidence_age_days == (tomorrow.verdict.evidence_age_days or 0) + 2
    assert recomputed.verdict == _from_scratch(judged, show_id, later)
    assert _stored(judged, show_id) == recomputed


def test_a_verdict_stored_for_a_later_day_is_not_served_for_an_earlier_one(
    judged: Catalog,
) -> None:
    show_id = _put(judged, make_show("Glimmer", key="1", status="Running"))
    earlier = TODAY - timedelta(days=1)
    answer = next_season(judged, [show_id], today=earlier)[show_id]
    assert answer.today == earlier
    assert answer.verdict == _from_scratch(judged, show_id, earlier)


def test_a_catalog_that_cannot_be_written_still_answers(
    judged: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    show_id = _put(judged, make_show("Glimmer", key="1", status="Running"))

    def refused() -> Iterator[None]:
        raise CatalogError("the catalog is read-only")

    monkeypatch.setattr(judged, "transaction", refused)
    later = TODAY + timedelta(days=30)
    answer = next_season(judged, [show_id], today=later)[show_id]
    assert answer.verdict == _from_scratch(judged, show_id, later)
    stored = _stored(judged, show_id)
    assert stored is not None and stored.today == TODAY


def test_search_shows_the_stored_verdict(judged: Catalog) -> None:
    judged.store([make_show("Glimmer", key="1", status="Ended", seasons=3)])
    (row,) = search_rows(judged, "Glimmer", limit=5, today=TODAY)
    assert row.verdict == "ended"


def test_the_migration_stores_every_existing_shows_verdict(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        with Catalog.open(url, seed=False) as catalog:
            catalog.store(
                [
                    make_show("Glimmer", key="1", status="Running"),
                    make_show("Dusk", key="2", status="Ended", seasons=4),
                ]
            )
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
            with catalog.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.downgrade(cfg, "0009")  # a catalog made before verdicts were stored
        with Catalog.open(url, judging=judging(lambda: TODAY)) as catalog:
            with catalog.connect() as conn:
                kept = verdicts.stored(conn, [1, 2])
            assert {i: j.verdict.verdict for i, j in kept.items()} == {
                1: "running",
                2: "ended",
            }
            assert all(j.today == TODAY for j in kept.values())
