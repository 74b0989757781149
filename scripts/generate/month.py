"""One calendar month of contact-centre activity: phone, chat, social, tickets, surveys, QA and CRM."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import crm, digital, fake, feedback, tickets
from .behaviour import IVR_OUTCOMES
from .clock import DAY_S, Period, day_number, into_opening_hours, local_day, nightly_extract
from .columns import Coded, Ids, Rows, concat, nan_where, text
from .demand import INTERVAL_S, ArrivalProfile, expected_slot_volume, sample_arrivals, sample_daily
from .entities import CATEGORIES, QA, Customers, Queues, Staff, customer_ids, employee_ids, pick_customers
from .finance import MonthStats
from .phone import (
    CAMPAIGN_OUTCOMES,
    RESOLUTIONS,
    InboundCalls,
    Legs,
    concat_legs,
    simulate_inbound_day,
    simulate_outbound_day,
)
from .rosters import agents_at_or_after
from .shifts import AGENT_STATES, StateRows, Windows
from .states import build_states
from .streams import stream

CHAT_SHARE = 0.12  # chats per inbound call
TICKET_SHARE = 0.05  # e-mail, web-form, SMS and fax tickets per inbound call
SOCIAL_SHARE = 0.006
# Posts and e-mails arrive around the clock, mostly by day (weights for 00:00..23:00).
HOURLY = np.array(
    [1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.5, 3, 3, 2.8, 2.5, 2.8, 3, 2.9, 2.7, 2.5, 2.4, 2.6, 2.7, 2.5, 2, 1.5]
)
CAMPAIGNS_PER_MONTH = 2
COMPLAINT = CATEGORIES.index("complaint")


@dataclass(frozen=True)
class World:
    """Everything decided before the months are simulated; shared read-only by the month workers."""

    seed: int
    period: Period
    profile: ArrivalProfile
    weekday_calls: float
    queues: Queues
    staff: Staff
    skill: np.ndarray  # per employee, a standard-normal quality effect
    customers: Customers
    calls: InboundCalls  # all inbound arrivals of the period
    windows: Windows
    fixed_states: StateRows
    campaigns: tuple[str, ...]


@dataclass(frozen=True)
class MonthOutput:
    tables: dict[str, Rows]
    stats: MonthStats
    distinct_calls: int


def campaign_ids(period: Period) -> tuple[str, ...]:
    return tuple(f"CMP-{d:%Y%m}-{k}" for d in period.month_starts() for k in "AB"[:CAMPAIGNS_PER_MONTH])


def simulate_month(world: World, m: int) -> MonthOutput:
    period = world.period
    first, n_days = period.months()[m]
    month = period.sub(first, n_days)
    tag = month.start.strftime("%Y%m")
    rng = stream(world.seed, "month", m)
    legs, states = _phone(world, m, first, n_days)
    final = (legs.outbound == 0) & (legs.resolution >= 0) & ~legs.is_test  # answered last legs of inbound calls
    digital_kinds = [world.queues.index(k) for k in ("chat", "email", "social")]
    on_digital = world.windows.select(np.isin(world.windows.queue, digital_kinds))
    expected = expected_slot_volume(world.profile, period, world.weekday_calls)[first : first + n_days]
    chats, chat_table, message_table = digital.chat_sessions(
        rng,
        sample_arrivals(rng, expected * CHAT_SHARE, month),
        on_digital,
        world.customers,
        period,
        tag,
        world.queues.index("chat"),
        world.queues.ids,
    )
    social, social_table = digital.social_posts(
        rng, sample_daily(rng, month, world.weekday_calls * SOCIAL_SHARE, HOURLY), on_digital, period, tag
    )
    src = _ticket_sources(rng, world, month, legs, final, chats, social, on_digital, tag)
    known = src.customer >= 0
    take = pa.array(np.maximum(src.customer, 0))
    tix, ticket_table, event_table = tickets.build_tickets(
        rng,
        src,
        fake.blank_where(world.customers.email.take(take), ~known),
        fake.blank_where(world.customers.phone.take(take), ~known),
        period,
        tag,
    )
    linked = np.full(len(social.posted), -1)
    linked[social.ticket_wanted] = np.flatnonzero(src.source_channel == tickets.CHANNELS.index("social")) + 1
    social_table["linked_ticket_id"] = Ids(tix.ticket.prefix, linked, 6)
    contacts, unsettled = _contacts(world, legs, final, chats, tix, tag)
    transactions, stats = _sales(rng, world, month, legs, tag)
    tables = {
        "call_legs": _legs_rows(rng, legs, world, tag),
        "interval_arrivals": _arrival_rows(legs, world),
        "agent_states": _state_rows(states, period, tag),
        "chat_sessions": chat_table,
        "chat_messages": message_table,
        "social_posts": social_table,
        "tickets": ticket_table,
        "ticket_events": event_table,
        "survey_responses": feedback.survey_rows(
            rng, contacts, period, month, tag, crm.active_customers(world.customers, month)
        ),
        "qa_evaluations": feedback.qa_rows(
            rng, contacts, np.flatnonzero(world.staff.role == QA), world.skill, period, tag
        ),
        "callbacks": crm.callback_rows(rng, contacts, unsettled, world.staff, period, tag),
        "customer_feedback": crm.feedback_rows(rng, contacts, period, tag),
        "service_handoffs": crm.handoff_rows(rng, contacts, period, tag),
        "transactions": transactions,
    }
    return MonthOutput(tables=tables, stats=stats, distinct_calls=int(np.unique(legs.number).size))


def _phone(world: World, m: int, first: int, n_days: int) -> tuple[Legs, StateRows]:
    """Simulate the month day by day: inbound queues, outbound dialling, and the resulting agent states."""
    period, queues = world.period, world.queues
    start, end = period.day_start_s(first), period.day_start_s(first + n_days)
    calls = world.calls.select((world.calls.arrival >= start) & (world.calls.arrival < end))
    calls = replace(calls, number=np.arange(1, len(calls.arrival) + 1))
    day_of_call = (calls.arrival - period.start_s) // DAY_S
    outbound_q = queues.index("outbound")
    next_number = len(calls.arrival) + 1
    leg_parts, state_parts = [], []
    for d in range(first, first + n_days):
        rng = stream(world.seed, "phone", d)
        windows = world.windows.select(world.windows.day == d)
        inbound = simulate_inbound_day(rng, calls.select(day_of_call == d), windows, len(queues.inbound))
        outbound = simulate_outbound_day(
            rng,
            windows,
            np.flatnonzero(windows.queue == outbound_q),
            next_number,
            CAMPAIGNS_PER_MONTH,
            CAMPAIGNS_PER_MONTH * m,
        )
        when = np.full(len(outbound), day_number(period.date_of(d)))
        outbound = replace(outbound, customer=pick_customers(rng, world.customers, when))
        next_number += len(outbound)
        legs = concat_legs([inbound, outbound])
        on = legs.agent >= 0
        state_parts.append(build_states(windows, legs.window[on], legs.alert[on], legs.ended[on], legs.acw_end[on]))
        leg_parts.append(legs)
    fixed = world.fixed_states
    mine = (fixed.start >= start) & (fixed.start < end)
    state_parts.append(StateRows(fixed.agent[mine], fixed.state[mine], fixed.start[mine], fixed.end[mine]))
    states = StateRows(
        *(np.concatenate([getattr(s, f) for s in state_parts]) for f in StateRows.__dataclass_fields__)
    )
    return concat_legs(leg_parts), states


def _null(values: np.ndarray) -> np.ndarray:
    return nan_where(values < 0, values)


def _legs_rows(rng: np.random.Generator, legs: Legs, world: World, tag: str) -> Rows:
    n = len(legs)
    known = legs.customer >= 0
    on_file = world.customers.phone.take(pa.array(np.maximum(legs.customer, 0)))
    # The caller's number is known from the line even when the CRM record lacks one; a few withhold it.
    caller = pc.if_else(
        pa.array(known & ~pc.is_null(on_file).to_numpy(zero_copy_only=False)), on_file, fake.phones(rng, n)
    )
    withheld = (~known) & (rng.random(n) < 0.05)
    inbound = legs.outbound == 0
    return {
        "call_id": Ids(f"C{tag}", legs.number, 7),
        "leg_number": legs.leg,
        "extracted_at": nightly_extract(np.maximum(legs.ended, legs.acw_end), world.period),
        "direction": Coded(legs.outbound, ("inbound", "outbound")),
        "campaign_id": Coded(legs.campaign, world.campaigns),
        "campaign_outcome": Coded(legs.campaign_outcome, CAMPAIGN_OUTCOMES),
        "customer_id": customer_ids(legs.customer),
        "customer_phone": fake.blank_where(caller, withheld),
        "ivr_entered_at": _null(legs.ivr_in),
        "ivr_exited_at": _null(legs.ivr_out),
        "ivr_outcome": Coded(legs.ivr_outcome, IVR_OUTCOMES),
        "queue_id": Coded(legs.queue, world.queues.ids),
        "queue_entered_at": _null(legs.queue_in),
        "alerting_at": _null(legs.alert),
        "answered_at": _null(legs.answered),
        "first_agent_utterance_at": _null(legs.first_utterance),
        "hold_seconds": _null(legs.hold),
        "ended_at": legs.ended,
        "acw_ended_at": _null(legs.acw_end),
        "agent_id": employee_ids(legs.agent),
        "transferred_to_queue_id": Coded(legs.transferred_to, world.queues.ids),
        "inquiry_category": Coded(legs.category, CATEGORIES),
        "resolution_status": Coded(np.where(inbound, legs.resolution, -1), RESOLUTIONS),
        "has_sales_opportunity": _null(legs.sales_opportunity),
        "is_sale": _null(legs.sale),
        "is_test": legs.is_test,
    }


def _arrival_rows(legs: Legs, world: World) -> Rows:
    """The ACD's interval report: inbound legs entering each queue per planning interval, counted like the
    warehouse counts queued legs (test calls excluded). Calls arrive in opening hours, so no interval spans two
    months' chunks."""
    queued = (legs.outbound == 0) & (legs.queue_in >= 0) & ~legs.is_test
    starts = legs.queue_in[queued] - legs.queue_in[queued] % INTERVAL_S
    keys, counts = np.unique(np.stack([legs.queue[queued], starts]), axis=1, return_counts=True)
    return {
        "queue_id": Coded(keys[0], world.queues.ids),
        "interval_start_at": keys[1],
        "extracted_at": nightly_extract(keys[1] + INTERVAL_S, world.period),
        "interval_minutes": np.full(counts.size, INTERVAL_S // 60),
        "arrived_contacts": counts,
    }


def _state_rows(states: StateRows, period: Period, tag: str) -> Rows:
    order = np.lexsort((states.start, states.agent))
    return {
        "state_event_id": Ids(f"AS{tag}", np.arange(1, len(order) + 1), 8),
        "extracted_at": nightly_extract(states.end[order], period),
        "agent_id": employee_ids(states.agent[order]),
        "state": Coded(states.state[order], AGENT_STATES),
        "started_at": states.start[order],
        "ended_at": states.end[order],
    }


def _ticket_sources(
    rng,
    world: World,
    month: Period,
    legs: Legs,
    final: np.ndarray,
    chats: digital.Chats,
    social: digital.Social,
    on_digital: Windows,
    tag: str,
) -> tickets.TicketSources:
    """Tickets come in by e-mail, web form, SMS and fax, and are opened from calls, chats and social posts."""
    created_a = sample_daily(rng, month, world.weekday_calls * TICKET_SHARE, HOURLY)
    n_a = len(created_a)
    n = len(legs)
    from_call = final & (
        ((legs.resolution == RESOLUTIONS.index("follow_up")) & (rng.random(n) < 0.7))
        | ((legs.category == COMPLAINT) & (rng.random(n) < 0.04))  # most complaints are settled on the call
    )
    from_chat = (chats.resolution == RESOLUTIONS.index("follow_up")) & (rng.random(len(chats.agent)) < 0.8)
    from_post = social.ticket_wanted
    k_b, k_c, k_d = int(from_call.sum()), int(from_chat.sum()), int(from_post.sum())
    channel = tickets.CHANNELS.index
    source_channel = np.concatenate(
        [
            np.full(n_a, -1),
            np.full(k_b, channel("phone")),
            np.full(k_c, channel("chat")),
            np.full(k_d, channel("social")),
        ]
    )
    return tickets.TicketSources(
        channel=np.concatenate([rng.choice(4, size=n_a, p=[0.55, 0.25, 0.15, 0.05]), source_channel[n_a:]]),
        created=np.concatenate(
            [
                created_a,
                legs.ended[from_call] + rng.integers(30, 300, size=k_b),
                chats.ended[from_chat] + rng.integers(60, 600, size=k_c),
                social.ticket_created[from_post],
            ]
        ),
        customer=np.concatenate(
            [
                np.where(rng.random(n_a) < 0.85, pick_customers(rng, world.customers, local_day(created_a)), -1),
                legs.customer[from_call],
                chats.customer[from_chat],
                np.full(k_d, -1),
            ]
        ),
        agent=np.concatenate(
            [
                agents_at_or_after(rng, on_digital, into_opening_hours(created_a, rng)),
                legs.agent[from_call],
                chats.agent[from_chat],
                social.agent[from_post],
            ]
        ),
        category=np.concatenate(
            [
                np.full(n_a, -1),
                legs.category[from_call],
                chats.category[from_chat],
                np.where(rng.random(k_d) < 0.4, COMPLAINT, -1),
            ]
        ),
        complaint_p=np.concatenate(
            [
                np.full(n_a, 0.025),
                np.where(legs.category[from_call] == COMPLAINT, 1.0, 0.01),
                np.full(k_c, 0.02),
                np.full(k_d, 0.3),
            ]
        ),
        source_channel=source_channel,
        source_id=concat(
            [
                pa.nulls(n_a, pa.string()),
                text(Ids(f"C{tag}", legs.number[from_call], 7)),
                text(Ids(chats.session.prefix, chats.session.numbers[from_chat], 6)),
                text(Ids(social.post.prefix, social.post.numbers[from_post], 6)),
            ]
        ),
    )


def _contacts(
    world: World, legs: Legs, final: np.ndarray, chats: digital.Chats, tix: tickets.Tickets, tag: str
) -> tuple[feedback.Contacts, np.ndarray]:
    """Handled contacts with a latent satisfaction: resolution helps, waiting and transfers hurt."""
    skill = world.skill
    f = np.flatnonzero(final)
    wait = (legs.answered - _first_queue_entry(legs))[f].astype(float)
    resolved = legs.resolution[f] == RESOLUTIONS.index("resolved")
    phone_mood = (
        0.8 * resolved
        - 0.6 * ~resolved
        - 0.6 * np.minimum(wait / 120, 1.5)
        - 0.3 * (legs.leg[f] > 1)
        + 0.3 * skill[legs.agent[f]]
    )
    c = np.flatnonzero((chats.agent >= 0) & ~chats.is_test)
    chat_resolved = chats.resolution[c] == RESOLUTIONS.index("resolved")
    chat_mood = (
        0.8 * chat_resolved
        - 0.6 * ~chat_resolved
        - 0.4 * np.minimum(chats.first_wait[c] / 60, 1.5)
        + 0.3 * skill[chats.agent[c]]
    )
    t = np.flatnonzero((tix.agent >= 0) & (tix.resolved_at >= 0) & ~tix.is_test)
    ticket_mood = 0.4 - 0.5 * tix.is_complaint[t] + 0.3 * skill[tix.agent[t]]
    contacts = feedback.Contacts(
        channel=np.concatenate([np.zeros(f.size, np.int64), np.ones(c.size, np.int64), np.full(t.size, 2)]),
        contact_id=concat(
            [
                text(Ids(f"C{tag}", legs.number[f], 7)),
                text(Ids(chats.session.prefix, chats.session.numbers[c], 6)),
                text(Ids(tix.ticket.prefix, tix.ticket.numbers[t], 6)),
            ]
        ),
        agent=np.concatenate([legs.agent[f], chats.agent[c], tix.agent[t]]),
        customer=np.concatenate([legs.customer[f], chats.customer[c], tix.customer[t]]),
        ended=np.concatenate([legs.acw_end[f], chats.ended[c], tix.resolved_at[t]]),
        mood=np.concatenate([phone_mood, chat_mood, ticket_mood]),
        complaint=np.concatenate(
            [legs.category[f] == COMPLAINT, chats.category[c] == COMPLAINT, tix.is_complaint[t]]
        ),
        escalated=np.concatenate([np.zeros(f.size + c.size, bool), tix.escalated[t]]),
    )
    return contacts, np.concatenate([~resolved, np.zeros(c.size + t.size, bool)])


def _first_queue_entry(legs: Legs) -> np.ndarray:
    """Per leg, when its call first entered a queue."""
    order = np.lexsort((legs.leg, legs.number))
    first = np.r_[True, legs.number[order][1:] != legs.number[order][:-1]]
    out = np.empty(len(legs), dtype=np.int64)
    out[order] = legs.queue_in[order][first][np.cumsum(first) - 1]
    return out


def _sales(rng: np.random.Generator, world: World, month: Period, legs: Legs, tag: str) -> tuple[Rows, MonthStats]:
    """Transactions: ordinary purchases plus the sales made on calls; and the month's figures for finance."""
    p_cust, p_at, p_amount = crm.purchases(rng, world.customers, month)
    sold = legs.sale == 1
    amount = np.round(rng.lognormal(np.log(900), 0.6, size=int(sold.sum())), 2)
    buyer = legs.customer[sold]
    outbound = legs.outbound[sold] == 1
    known = buyer >= 0
    customer = np.concatenate([p_cust, buyer[known]])
    value = np.concatenate([p_amount, amount[known]])
    rows = crm.transaction_rows(customer, np.concatenate([p_at, legs.ended[sold][known]]), value, world.period, tag)
    acquired_in_month = world.customers.acquired[np.maximum(customer, 0)] >= day_number(month.start)
    on_call = np.r_[np.zeros(len(p_cust), bool), np.ones(int(known.sum()), bool)]
    talk = np.where(legs.answered >= 0, legs.ended - legs.answered, 0)
    stats = MonthStats(
        call_minutes=float(talk.sum() / 60),
        assisted_sales=float(amount[~outbound].sum()),
        active_sales=float(amount[outbound].sum()),
        existing_customer_sales=float(value[on_call & ~acquired_in_month].sum()),
        new_customer_sales=float(value[acquired_in_month].sum()),
        transactions_total=float(value.sum()),
    )
    return rows, stats
