"""Shared fixtures: the contract, header-only extract directories, and a built sample warehouse."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts.build import DEFAULT_RAW_DIR, ensure_sample
from scripts.contract import Table, load_tables
from tests.python.warehouse import BuiltWarehouse, build_warehouse, failure_summary


@pytest.fixture(scope="session")
def contract_tables() -> list[Table]:
    return load_tables()


def write_header_only_extracts(directory: Path, tables: list[Table]) -> None:
    """A valid extract set with no rows: every contract file with just its header line."""
    directory.mkdir(parents=True, exist_ok=True)
    for table in tables:
        (directory / f"{table.name}.csv").write_text(",".join(table.column_names) + "\n", encoding="utf-8")


@pytest.fixture
def header_only_dir(tmp_path: Path, contract_tables: list[Table]) -> Path:
    write_header_only_extracts(tmp_path / "raw", contract_tables)
    return tmp_path / "raw"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The embedded sample, or another generated set (e.g. the medium preset) named by WAREHOUSE_TEST_RAW_DIR."""
    raw_dir = Path(os.environ.get("WAREHOUSE_TEST_RAW_DIR", DEFAULT_RAW_DIR))
    ensure_sample(raw_dir)
    return raw_dir


@pytest.fixture(scope="session")
def sample_warehouse(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltWarehouse:
    """The sample built once per test session, shared by the sample and semantic-layer tests."""
    warehouse = build_warehouse(sample_dir, tmp_path_factory.mktemp("sample"))
    assert warehouse.succeeded, failure_summary(warehouse)
    return warehouse
