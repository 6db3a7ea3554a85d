"""Output for scripts: piped tables keep whole rows; progress bars only on a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.cli import main
from tests.conftest import make_show

LONG = "The Extraordinarily Long-Winded Chronicles of a Small Town Where Nothing Ever Happens"


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    code = info.value.code
    return code if isinstance(code, int) else 0


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "c.sqlite"
    with Catalog.open(f"sqlite:///{path}", seed=False) as catalog:
        catalog.store([make_show(LONG, key="1", year=2021, platform="Netflix")])
    return str(path)


def test_a_piped_table_keeps_each_row_whole(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert run("search", "Extraordinarily Long-Winded Chronicles", "--db", db) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if LONG in line)
    assert "Netflix" in row and "2021" in row  # one line, not wrapped at 80 columns
    assert len(row) > 80


def test_columns_still_sets_the_width(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    assert run("search", "Extraordinarily Long-Winded Chronicles", "--db", db) == 0
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 60


def test_no_progress_bar_when_standard_error_is_not_a_terminal(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Catalog.open(f"sqlite:///{db}") as catalog:
        catalog.store([make_show("Second Show", key="2", year=2020)])
    assert run("watch", "add", "--id", "1", "--db", db) == 0
    assert run("watch", "add", "--id", "2", "--db", db) == 0
    capsys.readouterr()
    assert run("check", "--db", db) in (0, 10)
    err = capsys.readouterr().err
    assert "\x1b[" not in err and "checking" not in err
    assert err.startswith("warning:") or err.startswith("checked 2 shows")


def test_search_gives_each_hit_the_next_seasons_verdict(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # One season on Netflix that TVmaze lists as Ended: cancelled, as the report says.
    monkeypatch.setenv("NEXTSEASON_TODAY", "2026-11-27")
    assert run("search", "Long-Winded Chronicles", "--format", "json", "--db", db) == 0
    import json

    [hit] = json.loads(capsys.readouterr().out)
    assert hit["verdict"] == "cancelled"
    assert run("search", "Long-Winded Chronicles", "--db", db) == 0
    assert "next season" in capsys.readouterr().out
