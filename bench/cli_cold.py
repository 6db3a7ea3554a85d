"""The CLI end to end as fresh processes, against a bare interpreter: `report TITLE --format
json` and `search TITLE`.

Target (issue 22): each at most 25x a bare `python -c pass`, the median of 7 pairs run in
turn. Every round runs `python -c pass` then `report`, then `python -c pass` then `search`, so
that load on the (shared) machine falls on both sides of a ratio alike. The catalog is seeded
once before timing (first use unpacks the bundled catalog) and the similar-shows index is
cached by that run too. The package's bytecode is compiled first, as `pip install .` does: from
an editable install, or with PYTHONDONTWRITEBYTECODE set, every run would otherwise compile the
package's sources again (about 0.1 s), which no installed copy does.

Then one `python -X importtime` run of each command: the packages that cost the most to import
(their own time, summed) and whether the heavy optional ones were imported at all.

    python bench/cli_cold.py [PAIRS]
"""

from __future__ import annotations

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


def main(pairs: int = 7) -> None:
    compileall.compile_dir(nextseason.__path__[0], quiet=1)
    home = temp_dir()
    env = dict(os.environ, NEXTSEASON_HOME=str(home), COLUMNS="120")
    base = [sys.executable, "-m", "nextseason"]
    first = _run([*base, *COMMANDS["report"]], env)
    bare = [sys.executable, "-c", "pass"]
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    baselines: dict[str, list[float]] = {name: [] for name in COMMANDS}
    load_before = os.getloadavg()[0]
    for _ in range(pairs):
        for name, args in COMMANDS.items():
            baselines[name].append(_run(bare, env))
            times[name].append(_run([*base, *args], env))
    load_after = os.getloadavg()[0]
    print(f"machine: {machine()}; load average {load_before:.2f} before, {load_after:.2f} after")
    print(f"first run (unpacks the bundled catalog, builds the similar index): {first:.2f} s")
    for name, args in COMMANDS.items():
        median = statistics.median(times[name])
        bare_median = statistics.median(baselines[name])
        ratio = median / bare_median
        paired = statistics.median(t / b for t, b in zip(times[name], baselines[name], strict=True))
        verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
        print(
            f"`nextseason {' '.join(args)}`, {pairs} pairs: median {median:.3f} s "
            f"(min {min(times[name]):.3f} s); bare `python -c pass` median {bare_median:.4f} s; "
            f"ratio {ratio:.1f}x (median of paired ratios {paired:.1f}x); "
            f"target <= {TARGET_RATIO:.0f}x: {verdict}"
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
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
