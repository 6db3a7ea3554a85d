"""`check` over a 10,000-show watchlist answered from a warm catalog (no network): <= 5 s.
And the verdict computation alone: p50 <= 1 ms.

The catalog is the bundled one; the watchlist is its first 10,000 shows, added with their
baseline as `watch add` does. The timed check is a full run: lease, bulk load of the status
facts, verdicts, change detection, and one transaction writing states and verdict history.
"""

from __future__ import annotations

import sys
import time
from datetime import date

from _common import machine, percentiles, temp_dir
from nextseason.analysis.status import verdict_for
from nextseason.catalog import Catalog
from nextseason.catalog import watchlist as store
from nextseason.catalog.queries import status_facts
from nextseason.sources.base import now_utc
from nextseason.watch.check import run_check
from nextseason.watch.state import observe

TODAY = date(2026, 11, 27)


def main(n: int = 10_000) -> None:
    db = temp_dir() / "catalog.sqlite"
    with Catalog.open(f"sqlite:///{db}") as catalog:
        ids = [e.id for e in catalog.title_index().entries][:n]
        start = time.perf_counter()
        with catalog.connect() as conn:
            facts = status_facts(conn, ids)
        with catalog.transaction() as conn:
            for show_id in ids:
                state, _, _ = observe(None, facts[show_id], verdict_for(facts[show_id], TODAY))
                store.add(conn, show_id, state.to_json(), now_utc())
        added = time.perf_counter() - start
        runs = []
        for _ in range(3):
            report = run_check(catalog, today=TODAY)
            runs.append(report.seconds)
        samples = []
        for show_id in ids:
            one = facts[show_id]
            begin = time.perf_counter()
            verdict_for(one, TODAY)
            samples.append(time.perf_counter() - begin)
    stats = percentiles(samples)
    best = sorted(runs)[len(runs) // 2]
    print(f"machine: {machine()}")
    print(f"watchlist of {len(ids):,} shows added with baselines in {added:.1f} s")
    print(
        f"check, warm catalog, no network, 3 runs: median {best:.2f} s "
        f"(runs {', '.join(f'{r:.2f}' for r in runs)}); {report.checked:,} checked, "
        f"{len(report.changes)} changes"
    )
    p50, p90 = stats["p50"] * 1e6, stats["p90"] * 1e6
    print(f"verdict computation: p50 {p50:.0f} µs, p90 {p90:.0f} µs over {len(samples):,} shows")
    print(
        f"targets: check <= 5 s: {'met' if best <= 5 else 'MISSED'}; "
        f"verdict p50 <= 1 ms: {'met' if stats['p50'] <= 0.001 else 'MISSED'}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
