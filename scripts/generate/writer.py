"""Clean text of contract columns, CSV lines, and gzip CSV files written chunk by chunk."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scripts.contract import Table

from .clock import UTC_OFFSET_S
from .columns import Coded, Ids, Rows, Values, row_count, text

COMPRESS_LEVEL = 1  # gzip level 1: several times faster than the default for ~10 % larger files
MAX_BATCH_ROWS = 500_000  # keeps each joined text batch well under Arrow's 2 GiB string limit
NEEDS_QUOTES = r'[,"\r\n]|^\s|\s$'


@dataclass(frozen=True)
class Text:
    table: pa.Table  # all text, exactly the contract's columns in its order, '' for null
    quote: frozenset[str]  # free-text columns whose values may need CSV quoting


def _mask_and_values(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    values = np.asarray(values)
    if values.dtype.kind == "f":
        mask = np.isnan(values)
        return mask, np.where(mask, 0, values)
    return np.zeros(values.shape, bool), values


def quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if re.search(NEEDS_QUOTES, value) else value


def format_column(values: Values, data_type: str) -> tuple[pa.Array, bool]:
    """Contract text of one column (ISO timestamps at +08:00, ISO dates, true/false, '' for null), and whether
    its values may still need CSV quoting (vocabularies are quoted here once, identifiers never need it)."""
    if data_type == "varchar":
        if isinstance(values, Coded):
            return pc.fill_null(text(Coded(values.codes, tuple(quote(v) for v in values.values))), ""), False
        return pc.fill_null(text(values), ""), not isinstance(values, Ids)
    mask, raw = _mask_and_values(values)
    if data_type == "timestamp":
        local = pa.array(raw.astype(np.int64) + UTC_OFFSET_S, type=pa.timestamp("s"), mask=mask)
        plain = pc.cast(local, pa.string())  # 'YYYY-MM-DD HH:MM:SS'
        out = pc.binary_join_element_wise(pc.utf8_replace_slice(plain, 10, 11, "T"), "+08:00", "")
    elif data_type == "date":
        out = pc.cast(pa.array(raw.astype(np.int32), type=pa.date32(), mask=mask), pa.string())
    elif data_type == "integer":
        out = pc.cast(pa.array(raw.astype(np.int64), mask=mask), pa.string())
    elif data_type == "double":
        out = pc.cast(pa.array(raw.astype(np.float64), mask=mask), pa.string())
    elif data_type == "boolean":
        out = pc.cast(pa.array(raw.astype(bool), mask=mask), pa.string())
    else:
        raise ValueError(f"unknown data_type {data_type}")
    return pc.fill_null(out, ""), False


def format_rows(rows: Rows, table: Table) -> Text:
    """All-text table with exactly the contract's columns in the contract's order."""
    expected, given = list(table.column_names), set(rows)
    if set(expected) != given:
        raise ValueError(
            f"{table.name}: generator columns differ from the contract: missing "
            f"{sorted(set(expected) - given)}, unexpected {sorted(given - set(expected))}"
        )
    n = row_count(rows)
    arrays, to_quote = [], set()
    for col in table.columns:
        arr, needs_quoting = format_column(rows[col.name], col.data_type)
        if len(arr) != n:
            raise ValueError(f"{table.name}.{col.name}: {len(arr)} values for {n} rows")
        arrays.append(arr)
        if needs_quoting:
            to_quote.add(col.name)
    return Text(pa.Table.from_arrays(arrays, names=expected), frozenset(to_quote))


def _quoted(arr: pa.Array) -> pa.Array:
    needs = pc.match_substring_regex(arr, NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return arr
    return pc.if_else(needs, pc.binary_join_element_wise('"', pc.replace_substring(arr, '"', '""'), '"', ""), arr)


def csv_lines(table: pa.Table, eol: str, quote_columns: frozenset[str] | None) -> bytes:
    """CSV body (no header) of an all-text table; only quote_columns (None: all) are checked for quoting."""
    chunks: list[memoryview] = []
    for start in range(0, table.num_rows, MAX_BATCH_ROWS):
        part = table.slice(start, MAX_BATCH_ROWS)
        args: list = []
        for name in part.column_names:
            col = part.column(name).combine_chunks()
            args += [_quoted(col) if quote_columns is None or name in quote_columns else col, ","]
        args[-1] = eol
        joined = pc.binary_join_element_wise(*args, "")
        offsets = np.frombuffer(joined.buffers()[1], dtype=np.int32, count=len(joined) + 1, offset=joined.offset * 4)
        chunks.append(memoryview(joined.buffers()[2])[offsets[0] : offsets[-1]])
    return b"".join(chunks)


class GzipCsv:
    """One gzip CSV file, header first, then CSV bodies appended in order."""

    def __init__(self, path: Path, columns: tuple[str, ...], bom_crlf: bool = False):
        self.path = path
        self.rows = 0
        self._fh = path.open("wb")
        # wbits 31: a gzip stream with a fixed header (mtime 0), so equal input gives equal bytes
        self._z = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, 31)
        eol = "\r\n" if bom_crlf else "\n"
        header = ("\ufeff" if bom_crlf else "") + ",".join(columns) + eol
        self._fh.write(self._z.compress(header.encode("utf-8")))

    def write(self, body: bytes, rows: int) -> None:
        if rows:
            self._fh.write(self._z.compress(body))
            self.rows += rows

    def close(self) -> None:
        self._fh.write(self._z.flush())
        self._fh.close()
