"""The bundled build, composed: the importers' catalog, then the similar-shows vectors beside it.

The importers (:mod:`nextseason.importers.bundled`) turn the raw files into a catalog; the
recommender (:mod:`nextseason.similar.build`) adds the premise vectors for that catalog. This
module sits above both, so neither imports the other. ``python -m nextseason.build`` and
``nextseason import bundled`` run it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from nextseason.catalog import Catalog
from nextseason.errors import NextseasonError
from nextseason.importers.bundled import REPORT_NAME, BuildReport, build_catalog

__all__ = ["REPORT_NAME", "build_bundled", "main"]


def build_bundled(
    src_dir: Path,
    out_path: Path,
    *,
    progress: Callable[[str], None] | None = None,
    embed: bool | None = None,
) -> BuildReport:
    """Build the gzipped catalog at ``out_path`` from the raw files in ``src_dir``, with the
    premise vectors of the similar-shows recommender beside it.

    ``embed``: embed premises that have no vector yet (needs the ``[embeddings]`` extra);
    by default only for a build into the package's own data folder.
    """
    say = progress or (lambda _message: None)
    out_path = Path(out_path)
    if embed is None:
        from nextseason.similar.vectors import package_data_dir

        embed = out_path.parent.resolve() == package_data_dir().resolve()

    def vectors(catalog: Catalog) -> dict[str, int]:
        from nextseason.catalog.similar_rows import SimilarRows
        from nextseason.similar.build import bundle_vectors

        say("premise vectors for the similar-shows recommender")
        found = bundle_vectors(SimilarRows(catalog), out_path.parent, embed=bool(embed))
        return {
            "texts": found.texts,
            "reused": found.reused,
            "embedded": found.embedded,
            "missing": found.missing,
            "dimensions": found.dimensions,
        }

    from nextseason.app import next_season_verdict

    return build_catalog(
        src_dir, out_path, progress=progress, enrich=vectors, rules=next_season_verdict
    )


def main(argv: list[str] | None = None) -> int:
    """Build from ``raw/`` into ``src/nextseason/data/`` (or the paths given)."""
    args = sys.argv[1:] if argv is None else argv
    repo = Path(__file__).resolve().parents[2]
    src = Path(args[0]) if args else repo / "raw"
    out = Path(args[1]) if len(args) > 1 else repo / "src/nextseason/data/catalog.sqlite.gz"
    try:
        report = build_bundled(src, out, progress=lambda m: print(m, file=sys.stderr))
    except NextseasonError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(
        f"built {out} in {report.seconds:.1f} s: {report.shows_created:,} shows, "
        f"{report.artifact_bytes / 1e6:.1f} MB gzipped ({report.database_bytes / 1e6:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
