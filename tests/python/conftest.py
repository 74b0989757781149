"""Shared fixtures: the contract, header-only extract directories, and a built sample warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.contract import Table, load_tables


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
