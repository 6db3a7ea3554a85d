"""``nextseason serve`` and ``nextseason token create|list|revoke``.

Registered by ``nextseason.cli``; FastAPI and uvicorn are imported inside the commands, so
the rest of the CLI starts as fast as before.
"""

from __future__ import annotations

import json
from functools import partial

import click

from nextseason.config import Settings
from nextseason.options import db_option

__all__ = ["serve", "token_group"]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes (each opens the catalog once; use 2 or more in production).",
)
@click.option(
    "--forwarded-allow-ips",
    default=None,
    metavar="ADDRESSES",
    help="Comma-separated addresses of the reverse proxies whose X-Forwarded-For and "
    "X-Forwarded-Proto headers are trusted (e.g. 127.0.0.1 for a proxy on this machine). "
    "Default: none, so no client can choose the address its rate limit is counted on.",
)
@click.option(
    "--cors",
    "cors",
    multiple=True,
    metavar="ORIGIN",
    help="Let web pages from ORIGIN (https://app.example.org) call the JSON API from the "
    "browser; repeatable. Default: the `cors` setting (none: CORS off).",
)
@db_option
def serve(
    host: str,
    port: int,
    workers: int,
    forwarded_allow_ips: str | None,
    cors: tuple[str, ...],
    db: str | None,
) -> None:
    """Run the web app and JSON API (pages, /api/v1, /docs, Atom feeds); needs the
    ``web`` extra (pip install "nextseason[web]")."""
    from nextseason.cli_support import need_extra, settings_for

    need_extra("web", ("fastapi", "uvicorn", "python_multipart"), "nextseason serve")
    import uvicorn

    settings = settings_for(db)
    if cors:
        settings = with_cors(settings, cors)
    # A catalog that cannot be used (missing folder, damaged, too new) is one line and its
    # exit code here, not a traceback from every worker's startup.
    from nextseason.cli_support import open_catalog

    open_catalog(settings).close()
    click.echo(f"nextseason: serving on http://{host}:{port} ({workers} worker(s))", err=True)
    from nextseason.web.app import create_app
    from nextseason.web.server import uvicorn_options

    common = uvicorn_options(host, port, forwarded_allow_ips)

    if workers > 1:
        from uvicorn.supervisors import Multiprocess

        # Each worker process builds its app from these settings (pickled with the factory):
        # nothing is handed over through the environment.
        config = uvicorn.Config(
            partial(create_app, settings),
            factory=True,
            workers=workers,
            **common,  # type: ignore[arg-type]
        )
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.run(create_app(settings), **common)  # type: ignore[arg-type]


def with_cors(settings: Settings, origins: tuple[str, ...]) -> Settings:
    """The settings with ``--cors`` origins in place of the ``cors`` setting (checked the
    same way: a value that is no origin is a usage error naming it)."""
    from pydantic import ValidationError

    try:
        return settings.with_overrides(cors=list(origins))
    except ValidationError as exc:
        message = "; ".join(str(e.get("msg", "")) for e in exc.errors())
        raise click.BadParameter(message, param_hint="--cors") from None


@click.group("token")
def token_group() -> None:
    """API tokens for the web app's write endpoints (watchlist, refresh)."""


_FORMAT = click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="json: the result as JSON on standard output (errors as JSON on standard error).",
)


@token_group.command("create")
@click.argument("name")
@_FORMAT
@db_option
def token_create(name: str, fmt: str, db: str | None) -> None:
    """Create a token called NAME and print it (it is shown this once, then stored hashed)."""
    from nextseason.catalog.tokens import create_token
    from nextseason.cli_support import open_catalog, settings_for
    from nextseason.sources.base import now_utc

    with open_catalog(settings_for(db)) as catalog, catalog.transaction() as conn:
        info, token = create_token(conn, name, now_utc())
    if fmt == "json":
        click.echo(json.dumps({"id": info.id, "name": info.name, "token": token}, indent=2))
        return
    click.echo(token)
    click.echo(
        f"created token {info.name!r} [id {info.id}]; it is shown only now: keep it safe. "
        "Send it as `Authorization: Bearer <token>`.",
        err=True,
    )


@token_group.command("list")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True
)
@db_option
def token_list(fmt: str, db: str | None) -> None:
    """The tokens (names, ids, when created and last used; never the tokens themselves)."""
    from nextseason.catalog.tokens import list_tokens
    from nextseason.cli_support import open_catalog, settings_for

    with open_catalog(settings_for(db)) as catalog, catalog.connect() as conn:
        tokens = list_tokens(conn)
    rows = [
        {
            "id": t.id,
            "name": t.name,
            "created": t.created_at.isoformat(timespec="seconds"),
            "last_used": t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else None,
        }
        for t in tokens
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("no API tokens; create one with `nextseason token create NAME`")
        return
    for row in rows:
        click.echo(
            f"{row['id']}\t{row['name']}\tcreated {row['created']}\t"
            f"last used {row['last_used'] or 'never'}"
        )


@token_group.command("revoke")
@click.argument("name_or_id")
@_FORMAT
@db_option
def token_revoke(name_or_id: str, fmt: str, db: str | None) -> None:
    """Revoke the token with this name (or id); it stops working at once."""
    from nextseason.catalog.tokens import revoke_token
    from nextseason.cli_support import open_catalog, settings_for
    from nextseason.errors import UsageError

    with open_catalog(settings_for(db)) as catalog, catalog.transaction() as conn:
        gone = revoke_token(conn, name_or_id)
    if gone is None:
        raise UsageError(f"no token is called {name_or_id!r}", hint="see `nextseason token list`")
    if fmt == "json":
        click.echo(json.dumps({"id": gone.id, "name": gone.name, "revoked": True}, indent=2))
        return
    click.echo(f"revoked token {gone.name!r} [id {gone.id}]")
