"""The contact-centre simulator: contract shape, determinism, clean contract-conformant rows, the defect manifest,
and a queue that responds to staffing. Runs the tiny preset (one week, a handful of agents)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from scripts.contract import Contract, Labels, load_contract, load_labels
from scripts.generate import generate
from scripts.generate.defects import OUTCOMES
from scripts.generate.queue_sim import simulate_queue

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$")
DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
NUMBER = {"integer": re.compile(r"^-?\d+$"), "double": re.compile(r"^-?\d+(\.\d+)?(e[+-]?\d+)?$")}
DEFECT_RATE = 0.01


@pytest.fixture(scope="session")
def contract() -> Contract:
    return load_contract()


@pytest.fixture(scope="session")
def labels() -> Labels:
    return load_labels()


@pytest.fixture(scope="session")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny extract sets: two with the same seed, one with another seed, one without defects."""
    out = {}
    for name, seed, rate in (
        ("a", 42, DEFECT_RATE),
        ("b", 42, DEFECT_RATE),
        ("c", 43, DEFECT_RATE),
        ("clean", 42, 0),
    ):
        out[name] = tmp_path_factory.mktemp(f"gen_{name}")
        generate("tiny", seed, out[name], rate, workers=1)
    return out


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    if not raw:
        return [], []
    text = raw.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def _rows(directory: Path, table: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(directory.glob(f"{table}.*csv*")):
        rows += _read(path)[1]
    return rows


def _manifest(directory: Path) -> dict:
    return json.loads((directory / "_manifest.json").read_text(encoding="utf-8"))


def test_every_contract_table_is_written_with_exactly_its_columns(runs: dict[str, Path], contract: Contract) -> None:
    for table in contract.tables.values():
        main = runs["a"] / f"{table.name}.csv.gz"
        assert main.is_file(), f"{main.name} missing"
        for path in runs["a"].glob(f"{table.name}.*csv*"):
            header, _ = _read(path)
            if path.stat().st_size:
                assert tuple(header) == table.column_names, path.name
    written = {p.name.split(".", 1)[0] for p in runs["a"].glob("*.csv*")}
    assert written == set(contract.tables)


def test_same_seed_gives_identical_bytes_and_another_seed_differs(runs: dict[str, Path]) -> None:
    files_a = sorted(p.name for p in runs["a"].iterdir())
    assert files_a == sorted(p.name for p in runs["b"].iterdir())
    for name in files_a:
        assert (runs["a"] / name).read_bytes() == (runs["b"] / name).read_bytes(), name
    assert (runs["a"] / "call_legs.csv.gz").read_bytes() != (runs["c"] / "call_legs.csv.gz").read_bytes()


def test_clean_rows_respect_the_contract(runs: dict[str, Path], contract: Contract, labels: Labels) -> None:
    data = {name: _rows(runs["clean"], name) for name in contract.tables}
    assert data["call_legs"] and data["agent_states"] and data["tickets"]
    problems: Counter[str] = Counter()
    for name, table in contract.tables.items():
        rows = data[name]
        keys = Counter(tuple(r[k] for k in table.primary_key) for r in rows)
        problems[f"{name}: duplicate key"] += sum(n - 1 for n in keys.values())
        for col in table.columns:
            known = {r[col.references.column] for r in data[col.references.table]} if col.references else None
            for r in rows:
                value = r[col.name]
                if not value:
                    problems[f"{name}.{col.name}: required value missing"] += col.required
                    continue
                problems[f"{name}.{col.name}: bad {col.data_type}"] += not _well_formed(value, col.data_type)
                if col.label_domain:
                    problems[f"{name}.{col.name}: label not canonical"] += value not in labels.canonical(
                        col.label_domain
                    )
                if col.accepted_range:
                    lo, hi = col.accepted_range
                    problems[f"{name}.{col.name}: out of range"] += not lo <= float(value) <= hi
                if col.name.endswith(("_seconds", "_hours")):
                    problems[f"{name}.{col.name}: negative"] += float(value) < 0
                if col.not_before and r[col.not_before]:
                    problems[f"{name}.{col.name}: before {col.not_before}"] += value < r[col.not_before]
                if known is not None:
                    problems[f"{name}.{col.name}: unknown reference"] += value not in known
    assert not +problems, dict(+problems)


def _well_formed(value: str, data_type: str) -> bool:
    if data_type == "timestamp":
        return bool(TIMESTAMP.match(value))
    if data_type == "date":
        return bool(DATE.match(value))
    if data_type == "boolean":
        return value in ("true", "false")
    if data_type in NUMBER:
        return bool(NUMBER[data_type].match(value))
    return True


def test_clean_run_has_no_defects_and_counts_every_row(runs: dict[str, Path], contract: Contract) -> None:
    manifest = _manifest(runs["clean"])
    assert manifest["defects"] == []
    for name in contract.tables:
        expected = manifest["expected_counts"][name]
        assert expected["staged"] == expected["raw_rows"] == len(_rows(runs["clean"], name)), name


def test_manifest_covers_every_defect_kind_with_its_outcome(runs: dict[str, Path]) -> None:
    manifest = _manifest(runs["a"])
    assert manifest["generated_at"] == "2026-01-12T02:00:00+08:00"  # from the preset's end, not the clock
    assert {d["kind"] for d in manifest["defects"]} == set(OUTCOMES)
    for d in manifest["defects"]:
        assert (d["expected_status"], d["expected_reason"]) == OUTCOMES[d["kind"]]
    assert len({d["table"] for d in manifest["defects"]}) >= 5


def test_expected_counts_reconcile_with_the_files(runs: dict[str, Path], contract: Contract) -> None:
    manifest = _manifest(runs["a"])
    by_reason: Counter[tuple[str, str]] = Counter(
        (d["table"], d["expected_reason"]) for d in manifest["defects"] if d["expected_status"] == "quarantined"
    )
    for name in contract.tables:
        expected = manifest["expected_counts"][name]
        raw = len(_rows(runs["a"], name))
        assert raw == expected["raw_rows"] == manifest["row_counts"][name], name
        assert raw == expected["staged"] + sum(expected["quarantined"].values()) + expected["duplicate_dropped"]
        for reason, n in expected["quarantined"].items():
            assert by_reason[(name, reason)] == n


def test_each_row_defect_is_written_as_recorded(runs: dict[str, Path], contract: Contract, labels: Labels) -> None:
    manifest = _manifest(runs["a"])
    for d in manifest["defects"]:
        if not d["key"]:
            assert (runs["a"] / d["file"]).is_file()
            continue
        table = contract.table(d["table"])
        rows = [r for r in _rows(runs["a"], d["table"]) if all(r[k] == v for k, v in d["key"].items())]
        assert rows, d
        if d["column"]:
            assert d["written_value"] in [r[d["column"]] for r in rows], d
        if d["kind"] == "mixed_timestamp_format":
            assert _to_utc(d["written_value"]) == d["expected_value"], d
        if d["kind"] == "label_variant":
            domain = table.column(d["column"]).label_domain
            assert labels.mapping[domain][d["written_value"].strip().lower()] == d["expected_value"], d
        if d["kind"] == "exact_duplicate":
            assert len(rows) == 2 and rows[0] == rows[1]


def _to_utc(value: str) -> str:
    """Reference reading of the accepted timestamp formats (no offset: local UTC+8)."""
    match = re.match(r"^(\d{4})[-/](\d\d)[-/](\d\d)[T ](\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$", value)
    assert match, value
    stamp = datetime(*(int(g) for g in match.groups()[:6]))
    offset = match.group(8) or "+08:00"
    if offset == "Z":
        minutes = 0
    else:
        digits = offset[1:].replace(":", "")
        minutes = (1 if offset[0] == "+" else -1) * (int(digits[:2]) * 60 + int(digits[2:]))
    utc = stamp.replace(tzinfo=timezone(timedelta(minutes=minutes))).astimezone(UTC)
    return utc.strftime("%Y-%m-%d %H:%M:%S")


def _epoch(value: str) -> float:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z").timestamp()


def test_agent_states_follow_the_call_legs_and_the_schedule(runs: dict[str, Path]) -> None:
    """Each answered leg is on_contact then after_call_work for its agent; an agent is in one state at a time;
    agents are logged in for less than their scheduled open work (absence, late log-ins, early log-outs)."""
    states = _rows(runs["clean"], "agent_states")
    intervals = {(r["agent_id"], r["state"], r["started_at"], r["ended_at"]) for r in states}
    answered = [r for r in _rows(runs["clean"], "call_legs") if r["answered_at"]]
    assert answered
    for leg in answered:
        assert (leg["agent_id"], "on_contact", leg["alerting_at"], leg["ended_at"]) in intervals, leg
        assert (leg["agent_id"], "after_call_work", leg["ended_at"], leg["acw_ended_at"]) in intervals, leg
    by_agent: dict[str, list[tuple[float, float]]] = {}
    for r in states:
        by_agent.setdefault(r["agent_id"], []).append((_epoch(r["started_at"]), _epoch(r["ended_at"])))
    for spans in by_agent.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in pairwise(spans))
    working = sum(
        e - s
        for r in states
        if r["state"] in ("ready", "on_contact", "after_call_work")
        for s, e in [(_epoch(r["started_at"]), _epoch(r["ended_at"]))]
    )
    planned = sum(
        _epoch(r["ended_at"]) - _epoch(r["started_at"])
        for r in _rows(runs["clean"], "schedules")
        if r["activity"] == "open_work"
    )
    assert 0.8 * planned < working < planned


