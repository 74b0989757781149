"""Erlang C reference (scripts/erlang.py) against the published textbook interval: 100 calls in 30 minutes at
180 s AHT is 10 erlangs; with 14 agents P(wait) = 0.1741, service level at 20 s = 0.8884, ASA = 7.84 s, and 14 is
the fewest agents reaching 80/20."""

from __future__ import annotations

import math

import pytest

from scripts.erlang import (
    average_speed_of_answer,
    erlang_c_wait_probability,
    required_agents,
    service_level,
    traffic_erlangs,
)

TRAFFIC = traffic_erlangs(calls=100, aht_seconds=180, interval_seconds=1800)


def test_traffic_is_ten_erlangs() -> None:
    assert math.isclose(TRAFFIC, 10.0)


def test_published_wait_probability() -> None:
    assert round(erlang_c_wait_probability(TRAFFIC, 14), 4) == 0.1741


def test_published_service_level() -> None:
    assert round(service_level(TRAFFIC, 14, aht_seconds=180, answer_within_seconds=20), 4) == 0.8884


def test_published_average_speed_of_answer() -> None:
    assert round(average_speed_of_answer(TRAFFIC, 14, aht_seconds=180), 2) == 7.84


def test_fourteen_agents_is_the_smallest_count_meeting_80_20() -> None:
    assert service_level(TRAFFIC, 13, aht_seconds=180, answer_within_seconds=20) < 0.8
    assert required_agents(TRAFFIC, aht_seconds=180, answer_within_seconds=20, target=0.8) == 14


def test_unstable_queue_waits_always() -> None:
    assert erlang_c_wait_probability(TRAFFIC, 10) == 1.0
    assert service_level(TRAFFIC, 9, aht_seconds=180, answer_within_seconds=20) == 0.0
    assert math.isinf(average_speed_of_answer(TRAFFIC, 10, aht_seconds=180))


def test_more_agents_never_hurt() -> None:
    levels = [service_level(TRAFFIC, n, 180, 20) for n in range(11, 30)]
    assert levels == sorted(levels)
    assert levels[0] > 0 and levels[-1] < 1


def test_no_traffic_needs_no_agents() -> None:
    assert required_agents(0.0, aht_seconds=180, answer_within_seconds=20, target=0.8) == 0


def test_bound_reached_gives_none() -> None:
    assert required_agents(TRAFFIC, aht_seconds=180, answer_within_seconds=20, target=0.8, max_agents=13) is None


def test_large_traffic_is_stable_numerically() -> None:
    # 400 erlangs: A^k / k! overflows a float without the recursion; the result must stay a proper count
    need = required_agents(400.0, aht_seconds=300, answer_within_seconds=20, target=0.8)
    assert need is not None and 400 < need < 440


def test_negative_traffic_is_rejected() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        erlang_c_wait_probability(-1.0, 3)
