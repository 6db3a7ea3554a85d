"""Draw (show, suggestion, reason) triples at random, to audit the reasons by hand.

    python bench/similar_audit.py [--seed N] [--shows N] [--triples N]

Asks for the suggestions of ``--shows`` random shows of the bundled catalog (as ``nextseason
similar`` gives them), pools every (show, suggestion, reason), draws ``--triples`` of them at
random and prints each with what a judge needs: both shows' premises, genre labels, credits,
channels or language, each with its source. The audits in ``tests/fixtures/`` were drawn
with 150 shows and 150 triples, seed 2026 (``similar_audit.jsonl``) and seed 7
(``similar_audit_2.jsonl``), each on the code of its time, and judged by reading those lines;
``tests/similar/test_audit.py`` keeps them true.
"""

from __future__ import annotations

import argparse
import os
import random
from collections import Counter
from datetime import date

from _common import temp_dir

os.environ["NEXTSEASON_HOME"] = str(temp_dir())  # never touch the user's catalog or cache

from nextseason.catalog import Catalog
from nextseason.catalog.similar_rows import ShowFacts, SimilarRows
from nextseason.similar.recommend import recommend
from nextseason.similar.store import index_for

#: The day the audit's suggestions were asked on (their status verdicts depend on it).
TODAY = date(2026, 11, 27)


def describe(facts: ShowFacts, reason: str) -> str:
    lines = [f"{facts.title} ({facts.year}) id {facts.id}"]
    lines += [f"  premise [{p.source}]: {p.value}" for p in facts.premises]
    if "listed under" in reason:
        lines.append(
            "  genres: " + "; ".join(f"{g.value} [{g.source}]" for g in facts.genre_labels)
        )
    if "credits:" in reason or "cast:" in reason:
        lines.append(
            "  people: " + "; ".join(f"{p.name} ({p.role}: {p.part})" for p in facts.people)
        )
    if reason.startswith("also on "):
        lines.append("  channels: " + "; ".join(f"{c.name} [{c.source}]" for c in facts.channels))
    if reason.startswith("also in "):
        lines.append(f"  language: {facts.language} [{facts.language_source}]")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--shows", type=int, default=150)
    parser.add_argument("--triples", type=int, default=150)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with Catalog.open(f"sqlite:///{temp_dir() / 'catalog.sqlite'}") as catalog:
        rows = SimilarRows(catalog)
        index = index_for(rows)
        asked = rng.sample(sorted(int(i) for i in index.ids), args.shows)
        pool = [
            (show, entry.show.id, reason)
            for show in asked
            for entry in recommend(rows, show, limit=10, today=TODAY).entries
            for reason in entry.reasons
        ]
        drawn = rng.sample(pool, min(args.triples, len(pool)))
        facts = rows.facts({i for show, other, _ in drawn for i in (show, other)})
        for n, (show, other, reason) in enumerate(drawn, start=1):
            print(f"#{n} REASON: {reason}")
            print(f"SHOW: {describe(facts[show], reason)}")
            print(f"SUGGESTION: {describe(facts[other], reason)}\n")
        kinds = Counter(reason.split(" (")[0].split(" ")[1] for _, _, reason in drawn)
        print(f"{len(pool)} triples from {args.shows} shows; drawn: {dict(kinds)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
