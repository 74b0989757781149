"""Tickets from every channel, their SLA due times, status history and complaint attributes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .clock import Period, into_opening_hours, nightly_extract
from .columns import Coded, Ids, Rows, nan_where
from .entities import CATEGORIES, CATEGORY_SHARE, customer_ids, employee_ids
from .fake import blank_where

CHANNELS = ("email", "web_form", "sms", "fax", "social", "chat", "phone")
PRIORITIES = ("low", "normal", "high", "urgent")
STATUSES = ("new", "open", "pending", "resolved", "closed")
EVENT_TYPES = ("created", "first_reply", "reply", "follow_up", "resolved", "closed", "reopened")
FAULTS = ("agent", "company", "customer", "third_party", "none")
ESCALATIONS = ("none", "supervisor", "regulator")
H = 3600
FIRST_DUE_H = np.array([48, 24, 8, 2])
RESOLVE_DUE_H = np.array([120, 72, 48, 24])
FIRST_REPLY_MEDIAN_H = np.array([12, 6, 3, 1])
# Lifecycle slots, in order; each present slot happens a random gap after the previous present one.
SLOTS = (
    "created",
    "first_reply",
    "reply",
    "reply",
    "follow_up",
    "resolved",
    "reopened",
    "reply",
    "resolved",
    "closed",
)


@dataclass(frozen=True)
class TicketSources:
    """Tickets to create: channel, time, customer and owner, and the contact they come from (if any)."""

    channel: np.ndarray
    created: np.ndarray
    customer: np.ndarray
    agent: np.ndarray
    category: np.ndarray
    complaint_p: np.ndarray
    source_channel: np.ndarray  # code in CHANNELS, -1 none
    source_id: pa.Array  # ids of the originating contacts, null when none


@dataclass(frozen=True)
class Tickets:
    ticket: Ids
    agent: np.ndarray
    customer: np.ndarray
    resolved_at: np.ndarray  # -1 when not resolved by the final extract
    is_complaint: np.ndarray
    escalated: np.ndarray
    is_test: np.ndarray


def build_tickets(
    rng: np.random.Generator, src: TicketSources, customer_email, customer_phone, period: Period, tag: str
) -> tuple[Tickets, Rows, Rows]:
    n = len(src.created)
    complaint = rng.random(n) < src.complaint_p
    priority = np.where(
        complaint, rng.choice([2, 3], size=n, p=[0.7, 0.3]), rng.choice(4, size=n, p=[0.2, 0.62, 0.14, 0.04])
    )
    category = np.where(src.category >= 0, src.category, rng.choice(len(CATEGORIES), size=n, p=CATEGORY_SHARE))
    times = _lifecycle(rng, src.created, priority, complaint, period)
    present = times >= 0
    last_idx = np.where(present, np.arange(len(SLOTS))[None], -1).max(axis=1)
    last_type = np.array([EVENT_TYPES.index(s) for s in SLOTS])[last_idx]
    last_time = times[np.arange(n), last_idx]
    status = _status(rng, last_type)
    resolved_slot = np.array([s == "resolved" for s in SLOTS])
    resolved_at = np.where(present & resolved_slot[None], times, -1).max(axis=1)
    settled = np.isin(status, (STATUSES.index("resolved"), STATUSES.index("closed")))
    is_test = rng.random(n) < 0.002
    ticket = Ids(f"TK{tag}", np.arange(1, n + 1), 6)
    c = complaint
    valid = c & (rng.random(n) < 0.85)
    fault = np.where(valid, rng.choice(5, size=n, p=[0.22, 0.4, 0.08, 0.2, 0.1]), rng.choice([2, 4], size=n))
    escalated = rng.choice(3, size=n, p=[0.85, 0.12, 0.03])
    at_fault = _agent_at_fault(rng, src.agent, c & (fault == FAULTS.index("agent")))
    accepted = settled & (rng.random(n) < 0.8)
    rated = c & settled & (rng.random(n) < 0.7)
    rating = np.where(
        accepted, rng.choice([3, 4, 5], size=n, p=[0.15, 0.45, 0.4]), rng.choice([1, 2, 3], size=n, p=[0.4, 0.4, 0.2])
    )
    email, phone = customer_email, customer_phone
    rows: Rows = {
        "ticket_id": ticket,
        "extracted_at": nightly_extract(last_time, period),
        "channel": Coded(src.channel, CHANNELS),
        "category": Coded(category, CATEGORIES),
        "priority": Coded(priority, PRIORITIES),
        "customer_id": customer_ids(src.customer),
        "customer_email": blank_where(email, np.isin(src.channel, (2, 6))),  # sms and phone carry no e-mail
        "customer_phone": blank_where(phone, np.isin(src.channel, (0, 3))),  # e-mail and fax carry no phone
        "agent_id": employee_ids(src.agent),
        "created_at": src.created,
        "first_response_due_at": src.created + FIRST_DUE_H[priority] * H,
        "resolution_due_at": src.created + RESOLVE_DUE_H[priority] * H,
        "source_contact_channel": Coded(src.source_channel, CHANNELS),
        "source_contact_id": src.source_id,
        "status": Coded(status, STATUSES),
        "is_test": is_test,
        "is_complaint": complaint,
        "complaint_is_valid": nan_where(~c, valid),
        "complaint_fault": Coded(np.where(c, fault, -1), FAULTS),
        "complaint_agent_id": employee_ids(at_fault),
        "complaint_escalated_to": Coded(np.where(c, escalated, -1), ESCALATIONS),
        "resolution_accepted": nan_where(~(c & settled), accepted),
        "resolution_rating": nan_where(~rated, rating),
        "step_soothe_logged": nan_where(~c, rng.random(n) < 0.95),
        "step_record_logged": nan_where(~c, rng.random(n) < 0.97),
        "step_feedback_logged": nan_where(~c, rng.random(n) < 0.93),
        "step_follow_up_logged": nan_where(~c, rng.random(n) < 0.9),
        "escalation_procedure_followed": nan_where(~(c & (escalated > 0)), rng.random(n) < 0.85),
    }
    t_idx, s_idx = np.nonzero(present)
    ev_type = np.array([EVENT_TYPES.index(s) for s in SLOTS])[s_idx]
    events: Rows = {
        "ticket_event_id": Ids(f"TE{tag}", np.arange(1, len(t_idx) + 1), 7),
        "extracted_at": nightly_extract(times[t_idx, s_idx], period),
        "ticket_id": Ids(ticket.prefix, t_idx + 1, 6),
        "event_type": Coded(ev_type, EVENT_TYPES),
        "event_at": times[t_idx, s_idx],
        "agent_id": employee_ids(np.where(ev_type == 0, -1, src.agent[t_idx])),
    }
    tickets = Tickets(
        ticket=ticket,
        agent=src.agent,
        customer=src.customer,
        resolved_at=np.where(settled, resolved_at, -1),
        is_complaint=complaint,
        escalated=c & (escalated > 0),
        is_test=is_test,
    )
    return tickets, rows, events


def _agent_at_fault(rng: np.random.Generator, owner: np.ndarray, agent_fault: np.ndarray) -> np.ndarray:
    """The agent an agent-fault complaint is about (-1 elsewhere): mostly the owner, whose own handling is complained
    about, sometimes another agent who handled the customer before. Drawn from a spawned generator so that the
    rest of the sample does not shift."""
    own = rng.spawn(1)[0]
    agents = np.unique(owner[owner >= 0])
    if not len(agents):
        return np.full(len(owner), -1)
    other = own.choice(agents, size=len(owner))
    return np.where(agent_fault, np.where((own.random(len(owner)) < 0.7) & (owner >= 0), owner, other), -1)


def _lifecycle(rng, created, priority, complaint, period: Period) -> np.ndarray:
    """(tickets, SLOTS) event times, -1 where the event does not happen (or only after the final extract)."""
    n = len(created)
    replied = rng.random(n) < 0.97
    resolved = replied & (rng.random(n) < 0.92)
    reopened = resolved & (rng.random(n) < 0.04)
    happens = np.stack(
        [
            np.ones(n, bool),
            replied,
            replied & (rng.random(n) < 0.45),
            replied & (rng.random(n) < 0.15),
            replied & (rng.random(n) < np.where(complaint, 0.9, 0.15)),
            resolved,
            reopened,
            reopened,
            reopened,
            resolved & (rng.random(n) < 0.85),
        ],
        axis=1,
    )
    median_h = np.stack(
        [
            np.zeros(n),
            FIRST_REPLY_MEDIAN_H[priority],
            np.full(n, 8.0),
            np.full(n, 8.0),
            np.full(n, 12.0),
            np.full(n, 10.0),
            np.full(n, 30.0),
            np.full(n, 4.0),
            np.full(n, 8.0),
            np.full(n, 36.0),
        ],
        axis=1,
    )
    gaps = np.clip(rng.lognormal(np.log(np.maximum(median_h, 0.01) * H), 0.9), 300, 20 * 86_400).astype(np.int64)
    times = np.full((n, len(SLOTS)), -1, dtype=np.int64)
    now = created.astype(np.int64)
    times[:, 0] = now
    for k in range(1, len(SLOTS)):
        # agents work tickets in opening hours; the final close is automatic at any hour
        nxt = now + gaps[:, k]
        nxt = nxt if SLOTS[k] == "closed" else into_opening_hours(nxt, rng)
        now = np.where(happens[:, k], nxt, now)
        times[:, k] = np.where(happens[:, k], nxt, -1)
    times[times > period.final_export_s] = -1
    # a later event cannot be known if an earlier one is cut off by the extract
    cut = np.maximum.accumulate(np.where(happens & (times < 0), 1, 0), axis=1) > 0
    times[cut] = -1
    return times


def _status(rng: np.random.Generator, last_type: np.ndarray) -> np.ndarray:
    name = np.array(EVENT_TYPES)[last_type]
    waiting = np.isin(name, ("first_reply", "reply")) & (rng.random(len(name)) < 0.35)
    return np.select(
        [name == "created", waiting, name == "resolved", name == "closed"],
        [STATUSES.index("new"), STATUSES.index("pending"), STATUSES.index("resolved"), STATUSES.index("closed")],
        STATUSES.index("open"),
    )
