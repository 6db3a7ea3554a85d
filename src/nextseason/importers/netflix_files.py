"""Loading a newer Netflix Top 10 or engagement report into an existing catalog.

Netflix keeps publishing: the weekly global Top 10 (``all-weeks-global.tsv``, every week
since 2021-07-04) and one engagement report per half-year ("What We Watched the First Half of
2024", a spreadsheet a user saves as CSV with the columns of the 2023 reports). These files
are read by the readers of the bundled build (:mod:`.netflix_top10`,
:mod:`.netflix_engagement`), so a title means the same show here as there, and each show
found in the file is placed in the catalog:

1. a title whose record (source + key: the Top 10 title, the engagement title with its
   translations) the catalog already holds updates that show, so importing a file twice
   changes nothing the second time;
2. else the title joins the one catalog show that holds the same Netflix title (the Top 10's
   and the engagement report's "Top Boy" are one show), else the one show of that title (any
   title a source gives it) that is linked to Netflix (Netflix original, Netflix web channel,
   in Netflix's catalog) and whose year is compatible;
3. several such shows: the title is kept out and counted ("ambiguous"), never merged, since a
   record that may be either show would only split it; none: it becomes a new Netflix show.
   Steps 2 and 3 are the bundled build's own rules (importers/resolve.py), so a title means
   the same show here as there.

A show holds one Top 10 title, and one row per season of each engagement report: a show that
already holds another Top 10 title, or another title of the same report, is a namesake and is
not joined. Facts other sources gave are kept: the show's fields are left as they are, a season
keeps its premiere date, a platform link is replaced only by a more recent one; the new
interest points are added (or update the points of the same week or half-year). Everything is
stored in one transaction: a bad file or a failure leaves the catalog as it was.

Provenance: an engagement report is named by its page on about.netflix.com. A Top 10 file
that begins with the chart's first week is the whole chart and shares its provenance with the
bundled catalog's; an excerpt (fewer weeks) gets a URL naming its weeks. ``retrieved_at`` is
derived from the data as in the bundled build.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from nextseason.catalog import Catalog
from nextseason.catalog.netflix_rows import (
    LinkKey,
    StoredShow,
    TitleCandidates,
    interest_point_count,
    title_candidates,
)
from nextseason.errors import BuildError, UsageError
from nextseason.importers.chart_titles import parse_chart_title
from nextseason.importers.fragments import Fragment, SourceRead
from nextseason.importers.netflix_engagement import half_year, read_engagement_file
from nextseason.importers.netflix_top10 import read_top10_file
from nextseason.importers.rawfiles import RawFile
from nextseason.importers.resolve import Resolver
from nextseason.model import (
    InterestRecord,
    PlatformLink,
    PlatformRef,
    SeasonRecord,
    ShowBundle,
    SourceRef,
)
from nextseason.platforms import NETFLIX, platform_name
from nextseason.provenance import NETFLIX_TOP10

__all__ = [
    "COMBINED_2023",
    "ImportReport",
    "import_engagement",
    "import_top10",
    "period_from_name",
]

_TOP10_COLUMNS = (
    "week, category, weekly_rank, show_title, season_title, weekly_hours_viewed, runtime, "
    "weekly_views, cumulative_weeks_in_top_10"
)
_TOP10_EXPECTED = (
    "expected Netflix's weekly global Top 10 file as published (all-weeks-global.tsv, "
    f"tab-separated, plain or .gz) with the columns {_TOP10_COLUMNS}"
)
_ENGAGEMENT_EXPECTED = (
    "expected one Netflix engagement report saved as CSV (comma-separated, UTF-8, plain or "
    ".gz) with the columns Title, Available Globally?, Release Date, Hours Viewed, "
    "Language Indicator, Content Type"
)
#: ``period_from_name`` of the combined H1 + H2 2023 file the bundled build reads.
COMBINED_2023 = "2023H1+H2"
_FIRST_REPORT = date(2023, 1, 1)


@dataclass(slots=True)
class ImportReport:
    """What an import read, updated, created and kept apart, and how long it took.

    ``rows_read = tv_rows_used + sum(rows_skipped)``; the rows used describe
    ``shows_in_file`` shows, each of which updated a catalog show or created one:
    ``shows_in_file = sum(updated_by) + new_titles + ambiguous_kept_out + no_netflix_match``
    (``shows_updated`` counts catalog shows, each updated once).
    """

    file: str
    source: str
    #: the provenance the imported facts carry: one per report (url, note, retrieved_at)
    reports: list[dict[str, str]]
    rows_read: int
    tv_rows_used: int
    rows_skipped: dict[str, int]
    shows_in_file: int
    shows_updated: int
    #: how the updated shows were found: "already imported" (the same title from an earlier
    #: file), "same Netflix title", "title + Netflix link" (the bundled build's rules)
    updated_by: dict[str, int]
    shows_created: int
    new_titles: int  # no catalog show had the title: a new Netflix show
    ambiguous_kept_out: int  # several shows had it: not stored
    no_netflix_match: int  # shows had it, none on Netflix with a compatible year: kept apart
    examples: dict[str, list[str]]  # a few titles per outcome
    interest_points_added: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- the two imports ------------------------------------------------------------------------


def import_top10(catalog: Catalog, path: str | Path) -> ImportReport:
    """Load Netflix's weekly global Top 10 file (TSV, plain or .gz) into ``catalog``."""
    started = time.perf_counter()
    raw = _user_file(path)
    try:
        read, _first_charted = read_top10_file(raw, mark_excerpt=True)
    except BuildError as exc:
        raise _usage(exc, _TOP10_EXPECTED) from None
    return _load(catalog, raw, read, started)


