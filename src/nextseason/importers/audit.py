"""Checking a built catalog's facts back to the raw rows their provenance names.

    python -m nextseason.importers.audit [RAW_DIR] [--facts N] [--seed S]

Takes facts of random shows of the bundled catalog (premise, genres, premiere or year,
runtime, language, country, original or listed channel), asks each which source it came
from (:meth:`~nextseason.model.ShowBundle.source_of`, the channel's link), finds the show's
record of that source, opens the raw file of that source at the record's row, and checks
that the row holds the value. A fact whose row does not hold it names the wrong source.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nextseason.catalog import Catalog
from nextseason.catalog.queries import title_entries
from nextseason.genres import canonical_genres, display_genres
from nextseason.importers.catalogs_2021 import CATALOGS
from nextseason.importers.omdb import FILE as OMDB_FILE
from nextseason.importers.rawfiles import RawDir, read_csv, read_json, read_text
from nextseason.importers.renewals import RATINGS, SCORECARDS
from nextseason.importers.tmdb_2025 import DETAILS as TMDB_DETAILS
from nextseason.importers.tvmaze_index import FILE as INDEX_FILE
from nextseason.model import ShowBundle, SourceRef
from nextseason.platforms import catalog_platform, platform_name
from nextseason.text import plain_text, title_key

__all__ = ["AUDITED", "FIELDS", "AuditResult", "RawRows", "audit", "main"]

#: The sources whose raw rows the audit opens (the charts and buzz counts give no show
#: fields).
AUDITED = frozenset(
    {
        "tvmaze",
        "tmdb_2025",
        "omdb_series",
        "netflix_catalog_2022",
        "tvmaze_index",
        "metacritic_scorecard",
        "tv_ratings_predictions",
        *(spec.source for spec in CATALOGS),
    }
)
#: The reconciled fields checked, and the channel.
FIELDS = ("summary", "genres", "premiered", "year", "runtime", "language", "country", "platform")


class RawRows:
    """The raw rows of each source, by the key its records carry (read once, lazily)."""

    def __init__(self, raw: RawDir) -> None:
        self.raw = raw
        self._rows: dict[str, dict[str, Any]] = {}

    def row(self, source: str, key: str) -> Any:
        if source not in self._rows:
            self._rows[source] = self._load(source)
        return self._rows[source].get(key)

    def _load(self, source: str) -> dict[str, Any]:
        loaders: dict[str, Callable[[], dict[str, Any]]] = {
            "tvmaze": self._schedule,
            "tmdb_2025": self._tmdb,
            "omdb_series": lambda: self._csv(OMDB_FILE, "imdb_id"),
            "netflix_catalog_2022": lambda: self._csv("netflix/netflix_titles_2022.csv", "id"),
            "tvmaze_index": lambda: dict(read_json(self.raw.file(INDEX_FILE))),
            "metacritic_scorecard": lambda: self._renewal(SCORECARDS, "name"),
            "tv_ratings_predictions": lambda: self._renewal(RATINGS, "name"),
        }
        files = {spec.source: spec.file for spec in CATALOGS}
        if source in files:
            return self._csv(files[source], "show_id")
        load = loaders.get(source)
        return load() if load else {}

    def _csv(self, name: str, key: str) -> dict[str, Any]:
        rows = read_csv(self.raw.file(name), required=(key,))
        return {row[key]: row for row in rows}

    def _renewal(self, name: str, column: str) -> dict[str, Any]:
        rows = read_csv(self.raw.file(name), required=(column,))
        by_title: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in rows:
            by_title[title_key(row[column])].append(row)
        return by_title

    def _tmdb(self) -> dict[str, Any]:
        out = {}
        for line in read_text(self.raw.file(TMDB_DETAILS)).splitlines():
            if line.strip():
                value = json.loads(line)["value"]
                out[str(value["id"])] = value
        return out

    def _schedule(self) -> dict[str, Any]:
        out = {}
        for raw in self.raw.files("tvmaze/schedule-web-2020-12", "schedule_web_*.json"):
            for episode in read_json(raw):
                show = episode["_embedded"]["show"]
                out[str(show["id"])] = show
        return out


@dataclass
class AuditResult:
    checked: int = 0
    found: int = 0
    by_source: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.found / self.checked if self.checked else 0.0


def _text(row: Any) -> str:
    return title_key(plain_text(json.dumps(row, ensure_ascii=False, default=str)))


def _holds(row: Any, name: str, value: Any) -> bool:
    """Whether a raw row holds a reconciled value, as its reader would have read it."""
    text = _text(row)
    if name == "summary":
        return title_key(plain_text(str(value)))[:120] in text
    if name == "genres":
        labels = _labels(row)
        canonical = display_genres(canonical_genres(labels))
        return all(g in canonical or title_key(g) in text for g in value)
    if name == "platform":
        wanted = title_key(str(value))
        return wanted in text or any(
            title_key(catalog_platform(label, scorecard=True) or "") == wanted
            or title_key(platform_name(label) or "") == wanted
            for label in _labels(row)
        )
    if name in ("premiered", "year"):
        return str(value)[:4] in text
    return title_key(str(value)) in text


def _labels(row: Any) -> list[str]:
    """Every string a raw row holds, lists flattened and comma lists split."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            out.extend(part.strip() for part in value.strip("[]").split(","))

    walk(row)
    return [label.strip("'\" []") for label in out if label.strip("'\" []")]


