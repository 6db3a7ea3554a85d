"""Identity of well-known series in the bundled catalog, against labels written beforehand.

    python bench/identity_eval.py

Reads ``tests/fixtures/truth/identity.tsv`` (each series' title, first-air year, original
channel, country and IMDb id, from public knowledge, with a note; a third held out, never
tuned on) and, for each series, finds the catalog records of its title that could be it
(:func:`nextseason.importers.identity.could_be`: nothing they know says they are another
show). Prints, for the tuned part and the held-out part: the share with exactly one such
record, none, or several (a split); and of the single records, the share whose year and
original channel agree with the label, and the share that know them at all. Then the build's
own figures (``catalog-build.json``).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

from _common import machine, temp_dir
from nextseason.catalog import Catalog
from nextseason.catalog.queries import shows_by_key
from nextseason.importers.identity import KnownSeries, could_be
from nextseason.platforms import platform_name
from nextseason.text import title_key

TRUTH = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "truth" / "identity.tsv"
BUILD = Path(__file__).resolve().parents[1] / "src" / "nextseason" / "data" / "catalog-build.json"


def read_truth() -> list[tuple[KnownSeries, str, str]]:
    with TRUTH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        (
            KnownSeries(r["title"], int(r["year"]), r["channel"], r["country"], r["imdb"] or None),
            r["part"],
            r["note"],
        )
        for r in rows
    ]


def judge(catalog: Catalog, series: KnownSeries) -> tuple[str, dict[str, bool | None]]:
    with catalog.connect() as conn:
        entries = shows_by_key(conn, title_key(series.title))
    bundles = [catalog.show(e.id) for e in entries]
    fits = [b for b in bundles if could_be(b, series)]
    if len(fits) != 1:
        return ("none" if not fits else "several"), {}
    show = fits[0]
    original = next(
        (
            platform_name(link.platform.name)
            for link in show.platforms
            if link.role in ("network", "web")
        ),
        None,
    )
    return "one", {
        "year": None if show.year is None else abs(show.year - series.year) <= 1,
        "channel": None
        if original is None
        else title_key(original) == title_key(platform_name(series.channel) or series.channel),
    }


def main() -> int:
    if not TRUTH.is_file():
        print(f"no labels at {TRUTH}")
        return 1
    catalog = Catalog.open(f"sqlite:///{temp_dir() / 'catalog.sqlite'}")
    print(f"identity of labelled series in the bundled catalog ({machine()})")
    by_part: dict[str, Counter[str]] = {"tune": Counter(), "heldout": Counter()}
    problems: list[str] = []
    for series, part, _note in read_truth():
        outcome, checks = judge(catalog, series)
        tally = by_part[part]
        tally["series"] += 1
        tally[outcome] += 1
        for name, ok in checks.items():
            tally[f"{name} known"] += ok is not None
            tally[f"{name} right"] += ok is True
            if ok is False and part == "tune":
                problems.append(f"{series.title} ({series.year}): {name} differs")
        if outcome != "one" and part == "tune":
            # Only the tuned part is itemised: the held-out part is judged by its figures.
            problems.append(f"{series.title} ({series.year}): {outcome} records")
    for part, tally in by_part.items():
        n, one = tally["series"], tally["one"]
        print(
            f"  {part:8} {n:4d} series: exactly one record {one / n:.1%}, none "
            f"{tally['none']}, several {tally['several']}; of the single records, year right "
            f"{tally['year right']}/{tally['year known']} known ({tally['year known']}/{one}), "
            f"original channel right {tally['channel right']}/{tally['channel known']} "
            f"known ({tally['channel known']}/{one})"
        )
    if problems:
        print("  tuned part, series not right:")
    for line in problems:
        print(f"    {line}")
    build = json.loads(BUILD.read_text(encoding="utf-8"))
    figures = build["identity"]
    print(
        f"build: {figures['shows']:,} shows, {build['seconds']} s, "
        f"{build['artifact_bytes'] / 1e6:.1f} MB; with a year {figures['with_year']:,}; "
        f"dated by a first-air source {figures['dated']:,} of which with a year "
        f"{figures['dated_with_year'] / max(figures['dated'], 1):.1%}; given any year by a raw "
        f"row {figures['any_year_in_raw']:,} of which with a year "
        f"{figures['with_year'] / max(figures['any_year_in_raw'], 1):.1%}"
    )
    print(
        f"       titles with several records {figures['titles_with_several']:,} "
        f"({figures['records_in_those']:,} records): namesakes the data tells apart "
        f"{figures['namesake_titles']:,}, possible splits {figures['possible_split_titles']:,}; "
        f"credits merged {build['credits_merged']:,}"
    )
    catalog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
