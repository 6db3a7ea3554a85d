"""Small parsers for the values raw files spell in their own ways.

Each returns ``None`` for an empty value and raises :class:`ValueError` for a value it cannot
read; the readers turn that into a BuildError naming the file and row.
"""

from __future__ import annotations

import ast
import re
from datetime import UTC, date, datetime

__all__ = [
    "grouped_int",
    "opt_float",
    "opt_int",
    "parse_date",
    "people",
    "python_list",
    "season_count",
    "split_list",
    "utc_naive",
]

# "1,11,00,000" (Indian lakh/crore grouping), "11,100,000" (Western) or plain digits.
_GROUPED = re.compile(r"\d{1,3}(?:,\d{2})*,\d{3}|\d{1,3}(?:,\d{3})+|\d+")


def grouped_int(text: str) -> int | None:
    """An integer written with digit grouping of either style: "1,11,00,000" -> 11100000."""
    text = text.strip()
    if not text:
        return None
    if not _GROUPED.fullmatch(text):
        raise ValueError(f"not a grouped number: {text!r}")
    return int(text.replace(",", ""))


def opt_int(text: str) -> int | None:
    """``"3"``, ``"3.0"`` or empty."""
    text = text.strip()
    if not text:
        return None
    number = float(text)
    if not number.is_integer():
        raise ValueError(f"not a whole number: {text!r}")
    return int(number)


def opt_float(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None


def parse_date(text: str, fmt: str) -> date | None:
    """A date in ``fmt`` (strptime), surrounding spaces ignored; None when empty."""
    text = text.strip()
    return datetime.strptime(text, fmt).date() if text else None


def utc_naive(stamp: str) -> datetime:
    """An ISO timestamp with offset as a naive UTC datetime (the catalog stores UTC)."""
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


_SEASONS = re.compile(r"(\d+)\s+Seasons?", re.IGNORECASE)


def season_count(duration: str) -> int | None:
    """Seasons from a catalog's duration column: "2 Seasons" -> 2, "90 min" -> None."""
    found = _SEASONS.fullmatch(duration.strip())
    return int(found.group(1)) if found else None


def split_list(text: str) -> list[str]:
    """A comma-separated cell: "Crime TV Shows, TV Dramas" -> ["Crime TV Shows", "TV Dramas"]."""
    return [part.strip() for part in text.split(",") if part.strip()]


def people(text: str) -> list[str]:
    """Names in a cast or director cell, in order, each once."""
    seen: dict[str, None] = {}
    for name in split_list(text):
        seen.setdefault(name, None)
    return list(seen)


def python_list(text: str) -> list[str]:
    """A Python list literal as the 2022 Netflix file writes them: "['drama', 'crime']"."""
    text = text.strip()
    if not text:
        return []
    value = ast.literal_eval(text)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"not a list of strings: {text!r}")
    return value


_TAG = re.compile(r"<[^>]+>")
