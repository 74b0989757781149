"""Defects injected into the written rows (never the clean model), each recorded with the outcome staging owes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from itertools import pairwise

import numpy as np
import pyarrow as pa

from scripts.contract import Column, Contract, Labels, Table

from .streams import stream

# kind -> (expected_status, expected_reason) of the defect row (for resent_changed: of the older copy)
OUTCOMES: dict[str, tuple[str, str | None]] = {
    "exact_duplicate": ("duplicate_dropped", "exact_duplicate"),
    "resent_changed": ("duplicate_dropped", "superseded"),
    "missing_key": ("quarantined", "missing_key"),
    "missing_required_value": ("quarantined", "missing_required_value"),
    "unparseable_timestamp": ("quarantined", "unparseable_timestamp"),
    "mixed_timestamp_format": ("staged", None),
    "end_before_start": ("quarantined", "end_before_start"),
    "negative_duration": ("quarantined", "negative_duration"),
    "unknown_reference": ("quarantined", "unknown_reference"),
    "out_of_range_score": ("quarantined", "out_of_range_score"),
    "unparseable_value": ("quarantined", "unparseable_value"),
    "label_variant": ("staged", None),
    "unknown_label": ("quarantined", "unknown_label"),
    "bom_crlf_file": ("staged", None),
    "empty_file": ("staged", None),
    "late_rows": ("staged", None),
}
FILE_KINDS = ("bom_crlf_file", "empty_file", "late_rows")
ROW_KINDS = tuple(k for k in OUTCOMES if k not in FILE_KINDS)
IN_PLACE = ("mixed_timestamp_format", "label_variant")  # equivalent values: the row stays and is staged
UNPARSEABLE_TIMESTAMPS = ("N/A", "2026-13-45 25:61:00", "yesterday")
OTHER_OFFSETS = ((2 * 60, "+02:00"), (-5 * 60, "-05:00"), (5 * 60 + 30, "+0530"))
LATE_TABLES = ("call_legs", "tickets", "chat_sessions", "survey_responses", "ticket_events")
# Tables that always have rows, so that every kind is certain to occur at least once.
CORE_TABLES = (
    "call_legs",
    "agent_states",
    "schedules",
    "chat_sessions",
    "chat_messages",
    "tickets",
    "survey_responses",
    "employees",
    "customers",
)
CLEAN_FORMAT = "%Y-%m-%dT%H:%M:%S+08:00"
CANDIDATES = 8  # random rows looked at per defect
LOCAL_OFFSET = timedelta(hours=8)


# Fields a source system plausibly corrects in a later extract without making the row inconsistent with the rest
# of the data (a re-classified category, a re-forecast, a corrected amount): resent_changed only touches these,
# so that the staged (latest) version still satisfies every KPI invariant.
UPDATABLE_DOMAINS = frozenset(
    {
        "inquiry_category",
        "ticket_priority",
        "sentiment",
        "feedback_type",
        "chat_channel",
        "social_platform",
        "complaint_fault",
        "termination_reason",
        "callback_outcome",
    }
)


def _updatable(col: Column) -> bool:
    if col.label_domain:
        return col.label_domain in UPDATABLE_DOMAINS
    return col.data_type == "double" and (col.name.endswith("amount") or col.name.startswith("forecast_"))


def _is_duration(col: Column) -> bool:
    return col.name.endswith(("_seconds", "_hours"))


def fresh_key_column(table: Table) -> str | None:
    """A varchar key column that no other table references: suffixing it gives a new, unreferenced key."""
    for name in table.primary_key:
        col = table.column(name)
        if col.data_type == "varchar" and col.references is None:
            return name
    return None


def _value_columns(table: Table) -> list[Column]:
    """Non-key columns other than extracted_at: where cell-level defects go."""
    return [c for c in table.columns if c.name not in table.primary_key and c.name != "extracted_at"]


@cache
def candidate_columns(table: Table, kind: str) -> tuple[str, ...]:
    """Columns of the table a row-level defect of this kind can be put in ([''] where no column is involved)."""
    cols = _value_columns(table)
    by_kind = {
        "exact_duplicate": [""],
        "resent_changed": [c.name for c in cols if _updatable(c)],
        "missing_key": list(table.primary_key),
        "missing_required_value": [c.name for c in cols if c.required],
        "unparseable_timestamp": [c.name for c in cols if c.data_type == "timestamp"],
        "mixed_timestamp_format": [c.name for c in cols if c.data_type == "timestamp"],
        "end_before_start": [c.name for c in cols if c.not_before and c.data_type == "timestamp"],
        "negative_duration": [c.name for c in cols if _is_duration(c) and c.data_type in ("integer", "double")],
        "unknown_reference": [c.name for c in cols if c.references],
        "out_of_range_score": [c.name for c in cols if c.accepted_range],
        "unparseable_value": [c.name for c in cols if c.data_type in ("integer", "double", "boolean")],
        "label_variant": [c.name for c in cols if c.label_domain],
        "unknown_label": [c.name for c in cols if c.label_domain],
    }
    needs_fresh_key = OUTCOMES[kind][0] == "quarantined" and kind != "missing_key"
    return () if needs_fresh_key and fresh_key_column(table) is None else tuple(by_kind[kind])


@dataclass
class TableCounts:
    """What staging must report for a table: staged, quarantined by reason, dropped by reason; raw in total."""

    staged: int = 0
    raw: int = 0
    quarantined: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)

    def add(self, other: TableCounts) -> None:
        self.staged += other.staged
        self.raw += other.raw
        for mine, theirs in ((self.quarantined, other.quarantined), (self.dropped, other.dropped)):
            for reason, n in theirs.items():
                mine[reason] = mine.get(reason, 0) + n

    def as_json(self) -> dict:
        return {
            "raw_rows": self.raw,
            "staged": self.staged,
            "quarantined": dict(sorted(self.quarantined.items())),
            "duplicate_dropped": sum(self.dropped.values()),
            "duplicate_dropped_by_reason": dict(sorted(self.dropped.items())),
        }


@dataclass(frozen=True)
class DefectPlan:
    rate: float
    bom_table: str | None
    empty_table: str | None
    late_table: str | None
    forced: dict[str, str]  # row kind -> table whose first chunk is certain to get one


@dataclass(frozen=True)
class Injected:
    body: pa.Table  # clean rows, untouched
    extra: pa.Table  # rows with a defect (and rows changed in place), written after the body
    late: dict[str, pa.Table]  # late part file name -> rows
    entries: list[dict]
    counts: TableCounts


def plan_defects(contract: Contract, seed: int, rate: float) -> DefectPlan:
    if rate <= 0:
        return DefectPlan(rate, None, None, None, {})
    rng = stream(seed, "defect-plan")
    names = sorted(contract.tables)
    late = str(rng.choice(LATE_TABLES))
    bom = str(rng.choice([n for n in names if n != late]))
    empty = str(rng.choice(names))
    forced = {}
    for kind in ROW_KINDS:
        eligible = [t for t in CORE_TABLES if candidate_columns(contract.table(t), kind)]
        forced[kind] = str(rng.choice(eligible))
    return DefectPlan(rate, bom, empty, late, forced)


def file_entry(kind: str, table: str, file: str) -> dict:
    status, reason = OUTCOMES[kind]
    return {
        "kind": kind,
        "table": table,
        "file": file,
        "key": {},
        "column": "",
        "written_value": "",
        "expected_status": status,
        "expected_reason": reason,
        "expected_value": "",
    }


def inject(table: Table, text: pa.Table, plan: DefectPlan, labels: Labels, seed: int, chunk: int) -> Injected:
    """Defects for one chunk of a table (a pure function of its arguments, so chunks can run in parallel)."""
    return _ChunkInjector(table, text, plan, labels, stream(seed, "defects", table.name, chunk), chunk).run()


class _ChunkInjector:
    def __init__(
        self, table: Table, text: pa.Table, plan: DefectPlan, labels: Labels, rng: np.random.Generator, chunk: int
    ):
        self.table, self.text, self.plan, self.labels, self.rng, self.chunk = table, text, plan, labels, rng, chunk
        self.entries: list[dict] = []
        self.counts = TableCounts(staged=text.num_rows)
        self.used = np.zeros(text.num_rows, bool)  # rows that already carry a defect
        self.removed = np.zeros(text.num_rows, bool)  # rows written elsewhere (changed in place, or late)
        self.serial = 0

    def run(self) -> Injected:
        table, text, rng = self.table, self.text, self.rng
        empty = text.slice(0, 0)
        if self.plan.rate <= 0 or text.num_rows == 0:
            self.counts.raw = text.num_rows
            return Injected(text, empty, {}, [], self.counts)
        first = self.chunk == 0
        late = self._late_rows() if first and table.name == self.plan.late_table else {}
        kinds = [k for k, t in self.plan.forced.items() if t == table.name and first]
        applicable = [k for k in ROW_KINDS if candidate_columns(table, k)]
        n_random = int(rng.poisson(self.plan.rate * text.num_rows)) if applicable else 0
        kinds += [str(k) for k in rng.choice(applicable, size=n_random)] if n_random else []
        # candidate rows for all defects at once: one Arrow take instead of one per defect
        candidates = rng.integers(0, text.num_rows, size=(len(kinds), CANDIDATES))
        rows = text.take(pa.array(candidates.ravel())).to_pylist() if kinds else []
        extra: list[dict] = []
        for j, kind in enumerate(kinds):
            made = self._one(kind, candidates[j], rows[j * CANDIDATES : (j + 1) * CANDIDATES])
            extra += [made] if made else []
        body = _without(text, np.flatnonzero(self.removed))
        extra_table = pa.Table.from_pylist(extra, schema=text.schema) if extra else empty
        self.counts.raw = body.num_rows + extra_table.num_rows + sum(t.num_rows for t in late.values())
        return Injected(body, extra_table, late, self.entries, self.counts)

    # --- helpers -------------------------------------------------------------------------------------------

    def _record(self, kind: str, row: dict, column: str, expected_value: str = "", file: str | None = None) -> None:
        status, reason = OUTCOMES[kind]
        table, counts = self.table, self.counts
        if status == "quarantined":
            counts.quarantined[reason] = counts.quarantined.get(reason, 0) + 1
        elif status == "duplicate_dropped":
            counts.dropped[reason] = counts.dropped.get(reason, 0) + 1
        self.entries.append(
            {
                "kind": kind,
                "table": table.name,
                "file": file or f"{table.name}.csv.gz",
                "key": {k: row[k] for k in table.primary_key},
                "column": column,
                "written_value": row[column] if column else "",
                "expected_status": status,
                "expected_reason": reason,
                "expected_value": expected_value,
            }
        )

    def _fresh_key(self, row: dict) -> dict:
        """The row under a new key (suffix on an unreferenced varchar key column), unique across chunks."""
        col = fresh_key_column(self.table)
        self.serial += 1
        row = dict(row)
        if col:
            row[col] = f"{row[col] or 'K'}-X{self.chunk:03d}{self.serial:04d}"
        return row

    def _late_rows(self) -> dict[str, pa.Table]:
        """Rows of one early day moved to a late part file, re-extracted three days later."""
        text, rng = self.text, self.rng
        extracted = np.array(text.column("extracted_at").to_pylist())
        day = extracted[int(rng.integers(0, min(len(extracted), 1 + len(extracted) // 4)))]
        same = np.flatnonzero(extracted == day)
        k = min(same.size, max(3, round(self.plan.rate * text.num_rows)))
        idx = np.sort(rng.choice(same, size=k, replace=False))
        self.used[idx] = self.removed[idx] = True
        when = datetime.strptime(day, CLEAN_FORMAT)
        later = (when + timedelta(days=3)).strftime(CLEAN_FORMAT)
        file = f"{self.table.name}.late-{(when - timedelta(days=1)):%Y-%m-%d}.csv.gz"
        rows = text.take(pa.array(idx)).to_pylist()
        for row in rows:
            row["extracted_at"] = later
            self._record("late_rows", row, "extracted_at", later, file=file)
        return {file: pa.Table.from_pylist(rows, schema=text.schema)}

    def _one(self, kind: str, candidates: np.ndarray, rows: list[dict]) -> dict | None:
        """One defect on the first unused candidate row with values where the defect needs them."""
        columns = candidate_columns(self.table, kind)
        column = str(self.rng.choice(columns)) if columns else ""
        needed = [column] if column else []
        if kind == "end_before_start":
            needed.append(self.table.column(column).not_before)
        usable = [k for k, i in enumerate(candidates) if not self.used[i]]
        filled = [k for k in usable if all(rows[k][c] for c in needed)]
        if not usable:
            return None
        k = (filled or usable)[0]
        out = self._apply(kind, rows[k], column)
        if out is None:
            return None
        i = candidates[k]
        self.used[i] = True  # never a second defect on one row
        # An in-place change replaces the row; every other defect row comes in addition to the clean original.
        self.removed[i] = kind in IN_PLACE
        return out

    def _apply(self, kind: str, row: dict, column: str) -> dict | None:
        rng, table = self.rng, self.table
        if kind == "exact_duplicate":
            self._record(kind, row, "")
            return dict(row)
        if kind == "resent_changed":
            if not row[column]:
                return None  # a value appearing later would be a different story (e.g. a fault on a non-complaint)
            new = dict(row)
            new[column] = self._changed(table.column(column), row[column])
            resent = datetime.strptime(row["extracted_at"], CLEAN_FORMAT) + timedelta(days=1)
            new["extracted_at"] = resent.strftime(CLEAN_FORMAT)
            self._record(kind, new, column, new[column])
            return new
        if kind in IN_PLACE:
            if not row[column]:
                return None
            new = dict(row)
            if kind == "mixed_timestamp_format":
                new[column], expected = _mixed_format(rng, row[column])
            else:
                new[column] = self._variant(table.column(column), row[column])
                expected = row[column]
            self._record(kind, new, column, expected)
            return new
        col = table.column(column)
        if kind == "end_before_start" and not (row[column] and row[col.not_before]):
            return None
        new = self._fresh_key(row)
        if kind in ("missing_key", "missing_required_value"):
            new[column] = ""
        elif kind == "unparseable_timestamp":
            new[column] = str(rng.choice(UNPARSEABLE_TIMESTAMPS))
        elif kind == "end_before_start":
            start = datetime.strptime(row[col.not_before], CLEAN_FORMAT)
            new[column] = (start - timedelta(seconds=int(rng.integers(1, 3600)))).strftime(CLEAN_FORMAT)
        elif kind == "negative_duration":
            value = abs(float(row[column])) if row[column] else 0.0
            new[column] = str(-max(1, int(value))) if col.data_type == "integer" else str(-max(0.5, value))
        elif kind == "unknown_reference":
            # every digit a nine: beyond any id the generator numbers
            new[column] = re.sub(r"\d", "9", row[column]) if row[column] else "ZZ99999"
        elif kind == "out_of_range_score":
            hi = col.accepted_range[1]
            new[column] = str(int(hi) + 1) if col.data_type == "integer" else str(hi + 20)
        elif kind == "unparseable_value":
            new[column] = "maybe" if col.data_type == "boolean" else "abc"
        elif kind == "unknown_label":
            new[column] = "zzz"
        self._record(kind, new, column)
        return new

    def _changed(self, col: Column, value: str) -> str:
        """Another valid value: a different canonical label, or a different amount."""
        if col.label_domain:
            others = [v for v in self.labels.canonical(col.label_domain) if v != value]
            return str(self.rng.choice(others))
        return str(round(float(value or 0) * 1.1 + 1, 2))

    def _variant(self, col: Column, value: str) -> str:
        """The label as written by another system: stray spaces, upper case, or a synonym from the seed."""
        options = [f"  {value.title()} ", value.upper(), *self.labels.synonyms(col.label_domain, value)]
        return str(self.rng.choice([o for o in options if o != value]))


def _without(table: pa.Table, rows: np.ndarray) -> pa.Table:
    """The table minus a few rows, as zero-copy slices around them."""
    if rows.size == 0:
        return table
    bounds = [-1, *rows.tolist(), table.num_rows]
    return pa.concat_tables(
        [table.slice(a + 1, b - a - 1) for a, b in pairwise(bounds) if b - a > 1] or [table.slice(0, 0)]
    )


def _mixed_format(rng: np.random.Generator, value: str) -> tuple[str, str]:
    """The same instant in another accepted format, and its UTC value."""
    local = datetime.strptime(value, CLEAN_FORMAT)
    utc = local - LOCAL_OFFSET
    choice = int(rng.integers(0, 4))
    if choice == 0:
        written = local.strftime("%Y/%m/%d %H:%M:%S")
    elif choice == 1:
        written = utc.strftime("%Y-%m-%d %H:%M:%SZ")
    elif choice == 2:
        minutes, suffix = OTHER_OFFSETS[int(rng.integers(0, len(OTHER_OFFSETS)))]
        written = (utc + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S") + suffix
    else:
        written = local.strftime("%Y-%m-%d %H:%M:%S.000")
    return written, utc.strftime("%Y-%m-%d %H:%M:%S")
