"""Workforce management: service goals, interval forecasts, rostered shifts with activities, and adherence."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import behaviour
from .clock import DAY_S, OPEN_S, UTC_OFFSET_S, Period, day_number
from .columns import Coded, Ids, Rows, nan_where
from .demand import SLOTS, ArrivalProfile, expected_slot_volume
from .entities import CATEGORY_SHARE, Queues, Staff
from .erlang import required_agents

INTERVAL_S = 1800
INTERVALS = SLOTS * 300 // INTERVAL_S  # 28 half-hours from 08:00
SLOTS_PER_INTERVAL = INTERVAL_S // 300
SHIFT_MIN = 510  # 8.5 h including breaks and lunch
SHIFT_STARTS_MIN = np.arange(0, 12) * 30  # 08:00 .. 13:30 (the last shift ends at 22:00)
OUTBOUND_STARTS_MIN = np.arange(2, 8) * 30  # 09:00 .. 11:30
ACTIVITIES = ("open_work", "break", "lunch", "training", "meeting", "coaching")
AGENT_STATES = ("ready", "on_contact", "after_call_work", "hold", "break", "training", "meeting", "offline")
# Non-work blocks of a normal shift in order: activity, base start (min from shift start), length, probability.
# Offsets keep at least 15 minutes of open work between blocks whatever the stagger.
BLOCKS = (("break", 120, 15, 1.0), ("meeting", 165, 30, 0.06), ("lunch", 240, 45, 1.0),
          ("training", 315, 60, 0.08), ("break", 405, 15, 1.0), ("coaching", 450, 30, 0.04))
BASE_OPEN_MIN = ((0, 120), (135, 240), (285, 405), (420, 510))
NEW_HIRE_TRAINING_SHIFTS = 5
ABSENCE_P = 0.03


@dataclass(frozen=True)
class Forecast:
    calls: np.ndarray  # (inbound queues, days, INTERVALS)
    aht_s: np.ndarray  # (inbound queues, days, INTERVALS)


@dataclass(frozen=True)
class Windows:
    """Open-work windows of attended shifts as actually worked before call overruns, sorted by agent and start."""

    agent: np.ndarray
    queue: np.ndarray
    day: np.ndarray
    start: np.ndarray
    end: np.ndarray
    gap_state: np.ndarray  # agent state of the gap after the window; -1 after the shift's last window
    offline_until: np.ndarray  # last window of a shift: next log-in (or employment/period end); else -1

    def __len__(self) -> int:
        return len(self.agent)

    def select(self, mask: np.ndarray) -> Windows:
        return Windows(*(getattr(self, f)[mask] for f in self.__dataclass_fields__))


@dataclass(frozen=True)
class StateRows:
    agent: np.ndarray
    state: np.ndarray
    start: np.ndarray
    end: np.ndarray


@dataclass(frozen=True)
class Roster:
    schedule: Rows
    windows: Windows
    fixed_states: StateRows  # new-hire training days, which involve no contact handling


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
    """Erlang C agents needed per inbound queue, day and interval, grossed up for the chance of absence."""
    need = required_agents(fc.calls.ravel(), fc.aht_s.ravel(), INTERVAL_S, target, threshold_s)
    return need.reshape(fc.calls.shape).astype(float)


def open_hours_per_shift() -> float:
    return sum(b - a for a, b in BASE_OPEN_MIN) / 60 - sum(b[2] * b[3] for b in BLOCKS if b[3] < 1) / 60


def required_hours(profile: ArrivalProfile, period: Period, queues: Queues, weekday_calls: float,
                   queue_aht_s: np.ndarray) -> np.ndarray:
    """Agent-hours per inbound queue that the expected volume needs for 80/20 (Erlang C per half-hour)."""
    expected_q = expected_queue_arrivals(expected_slot_volume(profile, period, weekday_calls), queues)
    calls = expected_q.reshape(*expected_q.shape[:2], INTERVALS, SLOTS_PER_INTERVAL).sum(axis=3)
    need = required_agents(calls.ravel(), np.repeat(queue_aht_s, calls[0].size), INTERVAL_S, 0.8, 20.0)
    return need.reshape(calls.shape).sum(axis=(1, 2)) * INTERVAL_S / 3600


def calibrate(profile: ArrivalProfile, period: Period, queues: Queues, phone_agents: int, load: float,
              queue_aht_s: np.ndarray) -> tuple[float, np.ndarray]:
    """(weekday inbound calls, phone agents per inbound queue) such that the rostered open-work hours of the
    phone agents meet the Erlang C requirement times load, with agents split by each queue's requirement."""
    supply = phone_agents * period.days * 5 / 7 * open_hours_per_shift() * (1 - ABSENCE_P)
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


