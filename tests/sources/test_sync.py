"""`nextseason sync`: TVmaze's show index into the catalog, over a loopback server.

The pages hold the recorded TVmaze show objects (tests/support/tvmaze_index.py); faults
are the replay server's (5xx, HTML instead of JSON, a body cut short).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from nextseason.catalog import Catalog
from nextseason.catalog import schema as t
from nextseason.cli import main
from nextseason.model import (
    CreditRecord,
    EpisodeRecord,
    PlatformRef,
    ShowBundle,
    ShowRecordData,
    SourceRef,
    StatusRecord,
)
from nextseason.refresh.sync import Syncer
from nextseason.sources.http import HttpClient, HttpSettings
from tests.support.replay import ReplayServer, Reply
from tests.support.tvmaze_index import recorded_pages, recorded_shows, serve_index

METACRITIC = SourceRef(
    "metacritic_scorecard",
    "https://www.metacritic.com/feature/tv-renewal-scorecard",
    datetime(2019, 6, 1),
    "Metacritic's editorial text",
)


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as replay:
        yield replay


@pytest.fixture
def online(server: ReplayServer, monkeypatch: pytest.MonkeyPatch) -> ReplayServer:
    monkeypatch.setenv("NEXTSEASON_OFFLINE", "0")
    monkeypatch.setenv("NEXTSEASON_HTTP_RETRIES", "0")  # faults fail at once
    monkeypatch.setenv("NEXTSEASON_TVMAZE_URL", server.url)
    return server


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "c.sqlite"
    Catalog.open(f"sqlite:///{path}", seed=False).close()
    return str(path)


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    code = info.value.code
    return code if isinstance(code, int) else 0


_CLIENTS: list[HttpClient] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _CLIENTS:
        _CLIENTS.pop().close()


def _syncer(catalog: Catalog, server: ReplayServer) -> Syncer:
    client = HttpClient(HttpSettings(base_urls={"tvmaze": server.url}, retries=0))
    _CLIENTS.append(client)
    return Syncer(catalog, client, retry_pause=0)


def _readings(catalog: Catalog) -> dict[str, tuple[str, datetime, dict[str, Any]]]:
    """TVmaze id -> (status, read_at, details) of the TVmaze readings."""
    ids, readings = t.external_ids, t.status_readings
    with catalog.connect() as conn:
        rows = conn.execute(
            select(ids.c.value, readings.c.status, readings.c.read_at, readings.c.details)
            .join(readings, readings.c.show_id == ids.c.show_id)
            .where(ids.c.scheme == "tvmaze", readings.c.source == "tvmaze")
        )
        return {r.value: (r.status, r.read_at, dict(r.details)) for r in rows}


def _show_of(catalog: Catalog, tvmaze_id: int) -> ShowBundle:
    with catalog.connect() as conn:
        show_id = conn.execute(
            select(t.external_ids.c.show_id).where(
                t.external_ids.c.scheme == "tvmaze", t.external_ids.c.value == str(tvmaze_id)
            )
        ).scalar_one()
    return catalog.show(show_id)


# -- a full sync ----------------------------------------------------------------------------


def test_a_full_sync_stores_every_show_with_a_status_dated_by_tvmaze(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    serve_index(server, recorded_pages())
    report = _syncer(empty_catalog, server).run()

    shows = recorded_shows()
    assert (report.mode, report.pages, report.created, report.complete) == ("full", 3, 24, True)
    assert [r.param("page") for r in server.find("GET", "/shows")] == ["0", "1", "2", "3"]
    readings = _readings(empty_catalog)
    assert set(readings) == {str(s["id"]) for s in shows}
    for show in shows:
        status, read_at, details = readings[str(show["id"])]
        changed = datetime.fromtimestamp(show["updated"], UTC).replace(tzinfo=None)
        assert status == show["status"]  # verbatim: Running, Ended, To Be Determined...
        assert read_at == changed
        assert details == {"tvmaze_updated": changed.isoformat()}
    assert {s for s, _, _ in readings.values()} == {
        "Running",
        "Ended",
        "To Be Determined",
        "In Development",
    }
    selena = _show_of(empty_catalog, 40019)
    assert (selena.title, selena.premiered, selena.ended) == (
        "Selena: The Series",
        date(2020, 12, 4),
        date(2021, 5, 4),
    )
    assert selena.external_ids == {"tvmaze": "40019", "imdb": "tt9421868", "thetvdb": "368453"}
    # TVmaze lists a show's current channel: a listed channel, not a claimed original.
    assert [(p.platform.name, p.role) for p in selena.platforms] == [("Netflix", "listed")]
    assert selena.src.url.endswith("/shows?page=2")


def test_two_tvmaze_ids_are_two_shows_even_with_one_title(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    serve_index(server, recorded_pages())
    _syncer(empty_catalog, server).run()
    klassen = [e for e in empty_catalog.title_index().entries if e.title == "Klassen"]
    team = [e for e in empty_catalog.title_index().entries if e.title == "The A-Team"]
    assert (len(klassen), len(team)) == (2, 2)


def test_the_cli_syncs_and_says_what_it_did(
    online: ReplayServer, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_index(online, recorded_pages())
    assert run("sync", "--db", db) == 0
    out = capsys.readouterr().out
    assert "synced TVmaze's show index: 3 pages, 24 shows (24 new, 0 updated" in out
    assert run("search", "Derry Girls", "--db", db) == 0


def test_the_cli_syncs_as_json(
    online: ReplayServer, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    serve_index(online, recorded_pages())
    assert run("sync", "--format", "json", "--db", db) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["mode"], report["pages"], report["created"], report["stored"]) == (
        "full",
        3,
        24,
        24,
    )
    assert report["complete"] is True and report["warnings"] == []


def test_offline_sync_is_a_clear_error_and_asks_nobody(
    server: ReplayServer,
    db: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEXTSEASON_TVMAZE_URL", server.url)  # still offline (conftest)
    assert run("sync", "--db", db) == 4
    err = capsys.readouterr().err
    assert "offline" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert server.requests == []


def test_since_takes_only_day_week_or_month(db: str) -> None:
    assert run("sync", "--since", "year", "--db", db) == 2


# -- placing shows, and keeping what other sources gave ------------------------------------


def test_shows_are_placed_by_tvmaze_id_then_imdb_or_thetvdb_never_by_title(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    ref = METACRITIC
    held = [
        # Game of Thrones by its TVmaze id, under another title: the same show.
        ShowBundle("GoT", ref, external_ids={"tvmaze": "82"}),
        # Girls by its IMDb id, no TVmaze id yet: the same show.
        ShowBundle("Girls (HBO)", ref, external_ids={"imdb": "tt1723816"}),
        # Derry Girls by its TheTVDB id.
        ShowBundle("Derry Girls", ref, external_ids={"thetvdb": "338903"}),
        # Good Girls' IMDb id, but another TVmaze id: another show, left alone.
        ShowBundle("Good Girls", ref, external_ids={"imdb": "tt6474378", "tvmaze": "999999"}),
        # Same title as a TVmaze show, no ids: never matched by title.
        ShowBundle("Gilmore Girls", ref, year=2000),
    ]
    empty_catalog.store(held)
    before = {b.title: b.id for b in held}
    serve_index(server, recorded_pages())
    report = _syncer(empty_catalog, server).run()

    assert (report.updated, report.created) == (3, 21)
    assert _show_of(empty_catalog, 82).id == before["GoT"]
    assert _show_of(empty_catalog, 82).title == "Game of Thrones"
    assert _show_of(empty_catalog, 139).id == before["Girls (HBO)"]
    assert _show_of(empty_catalog, 33320).id == before["Derry Girls"]
    good = _show_of(empty_catalog, 23542)
    assert good.id != before["Good Girls"]
    assert "imdb" not in good.external_ids  # the id stays with the show that had it
    assert empty_catalog.show(before["Good Girls"]).external_ids["tvmaze"] == "999999"
    assert _show_of(empty_catalog, 525).id != before["Gilmore Girls"]
    assert empty_catalog.show(before["Gilmore Girls"]).records == []


def test_a_sync_keeps_episodes_credits_other_sources_and_their_fields(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    tvmaze_old = SourceRef("tvmaze", "https://api.tvmaze.com/shows/41734", datetime(2019, 1, 2), "")
    # GIRLS (UBS): TVmaze gives no premiere and no summary.
    held = ShowBundle(
        "GIRLS",
        METACRITIC,
        year=2018,
        summary="<p>A girl group's trainees.</p>",
        platform=PlatformRef("Mnet", "network"),  # where a scorecard saw it premiere
        status="Ended",
        ended=date(2019, 1, 1),
        external_ids={"tvmaze": "41734", "imdb": "tt8709752"},
        records=[
            ShowRecordData("metacritic_scorecard", "girls-ubs", "GIRLS", 2018, {"a": 1}, METACRITIC)
        ],
        episodes=[EpisodeRecord(1, 1, tvmaze_old, title="Pilot", airdate=date(2018, 5, 1))],
        credits=[CreditRecord("Ada Lee", "cast", tvmaze_old, part="Mina", person_key="tvmaze:7")],
        statuses=[
            StatusRecord("metacritic_scorecard", "renewed", datetime(2019, 5, 1), METACRITIC),
            StatusRecord("tvmaze", "Ended", datetime(2019, 1, 2), tvmaze_old),
        ],
        field_src={"summary": METACRITIC, "year": METACRITIC},
    )
    empty_catalog.store([held])
    serve_index(server, recorded_pages())
    _syncer(empty_catalog, server).run()

    show = empty_catalog.show(held.id or 0)
    assert [(e.title, e.airdate) for e in show.episodes] == [("Pilot", date(2018, 5, 1))]
    assert [(c.person_name, c.part) for c in show.credits] == [("Ada Lee", "Mina")]
    assert {r.source for r in show.records} == {"metacritic_scorecard", "tvmaze"}
    assert {(s.source, s.status) for s in show.statuses} == {
        ("metacritic_scorecard", "renewed"),
        ("tvmaze", "Ended"),
        ("tvmaze", "Running"),
    }
    # TVmaze's values win where it has them; the others stay, with their own source.
    assert (show.status, show.ended) == ("Running", None)  # running: no end date
    assert show.summary == "<p>A girl group's trainees.</p>"
    assert show.source_of("summary").source == "metacritic_scorecard"
    assert (show.year, show.source_of("year").source) == (2018, "metacritic_scorecard")
    assert show.source_of("status").source == "tvmaze"
    # The channel the catalog held stays; TVmaze's is added as the channel it lists.
    assert show.platform == PlatformRef("Mnet", "network")
    assert show.source_of("platform").source == "metacritic_scorecard"
    assert [(p.platform.name, p.role) for p in show.platforms] == [("UBS", "listed")]


def test_a_second_sync_writes_only_what_changed(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    pages = recorded_pages()
    serve_index(server, pages)
    _syncer(empty_catalog, server).run(full=True)
    changed = copy.deepcopy(pages)
    changed[0][0] = {**changed[0][0], "status": "Running", "updated": 1_700_000_000}
    serve_index(server, changed)
    report = _syncer(empty_catalog, server).run(full=True)
    assert (report.updated, report.created, report.unchanged) == (1, 0, 23)
    with empty_catalog.connect() as conn:
        count = conn.execute(select(func.count()).select_from(t.shows)).scalar()
    assert count == 24


# -- faults ---------------------------------------------------------------------------------


def test_a_failed_page_is_tried_again_after_the_others(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    pages: dict[int, Any] = dict(enumerate(recorded_pages()))
    pages[1] = [Reply.error(503), Reply.json(pages[1])]
    serve_index(server, pages)
    report = _syncer(empty_catalog, server).run()
    assert (report.created, report.failed_pages, report.complete) == (24, [], True)
    assert [r.param("page") for r in server.find("GET", "/shows")] == ["0", "1", "2", "3", "1"]


@pytest.mark.parametrize(
    "fault",
    [
        Reply.error(500),
        Reply.rate_limited(0),
        Reply.html(),
        Reply.json([{"id": 1}]).truncated(5),
        Reply.closed(),
    ],
    ids=["5xx", "429", "html", "cut-short", "hang-up"],
)
def test_a_page_that_keeps_failing_is_left_for_the_next_run(
    server: ReplayServer, empty_catalog: Catalog, fault: Reply
) -> None:
    good = recorded_pages()
    serve_index(server, {0: good[0], 1: fault, 2: good[2]})
    report = _syncer(empty_catalog, server).run()
    assert (report.created, report.failed_pages, report.complete) == (16, [1], False)
    assert any("page 1" in w and "next sync" in w for w in report.warnings)

    # The next plain sync reads the page left over first, then the updates since.
    serve_index(server, good)
    server.add("GET", "/updates/shows", Reply.json({}), query={"since": "day"})
    server.clear_log()
    again = _syncer(empty_catalog, server).run()
    assert (again.mode, again.created, again.failed_pages) == ("updates", 8, [])
    assert [r.param("page") for r in server.find("GET", "/shows")] == ["1"]
    assert len(_readings(empty_catalog)) == 24


def test_a_malformed_show_is_left_out_and_its_page_kept(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    pages = recorded_pages()
    pages[0][2] = {**pages[0][2], "name": None}
    pages[1][0] = {**pages[1][0], "premiered": "sometime in 2016"}
    pages[2].append("not a show")  # type: ignore[arg-type]
    serve_index(server, pages)
    report = _syncer(empty_catalog, server).run()
    assert (report.created, report.skipped, report.complete) == (22, 3, True)
    assert sum("left out a show" in w for w in report.warnings) == 3
    assert any("has no 'name' field" in w for w in report.warnings)


def test_many_failed_pages_in_a_row_stop_the_run_and_the_next_goes_on(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    good = recorded_pages()
    serve_index(server, {0: good[0], **{n: Reply.error(502) for n in range(1, 9)}})
    report = _syncer(empty_catalog, server).run()
    assert report.complete is False and report.created == 8
    assert max(int(r.param("page") or 0) for r in server.find("GET", "/shows")) == 5

    server.clear_log()
    serve_index(server, {1: good[1], 2: good[2]})
    again = _syncer(empty_catalog, server).run()
    assert (again.mode, again.created, again.complete) == ("full", 16, True)
    assert [r.param("page") for r in server.find("GET", "/shows")] == ["1", "2", "3"]


def test_nothing_readable_exits_4(
    online: ReplayServer, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_index(online, {n: Reply.error(503) for n in range(6)})
    assert run("sync", "--db", db) == 4
    err = capsys.readouterr().err
    assert "HTTP 503" in err and "Traceback" not in err


# -- the updates feed -----------------------------------------------------------------------


def _feed(server: ReplayServer, window: str, stamps: dict[int, int]) -> None:
    server.add(
        "GET",
        "/updates/shows",
        Reply.json({str(k): v for k, v in stamps.items()}),
        query={"since": window},
    )


def test_since_refetches_only_the_shows_changed(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    serve_index(server, recorded_pages())
    _syncer(empty_catalog, server).run()
    shows = {s["id"]: s for s in recorded_shows()}
    newer = {**shows[40019], "status": "Ended", "ended": "2021-05-04", "updated": 1_700_000_000}
    newer["summary"] = "<p>Changed.</p>"
    server.add("GET", "/shows/40019", Reply.json(newer))
    # 82 is listed as changed but the catalog already holds that version.
    _feed(server, "week", {40019: 1_700_000_000, 82: shows[82]["updated"]})
    server.clear_log()

    report = _syncer(empty_catalog, server).run(since="week")
    assert (report.mode, report.changed, report.updated, report.unchanged) == ("updates", 2, 1, 1)
    assert [r.path for r in server.requests] == ["/updates/shows", "/shows/40019"]
    selena = _show_of(empty_catalog, 40019)
    assert selena.summary == "<p>Changed.</p>"
    assert {s.read_at for s in selena.statuses if s.source == "tvmaze"} >= {
        datetime(2023, 11, 14, 22, 13, 20)
    }


def test_a_plain_sync_after_a_full_one_reads_the_updates_feed(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    serve_index(server, recorded_pages())
    _syncer(empty_catalog, server).run()
    _feed(server, "day", {})
    server.clear_log()
    report = _syncer(empty_catalog, server).run()
    assert (report.mode, report.window) == ("updates", "day")
    assert [r.path for r in server.requests] == ["/updates/shows"]


def test_many_changed_shows_on_one_page_are_read_from_the_page(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    shows = [s for s in recorded_shows() if s["id"] < 250]  # 82, 111, 139: index page 0
    serve_index(server, [shows])
    _syncer(empty_catalog, server).run()
    later = [{**s, "updated": 1_700_000_000, "status": "Running"} for s in shows]
    later[2]["updated"] = 1_600_000_000  # the page's copy is older than the feed says
    serve_index(server, [later])
    fresh = {**shows[2], "updated": 1_700_000_500, "status": "Running"}
    server.add("GET", f"/shows/{shows[2]['id']}", Reply.json(fresh))
    _feed(
        server, "day", {s["id"]: 1_700_000_000 for s in shows[:2]} | {shows[2]["id"]: 1_700_000_400}
    )
    server.clear_log()

    report = _syncer(empty_catalog, server).run(since="day")
    assert [(r.path, r.param("page")) for r in server.requests] == [
        ("/updates/shows", None),
        ("/shows", "0"),
        (f"/shows/{shows[2]['id']}", None),
    ]
    assert report.updated == 3
    assert {v[0] for v in _readings(empty_catalog).values()} == {"Running"}


def test_a_show_known_from_tvmazes_own_show_index_takes_its_tvmaze_id(
    server: ReplayServer, empty_catalog: Catalog
) -> None:
    # The bundled catalog's TVmaze show index entries are TVmaze shows by name and channel,
    # without ids: the same name on the same channel is that show; another channel is not.
    index = SourceRef(
        "tvmaze_index", "https://api.tvmaze.com/shows", datetime(2022, 11, 26), "CC BY-SA 4.0"
    )

    def entry(name: str, network: str) -> ShowBundle:
        data = {"network": network, "web_channel": None}
        return ShowBundle(
            name, index, records=[ShowRecordData("tvmaze_index", name, name, None, data, index)]
        )

    same, other = entry("Game of Thrones", "HBO"), entry("Girls", "FOX")
    empty_catalog.store([same, other])
    serve_index(server, recorded_pages())
    _syncer(empty_catalog, server).run()
    assert _show_of(empty_catalog, 82).id == same.id
    assert _show_of(empty_catalog, 139).id != other.id
    assert "tvmaze" not in empty_catalog.show(other.id or 0).external_ids
