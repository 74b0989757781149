"""docs/kpi_inputs.yml maps every catalogue KPI to configuration and to columns of the raw extract contract."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from scripts.catalogue import load_catalogue
from scripts.contract import REPO_ROOT, load_tables
from scripts.kpi_docs import KPI_INPUTS_PATH

KPI_FIELDS = {"id", "inputs", "config", "derived_from", "warehouse_artefacts", "how", "gap", "decisions"}
CONFIG_NAME = re.compile(r"(var|seed):[a-z][a-z0-9_]*|env:[A-Z][A-Z0-9_]*")


def derivation_cycle(graph: dict[str, list[str]]) -> set[str]:
    """KPIs on or behind a derived_from cycle (empty when the graph is acyclic); unknown ids are ignored."""
    remaining = {kpi: set(parents) & graph.keys() for kpi, parents in graph.items()}
    while remaining:
        computable = {kpi for kpi, parents in remaining.items() if not parents}
        if not computable:
            return set(remaining)
        remaining = {kpi: parents - computable for kpi, parents in remaining.items() if kpi not in computable}
    return set()


@pytest.fixture(scope="module")
def catalogue_ids() -> set[str]:
    return {kpi["id"] for kpi in load_catalogue()}


@pytest.fixture(scope="module")
def kpis() -> list[dict[str, Any]]:
    return yaml.safe_load(KPI_INPUTS_PATH.read_text(encoding="utf-8"))["kpis"]


def test_ids_are_the_catalogue_ids(kpis: list[dict[str, Any]], catalogue_ids: set[str]) -> None:
    ids = [kpi["id"] for kpi in kpis]
    duplicates = sorted({kpi_id for kpi_id in ids if ids.count(kpi_id) > 1})
    assert not duplicates, f"KPI ids listed twice: {duplicates}"
    assert set(ids) == catalogue_ids, (
        f"missing from kpi_inputs.yml: {sorted(catalogue_ids - set(ids))}; "
        f"not in the catalogue: {sorted(set(ids) - catalogue_ids)}"
    )


def test_entries_use_known_fields_and_say_how(kpis: list[dict[str, Any]]) -> None:
    problems = []
    for kpi in kpis:
        if unknown := set(kpi) - KPI_FIELDS:
            problems.append(f"{kpi['id']}: unknown field(s) {sorted(unknown)}")
        if not str(kpi.get("how") or "").strip():
            problems.append(f"{kpi['id']}: no `how`")
        if not (kpi.get("inputs") or kpi.get("derived_from")):
            problems.append(f"{kpi['id']}: neither inputs nor derived_from")
    assert not problems, "\n".join(problems)


def test_inputs_exist_in_contract(kpis: list[dict[str, Any]]) -> None:
    columns = {f"{table.qualified_name}.{name}" for table in load_tables(REPO_ROOT) for name in table.column_names}
    unknown = [f"{kpi['id']}: {name}" for kpi in kpis for name in kpi.get("inputs", []) if name not in columns]
    assert not unknown, "inputs not in the contract (source.table.column):\n" + "\n".join(unknown)


def test_derived_from_ids_exist(kpis: list[dict[str, Any]], catalogue_ids: set[str]) -> None:
    unknown = [
        f"{kpi['id']} <- {parent}"
        for kpi in kpis
        for parent in kpi.get("derived_from", [])
        if parent not in catalogue_ids
    ]
    assert not unknown, f"derived_from names unknown KPIs: {unknown}"


def test_derived_from_has_no_cycle(kpis: list[dict[str, Any]]) -> None:
    cycle = derivation_cycle({kpi["id"]: kpi.get("derived_from", []) for kpi in kpis})
    assert not cycle, f"derived_from cycle among: {sorted(cycle)}"


def test_derivation_cycle_detects_loops() -> None:
    assert derivation_cycle({"a": ["b"], "b": ["a"], "c": []}) == {"a", "b"}
    assert derivation_cycle({"a": ["a"]}) == {"a"}
    assert derivation_cycle({"a": ["b", "c"], "b": ["c"], "c": []}) == set()


def test_config_names_follow_convention(kpis: list[dict[str, Any]]) -> None:
    bad = [
        f"{kpi['id']}: {name}" for kpi in kpis for name in kpi.get("config", []) if not CONFIG_NAME.fullmatch(name)
    ]
    assert not bad, "config entries must be var:<name>, seed:<name> or env:<NAME>:\n" + "\n".join(bad)


def test_every_contract_table_feeds_a_kpi(kpis: list[dict[str, Any]]) -> None:
    used = {name.rsplit(".", 1)[0] for kpi in kpis for name in kpi.get("inputs", [])}
    unused = sorted(table.qualified_name for table in load_tables(REPO_ROOT) if table.qualified_name not in used)
    assert not unused, f"contract tables no KPI reads (map them or drop them from the contract): {unused}"


def test_sample_size_vars_name_catalogue_ids_and_units(catalogue_ids: set[str]) -> None:
    """A misspelt id in kpis_without_observation_count would silently give that KPI a count of seconds or money."""
    project_vars = yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]
    assert set(project_vars["kpis_without_observation_count"]) <= catalogue_ids
    units = {kpi["unit"] for kpi in load_catalogue()}
    assert set(project_vars["low_sample_min_observations"]) <= units
