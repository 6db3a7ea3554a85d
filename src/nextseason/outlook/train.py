"""Training the outlook model from ``raw/outcomes/`` (scikit-learn; imported here only).

``nextseason outlook train`` runs :func:`train_model`: read the labels, encode each labelled
season with the facts known at its decision (the platform's record from earlier years only),
fit a regularized logistic regression, calibrate it with Platt scaling on out-of-time scores
(each year scored by a model fitted on the years before it), refit it on bootstrap resamples
for the interval, and measure the track record on a time split (trained on seasons aired up to
:data:`TRACK_RECORD_YEAR`, tested on the later ones). Every step is seeded: the same raw files
give the same model file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nextseason.outlook.features import (
    COLUMNS,
    FILLABLE,
    GROUPS,
    NEUTRAL,
    UNKNOWN,
    PlatformRates,
    SeasonFacts,
    encode,
    rates_before,
)
from nextseason.outlook.labels import LabelledSeason, Labels, _decision_ratings, read_labels
from nextseason.outlook.metrics import Scores, scores
from nextseason.outlook.scoring import NUMERIC, OutlookModel, Reference, design_row

__all__ = [
    "TRACK_RECORD_YEAR",
    "C",
    "Row",
    "fit",
    "one_thread",
    "season_facts",
    "time_split",
    "track_record",
    "train_model",
    "training_rows",
]

#: Inverse regularization strength of the logistic regression (chosen on time splits in
#: bench/outlook_backtest.py: larger values overfit the small platforms).
C = 0.3
#: Seasons aired up to this year train the track-record model; later ones test it.
TRACK_RECORD_YEAR = 2019
BOOTSTRAP = 30
REFERENCE = 400
#: Platt scaling is fitted on the scores of seasons from this many years on, each scored by
#: a model fitted on the years before it.
PLATT_MIN_HISTORY = 3


@dataclass(frozen=True, slots=True)
class Row:
    facts: SeasonFacts
    label: int
    season: LabelledSeason


def season_facts(s: LabelledSeason) -> SeasonFacts:
    """The facts of a labelled season that were known when its renewal was decided."""
    return SeasonFacts(
        platform=s.platform,
        platform_kind=None,
        season=s.season,
        year=s.year,
        episodes=s.episodes,
        runtime=s.runtime,
        genres=s.genres,
        kind=s.kind,
        premiere_year=s.premiere_year,
        ratings=_decision_ratings(s.ratings),
        network_median_rating=s.network_median_rating,
        top10_weeks=s.top10_weeks,
        top10_hours=s.top10_hours,
        schedule=s.schedule,
    )


def training_rows(labels: Labels) -> list[Row]:
    return [Row(season_facts(s), int(s.label), s) for s in labels.training if s.label is not None]


def time_split(rows: Sequence[Row], year: int) -> tuple[list[Row], list[Row]]:
    """Seasons aired up to ``year`` and those aired after it."""
    train = [r for r in rows if (r.facts.year or 0) <= year]
    test = [r for r in rows if (r.facts.year or 0) > year]
    return train, test


# ---------------------------------------------------------------------------------------


def _scaling(xs: list[dict[str, float]]) -> tuple[np.ndarray, np.ndarray]:
    center, scale = np.zeros(len(COLUMNS)), np.ones(len(COLUMNS))
    for j, name in enumerate(COLUMNS):
        if name not in NUMERIC:
            continue
        values = np.array([x[name] for x in xs if name in x])
        if len(values) > 1:
            center[j] = values.mean()
            scale[j] = values.std() or 1.0
    return center, scale


def _fill(xs: list[dict[str, float]], center: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Per column, the average scaled value of the seasons that know its group."""
    fill = np.zeros(len(COLUMNS))
    for j, name in enumerate(COLUMNS):
        group = GROUPS[name]
        if group not in NEUTRAL:
            continue
        known = [x for x in xs if UNKNOWN[group] not in x]
        if known:
            fill[j] = float(np.mean([(x.get(name, 0.0) - center[j]) / scale[j] for x in known]))
    return fill


def _design(
    xs: list[dict[str, float]], center: np.ndarray, scale: np.ndarray, fill: np.ndarray
) -> np.ndarray:
    return np.array([design_row(x, center, scale, fill) for x in xs]).reshape(-1, len(COLUMNS))


def _logistic(z: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    if len(set(y.tolist())) < 2:
        rate = float(np.clip(y.mean(), 0.01, 0.99))
        return np.zeros(z.shape[1]), float(np.log(rate / (1 - rate)))
    fitted = LogisticRegression(C=c, solver="newton-cholesky", max_iter=200, tol=1e-8).fit(z, y)
    return fitted.coef_[0].copy(), float(fitted.intercept_[0])


def _platt(rows: Sequence[Row], c: float) -> tuple[float, float]:
    """Slope and intercept mapping the model's log-odds to calibrated log-odds, fitted on
    out-of-time scores (each year scored by a model of the years before it)."""
    years = sorted({r.facts.year or 0 for r in rows})
    logits: list[float] = []
    labels: list[int] = []
    for year in years[PLATT_MIN_HISTORY:]:
        past = [r for r in rows if (r.facts.year or 0) < year]
        now = [r for r in rows if (r.facts.year or 0) == year]
        model = fit(past, c=c, calibrate=False, reference=REFERENCE)
        for r in now:
            logits.append(model.raw_logit(r.facts))
            labels.append(r.label)
    if len(set(labels)) < 2:
        return 1.0, 0.0
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=1e6, solver="newton-cholesky", max_iter=200, tol=1e-10).fit(
        np.array(logits).reshape(-1, 1), np.array(labels)
    )
    return float(fitted.coef_[0][0]), float(fitted.intercept_[0])


