"""Builds the warehouse with dbt in a subprocess (DuckDB locks the file per process) and reads it back."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from scripts.contract import REPO_ROOT


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


def build_warehouse(raw_dir: Path, work_dir: Path, *, dbt_vars: str | None = None) -> BuiltWarehouse:
    """`dbt build` of the whole project on raw_dir into a fresh database under work_dir."""
    work_dir.mkdir(parents=True, exist_ok=True)
    database = work_dir / "warehouse.duckdb"
    env = {
        **os.environ,
        "RAW_DATA_DIR": str(raw_dir),
        "DUCKDB_PATH": str(database),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
    }
    command = [str(Path(sys.executable).parent / "dbt"), "build", "--project-dir", str(REPO_ROOT)]
    command += ["--profiles-dir", str(REPO_ROOT)]
    if dbt_vars:
        command += ["--vars", dbt_vars]
    result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False)
    return BuiltWarehouse(database, raw_dir, result.stdout + result.stderr, result.returncode == 0)


def failure_summary(warehouse: BuiltWarehouse) -> str:
    """The dbt lines that say what failed, for assertion messages."""
    lines = warehouse.build_output.splitlines()
    wanted = [line for line in lines if "ERROR" in line or "FAIL" in line or "Error" in line]
    return "\n".join(wanted[:40]) or "\n".join(lines[-40:])
