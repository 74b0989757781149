"""Benchmark: generate a preset (or take an extracts directory), build the warehouse on it and print figures.

Performance is measured here, never asserted in tests. Prints wall time per step, rows per source table and the
slowest dbt nodes, from dbt's own run_results.json.

    python -m scripts.benchmark --preset medium [--raw-dir DIR] [--work-dir DIR] [--top 15]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from scripts.contract import REPO_ROOT


def _timed(label: str, command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    status = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
    print(f"{label:<12} {elapsed:>9.1f} s  {status}")
    if result.returncode != 0:
        print(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(1)
    return elapsed


def slowest_nodes(run_results: Path, top: int) -> list[tuple[str, float]]:
    """(node, seconds) of the slowest nodes of a dbt run, slowest first."""
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    timed = [(result["unique_id"].split(".")[-1], float(result["execution_time"])) for result in results]
    return sorted(timed, key=lambda item: item[1], reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", default="sample", help="generator preset when --raw-dir is not given")
    parser.add_argument("--raw-dir", type=Path, help="an existing extracts directory (skips generation)")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/warehouse-benchmark"))
    parser.add_argument("--top", type=int, default=15, help="how many of the slowest dbt nodes to list")
    args = parser.parse_args(argv)

    work_dir = args.work_dir.resolve()
    work_dir.mkdir(parents=True, exist_ok=True)
    raw_dir = args.raw_dir or work_dir / f"raw_{args.preset}"
    database = work_dir / "warehouse.duckdb"
    database.unlink(missing_ok=True)
    env = {
        **os.environ,
        "RAW_DATA_DIR": str(raw_dir),
        "DUCKDB_PATH": str(database),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
    }
    python = sys.executable
    dbt = str(Path(python).parent / "dbt")
    print(f"benchmark on {raw_dir}  ({os.cpu_count()} cores)")
    if not args.raw_dir:
        _timed("generate", [python, "-m", "scripts.generate", "--preset", args.preset, "--out", str(raw_dir)], env)
    _timed("preflight", [python, "-m", "scripts.cli", "validate", "--raw-dir", str(raw_dir)], env)
    _timed("dbt build", [dbt, "build", "--project-dir", str(REPO_ROOT), "--profiles-dir", str(REPO_ROOT)], env)

    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            "select source_table, raw_rows, staged_rows, quarantined_rows, duplicate_rows_dropped "
            "from fct_source_reconciliation order by raw_rows desc"
        ).fetchall()
    print(f"\n{'source table':<32} {'raw':>12} {'staged':>12} {'quarantined':>12} {'duplicates':>12}")
    for source_table, *counts in rows:
        print(f"{source_table:<32} " + " ".join(f"{count:>12,}" for count in counts))
    print("\nslowest dbt nodes (of run_results.json):")
    for node, seconds in slowest_nodes(work_dir / "target" / "run_results.json", args.top):
        print(f"  {node:<60} {seconds:>8.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
