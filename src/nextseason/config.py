"""Typed settings with pydantic-settings: defaults, then a TOML file, then the environment,
then the command's options.

:class:`Settings` is one frozen, typed object. Its fields are the settings, each with its
help text, so the README's settings table and ``nextseason config`` are generated from one
place (:data:`SETTINGS`) and a test fails when a setting is undocumented. There is no global
settings object: the entry points (the CLI's commands, the web app's factory) call
:func:`load_settings` once and pass the result down. ``Settings(...)`` itself reads nothing:
it is the defaults and what it is given, which is what tests and the web app's callers want.

:func:`load_settings` layers pydantic-settings' own sources, environment over file over
defaults, and remembers where each value came from (:meth:`Settings.origin`). The file is
strict (``extra="forbid"``): a misspelt key, or the settings put in a ``[nextseason]`` table,
fails with the key's name instead of being ignored. The HTTP layer's own settings are the
nested :class:`HttpSettings`, derived from these. This is the only module that reads the
environment.

Each live source's ``NEXTSEASON_<NAME>_URL`` (``<name>_url`` in the file) is declared by the
source itself (its policy's ``url_env``, see :mod:`nextseason.sources.registry`); the
settings keep every such override by variable name in ``source_urls``, the HTTP client picks
its source's, and :meth:`Settings.check_source_urls` refuses a name no source declares.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field, PrivateAttr, ValidationError, field_validator
from pydantic import model_validator as _model_validator
from pydantic.config import JsonDict
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from nextseason.errors import UsageError

__all__ = [
    "SETTINGS",
    "HttpSettings",
    "Origin",
    "Setting",
    "Settings",
    "columns_fixed",
    "config_path",
    "default_cache_dir",
    "default_db_url",
    "load_settings",
    "similar_cache_dir",
]

APP_NAME = "nextseason"
ENV_PREFIX = "NEXTSEASON_"
DEFAULT_CONTACT = "https://github.com/nextseason/nextseason/issues"
#: A live source's base URL override, e.g. NEXTSEASON_TVMAZE_URL (not the webhook's URL).
_URL_ENV = re.compile(r"NEXTSEASON_(?!WEBHOOK_)[A-Z0-9_]+_URL")
#: The same in the settings file: tvmaze_url = "..." (not webhook_url).
_URL_KEY = re.compile(r"(?!webhook_)[a-z0-9_]+_url")

#: Where a setting's value came from, weakest first.
Origin = Literal["default", "file", "environment", "option"]


@dataclass(frozen=True)
class Setting:
    """One configurable value: its TOML key, environment variable, help and shown default."""

    name: str
    env: str
    help: str
    default: str
    secret: bool = False


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
    """The TOML settings file: ``NEXTSEASON_CONFIG``, else ``<user config dir>/config.toml``."""
    override = _environ(env).get("NEXTSEASON_CONFIG")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """Where the HTTP cache lives: ``NEXTSEASON_CACHE_DIR`` ("off" or "none": no cache),
    else ``<NEXTSEASON_HOME>/http``, else ``<user cache dir>/nextseason/http``."""
    values = _environ(env)
    return _cache_dir(values.get("NEXTSEASON_CACHE_DIR"), values.get("NEXTSEASON_HOME"))


def _cache_dir(raw: object, home: object) -> Path | None:
    text = str(raw or "").strip()
    if text.lower() in ("off", "none"):
        return None
    if text:
        return Path(text).expanduser()
    home_text = str(home or "").strip()
    if home_text:
        return Path(home_text).expanduser() / "http"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "http"


def columns_fixed(env: Mapping[str, str] | None = None) -> bool:
    """Whether ``COLUMNS`` fixes the width of text output (rich honours it; otherwise a
    table written to a pipe is as wide as its rows)."""
    return bool(_environ(env).get("COLUMNS"))


def similar_cache_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """Where the similar-shows index is cached on disk: ``<NEXTSEASON_HOME>/similar``, else
    ``<user cache dir>/nextseason/similar``; None when ``NEXTSEASON_CACHE_DIR`` is "off" or
    "none" (caches off)."""
    values = _environ(env)
    if str(values.get("NEXTSEASON_CACHE_DIR") or "").strip().lower() in ("off", "none"):
        return None
    home = str(values.get("NEXTSEASON_HOME") or "").strip()
    if home:
        return Path(home).expanduser() / "similar"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "similar"


@dataclass(frozen=True)
class HttpSettings:
    """What the HTTP layer needs from the user's settings (see :attr:`Settings.http`)."""

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
        """The HTTP settings of a set of environment variables (no settings file), read by
        the same rules as :func:`load_settings`; keyword ``overrides`` win."""
        return replace(load_settings(env, read_file=False).http, **overrides)

    @property
    def user_agent(self) -> str:
        """Who is asking, with a contact address (Wikimedia asks for one)."""
        from importlib.metadata import version

        from nextseason import __version__

        return f"nextseason/{__version__} (+{self.contact}) httpx/{version('httpx')}"

    def base_url(self, source: str, url_env: str, default: str) -> str:
        """A source's base URL: an override by key, else by variable, else its own."""
        return self.base_urls.get(source) or self.url_overrides.get(url_env) or default


