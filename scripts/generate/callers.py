"""Who calls, about what, and when they call again because their issue was not settled."""

from __future__ import annotations

import numpy as np

from .clock import DAY_S, local_day
from .entities import CATEGORIES, CATEGORY_SHARE, Customers, Queues, pick_customers
from .phone import InboundCalls

IDENTIFIED_P = 0.88
TEST_CALL_P = 0.0008
REPEAT_P = 0.11  # share of calls that are a repeat contact about an earlier, unsettled issue
REPEAT_MEAN_DAYS = 1.8


def inbound_calls(
    rng: np.random.Generator, arrival: np.ndarray, queues: Queues, customers: Customers
) -> InboundCalls:
    """Caller, category and queue per arrival; repeat contacts copy the customer and category of an earlier call
    in the same queue 1 hour to 7 days before, which is marked as followed by a repeat (so it was not settled)."""
    n = len(arrival)
    category = rng.choice(len(CATEGORIES), size=n, p=CATEGORY_SHARE)
    is_test = rng.random(n) < TEST_CALL_P
    customer = np.where(
        (rng.random(n) < IDENTIFIED_P) & ~is_test, pick_customers(rng, customers, local_day(arrival)), -1
    )
    repeat_follows = np.zeros(n, bool)
    queue = queues.category_queue[category]
    lag = np.clip(rng.exponential(REPEAT_MEAN_DAYS * DAY_S, size=n), 3600, 7 * DAY_S).astype(np.int64)
    wants_repeat = (rng.random(n) < REPEAT_P) & (customer >= 0)
    children, parents = [], []
    for q in np.unique(queue):
        pool = np.flatnonzero((queue == q) & (customer >= 0))  # earlier identified calls of the queue, by time
        kids = np.flatnonzero(wants_repeat & (queue == q))
        pos = np.searchsorted(arrival[pool], arrival[kids] - lag[kids], side="right") - 1
        ok = pos >= 0
        children.append(kids[ok])
        parents.append(pool[pos[ok]])
    child, parent = np.concatenate(children), np.concatenate(parents)
    order = np.argsort(child, kind="stable")
    # chronological, so that a chain of repeats keeps one customer
    for c, p in zip(child[order].tolist(), parent[order].tolist(), strict=True):
        customer[c] = customer[p]
        category[c] = category[p]
    repeat_follows[parent] = True
    return InboundCalls(
        number=np.arange(n),
        arrival=arrival,
        category=category,
        queue=queues.category_queue[category],
        customer=customer,
        is_test=is_test,
        repeat_follows=repeat_follows,
    )
