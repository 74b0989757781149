"""The build stops when an extract loses too much: hand-made counts for the rules, then one damaged copy of the
sample (call_legs timestamps exported as DD/MM/YYYY HH:MM) built through the CLI."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from scripts.build import DEFAULT_RAW_DIR, ensure_sample
from scripts.contract import REPO_ROOT, load_contract
from scripts.extract_gate import (
    QuarantineGroup,
    Thresholds,
    expected_format,
    quarantine_stops,
    row_count_stops,
    thresholds,
)

LIMITS = Thresholds(max_share={"default": 0.05, "schedules": 0.5}, min_rows=20, max_drop_share={"default": 0.5})
CALL_LEGS = load_contract().table("call_legs")


def test_thresholds_come_from_the_project_with_overrides_per_table() -> None:
    project = thresholds()
    assert project.share_for("call_legs") == 0.05 and project.min_rows == 20 and project.drop_for("tickets") == 0.5
    override = thresholds({"quarantine_stop": {"max_share": {"call_legs": 0.9}}})
    assert override.share_for("call_legs") == 0.9 and override.share_for("tickets") == 0.05
    assert override.min_rows == 20, "a partial override keeps the rest"


def test_a_table_over_its_share_stops_with_file_column_count_examples_and_format() -> None:
    # 900 of 1,000 rows = 90 % > 5 %: 850 unreadable ivr_entered_at, 50 blank queue_id
    groups = [
        QuarantineGroup("telephony.call_legs", "ivr_entered_at", "unparseable_timestamp", 850, ("05/01/2026 08:03",)),
        QuarantineGroup("telephony.call_legs", "call_id", "missing_key", 50, (None,)),
    ]
    lines = quarantine_stops(
        {"telephony.call_legs": (1000, 900)},
        groups,
        {"call_legs": CALL_LEGS},
        {"call_legs": ["call_legs.csv.gz"]},
        LIMITS,
    )
    assert lines[0] == (
        "STOPPED call_legs.csv.gz: 900 of 1,000 rows (90.0%) quarantined, more than the 5.0% allowed "
        "(var quarantine_stop)"
    )
    assert lines[1].startswith("  column ivr_entered_at: 850 rows (85.0%) unparseable_timestamp (")
    assert "e.g. '05/01/2026 08:03'; expected a timestamp: YYYY-MM-DD HH:MM[:SS]" in lines[1]
    assert lines[2].startswith("  column call_id: 50 rows (5.0%) missing_key") and "e.g. blank" in lines[2]


@pytest.mark.parametrize(
    ("table", "raw_rows", "quarantined"),
    [
        ("call_legs", 1000, 50),  # exactly 5 %: allowed
        ("service_goals", 6, 5),  # 83 % of a tiny table, but fewer than min_rows 20 rows
        ("schedules", 100, 40),  # 40 % under the table's own 50 %
    ],
)
def test_occasional_bad_rows_do_not_stop(table: str, raw_rows: int, quarantined: int) -> None:
    source_table = f"x.{table}"
    assert quarantine_stops({source_table: (raw_rows, quarantined)}, [], {}, {}, LIMITS) == []


def test_a_sharp_fall_in_raw_rows_against_the_last_good_build_stops() -> None:
    previous = {"telephony.call_legs": (103_809, "r1"), "ticketing.tickets": (5_460, "r1")}
    # call_legs 103,809 -> 40,000: a fall of 61.5 % > 50 %; tickets 5,460 -> 2,730: exactly 50 %, allowed
    lines = row_count_stops({"telephony.call_legs": 40_000, "ticketing.tickets": 2_730}, previous, LIMITS)
    assert lines == [
        "STOPPED telephony.call_legs: 40,000 raw rows against 103,809 in the last successful build (run r1), "
        "a fall of 61.5%, more than the 50% allowed (var row_count_stop)"
    ]
    assert row_count_stops({}, {"ticketing.tickets": (10, "r1")}, LIMITS)[0].startswith(
        "STOPPED ticketing.tickets: 0 raw rows against 10"
    ), "a table that vanished stops too"


def test_expected_format_by_reason_and_type() -> None:
    assert expected_format(CALL_LEGS.column("hold_seconds"), "unparseable_value") == "a whole number"
    assert expected_format(CALL_LEGS.column("agent_id"), "unknown_reference").startswith("an id present in ")
    assert expected_format(CALL_LEGS.column("call_id"), "missing_key") == "a value in every row"
    assert expected_format(None, "unparseable_value") == "see docs/raw_extract_contract.md"


TIMESTAMP = re.compile(rb"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):\d{2}\+08:00")


def test_timestamps_exported_as_day_first_stop_the_build_and_nothing_is_published(tmp_path: Path) -> None:
    ensure_sample(DEFAULT_RAW_DIR)
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    for path in DEFAULT_RAW_DIR.iterdir():
        if path.name.startswith("call_legs."):
            damaged = TIMESTAMP.sub(rb"\3/\2/\1 \4:\5", gzip.decompress(path.read_bytes()))
            (raw_dir / path.name).write_bytes(gzip.compress(damaged))
        else:
            (raw_dir / path.name).symlink_to(path)
    env = {
        **{key: value for key, value in os.environ.items() if key not in ("SERVING_DIR", "RAW_DATA_DIR")},
        "DUCKDB_PATH": str(tmp_path / "warehouse.duckdb"),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    command = [sys.executable, "-m", "scripts.cli", "run", "--raw-dir", str(raw_dir), "--no-docs", "--no-dashboards"]
    result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    stop = re.search(
        r"^STOPPED call_legs\.csv\.gz, call_legs\.late-[^:]+: ([\d,]+) of ([\d,]+) rows", result.stdout, re.M
    )
    assert stop, result.stdout[-3000:]
    column_line = re.search(
        r"^  column (\w+_at): .* e\.g\. '(\d\d/\d\d/2026 \d\d:\d\d)'.*; expected a timestamp", result.stdout, re.M
    )
    assert column_line, result.stdout[-3000:]
    assert "== publish" not in result.stdout and not (tmp_path / "serving").exists(), "nothing is published"
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as connection:
        raw, staged, quarantined, duplicates = connection.execute(
            "select raw_rows, staged_rows, quarantined_rows, duplicate_rows_dropped from fct_source_reconciliation "
            "where source_table = 'telephony.call_legs'"
        ).fetchone()
        (status, message) = connection.execute("select status, message from warehouse_runs").fetchone()
    assert raw == staged + quarantined + duplicates, "no row vanished"
    assert f"{quarantined:,}" == stop.group(1) and f"{raw:,}" == stop.group(2)
    assert status == "failed" and message.startswith("STOPPED call_legs")
