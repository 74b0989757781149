"""Preflight of an extracts directory against the contract, before dbt runs.

Problems the build cannot work around (a missing file, a missing column, an unreadable or empty file) become
one-line errors naming the file, the column and the rows affected; row-level defects are left to staging,
which quarantines them with a reason. Rows are counted per table and checked against the control totals of a
delivery manifest (`_manifest.json`, `row_counts`) when the directory has one.
"""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from scripts.contract import Table

CSV_SUFFIXES = (".csv", ".csv.gz")
PARQUET_SUFFIX = ".parquet"
MANIFEST_NAME = "_manifest.json"


@dataclass(frozen=True)
class Finding:
    level: Literal["error", "warning"]
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.level.upper()} {self.file}: {self.message}"


@dataclass(frozen=True)
class Validation:
    """The findings of a preflight and the data rows per contract table (None: a file could not be read)."""

    findings: list[Finding]
    rows: dict[str, int | None] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(finding.level == "error" for finding in self.findings)


class UnreadableFileError(Exception):
    """A file that cannot be opened or decoded as its format says."""


def extract_files(raw_dir: Path, table_name: str) -> list[Path]:
    """The table's main file and its parts (`<table>.csv`, `<table>.<part>.csv.gz`, `<table>.parquet`...)."""
    return sorted(
        path
        for path in raw_dir.glob(f"{table_name}.*")
        if path.is_file() and path.name.endswith((*CSV_SUFFIXES, PARQUET_SUFFIX))
    )


def read_header_and_rows(path: Path) -> tuple[list[str], int]:
    """Column names and data-row count of one extract file; an empty file gives ([], 0)."""
    try:
        if path.name.endswith(PARQUET_SUFFIX):
            import pyarrow.parquet as pq

            metadata = pq.read_metadata(path)
            return list(metadata.schema.names), metadata.num_rows
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            rows = sum(1 for _ in reader)
        return [name.strip() for name in header], rows
    except (OSError, UnicodeDecodeError, csv.Error, EOFError, ValueError) as error:
        raise UnreadableFileError(f"{type(error).__name__}: {error}") from error


def check_table(raw_dir: Path, table: Table) -> tuple[list[Finding], int | None]:
    """Findings for one contract table (its files exist, are readable and carry every contract column) and its
    data rows across files (None when a file is unreadable, so the count is unknown)."""
    files = extract_files(raw_dir, table.name)
    if not files:
        return [
            Finding(
                "error",
                str(raw_dir / f"{table.name}.csv"),
                f"missing file for contract table {table.qualified_name} "
                f"(expected {table.name}.csv, .csv.gz or .parquet; 0 rows)",
            )
        ], 0
    findings: list[Finding] = []
    usable_files = 0
    table_rows: int | None = 0
    for path in files:
        try:
            header, rows = read_header_and_rows(path)
        except UnreadableFileError as error:
            findings.append(Finding("error", str(path), f"unreadable file ({error}); all its rows unusable"))
            table_rows = None
            continue
        if not header:
            findings.append(Finding("warning", str(path), "empty file (0 bytes, no header): skipped, 0 rows"))
            continue
        usable_files += 1
        table_rows = None if table_rows is None else table_rows + rows
        missing = [name for name in table.column_names if name not in header]
        for name in missing:
            findings.append(
                Finding(
                    "error", str(path), f"missing column '{name}' of {table.qualified_name} ({rows} rows affected)"
                )
            )
        extra = [name for name in header if name not in table.column_names]
        if extra:
            findings.append(
                Finding("warning", str(path), f"extra column(s) ignored: {', '.join(extra)} ({rows} rows)")
            )
    if files and not usable_files and not any(f.level == "error" for f in findings):
        findings.append(
            Finding(
                "error",
                str(files[0]),
                f"no file of {table.qualified_name} has a header line; write at least the header (0 rows)",
            )
        )
    return findings, table_rows


def control_totals(raw_dir: Path) -> tuple[dict[str, int], list[Finding]]:
    """Rows per table promised by the delivery manifest, if the directory has one (the generator writes it)."""
    path = raw_dir / MANIFEST_NAME
    if not path.is_file():
        return {}, []
    try:
        totals = json.loads(path.read_text(encoding="utf-8")).get("row_counts") or {}
        return {str(name): int(rows) for name, rows in totals.items()}, []
    except (OSError, ValueError, TypeError, AttributeError) as error:
        return {}, [Finding("warning", str(path), f"unreadable manifest, row counts not checked ({error})")]


def deliberate_defect_files(raw_dir: Path) -> set[str]:
    """Files the generator spoiled on purpose (its manifest's `defects`), so a warning about them can say so."""
    try:
        defects = json.loads((raw_dir / MANIFEST_NAME).read_text(encoding="utf-8")).get("defects") or []
        return {str(defect["file"]) for defect in defects if defect.get("file")}
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return set()


def _marked_deliberate(findings: list[Finding], files: set[str]) -> list[Finding]:
    return [
        Finding(f.level, f.file, f"{f.message} (a deliberate defect of this generated set, see {MANIFEST_NAME})")
        if f.level == "warning" and Path(f.file).name in files
        else f
        for f in findings
    ]


def check_row_counts(raw_dir: Path, rows: dict[str, int | None], totals: dict[str, int]) -> list[Finding]:
    """One error per table whose files hold a different number of data rows than the manifest promises."""
    return [
        Finding(
            "error",
            str(raw_dir / f"{name}.*"),
            f"{rows[name]} data rows in the files but {MANIFEST_NAME} says {expected} "
            f"({rows[name] - expected:+d} rows): incomplete or extra delivery",
        )
        for name, expected in sorted(totals.items())
        if rows.get(name) is not None and rows[name] != expected
    ]


def _formats(raw_dir: Path, tables: list[Table]) -> set[str]:
    return {
        "parquet" if path.name.endswith(PARQUET_SUFFIX) else "csv"
        for table in tables
        for path in extract_files(raw_dir, table.name)
    }


def detect_format(raw_dir: Path, tables: list[Table]) -> Literal["csv", "parquet"]:
    """csv unless every table is delivered as Parquet; dbt reads one format per run."""
    return "parquet" if _formats(raw_dir, tables) == {"parquet"} else "csv"


def inspect(raw_dir: Path, tables: list[Table]) -> Validation:
    """All findings for an extracts directory and its rows per table; a mix of CSV and Parquet is an error."""
    if not raw_dir.is_dir():
        return Validation([Finding("error", str(raw_dir), "extracts directory does not exist (set RAW_DATA_DIR)")])
    findings: list[Finding] = []
    rows: dict[str, int | None] = {}
    for table in tables:
        table_findings, rows[table.name] = check_table(raw_dir, table)
        findings += table_findings
    if len(_formats(raw_dir, tables)) > 1:
        findings.append(
            Finding("error", str(raw_dir), "CSV and Parquet extracts are mixed; deliver every table in one format")
        )
    totals, manifest_findings = control_totals(raw_dir)
    findings = _marked_deliberate(findings, deliberate_defect_files(raw_dir))
    return Validation(findings + manifest_findings + check_row_counts(raw_dir, rows, totals), rows)


def validate(raw_dir: Path, tables: list[Table]) -> list[Finding]:
    """All findings for an extracts directory (see inspect)."""
    return inspect(raw_dir, tables).findings
