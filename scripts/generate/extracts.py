"""The output directory: one gzip CSV per contract table (plus late and empty part files), defects applied."""

from __future__ import annotations

from pathlib import Path

from .columns import Rows
from .contract import Contract
from .defects import DefectInjector
from .writer import GzipCsv, format_rows


def clear_previous(out_dir: Path, contract: Contract) -> None:
    """Remove extract files of an earlier run (only files named after contract tables, and the manifest)."""
    for name in contract.tables:
        for path in out_dir.glob(f"{name}.*csv*"):
            path.unlink()
    (out_dir / "_manifest.json").unlink(missing_ok=True)


class Extracts:
    def __init__(self, out_dir: Path, contract: Contract, injector: DefectInjector):
        self.out_dir, self.contract, self.injector = out_dir, contract, injector
        self._files: dict[str, GzipCsv] = {}

    def _file(self, file_name: str, table: str) -> GzipCsv:
        if file_name not in self._files:
            bom = file_name == f"{self.injector.plan.bom_table}.csv.gz"
            self._files[file_name] = GzipCsv(self.out_dir / file_name, self.contract.table(table).column_names, bom)
            if bom:
                self.injector.file_entry("bom_crlf_file", table, file_name)
        return self._files[file_name]

    def write(self, table_name: str, rows: Rows) -> None:
        table = self.contract.table(table_name)
        text = format_rows(rows, table)
        injected = self.injector.inject(table, text)
        main = self._file(f"{table_name}.csv.gz", table_name)
        text_columns = {c.name for c in table.columns if c.data_type == "varchar"}
        main.write(injected.body, text_columns)
        main.write(injected.extra, None)  # defect values may need quoting in any column
        for file_name, late in injected.late.items():
            self._file(file_name, table_name).write(late, text_columns)

    def close(self) -> dict[str, int]:
        """Finish every file (a header-only file for tables without rows); return raw rows per table."""
        for name in self.contract.tables:
            self._file(f"{name}.csv.gz", name)
        empty = self.injector.plan.empty_table
        if empty:
            file_name = f"{empty}.empty-part.csv"
            (self.out_dir / file_name).write_bytes(b"")
            self.injector.file_entry("empty_file", empty, file_name)
        rows = dict.fromkeys(self.contract.tables, 0)
        for file_name, f in self._files.items():
            f.close()
            rows[file_name.split(".", 1)[0]] += f.rows
        return rows
