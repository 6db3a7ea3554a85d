"""The server as a client meets it: `nextseason serve` on loopback, over real sockets.

Its limits on request heads, whom it trusts for the client's address (the rate limits count
by it), and the Allow header its 405 answers carry.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.served import Served, free_port
from tests.web.conftest import TODAY, copy_of_bundled

ENV = {"NEXTSEASON_TODAY": TODAY}


@pytest.fixture(scope="module")
def catalog(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of_bundled(bundled_db, tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="module")
def served(catalog: Path) -> Iterator[Served]:
    with Served(catalog, env=ENV) as server:
        yield server


def _exchange(served: Served, head: bytes) -> bytes:
    """Send a raw request head and read what comes back (b"" if the server hung up)."""
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(head)  # the server may refuse while we are still sending
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:
            pass
    return b"".join(chunks)


def _get(path: str, *headers: bytes) -> bytes:
    lines = [f"GET {path} HTTP/1.1".encode(), b"Host: 127.0.0.1", *headers, b"Connection: close"]
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _status(answer: bytes) -> int | None:
    if not answer.startswith(b"HTTP/1.1 "):
        return None
    return int(answer.split(b" ", 2)[1])


# -- limits on request heads ---------------------------------------------------------------


def test_a_request_with_ordinary_headers_is_answered(served: Served) -> None:
    headers = [f"X-Extra-{n}: {'v' * 40}".encode() for n in range(40)]
    assert _status(_exchange(served, _get("/api/v1/health", *headers))) == 200


def test_too_many_headers_are_refused_with_431(served: Served) -> None:
    headers = [f"X-Extra-{n}: v".encode() for n in range(150)]
    answer = _exchange(served, _get("/api/v1/health", *headers))
    assert _status(answer) == 431, answer[:200]
    assert b'"code":"headers_too_large"' in answer.replace(b" ", b"")


def test_an_oversize_header_is_refused_with_431(served: Served) -> None:
    answer = _exchange(served, _get("/api/v1/health", b"X-Big: " + b"a" * 70_000))
    assert _status(answer) == 431, answer[:200]


@pytest.mark.parametrize(
    "headers",
    [[b"X-Big: " + b"a" * (16 << 20)], [f"X-H-{n}: v".encode() for n in range(5000)]],
    ids=["a 16 MB header", "5,000 headers"],
)
def test_the_issues_heads_are_never_answered_200(served: Served, headers: list[bytes]) -> None:
    # The server refuses them while they are still arriving: a 431, or the connection
    # closed under the rest of the request. Never an answer from the app.
    answer = _exchange(served, _get("/api/v1/health", *headers))
    assert _status(answer) in (431, None), answer[:200]
    assert httpx.get(served.url + "/api/v1/health").status_code == 200  # still serving


# -- the address the rate limits count by ------------------------------------------------------


def _searches(url: str, n: int, forwarded: list[str] | None) -> list[int]:
    codes = []
    with httpx.Client(base_url=url) as client:
        for i in range(n):
            headers = {"X-Forwarded-For": forwarded[i % len(forwarded)]} if forwarded else {}
            reply = client.get("/api/v1/search", params={"q": "dark"}, headers=headers)
            codes.append(reply.status_code)
    return codes


def test_x_forwarded_for_does_not_get_around_the_rate_limit(served: Served) -> None:
    # A new made-up client address per request: one client for all that.
    codes = _searches(served.url, 90, [f"203.0.113.{n}" for n in range(1, 91)])
    assert set(codes) <= {200, 429}
    assert codes.count(429) >= 10, codes  # a burst of 60 and 2 a second, not 90 of 90


def test_forwarded_addresses_count_when_the_proxy_is_named(catalog: Path) -> None:
    with Served(catalog, "--forwarded-allow-ips", "127.0.0.1", env=ENV) as behind_proxy:
        # Many clients behind the proxy: each has its own bucket.
        many = _searches(behind_proxy.url, 90, [f"203.0.113.{n}" for n in range(1, 91)])
        # One client behind the proxy: its own limit, however it connects.
        one = _searches(behind_proxy.url, 90, ["198.51.100.7"])
    assert many.count(429) == 0, many
    assert one.count(429) >= 10, one


# -- Allow on 405 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/api/v1/watchlist", {"GET", "HEAD", "POST"}),
        ("/api/v1/watchlist/1", {"GET", "HEAD", "DELETE"}),
        ("/api/v1/shows/1/refresh", {"POST"}),
    ],
)
def test_405_names_every_method_of_the_path(served: Served, path: str, methods: set[str]) -> None:
    for method in ("OPTIONS", "PATCH", "PUT"):
        reply = httpx.request(method, served.url + path)
        assert reply.status_code == 405
        allowed = {m.strip() for m in reply.headers["allow"].split(",")}
        assert allowed == methods, (method, reply.headers["allow"])
        assert reply.json()["error"]["code"] == "method_not_allowed"


def test_a_catalog_that_cannot_be_served_is_one_line_and_exit_3(
    catalog: Path, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.sqlite"
    shutil.copyfile(catalog, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "nextseason",
            "serve",
            "--port",
            str(free_port()),
            "--db",
            str(newer),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **ENV},
    )
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith("error: ") and "newer nextseason" in done.stderr
    assert "Traceback" not in done.stderr
