"""Load the raw extract contract (dbt sources yml) and the label seed into typed objects."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA_TYPES = frozenset({"varchar", "integer", "double", "boolean", "timestamp", "date"})


@dataclass(frozen=True)
class Reference:
    source: str
    table: str
    column: str


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    required: bool
    pii: str | None
    label_domain: str | None
    accepted_range: tuple[float, float] | None
    references: Reference | None
    not_before: str | None  # another column of the row this one must not be earlier than


@dataclass(frozen=True)
class Table:
    source: str
    name: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")


@dataclass(frozen=True)
class Contract:
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
    ref = meta.get("references")
    reference = None
    if ref:
        parts = ref.split(".")
        if len(parts) != 3:
            raise ValueError(f"{path}: {table}.{name} references {ref!r}, expected source.table.column")
        reference = Reference(*parts)
    rng = meta.get("accepted_range")
    return Column(
        name=name,
        data_type=data_type,
        required=bool(meta.get("required", False)),
        pii=meta.get("pii"),
        label_domain=meta.get("label_domain"),
        accepted_range=(float(rng[0]), float(rng[1])) if rng else None,
        references=reference,
        not_before=meta.get("not_before"),
    )


def load_contract(staging_dir: Path) -> Contract:
    """Read every models/staging/*/_*__sources.yml; table names must be unique across sources."""
    tables: dict[str, Table] = {}
    paths = sorted(staging_dir.glob("*/_*__sources.yml"))
    if not paths:
        raise FileNotFoundError(f"no sources yml under {staging_dir}")
    for path in paths:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for source in doc.get("sources", []):
            for raw_table in source.get("tables", []):
                name = raw_table["name"]
                if name in tables:
                    raise ValueError(f"{path}: table {name!r} is defined twice")
                columns = tuple(_parse_column(path, name, c) for c in raw_table["columns"])
                pk = tuple((raw_table.get("meta") or {}).get("primary_key") or ())
                names = {c.name for c in columns}
                if not pk or set(pk) - names:
                    raise ValueError(f"{path}: {name} primary_key {pk} is empty or names unknown columns")
                for col in columns:
                    if col.not_before and col.not_before not in names:
                        raise ValueError(f"{path}: {name}.{col.name} not_before names unknown {col.not_before!r}")
                tables[name] = Table(source=source["name"], name=name, primary_key=pk, columns=columns)
    _check_references(tables)
    return Contract(tables=tables)


def _check_references(tables: dict[str, Table]) -> None:
    for table in tables.values():
        for col in table.columns:
            ref = col.references
            if ref and (ref.table not in tables or ref.column not in tables[ref.table].column_names):
                raise ValueError(f"{table.name}.{col.name} references missing {ref.table}.{ref.column}")


def load_labels(seed_csv: Path) -> Labels:
    mapping: dict[str, dict[str, str]] = {}
    with seed_csv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            mapping.setdefault(row["label_domain"], {})[row["raw_label"].strip().lower()] = row["canonical_label"]
    return Labels(mapping=mapping)
