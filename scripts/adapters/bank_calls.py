"""Anonymous Bank (Technion, Israel, August 1999) call records -> telephony.call_legs, queues and hr.employees rows.

One raw record is one call: VRU (= IVR), then the queue (q_start/q_exit), then service (ser_start/ser_exit) by an
agent (server). The file's durations `q_time` and `ser_time` are its system of record: the stage times written are on
the VRU and queue clock, answer = queue entry + q_time and end = answer + ser_time; the agents' clock (ser_start,
ser_exit) runs 1-2 s apart from it and only tells that service was reached. Pure functions; the choices are recorded
in DECISIONS.md (Real data: Anonymous Bank).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

CENTRE_ZONE = ZoneInfo("Asia/Jerusalem")
SOURCE_YEAR = 1999  # the spreadsheet copy shows 2010; the data are from August 1999 (SOURCE.md)
NOT_REACHED = "0:00:00"  # the file's marker for a stage the call never reached
NO_AGENT = "NO_SERVER"
# Call types as the Technion documentation names them; the type decides the queue the VRU routes the call to.
CALL_TYPES = {
    "PS": "regular activity",
    "PE": "regular activity in English",
    "IN": "internet consulting",
    "NE": "stock exchange activity",
    "NW": "potential customer getting information",
    "TT": "customer who left a message to be called back",
}
MIDNIGHT_ROLL = timedelta(hours=12)  # a stage time this much earlier than the previous one is on the next day
# the agents' clock may differ from the queue clock by this much on an answered call without being worth a mention
USUAL_CLOCK_SKEW = timedelta(seconds=2)


@dataclass(frozen=True)
class BankCall:
    """One raw record, year corrected, stage times as local wall-clock datetimes (None: stage not reached)."""

    row_number: int  # data row in the file, 1-based
    vru_line: str
    call_id: str
    customer_id: str
    priority: str
    call_type: str
    day: date
    vru_entry: datetime | None
    vru_exit: datetime | None
    q_start: datetime | None
    q_exit: datetime | None
    ser_start: datetime | None
    ser_exit: datetime | None
    q_time: timedelta  # the file's wait in the queue (q_exit - q_start), 0 when the call never queued
    ser_time: timedelta  # the file's service time (ser_exit - ser_start), 0 when never served
    outcome: str
    server: str


@dataclass(frozen=True)
class MappedCall:
    """Contract text of one call_legs row, and the adapter's notes on the record (summary categories)."""

    row: dict[str, str]
    category: str
    notes: tuple[str, ...]


def _clock(text: str) -> timedelta | None:
    if text.strip() == NOT_REACHED:
        return None
    hours, minutes, seconds = (int(part) for part in text.strip().split(":"))
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def stage_times(day: date, clocks: Iterable[str]) -> list[datetime | None]:
    """Wall-clock times of the stages in order; a time far earlier than the previous stage crossed midnight."""
    midnight = datetime(day.year, day.month, day.day)
    times: list[datetime | None] = []
    previous: datetime | None = None
    for text in clocks:
        offset = _clock(text)
        if offset is None:
            times.append(None)
            continue
        moment = midnight + offset
        while previous is not None and moment < previous - MIDNIGHT_ROLL:
            moment += timedelta(days=1)
        times.append(moment)
        previous = moment
    return times


def parse_record(raw: dict[str, str], row_number: int) -> BankCall:
    """A record of august_calls_extracted.csv; the spreadsheet's year is replaced by 1999."""
    day = date.fromisoformat(raw["date"].strip()).replace(year=SOURCE_YEAR)
    stages = ("vru_entry", "vru_exit", "q_start", "q_exit", "ser_start", "ser_exit")
    times = stage_times(day, (raw[name] for name in stages))
    return BankCall(
        row_number,
        raw["vru+line"].strip(),
        raw["call_id"].strip(),
        raw["customer_id"].strip(),
        raw["priority"].strip(),
        raw["type"].strip(),
        day,
        *times,
        q_time=timedelta(seconds=int(raw["q_time"])),
        ser_time=timedelta(seconds=int(raw["ser_time"])),
        outcome=raw["outcome"].strip(),
        server=raw["server"].strip(),
    )


