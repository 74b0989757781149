"""Runs the dbt build of the warehouse (seeds, models, tests, docs) after the extracts preflight."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dbt.cli.main import dbtRunner, dbtRunnerResult

from scripts.contract import REPO_ROOT, load_tables
from scripts.dbt_progress import (
    NodeOutcome,
    ProgressDisplay,
    failure_lines,
    first_error_line,
    outcomes_from_results,
    summary_lines,
)
from scripts.extract_gate import extract_stops
from scripts.quarantine import print_quarantine
from scripts.validate import detect_format, inspect

DEFAULT_RAW_DIR = REPO_ROOT / "data" / "sample"
DEFAULT_DATABASE = REPO_ROOT / "warehouse" / "contact_centre.duckdb"
SAMPLE_SEED = 42
TEST_TYPES = ("test", "unit_test")
# the full list of quarantined rows per file, column and reason, beside dbt.log
QUARANTINE_LIST = "quarantined_rows.txt"


def raw_data_dir() -> Path:
    return Path(os.environ.get("RAW_DATA_DIR", DEFAULT_RAW_DIR))


def database_path() -> Path:
    """The build database, as the dbt profile resolves it ($DUCKDB_PATH relative to the project folder)."""
    configured = Path(os.environ.get("DUCKDB_PATH", DEFAULT_DATABASE))
    return configured if configured.is_absolute() else REPO_ROOT / configured


def target_path() -> Path:
    """dbt's artifacts folder ($DBT_TARGET_PATH, else target/ in the project)."""
    configured = Path(os.environ.get("DBT_TARGET_PATH", REPO_ROOT / "target"))
    return configured if configured.is_absolute() else REPO_ROOT / configured


def log_path() -> Path:
    """dbt's log folder ($DBT_LOG_PATH, else logs/ in the project)."""
    configured = Path(os.environ.get("DBT_LOG_PATH", REPO_ROOT / "logs"))
    return configured if configured.is_absolute() else REPO_ROOT / configured


def _sample_is_current(raw_dir: Path) -> bool:
    """A sample generated before a contract table or column was added lacks it: regenerate rather than fail."""
    manifest = raw_dir / "_manifest.json"
    if not manifest.is_file():
        return False
    generated = json.loads(manifest.read_text(encoding="utf-8")).get("contract_columns", {})
    return all(generated.get(table.name) == list(table.column_names) for table in load_tables())


def ensure_sample(raw_dir: Path) -> None:
    """The embedded sample is generated deterministically on first use rather than committed."""
    if raw_dir.resolve() == DEFAULT_RAW_DIR.resolve() and not _sample_is_current(raw_dir):
        from scripts.generate import generate

        print(f"Generating the embedded sample (preset sample, seed {SAMPLE_SEED}) into {raw_dir} ...")
        generate("sample", SAMPLE_SEED, raw_dir, progress=True)


def preflight(raw_dir: Path) -> tuple[bool, str]:
    """Prints every finding on one line each and the rows per table; returns (ok, raw file format)."""
    tables = load_tables()
    validation = inspect(raw_dir, tables)
    for finding in validation.findings:
        print(finding)
    total = sum(rows or 0 for rows in validation.rows.values())
    print(f"{len(validation.rows)} tables, {total:,} data rows in {raw_dir}")
    ok = validation.errors == 0
    return ok, detect_format(raw_dir, tables) if ok else "csv"


@dataclass(frozen=True)
class BuildOutcome:
    """What a dbt build did: success, every node's outcome and dbt's own error when it stopped before the nodes."""

    succeeded: bool
    outcomes: list[NodeOutcome] = field(default_factory=list)
    elapsed_seconds: float = 0.0
    error: str = ""

    def built(self, model: str) -> bool:
        return any(o.resource_type == "model" and o.name == model and o.status == "success" for o in self.outcomes)

    @property
    def tests_passed(self) -> int:
        return sum(o.resource_type in TEST_TYPES and o.status == "pass" for o in self.outcomes)

    @property
    def tests_failed(self) -> int:
        return sum(o.resource_type in TEST_TYPES and o.failed for o in self.outcomes)

    @property
    def tests_warned(self) -> int:
        return sum(o.resource_type in TEST_TYPES and o.status == "warn" for o in self.outcomes)


