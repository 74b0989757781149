"""The CLI's run: result display, run log, atomic publish to a read-only serving copy, and the KPI report.

Pure functions are tested on hand-made inputs; publish on a small hand-made DuckDB file; then one end-to-end
`run` on the sample, a second run (header-only extracts) while a reader process holds the published file, and a
failing run, all through the CLI in subprocesses (DuckDB locks a database per process)."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from scripts.build import DEFAULT_RAW_DIR, _sample_is_current, ensure_sample
from scripts.contract import REPO_ROOT, Table, load_tables
from scripts.dbt_progress import NodeOutcome, failure_lines, first_error_line, summary_lines
from scripts.publish import RELEASE_TABLE, PublishError, mart_tables, publish, serving_dir
from scripts.quarantine import QuarantineGroup, quarantine_lines, quarantine_summary
from scripts.report import KpiRow, format_observations, ordered, relative_miss, report_lines
from scripts.run_log import LOG_TABLES, RunRecord, StepRecord, new_run_id, record
from tests.python.conftest import write_header_only_extracts

# ---------------------------------------------------------------- dbt result display


def test_first_error_line_skips_dbt_heading() -> None:
    message = (
        "Runtime Error in model int_x (models/intermediate/int_x.sql)\n"
        '  Binder Error: Referenced column "nope" not found in FROM clause!\n'
        "  LINE 12: where score >= nope"
    )
    assert first_error_line(message) == 'Binder Error: Referenced column "nope" not found in FROM clause!'
    assert first_error_line("Parsing Error\n  Error reading a.yml\n  Syntax error near line 4", 2) == (
        "Error reading a.yml | Syntax error near line 4"
    )
    assert first_error_line("") == "(no message)"


def test_failure_lines_name_each_failed_node_and_count_skips() -> None:
    outcomes = [
        NodeOutcome("stg_a", "model", "success", 1.0, "OK"),
        NodeOutcome("int_b", "model", "error", 2.0, "Runtime Error in model int_b\n  boom"),
        NodeOutcome("unique_b_id", "test", "fail", 0.1, "Got 3 results, configured to fail if != 0"),
        NodeOutcome("fct_c", "model", "skipped", 0.0, ""),
        NodeOutcome("fct_d", "model", "skipped", 0.0, ""),
    ]
    assert failure_lines(outcomes) == [
        "FAIL model int_b: boom",
        "FAIL test unique_b_id: Got 3 results, configured to fail if != 0",
        "     2 node(s) skipped because a node they depend on failed",
    ]


def test_summary_counts_types_by_status_and_lists_slowest() -> None:
    outcomes = [
        NodeOutcome("m1", "model", "success", 3.0),
        NodeOutcome("m2", "model", "success", 9.0),
        NodeOutcome("m3", "model", "error", 1.0),
        NodeOutcome("t1", "test", "pass", 0.5),
        NodeOutcome("t2", "test", "pass", 4.0),
    ]
    lines = summary_lines(outcomes, 12.34, slowest=2)
    assert lines[0].split() == ["resource", "error", "pass", "success"]
    assert lines[1].split() == ["model", "1", "0", "2"]
    assert lines[2].split() == ["test", "0", "2", "0"]
    assert lines[3] == "5 nodes in 12.3 s; slowest:"
    assert [line.split()[-1] for line in lines[4:]] == ["m2", "t2"]


# ---------------------------------------------------------------- report


def _kpi(metric_id: str, value: float | None, operator: str | None, target=None, low=None, high=None, met=None):
    return KpiRow(metric_id, metric_id, value, "ratio", "higher_is_better", operator, target, low, high, met, None)


HAND_MADE_KPIS = [
    _kpi("a_ge_miss", 0.60, ">=", target=0.80, met=False),  # (0.80 - 0.60) / 0.80 = 0.25
    _kpi("b_le_miss", 900.0, "<=", target=600.0, met=False),  # (900 - 600) / 600 = 0.5
    _kpi("c_band_miss", 20.0, "between", low=30.0, high=60.0, met=False),  # (30 - 20) / 30 = 0.333
    _kpi("d_ge_met", 0.85, ">=", target=0.80, met=True),  # (0.80 - 0.85) / 0.80 = -0.0625
    _kpi("e_le_met", 0.01, "<=", target=0.05, met=True),  # (0.01 - 0.05) / 0.05 = -0.8
    _kpi("f_no_target", 0.5, None),
    _kpi("g_no_value", None, ">=", target=0.9),
    _kpi("h_zero_target", 2.0, "<=", target=0.0, met=False),  # target 0: absolute gap 2
]


def test_relative_miss_by_operator() -> None:
    misses = {row.metric_id: relative_miss(row) for row in HAND_MADE_KPIS}
    assert misses["a_ge_miss"] == pytest.approx(0.25)
    assert misses["b_le_miss"] == pytest.approx(0.5)
    assert misses["c_band_miss"] == pytest.approx(1 / 3)
    assert misses["d_ge_met"] == pytest.approx(-0.0625)
    assert misses["e_le_met"] == pytest.approx(-0.8)
    assert misses["h_zero_target"] == pytest.approx(2.0)
    assert misses["f_no_target"] is None and misses["g_no_value"] is None
    # inside a band: the margin to the nearer bound, over the larger bound: min(45-30, 60-45) / 60
    assert relative_miss(_kpi("x", 45.0, "between", low=30.0, high=60.0, met=True)) == pytest.approx(-0.25)


def test_report_orders_worst_misses_first_then_met_closest_first() -> None:
    assert [row.metric_id for row in ordered(HAND_MADE_KPIS)] == [
        "h_zero_target",
        "b_le_miss",
        "c_band_miss",
        "a_ge_miss",
        "d_ge_met",
        "e_le_met",
    ]


def test_meets_target_from_the_warehouse_wins_over_the_sign() -> None:
    """A row the warehouse says is met stays among the met ones even if the arithmetic disagrees."""
    flagged_met = replace(HAND_MADE_KPIS[1], meets_target=True)  # b_le_miss: relative miss 0.5
    assert [row.metric_id for row in ordered([flagged_met, HAND_MADE_KPIS[0]])] == ["a_ge_miss", "b_le_miss"]


def test_report_lines_fit_100_columns_and_count_the_rest() -> None:
    long_name = replace(HAND_MADE_KPIS[0], name="A very long KPI name that would not fit in its column at all")
    lines = report_lines([long_name, *HAND_MADE_KPIS[1:]], "2026-03", Path("serving.duckdb"))
    assert max(len(line) for line in lines) <= 100
    assert lines[:3] == ["Centre KPIs for 2026-03 against target", "read from serving.duckdb", "4 missed, 2 met"]
    assert lines[-2] == "1 KPI(s) with a target have no value this month; 1 KPI(s) have no target."
    assert lines[4].startswith("MISS h_zero_target")


def test_report_shows_the_count_behind_a_value_and_marks_a_low_sample() -> None:
    low = replace(HAND_MADE_KPIS[0], observation_count=12, is_low_sample=True)
    counted = replace(HAND_MADE_KPIS[3], observation_count=16729)
    assert format_observations(low) == "12*"
    assert format_observations(counted) == "16,729"
    assert format_observations(HAND_MADE_KPIS[1]) == ""
    lines = report_lines([low, counted], "2026-03", Path("serving.duckdb"))
    assert lines[3].split()[:3] == ["KPI", "value", "n"]
    assert lines[4].split()[:4] == ["MISS", "a_ge_miss", "60.0%", "12*"]
    assert lines[5].split()[:4] == ["ok", "d_ge_met", "85.0%", "16,729"]


def test_a_partial_month_says_so_in_the_title() -> None:
    lines = report_lines(HAND_MADE_KPIS, "2026-04", Path("serving.duckdb"), is_complete=False)
    assert lines[0] == "Centre KPIs for 2026-04 against target (PARTIAL: the extracts cover only part of it)"


def test_a_sample_written_before_a_contract_column_was_added_is_stale(tmp_path: Path) -> None:
    columns = {table.name: list(table.column_names) for table in load_tables()}
    assert not _sample_is_current(tmp_path)  # no manifest: never generated
    manifest = tmp_path / "_manifest.json"
    manifest.write_text(json.dumps({"contract_columns": columns}), encoding="utf-8")
    assert _sample_is_current(tmp_path)
    older = {**columns, "queues": [name for name in columns["queues"] if name != "priority"]}
    manifest.write_text(json.dumps({"contract_columns": older}), encoding="utf-8")
    assert not _sample_is_current(tmp_path)


def test_quarantine_lines_name_file_column_rows_and_reason() -> None:
    groups = [
        QuarantineGroup("telephony.call_legs", "answered_at", "unparseable_timestamp", 12),
        QuarantineGroup("hr.teams", "team_id", "missing_key", 1),
    ]
    files = {"call_legs": ["call_legs.csv", "call_legs.2026-05.csv"]}
    assert quarantine_lines(groups, files) == [
        "13 raw rows quarantined (listed in fct_quarantined_rows):",
        "QUARANTINED call_legs.csv, call_legs.2026-05.csv: column answered_at: 12 rows unparseable_timestamp "
        "(a timestamp or date cannot be read)",
        "QUARANTINED teams.csv: column team_id: 1 row missing_key (a primary-key column is blank)",
    ]
    assert quarantine_lines([], {}) == ["no raw rows quarantined"]


def test_quarantine_summary_is_a_line_per_table_with_its_reasons() -> None:
    groups = [
        QuarantineGroup("telephony.call_legs", "answered_at", "unparseable_timestamp", 12),
        QuarantineGroup("telephony.call_legs", "ended_at", "unparseable_timestamp", 3),
        QuarantineGroup("telephony.call_legs", "agent_id", "unknown_reference", 20),
        QuarantineGroup("hr.teams", "team_id", "missing_key", 1),
    ]
    assert quarantine_summary(groups, Path("logs/quarantined_rows.txt")) == [
        "36 raw rows quarantined in 2 tables (fct_quarantined_rows):",
        "QUARANTINED call_legs: 35 rows: unknown_reference 20, unparseable_timestamp 15",
        "QUARANTINED teams: 1 row: missing_key 1",
        "per file, column and reason: logs/quarantined_rows.txt (or build --verbose)",
    ]


# ---------------------------------------------------------------- run log records


def test_run_id_sorts_by_start_and_is_unique() -> None:
    first, second = new_run_id(datetime(2026, 11, 22, 9, 5, 1)), new_run_id(datetime(2026, 11, 22, 10, 0, 0))
    assert re.fullmatch(r"20261122T090501Z-[0-9a-f]{6}", first)
    assert first < second
    assert new_run_id(datetime(2026, 1, 1)) != new_run_id(datetime(2026, 1, 1))


def test_run_fails_at_its_first_failed_step() -> None:
    t0, t1, t2 = datetime(2026, 1, 1, 0, 0, 0), datetime(2026, 1, 1, 0, 0, 30), datetime(2026, 1, 1, 0, 2, 0)
    run = RunRecord("r", "run", "/raw", t0)
    run.steps += [StepRecord("validate", t0, t1, "succeeded"), StepRecord("build", t1, t2, "failed")]
    run.finish(t2)
    assert (run.status, run.failed_step, run.ended_at) == ("failed", "build", t2)
    assert [row[4] for row in run.step_rows()] == [30.0, 90.0]


# ---------------------------------------------------------------- publish on a hand-made build database


def test_serving_dir_default_and_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SERVING_DIR", raising=False)
    assert serving_dir(Path("/w/warehouse/contact_centre.duckdb")) == Path("/w/warehouse/serving/contact_centre")
    monkeypatch.setenv("SERVING_DIR", "/srv/bi")
    assert serving_dir(Path("/w/warehouse/contact_centre.duckdb")) == Path("/srv/bi")


def _manifest(path: Path, models: dict[str, str]) -> Path:
    nodes = {
        f"model.p.{name}": {
            "resource_type": "model",
            "alias": name,
            "original_file_path": file_path,
            "config": {"enabled": True},
        }
        for name, file_path in models.items()
    }
    nodes["test.p.unique_x"] = {"resource_type": "test", "alias": "unique_x", "original_file_path": "models/marts/x"}
    path.write_text(json.dumps({"nodes": nodes}), encoding="utf-8")
    return path


def _logged_run(database: Path, run_id: str, steps: dict[str, str], command: str = "build", **fields: Any) -> None:
    """Writes a run with these step statuses into the database's run log, finished unless fields say otherwise."""
    started = datetime(2026, 3, 1, 2, 0)
    run = RunRecord(run_id=run_id, command=command, raw_dir="raw", started_at=started)
    run.steps = [StepRecord(step, started, started, status) for step, status in steps.items()]
    run.finish(started)
    for name, value in fields.items():
        setattr(run, name, value)
    record(database, run)


