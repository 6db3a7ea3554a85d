"""One person, one row: the keys people are matched on, and credits of several sources merged.

Sources spell the same person differently ("Robert Downey Jr." and "Robert Downey",
"J.K. Simmons" and "JK Simmons", "Úrsula Corberó" and "Ursula Corbero") and list the same
actor with and without a character (a streaming catalog's cast list against TVmaze's cast
with characters). :func:`merge_credits` folds every credit of one show into one row per
person and part, keeping the character from whichever source gives it and every source that
lists the credit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from nextseason.model import CreditRecord, SourceRef
from nextseason.text import title_key

__all__ = ["merge_credits", "name_key", "person_key"]

#: Generational suffixes that sources keep or drop at will.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def name_key(name: str) -> str:
    """A person's name folded for matching: case, accents, punctuation, "Jr." and initials.

    >>> name_key("Robert Downey Jr.") == name_key("robert downey")
    True
    >>> name_key("J.K. Simmons") == name_key("JK Simmons")
    True
    """
    words = title_key(name).split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    out: list[str] = []
    initials = False  # the last word is a run of single letters
    for word in words:
        single = len(word) == 1 and word.isalpha()
        if single and initials:
            out[-1] += word  # "j k simmons" (from "J.K.") is "jk simmons"
            continue
        out.append(word)
        initials = single
    return " ".join(out)


def person_key(name: str) -> str:
    """The catalog's key of a person a source names without an id."""
    return "name:" + name_key(name)


def _identity(credit: CreditRecord) -> tuple[str, str]:
    """Who a credit is about: an id-keyed person stays apart from a namesake with another id."""
    return credit.kind, name_key(credit.person_name)


def _role_key(credit: CreditRecord) -> str:
    return title_key(credit.part)


def merge_credits(credits: Iterable[CreditRecord]) -> list[CreditRecord]:
    """One cast row per person, one crew row per person and role, most trusted first.

    ``credits`` come in order of trust (the first source's credits first). A person's cast
    row takes the characters of the first source that names any (several characters of one
    source are joined with " / "), the episode count of any source, the earliest position,
    and an id-based person key when a source has one; every other source that lists the
    person goes to ``also``. Two people of the same name with different source ids (two
    ``tvmaze:`` keys) stay two people.
    """
    groups: dict[tuple[str, str, str], list[CreditRecord]] = {}
    order: list[tuple[str, str, str]] = []
    for credit in credits:
        kind, who = _identity(credit)
        if not who:
            continue
        ident = "" if _by_name(credit) else str(credit.person_key)
        role = _role_key(credit) if kind == "crew" else ""
        key = (kind, who, role)
        held = groups.get(key)
        if held is not None and ident:
            scheme = ident.split(":", 1)[0]
            rival = {
                str(c.person_key)
                for c in held
                if not _by_name(c) and str(c.person_key).split(":", 1)[0] == scheme
            }
            if rival and ident not in rival:
                key = (kind, who + "\x00" + ident, role)  # a namesake: same source, other id
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(credit)
    return [_merge(groups[key]) for key in order]


def _by_name(credit: CreditRecord) -> bool:
    return not credit.person_key or credit.person_key.startswith("name:")


def _merge(group: list[CreditRecord]) -> CreditRecord:
    if len(group) == 1:
        return group[0]
    with_part = [c for c in group if c.part]
    if with_part:
        source = with_part[0].src
        parts: list[str] = []
        for c in with_part:
            if c.src == source and c.part not in parts:
                parts.append(c.part)
        base = with_part[0]
        part = " / ".join(parts)
    else:
        base, part = group[0], ""
    keyed = next((c.person_key for c in group if not _by_name(c)), None)
    counts = [c.episode_count for c in group if c.episode_count]
    also: list[SourceRef] = []
    for c in group:
        for ref in (c.src, *c.also):
            if ref != base.src and ref not in also:
                also.append(ref)
    return replace(
        base,
        part=part,
        person_key=keyed or base.person_key,
        episode_count=max(counts) if counts else None,
        position=min(c.position for c in group),
        also=tuple(also),
    )
