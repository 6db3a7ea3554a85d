"""Helpers shared by the benchmarks: timing statistics and a seeded temp catalog."""

from __future__ import annotations

import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def machine() -> str:
    cpus = os.cpu_count()
    python = platform.python_version()
    return f"{platform.machine()}, {cpus} cores, Python {python}, {platform.system()}"


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {
        "p50": statistics.median(ordered),
        "p90": pick(0.9),
        "min": ordered[0],
        "n": len(ordered),
    }


def time_calls(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def temp_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="nextseason-bench-"))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
