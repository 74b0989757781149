"""seeds/kpi_required_extracts.csv, rendered from docs/kpi_inputs.yml (extract_requirements; its staleness is
checked with the other files scripts.catalogue renders, test_registry.py), says what a KPI cannot do without."""

from __future__ import annotations

import csv
from collections import defaultdict

from scripts.contract import load_tables
from scripts.kpi_docs import load_kpi_inputs
from scripts.required_extracts import REQUIRED_EXTRACTS_PATH


def required_inputs() -> dict[str, set[str]]:
    inputs: dict[str, set[str]] = defaultdict(set)
    with REQUIRED_EXTRACTS_PATH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            inputs[row["metric_id"]].add(row["required_input"])
    return inputs


def test_rule_names_contract_tables_and_known_kpis() -> None:
    document = load_kpi_inputs()
    rule = document["extract_requirements"]
    contract = {f"{table.source}.{table.name}" for table in load_tables()}
    named = set(rule["lookups"]) | {t for tables in rule["contact_channels"].values() for t in tables}
    named |= {t for tables in rule["required_anyway"].values() for t in tables}
    assert named <= contract, f"not contract tables: {sorted(named - contract)}"
    ids = {kpi["id"] for kpi in document["kpis"]}
    listed = set(rule["required_anyway"]) | set(rule["exempt"]) | set(rule["derived_per_input"])
    assert listed <= ids, f"unknown KPI ids: {sorted(listed - ids)}"


def test_the_complaint_register_is_required_but_no_single_channel_of_a_multichannel_kpi() -> None:
    inputs = required_inputs()
    # complaint_rate: complaints come only from the ticketing register; calls and chats are only its denominator
    assert inputs["complaint_rate"] == {"ticketing.tickets"}
    # unanswered_rate spans calls, chats and tickets: a centre without chat still has one
    assert "unanswered_rate" not in inputs
    # a lookup with a configured default (the queue's service goal) does not make service_level unsupported
    assert inputs["service_level"] == {"telephony.call_legs"}
    # a KPI of KPIs requires its inputs; target attainment is judged per input KPI instead
    assert inputs["customer_management_index"] == {"csat_average_score", "customer_loyalty_rate"}
    assert "target_attainment_rate" not in inputs
