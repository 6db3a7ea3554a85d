"""The bundled build's part: the premise vectors shipped next to the bundled catalog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from nextseason.similar.catalog_rows import described_ids, load_facts
from nextseason.similar.facts import premise_text
from nextseason.similar.vectors import (
    VectorBuild,
    build_vectors,
    package_data_dir,
    shipped_vectors,
)

if TYPE_CHECKING:
    from nextseason.catalog import Catalog

__all__ = ["bundle_vectors"]


def bundle_vectors(catalog: Catalog, out_dir: Path, *, embed: bool) -> VectorBuild:
    """Write the premise vectors of every described show of ``catalog`` into ``out_dir``,
    reusing those already there or in the package, embedding the rest when ``embed``."""
    with catalog.connect() as conn:
        facts = load_facts(conn, described_ids(conn))
    texts = [premise_text(f.premises) for f in facts.values()]
    sources = [shipped_vectors(out_dir), shipped_vectors(package_data_dir())]
    previous = [v for v in sources if v is not None]
    return build_vectors(texts, out_dir, previous=previous, embed=embed)
