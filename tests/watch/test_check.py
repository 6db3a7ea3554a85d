"""The watchlist and `check` as a user runs them, over a real catalog and a loopback webhook."""

from __future__ import annotations

import json
import socket
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.catalog import watchlist as store
from nextseason.cli import main
from nextseason.model import ShowBundle, StatusRecord
from nextseason.watch.webhook import verify
from tests.conftest import TVMAZE, make_show
from tests.support.replay import ReplayServer, Reply

ATOM = "{http://www.w3.org/2005/Atom}"


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    code = info.value.code
    return code if isinstance(code, int) else 0


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("NEXTSEASON_TODAY", "2026-11-27")
    path = tmp_path / "c.sqlite"
    with Catalog.open(f"sqlite:///{path}", seed=False) as catalog:
        catalog.store(
            [
                make_show("Lupin", key="1", status="Running", seasons=2),
                make_show("Dark", key="2", status="Ended", seasons=3),
                make_show("The Office", key="3", year=2005, platform="NBC"),
                make_show("The Office", key="4", year=2001, platform="BBC Two"),
            ]
        )
    yield str(path)


def reading(title: str, key: str, status: str, days: int, **kw: object) -> ShowBundle:
    """A later TVmaze reading of a show (``days`` after the first)."""
    later = TVMAZE.retrieved_at + timedelta(days=days)
    show = make_show(title, key=key, status=status, **kw)  # type: ignore[arg-type]
    show.statuses = [StatusRecord("tvmaze", status, later, replace(TVMAZE, retrieved_at=later))]
    return show


def store_readings(db: str, *bundles: ShowBundle) -> None:
    with Catalog.open(f"sqlite:///{db}") as catalog:
        catalog.store(list(bundles))


def test_watch_add_list_remove(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("watch", "add", "Lupin", "--db", db) == 0
    assert "watching Lupin" in capsys.readouterr().out
    assert run("watch", "add", "Lupin", "--db", db) == 0
    assert "already watched" in capsys.readouterr().out
    assert run("watch", "list", "--format", "json", "--db", db) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["title"], row["season"], row["last_check"]) == ("Lupin", 3, None)
    assert run("watch", "remove", "Lupin", "--db", db) == 0
    assert run("watch", "remove", "Lupin", "--db", db) == 2
    assert "is not watched" in capsys.readouterr().err


def test_adding_an_unknown_or_ambiguous_title_changes_nothing(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("watch", "add", "Nothing Like It", "--db", db) == 2
    assert run("watch", "add", "The Office", "--db", db) == 2
    err = capsys.readouterr().err
    assert "no show matches" in err and "--year" in err
    assert run("watch", "list", "--format", "json", "--db", db) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_check_reports_only_confirmed_changes_and_exits_10(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "changes.atom"
    assert run("watch", "add", "Lupin", "--db", db) == 0
    assert run("check", "--no-refresh", "--feed", str(feed), "--db", db) == 0, (
        "first check: no change"
    )
    capsys.readouterr()
    store_readings(db, reading("Lupin", "1", "To Be Determined", 1, seasons=2))
    assert run("check", "--no-refresh", "--db", db) == 0, "one reading is not yet a change"
    assert "1 awaiting confirmation" in capsys.readouterr().err
    store_readings(db, reading("Lupin", "1", "To Be Determined", 2, seasons=2))
    assert run("check", "--no-refresh", "--feed", str(feed), "--db", db) == 10
    out = capsys.readouterr().out
    assert "Lupin: season 3 is now awaiting decision (was running for season 3)" in out
    entries = ET.parse(feed).getroot().findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].findtext(f"{ATOM}id", "").startswith("urn:nextseason:change:")
    assert run("check", "--no-refresh", "--feed", str(feed), "--db", db) == 0
    again = ET.parse(feed).getroot().findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in again] == [e.findtext(f"{ATOM}id") for e in entries]