@pytest.fixture
def small_build(tmp_path: Path) -> tuple[Path, Path]:
    """A build database with two marts and an intermediate table, a manifest saying which is which, and a complete
    build in its run log."""
    database = tmp_path / "build" / "cc.duckdb"
    database.parent.mkdir()
    with duckdb.connect(str(database)) as connection:
        connection.execute("create table fct_a as select range as id from range(5)")
        connection.execute("create table dim_b as select 'x' as code")
        connection.execute("create table int_c as select 1 as n")
    _logged_run(database, "20260301T020000Z-000001", {"validate": "succeeded", "build": "succeeded"})
    models = {"fct_a": "models/marts/x/fct_a.sql", "dim_b": "models/marts/y/dim_b.sql", "int_c": "models/int/c.sql"}
    return database, _manifest(tmp_path / "manifest.json", models)


def _reader_script(serving_database: Path) -> str:
    """Opens the serving copy read-only, prints a count, waits for a line on stdin, prints the count again."""
    return (
        "import duckdb, sys\n"
        f"connection = duckdb.connect({str(serving_database)!r}, read_only=True)\n"
        "query = sys.argv[1]\n"
        "print(connection.execute(query).fetchone()[0], flush=True)\n"
        "sys.stdin.readline()\n"
        "print(connection.execute(query).fetchone()[0], flush=True)\n"
    )


