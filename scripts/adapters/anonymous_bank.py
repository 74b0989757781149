"""`adapt anonymous-bank`: writes a complete raw extract set for the Anonymous Bank (Israel, 1999) from the shared
real data, read at run time (never copied into the repository), plus the dbt vars the run needs."""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from scripts.adapters import bank_calls, bank_intervals
from scripts.contract import Contract, load_contract
from scripts.generate.extracts import clear_previous
from scripts.shared import shared_dir

CALLS_FILE = Path("anonymous_bank_aug1999") / "august_calls_extracted.csv"
COUNTS_FILE = Path("anonymous_bank_1999_6min_counts") / "callcenter_6min.csv"
VARS_FILE = "_dbt_vars.json"
# Erlang C searches up to this many agents: well above the bank's busiest six minutes (91 calls, about 47 erlangs)
ERLANG_MAX_AGENTS = 150
NO_WRAP_UP = "the Anonymous Bank file records no wrap-up (resolution status, inquiry category)"
NO_HR = "the Anonymous Bank file has no HR data (hires, leavers, training)"
# KPIs whose inputs the bank's files leave blank or header-only although their components yield rows (a blank
# column would otherwise count as a measured 0); every other unsupported KPI has no input rows and is null anyway
UNSUPPORTED_KPIS = {
    "first_call_resolution_rate": NO_WRAP_UP,
    "first_contact_resolution_rate": NO_WRAP_UP,
    "resolution_rate": NO_WRAP_UP,
    "repeat_contact_rate": NO_WRAP_UP,
    "record_completeness_rate": NO_WRAP_UP,
    "average_after_call_work": "the Anonymous Bank file records no after-call work (handle time = service time)",
    "transfer_rate": "the Anonymous Bank file has one record per call and no transfer information",
    "self_service_ratio": "the Anonymous Bank file does not mark calls served by the VRU (HANG there = hung up)",
    "operation_log_completeness_rate": "the Anonymous Bank file has no ringing, first-utterance or after-call-work "
    "times, so the contract's call lifecycle is never complete",
    "complaint_rate": "the Anonymous Bank data have no complaints",
    "qa_sampling_rate": "the Anonymous Bank data have no QA evaluations",
    "attrition_rate_monthly": NO_HR,
    "attrition_rate_annual": NO_HR,
    "training_hours_per_employee": NO_HR,
}


