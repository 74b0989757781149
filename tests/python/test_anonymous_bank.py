"""The Anonymous Bank adapter on the real shared files: figures worked out by hand from the raw files
(tests/adapters/anonymous_bank.yml says how) checked against one warehouse build, the centre's access and handling
KPIs against a query on the raw file's own durations (q_time, ser_time), the reconciliation, the handling of the
file's defects, and the third party's daily totals as an independent cross-check.

The mapping functions are also tested on single raw records copied from the file, which needs no shared folder."""

from __future__ import annotations

import csv
import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from scripts.adapters import bank_calls, bank_intervals
from scripts.adapters.anonymous_bank import CALLS_FILE, COUNTS_FILE, UNSUPPORTED_KPIS, Adapted, adapt
from scripts.contract import REPO_ROOT
from scripts.shared import shared_dir
from tests.python.warehouse import BuiltWarehouse, build_warehouse, failure_summary

EXPECTED = yaml.safe_load((REPO_ROOT / "tests" / "adapters" / "anonymous_bank.yml").read_text(encoding="utf-8"))
THIRD_PARTY = Path("anonymous_bank_1999_daily_metrics_thirdparty") / "daily_metrics.csv"
HEADER = "vru+line,call_id,customer_id,priority,type,date,vru_entry,vru_exit,vru_time,q_start,q_exit,q_time,outcome,"
HEADER += "ser_start,ser_exit,ser_time,server"


def record(line: str) -> bank_calls.BankCall:
    """A raw line of august_calls_extracted.csv as the adapter parses it."""
    return bank_calls.parse_record(dict(zip(HEADER.split(","), line.split(","), strict=True)), 1)


# ---------------------------------------------------------------- mapping rules on single records


def test_year_is_corrected_and_a_service_end_after_midnight_is_the_next_day() -> None:
    call = record(
        "AA0206,47700,314386806,1,PE,2010-08-02,23:54:40,23:54:44,4,23:54:44,23:58:54,250,AGENT,23:58:54,0:04:25,331,AVNI"
    )
    assert call.day == date(1999, 8, 2)
    assert call.ser_exit == datetime(1999, 8, 3, 0, 4, 25)
    row = bank_calls.map_call(call, {"AVNI": "AGENT-09"}, "").row
    assert row["answered_at"] == "1999-08-02T23:58:54+03:00"
    assert row["ended_at"] == "1999-08-03T00:04:25+03:00"
    assert row["agent_id"] == "AGENT-09" and row["queue_id"] == "PE-P1"


def test_negative_vru_time_is_written_as_is_for_staging_to_quarantine() -> None:
    call = record(
        "AA0207,7039,17702523,1,PS,2010-08-01,12:04:42,12:03:15,-87,12:03:15,12:04:56,101,AGENT,12:04:55,12:05:56,61,VICKY"
    )
    mapped = bank_calls.map_call(call, {"VICKY": "AGENT-02"}, "")
    assert "negative_vru_time" in mapped.notes
    assert mapped.row["ivr_exited_at"] < mapped.row["ivr_entered_at"]


def test_damaged_call_id_is_rebuilt_from_line_and_entry_time() -> None:
    call = record(
        "AA0216,2010-08-,0,0,IN,2010-08-23,10:47:35,10:47:45,10,10:47:45,10:48:15,30,AGENT,10:48:15,10:49:31,76,DORIT"
    )
    mapped = bank_calls.map_call(call, {"DORIT": "AGENT-08"}, "")
    assert mapped.row["call_id"] == "AA0216-damaged-19990823T104735"
    assert "damaged_call_id" in mapped.notes


def test_served_without_queue_times_enters_the_queue_when_answered() -> None:
    call = record(
        "AA0104,31129,0,0,PS,2010-08-01,10:00:21,10:00:31,10,0:00:00,0:00:00,0,AGENT,10:00:30,10:02:09,99,NAAMA"
    )
    row = bank_calls.map_call(call, {"NAAMA": "AGENT-01"}, "").row
    # on the VRU and queue clock, VRU exit; the agents' clock says 10:00:30
    assert row["queue_entered_at"] == row["answered_at"] == "1999-08-01T10:00:31+03:00"
    assert row["ended_at"] == "1999-08-01T10:02:10+03:00"  # + ser_time 99 s
    assert row["customer_phone"] == ""  # customer 0 = unidentified