class Reader:
    """A separate process holding the serving copy open read-only across a publish."""

    def __init__(self, serving_database: Path, query: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _reader_script(serving_database), query],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.before = self.process.stdout.readline().strip()
        assert self.before, self.process.stderr.read() if self.process.stderr else ""

    def read_again(self) -> str:
        stdout, stderr = self.process.communicate("go\n", timeout=60)
        assert self.process.returncode == 0, stderr
        return stdout.strip()


def test_publish_copies_marts_and_run_log_read_only(small_build: tuple[Path, Path], tmp_path: Path) -> None:
    database, manifest = small_build
    assert mart_tables(manifest) == ["dim_b", "fct_a"]
    serving = tmp_path / "serving"
    release = publish(database, manifest, "r1", serving)
    assert release.serving_database == serving / "cc.duckdb"
    assert stat.S_IMODE(release.serving_database.stat().st_mode) == 0o444
    with duckdb.connect(str(release.serving_database), read_only=True) as connection:
        tables = {
            name for (name,) in connection.execute("select table_name from information_schema.tables").fetchall()
        }
        assert connection.execute("select count(*) from fct_a").fetchone() == (5,)
        assert connection.execute(f"select release_id, build_run_id from {RELEASE_TABLE}").fetchall() == [
            ("r1", "20260301T020000Z-000001")
        ]
    assert tables == {"dim_b", "fct_a", *LOG_TABLES, RELEASE_TABLE}
    assert {path.name for path in (serving / "parquet").iterdir()} == {f"{name}.parquet" for name in tables}
    assert not list(serving.glob(".*")), "no temporary file is left behind"


