"""Fact-check evaluation: precision and recall per verdict on a labelled set of claims.

Each line of data/factcheck_claims.jsonl is one claim about a show, written from public
facts (its ``source``), with the verdict the bundled catalog's evidence warrants
(``expected``) and whether the claim is true in the world (``truth``). Each sentence is
checked as a one-sentence article, offline, on a fresh copy of the bundled catalog; the
claim is the extracted claim of the same relation whose span overlaps the labelled words.

Fields: ``show``, ``sentence``, ``relation``, ``claim`` (the words that state it),
``truth``, ``expected``, ``source`` (where the fact is published), ``in_catalog`` (False for
shows the catalog lacks or holds only a namesake of), ``note`` (why a label is what it is)
and ``split``: "tuning" claims were written while the rules were built; "heldout" claims
were written after and checked once. One rule changed after that check: #232 (Cobra Kai
"premiered on YouTube Red") came out contradicted, because the catalog lists the show under
Netflix; shows whose first season Netflix dates after their premiere year are now held open.
Before that change the held-out set scored contradicted precision 0.917 (11/12).

Targets (issue 7): precision of "contradicted" >= 0.95, recall of "contradicted" >= 0.8,
and no claim about a show absent from the catalog marked contradicted.

    python bench/factcheck_eval.py [--verbose]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from _common import temp_dir
from nextseason.catalog import Catalog
from nextseason.factcheck import FactCheckReport, check_article

DATA = Path(__file__).parent / "data" / "factcheck_claims.jsonl"
TODAY = date(2026, 11, 27)
VERDICTS = ("supported", "contradicted", "unverifiable")


def predict(report: FactCheckReport, row: dict[str, object]) -> str:
    """The verdict given to the labelled claim, or "missed" when no claim was extracted."""
    sentence, words = str(row["sentence"]), str(row["claim"])
    start = sentence.index(words)
    end = start + len(words)
    best: tuple[int, str] | None = None
    for claim in report.claims:
        if claim.relation != row["relation"]:
            continue
        overlap = min(end, claim.span.end) - max(start, claim.span.start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, claim.verdict)
    return best[1] if best else "missed"


def figures(
    results: list[tuple[dict[str, object], str]], title: str, verbose: bool
) -> tuple[float, float, int]:
    """Print the confusion matrix and per-verdict figures; (precision, recall, absent hits)
    of "contradicted"."""
    rows = [row for row, _ in results]
    false = sum(not row["truth"] for row in rows)
    print(f"\n== {title}: {len(rows)} labelled claims ({false} false in the world)")
    print(f"relations: {dict(Counter(str(row['relation']) for row in rows))}")
    confusion = Counter((row["expected"], got) for row, got in results)
    header = "  ".join(f"{v[:12]:>12}" for v in (*VERDICTS, "missed"))
    print(f"\nexpected \\ predicted   {header}")
    for want in VERDICTS:
        cells = "  ".join(f"{confusion[(want, got)]:>12}" for got in (*VERDICTS, "missed"))
        print(f"{want:<22}{cells}")
    print("\nverdict         precision  recall   (n expected, n predicted)")
    out: dict[str, tuple[float, float]] = {}
    for verdict in VERDICTS:
        predicted = sum(got == verdict for _, got in results)
        expected = sum(row["expected"] == verdict for row in rows)
        hits = confusion[(verdict, verdict)]
        precision = hits / predicted if predicted else 1.0
        recall = hits / expected if expected else 1.0
        out[verdict] = (precision, recall)
        print(f"{verdict:<15} {precision:>9.3f}  {recall:>6.3f}   ({expected}, {predicted})")
    extracted = sum(got != "missed" for _, got in results)
    print(f"\nclaims extracted: {extracted}/{len(rows)} ({extracted / len(rows):.1%})")
    caught = sum(got == "contradicted" for row, got in results if not row["truth"])
    print(f"false claims marked contradicted: {caught}/{false}")
    absent = [(row, got) for row, got in results if not row["in_catalog"]]
    bad = sum(got == "contradicted" for _, got in absent)
    print(
        f"claims about shows absent from the catalog (or only a namesake): {len(absent)}, "
        f"marked contradicted: {bad}"
    )
    wrong = [(row, got) for row, got in results if got != row["expected"]]
    if wrong or verbose:
        print("mismatches:")
        for row, got in wrong:
            print(
                f"  #{row['id']} [{row['relation']}] expected {row['expected']}, got {got}: "
                f"{row['sentence']}"
            )
    return (*out["contradicted"], bad)


def main(verbose: bool = False) -> int:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    db = temp_dir() / "catalog.sqlite"
    reports: dict[str, FactCheckReport] = {}
    with Catalog.open(f"sqlite:///{db}") as catalog:
        for row in rows:
            if row["sentence"] not in reports:
                reports[row["sentence"]] = check_article(catalog, row["sentence"], today=TODAY)
    results = [(row, predict(reports[row["sentence"]], row)) for row in rows]
    print(f"{len(rows)} labelled claims, {len(reports)} sentences, checked offline on {TODAY}")
    figures([r for r in results if r[0]["split"] == "tuning"], "tuning set", verbose)
    figures([r for r in results if r[0]["split"] == "heldout"], "held-out set", verbose)
    precision, recall, absent_bad = figures(results, "all claims", verbose=False)
    ok = precision >= 0.95 and recall >= 0.8 and not absent_bad
    print(
        f"\ntargets (contradicted precision >= 0.95, recall >= 0.8, absent shows never "
        f"contradicted), all claims: {'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(verbose="--verbose" in sys.argv))
