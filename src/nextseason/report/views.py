"""What the three human-readable renderers share: the view of a Report.

The twelve sections in product order, their titles and notes, and how values, dates,
sources and links are written out. ``render_text``, ``render_md`` and ``render_html`` read
these; :mod:`nextseason.report.render` is the front door that picks one of them.

Every string in a Report is untrusted data: each renderer escapes it for its own format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from nextseason.model import Fact, Report, SeasonInfo, StatusVerdict

__all__ = [
    "FORMATS",
    "NO_DATA",
    "SECTION_KEYS",
    "SERIES_HEADERS",
    "SIMILAR_HEADERS",
    "FactView",
    "Section",
    "basis_text",
    "clean",
    "confidence_text",
    "episode_code",
    "evidence_text",
    "external_ids_text",
    "fact_view",
    "generated_text",
    "heading",
    "outlook_rows",
    "overview_rows",
    "safe_url",
    "season_first_text",
    "sections",
    "series_rows",
    "similar_rows",
    "source_anchor",
    "source_names",
    "value_text",
    "verdict_line",
    "when_text",
]

FORMATS = ("text", "md", "html", "json")

#: The report's sections in product order; each key names the Report field it renders.
SECTION_KEYS = (
    "overview",
    "status",
    "seasons",
    "where_to_watch",
    "interest",
    "buzz",
    "outlook",
    "next_season",
    "characters",
    "crew",
    "similar",
    "sources",
)
_TITLES = {
    "overview": "Overview",
    "status": "Status of season {season}",
    "seasons": "Seasons and episodes",
    "where_to_watch": "Where to watch",
    "interest": "Audience interest",
    "buzz": "Social buzz",
    "outlook": "Outlook",
    "next_season": "What season {season} could bring",
    "characters": "Characters",
    "crew": "Creators and crew",
    "similar": "Similar shows",
    "sources": "Sources",
}
#: Said only when a section is empty and neither it nor ``Report.notes`` says why.
NO_DATA = "No data for this section in the catalog."
_SPACE = re.compile(r"\s+")
# C0/C1 controls (terminal escape sequences among them), surrogates and noncharacters:
# never useful in a report, and invalid in HTML.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class Section:
    """One report section as the renderers show it."""

    key: str
    anchor: str  # HTML id / Markdown-friendly slug
    title: str
    empty: bool
    note: str | None  # why it is empty or partial; None when there is nothing to say


def _is_empty(report: Report, key: str) -> bool:
    ov = report.overview
    checks: dict[str, bool] = {
        "overview": not ov.headline_cast
        and all(getattr(ov, name) is None for name, _, _ in _OVERVIEW_FIELDS),
        "status": False,
        "seasons": not report.seasons.seasons
        and not report.seasons.episodes
        and report.seasons.seasons_known is None,
        "where_to_watch": not report.where_to_watch.entries,
        "interest": not report.interest.series and not report.interest.reading,
        "buzz": not report.buzz.series and not report.buzz.reading,
        "outlook": not report.outlook,
        "next_season": report.next_season.finale is None and not report.next_season.open_threads,
        "characters": not report.characters,
        "crew": not report.crew,
        "similar": not report.similar,
        "sources": not report.sources,
    }
    return checks[key]


def _note(report: Report, key: str, empty: bool) -> str | None:
    own = getattr(getattr(report, key), "note", None)
    notes = [n for n in (own, report.notes.get(key)) if n]
    # The same sentence may sit in both places; say it once.
    text = " ".join(dict.fromkeys(clean(n) for n in notes))
    if text:
        return text
    return NO_DATA if empty else None


def sections(report: Report) -> tuple[Section, ...]:
    """The twelve sections, in product order, each with its title and note."""
    out = []
    for key in SECTION_KEYS:
        empty = _is_empty(report, key)
        out.append(
            Section(
                key=key,
                anchor=key.replace("_", "-"),
                title=_TITLES[key].format(season=report.season),
                empty=empty,
                note=_note(report, key, empty),
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------------------
# Values, dates, sources


def clean(text: str) -> str:
    """One printable line: whitespace runs become one space, control characters go."""
    return _UNPRINTABLE.sub("", _SPACE.sub(" ", text)).strip()


def when_text(value: date | datetime | None) -> str:
    """A date as ISO; a datetime without its time when it is midnight."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return value.isoformat()
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.date().isoformat()
    text = value.strftime("%Y-%m-%d %H:%M")
    if value.utcoffset() == timedelta(0):
        text += " UTC"
    return text


