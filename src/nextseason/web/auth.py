"""Who may write: API tokens for the JSON API, a session cookie holding one for the pages.

The API takes ``Authorization: Bearer <token>``. A browser signs in once by pasting a token
into a form; the server checks it and keeps it in an HttpOnly, SameSite=Strict cookie, so
page scripts never see it and other sites' pages never send it. Page forms that change
anything are also refused when the browser says the request came from another origin
(``Sec-Fetch-Site``, ``Origin``): a cross-site form post gets 403 before anything happens.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.responses import Response

from nextseason.catalog.tokens import TokenInfo
from nextseason.sources.base import now_utc
from nextseason.web.errors import Forbidden, Unauthorized
from nextseason.web.services import charge
from nextseason.web.state import WebState, web_state

__all__ = [
    "COOKIE",
    "bearer_scheme",
    "check_same_origin",
    "page_token",
    "require_token",
    "set_session",
    "verify",
]

COOKIE = "nextseason_session"
SESSION_SECONDS = 30 * 24 * 3600
#: Checking a token not verified before costs a scrypt hash: it costs rate limit too, so
#: nobody can make the server hash all day (a known token costs nothing).
VERIFY_COST = 1.0

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="An API token from `nextseason token create NAME`, as "
    "`Authorization: Bearer <token>`.",
)


def verify(state: WebState, request: Request, token: str) -> TokenInfo | None:
    return state.tokens.verify(
        token, now_utc(), before_hashing=lambda: charge(state, request, VERIFY_COST)
    )


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> TokenInfo:
    """The dependency of every write endpoint of the API: 401 without a valid token."""
    if credentials is None:
        raise Unauthorized(
            "this endpoint needs an API token",
            hint="send Authorization: Bearer <token>; create one with "
            "`nextseason token create NAME`",
        )
    info = verify(web_state(request), request, credentials.credentials)
    if info is None:
        raise Unauthorized("the API token is not valid (mistyped, or revoked)")
    return info


def page_token(request: Request) -> TokenInfo | None:
    """The token of the browser's session, if it is signed in with a valid one."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    return verify(web_state(request), request, token)


def set_session(request: Request, response: Response, token: str | None) -> None:
    """Sign the browser in with ``token``, or out with None."""
    secure = request.url.scheme == "https"
    if token is None:
        response.delete_cookie(COOKIE, path="/", secure=secure, httponly=True, samesite="strict")
        return
    response.set_cookie(
        COOKIE,
        token,
        max_age=SESSION_SECONDS,
        path="/",
        secure=secure,
        httponly=True,
        samesite="strict",
    )


def check_same_origin(request: Request) -> None:
    """403 for a form post that the browser says came from another site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        raise Forbidden("cross-site form posts are refused")
    origin = request.headers.get("origin")
    if origin is not None and origin != "null":
        parts = urlsplit(origin)
        host = request.headers.get("host", "")
        if parts.netloc != host or parts.scheme != request.url.scheme:
            raise Forbidden("cross-site form posts are refused")
    elif origin == "null":
        raise Forbidden("form posts from an opaque origin are refused")
