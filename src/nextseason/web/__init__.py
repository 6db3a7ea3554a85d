"""The web app and JSON API (``nextseason serve``): FastAPI over the catalog.

Modules: ``app`` (the factory), ``api`` (/api/v1), ``pages`` (server-rendered HTML),
``feeds`` (Atom), ``services`` (what pages and API share), ``auth`` and ``tokens`` (API
tokens), ``conditional`` (ETag / 304), ``middleware`` (security headers, body limits),
``ratelimit``, ``errors`` (the one error shape), ``command`` (the click commands).

Importing this package imports nothing heavy: the CLI registers ``command`` at start-up,
and FastAPI is loaded only when the app is built (``create_app``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nextseason.web.app import create_app
    from nextseason.web.state import WebLimits

__all__ = ["WebLimits", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from nextseason.web.app import create_app

        return create_app
    if name == "WebLimits":
        from nextseason.web.state import WebLimits

        return WebLimits
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
