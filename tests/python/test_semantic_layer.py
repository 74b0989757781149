"""The MetricFlow semantic layer (models/semantic/) on the built sample: configs validate, every metric is a
catalogue KPI (or a component the ratio metrics need), the contact- and interval-level KPIs all have a metric, and
`mf query` by month gives the numerators, denominators and values fct_kpi_values holds for the centre."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.catalogue import load_catalogue
from scripts.contract import REPO_ROOT
from tests.python.warehouse import BuiltWarehouse, run_metricflow

KPI_INPUTS_PATH = REPO_ROOT / "docs" / "kpi_inputs.yml"
CORE_KPIS_PATH = REPO_ROOT / "seeds" / "core_kpis.csv"

# The rule (DECISIONS.md, Semantic layer): a KPI has contact- or interval-level inputs when it is computed straight
# from extract tables (no derived_from, no warehouse artefacts), those tables are contact or interval records
# (reference tables such as queues and service goals may join in), and its components add up over days.
CONTACT_AND_INTERVAL_TABLES = {
    "telephony.call_legs",
    "telephony.agent_states",
    "telephony.interval_arrivals",
    "chat.chat_sessions",
    "chat.chat_messages",
    "ticketing.tickets",
    "ticketing.ticket_events",
    "social.social_posts",
    "surveys.survey_responses",
    "qa.qa_evaluations",
    "wfm.schedules",
    "wfm.interval_forecasts",
}
REFERENCE_TABLES = {"telephony.queues", "wfm.service_goals"}


@pytest.fixture(scope="module")
def semantic_manifest(sample_warehouse: BuiltWarehouse) -> dict[str, Any]:
    """dbt's manifest of the sample build (metrics, semantic models, saved queries)."""
    path = sample_warehouse.database.parent / "target" / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def metrics(semantic_manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {metric["name"]: metric for metric in semantic_manifest["metrics"].values()}


@pytest.fixture(scope="module")
def measure_names(semantic_manifest: dict[str, Any]) -> set[str]:
    return {
        measure["name"]
        for semantic_model in semantic_manifest["semantic_models"].values()
        for measure in semantic_model["measures"]
    }


@pytest.fixture(scope="module")
def kpi_metrics(metrics: dict[str, dict[str, Any]], measure_names: set[str]) -> dict[str, tuple[str, str | None]]:
    """KPI metric -> (numerator metric, denominator metric or None for a count); component metrics left out."""
    components: dict[str, tuple[str, str | None]] = {}
    for name, metric in metrics.items():
        if name in measure_names:
            continue
        parameters = metric["type_params"]
        if metric["type"] == "ratio":
            components[name] = (parameters["numerator"]["name"], parameters["denominator"]["name"])
        else:
            components[name] = (parameters["measure"]["name"], None)
    return components


def _additive_kpis(warehouse: BuiltWarehouse) -> set[str]:
    rows = warehouse.query("select metric_id from fct_kpi_values group by metric_id having bool_or(is_additive)")
    return {metric_id for (metric_id,) in rows}


def _contact_and_interval_kpis(warehouse: BuiltWarehouse) -> set[str]:
    kpis = yaml.safe_load(KPI_INPUTS_PATH.read_text(encoding="utf-8"))["kpis"]
    selected = set()
    for kpi in kpis:
        tables = {".".join(column.split(".")[:2]) for column in kpi.get("inputs") or []}
        if kpi.get("derived_from") or kpi.get("warehouse_artefacts"):
            continue
        if tables & CONTACT_AND_INTERVAL_TABLES and tables <= CONTACT_AND_INTERVAL_TABLES | REFERENCE_TABLES:
            selected.add(kpi["id"])
    return selected & _additive_kpis(warehouse)


def test_validate_configs_is_clean(sample_warehouse: BuiltWarehouse) -> None:
    result = run_metricflow(["validate-configs"], sample_warehouse)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Successfully validated metrics against data warehouse" in output, output[-3000:]
    assert "ERROR:" not in output, output[-3000:]


def test_metric_names_are_catalogue_ids_or_components(
    metrics: dict[str, dict[str, Any]], measure_names: set[str], kpi_metrics: dict[str, tuple[str, str | None]]
) -> None:
    catalogue_ids = {kpi["id"] for kpi in load_catalogue()}
    assert set(kpi_metrics) <= catalogue_ids, sorted(set(kpi_metrics) - catalogue_ids)
    # the others are the simple metrics dbt creates from measures (create_metric), over the measure of their name
    for name in set(metrics) - set(kpi_metrics):
        assert metrics[name]["type"] == "simple", name
        assert metrics[name]["type_params"]["measure"]["name"] == name, name
    assert set(metrics) - set(kpi_metrics) <= measure_names


def test_every_contact_and_interval_kpi_has_a_metric(
    sample_warehouse: BuiltWarehouse, kpi_metrics: dict[str, tuple[str, str | None]]
) -> None:
    expected = _contact_and_interval_kpis(sample_warehouse)
    assert set(kpi_metrics) == expected, {
        "missing": sorted(expected - set(kpi_metrics)),
        "outside the rule": sorted(set(kpi_metrics) - expected),
    }


def test_metric_descriptions_are_the_kpi_docs(
    metrics: dict[str, dict[str, Any]], kpi_metrics: dict[str, tuple[str, str | None]]
) -> None:
    catalogue = {kpi["id"]: kpi for kpi in load_catalogue()}
    for name in kpi_metrics:
        assert catalogue[name]["name_en"] in metrics[name]["description"], name


def _same(actual: float | None, expected: float | None) -> bool:
    if actual is None or expected is None:
        return actual is None and expected is None
    return math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)


