"""The outlook of a show: odds with their factors and record, or why there are none."""

from __future__ import annotations

import json
import math
import re
from datetime import date
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.model import Outlook
from nextseason.outlook import scoring
from nextseason.outlook.features import SeasonFacts
from nextseason.outlook.predict import outlook_for
from nextseason.outlook.scoring import OutlookModelError, load_model, model_path
from nextseason.report.build import build_report
from nextseason.report.render import render
from tests.outlook.conftest import SOON


def _outlook(catalog: Catalog, ids: dict[str, int], case: str, **kw: object) -> Outlook:
    return outlook_for(catalog.show(ids[case]), today=kw.pop("today", SOON), **kw)  # type: ignore[arg-type]


def test_an_undecided_cable_drama_gets_odds_factors_and_a_record(
    catalog: Catalog, ids: dict[str, int]
) -> None:
    out = _outlook(catalog, ids, "waiting")
    assert out.status == "estimate"
    assert out.season == 2
    assert out.probability is not None and 0 < out.probability < 1
    assert out.interval is not None
    assert out.interval.low <= out.probability <= out.interval.high
    assert out.band in (
        "very likely renewed",
        "likely renewed",
        "toss-up",
        "likely cancelled",
        "very likely cancelled",
    )
    features = [f.feature for f in out.factors]
    assert "platform record" in features
    record = next(f for f in out.factors if f.feature == "platform record")
    assert "FX renewed" in record.value
    assert all(f.effect in ("raises", "lowers", "barely moves") for f in out.factors)
    contributions = [abs(f.contribution) for f in out.factors]
    assert contributions == sorted(contributions, reverse=True)
    assert out.track_record is not None
    assert out.track_record.scope == "cable shows"
    assert 0.5 < out.track_record.auc <= 1


def test_a_platform_the_files_never_name_gives_a_weak_estimate(
    catalog: Catalog, ids: dict[str, int]
) -> None:
    out = _outlook(catalog, ids, "unseen platform")
    assert out.status == "weak estimate"
    assert out.probability is not None
    assert "no decision by Tiny Stream Co" in (out.reason or "")


def test_without_a_platform_the_outlook_abstains(catalog: Catalog, ids: dict[str, int]) -> None:
    out = _outlook(catalog, ids, "no platform")
    assert out.status == "abstain"
    assert out.probability is None
    assert "No platform is known" in (out.reason or "")


def test_a_show_from_an_era_the_model_never_saw_abstains(
    catalog: Catalog, ids: dict[str, int]
) -> None:
    out = _outlook(catalog, ids, "old era", today=date(1985, 6, 1))
    assert out.status == "abstain"
    assert "aired in 1985" in (out.reason or "")


def test_a_show_known_only_by_its_platform_gets_a_wide_honest_interval(
    catalog: Catalog, ids: dict[str, int]
) -> None:
    bare = _outlook(catalog, ids, "bare")
    assert bare.status == "weak estimate"
    assert "Little is known" in (bare.reason or "")
    assert "the episode count" in (bare.reason or "")
    full = _outlook(catalog, ids, "waiting")
    assert bare.interval is not None and full.interval is not None
    width = bare.interval.high - bare.interval.low
    assert width > 2 * (full.interval.high - full.interval.low)
    assert width > 0.15


@pytest.mark.parametrize(
    ("case", "season", "today", "says"),
    [
        ("ended", None, date(2026, 11, 27), "season 3 is ended. TVmaze lists it as Ended"),
        ("renewed", 2, SOON, "season 2 is renewed. Season 2 has a date: 2021-12-01."),
        ("waiting", 1, SOON, "season 1 is renewed"),
    ],
)
def test_no_odds_for_a_season_already_decided(
    catalog: Catalog,
    ids: dict[str, int],
    case: str,
    season: int | None,
    today: date,
    says: str,
) -> None:
    out = _outlook(catalog, ids, case, season=season, today=today)
    assert out.status == "not applicable"
    assert out.probability is None and out.interval is None and not out.factors
    assert f"No odds are shown: {says}" in (out.reason or "")


