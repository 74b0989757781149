"""Reference entities: queues, teams, employees (with hires and leavers) and customers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import fake
from .clock import Period, day_number
from .columns import Coded, Ids, Rows, nan_where
from .presets import Preset

CATEGORIES = (
    "billing",
    "account",
    "technical",
    "order_status",
    "delivery",
    "claim",
    "product_info",
    "sales",
    "complaint",
    "other",
)
CATEGORY_SHARE = np.array([0.20, 0.15, 0.18, 0.10, 0.08, 0.05, 0.08, 0.06, 0.04, 0.06])
# Phone skills in transfer order: a call is only transferred to a queue later in this order (no loops).
PHONE_SKILLS = ("general", "billing", "technical", "sales", "specialist")
# Skills added as the phone floor grows (about one per ten phone agents); general always exists.
SKILL_INCLUSION = ("general", "specialist", "technical", "billing", "sales")
CATEGORY_HOME = {
    "billing": ("billing", "general"),
    "account": ("general",),
    "technical": ("technical", "general"),
    "order_status": ("general",),
    "delivery": ("general",),
    "claim": ("specialist", "general"),
    "product_info": ("sales", "general"),
    "sales": ("sales", "general"),
    "complaint": ("specialist", "general"),
    "other": ("general",),
}
# ACD routing priority of the inbound phone queues: claims and complaints (specialist) jump the line; outbound and
# digital queues are not prioritised (blank)
INBOUND_PRIORITY = {"specialist": "2"}
DEFAULT_INBOUND_PRIORITY = "1"
ROLES = ("agent", "team_lead", "qa", "trainer", "manager")
AGENT, QA = ROLES.index("agent"), ROLES.index("qa")
TERMINATION_REASONS = ("voluntary", "involuntary", "retirement", "other")
SEGMENTS = ("retail", "premium", "small_business", "corporate")
SITES = ("Shanghai", "Chengdu")
AGENTS_PER_TEAM = 12
MONTHLY_ATTRITION = 0.03


@dataclass(frozen=True)
class QueueDef:
    queue_id: str
    name: str
    channel: str
    skill: str
    kind: str  # inbound, outbound, chat, email, social


@dataclass(frozen=True)
class Queues:
    defs: tuple[QueueDef, ...]
    inbound: tuple[int, ...]  # phone inbound queue indexes in transfer order
    category_queue: np.ndarray  # inbound queue index per category code

    def index(self, kind: str) -> int:
        return next(i for i, q in enumerate(self.defs) if q.kind == kind)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(q.queue_id for q in self.defs)


@dataclass(frozen=True)
class Staff:
    """Employees; group is the queue index an agent works (phone queue, outbound or the digital chat queue)."""

    role: np.ndarray
    team: np.ndarray  # -1 for staff outside teams
    group: np.ndarray  # -1 for non-agents
    hired: np.ndarray  # day number
    terminated: np.ndarray  # day number of the last day, -1 while employed
    reason: np.ndarray  # termination reason code, -1 while employed
    part_time: np.ndarray  # inbound phone agents on part-time (5-hour) shifts
    team_lead: np.ndarray  # employee index of each team's lead
    team_group: np.ndarray  # queue index each team serves
    team_site: np.ndarray  # site code per team

    def __len__(self) -> int:
        return len(self.role)

    def employed_on(self, day: int) -> np.ndarray:
        return (self.hired <= day) & ((self.terminated < 0) | (self.terminated >= day))


@dataclass(frozen=True)
class Customers:
    acquired: np.ndarray  # day number, ascending (ids are given in acquisition order)
    lost: np.ndarray  # day number, -1 while active
    key_account: np.ndarray
    contact_weight_cum: np.ndarray  # cumulative caller weights in id order
    phone: pa.Array
    email: pa.Array

    def __len__(self) -> int:
        return len(self.acquired)


def employee_ids(index: np.ndarray) -> Ids:
    return Ids("A", np.where(index < 0, -1, index + 1), 5)


def customer_ids(index: np.ndarray) -> Ids:
    return Ids("CU", np.where(index < 0, -1, index + 1), 7)


def build_queues(phone_agents: int) -> Queues:
    n_skills = int(np.clip(phone_agents // 10, 1, len(PHONE_SKILLS)))
    present = set(SKILL_INCLUSION[:n_skills])
    skills = [s for s in PHONE_SKILLS if s in present]
    defs = [QueueDef(f"Q{i + 1:02d}", f"Phone - {s.title()}", "phone", s, "inbound") for i, s in enumerate(skills)]
    n = len(defs)
    defs += [
        QueueDef(f"Q{n + 1:02d}", "Phone - Outbound Campaigns", "phone", "outbound_sales", "outbound"),
        QueueDef(f"Q{n + 2:02d}", "Chat", "chat", "digital", "chat"),
        QueueDef(f"Q{n + 3:02d}", "E-mail and Web Forms", "email", "digital", "email"),
        QueueDef(f"Q{n + 4:02d}", "Social Media", "social", "digital", "social"),
    ]
    home = [next(skills.index(s) for s in CATEGORY_HOME[c] if s in skills) for c in CATEGORIES]
    return Queues(defs=tuple(defs), inbound=tuple(range(n)), category_queue=np.array(home))


def split_agents(preset: Preset) -> tuple[int, int, int]:
    """(phone inbound, outbound, digital) agent headcounts."""
    outbound = max(1, round(0.1 * preset.agents))
    digital = max(2, round(0.2 * preset.agents))
    return preset.agents - outbound - digital, outbound, digital


def build_staff(
    rng: np.random.Generator,
    preset: Preset,
    period: Period,
    queues: Queues,
    per_queue: np.ndarray,
    part_time_share: float,
) -> Staff:
    """Initial headcount per group (phone agents per inbound queue as given), support staff, then attrition."""
    _, outbound, digital = split_agents(preset)
    groups = [(q, int(k)) for q, k in zip(queues.inbound, per_queue, strict=True)]
    groups += [(queues.index("outbound"), outbound), (queues.index("chat"), digital)]
    site_count = 2 if preset.agents >= 500 else 1
    team_group, team_site, agent_team = [], [], []
    for group, k in groups:
        n_teams = -(-k // AGENTS_PER_TEAM)
        first = len(team_group)
        team_group += [group] * n_teams
        team_site += [(first + t) % site_count for t in range(n_teams)]
        agent_team += [first + (i % n_teams) for i in range(k)]
    n_teams = len(team_group)
    support = [
        ("manager", 1 + preset.agents // 150),
        ("trainer", max(1, preset.agents // 60)),
        ("qa", max(1, preset.agents // 40)),
    ]
    role = [ROLES.index(r) for r, k in support for _ in range(k)]
    team = [-1] * len(role)
    role += [ROLES.index("team_lead")] * n_teams
    team += list(range(n_teams))
    team_lead = np.arange(len(role) - n_teams, len(role))
    role += [ROLES.index("agent")] * len(agent_team)
    team += agent_team
    role_arr, team_arr = np.array(role), np.array(team)
    start = day_number(period.start)
    tenure = (30 + rng.exponential(700, size=len(role))).astype(int)
    hired = start - np.minimum(tenure, start - day_number(date(2012, 1, 1)))
    terminated = np.full(len(role), -1)
    team_group_arr = np.array(team_group)
    group = np.where(role_arr == AGENT, team_group_arr[np.maximum(team_arr, 0)], -1)
    role, team, group, hired, terminated, reason = _with_attrition(
        rng, period, role_arr, team_arr, group, hired, terminated
    )
    inbound = np.isin(group, queues.inbound)
    part_time = inbound & (rng.random(len(role)) < part_time_share)
    return Staff(
        role,
        team,
        group,
        hired,
        terminated,
        reason,
        part_time=part_time,
        team_lead=team_lead,
        team_group=team_group_arr,
        team_site=np.array(team_site),
    )


def _with_attrition(rng, period, role, team, group, hired, terminated):
    """Monthly agent attrition (~3 %), each leaver replaced by a hire into the same team 1-4 weeks later."""
    reason = np.full(len(role), -1)
    for first, n_days in period.months():
        month_first = day_number(period.date_of(first))
        active = (role == AGENT) & (hired <= month_first) & (terminated < 0)
        leavers = np.flatnonzero(active & (rng.random(len(role)) < MONTHLY_ATTRITION * n_days / 30))
        if leavers.size == 0:
            continue
        terminated[leavers] = month_first + rng.integers(0, n_days, size=leavers.size)
        reason[leavers] = rng.choice(4, size=leavers.size, p=[0.75, 0.18, 0.02, 0.05])
        start_days = terminated[leavers] + rng.integers(7, 29, size=leavers.size)
        keep = start_days < day_number(period.end)
        n_new = int(keep.sum())
        role = np.concatenate([role, np.full(n_new, AGENT, dtype=role.dtype)])
        team = np.concatenate([team, team[leavers][keep]])
        group = np.concatenate([group, group[leavers][keep]])
        hired = np.concatenate([hired, start_days[keep]])
        terminated = np.concatenate([terminated, np.full(n_new, -1)])
        reason = np.concatenate([reason, np.full(n_new, -1)])
    return role, team, group, hired, terminated, reason


def build_customers(rng: np.random.Generator, preset: Preset, period: Period) -> tuple[Customers, Rows]:
    n = preset.customers
    start, end = day_number(period.start), day_number(period.end)
    years = period.days / 365
    history = start - day_number(date(2015, 1, 1))
    new_share = min(0.3, 0.12 * years)
    is_new = rng.random(n) < new_share
    acquired = np.where(
        is_new,
        start + rng.integers(0, period.days, size=n),
        start - 1 - (history * rng.power(1.6, size=n)).astype(int),  # more recent customers are more common
    )
    acquired.sort()
    lost = np.full(n, -1)
    churn_in = rng.random(n) < 0.08 * years
    lost_at = acquired + 30 + (rng.random(n) * np.maximum(1, end - acquired - 30)).astype(int)
    lost = np.where(churn_in & (lost_at >= start) & (lost_at < end), lost_at, lost)
    lost_before = (~is_new) & (rng.random(n) < 0.05)
    lost = np.where(lost_before, np.minimum(start - 1, acquired + 60 + rng.integers(0, 2000, size=n)), lost)
    lost = np.where(lost_before & (lost <= acquired), acquired + 1, lost)
    lost = np.where(lost >= end, -1, lost)
    key = rng.random(n) < 0.03
    weight = rng.lognormal(0.0, 1.0, size=n) * np.where(key, 3.0, 1.0)
    ids = Ids("CU", np.arange(1, n + 1), 7)
    id_text = pc.binary_join_element_wise("CU", pc.utf8_lpad(pc.cast(pa.array(ids.numbers), pa.string()), 7, "0"), "")
    full_name = fake.names(rng, n)
    phone = fake.blank_where(fake.phones(rng, n), rng.random(n) < 0.06)
    email = fake.blank_where(fake.emails(full_name, id_text, "mail.example.cn"), rng.random(n) < 0.15)
    segment = np.where(key, rng.choice([1, 3], size=n), rng.choice(4, size=n, p=[0.7, 0.12, 0.15, 0.03]))
    rows: Rows = {
        "customer_id": ids,
        "full_name": fake.blank_where(full_name, rng.random(n) < 0.01),
        "phone": phone,
        "email": email,
        "address": fake.blank_where(fake.addresses(rng, n), rng.random(n) < 0.10),
        "is_key_account": key,
        "segment": Coded(segment, SEGMENTS),
        "acquired_date": acquired,
        "lost_date": nan_where(lost < 0, lost),
    }
    customers = Customers(
        acquired=acquired, lost=lost, key_account=key, contact_weight_cum=np.cumsum(weight), phone=phone, email=email
    )
    return customers, rows


def pick_customers(rng: np.random.Generator, customers: Customers, days: np.ndarray) -> np.ndarray:
    """A contacting customer per event day: weighted among customers acquired by then and not yet lost (-1: none)."""
    eligible = np.searchsorted(customers.acquired, days, side="right")
    out = np.full(days.shape, -1)
    todo = np.flatnonzero(eligible > 0)
    for _ in range(4):
        if todo.size == 0:
            break
        limit = customers.contact_weight_cum[eligible[todo] - 1]
        cand = np.searchsorted(customers.contact_weight_cum, rng.random(todo.size) * limit, side="right")
        cand = np.minimum(cand, eligible[todo] - 1)
        lost = customers.lost[cand]
        ok = (lost < 0) | (lost >= days[todo])
        out[todo[ok]] = cand[ok]
        todo = todo[~ok]
    return out


def queue_priority(queue: QueueDef) -> str:
    if queue.kind != "inbound":
        return ""
    return INBOUND_PRIORITY.get(queue.skill, DEFAULT_INBOUND_PRIORITY)


def queue_rows(queues: Queues, site: str) -> Rows:
    defs = queues.defs
    return {
        "queue_id": np.array([q.queue_id for q in defs], dtype=object),
        "queue_name": np.array([q.name for q in defs], dtype=object),
        "channel": np.array([q.channel for q in defs], dtype=object),
        "skill": np.array([q.skill for q in defs], dtype=object),
        "priority": np.array([queue_priority(q) for q in defs], dtype=object),
        "site": np.array([site] * len(defs), dtype=object),
    }


def team_rows(staff: Staff, queues: Queues) -> Rows:
    names = [f"{queues.defs[g].skill.replace('_', ' ').title()} Team {i + 1}" for i, g in enumerate(staff.team_group)]
    return {
        "team_id": Ids("T", np.arange(1, len(names) + 1), 3),
        "team_name": np.array(names, dtype=object),
        "supervisor_employee_id": employee_ids(staff.team_lead),
        "site": Coded(staff.team_site, SITES),
    }


def employee_rows(rng: np.random.Generator, staff: Staff) -> Rows:
    n = len(staff)
    ids = employee_ids(np.arange(n))
    id_text = pc.binary_join_element_wise("A", pc.utf8_lpad(pc.cast(pa.array(ids.numbers), pa.string()), 5, "0"), "")
    full_name = fake.names(rng, n)
    site = np.where(staff.team >= 0, staff.team_site[np.maximum(staff.team, 0)], 0)
    return {
        "employee_id": ids,
        "full_name": full_name,
        "email": fake.emails(full_name, id_text, "ccentre.example.cn"),
        "team_id": Ids("T", np.where(staff.team >= 0, staff.team + 1, -1), 3),
        "role": Coded(staff.role, ROLES),
        "site": Coded(site, SITES),
        "hired_date": staff.hired,
        "terminated_date": nan_where(staff.terminated < 0, staff.terminated),
        "termination_reason": Coded(staff.reason, TERMINATION_REASONS),
    }
