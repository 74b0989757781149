"""The month's centre KPIs against their targets, for the terminal: worst misses first, change from last month.

Reads the serving copy (read-only) when it exists, else the build database. Fits in 100 columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

ROWS_QUERY = """
    select
        kpi_values.metric_id,
        coalesce(kpis.name_en, kpi_values.metric_id),
        kpi_values.value,
        kpi_values.unit,
        kpi_values.direction,
        kpi_values.target_operator,
        kpi_values.target_value,
        kpi_values.target_low,
        kpi_values.target_high,
        kpi_values.meets_target,
        kpi_values.change_from_previous_period
    from main.fct_kpi_values as kpi_values
    left join main.dim_kpi as kpis on kpi_values.metric_id = kpis.metric_id
    where
        kpi_values.period_grain = 'month'
        and kpi_values.dimension_name = 'centre'
        and kpi_values.period_start = ?
"""
# days with any KPI value bound the data; a month is complete when the data reaches its last day
LAST_DAY_QUERY = """
    select max(period_start) from main.fct_kpi_values where period_grain = 'day' and value is not null
"""
# centre KPIs with a value, per month
COVERAGE_QUERY = """
    select period_start, count(*)
    from main.fct_kpi_values
    where period_grain = 'month' and dimension_name = 'centre' and value is not null
    group by period_start
    order by period_start
"""
DIRECTION_MARKS = {"higher_is_better": "up", "lower_is_better": "down", "target_band": "band"}
NAME_WIDTH = 34


@dataclass(frozen=True)
class KpiRow:
    metric_id: str
    name: str
    value: float | None
    unit: str
    direction: str
    target_operator: str | None
    target_value: float | None
    target_low: float | None
    target_high: float | None
    meets_target: bool | None
    change: float | None


def _scaled_gap(gap: float, reference: float | None) -> float:
    """gap as a fraction of the target; absolute when the target is zero."""
    return gap / abs(reference) if reference else gap


def relative_miss(row: KpiRow) -> float | None:
    """How far the value is on the wrong side of its target, as a fraction of the target: positive for a miss,
    negative (the margin) when met; None without a value or a target."""
    if row.value is None or row.target_operator is None:
        return None
    if row.target_operator == ">=" and row.target_value is not None:
        return _scaled_gap(row.target_value - row.value, row.target_value)
    if row.target_operator == "<=" and row.target_value is not None:
        return _scaled_gap(row.value - row.target_value, row.target_value)
    if row.target_operator == "between" and row.target_low is not None and row.target_high is not None:
        if row.value < row.target_low:
            return _scaled_gap(row.target_low - row.value, row.target_low)
        if row.value > row.target_high:
            return _scaled_gap(row.value - row.target_high, row.target_high)
        margin = min(row.value - row.target_low, row.target_high - row.value)
        return -_scaled_gap(margin, max(abs(row.target_low), abs(row.target_high)))
    return None


def ordered(rows: list[KpiRow]) -> list[KpiRow]:
    """KPIs with a target and a value: misses first, worst relative miss first; then met ones, closest first."""
    judged = [row for row in rows if row.meets_target is not None and relative_miss(row) is not None]
    return sorted(judged, key=lambda row: (row.meets_target, -(relative_miss(row) or 0.0), row.metric_id))


def format_number(value: float | None, unit: str) -> str:
    """Ratios as percentages, counts and money with thousands separators, scores with two decimals."""
    if value is None or math.isnan(value):
        return "-"
    if unit == "ratio":
        return f"{value * 100:.1f}%"
    if unit == "seconds":
        return f"{value:,.0f} s"
    if unit in ("count", "currency", "rate_per_period") and abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def format_change(change: float | None, unit: str) -> str:
    if change is None or math.isnan(change):
        return "-"
    if unit == "ratio":
        return f"{change * 100:+.1f} pp"
    return ("+" if change >= 0 else "") + format_number(change, unit)


def format_target(row: KpiRow) -> str:
    if row.target_operator == "between":
        return f"{format_number(row.target_low, row.unit)}..{format_number(row.target_high, row.unit)}"
    return f"{row.target_operator} {format_number(row.target_value, row.unit)}"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "~"


def report_lines(rows: list[KpiRow], month: str, source: Path) -> list[str]:
    """Title, source, the table (at most 100 characters wide) and a count of KPIs without a value or a target."""
    judged = ordered(rows)
    misses = sum(not row.meets_target for row in judged)
    lines = [
        f"Centre KPIs for {month} against target",
        f"read from {source}",
        f"{misses} missed, {len(judged) - misses} met",
        f"     {'KPI':<{NAME_WIDTH}} {'value':>11} {'target':>15} {'unit':<10} {'vs last month':>13} dir",
    ]
    for row in judged:
        lines.append(
            f"{'MISS' if not row.meets_target else 'ok':<4} {_shorten(row.name, NAME_WIDTH):<{NAME_WIDTH}} "
            f"{format_number(row.value, row.unit):>11} {_shorten(format_target(row), 15):>15} "
            f"{_shorten(row.unit, 10):<10} {format_change(row.change, row.unit):>13} "
            f"{DIRECTION_MARKS.get(row.direction, row.direction)}"
        )
    no_value = sum(row.target_operator is not None and row.value is None for row in rows)
    no_target = sum(row.target_operator is None for row in rows)
    lines.append(f"{no_value} KPI(s) with a target have no value this month; {no_target} KPI(s) have no target.")
    return lines


def default_month(last_day: date | None, coverage: dict[date, int]) -> date | None:
    """The latest month the data covers to its last day and in which at least half as many KPIs have a value as in
    the best-covered month; else the latest such month even if incomplete (data ends mid-month only).

    The coverage rule skips trailing months that only one source reaches: the Anonymous Bank's interval counts run
    to December while its calls, and so nearly every KPI, cover August alone."""
    if not coverage:
        return None
    busy = [month for month in sorted(coverage) if 2 * coverage[month] >= max(coverage.values())]
    complete = [month for month in busy if last_day is not None and _month_end(month) <= last_day]
    return (complete or busy)[-1]


def _month_end(month: date) -> date:
    following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def report_source(database: Path, serving_database: Path) -> Path:
    """The serving copy when published, else the build database."""
    return serving_database if serving_database.is_file() else database


def load_rows(connection: duckdb.DuckDBPyConnection, month: date) -> list[KpiRow]:
    return [KpiRow(*row) for row in connection.execute(ROWS_QUERY, [month]).fetchall()]


def month_report(source: Path, month: str | None) -> tuple[bool, list[str]]:
    """(ok, lines) for --month YYYY-MM, or for the default month."""
    if not source.is_file():
        return False, [f"{source} not found: run `build` (and `publish`) first"]
    with duckdb.connect(str(source), read_only=True) as connection:
        (last_day,) = connection.execute(LAST_DAY_QUERY).fetchone() or (None,)
        coverage = dict(connection.execute(COVERAGE_QUERY).fetchall())
        months = sorted(coverage)
        if month is None:
            chosen = default_month(last_day, coverage)
            if chosen is None:
                return True, [f"No KPI has a monthly value in {source} yet (no data in the extracts)."]
        else:
            chosen = date.fromisoformat(f"{month}-01")
        rows = load_rows(connection, chosen)
    if not rows:
        return False, [f"no KPI rows for {chosen:%Y-%m} in {source} (months with values: {_months_text(months)})"]
    return True, report_lines(rows, f"{chosen:%Y-%m}", source)


def _months_text(months: list[date] | None) -> str:
    return ", ".join(f"{month:%Y-%m}" for month in months or []) or "none"
