"""Verdicts that need facts the shipped catalog lacks: characters, creators, remakes."""

from __future__ import annotations

from nextseason.catalog import Catalog
from tests.factcheck.conftest import check


def only(catalog: Catalog, text: str) -> tuple[str, str]:
    report = check(catalog, text)
    assert len(report.claims) == 1, [(c.text, c.relation) for c in report.claims]
    return report.claims[0].verdict, report.claims[0].reason


def test_an_actor_as_their_character_is_supported(credited: Catalog) -> None:
    assert only(credited, "Breaking Bad stars Bryan Cranston as Walter White.")[0] == "supported"
    assert only(credited, "In Breaking Bad, Jesse is portrayed by Aaron Paul.")[0] == "supported"


def test_swapped_characters_are_contradicted_with_who_plays_whom(credited: Catalog) -> None:
    verdict, reason = only(credited, "Breaking Bad stars Aaron Paul as Walter White.")
    assert verdict == "contradicted"
    assert "Bryan Cranston as Walter White" in reason and "Aaron Paul as Jesse Pinkman" in reason


def test_an_actor_missing_from_the_cast_is_never_a_contradiction(credited: Catalog) -> None:
    verdict, _ = only(credited, "Breaking Bad stars Bob Odenkirk as Saul Goodman.")
    assert verdict == "unverifiable"
    verdict, _ = only(credited, "Breaking Bad stars Giancarlo Esposito as Walter White.")
    assert verdict == "unverifiable"  # a role can have several actors


def test_creators_are_checked_against_the_credited_creators(credited: Catalog) -> None:
    assert only(credited, "Breaking Bad was created by Vince Gilligan.")[0] == "supported"
    verdict, reason = only(credited, "Breaking Bad was created by Peter Gould.")
    assert verdict == "contradicted" and "Vince Gilligan" in reason
    verdict, _ = only(credited, "Breaking Bad was created by Michelle MacLaren.")
    assert verdict == "unverifiable"  # credited, but as a director


def test_directors_missing_from_a_partial_list_stay_unverifiable(credited: Catalog) -> None:
    assert only(credited, "Breaking Bad was directed by Michelle MacLaren.")[0] == "supported"
    assert only(credited, "Breaking Bad was directed by Rian Johnson.")[0] == "unverifiable"


def test_a_remake_named_as_such_is_not_contradicted_by_the_original(bundled: Catalog) -> None:
    report = check(
        bundled,
        "The Gossip Girl reboot premiered on HBO Max in July 2021 and ran for two seasons.",
    )
    assert report.summary.contradicted == 0
    seasons = next(c for c in report.claims if c.relation == "seasons")
    # Either the reboot itself is known (its two seasons support the claim), or the claim
    # stays open; the 2007 original's six seasons never contradict it.
    assert seasons.reason_code in ("identity_doubt", "matches", "weak_evidence")


def test_a_show_that_moved_to_streaming_is_checked_against_its_first_network(
    bundled: Catalog,
) -> None:
    # TVmaze lists Lucifer under Netflix, where it moved; Metacritic's scorecard lists its
    # first season on FOX.
    verdict, _ = only(bundled, "Lucifer originally aired on FOX.")
    assert verdict == "supported"
    verdict, _ = only(bundled, "Lucifer originally aired on Netflix.")
    assert verdict != "supported"


def test_a_show_netflix_took_over_is_checked_against_its_first_home(bundled: Catalog) -> None:
    # Cobra Kai began on YouTube Red (2018); Netflix's report dates season 1 there in 2020.
    verdict, _ = only(bundled, "Cobra Kai premiered on YouTube Red.")
    assert verdict == "supported"
    verdict, _ = only(bundled, "Cobra Kai premiered on Netflix.")
    assert verdict != "supported"
    # A Netflix original from its first day still contradicts another first home.
    verdict, _ = only(bundled, "Squid Game premiered on Hulu.")
    assert verdict == "contradicted"


def test_an_ended_one_season_show_contradicts_a_renewal(bundled: Catalog) -> None:
    verdict, reason = only(bundled, "Tiny Pretty Things was renewed for a second season.")
    assert verdict == "contradicted" and "Ended" in reason


def test_absent_shows_are_never_contradicted(bundled: Catalog) -> None:
    report = check(
        bundled,
        "Andor is a Netflix original. The Pitt ran for nine seasons on Peacock. "
        "Pluribus was cancelled after one season.",
    )
    assert report.claims and report.summary.contradicted == 0


def test_a_show_clashing_on_everything_may_be_another_show(bundled: Catalog) -> None:
    # Two relations contradicted and none supported: the article may mean a namesake.
    report = check(bundled, "Dark is a Hulu original that premiered in 2016.")
    assert report.summary.contradicted == 0
    assert {c.reason_code for c in report.claims} == {"identity_doubt"}


def test_a_character_with_its_actor_in_parentheses_is_a_cast_claim(credited: Catalog) -> None:
    assert only(credited, "In Breaking Bad, Skyler (Anna Gunn) finds out.")[0] == "supported"
    # Two full names: whichever the catalog credits is the actor.
    assert only(credited, "In Breaking Bad, Jesse Pinkman (Aaron Paul) cooks.")[0] == "supported"


def test_a_misspelt_name_is_contradicted_with_the_catalogs_spelling(credited: Catalog) -> None:
    verdict, reason = only(credited, "Breaking Bad stars Brian Cranston as Walter White.")
    assert verdict == "contradicted" and "Bryan Cranston" in reason
    verdict, _ = only(credited, "Breaking Bad was created by Vince Gillighan.")
    assert verdict == "contradicted"
    # Accents and initials are no misspelling.
    assert only(credited, "Breaking Bad stars Bryan Cránston as Walter White.")[0] == "supported"


def test_an_american_channel_of_a_show_made_elsewhere_is_no_contradiction(
    bundled: Catalog,
) -> None:
    # Schitt's Creek (Canada) first aired on CBC; the renewal scorecards, which follow
    # American TV, list it under Pop, the channel that carried it in the US.
    verdict, reason = only(bundled, "Schitt's Creek premiered on CBC.")
    assert verdict == "unverifiable"
    assert "Pop" in reason and "CA" in reason
    # An American show's channel from the same scorecards still contradicts another one.
    verdict, _ = only(bundled, "Brooklyn Nine-Nine premiered on CBS.")
    assert verdict == "contradicted"
