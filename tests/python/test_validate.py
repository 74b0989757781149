"""The preflight names the file, the column and the rows for problems dbt cannot work around."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from scripts.contract import REPO_ROOT, Table
from scripts.validate import detect_format, inspect, validate


def _table(tables: list[Table], name: str) -> Table:
    return next(table for table in tables if table.name == name)


def test_header_only_directory_is_valid(header_only_dir: Path, contract_tables: list[Table]) -> None:
    assert validate(header_only_dir, contract_tables) == []


def test_missing_file_is_one_error_naming_the_file(header_only_dir: Path, contract_tables: list[Table]) -> None:
    (header_only_dir / "queues.csv").unlink()
    findings = validate(header_only_dir, contract_tables)
    assert [f.level for f in findings] == ["error"]
    assert "queues.csv" in str(findings[0]) and "telephony.queues" in str(findings[0])


def test_missing_column_names_column_and_rows(header_only_dir: Path, contract_tables: list[Table]) -> None:
    calls = _table(contract_tables, "call_legs")
    kept = [name for name in calls.column_names if name != "agent_id"]
    rows = "\n".join(",".join("x" for _ in kept) for _ in range(3))
    (header_only_dir / "call_legs.csv").write_text(",".join(kept) + "\n" + rows + "\n", encoding="utf-8")
    findings = validate(header_only_dir, contract_tables)
    assert len(findings) == 1
    message = str(findings[0])
    assert message.startswith("ERROR ") and "call_legs.csv" in message
    assert "'agent_id'" in message and "3 rows" in message


def test_extra_column_is_a_warning(header_only_dir: Path, contract_tables: list[Table]) -> None:
    teams = _table(contract_tables, "teams")
    (header_only_dir / "teams.csv").write_text(",".join([*teams.column_names, "colour"]) + "\n", encoding="utf-8")
    findings = validate(header_only_dir, contract_tables)
    assert [(f.level, "colour" in f.message) for f in findings] == [("warning", True)]


def test_unreadable_gzip_is_an_error(header_only_dir: Path, contract_tables: list[Table]) -> None:
    (header_only_dir / "tickets.csv").unlink()
    (header_only_dir / "tickets.csv.gz").write_bytes(b"this is not gzip")
    findings = validate(header_only_dir, contract_tables)
    assert len(findings) == 1 and findings[0].level == "error"
    assert "tickets.csv.gz" in str(findings[0]) and "unreadable" in str(findings[0])


def test_empty_part_file_is_a_warning_but_empty_only_file_an_error(
    header_only_dir: Path, contract_tables: list[Table]
) -> None:
    (header_only_dir / "revenue.empty-part.csv").write_bytes(b"")
    (header_only_dir / "cost_ledger.csv").write_bytes(b"")
    findings = validate(header_only_dir, contract_tables)
    by_file = {(Path(f.file).name, f.level) for f in findings}
    assert ("revenue.empty-part.csv", "warning") in by_file
    assert ("cost_ledger.csv", "error") in by_file
    assert not any(f.level == "error" and "revenue" in f.file for f in findings)


def test_gzip_bom_and_crlf_are_read(header_only_dir: Path, contract_tables: list[Table]) -> None:
    teams = _table(contract_tables, "teams")
    (header_only_dir / "teams.csv").unlink()
    content = "\ufeff" + ",".join(teams.column_names) + "\r\nT1,2026-01-01,Alpha,,SH\r\n"
    with gzip.open(header_only_dir / "teams.csv.gz", "wt", encoding="utf-8", newline="") as handle:
        handle.write(content)
    assert validate(header_only_dir, contract_tables) == []


def test_format_detection(header_only_dir: Path, contract_tables: list[Table]) -> None:
    assert detect_format(header_only_dir, contract_tables) == "csv"
    (header_only_dir / "teams.parquet").write_bytes(b"PAR1")
    assert any("mixed" in f.message for f in validate(header_only_dir, contract_tables))


def test_cli_build_stops_before_dbt_with_one_line_per_problem(header_only_dir: Path, tmp_path: Path) -> None:
    (header_only_dir / "queues.csv").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "scripts.cli", "build", "--raw-dir", str(header_only_dir), "--no-docs"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={"DUCKDB_PATH": str(tmp_path / "never.duckdb"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    error_lines = [line for line in result.stdout.splitlines() if line.startswith("ERROR")]
    assert len(error_lines) == 1 and "queues.csv" in error_lines[0]
    assert not (tmp_path / "never.duckdb").exists()


def test_rows_are_counted_per_table_across_parts(header_only_dir: Path, contract_tables: list[Table]) -> None:
    teams = _table(contract_tables, "teams")
    header = ",".join(teams.column_names)
    (header_only_dir / "teams.csv").write_text(f"{header}\nT1,2026-01-01,Alpha,,SH\nT2,2026-01-01,Beta,,SH\n")
    (header_only_dir / "teams.late.csv").write_text(f"{header}\nT3,2026-01-01,Gamma,,SH\n")
    validation = inspect(header_only_dir, contract_tables)
    assert validation.rows["teams"] == 3 and validation.rows["queues"] == 0
    assert validation.findings == []


def test_a_deliberately_empty_part_says_so_when_the_manifest_lists_it(
    header_only_dir: Path, contract_tables: list[Table]
) -> None:
    (header_only_dir / "revenue.empty-part.csv").write_bytes(b"")
    (header_only_dir / "promotions.empty-part.csv").write_bytes(b"")
    defects = [{"kind": "empty_file", "table": "revenue", "file": "revenue.empty-part.csv"}]
    (header_only_dir / "_manifest.json").write_text(json.dumps({"defects": defects}), encoding="utf-8")
    messages = {Path(f.file).name: f.message for f in validate(header_only_dir, contract_tables)}
    assert messages["revenue.empty-part.csv"].endswith(
        "(a deliberate defect of this generated set, see _manifest.json)"
    )
    assert "deliberate" not in messages["promotions.empty-part.csv"], "only the files the manifest lists"


def test_row_count_differing_from_the_delivery_manifest_is_an_error(
    header_only_dir: Path, contract_tables: list[Table]
) -> None:
    teams = _table(contract_tables, "teams")
    (header_only_dir / "teams.csv").write_text(",".join(teams.column_names) + "\nT1,2026-01-01,Alpha,,SH\n")
    manifest = {"row_counts": {"teams": 3, "queues": 0}}
    (header_only_dir / "_manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    findings = validate(header_only_dir, contract_tables)
    assert [f.level for f in findings] == ["error"]
    assert "teams.*" in findings[0].file
    assert "1 data rows in the files but _manifest.json says 3 (-2 rows)" in findings[0].message


def test_unreadable_manifest_is_a_warning(header_only_dir: Path, contract_tables: list[Table]) -> None:
    (header_only_dir / "_manifest.json").write_text("{not json", encoding="utf-8")
    findings = validate(header_only_dir, contract_tables)
    assert [(f.level, Path(f.file).name) for f in findings] == [("warning", "_manifest.json")]


def test_cli_validate_lists_rows_per_table_and_extra_columns(header_only_dir: Path, contract_tables) -> None:
    teams = _table(contract_tables, "teams")
    header = ",".join([*teams.column_names, "colour"])
    (header_only_dir / "teams.csv").write_text(f"{header}\nT1,2026-01-01,Alpha,,SH,red\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.cli", "validate", "--raw-dir", str(header_only_dir)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("WARNING") and "teams.csv" in line and "colour" in line for line in lines)
    assert [line.split() for line in lines if line.split()[:1] == ["teams"]] == [["teams", "1", "rows"]]
    assert lines[-1].startswith("0 error(s), 1 warning(s)")
