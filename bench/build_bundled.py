"""Building the bundled catalog from the raw published files in raw/: target <= 60 s."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from _common import machine, temp_dir
from nextseason.build import build_bundled

RAW = Path(__file__).resolve().parent.parent / "raw"


def main(repeat: int = 2) -> None:
    times = []
    size = 0
    for _ in range(repeat):
        out = temp_dir() / "catalog.sqlite.gz"
        start = time.perf_counter()
        report = build_bundled(RAW, out)
        times.append(time.perf_counter() - start)
        size = out.stat().st_size
    median = statistics.median(times)
    counts = report.to_dict()
    print(f"machine: {machine()}")
    print(f"build from {RAW}, {repeat} runs: median {median:.1f} s (min {min(times):.1f} s)")
    print(f"artifact: {size / 1e6:.1f} MB gzipped; shows: {counts.get('shows_created', '?')}")
    print(f"target <= 60 s: {'met' if median <= 60 else 'MISSED'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
