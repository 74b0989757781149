"""The embedded sample through the whole warehouse: every injected defect is caught with its reason, nothing is
lost, no personal data survives staging, and every catalogue KPI has a monthly centre value."""

from __future__ import annotations

import csv
import gzip
import json
import math
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from scripts.contract import Table
from scripts.validate import extract_files, validate
from tests.python.warehouse import BuiltWarehouse, compiled_analyses

DEFECT_KINDS = {
    "exact_duplicate",
    "resent_changed",
    "missing_key",
    "missing_required_value",
    "unparseable_timestamp",
    "mixed_timestamp_format",
    "end_before_start",
    "negative_duration",
    "unknown_reference",
    "out_of_range_score",
    "unparseable_value",
    "label_variant",
    "unknown_label",
    "bom_crlf_file",
    "empty_file",
    "late_rows",
}
FILE_LEVEL_KINDS = {"bom_crlf_file", "empty_file"}


@pytest.fixture(scope="module")
def manifest(sample_dir: Path) -> dict[str, Any]:
    return json.loads((sample_dir / "_manifest.json").read_text(encoding="utf-8"))


def _tables_by_name(tables: list[Table]) -> dict[str, Table]:
    return {table.name: table for table in tables}


def test_sample_build_and_dbt_tests_pass(sample_warehouse: BuiltWarehouse) -> None:
    assert sample_warehouse.succeeded


def test_every_defect_kind_is_injected(manifest: dict[str, Any]) -> None:
    assert {defect["kind"] for defect in manifest["defects"]} == DEFECT_KINDS


def test_reconciliation_matches_the_manifest(
    sample_warehouse: BuiltWarehouse, manifest: dict[str, Any], contract_tables: list[Table]
) -> None:
    tables = _tables_by_name(contract_tables)
    reconciliation = {
        row[0]: row[1:]
        for row in sample_warehouse.query(
            "select source_table, raw_rows, staged_rows, quarantined_rows, duplicate_rows_dropped, is_reconciled "
            "from fct_source_reconciliation"
        )
    }
    quarantined_by_reason = Counter(
        {
            (table, reason): count
            for table, reason, count in sample_warehouse.query(
                "select source_table, reason_code, count(*) from fct_quarantined_rows group by 1, 2"
            )
        }
    )
    assert set(reconciliation) == {table.qualified_name for table in contract_tables}
    for name, expected in manifest["expected_counts"].items():
        qualified = tables[name].qualified_name
        raw, staged, quarantined, duplicates, is_reconciled = reconciliation[qualified]
        assert is_reconciled, f"{qualified}: raw != staged + quarantined + duplicates"
        assert (raw, staged, duplicates) == (
            expected["raw_rows"],
            expected["staged"],
            expected["duplicate_dropped"],
        ), f"{qualified}: (raw, staged, duplicates dropped)"
        actual_reasons = {
            reason: count for (table, reason), count in quarantined_by_reason.items() if table == qualified
        }
        assert actual_reasons == expected["quarantined"], f"{qualified}: quarantine reasons"
        assert quarantined == sum(expected["quarantined"].values())


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _same_value(actual: Any, expected: str) -> bool:
    if isinstance(actual, float | int) and not isinstance(actual, bool):
        return math.isclose(float(actual), float(expected), rel_tol=1e-9)
    return _as_text(actual) == expected


def test_every_keyed_defect_has_its_expected_outcome(
    sample_warehouse: BuiltWarehouse, manifest: dict[str, Any], contract_tables: list[Table]
) -> None:
    tables = _tables_by_name(contract_tables)
    defects_by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for defect in manifest["defects"]:
        if defect["kind"] not in FILE_LEVEL_KINDS and all(defect["key"].values()):
            defects_by_table[defect["table"]].append(defect)
    problems = []
    for table_name, defects in defects_by_table.items():
        table = tables[table_name]
        keys = sorted({"|".join(defect["key"].values()) for defect in defects})
        rows = sample_warehouse.query(
            f"select * from base_{table.source}__{table.name} where record_key in ({', '.join('?' * len(keys))})",
            keys,
        )
        columns = [row[0] for row in sample_warehouse.query(f"describe base_{table.source}__{table.name}")]
        by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            by_key[record["record_key"]].append(record)
        for defect in defects:
            outcomes = by_key["|".join(defect["key"].values())]
            wanted = (defect["expected_status"], defect["expected_reason"])
            if not any((o["row_status"], o["status_reason"]) == wanted for o in outcomes):
                problems.append(
                    f"{defect['kind']} {table_name} {defect['key']}: wanted {wanted}, got "
                    f"{[(o['row_status'], o['status_reason'], o['reason_column']) for o in outcomes]}"
                )
                continue
            if defect["expected_status"] == "quarantined":
                reasons = [o for o in outcomes if o["row_status"] == "quarantined"]
                if reasons[0]["reason_column"] != defect["column"]:
                    problems.append(
                        f"{defect['kind']} {table_name} {defect['key']}: reason column "
                        f"{reasons[0]['reason_column']} != {defect['column']}"
                    )
            if defect["expected_value"] and defect["kind"] != "late_rows":
                staged = [o for o in outcomes if o["row_status"] == "staged"]
                if len(staged) != 1 or not _same_value(staged[0][defect["column"]], defect["expected_value"]):
                    problems.append(
                        f"{defect['kind']} {table_name} {defect['key']}: staged {defect['column']} = "
                        f"{[s[defect['column']] for s in staged]}, wanted {defect['expected_value']}"
                    )
    assert not problems, f"{len(problems)} defects not handled as expected:\n" + "\n".join(problems[:30])