def test_wait_and_talk_are_the_files_q_time_and_ser_time_whatever_the_agents_clock_says() -> None:
    # service starts 1 s before queue entry on the agents' clock (staging used to quarantine such calls)
    early = record(
        "AA0105,44681,51140093,2,PS,2010-08-24,7:39:42,7:39:54,12,7:39:54,7:40:26,32,AGENT,7:39:53,7:42:28,155,ANAT"
    )
    mapped = bank_calls.map_call(early, {"ANAT": "AGENT-05"}, "")
    assert mapped.row["queue_entered_at"] == "1999-08-24T07:39:54+03:00"
    assert mapped.row["answered_at"] == "1999-08-24T07:40:26+03:00"  # + q_time 32 s
    assert mapped.row["ended_at"] == "1999-08-24T07:43:01+03:00"  # + ser_time 155 s
    assert mapped.notes == ("service_clock_skew_over_2s",)
    # service starts 38 s before queue exit: the file's q_time (139 s) is still the wait
    late = record(
        "AA0203,45035,67175661,2,PS,2010-08-01,17:04:21,17:04:26,5,17:04:26,17:06:45,139,AGENT,17:06:07,17:07:52,105,BENSION"
    )
    row = bank_calls.map_call(late, {"BENSION": "AGENT-03"}, "").row
    assert (row["answered_at"], row["ended_at"]) == ("1999-08-01T17:06:45+03:00", "1999-08-01T17:08:30+03:00")


def test_hang_outcome_wins_over_service_times_and_phantom_is_a_test_call() -> None:
    hang = record(
        "AA0110,37846,42477224,2,PS,2010-08-01,11:11:51,11:11:57,6,11:11:57,11:12:09,12,HANG,11:12:17,11:16:57,280,NO_SERVER"
    )
    row = bank_calls.map_call(hang, {}, "").row
    assert row["answered_at"] == "" and row["ended_at"] == "1999-08-01T11:12:09+03:00"
    phantom = record(
        "AA0203,44973,38324794,1,PS,2010-08-01,10:36:34,10:36:39,5,10:36:39,10:38:58,139,PHANTOM,10:38:58,10:39:01,3,NO_SERVER"
    )
    assert bank_calls.map_call(phantom, {}, "").row["is_test"] == "true"


def test_clock_change_gap_has_no_slots_and_offsets_follow_summer_time() -> None:
    assert not bank_intervals.local_time_exists(datetime(1999, 4, 2, 2, 30))
    assert bank_intervals.local_time_exists(datetime(1999, 4, 2, 3, 0))
    assert bank_calls.iso_local(datetime(1999, 3, 10, 10)) == "1999-03-10T10:00:00+02:00"
    assert bank_calls.iso_local(datetime(1999, 8, 10, 10)) == "1999-08-10T10:00:00+03:00"


# ---------------------------------------------------------------- the adapter and one build on the shared files


@pytest.fixture(scope="module")
def realdata() -> Path:
    try:
        folder = shared_dir() / "realdata"
    except FileNotFoundError as missing:
        pytest.skip(f"shared folder absent, Anonymous Bank test skipped: {missing}")
    for name in (CALLS_FILE, COUNTS_FILE, THIRD_PARTY):
        if not (folder / name).is_file():
            pytest.skip(f"{folder / name} absent: Anonymous Bank test skipped")
    return folder


@pytest.fixture(scope="module")
def adapted(realdata: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Adapted, Path]:
    out = tmp_path_factory.mktemp("anonymous_bank") / "raw"
    return adapt(realdata, out), out


@pytest.fixture(scope="module")
def warehouse(adapted: tuple[Adapted, Path]) -> BuiltWarehouse:
    built = build_warehouse(adapted[1], adapted[1].parent / "build")
    assert built.succeeded, failure_summary(built)
    return built


