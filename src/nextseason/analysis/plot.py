"""What season N could bring: the finale and the open threads its summaries leave. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from nextseason.model import EpisodeRecord
from nextseason.text import plain_text, sentences

__all__ = ["finale", "open_threads"]

#: Words that mark a sentence as leaving something unresolved.
CUES = re.compile(
    r"\b(cliffhanger|must|decide|decision|secret|reveal|revealed|discover|fate|threat|"
    r"danger|unknown|mystery|missing|truth|plan|learn|learns|confront|choice|risk|"
    r"whether|what's next|to come|unresolved|shock|return)\b|\?",
    re.IGNORECASE,
)


def _order(ep: EpisodeRecord) -> tuple[int, int, str]:
    return (ep.season or 0, ep.number or 0, ep.airdate.isoformat() if ep.airdate else "")


def finale(episodes: Sequence[EpisodeRecord]) -> EpisodeRecord | None:
    """The last regular episode of the last season the catalog holds."""
    regular = [e for e in episodes if e.season is not None and e.number is not None]
    return max(regular, key=_order) if regular else None


def open_threads(episodes: Sequence[EpisodeRecord], *, last: int = 2, limit: int = 4) -> list[str]:
    """Sentences from the last episodes' summaries that leave something open, quoted."""
    regular = sorted((e for e in episodes if e.number is not None and e.summary), key=_order)
    threads: list[str] = []
    for ep in regular[-last:]:
        for sentence in sentences(plain_text(ep.summary)):
            if CUES.search(sentence) and sentence not in threads:
                threads.append(sentence)
    return threads[-limit:]
