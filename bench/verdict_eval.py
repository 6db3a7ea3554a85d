"""Status verdicts of the bundled catalog against labels written beforehand.

    python bench/verdict_eval.py [--catalog-wide]

Reads ``tests/fixtures/truth/verdicts.tsv``: for each show its first-air year, original
channel, seasons made and status as of 2025-06-01, from public knowledge, each with a note,
written before any tuning, 30% of each group held out (never tuned on). For each show it
finds the catalog record (title, year, channel: :func:`~nextseason.importers.identity.could_be`;
the best-known one when several could be), asks the verdict for the season a user would
(the one after the last the catalog knows was made), as of 2025-06-01, and compares it with
what the label says of that season:

- a season the label counts as made: ``renewed``;
- the next one: the label's status;
- a later one: the label's status when the show stopped (``cancelled``, ``ended``); not
  scored otherwise (nothing is known of it).

Prints, for the tuned and the held-out part: exact and grouped accuracy (continues: renewed,
running, in development; stopped: cancelled, ended; undecided: awaiting decision), the share
of "unknown", the precision of high-confidence verdicts, the confusion matrix and accuracy
by platform group. With ``--catalog-wide``, the share of "unknown" over the whole catalog,
by the most trusted source of each show.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from _common import machine, temp_dir
from nextseason.analysis.status import facts_from_bundle, verdict_for
from nextseason.catalog import Catalog
from nextseason.catalog.queries import shows_by_key
from nextseason.importers.identity import KnownSeries, could_be
from nextseason.model import ShowBundle, StatusVerdict
from nextseason.provenance import rank
from nextseason.text import title_key

TRUTH = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "truth" / "verdicts.tsv"
AS_OF = date(2025, 6, 1)
GROUPED = {
    "renewed": "continues",
    "running": "continues",
    "in development": "continues",
    "cancelled": "stopped",
    "ended": "stopped",
    "awaiting decision": "undecided",
    "unknown": "unknown",
}


@dataclass(frozen=True)
class Label:
    title: str
    aka: str
    year: int
    channel: str
    group: str
    seasons: int
    status: str
    limited: bool
    part: str


def read_labels() -> list[Label]:
    with TRUTH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Label(
            r["title"],
            r["aka"],
            int(r["year"]),
            r["channel"],
            r["group"],
            int(r["seasons_made"]),
            r["status"],
            r["limited"] == "yes",
            r["part"],
        )
        for r in rows
    ]


def expected(label: Label, season: int) -> str | None:
    """What the label says of season ``season``; None when it says nothing."""
    if season <= label.seasons:
        return "renewed"
    if season == label.seasons + 1:
        return label.status
    return label.status if label.status in ("cancelled", "ended") else None


def find(catalog: Catalog, label: Label) -> ShowBundle | None:
    series = KnownSeries(label.title, label.year, label.channel)
    found: list[ShowBundle] = []
    with catalog.connect() as conn:
        for name in (label.title, label.aka):
            if name:
                found += [catalog.show(e.id) for e in shows_by_key(conn, title_key(name))]
    fits = [b for b in found if could_be(b, series)]
    if not fits:
        return None
    # Several could be: the one the catalog knows best (most sources, then a year).
    return max(fits, key=lambda b: (len({r.source for r in b.records}), b.year is not None))


def judge(catalog: Catalog, labels: list[Label]) -> dict[str, Counter[str]]:
    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    for label in labels:
        part = tallies[label.part]
        part["shows"] += 1
        show = find(catalog, label)
        if show is None:
            part["not found"] += 1
            part["unknown"] += 1
            continue
        verdict: StatusVerdict = verdict_for(facts_from_bundle(show), AS_OF)
        want = expected(label, verdict.season)
        if want is None:
            part["not scored"] += 1
            continue
        part["scored"] += 1
        got = verdict.verdict
        part["unknown"] += got == "unknown"
        part["exact"] += got == want
        part["grouped"] += GROUPED[got] == GROUPED[want]
        part[f"confusion {want} -> {got}"] += 1
        part[f"group {label.group} scored"] += 1
        part[f"group {label.group} grouped"] += GROUPED[got] == GROUPED[want]
        if verdict.confidence_label == "high":
            part["high"] += 1
            part["high right"] += GROUPED[got] == GROUPED[want]
    return tallies


def report(tallies: dict[str, Counter[str]]) -> None:
    for part in ("tune", "heldout"):
        t = tallies[part]
        scored = max(t["scored"], 1)
        print(
            f"  {part:8} {t['shows']} shows ({t['not found']} not found, {t['not scored']} not "
            f"scored: a season after a renewal), {t['scored']} scored: grouped "
            f"{t['grouped'] / scored:.1%}, exact {t['exact'] / scored:.1%}, unknown "
            f"{t['unknown'] / max(t['shows'], 1):.1%} of the shows; high confidence "
            f"{t['high right']}/{t['high']} right "
            f"({t['high right'] / max(t['high'], 1):.1%})"
        )
        groups = sorted({k.split()[1] for k in t if k.startswith("group ")})
        print(
            "           by group (grouped accuracy): "
            + ", ".join(f"{g} {t[f'group {g} grouped']}/{t[f'group {g} scored']}" for g in groups)
        )
        pairs = sorted((k[len("confusion ") :], v) for k, v in t.items() if k.startswith("conf"))
        print("           label -> verdict: " + "; ".join(f"{k} {v}" for k, v in pairs))


def catalog_wide(catalog: Catalog) -> None:
    from nextseason.catalog.queries import status_facts

    started = time.perf_counter()
    with catalog.connect() as conn:
        ids = [int(i) for (i,) in conn.exec_driver_sql("SELECT id FROM shows")]
        sources: dict[int, list[str]] = defaultdict(list)
        for show_id, source in conn.exec_driver_sql("SELECT show_id, source FROM show_records"):
            sources[int(show_id)].append(str(source))
        facts = status_facts(conn, ids)
    by_group: dict[str, Counter[str]] = defaultdict(Counter)
    for show_id, fact in facts.items():
        best = min(sources.get(show_id) or ["?"], key=rank)
        verdict = verdict_for(fact, AS_OF)
        by_group[best]["shows"] += 1
        by_group[best]["unknown"] += verdict.verdict == "unknown"
    total = sum(c["shows"] for c in by_group.values())
    unknown = sum(c["unknown"] for c in by_group.values())
    print(
        f"catalog-wide, as of {AS_OF}: {unknown:,} of {total:,} shows unknown "
        f"({unknown / total:.1%}); {time.perf_counter() - started:.1f} s"
    )
    for source, c in sorted(by_group.items(), key=lambda kv: -kv[1]["shows"]):
        print(f"  most trusted source {source}: {c['unknown'] / c['shows']:.1%} of {c['shows']:,}")


def main() -> int:
    if not TRUTH.is_file():
        print(f"no labels at {TRUTH}")
        return 1
    catalog = Catalog.open(f"sqlite:///{temp_dir() / 'catalog.sqlite'}")
    print(f"status verdicts against labelled shows, as of {AS_OF} ({machine()})")
    report(judge(catalog, read_labels()))
    if "--catalog-wide" in sys.argv:
        catalog_wide(catalog)
    catalog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
