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

"Also tried" prints, on the same split, two alternatives that did not beat the model and why
they are not shipped: gradient-boosted trees on the model's own columns (a nonlinear learner:
does the logistic form leave anything on the table?), and a plain logistic regression on those
columns with and without columns from the show's previous season (episode order cut or grown,
18-49 rating against last season, years between seasons, a renewal given in advance last time).
Everything is deterministic. Run: `python bench/outlook_backtest.py [--years 2016,2017,...]`.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from _common import machine
from nextseason.outlook.features import COLUMNS, PlatformRates, encode, rates_before
from nextseason.outlook.labels import LabelledSeason, Labels, join_catalog, read_labels
from nextseason.outlook.metrics import Scores, reliability, scores
from nextseason.outlook.scoring import NUMERIC
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


# ---------------------------------------------------------------------------------------
# Also tried


def _encoded(train: Sequence[Row], test: Sequence[Row]) -> tuple[list[dict[str, float]], ...]:
    """The model's columns; test seasons see the platform record of the training years only."""
    pairs = [(r.facts, r.label) for r in train]
    xs_train = [encode(f, rt) for (f, _), rt in zip(pairs, rates_before(pairs), strict=True)]
    final = PlatformRates()
    for f, label in pairs:
        final.add(f, label)
    final = final.at(max(r.facts.year or 0 for r in train) + 1)
    return xs_train, [encode(r.facts, final) for r in test]


Previous = dict[str, dict[int, list[LabelledSeason]]]


def previous_seasons(labels: Labels) -> Previous:
    """Every listed season of every show (any class), by show and season number."""
    out: Previous = {}
    for s in labels.seasons:
        out.setdefault(s.key[0], {}).setdefault(s.season, []).append(s)
    return out


PREVIOUS = ("episodes vs last season", "rating vs last season", "years since last season")
PREVIOUS_FLAGS = ("renewed in advance last time", "last season listed")


def previous_columns(row: Row, previous: Previous) -> dict[str, float]:
    """What the show's previous season said, all of it known before this season aired."""
    s = row.season
    before = previous.get(s.key[0], {}).get(s.season - 1, [])
    if not before:
        return {}
    x = {"last season listed": 1.0}
    episodes = next((p.episodes for p in before if p.episodes), None)
    if episodes and s.episodes:
        x["episodes vs last season"] = math.log(s.episodes / episodes)
    rated = next((p for p in before if p.ratings and p.network_median_rating), None)
    if rated and rated.network_median_rating and s.ratings and s.network_median_rating:
        now = sum(s.ratings) / len(s.ratings) / s.network_median_rating
        then = sum(rated.ratings) / len(rated.ratings) / rated.network_median_rating
        x["rating vs last season"] = math.log(now / then)
    years = [p.year for p in before if p.year]
    if years and s.year:
        x["years since last season"] = float(min(4, s.year - max(years)))
    x["renewed in advance last time"] = float(
        any(p.label_class == "renewed in advance" for p in before)
    )
    return x


def _known(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Columns no training season knows (Top 10 figures before the chart began) set to 0."""
    never = np.isnan(a).all(axis=0)
    a[:, never], b[:, never] = 0.0, 0.0
    return a, b


def trees(train: Sequence[Row], test: Sequence[Row]) -> list[float]:
    """Gradient-boosted trees on the model's columns (unknown numbers left missing)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    xs_train, xs_test = _encoded(train, test)

    def matrix(xs: list[dict[str, float]]) -> np.ndarray:
        return np.array(
            [[x.get(c, math.nan if c in NUMERIC else 0.0) for c in COLUMNS] for x in xs]
        )

    a, b = _known(matrix(xs_train), matrix(xs_test))
    fitted = HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0, random_state=0
    ).fit(a, [r.label for r in train])
    return [float(p) for p in fitted.predict_proba(b)[:, 1]]


def plain_logistic(
    train: Sequence[Row], test: Sequence[Row], previous: Previous | None
) -> list[float]:
    """A logistic regression on the model's columns (standardized, unknowns at the mean),
    with the previous season's columns when ``previous`` is given."""
    from sklearn.linear_model import LogisticRegression

    extra = (*PREVIOUS, *PREVIOUS_FLAGS) if previous is not None else ()
    xs_train, xs_test = _encoded(train, test)

    def matrix(rows: Sequence[Row], xs: list[dict[str, float]]) -> np.ndarray:
        more = [previous_columns(r, previous) if previous else {} for r in rows]
        return np.array(
            [
                [x.get(c, math.nan if c in NUMERIC else 0.0) for c in COLUMNS]
                + [m.get(c, math.nan if c in PREVIOUS else 0.0) for c in extra]
                for x, m in zip(xs, more, strict=True)
            ]
        )

    a, b = _known(matrix(train, xs_train), matrix(test, xs_test))
    center, scale = np.nanmean(a, axis=0), np.nanstd(a, axis=0)
    center, scale = np.nan_to_num(center), np.where(np.nan_to_num(scale) > 0, scale, 1.0)
    za, zb = np.nan_to_num((a - center) / scale), np.nan_to_num((b - center) / scale)
    fitted = LogisticRegression(C=C, max_iter=1000).fit(za, [r.label for r in train])
    return [float(p) for p in fitted.predict_proba(zb)[:, 1]]


def also_tried(train: Sequence[Row], test: Sequence[Row], previous: Previous) -> None:
    ys, base = [r.label for r in test], _base(train)
    print("also tried (all test seasons, not calibrated)")
    print(line("gradient-boosted trees", scores(ys, trees(train, test), base)))
    print(line("plain logistic", scores(ys, plain_logistic(train, test, None), base)))
    print(line("  + previous season", scores(ys, plain_logistic(train, test, previous), base)))


def run(rows: Sequence[Row], year: int, previous: Previous) -> dict[str, float]:
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
    also_tried(train, test, previous)
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
        previous = previous_seasons(labels)
        summary = {int(y): run(rows, int(y), previous) for y in args.years.split(",")}
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
