"""Rate limits shared by every process on one machine (refresh workers), through lock files.

Each source has a small file holding the send times of its last requests. A process takes
an exclusive ``flock`` on it, waits until one more request fits the window, records its own
send time and releases the lock, so N workers together keep, say, TVmaze's 20 calls per
10 seconds. One-at-a-time sources hold a second lock for the whole request.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from nextseason.sources.base import SourcePolicy
from nextseason.sources.http import Limiter, LimiterPool

__all__ = ["FileRateLimiter", "machine_limiters"]


class FileRateLimiter:
    """A sliding-window limiter whose window lives in a lock file shared by processes."""

    def __init__(
        self,
        path: Path,
        calls: int | None,
        per_seconds: float,
        *,
        one_at_a_time: bool = False,
        margin: float = 0.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.path = path
        self.calls = calls
        self.per_seconds = per_seconds
        self.one_at_a_time = one_at_a_time
        self.margin = margin
        self.clock = clock
        self.sleep = sleep
        path.parent.mkdir(parents=True, exist_ok=True)

    @contextlib.contextmanager
    def _locked(self, path: Path) -> Iterator[int]:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield fd
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _wait(self) -> None:
        if self.calls is None:
            return
        with self._locked(self.path) as fd:
            raw = os.pread(fd, 1 << 16, 0)
            try:
                sent = [float(x) for x in json.loads(raw or b"[]")]
            except ValueError:
                sent = []  # a damaged window is started afresh
            now = self.clock()
            sent = [s for s in sent if s > now - self.per_seconds - self.margin]
            if len(sent) >= self.calls:
                pause = sent[-self.calls] + self.per_seconds + self.margin - now
                if pause > 0:
                    self.sleep(pause)
                    now = self.clock()
            sent = [*sent, now][-self.calls :]
            data = json.dumps(sent).encode()
            os.ftruncate(fd, 0)
            os.pwrite(fd, data, 0)

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        if not self.one_at_a_time:
            self._wait()
            yield
            return
        with self._locked(self.path.with_suffix(".serial")):
            self._wait()
            yield


def machine_limiters(folder: Path) -> LimiterPool:
    """Limiters for every source, shared by all processes that use ``folder``."""

    def factory(policy: SourcePolicy) -> Limiter:
        return FileRateLimiter(
            folder / f"{policy.name}.window",
            policy.calls,
            policy.per_seconds,
            one_at_a_time=policy.one_at_a_time,
            margin=policy.per_seconds * 0.02,
        )

    return LimiterPool(factory=factory)
