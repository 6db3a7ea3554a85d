"""Wikipedia: what a show's English article says about renewals, cancellations and endings.

The article is read through the MediaWiki Action API, ``action=parse`` with
``prop=text``, ``redirects=1`` and ``formatversion=2``: the rendered HTML of the page's
current revision, after redirects. Which article: the one Wikidata names for the show's
ids (asked earlier in the same refresh), else ``<Title> (TV series)``, then ``<Title>``. A
guessed page counts only when it is not a disambiguation page, its lead says it is a
television series, and its title or first sentence names the show; a page whose title says
another year or country than the show's is a namesake. A page that does not exist, is a
namesake or says nothing about renewals gives no reading: it costs only its own part.

From the article's prose (lead and sections; tables, infoboxes, navigation boxes, notes and
references left out), each sentence that announces a renewal, a cancellation, a final
season or an ending becomes a status reading: the sentence itself, the season it names, its
date (its own, else the publication date of the reference it cites) and the outlet it
cites (the reference's website or work). Hedged sentences ("if renewed", "could be the
last") and sentences about another title than the show are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from nextseason.errors import SourceBadPayload
from nextseason.model import ShowBundle, SourceRef, StatusRecord
from nextseason.provenance import source_info
from nextseason.sources.base import FetchContext, LiveSource, SourcePolicy, now_utc
from nextseason.text import title_key

if TYPE_CHECKING:
    from nextseason.sources.http import HttpClient

__all__ = ["Statement", "accepts", "article", "candidate_titles", "statements"]

SOURCE = "wikipedia"
LABEL = "Wikipedia"
LICENCE = "CC BY-SA 4.0"
STATUSES = ("renewed", "cancelled", "final season announced", "ended")

# -- reading the rendered HTML ---------------------------------------------------------------

#: Elements whose content is not the article's prose.
_SKIP_TAGS = frozenset({"table", "style", "script", "figure", "math", "sup", "noscript"})
_SKIP_CLASSES = frozenset(
    {
        "navbox",
        "infobox",
        "hatnote",
        "mw-editsection",
        "reflist",
        "references",
        "thumb",
        "gallery",
        "metadata",
        "ambox",
        "sidebar",
        "toc",
        "shortdescription",
        "mw-empty-elt",
        "noprint",
    }
)
_VOID = frozenset(
    {"br", "hr", "img", "input", "link", "meta", "wbr", "area", "base", "col", "source"}
)
#: Sections whose lists are not prose about the show.
_SKIP_SECTIONS = frozenset(
    {"see also", "references", "notes", "external links", "further reading", "bibliography"}
)
_REF = "\x00"  # ...\x00cite_note-id\x00... marks a reference in a block's text
_ITALIC_ON, _ITALIC_OFF = "\x01", "\x02"


@dataclass
class _Block:
    """A paragraph or list item of prose, with its section, reference marks and italics."""

    section: str
    text: str


@dataclass
class _Reference:
    text: str = ""
    italics: list[str] = field(default_factory=list)


class _ArticleReader(HTMLParser):
    """Splits ``mw-parser-output`` HTML into prose blocks and the reference list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.references: dict[str, _Reference] = {}
        self.disambiguation = False
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped) of open elements
        self._skipping = 0
        self._section = ""
        self._heading: list[str] | None = None
        self._block: list[str] | None = None
        self._ref: _Reference | None = None
        self._ref_depth = 0
        self._ref_links = 0
        self._italic: list[str] | None = None
        self._in_refs_list = 0

    # -- structure ------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = set((found.get("class") or "").split())
        if {"disambigbox", "dmbox-disambig"} & classes or found.get("id") == "disambigbox":
            self.disambiguation = True
        if tag in _VOID:
            return
        if self._ref is not None:
            self._ref_depth += 1
            if tag == "a":
                self._ref_links += 1
            elif tag == "i" and not self._ref_links:  # the work, not a title's italics
                self._italic = []
            self._stack.append((tag, False))
            return
        if tag == "ol" and ({"references"} & classes):
            self._in_refs_list += 1
            self._stack.append((tag, False))
            return
        if self._in_refs_list and tag == "li":
            self._ref = _Reference()
            self.references[found.get("id") or f"ref-{len(self.references)}"] = self._ref
            self._ref_depth = 0
            self._stack.append((tag, False))
            return
        if tag == "sup" and "reference" in classes and self._block is not None:
            self._stack.append((tag, True))
            self._skipping += 1
            return
        if tag == "a" and self._skipping and self._stack and self._stack[-1][0] == "sup":
            href = found.get("href") or ""
            if href.startswith("#") and self._block is not None:
                self._block.append(f"{_REF}{href[1:]}{_REF}")
        skipped = tag in _SKIP_TAGS or bool(_SKIP_CLASSES & classes)
        self._stack.append((tag, skipped))
        if skipped:
            self._skipping += 1
            return
        if self._skipping:
            return
        if tag in ("h2", "h3") and self._block is None:
            self._heading = []
        elif tag in ("p", "li", "dd") and self._block is None:
            self._block = []
        elif tag == "i" and self._block is not None:
            self._block.append(_ITALIC_ON)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        # Close up to the matching open element (HTML in the wild is not always balanced).
        while self._stack:
            open_tag, skipped = self._stack.pop()
            self._close(open_tag, skipped)
            if open_tag == tag:
                break

    def _close(self, tag: str, skipped: bool) -> None:
        if self._ref is not None:
            if self._ref_depth == 0 and tag == "li":
                self._ref = None
                return
            self._ref_depth -= 1
            if tag == "a":
                self._ref_links = max(0, self._ref_links - 1)
            if tag == "i" and self._italic is not None:
                self._ref.italics.append(" ".join("".join(self._italic).split()))
                self._italic = None
            return
        if tag == "ol" and self._in_refs_list and not skipped:
            self._in_refs_list -= 1
            return
        if skipped:
            self._skipping -= 1
            return
        if self._skipping:
            return
        if tag in ("h2", "h3") and self._heading is not None:
            if tag == "h2":
                self._section = " ".join("".join(self._heading).split())
            self._heading = None
        elif tag in ("p", "li", "dd") and self._block is not None:
            text = "".join(self._block)
            if text.strip():
                self.blocks.append(_Block(self._section, text))
            self._block = None
        elif tag == "i" and self._block is not None:
            self._block.append(_ITALIC_OFF)

    def handle_data(self, data: str) -> None:
        if self._ref is not None:
            self._ref.text += data
            if self._italic is not None:
                self._italic.append(data)
            return
        if self._skipping:
            return
        if self._heading is not None:
            self._heading.append(data)
        elif self._block is not None:
            self._block.append(data.replace(_REF, "").replace(_ITALIC_ON, ""))


