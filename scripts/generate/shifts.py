"""Rostering: who works which day, shift start times that follow demand, the shift's activities, and how the
shifts were actually worked (absence, late log-ins, late returns from breaks, early log-outs)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from .clock import DAY_S, OPEN_S, UTC_OFFSET_S, Period, day_number
from .columns import Coded, Ids, Rows
from .demand import INTERVALS
from .entities import Queues, Staff

ACTIVITIES = ("open_work", "break", "lunch", "training", "meeting", "coaching")
AGENT_STATES = ("ready", "on_contact", "after_call_work", "hold", "break", "training", "meeting", "offline")
NEW_HIRE_TRAINING_SHIFTS = 5
ABSENCE_P = 0.03
PART_TIME_P = 0.3  # share of inbound phone agents on 5-hour shifts, which cover peaks and evenings


@dataclass(frozen=True)
class Block:
    """A non-work block of a shift: minutes from the shift start, chance it is planned, stagger group."""

    activity: str
    start: int
    length: int
    p: float
    group: int


@dataclass(frozen=True)
class Template:
    length: int
    blocks: tuple[Block, ...]  # in time order; staggers keep >= 15 minutes of open work between blocks
    staggers: tuple[tuple[int, ...], ...]  # minute offsets per stagger group
    starts_min: tuple[int, ...]  # allowed starts, minutes after 08:00

    def open_minutes(self) -> tuple[tuple[int, int], ...]:
        """Open-work stretches of the template with only its certain blocks and no stagger."""
        edges, out = 0, []
        for b in self.blocks:
            if b.p >= 1:
                out.append((edges, b.start))
                edges = b.start + b.length
        return (*out, (edges, self.length))

    def mean_open_hours(self) -> float:
        return (sum(b - a for a, b in self.open_minutes()) - sum(b.length * b.p for b in self.blocks if b.p < 1)) / 60


FULL = Template(
    length=510,
    blocks=(
        Block("break", 120, 15, 1.0, 0),
        Block("meeting", 165, 30, 0.06, 0),
        Block("lunch", 240, 45, 1.0, 1),
        Block("training", 315, 60, 0.08, 1),
        Block("break", 405, 15, 1.0, 2),
        Block("coaching", 450, 30, 0.04, 2),
    ),
    staggers=((-15, 0, 15), (-15, 0, 15), (0, 15)),
    starts_min=tuple(range(0, 331, 30)),  # 08:00 .. 13:30, ending by 22:00
)
PART = Template(
    length=300,
    blocks=(Block("break", 135, 15, 1.0, 0), Block("coaching", 195, 30, 0.04, 0)),
    staggers=((-15, 0, 15),),
    starts_min=tuple(range(0, 541, 30)),  # 08:00 .. 17:00
)
OUTBOUND = Template(FULL.length, FULL.blocks, FULL.staggers, tuple(range(60, 211, 30)))  # 09:00 .. 11:30
TEMPLATES = (FULL, PART, OUTBOUND)
TRAINING_DAY = ((0, 180, "training"), (180, 240, "lunch"), (240, 510, "training"))  # new hires, from 09:00


def mean_open_hours() -> float:
    """Expected open-work hours of an inbound phone agent's shift (full- and part-timers mixed)."""
    return (1 - PART_TIME_P) * FULL.mean_open_hours() + PART_TIME_P * PART.mean_open_hours()


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


@cache
def _coverage(template: Template) -> np.ndarray:
    """(start options, INTERVALS) share of each half-hour covered by the template's open work."""
    cov = np.zeros((len(template.starts_min), INTERVALS))
    edges = np.arange(INTERVALS + 1) * 30
    for k, s in enumerate(template.starts_min):
        for a, b in template.open_minutes():
            cov[k] += (np.clip(s + b, edges[:-1], edges[1:]) - np.clip(s + a, edges[:-1], edges[1:])) / 30
    return cov


def place_starts(rng: np.random.Generator, templates: list[Template], demand: np.ndarray) -> np.ndarray:
    """Greedy start minute per shift (in the given order) so that open-work coverage follows the demand curve."""
    have = np.zeros(INTERVALS)
    out = np.empty(len(templates), dtype=int)
    for j, t in enumerate(templates):
        cov = _coverage(t)
        # cover unmet demand first; once it is all met, spread the rest in proportion to demand
        score = cov @ np.maximum(demand - have, 0) + 1e-3 * (cov @ (demand / (have + 1)))
        k = int(np.argmax(score + rng.random(len(score)) * 1e-9))
        out[j] = t.starts_min[k]
        have += cov[k]
    return out


