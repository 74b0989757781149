"""The run log: every CLI run that builds or publishes, its steps and the rows per source, kept in the build database.

Tables (schema main; dbt does not own them, models/operations declares them as the source `warehouse_ops`):
warehouse_runs, warehouse_run_steps, warehouse_run_sources. A run is rewritten as a whole after each step
(delete + insert of its rows), so the log always shows how far a run got, even one that was killed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

RUNS_TABLE = "warehouse_runs"
STEPS_TABLE = "warehouse_run_steps"
SOURCES_TABLE = "warehouse_run_sources"
LOG_TABLES = (RUNS_TABLE, STEPS_TABLE, SOURCES_TABLE)

DDL = {
    RUNS_TABLE: """
        run_id varchar, started_at timestamp, ended_at timestamp, status varchar, command varchar,
        raw_dir varchar, tests_passed integer, tests_failed integer, tests_warned integer, failed_step varchar,
        message varchar""",
    STEPS_TABLE: """
        run_id varchar, step varchar, started_at timestamp, ended_at timestamp, seconds double, status varchar""",
    SOURCES_TABLE: """
        run_id varchar, source_name varchar, table_name varchar, raw_rows bigint, staged_rows bigint,
        quarantined_rows bigint, duplicate_rows bigint""",
}
RECONCILIATION_QUERY = """
    select
        split_part(source_table, '.', 1), split_part(source_table, '.', 2),
        raw_rows, staged_rows, quarantined_rows, duplicate_rows_dropped
    from main.fct_source_reconciliation
    order by source_table
"""


def utc_now() -> datetime:
    """Naive UTC, as the warehouse stores timestamps."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_run_id(now: datetime) -> str:
    """Sortable by start time, unique across machines: 20261122T131500Z-3f9a1c."""
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class StepRecord:
    step: str
    started_at: datetime
    ended_at: datetime
    status: str  # succeeded | failed

    @property
    def seconds(self) -> float:
        return (self.ended_at - self.started_at).total_seconds()


@dataclass
class RunRecord:
    """A run as it stands; status is 'running' until finish() says succeeded or failed."""

    run_id: str
    command: str
    raw_dir: str
    started_at: datetime
    ended_at: datetime | None = None
    status: str = "running"
    tests_passed: int | None = None
    tests_failed: int | None = None
    tests_warned: int | None = None
    failed_step: str | None = None
    message: str | None = None
    steps: list[StepRecord] = field(default_factory=list)
    sources: list[tuple] = field(default_factory=list)

    def finish(self, ended_at: datetime) -> None:
        failed = [step.step for step in self.steps if step.status != "succeeded"]
        self.failed_step = failed[0] if failed else None
        self.status = "failed" if failed else "succeeded"
        self.ended_at = ended_at

    def run_row(self) -> tuple:
        return (
            self.run_id,
            self.started_at,
            self.ended_at,
            self.status,
            self.command,
            self.raw_dir,
            self.tests_passed,
            self.tests_failed,
            self.tests_warned,
            self.failed_step,
            self.message,
        )

    def step_rows(self) -> list[tuple]:
        return [
            (self.run_id, step.step, step.started_at, step.ended_at, step.seconds, step.status) for step in self.steps
        ]


def ensure_tables(connection: duckdb.DuckDBPyConnection) -> None:
    for table, columns in DDL.items():
        connection.execute(f"create table if not exists main.{table} ({columns})")


def read_sources(connection: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(source, table, raw, staged, quarantined, duplicates) per extract table, if the build got that far."""
    exists = connection.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'main' and table_name = 'fct_source_reconciliation'"
    ).fetchone()
    return connection.execute(RECONCILIATION_QUERY).fetchall() if exists and exists[0] else []


def write(connection: duckdb.DuckDBPyConnection, run: RunRecord) -> None:
    """Replace the run's rows in the three log tables."""
    ensure_tables(connection)
    connection.execute("begin transaction")
    for table in LOG_TABLES:
        connection.execute(f"delete from main.{table} where run_id = ?", [run.run_id])
    connection.execute(f"insert into main.{RUNS_TABLE} values ({', '.join('?' * 11)})", list(run.run_row()))
    if run.steps:
        connection.executemany(f"insert into main.{STEPS_TABLE} values (?, ?, ?, ?, ?, ?)", run.step_rows())
    if run.sources:
        rows = [(run.run_id, *source) for source in run.sources]
        connection.executemany(f"insert into main.{SOURCES_TABLE} values (?, ?, ?, ?, ?, ?, ?)", rows)
    connection.execute("commit")


def record(database: Path, run: RunRecord, refresh_sources: bool = False) -> None:
    """Write the run into the build database. The connection is opened and closed here: in a process that ran
    dbt it shares dbt-duckdb's open database instance (same file, same configuration), elsewhere it is its own."""
    with duckdb.connect(str(database)) as connection:
        if refresh_sources:
            run.sources = read_sources(connection)
        write(connection, run)