def test_empty_part_file_is_reported_and_skipped(
    sample_dir: Path, manifest: dict[str, Any], contract_tables: list[Table]
) -> None:
    empty_files = {d["file"] for d in manifest["defects"] if d["kind"] == "empty_file"}
    warnings = {Path(f.file).name for f in validate(sample_dir, contract_tables) if f.level == "warning"}
    assert empty_files and empty_files <= warnings


def _raw_personal_values(sample_dir: Path, contract_tables: list[Table], per_column: int = 300) -> set[str]:
    values: set[str] = set()
    for table in contract_tables:
        pii_columns = [column.name for column in table.columns if column.pii]
        for path in extract_files(sample_dir, table.name)[:1] if pii_columns else []:
            opener = gzip.open if path.name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
                for row_number, row in enumerate(csv.DictReader(handle)):
                    if row_number >= per_column:
                        break
                    values.update(row[name].strip() for name in pii_columns if row.get(name, "").strip())
    return values


def test_no_raw_personal_data_anywhere_in_the_warehouse(
    sample_warehouse: BuiltWarehouse, sample_dir: Path, contract_tables: list[Table]
) -> None:
    personal_values = sorted(_raw_personal_values(sample_dir, contract_tables))
    assert len(personal_values) > 100
    leaks = []
    with sample_warehouse.connect() as connection:
        text_columns = connection.execute(
            "select table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR' and table_schema not like '%seeds%'"
        ).fetchall()
        for table_name, column_name in text_columns:
            found = connection.execute(
                f'select count(*) from "{table_name}" where "{column_name}" in (select unnest(cast(? as varchar[])))',
                [personal_values],
            ).fetchone()[0]
            if found:
                leaks.append(f"{table_name}.{column_name}: {found} rows")
    assert not leaks, "raw personal data found: " + "; ".join(leaks)


def test_every_catalogue_kpi_has_a_centre_value_at_month_grain(sample_warehouse: BuiltWarehouse) -> None:
    missing = sample_warehouse.query(
        """
        select registry.metric_id
        from main_seeds.kpi_registry as registry
        left join fct_kpi_values as kpi
            on registry.metric_id = kpi.metric_id
            and kpi.period_grain = 'month'
            and kpi.dimension_name = 'centre'
            and kpi.value is not null
        group by registry.metric_id
        having count(kpi.metric_id) = 0
        """
    )
    assert not missing, f"KPIs without any monthly centre value on the sample: {sorted(m for (m,) in missing)}"


AUDITED_KPIS = {
    "service_level",
    "first_call_resolution_rate",
    "average_handle_time",
    "net_promoter_score",
    "attrition_rate_monthly",
}


def test_audit_queries_from_staging_equal_the_kpi_table(sample_warehouse: BuiltWarehouse) -> None:
    """analyses/audit_*.sql recompute headline KPIs straight from staging; they must agree with fct_kpi_values."""
    audits = {stem: sql for stem, sql in compiled_analyses(sample_warehouse).items() if stem.startswith("audit_")}
    assert {stem.removeprefix("audit_") for stem in audits} == AUDITED_KPIS
    for stem, sql in audits.items():
        compared = 0
        for metric_id, month, numerator, denominator in sample_warehouse.query(sql):
            rows = sample_warehouse.query(
                "select numerator, denominator from fct_kpi_values where metric_id = ? and period_grain = 'month' "
                "and period_start = ? and dimension_name = 'centre' and value is not null",
                [metric_id, month],
            )
            if not rows:
                continue
            compared += 1
            assert math.isclose(rows[0][0], numerator, rel_tol=1e-9, abs_tol=1e-9), (stem, month, "numerator")
            assert math.isclose(rows[0][1], denominator, rel_tol=1e-9, abs_tol=1e-9), (stem, month, "denominator")
        assert compared >= 3, f"{stem}: only {compared} months to compare"


def test_every_mart_column_is_declared_and_described(sample_warehouse: BuiltWarehouse) -> None:
    """Each built mart column against the yml of the same build (its manifest): none undeclared or left blank."""
    target = sample_warehouse.database.parent / "target"
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    marts = {
        node["name"]: node["columns"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["original_file_path"].startswith("models/marts/")
    }
    built = sample_warehouse.query("select table_name, column_name from information_schema.columns")
    problems = [
        f"{table}.{column}: {'not in the yml' if column not in marts[table] else 'no description'}"
        for table, column in built
        if table in marts and not (marts[table].get(column) or {}).get("description", "").strip()
    ]
    assert not problems, "mart columns without a description:\n" + "\n".join(sorted(problems))
