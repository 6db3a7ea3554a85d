"""The README documents every setting, command and data source, so none can go unexplained."""

from __future__ import annotations

from pathlib import Path

import click

from nextseason.cli import cli
from nextseason.config import SETTINGS
from nextseason.provenance import SOURCES

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "nextseason") -> list[str]:
    out = []
    for name, command in group.commands.items():
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            out += _commands(command, full)
        else:
            out.append(full)
    return out


def test_every_setting_is_documented() -> None:
    missing = [s.env for s in SETTINGS if s.env not in README]
    assert missing == []


def test_every_command_is_documented() -> None:
    missing = [c for c in _commands(cli) if c not in README]
    assert missing == []


def test_every_source_is_credited() -> None:
    missing = [s.name for s in SOURCES.values() if s.credit not in README]
    assert missing == []


def test_readme_starts_with_the_two_setup_commands() -> None:
    block = README.split("```", 2)[1].split("\n", 1)[1].splitlines()
    commands = [line for line in block if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert "nextseason report" in commands[0]
    assert "pytest" in commands[1]


def test_every_live_source_url_setting_is_documented_with_its_default() -> None:
    from nextseason.sources.registry import url_settings

    rows = [line for line in README.splitlines() if line.startswith("| `")]
    missing = [
        s.env for s in url_settings() if not any(s.env in r and s.default in r for r in rows)
    ]
    assert missing == []