def roster_days(
    rng: np.random.Generator, staff: Staff, period: Period, agents: np.ndarray, weights: np.ndarray
) -> list[np.ndarray]:
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


def build_roster(
    rng: np.random.Generator,
    staff: Staff,
    period: Period,
    queues: Queues,
    req: np.ndarray,
    expected_inbound: np.ndarray,
) -> Roster:
    """Shifts for every agent group: inbound queues follow their Erlang C requirement, digital agents the
    contact curve (rotating over chat, e-mail and social), outbound agents dial in the daytime."""
    weekdays = period.weekdays()
    digital_curve = expected_inbound.reshape(period.days, INTERVALS, -1).sum(axis=2)
    digital_queues = np.array([queues.index(k) for k in ("chat", "email", "chat", "social")])
    shifts: list[tuple[np.ndarray, ...]] = []  # agent, queue, day, start minute, template index
    shifts_done = np.zeros(len(staff), dtype=int)
    hired_in_period = staff.hired >= day_number(period.start)
    for group in sorted(set(staff.group[staff.group >= 0].tolist())):
        agents = np.flatnonzero(staff.group == group)
        kind = queues.defs[group].kind
        if kind == "inbound":
            demand = req[queues.inbound.index(group)]
        elif kind == "outbound":
            demand = (
                np.ones((period.days, INTERVALS))
                * np.select([weekdays < 5, weekdays == 5], [1.0, 0.6], 1e-6)[:, None]
            )  # no outbound dialling on Sundays
        else:
            demand = digital_curve
        for d, on in enumerate(roster_days(rng, staff, period, agents, np.maximum(demand.sum(axis=1), 1e-6))):
            trainee = hired_in_period[on] & (shifts_done[on] < NEW_HIRE_TRAINING_SHIFTS)
            shifts_done[on] += 1
            working = on[~trainee]
            part = staff.part_time[working]
            working = np.concatenate([working[~part], working[part]])  # full-timers are placed first
            kinds = np.where(staff.part_time[working], 1, 2 if kind == "outbound" else 0)
            start_min = place_starts(rng, [TEMPLATES[k] for k in kinds], demand[d])
            queue = np.full(len(working), group)
            if kind == "chat":  # digital agents rotate over their queues, in order of start time
                queue = digital_queues[np.argsort(np.argsort(start_min, kind="stable")) % len(digital_queues)]
            shifts.append((working, queue, np.full(len(working), d), start_min, kinds))
            t = on[trainee]
            shifts.append((t, np.full(len(t), -1), np.full(len(t), d), np.full(len(t), 60), np.full(len(t), -1)))
    agent, queue, day, start_min, template = (np.concatenate(c) for c in zip(*shifts, strict=True))
    order = np.lexsort((start_min, day, agent))
    agent, queue, day, start_min, template = (a[order] for a in (agent, queue, day, start_min, template))
    shift_start = period.start_s + day * DAY_S + OPEN_S + start_min * 60
    absent = (template >= 0) & (rng.random(len(agent)) < ABSENCE_P)
    return _activities(rng, staff, period, queues, agent, queue, day, shift_start, template, absent)


def _blocks(rng: np.random.Generator, template: Template, shifts: np.ndarray):
    """Planned non-work blocks of the given shifts: (shift, activity code, start min, end min), in time order."""
    n = len(shifts)
    offsets = np.stack([rng.choice(choices, size=n) for choices in template.staggers], axis=1)
    start = np.array([b.start for b in template.blocks])[None] + offsets[:, [b.group for b in template.blocks]]
    present = rng.random((n, len(template.blocks))) < np.array([b.p for b in template.blocks])[None]
    s_idx, b_idx = np.nonzero(present)
    codes = np.array([ACTIVITIES.index(b.activity) for b in template.blocks])
    lengths = np.array([b.length for b in template.blocks])
    return shifts[s_idx], codes[b_idx], start[s_idx, b_idx], start[s_idx, b_idx] + lengths[b_idx]


