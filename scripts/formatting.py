"""Numbers for people: one set of rules per KPI unit, used by the report (Python) and the dashboards (the same rules
as DuckDB SQL for Superset's tables, d3 formats for its charts).

Ratios are percentages with one decimal, durations h:mm:ss, counts and money with thousands separators, scores with
the decimals their scale needs. `sql_format_value` yields the very strings `format_value` does (a test runs both).
"""

from __future__ import annotations

import math

MISSING = "-"
# unit -> Python format spec of the value (ratios are scaled to percent first, seconds become h:mm:ss)
DECIMAL_SPECS = {
    "currency": ",.2f",
    "score_1_5": ".2f",
    "score_0_10": ".2f",
    "score_0_100": ".1f",
    "nps_points": ".1f",
    "rate_per_period": ",.1f",
}
DEFAULT_SPEC = ",.2f"
# unit -> d3 format of Superset's charts (big numbers, lines), which cannot do h:mm:ss: seconds stay whole seconds
D3_FORMATS = {
    "ratio": ".1%",
    "seconds": ",.0f",
    "count": ",.0f",
    "currency": ",.2f",
    "score_1_5": ".2f",
    "score_0_10": ".2f",
    "score_0_100": ".1f",
    "nps_points": ".1f",
    "rate_per_period": ",.1f",
}


def _missing(value: float | None) -> bool:
    return value is None or math.isnan(value)


def format_duration(seconds: float | None) -> str:
    """h:mm:ss (hours run past 24), rounded to the second, half up; '-' when missing."""
    if _missing(seconds):
        return MISSING
    sign = "-" if seconds < 0 else ""
    whole = math.floor(abs(seconds) + 0.5)
    return f"{sign}{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def format_count(count: float | None) -> str:
    """A count with thousands separators: 16,729; whole counts without decimals, others with one."""
    if _missing(count):
        return MISSING
    return f"{count:,.0f}" if float(count).is_integer() else f"{count:,.1f}"


def format_value(value: float | None, unit: str) -> str:
    """A KPI value in its unit: 81.2%, 0:05:26, 16,729, 42.45, 4.21, 31.1; '-' when missing."""
    if _missing(value):
        return MISSING
    if unit == "ratio":
        return f"{value * 100:.1f}%"
    if unit == "seconds":
        return format_duration(value)
    if unit == "count":
        return format_count(value)
    return f"{value:{DECIMAL_SPECS.get(unit, DEFAULT_SPEC)}}"


def format_change(change: float | None, unit: str) -> str:
    """A change between periods: percentage points for ratios, a signed value otherwise (+0:00:05, -0.03)."""
    if _missing(change):
        return MISSING
    if unit == "ratio":
        return f"{change * 100:+.1f} pp"
    return ("+" if change >= 0 else "") + format_value(change, unit)


def format_target(operator: str | None, value: float | None, low: float | None, high: float | None, unit: str) -> str:
    """'>= 80.0%', '<= 0:10:00', '0:00:30..0:01:00'; '-' without a target."""
    if operator is None:
        return MISSING
    if operator == "between":
        return f"{format_value(low, unit)}..{format_value(high, unit)}"
    return f"{operator} {format_value(value, unit)}"


def d3_format(unit: str) -> str:
    """The d3 number format of a chart showing one KPI unit."""
    return D3_FORMATS.get(unit, DEFAULT_SPEC)


def _sql_duration(value_sql: str) -> str:
    whole = f"cast(floor(abs({value_sql}) + 0.5) as bigint)"
    return (
        f"(case when {value_sql} < 0 then '-' else '' end || format('{{}}:{{:02d}}:{{:02d}}', "
        f"{whole} // 3600, {whole} % 3600 // 60, {whole} % 60))"
    )


def sql_format_value(value_sql: str, unit_sql: str) -> str:
    """DuckDB SQL giving format_value's text for a value and unit column (or literal), for dashboard tables."""
    value_sql = f"cast({value_sql} as double)"
    count_text = (
        f"case when {value_sql} = floor({value_sql}) then format('{{:,.0f}}', {value_sql}) "
        f"else format('{{:,.1f}}', {value_sql}) end"
    )
    decimal_cases = " ".join(
        f"when '{unit}' then format('{{:{spec}}}', {value_sql})" for unit, spec in DECIMAL_SPECS.items()
    )
    return (
        f"(case when {value_sql} is null or isnan({value_sql}) then '{MISSING}' else case {unit_sql} "
        f"when 'ratio' then format('{{:.1f}}%', {value_sql} * 100) "
        f"when 'seconds' then {_sql_duration(value_sql)} "
        f"when 'count' then {count_text} "
        f"{decimal_cases} "
        f"else format('{{:{DEFAULT_SPEC}}}', {value_sql}) end end)"
    )


def sql_format_count(count_sql: str) -> str:
    """DuckDB SQL giving format_count's text."""
    return sql_format_value(count_sql, "'count'")


def sql_format_target(operator_sql: str, value_sql: str, low_sql: str, high_sql: str, unit_sql: str) -> str:
    """DuckDB SQL giving format_target's text."""
    return (
        f"(case when {operator_sql} is null then '{MISSING}' when {operator_sql} = 'between' then "
        f"{sql_format_value(low_sql, unit_sql)} || '..' || {sql_format_value(high_sql, unit_sql)} "
        f"else {operator_sql} || ' ' || {sql_format_value(value_sql, unit_sql)} end)"
    )