def test_new_episodes_are_a_change(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("watch", "add", "Dark", "--db", db) == 0
    assert run("check", "--no-refresh", "--db", db) == 0
    store_readings(db, reading("Dark", "2", "Ended", 1, seasons=3, episodes=5))
    assert run("check", "--no-refresh", "--db", db) == 10
    assert "Dark: 6 new episodes" in capsys.readouterr().out


def test_an_unwritable_feed_or_a_malformed_webhook_changes_nothing(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("watch", "add", "Lupin", "--db", db) == 0
    assert run("check", "--no-refresh", "--feed", str(tmp_path / "no" / "f.atom"), "--db", db) == 2
    monkeypatch.setenv("NEXTSEASON_WEBHOOK_URL", "ftp://example.org/hook")
    assert run("check", "--no-refresh", "--db", db) == 2
    assert "malformed webhook URL" in capsys.readouterr().err
    with Catalog.open(f"sqlite:///{db}") as catalog, catalog.connect() as conn:
        assert [w.checked_at for w in store.watched(conn)] == [None]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_webhook_that_is_down_gets_the_change_later_once(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port = _free_port()
    monkeypatch.setenv("NEXTSEASON_WEBHOOK_URL", f"http://127.0.0.1:{port}/hook")
    monkeypatch.setenv("NEXTSEASON_WEBHOOK_SECRET", "s3cret")
    assert run("watch", "add", "Dark", "--db", db) == 0
    assert run("check", "--no-refresh", "--db", db) == 0
    store_readings(db, reading("Dark", "2", "Ended", 1, seasons=3, episodes=5))
    assert run("check", "--no-refresh", "--db", db) == 10  # the receiver is down
    assert "the change stays pending" in capsys.readouterr().err
    with ReplayServer(port=port) as receiver:
        receiver.add("POST", "/hook", Reply.json({"ok": True}))
        assert run("check", "--no-refresh", "--db", db) == 0  # nothing new; delivers the old
        assert run("check", "--no-refresh", "--db", db) == 0
        [delivery] = receiver.find("POST", "/hook")
    payload = json.loads(delivery.body)
    assert payload["kind"] == "new episodes" and payload["show"]["title"] == "Dark"
    assert verify("s3cret", delivery.body, delivery.header("x-nextseason-signature") or "")
    assert delivery.header("x-nextseason-delivery") == payload["id"]


def test_two_checks_at_once_do_not_double_alert(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("watch", "add", "Dark", "--db", db) == 0
    assert run("check", "--no-refresh", "--db", db) == 0
    store_readings(db, reading("Dark", "2", "Ended", 1, seasons=3, episodes=5))
    with Catalog.open(f"sqlite:///{db}") as catalog, catalog.transaction() as conn:
        held = store.acquire_lock(
            conn, "check", holder="other:1", now=datetime.now(), lease=timedelta(hours=1)
        )
    assert held is None
    assert run("check", "--no-refresh", "--db", db) == 75  # "did not run", not "no changes"
    assert "another check is running" in capsys.readouterr().err
    with Catalog.open(f"sqlite:///{db}") as catalog, catalog.transaction() as conn:
        store.release_lock(conn, "check", holder="other:1")
    codes: list[int] = []
    threads = [threading.Thread(target=lambda: codes.append(_quiet_check(db))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # One run reports it; the other waits its turn (0: nothing new) or stops (75: busy).
    assert sorted(codes) in ([0, 10], [10, 75])
    with Catalog.open(f"sqlite:///{db}") as catalog, catalog.connect() as conn:
        assert len(store.recent_changes(conn)) == 1, "one change, reported once"


def _quiet_check(db: str) -> int:
    try:
        main(["check", "--no-refresh", "--db", db])
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 0
    return 0


def test_a_source_down_during_check_skips_that_show_only(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with ReplayServer() as tvmaze:
        monkeypatch.setenv("NEXTSEASON_OFFLINE", "0")
        monkeypatch.setenv("NEXTSEASON_HTTP_RETRIES", "0")
        monkeypatch.setenv("NEXTSEASON_TVMAZE_URL", tvmaze.url)
        for name in ("TMDB", "WIKIDATA", "PAGEVIEWS", "TRENDS", "REDDIT", "WIKIPEDIA"):
            monkeypatch.setenv(f"NEXTSEASON_{name}_URL", tvmaze.url + "/off")
        tvmaze.add("GET", "/shows/1", Reply.error(503))
        tvmaze.add("GET", "/shows/2", Reply.error(503))
        assert run("watch", "add", "Lupin", "--db", db) == 0
        assert run("watch", "add", "Dark", "--db", db) == 0
        assert run("check", "--db", db) == 0
    err = capsys.readouterr().err
    assert "Lupin: TVmaze" in err and "Dark: TVmaze" in err
    assert "checked 0 shows: no changes, 2 skipped" in err
    with Catalog.open(f"sqlite:///{db}") as catalog, catalog.connect() as conn:
        assert all(w.checked_at is None for w in store.watched(conn)), "checked next time"
