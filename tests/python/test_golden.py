"""Golden cases: tiny hand-made extract sets (tests/golden/raw) and KPI values worked out by hand
(tests/golden/expected/<family>.yml, arithmetic in the comments), checked against fct_kpi_values.

Each family's expectations are computed on the shared master data (`<table>.common.csv`) plus that family's own
part files (`<table>.<family>.csv`) only, so one family's rows never shift another family's hand arithmetic."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.contract import REPO_ROOT
from tests.python.warehouse import BuiltWarehouse, build_warehouse, failure_summary

GOLDEN_DIR = REPO_ROOT / "tests" / "golden"
KEY_FIELDS = ("metric_id", "period_grain", "period_start", "dimension_name", "dimension_value")
VARS_FILE = "_dbt_vars.json"


def expected_cases() -> list[dict[str, Any]]:
    cases = []
    for path in sorted((GOLDEN_DIR / "expected").glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append({**case, "file": path.name})
    return cases


CASES = expected_cases()


def family_extracts(family: str, target: Path) -> Path:
    """The golden extract set of one family: header-only main files, common master data and its own parts, and the
    family's own dbt vars (`_dbt_vars.<family>.json`, passed as a data set's `_dbt_vars.json`) where its tiny
    extracts need smaller thresholds than a real centre's."""
    target.mkdir(parents=True, exist_ok=True)
    for path in (GOLDEN_DIR / "raw").iterdir():
        part = path.name.split(".")[1] if path.name.count(".") == 2 else None
        if part in (None, "common", family):
            name = VARS_FILE if path.name.startswith("_dbt_vars.") else path.name
            (target / name).symlink_to(path)
    return target


@pytest.fixture(scope="module")
def golden_warehouses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltWarehouse]:
    """Built lazily, once per family."""
    return {}


def golden_warehouse(family: str, cache: dict[str, BuiltWarehouse], tmp_path_factory: pytest.TempPathFactory):
    if family not in cache:
        work_dir = tmp_path_factory.mktemp(f"golden_{family}")
        cache[family] = build_warehouse(family_extracts(family, work_dir / "raw"), work_dir)
    warehouse = cache[family]
    assert warehouse.succeeded, failure_summary(warehouse)
    return warehouse


def _close(actual: float | None, expected: float | None) -> bool:
    if expected is None or actual is None:
        return actual is None and expected is None
    return math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)


def test_golden_cases_exist() -> None:
    assert len(CASES) > 0


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c['file']}:{c['metric_id']}:{c['dimension_name']}={c['dimension_value']}" for c in CASES]
)
def test_golden_kpi_value(
    golden_warehouses: dict[str, BuiltWarehouse], tmp_path_factory: pytest.TempPathFactory, case: dict[str, Any]
) -> None:
    warehouse = golden_warehouse(Path(case["file"]).stem, golden_warehouses, tmp_path_factory)
    rows = warehouse.query(
        """
        select numerator, denominator, value, not_available_reason, meets_target, target_operator, target_value,
            target_low, target_high
        from fct_kpi_values
        where metric_id = ? and period_grain = ? and period_start = ? and dimension_name = ? and dimension_value = ?
        """,
        [str(case[field]) for field in KEY_FIELDS],
    )
    assert len(rows) == 1, f"expected one fct_kpi_values row for {case}, found {len(rows)}"
    numerator, denominator, value, reason, meets_target, operator, *bounds = rows[0]
    if "numerator" in case:
        assert _close(numerator, case["numerator"]), f"numerator {numerator} != {case['numerator']}"
    if "denominator" in case:
        assert _close(denominator, case["denominator"]), f"denominator {denominator} != {case['denominator']}"
    assert _close(value, case["value"]), f"value {value} != {case['value']}"
    if case["value"] is None:
        assert reason, "a null KPI must carry a not_available_reason"
    # optional: the reason names the cause (e.g. the missing extract), and the target the row is judged against
    if "reason_contains" in case:
        expected_reason = case["reason_contains"]
        assert expected_reason in (reason or ""), f"not_available_reason {reason!r} lacks {expected_reason!r}"
    if "meets_target" in case:
        assert meets_target is case["meets_target"], f"meets_target {meets_target} != {case['meets_target']}"
    if "target_operator" in case:
        assert operator == case["target_operator"], f"target_operator {operator} != {case['target_operator']}"
    for field, actual in zip(("target_value", "target_low", "target_high"), bounds, strict=True):
        if field in case:
            assert _close(actual, case[field]), f"{field} {actual} != {case[field]}"


