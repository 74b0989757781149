"""Runs the dbt build of the warehouse (seeds, models, tests, docs) after the extracts preflight."""

from __future__ import annotations

import json
import os
from pathlib import Path

from dbt.cli.main import dbtRunner

from scripts.contract import REPO_ROOT, load_tables
from scripts.validate import detect_format, validate

DEFAULT_RAW_DIR = REPO_ROOT / "data" / "sample"
SAMPLE_SEED = 42


def raw_data_dir() -> Path:
    return Path(os.environ.get("RAW_DATA_DIR", DEFAULT_RAW_DIR))


def ensure_sample(raw_dir: Path) -> None:
    """The embedded sample is generated deterministically on first use rather than committed."""
    if raw_dir.resolve() == DEFAULT_RAW_DIR.resolve() and not (raw_dir / "_manifest.json").is_file():
        from scripts.generate import generate

        print(f"Generating the embedded sample (preset sample, seed {SAMPLE_SEED}) into {raw_dir} ...")
        generate("sample", SAMPLE_SEED, raw_dir, progress=True)


def preflight(raw_dir: Path) -> tuple[bool, str]:
    """Prints every finding on one line each; returns (ok, raw file format)."""
    tables = load_tables()
    findings = validate(raw_dir, tables)
    for finding in findings:
        print(finding)
    ok = not any(finding.level == "error" for finding in findings)
    return ok, detect_format(raw_dir, tables) if ok else "csv"


def dataset_vars(raw_dir: Path) -> dict:
    """dbt vars a data set brings along (`_dbt_vars.json`, written by `adapt`: the centre's UTC offset...) or {}."""
    path = raw_dir / "_dbt_vars.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def run_dbt(arguments: list[str]) -> bool:
    """One dbt command in this process, from the project folder; True when it succeeded."""
    result = dbtRunner().invoke([*arguments, "--project-dir", str(REPO_ROOT), "--profiles-dir", str(REPO_ROOT)])
    return result.success


def build(raw_dir: Path, with_docs: bool = True) -> bool:
    """Preflight, `dbt build` and the static docs site; stops at the first failing step."""
    ok, file_format = preflight(raw_dir)
    if not ok:
        print(f"Stopped before dbt: fix the extracts in {raw_dir} (see the ERROR lines above).")
        return False
    os.environ["RAW_DATA_DIR"] = str(raw_dir)
    dbt_vars = ["--vars", json.dumps({**dataset_vars(raw_dir), "raw_file_format": file_format})]
    if not run_dbt(["build", *dbt_vars]):
        return False
    return not with_docs or run_dbt(["docs", "generate", "--static", *dbt_vars])
