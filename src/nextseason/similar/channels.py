"""The channel beside a suggestion, said as its sources say it, and no more.

The catalog tells a show's original channel (a network or web channel that TMDB, TVmaze's
own record or a renewal scorecard gives as the one it premiered on) from a channel a source
merely lists it on (the TVmaze show index lists a show that moved under its latest network:
Gilmore Girls premiered on The WB, and the index lists The CW). The first is said as such
("premiered on The WB (TMDB 2025)"), the second with the source that lists it ("on The CW,
per TVmaze index"), as the report's overview does (``platform_role``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from nextseason.similar.records import Channel
from nextseason.sources.names import source_info

__all__ = ["channel_line", "source_label"]


@functools.lru_cache(maxsize=256)
def source_label(key: str) -> str:
    """A source's short name, as the report credits it ("TVmaze index", "Netflix 2022")."""
    return source_info(key).label


def _names(channels: Sequence[Channel]) -> tuple[list[str], list[str]]:
    names = list(dict.fromkeys(c.name for c in channels))
    sources = list(dict.fromkeys(source_label(c.source) for c in channels))
    return names, sources


def channel_line(channels: Sequence[Channel]) -> str | None:
    """ "premiered on Netflix (TMDB 2025)" for the original channel, else "on The CW, per
    TVmaze index"; None when no source names a channel."""
    originals = [c for c in channels if c.original]
    if originals:
        names, sources = _names(originals)
        return f"premiered on {' and '.join(names)} ({', '.join(sources)})"
    if not channels:
        return None
    names, sources = _names(channels)
    return f"on {' and '.join(names)}, per {' and '.join(sources)}"
