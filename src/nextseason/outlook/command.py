"""``nextseason outlook``: the renewal odds of a show, and ``outlook train`` to rebuild them.

``nextseason outlook TITLE`` (or ``outlook show TITLE``) prints the outlook of the show's next
season; ``nextseason outlook train`` refits the shipped model from ``raw/`` and prints its
figures. A show titled "train" is reached with ``nextseason outlook show train``.

This module imports click only; the library loads when a command runs, so registering the
group costs the CLI nothing at start-up.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from nextseason.options import SHOW_ID, db_option, year_option

__all__ = ["outlook"]

FORMATS = ("text", "json")


class _DefaultGroup(click.Group):
    """A group whose first argument, when it is not a subcommand, is a show title."""

    default = "show"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = [self.default, *args]
        elif not args:
            args = [self.default]
        return super().parse_args(ctx, args)


@click.group("outlook", cls=_DefaultGroup)
def outlook() -> None:
    """The odds that TITLE's next season is made: `nextseason outlook TITLE`."""


@outlook.command("show")
@click.argument("title", required=False)
@click.option("--id", "show_id", type=SHOW_ID, default=None, help="The show's catalog id.")
@click.option(
    "--season",
    "-s",
    type=click.IntRange(min=2),
    default=None,
    help="Season N (default: the next one).",
)
@year_option
@click.option(
    "--format", "-f", "fmt", type=click.Choice(FORMATS), default="text", show_default=True
)
@db_option
def show(
    title: str | None,
    show_id: int | None,
    season: int | None,
    year: int | None,
    fmt: str,
    db: str | None,
) -> None:
    """The renewal odds of TITLE's next season, the factors behind them and the model's record."""
    from nextseason import cli_support as helpers
    from nextseason.outlook.predict import outlook_for

    helpers.need_show(title, show_id, 'nextseason outlook "Wednesday"')
    settings = helpers.settings_for(db)
    with helpers.open_catalog(settings) as catalog:
        entry = helpers.find_or_fetch(catalog, settings, title, year, show_id)
        bundle = catalog.show(entry.id)
    result = outlook_for(bundle, today=helpers.today_for(settings), season=season)
    if fmt == "json":
        doc: dict[str, Any] = {
            "show": {
                "id": entry.id,
                "title": entry.title,
                "year": entry.year,
                "platform": entry.platform,
            },
            "outlook": result.model_dump(mode="json"),
        }
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    from nextseason.outlook.words import outlook_lines

    bits = ", ".join(str(b) for b in (entry.year, entry.platform) if b)
    click.echo(f"{entry.title}{f' ({bits})' if bits else ''}: outlook for season {result.season}")
    for label, text in outlook_lines(result):
        click.echo(f"  {label}: {text}")


def _repo_raw() -> Path:
    """``raw/`` of the source tree: the working directory's, else the one beside an
    editable install's sources."""
    here = Path.cwd() / "raw"
    if (here / "outcomes").is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "raw"


@outlook.command("train")
@click.option(
    "--raw",
    "raw_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The raw/ folder holding outcomes/ and netflix/ (default: the repository's).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the model (default: the one shipped inside the package).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 when the shipped model differs from a fresh training.",
)
def train(raw_dir: Path | None, output: Path | None, check: bool) -> None:
    """Rebuild the outlook model from the labelled outcomes in raw/, reproducibly."""
    from nextseason.errors import BuildError, UsageError

    try:
        from nextseason.outlook.train import train_model
    except ImportError as exc:  # scikit-learn is in the build/test extras only
        raise UsageError(
            f"training needs scikit-learn ({exc})",
            hint="pip install 'nextseason[build]'",
        ) from None
    from nextseason.cli_support import atomic_write
    from nextseason.outlook.scoring import compare_models, model_path

    raw = raw_dir or _repo_raw()
    if not raw.is_dir():
        raise BuildError(f"raw folder not found: {raw}", hint="pass --raw DIR")
    model, labels = train_model(raw)
    click.echo("labelled seasons:")
    for line in labels.counts.lines():
        click.echo(f"  {line}")
    meta = model.meta
    record = meta["track_record"]
    click.echo(
        f"model: {meta['rows']:,} seasons ({meta['renewed']:,} renewed), aired "
        f"{meta['years'][0]}-{meta['years'][1]}, C={meta['c']}, Platt "
        f"a={model.platt[0]:.3f} b={model.platt[1]:.3f}"
    )
    click.echo(
        f"track record ({record['period']}): n={record['n']:,} AUC {record['auc']:.3f} "
        f"Brier {record['brier']:.4f} skill {record['brier_skill']:+.3f} "
        f"accuracy {record['accuracy']:.3f}"
    )
    for kind, figures in record["by_type"].items():
        click.echo(
            f"  {kind}: n={figures['n']:,} AUC {figures['auc']:.3f} "
            f"Brier {figures['brier']:.4f} skill {figures['brier_skill']:+.3f}"
        )
    data = model.file_bytes()
    target = output or model_path()
    if check:
        current = target.read_bytes() if target.is_file() else b""
        if current == data:
            click.echo(f"ok: {target} reproduces byte for byte ({len(data):,} bytes)")
            return
        found = compare_models(current, data)
        if found is None:
            click.echo(f"the model at {target} is missing or unreadable", err=True)
            raise SystemExit(1)
        if found:
            click.echo(f"the model at {target} differs from a fresh training:", err=True)
            for line in found[:10]:
                click.echo(f"  {line}", err=True)
            raise SystemExit(1)
        click.echo(f"ok: {target} reproduces (numbers equal within 1e-5)")
        return
    with atomic_write(target) as tmp:
        tmp.write_bytes(data)
    click.echo(f"wrote {target} ({len(data):,} bytes)")
