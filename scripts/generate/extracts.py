"""Rendering a table chunk to CSV bytes (defects applied), and the output directory that collects them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.contract import Contract, Labels

from .columns import Rows
from .defects import DefectPlan, TableCounts, file_entry, inject
from .writer import GzipCsv, csv_lines, format_rows


@dataclass(frozen=True)
class RenderContext:
    contract: Contract
    labels: Labels
    plan: DefectPlan
    seed: int


@dataclass(frozen=True)
class Rendered:
    """One chunk of a table as CSV bodies per file, with its manifest entries and expected counts."""

    table: str
    parts: list[tuple[str, bytes, int]]  # file name, CSV body, rows
    entries: list[dict]
    counts: TableCounts


def main_file(table: str) -> str:
    return f"{table}.csv.gz"


def render(ctx: RenderContext, table_name: str, rows: Rows, chunk: int) -> Rendered:
    """Format, inject this chunk's defects, and serialise; pure, so month chunks render in worker processes."""
    table = ctx.contract.table(table_name)
    text = format_rows(rows, table)
    injected = inject(table, text.table, ctx.plan, ctx.labels, ctx.seed, chunk)
    eol = "\r\n" if table_name == ctx.plan.bom_table else "\n"
    body = csv_lines(injected.body, eol, text.quote) + csv_lines(injected.extra, eol, None)
    parts = [(main_file(table_name), body, injected.body.num_rows + injected.extra.num_rows)]
    parts += [(name, csv_lines(late, "\n", text.quote), late.num_rows) for name, late in injected.late.items()]
    return Rendered(table_name, parts, injected.entries, injected.counts)


def clear_previous(out_dir: Path, contract: Contract) -> None:
    """Remove extract files of an earlier run (only files named after contract tables, and the manifest)."""
    for name in contract.tables:
        for path in out_dir.glob(f"{name}.*csv*"):
            path.unlink()
    (out_dir / "_manifest.json").unlink(missing_ok=True)


class ExtractWriter:
    """Appends rendered chunks to their gzip files; knows the file-level defects of the plan."""

    def __init__(self, out_dir: Path, contract: Contract, plan: DefectPlan):
        self.out_dir, self.contract, self.plan = out_dir, contract, plan
        self.entries: list[dict] = []
        self.counts = {name: TableCounts() for name in contract.tables}
        self._files: dict[str, GzipCsv] = {}

    def _file(self, file_name: str, table: str) -> GzipCsv:
        if file_name not in self._files:
            bom = table == self.plan.bom_table and file_name == main_file(table)
            self._files[file_name] = GzipCsv(self.out_dir / file_name, self.contract.table(table).column_names, bom)
            if bom:
                self.entries.append(file_entry("bom_crlf_file", table, file_name))
        return self._files[file_name]

    def write(self, rendered: Rendered) -> None:
        for file_name, body, rows in rendered.parts:
            self._file(file_name, rendered.table).write(body, rows)
        self.entries += rendered.entries
        self.counts[rendered.table].add(rendered.counts)

    def close(self) -> dict[str, int]:
        """Finish every file (header only for tables without rows), add the empty part file; raw rows per table."""
        for name in self.contract.tables:
            self._file(main_file(name), name)
        if self.plan.empty_table:
            file_name = f"{self.plan.empty_table}.empty-part.csv"
            (self.out_dir / file_name).write_bytes(b"")
            self.entries.append(file_entry("empty_file", self.plan.empty_table, file_name))
        rows = dict.fromkeys(self.contract.tables, 0)
        for file_name, f in self._files.items():
            f.close()
            rows[file_name.split(".", 1)[0]] += f.rows
        return rows
