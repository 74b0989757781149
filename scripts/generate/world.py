"""Everything fixed before the months run: entities, WFM plans, arrivals, and the period-level HR tables."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import behaviour, entities, feedback, hr, shifts, wfm
from .callers import inbound_calls
from .clock import DAY_S, Period, nightly_extract
from .columns import Rows, row_count
from .demand import ArrivalProfile, expected_slot_volume, sample_arrivals
from .hr import Training
from .month import World, campaign_ids
from .presets import Preset
from .streams import stream


@dataclass(frozen=True)
class Setup:
    world: World
    tables: dict[str, Rows]  # tables complete before the months run
    training: Training


def _extracted(rows: Rows, at: np.ndarray | int) -> Rows:
    return {**rows, "extracted_at": np.broadcast_to(np.asarray(at, dtype=np.int64), (row_count(rows),)).copy()}


def _queue_aht(queues: entities.Queues) -> np.ndarray:
    """Expected handle time per inbound queue from its category mix; the last queue also takes transfers."""
    handle = behaviour.mean_handle_s()
    aht = []
    for q in queues.inbound:
        weights = entities.CATEGORY_SHARE * (queues.category_queue == q)
        aht.append(np.average(handle, weights=weights) if weights.any() else handle.mean())
    return np.array(aht)


def build_setup(preset: Preset, seed: int, profile: ArrivalProfile) -> Setup:
    period = Period(preset.start, preset.days)
    final = period.final_export_s
    phone_agents = entities.split_agents(preset)[0]
    queues = entities.build_queues(phone_agents)
    queue_aht = _queue_aht(queues)
    weekday_calls, per_queue = wfm.calibrate(profile, period, queues, phone_agents, preset.load, queue_aht)
    staff = entities.build_staff(stream(seed, "staff"), preset, period, queues, per_queue, shifts.PART_TIME_P)
    customers, customer_rows = entities.build_customers(stream(seed, "customers"), preset, period)
    expected = expected_slot_volume(profile, period, weekday_calls)
    expected_q = wfm.expected_queue_arrivals(expected, queues)
    fc = wfm.forecast(stream(seed, "forecast"), expected_q, queue_aht)
    roster = shifts.build_roster(stream(seed, "roster"), staff, period, queues, wfm.requirement(fc), expected)
    arrivals = sample_arrivals(stream(seed, "arrivals"), expected, period)
    calls = inbound_calls(stream(seed, "callers"), arrivals, queues, customers)
    skill = stream(seed, "skill").normal(0, 1, size=len(staff))
    world = World(
        seed=seed,
        period=period,
        profile=profile,
        weekday_calls=weekday_calls,
        queues=queues,
        staff=staff,
        skill=skill,
        customers=customers,
        calls=calls,
        windows=roster.windows,
        fixed_states=roster.fixed_states,
        campaigns=campaign_ids(period),
    )
    rng = stream(seed, "hr")
    training = hr.training(rng, staff, period, preset, skill)
    forecasts = wfm.forecast_rows(fc, queues, period)
    surveys = hr.employee_survey_rows(rng, staff, period, preset)
    tables = {
        "queues": _extracted(entities.queue_rows(queues, entities.SITES[0]), final),
        "teams": _extracted(entities.team_rows(staff, queues), final),
        "employees": _extracted(entities.employee_rows(stream(seed, "employees"), staff), final),
        "customers": _extracted(customer_rows, final),
        "service_goals": _extracted(wfm.service_goal_rows(queues, period), final),
        # plans are in the nightly extract that precedes their day (02:00, before opening)
        "interval_forecasts": _extracted(forecasts, nightly_extract(forecasts["interval_start_at"] - DAY_S, period)),
        "schedules": _extracted(roster.schedule, nightly_extract(roster.schedule["started_at"] - DAY_S, period)),
        "promotions": _extracted(hr.promotion_rows(rng, staff, period, preset), final),
        "performance_reviews": _extracted(hr.performance_review_rows(rng, staff, period, skill), final),
        "training_sessions": _extracted(training.sessions, final),
        "training_attendance": _extracted(training.attendance, final),
        "employee_surveys": _extracted(surveys, nightly_extract(surveys["answered_at"], period)),
        "survey_plans": feedback.survey_plan_rows(rng, period),
    }
    return Setup(world=world, tables=tables, training=training)
