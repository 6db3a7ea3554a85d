"""Bad option values and hostile surroundings: one clear line and exit 2, never "unexpected
failure", and nothing written where it should not be (a stray catalog, a replaced
read-only file)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.cli import main
from nextseason.model import Report
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
        catalog.store([make_show("Dash & Lily", key="3", year=2020, seasons=2)])
    yield str(path)


def one_clear_line(err: str) -> str:
    assert err.startswith("error: "), err
    assert "unexpected failure" not in err and "Traceback" not in err, err
    return err.splitlines()[0]


# -- --db ------------------------------------------------------------------------------------


def test_a_mistyped_db_is_refused_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("report", "Dash & Lily", "--db", "notaurl") == 2
    line = one_clear_line(capsys.readouterr().err)
    assert "notaurl" in line and ".sqlite" in line
    assert list(tmp_path.iterdir()) == [], "no stray catalog"


@pytest.mark.parametrize("name", ["new.sqlite", "new.db", "new.sqlite3"])
def test_a_new_sqlite_file_by_its_suffix_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("db", "upgrade", "--db", name) == 0
    assert (tmp_path / name).is_file()


def test_an_existing_file_is_a_catalog_whatever_its_name(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "mycatalog"
    Path(db).rename(plain)
    assert run("search", "Dash", "--format", "json", "--db", str(plain)) == 0
    assert "Dash & Lily" in capsys.readouterr().out


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://u:p@[::1", "postgresql+psycopg://u:p@host:port/x", "nosuch://x"],
)
def test_a_malformed_database_url_is_bad_input(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "Dash & Lily", "--db", url) == 2
    one_clear_line(capsys.readouterr().err)
    monkeypatch.setenv("NEXTSEASON_DB", url)  # the same from the environment
    assert run("report", "Dash & Lily") == 2
    one_clear_line(capsys.readouterr().err)


# -- --id ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["report"],
        ["refresh"],
        ["watch", "add"],
        ["watch", "remove"],
        ["similar"],
        ["outlook"],
    ],
)
@pytest.mark.parametrize("value", ["99999999999999999999", "2147483648", "-1"])
def test_an_id_out_of_range_is_bad_input(
    db: str, command: list[str], value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(*command, "--id", value, "--db", db) == 2
    err = capsys.readouterr().err
    assert "--id" in err and "unexpected failure" not in err and "Traceback" not in err


# -- --output ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["/sys/report.md", "/proc/version", "/proc/nosuch/report.md"],
    ids=["unwritable folder", "a file of /proc", "a missing folder of /proc"],
)
def test_output_where_nothing_can_be_written_is_bad_input(
    db: str, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "--id", "1", "--format", "md", "--output", target, "--db", db) == 2
    line = one_clear_line(capsys.readouterr().err)
    assert target in line


def test_output_onto_a_read_only_file_is_refused_and_leaves_it_alone(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "keep.md"
    target.write_text("mine\n")
    target.chmod(0o444)
    assert run("report", "--id", "1", "--format", "md", "--output", str(target), "--db", db) == 2
    line = one_clear_line(capsys.readouterr().err)
    assert "read-only" in line
    assert target.read_text() == "mine\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert [p.name for p in target.parent.iterdir()] == ["keep.md"], "no temporary file left"


def test_output_onto_a_file_keeps_its_mode_as_cp_does(db: str, tmp_path: Path) -> None:
    target = tmp_path / "shared.md"
    target.write_text("old\n")
    target.chmod(0o664)
    assert run("report", "--id", "1", "--format", "md", "--output", str(target), "--db", db) == 0
    assert target.read_text().startswith("# Dash &amp; Lily")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_a_new_output_file_gets_the_usual_mode(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "new.md"
        assert (
            run("report", "--id", "1", "--format", "md", "--output", str(target), "--db", db) == 0
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # not mkstemp's 0600


# -- --season ----------------------------------------------------------------------------------


def test_a_season_far_past_the_last_known_is_refused(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "--id", "1", "--season", "99999", "--db", db) == 2
    line = one_clear_line(capsys.readouterr().err)
    assert "season 99999" in line and "1 to 3" in line  # two known seasons: up to the third


def test_the_season_after_the_last_known_is_allowed(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "--id", "1", "--season", "3", "--format", "json", "--db", db) == 0
    assert Report.model_validate_json(capsys.readouterr().out).season == 3


# -- a broken pipe -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_a_reader_that_goes_away_is_no_error(db: str, fmt: str) -> None:
    # `nextseason report ... | head -1` where head has already exited: the pipe is closed
    # before the report is written.
    child = subprocess.Popen(
        [sys.executable, "-m", "nextseason", "report", "--id", "1", "--format", fmt, "--db", db],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    err = child.stderr.read().decode()
    child.stderr.close()
    assert child.wait(timeout=60) == 0, err
    assert err == ""
