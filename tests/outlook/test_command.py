"""`nextseason outlook TITLE` and `nextseason outlook train`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nextseason.catalog import Catalog
from nextseason.outlook.command import outlook
from nextseason.outlook.scoring import read_model


@pytest.fixture
def db(catalog: Catalog) -> str:
    return catalog.url


def test_outlook_prints_the_odds_of_an_undecided_show(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEXTSEASON_TODAY", "2021-01-15")
    result = CliRunner().invoke(outlook, ["Harbor Lights", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Harbor Lights (2020, FX): outlook for season 2" in result.output
    assert "chance of renewal" in result.output
    assert "Factor: platform record" in result.output


def test_outlook_json_is_the_outlook_model(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEXTSEASON_TODAY", "2021-01-15")
    result = CliRunner().invoke(outlook, ["show", "Harbor Lights", "--db", db, "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["show"]["title"] == "Harbor Lights"
    assert doc["outlook"]["status"] == "estimate"
    assert 0 < doc["outlook"]["probability"] < 1


def test_outlook_of_an_ended_show_says_why_there_are_no_odds(db: str) -> None:
    result = CliRunner().invoke(outlook, ["Closing Time", "--db", db])
    assert result.exit_code == 0, result.output
    assert "not applicable" in result.output
    assert "No odds are shown: season 3 is ended" in result.output


def test_outlook_without_a_title_is_a_usage_error(db: str) -> None:
    result = CliRunner().invoke(outlook, ["--db", db])
    assert result.exit_code != 0
    assert "name a show" in str(result.exception) or "name a show" in result.output


def test_the_shipped_model_reproduces_from_outlook_train() -> None:
    raw = Path(__file__).resolve().parents[2] / "raw"  # the source tree's, however installed
    result = CliRunner().invoke(outlook, ["train", "--check", "--raw", str(raw)])
    assert result.exit_code == 0, result.output
    assert "reproduces" in result.output
    assert "track record" in result.output


def test_outlook_train_writes_a_model_and_check_catches_a_damaged_one(tmp_path: Path) -> None:
    raw = Path(__file__).resolve().parents[2] / "raw"
    target = tmp_path / "model.json"
    written = CliRunner().invoke(outlook, ["train", "--raw", str(raw), "--output", str(target)])
    assert written.exit_code == 0, written.output
    assert f"wrote {target}" in written.output
    assert read_model(target).meta["rows"] > 0
    assert [p.name for p in tmp_path.iterdir()] == ["model.json"]  # no temporary file left
    target.write_text('{"model": ')
    damaged = CliRunner().invoke(
        outlook, ["train", "--check", "--raw", str(raw), "-o", str(target)]
    )
    assert damaged.exit_code == 1
    assert "missing or unreadable" in damaged.output