def _shown(default: str, *, secret: bool = False) -> JsonDict:
    """A field's default as the docs show it (computed defaults name where they point)."""
    return {"shown_default": default, "secret": secret}


class Settings(BaseSettings):
    """Every setting, typed and checked. Read them with :func:`load_settings`."""

    model_config = SettingsConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        validate_default=True,
    )

    db_url: str = Field(
        default="",
        validation_alias=AliasChoices("db", "db_url"),
        description="SQLAlchemy URL of the catalog. Default: SQLite in the user data "
        "directory, seeded from the bundled catalog on first use.",
        json_schema_extra=_shown("sqlite:///<user data dir>/catalog.sqlite"),
    )
    home: Path = Field(
        default_factory=lambda: home_dir({}),
        description="Directory for the default catalog and caches (instead of the platform's "
        "user data directory).",
        json_schema_extra=_shown("<user data dir>"),
    )
    countries: Annotated[tuple[str, ...], NoDecode] = Field(
        default=("US", "GB", "CA"),
        description="Comma-separated ISO country codes for the where-to-watch section.",
        json_schema_extra=_shown("US,GB,CA"),
    )
    db_timeout: float = Field(
        default=5.0,
        ge=0,
        description="Seconds to wait for a catalog that another process has locked before "
        "giving up.",
        json_schema_extra=_shown("5"),
    )
    debug: bool = Field(
        default=False,
        description="Set to 1 to show a Python traceback on an unexpected failure instead of "
        "one line.",
        json_schema_extra=_shown(""),
    )
    offline: bool = Field(
        default=False,
        description="Set to 1 to answer from the catalog and the HTTP cache only, never the "
        "network (the same as --offline).",
        json_schema_extra=_shown("0"),
    )
    tmdb_key: str | None = Field(
        default=None,
        repr=False,
        description="TMDB API key (v3) or read access token (v4). Optional: without it TMDB "
        "is skipped. Never printed or logged.",
        json_schema_extra=_shown("", secret=True),
    )
    reddit_client_id: str | None = Field(
        default=None,
        description="Reddit app client id for OAuth (optional; public search is used without it).",
        json_schema_extra=_shown(""),
    )
    reddit_client_secret: str | None = Field(
        default=None,
        repr=False,
        description="Reddit app client secret for OAuth (optional). Never printed or logged.",
        json_schema_extra=_shown("", secret=True),
    )
    contact: str = Field(
        default=DEFAULT_CONTACT,
        min_length=1,
        description="Contact URL or e-mail address sent in the User-Agent (Wikimedia asks "
        "for one).",
        json_schema_extra=_shown("the project's issue tracker"),
    )
    cache_dir: Path | None = Field(
        default=None,
        description='Folder of the on-disk HTTP cache ("off": no cache).',
        json_schema_extra=_shown("<NEXTSEASON_HOME or the user cache dir>/http"),
    )
    webhook_url: str | None = Field(
        default=None,
        description="URL that `check` POSTs each confirmed change to (JSON), retried until "
        "delivered.",
        json_schema_extra=_shown(""),
    )
    webhook_secret: str | None = Field(
        default=None,
        repr=False,
        description="Secret for the webhook's X-Nextseason-Signature (HMAC-SHA256 of the "
        "body). Never printed or logged.",
        json_schema_extra=_shown("", secret=True),
    )
    http_retries: int = Field(
        default=3,
        ge=0,
        le=20,
        description="How many times a failed request to a live source is retried (with backoff).",
        json_schema_extra=_shown("3"),
    )
    http_timeout: float = Field(
        default=20.0,
        gt=0,
        description="Seconds to wait for a live source to answer.",
        json_schema_extra=_shown("20"),
    )
    today: str | None = Field(
        default=None,
        description="Date (YYYY-MM-DD) that inferences such as 'no renewal N years after "
        "release' count from. Default: the current date.",
        json_schema_extra=_shown("<today>"),
    )
    cors: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        description="Comma-separated origins (https://app.example.org) whose web pages may "
        "call the JSON API from the browser (CORS). Default: none, CORS off.",
        json_schema_extra=_shown(""),
    )
    #: Live sources' base URLs by variable (NEXTSEASON_TVMAZE_URL); see the module docstring.
    source_urls: dict[str, str] = Field(default_factory=dict, exclude=True)

    _origins: dict[str, Origin] = PrivateAttr(default_factory=dict)
    _file: Path | None = PrivateAttr(default=None)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Constructing Settings reads nothing; load_settings() layers the file and the
        # environment itself, to know where each value came from.
        return (init_settings,)

    @_model_validator(mode="before")
    @classmethod
    def _computed_defaults(cls, data: Any) -> Any:
        """The catalog and the HTTP cache default to folders in ``home``."""
        if not isinstance(data, dict):
            return data
        home = data.get("home")
        home_path = Path(str(home)).expanduser() if home else home_dir({})
        if not data.get("db") and not data.get("db_url"):
            data = {k: v for k, v in data.items() if k not in ("db", "db_url")}
            data["db_url"] = f"sqlite:///{home_path / 'catalog.sqlite'}"
        if "cache_dir" not in data or isinstance(data["cache_dir"], str):
            data = {**data, "cache_dir": _cache_dir(data.get("cache_dir"), home)}
        return data

    @field_validator("countries", mode="before")
    @classmethod
    def _countries(cls, value: Any) -> Any:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            return value
        codes = tuple(str(c).strip().upper() for c in items if str(c).strip())
        if not codes or any(len(c) != 2 or not c.isalpha() for c in codes):
            raise ValueError("two-letter ISO country codes are needed")
        return codes

    @field_validator("cors", mode="before")
    @classmethod
    def _origins_list(cls, value: Any) -> Any:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            return value
        origins = tuple(str(o).strip().rstrip("/") for o in items if str(o).strip())
        for origin in origins:
            scheme, _, host = origin.partition("://")
            if origin != "*" and (scheme not in ("http", "https") or not host or "/" in host):
                raise ValueError(f"{origin!r} is not an origin (scheme://host[:port]) or *")
        return origins

    @field_validator(
        "tmdb_key",
        "reddit_client_id",
        "reddit_client_secret",
        "webhook_url",
        "webhook_secret",
        "today",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @field_validator("today")
    @classmethod
    def _a_date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ValueError("a date as YYYY-MM-DD is needed") from None
        return value

    # -- derived values ----------------------------------------------------------------

    @property
    def http(self) -> HttpSettings:
        """What the HTTP client needs."""
        return HttpSettings(
            cache_dir=self.cache_dir,
            offline=self.offline,
            contact=self.contact,
            timeout=self.http_timeout,
            retries=self.http_retries,
            url_overrides=dict(self.source_urls),
        )

    @property
    def default_catalog(self) -> bool:
        """Whether the catalog is the default one in ``home`` (whose folder is ours)."""
        return self.db_url == f"sqlite:///{self.home / 'catalog.sqlite'}"

    @property
    def reddit_credentials(self) -> tuple[str, str] | None:
        if self.reddit_client_id and self.reddit_client_secret:
            return (self.reddit_client_id, self.reddit_client_secret)
        return None

    def origin(self, name: str) -> Origin:
        """Where setting ``name`` (or a source URL variable) came from."""
        return self._origins.get(name, "default")

    def with_overrides(self, **values: object) -> Settings:
        """A copy with the command's options applied (``None`` leaves a value alone)."""
        clean = {k: v for k, v in values.items() if v is not None}
        merged = {**self.model_dump(exclude={"source_urls"}), **clean}
        merged["source_urls"] = dict(self.source_urls)
        updated = Settings(**merged)
        updated._origins = {**self._origins, **{_name(k): "option" for k in clean}}
        updated._file = self._file
        return updated

    def check_source_urls(self, known: Iterable[str]) -> None:
        """A usage error for a ``*_url`` setting that no live source declares (a typo)."""
        declared = set(known)
        for env in sorted(set(self.source_urls) - declared):
            origin = self.origin(env)
            where = env if origin == "environment" else env.removeprefix(ENV_PREFIX).lower()
            names = [e.removeprefix(ENV_PREFIX).lower() for e in declared]
            raise UsageError(
                f"unknown setting {where!r}"
                + (f" in the settings file {self._file}" if origin == "file" else ""),
                hint=_did_you_mean(where.removeprefix(ENV_PREFIX).lower(), names),
            )

    @property
    def settings_file(self) -> Path | None:
        """The TOML file these settings were read from (None: none was read)."""
        return self._file


def _name(key: str) -> str:
    """A field's setting name (``db_url`` is the ``db`` setting)."""
    return "db" if key == "db_url" else key


def _did_you_mean(key: str, names: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}? See `nextseason config`"
    return "see `nextseason config` for every setting"


# -- the declared settings, for the docs and `nextseason config` -------------------------


def _declared() -> tuple[Setting, ...]:
    rows: list[Setting] = []
    for key, info in Settings.model_fields.items():
        if info.exclude:
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        name = _name(key)
        rows.append(
            Setting(
                name,
                f"{ENV_PREFIX}{name.upper()}",
                info.description or "",
                str(extra.get("shown_default", "")),
                secret=bool(extra.get("secret")),
            )
        )
        if name == "home":  # the file's own path: an environment variable, not a key
            rows.append(
                Setting(
                    "config",
                    "NEXTSEASON_CONFIG",
                    "Path of the TOML settings file.",
                    "<user config dir>/config.toml",
                )
            )
    return tuple(rows)


SETTINGS: tuple[Setting, ...] = _declared()


# -- loading: environment > file > defaults ----------------------------------------------


class _Environment(EnvSettingsSource):
    """pydantic-settings' environment source over the ``NEXTSEASON_*`` variables of a given
    mapping (so tests and workers can pass their own), plus the live sources' URLs."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._given = {
            name.removeprefix(ENV_PREFIX).lower(): value
            for name, value in environ.items()
            if name.startswith(ENV_PREFIX) and value.strip() != ""
        }
        self._urls = {
            name: value.strip()
            for name, value in environ.items()
            if _URL_ENV.fullmatch(name) and value.strip()
        }
        super().__init__(Settings, case_sensitive=False, env_prefix="")

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return dict(self._given)

    def __call__(self) -> dict[str, Any]:
        values = super().__call__()
        values.pop("config", None)  # NEXTSEASON_CONFIG names the file; it is no setting
        if self._urls:
            values["source_urls"] = dict(self._urls)
        return values


class _File(TomlConfigSettingsSource):
    """pydantic-settings' TOML source; ``<source>_url`` keys become ``source_urls``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            super().__init__(Settings, toml_file=path)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(f"cannot read the settings file {path}: {exc}") from None

    def __call__(self) -> dict[str, Any]:
        values = dict(super().__call__())
        urls = {
            f"{ENV_PREFIX}{key.upper()}": str(value).strip()
            for key, value in values.items()
            if _URL_KEY.fullmatch(key) and isinstance(value, str) and value.strip()
        }
        values = {k: v for k, v in values.items() if not _URL_KEY.fullmatch(k)}
        if urls:
            values["source_urls"] = urls
        return values


def load_settings(env: Mapping[str, str] | None = None, *, read_file: bool = True) -> Settings:
    """The settings: defaults, overridden by the TOML file, overridden by the environment.

    Each value's origin is kept (:meth:`Settings.origin`). A key the file should not hold, or
    a value of the wrong type, is a :class:`UsageError` naming the key and where it was set.
    """
    environ = _environ(env)
    path = config_path(environ)
    from_file: dict[str, Any] = _File(path)() if read_file and path.is_file() else {}
    from_env = _Environment(environ)()
    merged = {**from_file, **from_env}
    urls = {**from_file.get("source_urls", {}), **from_env.get("source_urls", {})}
    if urls:
        merged["source_urls"] = urls
    origins: dict[str, Origin] = {}
    for layer, values in (("file", from_file), ("environment", from_env)):
        for key in values:
            if key != "source_urls":
                origins[_name(key)] = layer  # type: ignore[assignment]
        for env_name in values.get("source_urls", {}):
            origins[env_name] = layer  # type: ignore[assignment]
    try:
        settings = Settings(**merged)
    except ValidationError as exc:
        raise _explain(exc, from_file, from_env, path) from None
    settings._origins = origins
    settings._file = path if from_file or (read_file and path.is_file()) else None
    return settings


def _explain(
    exc: ValidationError, from_file: Mapping[str, Any], from_env: Mapping[str, Any], path: Path
) -> UsageError:
    """The first problem as one line: which key, where it was set, what is wrong."""
    error = exc.errors()[0]
    key = str(error["loc"][0]) if error["loc"] else "?"
    name = _name(key)
    if key in from_env:
        where, value = f"{ENV_PREFIX}{name.upper()}", from_env[key]
    else:
        where, value = f"{name!r} in the settings file {path}", from_file.get(key)
    if error["type"] == "extra_forbidden":
        known = [s.name for s in SETTINGS if s.name != "config"]
        hint = _did_you_mean(name, known)
        if isinstance(value, dict):
            hint = f"settings are top-level keys in the file, not a [{name}] table; {hint}"
        return UsageError(f"unknown setting {where}", hint=hint)
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    return UsageError(f"{where}: {message[:1].lower()}{message[1:]} (got {value!r})")