def import_engagement(
    catalog: Catalog, path: str | Path, *, today: date, period: str | None = None
) -> ImportReport:
    """Load one Netflix engagement report (CSV, plain or .gz) into ``catalog``.

    ``period`` ("2024H1", "2024H2") names the half-year the report covers, which must have
    ended before ``today`` (Netflix publishes a report after its half-year); without it the
    file name must say (``What_We_Watched_2024H1.csv``, ``engagement_2024_H2.csv``,
    ``..._2024Jan-Jun.csv``). A file named like the bundled ``engagement_2023_H1_H2.csv`` is
    read as both 2023 reports, one after the other, as the bundled build reads it.
    """
    started = time.perf_counter()
    raw = _user_file(path)
    if period is not None:
        name = _checked_period(period, today)
    else:
        found = period_from_name(raw.path.name)
        if found is None:
            raise UsageError(
                f"cannot tell which half-year the report {raw.name} covers",
                hint="give it with --period YYYYH1 or YYYYH2 (e.g. --period 2024H1), or name "
                "the file after it (e.g. What_We_Watched_2024H1.csv)",
            )
        name = found if found == COMBINED_2023 else _checked_period(found, today)
    try:
        read = read_engagement_file(raw, None if name == COMBINED_2023 else name)
    except BuildError as exc:
        raise _usage(exc, _ENGAGEMENT_EXPECTED) from None
    return _load(catalog, raw, read, started)


# -- files, periods, errors -----------------------------------------------------------------


def _user_file(path: str | Path) -> RawFile:
    where = Path(path)
    if not where.exists():
        raise UsageError(f"file not found: {where}")
    if not where.is_file():
        raise UsageError(f"not a file: {where}")
    try:
        with where.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise UsageError(f"cannot read {where}: {exc.strerror or exc}") from None
    if head.startswith(b"PK\x03\x04") or where.suffix.lower() in (".xlsx", ".xls", ".ods"):
        raise UsageError(
            f"{where} is a spreadsheet, not a CSV or TSV text file",
            hint="open it and save the sheet as CSV (UTF-8), then import that file",
        )
    return RawFile(where, str(where), what="file")


def _usage(exc: BuildError, expected: str) -> UsageError:
    """A reader's error about the user's file, as a usage error (exit 2)."""
    about_format = any(
        bit in exc.message for bit in ("lacks column", "not UTF-8", "malformed CSV", "columns,")
    )
    return UsageError(exc.message, hint=expected if about_format else exc.hint)


