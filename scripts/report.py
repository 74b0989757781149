"""The month's centre KPIs against their targets, for the terminal: worst misses first, change from last month,
and the observations behind each value. By default the warehouse's headline month, the latest complete one.

Reads the serving copy (read-only) when it exists, else the build database. Fits in 100 columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from scripts.formatting import format_change, format_count, format_target, format_value
from scripts.publish import RELEASE_TABLE

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
        kpi_values.change_from_previous_period,
        kpi_values.observation_count,
        kpi_values.is_low_sample
    from main.fct_kpi_values as kpi_values
    left join main.dim_kpi as kpis on kpi_values.metric_id = kpis.metric_id
    where
        kpi_values.period_grain = 'month'
        and kpi_values.dimension_name = 'centre'
        and kpi_values.period_start = ?
"""
# the warehouse decides the headline month (is_latest_complete_period); the dashboards' big numbers show the same
HEADLINE_MONTH_QUERY = """
    select distinct period_start
    from main.fct_kpi_values
    where period_grain = 'month' and is_latest_complete_period
"""
IS_COMPLETE_QUERY = """
    select bool_and(is_complete_period)
    from main.fct_kpi_values
    where period_grain = 'month' and period_start = ?
"""
# months with at least one centre value, for messages
MONTHS_QUERY = """
    select distinct period_start
    from main.fct_kpi_values
    where period_grain = 'month' and dimension_name = 'centre' and value is not null
    order by period_start
"""
NAME_WIDTH = 30
LOW_SAMPLE_MARK = "*"


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
    observation_count: int | None = None
    is_low_sample: bool = False


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


def _target_text(row: KpiRow) -> str:
    return format_target(row.target_operator, row.target_value, row.target_low, row.target_high, row.unit)


def format_observations(row: KpiRow) -> str:
    """The count behind the value, marked when it is a low sample; blank for KPIs without one."""
    if row.observation_count is None:
        return ""
    return format_count(row.observation_count) + (LOW_SAMPLE_MARK if row.is_low_sample else "")


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "~"


def report_lines(rows: list[KpiRow], month: str, source: Path | str, is_complete: bool = True) -> list[str]:
    """Title, source, the table (at most 100 characters wide), a count of KPIs without a value or a target and
    the key to the n column."""
    judged = ordered(rows)
    misses = sum(not row.meets_target for row in judged)
    partial = "" if is_complete else " (PARTIAL: the extracts cover only part of it)"
    lines = [
        f"Centre KPIs for {month} against target{partial}",
        f"read from {source}",
        f"{misses} missed, {len(judged) - misses} met",
        f"     {'KPI':<{NAME_WIDTH}} {'value':>11} {'n':>8} {'target':>17} {'unit':<10} {'vs last month':>13}",
    ]
    for row in judged:
        lines.append(
            f"{'MISS' if not row.meets_target else 'ok':<4} {_shorten(row.name, NAME_WIDTH):<{NAME_WIDTH}} "
            f"{format_value(row.value, row.unit):>11} {format_observations(row):>8} "
            f"{_shorten(_target_text(row), 17):>17} {_shorten(row.unit, 10):<10} "
            f"{format_change(row.change, row.unit):>13}"
        )
    no_value = sum(row.target_operator is not None and row.value is None for row in rows)
    no_target = sum(row.target_operator is None for row in rows)
    lines.append(f"{no_value} KPI(s) with a target have no value this month; {no_target} KPI(s) have no target.")
    lines.append(
        f"n: observations behind the value (contacts, responses...); {LOW_SAMPLE_MARK} fewer than the minimum."
    )
    return lines


def report_source(database: Path, serving_database: Path) -> Path:
    """The serving copy when published, else the build database."""
    return serving_database if serving_database.is_file() else database


def load_rows(connection: duckdb.DuckDBPyConnection, month: date) -> list[KpiRow]:
    return [KpiRow(*row) for row in connection.execute(ROWS_QUERY, [month]).fetchall()]


def month_report(source: Path, month: str | None) -> tuple[bool, list[str]]:
    """(ok, lines) for --month YYYY-MM, or for the warehouse's headline month (the latest complete month)."""
    if not source.is_file():
        return False, [f"{source} not found: run `build` (and `publish`) first"]
    with duckdb.connect(str(source), read_only=True) as connection:
        months = [start for (start,) in connection.execute(MONTHS_QUERY).fetchall()]
        if month is None:
            headline = connection.execute(HEADLINE_MONTH_QUERY).fetchall()
            if not headline:
                return True, [
                    f"No complete month in {source}: the extracts cover no month whole (months with values: "
                    f"{_months_text(months)}); pass --month YYYY-MM for a partial one."
                ]
            ((chosen,),) = headline
        else:
            chosen = date.fromisoformat(f"{month}-01")
        (is_complete,) = connection.execute(IS_COMPLETE_QUERY, [chosen]).fetchone() or (None,)
        rows = load_rows(connection, chosen)
        build_run = _build_run(connection)
    if not rows:
        return False, [f"no KPI rows for {chosen:%Y-%m} in {source} (months with values: {_months_text(months)})"]
    label = f"{source} (build run {build_run})" if build_run else str(source)
    return True, report_lines(rows, f"{chosen:%Y-%m}", label, bool(is_complete))


def _build_run(connection: duckdb.DuckDBPyConnection) -> str | None:
    """The build run a published serving copy holds (publish's warehouse_release); None for the build database."""
    published = connection.execute(
        f"select count(*) from information_schema.tables where table_name = '{RELEASE_TABLE}'"
    ).fetchone()
    if not published or not published[0]:
        return None
    row = connection.execute(f"select build_run_id from {RELEASE_TABLE}").fetchone()
    return str(row[0]) if row else None


def _months_text(months: list[date] | None) -> str:
    return ", ".join(f"{month:%Y-%m}" for month in months or []) or "none"