@dataclass(frozen=True)
class Adapted:
    rows: dict[str, int]  # rows written per contract table
    summary: list[str]  # one line per input category, skipped or odd rows included
    dbt_vars: dict[str, object]


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: missing (the shared real data folder is incomplete)")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_table(out_dir: Path, contract: Contract, name: str, rows: list[dict[str, str]]) -> int:
    """`<name>.csv` with the contract's columns in order; columns a row does not give are blank."""
    columns = contract.table(name).column_names
    with (out_dir / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def _export_time(last_day: date) -> str:
    """The files carry no export time: the midnight after their last day stands in for it."""
    return bank_calls.iso_local(datetime.combine(last_day + timedelta(days=1), datetime.min.time()))


def utc_offset_minutes(day: date) -> int:
    offset = datetime(day.year, day.month, day.day, 12, tzinfo=bank_calls.CENTRE_ZONE).utcoffset()
    return int(offset.total_seconds() // 60) if offset else 0


def mean_service_seconds(calls: list[bank_calls.BankCall]) -> float:
    """Mean ser_time of the calls agents answered (PHANTOM excluded): the forecast's AHT for every slot."""
    spans = [call.ser_time.total_seconds() for call in calls if call.outcome == "AGENT" and call.ser_start]
    return sum(spans) / len(spans)


def adapt(realdata_dir: Path, out_dir: Path) -> Adapted:
    contract = load_contract()
    calls = [bank_calls.parse_record(raw, n) for n, raw in enumerate(read_csv(realdata_dir / CALLS_FILE), 1)]
    slots = [bank_intervals.parse_slot(raw) for raw in read_csv(realdata_dir / COUNTS_FILE)]
    calls_end = _export_time(max(call.day for call in calls))
    counts_end = _export_time(max(slot.day for slot in slots))

    agents = bank_calls.agent_surrogates(calls)
    mapped = [bank_calls.map_call(call, agents, calls_end) for call in calls]
    kept, skipped = bank_intervals.usable_slots(slots)
    aht = mean_service_seconds(calls)
    tables = {
        "call_legs": [m.row for m in mapped],
        "queues": [
            *bank_calls.queue_rows(calls, calls_end),
            {
                "queue_id": bank_intervals.ARRIVALS_QUEUE_ID,
                "extracted_at": counts_end,
                "queue_name": "All calls entering the VRU (six-minute arrival counts)",
                "channel": "phone",
            },
        ],
        "employees": bank_calls.employee_rows(agents, min(c.day for c in calls), calls_end),
        "interval_arrivals": bank_intervals.arrival_rows(kept, counts_end),
        "interval_forecasts": bank_intervals.forecast_rows(kept, aht, counts_end),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    clear_previous(out_dir, contract)
    # tables the bank cannot fill are header-only: their KPIs come out null with a reason
    rows = {name: write_table(out_dir, contract, name, tables.get(name, [])) for name in contract.tables}
    offset = utc_offset_minutes(min(c.day for c in calls))
    dbt_vars = {
        "raw_default_utc_offset_minutes": offset,
        "reporting_utc_offset_minutes": offset,
        "erlang_max_agents": ERLANG_MAX_AGENTS,
        "kpis_unsupported_by_extracts": UNSUPPORTED_KPIS,
    }
    (out_dir / VARS_FILE).write_text(json.dumps(dbt_vars, indent=1) + "\n", encoding="utf-8")
    return Adapted(rows, _summary(calls, mapped, slots, kept, skipped, rows, aht), dbt_vars)


def _summary(
    calls: list[bank_calls.BankCall],
    mapped: list[bank_calls.MappedCall],
    slots: list[bank_intervals.Slot],
    kept: dict,
    skipped: dict[str, int],
    rows: dict[str, int],
    aht: float,
) -> list[str]:
    categories = Counter(m.category for m in mapped)
    notes = Counter(note for m in mapped for note in m.notes)
    explain = {
        "answered_after_waiting": "answered after waiting in the queue",
        "answered_without_waiting": "answered without waiting (no queue times): queue entry = answer = VRU exit",
        "abandoned_in_queue": "hung up in the queue (outcome HANG)",
        "hung_up_in_vru": "hung up in the VRU, never queued",
        "phantom": "PHANTOM (virtual) calls: written with is_test = true, excluded from every KPI",
        "agent_outcome_without_service_times": "outcome AGENT without service times: written without ended_at, "
        "staging quarantines them (missing_required_value)",
        "damaged_call_id": "damaged call_id: id rebuilt from VRU line and entry time",
        "negative_vru_time": "VRU exit before VRU entry: written as is, staging quarantines them (end_before_start)",
        "hang_with_service_times": "outcome HANG with service times: the outcome wins, counted as abandoned",
        "answered_without_agent": "answered with server NO_SERVER: no agent_id",
        "service_clock_skew_1_2s": "answered: the agents' clock (ser_start) 1-2 s off the answer on the queue "
        "clock (queue entry + q_time); answer and end are written on the queue clock",
        "service_clock_skew_over_2s": "answered: ser_start more than 2 s off the answer on the queue clock; "
        "written on the queue clock all the same (wait = q_time, talk = ser_time)",
    }
    year = bank_calls.SOURCE_YEAR
    lines = [f"{CALLS_FILE}: {len(calls)} records (year corrected to {year}) -> {len(mapped)} call legs"]
    lines += [f"  {count:>6} {explain[name]}" for name, count in sorted(categories.items())]
    lines.append("  of these records (each above in exactly one line; a record may carry several notes below):")
    lines += [f"  {count:>6} {explain[name]}" for name, count in sorted(notes.items())]
    lines.append(f"  {rows['employees']:>6} agents, names replaced by surrogate ids (AGENT-nn)")
    lines.append(f"{COUNTS_FILE}: {len(slots)} six-minute slots, {len(kept)} written as interval arrivals")
    lines.append(f"  {skipped['unreliable_day']:>6} slots of 1999-01-11, 01-12, 05-23 left out (imputed or replaced)")
    lines.append(f"  {skipped['nonexistent_local_time']:>6} empty slots at local times skipped by the clock change")
    if skipped["nonexistent_local_time_with_calls"]:
        with_calls = skipped["nonexistent_local_time_with_calls"]
        lines.append(f"  {with_calls:>6} slots WITH calls at skipped local times left out")
    lines.append(
        f"  {rows['interval_forecasts']:>6} seasonal-naive forecasts (same slot a week earlier), AHT {aht:.1f} s"
    )
    return lines


def main(out_dir: Path) -> int:
    try:
        adapted = adapt(shared_dir() / "realdata", out_dir)
    except (FileNotFoundError, ValueError) as problem:
        print(f"ERROR {problem}")
        return 1
    for line in adapted.summary:
        print(line)
    written = ", ".join(f"{name} {count}" for name, count in adapted.rows.items() if count)
    print(f"Wrote {out_dir}: {written}; every other contract table header-only; dbt vars in {out_dir / VARS_FILE}")
    return 0
