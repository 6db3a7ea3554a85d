"""Which show a claim lands on: the article's main show and its cast, never a character,
a person's other credit or a capitalised word the text does not treat as a show."""

from __future__ import annotations

from nextseason.catalog import Catalog
from tests.factcheck.conftest import check


def linked(catalog: Catalog, text: str) -> list[str]:
    return sorted({m.text for m in check(catalog, text).mentions if m.show_id is not None})


def shows_of(catalog: Catalog, text: str, relation: str) -> set[str | None]:
    return {c.show_title for c in check(catalog, text).claims if c.relation == relation}


def test_characters_in_a_cast_line_are_not_shows(bundled: Catalog) -> None:
    text = (
        "# The Last of Us: who is in the new season\n\n"
        "The new season features Gabriel Luna as Tommy, Kaitlyn Dever as Abby and "
        "Young Mazino as Jesse. Joel (Pedro Pascal) is back too.\n"
    )
    assert linked(bundled, text) == ["The Last of Us"]
    assert shows_of(bundled, text, "cast") == {"The Last of Us"}


def test_a_cast_list_under_the_main_shows_heading_belongs_to_it(bundled: Catalog) -> None:
    text = (
        "# Squid Game season 2: the full cast\n\n"
        "Netflix confirmed the returning players.\n\n"
        "## Squid Game cast\n\n"
        "- Lee Jung-jae as Seong Gi-hun\n"
        "- Wi Ha-jun as Hwang Jun-ho\n"
    )
    cast = [c for c in check(bundled, text).claims if c.relation == "cast"]
    assert len(cast) == 2 and {c.show_title for c in cast} == {"Squid Game"}


def test_a_capitalised_word_needs_the_text_to_treat_it_as_a_show(bundled: Catalog) -> None:
    text = (
        "Evil returns for a fourth season on Paramount+. The priests travel to Ireland, "
        "where the Brotherhood waits, and Deadline reports the Mother of all twists."
    )
    assert linked(bundled, text) == ["Evil"]


def test_words_that_say_a_title_is_a_show_count(bundled: Catalog) -> None:
    for text in (
        "Critics praised the series Severance for its style.",
        "We watched new episodes of Severance last night.",
        "Apple's hit series Severance keeps its secrets.",
        "Fans of comedies like Ghosts, Severance and Lupin should tune in.",
    ):
        assert "Severance" in linked(bundled, text), text


def test_a_title_credited_to_an_actor_is_not_what_the_sentence_is_about(
    bundled: Catalog,
) -> None:
    text = (
        "# Echo: the cast\n\n"
        'Echo also stars Zahn McClarnon ("Westworld") and Devery Jacobs ("Reservation Dogs").\n'
    )
    assert shows_of(bundled, text, "cast") == {"Echo"}


def test_a_spin_off_named_after_its_parent_is_not_the_parent(bundled: Catalog) -> None:
    text = (
        "# Better Call Saul renewed\n\n"
        "AMC said the Breaking Bad spin-off has been renewed for a third season."
    )
    assert shows_of(bundled, text, "status") == {"Better Call Saul"}


def test_an_actors_earlier_show_in_an_aside_is_not_the_claims_show(bundled: Catalog) -> None:
    text = (
        "# Heroes Reborn: the cast\n\n"
        'New cast members include Zachary Levi, who starred in the NBC series "Chuck".\n'
    )
    assert shows_of(bundled, text, "cast") == {"Heroes Reborn"}


def test_surnames_pronouns_and_characters_make_no_claims(bundled: Catalog) -> None:
    report = check(
        bundled,
        "The drama comes from creator Jeff Rake. The monster was created by Vecna. "
        "He is portrayed by Brennan Clost. Starring Elle Fanning as Catherine the Great.",
    )
    assert all(m.text != "Rake" for m in report.mentions)
    people = {(c.relation, c.claimed) for c in report.claims}
    assert ("creator", "Jeff Rake") in people
    assert not any("Vecna" in claimed for _, claimed in people)
    assert not any(claimed.endswith(" as He") for _, claimed in people)
    assert ("cast", "Elle Fanning as Catherine the Great") in people


def test_a_publication_cited_as_a_source_is_not_a_show(bundled: Catalog) -> None:
    text = "Squid Game was renewed, Variety reports, and 'Variety' says more is coming."
    assert linked(bundled, text) == ["Squid Game"]


def test_a_title_case_headline_is_a_headline(bundled: Catalog) -> None:
    text = (
        "Why The Network Changed Its Mind About Evil This Week\n\n"
        "Evil was cancelled by Paramount+ after four seasons. The series ended in August."
    )
    report = check(bundled, text)
    assert report.main_show is not None and report.main_show.title == "Evil"
    assert all(m.text != "This Week" for m in report.mentions)


def test_a_role_never_runs_on_into_the_next_paragraph_or_sentence(bundled: Catalog) -> None:
    for text in (
        "# Bridgerton\n\nJonathan Bailey plays Anthony.\n\nStranger Things, created by the "
        "Duffer Brothers, premiered in 2016.\n",
        "Jonathan Bailey plays Anthony. Stranger Things premiered in 2016.",
    ):
        assert "Stranger Things" in linked(bundled, text), text