def _coverage(starts_min: np.ndarray) -> np.ndarray:
    """(start options, INTERVALS) share of each interval covered by the base template's open work."""
    cov = np.zeros((len(starts_min), INTERVALS))
    edges = np.arange(INTERVALS + 1) * 30
    for k, s in enumerate(starts_min):
        for a, b in BASE_OPEN_MIN:
            lo = np.clip(s + a, edges[:-1], edges[1:])
            hi = np.clip(s + b, edges[:-1], edges[1:])
            cov[k] += (hi - lo) / 30
    return cov


def place_starts(rng: np.random.Generator, n: int, demand: np.ndarray, starts_min: np.ndarray) -> np.ndarray:
    """Greedy shift start times (minutes after 08:00) so that open-work coverage follows the demand curve."""
    cov = _coverage(starts_min)
    have = np.zeros(INTERVALS)
    out = np.empty(n, dtype=int)
    for j in range(n):
        # cover unmet demand first; once it is all met, spread the rest in proportion to demand
        score = cov @ np.maximum(demand - have, 0) + 1e-3 * (cov @ (demand / (have + 1)))
        score += rng.random(len(starts_min)) * 1e-9
        k = int(np.argmax(score))
        out[j] = starts_min[k]
        have += cov[k]
    return out


def _day_weights(queues: Queues, group: int, req: np.ndarray, digital_daily: np.ndarray,
                 weekdays: np.ndarray) -> np.ndarray:
    kind = queues.defs[group].kind
    if kind == "inbound":
        return np.maximum(req[queues.inbound.index(group)].sum(axis=1), 1e-6)
    if kind == "outbound":
        return np.select([weekdays < 5, weekdays == 5], [1.0, 0.6], 1e-6)  # no outbound dialling on Sundays
    return np.maximum(digital_daily, 1e-6)


def roster_days(rng: np.random.Generator, staff: Staff, period: Period, agents: np.ndarray,
                weights: np.ndarray) -> list[np.ndarray]:
    """Agents working each day: about five days a week each, more of them on heavier days (cyclic fill)."""
    first_day = day_number(period.start)
    week = (np.arange(period.days) + period.start.weekday()) // 7
    out: list[np.ndarray] = [np.empty(0, dtype=int)] * period.days
    for w in np.unique(week):
        days = np.flatnonzero(week == w)
        order = rng.permutation(agents)
        n_per_day = np.minimum(len(agents), np.round(len(agents) * 5 / 7 * weights[days] / weights[days].mean()))
        cursor = 0
        for d, k in zip(days, n_per_day.astype(int), strict=True):
            chosen = order[(cursor + np.arange(k)) % len(order)] if len(order) else order
            cursor += k
            out[d] = np.sort(chosen[staff.employed_on(first_day + d)[chosen]])
    return out


