"""The raw extract contract, read from the dbt sources yml files (the single source of truth), and the label seed.

Used by the preflight, the generator, the contract document and the tests; the staging macros read the same yml.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
LABEL_SEED = REPO_ROOT / "seeds" / "label_mappings.csv"
DATA_TYPES = frozenset({"varchar", "integer", "double", "boolean", "timestamp", "date"})
# Staging's quarantine reason codes (macros/staging/stage_extract.sql), in the order the rules are checked, and
# when a row gets each one.
QUARANTINE_REASONS = {
    "missing_key": "a primary-key column is blank",
    "missing_required_value": "a required column is blank",
    "unparseable_timestamp": "a timestamp or date cannot be read",
    "unparseable_value": "a number or boolean cannot be read",
    "unknown_label": "a label is not in `seeds/label_mappings.csv` for the column's domain",
    "unknown_reference": "an id is not found in the table the column references",
    "end_before_start": "a timestamp or date is earlier than the column it must not precede",
    "negative_duration": "a `*_seconds` or `*_hours` value is negative",
    "out_of_range_score": "a value lies outside the column's accepted range",
}


@dataclass(frozen=True)
class Reference:
    source: str
    table: str
    column: str

    def __str__(self) -> str:
        return f"{self.source}.{self.table}.{self.column}"


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    required: bool
    description: str = ""
    pii: str | None = None
    label_domain: str | None = None
    references: Reference | None = None
    not_before: str | None = None  # another column of the row this one must not be earlier than
    accepted_range: tuple[float, float] | None = None


@dataclass(frozen=True)
class Table:
    source: str
    name: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]
    description: str = ""

    @property
    def qualified_name(self) -> str:
        return f"{self.source}.{self.name}"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")


@dataclass(frozen=True)
class Source:
    name: str
    description: str
    tables: tuple[Table, ...]


@dataclass(frozen=True)
class Contract:
    """Every table by name (names are unique across sources)."""

    tables: dict[str, Table]

    def table(self, name: str) -> Table:
        return self.tables[name]


@dataclass(frozen=True)
class Labels:
    """Label seed: per domain, raw (lower-cased) label -> canonical label."""

    mapping: dict[str, dict[str, str]]

    def canonical(self, domain: str) -> tuple[str, ...]:
        return tuple(sorted(set(self.mapping[domain].values())))

    def synonyms(self, domain: str, canonical: str) -> tuple[str, ...]:
        """Raw labels other than the canonical value itself that map to it."""
        return tuple(
            sorted(raw for raw, can in self.mapping[domain].items() if can == canonical and raw != canonical)
        )


def _parse_column(path: Path, table: str, raw: dict) -> Column:
    name = raw["name"]
    data_type = raw.get("data_type")
    if data_type not in DATA_TYPES:
        raise ValueError(f"{path}: {table}.{name} has unknown data_type {data_type!r}")
    meta = raw.get("meta") or {}
    reference = None
    if meta.get("references"):
        parts = meta["references"].split(".")
        if len(parts) != 3:
            raise ValueError(
                f"{path}: {table}.{name} references {meta['references']!r}, expected source.table.column"
            )
        reference = Reference(*parts)
    accepted_range = meta.get("accepted_range")
    return Column(
        name=name,
        data_type=data_type,
        required=bool(meta.get("required", False)),
        description=raw.get("description", ""),
        pii=meta.get("pii"),
        label_domain=meta.get("label_domain"),
        references=reference,
        not_before=meta.get("not_before"),
        accepted_range=(float(accepted_range[0]), float(accepted_range[1])) if accepted_range else None,
    )


def _parse_table(path: Path, source_name: str, raw: dict) -> Table:
    name = raw["name"]
    columns = tuple(_parse_column(path, name, column) for column in raw["columns"])
    names = {column.name for column in columns}
    primary_key = tuple((raw.get("meta") or {}).get("primary_key") or ())
    if not primary_key or set(primary_key) - names:
        raise ValueError(f"{path}: {name} primary_key {primary_key} is empty or names unknown columns")
    for column in columns:
        if column.not_before and column.not_before not in names:
            raise ValueError(f"{path}: {name}.{column.name} not_before names unknown {column.not_before!r}")
    return Table(source_name, name, primary_key, columns, raw.get("description", ""))


def load_sources(repo_root: Path = REPO_ROOT) -> list[Source]:
    """All contract sources in folder order, validated: known types, keys and references that resolve."""
    paths = sorted((repo_root / "models" / "staging").glob("*/_*__sources.yml"))
    if not paths:
        raise FileNotFoundError(f"no sources yml under {repo_root / 'models' / 'staging'}")
    sources = []
    for path in paths:
        for raw_source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]:
            tables = tuple(_parse_table(path, raw_source["name"], raw) for raw in raw_source["tables"])
            sources.append(Source(raw_source["name"], raw_source.get("description", ""), tables))
    _check_names_and_references([table for source in sources for table in source.tables])
    return sources


def _check_names_and_references(tables: list[Table]) -> None:
    by_name: dict[str, Table] = {}
    for table in tables:
        if table.name in by_name:
            raise ValueError(f"table {table.name!r} is defined twice (file names must be unique)")
        by_name[table.name] = table
    for table in tables:
        for column in table.columns:
            target = column.references
            if target and (target.table not in by_name or target.column not in by_name[target.table].column_names):
                raise ValueError(f"{table.name}.{column.name} references missing {target.table}.{target.column}")


def load_tables(repo_root: Path = REPO_ROOT) -> list[Table]:
    """All contract tables across sources."""
    return [table for source in load_sources(repo_root) for table in source.tables]


def load_contract(repo_root: Path = REPO_ROOT) -> Contract:
    return Contract(tables={table.name: table for table in load_tables(repo_root)})


def load_labels(seed_csv: Path = LABEL_SEED) -> Labels:
    mapping: dict[str, dict[str, str]] = {}
    with seed_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            mapping.setdefault(row["label_domain"], {})[row["raw_label"].strip().lower()] = row["canonical_label"]
    return Labels(mapping=mapping)
