"""`nextseason factcheck`: formats, standard input, exit codes, and every kind of bad input."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from nextseason.cli import cli, main
from nextseason.factcheck.command import CONTRADICTED_EXIT, factcheck

Run = Callable[..., int]


@pytest.fixture
def run(bundled_db: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run `nextseason --offline factcheck ... --db <shipped catalog>`; its exit code."""
    monkeypatch.setitem(cli.commands, "factcheck", factcheck)

    def go(*args: str) -> int:
        with pytest.raises(SystemExit) as info:
            main(["--offline", "factcheck", *args, "--db", str(bundled_db)])
        code = info.value.code
        return code if isinstance(code, int) else 0

    return go


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_draft_with_no_contradiction_exits_0(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "ok.md", "# Dark\n\nDark premiered on Netflix in 2017.\n")
    assert run(path) == 0
    out = capsys.readouterr().out
    assert out.startswith("Fact-check: 2 claims: 2 supported, 0 contradicted, 0 unverifiable")


def test_a_draft_with_a_contradiction_exits_10(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.md", "Dark premiered in 2017. It is a Hulu original.\n")
    assert run(path, "--format", "json") == CONTRADICTED_EXIT == 10
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["contradicted"] == 1 and report["summary"]["supported"] == 1


def test_markdown_format_annotates_the_draft(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "d.md", "*Lupin* is an HBO Max original.\n")
    assert run(path, "-f", "md") == 10
    assert "*Lupin* is an HBO Max original **[✗1]**." in capsys.readouterr().out


def test_html_files_are_read_as_html(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "d.html", "<p><i>Squid Game</i> premiered in <b>2021</b>.</p>")
    assert run(path, "-f", "json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["source_format"] == "html" and report["summary"]["supported"] == 1


def test_standard_input_is_read_with_a_dash(
    run: Run, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    stdin = io.TextIOWrapper(io.BytesIO(b"Squid Game has two seasons.\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert run("-") == 10
    assert "1 contradicted" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
    ],
)
def test_empty_and_binary_files_are_refused_with_exit_2(
    run: Run,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / "input"
    path.write_bytes(content)
    assert run(str(path)) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err


def test_a_10_mb_file_is_refused_quickly_with_exit_2(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Bridgerton premiered in 2020. " * 350_000)
    start = time.perf_counter()
    assert run(str(path)) == 2
    assert time.perf_counter() - start < 5
    assert "larger than 2 MB" in capsys.readouterr().err


def test_missing_files_and_folders_are_usage_errors(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(str(tmp_path / "nope.md")) == 2
    assert "no such file" in capsys.readouterr().err
    assert run(str(tmp_path)) == 2
    assert "is a folder" in capsys.readouterr().err


def test_an_article_in_another_language_says_so_and_passes(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    french = (
        "Lupin est une série française diffusée sur Netflix depuis janvier 2021. "
        "Omar Sy y incarne Assane Diop, un gentleman cambrioleur qui veut venger son père. "
        "La troisième partie est sortie en octobre 2023 et les fans attendent la suite."
    )
    path = write(tmp_path, "fr.txt", french)
    assert run(path) == 0
    out = capsys.readouterr().out
    assert "0 claims" in out and "does not look like English" in out


def test_an_article_naming_no_show_says_so_and_passes(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "none.txt", "the weather was mild and the garden grew well.\n")
    assert run(path) == 0
    out = capsys.readouterr().out
    assert "0 claims" in out and "names no show" in out


def test_a_latin1_file_is_read(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Élite premiered on Netflix in 2018 — café.".encode("cp1252"))
    assert run(str(path)) == 0
    assert "2 supported" in capsys.readouterr().out


def test_online_an_unknown_title_is_looked_up_and_a_failing_source_only_warns(
    bundled_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from nextseason.errors import SourceUnavailable
    from nextseason.refresh.refresher import Refresher

    asked: list[str] = []

    def down(self: Refresher, title: str, *, year: int | None = None) -> object:
        asked.append(title)
        raise SourceUnavailable("TVmaze did not answer", source="tvmaze")

    monkeypatch.setenv("NEXTSEASON_OFFLINE", "0")
    monkeypatch.setattr(Refresher, "lookup_title", down)
    monkeypatch.setitem(cli.commands, "factcheck", factcheck)
    path = write(tmp_path, "new.md", 'The drama "Quantum Harbor Nights" premiered on Hulu.\n')
    with pytest.raises(SystemExit) as info:
        main(["factcheck", path, "--db", str(bundled_db)])
    assert info.value.code == 0
    captured = capsys.readouterr()
    assert asked == ["Quantum Harbor Nights"]
    assert "warning: could not look 'Quantum Harbor Nights' up live" in captured.err
    assert "1 unverifiable" in captured.out


def test_as_of_dates_the_check_and_bad_dates_are_refused(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "a.md", "Squid Game premiered on Netflix in 2021.\n")
    assert run(path) == 0
    assert "Checked as of today" in capsys.readouterr().out
    assert run(path, "--as-of", "2022-01-05") == 0
    assert "Checked as of 2022-01-05, the date given" in capsys.readouterr().out
    assert run(path, "--as-of", "2022-13-05") == 2
    assert run(path, "--as-of", "2999-01-01") == 2
    assert "after today" in capsys.readouterr().err