@pytest.mark.parametrize(
    ("steps", "fields", "says"),
    [
        ({"validate": "succeeded", "build": "failed"}, {"message": "interrupted"}, "was interrupted"),
        ({"validate": "succeeded"}, {"status": "running", "ended_at": None}, "did not finish"),
        (
            {"validate": "succeeded", "build": "failed"},
            {"message": "2 node(s) failed, first: test not_null_x"},
            "failed (2 node(s) failed, first: test not_null_x)",
        ),
    ],
)
def test_publish_refuses_a_build_that_did_not_complete(
    small_build: tuple[Path, Path], tmp_path: Path, steps: dict[str, str], fields: dict[str, Any], says: str
) -> None:
    database, manifest = small_build
    serving = tmp_path / "serving"
    publish(database, manifest, "r1", serving)
    published = (serving / "cc.duckdb").stat().st_ino
    _logged_run(database, "20260302T020000Z-000002", steps, **fields)
    with pytest.raises(PublishError, match="refusing to publish: the latest build, run 20260302T020000Z-000002, "):
        publish(database, manifest, "r2", serving)
    with pytest.raises(PublishError, match=re.escape(says)):
        publish(database, manifest, "r2", serving)
    assert (serving / "cc.duckdb").stat().st_ino == published, "the serving copy keeps its release"
    assert os.readlink(serving / "parquet") == "releases/r1"


