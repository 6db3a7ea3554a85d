"""Typed settings: defaults, a TOML file, then environment variables, then CLI options.

Settings are declared as data (:data:`SETTINGS`), each with its help text, so the README's
settings table and ``nextseason config`` are generated from one place and a test fails when
a setting is undocumented. There is no global settings object: the entry points (the CLI's
commands, the web app's factory) build one :class:`Settings` with :func:`load_settings` and
pass it down. Like httpx's ``_config``, the settings are frozen value objects: the HTTP
layer's own are nested (:class:`HttpSettings`), and the folders (home, catalog, HTTP cache)
are resolved here, once. This is the only module that reads the environment.

Each live source's ``NEXTSEASON_<NAME>_URL`` is declared by the source itself (its policy's
``url_env``, see :mod:`nextseason.sources.registry`); the settings keep every such override
by variable name, and the HTTP client picks its source's.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from nextseason.errors import UsageError

__all__ = [
    "SETTINGS",
    "HttpSettings",
    "Setting",
    "Settings",
    "config_path",
    "default_cache_dir",
    "default_db_url",
    "load_settings",
]

APP_NAME = "nextseason"
DEFAULT_CONTACT = "https://github.com/nextseason/nextseason/issues"
_FALSE_WORDS = ("", "0", "false", "no", "off")
#: A live source's base URL override, e.g. NEXTSEASON_TVMAZE_URL (not the webhook's URL).
_URL_ENV = re.compile(r"NEXTSEASON_(?!WEBHOOK_)[A-Z0-9_]+_URL")


@dataclass(frozen=True)
class Setting:
    """One configurable value: its TOML key, environment variable and help text."""

    name: str
    env: str
    help: str
    default: str


def _environ(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def debug_enabled(env: Mapping[str, str] | None = None) -> bool:
    """``NEXTSEASON_DEBUG``: show a traceback on an unexpected failure (read before the
    settings, which may be what failed)."""
    return bool(_environ(env).get("NEXTSEASON_DEBUG"))


def home_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder of the default catalog and caches: ``NEXTSEASON_HOME``, else the platform's
    user data directory."""
    override = _environ(env).get("NEXTSEASON_HOME", "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_url(env: Mapping[str, str] | None = None) -> str:
    """SQLite in the user data directory (``NEXTSEASON_HOME`` overrides the directory)."""
    return f"sqlite:///{home_dir(env) / 'catalog.sqlite'}"


def config_path(env: Mapping[str, str] | None = None) -> Path:
    override = _environ(env).get("NEXTSEASON_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """Where the HTTP cache lives: ``NEXTSEASON_CACHE_DIR`` ("off" or "none": no cache),
    else ``<NEXTSEASON_HOME>/http``, else ``<user cache dir>/nextseason/http``."""
    return _cache_dir(_environ(env))


def _cache_dir(raw_values: Mapping[str, object]) -> Path | None:
    raw = str(raw_values.get("NEXTSEASON_CACHE_DIR") or raw_values.get("cache_dir") or "").strip()
    if raw.lower() in ("off", "none"):
        return None
    if raw:
        return Path(raw).expanduser()
    home = str(raw_values.get("NEXTSEASON_HOME") or raw_values.get("home") or "").strip()
    if home:
        return Path(home).expanduser() / "http"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "http"


@dataclass(frozen=True)
class HttpSettings:
    """What the HTTP layer needs from the user's settings."""

    cache_dir: Path | None = None  # None: no on-disk cache
    offline: bool = False
    contact: str = DEFAULT_CONTACT
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5  # first retry waits about this long, then doubles
    max_wait: float = 60.0  # never sleep longer than this for one Retry-After
    rate_limits: bool = True  # off only for benchmarks of the pipeline itself
    base_urls: Mapping[str, str] = field(default_factory=dict)  # source key -> URL override
    #: Base URL overrides by their variable (NEXTSEASON_TVMAZE_URL...); base_urls wins.
    url_overrides: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str], **overrides: Any) -> HttpSettings:
        """The HTTP settings of a set of environment variables (no settings file); keyword
        ``overrides`` win."""
        return replace(_http_settings(dict(env)), **overrides)

    @property
    def user_agent(self) -> str:
        """Who is asking, with a contact address (Wikimedia asks for one)."""
        from importlib.metadata import version

        from nextseason import __version__

        return f"nextseason/{__version__} (+{self.contact}) httpx/{version('httpx')}"

    def base_url(self, source: str, url_env: str, default: str) -> str:
        """A source's base URL: an override by key, else by variable, else its own."""
        return self.base_urls.get(source) or self.url_overrides.get(url_env) or default


