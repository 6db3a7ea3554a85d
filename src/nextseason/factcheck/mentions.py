"""Find the shows an article names and link each to the catalog.

Every run of words whose title key is a catalog title is a *candidate*. A candidate counts
as a mention when the way it is written says it is a title:

* quoted, italicised or bolded exactly (``*Dark*``, "Dark", <i>Dark</i>): always;
* in running text, when its capitals carry information: a multi-word title in title case
  ("Squid Game"), or a one-word title capitalised in mid-sentence that is not a day, a
  month, a platform or a part of a longer name ("Lupin", not "Wednesday" or "Jonathan");
* at the start of a sentence, in a heading or in the article's title, only when the same
  title already counts elsewhere, or is the article's main show;
* at the start of a list item, followed by "(", ":" or a dash (a "similar shows" list).

The *main show* is the title the article's headline is about, backed by its first
paragraphs. Titles that several catalog shows share are grouped: entries that agree on
platform and year are one show split across sources; otherwise the platforms and years
the article gives near the mention pick one, or the link stays *ambiguous*.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from nextseason.catalog import Catalog, TitleEntry, TitleIndex
from nextseason.errors import NextseasonError
from nextseason.factcheck.document import Block, Document
from nextseason.factcheck.roles import find_roles
from nextseason.factcheck.segment import Sentence, Token, quoted_spans, tokens_of
from nextseason.factcheck.words import (
    COMMON_STARTERS,
    FUNCTION_WORDS,
    NEIGHBOURS,
    NOT_TITLES,
    PRESS,
    PRONOUNS,
    SHOW_FOLLOWERS,
    SHOW_PRECEDERS,
    SHOW_STATES,
    SUBJECT_FOLLOWERS,
)
from nextseason.platforms import (
    SAFE_PLATFORM_PATTERN,
    known_family,
    platform_family,
    related_families,
)
from nextseason.text import title_key

__all__ = ["Mention", "MentionFinder", "ShowLink"]

MAX_TITLE_WORDS = 12
#: At most this many unknown titles are looked up live per article (rate limits).
MAX_LOOKUPS = 8
#: Namesakes compared per title (beyond this, the link stays ambiguous).
MAX_NAMESAKES = 12
#: Words that make a sentence one about television.
_TV = re.compile(
    r"\b(?:seasons?|episodes?|premier\w*|debut\w*|renew\w*|cancel+ed|series|show|stream\w*|"
    r"network|netflix|hulu|hbo|disney|prime|amazon|apple|peacock|paramount|original|cast|"
    r"star(?:s|red|ring)|finale|showrunner|creator|aired|airs|directed|written|created|"
    r"docuseries|miniseries|drama|comedy|sitcom|line-?up|schedule|time\s*slot)\b",
    re.IGNORECASE,
)
#: Words before a day or month name that make it a date, not a title.
_WORD_CUES = frozenset("on every next last this each by until since from in of".split())
_YEAR = re.compile(r"\b(19[3-9]\d|20[0-4]\d)\b")
#: A kind of show just before a title: "the series Evil", "comedy hit, Ghosts".
_SHOW_NOUN_BEFORE = re.compile(
    r"\b(?:series|show|drama|comedy|sitcom|thriller|spin-?off|hit|original|miniseries|"
    r"docuseries|anime|reboot|remake|revival|prequel|sequel|dramedy|procedural|soap)"
    r"\s*,?\s*$",
    re.IGNORECASE,
)
_POSSESSIVE_START = re.compile(r"^\s*(?:['’]s?\s*)?[:\s]*")
#: Words after a title that make a headline about the show: "Evil Renewed for Season 4".
_HEADLINE_VERB = re.compile(
    r"(?:is\s+|has\s+been\s+|gets\s+|was\s+)?(?:renew|cancel|return|end|premiere|debut|"
    r"cast|review|trailer|finale|release|first\s+look|confirm|set\s+for|picked)",
)
#: A title with its brand: "marvel s runaways" (title keys).
_BRANDED = re.compile(
    r"^(?:marvel|dc|tom clancy|stephen king|agatha christie|nat geo)\s+s\s+(?P<rest>.+)$"
)
#: What joins titles in a list: "Dark and Lupin", "Batwoman, Naomi, and Legacies".
_COORDINATION = re.compile(r"[\"”’'*_]?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)[\"“‘'*_]?")
#: Words that open an apposition after a title: "Dark, the German series".
_APPOSITION = frozenset("the a an which who whose one another".split())
#: A part of a show just before its title: "new episodes of Severance", "season 2 of X".
_PART_OF = re.compile(
    r"\b(?:episodes?|seasons?|season\s+\w+|series\s+\d+|cast|finale|premiere|"
    r"renewal|cancell?ation|creators?|showrunners?|stars?|fans)\s+of\s+$",
    re.IGNORECASE,
)
#: A list of shows: "hits like The Boys, Reacher and ...", "series, including Batwoman".
_SHOW_LIST_BEFORE = re.compile(
    r"\b(?:shows?|series|hits?|dramas?|comedies|sitcoms?|originals?|titles|favou?rites|"
    r"spinoffs?|spin-offs?)\b[^.;:]{0,40}?\b(?:like|such\s+as|including|includes|include)"
    r"\s+(?:[^.;:]{0,100}?,\s*(?:and\s+|or\s+)?)?$",
    re.IGNORECASE,
)
#: A platform's possessive just before a title: "Hulu's Evil", "Netflix's hit series X".
_PLATFORM_POSSESSIVE = re.compile(SAFE_PLATFORM_PATTERN + r"['’]s?\s+(?:[\w-]+\s+){0,3}$")
#: Words before a quoted episode title: "the episode “Spill the Tea”", "titled “X”".
_EPISODE_CUE = re.compile(
    r"\b(?:episodes?|chapters?|titled|entitled|finale|instal+ments?)\s*,?\s*[\"“‘']?\s*$",
    re.IGNORECASE,
)
_NUMBERED_PART = re.compile(r"(?:chapter|episode|part)\s+\d")
_PRESS_BEFORE = re.compile(
    r"(?:reports?|reported|according\s+to|told|via|per|says|said)\s*[\"“‘']?\s*$", re.I
)
_PRESS_AFTER = re.compile(
    r"\s*[\"”’']?\s*,?\s*(?:reports?|reported|said|says|wrote|writes|called|hailed|praised)",
    re.I,
)
_PLATFORM_WORDS = re.compile(r"[A-Z][\w+&!]*(?:\s+[A-Z0-9][\w+&!]*){0,2}")

Certainty = Literal["exact", "duplicates", "context", "ambiguous", "fuzzy", "live", "not_found"]
How = Literal["quoted", "text", "heading", "title", "list"]


@dataclass
class ShowLink:
    """What a title in the article means in the catalog."""

    key: str
    written: str
    entry: TitleEntry | None = None
    ids: tuple[int, ...] = ()  # catalog entries whose facts count for this show
    certainty: Certainty = "not_found"
    candidates: list[TitleEntry] = field(default_factory=list)
    clusters: list[list[_Profile]] = field(default_factory=list, repr=False)

    @property
    def certain(self) -> bool:
        """Certain enough that the catalog's facts may contradict the article."""
        return self.certainty in ("exact", "duplicates", "context", "live")

    @property
    def found(self) -> bool:
        return self.entry is not None


