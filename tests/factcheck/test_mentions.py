"""Which shows an article names: titles that are common words, namesakes, unknown titles."""

from __future__ import annotations

from nextseason.catalog import Catalog
from tests.conftest import make_show
from tests.factcheck.conftest import check


def titles(catalog: Catalog, text: str) -> list[str]:
    return [m.text for m in check(catalog, text).mentions]


def test_common_words_that_are_titles_count_only_when_written_as_titles(
    bundled: Catalog,
) -> None:
    text = (
        "Love is in the air. You can see why fans love it: the dark tone helps. "
        "Every Wednesday the cast meets."
    )
    assert titles(bundled, text) == []


def test_a_capitalised_title_in_mid_sentence_is_a_mention(bundled: Catalog) -> None:
    found = titles(bundled, "Fans of Stranger Things should watch Dark and Lupin next.")
    assert found == ["Stranger Things", "Dark", "Lupin"]


def test_a_word_title_opening_a_sentence_as_its_subject_is_a_mention(bundled: Catalog) -> None:
    assert titles(bundled, "Lupin is a French thriller.") == ["Lupin"]
    assert titles(bundled, "It is a French thriller.") == []


def test_a_day_of_the_week_is_a_show_only_where_a_show_would_be(bundled: Catalog) -> None:
    assert titles(bundled, "Netflix renewed Wednesday for a second season.") == ["Wednesday"]
    assert titles(bundled, "New episodes arrive every Wednesday.") == []


def test_the_main_show_comes_from_the_headline_and_first_paragraph(bundled: Catalog) -> None:
    report = check(
        bundled,
        "# Wednesday Season 3: Everything We Know\n\n"
        "Netflix's Wednesday is coming back, and Jenna Ortega returns as Wednesday Addams.\n",
    )
    assert report.main_show is not None and report.main_show.title == "Wednesday"
    assert [m.text for m in report.mentions].count("Wednesday") == 2  # not "Wednesday Addams"


def test_quoted_and_italic_titles_always_count(bundled: Catalog) -> None:
    assert titles(bundled, 'Critics loved "Dark" and *You*.') == ["Dark", "You"]


def test_namesakes_are_ambiguous_unless_the_article_tells_them_apart(bundled: Catalog) -> None:
    vague = check(bundled, "Big Mouth has six seasons.")
    assert vague.shows[0].link == "ambiguous" and vague.shows[0].namesakes == 2
    assert vague.claims[0].verdict == "unverifiable"
    assert vague.claims[0].reason_code == "ambiguous_show"
    told = check(bundled, "Netflix's Big Mouth has six seasons.")
    assert told.shows[0].link == "context" and told.shows[0].platform == "Netflix"
    assert told.claims[-1].verdict == "contradicted"


def test_one_show_known_from_many_sources_is_one_show(bundled: Catalog) -> None:
    report = check(bundled, "Black Mirror has six seasons.")
    show = report.shows[0]
    assert show.link == "exact" and len(show.catalog_ids) == 1
    assert report.claims[0].verdict == "contradicted"  # season 7 is in the Netflix Top 10


def test_an_unknown_quoted_title_is_not_found_offline(bundled: Catalog) -> None:
    report = check(bundled, 'The new drama "Quantum Harbor Nights" premiered on Hulu.')
    assert report.shows[0].id is None and report.shows[0].link == "not_found"
    assert report.claims[0].verdict == "unverifiable"
    assert report.claims[0].reason_code == "show_not_found"


def test_an_unknown_title_is_looked_up_live_when_online(writable: Catalog) -> None:
    asked: list[str] = []

    def lookup(title: str) -> int | None:
        asked.append(title)
        stats = writable.store(
            [make_show("Quantum Harbor Nights", key="990001", year=2026, platform="Hulu")]
        )
        assert stats.shows_created == 1
        entry, _ = writable.find("Quantum Harbor Nights")
        return entry.id

    report = check(
        writable, 'The new drama "Quantum Harbor Nights" premiered on Hulu.', lookup=lookup
    )
    assert asked == ["Quantum Harbor Nights"]
    assert report.shows[0].link == "live" and report.shows[0].id is not None
    assert report.claims[0].verdict == "supported"


def test_a_typo_in_a_quoted_title_links_loosely_and_never_contradicts(bundled: Catalog) -> None:
    report = check(bundled, 'In "Stranger Thing", a Hulu original, kids fight monsters.')
    # A typo links loosely at best (two shows are called Stranger Things): never a fact.
    assert report.shows[0].link in ("fuzzy", "not_found")
    assert report.claims[0].verdict == "unverifiable"
    assert report.claims[0].reason_code in ("uncertain_link", "show_not_found")
