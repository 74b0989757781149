"""Erlang C queueing formulas: the reference the SQL macro (macros/erlang_c.sql) is tested against.

Traffic A (erlangs) = calls in the interval * average handle time / interval seconds. With N agents:
    Erlang B  B(0) = 1, B(n) = A B(n-1) / (n + A B(n-1))
    Erlang C  C(N, A) = N B(N) / (N - A (1 - B(N)))                       probability that a call waits
    SL(N)     = 1 - C(N, A) exp(-(N - A) T / AHT)                          share answered within T seconds
    ASA(N)    = C(N, A) AHT / (N - A)                                      average speed of answer
The queue is unstable when N <= A: every call waits (C = 1), nothing is answered within T, ASA is unbounded.
"""

from __future__ import annotations

import math


def erlang_b_blocking(traffic_erlangs: float, agents: int) -> float:
    """Erlang B blocking probability by the stable recursion. 1.0 for no agents."""
    _check(traffic_erlangs, agents)
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic_erlangs * blocking / (n + traffic_erlangs * blocking)
    return blocking


def erlang_c_wait_probability(traffic_erlangs: float, agents: int) -> float:
    """Probability that a call waits (Erlang C). 0 <= result <= 1; 1.0 when agents <= traffic."""
    if agents <= traffic_erlangs:
        _check(traffic_erlangs, agents)
        return 1.0
    blocking = erlang_b_blocking(traffic_erlangs, agents)
    return agents * blocking / (agents - traffic_erlangs * (1 - blocking))


def service_level(traffic_erlangs: float, agents: int, aht_seconds: float, answer_within_seconds: float) -> float:
    """Share of calls answered within answer_within_seconds. 0.0 when agents <= traffic (unstable queue)."""
    if aht_seconds <= 0:
        raise ValueError(f"aht_seconds must be positive, got {aht_seconds}")
    if agents <= traffic_erlangs:
        _check(traffic_erlangs, agents)
        return 0.0
    wait = erlang_c_wait_probability(traffic_erlangs, agents)
    return 1 - wait * math.exp(-(agents - traffic_erlangs) * answer_within_seconds / aht_seconds)


def average_speed_of_answer(traffic_erlangs: float, agents: int, aht_seconds: float) -> float:
    """Mean wait in seconds over all calls (answered immediately counts 0). math.inf when agents <= traffic."""
    if agents <= traffic_erlangs:
        _check(traffic_erlangs, agents)
        return math.inf
    return erlang_c_wait_probability(traffic_erlangs, agents) * aht_seconds / (agents - traffic_erlangs)


def required_agents(
    traffic_erlangs: float,
    aht_seconds: float,
    answer_within_seconds: float,
    target: float,
    max_agents: int = 500,
) -> int | None:
    """Smallest N > traffic with service_level >= target; 0 for no traffic; None when max_agents is not enough."""
    if not 0 <= target < 1:
        raise ValueError(f"target must be in [0, 1), got {target}")
    _check(traffic_erlangs, 0)
    if traffic_erlangs == 0:
        return 0
    for agents in range(math.floor(traffic_erlangs) + 1, max_agents + 1):
        if service_level(traffic_erlangs, agents, aht_seconds, answer_within_seconds) >= target:
            return agents
    return None


def traffic_erlangs(calls: float, aht_seconds: float, interval_seconds: float) -> float:
    """Offered load of an interval: calls * AHT / interval length."""
    if interval_seconds <= 0:
        raise ValueError(f"interval_seconds must be positive, got {interval_seconds}")
    return calls * aht_seconds / interval_seconds


def _check(traffic: float, agents: int) -> None:
    if traffic < 0 or agents < 0:
        raise ValueError(f"traffic and agents must be non-negative, got traffic={traffic}, agents={agents}")
