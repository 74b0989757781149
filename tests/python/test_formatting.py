"""Numbers for people (scripts/formatting.py): the Python formats of the report and the SQL of the dashboards' tables
give the same text."""

from __future__ import annotations

import math

import duckdb
import pytest

from scripts.formatting import (
    d3_format,
    format_change,
    format_count,
    format_duration,
    format_target,
    format_value,
    sql_format_count,
    sql_format_target,
    sql_format_value,
)

# (value, unit, text a person should read)
CASES = [
    (0.8123, "ratio", "81.2%"),
    (1.0, "ratio", "100.0%"),
    (24.34, "seconds", "0:00:24"),
    (325.54, "seconds", "0:05:26"),
    (201464.6, "seconds", "55:57:45"),  # 2 days 7:57:45, hours run on
    (2.5, "seconds", "0:00:03"),  # half up, not to even
    (-63.0, "seconds", "-0:01:03"),
    (17458.0, "count", "17,458"),
    (500.35, "count", "500.4"),
    (636363.6, "currency", "636,363.60"),
    (4.205040871934605, "score_1_5", "4.21"),
    (31.13905325443787, "nps_points", "31.1"),
    (88.47935483870968, "score_0_100", "88.5"),
    (5.826774893784348, "score_0_10", "5.83"),
    (3848.737847814049, "rate_per_period", "3,848.7"),
    (1234.5678, "unit_not_in_the_catalogue", "1,234.57"),
    (None, "ratio", "-"),
    (math.nan, "seconds", "-"),
]


@pytest.mark.parametrize(("value", "unit", "text"), CASES)
def test_format_value(value: float | None, unit: str, text: str) -> None:
    assert format_value(value, unit) == text


def test_no_long_floats_anywhere() -> None:
    # the agent ranking once showed 94.71067810161296
    for unit in ("ratio", "seconds", "count", "currency", "score_0_100", "nps_points"):
        assert len(format_value(94.71067810161296, unit).split(".")[-1]) <= 2 or unit == "seconds"


def test_durations_counts_and_changes() -> None:
    assert format_duration(0.4) == "0:00:00"
    assert format_duration(3600) == "1:00:00"
    assert format_count(1352) == "1,352"
    assert format_count(None) == "-"
    assert format_change(0.012, "ratio") == "+1.2 pp"
    assert format_change(-63.0, "seconds") == "-0:01:03"
    assert format_change(0.0, "score_1_5") == "+0.00"
    assert format_change(None, "ratio") == "-"


def test_chart_formats_follow_the_unit() -> None:
    assert d3_format("ratio") == ".1%"
    assert d3_format("score_1_5") == ".2f"
    assert d3_format("nps_points") == ".1f"


def test_the_dashboards_sql_gives_the_reports_text() -> None:
    with duckdb.connect() as connection:
        for value, unit, text in CASES:
            (shown,) = connection.execute(
                f"select {sql_format_value('v', 'u')} from (select cast(? as double) as v, ? as u)", [value, unit]
            ).fetchone()
            assert shown == text, (value, unit)
        counts = connection.execute(
            f"select {sql_format_count('n')} from (select 16729::bigint as n union all select null) order by n"
        ).fetchall()
        assert counts == [("16,729",), ("-",)]


TARGETS = [
    ((">=", 0.8, None, None, "ratio"), ">= 80.0%"),
    (("<=", 600.0, None, None, "seconds"), "<= 0:10:00"),
    (("between", None, 30.0, 60.0, "seconds"), "0:00:30..0:01:00"),
    ((None, None, None, None, "ratio"), "-"),
]


def test_targets_read_the_same_in_the_report_and_the_dashboards() -> None:
    with duckdb.connect() as connection:
        for arguments, text in TARGETS:
            assert format_target(*arguments) == text
            (shown,) = connection.execute(
                f"select {sql_format_target('o', 'v', 'l', 'h', 'u')} from (select cast(? as varchar) as o, "
                "cast(? as double) as v, cast(? as double) as l, cast(? as double) as h, ? as u)",
                list(arguments),
            ).fetchone()
            assert shown == text, arguments
