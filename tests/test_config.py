"""Settings come from defaults, then the TOML file, then the environment, then options; the
file is strict, and `nextseason config` says what each value is and where it came from."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from nextseason.cli import main
from nextseason.config import SETTINGS, Settings, load_settings
from nextseason.errors import UsageError


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    code = info.value.code
    return code if isinstance(code, int) else 0


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("NEXTSEASON_CONFIG", str(path))
    for name in ("NEXTSEASON_DB_TIMEOUT", "NEXTSEASON_COUNTRIES", "NEXTSEASON_HTTP_RETRIES"):
        monkeypatch.delenv(name, raising=False)
    return path


def test_the_environment_wins_over_the_file_which_wins_over_the_defaults(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config.write_text('db_timeout = 12\ncountries = ["US", "DE"]\n', encoding="utf-8")
    settings = load_settings()
    assert settings.db_timeout == 12.0 and settings.countries == ("US", "DE")
    assert settings.http_retries == 3
    assert [settings.origin(n) for n in ("db_timeout", "countries", "http_retries")] == [
        "file",
        "file",
        "default",
    ]
    monkeypatch.setenv("NEXTSEASON_DB_TIMEOUT", "0.5")
    settings = load_settings()
    assert settings.db_timeout == 0.5 and settings.origin("db_timeout") == "environment"
    assert settings.countries == ("US", "DE")


def test_a_typo_in_the_file_fails_naming_the_key(config: Path) -> None:
    config.write_text('countrys = ["US"]\n', encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_settings()
    assert "unknown setting 'countrys'" in str(info.value)
    assert str(config) in str(info.value)
    assert "did you mean 'countries'" in str(info.value)


def test_settings_in_a_table_fail_instead_of_being_ignored(config: Path) -> None:
    config.write_text('[nextseason]\ncountries = ["US"]\n', encoding="utf-8")
    table = r"unknown setting 'nextseason'.*not a \[nextseason\] table"
    with pytest.raises(UsageError, match=table):
        load_settings()


def test_a_typo_fails_the_command_with_exit_2(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config.write_text("http_retrys = 5\n", encoding="utf-8")
    assert run("search", "office") == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown setting 'http_retrys'") and "http_retries" in err


def test_a_value_of_the_wrong_type_names_the_variable(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEXTSEASON_DB_TIMEOUT", "soon")
    with pytest.raises(UsageError, match="NEXTSEASON_DB_TIMEOUT: input should be a valid number"):
        load_settings()
    monkeypatch.delenv("NEXTSEASON_DB_TIMEOUT")
    config.write_text('countries = "USA"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"'countries' in the settings file .*two-letter ISO"):
        load_settings()


def test_an_unreadable_file_is_one_clear_error(config: Path) -> None:
    config.write_text("countries = [\n", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot read the settings file"):
        load_settings()


def test_live_source_urls_come_from_the_file_and_the_environment_and_typos_fail(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nextseason.refresh import open_client

    config.write_text('tvmaze_url = "http://mirror.example/tvmaze"\n', encoding="utf-8")
    monkeypatch.setenv("NEXTSEASON_TMDB_URL", "http://mirror.example/tmdb")
    settings = load_settings()
    assert settings.http.url_overrides == {
        "NEXTSEASON_TVMAZE_URL": "http://mirror.example/tvmaze",
        "NEXTSEASON_TMDB_URL": "http://mirror.example/tmdb",
    }
    assert settings.origin("NEXTSEASON_TVMAZE_URL") == "file"
    with open_client(settings) as client:
        assert client.base_url("tvmaze") == "http://mirror.example/tvmaze"
    config.write_text('tvmazee_url = "http://mirror.example/tvmaze"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"unknown setting 'tvmazee_url'.*'tvmaze_url'"):
        open_client(load_settings())


def test_settings_survive_pickling_for_worker_processes(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEXTSEASON_TMDB_KEY", "k3y")
    settings = load_settings().with_overrides(offline=True)
    again = pickle.loads(pickle.dumps(settings))
    assert again == settings and again.origin("offline") == "option"
    assert again.http.offline and again.tmdb_key == "k3y"
    assert "k3y" not in repr(again)


def test_constructing_settings_reads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEXTSEASON_COUNTRIES", "DE")
    assert Settings(db_url="sqlite://").countries == ("US", "GB", "CA")


def test_config_shows_effective_values_and_their_origin(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config.write_text('countries = ["US", "DE"]\ntmdb_key = "secret-key"\n', encoding="utf-8")
    monkeypatch.setenv("NEXTSEASON_HTTP_RETRIES", "5")
    assert run("config", "--format", "json", "--offline") == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["file"] == {"path": str(config), "exists": True}
    rows = {row["name"]: row for row in payload["settings"]}
    assert (rows["countries"]["value"], rows["countries"]["origin"]) == ("US,DE", "file")
    assert (rows["http_retries"]["value"], rows["http_retries"]["origin"]) == (5, "environment")
    assert (rows["offline"]["value"], rows["offline"]["origin"]) == (True, "option")
    assert (rows["db_timeout"]["value"], rows["db_timeout"]["origin"]) == (5.0, "default")
    assert rows["tmdb_key"]["value"] == "***"
    assert rows["tvmaze_url"]["value"] == "https://api.tvmaze.com"
    assert {s.name for s in SETTINGS} <= set(rows)
    assert run("config") == 0
    text = capsys.readouterr().out
    assert "secret-key" not in text
    line = next(line for line in text.splitlines() if line.startswith("countries "))
    assert "US,DE" in line and " file " in line and "NEXTSEASON_COUNTRIES" in line


def test_config_path_prints_the_files_path(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("config", "--path") == 0
    assert capsys.readouterr().out.strip() == str(config)
    assert run("config", "--path", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == {"path": str(config), "exists": False}


def test_an_http_cache_turned_off_stays_off_under_options(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEXTSEASON_CACHE_DIR", "off")
    settings = load_settings().with_overrides(db_url="sqlite:///elsewhere.sqlite")
    assert settings.cache_dir is None and settings.http.cache_dir is None