def agent_surrogates(raw_dir: Path) -> dict[str, str]:
    """Name -> surrogate from the adapter's employees file (the mapping, not a figure)."""
    with (raw_dir / "employees.csv").open(encoding="utf-8", newline="") as handle:
        return {row["full_name"]: row["employee_id"] for row in csv.DictReader(handle)}


def _close(actual: float | None, expected: float | None) -> bool:
    if actual is None or expected is None:
        return actual is expected
    return math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("case", EXPECTED["kpis"], ids=lambda c: f"{c['metric_id']}-{c['dimension_name']}")
def test_kpi_matches_the_hand_count(case: dict[str, Any], warehouse: BuiltWarehouse, adapted) -> None:
    value = case.get("dimension_value") or agent_surrogates(adapted[1])[case["agent_name"]]
    rows = warehouse.query(
        "select numerator, denominator from main.fct_kpi_values where metric_id = ? and period_grain = 'day'"
        " and period_start = ? and dimension_name = ? and dimension_value = ?",
        [case["metric_id"], case["period_start"], case["dimension_name"], value],
    )
    assert len(rows) == 1, rows
    numerator, denominator = rows[0]
    assert _close(numerator, case["numerator"]) and _close(denominator, case["denominator"]), (rows, case)


@pytest.mark.parametrize("case", EXPECTED["intervals"], ids=lambda c: c["interval_start_at_utc"])
def test_interval_volume_and_seasonal_naive_forecast(case: dict[str, Any], warehouse: BuiltWarehouse) -> None:
    rows = warehouse.query(
        "select actual_contacts, actual_contacts_source, forecast_contacts, forecast_aht_seconds, required_agents"
        " from main.fct_interval_staffing where queue_id = ? and interval_start_at = cast(? as timestamp)",
        [case["queue_id"], case["interval_start_at_utc"]],
    )
    assert len(rows) == 1, rows
    actual, source, forecast, aht, required = rows[0]
    assert (actual, source, forecast) == (case["actual_contacts"], "interval_arrivals", case["forecast_contacts"])
    assert aht == EXPECTED["forecast_aht_seconds"]
    assert required is not None and required > 0  # Erlang C staffing exists for the interval


def project_vars() -> dict[str, Any]:
    return yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]


@pytest.fixture(scope="module")
def raw_file_figures(realdata: Path, adapted: tuple[Adapted, Path]) -> dict[tuple[str, str, date], tuple[int, int]]:
    """(metric, grain, period start) -> (numerator, denominator) of the raw-file query in anonymous_bank.yml, run
    with the vars the build runs with."""
    run_vars = {**project_vars(), **adapted[0].dbt_vars}
    parameters = {
        "calls_file": str(realdata / CALLS_FILE),
        "service_level_answer_seconds": run_vars["service_level_answer_seconds"],
        "short_abandon_seconds": run_vars["short_abandon_seconds"],
    }
    with duckdb.connect() as connection:
        rows = connection.execute(EXPECTED["raw_file_checks"]["sql"], parameters).fetchall()
    return {(metric, grain, start): (numerator, denominator) for metric, grain, start, numerator, denominator in rows}


def test_the_bank_sends_no_service_goals(adapted: tuple[Adapted, Path]) -> None:
    """So every queue's service-level threshold is var service_level_answer_seconds, as the raw-file query takes."""
    assert adapted[0].rows["service_goals"] == 0


@pytest.mark.parametrize(
    "period", EXPECTED["raw_file_checks"]["periods"], ids=lambda p: f"{p['period_grain']}-{p['period_start']}"
)
def test_centre_kpis_equal_the_raw_files_own_durations(
    period: dict[str, Any], raw_file_figures: dict, warehouse: BuiltWarehouse
) -> None:
    """ASA and talk time are the means of q_time and ser_time over answered calls; service level and abandon rate
    are counted on q_time: the warehouse must give the same numerators and denominators."""
    metrics = EXPECTED["raw_file_checks"]["metrics"]
    grain, start = period["period_grain"], period["period_start"]
    expected = {metric: raw_file_figures[(metric, grain, start)] for metric in metrics}
    rows = warehouse.query(
        "select metric_id, numerator, denominator from main.fct_kpi_values where period_grain = ?"
        " and period_start = ? and dimension_name = 'centre' and list_contains(?, metric_id)",
        [grain, start, metrics],
    )
    found = {metric: (numerator, denominator) for metric, numerator, denominator in rows}
    assert found.keys() == expected.keys(), rows
    assert all(
        _close(found[metric][0], numerator) and _close(found[metric][1], denominator)
        for metric, (numerator, denominator) in expected.items()
    ), (found, expected)


