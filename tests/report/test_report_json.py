"""The JSON report: the documented, versioned schema, which round-trips into a Report."""

from __future__ import annotations

import json
from pathlib import Path

from nextseason.model import REPORT_SCHEMA_VERSION, Report
from nextseason.report.render import json_schema, render

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_json_round_trips_into_a_report(report: Report) -> None:
    text = render(report, "json")
    again = Report.model_validate_json(text)
    assert again.model_dump_json(indent=2) + "\n" == text
    assert again.status == report.status
    assert again.sources == report.sources


def test_json_carries_its_schema_version(report: Report) -> None:
    data = json.loads(render(report, "json"))
    assert data["schema_version"] == REPORT_SCHEMA_VERSION
    assert data["status"]["verdict"] == report.status.verdict
    assert data["outlook"]["status"] in ("estimate", "weak estimate", "abstain", "not applicable")


def test_json_keeps_untrusted_strings_as_data(report: Report) -> None:
    data = json.loads(render(report, "json"))
    assert "<script>alert(1)</script>" in data["next_season"]["finale"]["summary"]


def test_committed_schema_matches_the_model() -> None:
    committed = (DOCS / "report.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema(), (
        "docs/report.schema.json is stale: regenerate it with "
        "nextseason.report.render.json_schema() (see docs/report-json.md)"
    )


def test_json_doc_names_every_top_level_key() -> None:
    doc = (DOCS / "report-json.md").read_text(encoding="utf-8")
    for key in Report.model_fields:
        assert f"| `{key}` |" in doc, key
