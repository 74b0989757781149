"""First-come-first-served multi-agent queue with caller patience, over agents' availability windows."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from itertools import pairwise

import numpy as np


@dataclass(frozen=True)
class QueueResult:
    start: np.ndarray  # when an agent took the call (its phone starts ringing); -1 when abandoned
    agent: np.ndarray  # agent taking the call; -1 when abandoned
    window: np.ndarray  # index of the availability window the call started in; -1 when abandoned


def simulate_queue(
    arrival: np.ndarray,
    patience: np.ndarray,
    busy: np.ndarray,
    win_agent: np.ndarray,
    win_start: np.ndarray,
    win_end: np.ndarray,
) -> QueueResult:
    """Serve calls in arrival order by the agent idle longest; a call abandons once its wait would exceed patience.

    arrival must be ascending (integer seconds). busy is how long the agent is occupied by a call (ring, talk and
    after-call work). An agent starts calls only inside its windows, but finishes a call that runs past a window's
    end, and comes back to the next window no earlier than that. Pure function.
    """
    n = len(arrival)
    start = np.full(n, -1, dtype=np.int64)
    agent_out = np.full(n, -1, dtype=np.int64)
    window_out = np.full(n, -1, dtype=np.int64)
    if n == 0 or len(win_agent) == 0:
        return QueueResult(start, agent_out, window_out)
    order = np.lexsort((win_start, win_agent))
    agents, first = np.unique(win_agent[order], return_index=True)
    spans = list(pairwise(np.r_[first, len(order)].tolist()))
    starts = [win_start[order[a:b]].tolist() for a, b in spans]
    ends = [win_end[order[a:b]].tolist() for a, b in spans]
    ids = [order[a:b].tolist() for a, b in spans]
    pointer = [0] * len(agents)
    # heap of (lower bound of the time the agent can next take a call, agent slot)
    heap = [(s[0], k) for k, s in enumerate(starts)]
    heapq.heapify(heap)
    arr, pat, dur = arrival.tolist(), patience.tolist(), busy.tolist()
    starts_out, agents_out, windows_out = start, agent_out, window_out
    for i in range(n):
        a = arr[i]
        deadline = a + pat[i]
        while heap:
            t, k = heap[0]
            s = t if t > a else a
            if s > deadline:
                break
            p, we = pointer[k], ends[k]
            while p < len(we) and we[p] <= s:
                p += 1
            if p == len(we):
                heapq.heappop(heap)  # the agent's last window is over
                continue
            pointer[k] = p
            ws = starts[k][p]
            if ws > s:
                heapq.heapreplace(heap, (ws, k))  # on a break or not logged in yet: back at ws
                continue
            starts_out[i] = s
            agents_out[i] = k
            windows_out[i] = ids[k][p]
            heapq.heapreplace(heap, (s + dur[i], k))
            break
    agent_out = np.where(agent_out >= 0, agents[np.maximum(agent_out, 0)], -1)
    return QueueResult(starts_out, agent_out, window_out)
