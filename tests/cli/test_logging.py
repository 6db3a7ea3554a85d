"""-v, -vv and -q: one handler with the CLI's prefix, retries and source timings at -v,
cache decisions and requests at -vv; the root options work after the command too."""

from __future__ import annotations

import logging

import pytest

from nextseason.cli import main
from tests.sources.test_refresh import SHOW, db, online, server  # noqa: F401  (fixtures)
from tests.support.replay import ReplayServer, Reply


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    code = info.value.code
    return code if isinstance(code, int) else 0


@pytest.fixture
def flaky(online: ReplayServer, monkeypatch: pytest.MonkeyPatch) -> ReplayServer:  # noqa: F811
    """TVmaze answers 503 (asking to wait 0 s) before it answers the show."""
    monkeypatch.setenv("NEXTSEASON_HTTP_RETRIES", "2")
    monkeypatch.setenv("NEXTSEASON_CACHE_DIR", "off")
    online.add("GET", "/tvmaze/shows/82", [Reply.rate_limited(0, status=503), Reply.file(SHOW)])
    return online


@pytest.mark.parametrize(
    "args",
    [
        ("-v", "refresh", "Game of Thrones"),
        ("refresh", "Game of Thrones", "-v"),
        ("refresh", "--verbose", "Game of Thrones"),
    ],
)
def test_verbose_refresh_shows_the_retries_and_each_sources_time(
    flaky: ReplayServer,
    db: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
) -> None:
    assert run(*args, "--db", db, "--sources", "tvmaze,tmdb") == 0
    out, err = capsys.readouterr()
    assert "refreshed Game of Thrones" in out
    lines = err.splitlines()
    retry = [line for line in lines if "retrying in" in line]
    assert len(retry) == 1
    assert retry[0].startswith("info: TVmaze: HTTP 503 from /tvmaze/shows/82; retrying in 0.0 s")
    assert any(line.startswith("info: Game of Thrones: TVmaze answered in ") for line in lines), err
    assert any(line.startswith("info: Game of Thrones: TMDB answered in ") for line in lines)
    assert not any(line.startswith("debug: ") for line in lines), "debug lines only at -vv"


def test_without_v_the_retries_are_not_shown(
    flaky: ReplayServer,
    db: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("refresh", "Game of Thrones", "--db", db, "--sources", "tvmaze") == 0
    err = capsys.readouterr().err
    assert "retrying" not in err and "info:" not in err


def test_very_verbose_adds_cache_decisions_and_requests(
    online: ReplayServer,  # noqa: F811
    db: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("refresh", "Game of Thrones", "--db", db, "--sources", "tvmaze") == 0
    capsys.readouterr()
    assert run("-vv", "refresh", "Game of Thrones", "--db", db, "--sources", "tvmaze") == 0
    err = capsys.readouterr().err
    assert "debug: TVmaze: cache hit for " in err, err
    assert "/tvmaze/shows/82" in err


def test_quiet_hides_warnings_but_not_results_or_errors(
    online: ReplayServer,  # noqa: F811
    db: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    online.add("GET", "/tmdb/tv/1399", Reply.error(500))
    assert run("refresh", "Game of Thrones", "--db", db, "--sources", "tvmaze,tmdb") == 0
    assert "warning: Game of Thrones: TMDB: HTTP 500" in capsys.readouterr().err
    assert run("refresh", "-q", "Game of Thrones", "--db", db, "--sources", "tvmaze,tmdb") == 0
    out, err = capsys.readouterr()
    assert "refreshed Game of Thrones" in out
    assert err == ""
    assert run("-q", "report", "No Such Show At All", "--db", db, "--offline") == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_the_http_caches_warnings_carry_the_cli_prefix(
    tmp_path: pytest.TempPathFactory,
    db: str,  # noqa: F811
    online: ReplayServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocked = f"{db}.not-a-folder"
    with open(blocked, "w", encoding="utf-8") as fh:
        fh.write("a file where the cache folder should be")
    monkeypatch.setenv("NEXTSEASON_CACHE_DIR", blocked)
    assert run("refresh", "Game of Thrones", "--db", db, "--sources", "tvmaze") == 0
    err = capsys.readouterr().err
    cache_lines = [line for line in err.splitlines() if "HTTP cache" in line]
    assert cache_lines and all(line.startswith("warning: ") for line in cache_lines), err


def test_offline_after_the_command_is_the_same_as_before_it(
    server: ReplayServer,  # noqa: F811
    db: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEXTSEASON_OFFLINE", "0")
    monkeypatch.setenv("NEXTSEASON_TVMAZE_URL", server.url + "/tvmaze")
    assert run("report", "Game of Thrones", "--db", db, "--offline") == 2
    assert run("refresh", "--offline", "Game of Thrones", "--db", db) == 2
    assert server.count() == 0


def test_one_handler_however_often_the_cli_runs(db: str) -> None:  # noqa: F811
    for _ in range(3):
        run("-v", "db", "info", "--db", db)
    ours = logging.getLogger("nextseason").handlers
    assert len(ours) == 1
