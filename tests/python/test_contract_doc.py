"""docs/raw_extract_contract.md is a fresh render of the contract and lists every table and column."""

from __future__ import annotations

import re

import pytest
import yaml

from scripts.contract import REPO_ROOT, Column, Source, Table, load_sources
from scripts.contract_doc import DOC_PATH, load_label_values, main, render

# Meta keys the renderer shows; a new key in the contract must be rendered (scripts/contract_doc.py) and added here.
RENDERED_TABLE_META = {"primary_key"}
RENDERED_COLUMN_META = {"required", "pii", "label_domain", "accepted_range", "references", "not_before"}


@pytest.fixture(scope="module")
def sources() -> list[Source]:
    return load_sources(REPO_ROOT)


@pytest.fixture(scope="module")
def rendered(sources: list[Source]) -> str:
    return render(sources, load_label_values(REPO_ROOT))


def table_section(rendered: str, table: Table) -> str:
    """The part of the document under the table's heading, up to the next heading."""
    heading = f"### `{table.qualified_name}`\n"
    assert heading in rendered, f"no section for {table.qualified_name}"
    return re.split(r"^#", rendered.split(heading, 1)[1], maxsplit=1, flags=re.MULTILINE)[0]


def test_committed_doc_is_fresh(rendered: str) -> None:
    committed = (REPO_ROOT / DOC_PATH).read_text(encoding="utf-8")
    assert committed == rendered, f"{DOC_PATH} is stale: run python -m scripts.contract_doc"


def test_check_option_accepts_committed_doc() -> None:
    assert main(["--check"]) == 0


def test_every_table_lists_every_column_in_order(sources: list[Source], rendered: str) -> None:
    tables = [table for source in sources for table in source.tables]
    assert tables, "the contract has no tables"
    for table in tables:
        listed = re.findall(r"^\| `([^`]+)` \|", table_section(rendered, table), flags=re.MULTILINE)
        assert listed == list(table.column_names), f"columns of {table.qualified_name}"


def test_label_columns_show_their_canonical_values(sources: list[Source], rendered: str) -> None:
    labels = load_label_values(REPO_ROOT)
    for table in (table for source in sources for table in source.tables):
        section = table_section(rendered, table)
        for column in table.columns:
            if column.label_domain:
                values = ", ".join(f"`{value}`" for value in labels[column.label_domain])
                row = next(line for line in section.splitlines() if line.startswith(f"| `{column.name}` |"))
                assert f"label `{column.label_domain}`: {values}" in row, f"{table.qualified_name}.{column.name}"


def test_contract_uses_only_rendered_meta_keys() -> None:
    unrendered = []
    for path in sorted((REPO_ROOT / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]:
            for table in source["tables"]:
                unrendered += [
                    f"{path.name} {table['name']}: {key}" for key in set(table["meta"]) - RENDERED_TABLE_META
                ]
                unrendered += [
                    f"{path.name} {table['name']}.{column['name']}: {key}"
                    for column in table["columns"]
                    for key in set(column.get("meta") or {}) - RENDERED_COLUMN_META
                ]
    assert not unrendered, "contract meta keys the document does not render:\n" + "\n".join(unrendered)


def test_unknown_label_domain_is_an_error() -> None:
    column = Column(name="mood", data_type="varchar", description="", required=False, label_domain="no_such_domain")
    source = Source("demo", "", (Table("demo", "moods", ("mood",), (column,)),))
    with pytest.raises(ValueError, match=r"no_such_domain.*demo\.moods\.mood"):
        render([source], {})
