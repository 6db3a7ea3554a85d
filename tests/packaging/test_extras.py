"""The default install is light: the web server and chart files are extras, and a command
that needs one says which to install instead of failing with an import error."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.cli import main
from tests.conftest import make_show

ROOT = Path(__file__).parent.parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    code = info.value.code
    return code if isinstance(code, int) else 0


def _names(requirements: list[str]) -> set[str]:
    import re

    return {re.split(r"[\[<>=!;~ ]", r, maxsplit=1)[0].lower() for r in requirements}


def test_the_default_install_leaves_out_the_web_stack_and_matplotlib() -> None:
    default = _names(PYPROJECT["project"]["dependencies"])
    assert not default & {"fastapi", "uvicorn", "matplotlib", "python-multipart", "starlette"}
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert {"fastapi", "uvicorn", "httptools", "uvloop", "python-multipart"} <= _names(
        extras["web"]
    )
    # uvicorn without [standard]: no file watcher, websockets, YAML or dotenv.
    assert not any("standard" in r for r in extras["web"])
    assert "matplotlib" in _names(extras["charts"])
    assert "nextseason[web,charts,postgresql]" in extras["all"]
    # The README's test command installs .[test]: it must bring every extra the suite uses.
    assert any(r.startswith("nextseason[all") for r in extras["test"])


@pytest.mark.parametrize("missing", ["fastapi", "uvicorn", "python_multipart"])
def test_serve_without_the_web_extra_exits_2_naming_it(
    missing: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # how Python marks a module unimportable
    assert run("serve", "--port", "0") == 2
    err = capsys.readouterr().err
    assert err.startswith("error: nextseason serve needs")
    assert 'pip install "nextseason[web]"' in err
    assert "Traceback" not in err


def test_report_charts_without_matplotlib_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite"
    with Catalog.open(f"sqlite:///{db}", seed=False) as catalog:
        catalog.store([make_show("Dash & Lily", key="3", year=2020)])
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    code = run("report", "Dash & Lily", "--db", str(db), "--charts", str(tmp_path / "charts"))
    assert code == 2
    assert 'pip install "nextseason[charts]"' in capsys.readouterr().err
    assert not (tmp_path / "charts").exists()


def test_report_without_matplotlib_still_draws_its_html_charts(
    bundled_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The HTML report's charts are inline SVG of our own: no matplotlib needed."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert run("report", "Bridgerton", "--format", "html", "--db", str(bundled_db)) == 0
    html = capsys.readouterr().out
    assert html.count("<svg") >= 1 and "Netflix Top 10" in html


def test_the_package_carries_its_licence_changelog_and_type_marker() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    assert (ROOT / "src" / "nextseason" / "py.typed").exists()
    project = PYPROJECT["project"]
    assert "Typing :: Typed" in project["classifiers"]
    assert {"Homepage", "Source", "Issues", "Changelog"} <= set(project["urls"])
