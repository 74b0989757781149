"""The generated KPI docs blocks and decision log: one block per catalogue id, with the catalogue's formula and
source, and the DECISIONS.md entries that govern the KPI."""

from __future__ import annotations

import re

import pytest

from scripts.catalogue import load_catalogue
from scripts.decision_log import DECISION_LOG_DOCS_PATH, DECISIONS_PATH, Decision, docs_block, parse_decisions
from scripts.kpi_docs import KPI_DOCS_PATH, decisions_for, load_kpi_inputs

BLOCK = re.compile(r"\{% docs (\S+) %\}\n\{% raw %\}\n(.*?)\n\{% endraw %\}\n\{% enddocs %\}", re.DOTALL)

DECISIONS_SAMPLE = """# Decision log

Intro text that belongs to no decision.

## Staging

### Labels go through a seed
`seeds/label_mappings.csv` maps every spelling.

A second paragraph.

## Phone

- **Short abandons** (wait <= `short_abandon_seconds`) leave `abandon_rate`
  and `average_time_to_abandon`.
- **Dating**: answered legs by the day of answer.
- Rewards are `var('scorecard_rewards')`.
"""


@pytest.fixture(scope="module")
def blocks() -> dict[str, str]:
    return dict(BLOCK.findall(KPI_DOCS_PATH.read_text(encoding="utf-8")))


def test_one_block_per_catalogue_id(blocks: dict[str, str]) -> None:
    expected = {f"kpi_{kpi['id']}" for kpi in load_catalogue()}
    assert set(blocks) == expected, (
        f"missing: {sorted(expected - set(blocks))}; not in the catalogue: {sorted(set(blocks) - expected)}"
    )


def test_each_block_shows_names_formula_source_and_a_decision(blocks: dict[str, str]) -> None:
    problems = []
    for kpi in load_catalogue():
        text = blocks[f"kpi_{kpi['id']}"]
        wanted = [kpi["name_zh"], kpi["name_en"], kpi["formula"], kpi["unit"], "| Numerator |", "| Source document |"]
        for source in kpi["sources"]:
            file_name, _, section = source.partition(" (")
            wanted += [file_name, section.rstrip(")")]
        missing = [item for item in wanted if item not in text]
        # counts and expressions have no numerator row; they say how they are computed instead
        if "| Numerator |" in missing and "| Computed as |" in text:
            missing.remove("| Numerator |")
        decisions = text.split("**Interpretation decisions**", 1)[-1]
        if decisions.count("\n- ") < 2:
            missing.append("a decision besides the framework line")
        if missing:
            problems.append(f"kpi_{kpi['id']}: {missing}")
    assert not problems, "\n".join(problems)


def test_every_kpi_decision_reaches_a_kpi(blocks: dict[str, str]) -> None:
    """Each entry of the KPI sections is quoted in some KPI's block (a var it names must be in a KPI's config)."""
    text = "\n".join(blocks.values())
    sections = {section for sections in load_kpi_inputs()["decision_families"].values() for section in sections}
    orphans = [
        decision.markdown[:100]
        for decision in parse_decisions(DECISIONS_PATH.read_text(encoding="utf-8"))
        if decision.section in sections and decision.markdown not in text
    ]
    assert not orphans, (
        "decisions quoted in no KPI docs block (name the KPI id or add the var to kpi_inputs.yml):\n"
        + ("\n".join(orphans))
    )


def test_parse_decisions_reads_entries_and_bullets() -> None:
    decisions = parse_decisions(DECISIONS_SAMPLE)
    assert [(decision.section, decision.title) for decision in decisions] == [
        ("Staging", "Labels go through a seed"),
        ("Phone", "Short abandons"),
        ("Phone", "Dating"),
        ("Phone", None),
    ]
    labels, short_abandons, _, rewards = decisions
    assert labels.text == "`seeds/label_mappings.csv` maps every spelling. A second paragraph."
    assert labels.markdown.startswith("**Labels go through a seed**: ")
    assert {"label_mappings", "seeds/label_mappings.csv"} <= labels.mentions
    assert short_abandons.text.endswith("leave `abandon_rate` and `average_time_to_abandon`.")
    assert {"short_abandon_seconds", "abandon_rate", "average_time_to_abandon"} <= short_abandons.mentions
    assert "scorecard_rewards" in rewards.mentions


def test_decisions_for_picks_the_kpis_own_and_its_familys_general_rules() -> None:
    own = Decision("Phone", "Short abandons", "about `abandon_rate`")
    by_var = Decision("Phone", "Threshold", "from `short_abandon_seconds`")
    named = Decision("Digital", "Issue key", "customer + category")
    general = Decision("Phone", "Dating", "by the day of answer")
    other_kpi = Decision("Phone", None, "`answer_rate` counts legs")
    other_family = Decision("Digital", "Chat wait", "starts at the hand-off")
    kpi = {"id": "abandon_rate", "category": "access"}
    inputs = {"config": ["var:short_abandon_seconds"], "decisions": ["Issue key"]}
    specific, family = decisions_for(
        kpi,
        inputs,
        ["Phone"],
        [own, by_var, named, general, other_kpi, other_family],
        {"abandon_rate", "answer_rate", "short_abandon_seconds"},
    )
    assert specific == [own, by_var, named]
    assert family == [general]


def test_docs_block_is_shown_literally() -> None:
    block = docs_block("x", "uses {{ doc('y') }} literally")
    assert block == "{% docs x %}\n{% raw %}\nuses {{ doc('y') }} literally\n{% endraw %}\n{% enddocs %}\n"
    with pytest.raises(ValueError):
        docs_block("x", "{% endraw %}")


def test_decision_log_page_holds_decisions_md_verbatim() -> None:
    rendered = dict(BLOCK.findall(DECISION_LOG_DOCS_PATH.read_text(encoding="utf-8")))
    assert rendered["__contact_centre_kpi__"] == DECISIONS_PATH.read_text(encoding="utf-8").strip()
