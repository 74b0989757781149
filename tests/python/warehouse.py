"""Builds the warehouse with dbt in a subprocess (DuckDB locks the file per process) and reads it back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from scripts.build import dataset_vars
from scripts.contract import REPO_ROOT

# the marts BI tools read; their contracts are enforced on every engine
PUBLIC_MARTS = {
    "fct_kpi_values",
    "dim_kpi",
    "fct_centre_scorecard_daily",
    "fct_centre_scorecard_monthly",
    "fct_agent_scorecard_monthly",
    "fct_kpi_target_attainment",
    "fct_interval_staffing",
}


@dataclass(frozen=True)
class BuiltWarehouse:
    database: Path
    raw_dir: Path
    build_output: str
    succeeded: bool

    def connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.database), read_only=True)

    def query(self, sql: str, parameters: list | None = None) -> list[tuple]:
        with self.connect() as connection:
            return connection.execute(sql, parameters or []).fetchall()


def _dbt_env(raw_dir: Path, work_dir: Path) -> dict[str, str]:
    """Environment pointing dbt (and MetricFlow, which reads the same profile) at work_dir's database."""
    return {
        **os.environ,
        "RAW_DATA_DIR": str(raw_dir),
        "DUCKDB_PATH": str(work_dir / "warehouse.duckdb"),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
    }


def run_dbt(arguments: list[str], raw_dir: Path, work_dir: Path) -> subprocess.CompletedProcess[str]:
    """One dbt command on raw_dir with the database, target and logs under work_dir."""
    command = [str(Path(sys.executable).parent / "dbt"), *arguments]
    command += ["--project-dir", str(REPO_ROOT), "--profiles-dir", str(REPO_ROOT)]
    return subprocess.run(
        command, cwd=REPO_ROOT, env=_dbt_env(raw_dir, work_dir), capture_output=True, text=True, check=False
    )


# what dbt reads from the project folder; the build's own target/ stays in the work folder
PROJECT_ENTRIES = (".dbtignore", "dbt_project.yml", "profiles.yml", "analyses", "macros", "models", "seeds", "tests")


def run_metricflow(arguments: list[str], warehouse: BuiltWarehouse) -> subprocess.CompletedProcess[str]:
    """One `mf` command (MetricFlow CLI) against a built warehouse.

    mf reads `<cwd>/target/semantic_manifest.json` whatever DBT_TARGET_PATH says, so it runs in the build's work
    folder, made a project root by links to the project's files: the manifest then names the test database."""
    work_dir = warehouse.database.parent
    for entry in PROJECT_ENTRIES:
        link = work_dir / entry
        if not link.exists():
            link.symlink_to(REPO_ROOT / entry)
    command = [str(Path(sys.executable).parent / "mf"), *arguments]
    env = _dbt_env(warehouse.raw_dir, work_dir)
    return subprocess.run(command, cwd=work_dir, env=env, capture_output=True, text=True, check=False)


def build_warehouse(raw_dir: Path, work_dir: Path) -> BuiltWarehouse:
    """`dbt build` of the whole project on raw_dir into a fresh database under work_dir, with the data set's own
    vars (`_dbt_vars.json`) as `./warehouse.sh build` passes them."""
    work_dir.mkdir(parents=True, exist_ok=True)
    own_vars = dataset_vars(raw_dir)
    result = run_dbt(["build", *(["--vars", json.dumps(own_vars)] if own_vars else [])], raw_dir, work_dir)
    return BuiltWarehouse(
        work_dir / "warehouse.duckdb", raw_dir, result.stdout + result.stderr, result.returncode == 0
    )


def compiled_analyses(warehouse: BuiltWarehouse) -> dict[str, str]:
    """The project's analyses compiled against a built warehouse: file stem -> SQL."""
    work_dir = warehouse.database.parent
    result = run_dbt(["compile", "--select", "resource_type:analysis"], warehouse.raw_dir, work_dir)
    assert result.returncode == 0, result.stdout[-3000:]
    compiled = work_dir / "target" / "compiled" / "contact_centre_kpi" / "analyses"
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(compiled.glob("*.sql"))}


def failure_summary(warehouse: BuiltWarehouse) -> str:
    """The dbt lines that say what failed, for assertion messages."""
    lines = warehouse.build_output.splitlines()
    wanted = [line for line in lines if "ERROR" in line or "FAIL" in line or "Error" in line]
    return "\n".join(wanted[:40]) or "\n".join(lines[-40:])


def generate_docs(raw_dir: Path, work_dir: Path) -> subprocess.CompletedProcess[str]:
    """The static docs site from a parse alone (no build, empty catalog): work_dir/target/static_index.html.

    `docs generate --no-compile` reads the manifest a previous command wrote, so `dbt parse` runs first.
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    parsed = run_dbt(["parse"], raw_dir, work_dir)
    if parsed.returncode != 0:
        return parsed
    return run_dbt(["docs", "generate", "--static", "--empty-catalog", "--no-compile"], raw_dir, work_dir)