def value_text(value: Any, unit: str = "") -> str:
    """Any fact value as one line of plain text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, date | datetime):
        text = when_text(value)
    elif isinstance(value, float):
        text = f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    elif isinstance(value, list | tuple | set):
        text = ", ".join(value_text(v) for v in value)
    elif isinstance(value, dict):
        text = "; ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    else:
        text = str(value)
    text = clean(text)
    return f"{text} {unit}" if unit and text else text


def source_names(report: Report) -> dict[str, str]:
    """Source key -> display name, for every source the report lists."""
    return {s.key: clean(s.name) for s in report.sources}


def source_anchor(key: str) -> str:
    """The id of a source's entry in the Sources section."""
    return "source-" + (_ANCHOR_UNSAFE.sub("-", key).strip("-") or "unknown")


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None (no javascript:, data:, ...)."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"https?://[^\s/]", url, re.IGNORECASE) or any(c.isspace() for c in url):
        return None
    return url


@dataclass(frozen=True, slots=True)
class FactView:
    """A fact ready to print: its text, and its source's key, name and as-of date."""

    text: str
    source: str
    source_name: str
    as_of: str

    @property
    def anchor(self) -> str:
        return source_anchor(self.source)

    @property
    def label(self) -> str:
        """``TVmaze, as of 2021-01-05``: the plain-text source credit of the fact."""
        return f"{self.source_name}, as of {self.as_of}" if self.as_of else self.source_name


def fact_view(
    value: Any, source: str, as_of: date | None, names: dict[str, str], unit: str = ""
) -> FactView:
    return FactView(value_text(value, unit), source, names.get(source, source), when_text(as_of))


def _fv(fact: Fact, names: dict[str, str], unit: str = "") -> FactView:
    return fact_view(fact.value, fact.source, fact.as_of, names, unit)


#: Overview fields in display order: (field, label, unit).
_OVERVIEW_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("premise", "Premise", ""),
    ("genres", "Genres", ""),
    ("kind", "Type", ""),
    ("platform", "Platform", ""),
    ("premiered", "Premiered", ""),
    ("ended", "Ended", ""),
    ("runtime", "Runtime", "min"),
    ("language", "Language", ""),
    ("country", "Country", ""),
    ("source_material", "Based on", ""),
    ("setting", "Setting", ""),
)


def overview_rows(report: Report) -> list[tuple[str, list[FactView]]]:
    """The overview as (label, facts) rows; headline cast is one row of several facts."""
    names = source_names(report)
    ov = report.overview
    rows: list[tuple[str, list[FactView]]] = []
    for name, label, unit in _OVERVIEW_FIELDS:
        fact = getattr(ov, name)
        if fact is not None:
            if name == "platform" and ov.platform_role == "listed":
                label = "Listed on"  # not known to be the channel it premiered on
            rows.append((label, [_fv(fact, names, unit)]))
    if ov.headline_cast:
        rows.append(("Headline cast", [_fv(f, names) for f in ov.headline_cast]))
    return rows


def season_first_text(season: SeasonInfo) -> str:
    """The "first aired" cell of a season: its premiere, else another platform's release,
    else how the season is known to exist."""
    if season.first_aired:
        return season.first_aired.isoformat()
    if season.released:
        return f"on {season.released_on or 'a platform'} {season.released.isoformat()}"
    return season.known_from or ""


