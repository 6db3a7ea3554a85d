"""Report for bundled shows, in-process and warm: target p50 <= 30 ms.

Builds the full report (every section) and renders it as JSON, for a spread of shows:
the ones with the most facts (episodes, interest points, credits) and a random sample.
"""

from __future__ import annotations

import random
import sys
from datetime import date

from sqlalchemy import func, select

from _common import machine, ms, percentiles, temp_dir, time_calls
from nextseason.catalog import Catalog, schema
from nextseason.report.build import build_report
from nextseason.report.render import render

#: The day reports are made for.
TODAY = date(2026, 11, 27)


def main(repeat: int = 5) -> None:
    db = temp_dir() / "catalog.sqlite"
    with Catalog.open(f"sqlite:///{db}") as catalog:
        with catalog.connect() as conn:
            rich = [
                row[0]
                for table in (schema.episodes, schema.interest_points)
                for row in conn.execute(
                    select(table.c.show_id)
                    .group_by(table.c.show_id)
                    .order_by(func.count().desc())
                    .limit(10)
                )
            ]
        ids = [e.id for e in catalog.title_index().entries]
        sample = sorted(set(rich) | set(random.Random(7).sample(ids, 30)))
        for show_id in sample:  # warm caches and imports
            render(build_report(catalog, show_id, today=TODAY), "json")
        samples: list[float] = []
        for show_id in sample:
            samples += time_calls(
                lambda sid=show_id: render(build_report(catalog, sid, today=TODAY), "json"), repeat
            )
        heaviest = []
        for show_id in rich[:5]:
            heaviest += time_calls(
                lambda sid=show_id: render(build_report(catalog, sid, today=TODAY), "json"), repeat
            )
    stats, heavy = percentiles(samples), percentiles(heaviest)
    print(f"machine: {machine()}")
    print(
        f"report (build + JSON render), warm, {len(sample)} shows x {repeat}: "
        f"p50 {ms(stats['p50'])}, p90 {ms(stats['p90'])}"
    )
    print(f"  the 5 shows with most facts: p50 {ms(heavy['p50'])}, p90 {ms(heavy['p90'])}")
    print(f"target p50 <= 30 ms: {'met' if stats['p50'] <= 0.030 else 'MISSED'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
