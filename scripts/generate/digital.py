"""Chat (bot first, hand-off to agents, message log) and social media posts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import fake
from .clock import Period, into_opening_hours, local_day, nightly_extract
from .columns import Coded, Ids, Rows, nan_where
from .entities import CATEGORIES, CATEGORY_SHARE, Customers, customer_ids, employee_ids, pick_customers
from .phone import RESOLUTIONS
from .rosters import agents_at_or_after, agents_covering
from .shifts import Windows

CHAT_CHANNELS = ("web_chat", "app_chat", "wechat")
SENDERS = ("customer", "agent", "bot", "system")
PLATFORMS = ("weibo", "wechat", "douyin", "xiaohongshu", "complaint_platform")
POST_TYPES = ("post", "comment", "direct_message")
SENTIMENTS = ("positive", "neutral", "negative")
CUSTOMER, AGENT, BOT, SYSTEM = range(4)


@dataclass(frozen=True)
class Chats:
    session: Ids
    agent: np.ndarray  # -1: bot only or abandoned
    customer: np.ndarray
    ended: np.ndarray
    category: np.ndarray
    resolution: np.ndarray  # -1 when no agent
    first_wait: np.ndarray  # seconds from queue entry to the first agent message, -1 when none
    is_test: np.ndarray


def chat_sessions(
    rng: np.random.Generator,
    starts: np.ndarray,
    windows: Windows,
    customers: Customers,
    period: Period,
    tag: str,
    queue_code: int,
    queue_ids: tuple[str, ...],
) -> tuple[Chats, Rows, Rows]:
    n = len(starts)
    with_bot = rng.random(n) < 0.85
    bot_only = with_bot & (rng.random(n) < 0.5)
    handed = with_bot & ~bot_only
    bot_rounds = np.where(bot_only, rng.integers(2, 6, size=n), rng.integers(1, 5, size=n))
    n_a = np.where(with_bot, 2 * bot_rounds, 1)
    n_sys = handed.astype(np.int64)
    agent_rounds = rng.integers(2, 9, size=n)
    n_b = np.where(bot_only, 0, 2 * agent_rounds - 1)
    total = n_a + n_sys + n_b
    sess = np.repeat(np.arange(n), total)
    first = np.r_[0, np.cumsum(total)[:-1]]
    pos = np.arange(len(sess)) - first[sess]
    m = len(sess)
    in_a = pos < n_a[sess]
    is_sys = (pos == n_a[sess]) & handed[sess]
    q = pos - n_a[sess] - n_sys[sess]
    wait = np.clip(rng.lognormal(np.log(18), 0.9, size=n), 3, 900).astype(np.int64)
    sender = np.select([in_a & (pos % 2 == 0), in_a, is_sys, q % 2 == 0], [CUSTOMER, BOT, SYSTEM, AGENT], CUSTOMER)
    gap = np.select(
        [pos == 0, in_a & (sender == BOT), in_a, is_sys, q == 0, sender == CUSTOMER],
        [
            0,
            rng.integers(1, 4, size=m),
            rng.integers(8, 61, size=m),
            rng.integers(1, 3, size=m),
            wait[sess],
            rng.integers(10, 91, size=m),
        ],
        np.clip(rng.lognormal(np.log(25), 0.7, size=m), 3, 600).astype(np.int64),
    )
    sent = starts[sess] + _cumsum_within(gap, first, total)
    entry = np.where(handed, sent[np.minimum(first + n_a, m - 1)], starts)  # hand-off message, or the start
    agent = np.where(bot_only, -1, agents_covering(rng, windows, entry))
    abandoned = ~bot_only & (agent < 0)
    keep = ~(abandoned[sess] & (q >= 0))
    last_sent = np.full(n, 0, dtype=np.int64)
    np.maximum.at(last_sent, sess[keep], sent[keep])
    patience = rng.integers(60, 301, size=n)
    ended = np.where(
        abandoned, np.maximum(entry + patience, last_sent + 1), last_sent + rng.integers(10, 121, size=n)
    )
    category = rng.choice(len(CATEGORIES), size=n, p=CATEGORY_SHARE)
    served = agent >= 0
    resolution = np.where(served, rng.choice(3, size=n, p=[0.85, 0.07, 0.08]), -1)
    customer = np.where(rng.random(n) < 0.7, pick_customers(rng, customers, local_day(starts)), -1)
    is_test = rng.random(n) < 0.002
    session = Ids(f"CH{tag}", np.arange(1, n + 1), 6)
    chats = Chats(
        session=session,
        agent=agent,
        customer=customer,
        ended=ended,
        category=category,
        resolution=resolution,
        first_wait=np.where(served, wait, -1),
        is_test=is_test,
    )
    sessions: Rows = {
        "session_id": session,
        "extracted_at": nightly_extract(ended, period),
        "channel": Coded(rng.choice(3, size=n, p=[0.4, 0.35, 0.25]), CHAT_CHANNELS),
        "customer_id": customer_ids(customer),
        "queue_id": Coded(np.where(bot_only, -1, queue_code), queue_ids),
        "started_at": starts,
        "ended_at": ended,
        "started_with_bot": with_bot,
        "handed_off_at": nan_where(~handed, entry),
        "agent_id": employee_ids(agent),
        "inquiry_category": Coded(category, CATEGORIES),
        "resolution_status": Coded(resolution, RESOLUTIONS),
        "is_test": is_test,
    }
    sess, sender, sent = sess[keep], sender[keep], sent[keep]
    messages: Rows = {
        "message_id": Ids(f"M{tag}", np.arange(1, len(sess) + 1), 8),
        "extracted_at": nightly_extract(ended[sess], period),
        "session_id": Ids(session.prefix, sess + 1, 6),
        "sender_type": Coded(sender, SENDERS),
        "agent_id": employee_ids(np.where(sender == AGENT, agent[sess], -1)),
        "sent_at": sent,
        "is_handoff": sender == SYSTEM,
    }
    return chats, sessions, messages


def _cumsum_within(values: np.ndarray, first: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Cumulative sum restarting at each group (groups are consecutive runs given by first index and count)."""
    total = np.cumsum(values)
    base = np.repeat(total[first] - values[first], counts)
    return total - base


