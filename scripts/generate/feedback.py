"""Customer surveys after contacts (and third-party/internal ones), QA evaluations, and the survey plan."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .clock import DAY_S, OPEN_S, Period, day_number, into_opening_hours, local_midnight, nightly_extract
from .columns import Coded, Ids, Rows, concat_rows, nan_where
from .entities import customer_ids, employee_ids

CONTACT_CHANNELS = ("phone", "chat", "ticket")
SURVEY_SOURCES = ("system", "third_party", "internal")
SURVEY_P = np.array([0.25, 0.35, 0.3])  # share of contacts surveyed, per contact channel
QA_P = np.array([0.04, 0.05, 0.03])  # share of contacts evaluated by QA, per contact channel
PLANNED_SURVEYS = ("Monthly CSAT deep-dive", "Key account satisfaction interviews", "Product feedback panel")


@dataclass(frozen=True)
class Contacts:
    """Handled contacts of a month that surveys, QA, feedback and hand-offs refer to."""

    channel: np.ndarray  # code in CONTACT_CHANNELS
    contact_id: pa.Array
    agent: np.ndarray
    customer: np.ndarray
    ended: np.ndarray
    mood: np.ndarray  # latent satisfaction driver: resolution, waiting, transfers, the agent
    complaint: np.ndarray
    escalated: np.ndarray

    def __len__(self) -> int:
        return len(self.channel)


def _scores(rng: np.random.Generator, mood: np.ndarray) -> dict[str, np.ndarray]:
    n = len(mood)
    u = mood + rng.normal(0, 0.7, size=n)
    csat = np.clip(np.round(3.9 + u), 1, 5)
    out = {
        "csat_score": csat,
        "nps_score": nan_where(rng.random(n) < 0.08, np.clip(np.round(7.6 + 1.8 * u + rng.normal(0, 0.8, n)), 0, 10)),
        "ces_score": nan_where(rng.random(n) < 0.1, np.clip(np.round(2.3 - 0.8 * u + rng.normal(0, 0.6, n)), 1, 5)),
    }
    for dim in ("tone", "clarity", "professionalism", "efficiency"):
        out[f"{dim}_rating"] = nan_where(rng.random(n) < 0.15, np.clip(np.round(csat + rng.normal(0, 0.6, n)), 1, 5))
    return out


def survey_rows(
    rng: np.random.Generator,
    contacts: Contacts,
    period: Period,
    month: Period,
    tag: str,
    active_customers: np.ndarray,
) -> Rows:
    """Post-contact (system) surveys on a share of contacts, plus third-party and internal customer surveys."""
    sent_mask = rng.random(len(contacts)) < SURVEY_P[contacts.channel]
    idx = np.flatnonzero(sent_mask)
    delay = np.where(
        contacts.channel[idx] == 2, rng.integers(3600, 3 * 3600, size=idx.size), rng.integers(60, 600, size=idx.size)
    )
    system = _answers(rng, contacts.ended[idx] + delay, contacts.mood[idx], period)
    system.update(
        {
            "survey_source": Coded(np.zeros(idx.size, np.int64), SURVEY_SOURCES),
            "contact_channel": Coded(contacts.channel[idx], CONTACT_CHANNELS),
            "contact_id": contacts.contact_id.take(pa.array(idx)),
            "customer_id": customer_ids(contacts.customer[idx]),
            "agent_id": employee_ids(contacts.agent[idx]),
        }
    )
    k = max(1, int(0.1 * idx.size))
    sent = (
        local_midnight(month.start)
        + rng.integers(0, month.days, size=k) * DAY_S
        + OPEN_S
        + rng.integers(0, 10 * 3600, size=k)
    )
    other = _answers(rng, sent, rng.normal(0.2, 0.5, size=k), period)
    other.update(
        {
            "survey_source": Coded(rng.integers(1, 3, size=k), SURVEY_SOURCES),
            "contact_channel": Coded(np.full(k, -1), CONTACT_CHANNELS),
            "contact_id": pa.nulls(k, pa.string()),
            "customer_id": customer_ids(
                rng.choice(active_customers, size=k) if len(active_customers) else np.full(k, -1)
            ),
            "agent_id": employee_ids(np.full(k, -1)),
        }
    )
    rows = concat_rows([system, other])
    n = len(rows["sent_at"])
    rows["survey_id"] = Ids(f"SV{tag}", np.arange(1, n + 1), 7)
    return rows


def _answers(rng: np.random.Generator, sent: np.ndarray, mood: np.ndarray, period: Period) -> Rows:
    n = len(sent)
    answered_at = sent + np.clip(rng.lognormal(np.log(1.5 * 3600), 1.2, size=n), 30, 7 * DAY_S).astype(np.int64)
    answered = (rng.random(n) < 0.3 - 0.05 * np.tanh(mood)) & (answered_at <= period.final_export_s)
    rows: Rows = {
        "sent_at": sent,
        "answered_at": nan_where(~answered, answered_at),
        "extracted_at": nightly_extract(np.where(answered, answered_at, sent), period),
    }
    for name, values in _scores(rng, mood).items():
        rows[name] = nan_where(~answered, values)
    return rows


def qa_rows(
    rng: np.random.Generator, contacts: Contacts, evaluators: np.ndarray, skill: np.ndarray, period: Period, tag: str
) -> Rows:
    """QA evaluations of a sample of handled contacts a few days later, with the checklist and a 0-100 score."""
    idx = np.flatnonzero((rng.random(len(contacts)) < QA_P[contacts.channel]) & (contacts.agent >= 0))
    evaluated = into_opening_hours(contacts.ended[idx] + rng.integers(DAY_S, 5 * DAY_S, size=idx.size), rng)
    idx, evaluated = idx[evaluated <= period.final_export_s], evaluated[evaluated <= period.final_export_s]
    n = idx.size
    s = skill[contacts.agent[idx]]

    def chance(p: float) -> np.ndarray:
        return rng.random(n) < np.clip(p + 0.04 * s, 0, 1)

    greeting, closing, info, category, record = chance(0.95), chance(0.93), chance(0.95), chance(0.94), chance(0.92)
    forbidden = rng.random(n) < 0.03
    kb_used = rng.random(n) < 0.4
    kb_ok = chance(0.9)
    disclosed = rng.random(n) < 0.3
    verified = chance(0.95)
    op_error = rng.random(n) < 0.03
    complaint, escalated = contacts.complaint[idx], contacts.escalated[idx]
    steps, procedure = chance(0.9), chance(0.85)
    penalty = (
        12 * ~greeting
        + 8 * ~closing
        + 25 * forbidden
        + 15 * ~info
        + 10 * (kb_used & ~kb_ok)
        + 6 * ~category
        + 6 * ~record
        + 20 * (disclosed & ~verified)
        + 10 * op_error
        + 10 * (complaint & ~steps)
    )
    score = np.round(np.clip(93 + 3 * s - penalty + rng.normal(0, 4, size=n), 0, 100), 1)
    return {
        "evaluation_id": Ids(f"QE{tag}", np.arange(1, n + 1), 6),
        "extracted_at": nightly_extract(evaluated, period),
        "contact_channel": Coded(contacts.channel[idx], CONTACT_CHANNELS),
        "contact_id": contacts.contact_id.take(pa.array(idx)),
        "agent_id": employee_ids(contacts.agent[idx]),
        "evaluator_id": employee_ids(rng.choice(evaluators, size=n)),
        "evaluated_at": evaluated,
        "total_score": score,
        "greeting_ok": greeting,
        "closing_ok": closing,
        "forbidden_words_used": forbidden,
        "information_accurate": info,
        "knowledge_answer_used": kb_used,
        "knowledge_answer_correct": nan_where(~kb_used, kb_ok),
        "category_correct": category,
        "record_complete": record,
        "customer_info_disclosed": disclosed,
        "identity_verified_before_disclosure": nan_where(~disclosed, verified),
        "complaint_steps_complete": nan_where(~complaint, steps),
        "escalation_procedure_followed": nan_where(~escalated, procedure),
        "operational_error": op_error,
    }


def survey_plan_rows(rng: np.random.Generator, period: Period) -> Rows:
    """Three planned customer surveys a month; most are completed late in their month."""
    months = period.month_starts()
    month = np.repeat(np.array([day_number(m) for m in months]), len(PLANNED_SURVEYS))
    name = np.tile(np.arange(len(PLANNED_SURVEYS)), len(months))
    done_day = month + rng.integers(17, 28, size=month.size)
    done = (rng.random(month.size) < 0.85) & (done_day < day_number(period.end))
    extracted = np.full(month.size, period.final_export_s)
    return {
        "plan_id": Ids("SPL", np.arange(1, month.size + 1), 4),
        "extracted_at": extracted,
        "survey_name": Coded(name, PLANNED_SURVEYS),
        "planned_month_date": month,
        "completed_date": nan_where(~done, done_day),
    }