def _reference(rows: Sequence[Row], xs: list[dict[str, float]], size: int) -> list[Reference]:
    """Training seasons whose values fill a show's unknown groups; every season with ratings
    or Top 10 figures is a candidate, and a seeded sample of the rest."""
    rng = np.random.default_rng(7)
    special = [i for i, r in enumerate(rows) if r.facts.ratings or r.facts.top10_weeks is not None]
    others = [i for i in range(len(rows)) if i not in set(special)]
    take_special = sorted(rng.choice(special, min(len(special), size // 2), replace=False))
    take_others = sorted(rng.choice(others, min(len(others), size - len(take_special)), False))
    out = []
    for i in sorted([*take_special, *take_others]):
        values = {
            k: v for k, v in xs[i].items() if GROUPS.get(k) in FILLABLE or k in UNKNOWN.values()
        }
        out.append(Reference(rows[i].facts.platform, rows[i].facts.platform_type, values))
    return out


def fit(
    rows: Sequence[Row],
    *,
    c: float = C,
    calibrate: bool = True,
    bootstrap: int = 0,
    reference: int = 0,
) -> OutlookModel:
    """A model fitted on ``rows``; with ``calibrate``, Platt-scaled on out-of-time scores."""
    pairs = [(r.facts, r.label) for r in rows]
    xs = [encode(f, rates) for (f, _), rates in zip(pairs, rates_before(pairs), strict=True)]
    center, scale = _scaling(xs)
    fill = _fill(xs, center, scale)
    z = _design(xs, center, scale, fill)
    y = np.array([r.label for r in rows])
    coef, intercept = _logistic(z, y, c)
    years = [r.facts.year or 0 for r in rows]
    # Seen from the year after the last decision: what the model knows when it is used.
    final = PlatformRates()
    for f, label in pairs:
        final.add(f, label)
    final = final.at(max(years, default=0) + 1)
    boots = [np.append(coef, intercept)]
    rng = np.random.default_rng(11)
    for _ in range(bootstrap):
        pick = rng.integers(0, len(rows), len(rows))
        b_coef, b_intercept = _logistic(z[pick], y[pick], c)
        boots.append(np.append(b_coef, b_intercept))
    model = OutlookModel(
        columns=COLUMNS,
        center=center,
        scale=scale,
        fill=fill,
        coef=coef,
        intercept=intercept,
        platt=(1.0, 0.0),
        column_means=z.mean(axis=0),
        bootstrap=np.array(boots if bootstrap else boots[:1]),
        reference=_reference(rows, xs, reference) if reference else [],
        rates=final,
        meta={
            "rows": len(rows),
            "renewed": int(y.sum()),
            "years": [min(years), max(years)] if years else [],
            "rates_as_of": final.as_of,
        },
    )
    if calibrate:
        model.platt = _platt(rows, c)
    return model


def _scores_by_type(test: Sequence[Row], probs: Sequence[float], base: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in ("broadcast", "cable", "streaming"):
        idx = [i for i, r in enumerate(test) if r.facts.platform_type == kind]
        if len(idx) >= 20:
            out[kind] = _scores_dict(
                scores([test[i].label for i in idx], [probs[i] for i in idx], base)
            )
    return out


def _scores_dict(s: Scores) -> dict[str, Any]:
    return {
        "n": s.n,
        "auc": round(s.auc, 3),
        "brier": round(s.brier, 4),
        "brier_skill": round(s.skill, 3),
        "base_rate": round(s.base_rate, 3),
        "observed_rate": round(s.observed_rate, 3),
        "accuracy": round(s.accuracy, 3),
    }


def track_record(
    rows: Sequence[Row], year: int = TRACK_RECORD_YEAR, c: float = C
) -> dict[str, Any]:
    """Scores on seasons aired after ``year`` of a model fitted on the seasons up to it."""
    train, test = time_split(rows, year)
    model = fit(train, c=c, reference=REFERENCE)
    probs = [model.probability(r.facts) for r in test]
    base = sum(r.label for r in train) / len(train)
    last = max(r.facts.year or 0 for r in test)
    first = min(r.facts.year or 0 for r in train)
    return {
        "period": f"trained on seasons aired {first}-{year}, tested on {year + 1}-{last}",
        "train_rows": len(train),
        **_scores_dict(scores([r.label for r in test], probs, base)),
        "by_type": _scores_by_type(test, probs, base),
    }


def one_thread() -> Any:
    """A context in which BLAS uses one thread: the fits are small, threads only contend
    (ten times slower on a busy machine), and one thread gives the same bits everywhere."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    return threadpool_limits(limits=1)


def train_model(raw_dir: Path) -> tuple[OutlookModel, Labels]:
    """The shipped model, fitted on every labelled season in ``raw_dir``."""
    with one_thread():
        return _train_model(raw_dir)


def _train_model(raw_dir: Path) -> tuple[OutlookModel, Labels]:
    labels = read_labels(raw_dir)
    rows = training_rows(labels)
    model = fit(rows, bootstrap=BOOTSTRAP, reference=REFERENCE)
    model.meta["track_record"] = track_record(rows)
    model.meta["label_counts"] = {
        k: dict(sorted(v.items())) for k, v in sorted(labels.counts.classes.items())
    }
    model.meta["sources"] = sorted({r.season.source for r in rows})
    model.meta["c"] = C
    if labels.chart_end is not None:
        model.meta["top10_last_week"] = labels.chart_end.isoformat()
    return model, labels
