"""The shipped outlook model: load it (checksum verified), score a season, explain the score.

The model is a regularized logistic regression on the columns of
:mod:`nextseason.outlook.features`, calibrated by Platt scaling, stored as plain numbers in
``nextseason/data/outlook-model.json``. Scoring needs numpy only. Its log-odds are a sum, so
each group of columns contributes an exact, signed share: how far this show's value moves
the odds from those of the average training season.

The interval: where a show lacks a group of facts (no ratings, no episode count), the score is
recomputed with the values that similar training seasons had (same platform type), and with
models refitted on bootstrap resamples of the training rows; the interval is the middle 80%
of those scores. A show known only by its platform gets a wide interval, one with every fact a
narrow one.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from nextseason.outlook.errors import OutlookModelError
from nextseason.outlook.features import (
    COLUMNS,
    FILLABLE,
    GROUPS,
    NEUTRAL,
    UNKNOWN,
    PlatformRates,
    SeasonFacts,
    encode,
    known_groups,
    ratings_apply,
    top10_applies,
    unknown_groups,
)

__all__ = [
    "FORMAT",
    "MODEL_FILE",
    "NUMERIC",
    "OutlookModel",
    "OutlookModelError",
    "Reference",
    "Scored",
    "canonical_json",
    "design_row",
    "differences",
    "load_model",
    "model_path",
]

FORMAT = "nextseason-outlook-model/1"
MODEL_FILE = "outlook-model.json"
#: Columns scaled to mean 0 and unit variance; every other column is a 0/1 flag.
NUMERIC = (
    "platform record",
    "log episodes",
    "log show age",
    "rating vs network median",
    "rating trend",
    "top 10 weeks",
    "log top 10 hours",
)
INTERVAL = (0.1, 0.9)
DRAWS = 200


def canonical_json(obj: Any) -> bytes:
    """The bytes the model's checksum is computed over."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def model_path() -> Path:
    return Path(str(resources.files("nextseason.data").joinpath(MODEL_FILE)))


@dataclass(frozen=True, slots=True)
class Reference:
    """A training season's values for the fillable groups (raw, before scaling)."""

    platform: str | None
    platform_type: str | None
    values: dict[str, float]  # column -> value, fillable groups only

    def has(self, group: str) -> bool:
        return UNKNOWN[group] not in self.values


@dataclass(frozen=True, slots=True)
class Scored:
    probability: float
    low: float
    high: float
    base: float  # calibrated log-odds of the average training season
    contributions: dict[str, float]  # group -> calibrated log-odds
    missing: tuple[str, ...]  # fillable groups the show lacks (that apply to it)
    x: dict[str, float]  # the encoded columns


def design_row(
    x: dict[str, float], center: np.ndarray, scale: np.ndarray, fill: np.ndarray
) -> np.ndarray:
    """Scaled columns of an encoded season. A numeric column the season lacks sits at the
    training mean (0); an unknown neutral group sits at its training average (``fill``)."""
    unknown = unknown_groups(x)
    z = np.zeros(len(COLUMNS))
    for j, name in enumerate(COLUMNS):
        group = GROUPS[name]
        if group in unknown and group in NEUTRAL:
            z[j] = fill[j]
        elif name in x:
            z[j] = (x[name] - center[j]) / scale[j]
    return z