# fct_agent_scorecard_monthly of the people family, December 2025, worked by hand in tests/golden/expected/people.yml
# (agent scorecard section); this family ranks from 3 handled contacts and half the weight measured.
# agent: (score, handled contacts, measured weight share, not_ranked_reason, rank, top three, bottom three,
#         months running in the top three, reward)
FEWER_CONTACTS = "fewer handled contacts than var scorecard_min_handled_contacts"
LESS_WEIGHT = "less scorecard weight measured than var scorecard_min_measured_weight_share"
PEOPLE_SCORECARD_DECEMBER = {
    # tied at rank 1 after tying in October and November too: both earn the first reward
    "PE-A3": (92.5, 3, 0.5, None, 1, True, True, 3, 500),
    "A3": (92.5, 4, 0.5, None, 1, True, True, 3, 500),
    # third after a tie for first; three ranked, so also in the bottom three; first month in the top three
    "PE-A1": (67.5, 5, 0.5, None, 3, True, True, 1, 0),
    "A1": (15.0, 2, 0.5, FEWER_CONTACTS, None, False, False, 0, 0),  # lowest score, yet neither ranked nor bottom
    "A4": (50.0, 4, 0.3, LESS_WEIGHT, None, False, False, 0, 0),  # QA only: 0.3 of the weight
}


def test_people_agent_scorecard_ranking(
    golden_warehouses: dict[str, BuiltWarehouse], tmp_path_factory: pytest.TempPathFactory
) -> None:
    warehouse = golden_warehouse("people", golden_warehouses, tmp_path_factory)
    rows = warehouse.query(
        """
        select agent_id, agent_performance_score, handled_contacts, measured_weight_share, not_ranked_reason,
            performance_rank, is_top_three, is_bottom_three, top_three_streak_months, reward_amount, is_ranked
        from fct_agent_scorecard_monthly
        where month_start_date = date '2025-12-01'
        """
    )
    actual = {row[0]: row[1:] for row in rows}
    assert set(actual) == set(PEOPLE_SCORECARD_DECEMBER)
    for agent_id, expected in PEOPLE_SCORECARD_DECEMBER.items():
        score, handled, share, *ranking, is_ranked = actual[agent_id]
        assert _close(score, expected[0]), (agent_id, score)
        assert _close(share, expected[2]), (agent_id, share)
        assert (handled, *ranking) == (expected[1], *expected[3:]), agent_id
        assert is_ranked == (expected[3] is None), agent_id


def test_people_agent_scorecard_lists_unmeasured_agents(
    golden_warehouses: dict[str, BuiltWarehouse], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """PE-A3 in January has only a complaint charged (PE-TK4): listed, no score, not ranked, with the reason."""
    warehouse = golden_warehouse("people", golden_warehouses, tmp_path_factory)
    rows = warehouse.query(
        """
        select agent_performance_score, valid_complaint_count, is_ranked, not_ranked_reason, performance_rank
        from fct_agent_scorecard_monthly
        where month_start_date = date '2026-01-01' and agent_id = 'PE-A3'
        """
    )
    assert rows == [(None, 1.0, False, "no scorecard KPI measured", None)]


def test_phone_agents_are_not_ranked_without_the_complaint_register(
    golden_warehouses: dict[str, BuiltWarehouse], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The phone family has no tickets: complaint deductions (负分法) cannot be measured, so no agent is ranked on a
    score that would look clean without them."""
    warehouse = golden_warehouse("phone", golden_warehouses, tmp_path_factory)
    rows = warehouse.query(
        "select agent_id, agent_performance_score, is_ranked, not_ranked_reason, performance_rank "
        "from fct_agent_scorecard_monthly where agent_performance_score is not null"
    )
    assert rows, "the phone family's agents have scores"
    for agent_id, _, is_ranked, reason, rank in rows:
        assert not is_ranked and rank is None, agent_id
        assert reason.startswith("deductions unknown: valid_complaint_count is not available ("), reason
        assert "ticketing.tickets" in reason