def _activities(rng, staff, period, queues, agent, queue, day, shift_start, template, absent) -> Roster:
    """Schedule rows of every shift, and the open-work windows between its blocks."""
    b_parts = [_blocks(rng, t, np.flatnonzero(template == k)) for k, t in enumerate(TEMPLATES)]
    b_shift, b_code, b_start, b_end = (np.concatenate(x) for x in zip(*b_parts, strict=True))
    order = np.lexsort((b_start, b_shift))
    b_shift, b_code, b_start, b_end = (a[order] for a in (b_shift, b_code, b_start, b_end))
    length = np.array([t.length for t in TEMPLATES])[template]
    # the open window before each block starts at the previous block's end; one more follows the last block
    first = np.r_[True, b_shift[1:] != b_shift[:-1]]
    last = np.r_[b_shift[1:] != b_shift[:-1], True]
    w_shift = np.concatenate([b_shift, b_shift[last]])
    w_start = np.concatenate([np.where(first, 0, np.r_[0, b_end[:-1]]), b_end[last]])
    w_end = np.concatenate([b_start, length[b_shift[last]]])
    w_gap = np.concatenate([b_code, np.full(last.sum(), -1)])
    t_idx = np.flatnonzero(template < 0)
    t_rel = np.array([(a, b, ACTIVITIES.index(act)) for a, b, act in TRAINING_DAY])
    t_shift = np.repeat(t_idx, len(TRAINING_DAY))
    t_blocks = np.tile(t_rel, (len(t_idx), 1))
    act_shift = np.concatenate([w_shift, b_shift, t_shift])
    act_start = np.concatenate([w_start, b_start, t_blocks[:, 0]]) * 60 + shift_start[act_shift]
    act_end = np.concatenate([w_end, b_end, t_blocks[:, 1]]) * 60 + shift_start[act_shift]
    act_code = np.concatenate([np.zeros(len(w_shift), int), b_code, t_blocks[:, 2]])
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
    windows, offline_until = _adherence(
        rng, staff, period, agent, queue, day, shift_start, template, absent, w_shift, w_start, w_end, w_gap
    )
    fixed = _training_day_states(agent[t_idx], shift_start[t_idx], offline_until[t_idx], t_rel)
    return Roster(schedule=schedule, windows=windows, fixed_states=fixed)


def _state_of_activity(code: np.ndarray) -> np.ndarray:
    names = np.array(ACTIVITIES)[np.maximum(code, 0)]
    mapped = np.select(
        [names == "training", np.isin(names, ("meeting", "coaching"))],
        [AGENT_STATES.index("training"), AGENT_STATES.index("meeting")],
        AGENT_STATES.index("break"),
    )
    return np.where(code < 0, -1, mapped)


def _adherence(
    rng, staff, period, agent, queue, day, shift_start, template, absent, w_shift, w_start_min, w_end_min, w_gap
) -> tuple[Windows, np.ndarray]:
    """Actual open windows: late log-ins, late returns from breaks, early log-outs; absent shifts have none."""
    order = np.lexsort((w_start_min, w_shift))
    keep = order[~absent[w_shift[order]]]
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
    # each attended shift's log-in closes the offline interval after the agent's previous shift
    attended = np.flatnonzero(~absent)
    login = shift_start.copy()
    login[w_shift[first]] = start[first]
    nxt = np.full(len(agent), -1, dtype=np.int64)
    same_agent = agent[attended][1:] == agent[attended][:-1]
    nxt[attended[:-1][same_agent]] = login[attended[1:][same_agent]]
    term = staff.terminated[agent]
    employment_end = np.where(term >= 0, (term + 1) * DAY_S - UTC_OFFSET_S, period.end_s)
    offline_until = np.where(nxt >= 0, nxt, np.minimum(employment_end, period.end_s))
    windows = Windows(
        agent=agent[w_shift],
        queue=queue[w_shift],
        day=day[w_shift],
        start=start,
        end=end,
        gap_state=_state_of_activity(w_gap),
        offline_until=np.where(last, offline_until[w_shift], -1),
    )
    return windows, offline_until


def _training_day_states(agent, shift_start, offline_until, t_rel) -> StateRows:
    """States of new-hire training days: training, lunch break, training, then offline until the next log-in."""
    starts = shift_start[:, None] + t_rel[None, :, 0] * 60
    ends = shift_start[:, None] + t_rel[None, :, 1] * 60
    states = np.broadcast_to(_state_of_activity(t_rel[:, 2])[None], starts.shape)
    off_start = ends[:, -1]
    ok = offline_until > off_start
    return StateRows(
        agent=np.concatenate([np.repeat(agent, len(t_rel)), agent[ok]]),
        state=np.concatenate([states.ravel(), np.full(ok.sum(), AGENT_STATES.index("offline"))]),
        start=np.concatenate([starts.ravel(), off_start[ok]]),
        end=np.concatenate([ends.ravel(), offline_until[ok]]),
    )