def dataset_vars(raw_dir: Path) -> dict[str, Any]:
    """dbt vars a data set brings along (`_dbt_vars.json`, written by `adapt`: the centre's UTC offset...) or {}."""
    path = raw_dir / "_dbt_vars.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def run_dbt(arguments: list[str], callbacks: list[Any] | None = None) -> dbtRunnerResult:
    """One dbt command in this process, from the project folder, with dbt's console log off and its file log on
    (log_path()/dbt.log, which failure messages name). dbt-duckdb keeps the database open in this process
    afterwards: see DECISIONS.md, Orchestration."""
    command = [*arguments, "--project-dir", str(REPO_ROOT), "--profiles-dir", str(REPO_ROOT)]
    # `--log-level none` alone switches the file log off as well
    command += ["--log-level", "none", "--log-level-file", "info"]
    result = dbtRunner(callbacks=callbacks or []).invoke(command)
    # dbt catches Ctrl-C and returns it as the result's exception: raise it again so the run ends as interrupted
    if isinstance(result.exception, KeyboardInterrupt):
        raise KeyboardInterrupt
    return result


def _stopped_before_nodes(result: dbtRunnerResult) -> str:
    """dbt's error when it failed as a whole (parsing, compilation of the project, a bad var), in one line."""
    return "" if result.exception is None else first_error_line(str(result.exception), lines_wanted=2)


def _vars_option(file_format: str, extra_vars: dict[str, Any] | None) -> list[str]:
    return ["--vars", json.dumps({**(extra_vars or {}), "raw_file_format": file_format})]


def dbt_build(
    file_format: str, extra_vars: dict[str, Any] | None = None, options: list[str] | None = None
) -> BuildOutcome:
    """`dbt build` (with further dbt `options`) with a progress bar; prints the result table and one FAIL line per
    failed node."""
    progress = ProgressDisplay("dbt build")
    started = time.perf_counter()
    try:
        result = run_dbt(["build", *(options or []), *_vars_option(file_format, extra_vars)], [progress])
    finally:
        progress.close()
    elapsed = time.perf_counter() - started
    outcomes = outcomes_from_results(getattr(result.result, "results", None) or [])
    error = _stopped_before_nodes(result)
    if outcomes:
        print("\n".join(summary_lines(outcomes, elapsed)))
    for line in failure_lines(outcomes):
        print(line)
    if error:
        print(f"FAIL dbt: {error}")
    if not result.success:
        print(f"dbt build failed; the full log is in {log_path() / 'dbt.log'}")
    return BuildOutcome(result.success, outcomes, elapsed, error)


def docs_generate(file_format: str, extra_vars: dict[str, Any] | None = None) -> bool:
    """The static docs site (target/static_index.html)."""
    result = run_dbt(["docs", "generate", "--static", *_vars_option(file_format, extra_vars)])
    if not result.success:
        print(f"FAIL dbt docs generate: {_stopped_before_nodes(result) or 'see ' + str(log_path() / 'dbt.log')}")
    return result.success


def build(
    raw_dir: Path, with_docs: bool = True, extra_vars: dict[str, Any] | None = None, verbose: bool = False
) -> BuildOutcome:
    """Preflight, `dbt build` and the static docs site; stops at the first failing step."""
    ok, file_format = preflight(raw_dir)
    if not ok:
        print(f"Stopped before dbt: fix the extracts in {raw_dir} (see the ERROR lines above).")
        return BuildOutcome(False, error="preflight found errors")
    return build_checked(raw_dir, file_format, with_docs, extra_vars, verbose)


def build_checked(
    raw_dir: Path,
    file_format: str,
    with_docs: bool = True,
    extra_vars: dict[str, Any] | None = None,
    verbose: bool = False,
) -> BuildOutcome:
    """`dbt build` and docs on extracts that passed the preflight."""
    os.environ["RAW_DATA_DIR"] = str(raw_dir)
    extra_vars = {**dataset_vars(raw_dir), **(extra_vars or {})}
    outcome = dbt_build(file_format, extra_vars)
    if outcome.built("fct_quarantined_rows"):
        print_quarantine(database_path(), raw_dir, log_path() / QUARANTINE_LIST, verbose)
    if outcome.succeeded:
        stopped = extract_stops(database_path(), raw_dir, extra_vars)
        if stopped:
            print("\n".join(stopped))
            print(
                "Stopped: the extracts above lost too many rows; nothing will be published (see var quarantine_stop)."
            )
            return BuildOutcome(False, outcome.outcomes, outcome.elapsed_seconds, stopped[0])
    if outcome.succeeded and with_docs and not docs_generate(file_format, extra_vars):
        return BuildOutcome(False, outcome.outcomes, outcome.elapsed_seconds, "dbt docs generate failed")
    return outcome
