"""The terminal report: plain text without escape codes, colour on a colour console."""

from __future__ import annotations

import io

from rich.console import Console

from nextseason.model import Report
from nextseason.report.render import print_report, render
from nextseason.report.render_text import MAX_EPISODES_SHOWN


def test_plain_text_has_no_escape_codes_and_fits_the_width(report: Report) -> None:
    out = render(report, "text", width=80)
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert out.startswith("Bridgerton (2020, Netflix): will there be a season 2?\n")


def test_verdict_is_prominent(report: Report) -> None:
    out = render(report, "text")
    assert "SEASON 2: RUNNING" in out
    assert out.index("SEASON 2: RUNNING") < out.index("Seasons and episodes")


def test_colour_console_gets_colour(report: Report) -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="truecolor", width=100)
    print_report(report, console)
    assert "\x1b[" in buffer.getvalue()
    assert "SEASON 2: RUNNING" in buffer.getvalue()


def test_rich_markup_and_escape_codes_in_data_print_as_text(report: Report) -> None:
    show = report.show.model_copy(update={"title": "[bold red]Bridgerton[/] \x1b[2J"})
    out = render(report.model_copy(update={"show": show}), "text")
    assert "[bold red]Bridgerton[/] [2J" in out
    assert "\x1b" not in out
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="truecolor", width=100)
    print_report(report.model_copy(update={"show": show}), console)
    assert "[bold red]Bridgerton[/]" in buffer.getvalue()
    assert "\x1b[2J" not in buffer.getvalue()


def test_long_episode_lists_are_cut_with_a_count(report: Report) -> None:
    episodes = [
        e.model_copy(update={"number": n, "title": f"Episode {n}"})
        for n, e in enumerate(report.seasons.episodes * 5, start=1)
    ]
    seasons = report.seasons.model_copy(update={"episodes": episodes})
    out = render(report.model_copy(update={"seasons": seasons}), "text", width=200)
    assert "Episode 40" in out and "Episode 29" in out
    assert "Episode 28 " not in out
    hidden = 40 - MAX_EPISODES_SHOWN
    assert f"… and {hidden} earlier episodes not shown here (40 in this report" in out


def test_empty_section_says_why(sparse_report: Report) -> None:
    out = render(sparse_report, "text", width=200)
    characters = out.split("Characters ─", 1)[1].split("Creators and crew ─", 1)[0]
    assert "No cast credits for this show in the catalog." in characters