def _facts(bundle: ShowBundle) -> Iterator[tuple[str, Any, SourceRef]]:
    for name in FIELDS:
        if name == "platform":
            if bundle.platform is not None:
                link = next(
                    (
                        link
                        for link in bundle.platforms
                        if link.platform == bundle.platform
                        and link.role in ("network", "web", "listed")
                    ),
                    None,
                )
                ref = link.src if link else bundle.source_of("platform")
                yield name, bundle.platform.name, ref
            continue
        value = getattr(bundle, name)
        if value not in (None, "", []):
            yield name, value, bundle.source_of(name)


def audit(catalog: Catalog, raw: RawDir, *, facts: int = 400, seed: int = 14) -> AuditResult:
    """Check ``facts`` facts of random shows against their raw rows."""
    rows = RawRows(raw)
    rng = random.Random(seed)
    with catalog.connect() as conn:
        ids = [entry.id for entry in title_entries(conn)]  # in id order
    result = AuditResult()
    while result.checked < facts and ids:
        bundle = catalog.show(rng.choice(ids))
        candidates = [f for f in _facts(bundle) if f[2].source in AUDITED]
        if not candidates:
            continue
        name, value, ref = rng.choice(candidates)
        record = next((r for r in bundle.records if r.source == ref.source), None)
        if record is None:
            continue
        key = record.source_key
        if ref.source in ("metacritic_scorecard", "tv_ratings_predictions"):
            key = key.split("|")[0]  # "<title key>|<networks>"
        row = rows.row(ref.source, key)
        result.checked += 1
        tally = result.by_source[ref.source]
        tally[1] += 1
        if _holds(row, name, value):
            result.found += 1
            tally[0] += 1
        elif len(result.misses) < 20:
            result.misses.append(f"{bundle.title} [{bundle.id}] {name}={value!r} from {ref.source}")
    return result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    repo = Path(__file__).resolve().parents[3]
    raw = RawDir(Path(args[0]) if args and not args[0].startswith("--") else repo / "raw")
    facts = int(args[args.index("--facts") + 1]) if "--facts" in args else 400
    import tempfile

    with (
        tempfile.TemporaryDirectory() as work,
        Catalog.open(f"sqlite:///{Path(work) / 'catalog.sqlite'}") as catalog,
    ):
        result = audit(catalog, raw, facts=facts)
    print(f"facts checked back to their raw row: {result.found} of {result.checked}")
    for source, (found, checked) in sorted(result.by_source.items()):
        print(f"  {source}: {found}/{checked}")
    for miss in result.misses:
        print(f"  not found: {miss}")
    return 0 if result.found == result.checked else 1


if __name__ == "__main__":
    raise SystemExit(main())
