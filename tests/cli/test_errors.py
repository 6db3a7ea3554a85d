"""Every way a command can fail gives one clear line and a meaningful exit code."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
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


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    path = tmp_path / "c.sqlite"
    with Catalog.open(f"sqlite:///{path}", seed=False) as catalog:
        catalog.store(
            [
                make_show("The Office", key="1", year=2005, platform="NBC"),
                make_show("The Office", key="2", year=2001, platform="BBC Two"),
                make_show("Dash & Lily", key="3", year=2020),
            ]
        )
    yield str(path)


def test_unknown_title_exits_2_with_suggestions(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "Dash and Lilly Christmas", "--db", db) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no show matches")
    assert "Dash & Lily (2020; Netflix" in err
    assert "Traceback" not in err


def test_ambiguous_title_exits_2_listing_candidates(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "The Office", "--db", db) == 2
    err = capsys.readouterr().err
    assert "2 shows are called 'The Office'" in err
    assert "--year" in err and "--id" in err
    assert "The Office (2005; NBC" in err and "The Office (2001; BBC Two" in err


def test_year_picks_the_namesake(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("search", "office", "--year", "2001", "--format", "json", "--db", db) == 0
    assert '"platform": "BBC Two"' in capsys.readouterr().out


def test_missing_folder_is_a_clear_catalog_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "X", "--db", str(tmp_path / "nope" / "c.sqlite")) == 3
    assert "folder for the catalog does not exist" in capsys.readouterr().err


def test_corrupt_catalog_is_reported_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "c.sqlite"
    bad.write_bytes(b"this is not a database, it is a note to self" * 100)
    assert run("report", "X", "--db", str(bad)) == 3
    err = capsys.readouterr().err
    assert "damaged" in err and "mv " in err
    assert bad.read_bytes().startswith(b"this is not a database"), "the file must not be touched"


def test_locked_catalog_says_so(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEXTSEASON_DB_TIMEOUT", "0.1")
    holder = sqlite3.connect(db)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert run("search", "Office", "--db", db) == 3
    finally:
        holder.rollback()
        holder.close()
    assert "locked by another process" in capsys.readouterr().err


def test_a_catalog_from_a_newer_version_is_refused(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    assert run("search", "Office", "--db", db) == 3
    assert "newer nextseason" in capsys.readouterr().err


def test_a_foreign_database_is_not_mistaken_for_a_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    assert run("search", "x", "--db", str(other)) == 3
    assert "not a nextseason catalog" in capsys.readouterr().err


def test_bad_option_values_exit_2(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("report", "Dash & Lily", "--season", "0", "--db", db) == 2
    assert run("report", "Dash & Lily", "--format", "pdf", "--db", db) == 2
    assert run("report", "--db", db) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_ctrl_c_exits_130_with_a_message(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("nextseason.report.build.build_report", interrupted)
    assert run("report", "Dash & Lily", "--db", db) == 130
    assert "interrupted" in capsys.readouterr().err


def test_output_to_a_missing_folder_fails_cleanly(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            "report",
            "Dash & Lily",
            "--format",
            "md",
            "-o",
            str(tmp_path / "no" / "r.md"),
            "--db",
            db,
        )
        == 2
    )
    assert "does not exist" in capsys.readouterr().err
