"""Who a source is, for any source key: the provenance table, else a live source's own info.

:mod:`nextseason.provenance` lists the built-in sources and the bundled files, and sits below
the live sources, so it cannot know a source added later as one module and one registry
line. This lookup can: a key the table lists costs a dictionary lookup, and only a key it
does not list loads the registry (:mod:`nextseason.sources.registry`) to ask the live sources'
``info``. The entry points hand it to the catalog (``Catalog.open(..., source_info=...)``)
for its candidate lists; the report's credits and the fact-checker's citations use it too.
"""

from __future__ import annotations

from nextseason.provenance import SOURCES, SourceInfo
from nextseason.provenance import source_info as _plain

__all__ = ["source_info"]


def source_info(key: str) -> SourceInfo:
    """The provenance table's entry for ``key``, else the live source's own ``info``, else a
    plain entry naming the key (never an error)."""
    listed = SOURCES.get(key)
    if listed is not None:
        return listed
    from nextseason.sources.registry import LIVE_SOURCES

    for source in LIVE_SOURCES:
        if source.key == key:
            return source.info
    return _plain(key)
