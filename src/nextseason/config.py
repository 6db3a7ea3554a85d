"""Typed settings: defaults, a TOML file, then environment variables, then CLI options.

Settings are declared as data (:data:`SETTINGS`), each with its help text, so the README's
settings table and ``nextseason config`` are generated from one place and a test fails when
a setting is undocumented. There is no global settings object: callers build a
:class:`Settings` with :func:`load_settings` and pass it down.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from nextseason.errors import UsageError

__all__ = ["SETTINGS", "Setting", "Settings", "config_path", "default_db_url", "load_settings"]

APP_NAME = "nextseason"


@dataclass(frozen=True)
class Setting:
    """One configurable value: its TOML key, environment variable and help text."""

    name: str
    env: str
    help: str
    default: str


def _data_dir() -> Path:
    override = os.environ.get("NEXTSEASON_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_url() -> str:
    """SQLite in the user data directory (``NEXTSEASON_HOME`` overrides the directory)."""
    return f"sqlite:///{_data_dir() / 'catalog.sqlite'}"


def config_path() -> Path:
    override = os.environ.get("NEXTSEASON_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "NEXTSEASON_DB",
        "SQLAlchemy URL of the catalog. Default: SQLite in the user data directory, "
        "seeded from the bundled catalog on first use.",
        "sqlite:///<user data dir>/catalog.sqlite",
    ),
    Setting(
        "home",
        "NEXTSEASON_HOME",
        "Directory for the default catalog and caches (instead of the platform's user "
        "data directory).",
        "<user data dir>",
    ),
    Setting(
        "config",
        "NEXTSEASON_CONFIG",
        "Path of the TOML settings file.",
        "<user config dir>/config.toml",
    ),
    Setting(
        "countries",
        "NEXTSEASON_COUNTRIES",
        "Comma-separated ISO country codes for the where-to-watch section.",
        "US,GB,CA",
    ),
    Setting(
        "db_timeout",
        "NEXTSEASON_DB_TIMEOUT",
        "Seconds to wait for a catalog that another process has locked before giving up.",
        "5",
    ),
    Setting(
        "debug",
        "NEXTSEASON_DEBUG",
        "Set to 1 to show a Python traceback on an unexpected failure instead of one line.",
        "",
    ),
    Setting(
        "offline",
        "NEXTSEASON_OFFLINE",
        "Set to 1 to answer from the catalog and the HTTP cache only, never the network "
        "(the same as --offline).",
        "0",
    ),
    Setting(
        "tmdb_key",
        "NEXTSEASON_TMDB_KEY",
        "TMDB API key (v3) or read access token (v4). Optional: without it TMDB is skipped. "
        "Never printed or logged.",
        "",
    ),
    Setting(
        "reddit_client_id",
        "NEXTSEASON_REDDIT_CLIENT_ID",
        "Reddit app client id for OAuth (optional; public search is used without it).",
        "",
    ),
    Setting(
        "reddit_client_secret",
        "NEXTSEASON_REDDIT_CLIENT_SECRET",
        "Reddit app client secret for OAuth (optional). Never printed or logged.",
        "",
    ),
    Setting(
        "contact",
        "NEXTSEASON_CONTACT",
        "Contact URL or e-mail address sent in the User-Agent (Wikimedia asks for one).",
        "the project's issue tracker",
    ),
    Setting(
        "cache_dir",
        "NEXTSEASON_CACHE_DIR",
        "Folder of the on-disk HTTP cache.",
        "<NEXTSEASON_HOME or the user cache dir>/http",
    ),
    Setting(
        "webhook_url",
        "NEXTSEASON_WEBHOOK_URL",
        "URL that `check` POSTs each confirmed change to (JSON), retried until delivered.",
        "",
    ),
    Setting(
        "webhook_secret",
        "NEXTSEASON_WEBHOOK_SECRET",
        "Secret for the webhook's X-Nextseason-Signature (HMAC-SHA256 of the body). "
        "Never printed or logged.",
        "",
    ),
    Setting(
        "http_retries",
        "NEXTSEASON_HTTP_RETRIES",
        "How many times a failed request to a live source is retried (with backoff).",
        "3",
    ),
    Setting(
        "http_timeout",
        "NEXTSEASON_HTTP_TIMEOUT",
        "Seconds to wait for a live source to answer.",
        "20",
    ),
    *(
        Setting(
            f"{name.lower()}_url",
            f"NEXTSEASON_{name}_URL",
            f"Base URL of {label} (for mirrors and tests).",
            default,
        )
        for name, label, default in (
            ("TVMAZE", "the TVmaze API", "https://api.tvmaze.com"),
            ("TMDB", "the TMDB API", "https://api.themoviedb.org/3"),
            ("WIKIDATA", "the Wikidata SPARQL endpoint", "https://query.wikidata.org/sparql"),
            (
                "PAGEVIEWS",
                "the Wikimedia pageviews API",
                "https://wikimedia.org/api/rest_v1/metrics/pageviews",
            ),
            ("TRENDS", "Google Trends", "https://trends.google.com/trends"),
            ("REDDIT", "Reddit", "https://www.reddit.com"),
        )
    ),
    Setting(
        "today",
        "NEXTSEASON_TODAY",
        "Date (YYYY-MM-DD) that inferences such as 'no renewal N years after release' "
        "count from. Default: the current date.",
        "<today>",
    ),
)


#: Settings consumed by the HTTP layer (sources/http.py), passed through by variable name.
HTTP_SETTINGS = frozenset(
    {"offline", "contact", "cache_dir", "home", "http_retries", "http_timeout"}
    | {f"{n}_url" for n in ("tvmaze", "tmdb", "wikidata", "pageviews", "trends", "reddit")}
)


@dataclass(frozen=True)
class Settings:
    db_url: str = field(default_factory=default_db_url)
    countries: tuple[str, ...] = ("US", "GB", "CA")
    today: str | None = None
    offline: bool = False
    db_timeout: float = 5.0  # seconds to wait for a catalog another process has locked
    tmdb_key: str | None = field(default=None, repr=False)
    reddit_client_id: str | None = None
    reddit_client_secret: str | None = field(default=None, repr=False)
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    # Settings the HTTP layer reads, by environment variable name (file and environment
    # merged), e.g. {"NEXTSEASON_TVMAZE_URL": "http://127.0.0.1:8123"}.
    http_env: dict[str, str] = field(default_factory=dict)

    @property
    def reddit_credentials(self) -> tuple[str, str] | None:
        if self.reddit_client_id and self.reddit_client_secret:
            return (self.reddit_client_id, self.reddit_client_secret)
        return None

    def with_overrides(self, **values: object) -> Settings:
        clean = {k: v for k, v in values.items() if v is not None}
        return replace(self, **clean)  # type: ignore[arg-type]


def _countries(raw: str) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in raw.split(",") if c.strip())
    bad = [c for c in codes if len(c) != 2 or not c.isalpha()]
    if bad or not codes:
        raise UsageError(f"countries must be two-letter ISO codes, got {raw!r}")
    return codes


def _seconds(raw: object) -> float:
    try:
        return max(float(str(raw)), 0.0)
    except ValueError:
        raise UsageError(
            f"NEXTSEASON_DB_TIMEOUT must be a number of seconds, got {raw!r}"
        ) from None


def _read_toml(path: Path) -> Mapping[str, object]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read settings file {path}: {exc}") from None


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, overridden by the TOML file, overridden by the environment."""
    environ = os.environ if env is None else env
    raw: dict[str, object] = dict(_read_toml(config_path()))
    for setting in SETTINGS:
        if setting.env in environ and environ[setting.env] != "":
            raw[setting.name] = environ[setting.env]
    values: dict[str, object] = {}
    if "db" in raw:
        values["db_url"] = str(raw["db"])
    if "countries" in raw:
        value = raw["countries"]
        values["countries"] = _countries(",".join(value) if isinstance(value, list) else str(value))
    if "today" in raw:
        values["today"] = str(raw["today"])
    if "offline" in raw:
        values["offline"] = str(raw["offline"]).strip().lower() not in ("", "0", "false", "no")
    if "db_timeout" in raw:
        values["db_timeout"] = _seconds(raw["db_timeout"])
    for name in (
        "tmdb_key",
        "reddit_client_id",
        "reddit_client_secret",
        "webhook_url",
        "webhook_secret",
    ):
        if raw.get(name):
            values[name] = str(raw[name]).strip()
    values["http_env"] = {
        s.env: str(raw[s.name]) for s in SETTINGS if s.name in HTTP_SETTINGS and raw.get(s.name)
    }
    known = {f.name for f in fields(Settings)}
    assert set(values) <= known
    return Settings(**values)  # type: ignore[arg-type]