_SEP = r"[\s_.-]*"
_HALVES: tuple[tuple[re.Pattern[str], int | None], ...] = (
    # (pattern, half); None: the half is the pattern's "half" group
    (re.compile(rf"(?<!\d)(?P<year>20\d\d){_SEP}h(?P<half>[12])(?!\d)"), None),
    (re.compile(rf"(?<![a-z0-9])h(?P<half>[12]){_SEP}(?P<year>20\d\d)(?!\d)"), None),
    (re.compile(rf"(?<!\d)(?P<year>20\d\d){_SEP}jan[a-z]*{_SEP}jun[a-z]*"), 1),
    (re.compile(rf"(?<!\d)(?P<year>20\d\d){_SEP}jul[a-z]*{_SEP}dec[a-z]*"), 2),
    (re.compile(rf"(?<![a-z])jan[a-z]*{_SEP}jun[a-z]*{_SEP}(?P<year>20\d\d)(?!\d)"), 1),
    (re.compile(rf"(?<![a-z])jul[a-z]*{_SEP}dec[a-z]*{_SEP}(?P<year>20\d\d)(?!\d)"), 2),
    (re.compile(rf"(?:first|1st){_SEP}half{_SEP}(?:of{_SEP})?(?P<year>20\d\d)(?!\d)"), 1),
    (re.compile(rf"(?:second|2nd){_SEP}half{_SEP}(?:of{_SEP})?(?P<year>20\d\d)(?!\d)"), 2),
)
_BOTH_HALVES = re.compile(rf"(?<!\d)(?P<year>20\d\d){_SEP}h1{_SEP}(?:and{_SEP}|to{_SEP})?h2(?!\d)")


def period_from_name(name: str) -> str | None:
    """The half-year a report's file name names ("2024H1"), :data:`COMBINED_2023` for the
    combined 2023 file, None when the name says nothing; a UsageError when it names several."""
    text = name.lower()
    both = _BOTH_HALVES.search(text)
    if both:
        if both.group("year") != "2023":
            raise UsageError(
                f"{name} names both halves of {both.group('year')}: import each half-year "
                "report on its own, with --period",
            )
        return COMBINED_2023
    found = {
        f"{m.group('year')}H{half or m.group('half')}"
        for pattern, half in _HALVES
        for m in pattern.finditer(text)
    }
    if len(found) > 1:
        raise UsageError(
            f"the file name {name} names several half-years ({', '.join(sorted(found))})",
            hint="give the report's with --period YYYYH1 or YYYYH2",
        )
    return found.pop() if found else None


def _checked_period(period: str, today: date) -> str:
    try:
        half = half_year(period)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if half.start < _FIRST_REPORT:
        raise UsageError(f"Netflix's engagement reports begin with 2023H1, not {half.name}")
    if half.end >= today:
        raise UsageError(
            f"{half.name} ends on {half.end.isoformat()}: Netflix publishes a half-year's "
            "report after it ends",
            hint="check --period or the file name",
        )
    return half.name


# -- what the catalog knows about the shows a file names -------------------------------------

Outcome = Literal[
    "already imported",
    "same Netflix title",
    "title + Netflix link",
    "new",
    "ambiguous",
    "no Netflix match",
]
_JOINED: tuple[Outcome, ...] = ("already imported", "same Netflix title", "title + Netflix link")


def _candidates(catalog: Catalog, read: SourceRead) -> TitleCandidates:
    """The catalog shows the file's titles may belong to (read by the catalog's queries)."""
    with catalog.connect() as conn:
        return title_candidates(
            conn,
            read.source,
            {f.bundle.records[0].source_key for f in read.fragments},
            {key for f in read.fragments for key in f.match.keys if key},
        )


def _resolvable(known: StoredShow) -> ShowBundle:
    """What resolution compares a title with: titles, year, country and channels."""
    head = known.head
    return ShowBundle(
        title=head.title,
        src=head.src,
        year=head.year,
        country=head.country,
        records=list(known.records),
        platforms=[
            PlatformLink(PlatformRef(name, kind), role, head.src)  # type: ignore[arg-type]
            for (name, kind, role, _country, _offer) in known.links
        ],
    )


# -- placing each title ---------------------------------------------------------------------


@dataclass(slots=True)
class _Placed:
    fragment: Fragment
    show_id: int | None  # None: a new show
    outcome: Outcome


