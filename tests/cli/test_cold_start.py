"""A fresh process imports what its answer needs: text and JSON answers start without the
chart library, the templates or the HTTP client (offline), and a search without numpy (issue 22).

Each case runs the command in a new interpreter over the bundled catalog, then lists which of
the heavy packages that process imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TITLE = "Tiny Pretty Things"
HEAVY = ("numpy", "matplotlib", "jinja2", "httpx", "rich")

#: Runs the command given after the output file's path, then writes to that file what the
#: process imported.
RUNNER = f"""
import json, sys
from nextseason.cli import main
out, argv = sys.argv[1], sys.argv[2:]
try:
    main(argv)
except SystemExit as exc:
    code = exc.code
with open(out, "w") as f:
    json.dump({{"code": code, "imported": [m for m in {HEAVY!r} if m in sys.modules]}}, f)
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One home for these processes, so that the similar-shows index is built once."""
    return tmp_path_factory.mktemp("cold-home")


def cold(tmp_path: Path, home: Path, db: Path, *args: str) -> tuple[str, dict[str, object]]:
    """The command's standard output, and what its process imported."""
    facts = tmp_path / "facts.json"
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(facts), *args, "--db", str(db)],
        env=dict(os.environ, NEXTSEASON_HOME=str(home)),
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(facts.read_text())
    assert result["code"] in (0, None), done.stderr
    return done.stdout, result


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_report_needs_no_chart_library_templates_or_network_client(
    tmp_path: Path, home: Path, bundled_db: Path, fmt: str
) -> None:
    out, facts = cold(tmp_path, home, bundled_db, "report", TITLE, "--format", fmt)
    assert TITLE in out
    if fmt == "json":
        assert json.loads(out)["show"]["title"] == TITLE
    imported = facts["imported"]
    assert isinstance(imported, list)
    # numpy is imported: this answer needs it (the similar shows are ranked over the index's
    # arrays, the interest series are analysed with it).
    assert not {"matplotlib", "jinja2", "httpx"} & set(imported)
    assert ("rich" in imported) == (fmt == "text")  # the terminal layout only


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_search_imports_no_numpy(tmp_path: Path, home: Path, bundled_db: Path, fmt: str) -> None:
    out, facts = cold(tmp_path, home, bundled_db, "search", TITLE, "--format", fmt)
    if fmt == "json":
        first = json.loads(out)[0]
        assert (first["title"], first["verdict"]) == (TITLE, "cancelled")
    else:
        assert TITLE in out and "cancelled" in out
    imported = facts["imported"]
    assert isinstance(imported, list)
    assert not {"numpy", "matplotlib", "jinja2", "httpx"} & set(imported)
    assert ("rich" in imported) == (fmt == "text")


def test_similar_shows_need_no_chart_library_or_templates(
    tmp_path: Path, home: Path, bundled_db: Path
) -> None:
    out, facts = cold(tmp_path, home, bundled_db, "similar", TITLE, "--format", "json")
    assert json.loads(out)
    imported = facts["imported"]
    assert isinstance(imported, list)
    # numpy is imported: the similar shows are ranked over the index's arrays.
    assert not {"matplotlib", "jinja2", "httpx"} & set(imported)