@dataclass
class Mention:
    start: int  # plain-text offsets
    end: int
    key: str
    how: How
    sentence: Sentence
    link: ShowLink | None = None
    #: A title credited to a person ("Zahn McClarnon (Westworld)"): a show, but not what
    #: the sentence is about.
    credit: bool = False


@dataclass(frozen=True, slots=True)
class _Candidate:
    sentence: Sentence
    i: int  # token positions within the sentence
    j: int
    start: int
    end: int
    key: str


def _content(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.key not in FUNCTION_WORDS]


def _title_cased(tokens: list[Token]) -> bool:
    if not tokens[0].capitalised:
        return False
    # Single letters after an apostrophe ("Hawai'i", "Grey's") are no words of their own.
    return all(t.capitalised or t.key in FUNCTION_WORDS or len(t.text) == 1 for t in tokens[1:])


class MentionFinder:
    """Finds and links the shows of one article."""

    def __init__(
        self,
        catalog: Catalog,
        doc: Document,
        sentences: list[Sentence],
        *,
        lookup: Callable[[str], int | None] | None = None,
    ) -> None:
        self.catalog = catalog
        self.index: TitleIndex = catalog.title_index()
        self.doc = doc
        self.sentences = sentences
        self.lookup = lookup
        self.tokens = {s.index: self._tokens(s) for s in sentences}
        self.marked = set(doc.marked) | set(quoted_spans(doc.text))
        self.marked_sorted = sorted(self.marked)
        self.marked_starts: dict[int, int] = {}
        for start, end in self.marked:
            self.marked_starts[start] = max(end, self.marked_starts.get(start, end))
        self.notes: list[str] = []
        self._sentence_context: dict[int, tuple[set[str], set[int]]] = {}
        self.roles = find_roles(doc.text)

    def _tokens(self, sentence: Sentence) -> list[Token]:
        return [
            Token(t.start + sentence.start, t.end + sentence.start, t.text, t.key)
            for t in tokens_of(sentence.text)
        ]

    # -- candidates ------------------------------------------------------------------------

    def _candidates(self) -> list[_Candidate]:
        by_key = self.index.by_key
        out = []
        for sentence in self.sentences:
            tokens = self.tokens[sentence.index]
            keys = [t.key for t in tokens]
            for i in range(len(tokens)):
                for j in range(min(len(tokens), i + MAX_TITLE_WORDS), i, -1):
                    key = " ".join(keys[i:j])
                    if key in by_key:
                        out.append(
                            _Candidate(sentence, i, j, tokens[i].start, tokens[j - 1].end, key)
                        )
        return out + self._short_forms(out)

    def _short_forms(self, found: list[_Candidate]) -> list[_Candidate]:
        """ "Runaways" after "Marvel's Runaways": a title the article has named with its
        brand ("Marvel's", "Tom Clancy's") it may then shorten."""
        short: dict[str, str] = {}
        for c in found:
            brand = _BRANDED.match(c.key)
            if (brand and self._is_marked(c)) or (brand and _title_cased(self._span_tokens(c))):
                assert brand is not None
                short.setdefault(brand.group("rest"), c.key)
        if not short:
            return []
        out = []
        for sentence in self.sentences:
            tokens = self.tokens[sentence.index]
            keys = [t.key for t in tokens]
            for i in range(len(tokens)):
                for j in range(min(len(tokens), i + MAX_TITLE_WORDS), i, -1):
                    full = short.get(" ".join(keys[i:j]))
                    before = keys[i - 2 : i] if i >= 2 else []
                    if full is not None and " ".join([*before, *keys[i:j]]) != full:
                        out.append(
                            _Candidate(sentence, i, j, tokens[i].start, tokens[j - 1].end, full)
                        )
                        break
        return out

    def _span_tokens(self, c: _Candidate) -> list[Token]:
        return self.tokens[c.sentence.index][c.i : c.j]

    def _is_marked(self, c: _Candidate) -> bool:
        end = self.marked_starts.get(c.start)
        if end is None:
            return False
        if end == c.end:
            return True
        # '"Girls."', '"Chuck,"': punctuation inside the quotes; "*Bridgerton season 3*": a
        # marked span that is the title and a season.
        rest = self.doc.text[c.end : end].strip(" :,.;!?-–—'’s").casefold()
        return not rest or bool(re.fullmatch(r"(?:season|part|series|volume)\s*\w*", rest))

    def _name_parts(self) -> set[str]:
        """Words of capitalised multi-word names that are no title ("Regé-Jean Page")."""
        parts: set[str] = set()
        for sentence in self.sentences:
            tokens = self.tokens[sentence.index]
            run: list[Token] = []
            for tok in [*tokens, None]:
                joined = (
                    tok is not None
                    and run
                    and self.doc.text[run[-1].end : tok.start] == " "
                    and tok.capitalised
                    and tok.key not in FUNCTION_WORDS
                )
                if tok is not None and (joined or (not run and tok.capitalised)):
                    run.append(tok)
                    continue
                if 2 <= len(run) <= 3 and run[0].start != tokens[0].start:
                    keys = [t.key for t in run]
                    if " ".join(keys) not in self.index.by_key and not any(
                        k in NOT_TITLES or k in NEIGHBOURS for k in keys
                    ):
                        parts.update(keys)
                run = (
                    [tok]
                    if tok is not None and tok.capitalised and tok.key not in FUNCTION_WORDS
                    else []
                )
        return parts

    # -- which candidates count ----------------------------------------------------------------

    def _adjacent_caps(self, c: _Candidate) -> bool:
        tokens = self.tokens[c.sentence.index]
        text = self.doc.text
        if c.i > 0:
            prev = tokens[c.i - 1]
            starter = c.i - 1 == 0 and (prev.key in COMMON_STARTERS or prev.key in FUNCTION_WORDS)
            if (
                text[prev.end : c.start] == " "
                and prev.capitalised
                and not starter
                and prev.key not in NEIGHBOURS
            ):
                return True
        if c.j < len(tokens):
            nxt = tokens[c.j]
            if (
                text[c.end : nxt.start] == " "
                and nxt.capitalised
                and not nxt.text.isdigit()
                and nxt.key not in NEIGHBOURS
                and nxt.key not in FUNCTION_WORDS
            ):
                return True
            if (
                text[c.end : nxt.start].strip() == ":"
                and nxt.capitalised
                and not nxt.text.isdigit()
                and nxt.key not in NEIGHBOURS
                and nxt.key not in FUNCTION_WORDS
            ):
                return True  # "NCIS: Origins": a longer title the catalog lacks
            after = tokens[c.j + 1] if c.j + 1 < len(tokens) else None
            if (
                nxt.key in FUNCTION_WORDS
                and nxt.text[:1].isupper()
                and after is not None
                and after.capitalised
                and text[c.end : nxt.start] == " "
            ):
                return True  # "Legends Of Tomorrow": part of a longer title in title case
        return False

    def _inside_marked(self, c: _Candidate) -> bool:
        """Within a longer span the author marked (checks the few spans starting before)."""
        at = bisect_right(self.marked_sorted, (c.start, len(self.doc.text) + 1))
        for s, e in self.marked_sorted[max(0, at - 4) : at]:
            if s <= c.start and c.end <= e and (s, e) != (c.start, c.end):
                return True
        return False

    def _as_a_word(self, c: _Candidate) -> bool:
        """A one-word title used as the word it is: "every Wednesday", "on Friday"."""
        tokens = self.tokens[c.sentence.index]
        prev = tokens[c.i - 1].key if c.i > 0 else ""
        return c.key in NOT_TITLES and prev in _WORD_CUES

    def _list_start(self, c: _Candidate) -> bool:
        """A title opening a list item: "Dark (Netflix, 2017)", "Dark: a German ...", or a
        paragraph written as one entry of a list ("Dark: A German series that ...")."""
        block = c.sentence.block
        if c.start != block.start or block.kind not in ("item", "paragraph"):
            return False
        after = self.doc.text[c.end : c.end + 3].lstrip()
        if block.kind == "paragraph":
            return after[:1] in (":", "–", "—") or after[:2] == "--"
        return after[:1] in ("(", ":", "–", "—", "-", ",", "") or after[:2] == "on"

    def _subject_start(self, c: _Candidate) -> bool:
        """A one-word title opening a sentence as its subject: "Lupin is ...", "Dark's",
        "Heartstopper, the Netflix adaptation"."""
        tokens = self.tokens[c.sentence.index]
        if c.j >= len(tokens) or tokens[c.i].key in PRONOUNS:
            return False
        nxt = tokens[c.j]
        after = self.doc.text[c.end : c.end + 1]
        if after == ",":
            # "Heartstopper, the Netflix adaptation": an apposition, not "Nevertheless, it".
            return nxt.key in _APPOSITION or known_family(nxt.text) is not None
        return nxt.key in SUBJECT_FOLLOWERS or after in ("'", "’")

    def _show_context(self, c: _Candidate) -> bool:
        """Words around a title that only a show takes: "Wednesday premiered", "Wednesday
        was renewed", "renewed Wednesday", "Wednesday's second season"."""
        tokens = self.tokens[c.sentence.index]
        nxt = [t.key for t in tokens[c.j : c.j + 3]]
        prev = tokens[c.i - 1].key if c.i > 0 else ""
        if nxt and nxt[0] in SHOW_FOLLOWERS:
            return True
        if len(nxt) >= 2 and nxt[0] in ("was", "is", "has", "had") and nxt[1] in SHOW_STATES:
            return True
        if (
            len(nxt) >= 2
            and nxt[0] == "s"
            and nxt[1]
            in (
                "first",
                "second",
                "third",
                "season",
                "cast",
                "finale",
                "premiere",
                "creator",
                "creators",
                "showrunner",
            )
        ):
            return True
        if prev in SHOW_PRECEDERS:
            return True
        before = self.doc.text[max(c.sentence.start, c.start - 120) : c.start]
        return bool(
            _SHOW_NOUN_BEFORE.search(before)
            or _PLATFORM_POSSESSIVE.search(before)
            or _PART_OF.search(before)
            or _SHOW_LIST_BEFORE.search(before)
        )

    def _press(self, c: _Candidate) -> bool:
        """A publication cited as the article's source: "Variety reports", "told Deadline"."""
        if c.key not in PRESS:
            return False
        if not self._is_marked(c):
            return True
        before = self.doc.text[max(c.sentence.start, c.start - 25) : c.start]
        after = self.doc.text[c.end : c.end + 20]
        return bool(_PRESS_BEFORE.search(before) or _PRESS_AFTER.match(after))

    def _episode_title(self, c: _Candidate) -> bool:
        """A quoted episode or chapter title: "the episode “Spill the Tea”", "titled “X”"."""
        before = self.doc.text[max(c.sentence.start, c.start - 30) : c.start]
        return bool(_EPISODE_CUE.search(before) or _NUMBERED_PART.match(c.key))

    def _verdict(
        self, c: _Candidate, main: str | None, strong: set[str], names: set[str]
    ) -> Literal["strong", "weak", "no"]:
        """'strong' counts and vouches for the title elsewhere; 'weak' counts only when the
        title is vouched for; 'no' never counts."""
        written = self.doc.text[c.start : c.end]
        if len(c.key.replace(" ", "")) <= 1 or self._press(c):
            return "no"  # an initial ("George R. R. Martin"), a publication cited as a source
        if self.roles.character_at(c.start, c.end):
            return "no"  # "Gabriel Luna as Tommy", "Starlight (Erin Moriarty)"
        if self._is_marked(c):
            if written[:1].islower() or self._episode_title(c):
                return "no"  # scare quotes ('invisible'); an episode's title
            return "strong"
        if known_family(written) is not None:
            return "no"  # a platform's name ("Peacock renewed ...") is the platform
        if self._inside_marked(c):
            return "no"  # the author marked a longer title
        tokens = self.tokens[c.sentence.index][c.i : c.j]
        numeric = all(t.text.isdigit() for t in tokens)
        if numeric and self._list_start(c) and not _YEAR.fullmatch(c.key):
            return "strong"  # "4400: the reboot of ..." opens its entry of a list
        if not _title_cased(tokens) or numeric:
            return "no"  # numbers ("2020", "24") are titles only when quoted
        content = _content(tokens) or tokens
        single = len(content) == 1
        word = content[0].key
        in_heading = c.sentence.block.kind in ("title", "heading")
        if single and self._as_a_word(c):
            return "no"
        if c.key == main:
            if single and word in COMMON_STARTERS and c.i == 0:
                return "strong" if self._subject_start(c) else "no"
            if single and not in_heading and self._adjacent_caps(c):
                return "no"
            return "strong"
        if self._list_start(c):
            return "strong" if not single or word not in NOT_TITLES else "weak"
        informative = [t for t in content if t.start != self.tokens[c.sentence.index][0].start]
        if single and word in NOT_TITLES and not in_heading and self._show_context(c):
            return "strong"  # "Wednesday premiered", "renewed Wednesday"
        if not in_heading and not informative and self._subject_start(c):
            # "Bridgerton is ...": the title opens the sentence as its subject; a common
            # word ("Love is in the air") only in a sentence about television.
            if word in NOT_TITLES or (word in COMMON_STARTERS and not _TV.search(c.sentence.text)):
                return "weak"
            return "strong"
        if in_heading or not informative:
            return "weak"
        if not single:
            return "strong"
        if word in NOT_TITLES or word in names or word in PRONOUNS:
            return "weak"
        if self._adjacent_caps(c):
            return "no"
        if len(written) >= 5 and written.isupper():
            return "strong"  # a press release's capitals: "HBO has renewed WESTWORLD"
        # A capitalised word is a name of something; it is a show's only where the words
        # around it say so ("the series Evil", "Evil premiered", "Hulu's Evil", "The Crown
        # ran for six seasons").
        if self._show_context(c):
            return "strong"
        opens = c.i == 0 and self._subject_start(c) and _TV.search(c.sentence.text)
        return "strong" if opens else "weak"

    # -- the main show -------------------------------------------------------------------------

    def _main_key(self, candidates: list[_Candidate]) -> str | None:
        blocks = self.doc.blocks
        heads = [b for b in blocks[:3] if b.kind in ("title", "heading")]
        for head in heads:
            found = self._main_in(head, candidates)
            if found is not None:
                return found
        return None

    def _main_in(self, head: Block, candidates: list[_Candidate]) -> str | None:
        """The show a headline is about, backed by the paragraphs after it."""
        blocks = self.doc.blocks
        body = [b for b in blocks if b.start > head.start and b.kind in ("paragraph", "item")]
        body = body[:3]
        body_counts: dict[str, int] = defaultdict(int)
        for c in candidates:
            if any(b.start <= c.start < b.end for b in body):
                tokens = self.tokens[c.sentence.index][c.i : c.j]
                if _title_cased(tokens):
                    body_counts[c.key] += 1
        best: tuple[float, int, str] | None = None
        for c in candidates:
            if not (head.start <= c.start < head.end):
                continue
            tokens = self.tokens[c.sentence.index][c.i : c.j]
            if not _title_cased(tokens) and not self._is_marked(c):
                continue
            after = _POSSESSIVE_START.sub("", self.doc.text[c.end : c.end + 30]).casefold()
            seasonish = after.startswith(("season", "part", "series", "volume"))
            # "Evil renewed ...", "The Last of Us: who is in ...": the headline's subject.
            subject = bool(_HEADLINE_VERB.match(after)) or (
                c.start == head.start and self.doc.text[c.end : c.end + 2].strip()[:1] in ":–—|"
            )
            marked = self._is_marked(c)
            support = min(body_counts.get(c.key, 0), 3)
            if not (marked or seasonish or support or subject):
                continue
            if self.roles.character_at(c.start, c.end) or c.key in PRESS:
                continue
            if known_family(self.doc.text[c.start : c.end]) is not None:
                continue
            content = _content(tokens) or tokens
            score = 3.0 * marked + 2.0 * (seasonish or subject) + 1.5 * support + (len(content) > 1)
            rank = (score, -c.start, c.key)  # on a tie, the title named first
            if best is None or rank > best:
                best = rank
        return best[2] if best else None

    # -- putting it together ---------------------------------------------------------------

    def find(self) -> tuple[list[Mention], str | None]:
        """Every mention in the article, linked, and the main show's title key."""
        candidates = self._candidates()
        main = self._main_key(candidates)
        names = self._name_parts()
        strong: set[str] = set()
        verdicts: dict[_Candidate, str] = {}
        for c in candidates:
            verdicts[c] = self._verdict(c, main, strong, names)
            if verdicts[c] == "strong":
                strong.add(c.key)
        self._coordinated(candidates, verdicts, strong)
        accepted = [
            c
            for c in candidates
            if verdicts[c] == "strong" or (verdicts[c] == "weak" and c.key in strong)
        ]
        accepted.sort(key=lambda c: (-self._is_marked(c), -(c.end - c.start), c.start))
        taken: list[_Candidate] = []
        used = bytearray(len(self.doc.text) + 1)  # characters already in a mention
        for c in accepted:
            if not any(used[c.start : c.end]):
                taken.append(c)
                used[c.start : c.end] = b"\x01" * (c.end - c.start)
        taken.sort(key=lambda c: c.start)
        if main is None:
            main = self._first_in_body(taken)
        mentions = [
            Mention(
                c.start,
                c.end,
                c.key,
                self._how(c),
                c.sentence,
                credit=self.roles.credit_at(c.start, c.end),
            )
            for c in taken
        ]
        mentions.extend(self._unknown_titles(mentions))
        mentions.sort(key=lambda m: m.start)
        self._link(mentions)
        return mentions, main

    def _coordinated(
        self, candidates: list[_Candidate], verdicts: dict[_Candidate, str], strong: set[str]
    ) -> None:
        """A title joined to a show by "and", "or" or a comma is one too: "watch Dark and
        Lupin", "Batwoman, Naomi, Legacies"."""
        ordered = sorted(candidates, key=lambda c: (c.start, -(c.end - c.start)))
        last_strong: _Candidate | None = None
        for c in ordered:
            if verdicts[c] == "strong":
                last_strong = c
                continue
            if verdicts[c] != "weak" or last_strong is None:
                continue
            if last_strong.sentence.index != c.sentence.index or last_strong.end > c.start:
                continue
            between = self.doc.text[last_strong.end : c.start]
            if _COORDINATION.fullmatch(between):
                verdicts[c] = "strong"
                strong.add(c.key)
                last_strong = c

    def _first_in_body(self, taken: list[_Candidate]) -> str | None:
        """Without a headline, the show the opening is about: named in the first paragraph,
        or twice in the first three (a show named once in passing is not the subject)."""
        paragraphs = [b for b in self.doc.blocks if b.kind == "paragraph"][:3]
        counts: dict[str, int] = defaultdict(int)
        first: dict[str, int] = {}
        for c in taken:
            at = next((i for i, b in enumerate(paragraphs) if b.start <= c.start < b.end), None)
            if at is not None and not self.roles.credit_at(c.start, c.end):
                counts[c.key] += 2 if at == 0 else 1
                first.setdefault(c.key, c.start)
        counts = defaultdict(int, {k: n for k, n in counts.items() if n >= 2})
        if not counts:
            return None
        return max(counts, key=lambda k: (counts[k], -first[k]))

    def _how(self, c: _Candidate) -> How:
        if self._is_marked(c):
            return "quoted"
        kind = c.sentence.block.kind
        if kind in ("title", "heading"):
            return "title" if kind == "title" else "heading"
        if self._list_start(c):
            return "list"
        return "text"

    # -- titles the catalog does not know --------------------------------------------------

    def _unknown_titles(self, found: list[Mention]) -> list[Mention]:
        """Quoted or italicised title-like text that no catalog title matched."""
        covered = sorted((m.start, m.end) for m in found)
        out: list[Mention] = []
        by_sentence = sorted(self.sentences, key=lambda s: s.start)
        sentence_starts = [s.start for s in by_sentence]
        for start, end in self.marked_sorted:
            at = bisect_right(covered, (end, end))
            if any(s < end and start < e for s, e in covered[max(0, at - 4) : at]):
                continue
            text = self.doc.text[start:end]
            trimmed = text.rstrip(" ,.;:!?")
            end -= len(text) - len(trimmed)
            text = trimmed
            tokens = tokens_of(text)
            if not tokens or len(tokens) > 8 or not _title_cased(tokens):
                continue
            if not any(ch.isalpha() for ch in text):
                continue  # a bold year or number
            if re.search(r"[.!?;]\s", text) or all(t.key in NOT_TITLES for t in tokens):
                continue
            if known_family(text) is not None:
                continue  # a platform name in italics
            if text[:1].islower() or title_key(text) in PRESS or len(title_key(text)) <= 1:
                continue  # scare quotes, a publication, an initial
            if self.roles.character_at(start, end) or _NUMBERED_PART.match(title_key(text)):
                continue  # a role ("the role of 'Troy'"), "Chapter 2"
            before = self.doc.text[max(0, start - 30) : start]
            if _EPISODE_CUE.search(before):
                continue  # an episode's title
            where = bisect_right(sentence_starts, start) - 1
            sentence = by_sentence[where] if where >= 0 else None
            if sentence is None or not sentence.start <= start < sentence.end:
                continue
            credit = self.roles.credit_at(start, end)
            out.append(Mention(start, end, title_key(text), "quoted", sentence, credit=credit))
        return out

    # -- linking ---------------------------------------------------------------------------

    def _context(self, mentions: Iterable[Mention]) -> tuple[set[str], set[int]]:
        """Platform families and years the article gives in the sentences naming a show."""
        families: set[str] = set()
        years: set[int] = set()
        for sentence in {m.sentence.index: m.sentence for m in mentions}.values():
            found = self._sentence_context.get(sentence.index)
            if found is None:
                found = _sentence_context(sentence.text)
                self._sentence_context[sentence.index] = found
            families |= found[0]
            years |= found[1]
        return families, years

    def _link(self, mentions: list[Mention]) -> None:
        by_key: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            by_key[m.key].append(m)
        lookups = 0
        for key, group in by_key.items():
            written = self.doc.text[group[0].start : group[0].end]
            positions = self.index.by_key.get(key, [])
            if positions:
                link = self._link_known(key, written, [self.index.entries[p] for p in positions])
                families, years = self._context(group)
                if link.certainty == "ambiguous":
                    link = self._disambiguate(link, families, years)
            else:
                link = ShowLink(key, written)
                if self.lookup is not None and lookups < MAX_LOOKUPS:
                    lookups += 1
                    link = self._link_live(key, written)
                if not link.found:
                    link = self._link_fuzzy(key, written)
            for m in group:
                m.link = link

    def _profiles(self, entries: list[TitleEntry]) -> dict[int, _Profile]:
        """Year and platform families of namesakes, from everything the catalog has."""
        out: dict[int, _Profile] = {}
        for entry in entries[:MAX_NAMESAKES]:
            families = {platform_family(entry.platform)} if entry.platform else set()
            try:
                bundle = self.catalog.show(entry.id)
            except NextseasonError:
                continue
            families.update(platform_family(link.platform.name) for link in bundle.platforms)
            out[entry.id] = _Profile(entry, entry.year, frozenset(families))
        return out

    def _link_known(self, key: str, written: str, entries: list[TitleEntry]) -> ShowLink:
        if len(entries) == 1:
            return ShowLink(key, written, entries[0], (entries[0].id,), "exact", entries)
        profiles = self._profiles(entries)
        clusters = _clusters(list(profiles.values()))
        if len(clusters) == 1:
            ids = tuple(p.entry.id for p in clusters[0])
            return ShowLink(key, written, _richest(clusters[0]), ids, "duplicates", entries)
        best = max(clusters, key=lambda c: (sum(_richness(p.entry) for p in c), len(c)))
        link = ShowLink(
            key, written, _richest(best), tuple(p.entry.id for p in best), "ambiguous", entries
        )
        link.clusters = clusters
        return link

    def _disambiguate(self, link: ShowLink, families: set[str], years: set[int]) -> ShowLink:
        def fits(cluster: list[_Profile]) -> bool:
            plats = {f for p in cluster for f in p.families}
            yrs = {p.year for p in cluster if p.year}
            plat_ok = not families or any(related_families(p, f) for p in plats for f in families)
            year_ok = not years or any(abs(y - x) <= 1 for y in yrs for x in years)
            informative = (families and plats) or (years and yrs)
            return bool(informative) and plat_ok and year_ok

        fitting = [c for c in link.clusters if fits(c)]
        if len(fitting) == 1:
            ids = tuple(p.entry.id for p in fitting[0])
            return ShowLink(
                link.key, link.written, _richest(fitting[0]), ids, "context", link.candidates
            )
        return link

    def _link_live(self, key: str, written: str) -> ShowLink:
        assert self.lookup is not None
        try:
            show_id = self.lookup(written)
        except NextseasonError as exc:
            self.notes.append(f"could not look {written!r} up live: {exc}")
            return ShowLink(key, written)
        if show_id is None:
            return ShowLink(key, written)
        from nextseason.catalog.queries import shows_by_ids

        with self.catalog.connect() as conn:
            entry = shows_by_ids(conn, [show_id]).get(show_id)
        if entry is None:
            return ShowLink(key, written)
        return ShowLink(key, written, entry, (entry.id,), "live", [entry])

    def _link_fuzzy(self, key: str, written: str) -> ShowLink:
        try:
            entry, _ = self.index.resolve(written)
        except NextseasonError:
            return ShowLink(key, written)
        return ShowLink(key, written, entry, (entry.id,), "fuzzy", [entry])