def _http_settings(raw: Mapping[str, object]) -> HttpSettings:
    """HttpSettings from merged raw values (by setting name, or by variable name)."""

    def value(name: str) -> str:
        return str(raw.get(name) or raw.get(f"NEXTSEASON_{name.upper()}") or "").strip()

    values: dict[str, Any] = {
        "offline": value("offline").lower() not in _FALSE_WORDS,
        "cache_dir": _cache_dir(raw),
        "url_overrides": _url_overrides(raw),
    }
    if value("contact"):
        values["contact"] = value("contact")
    for name, key, kind in (
        ("http_retries", "retries", int),
        ("http_timeout", "timeout", float),
    ):
        raw_value = value(name)
        if raw_value:
            try:
                values[key] = max(kind(raw_value), 0)
            except ValueError:
                raise UsageError(
                    f"NEXTSEASON_{name.upper()} must be a number, got {raw_value!r}"
                ) from None
    return HttpSettings(**values)


def _url_overrides(raw: Mapping[str, object]) -> dict[str, str]:
    urls: dict[str, str] = {}
    for name, value in raw.items():
        env = name if name.startswith("NEXTSEASON_") else f"NEXTSEASON_{name.upper()}"
        if _URL_ENV.fullmatch(env) and str(value).strip():
            urls[env] = str(value).strip()
    return urls


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
    Setting(
        "today",
        "NEXTSEASON_TODAY",
        "Date (YYYY-MM-DD) that inferences such as 'no renewal N years after release' "
        "count from. Default: the current date.",
        "<today>",
    ),
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
    home: Path = field(default_factory=home_dir)  # the default catalog's and caches' folder
    http: HttpSettings = field(default_factory=HttpSettings)

    @property
    def default_catalog(self) -> bool:
        """Whether the catalog is the default one in ``home`` (whose folder is ours)."""
        return self.db_url == f"sqlite:///{self.home / 'catalog.sqlite'}"

    @property
    def reddit_credentials(self) -> tuple[str, str] | None:
        if self.reddit_client_id and self.reddit_client_secret:
            return (self.reddit_client_id, self.reddit_client_secret)
        return None

    def with_overrides(self, **values: object) -> Settings:
        clean = {k: v for k, v in values.items() if v is not None}
        if clean.get("offline") is not None:
            clean["http"] = replace(self.http, offline=bool(clean["offline"]))
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
    environ = _environ(env)
    raw: dict[str, object] = dict(_read_toml(config_path(environ)))
    for setting in SETTINGS:
        if setting.env in environ and environ[setting.env] != "":
            raw[setting.name] = environ[setting.env]
    for name, url in environ.items():
        if _URL_ENV.fullmatch(name) and url.strip():
            raw[name] = url
    values: dict[str, object] = {}
    home = str(raw.get("home") or "").strip()
    home_path = Path(home).expanduser() if home else home_dir({})
    values["home"] = home_path
    values["db_url"] = (
        str(raw["db"]) if "db" in raw else f"sqlite:///{home_path / 'catalog.sqlite'}"
    )
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
    values["http"] = _http_settings(raw)
    known = {f.name for f in fields(Settings)}
    assert set(values) <= known
    return Settings(**values)  # type: ignore[arg-type]
