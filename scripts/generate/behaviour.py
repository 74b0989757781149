"""Behavioural constants of callers and agents, shared by the simulation and the WFM forecast."""

from __future__ import annotations

import numpy as np

# Talk time (answer to hang-up) is lognormal per inquiry category (order of entities.CATEGORIES), seconds.
TALK_MEDIAN_S = np.array([230.0, 200.0, 380.0, 140.0, 170.0, 420.0, 200.0, 280.0, 480.0, 170.0])
TALK_SIGMA = 0.55
ACW_MEDIAN_S = 35.0
ACW_SIGMA = 0.6
HOLD_SHARE = 0.3  # share of answered legs with some hold
HOLD_MEDIAN_S = 40.0
RING_S = (2, 15)
FIRST_UTTERANCE_S = (1, 5)
IVR_MEDIAN_S = 40.0
IVR_OUTCOMES = ("self_served", "to_queue", "hung_up")
IVR_P = (0.15, 0.81, 0.04)
PATIENCE_MEDIAN_S = 200.0
PATIENCE_SIGMA = 0.8
TRANSFER_P = 0.06
ANSWER_P_PLANNING = 0.93  # answered share the planners assume when forecasting transfers


def lognormal_mean(median: np.ndarray | float, sigma: float) -> np.ndarray | float:
    return median * np.exp(sigma**2 / 2)


def mean_handle_s() -> np.ndarray:
    """Expected handle time (talk, which includes hold, plus after-call work) per category."""
    return lognormal_mean(TALK_MEDIAN_S, TALK_SIGMA) + lognormal_mean(ACW_MEDIAN_S, ACW_SIGMA)