def iso_local(moment: datetime | None) -> str:
    """Contract timestamp with the centre's UTC offset of that day (Israel changed to summer time in 1999)."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=CENTRE_ZONE).isoformat()


def queue_id(call_type: str, priority: str) -> str:
    """One queue per call type and priority, so both are sliceable (type = queue skill)."""
    return f"{call_type}-P{priority}"


def contract_call_id(call: BankCall) -> tuple[str, bool]:
    """(call id, damaged?). Ids repeat across VRU lines, so the line is part of the id; a damaged id is replaced by
    the line and VRU entry time, which identify the call."""
    if call.call_id.isdigit():
        return f"{call.vru_line}-{call.call_id}", False
    entry = call.vru_entry.strftime("%Y%m%dT%H%M%S") if call.vru_entry else f"row{call.row_number}"
    return f"{call.vru_line}-damaged-{entry}", True


def _clock_skew_note(call: BankCall, answered_at: datetime) -> list[str]:
    """How far the agents' clock (ser_start) is from the answer on the queue clock; ser_start is not written."""
    skew = abs(call.ser_start - answered_at) if call.ser_start else timedelta(0)
    if skew > USUAL_CLOCK_SKEW:
        return ["service_clock_skew_over_2s"]
    return ["service_clock_skew_1_2s"] if skew else []


def map_call(call: BankCall, agent_ids: dict[str, str], extracted_at: str) -> MappedCall:
    """The call_legs row of one record. The outcome decides answered or not; queue entry (q_start, else VRU exit) and
    the file's durations give the times, so wait = q_time and talk = ser_time."""
    notes: list[str] = []
    call_id, damaged = contract_call_id(call)
    if damaged:
        notes.append("damaged_call_id")
    if call.vru_entry and call.vru_exit and call.vru_exit < call.vru_entry:
        notes.append("negative_vru_time")
    served = call.outcome in ("AGENT", "PHANTOM")
    # a served call without queue times went from the VRU straight to an agent: it entered the queue on leaving
    # the VRU and waited q_time = 0
    queue_entered_at = call.q_start or (call.vru_exit if served and call.ser_start else None)
    answered_at = queue_entered_at + call.q_time if served and call.ser_start and queue_entered_at else None
    if call.outcome == "PHANTOM":
        category = "phantom"
    elif served and answered_at is None:
        category = "agent_outcome_without_service_times"
    elif served:
        category = "answered_after_waiting" if call.q_start else "answered_without_waiting"
    elif call.q_start:
        category = "abandoned_in_queue"
        if call.ser_start:
            notes.append("hang_with_service_times")
    else:
        category = "hung_up_in_vru"
    if answered_at:
        notes += _clock_skew_note(call, answered_at)
        ended_at = answered_at + call.ser_time
    elif served:
        ended_at = None  # the end is unknown: staging quarantines the row (missing ended_at)
    else:
        ended_at = call.q_start + call.q_time if call.q_start else call.vru_exit
    agent = agent_ids.get(call.server, "") if answered_at else ""
    if answered_at and call.server == NO_AGENT:
        notes.append("answered_without_agent")
    row = {
        "call_id": call_id,
        "leg_number": "1",
        "extracted_at": extracted_at,
        "direction": "inbound",
        "customer_id": "",
        # the bank's customer number identifies the caller: as personal data it goes where staging hashes it
        "customer_phone": "" if call.customer_id in ("", "0") else call.customer_id,
        "ivr_entered_at": iso_local(call.vru_entry),
        "ivr_exited_at": iso_local(call.vru_exit),
        "ivr_outcome": "to_queue" if queue_entered_at else "hung_up",
        "queue_id": queue_id(call.call_type, call.priority) if queue_entered_at else "",
        "queue_entered_at": iso_local(queue_entered_at),
        "answered_at": iso_local(answered_at),
        "ended_at": iso_local(ended_at),
        "agent_id": agent,
        "is_test": "true" if call.outcome == "PHANTOM" else "false",
    }
    return MappedCall(row, category, tuple(notes))


def agent_surrogates(calls: Iterable[BankCall]) -> dict[str, str]:
    """Agent name -> surrogate id, numbered in order of first appearance (names never become ids)."""
    ids: dict[str, str] = {}
    for call in calls:
        if call.server != NO_AGENT and call.server not in ids:
            ids[call.server] = f"AGENT-{len(ids) + 1:02d}"
    return ids


def queue_rows(calls: Iterable[BankCall], extracted_at: str) -> list[dict[str, str]]:
    pairs = sorted({(call.call_type, call.priority) for call in calls})
    return [
        {
            "queue_id": queue_id(call_type, priority),
            "extracted_at": extracted_at,
            "queue_name": f"{call_type} {CALL_TYPES.get(call_type, 'unknown type')}, priority {priority}",
            "channel": "phone",
            "skill": call_type,
            "priority": priority,
        }
        for call_type, priority in pairs
    ]


def employee_rows(agent_ids: dict[str, str], hired: date, extracted_at: str) -> list[dict[str, str]]:
    """The bank file has no HR data: every agent is on the payroll from the first day of the file."""
    return [
        {
            "employee_id": surrogate,
            "extracted_at": extracted_at,
            "full_name": name,  # personal data: staging keeps only its salted hash
            "role": "agent",
            "hired_date": hired.isoformat(),
        }
        for name, surrogate in agent_ids.items()
    ]
