"""seeds/kpi_required_extracts.csv: per KPI, the extracts (source.table, input_kind extract) and the KPIs it is
derived from (input_kind kpi) it cannot be computed without, rendered from the rule in docs/kpi_inputs.yml
(`extract_requirements`; `python -m scripts.catalogue` writes it with the other generated files).
int_kpis_unsupported_by_extracts makes a KPI whose required extract has no rows null,
with a reason naming the extract (or the input KPI)."""

from __future__ import annotations

import csv
import io
from typing import Any

from scripts.contract import REPO_ROOT

REQUIRED_EXTRACTS_PATH = REPO_ROOT / "seeds" / "kpi_required_extracts.csv"


def input_extracts(kpi: dict[str, Any]) -> set[str]:
    """source.table of every input column (source.table.column)."""
    return {".".join(column.split(".")[:2]) for column in kpi.get("inputs") or []}


def required_extracts(kpi: dict[str, Any], rule: dict[str, Any]) -> list[str]:
    if kpi["id"] in rule["exempt"]:
        return []
    extracts = input_extracts(kpi) - set(rule["lookups"])
    channels = {name: set(tables) for name, tables in rule["contact_channels"].items()}
    channels_read = [tables for tables in channels.values() if tables & extracts]
    if len(channels_read) > 1:
        extracts -= set().union(*channels_read)
    return sorted(extracts | set(rule["required_anyway"].get(kpi["id"], [])))


def required_kpis(kpi: dict[str, Any], rule: dict[str, Any]) -> list[str]:
    if kpi["id"] in rule["derived_per_input"]:
        return []
    return sorted(kpi.get("derived_from") or [])


def render_required_extracts(document: dict[str, Any]) -> str:
    rule = document["extract_requirements"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["metric_id", "required_input", "input_kind"])
    for kpi in document["kpis"]:
        writer.writerows([kpi["id"], extract, "extract"] for extract in required_extracts(kpi, rule))
        writer.writerows([kpi["id"], input_kpi, "kpi"] for input_kpi in required_kpis(kpi, rule))
    return buffer.getvalue()
