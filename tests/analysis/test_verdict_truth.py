"""The verdicts against shows labelled from public knowledge before any tuning."""

from __future__ import annotations

import sys
from pathlib import Path

from nextseason.catalog import Catalog

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_high_confidence_verdicts_are_right_on_the_labelled_shows(bundled: Catalog) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import verdict_eval
    finally:
        sys.path.remove(str(BENCH))
    labels = [label for label in verdict_eval.read_labels() if label.part == "tune"]
    assert len(labels) >= 300
    tally = verdict_eval.judge(bundled, labels)["tune"]
    # A verdict the report calls high confidence must be right (grouped) 97% of the time.
    assert tally["high"] >= 100
    assert tally["high right"] / tally["high"] >= 0.97
    # Nowhere near the aim yet (see the README), but never worse than this.
    assert tally["grouped"] / tally["scored"] >= 0.70
    assert tally["unknown"] / tally["shows"] <= 0.30


def test_an_announced_final_season_is_quoted_in_the_report(bundled: Catalog) -> None:
    from nextseason.analysis.status import facts_from_bundle, verdict_for
    from nextseason.catalog.queries import shows_by_key

    with bundled.connect() as conn:
        [entry] = [e for e in shows_by_key(conn, "brooklyn nine nine") if e.year == 2013]
    from datetime import date

    verdict = verdict_for(facts_from_bundle(bundled.show(entry.id)), date(2025, 6, 1))
    assert (verdict.verdict, verdict.basis) == ("ended", "announced")
    assert "Final Season" in verdict.reason and "(NBC)" in verdict.reason
    assert verdict.evidence_date is not None and verdict.stale_note is not None
