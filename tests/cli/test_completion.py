"""Shell completion: the commands, and the watched shows' titles for TITLE arguments."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.cli import main
from tests.conftest import make_show


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    code = info.value.code
    return code if isinstance(code, int) else 0


def complete(
    words: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    """What bash would offer after ``words`` (the last word is the one being typed)."""
    capsys.readouterr()
    monkeypatch.setenv("_NEXTSEASON_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split(" ")) - 1))
    run()
    monkeypatch.delenv("_NEXTSEASON_COMPLETE")
    return [line.split(",", 1)[1] for line in capsys.readouterr().out.splitlines() if line]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "c.sqlite"
    with Catalog.open(f"sqlite:///{path}", seed=False) as catalog:
        catalog.store(
            [
                make_show("Dash & Lily", key="1", year=2020),
                make_show("Dark", key="2", year=2017),
                make_show("Daredevil", key="3", year=2015),
            ]
        )
    return str(path)


def test_titles_complete_from_the_watchlist(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("watch", "add", "Dash & Lily", "--db", db) == 0
    assert run("watch", "add", "Dark", "--db", db) == 0
    offered = complete(f"nextseason watch remove --db {db} da", monkeypatch, capsys)
    assert offered == ["Dark", "Dash & Lily"]  # watched only: not Daredevil
    assert complete(f"nextseason report --db {db} Das", monkeypatch, capsys) == ["Dash & Lily"]
    assert complete(f"nextseason refresh --db {db} X", monkeypatch, capsys) == []


def test_commands_complete(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert {"watch", "report", "refresh"} <= set(complete("nextseason ", monkeypatch, capsys))
    assert complete("nextseason watch re", monkeypatch, capsys) == ["remove"]


def test_a_catalog_that_cannot_be_read_completes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database" * 100)
    assert complete(f"nextseason watch remove --db {bad} D", monkeypatch, capsys) == []
    # No default catalog yet: nothing to offer, and none is created for a completion.
    assert complete("nextseason watch remove D", monkeypatch, capsys) == []
    assert not (Path(os.environ["NEXTSEASON_HOME"]) / "catalog.sqlite").exists()
