"""Agent state log (ACD) from worked windows and the contacts handled in them."""

from __future__ import annotations

import numpy as np

from .shifts import AGENT_STATES, StateRows, Windows

READY, ON_CONTACT, AFTER_CALL_WORK, OFFLINE = (
    AGENT_STATES.index(s) for s in ("ready", "on_contact", "after_call_work", "offline")
)


def _prior_max_within(groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For rows sorted by group: max of values over the earlier rows of the same group (int64 min if none)."""
    none = np.iinfo(np.int64).min
    if len(values) == 0:
        return values.copy()
    rank = np.r_[0, np.cumsum(groups[1:] != groups[:-1])]
    low = int(values.min())
    span = int(values.max()) - low + 1
    running = np.maximum.accumulate(values - low + rank * span) - rank * span + low
    return np.where(np.r_[False, groups[1:] == groups[:-1]], np.r_[none, running[:-1]], none)


def build_states(
    windows: Windows, call_window: np.ndarray, alert: np.ndarray, ended: np.ndarray, acw_end: np.ndarray
) -> StateRows:
    """State intervals: on_contact from ringing to hang-up, after_call_work to the end of wrap-up, ready in the idle
    parts of open-work windows, break/training/meeting between windows, offline from log-out to the next log-in.

    windows must be sorted by agent and start; call_window indexes them. A call running past its window's end
    pushes the window's end (and the agent's return from the following break) back.
    """
    n_w = len(windows)
    busy_end = np.full(n_w, np.iinfo(np.int64).min)
    np.maximum.at(busy_end, call_window, acw_end)
    w_end = np.maximum(windows.end, busy_end)
    w_start = np.maximum(windows.start, _prior_max_within(windows.agent, w_end))
    w_end = np.maximum(w_end, w_start)
    # ready: idle stretches before each call and after the last call of each window
    order = np.lexsort((alert, call_window))
    cw, al, ae = call_window[order], alert[order], acw_end[order]
    first_of_window = np.r_[True, cw[1:] != cw[:-1]] if len(cw) else np.empty(0, bool)
    idle_from = np.where(first_of_window, w_start[cw], np.r_[0, ae[:-1]]) if len(cw) else np.empty(0, np.int64)
    tail_from = np.where(busy_end > np.iinfo(np.int64).min, busy_end, w_start)  # after the window's last call
    # gaps between windows of one shift, and offline after a shift's last window
    nxt_start = np.r_[w_start[1:], 0]
    in_shift = windows.gap_state >= 0
    last = ~in_shift
    parts = [
        (windows.agent[cw], np.full(len(cw), READY), idle_from, al),
        (windows.agent[call_window], np.full(len(alert), ON_CONTACT), alert, ended),
        (windows.agent[call_window], np.full(len(alert), AFTER_CALL_WORK), ended, acw_end),
        (windows.agent, np.full(n_w, READY), tail_from, w_end),
        (windows.agent[in_shift], windows.gap_state[in_shift], w_end[in_shift], nxt_start[in_shift]),
        (windows.agent[last], np.full(last.sum(), OFFLINE), w_end[last], windows.offline_until[last]),
    ]
    agent, state, start, end = (np.concatenate([np.asarray(p[i], dtype=np.int64) for p in parts]) for i in range(4))
    keep = end > start
    return StateRows(agent=agent[keep], state=state[keep], start=start[keep], end=end[keep])