# -- dates, outlets and sentences ----------------------------------------------------------

_MONTHS = {
    name: n
    for n, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_MDY = re.compile(_MONTH + r"\s+(\d{1,2}),\s+(\d{4})")
_DMY = re.compile(r"\b(\d{1,2})\s+" + _MONTH + r"\s+(\d{4})")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MY = re.compile(_MONTH + r"\s+(\d{4})")
_RETRIEVED = re.compile(r"\b(Retrieved|Archived from the original)\b.*$", re.DOTALL)


def _full_date(text: str) -> date | None:
    """The first full date in ``text`` (May 13, 2019 / 13 May 2019 / 2019-05-13)."""
    found: list[tuple[int, date]] = []
    for match in _MDY.finditer(text):
        day = _make(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
        if day:
            found.append((match.start(), day))
    for match in _DMY.finditer(text):
        day = _make(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
        if day:
            found.append((match.start(), day))
    for match in _ISO.finditer(text):
        day = _make(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if day:
            found.append((match.start(), day))
    return min(found)[1] if found else None


def _month(text: str) -> date | None:
    match = _MY.search(text)
    return _make(int(match.group(2)), _MONTHS[match.group(1).lower()], 1) if match else None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _cited(reference: _Reference) -> tuple[date | None, str | None]:
    """A reference's publication date (not its retrieval or archive date) and outlet."""
    published = _RETRIEVED.sub("", reference.text)
    outlet = next((name for name in reference.italics if name), None)
    return _full_date(published), outlet


#: A sentence ends at . ! or ? (and a closing quote, and any reference marks after it)
#: before a capital, a digit or a quote.
_SENTENCE_END = re.compile(
    r"[.!?][\"”’)]?((?:" + _REF + r"[^" + _REF + r"]*" + _REF + r")*)\s+"
    r"(?=[\"“'A-Z0-9" + _ITALIC_ON + r"])"
)
_REF_MARK = re.compile(_REF + r"([^" + _REF + r"]*)" + _REF)
_ITALIC_SPAN = re.compile(_ITALIC_ON + r"([^" + _ITALIC_OFF + r"]*)" + _ITALIC_OFF)


def _sentences(text: str) -> list[tuple[str, list[str], list[str]]]:
    """(plain sentence, the references it cites, the titles it italicises)."""
    out = []
    start = 0
    pieces: list[str] = []
    for match in _SENTENCE_END.finditer(text):
        pieces.append(text[start : match.end(1)])
        start = match.end()
    pieces.append(text[start:])
    for piece in pieces:
        refs = _REF_MARK.findall(piece)
        italics = [" ".join(s.split()) for s in _ITALIC_SPAN.findall(piece)]
        plain = _REF_MARK.sub("", piece).replace(_ITALIC_ON, "").replace(_ITALIC_OFF, "")
        plain = " ".join(unescape(plain).split())
        if plain:
            out.append((plain, refs, italics))
    return out


# -- what a sentence announces --------------------------------------------------------------

_ORDINALS = {
    word: n
    for n, word in enumerate(
        (
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ),
        start=1,
    )
}
_ORDINAL = r"(" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
_SEASON_ORDINAL = re.compile(
    r"\b" + _ORDINAL + r"(?:\s+and\s+(?:final|last))?\s+(?:and\s+)?(?:final\s+|last\s+)?"
    r"(?:season|series|installment|chapter)\b",
    re.IGNORECASE,
)
_SEASON_NUMBER = re.compile(r"\b(?:season|series)\s+(\d{1,2})\b", re.IGNORECASE)
_HEDGE = re.compile(
    r"\b(if|whether|unless|petition\w*|hope[sd]?|hoping|rumou?r\w*|speculat\w*|potential(ly)?"
    r"|possibl[ey]|might|could|may be|pitch\w*|expected|would like|wants? to)\b",
    re.IGNORECASE,
)
_FINAL = re.compile(
    r"\b(final|last|concluding)\s+(\w+\s+)?(season|series|installment|chapter)\b"
    r"(?!\s+(to|for|with|of|in)\b)"
    r"|\b(season|series)\b.{0,40}?\b(would|will) be (its|the) (final|last)\b"
    r"|\b(would|will) (end|conclude) (with|after) (its|the|a) \w+ (season|series)\b",
    re.IGNORECASE,
)
_SHOW = r"(series|show|programme|program|sitcom|drama)"
_CANCELLED = re.compile(
    r"\b(cancel{1,2}ed|axed)\s+(the\s+|its\s+)?" + _SHOW + r"\b"
    r"|\b(" + _SHOW + r"|it)\s+(was|were|had been|has been|got|is being)\s+(officially\s+)?"
    r"(cancel{1,2}ed|axed)\b"
    r"|\bcancel{1,2}ed\s+(after|following)\b"
    r"|\bcancel{1,2}ation\s+of\s+(the|its)\s+" + _SHOW + r"\b"
    r"|\b(was|were|would not be|will not be) not renewed\b|\bwould not be renewed\b"
    r"|\b(declined|chose not|opted not|decided not|did not)\s+(to\s+)?renew\b",
    re.IGNORECASE,
)
_RENEWED = re.compile(
    r"\b(renewed\b(\s+(the\s+|its\s+)?\w+)?\s+for\s+(an?|its|the)\b.{0,40}?"
    r"\b(season|series|installment|chapter|year|run)s?\b"
    r"|(" + _SHOW + r"|it)\s+(was|were|had been|has been|got)\s+(officially\s+)?renewed\b"
    r"|renewal\b.{0,40}?\bseason"
    r"|(picked|picking) (it |the series |the show )?up for an? \w+ season"
    r"|ordered an? \w+ season)",
    re.IGNORECASE,
)
_ENDED = re.compile(
    r"\b((series|show|programme|program) (ended|concluded|came to an end|wrapped up)"
    r"|(ended|concluded) (its|the series'?|the show'?s?) run"
    r"|series finale (aired|premiered|was broadcast|was released)"
    r"|(would|will) (end|conclude) (with|after)"
    r"|brought (the series|the show|it) to an end)\b",
    re.IGNORECASE,
)
#: When one sentence says several things, the one that says most: a final season is a
#: renewal too; a cancellation outweighs a renewal mentioned in passing.
_PRIORITY = ("final season announced", "cancelled", "renewed", "ended")


def _status(sentence: str) -> str | None:
    found = {
        "final season announced": _FINAL.search(sentence),
        "cancelled": _CANCELLED.search(sentence),
        "renewed": _RENEWED.search(sentence),
        "ended": _ENDED.search(sentence),
    }
    return next((s for s in _PRIORITY if found[s]), None)


def _season(sentence: str, status: str) -> int:
    """The season a sentence names (0: none, or a count of seasons, "after two seasons")."""
    for match in _SEASON_ORDINAL.finditer(sentence):
        before = sentence[max(0, match.start() - 7) : match.start()].lower()
        if "after" in before or ("its" in before and status == "cancelled"):
            continue
        word = match.group(1).lower()
        return _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    numbered = _SEASON_NUMBER.search(sentence)
    return int(numbered.group(1)) if numbered else 0


@dataclass(frozen=True)
class Statement:
    """One sentence of the article that announces a status, as the reading keeps it."""

    status: str
    season: int
    said: str
    announced: date | None
    month: date | None  # when only the month is known (read_at falls on its first day)
    cited: str | None


def statements(html: str, show_title: str) -> list[Statement]:
    """The sentences of an article's HTML that announce a renewal, a cancellation, a final
    season or an ending of the show, in article order (one per season, date and status)."""
    reader = _ArticleReader()
    reader.feed(html)
    reader.close()
    cited = {key: _cited(ref) for key, ref in reader.references.items()}
    show = title_key(show_title)
    found: list[Statement] = []
    for block in reader.blocks:
        if block.section.lower() in _SKIP_SECTIONS:
            continue
        for sentence, refs, italics in _sentences(block.text):
            status = _status(sentence)
            if status is None or _HEDGE.search(sentence):
                continue
            if italics and not any(title_key(i) == show for i in italics):
                continue  # about another title (a spin-off, a rival, the network's others)
            if len(sentence) > 600:
                continue  # not a sentence: a list or a run-on the splitter could not cut
            announced = _full_date(sentence)
            outlet = None
            for ref in refs:
                day, name = cited.get(ref, (None, None))
                if announced is None and day is not None:
                    announced = day
                outlet = outlet or name
            found.append(
                Statement(
                    status,
                    _season(sentence, status),
                    sentence,
                    announced,
                    _month(sentence) if announced is None else None,
                    outlet,
                )
            )
    return found


# -- finding the show's article ---------------------------------------------------------------

_TV_WORDS = re.compile(
    r"\b(television|TV|web|streaming|anime)\b.{0,60}?\b(series|show|programme|program|serial"
    r"|sitcom|drama|miniseries|anthology)\b|\b(sitcom|miniseries|mini-series|telenovela"
    r"|soap opera|television series|TV series|web series)\b",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(r"\s*\(([^)]*)\)\s*$")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_DEMONYMS = {
    "american": "United States",
    "british": "United Kingdom",
    "english": "United Kingdom",
    "canadian": "Canada",
    "australian": "Australia",
    "south korean": "Korea, Republic of",
    "korean": "Korea, Republic of",
    "japanese": "Japan",
    "indian": "India",
    "german": "Germany",
    "french": "France",
    "spanish": "Spain",
    "mexican": "Mexico",
    "brazilian": "Brazil",
    "turkish": "Turkey",
    "italian": "Italy",
}


def candidate_titles(show: ShowBundle, known: str | None) -> list[str]:
    """The pages to try, in order: the one Wikidata names, else the usual titles."""
    if known:
        return [known]
    return [f"{show.title} (TV series)", show.title]


def accepts(
    title: str, html: str, show: ShowBundle, *, named_by_wikidata: bool
) -> tuple[bool, str]:
    """Whether a page is the show's article, and why not."""
    reader = _ArticleReader()
    reader.feed(html)
    reader.close()
    if reader.disambiguation:
        return False, f"{title!r} is a disambiguation page"
    lead = next((b.text for b in reader.blocks), "")
    first = _sentences(lead)[0][0] if lead.strip() else ""
    if first.lower().rstrip(":").endswith("may refer to") or "may refer to:" in first.lower():
        return False, f"{title!r} is a disambiguation page"
    if named_by_wikidata:
        return True, ""
    if not _TV_WORDS.search(first):
        return False, f"{title!r} is not about a television series"
    qualifier = _QUALIFIER.search(title)
    bare, wanted = _QUALIFIER.sub("", title), title_key(show.title)
    if title_key(bare) != wanted and f" {wanted} " not in f" {title_key(first)} ":
        return False, f"{title!r} names another show"
    if qualifier:
        words = qualifier.group(1).lower()
        year = _YEAR.search(words)
        if year and show.year and abs(int(year.group(1)) - show.year) > 1:
            return False, f"{title!r} is a namesake from {year.group(1)}"
        for demonym, country in _DEMONYMS.items():
            if words.startswith(demonym) and show.country and show.country != country:
                return False, f"{title!r} is a namesake from another country"
    return True, ""


@dataclass(frozen=True)
class Article:
    title: str
    html: str
    revision: int | None
    url: str


def article(client: HttpClient, title: str) -> Article | None:
    """The rendered article (after redirects), or None when no page has that title."""
    payload = client.get_json(
        SOURCE,
        client.base_url(SOURCE),  # the api.php endpoint itself
        params={
            "action": "parse",
            "page": title,
            "prop": "text",
            "redirects": "1",
            "format": "json",
            "formatversion": "2",
        },
    )
    if not isinstance(payload, dict):
        raise SourceBadPayload(f"{LABEL}: unexpected answer (not a JSON object)", source=SOURCE)
    error = payload.get("error")
    if isinstance(error, dict):
        if error.get("code") in ("missingtitle", "invalidtitle", "pagecannotexist"):
            return None
        raise SourceBadPayload(
            f"{LABEL}: the API said {error.get('code')!r}: {error.get('info', '')}",
            source=SOURCE,
        )
    parsed = payload.get("parse")
    text = parsed.get("text") if isinstance(parsed, dict) else None
    if isinstance(text, dict):  # formatversion=1 shape: {"*": html}
        text = text.get("*")
    name = parsed.get("title") if isinstance(parsed, dict) else None
    if not isinstance(text, str) or not isinstance(name, str):
        raise SourceBadPayload(
            f"{LABEL}: unexpected answer (no parse.title and parse.text)", source=SOURCE
        )
    revision = parsed.get("revid") if isinstance(parsed, dict) else None
    base = client.base_url(SOURCE)
    site = base[: -len("/w/api.php")] if base.endswith("/w/api.php") else base
    url = f"{site}/wiki/{quote(name.replace(' ', '_'), safe='()_,!:')}"
    if isinstance(revision, int) and not isinstance(revision, bool):
        url += f"?oldid={revision}"
    return Article(name, text, revision if isinstance(revision, int) else None, url)


def _readings(found: list[Statement], page: Article, ref: SourceRef) -> list[StatusRecord]:
    """One reading per season, date and status; undated ones are read at retrieval."""
    chosen: dict[tuple[int, datetime], StatusRecord] = {}
    for statement in found:
        when = statement.announced or statement.month
        read_at = datetime(when.year, when.month, when.day) if when else ref.retrieved_at
        reading = StatusRecord(
            SOURCE,
            statement.status,
            read_at,
            ref,
            {
                "said": statement.said,
                "announced": statement.announced.isoformat() if statement.announced else None,
                "cited": statement.cited,
                "article": page.title,
            },
            season=statement.season,
        )
        key = (statement.season, read_at)
        held = chosen.get(key)
        # The catalog keeps one reading per season and time: the one that says most.
        if held is None or _PRIORITY.index(reading.status) < _PRIORITY.index(held.status):
            chosen[key] = reading
    return sorted(chosen.values(), key=lambda r: (r.read_at, r.season))


# -- the live source ------------------------------------------------------------------------


class WikipediaSource(LiveSource):
    """Announcements of renewals, cancellations and endings in the show's English
    Wikipedia article, each with its date and cited outlet."""

    key = SOURCE
    info = source_info(SOURCE)
    policy = SourcePolicy(
        SOURCE,
        LABEL,
        "https://en.wikipedia.org/w/api.php",
        "NEXTSEASON_WIKIPEDIA_URL",
        calls=10,
        per_seconds=1.0,
        one_at_a_time=True,  # Wikimedia asks API clients for serial requests
        ttl_seconds=24 * 3600,
    )

    def fetch(
        self, client: HttpClient, show: ShowBundle, context: FetchContext
    ) -> ShowBundle | None:
        known = _wikidata_article(context)
        for title in candidate_titles(show, known):
            page = article(client, title)
            if page is None:
                continue
            ok, _why = accepts(page.title, page.html, show, named_by_wikidata=bool(known))
            if not ok:
                continue
            ref = SourceRef(SOURCE, page.url, now_utc(), LICENCE, note=page.title)
            readings = _readings(statements(page.html, show.title), page, ref)
            if not readings:
                return None
            return ShowBundle(title=show.title, src=ref, statuses=readings)
        return None


def _wikidata_article(context: FetchContext) -> str | None:
    facts = context.earlier.get("wikidata")
    record = next((r for r in facts.records if r.source == "wikidata"), None) if facts else None
    value: Any = record.data.get("enwiki") if record else None
    return value if isinstance(value, str) and value.strip() else None


LIVE = WikipediaSource()
