"""Workforce management planning: service goals, interval forecasts, Erlang C requirement, volume calibration."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import behaviour
from .clock import DAY_S, OPEN_S, Period, day_number
from .columns import Coded, Rows, nan_where
from .demand import INTERVAL_S, INTERVALS, SLOTS_PER_INTERVAL, ArrivalProfile, expected_slot_volume
from .entities import CATEGORY_SHARE, Queues
from .erlang import required_agents
from .shifts import ABSENCE_P, mean_open_hours


@dataclass(frozen=True)
class Forecast:
    calls: np.ndarray  # (inbound queues, days, INTERVALS)
    aht_s: np.ndarray  # (inbound queues, days, INTERVALS)


def expected_queue_arrivals(expected_inbound: np.ndarray, queues: Queues) -> np.ndarray:
    """(inbound queues, days, SLOTS) expected arrivals entering each queue, transfers from upstream included."""
    n_q = len(queues.inbound)
    share = np.zeros(n_q)
    np.add.at(share, queues.category_queue, CATEGORY_SHARE)
    direct = share[:, None, None] * expected_inbound[None] * behaviour.IVR_P[1]
    out = direct.copy()
    for q in range(n_q - 1):
        downstream = np.arange(q + 1, n_q)
        weights = transfer_weights(q, n_q)
        flow = out[q] * behaviour.ANSWER_P_PLANNING * behaviour.TRANSFER_P
        out[downstream] += weights[:, None, None] * flow[None]
    return out


def transfer_weights(q: int, n_q: int) -> np.ndarray:
    """Where transfers out of queue q go: mostly the last (specialist) queue, some to the queues in between."""
    k = n_q - q - 1
    w = np.full(k, 0.4 / max(1, k - 1)) if k > 1 else np.ones(1)
    if k > 1:
        w[-1] = 0.6
    return w / w.sum()


def forecast(rng: np.random.Generator, expected_q: np.ndarray, queue_aht_s: np.ndarray) -> Forecast:
    """Planner's interval forecast: the expected volume with forecast error, AHT with a small error."""
    n_q, days, _ = expected_q.shape
    per_interval = expected_q.reshape(n_q, days, INTERVALS, SLOTS_PER_INTERVAL).sum(axis=3)
    calls = np.round(per_interval * rng.lognormal(0, 0.08, size=per_interval.shape), 1)
    aht = np.round(queue_aht_s[:, None, None] * rng.lognormal(0, 0.04, size=per_interval.shape), 1)
    return Forecast(calls=calls, aht_s=aht)


def forecast_rows(fc: Forecast, queues: Queues, period: Period) -> Rows:
    n_q, days, n_i = fc.calls.shape
    q, d, i = (a.ravel() for a in np.meshgrid(np.arange(n_q), np.arange(days), np.arange(n_i), indexing="ij"))
    return {
        "queue_id": Coded(np.array(queues.inbound)[q], queues.ids),
        "interval_start_at": period.start_s + d * DAY_S + OPEN_S + i * INTERVAL_S,
        "interval_minutes": np.full(q.size, INTERVAL_S // 60),
        "forecast_contacts": fc.calls.ravel(),
        "forecast_aht_seconds": fc.aht_s.ravel(),
    }


def service_goal_rows(queues: Queues, period: Period) -> Rows:
    """80/20 on phone queues; chat 80/30; e-mail 90 % in 24 h; social 80 % in 1 h. Long periods see the
    specialist queue's goal tightened half-way, so goals have validity periods."""
    start = day_number(period.start)
    goals: list[tuple[int, int, float, float, int]] = []
    for qi, q in enumerate(queues.defs):
        if q.kind == "inbound" and q.skill == "specialist" and period.days >= 180:
            mid = start + period.days // 2
            goals += [(qi, start, mid - 1, 0.75, 30), (qi, mid, -1, 0.8, 20)]
        elif q.kind == "inbound":
            goals.append((qi, start, -1, 0.8, 20))
        elif q.kind in ("chat", "email", "social"):
            target, seconds = {"chat": (0.8, 30), "email": (0.9, 86_400), "social": (0.8, 3_600)}[q.kind]
            goals.append((qi, start, -1, target, seconds))
    g = np.array(goals, dtype=float)
    return {
        "queue_id": Coded(g[:, 0].astype(int), queues.ids),
        "valid_from_date": g[:, 1].astype(int),
        "valid_to_date": nan_where(g[:, 2] < 0, g[:, 2]),
        "service_level_target": g[:, 3],
        "answer_within_seconds": g[:, 4].astype(int),
    }


def requirement(fc: Forecast, target: float = 0.8, threshold_s: float = 20.0) -> np.ndarray:
    """Erlang C agents needed per inbound queue, day and interval."""
    need = required_agents(fc.calls.ravel(), fc.aht_s.ravel(), INTERVAL_S, target, threshold_s)
    return need.reshape(fc.calls.shape).astype(float)


def required_hours(
    profile: ArrivalProfile, period: Period, queues: Queues, weekday_calls: float, queue_aht_s: np.ndarray
) -> np.ndarray:
    """Agent-hours per inbound queue that the expected volume needs for 80/20 (Erlang C per half-hour)."""
    expected_q = expected_queue_arrivals(expected_slot_volume(profile, period, weekday_calls), queues)
    calls = expected_q.reshape(*expected_q.shape[:2], INTERVALS, SLOTS_PER_INTERVAL).sum(axis=3)
    need = required_agents(calls.ravel(), np.repeat(queue_aht_s, calls[0].size), INTERVAL_S, 0.8, 20.0)
    return need.reshape(calls.shape).sum(axis=(1, 2)) * INTERVAL_S / 3600


def calibrate(
    profile: ArrivalProfile, period: Period, queues: Queues, phone_agents: int, load: float, queue_aht_s: np.ndarray
) -> tuple[float, np.ndarray]:
    """(weekday inbound calls, phone agents per inbound queue) such that the rostered open-work hours of the
    phone agents meet the Erlang C requirement times load, with agents split by each queue's requirement."""
    supply = phone_agents * period.days * 5 / 7 * mean_open_hours() * (1 - ABSENCE_P)
    lo, hi = 0.0, 200.0 * phone_agents
    for _ in range(30):
        mid = (lo + hi) / 2
        if required_hours(profile, period, queues, mid, queue_aht_s).sum() < supply * load:
            lo = mid
        else:
            hi = mid
    share = required_hours(profile, period, queues, lo, queue_aht_s)
    per_queue = np.maximum(2, np.floor(share / share.sum() * phone_agents)).astype(int)
    per_queue[np.argmax(share)] += phone_agents - per_queue.sum()
    return lo, per_queue
