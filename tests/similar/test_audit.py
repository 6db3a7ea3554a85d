"""The hand audits of reasons: every audited reason is still given only where judged true.

Each of ``tests/fixtures/similar_audit.jsonl`` and ``similar_audit_2.jsonl`` holds 150
(show, suggestion, reason) triples drawn at random from the suggestions for 150 random shows
of the bundled catalog (``python bench/similar_audit.py``, seeds 2026 and 7), each judged by
reading both shows' premises, listings and credits, with the facts the reasons were computed
from. The first audit found 7 of 150 reasons false; the rules were changed so that none of
them is given again, and the reasons given instead were judged in turn. The second audit,
drawn from the changed rules, found 6 of 150 false, and was handled the same way
(``first_note`` says why each false one was false; ``reason``, ``verdict`` and ``note`` are
the reasons given now).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nextseason.similar.facts import profile
from nextseason.similar.lexicon import THEMES
from nextseason.similar.reasons import Pair, reasons_for
from nextseason.similar.records import Channel, Person, ShowFacts, Sourced

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
AUDITS = {"similar_audit.jsonl": 7, "similar_audit_2.jsonl": 6}  # file -> reasons found false
_STORIES = {f.reason for f in THEMES}


def _facts(data: dict[str, Any]) -> ShowFacts:
    return ShowFacts(
        id=data["id"],
        title=data["title"],
        title_key=data["title_key"],
        year=data["year"],
        language=data["language"],
        language_source=data["language_source"],
        premises=tuple(Sourced(v, s) for v, s in data["premises"]),
        genre_labels=tuple(Sourced(v, s) for v, s in data["genre_labels"]),
        kinds=tuple(Sourced(v, s) for v, s in data["kinds"]),
        keywords=tuple(data["keywords"]),
        people=tuple(Person(*p) for p in data["people"]),
        channels=tuple(Channel(*c) for c in data["channels"]),
    )


class _Counts:
    def __init__(self, data: dict[str, Any]) -> None:
        self.total = int(data["total"])
        self._with = {str(k): int(v) for k, v in data["with"].items()}

    def premises_with(self, word: str) -> int:
        return self._with.get(word, 0)


def category(reason: str) -> str:
    """The kind of fact a reason names."""
    if reason.startswith("TMDB"):
        return "tmdb"
    if "(both premises:" in reason:
        return "story" if reason.split(" (")[0] in _STORIES else "world"
    if reason.startswith("also listed under"):
        return "genre"
    if reason.startswith("both premises mention"):
        return "words"
    if reason.startswith("also on "):
        return "channel"
    if reason.startswith("also in "):
        return "language"
    if reason.startswith("both tagged"):
        return "keywords"
    return "people"


def _rows(name: str) -> Iterator[dict[str, Any]]:
    with (FIXTURES / name).open(encoding="utf-8") as fh:
        for line in fh:
            yield {**json.loads(line), "audit": name}


ROWS = [row for name in AUDITS for row in _rows(name)]


def _given(row: dict[str, Any]) -> list[str]:
    asked, other = _facts(row["asked"]), _facts(row["suggestion"])
    pair = Pair(asked, profile(asked), other, profile(other))
    return reasons_for(pair, _Counts(row["premise_words"]))


@pytest.mark.parametrize(("name", "false"), AUDITS.items())
def test_each_audit_holds_150_triples_each_judged(name: str, false: int) -> None:
    rows = [r for r in ROWS if r["audit"] == name]
    assert len(rows) == 150
    assert all(r["first_verdict"] or r["first_note"] for r in rows)  # every false one says why
    assert sum(not r["first_verdict"] for r in rows) == false


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['audit'][:-6]}-{r['n']}")
def test_an_audited_reason_is_given_only_where_it_was_judged_true(row: dict[str, Any]) -> None:
    given = _given(row)
    if not row["first_verdict"]:
        assert row["first_reason"] not in given, row["first_note"]
    same_kind = [r for r in given if category(r) == row["category"]]
    if row["reason"] is None:
        assert same_kind == [], "a reason of this kind is given again: audit it"
    else:
        assert row["verdict"] is True
        assert same_kind == [row["reason"]], "this reason changed since the audit: audit it"