def external_ids_text(report: Report) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(report.overview.external_ids.items()))


def episode_code(season: int | None, number: int | None) -> str:
    """``S01E08``; specials without a number say so."""
    if season is None:
        return "special" if number is None else f"E{number:02d}"
    if number is None:
        return f"S{season:02d} special"
    return f"S{season:02d}E{number:02d}"


def heading(report: Report) -> str:
    """The report's title line, e.g. ``Bridgerton (2020, Netflix): will there be a season 2?``"""
    show = report.show
    bits = [str(b) for b in (show.year, show.platform) if b]
    paren = f" ({clean(', '.join(bits))})" if bits else ""
    return f"{clean(show.title)}{paren}: will there be a season {report.season}?"


def generated_text(report: Report) -> str:
    return (
        f"Report generated {when_text(report.generated_at)}, "
        f"JSON schema version {report.schema_version}."
    )


def verdict_line(status: StatusVerdict) -> str:
    return f"Season {status.season}: {status.verdict}"


def basis_text(status: StatusVerdict, names: dict[str, str]) -> str:
    """Whether the verdict was announced (by whom, when) or inferred, in one sentence."""
    who = names.get(status.source, status.source) if status.source else None
    on = f" on {status.decided_on.isoformat()}" if status.decided_on else ""
    if status.basis == "announced":
        return f"Announced{' by ' + who if who else ''}{on}."
    if status.basis == "inferred":
        rule = f" (rule: {status.rule})" if status.rule else ""
        return f"Inferred, not announced{rule}{on}."
    return "No source has announced a decision, and none can be inferred."


def confidence_text(status: StatusVerdict) -> str:
    return f"{status.confidence_label} ({status.confidence:.0%})"


def evidence_text(status: StatusVerdict) -> str:
    """The date of the newest evidence and its age: "2021-06-30 (5.4 years old)"."""
    if status.evidence_date is None or status.evidence_age_days is None:
        return "no dated evidence"
    days = status.evidence_age_days
    age = f"{days} day{'s' * (days != 1)} old" if days < 60 else f"{days / 365.25:.1f} years old"
    text = f"{status.evidence_date.isoformat()} ({age})"
    return text + (f". {status.stale_note}" if status.stale_note else "")


def series_rows(report: Report, key: str) -> list[list[str]]:
    """Interest or buzz series as table rows: series, period, points, span, peak, latest, source."""
    names = source_names(report)
    section = report.interest if key == "interest" else report.buzz
    rows = []
    for s in section.series:
        what = clean(s.label) + (f" (season {s.season})" if s.season else "")
        rows.append(
            [
                what,
                clean(s.period),
                str(len(s.points)),
                f"{s.first.isoformat()} to {s.last.isoformat()}",
                f"{value_text(s.peak_value)} ({s.peak_day.isoformat()})",
                value_text(s.latest_value),
                names.get(s.source, s.source),
            ]
        )
    return rows


SERIES_HEADERS = ("Series", "Period", "Points", "From / to", "Peak", "Latest", "Source")


def outlook_rows(report: Report) -> list[tuple[str, str]]:
    """The outlook as (label, text) rows: status, probability, factors, track record."""
    if report.outlook is None:
        return []
    from nextseason.outlook.words import outlook_lines

    return [(clean(label), clean(text)) for label, text in outlook_lines(report.outlook)]


def similar_rows(report: Report) -> list[list[str]]:
    """Similar shows: title, year, where it streams, status, score, reasons."""
    return [
        [
            clean(e.show.title),
            str(e.show.year or ""),
            clean("; ".join(e.where) or e.show.platform or ""),
            clean(e.verdict or e.show.status or ""),
            f"{e.score:.2f}",
            "; ".join(clean(r) for r in e.reasons),
        ]
        for e in report.similar
    ]


SIMILAR_HEADERS = ("Show", "Year", "Platform", "Status", "Score", "Why")
