"""Erlang C staffing: agents needed per interval to meet a service-level goal."""

from __future__ import annotations

import numpy as np


def required_agents(
    calls: np.ndarray, aht_s: np.ndarray, interval_s: float, target: float, threshold_s: float, max_agents: int = 2000
) -> np.ndarray:
    """Smallest agent count per interval with service level >= target (vectorised over intervals; 0 for no calls)."""
    traffic = np.asarray(calls, dtype=float) * np.asarray(aht_s, dtype=float) / interval_s
    need = np.where(traffic > 0, -1, 0)
    blocking = np.ones_like(traffic)
    for n in range(1, max_agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
        stable = n > traffic
        with np.errstate(divide="ignore", invalid="ignore"):
            wait_p = np.where(stable, n * blocking / (n - traffic * (1 - blocking)), 1.0)
            service = 1 - wait_p * np.exp(-(n - traffic) * threshold_s / np.where(aht_s > 0, aht_s, 1))
        newly = (need < 0) & stable & (service >= target)
        need = np.where(newly, n, need)
        if not (need < 0).any():
            break
    return np.where(need < 0, max_agents, need)
