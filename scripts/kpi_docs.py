"""One docs block per catalogue KPI (`kpi_<id>`), rendered from the catalogue, docs/kpi_inputs.yml, the targets
seed and DECISIONS.md, so every place a KPI appears in the docs site shows the same text."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from scripts.contract import REPO_ROOT
from scripts.decision_log import DECISION_LOG_URL, Decision, docs_block

KPI_INPUTS_PATH = REPO_ROOT / "docs" / "kpi_inputs.yml"
TARGETS_PATH = REPO_ROOT / "seeds" / "kpi_targets.csv"
KPI_DOCS_PATH = REPO_ROOT / "models" / "marts" / "kpi" / "_kpi__docs.md"
FRAMEWORK_SECTION = "KPI framework"

_SOURCE = re.compile(r"^(?P<file>\S+)\s*\((?P<section>.*)\)\s*$")


def load_kpi_inputs(path: Path = KPI_INPUTS_PATH) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_targets(path: Path = TARGETS_PATH) -> dict[str, list[dict[str, str]]]:
    """Target rows of the seed per metric_id, in file order."""
    targets: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            targets[row["metric_id"]].append(row)
    return targets


def config_names(inputs: dict[str, Any]) -> set[str]:
    """The dbt vars and seeds a KPI is configured by (`var:x`, `seed:x` -> x)."""
    return {name.split(":", 1)[1] for name in inputs.get("config", []) if name.startswith(("var:", "seed:"))}


def decisions_for(
    kpi: dict[str, Any],
    inputs: dict[str, Any],
    family_sections: list[str],
    decisions: list[Decision],
    specific_names: set[str],
) -> tuple[list[Decision], list[Decision]]:
    """(decisions about this KPI, general rules of its family).

    About the KPI: the decision names the id or one of the KPI's vars or seeds in backticks, or kpi_inputs.yml
    lists its title under `decisions`. General rules: decisions of the family's DECISIONS.md sections that name
    no KPI id and no var or seed that configures a KPI (specific_names), so they concern the whole family.
    """
    own = {kpi["id"], *config_names(inputs)}
    named = set(inputs.get("decisions", []))
    specific = [decision for decision in decisions if own & decision.mentions or decision.title in named]
    family = [
        decision
        for decision in decisions
        if decision.section in family_sections and decision not in specific and not decision.mentions & specific_names
    ]
    return specific, family


def _source_lines(sources: list[str]) -> list[str]:
    lines = []
    for source in sources:
        match = _SOURCE.match(source)
        if match:
            lines.append(f"`{match['file']}`, section {match['section']}")
        else:
            lines.append(f"`{source}`")
    return lines


def _target_text(kpi: dict[str, Any], rows: list[dict[str, str]]) -> str:
    """The configured targets (seed kpi_targets) with their validity, and what else the documents say."""
    parts = []
    for row in rows:
        if row["target_operator"] == "between":
            rule = f"between {row['target_low']} and {row['target_high']}"
        else:
            rule = f"{row['target_operator']} {row['target_value']}"
        until = f" to {row['effective_to_date']}" if row["effective_to_date"] else ""
        parts.append(f"{rule} (seed `kpi_targets`, from {row['effective_from_date']}{until})")
    text = "; ".join(parts) if parts else "none configured"
    details = {key: value for key, value in (kpi.get("target") or {}).items() if key not in {"op", "value"}}
    if details and not {"low", "high"} >= set(details):
        text += "; the documents add " + ", ".join(f"{key} {value}" for key, value in sorted(details.items()))
    return text


def _columns_text(columns: list[str]) -> str:
    """source.table.column names grouped by table: `telephony.call_legs`: call_id, answered_at."""
    by_table: dict[str, list[str]] = defaultdict(list)
    for name in columns:
        table, column = name.rsplit(".", 1)
        by_table[table].append(column)
    return "; ".join(f"`{table}`: {', '.join(names)}" for table, names in by_table.items())


def _split_how(how: str) -> tuple[str, str, str] | None:
    """(numerator, denominator, remarks) when `how` is written `numerator: ...; denominator: ...[; remarks]`."""
    match = re.match(r"^(?P<pre>.*?)\bnumerator: (?P<num>.*?); denominator: (?P<den>.*)$", how.strip(), re.DOTALL)
    if not match:
        return None
    denominator, _, remarks = match["den"].partition("; ")
    return match["num"], denominator, "; ".join(part for part in (match["pre"].strip(" :;"), remarks) if part)


def _terms(how: str, definitions: dict[str, str]) -> list[str]:
    """kpi_inputs.yml definitions the `how` text uses (singular or plural)."""
    return [name for name in definitions if re.search(rf"\b{re.escape(name)}s?\b", how)]


def _names(names: list[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def _row(label: str, text: str) -> str:
    """A two-column table row; a '|' inside the text (|actual - forecast|) must not end the cell."""
    return f"| {label} | {text.replace('|', chr(92) + '|')} |"


def _decision_line(decision: Decision) -> str:
    return f"- {decision.markdown} _({decision.section})_"


def render_kpi_block(
    kpi: dict[str, Any],
    inputs: dict[str, Any],
    definitions: dict[str, str],
    targets: list[dict[str, str]],
    specific: list[Decision],
    family: list[Decision],
    family_sections: list[str],
) -> str:
    kpi_id = kpi["id"]
    lines = [
        f"**{kpi['name_zh']}** / **{kpi['name_en']}** (`{kpi_id}`, category {kpi['category']})",
        "",
        f"**Formula (catalogue definition):** {kpi['formula']}",
        "",
        "| | |",
        "|---|---|",
    ]
    how = " ".join(str(inputs["how"]).split())
    split = _split_how(how)
    if split:
        numerator, denominator, remarks = split
        rows = [("Numerator", numerator), ("Denominator", denominator), ("Also", remarks)]
    else:
        rows = [("Computed as", how)]
    rows += [
        ("Unit", kpi["unit"]),
        ("Direction", kpi["direction"].replace("_", " ")),
        ("Target", _target_text(kpi, targets)),
        ("Source document", "<br>".join(_source_lines(kpi.get("sources") or []))),
        ("Extract columns", _columns_text(inputs.get("inputs", []))),
        ("Derived from KPIs", _names(inputs.get("derived_from", []))),
        ("Configuration", _names(inputs.get("config", []))),
        ("Warehouse inputs", _names(inputs.get("warehouse_artefacts", []))),
        (
            "In the marts",
            f"`fct_kpi_values` rows with metric_id = '{kpi_id}' (numerator, denominator, value per period and slice);"
            f" column `{kpi_id}` of the centre scorecards; `dim_kpi`",
        ),
    ]
    lines += [_row(label, text) for label, text in rows if text]
    terms = _terms(how, definitions)
    if terms:
        lines += ["", "**Terms** (docs/kpi_inputs.yml):", ""]
        lines += [f"- `{name}`: {' '.join(str(definitions[name]).split())}" for name in terms]
    if kpi.get("notes"):
        lines += ["", f"**Catalogue notes:** {' '.join(str(kpi['notes']).split())}"]
    lines += ["", f"**Interpretation decisions** ([decision log]({DECISION_LOG_URL})):", ""]
    lines += [_decision_line(decision) for decision in [*specific, *family]]
    if FRAMEWORK_SECTION not in family_sections:
        lines.append(
            f"- Every KPI follows the _{FRAMEWORK_SECTION}_ rules: numerator and denominator kept, roll-ups "
            "recomputed from sums, centre-local periods, null with a reason when the data cannot support it, "
            "targets from the seed."
        )
    return docs_block(f"kpi_{kpi_id}", "\n".join(lines))


def render_kpi_docs(kpis: list[dict[str, Any]], decisions: list[Decision]) -> str:
    """The `kpi_<id>` docs blocks, in catalogue order."""
    document = load_kpi_inputs()
    inputs_by_id = {entry["id"]: entry for entry in document["kpis"]}
    families: dict[str, list[str]] = document["decision_families"]
    targets = load_targets()
    known_sections = {decision.section for decision in decisions}
    known_titles = {decision.title for decision in decisions if decision.title}
    specific_names = {kpi["id"] for kpi in kpis}
    specific_names |= set().union(*(config_names(entry) for entry in inputs_by_id.values()))
    blocks = []
    for kpi in kpis:
        inputs = inputs_by_id[kpi["id"]]
        if unknown := set(families.get(kpi["category"], ["(no family)"])) - known_sections:
            raise ValueError(f"decision_families of {kpi['category']}: no DECISIONS.md section {sorted(unknown)}")
        if unknown := set(inputs.get("decisions", [])) - known_titles:
            raise ValueError(f"{kpi['id']}: decisions not in DECISIONS.md: {sorted(unknown)}")
        specific, family = decisions_for(kpi, inputs, families[kpi["category"]], decisions, specific_names)
        blocks.append(
            render_kpi_block(
                kpi,
                inputs,
                document["definitions"],
                targets.get(kpi["id"], []),
                specific,
                family,
                families[kpi["category"]],
            )
        )
    header = "{#- Generated by `python -m scripts.catalogue` from the KPI catalogue, docs/kpi_inputs.yml, "
    header += "seeds/kpi_targets.csv and DECISIONS.md; do not edit. -#}\n"
    return header + "\n".join(blocks)