def test_publish_passes_over_runs_that_never_reached_dbt(small_build: tuple[Path, Path], tmp_path: Path) -> None:
    """A preflight that stopped a build left the database as the previous build made it; a publish-only run is no
    build at all."""
    database, manifest = small_build
    _logged_run(database, "20260302T020000Z-000002", {"validate": "failed"}, message="preflight found errors")
    _logged_run(database, "20260303T020000Z-000003", {"publish": "failed"}, command="publish")
    assert publish(database, manifest, "r1", tmp_path / "serving").build_run_id == "20260301T020000Z-000001"


def test_publish_refuses_a_database_without_a_build(tmp_path: Path) -> None:
    database = tmp_path / "cc.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create table fct_a as select 1 as id")
    manifest = _manifest(tmp_path / "manifest.json", {"fct_a": "models/marts/x/fct_a.sql"})
    with pytest.raises(PublishError, match="has no build in its run log"):
        publish(database, manifest, "r1", tmp_path / "serving")


def test_publish_replaces_the_release_under_a_reader(small_build: tuple[Path, Path], tmp_path: Path) -> None:
    database, manifest = small_build
    serving = tmp_path / "serving"
    publish(database, manifest, "r1", serving)
    reader = Reader(serving / "cc.duckdb", "select count(*) from fct_a")
    with duckdb.connect(str(database)) as connection:
        connection.execute("insert into fct_a select 100 + range from range(3)")
    publish(database, manifest, "r2", serving)
    publish(database, manifest, "r3", serving)
    assert (reader.before, reader.read_again()) == ("5", "5")
    with duckdb.connect(str(serving / "cc.duckdb"), read_only=True) as connection:
        assert connection.execute("select count(*) from fct_a").fetchone() == (8,)
    assert os.readlink(serving / "parquet") == "releases/r3"
    assert sorted(path.name for path in (serving / "releases").iterdir()) == ["r2", "r3"]


def test_publish_without_a_build_names_what_is_missing(small_build: tuple[Path, Path], tmp_path: Path) -> None:
    database, _ = small_build
    manifest = _manifest(tmp_path / "other.json", {"fct_missing": "models/marts/fct_missing.sql"})
    with pytest.raises(Exception, match="lacks fct_missing: run `build` before `publish`"):
        publish(database, manifest, "r1", tmp_path / "serving")
    assert not (tmp_path / "serving" / "cc.duckdb").exists()
    assert not list((tmp_path / "serving").rglob("*")), "nothing is written"


