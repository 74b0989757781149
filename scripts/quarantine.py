"""What staging quarantined, announced after a build: a short summary, one line per table (at most one screen),
and the full list, one line per file, column and reason, in a file the summary names (printed too with --verbose).

Row-level defects never stop the build (they land in fct_quarantined_rows); these lines make sure nobody has to go
looking for them to learn that an export wrote unreadable values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from scripts.contract import QUARANTINE_REASONS
from scripts.validate import extract_files

GROUPS_QUERY = """
    select source_table, coalesce(reason_column, ''), reason_code, count(*)
    from main.fct_quarantined_rows
    group by source_table, reason_column, reason_code
    order by source_table, reason_column, reason_code
"""


@dataclass(frozen=True)
class QuarantineGroup:
    source_table: str  # source.table
    column: str
    reason_code: str
    rows: int

    @property
    def table_name(self) -> str:
        return self.source_table.split(".", 1)[-1]


def quarantine_lines(groups: list[QuarantineGroup], files: dict[str, list[str]]) -> list[str]:
    """A total, then `QUARANTINED <files>: column <c>: <n> rows <code> (<meaning>)` per group; files maps a table
    name to the extract file names it was read from."""
    if not groups:
        return ["no raw rows quarantined"]
    total = sum(group.rows for group in groups)
    lines = [f"{total:,} raw rows quarantined (listed in fct_quarantined_rows):"]
    for group in groups:
        names = ", ".join(files.get(group.table_name) or [f"{group.table_name}.csv"])
        meaning = QUARANTINE_REASONS.get(group.reason_code, "see fct_quarantined_rows")
        rows = f"{group.rows:,} {'row' if group.rows == 1 else 'rows'}"
        lines.append(f"QUARANTINED {names}: column {group.column or '-'}: {rows} {group.reason_code} ({meaning})")
    return lines


def quarantine_summary(groups: list[QuarantineGroup], full_list: Path) -> list[str]:
    """A total, then `QUARANTINED <table>: <n> rows: <reason> <n>, ...` per table (largest reasons first), then
    where the full list is."""
    if not groups:
        return ["no raw rows quarantined"]
    tables: dict[str, dict[str, int]] = {}
    for group in groups:
        reasons = tables.setdefault(group.table_name, {})
        reasons[group.reason_code] = reasons.get(group.reason_code, 0) + group.rows
    total = sum(group.rows for group in groups)
    lines = [f"{total:,} raw rows quarantined in {len(tables)} tables (fct_quarantined_rows):"]
    for table, reasons in sorted(tables.items()):
        rows = sum(reasons.values())
        listed = ", ".join(
            f"{code} {count:,}" for code, count in sorted(reasons.items(), key=lambda r: (-r[1], r[0]))
        )
        lines.append(f"QUARANTINED {table}: {rows:,} {'row' if rows == 1 else 'rows'}: {listed}")
    lines.append(f"per file, column and reason: {full_list} (or build --verbose)")
    return lines


def read_groups(database: Path) -> list[QuarantineGroup]:
    with duckdb.connect(str(database)) as connection:
        return [QuarantineGroup(*row) for row in connection.execute(GROUPS_QUERY).fetchall()]


def print_quarantine(database: Path, raw_dir: Path, full_list: Path, verbose: bool = False) -> None:
    """Prints the summary (the full list with verbose) and writes the full list to full_list."""
    groups = read_groups(database)
    files = {group.table_name: [path.name for path in extract_files(raw_dir, group.table_name)] for group in groups}
    lines = quarantine_lines(groups, files)
    full_list.parent.mkdir(parents=True, exist_ok=True)
    full_list.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines if verbose else quarantine_summary(groups, full_list)))
