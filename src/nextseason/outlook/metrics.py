"""How good a probability is: AUC, Brier score and its skill, accuracy, a reliability table.

Pure numpy, so the benchmark and the training command share one definition of each figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Scores", "auc", "brier", "reliability", "scores"]


def auc(y: Sequence[int], p: Sequence[float]) -> float:
    """Area under the ROC curve (the chance a renewed show ranks above a cancelled one);
    ties count half. NaN when only one class is present."""
    ys, ps = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    pos, neg = ps[ys == 1], ps[ys == 0]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    values = np.concatenate([pos, neg])[order]
    ranks = np.empty(len(values))
    i = 0
    while i < len(values):  # average ranks over ties
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        ranks[i : j + 1] = (i + j) / 2 + 1
        i = j + 1
    rank_of = np.empty(len(values))
    rank_of[order] = ranks
    pos_ranks = rank_of[: len(pos)].sum()
    return float((pos_ranks - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def brier(y: Sequence[int], p: Sequence[float]) -> float:
    ys, ps = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    return float(np.mean((ps - ys) ** 2))


def reliability(
    y: Sequence[int], p: Sequence[float], bins: int = 10
) -> list[tuple[float, float, int, float, float]]:
    """Per probability bin: (low, high, count, mean predicted, share renewed)."""
    ys, ps = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    out = []
    for k in range(bins):
        low, high = edges[k], edges[k + 1]
        inside = (ps >= low) & ((ps < high) if k < bins - 1 else (ps <= high))
        n = int(inside.sum())
        if n:
            out.append(
                (float(low), float(high), n, float(ps[inside].mean()), float(ys[inside].mean()))
            )
    return out


@dataclass(frozen=True, slots=True)
class Scores:
    n: int
    base_rate: float  # the share renewed that the baseline predicts (from training)
    observed_rate: float  # the share renewed in the test rows
    auc: float
    brier: float
    brier_base: float  # the Brier score of always predicting base_rate
    accuracy: float  # at 0.5

    @property
    def skill(self) -> float:
        """Brier skill score against the base rate: 1 perfect, 0 no better, < 0 worse."""
        return 1.0 - self.brier / self.brier_base if self.brier_base else float("nan")


def scores(y: Sequence[int], p: Sequence[float], base_rate: float) -> Scores:
    ys, ps = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    return Scores(
        n=len(ys),
        base_rate=base_rate,
        observed_rate=float(ys.mean()) if len(ys) else float("nan"),
        auc=auc(y, p),
        brier=brier(y, p),
        brier_base=brier(y, [base_rate] * len(ys)),
        accuracy=float(np.mean((ps >= 0.5) == (ys == 1))) if len(ys) else float("nan"),
    )
