"""The deployment files run commands that exist: every nextseason command line in
deploy/compose.yaml and deploy/systemd/ is parsed by the CLI itself, options and values
included, and the files hold what a deployment needs (PostgreSQL, serve, worker --follow;
units and timers for check, sync and worker)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import yaml

from nextseason.cli import cli

DEPLOY = Path(__file__).parent.parent.parent / "deploy"
SYSTEMD = DEPLOY / "systemd"


def parse_unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """A systemd unit file: sections of keys, each key with all its values (keys repeat)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None, f"{path.name}: {line!r} outside a section"
        key, sep, value = line.partition("=")
        assert sep, f"{path.name}: {line!r} is not key=value"
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def nextseason_args(argv: list[str]) -> list[str]:
    """The arguments after the nextseason executable (a path or the image's entry point)."""
    assert argv and Path(argv[0]).name == "nextseason", f"not a nextseason command: {argv}"
    return argv[1:]


def command_path(args: list[str]) -> list[str]:
    """Parse ``args`` as the CLI would, without running anything: every group and command
    on the way, their options and values checked by click. Returns the command names."""
    ctx = cli.make_context("nextseason", list(args))
    names: list[str] = []
    command: click.Command = cli
    while isinstance(command, click.Group):
        rest = [*ctx._protected_args, *ctx.args]
        assert rest, f"{args}: no command after {' '.join(names) or 'nextseason'}"
        name, sub, remaining = command.resolve_command(ctx, rest)
        assert sub is not None and name is not None
        names.append(name)
        ctx = sub.make_context(name, remaining, parent=ctx)
        command = sub
    assert not ctx.args, f"{args}: left over {ctx.args}"
    return names


def compose() -> dict[str, object]:
    loaded = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def compose_commands() -> Iterator[tuple[str, list[str]]]:
    services = compose()["services"]
    assert isinstance(services, dict)
    for name, service in services.items():
        if service.get("image", "").startswith("nextseason") or "build" in service:
            command = service["command"]
            if command != ["--help"]:  # the service for one-off `docker compose run`s
                yield name, ["nextseason", *command]


def unit_commands() -> Iterator[tuple[str, list[str]]]:
    for path in sorted(SYSTEMD.glob("*.service")):
        for line in parse_unit(path)["Service"]["ExecStart"]:
            yield path.name, shlex.split(line)


def test_compose_runs_postgresql_serve_and_a_following_worker() -> None:
    services = compose()["services"]
    assert isinstance(services, dict)
    assert services["postgres"]["image"].startswith("postgres:")
    commands = {name: args for name, args in compose_commands()}
    assert command_path(nextseason_args(commands["serve"])) == ["serve"]
    assert command_path(nextseason_args(commands["worker"])) == ["worker"]
    assert "--follow" in commands["worker"]
    for name in ("serve", "worker", "migrate"):
        env = services[name]["environment"]
        assert env["NEXTSEASON_DB"].startswith("postgresql+psycopg://")
        assert "@postgres:5432/" in env["NEXTSEASON_DB"]
    # No password in the file: it comes from the environment of whoever runs compose.
    assert "${NEXTSEASON_DB_PASSWORD" in services["postgres"]["environment"]["POSTGRES_PASSWORD"]
    built = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert '"/src[web,postgresql]"' in built and 'ENTRYPOINT ["nextseason"]' in built


@pytest.mark.parametrize(("where", "argv"), [*compose_commands(), *unit_commands()])
def test_every_command_the_deployment_runs_exists_with_its_options(
    where: str, argv: list[str]
) -> None:
    names = command_path(nextseason_args(argv))
    assert names, where


def test_systemd_has_units_and_timers_for_check_sync_and_worker() -> None:
    services = {p.stem: parse_unit(p) for p in SYSTEMD.glob("*.service")}
    commands = {
        name: command_path(nextseason_args(shlex.split(unit["Service"]["ExecStart"][0])))
        for name, unit in services.items()
    }
    assert commands["nextseason-check"] == ["check"]
    assert commands["nextseason-sync"] == ["sync"]
    assert commands["nextseason-worker"] == ["worker"]
    assert commands["nextseason-serve"] == ["serve"]
    # check exits 10 when something changed: a success for systemd.
    assert services["nextseason-check"]["Service"]["SuccessExitStatus"] == ["10"]
    assert services["nextseason-worker"]["Service"]["Restart"] == ["on-failure"]
    for name in ("nextseason-check", "nextseason-sync"):
        assert services[name]["Service"]["Type"] == ["oneshot"]
        timer = parse_unit(SYSTEMD / f"{name}.timer")
        assert timer["Timer"]["Unit"] == [f"{name}.service"]
        assert timer["Timer"]["OnCalendar"]
        assert timer["Install"]["WantedBy"] == ["timers.target"]
    for unit in services.values():
        service = unit["Service"]
        assert service["User"] == ["nextseason"]
        assert service["EnvironmentFile"] == ["/etc/nextseason/nextseason.env"]


def test_a_misspelt_option_would_be_caught() -> None:
    """The check above is real: click refuses what the CLI does not have."""
    with pytest.raises(click.UsageError):
        command_path(["worker", "--folow"])
    with pytest.raises(click.UsageError):
        command_path(["sink"])
    with pytest.raises(click.BadParameter):
        command_path(["serve", "--port", "99999"])


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_itself_finds_nothing_wrong_with_the_units(tmp_path: Path) -> None:
    """`systemd-analyze verify` on copies pointing at this installation's nextseason: no
    unknown key, bad value or missing unit (its messages would be its output)."""
    here = shutil.which("nextseason")
    assert here is not None
    for path in [*SYSTEMD.glob("*.service"), *SYSTEMD.glob("*.timer")]:
        text = path.read_text(encoding="utf-8").replace("/opt/nextseason/bin/nextseason", here)
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")
