"""Entity resolution over real rows: one show per show, never two shows merged into one."""

from __future__ import annotations

from datetime import date

from nextseason.model import ShowBundle
from tests.importers.conftest import Built


def _sources(show: ShowBundle) -> set[str]:
    return {r.source for r in show.records}


def test_a_show_in_three_files_is_one_show_with_every_source(built: Built) -> None:
    show = built.show("Bridgerton")
    # TVmaze schedule + Netflix 2021 catalog + Netflix 2022 file, then the Netflix charts and
    # the TVmaze index: one show, each source's record kept.
    assert {"tvmaze", "netflix_catalog_2021", "netflix_catalog_2022"} <= _sources(show)
    assert {"netflix_top10", "netflix_engagement", "tvmaze_index"} <= _sources(show)
    assert show.title == "Bridgerton"
    assert show.year == 2020
    assert show.status == "Running"  # TVmaze's status, verbatim
    assert show.platform is not None and show.platform.name == "Netflix"
    assert show.platform.kind == "streaming"
    assert show.external_ids == {"tvmaze": "42966", "imdb": "tt8740790", "thetvdb": "366668"}
    by_source = {r.source: r for r in show.records}
    assert by_source["netflix_catalog_2021"].source_key == "s1493"
    assert by_source["netflix_catalog_2021"].data["seasons"] == 1
    assert by_source["netflix_catalog_2022"].data["imdb_id"] == "tt8740790"


def test_an_imdb_id_joins_a_show_the_2022_file_calls_by_another_name(built: Built) -> None:
    show = built.show("The Expanding Universe of Ashley Garcia")
    titles = {r.source: r.title for r in show.records}
    assert titles["netflix_catalog_2022"] == "Ashley Garcia: Genius in Love"
    assert {"tvmaze", "netflix_catalog_2021", "netflix_catalog_2022"} <= set(titles)
    assert built.shows("Ashley Garcia: Genius in Love") == []  # no second show


def test_namesakes_with_different_years_stay_two_shows(built: Built) -> None:
    bebops = [s for s in built.shows("Cowboy Bebop") if s.year is not None]
    assert sorted((s.year, s.external_ids.get("imdb")) for s in bebops) == [
        (1998, "tt0213338"),
        (2021, "tt1267295"),
    ]
    # Hulu's 2021 row (released 1998, one season) is the anime, not the 2021 series.
    anime = next(s for s in bebops if s.year == 1998)
    assert _sources(anime) == {"netflix_catalog_2022", "hulu_catalog_2021"}


def test_a_catalog_row_joins_the_namesake_whose_premiere_fits(built: Built) -> None:
    top_boys = {s.year: s for s in built.shows("Top Boy") if s.year is not None}
    assert set(top_boys) == {2011, 2019}
    # Netflix 2021 lists Top Boy as released 2019 with one season: the 2019 revival.
    assert _sources(top_boys[2019]) == {"netflix_catalog_2022", "netflix_catalog_2021"}
    assert _sources(top_boys[2011]) == {"netflix_catalog_2022"}


def test_a_row_listed_years_after_the_premiere_joins_a_show_whose_run_is_known(
    built: Built,
) -> None:
    # Okupas premiered in 2000; the 2021 catalog says 2020 (the year Netflix added it).
    # The 2022 file dates its premiere (2000), so its run is known: the 2021 row, which
    # lists it in 2020, the year Netflix added it, joins it rather than making a second show.
    okupas = built.shows("Okupas")
    [show] = [s for s in okupas if "netflix_catalog_2021" in _sources(s)]
    assert show.year == 2000 and "netflix_catalog_2022" in _sources(show)


def test_a_different_imdb_id_keeps_a_remake_apart(built: Built) -> None:
    shows = built.shows("A Love So Beautiful")
    tvmaze = next(s for s in shows if "tvmaze" in _sources(s))
    # The 2020 Korean remake (TVmaze) takes the 2022 file's 2020 row (no IMDb id there) but
    # not its 2017 Chinese original (another IMDb id).
    assert tvmaze.external_ids["imdb"] == "tt13642264"
    assert {r.year for r in tvmaze.records if r.source == "netflix_catalog_2022"} == {2020}
    assert any(s.external_ids.get("imdb") == "tt8434720" and s.year == 2017 for s in shows)


def test_a_chart_title_with_several_netflix_namesakes_is_kept_out(built: Built) -> None:
    # Two Top Boys on Netflix (2011, 2019): the charts' "Top Boy" could be either. Rather
    # than a third record of the same title, the chart rows are left out, and counted.
    shows = built.shows("Top Boy")
    assert len(shows) == 2
    assert not any(_sources(s) & {"netflix_top10", "netflix_engagement"} for s in shows)
    assert "Top Boy" in built.report.sources["netflix_top10"].examples["ambiguous"]
    assert built.report.sources["netflix_top10"].kept_out >= 1