# ---------------------------------------------------------------- end to end through the CLI


def cli_env(work_dir: Path) -> dict[str, str]:
    return {
        **{key: value for key, value in os.environ.items() if key not in ("SERVING_DIR", "RAW_DATA_DIR")},
        "DUCKDB_PATH": str(work_dir / "warehouse.duckdb"),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
    }


def cli(arguments: list[str], work_dir: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scripts.cli", *arguments]
    return subprocess.run(command, cwd=REPO_ROOT, env=cli_env(work_dir), capture_output=True, text=True, check=False)


def query(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def mart_names_in_repository() -> set[str]:
    return {path.stem for path in (REPO_ROOT / "models" / "marts").rglob("*.sql")}


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("orchestration")


@pytest.fixture(scope="module")
def first_run(work_dir: Path) -> subprocess.CompletedProcess[str]:
    ensure_sample(DEFAULT_RAW_DIR)
    result = cli(["run", "--raw-dir", str(DEFAULT_RAW_DIR), "--no-dashboards"], work_dir)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return result


def _serving(work_dir: Path) -> Path:
    return work_dir / "serving" / "warehouse" / "warehouse.duckdb"


def test_run_on_the_sample_prints_results_and_report(first_run: subprocess.CompletedProcess[str]) -> None:
    output = first_run.stdout
    assert [line for line in output.splitlines() if line.startswith("== ")] == [
        "== validate",
        "== build",
        "== publish",
        "== dashboards",
        "== report",
    ]
    assert "dashboards skipped (--no-dashboards)" in output
    assert re.search(r"^test\s+\d+", output, re.MULTILINE), "the result table has a test row"
    assert "Centre KPIs for 2026-03 against target" in output
    assert re.search(r"^run \S+ succeeded$", output, re.MULTILINE)
    assert "Traceback" not in output + first_run.stderr


def test_run_summarises_quarantine_per_table_and_lists_every_file_column_and_reason(first_run) -> None:
    # every row the generator's manifest says it spoiled, per table and reason, is announced by the build
    manifest = json.loads((DEFAULT_RAW_DIR / "_manifest.json").read_text(encoding="utf-8"))
    expected = {
        (table, reason): rows
        for table, counts in manifest["expected_counts"].items()
        for reason, rows in counts["quarantined"].items()
    }
    # the run prints one summary line per table (one screen) and names the file with the full list
    summary = [line for line in first_run.stdout.splitlines() if line.startswith("QUARANTINED ")]
    assert len(summary) == len({table for table, _ in expected}), summary
    listed = re.search(r"^per file, column and reason: (\S+) \(or build --verbose\)$", first_run.stdout, re.M)
    assert listed, first_run.stdout[-3000:]
    full_list = Path(listed[1]).read_text(encoding="utf-8")
    announced: dict[tuple[str, str], int] = {}
    for match in re.finditer(r"^QUARANTINED (\w+)\.[^:]*: column \w+: ([\d,]+) rows? (\w+) \(", full_list, re.M):
        key = (match[1], match[3])
        announced[key] = announced.get(key, 0) + int(match[2].replace(",", ""))
    assert announced == expected


def test_serving_copy_is_read_only_and_holds_every_mart(first_run, work_dir: Path) -> None:
    serving = _serving(work_dir)
    assert stat.S_IMODE(serving.stat().st_mode) == 0o444
    tables = {name for (name,) in query(serving, "select table_name from information_schema.tables")}
    assert tables == mart_names_in_repository() | set(LOG_TABLES) | {RELEASE_TABLE}
    parquet = {path.stem for path in (serving.parent / "parquet").glob("*.parquet")}
    assert parquet == tables
    with pytest.raises(duckdb.Error), duckdb.connect(str(serving), read_only=True) as connection:
        connection.execute("create table not_allowed as select 1")


def test_run_log_has_the_run_with_steps_sources_and_tests(first_run, work_dir: Path) -> None:
    database = work_dir / "warehouse.duckdb"
    runs = query(database, "select run_id, status, command, tests_passed, tests_failed, ended_at from warehouse_runs")
    assert len(runs) == 1
    run_id, status, command, passed, failed, ended_at = runs[0]
    manifest = json.loads((work_dir / "target" / "manifest.json").read_text(encoding="utf-8"))
    tests = sum(node["resource_type"] == "test" for node in manifest["nodes"].values())
    tests += len(manifest.get("unit_tests", {}))
    assert (status, command, passed, failed) == ("succeeded", "run", tests, 0)
    assert ended_at is not None
    steps = query(database, f"select step, status, seconds from warehouse_run_steps where run_id = '{run_id}'")
    assert [(step, step_status) for step, step_status, _ in sorted(steps, key=lambda s: s[0])] == [
        ("build", "succeeded"),
        ("dashboards", "succeeded"),
        ("publish", "succeeded"),
        ("report", "succeeded"),
        ("validate", "succeeded"),
    ]
    assert all(seconds >= 0 for _, _, seconds in steps)
    sources = query(
        database,
        "select source_name || '.' || table_name, raw_rows, staged_rows, quarantined_rows, duplicate_rows "
        f"from warehouse_run_sources where run_id = '{run_id}' order by 1",
    )
    reconciliation = query(
        database,
        "select source_table, raw_rows, staged_rows, quarantined_rows, duplicate_rows_dropped "
        "from fct_source_reconciliation order by 1",
    )
    assert len(sources) == len(load_tables()) and sources == reconciliation
    manifest_rows = json.loads((DEFAULT_RAW_DIR / "_manifest.json").read_text(encoding="utf-8"))["row_counts"]
    assert {name.split(".")[1]: raw for name, raw, *_ in sources} == manifest_rows
    # the serving copy was published mid-run: it shows the run as running, before its publish step
    published = query(_serving(work_dir), "select status, ended_at from warehouse_runs")
    assert published == [("running", None)]


def test_report_command_reads_the_serving_copy(first_run, work_dir: Path) -> None:
    result = cli(["report", "--month", "2026-02"], work_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    ((build_run,),) = query(_serving(work_dir), "select run_id from warehouse_runs")
    assert f"Centre KPIs for 2026-02 against target\nread from {_serving(work_dir)} (build run {build_run})\n" in (
        result.stdout
    ), "the report names the build run the serving copy holds"
    rows = [line for line in result.stdout.splitlines() if line.startswith(("MISS", "ok "))]
    statuses = [line.split()[0] for line in rows]
    assert statuses == sorted(statuses), "every miss is listed before every met KPI"
    expected = query(
        _serving(work_dir),
        "select count(*) from fct_kpi_values where period_grain = 'month' and dimension_name = 'centre' "
        "and period_start = date '2026-02-01' and meets_target is not null",
    )
    assert len(rows) == expected[0][0]
    assert max(len(line) for line in result.stdout.splitlines() if not line.startswith("read from")) <= 100


@pytest.fixture(scope="module")
def second_run_under_reader(
    first_run, work_dir: Path, contract_tables: list[Table], tmp_path_factory: pytest.TempPathFactory
):
    """A reader holds the first release open while a run on header-only extracts builds and publishes."""
    raw_dir = tmp_path_factory.mktemp("header_only")
    write_header_only_extracts(raw_dir, contract_tables)
    reader = Reader(_serving(work_dir), "select count(*) from fct_calls")
    # every table falls to 0 rows: allowed here, or the row-count stop would refuse the build
    allow_empty = "{row_count_stop: {max_drop_share: {default: 1.0}}}"
    result = cli(["run", "--raw-dir", str(raw_dir), "--no-docs", "--no-dashboards", "--vars", allow_empty], work_dir)
    return result, reader.before, reader.read_again(), raw_dir


def test_reader_holding_the_release_never_blocks_build_and_publish(second_run_under_reader, work_dir) -> None:
    result, before, after, _ = second_run_under_reader
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert int(before) > 0 and after == before, "the reader keeps reading its release"
    assert query(_serving(work_dir), "select count(*) from fct_calls") == [(0,)]
    assert len(query(_serving(work_dir), "select run_id from warehouse_runs")) == 2
    assert "No complete month" in result.stdout and "months with values: none" in result.stdout


def test_failing_build_names_the_node_without_a_traceback(second_run_under_reader, work_dir: Path) -> None:
    *_, raw_dir = second_run_under_reader
    published_before = _serving(work_dir).stat().st_ino
    result = cli(
        [
            "run",
            "--raw-dir",
            str(raw_dir),
            "--no-docs",
            "--no-dashboards",
            "--vars",
            "{csat_satisfied_min: no_such_column}",
        ],
        work_dir,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    fail_lines = [line for line in result.stdout.splitlines() if line.startswith("FAIL ")]
    assert any(
        line.startswith("FAIL model int_survey_responses_enriched:") and "no_such_column" in line
        for line in fail_lines
    ), result.stdout[-3000:]
    assert re.search(r"^run \S+ failed at step build$", result.stdout, re.MULTILINE)
    assert "== publish" not in result.stdout
    assert _serving(work_dir).stat().st_ino == published_before, "a failed build publishes nothing"
    runs = query(
        work_dir / "warehouse.duckdb", "select status, failed_step, message from warehouse_runs order by run_id"
    )
    assert [run[:2] for run in runs] == [("succeeded", None), ("succeeded", None), ("failed", "build")]
    assert "int_survey_responses_enriched" in runs[-1][2]
    log_file = work_dir / "logs" / "dbt.log"
    assert f"the full log is in {log_file}" in result.stdout
    assert "no_such_column" in log_file.read_text(encoding="utf-8"), "the log it names holds the error"


def test_publish_refuses_after_a_failed_build(second_run_under_reader, work_dir: Path) -> None:
    """Runs after the failing build above: its half-built database is never served."""
    published_before = _serving(work_dir).stat().st_ino
    result = cli(["publish"], work_dir)
    assert result.returncode == 1
    assert re.search(r"^FAIL publish: refusing to publish: the latest build, run \S+, failed \(", result.stdout, re.M)
    assert "Traceback" not in result.stdout + result.stderr
    assert _serving(work_dir).stat().st_ino == published_before


@pytest.mark.parametrize(("how", "seconds_into_dbt"), [(signal.SIGINT, 4), (signal.SIGKILL, 12)])
def test_an_interrupted_build_is_never_published(
    second_run_under_reader, work_dir: Path, how: signal.Signals, seconds_into_dbt: int
) -> None:
    published_before = _serving(work_dir).stat().st_ino
    env = {**cli_env(work_dir), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "scripts.cli", "build", "--raw-dir", str(DEFAULT_RAW_DIR), "--no-docs"]
    # a test runner started in the background inherits an ignored SIGINT; the build gets Ctrl-C as a terminal sends it
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("== build"):
            break
    time.sleep(seconds_into_dbt)
    process.send_signal(how)
    stdout, stderr = process.communicate(timeout=120)
    if how == signal.SIGINT:
        assert process.returncode == 130, stdout[-2000:] + stderr[-2000:]
        assert "Traceback" not in stdout + stderr
        assert "interrupted" in stderr + stdout
    else:
        assert process.returncode == -signal.SIGKILL
    result = cli(["publish"], work_dir)
    assert result.returncode == 1
    expected = "was interrupted" if how == signal.SIGINT else "did not finish (killed, or still running)"
    assert "refusing to publish: the latest build, run " in result.stdout and expected in result.stdout, result.stdout
    assert _serving(work_dir).stat().st_ino == published_before, "the serving copy is unchanged"