def _number(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


def _monthly_query(warehouse: BuiltWarehouse, names: list[str], out: Path) -> list[dict[str, str]]:
    result = run_metricflow(
        ["query", "--metrics", ",".join(names), "--group-by", "metric_time__month", "--csv", str(out)], warehouse
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    with out.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["metric_time__month"]]


def test_mf_query_by_month_equals_fct_kpi_values(
    sample_warehouse: BuiltWarehouse, kpi_metrics: dict[str, tuple[str, str | None]], tmp_path: Path
) -> None:
    components = sorted({name for pair in kpi_metrics.values() for name in pair if name})
    rows = _monthly_query(sample_warehouse, sorted(kpi_metrics) + components, tmp_path / "monthly.csv")
    expected = {
        (metric_id, str(period_start)): (numerator, denominator, value)
        for metric_id, period_start, numerator, denominator, value in sample_warehouse.query(
            "select metric_id, period_start, numerator, denominator, value from fct_kpi_values"
            " where period_grain = 'month' and dimension_name = 'centre'"
        )
    }
    mismatches = []
    compared_values = dict.fromkeys(kpi_metrics, 0)
    for row in rows:
        month = row["metric_time__month"][:10]
        for name, (numerator, denominator) in kpi_metrics.items():
            want_numerator, want_denominator, want_value = expected.get((name, month), (None, None, None))
            got = (_number(row[numerator]), _number(row[denominator]) if denominator else None, _number(row[name]))
            # a month without rows on one side: MetricFlow sums to 0 where fct_kpi_values has no component row
            same = (
                (_same(got[0], want_numerator) or (got[0] == 0 and want_numerator is None))
                and (_same(got[1], want_denominator) or (got[1] == 0 and want_denominator is None))
                and _same(got[2], want_value)
            )
            if not same:
                mismatches.append((name, month, got, (want_numerator, want_denominator, want_value)))
            compared_values[name] += want_value is not None
    assert not mismatches, mismatches[:20]
    assert all(compared_values.values()), [name for name, count in compared_values.items() if not count]


@pytest.mark.parametrize(
    ("metric", "dimension"),
    [
        ("average_talk_time", "call_leg__skill"),
        ("average_handle_time", "call_leg__priority"),
        ("calls_offered", "call__priority"),
    ],
)
def test_mf_query_by_queue_attribute_equals_the_slice(
    sample_warehouse: BuiltWarehouse, metric: str, dimension: str, tmp_path: Path
) -> None:
    out = tmp_path / "slice.csv"
    arguments = ["query", "--metrics", metric, "--group-by", f"metric_time__month,{dimension}", "--csv", str(out)]
    result = run_metricflow(arguments, sample_warehouse)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    # groups where the metric is undefined (e.g. outbound queues for an answered-inbound-leg ratio: 0 / 0) come back
    # empty from MetricFlow and have no row in fct_kpi_values
    with out.open(encoding="utf-8", newline="") as handle:
        got = {
            (row["metric_time__month"][:10], row[dimension]): _number(row[metric])
            for row in csv.DictReader(handle)
            if row["metric_time__month"] and row[dimension] and row[metric]
        }
    slice_name = dimension.split("__")[-1]
    expected = {
        (str(period_start), value_of_slice): value
        for period_start, value_of_slice, value in sample_warehouse.query(
            "select period_start, dimension_value, value from fct_kpi_values where metric_id = ?"
            " and period_grain = 'month' and dimension_name = ? and value is not null",
            [metric, slice_name],
        )
    }
    assert len({key[1] for key in expected}) > 1, "the sample has several values of the slice"
    assert got.keys() == expected.keys()
    assert all(_same(got[key], expected[key]) for key in expected), {k: (got[k], expected[k]) for k in expected}


def test_monthly_scorecard_saved_query_equals_the_scorecard_mart(
    sample_warehouse: BuiltWarehouse,
    semantic_manifest: dict[str, Any],
    kpi_metrics: dict[str, tuple[str, str | None]],
    tmp_path: Path,
) -> None:
    core_kpis = [row["metric_id"] for row in csv.DictReader(CORE_KPIS_PATH.open(encoding="utf-8"))]
    saved = {query["name"]: query for query in semantic_manifest["saved_queries"].values()}
    scorecard = saved["centre_monthly_scorecard"]["query_params"]["metrics"]
    assert scorecard == [metric_id for metric_id in core_kpis if metric_id in kpi_metrics]

    out = tmp_path / "scorecard.csv"
    arguments = ["query", "--saved-query", "centre_monthly_scorecard", "--csv", str(out)]
    result = run_metricflow(arguments, sample_warehouse)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {row["metric_time__month"][:10]: row for row in csv.DictReader(handle)}
    columns = ", ".join(scorecard)
    mart = sample_warehouse.query(f"select period_start, {columns} from fct_centre_scorecard_monthly")
    assert mart
    for period_start, *values in mart:
        row = rows.get(str(period_start), {})
        for metric_id, value in zip(scorecard, values, strict=True):
            assert _same(_number(row.get(metric_id, "")), value), (metric_id, period_start)
