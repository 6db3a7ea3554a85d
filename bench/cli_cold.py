"""The CLI end to end as fresh processes, against a bare interpreter: `report TITLE --format
json` and `search TITLE`.

Target (issue 22): each at most 25x a bare `python -c pass`, the median of 7 pairs run in
turn. Every round runs `python -c pass` then `report`, then `python -c pass` then `search`, so
that load on the (shared) machine falls on both sides of a ratio alike. The catalog is seeded
once before timing (first use unpacks the bundled catalog) and the similar-shows index is
cached by that run too. The package's bytecode is compiled first, as `pip install .` does: from
an editable install, or with PYTHONDONTWRITEBYTECODE set, every run would otherwise compile the
package's sources again (about 0.1 s), which no installed copy does.

Each round also times, as a floor, a bare interpreter importing only the libraries the command
cannot answer without as the project is built (Click for the command line, SQLAlchemy for every
catalog read, pydantic-settings for the settings; rapidfuzz to rank a search; numpy for the
similar-shows index and the report's schema, a pydantic model, for a report): no code of the
command runs, so no change to the command can bring it under that floor.

Then one `python -X importtime` run of each command: the packages that cost the most to import
(their own time, summed) and whether the heavy optional ones were imported at all.

With ``--against SRC`` (the ``src`` folder of another checkout, e.g. from ``git archive``), each
round also runs both commands from that code, right after this code's, so that a change is
measured against what came before in one run under the same load.

    python bench/cli_cold.py [--pairs 7] [--against OTHER/src]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict

import nextseason
from _common import machine, temp_dir

TITLE = "Tiny Pretty Things"
TARGET_RATIO = 25.0
COMMANDS = {
    "report": ["report", TITLE, "--format", "json"],
    "search": ["search", TITLE],
}
#: The libraries alone, imported by a bare interpreter: the floor under each command.
FLOORS = {
    "search": "import click, sqlalchemy, pydantic_settings, rapidfuzz",
    "report": "import click, sqlalchemy, pydantic_settings, numpy, nextseason.model",
}
#: Imports a text or JSON answer should not need (issue 22), reported as present or absent.
HEAVY = ("numpy", "matplotlib", "pydantic", "pydantic_settings", "jinja2", "httpx", "rich")


def _run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def _import_costs(argv: list[str], env: dict[str, str]) -> tuple[dict[str, float], float]:
    """Seconds of import time by top-level package (nextseason by subpackage), and the total."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], env=env, check=True, capture_output=True
    )
    costs: dict[str, float] = defaultdict(float)
    for line in done.stderr.decode().splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = line.removeprefix("import time:").split("|")
        parts = name.strip().split(".")
        key = ".".join(parts[:2]) if parts[0] == "nextseason" else parts[0]
        costs[key] += int(own) / 1e6
    return dict(costs), sum(costs.values())


def main(pairs: int = 7, against: str | None = None) -> None:
    compileall.compile_dir(nextseason.__path__[0], quiet=1)
    home = temp_dir()
    env = dict(os.environ, NEXTSEASON_HOME=str(home), COLUMNS="120")
    codes = {"this code": env}
    if against:
        compileall.compile_dir(against, quiet=1)
        codes["--against"] = dict(env, PYTHONPATH=against)
    base = [sys.executable, "-m", "nextseason"]
    first = _run([*base, *COMMANDS["report"]], env)
    for other in list(codes.values())[1:]:
        _run([*base, *COMMANDS["report"]], other)
    bare = [sys.executable, "-c", "pass"]
    times: dict[tuple[str, str], list[float]] = {(n, c): [] for n in COMMANDS for c in codes}
    baselines: dict[str, list[float]] = {name: [] for name in COMMANDS}
    floors: dict[str, list[float]] = {name: [] for name in COMMANDS}
    load_before = os.getloadavg()[0]
    for _ in range(pairs):
        for name, args in COMMANDS.items():
            baselines[name].append(_run(bare, env))
            floors[name].append(_run([sys.executable, "-c", FLOORS[name]], env))
            for code, code_env in codes.items():
                times[(name, code)].append(_run([*base, *args], code_env))
    load_after = os.getloadavg()[0]
    print(f"machine: {machine()}; load average {load_before:.2f} before, {load_after:.2f} after")
    print(f"first run (unpacks the bundled catalog, builds the similar index): {first:.2f} s")
    for (name, code), runs in times.items():
        median = statistics.median(runs)
        bare_median = statistics.median(baselines[name])
        ratio = median / bare_median
        paired = statistics.median(t / b for t, b in zip(runs, baselines[name], strict=True))
        verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
        print(
            f"`nextseason {' '.join(COMMANDS[name])}` ({code}), {pairs} pairs: median "
            f"{median:.3f} s (min {min(runs):.3f} s); bare `python -c pass` median "
            f"{bare_median:.4f} s; ratio {ratio:.1f}x (median of paired ratios {paired:.1f}x); "
            f"target <= {TARGET_RATIO:.0f}x: {verdict}"
        )
    for name, runs in floors.items():
        bare_median = statistics.median(baselines[name])
        paired = statistics.median(t / b for t, b in zip(runs, baselines[name], strict=True))
        print(
            f'floor under `{name}`, `python -c "{FLOORS[name]}"`: median '
            f"{statistics.median(runs):.3f} s, {statistics.median(runs) / bare_median:.1f}x the "
            f"bare interpreter (median of paired ratios {paired:.1f}x)"
        )
    for name, args in COMMANDS.items():
        costs, total = _import_costs(["-m", "nextseason", *args], env)
        top = sorted(costs.items(), key=lambda kv: -kv[1])[:12]
        print(f"\n-X importtime, `{name}`: {total:.3f} s of imports (own times summed, inflated)")
        for package, seconds in top:
            print(f"  {seconds * 1000:7.1f} ms  {package}")
        present = [m for m in HEAVY if m in costs]
        absent = [m for m in HEAVY if m not in costs]
        print(f"  imported: {', '.join(present) or '-'}; not imported: {', '.join(absent) or '-'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7, help="rounds of pairs (default 7)")
    parser.add_argument("--against", default=None, help="another checkout's src folder")
    options = parser.parse_args()
    main(options.pairs, options.against)
