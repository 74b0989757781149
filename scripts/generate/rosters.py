"""Who is on open work when: picking agents for contacts that are not queue-simulated (chat, e-mail, social)."""

from __future__ import annotations

import numpy as np

from .shifts import Windows


def agents_covering(rng: np.random.Generator, windows: Windows, times: np.ndarray, tries: int = 12) -> np.ndarray:
    """For each time, a random agent whose open-work window covers it; -1 when nobody is on open work."""
    out = np.full(len(times), -1, dtype=np.int64)
    if len(windows) == 0 or len(times) == 0:
        return out
    order = np.argsort(windows.start, kind="stable")
    starts, ends, agents = windows.start[order], windows.end[order], windows.agent[order]
    longest = int((ends - starts).max())
    hi = np.searchsorted(starts, times, side="right")
    lo = np.searchsorted(starts, times - longest, side="left")
    todo = np.flatnonzero(hi > lo)
    for _ in range(tries):
        if todo.size == 0:
            break
        j = lo[todo] + (rng.random(todo.size) * (hi[todo] - lo[todo])).astype(np.int64)
        ok = ends[j] > times[todo]
        out[todo[ok]] = agents[j[ok]]
        todo = todo[~ok]
    return out


def agents_at_or_after(rng: np.random.Generator, windows: Windows, times: np.ndarray) -> np.ndarray:
    """An agent on open work at each time, else the next one to log in (else the last one seen)."""
    out = agents_covering(rng, windows, times)
    missing = out < 0
    if missing.any() and len(windows):
        order = np.argsort(windows.start, kind="stable")
        nxt = np.minimum(np.searchsorted(windows.start[order], times[missing]), len(order) - 1)
        out[missing] = windows.agent[order][nxt]
    return out