def build_roster(rng: np.random.Generator, staff: Staff, period: Period, queues: Queues, req: np.ndarray,
                 expected_inbound: np.ndarray, profile: ArrivalProfile) -> Roster:
    weekdays = period.weekdays()
    digital_daily = expected_inbound.sum(axis=1)
    digital_curve = expected_inbound.reshape(period.days, INTERVALS, SLOTS_PER_INTERVAL).sum(axis=2)
    digital_queues = [queues.index(k) for k in ("chat", "email", "chat", "social")]
    shifts: list[tuple[np.ndarray, ...]] = []  # (agent, queue, day, start_min, training_only)
    shifts_done = np.zeros(len(staff), dtype=int)
    hired_in_period = staff.hired >= day_number(period.start)
    for group in sorted(set(staff.group[staff.group >= 0].tolist())):
        agents = np.flatnonzero(staff.group == group)
        weights = _day_weights(queues, group, req, digital_daily, weekdays)
        kind = queues.defs[group].kind
        starts = OUTBOUND_STARTS_MIN if kind == "outbound" else SHIFT_STARTS_MIN
        for d, on in enumerate(roster_days(rng, staff, period, agents, weights)):
            trainee = hired_in_period[on] & (shifts_done[on] < NEW_HIRE_TRAINING_SHIFTS)
            shifts_done[on] += 1
            working = on[~trainee]
            if kind == "inbound":
                demand = req[queues.inbound.index(group), d]
            elif kind == "outbound":
                demand = np.ones(INTERVALS)
            else:
                demand = digital_curve[d]
            start_min = place_starts(rng, len(working), demand, starts)
            queue = np.full(len(working), group)
            if kind == "chat":
                queue = np.array(digital_queues)[np.argsort(np.argsort(start_min, kind="stable")) % 4]
            shifts.append((working, queue, np.full(len(working), d), start_min, np.zeros(len(working), bool)))
            t = on[trainee]
            shifts.append((t, np.full(len(t), -1), np.full(len(t), d), np.full(len(t), 60), np.ones(len(t), bool)))
    agent, queue, day, start_min, training_only = (np.concatenate(c) for c in zip(*shifts, strict=True))
    order = np.lexsort((start_min, day, agent))
    agent, queue, day, start_min, training_only = (
        a[order] for a in (agent, queue, day, start_min, training_only))
    shift_start = period.start_s + day * DAY_S + OPEN_S + start_min * 60
    absent = (~training_only) & (rng.random(len(agent)) < ABSENCE_P)
    return _activities(rng, staff, period, queues, agent, queue, day, shift_start, training_only, absent)


def _activities(rng, staff, period, queues, agent, queue, day, shift_start, training_only, absent) -> Roster:
    n = len(agent)
    n_blocks = len(BLOCKS)
    stagger = np.stack([rng.choice([-15, 0, 15], size=n), rng.choice([-15, 0, 15], size=n),
                        rng.choice([0, 15], size=n)], axis=1)
    which_stagger = np.array([0, 0, 1, 1, 2, 2])
    block_start = np.array([b[1] for b in BLOCKS])[None] + stagger[:, which_stagger]
    block_len = np.broadcast_to(np.array([b[2] for b in BLOCKS]), (n, n_blocks))
    present = rng.random((n, n_blocks)) < np.array([b[3] for b in BLOCKS])[None]
    present &= ~training_only[:, None]
    block_act = np.array([ACTIVITIES.index(b[0]) for b in BLOCKS])
    # Flatten present blocks; the open-work window before each block runs from the previous block's end.
    s_idx, b_idx = np.nonzero(present)
    b_start = block_start[s_idx, b_idx]
    b_end = b_start + block_len[s_idx, b_idx]
    first_in_shift = np.r_[True, s_idx[1:] != s_idx[:-1]]
    prev_end = np.where(first_in_shift, 0, np.r_[0, b_end[:-1]])
    last_in_shift = np.r_[s_idx[1:] != s_idx[:-1], True]
    # open windows: before each block, plus one after the last block of each shift
    w_shift = np.concatenate([s_idx, s_idx[last_in_shift]])
    w_start = np.concatenate([prev_end, b_end[last_in_shift]])
    w_end = np.concatenate([b_start, np.full(last_in_shift.sum(), SHIFT_MIN)])
    w_gap = np.concatenate([block_act[b_idx], np.full(last_in_shift.sum(), -1)])
    # new-hire training days: training 09:00-12:00, lunch 12:00-13:00, training 13:00-17:30
    t_idx = np.flatnonzero(training_only)
    t_blocks = np.array([[0, 180, 3], [180, 240, 2], [240, 510, 3]])
    t_shift = np.repeat(t_idx, 3)
    t_rel = np.tile(t_blocks, (len(t_idx), 1))
    act_shift = np.concatenate([w_shift, s_idx, t_shift])
    act_start = np.concatenate([w_start, b_start, t_rel[:, 0]]) * 60 + shift_start[act_shift]
    act_end = np.concatenate([w_end, b_end, t_rel[:, 1]]) * 60 + shift_start[act_shift]
    act_code = np.concatenate([np.zeros(len(w_shift), int), block_act[b_idx], t_rel[:, 2]])
    order = np.lexsort((act_start, act_shift))
    act_shift, act_start, act_end, act_code = (a[order] for a in (act_shift, act_start, act_end, act_code))
    schedule: Rows = {
        "schedule_activity_id": Ids("SA", np.arange(1, len(order) + 1), 9),
        "shift_id": Ids("SH", act_shift + 1, 8),
        "agent_id": Ids("A", agent[act_shift] + 1, 5),
        "activity": Coded(act_code, ACTIVITIES),
        "queue_id": Coded(np.where(act_code == 0, queue[act_shift], -1), queues.ids),
        "started_at": act_start,
        "ended_at": act_end,
    }
    windows, offline_until = _adherence(rng, staff, period, agent, queue, day, shift_start, training_only, absent,
                                        w_shift, w_start, w_end, w_gap)
    fixed = _training_day_states(agent[t_idx], shift_start[t_idx], offline_until[t_idx], t_blocks)
    return Roster(schedule=schedule, windows=windows, fixed_states=fixed)


