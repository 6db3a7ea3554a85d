"""--format json on every command that prints a result, and errors as JSON under it."""

from __future__ import annotations

import json
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
def db(tmp_path: Path) -> str:
    path = tmp_path / "c.sqlite"
    with Catalog.open(f"sqlite:///{path}", seed=False) as catalog:
        catalog.store(
            [
                make_show("The Office", key="1", year=2005, platform="NBC"),
                make_show("The Office", key="2", year=2001, platform="BBC Two"),
                make_show("Dash & Lily", key="3", year=2020),
            ]
        )
    return str(path)


def out_json(capsys: pytest.CaptureFixture[str]) -> object:
    out = capsys.readouterr().out
    return json.loads(out)


def test_watch_add_and_check_as_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("watch", "add", "Dash & Lily", "--format", "json", "--db", db) == 0
    added = out_json(capsys)
    assert isinstance(added, dict)
    assert added["added"] is True and added["show"]["title"] == "Dash & Lily"
    assert run("check", "--no-refresh", "--format", "json", "--db", db) == 0
    result = out_json(capsys)
    assert isinstance(result, dict)
    assert result["checked"] == 1 and result["changes"] == []
    assert {"pending_confirmation", "skipped", "warnings", "delivered"} <= set(result)
    assert run("watch", "remove", "Dash & Lily", "-f", "json", "--db", db) == 0
    assert out_json(capsys) == {
        "show": {"id": added["show"]["id"], "title": "Dash & Lily", "year": 2020},
        "removed": True,
    }


def test_check_with_live_refresh_reports_skipped_shows_in_its_json(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("watch", "add", "Dash & Lily", "--db", db) == 0
    capsys.readouterr()
    # Offline with an empty HTTP cache: the refresh cannot run, the show is skipped.
    assert run("check", "--format", "json", "--db", db) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["skipped"] == ["Dash & Lily"]
    assert any("Dash & Lily" in w for w in result["warnings"])
    assert "warning:" not in captured.err  # the warnings are in the JSON, not repeated


def test_db_info_and_db_check_as_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("db", "info", "--format", "json", "--db", db) == 0
    info = out_json(capsys)
    assert isinstance(info, dict)
    assert info["catalog"].endswith("c.sqlite") and info["rows"]["shows"] == 3
    assert isinstance(info["schema_revision"], str)
    assert run("db", "check", "--format", "json", "--db", db) == 0
    assert out_json(capsys) == {"ok": True, "problems": []}


def test_refresh_as_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("refresh", "--id", "3", "--format", "json", "--db", db) == 4
    result = out_json(capsys)
    assert isinstance(result, dict)
    assert (result["refreshed"], result["failed"]) == (0, 1)
    [one] = result["results"]
    assert one["stored"] is False and one["title"] == "Dash & Lily"
    assert any("offline" in w for w in one["warnings"])


def test_worker_as_json_lines(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("worker", "--format", "json", "--db", db) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[-1]["refreshed"] == 0 and lines[-1]["failed"] == 0


def test_an_error_under_format_json_is_json_on_standard_error(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "The Office", "--format", "json", "--db", db) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    error = json.loads(captured.err)["error"]
    assert error["code"] == "ambiguous"
    assert {c["year"] for c in error["candidates"]} == {2001, 2005}
    assert run("check", "--format", "json", "--no-refresh", "--db", str(Path(db).parent / "x")) == 2
    assert json.loads(capsys.readouterr().err)["error"]["code"] == "bad_request"


def test_a_bad_option_under_format_json_is_a_json_error(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("search", "office", "--format", "json", "--limit", "0", "--db", db) == 2
    error = json.loads(capsys.readouterr().err)["error"]
    assert error["code"] == "bad_request" and "--limit" in error["message"]


def test_text_errors_stay_text(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("report", "The Office", "--db", db) == 2
    assert capsys.readouterr().err.startswith("error: 2 shows are called")