def _place_all(view: TitleCandidates, read: SourceRead) -> list[_Placed]:
    """Where each fragment goes; a catalog show takes at most one fragment of the file.

    Titles imported before keep their shows; every other title is placed by the bundled
    build's own rules (:class:`~nextseason.importers.resolve.Resolver`) among the catalog's
    shows of its title, so importing the files the catalog was built from changes nothing.
    """
    placed: dict[int, _Placed] = {}
    taken: set[int] = set()
    # Titles imported before first: their shows are theirs whatever the order of the file.
    for i, fragment in enumerate(read.fragments):
        show_id = view.by_record.get(fragment.bundle.records[0].source_key)
        if show_id is not None and show_id in view.shows and show_id not in taken:
            placed[i] = _Placed(fragment, show_id, "already imported")
            taken.add(show_id)
    resolver = Resolver()
    ids: dict[int, int] = {}  # resolver index -> catalog show id
    for show_id, known in sorted(view.shows.items()):
        ids[resolver.know(_resolvable(known))] = show_id
        if show_id in taken:
            resolver.hold(len(ids) - 1, read.source)
    for i, fragment in enumerate(read.fragments):
        if i in placed:
            continue
        outcome, index, rule = resolver.place(fragment)
        if outcome == "joined" and index is not None:
            placed[i] = _Placed(fragment, ids[index], _RULES.get(rule, "title + Netflix link"))
            resolver.hold(index, read.source)
        elif outcome in ("ambiguous", "uncertain"):
            placed[i] = _Placed(fragment, None, "ambiguous")
        else:
            placed[i] = _Placed(fragment, None, "new" if outcome == "new" else "no Netflix match")
    return [placed[i] for i in range(len(read.fragments))]


#: The resolver's join rules, as an import reports them.
_RULES: dict[str, Outcome] = {"same Netflix title": "same Netflix title"}


# -- composing what to store ----------------------------------------------------------------


def _bundles(
    view: TitleCandidates, placed: Sequence[_Placed], refs: Sequence[SourceRef]
) -> list[ShowBundle]:
    """New shows as the bundled build makes them; updates that keep what the catalog has."""
    fresh = {(ref.source, ref.url): ref for ref in refs}

    def current(ref: SourceRef) -> SourceRef:
        # A report imported again replaces its provenance (note, retrieval date) everywhere.
        return fresh.get((ref.source, ref.url), ref)

    order: list[int | Fragment] = []
    updates: dict[int, list[Fragment]] = {}
    for p in placed:
        if p.outcome == "ambiguous":
            continue  # kept out: it could be either of several shows
        if p.show_id is None:
            order.append(p.fragment)
        else:
            if p.show_id not in updates:
                order.append(p.show_id)
            updates.setdefault(p.show_id, []).append(p.fragment)
    out: list[ShowBundle] = []
    for item in order:
        if isinstance(item, Fragment):
            out.append(replace(item.bundle, kind=item.bundle.kind or "TV Show"))
        else:
            out.append(_updated(view.shows[item], updates[item], current))
    return out


def _updated(
    known: StoredShow, fragments: list[Fragment], current: Callable[[SourceRef], SourceRef]
) -> ShowBundle:
    head = known.head
    records = {(r.source, r.source_key): replace(r, src=current(r.src)) for r in known.records}
    links: dict[LinkKey, PlatformLink] = {}
    seasons: dict[tuple[int, str], SeasonRecord] = {}
    interest: dict[tuple[str, str, int, str, date], InterestRecord] = {}
    netflix_made = head.platform is not None and platform_name(head.platform.name) == NETFLIX
    for fragment in fragments:
        new = fragment.bundle.records[0]
        old = records.get((new.source, new.source_key))
        records[(new.source, new.source_key)] = (
            replace(new, data=_merged(old.data, fragment)) if old else new
        )
        for link in fragment.bundle.platforms:
            key = _link_key(link)
            if key in links or key in known.links:
                as_of = links[key].as_of if key in links else known.links[key]
                if not link.as_of or (as_of is not None and link.as_of <= as_of):
                    continue  # the catalog's link is as recent
            links[key] = link
        for season in fragment.bundle.seasons:
            if season.release_platform == NETFLIX and netflix_made:
                season = replace(season, release_platform=None)  # Netflix's own: a premiere
            slot = (season.number, season.src.source)
            if slot in seasons or slot in known.seasons:
                premiere = seasons[slot].premiere_date if slot in seasons else known.seasons[slot]
                if premiere is not None or season.premiere_date is None:
                    continue  # the catalog's row of this source is as good
            seasons[slot] = season
        for point in fragment.bundle.interest:
            key5 = (point.source, point.metric, point.season, point.period, point.day)
            interest.setdefault(key5, point)
    return replace(
        head,
        src=current(head.src),
        genres=list(head.genres),
        # All its records, so the show's updated_at stays the latest of them.
        records=list(records.values()),
        platforms=list(links.values()),
        seasons=[seasons[k] for k in sorted(seasons)],
        interest=list(interest.values()),
        field_src=dict(head.field_src),
    )