def _state_of_activity(code: np.ndarray) -> np.ndarray:
    names = np.array(ACTIVITIES)[np.maximum(code, 0)]
    mapped = np.select([names == "training", np.isin(names, ("meeting", "coaching"))],
                       [AGENT_STATES.index("training"), AGENT_STATES.index("meeting")], AGENT_STATES.index("break"))
    return np.where(code < 0, -1, mapped)


def _adherence(rng, staff, period, agent, queue, day, shift_start, training_only, absent, w_shift, w_start_min,
               w_end_min, w_gap) -> tuple[Windows, np.ndarray]:
    """Actual open windows: late log-ins, late returns from breaks, early log-outs; absent shifts have none."""
    order = np.lexsort((w_start_min, w_shift))
    w_shift, w_start_min, w_end_min, w_gap = (a[order] for a in (w_shift, w_start_min, w_end_min, w_gap))
    keep = ~absent[w_shift]
    w_shift, w_start_min, w_end_min, w_gap = (a[keep] for a in (w_shift, w_start_min, w_end_min, w_gap))
    start = shift_start[w_shift] + w_start_min * 60
    end = shift_start[w_shift] + w_end_min * 60
    n = len(start)
    first = np.r_[True, w_shift[1:] != w_shift[:-1]]
    last = np.r_[w_shift[1:] != w_shift[:-1], True]
    late_login = np.where(rng.random(n) < 0.12, rng.integers(60, 900, size=n), rng.integers(-120, 30, size=n))
    late_return = np.where(rng.random(n) < 0.15, rng.integers(30, 360, size=n), rng.integers(0, 20, size=n))
    early_logout = np.where(rng.random(n) < 0.08, rng.integers(60, 1200, size=n), rng.integers(-60, 60, size=n))
    start = start + np.where(first, late_login, late_return)
    end = end - np.where(last, early_logout, 0)
    start = np.minimum(start, end - 60)
    # log-in of each attended shift, to close the previous shift's offline interval
    attended = np.flatnonzero(~absent)
    login = np.full(len(agent), -1, dtype=np.int64)
    login[w_shift[first]] = start[first]
    login[training_only] = shift_start[training_only]
    nxt = np.full(len(agent), -1, dtype=np.int64)
    same_agent_next = agent[attended][1:] == agent[attended][:-1]
    nxt[attended[:-1][same_agent_next]] = login[attended[1:][same_agent_next]]
    employment_end = np.where(staff.terminated[agent] >= 0, (staff.terminated[agent] + 1) * DAY_S - UTC_OFFSET_S,
                              period.end_s)
    offline_until = np.where(nxt >= 0, nxt, np.minimum(employment_end, period.end_s))
    windows = Windows(
        agent=agent[w_shift], queue=queue[w_shift], day=day[w_shift], start=start, end=end,
        gap_state=_state_of_activity(w_gap), offline_until=np.where(last, offline_until[w_shift], -1),
    )
    return windows, offline_until


def _training_day_states(agent, shift_start, offline_until, t_blocks) -> StateRows:
    """States of new-hire training days: training, lunch break, training, then offline until the next log-in."""
    starts = shift_start[:, None] + t_blocks[None, :, 0] * 60
    ends = shift_start[:, None] + t_blocks[None, :, 1] * 60
    states = np.broadcast_to(_state_of_activity(t_blocks[:, 2])[None], starts.shape)
    off_start = ends[:, -1]
    ok = offline_until > off_start
    return StateRows(
        agent=np.concatenate([np.repeat(agent, len(t_blocks)), agent[ok]]),
        state=np.concatenate([states.ravel(), np.full(ok.sum(), AGENT_STATES.index("offline"))]),
        start=np.concatenate([starts.ravel(), off_start[ok]]),
        end=np.concatenate([ends.ravel(), offline_until[ok]]),
    )
