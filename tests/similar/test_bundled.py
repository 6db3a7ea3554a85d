"""What a fan would check on the real shipped catalog: worlds, reasons, filters, limits."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from nextseason.catalog import Catalog
from nextseason.catalog.similar_rows import SimilarRows
from nextseason.errors import UsageError
from nextseason.similar.channels import channel_line
from nextseason.similar.command import similar
from nextseason.similar.rank import MIN_SCORE
from nextseason.similar.reasons import reasons_between
from nextseason.similar.recommend import MAX_LIMIT, recommend, similar_to
from nextseason.text import title_key

#: The day verdicts count from (the suite's usual date).
TODAY = date(2026, 11, 27)


def _id(catalog: Catalog, title: str, year: int | None = None) -> int:
    return catalog.find(title, year=year)[0].id


def _with_source(catalog: Catalog, title: str, source: str) -> int:
    """The one show of a title that a given file describes (namesakes have no year)."""
    from nextseason.catalog.queries import shows_by_key
    from nextseason.text import title_key

    with catalog.connect() as conn:
        ids = [e.id for e in shows_by_key(conn, title_key(title))]
    [found] = [i for i in ids if any(r.source == source for r in catalog.show(i).records)]
    return found


def _with_reason(entries: list[object], words: str) -> list[object]:
    return [e for e in entries if any(words in r for r in e.reasons)]  # type: ignore[attr-defined]


def test_a_hospital_drama_suggests_hospital_dramas_and_says_why(bundled: Catalog) -> None:
    entries = similar_to(SimilarRows(bundled), _id(bundled, "Grey's Anatomy"), today=TODAY)
    assert len(entries) == 10
    hospital = _with_reason(entries, "also about doctors and hospitals")
    assert len(hospital) >= 6
    assert entries[0].reasons[0].startswith("also about doctors and hospitals (both premises: ")
    titles = {e.show.title for e in entries}
    assert {"Chicago Med", "Nurse Jackie", "Hospital Playlist"} & titles


def test_a_legal_drama_suggests_lawyers_and_a_racing_documentary_suggests_racing(
    bundled: Catalog,
) -> None:
    suits = similar_to(
        SimilarRows(bundled), _with_source(bundled, "Suits", "netflix_catalog_2021"), today=TODAY
    )
    assert len(_with_reason(suits, "also about lawyers and courtrooms")) >= 5
    f1 = similar_to(
        SimilarRows(bundled), _id(bundled, "Formula 1: Drive to Survive"), limit=5, today=TODAY
    )
    assert f1[0].reasons[0].startswith("also about motor racing (both premises: ")
    assert all(e.kind == "documentary" for e in f1)  # kind before topic


def test_every_suggestion_says_why_where_it_streams_and_its_status(bundled: Catalog) -> None:
    entries = similar_to(SimilarRows(bundled), _id(bundled, "Ozark"), today=TODAY)
    assert entries
    for entry in entries:
        assert entry.reasons and entry.where and entry.verdict
        assert 0 < entry.score <= 1
    assert [e.score for e in entries] == sorted((e.score for e in entries), reverse=True)
    assert any(
        e.show.title == "Breaking Bad"
        for e in similar_to(SimilarRows(bundled), _id(bundled, "Ozark"), limit=20, today=TODAY)
    )


def test_the_show_itself_and_its_namesakes_are_never_suggested(bundled: Catalog) -> None:
    entries = similar_to(
        SimilarRows(bundled), _id(bundled, "Black Mirror", 2011), limit=30, today=TODAY
    )
    keys = [title_key(e.show.title) for e in entries]
    assert "black mirror" not in keys
    assert len(keys) == len(set(keys))


def test_platform_filter_keeps_shows_on_that_platform(bundled: Catalog) -> None:
    ozark = _id(bundled, "Ozark")
    on_hulu = similar_to(SimilarRows(bundled), ozark, platform="Hulu", today=TODAY)
    assert on_hulu
    assert all(any(w.startswith("Hulu") for w in e.where) for e in on_hulu)
    # Files spell the services several ways: "Amazon Prime" is Prime Video.
    on_prime = similar_to(SimilarRows(bundled), ozark, platform="amazon prime", today=TODAY)
    assert on_prime and all(any(w.startswith("Prime Video") for w in e.where) for e in on_prime)


def test_country_filter_keeps_shows_known_to_stream_there(bundled: Catalog) -> None:
    entries = similar_to(SimilarRows(bundled), _id(bundled, "Ozark"), country="us", today=TODAY)
    assert entries
    for entry in entries:
        # Without per-country offers, what is known: a global service's original, or Hulu.
        assert any(
            w.startswith(("Netflix (original", "Prime Video (original", "Hulu"))
            for w in entry.where
        )
    with pytest.raises(UsageError):
        similar_to(SimilarRows(bundled), _id(bundled, "Ozark"), country="USA", today=TODAY)


def test_status_filter_keeps_shows_with_that_status(bundled: Catalog) -> None:
    cancelled = similar_to(
        SimilarRows(bundled), _id(bundled, "Grey's Anatomy"), status="canceled", today=TODAY
    )
    assert cancelled and all(e.verdict == "cancelled" for e in cancelled)
    tbd = similar_to(
        SimilarRows(bundled),
        _id(bundled, "Stranger Things"),
        status="to be determined",
        limit=3,
        today=TODAY,
    )
    assert all(e.show.status == "To Be Determined" for e in tbd)
    none = recommend(
        SimilarRows(bundled), _id(bundled, "Grey's Anatomy"), status="in development", today=TODAY
    )
    assert not none.entries and "matches the filters" in (none.note or "")


def test_a_show_without_a_summary_gets_weaker_results_and_is_told_so(bundled: Catalog) -> None:
    # ER: the Hulu catalog lists it as a drama, with no premise.
    result = recommend(SimilarRows(bundled), _id(bundled, "ER"), today=TODAY)
    assert result.weaker and "weaker" in (result.note or "")
    assert result.entries and all(e.weaker for e in result.entries)


def test_a_show_nothing_describes_gets_no_suggestions_and_a_reason(bundled: Catalog) -> None:
    # A show the TVmaze index alone names: a title and a channel, nothing about it.
    with bundled.connect() as conn:
        show_id, title = conn.exec_driver_sql(
            "SELECT s.id, s.title FROM shows s WHERE NOT EXISTS (SELECT 1 FROM show_records r "
            "WHERE r.show_id = s.id AND r.source != 'tvmaze_index') ORDER BY s.id LIMIT 1"
        ).one()
    result = recommend(SimilarRows(bundled), int(show_id), today=TODAY)
    assert result.entries == []
    assert f"nothing about what {title} is about" in (result.note or "")


def test_a_limit_of_zero_or_ten_thousand_is_answered_sensibly(bundled: Catalog) -> None:
    show = _id(bundled, "Bridgerton")
    assert similar_to(SimilarRows(bundled), show, limit=0, today=TODAY) == []
    many = similar_to(SimilarRows(bundled), show, limit=10_000, today=TODAY)
    assert 10 < len(many) <= MAX_LIMIT
    assert all(e.score >= MIN_SCORE and e.reasons for e in many)


def test_the_command_prints_the_same_suggestions_as_json(
    bundled: Catalog, bundled_db: Path
) -> None:
    args = ["Narcos", "--limit", "5", "--format", "json", "--db", str(bundled_db)]
    done = CliRunner().invoke(similar, args)
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    expected = similar_to(SimilarRows(bundled), _id(bundled, "Narcos"), limit=5, today=TODAY)
    assert data["similar"] == [e.model_dump(mode="json") for e in expected]
    text = CliRunner().invoke(similar, ["Narcos", "-n", "3", "--db", str(bundled_db)])
    assert text.exit_code == 0
    assert text.output.startswith("Shows like Narcos (2015):")
    assert "why: " in text.output and "where: " in text.output


#: The shows the issue named, by title and first year (the catalog holds namesakes).
_YEARS = {"Lucifer": 2016, "Orange Is the New Black": 2013, "Emily in Paris": 2020}


def _pair_reasons(bundled: Catalog, asked: str, other: str) -> list[str]:
    rows = SimilarRows(bundled)
    a, o = _id(bundled, asked, _YEARS.get(asked)), _id(bundled, other, _YEARS.get(other))
    facts = rows.facts([a, o])
    return reasons_between(facts[a], [facts[o]])[o]


@pytest.mark.parametrize(
    ("asked", "other", "wrong"),
    [
        ("Lucifer", "AJ and the Queen", "royals"),  # a drag queen
        ("Lucifer", "Orange Is the New Black", "police"),  # a prison drama
        ("Tiny Pretty Things", "Emily in Paris", "workplace"),
        ("Tiny Pretty Things", "Selling Sunset", "high society"),
    ],
)
def test_the_reasons_the_issue_found_wrong_are_not_given(
    bundled: Catalog, asked: str, other: str, wrong: str
) -> None:
    reasons = _pair_reasons(bundled, asked, other)
    assert not any(wrong in r for r in reasons), reasons
    assert all(r.endswith(")") for r in reasons)  # each names its sources


def test_a_scripted_drama_suggests_scripted_shows_unless_asked_otherwise(
    bundled: Catalog,
) -> None:
    rows = SimilarRows(bundled)
    tpt = _id(bundled, "Tiny Pretty Things")
    entries = similar_to(rows, tpt, limit=30, today=TODAY)
    assert entries and all(e.kind in ("scripted", None) for e in entries)
    assert "Selling Sunset" not in {e.show.title for e in entries}
    dancers = _with_reason(entries[:10], "also about dancers")
    assert len(dancers) >= 3  # the ballet drama's fans pick other dance series
    anything = similar_to(rows, tpt, limit=30, kind="any", today=TODAY)
    assert {e.kind for e in anything} - {"scripted", None}  # other kinds come in
    reality = similar_to(rows, tpt, limit=5, kind="reality", today=TODAY)
    assert reality and all(e.kind and "reality" in e.kind for e in reality)
    with pytest.raises(UsageError, match="--kind"):
        similar_to(rows, tpt, kind="sitcoms", today=TODAY)


def test_a_channel_is_named_as_its_source_names_it(bundled: Catalog) -> None:
    rows = SimilarRows(bundled)
    gilmore = _id(bundled, "Gilmore Girls", 2000)
    line = channel_line(rows.facts([gilmore])[gilmore].channels)
    # The TVmaze index lists it under The CW, where its last season aired; it premiered on
    # The WB: a listing is said with its source, never as the channel it premiered on.
    assert line is None or "premiered on The CW" not in line
    if line is not None and not line.startswith("premiered on "):
        assert line.startswith("on ") and ", per " in line
    entries = similar_to(rows, _id(bundled, "Bridgerton"), limit=30, today=TODAY)
    named = [e.network for e in entries if e.network]
    assert any(n.startswith("premiered on ") for n in named)  # originals are said as such
    assert all(
        n.startswith("premiered on ") or (n.startswith("on ") and ", per " in n) for n in named
    )
