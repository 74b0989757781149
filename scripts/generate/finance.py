"""Finance: monthly cost ledger with budgets, revenue attributed to the centre, and sales plans."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .clock import Period, day_number
from .columns import Coded, Rows, nan_where
from .entities import Staff

COST_TYPES = ("people", "systems", "telecom", "premises", "training", "other")
REVENUE_TYPES = (
    "company_total",
    "assisted_marketing",
    "active_marketing",
    "existing_customer_sales",
    "new_customer_sales",
)
PLAN_TYPES = ("existing_customer_sales", "new_customer_sales")
MONTHLY_SALARY = np.array([8_500, 13_000, 11_000, 11_500, 22_000])  # by role: agent, team_lead, qa, trainer, manager
ON_COST = 1.35


@dataclass(frozen=True)
class MonthStats:
    """What finance needs from a simulated month."""

    call_minutes: float
    assisted_sales: float
    active_sales: float
    existing_customer_sales: float
    new_customer_sales: float
    transactions_total: float


def _ids(prefix: str, months: list[str], kinds: tuple[str, ...]) -> np.ndarray:
    return np.array([f"{prefix}-{m}-{k.upper()}" for m in months for k in kinds], dtype=object)


def cost_rows(
    rng: np.random.Generator,
    staff: Staff,
    period: Period,
    stats: list[MonthStats],
    training_hours: np.ndarray,
    training_sessions: np.ndarray,
) -> Rows:
    months = period.months()
    actual = np.zeros((len(months), len(COST_TYPES)))
    for m, (first, n_days) in enumerate(months):
        days = day_number(period.date_of(first)) + np.arange(n_days)
        employed = np.stack([staff.employed_on(d) for d in days]).mean(axis=0)
        share = n_days / 30.4
        people = (employed * MONTHLY_SALARY[staff.role]).sum() * ON_COST * share
        seats = employed.sum()
        actual[m, :5] = [
            people,
            (seats * 650 + 30_000) * share,
            stats[m].call_minutes * 0.08 + 8_000 * share,
            seats * 900 * share,
            training_hours[m] * 120 + training_sessions[m] * 1_500,
        ]
        actual[m, 5] = 0.03 * actual[m, :5].sum()
    budget = actual * rng.uniform(0.92, 1.08, size=actual.shape)
    budget[:, 0] = actual[:, 0] * rng.uniform(0.96, 1.05, size=len(months))
    no_budget = np.zeros(actual.shape, bool)
    no_budget[:, 5] = rng.random(len(months)) < 0.5  # 'other' is not always budgeted
    tags = [d.strftime("%Y%m") for d in period.month_starts()]
    n = actual.size
    return {
        "ledger_entry_id": _ids("LE", tags, COST_TYPES),
        "month_date": np.repeat([day_number(d) for d in period.month_starts()], len(COST_TYPES)),
        "cost_type": Coded(np.tile(np.arange(len(COST_TYPES)), len(months)), COST_TYPES),
        "actual_amount": np.round(actual.ravel(), 2),
        "budget_amount": nan_where(no_budget.ravel(), np.round(budget.ravel(), 2)),
        "currency": np.full(n, "CNY", dtype=object),
    }


def revenue_rows(period: Period, stats: list[MonthStats]) -> Rows:
    values = np.array(
        [
            [
                s.transactions_total * 6 + 2_000_000,
                s.assisted_sales,
                s.active_sales,
                s.existing_customer_sales,
                s.new_customer_sales,
            ]
            for s in stats
        ]
    )
    tags = [d.strftime("%Y%m") for d in period.month_starts()]
    return {
        "revenue_entry_id": _ids("RV", tags, REVENUE_TYPES),
        "month_date": np.repeat([day_number(d) for d in period.month_starts()], len(REVENUE_TYPES)),
        "revenue_type": Coded(np.tile(np.arange(len(REVENUE_TYPES)), len(stats)), REVENUE_TYPES),
        "amount": np.round(values.ravel(), 2),
        "currency": np.full(values.size, "CNY", dtype=object),
    }


def sales_plan_rows(rng: np.random.Generator, period: Period, stats: list[MonthStats]) -> Rows:
    """Plans set ahead of each month: near what was then achieved, sometimes missed, sometimes beaten."""
    actual = np.array([[s.existing_customer_sales, s.new_customer_sales] for s in stats])
    planned = np.round(actual * rng.uniform(0.85, 1.2, size=actual.shape), -2)
    tags = [d.strftime("%Y%m") for d in period.month_starts()]
    return {
        "sales_plan_id": _ids("SPN", tags, PLAN_TYPES),
        "month_date": np.repeat([day_number(d) for d in period.month_starts()], len(PLAN_TYPES)),
        "plan_type": Coded(np.tile(np.arange(len(PLAN_TYPES)), len(stats)), PLAN_TYPES),
        "planned_amount": np.maximum(planned.ravel(), 100.0),
        "currency": np.full(planned.size, "CNY", dtype=object),
    }
