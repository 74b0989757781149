"""HR and training: promotions, training sessions with attendance and assessments, employee surveys, monthly
performance reviews."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .clock import DAY_S, OPEN_S, UTC_OFFSET_S, Period, day_number
from .columns import Coded, Ids, Rows, nan_where
from .entities import AGENT, Staff, employee_ids
from .presets import Preset

POSITIONS = ("Senior Agent", "Team Lead", "QA Specialist", "Trainer", "Workforce Analyst")
TRAININGS = (
    "Product update",
    "Communication skills",
    "Complaint handling",
    "Systems refresher",
    "Compliance and data protection",
    "Sales conversations",
)
INDUCTION = "New-hire induction"


@dataclass(frozen=True)
class Training:
    sessions: Rows
    attendance: Rows
    hours_by_month: np.ndarray  # attended hours per month of the period
    sessions_by_month: np.ndarray


def _employed_agents(staff: Staff, day: int) -> np.ndarray:
    return np.flatnonzero(staff.employed_on(day) & (staff.role == AGENT))


def promotion_rows(rng: np.random.Generator, staff: Staff, period: Period, preset: Preset) -> Rows:
    """Promoted positions filled each month; three in four go to an internal candidate."""
    rows: list[tuple[int, int, int, bool]] = []
    for first, n_days in period.months():
        for _ in range(rng.poisson(max(0.3, preset.agents * 0.004))):
            day = day_number(period.date_of(first)) + int(rng.integers(0, n_days))
            internal = bool(rng.random() < 0.75)
            pool = _employed_agents(staff, day)
            who = int(rng.choice(pool)) if internal and pool.size else -1
            rows.append((int(rng.choice(len(POSITIONS), p=[0.5, 0.2, 0.15, 0.1, 0.05])), day, who, who >= 0))
    arr = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return {
        "promotion_id": Ids("PR", np.arange(1, len(arr) + 1), 5),
        "position_title": Coded(arr[:, 0], POSITIONS),
        "filled_date": arr[:, 1],
        "filled_by_employee_id": employee_ids(arr[:, 2]),
        "is_internal": arr[:, 3].astype(bool),
    }


def training(rng: np.random.Generator, staff: Staff, period: Period, preset: Preset, skill: np.ndarray) -> Training:
    """Planned sessions (regular ones, plus an induction in months with new hires); most are delivered."""
    sessions: list[tuple[int, int, int, float, bool]] = []  # title, planned day, delivered day, hours, induction
    months = period.months()
    last_day = day_number(period.end) - 1
    for first, n_days in months:
        start = day_number(period.date_of(first))
        hires = (staff.hired >= start) & (staff.hired < start + n_days) & (staff.role == AGENT)
        k = max(1, round(preset.agents / 15 * n_days / 30))
        for j in range(k + int(hires.any())):
            induction = j == k
            planned = start + int(rng.integers(0, n_days))
            delivered = planned + int(rng.integers(0, 3)) if rng.random() < 0.92 else -1
            delivered = delivered if delivered <= last_day else -1
            hours = 8.0 if induction else float(rng.choice([1, 1.5, 2, 3, 4]))
            title = len(TRAININGS) if induction else int(rng.integers(0, len(TRAININGS)))
            sessions.append((title, planned, delivered, hours, induction))
    titles = (*TRAININGS, INDUCTION)
    s = np.array([x[:3] for x in sessions], dtype=np.int64)
    hours = np.array([x[3] for x in sessions])
    induction = np.array([x[4] for x in sessions])
    delivered = s[:, 2] >= 0
    n = len(s)
    session_rows: Rows = {
        "training_session_id": Ids("TS", np.arange(1, n + 1), 5),
        "title": Coded(s[:, 0], titles),
        "planned_date": s[:, 1],
        "delivered_date": nan_where(~delivered, s[:, 2]),
        "planned_hours": hours,
        "has_materials": nan_where(~delivered, rng.random(n) < 0.93),
        "has_sign_in_sheet": nan_where(~delivered, rng.random(n) < 0.9),
    }
    att: list[np.ndarray] = []
    for i in np.flatnonzero(delivered):
        day = s[i, 2]
        pool = _employed_agents(staff, day)
        if induction[i]:
            pool = pool[staff.hired[pool] >= day - 31]
        else:
            pool = rng.choice(pool, size=min(pool.size, int(rng.integers(5, 16))), replace=False)
        att.append(np.stack([np.full(pool.size, i), np.sort(pool)], axis=1))
    pairs = np.concatenate(att) if att else np.empty((0, 2), dtype=np.int64)
    sess, emp = pairs[:, 0], pairs[:, 1]
    m = len(sess)
    planned_h = hours[sess]
    partial = rng.random(m) < 0.12
    attended = np.where(partial, np.maximum(0.5, planned_h - 0.5 * rng.integers(1, 4, size=m)), planned_h)
    taken = induction[sess] | (rng.random(m) < 0.6)
    score = np.round(np.clip(rng.normal(76, 12, size=m) + 5 * skill[emp], 0, 100), 1)
    attendance: Rows = {
        "attendance_id": Ids("TA", np.arange(1, m + 1), 6),
        "training_session_id": Ids("TS", sess + 1, 5),
        "employee_id": employee_ids(emp),
        "attended_hours": attended,
        "assessment_taken": taken,
        "assessment_score": nan_where(~taken, score),
        "assessment_passed": nan_where(~taken, score >= 60),
    }
    month_of = (
        np.searchsorted(np.array([day_number(period.date_of(f)) for f, _ in months]), s[:, 2], side="right") - 1
    )
    hours_by_month = np.bincount(month_of[sess], weights=attended, minlength=len(months))
    sessions_by_month = np.bincount(month_of[delivered], minlength=len(months))
    return Training(session_rows, attendance, hours_by_month, sessions_by_month)


def employee_survey_rows(rng: np.random.Generator, staff: Staff, period: Period, preset: Preset) -> Rows:
    """Satisfaction pulse every few months; people about to leave are less satisfied."""
    parts: list[np.ndarray] = []
    for m, (first, n_days) in enumerate(period.months()):
        if m % preset.employee_survey_every_months:
            continue
        day = day_number(period.date_of(first)) + min(14, n_days - 1)
        who = np.flatnonzero(staff.employed_on(day))
        who = who[rng.random(who.size) < 0.65]
        leaving = (staff.terminated[who] >= 0) & (staff.terminated[who] - day < 60)
        score = np.clip(np.round(rng.normal(3.6, 0.9, size=who.size) - 0.8 * leaving), 1, 5)
        offset = rng.integers(0, 5, size=who.size) * DAY_S + OPEN_S + rng.integers(0, 12 * 3600, size=who.size)
        at = day * DAY_S - UTC_OFFSET_S + offset  # local midnight of the survey day, plus the answer time
        parts.append(np.stack([who, at, score.astype(np.int64)], axis=1))
    arr = np.concatenate(parts) if parts else np.empty((0, 3), dtype=np.int64)
    arr = arr[arr[:, 1] < period.end_s]
    return {
        "response_id": Ids("ES", np.arange(1, len(arr) + 1), 6),
        "employee_id": employee_ids(arr[:, 0]),
        "answered_at": arr[:, 1],
        "satisfaction_score": arr[:, 2],
    }


def performance_review_rows(rng: np.random.Generator, staff: Staff, period: Period, skill: np.ndarray) -> Rows:
    """Monthly supervisor reviews of agents employed all month; ratings follow the agent's skill."""
    parts: list[np.ndarray] = []
    for first, n_days in period.months():
        start = day_number(period.date_of(first))
        who = np.flatnonzero(staff.employed_on(start) & staff.employed_on(start + n_days - 1) & (staff.role == AGENT))
        parts.append(np.stack([who, np.full(who.size, start)], axis=1))
    arr = np.concatenate(parts) if parts else np.empty((0, 2), dtype=np.int64)
    emp, month = arr[:, 0], arr[:, 1]
    n = len(emp)

    def rating(weight: float) -> np.ndarray:
        return np.clip(np.round(3.4 + weight * skill[emp] + rng.normal(0, 0.8, size=n)), 1, 5)

    lead = staff.team_lead[np.maximum(staff.team[emp], 0)]
    return {
        "review_id": Ids("PV", np.arange(1, n + 1), 6),
        "employee_id": employee_ids(emp),
        "reviewer_employee_id": employee_ids(np.where(staff.team[emp] >= 0, lead, -1)),
        "review_month_date": month,
        "potential_rating": rating(0.6),
        "rule_adherence_rating": nan_where(rng.random(n) < 0.1, rating(0.4)),
        "customer_relationship_rating": nan_where(rng.random(n) < 0.1, rating(0.4)),
        "service_standard_rating": nan_where(rng.random(n) < 0.1, rating(0.5)),
    }