def test_queue_simulation_responds_to_staffing() -> None:
    """Same callers, fewer agents: longer average waits and more abandons."""
    rng = np.random.default_rng(7)
    n = 3000
    arrival = np.sort(rng.integers(0, 8 * 3600, size=n))
    patience = rng.lognormal(np.log(200), 0.8, size=n).astype(np.int64)
    busy = rng.lognormal(np.log(280), 0.5, size=n).astype(np.int64)

    def run(agents: int) -> tuple[float, float]:
        r = simulate_queue(
            arrival, patience, busy, np.arange(agents), np.zeros(agents, np.int64), np.full(agents, 8 * 3600)
        )
        answered = r.agent >= 0
        return float((r.start - arrival)[answered].mean()), float(1 - answered.mean())

    wait_many, abandon_many = run(34)
    wait_few, abandon_few = run(28)
    assert wait_few > wait_many
    assert abandon_few > abandon_many
    assert abandon_many < 0.1


def test_queue_simulation_keeps_agents_to_their_windows() -> None:
    """Calls start only inside an agent's window, and a call waiting for a break to end is served after it."""
    r = simulate_queue(
        np.array([0, 10, 20]),
        np.full(3, 10_000),
        np.full(3, 100),
        np.array([0, 0]),
        np.array([0, 500]),
        np.array([50, 1000]),
    )
    assert r.start.tolist() == [0, 500, 600]
    assert r.window.tolist() == [0, 1, 1]
