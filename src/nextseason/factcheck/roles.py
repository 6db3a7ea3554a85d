"""Where an article names characters and other credits: words that are not the show.

Thousands of shows share a name with a character ("Tommy", "Abby", "The Deep") or a film,
so a capitalised name in a cast line is a role, not a title:

* after "as" following an actor or a casting verb: "Pedro Pascal as Joel", "stars as Abby";
* after "plays", "portrays", "voices", "the role of";
* before "is played by", or before an actor in parentheses: "Starlight (Erin Moriarty)";
* in parentheses after a person: "Álvaro Morte (El Profesor)"; a quoted title there is the
  person's *credit*, another work: "Zahn McClarnon ("Westworld")", "Yim Si-wan 'The
  Attorney'". A credit can be a show, but the sentence is not about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Roles", "find_roles", "personlike"]

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĽŁŃŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
#: A capitalised word; a period only after an initial or a short title ("J.", "Dr.", "Jr."),
#: so that a name never runs on into the next sentence.
_CAP = rf"[{_UP}](?:[\w'’-]*[\w'’]|[\w'’-]{{0,2}}\.)?"
#: Space within a name: never a line break (blocks are separated by them).
_SP = r"[^\S\n]+"
_PARTICLE = r"(?:de|da|van|von|der|del|di|le|la|du|bin|al|dos|das|ter)"
#: A person: two to four capitalised words ("Ed Speleers", "Rodrigo de la Serna").
PERSON = rf"{_CAP}(?:{_SP}(?:{_PARTICLE}{_SP}){{0,2}}{_CAP}){{1,3}}"
#: A character: capitalised words, perhaps "the Ghoul", "Morgan le Fay", "Lan Mandragoran".
CHARACTER = (
    rf"(?:[Tt]he{_SP})?{_CAP}(?:{_SP}(?:(?:of|le|la|de|al){_SP}(?:the{_SP})?)?{_CAP}){{0,3}}"
)
_OPEN = "\"“‘'"
_CLOSE = "\"”’'"
_AS = re.compile(
    rf"(?:(?P<person>{PERSON})|\b(?:stars?|starring|starred|co-stars?|returns?|returning|appears?|"
    r"appearing|cast|back|reprises?\s+(?:her|his|their)\s+role|"
    r"reprising\s+(?:her|his|their)\s+role)),?\s+as\s+(?:the\s+)?"
    rf"(?P<role>{CHARACTER})"
)
_PLAYS = re.compile(
    r"\b(?:plays|played|playing|portrays|portrayed|portraying|voices|voiced|voicing)\s+"
    rf"(?:the\s+(?:role|part)\s+of\s+)?(?P<role>{CHARACTER})"
)
_ROLE_OF = re.compile(
    rf"\b(?:role|part|character)\s+of\s+[{_OPEN}]?(?P<role>{CHARACTER})", re.IGNORECASE
)
_PLAYED_BY = re.compile(
    rf"(?P<role>{CHARACTER}),?\s+(?:is\s+|was\s+|will\s+be\s+)?(?:played|portrayed|voiced)\s+by\b"
)
_BEFORE_ACTOR = re.compile(rf"(?P<role>{CHARACTER})\s*\((?P<person>{PERSON})\)")
_IN_PARENS = re.compile(rf"(?P<person>{PERSON})\s*\((?P<inner>[^()\n]{{1,80}})\)")
_QUOTED_AFTER = re.compile(
    rf"(?P<person>{PERSON})\s+[{_OPEN}](?P<inner>[^{_CLOSE}\n]{{1,60}})[{_CLOSE}]"
)
_MORE_QUOTED = re.compile(rf",\s*[{_OPEN}](?P<inner>[^{_CLOSE}\n]{{1,60}})[{_CLOSE}]")
_CAST_LINE = re.compile(rf"(?m)^\s*(?P<person>{PERSON})\s+[-–—]\s+(?P<role>{CHARACTER})\s*$")
#: Capitalised words that are no part of a person's name (headlines capitalise them all).
_NOT_NAMES = frozenset(
    """series season seasons show shows original originals popular new the and of renews
    renewed cancels cancelled canceled episode episodes premiere finale network streaming
    drama comedy tv netflix hulu hbo amazon prime disney apple peacock paramount cbs nbc abc
    fox amc fx starz showtime bbc itv max emmy award awards best actor actress cast star
    stars director creator showrunner producer executive president chairman ceo news
    association award awards globe globes guild academy updated image images credit photo
    photos file pm am edt est pst pdt et pt gmt bst there's here's it's that's""".split()
)
_PRONOUNS = frozenset("he she it they this that who which there here we you i".split())
#: Words before "as" that make it no casting: "such as", "known as", "the same as".
_NOT_CASTING = frozenset("such same well known so just much long soon billed".split())


@dataclass(frozen=True, slots=True)
class Roles:
    """Spans (plain-text offsets) of characters, and of other works credited to people."""

    characters: tuple[tuple[int, int], ...]
    credits: tuple[tuple[int, int], ...]

    def character_at(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.characters)

    def credit_at(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.credits)


def _person(m: re.Match[str]) -> bool:
    """Whether the match's person (when it has one) reads as a name, not a headline."""
    person = m.groupdict().get("person")
    return person is None or personlike(person)


def personlike(name: str) -> bool:
    """Whether capitalised words read as a person's name: no headline or furniture words
    ("Popular Original Series", "Golden Globe", "PM EDT"), no acronyms beyond initials."""
    words = name.split()
    return not any(
        w.casefold().strip(".,'’()") in _NOT_NAMES or (w.isupper() and len(w.strip(".")) > 2)
        for w in words
    )


def find_roles(text: str) -> Roles:
    """The characters and credits an article's plain text names."""
    characters: list[tuple[int, int]] = []
    credits: list[tuple[int, int]] = []
    for pattern in (_AS, _PLAYS, _ROLE_OF, _PLAYED_BY, _BEFORE_ACTOR, _CAST_LINE):
        for m in pattern.finditer(text):
            if not _person(m):
                continue
            role = m.group("role")
            before = text[: m.start("role")].split()
            if pattern is _AS and len(before) >= 2 and before[-2].casefold() in _NOT_CASTING:
                continue  # "shows such as Dark", "known as"
            if role.split()[0].casefold() not in _PRONOUNS:
                characters.append((m.start("role"), m.end("role")))
    for m in _IN_PARENS.finditer(text):
        if not _person(m):
            continue
        inner = m.group("inner")
        start = m.start("inner")
        if inner.strip()[:1] in _OPEN:
            credits.append((start, m.end("inner")))
        elif " " in inner.strip() or "," in inner or "/" in inner:
            credits.append((start, m.end("inner")))  # "(Political Animals, Zoo)" or a role
        else:
            characters.append((start, m.end("inner")))  # "(Estocolmo)": a role most likely
    for m in _QUOTED_AFTER.finditer(text):
        if not _person(m):
            continue
        credits.append((m.start("inner"), m.end("inner")))
        at = m.end()
        while more := _MORE_QUOTED.match(text, at):  # "X 'The Attorney', 'Emergency ...'"
            credits.append((more.start("inner"), more.end("inner")))
            at = more.end()
    return Roles(tuple(sorted(characters)), tuple(sorted(credits)))
