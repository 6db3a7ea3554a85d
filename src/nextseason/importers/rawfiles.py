"""Opening the raw input files of the bundled catalog: plain or gzipped, errors named by file.

Every reader goes through here, so a missing file, a truncated gzip stream, bad UTF-8 or
malformed JSON/CSV becomes one :class:`~nextseason.errors.BuildError` that names the file,
never a traceback.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nextseason.errors import BuildError

__all__ = ["RawDir", "RawFile", "bad_value", "read_csv", "read_json", "read_text"]


@dataclass(frozen=True, slots=True)
class RawFile:
    """One raw input file and the name it goes by in messages and reports."""

    path: Path
    name: str  # relative to the raw folder, e.g. "netflix/top10_all-weeks-global.tsv.gz"
    #: how messages call it: "raw file" for the bundled build, "file" for a user's import
    what: str = "raw file"


@dataclass(frozen=True, slots=True)
class RawDir:
    """The ``raw/`` folder of the repository (or a test's subset of it)."""

    root: Path

    def _raw(self, path: Path) -> RawFile:
        return RawFile(path, path.relative_to(self.root).as_posix())

    def file(self, name: str) -> RawFile:
        """``root/name`` or ``root/name.gz``, whichever exists; a BuildError if neither."""
        plain = self.root / name
        for candidate in (plain, plain.with_name(plain.name + ".gz")):
            if candidate.is_file():
                return self._raw(candidate)
        raise BuildError(
            f"raw file missing: {name} (looked for {plain} and {plain.name}.gz)",
            hint="restore raw/ from the repository, or point the build at the folder holding it",
        )

    def files(self, folder: str, pattern: str) -> list[RawFile]:
        """Files in ``root/folder`` matching ``pattern`` (plain or .gz), sorted by name."""
        where = self.root / folder
        if not where.is_dir():
            raise BuildError(f"raw folder missing: {folder} (expected {where})")
        found = sorted({*where.glob(pattern), *where.glob(pattern + ".gz")})
        if not found:
            raise BuildError(f"no raw files matching {folder}/{pattern} in {where}")
        return [self._raw(p) for p in found]


def read_text(raw: RawFile) -> str:
    """The whole file as text (UTF-8, BOM stripped), gunzipped when it ends in .gz."""
    try:
        if raw.path.suffix == ".gz":
            with gzip.open(raw.path, "rb") as fh:
                data = fh.read()
        else:
            data = raw.path.read_bytes()
        return data.decode("utf-8-sig")
    except FileNotFoundError:
        raise BuildError(f"{raw.what} missing: {raw.name}") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise BuildError(f"cannot read {raw.what} {raw.name}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise BuildError(f"{raw.what} {raw.name} is not UTF-8 text: {exc}") from None


def read_json(raw: RawFile) -> Any:
    try:
        return json.loads(read_text(raw))
    except json.JSONDecodeError as exc:
        raise BuildError(f"{raw.what} {raw.name} is not valid JSON: {exc}") from None


def read_csv(
    raw: RawFile,
    *,
    required: tuple[str, ...],
    delimiter: str = ",",
    known: tuple[str, ...] | None = None,
) -> list[dict[str, str]]:
    """Rows as dicts; every ``required`` column must be in the header, every row complete.

    ``known``: the file's whole header as published; a column outside it means the file is
    not the one the reader was written for (a new version, another export), and the build
    stops rather than guess what it holds."""
    reader = csv.DictReader(io.StringIO(read_text(raw), newline=""), delimiter=delimiter)
    rows: list[dict[str, str]] = []
    try:
        header = list(reader.fieldnames or [])
        missing = [c for c in required if c not in header]
        if missing:
            raise BuildError(
                f"{raw.what} {raw.name} lacks column(s) {', '.join(missing)}"
                f" (header: {', '.join(header) or 'empty'})"
            )
        unexpected = [c for c in header if known is not None and c not in known]
        if unexpected:
            raise BuildError(
                f"{raw.what} {raw.name} has unexpected column(s) {', '.join(unexpected)}"
                f" (expected: {', '.join(known or ())})"
            )
        for row in reader:
            # DictReader files surplus cells under None and pads short rows with None.
            if None in row or any(v is None for v in row.values()):
                raise BuildError(
                    f"{raw.what} {raw.name} line {reader.line_num}: expected {len(header)} "
                    "columns, the row has a different count"
                )
            rows.append(row)
    except csv.Error as exc:
        raise BuildError(
            f"{raw.what} {raw.name} is malformed CSV at line {reader.line_num}: {exc}"
        ) from None
    return rows


def bad_value(raw: RawFile, row: int, column: str, exc: Exception) -> BuildError:
    """The error for a value a reader cannot use; ``row`` counts data rows from 1."""
    return BuildError(f"{raw.what} {raw.name}, data row {row}, column {column!r}: {exc}")
