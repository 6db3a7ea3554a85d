"""A real ``nextseason serve`` on loopback, for tests that must meet the server itself (its
request limits, which proxies it trusts) rather than the app in-process.

    with Served(catalog_path, "--forwarded-allow-ips", "127.0.0.1") as served:
        httpx.get(served.url + "/api/v1/health")

The server runs in its own process, offline, with the test's catalog; its log is kept in
:attr:`Served.log` for a failing test to show.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

import httpx

__all__ = ["Served", "free_port"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    """``nextseason serve --db CATALOG [ARGS]`` on a free loopback port."""

    def __init__(
        self, catalog: Path, *args: str, env: dict[str, str] | None = None, start_within: float = 90
    ) -> None:
        self.catalog = catalog
        self.args = args
        self.env = {**os.environ, "NEXTSEASON_OFFLINE": "1", **(env or {})}
        self.start_within = start_within
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in __exit__)
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def __enter__(self) -> Served:
        command = [sys.executable, "-m", "nextseason", "serve", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--db", str(self.catalog), *self.args]
        self._process = subprocess.Popen(
            command, stdout=self._log, stderr=subprocess.STDOUT, env=self.env
        )
        deadline = time.monotonic() + self.start_within
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"serve exited with {self._process.returncode}:\n{self.log}")
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"serve did not answer within {self.start_within} s:\n{self.log}")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._log.close()