@dataclass
class OutlookModel:
    columns: tuple[str, ...]
    center: np.ndarray
    scale: np.ndarray
    fill: np.ndarray
    coef: np.ndarray
    intercept: float
    platt: tuple[float, float]
    column_means: np.ndarray
    bootstrap: np.ndarray  # (B, columns + 1): coefficients then intercept
    reference: list[Reference]
    rates: PlatformRates
    meta: dict[str, Any] = field(default_factory=dict)
    _pools: dict[tuple[str, str | None], list[Reference]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _averages: dict[tuple[str, int], dict[str, float]] = field(
        default_factory=dict, repr=False, compare=False
    )

    # -- scoring ---------------------------------------------------------------------

    def design(self, x: dict[str, float]) -> np.ndarray:
        return design_row(x, self.center, self.scale, self.fill)

    def _calibrated(self, logit: np.ndarray | float) -> np.ndarray | float:
        a, b = self.platt
        return a * logit + b

    def score(self, facts: SeasonFacts) -> Scored:
        x = encode(facts, self.rates)
        missing = self._missing(facts)
        donors = {g: self._donors(facts, g) for g in missing}
        z = self.design(self._imputed(x, donors))
        a, _ = self.platt
        logit = float(self._calibrated(self.intercept + float(self.coef @ z)))
        shares = a * self.coef * (z - self.column_means)
        contributions: dict[str, float] = {}
        for j, name in enumerate(self.columns):
            group = GROUPS[name]
            contributions[group] = contributions.get(group, 0.0) + float(shares[j])
        base = float(self._calibrated(self.intercept + float(self.coef @ self.column_means)))
        p = _sigmoid(logit)
        low, high = self._interval(x, donors)
        return Scored(
            probability=p,
            low=min(low, p),
            high=max(high, p),
            base=base,
            contributions=contributions,
            missing=missing,
            x=x,
        )

    def raw_logit(self, facts: SeasonFacts) -> float:
        """The log-odds before calibration, unknown groups imputed from similar seasons."""
        x = encode(facts, self.rates)
        donors = {g: self._donors(facts, g) for g in self._missing(facts)}
        z = self.design(self._imputed(x, donors))
        return self.intercept + float(self.coef @ z)

    def probability(self, facts: SeasonFacts) -> float:
        """The calibrated probability alone (what the backtest scores)."""
        return _sigmoid(float(self._calibrated(self.raw_logit(facts))))

    def _missing(self, facts: SeasonFacts) -> tuple[str, ...]:
        """The fillable groups the season lacks, among those that apply to its platform."""
        known = known_groups(facts)
        out = []
        for group in FILLABLE:
            if group in known:
                continue
            if group in ("ratings", "schedule") and not ratings_apply(facts):
                continue
            if group == "netflix top 10" and not top10_applies(facts):
                continue
            out.append(group)
        return tuple(out)

    def _donors(self, facts: SeasonFacts, group: str) -> list[Reference]:
        """Training seasons like this one that know ``group``."""
        key = (group, facts.platform_type)
        if key not in self._pools:
            having = [r for r in self.reference if r.has(group)]
            if group == "netflix top 10":
                pool = [r for r in having if r.platform == "Netflix"]
            else:
                pool = [r for r in having if r.platform_type == facts.platform_type] or having
            self._pools[key] = pool
        return self._pools[key]

    @staticmethod
    def _replaced(x: dict[str, float], group: str, values: dict[str, float]) -> None:
        for name in [c for c in x if GROUPS.get(c) == group or c == UNKNOWN[group]]:
            del x[name]
        x.update(values)

    def _imputed(self, x: dict[str, float], donors: dict[str, list[Reference]]) -> dict[str, float]:
        """``x`` with each unknown group set to the average of its donors' values: the score
        is linear in them, so this is the average score over what the group could be."""
        out = dict(x)
        for group, pool in donors.items():
            if pool:
                self._replaced(out, group, self._average(group, pool))
        return out

    def _average(self, group: str, pool: list[Reference]) -> dict[str, float]:
        key = (group, id(pool))
        if key not in self._averages:
            sums: dict[str, float] = {}
            for ref in pool:
                for k, v in ref.values.items():
                    if GROUPS.get(k) == group:
                        sums[k] = sums.get(k, 0.0) + v
            self._averages[key] = {k: v / len(pool) for k, v in sums.items()}
        return self._averages[key]

    def _interval(
        self, x: dict[str, float], donors: dict[str, list[Reference]]
    ) -> tuple[float, float]:
        """The middle 80% of the scores over donors' values and bootstrap refits."""
        rng = np.random.default_rng(0)
        base = dict(x)
        pools = {g: pool for g, pool in donors.items() if pool}
        for group in pools:
            self._replaced(base, group, {})
        z = np.tile(self.design(base), (DRAWS, 1))
        for group, pool in pools.items():
            mask = np.array([GROUPS[name] == group for name in self.columns])
            rows = np.array(
                [
                    self.design({k: v for k, v in r.values.items() if GROUPS.get(k) == group})
                    for r in pool
                ]
            )
            picks = rng.integers(len(pool), size=DRAWS)
            z[:, mask] = rows[picks][:, mask]
        boots = self.bootstrap[np.arange(DRAWS) % len(self.bootstrap)]
        a, b = self.platt
        logits = a * (boots[:, -1] + np.sum(boots[:, :-1] * z, axis=1)) + b
        probs = 1.0 / (1.0 + np.exp(-logits))
        low, high = np.quantile(probs, INTERVAL)
        return float(low), float(high)

    # -- file form --------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "columns": list(self.columns),
            "center": _round(self.center),
            "scale": _round(self.scale),
            "fill": _round(self.fill),
            "coef": _round(self.coef),
            "intercept": _r(self.intercept),
            "platt": [_r(self.platt[0]), _r(self.platt[1])],
            "column_means": _round(self.column_means),
            "bootstrap": [_round(row) for row in self.bootstrap],
            "reference": [
                {
                    "platform": r.platform,
                    "type": r.platform_type,
                    "values": {k: _r(v) for k, v in sorted(r.values.items())},
                }
                for r in self.reference
            ],
            "rates": self.rates.to_dict(),
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OutlookModel:
        columns = tuple(str(c) for c in data["columns"])
        if columns != COLUMNS:
            raise ValueError("the model's columns are not this version's features")
        return cls(
            columns=columns,
            center=np.asarray(data["center"], dtype=float),
            scale=np.asarray(data["scale"], dtype=float),
            fill=np.asarray(data["fill"], dtype=float),
            coef=np.asarray(data["coef"], dtype=float),
            intercept=float(data["intercept"]),
            platt=(float(data["platt"][0]), float(data["platt"][1])),
            column_means=np.asarray(data["column_means"], dtype=float),
            bootstrap=np.asarray(data["bootstrap"], dtype=float).reshape(-1, len(columns) + 1),
            reference=[
                Reference(
                    r["platform"], r["type"], {str(k): float(v) for k, v in r["values"].items()}
                )
                for r in data["reference"]
            ],
            rates=PlatformRates.from_dict(data["rates"], int(data["meta"]["rates_as_of"])),
            meta=dict(data["meta"]),
        )

    def file_bytes(self) -> bytes:
        """The model file: the payload and its checksum, pretty enough to diff."""
        payload = self.to_dict()
        digest = hashlib.sha256(canonical_json(payload)).hexdigest()
        doc = {"format": FORMAT, "sha256": digest, "model": payload}
        return (json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode()


def _r(value: float) -> float:
    return round(float(value), 6)


def _round(values: np.ndarray) -> list[float]:
    return [_r(v) for v in np.asarray(values, dtype=float).ravel()]


def _sigmoid(t: float) -> float:
    if t >= 0:
        return 1.0 / (1.0 + math.exp(-t))
    e = math.exp(t)
    return e / (1.0 + e)


def _fail(path: Path, why: str) -> OutlookModelError:
    return OutlookModelError(
        f"the outlook model file {path} {why}",
        hint="reinstall nextseason, or rebuild the model with `nextseason outlook train`",
    )


def differences(a: Any, b: Any, tol: float = 1e-5, where: str = "model") -> list[str]:
    """Where two model payloads differ, numbers compared within ``tol`` (relative or
    absolute): a model refitted on another machine may differ in the last digits."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = [f"{where}.{k}: only in one" for k in sorted(set(a) ^ set(b))]
        for k in sorted(set(a) & set(b)):
            out += differences(a[k], b[k], tol, f"{where}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} items against {len(b)}"]
        out = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out += differences(x, y, tol, f"{where}[{i}]")
        return out
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool):
        if abs(a - b) <= tol * max(1.0, abs(a), abs(b)):
            return []
        return [f"{where}: {a} against {b}"]
    return [] if a == b else [f"{where}: {a!r} against {b!r}"]


def compare_models(current: bytes, fresh: bytes) -> list[str] | None:
    """Where the model file ``current`` differs from a fresh training's ``fresh`` (numbers
    within 1e-5); [] when they agree, None when ``current`` is no readable model file."""
    try:
        shipped = json.loads(current)["model"]
    except (ValueError, KeyError, TypeError):
        return None
    return differences(shipped, json.loads(fresh)["model"])


def read_model(path: Path) -> OutlookModel:
    """Load and verify a model file; any problem is one OutlookModelError naming the file."""
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, "is missing") from None
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise _fail(path, "is corrupt (not valid JSON)") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _fail(path, f"is not a {FORMAT} file")
    payload = doc.get("model")
    if not isinstance(payload, dict):
        raise _fail(path, "has no model in it")
    if hashlib.sha256(canonical_json(payload)).hexdigest() != doc.get("sha256"):
        raise _fail(path, "is corrupt (its checksum does not match its content)")
    try:
        return OutlookModel.from_dict(payload)
    except (KeyError, TypeError, ValueError, IndexError, AssertionError) as exc:
        raise _fail(path, f"is malformed ({exc})") from None


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float, size: int) -> OutlookModel:
    return read_model(Path(path))


def load_model(path: Path | None = None) -> OutlookModel:
    """The shipped model (or the one at ``path``), read once per process and file version."""
    where = path or model_path()
    try:
        stat = where.stat()
    except FileNotFoundError:
        raise _fail(where, "is missing") from None
    except OSError as exc:
        raise _fail(where, f"cannot be read ({exc.strerror or exc})") from None
    return _cached(str(where), stat.st_mtime, stat.st_size)
