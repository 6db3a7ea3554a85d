"""The bundled build's part: the premise vectors shipped next to the bundled catalog."""

from __future__ import annotations

from pathlib import Path

from nextseason.similar.facts import premise_text
from nextseason.similar.records import ShowRecords
from nextseason.similar.vectors import (
    VectorBuild,
    build_vectors,
    package_data_dir,
    shipped_vectors,
)

__all__ = ["bundle_vectors"]


def bundle_vectors(records: ShowRecords, out_dir: Path, *, embed: bool) -> VectorBuild:
    """Write the premise vectors of every described show of ``records`` into ``out_dir``,
    reusing those already there or in the package, embedding the rest when ``embed``."""
    facts = records.facts(records.described_ids())
    texts = [premise_text(f.premise_texts) for f in facts.values()]
    sources = [shipped_vectors(out_dir), shipped_vectors(package_data_dir())]
    previous = [v for v in sources if v is not None]
    return build_vectors(texts, out_dir, previous=previous, embed=embed)
