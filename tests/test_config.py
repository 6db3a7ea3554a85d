"""Settings come from defaults, then the TOML file, then the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextseason.config import load_settings
from nextseason.errors import UsageError


def test_the_lock_timeout_comes_from_the_file_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('db_timeout = "12"\ncountries = ["US", "DE"]\n', encoding="utf-8")
    monkeypatch.setenv("NEXTSEASON_CONFIG", str(config))
    monkeypatch.delenv("NEXTSEASON_DB_TIMEOUT", raising=False)
    assert load_settings().db_timeout == 12.0
    assert load_settings().countries == ("US", "DE")
    monkeypatch.setenv("NEXTSEASON_DB_TIMEOUT", "0.5")
    assert load_settings().db_timeout == 0.5


def test_a_lock_timeout_that_is_not_a_number_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEXTSEASON_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("NEXTSEASON_DB_TIMEOUT", "soon")
    with pytest.raises(UsageError, match="NEXTSEASON_DB_TIMEOUT must be a number"):
        load_settings()