@dataclass(frozen=True)
class Social:
    post: Ids
    posted: np.ndarray
    ticket_wanted: np.ndarray  # a ticket is opened from the post
    ticket_created: np.ndarray
    agent: np.ndarray


def social_posts(
    rng: np.random.Generator, posted: np.ndarray, windows: Windows, period: Period, tag: str
) -> tuple[Social, Rows]:
    """Posts about the company; negative ones mostly need a response and half of those become tickets."""
    n = len(posted)
    platform = rng.choice(5, size=n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
    complaint_site = platform == PLATFORMS.index("complaint_platform")
    post_type = np.where(complaint_site, 0, rng.choice(3, size=n, p=[0.35, 0.45, 0.2]))
    sentiment = np.where(complaint_site & (rng.random(n) < 0.9), 2, rng.choice(3, size=n, p=[0.25, 0.45, 0.3]))
    p_need = np.select([post_type == 2, sentiment == 2, sentiment == 1], [1.0, 0.9, 0.35], 0.1)
    needs = rng.random(n) < p_need
    responded = np.where(needs, rng.random(n) < 0.93, rng.random(n) < 0.05)
    delay = np.clip(rng.lognormal(np.log(35 * 60), 1.0, size=n), 120, 5 * 86_400).astype(np.int64)
    response = into_opening_hours(posted + delay, rng)
    responded &= response <= period.final_export_s
    agent = np.where(responded, agents_at_or_after(rng, windows, response), -1)
    ticket_wanted = needs & (sentiment == 2) & (rng.random(n) < 0.5)
    ticket_created = np.where(responded, response + 60, into_opening_hours(posted + 3600, rng))
    ticket_wanted &= ticket_created <= period.final_export_s
    post = Ids(f"SP{tag}", np.arange(1, n + 1), 6)
    rows: Rows = {
        "post_id": post,
        "extracted_at": nightly_extract(np.where(responded, response, posted), period),
        "platform": Coded(platform, PLATFORMS),
        "post_type": Coded(post_type, POST_TYPES),
        "author_handle": fake.handles(rng, n),
        "posted_at": posted,
        "sentiment": Coded(sentiment, SENTIMENTS),
        "needs_response": needs,
        "first_response_at": nan_where(~responded, response),
        "responded_by_agent_id": employee_ids(agent),
        "linked_ticket_id": pa.nulls(n, pa.string()),  # filled in once tickets are numbered
    }
    social = Social(
        post=post,
        posted=posted,
        ticket_wanted=ticket_wanted,
        ticket_created=ticket_created,
        agent=np.where(agent >= 0, agent, agents_at_or_after(rng, windows, ticket_created)),
    )
    return social, rows