def test_reconciliation_and_documented_quarantine(warehouse: BuiltWarehouse) -> None:
    for table, counts in EXPECTED["reconciliation"].items():
        rows = warehouse.query(
            "select raw_rows, staged_rows, quarantined_rows, duplicate_rows_dropped"
            " from main.fct_source_reconciliation where source_table = ?",
            [table],
        )
        assert rows == [tuple(counts.values())], table
    found = warehouse.query(
        "select reason_code, reason_column, count(*) from main.fct_quarantined_rows"
        " where source_table = 'telephony.call_legs' group by all"
    )
    assert sorted(found) == sorted((q["reason_code"], q["reason_column"], q["rows"]) for q in EXPECTED["quarantined"])
    assert warehouse.query("select count(*) from main.stg_telephony__call_legs where is_test") == [
        (EXPECTED["phantom_rows"],)
    ]


def test_daily_totals_match_the_third_party(warehouse: BuiltWarehouse, realdata: Path) -> None:
    """Calls offered + PHANTOM (test) calls + quarantined records = the third party's total_calls, each August day."""
    with (realdata / THIRD_PARTY).open(encoding="utf-8", newline="") as handle:
        third = {
            row["date"]: int(row["total_calls"])
            for row in csv.DictReader(handle)
            if row["date"].startswith("1999-08")
        }
    ours = dict(
        warehouse.query(
            """
            with legs as (
                select cast(ivr_entered_at + interval 180 minute as date) as day, row_status, is_test
                from main.base_telephony__call_legs
            ),
            set_aside as (
                select day, count(*) as records from legs
                where row_status = 'quarantined' or (row_status = 'staged' and is_test) group by day
            ),
            offered as (
                select period_start as day, numerator from main.fct_kpi_values
                where metric_id = 'calls_offered' and period_grain = 'day' and dimension_name = 'centre'
            )
            select strftime(offered.day, '%Y-%m-%d'), cast(offered.numerator + coalesce(set_aside.records, 0) as int)
            from offered left join set_aside on offered.day = set_aside.day
            """
        )
    )
    assert len(third) == 31 and {day: ours.get(day) for day in third} == third


def test_unsupported_kpis_are_null_with_the_reason(warehouse: BuiltWarehouse) -> None:
    rows = warehouse.query(
        "select metric_id, value, numerator, not_available_reason from main.fct_kpi_values"
        " where period_grain = 'month' and period_start = date '1999-08-01' and dimension_name = 'centre'"
    )
    by_metric = {metric: (value, numerator, reason) for metric, value, numerator, reason in rows}
    for metric, reason in UNSUPPORTED_KPIS.items():
        assert by_metric[metric] == (None, None, reason), metric
    # without schedules, agents on duty are unknown: no 0 % schedule accuracy
    assert by_metric["schedule_accuracy"][0] is None and by_metric["schedule_accuracy"][2]
    assert all(value is not None or reason for value, _, reason in by_metric.values())


def test_agent_names_never_reach_the_marts(warehouse: BuiltWarehouse, adapted) -> None:
    names = list(agent_surrogates(adapted[1]))
    columns = warehouse.query(
        "select table_name, column_name from information_schema.columns where table_schema = 'main'"
        " and (table_name like 'fct_%' or table_name like 'dim_%') and data_type = 'VARCHAR'"
    )
    placeholders = ", ".join("?" for _ in names)
    leaks = [
        (table, column)
        for table, column in columns
        if warehouse.query(f'select count(*) from main."{table}" where "{column}" in ({placeholders})', names)[0][0]
    ]
    assert not leaks
    assert warehouse.query(
        "select count(distinct agent_id) from main.fct_call_legs where agent_id like 'AGENT-%'"
    ) == [(len(names),)]