def _sentence_context(text: str) -> tuple[set[str], set[int]]:
    families: set[str] = set()
    for match in _PLATFORM_WORDS.finditer(text):
        words = match.group().split()
        spans = [(a, b) for a in range(len(words)) for b in range(len(words), a, -1)]
        for a, b in spans:  # "The Netflix comedy" -> "Netflix"
            family = known_family(" ".join(words[a:b]))
            if family is not None:
                families.add(family)
                break
    return families, {int(m.group()) for m in _YEAR.finditer(text)}


@dataclass(frozen=True, slots=True)
class _Profile:
    entry: TitleEntry
    year: int | None
    families: frozenset[str]


def _richness(entry: TitleEntry) -> int:
    return (entry.status is not None) + (entry.year is not None) + (entry.platform is not None)


def _richest(profiles: list[_Profile]) -> TitleEntry:
    return max((p.entry for p in profiles), key=lambda e: (_richness(e), -e.id))


def _compatible(a: _Profile, b: _Profile) -> bool:
    """Two catalog entries that may be one show split across sources."""
    if a.year and b.year and abs(a.year - b.year) > 1:
        return False
    if a.families and b.families:
        return any(related_families(x, y) for x in a.families for y in b.families)
    return bool(a.year and b.year)


def _clusters(profiles: list[_Profile]) -> list[list[_Profile]]:
    """Entries grouped into the shows they are; an entry fitting several groups stays alone."""
    clusters: list[list[_Profile]] = []
    ordered = sorted(profiles, key=lambda p: (p.year is None, not p.families, p.entry.id))
    for profile in ordered:
        fits = [c for c in clusters if all(_compatible(profile, other) for other in c)]
        if len(fits) == 1:
            fits[0].append(profile)
        else:
            clusters.append([profile])
    return clusters
