"""Stops a build whose extracts lost too much: quarantine is for the occasional bad row, not for an export that
wrote a whole column in a format staging cannot read, nor for a transfer that delivered half the rows.

Two checks after `dbt build`, thresholds from dbt vars (dbt_project.yml, overridable with --vars):
- `quarantine_stop`: per table, the share of raw rows staging quarantined (`max_share`, per table or `default`),
  once at least `min_rows` rows are quarantined (a table of six rows with one bad row is not an export failure);
- `row_count_stop`: per table, the fall in raw rows against the previous successful build's run log
  (`max_drop_share`, per table or `default`).
A stop names the file, the column, the count and share, a few raw values and the expected format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import yaml

from scripts.contract import QUARANTINE_REASONS, REPO_ROOT, Column, Table, load_tables
from scripts.run_log import ensure_tables
from scripts.validate import extract_files

EXAMPLES_PER_GROUP = 3
GROUPS_SHOWN_PER_TABLE = 3

# raw rows and quarantined rows per table of this build
RECONCILIATION_QUERY = """
    select source_table, raw_rows, quarantined_rows
    from main.fct_source_reconciliation
"""
# per table, column and reason: rows and a few distinct raw values
GROUP_QUERY = f"""
    select source_table, coalesce(reason_column, ''), reason_code, count(*),
        list(distinct reason_value order by reason_value)[1:{EXAMPLES_PER_GROUP}]
    from main.fct_quarantined_rows
    group by 1, 2, 3
"""
# raw rows per table of the latest succeeded build before this one (the run log is written after dbt)
PREVIOUS_ROWS_QUERY = """
    with previous_build as (
        select run_id
        from main.warehouse_runs
        where status = 'succeeded' and command in ('build', 'run')
        order by run_id desc
        limit 1
    )
    select sources.source_name || '.' || sources.table_name, sources.raw_rows, sources.run_id
    from main.warehouse_run_sources as sources
    inner join previous_build on sources.run_id = previous_build.run_id
"""

TYPE_FORMATS = {
    "timestamp": "a timestamp: YYYY-MM-DD HH:MM[:SS] (or with T, / or an offset such as +08:00 or Z)",
    "date": "a date: YYYY-MM-DD (or YYYY/MM/DD)",
    "integer": "a whole number",
    "double": "a number with a decimal point",
    "boolean": "true/false (also t/f, 1/0, yes/no, y/n, 是/否)",
}


@dataclass(frozen=True)
class Thresholds:
    max_share: Mapping[str, float]
    min_rows: int
    max_drop_share: Mapping[str, float]

    def share_for(self, table: str) -> float:
        return self.max_share.get(table, self.max_share["default"])

    def drop_for(self, table: str) -> float:
        return self.max_drop_share.get(table, self.max_drop_share["default"])


@dataclass(frozen=True)
class QuarantineGroup:
    source_table: str
    column: str
    reason_code: str
    rows: int
    examples: tuple[str | None, ...]


def _merged(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """base with override on top, mapping by mapping (an override may name one table only)."""
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merged(base[key], value) if isinstance(value, Mapping) and key in base else value
    return merged


def thresholds(
    overrides: Mapping[str, Any] | None = None, project: Path = REPO_ROOT / "dbt_project.yml"
) -> Thresholds:
    """The stop thresholds from dbt_project.yml's vars, with --vars / data-set vars on top."""
    merged = _merged(yaml.safe_load(project.read_text(encoding="utf-8"))["vars"], overrides or {})
    quarantine, row_count = merged["quarantine_stop"], merged["row_count_stop"]
    return Thresholds(
        max_share=quarantine["max_share"],
        min_rows=int(quarantine["min_rows"]),
        max_drop_share=row_count["max_drop_share"],
    )


