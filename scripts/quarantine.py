"""One line per file, column and reason for the raw rows staging quarantined, printed after a build.

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


def read_groups(database: Path) -> list[QuarantineGroup]:
    with duckdb.connect(str(database)) as connection:
        return [QuarantineGroup(*row) for row in connection.execute(GROUPS_QUERY).fetchall()]


def print_quarantine(database: Path, raw_dir: Path) -> None:
    groups = read_groups(database)
    files = {group.table_name: [path.name for path in extract_files(raw_dir, group.table_name)] for group in groups}
    print("\n".join(quarantine_lines(groups, files)))