def _link_key(link: PlatformLink) -> LinkKey:
    platform = link.platform
    return (platform.name, platform.kind, link.role, link.country or "", link.offer or "")


def _merged(old: dict[str, Any], fragment: Fragment) -> dict[str, Any]:
    """The record of a title imported before, with what the new file adds."""
    if fragment.source == NETFLIX_TOP10:
        return _merged_top10(old, fragment)
    return _merged_engagement(old, fragment.bundle.records[0].data)


def _strings(value: object) -> set[str]:
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def _merged_top10(old: dict[str, Any], fragment: Fragment) -> dict[str, Any]:
    """Weeks charted, first and last week, best rank over both files: a file of newer weeks
    adds to the record of the whole chart instead of replacing it."""
    new = fragment.bundle.records[0].data
    try:
        lo, hi = date.fromisoformat(old["first_week"]), date.fromisoformat(old["last_week"])
        charted = int(old["weeks_charted"])
    except (KeyError, TypeError, ValueError):
        return new
    # Rows of weeks the record does not cover yet (a point's day is its week's Monday).
    added = {
        (p.season, p.day)
        for p in fragment.bundle.interest
        if not lo <= p.day + timedelta(days=6) <= hi
    }
    ranks = [r for r in (old.get("best_rank"), new["best_rank"]) if isinstance(r, int)]
    return {
        **new,
        "categories": sorted(_strings(old.get("categories")) | set(new["categories"])),
        "season_titles": sorted(_strings(old.get("season_titles")) | set(new["season_titles"])),
        "weeks_charted": charted + len(added),
        "first_week": min(lo, date.fromisoformat(new["first_week"])).isoformat(),
        "last_week": max(hi, date.fromisoformat(new["last_week"])).isoformat(),
        "best_rank": min(ranks, default=None),
    }


def _merged_engagement(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The rows of the other reports, then the new file's (replacing its reports' rows)."""
    old_rows = old.get("rows")
    if not isinstance(old_rows, list):
        return new
    reports = {row["report"] for row in new["rows"]}
    rows = [r for r in old_rows if isinstance(r, dict) and r.get("report") not in reports]
    rows.extend(new["rows"])
    aliases = dict.fromkeys(
        alias for r in rows for alias in parse_chart_title(str(r.get("title", ""))).aliases
    )
    return {**new, "aliases": list(aliases), "rows": rows}


# -- storing --------------------------------------------------------------------------------


def _load(catalog: Catalog, raw: RawFile, read: SourceRead, started: float) -> ImportReport:
    view = _candidates(catalog, read)
    placed = _place_all(view, read)
    bundles = _bundles(view, placed, read.refs)
    before = _interest_points(catalog)
    # One batch: one transaction, so a failure stores nothing.
    stats = catalog.store(bundles, batch_size=max(1, len(bundles)))
    added = _interest_points(catalog) - before
    outcomes = Counter(p.outcome for p in placed)
    examples: dict[str, list[str]] = {}
    for p in placed:
        if p.outcome not in _JOINED:
            found = examples.setdefault(p.outcome, [])
            if len(found) < 5:
                found.append(p.fragment.bundle.title)
    return ImportReport(
        file=raw.name,
        source=read.source,
        reports=[
            {"url": r.url, "note": r.note or "", "retrieved_at": r.retrieved_at.isoformat()}
            for r in read.refs
        ],
        rows_read=read.rows_read,
        tv_rows_used=read.rows_used,
        rows_skipped=dict(sorted(read.skipped.items())),
        shows_in_file=len(placed),
        shows_updated=stats.shows_updated,
        updated_by={o: outcomes[o] for o in _JOINED if outcomes[o]},
        shows_created=stats.shows_created,
        new_titles=outcomes["new"],
        ambiguous_kept_out=outcomes["ambiguous"],
        no_netflix_match=outcomes["no Netflix match"],
        examples=examples,
        interest_points_added=added,
        seconds=round(time.perf_counter() - started, 2),
    )


def _interest_points(catalog: Catalog) -> int:
    with catalog.connect() as conn:
        return interest_point_count(conn)
