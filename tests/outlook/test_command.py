"""`nextseason outlook TITLE` and `nextseason outlook train`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nextseason.catalog import Catalog
from nextseason.outlook.command import outlook


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
