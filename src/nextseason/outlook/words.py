"""The outlook as lines of words: what the report's Outlook section and the ``outlook``
command print (the JSON form is the :class:`~nextseason.model.Outlook` itself)."""

from __future__ import annotations

from nextseason.model import Outlook

__all__ = ["outlook_lines", "percent"]


def percent(p: float) -> str:
    return f"{p:.0%}"


def outlook_lines(outlook: Outlook) -> list[tuple[str, str]]:
    """(label, text) rows, most important first."""
    rows: list[tuple[str, str]] = [(f"Season {outlook.season}", outlook.status)]
    if outlook.probability is not None:
        text = f"{percent(outlook.probability)} chance of renewal"
        if outlook.interval is not None:
            text += (
                f" ({outlook.interval.level:.0%} interval {percent(outlook.interval.low)}"
                f" to {percent(outlook.interval.high)})"
            )
        if outlook.band:
            text += f": {outlook.band}"
        rows.append(("Probability", text))
    if outlook.reason:
        label = "Why no odds" if outlook.probability is None else "How far to trust it"
        rows.append((label, outlook.reason))
    for factor in outlook.factors:
        rows.append((f"Factor: {factor.feature}", factor.words))
    if outlook.track_record is not None:
        t = outlook.track_record
        rows.append(
            (
                "Track record",
                f"on {t.n:,} held-out seasons ({t.scope}; {t.period}): AUC {t.auc:.2f}, "
                f"Brier score {t.brier:.3f} ({t.brier_skill:+.0%} against the base rate), "
                f"{t.accuracy:.0%} right at 50%",
            )
        )
    if outlook.model:
        rows.append(("Model", outlook.model))
    return rows
