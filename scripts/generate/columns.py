"""Column value containers the generators hand to the writer (vectorised, formatted only at write time).

Conventions: timestamps are epoch seconds (int64, or float64 with NaN for null); dates are day numbers since
1970-01-01 (NaN null); integers/doubles are numeric arrays (NaN null); booleans are bool arrays or float arrays
with NaN for null; text is a Coded vocabulary, Ids, or an object/str array with None or '' for null.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True)
class Coded:
    """Text from a small vocabulary: codes index values, -1 is null."""

    codes: np.ndarray
    values: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.codes)


@dataclass(frozen=True)
class Ids:
    """Identifiers prefix + zero-padded number; number -1 is null."""

    prefix: str
    numbers: np.ndarray
    width: int

    def __len__(self) -> int:
        return len(self.numbers)


Values = np.ndarray | Coded | Ids | pa.Array
Rows = dict[str, Values]


def row_count(rows: Rows) -> int:
    return len(next(iter(rows.values())))


def text(values: Values) -> pa.Array:
    """Materialise a text column as an Arrow string array (nulls for null)."""
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    if isinstance(values, pa.Array):
        return values
    if isinstance(values, Coded):
        vocab = pa.array(values.values, type=pa.string())
        codes = pa.array(values.codes, mask=values.codes < 0)
        return vocab.take(codes)
    if isinstance(values, Ids):
        numbers = pa.array(values.numbers, mask=values.numbers < 0)
        padded = pc.utf8_lpad(pc.cast(numbers, pa.string()), values.width, "0")
        return pc.binary_join_element_wise(values.prefix, padded, "")
    arr = pa.array(values, type=pa.string(), from_pandas=True)
    return pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)


def concat(parts: list[Values]) -> Values:
    """Concatenate columns; mixed containers (e.g. call ids with ticket ids) become Arrow text."""
    first = parts[0]
    if all(isinstance(p, Coded) and p.values == first.values for p in parts):
        return Coded(np.concatenate([p.codes for p in parts]), first.values)
    if all(isinstance(p, Ids) and (p.prefix, p.width) == (first.prefix, first.width) for p in parts):
        return Ids(first.prefix, np.concatenate([p.numbers for p in parts]), first.width)
    if all(isinstance(p, np.ndarray) and p.dtype != object for p in parts):
        return np.concatenate(parts)
    return pa.concat_arrays([text(p) for p in parts])


def concat_rows(parts: list[Rows]) -> Rows:
    parts = [p for p in parts if p and row_count(p)] or parts[:1]
    return {name: concat([p[name] for p in parts]) for name in parts[0]}


def nan_where(mask: np.ndarray, values: np.ndarray) -> np.ndarray:
    """values as float with NaN where mask is true."""
    return np.where(mask, np.nan, np.asarray(values, dtype=float))
