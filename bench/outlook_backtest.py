"""The renewal outlook, backtested on a time split, against every baseline, in one run.

For each cut-off year Y: fit the outlook model (exactly as `nextseason outlook train` does,
Platt scaling included) on the labelled seasons aired up to Y, and score the seasons aired
after Y. Print AUC, Brier score, its skill against the base rate, accuracy at 0.5 and a
reliability table; and the same figures for the baselines, each fitted on the same years:

- base rate: every season gets the share renewed in the training years;
- network only: the share renewed on the season's platform (smoothed toward the base rate);
- ratings rule: renewed when the season's 18-49 rating is at or above its network's median
  that year (as a probability: the share renewed on each side of the median in training);
  broadcast seasons with ratings only;
- the ratings app's final_prediction, the public ratings-based prediction the source file
  stores for each broadcast show-season, measured as stored (the app may have recomputed it
  after the fact: it is a ceiling for that app, not a fair forecast).

The model is also scored on each baseline's rows, so every comparison is on the same seasons.
Everything is deterministic. Run: `python bench/outlook_backtest.py [--years 2016,2017,...]`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from _common import machine
from nextseason.outlook.labels import Labels, join_catalog, read_labels
from nextseason.outlook.metrics import Scores, reliability, scores
from nextseason.outlook.train import (
    REFERENCE,
    C,
    Row,
    fit,
    one_thread,
    time_split,
    training_rows,
)

RAW = Path(__file__).parent.parent / "raw"
YEARS = (2016, 2017, 2018, 2019, 2020, 2021)


def _base(train: Sequence[Row]) -> float:
    return sum(r.label for r in train) / len(train)


def network_only(train: Sequence[Row]) -> Callable[[Row], float]:
    base = _base(train)
    counts: dict[str | None, list[int]] = {}
    for r in train:
        cell = counts.setdefault(r.facts.platform, [0, 0])
        cell[0] += r.label
        cell[1] += 1

    def predict(row: Row) -> float:
        renewed, n = counts.get(row.facts.platform, [0, 0])
        return (renewed + 10 * base) / (n + 10)

    return predict


def above_median(row: Row) -> bool | None:
    facts = row.facts
    if not facts.ratings or not facts.network_median_rating:
        return None
    return sum(facts.ratings) / len(facts.ratings) >= facts.network_median_rating


def ratings_rule(train: Sequence[Row]) -> Callable[[Row], float]:
    sides: dict[bool, list[int]] = {True: [0, 0], False: [0, 0]}
    for r in train:
        side = above_median(r)
        if side is not None:
            sides[side][0] += r.label
            sides[side][1] += 1

    def predict(row: Row) -> float:
        side = above_median(row)
        assert side is not None
        renewed, n = sides[side]
        return (renewed + 1) / (n + 2)

    return predict


def line(name: str, s: Scores) -> str:
    return (
        f"  {name:<28} n={s.n:>5}  AUC {s.auc:.3f}  Brier {s.brier:.4f}  "
        f"skill {s.skill:+.3f}  acc@0.5 {s.accuracy:.3f}"
    )


def _subset(
    rows: Sequence[Row], probs: Sequence[float], keep: Callable[[Row], bool]
) -> tuple[list[Row], list[float]]:
    picked = [(r, p) for r, p in zip(rows, probs, strict=True) if keep(r)]
    return [r for r, _ in picked], [p for _, p in picked]


def run(rows: Sequence[Row], year: int) -> dict[str, float]:
    train, test = time_split(rows, year)
    base = _base(train)
    model = fit(train, c=C, reference=REFERENCE)
    probs = [model.probability(r.facts) for r in test]
    ys = [r.label for r in test]
    print(
        f"\nY = {year}: trained on {len(train):,} seasons aired up to {year} "
        f"({base:.0%} renewed), tested on {len(test):,} aired {year + 1}-"
        f"{max(r.facts.year or 0 for r in test)} ({sum(ys) / len(ys):.0%} renewed)"
    )
    main = scores(ys, probs, base)
    print("all test seasons")
    print(line("model", main))
    print(line("base rate", scores(ys, [base] * len(ys), base)))
    network = network_only(train)
    net = scores(ys, [network(r) for r in test], base)
    print(line("network only", net))
    for kind in ("broadcast", "cable", "streaming"):
        sub = [(r, p) for r, p in zip(test, probs, strict=True) if r.facts.platform_type == kind]
        if len(sub) >= 20 and len({r.label for r, _ in sub}) == 2:
            kind_scores = scores([r.label for r, _ in sub], [p for _, p in sub], base)
            print(line(f"model, {kind} only", kind_scores))
    rated, p_rated = _subset(test, probs, lambda r: above_median(r) is not None)
    if rated:
        ys_rated = [r.label for r in rated]
        print("broadcast seasons with ratings")
        print(line("model", scores(ys_rated, p_rated, base)))
        print(line("base rate", scores(ys_rated, [base] * len(rated), base)))
        print(line("network only", scores(ys_rated, [network(r) for r in rated], base)))
        rule = ratings_rule(train)
        print(
            line("ratings above network median", scores(ys_rated, [rule(r) for r in rated], base))
        )
    stored, p_stored = _subset(test, probs, lambda r: r.season.final_prediction is not None)
    if stored:
        ys_stored = [r.label for r in stored]
        print("broadcast seasons with the app's final_prediction")
        print(line("model", scores(ys_stored, p_stored, base)))
        fp = [float(r.season.final_prediction or 0.0) for r in stored]
        print(line("final_prediction (as stored)", scores(ys_stored, fp, base)))
    print("reliability (model, all test seasons): predicted bin, n, mean predicted, renewed")
    for low, high, n, predicted, observed in reliability(ys, probs):
        print(f"  {low:.1f}-{high:.1f}  {n:>5}  {predicted:.2f}  {observed:.2f}")
    return {"auc": main.auc, "brier": main.brier, "skill": main.skill, "n": main.n}


def catalog_join(labels: Labels) -> None:
    """How many labelled shows are shows of the bundled catalog."""
    import gzip
    import shutil
    import tempfile

    from nextseason.catalog import Catalog, queries
    from nextseason.catalog.db import bundled_catalog_path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalog.sqlite"
        with gzip.open(bundled_catalog_path(), "rb") as src, path.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        with Catalog.open(f"sqlite:///{path}", seed=False) as catalog, catalog.connect() as conn:
            entries = [(e.title, e.platform) for e in queries.title_entries(conn)]
    join = join_catalog(labels, entries)
    print(
        f"joined to the bundled catalog ({len(entries):,} shows): {join.matched:,} of "
        f"{join.shows:,} labelled shows (title and platform), holding {join.seasons:,} "
        f"training seasons; e.g. {', '.join(join.examples)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default=",".join(str(y) for y in YEARS))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    labels = read_labels(RAW)
    rows = training_rows(labels)
    print(f"outlook backtest ({machine()})")
    print(
        f"{len(rows):,} labelled seasons ({sum(r.label for r in rows):,} renewed), "
        f"aired {min(r.facts.year or 0 for r in rows)}-{max(r.facts.year or 0 for r in rows)}; "
        f"C = {C}"
    )
    catalog_join(labels)
    with one_thread():
        summary = {int(y): run(rows, int(y)) for y in args.years.split(",")}
    print("\nsummary (model, all test seasons)")
    for year, s in summary.items():
        print(
            f"  Y={year}: n={int(s['n']):>5}  AUC {s['auc']:.3f}  Brier {s['brier']:.4f}  "
            f"skill {s['skill']:+.3f}"
        )
    print(f"\n{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