def expected_format(column: Column | None, reason_code: str) -> str:
    """What a readable value of the column looks like, in words."""
    if column is None:
        return "see docs/raw_extract_contract.md"
    if reason_code in ("missing_key", "missing_required_value"):
        return "a value in every row"
    if reason_code == "unknown_label" and column.label_domain:
        return f"a label of domain {column.label_domain} (seeds/label_mappings.csv)"
    if reason_code == "unknown_reference" and column.references:
        return f"an id present in {column.references}"
    if reason_code == "end_before_start" and column.not_before:
        return f"not earlier than {column.not_before}"
    if reason_code == "out_of_range_score" and column.accepted_range:
        low, high = column.accepted_range
        return f"a value from {low:g} to {high:g}"
    if reason_code == "negative_duration":
        return "zero or more"
    return TYPE_FORMATS.get(column.data_type, column.data_type)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def quarantine_stops(
    reconciliation: Mapping[str, tuple[int, int]],
    groups: list[QuarantineGroup],
    tables: Mapping[str, Table],
    files: Mapping[str, list[str]],
    limits: Thresholds,
) -> list[str]:
    """One STOPPED line per table over its quarantine threshold, then its largest column-reason groups."""
    lines = []
    for source_table, (raw_rows, quarantined) in sorted(reconciliation.items()):
        table_name = source_table.split(".", 1)[-1]
        limit = limits.share_for(table_name)
        if quarantined < limits.min_rows or not raw_rows or quarantined / raw_rows <= limit:
            continue
        names = ", ".join(files.get(table_name) or [f"{table_name}.csv"])
        lines.append(
            f"STOPPED {names}: {quarantined:,} of {raw_rows:,} rows ({_share(quarantined, raw_rows)}) quarantined, "
            f"more than the {limit:.1%} allowed (var quarantine_stop)"
        )
        table = tables.get(table_name)
        mine = sorted((g for g in groups if g.source_table == source_table), key=lambda g: (-g.rows, g.column))
        for group in mine[:GROUPS_SHOWN_PER_TABLE]:
            column = table.column(group.column) if table and group.column in table.column_names else None
            examples = ", ".join(repr(value) if value is not None else "blank" for value in group.examples)
            meaning = QUARANTINE_REASONS.get(group.reason_code, group.reason_code)
            expected = expected_format(column, group.reason_code)
            lines.append(
                f"  column {group.column or '-'}: {group.rows:,} rows ({_share(group.rows, raw_rows)}) "
                f"{group.reason_code} ({meaning}); e.g. {examples}; expected {expected}"
            )
    return lines


def row_count_stops(
    current: Mapping[str, int], previous: Mapping[str, tuple[int, str]], limits: Thresholds
) -> list[str]:
    """One STOPPED line per table whose raw rows fell by more than its allowed share since the last good build."""
    lines = []
    for source_table, (before, run_id) in sorted(previous.items()):
        now = current.get(source_table, 0)
        limit = limits.drop_for(source_table.split(".", 1)[-1])
        if before and (before - now) / before > limit:
            lines.append(
                f"STOPPED {source_table}: {now:,} raw rows against {before:,} in the last successful build "
                f"(run {run_id}), a fall of {_share(before - now, before)}, more than the {limit:.0%} allowed "
                "(var row_count_stop)"
            )
    return lines


def extract_stops(database: Path, raw_dir: Path, overrides: Mapping[str, Any] | None = None) -> list[str]:
    """The STOPPED lines for this build's database (empty when the build may be published)."""
    limits = thresholds(overrides)
    tables = {table.name: table for table in load_tables()}
    files = {name: [path.name for path in extract_files(raw_dir, name)] for name in tables}
    with duckdb.connect(str(database)) as connection:
        reconciliation = {
            row[0]: (int(row[1]), int(row[2])) for row in connection.execute(RECONCILIATION_QUERY).fetchall()
        }
        groups = [
            QuarantineGroup(row[0], row[1], row[2], int(row[3]), tuple(row[4]))
            for row in connection.execute(GROUP_QUERY).fetchall()
        ]
        ensure_tables(connection)
        previous = {row[0]: (int(row[1]), str(row[2])) for row in connection.execute(PREVIOUS_ROWS_QUERY).fetchall()}
    current = {source_table: raw for source_table, (raw, _) in reconciliation.items()}
    return quarantine_stops(reconciliation, groups, tables, files, limits) + row_count_stops(
        current, previous, limits
    )
