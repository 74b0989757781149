"""The raw extract contract, read from the dbt sources yml files (the single source of truth)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    description: str
    required: bool
    pii: str | None = None
    label_domain: str | None = None
    references: str | None = None
    not_before: str | None = None
    accepted_range: tuple[float, float] | None = None


@dataclass(frozen=True)
class Table:
    source: str
    name: str
    description: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def qualified_name(self) -> str:
        return f"{self.source}.{self.name}"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


@dataclass(frozen=True)
class Source:
    name: str
    description: str
    tables: tuple[Table, ...]


def _column(raw: dict) -> Column:
    meta = raw.get("meta") or {}
    accepted_range = meta.get("accepted_range")
    return Column(
        name=raw["name"],
        data_type=raw["data_type"],
        description=raw.get("description", ""),
        required=bool(meta.get("required")),
        pii=meta.get("pii"),
        label_domain=meta.get("label_domain"),
        references=meta.get("references"),
        not_before=meta.get("not_before"),
        accepted_range=tuple(accepted_range) if accepted_range else None,
    )


def load_sources(repo_root: Path = REPO_ROOT) -> list[Source]:
    """All contract sources, in the order of their folders."""
    sources = []
    for path in sorted((repo_root / "models" / "staging").glob("*/_*__sources.yml")):
        for raw_source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]:
            tables = tuple(
                Table(
                    source=raw_source["name"],
                    name=raw_table["name"],
                    description=raw_table.get("description", ""),
                    primary_key=tuple(raw_table["meta"]["primary_key"]),
                    columns=tuple(_column(raw) for raw in raw_table["columns"]),
                )
                for raw_table in raw_source["tables"]
            )
            sources.append(Source(raw_source["name"], raw_source.get("description", ""), tables))
    return sources


def load_tables(repo_root: Path = REPO_ROOT) -> list[Table]:
    """All contract tables across sources."""
    return [table for source in load_sources(repo_root) for table in source.tables]