def test_netflix_chart_titles_unknown_to_the_catalogs_become_netflix_shows(built: Built) -> None:
    show = built.show("Wednesday")
    assert _sources(show) == {
        "tmdb_2025",
        "netflix_top10",
        "netflix_engagement",
        "tvmaze_index",
        "reddit_rtelevision",
    }
    assert ("Netflix", "catalog") in {(p.platform.name, p.role) for p in show.platforms}
    assert show.platform is not None and show.platform.name == "Netflix"  # TMDB's network
    assert show.source_of("platform").source == "tmdb_2025"


def test_engagement_titles_carry_years_and_translations(built: Built) -> None:
    # "Suits (2011)" is not the Korean "Suits" (2018) of the Netflix 2021 catalog.
    shows = built.shows("Suits")
    us = next(s for s in shows if s.year == 2011)
    # Netflix's "Suits (2011)" is the US show OMDb knows.
    assert {"netflix_engagement", "omdb_series"} <= _sources(us)
    korean = next(s for s in shows if "netflix_catalog_2021" in _sources(s))
    assert korean is not us and "netflix_engagement" not in _sources(korean)
    glory = built.show("The Glory")
    assert glory.records[0].data["aliases"] == ["더 글로리"]
    # The anime's row carries a Japanese title: another show than the 2021 series.
    by_key = {r.source_key: s for s in built.shows("Cowboy Bebop") for r in s.records}
    assert "Cowboy Bebop" in by_key
    anime = by_key.get("Cowboy Bebop // カウボーイビバップ")
    assert anime is None or anime is not by_key["Cowboy Bebop"]


def test_index_entries_join_only_a_show_whose_channel_agrees(built: Built) -> None:
    dark = built.show("Dark")
    assert "tvmaze_index" in _sources(dark)
    assert dark.platform is not None and dark.platform.name == "Netflix"
    # The index's "Avatar: The Last Airbender" is Netflix's original (2024); the cartoon is in
    # the Prime Video catalog too, so it is not that Netflix original.
    avatars = built.shows("Avatar: The Last Airbender")
    assert len(avatars) == 2
    cartoon = next(s for s in avatars if s.year == 2005)
    assert "tvmaze_index" not in _sources(cartoon)
    # Entries nothing else knows are bare shows: title and channel.
    succession = built.show("Succession")
    assert succession.platform is not None and succession.platform.name == "HBO"
    assert succession.platform.kind == "network"


def test_reddit_counts_join_by_channel_and_never_create_shows(built: Built) -> None:
    points = [p for p in built.show("Succession").interest if p.source == "reddit_rtelevision"]
    # One point per metric per dated weekly file; the undated roundup file is left out.
    assert sorted({p.day for p in points}) == [date(2022, 12, 3), date(2023, 1, 14)]
    assert {p.metric for p in points} == {"mentions", "score"}
    assert all(p.period == "week" for p in points)
    reddit = built.report.sources["reddit_rtelevision"]
    assert reddit.unmatched == 2 and reddit.new_shows == 0
    assert built.shows("Star Wars: Andor") == []
    # "Love" is an ordinary word: its counts are every comment saying "love".
    assert reddit.rows_skipped == {"one-word title that is an ordinary English word": 2}
    love = built.shows("Love")
    assert all(p.source != "reddit_rtelevision" for s in love for p in s.interest)
    assert any("Roundup_1" in note for note in reddit.notes)


def test_catalog_rows_add_links_and_credits_but_not_the_original_channel(built: Built) -> None:
    mandalorian = built.show("The Mandalorian")
    links = {(p.platform.name, p.role) for p in mandalorian.platforms}
    # TMDB's and TVmaze's original channel, the catalog listing, and the index's channel
    assert links == {("Disney+", "web"), ("Disney+", "catalog"), ("Disney+", "listed")}
    catalog_link = next(p for p in mandalorian.platforms if p.role == "catalog")
    assert catalog_link.as_of == date(2021, 9, 24)  # the Disney+ file's latest date_added
    office = built.shows("The Office")
    prime = next(s for s in office if "prime_video_catalog_2021" in _sources(s))
    record = next(r for r in prime.records if r.source == "prime_video_catalog_2021")
    cast = [c for c in prime.credits if c.kind == "cast"]
    assert [c.person_name for c in sorted(cast, key=lambda c: c.position)] == record.data["cast"][
        :15
    ]
    assert all(c.part == "" for c in cast)
    directors = [c for c in prime.credits if c.kind == "crew"]
    assert {c.part for c in directors} <= {"Director"}
