"""CRM: purchase transactions, callbacks (回访), customer feedback items and hand-offs to other departments."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from .clock import DAY_S, Period, day_number, into_opening_hours, local_midnight, nightly_extract
from .columns import Coded, Ids, Rows, nan_where
from .entities import Customers, Staff, customer_ids, employee_ids
from .feedback import CONTACT_CHANNELS, Contacts

CALLBACK_OUTCOMES = ("reached", "no_answer", "refused")
FEEDBACK_TYPES = ("opinion", "suggestion", "praise")
DEPARTMENTS = ("Logistics", "Billing", "Claims", "Sales", "Technical Support", "Risk Control")
MONTHLY_PURCHASE_RATE = 0.15


def active_customers(customers: Customers, month: Period) -> np.ndarray:
    first, last = day_number(month.start), day_number(month.end) - 1
    return np.flatnonzero((customers.acquired <= last) & ((customers.lost < 0) | (customers.lost >= first)))


def purchases(
    rng: np.random.Generator, customers: Customers, month: Period
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(customer, time, amount) of ordinary purchases by customers active in the month."""
    active = active_customers(customers, month)
    counts = rng.poisson(MONTHLY_PURCHASE_RATE * month.days / 30, size=active.size)
    cust = np.repeat(active, counts)
    first = np.maximum(customers.acquired[cust], day_number(month.start))
    last = np.where(
        customers.lost[cust] >= 0,
        np.minimum(customers.lost[cust], day_number(month.end) - 1),
        day_number(month.end) - 1,
    )
    day = first + (rng.random(cust.size) * (last - first + 1)).astype(np.int64)
    at = (
        local_midnight(month.start)
        + (day - day_number(month.start)) * DAY_S
        + rng.integers(8 * 3600, 23 * 3600, size=cust.size)
    )
    amount = np.round(rng.lognormal(np.log(260), 0.9, size=cust.size), 2)
    return cust, at, amount


def transaction_rows(customer: np.ndarray, at: np.ndarray, amount: np.ndarray, period: Period, tag: str) -> Rows:
    order = np.argsort(at, kind="stable")
    n = len(order)
    return {
        "transaction_id": Ids(f"TX{tag}", np.arange(1, n + 1), 7),
        "extracted_at": nightly_extract(at[order], period),
        "customer_id": customer_ids(customer[order]),
        "transacted_at": at[order],
        "amount": amount[order],
        "currency": np.full(n, "CNY", dtype=object),
    }


def callback_rows(
    rng: np.random.Generator, contacts: Contacts, unsettled: np.ndarray, staff: Staff, period: Period, tag: str
) -> Rows:
    """Agents call back customers whose issue stayed open (and a few satisfied ones) within three days."""
    p = np.where(unsettled, 0.55, 0.015)
    idx = np.flatnonzero((rng.random(len(contacts)) < p) & (contacts.channel == 0) & (contacts.customer >= 0))
    made = into_opening_hours(contacts.ended[idx] + rng.integers(2 * 3600, 3 * DAY_S, size=idx.size), rng)
    agent = contacts.agent[idx]
    term = staff.terminated[agent]
    keep = (made <= period.final_export_s) & ((term < 0) | (term >= (made + 8 * 3600) // DAY_S))
    idx, made, agent = idx[keep], made[keep], agent[keep]
    n = idx.size
    return {
        "callback_id": Ids(f"CB{tag}", np.arange(1, n + 1), 6),
        "extracted_at": nightly_extract(made, period),
        "customer_id": customer_ids(contacts.customer[idx]),
        "agent_id": employee_ids(agent),
        "made_at": made,
        "outcome": Coded(rng.choice(3, size=n, p=[0.65, 0.28, 0.07]), CALLBACK_OUTCOMES),
    }


def feedback_rows(rng: np.random.Generator, contacts: Contacts, period: Period, tag: str) -> Rows:
    """Opinions, suggestions and praise; a response is promised within 48 h and usually (not always) given."""
    idx = np.flatnonzero(rng.random(len(contacts)) < 0.006)
    n = idx.size
    received = contacts.ended[idx] + rng.integers(0, 600, size=n)
    promised = received + 48 * 3600
    responded = into_opening_hours(
        received + np.clip(rng.lognormal(np.log(20 * 3600), 0.8, size=n), 600, 20 * DAY_S).astype(np.int64), rng
    )
    processed = responded + np.clip(rng.lognormal(np.log(10 * 3600), 0.8, size=n), 600, 10 * DAY_S).astype(np.int64)
    has_response = (rng.random(n) < 0.9) & (responded <= period.final_export_s)
    has_processed = has_response & (rng.random(n) < 0.85) & (processed <= period.final_export_s)
    last = np.where(has_processed, processed, np.where(has_response, responded, received))
    return {
        "feedback_id": Ids(f"FB{tag}", np.arange(1, n + 1), 6),
        "extracted_at": nightly_extract(last, period),
        "customer_id": customer_ids(contacts.customer[idx]),
        "feedback_type": Coded(rng.choice(3, size=n, p=[0.45, 0.35, 0.2]), FEEDBACK_TYPES),
        "received_at": received,
        "promised_response_at": nan_where(rng.random(n) < 0.05, promised),
        "responded_at": nan_where(~has_response, responded),
        "processed_at": nan_where(~has_processed, processed),
    }


def handoff_rows(rng: np.random.Generator, contacts: Contacts, period: Period, tag: str) -> Rows:
    """Service information passed to another department, promised within 4 or 24 hours."""
    idx = np.flatnonzero(rng.random(len(contacts)) < 0.02)
    n = idx.size
    created = contacts.ended[idx] + rng.integers(60, 900, size=n)
    due = created + rng.choice([4, 24], size=n) * 3600
    passed = into_opening_hours(
        created + np.clip(rng.lognormal(np.log(3 * 3600), 1.0, size=n), 300, 10 * DAY_S).astype(np.int64), rng
    )
    done = (rng.random(n) < 0.93) & (passed <= period.final_export_s)
    return {
        "handoff_id": Ids(f"HO{tag}", np.arange(1, n + 1), 6),
        "extracted_at": nightly_extract(np.where(done, passed, created), period),
        "contact_channel": Coded(contacts.channel[idx], CONTACT_CHANNELS),
        "contact_id": contacts.contact_id.take(pa.array(idx)),
        "to_department": Coded(rng.choice(len(DEPARTMENTS), size=n), DEPARTMENTS),
        "created_at": created,
        "due_at": due,
        "passed_at": nan_where(~done, passed),
    }