def test_a_running_show_gets_odds_for_its_next_season(
    catalog: Catalog, ids: dict[str, int]
) -> None:
    out = _outlook(catalog, ids, "renewed", today=date(2022, 6, 1))
    assert (out.season, out.status) == (3, "weak estimate")
    assert out.probability is not None


def test_a_reading_years_old_makes_the_estimate_weak(catalog: Catalog, ids: dict[str, int]) -> None:
    out = _outlook(catalog, ids, "waiting", today=date(2026, 11, 27))
    assert out.status == "weak estimate"
    assert "The newest status reading is from 2020-12-31" in (out.reason or "")


def test_a_long_wait_past_the_decision_window_lowers_the_odds(
    catalog: Catalog, ids: dict[str, int]
) -> None:
    out = _outlook(catalog, ids, "long wait", today=date(2022, 3, 1))
    waiting = out.factors[0]
    assert waiting.feature == "time without a decision"
    assert waiting.effect == "lowers"
    assert "past Netflix's usual 4-month window" in waiting.words


def test_the_factors_add_up_to_the_estimate() -> None:
    model = load_model()
    facts = SeasonFacts(
        platform="NBC",
        platform_kind="network",
        season=1,
        year=2022,
        episodes=13,
        runtime=30,
        genres=("Comedy",),
        premiere_year=2022,
    )
    scored = model.score(facts)
    logit = math.log(scored.probability / (1 - scored.probability))
    assert logit == pytest.approx(scored.base + sum(scored.contributions.values()), abs=1e-9)


def test_the_shipped_model_is_small_and_verified() -> None:
    path = model_path()
    assert path.stat().st_size <= 1_000_000
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "nextseason-outlook-model/1"
    assert len(doc["sha256"]) == 64


@pytest.fixture
def broken(tmp_path: Path) -> dict[str, Path]:
    good = model_path().read_text(encoding="utf-8")
    corrupt = tmp_path / "truncated.json"
    corrupt.write_text(good[: len(good) // 2], encoding="utf-8")
    tampered = tmp_path / "tampered.json"
    doc = json.loads(good)
    doc["model"]["intercept"] += 1.0
    tampered.write_text(json.dumps(doc), encoding="utf-8")
    return {"truncated": corrupt, "tampered": tampered, "missing": tmp_path / "absent.json"}


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("truncated", "is corrupt (not valid JSON)"),
        ("tampered", "its checksum does not match"),
        ("missing", "is missing"),
    ],
)
def test_a_broken_model_file_gives_a_clear_error(
    catalog: Catalog, ids: dict[str, int], broken: dict[str, Path], kind: str, message: str
) -> None:
    with pytest.raises(OutlookModelError, match=re.escape(message)) as caught:
        _outlook(catalog, ids, "waiting", model_file=broken[kind])
    assert "nextseason outlook train" in str(caught.value)


def test_a_decided_show_needs_no_model(
    catalog: Catalog, ids: dict[str, int], broken: dict[str, Path]
) -> None:
    out = _outlook(catalog, ids, "ended", model_file=broken["missing"])
    assert out.status == "not applicable"


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_the_report_still_builds_when_the_model_file_is_corrupt(
    catalog: Catalog,
    ids: dict[str, int],
    broken: dict[str, Path],
    fmt: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(scoring, "model_path", lambda: broken["truncated"])
    report = build_report(catalog, ids["waiting"], today=SOON)
    outlook = report.outlook
    assert outlook is not None
    assert outlook.status == "abstain"
    shown = render(report, fmt, width=400)
    assert "is corrupt (not valid JSON)" in shown
    assert report.status.reason.split(":")[0] in shown  # the status section is still there


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_the_report_shows_the_odds_factors_and_record(
    catalog: Catalog, ids: dict[str, int], fmt: str
) -> None:
    report = build_report(catalog, ids["waiting"], today=SOON)
    outlook = report.outlook
    assert outlook is not None
    assert outlook.probability is not None
    shown = render(report, fmt, width=400)
    assert f"{outlook.probability:.0%} chance of renewal" in shown
    assert "Factor: platform record" in shown
    assert "Track record" in shown and "AUC" in shown
