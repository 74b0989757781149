"""Phone channel: IVR, queueing against rostered agents, transfers, wrap-up, and outbound campaign dialling."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from . import behaviour as bh
from .entities import CATEGORIES
from .queue_sim import simulate_queue
from .shifts import Windows
from .wfm import transfer_weights

RESOLUTIONS = ("resolved", "unresolved", "follow_up")
CAMPAIGN_OUTCOMES = ("appointment", "sale", "no_answer", "refused", "callback_requested", "busy")
SALES_CATEGORIES = np.isin(np.array(CATEGORIES), ("sales", "product_info"))
NONE = -1  # null marker in the integer arrays below
TO_QUEUE = bh.IVR_OUTCOMES.index("to_queue")


@dataclass(frozen=True)
class InboundCalls:
    """Inbound arrivals (IVR entry), ascending."""

    number: np.ndarray  # call number within the month
    arrival: np.ndarray
    category: np.ndarray
    queue: np.ndarray  # inbound queue index
    customer: np.ndarray  # -1: caller not identified
    is_test: np.ndarray
    repeat_follows: np.ndarray  # the issue is not settled: the customer contacts again later

    def select(self, mask: np.ndarray) -> InboundCalls:
        return InboundCalls(*(getattr(self, f.name)[mask] for f in fields(self)))


@dataclass(frozen=True)
class Legs:
    """Call legs; times are epoch seconds and -1 means null, as do -1 codes and indexes."""

    number: np.ndarray
    leg: np.ndarray
    outbound: np.ndarray
    campaign: np.ndarray
    campaign_outcome: np.ndarray
    customer: np.ndarray
    ivr_in: np.ndarray
    ivr_out: np.ndarray
    ivr_outcome: np.ndarray
    queue: np.ndarray
    queue_in: np.ndarray
    alert: np.ndarray
    answered: np.ndarray
    first_utterance: np.ndarray
    hold: np.ndarray
    ended: np.ndarray
    acw_end: np.ndarray
    agent: np.ndarray
    window: np.ndarray  # index into the windows the leg was handled in
    transferred_to: np.ndarray
    category: np.ndarray
    resolution: np.ndarray
    sales_opportunity: np.ndarray  # -1 null, 0/1
    sale: np.ndarray
    is_test: np.ndarray

    def __len__(self) -> int:
        return len(self.number)


def concat_legs(parts: list[Legs]) -> Legs:
    merged = {
        f.name: np.concatenate([getattr(p, f.name) for p in parts]) if parts else np.empty(0, np.int64)
        for f in fields(Legs)
    }
    return Legs(**{**merged, "is_test": merged["is_test"].astype(bool)})


def _lognormal_int(rng, median, sigma, lo, hi, size) -> np.ndarray:
    return np.clip(rng.lognormal(np.log(median), sigma, size=size), lo, hi).astype(np.int64)


def _blank(n: int) -> np.ndarray:
    return np.full(n, NONE, dtype=np.int64)


def simulate_inbound_day(rng: np.random.Generator, calls: InboundCalls, windows: Windows, n_queues: int) -> Legs:
    """All legs of one day's inbound calls. Queues are simulated in transfer order so that a transferred call
    joins the next queue when its previous leg ends."""
    n = len(calls.arrival)
    ivr_s = _lognormal_int(rng, bh.IVR_MEDIAN_S, 0.5, 5, 400, n)
    outcome = np.where(calls.is_test, TO_QUEUE, rng.choice(len(bh.IVR_P), size=n, p=bh.IVR_P))
    ivr_out = calls.arrival + ivr_s
    pending = [
        [(ivr_out[m], np.flatnonzero(m), np.ones(m.sum(), np.int64))]
        for m in ((outcome == TO_QUEUE) & (calls.queue == q) for q in range(n_queues))
    ]
    parts = [_ivr_only_legs(calls, outcome, ivr_out)]
    for q in range(n_queues):
        entry, call, leg = (np.concatenate(x) for x in zip(*pending[q], strict=True))
        order = np.lexsort((call, entry))
        part, transfers = _queue_legs(rng, q, n_queues, entry[order], call[order], leg[order], calls, windows)
        parts.append(part)
        for target, (t_entry, t_call, t_leg) in transfers.items():
            pending[target].append((t_entry, t_call, t_leg))
    legs = concat_legs(parts)
    return _wrap_up(rng, legs, calls)


def _ivr_only_legs(calls: InboundCalls, outcome: np.ndarray, ivr_out: np.ndarray) -> Legs:
    """Calls that ended in the IVR (self-served or hung up) have one leg and never reach a queue."""
    m = outcome != TO_QUEUE
    k = int(m.sum())
    blank = _blank(k)
    return Legs(
        number=np.flatnonzero(m),
        leg=np.ones(k, np.int64),
        outbound=np.zeros(k, np.int64),
        campaign=blank,
        campaign_outcome=blank,
        customer=calls.customer[m],
        ivr_in=calls.arrival[m],
        ivr_out=ivr_out[m],
        ivr_outcome=outcome[m],
        queue=blank,
        queue_in=blank,
        alert=blank,
        answered=blank,
        first_utterance=blank,
        hold=blank,
        ended=ivr_out[m],
        acw_end=blank,
        agent=blank,
        window=blank,
        transferred_to=blank,
        category=blank,
        resolution=blank,
        sales_opportunity=blank,
        sale=blank,
        is_test=calls.is_test[m],
    )


def _queue_legs(rng, q, n_queues, entry, call, leg, calls: InboundCalls, windows: Windows):
    m = len(entry)
    category = calls.category[call]
    patience = _lognormal_int(rng, bh.PATIENCE_MEDIAN_S, bh.PATIENCE_SIGMA, 5, 3600, m)
    ring = rng.integers(bh.RING_S[0], bh.RING_S[1] + 1, size=m)
    talk = _lognormal_int(rng, bh.TALK_MEDIAN_S[category], bh.TALK_SIGMA, 20, 3600, m)
    transfer = (q < n_queues - 1) & (rng.random(m) < bh.TRANSFER_P) & ~calls.is_test[call]
    talk = np.where(transfer, np.maximum(15, talk * rng.uniform(0.25, 0.6, size=m)).astype(np.int64), talk)
    acw = np.where(
        transfer, rng.integers(5, 30, size=m), _lognormal_int(rng, bh.ACW_MEDIAN_S, bh.ACW_SIGMA, 3, 900, m)
    )
    serving = np.flatnonzero(windows.queue == q)
    res = simulate_queue(
        entry, patience, ring + talk + acw, windows.agent[serving], windows.start[serving], windows.end[serving]
    )
    ok = res.agent >= 0
    answered = res.start + ring
    first_utt = answered + rng.integers(bh.FIRST_UTTERANCE_S[0], bh.FIRST_UTTERANCE_S[1] + 1, size=m)
    ended = np.where(ok, answered + talk, entry + patience)
    has_hold = ok & (rng.random(m) < bh.HOLD_SHARE)
    hold = np.minimum(_lognormal_int(rng, bh.HOLD_MEDIAN_S, 0.7, 5, 1800, m), talk // 2)
    moved = ok & transfer
    target = _blank(m)
    if moved.any():
        target[moved] = q + 1 + rng.choice(n_queues - q - 1, size=int(moved.sum()), p=transfer_weights(q, n_queues))
    transfers = {
        int(t): (ended[target == t], call[target == t], leg[target == t] + 1) for t in np.unique(target[moved])
    }
    blank = _blank(m)
    first = leg == 1
    part = Legs(
        number=call,
        leg=leg,
        outbound=np.zeros(m, np.int64),
        campaign=blank,
        campaign_outcome=blank,
        customer=calls.customer[call],
        ivr_in=np.where(first, calls.arrival[call], NONE),
        ivr_out=np.where(first, entry, NONE),
        ivr_outcome=np.where(first, TO_QUEUE, NONE),
        queue=np.full(m, q),
        queue_in=entry,
        alert=np.where(ok, res.start, NONE),
        answered=np.where(ok, answered, NONE),
        first_utterance=np.where(ok, first_utt, NONE),
        hold=np.where(ok, np.where(has_hold, hold, 0), NONE),
        ended=ended,
        acw_end=np.where(ok, ended + acw, NONE),
        agent=res.agent,
        window=np.where(ok, serving[np.maximum(res.window, 0)] if serving.size else NONE, NONE),
        transferred_to=target,
        category=np.where(ok, category, NONE),
        resolution=blank,
        sales_opportunity=np.where(ok, 0, NONE),
        sale=np.where(ok, 0, NONE),
        is_test=calls.is_test[call],
    )
    return part, transfers


def _wrap_up(rng: np.random.Generator, legs: Legs, calls: InboundCalls) -> Legs:
    """Resolution and sales on the final answered leg of each call; calls index -> call numbers."""
    order = np.lexsort((legs.leg, legs.number))
    legs = Legs(*(getattr(legs, f.name)[order] for f in fields(Legs)))
    final = np.r_[legs.number[1:] != legs.number[:-1], True] & (legs.agent >= 0)
    n = len(legs)
    repeat = calls.repeat_follows[legs.number]
    settled = rng.choice(3, size=n, p=[0.93, 0.03, 0.04])
    unsettled = rng.choice([1, 2], size=n)
    resolution = np.where(final, np.where(repeat & ~legs.is_test, unsettled, settled), NONE)
    p_opp = np.where(SALES_CATEGORIES[np.maximum(legs.category, 0)], 0.5, 0.1)
    opp = final & (rng.random(n) < p_opp) & ~legs.is_test
    sale = opp & (rng.random(n) < 0.3)
    return Legs(
        **{
            **{f.name: getattr(legs, f.name) for f in fields(Legs)},
            "number": calls.number[legs.number],
            "resolution": resolution,
            "sales_opportunity": np.where(legs.agent >= 0, opp, NONE),
            "sale": np.where(legs.agent >= 0, sale, NONE),
        }
    )


def simulate_outbound_day(
    rng: np.random.Generator,
    windows: Windows,
    serving: np.ndarray,
    first_number: int,
    n_campaigns: int,
    campaign_base: int,
) -> Legs:
    """Agents on the outbound queue dial one customer after another through their windows; each dial is a one-leg
    outbound call. Customers are left to the caller (-1)."""
    if len(serving) == 0:
        return concat_legs([])
    w_len = windows.end[serving] - windows.start[serving]
    k = int(w_len.max() // 40) + 2  # enough dials to fill the longest window (a dial cycle averages ~2 minutes)
    shape = (len(serving), k)
    answered = rng.random(shape) < 0.42
    busy_signal = ~answered & (rng.random(shape) < 0.25)
    ring = np.where(busy_signal, rng.integers(2, 6, size=shape), rng.integers(5, 31, size=shape))
    ring = np.where(answered, rng.integers(5, 21, size=shape), ring)
    talk = np.where(answered, _lognormal_int(rng, 150, 0.6, 20, 2400, shape), 0)
    acw = np.where(answered, _lognormal_int(rng, 30, 0.5, 5, 600, shape), rng.integers(3, 11, size=shape))
    gap = rng.integers(3, 21, size=shape)
    cycle = ring + talk + acw + gap
    dial = windows.start[serving][:, None] + np.cumsum(cycle, axis=1) - cycle
    live = dial < windows.end[serving][:, None]
    w_idx = np.broadcast_to(serving[:, None], shape)[live]
    dial, ring, talk, acw, answered, busy_signal = (a[live] for a in (dial, ring, talk, acw, answered, busy_signal))
    m = len(dial)
    code = CAMPAIGN_OUTCOMES.index
    spoke = rng.choice(
        [code("appointment"), code("sale"), code("refused"), code("callback_requested")],
        size=m,
        p=[0.22, 0.18, 0.45, 0.15],
    )
    outcome = np.where(answered, spoke, np.where(busy_signal, code("busy"), code("no_answer")))
    ans = dial + ring
    ended = np.where(answered, ans + talk, dial + ring)
    blank = _blank(m)
    return Legs(
        number=first_number + np.arange(m),
        leg=np.ones(m, np.int64),
        outbound=np.ones(m, np.int64),
        campaign=campaign_base + rng.integers(0, n_campaigns, size=m),
        campaign_outcome=outcome,
        customer=blank,
        ivr_in=blank,
        ivr_out=blank,
        ivr_outcome=blank,
        queue=windows.queue[w_idx],
        queue_in=blank,
        alert=dial,
        answered=np.where(answered, ans, NONE),
        first_utterance=np.where(answered, ans + rng.integers(1, 4, size=m), NONE),
        hold=np.where(answered, 0, NONE),
        ended=ended,
        acw_end=ended + acw,
        agent=windows.agent[w_idx],
        window=w_idx,
        transferred_to=blank,
        category=np.where(answered, CATEGORIES.index("sales"), NONE),
        resolution=blank,
        sales_opportunity=np.where(answered, 1, NONE),
        sale=np.where(answered, outcome == code("sale"), NONE),
        is_test=np.zeros(m, bool),
    )
