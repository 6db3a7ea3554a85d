"""The channel beside a suggestion, said as its sources say it, and no more.

A source's "network" is not always where a show premiered: TVmaze names one network or web
channel per show, the latest for a show that moved (Gilmore Girls premiered on The WB; TVmaze
lists The CW, where its last season aired). So a channel is named with the source that names
it ("on The CW, per TVmaze index"), never as the original: no source the catalog reads dates
a channel to a show's premiere.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from nextseason.provenance import source_info
from nextseason.similar.records import Channel

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
    """ "on The CW, per TVmaze index"; None when no source names a channel."""
    if not channels:
        return None
    names, sources = _names(channels)
    return f"on {' and '.join(names)}, per {' and '.join(sources)}"
