"""The Superset dashboards, built from a sample warehouse's marts exported to Parquet, rendered in headless Chromium.

Each page is screenshot to target/dashboard_screenshots/<slug>.png (kept as test artefacts) and its DOM must show
the page title, no error box, and a number that equals the warehouse's own value (queried here from the marts).
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import yaml

from scripts.browser import chromium_path, rendered_dom, screenshot
from scripts.contract import REPO_ROOT
from scripts.dashboards import (
    DashboardError,
    build,
    bundle_files,
    display_sql,
    load_spec,
    marts_read,
    page_urls,
    resolve_datasets,
    start_server,
)
from scripts.formatting import format_count, format_value
from scripts.report import month_report
from tests.python.warehouse import BuiltWarehouse

SCREENSHOTS = REPO_ROOT / "target" / "dashboard_screenshots"
MART_NAMES = sorted(path.stem for path in (REPO_ROOT / "models" / "marts").rglob("*.sql"))
EXPOSURES = REPO_ROOT / "models" / "marts" / "_marts__exposures.yml"
BUDGET_MS = 20_000
HEADLINE_KPIS = (
    "CSAT average score (1-5)",
    "Net promoter score",
    "Service level (Y% of calls answered within X seconds)",
)


def export_marts(warehouse: BuiltWarehouse, parquet_dir: Path) -> None:
    """What publish does for BI readers: one Parquet file per mart (interfaces.md), here without the run log."""
    parquet_dir.mkdir(parents=True)
    with warehouse.connect() as connection:
        for name in MART_NAMES:
            connection.execute(f"copy main.{name} to '{parquet_dir / name}.parquet' (format parquet)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def warehouse(sample_warehouse: BuiltWarehouse) -> BuiltWarehouse:
    """The session's sample build (conftest), read only."""
    return sample_warehouse


@pytest.fixture(scope="module")
def parquet_dir(warehouse: BuiltWarehouse, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("serving") / "parquet"
    export_marts(warehouse, directory)
    return directory


@pytest.fixture(scope="module")
def pages(parquet_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """slug -> rendered DOM of every page, with its screenshot saved."""
    if chromium_path() is None:
        pytest.fail("chromium is missing: the set-up in warehouse.sh installs Debian's chromium")
    home = build(parquet_dir, tmp_path_factory.mktemp("superset_home"))
    port = _free_port()
    server = start_server(home, port)
    try:
        doms = {}
        for slug, url in page_urls(port).items():
            screenshot(url, SCREENSHOTS / f"{slug}.png", height=2000, budget_ms=BUDGET_MS)
            doms[slug] = rendered_dom(url, budget_ms=BUDGET_MS)
        yield doms
    finally:
        server.terminate()
        server.wait(timeout=30)


def _headline_centre_value(warehouse: BuiltWarehouse, metric_id: str) -> float:
    """The centre's value in the headline month (the latest complete month)."""
    rows = warehouse.query(
        "select value from main.fct_kpi_values where metric_id = ? and dimension_name = 'centre' "
        "and period_grain = 'month' and is_latest_complete_period",
        [metric_id],
    )
    return rows[0][0]


def _report_cells(warehouse: BuiltWarehouse) -> tuple[str, dict[str, list[str]]]:
    """The default report's month and, per KPI name, its value and n cells."""
    ok, lines = month_report(warehouse.database, None)
    assert ok, lines
    month = lines[0].removeprefix("Centre KPIs for ").split()[0]
    cells = {line[5:35].strip(): line[35:].split()[:2] for line in lines if line.startswith(("MISS", "ok "))}
    return month, cells


def _dataset_rows(parquet_dir: Path, name: str) -> list[dict]:
    datasets = resolve_datasets(load_spec(), parquet_dir)
    with duckdb.connect() as connection:
        result = connection.execute(datasets[name].sql)
        columns = [column[0] for column in result.description]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def _count(warehouse: BuiltWarehouse, sql: str) -> int:
    return warehouse.query(sql)[0][0]


# CSAT responses of the headline month, counted from the survey fact, not from fct_kpi_values
_RESPONSES_SQL = (
    "select count(csat_score) from main.fct_surveys where strftime(answered_date, '%Y-%m') = "
    "(select distinct strftime(period_start, '%Y-%m') from main.fct_kpi_values where period_grain = 'month' "
    "and is_latest_complete_period)"
)


def test_every_page_renders_its_title_without_errors(pages: dict[str, str]) -> None:
    titles = {dashboard["slug"]: dashboard["title"] for dashboard in load_spec()["dashboards"]}
    assert set(pages) == set(titles)
    for slug, dom in pages.items():
        assert f"<title>{titles[slug]}" in dom, slug
        assert "ant-alert-error" not in dom, f"{slug} shows an error box"
        assert "Data error" not in dom, slug
        assert (SCREENSHOTS / f"{slug}.png").stat().st_size > 10_000, slug


def test_centre_overview_shows_the_headline_service_level(pages: dict[str, str], warehouse: BuiltWarehouse) -> None:
    expected = _headline_centre_value(warehouse, "service_level")
    assert 0 < expected < 1
    assert format_value(expected, "ratio") in pages["centre-overview"]


def test_complaints_and_cost_pages_show_the_warehouse_values(
    pages: dict[str, str], warehouse: BuiltWarehouse
) -> None:
    assert format_value(_headline_centre_value(warehouse, "qa_pass_rate"), "ratio") in pages["complaints-quality"]
    assert format_value(_headline_centre_value(warehouse, "occupancy"), "ratio") in pages["cost-workforce"]


def test_the_report_and_the_dashboards_headline_the_same_complete_month(
    parquet_dir: Path, warehouse: BuiltWarehouse
) -> None:
    """The sample's trailing April holds a few surveys only (CSAT 5.00, NPS 100 once): neither may headline."""
    month, report = _report_cells(warehouse)
    partial = warehouse.query(
        "select distinct strftime(period_start, '%Y-%m') from main.fct_kpi_values "
        "where period_grain = 'month' and not is_complete_period"
    )
    assert month == "2026-03" and (month,) not in partial and ("2026-04",) in partial
    # the big numbers' dataset: its latest month is the report's month
    monthly = _dataset_rows(parquet_dir, "kpi_centre_monthly")
    assert max(row["period_start"] for row in monthly).strftime("%Y-%m") == month
    assert all((row["period_start"].strftime("%Y-%m"),) not in partial for row in monthly)
    # the headline tables: the report's month, and the report's value and n for every KPI
    headline = {row["kpi"]: row for row in _dataset_rows(parquet_dir, "kpi_centre_headline_month")}
    assert {row["month"] for row in headline.values()} == {month}
    for name in (
        "CSAT average score (1-5)",
        "Net promoter score",
        "Service level (Y% of calls answered within X seconds)",
    ):
        value, count = report[name[:30] if len(name) <= 30 else name[:29] + "~"]
        assert headline[name]["value"] == value
        assert headline[name]["n"] == count


def test_the_overview_page_shows_the_report_headline_values_with_their_counts(
    pages: dict[str, str], warehouse: BuiltWarehouse
) -> None:
    month, report = _report_cells(warehouse)
    csat, csat_responses = report["CSAT average score (1-5)"]
    nps, nps_responses = report["Net promoter score"]
    overview = pages["centre-overview"]
    assert (csat, nps) == ("4.21", "31.1")
    for text in (month, csat, csat_responses, nps, nps_responses):
        assert text in overview, text
    assert csat_responses == format_count(_count(warehouse, _RESPONSES_SQL))


def test_tables_hold_every_row_of_their_marts(pages: dict[str, str], warehouse: BuiltWarehouse) -> None:
    # complete periods only: the sample's trailing April has one agent row, which the ranking leaves out
    agent_months = _count(
        warehouse,
        "select count(*) from main.fct_agent_scorecard_monthly where month_start_date < date '2026-04-01'",
    )
    latest_day_intervals = _count(
        warehouse,
        "select count(*) from main.fct_interval_staffing where has_forecast and interval_date = "
        "(select max(interval_date) from main.fct_interval_staffing where has_forecast)",
    )
    sources = _count(warehouse, "select count(*) from main.fct_source_reconciliation")
    assert f"{agent_months} records" in pages["agent-scorecard"]
    assert f"{latest_day_intervals} records" in pages["interval-staffing"]
    assert f"{sources} records" in pages["warehouse-runs"]


def test_runs_page_says_no_runs_when_the_run_log_is_not_published(pages: dict[str, str]) -> None:
    assert "No runs recorded" in pages["warehouse-runs"]


def test_a_missing_mart_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DashboardError, match=r"missing fct_kpi_values\.parquet"):
        resolve_datasets(load_spec(), tmp_path)


def test_every_page_is_a_dbt_exposure_of_the_marts_it_reads() -> None:
    spec = load_spec()
    exposures = {exposure["name"]: exposure for exposure in yaml.safe_load(EXPOSURES.read_text())["exposures"]}
    for dashboard in spec["dashboards"]:
        exposure = exposures[f"dashboard_{dashboard['slug'].replace('-', '_')}"]
        read = {
            table
            for row in dashboard["rows"]
            for chart in row
            for table in marts_read(spec["datasets"][chart["dataset"]]["sql"])
        }
        declared = {ref.removeprefix("ref('").removesuffix("')") for ref in exposure["depends_on"]}
        assert declared == read & set(MART_NAMES), dashboard["slug"]
        assert exposure["url"].endswith(f"/superset/dashboard/{dashboard['slug']}/")


def test_datasets_read_parquet_only_through_placeholders() -> None:
    # a path written into the SQL would bypass SERVING_DIR
    for name, dataset in load_spec()["datasets"].items():
        assert "read_parquet" not in dataset["sql"], name
        assert marts_read(dataset["sql"]), name


def test_runs_page_charts_the_run_log_once_it_is_published(parquet_dir: Path, tmp_path: Path) -> None:
    """With the run log of interfaces.md next to the marts, the runs page gets tables instead of its notes."""
    serving = tmp_path / "parquet"
    serving.mkdir()
    for mart in parquet_dir.glob("*.parquet"):
        (serving / mart.name).symlink_to(mart)
    with duckdb.connect() as connection:
        connection.execute(
            f"copy (select 'r1' as run_id, timestamp '2026-04-01 08:00' as started_at, "
            f"timestamp '2026-04-01 08:02' as ended_at, 'succeeded' as status, 'run' as command, "
            f"'data/sample' as raw_dir, 410 as tests_passed, 0 as tests_failed) to '{serving}/warehouse_runs.parquet'"
        )
        connection.execute(
            f"copy (select 'r1' as run_id, 'build' as step, timestamp '2026-04-01 08:00' as started_at, "
            f"timestamp '2026-04-01 08:01' as ended_at, 61.5 as seconds, 'succeeded' as status) "
            f"to '{serving}/warehouse_run_steps.parquet'"
        )
    spec = load_spec()
    files = bundle_files(spec, resolve_datasets(spec, serving))
    runs_page = files["dashboards/warehouse-runs.yaml"]["position"]
    kinds = sorted(component["type"] for component in runs_page.values() if isinstance(component, dict))
    assert kinds.count("CHART") == 3
    assert "MARKDOWN" not in kinds
    assert "datasets/warehouse/warehouse_run_steps.yaml" in files


def test_agent_ranking_shows_no_long_floats(pages: dict[str, str]) -> None:
    cells = re.findall(r'role="cell"[^>]*>([^<]*)<', pages["agent-scorecard"])
    assert cells, "the ranking table has cells"
    long_numbers = [cell for cell in cells if re.search(r"\d\.\d{3,}", cell)]
    assert not long_numbers, f"numbers with three or more decimals on the agent ranking: {long_numbers[:5]}"
    assert any(re.fullmatch(r"0:\d\d:\d\d", cell) for cell in cells), "handle times read h:mm:ss"


def test_display_calls_become_the_formatting_modules_sql() -> None:
    sql = display_sql("select display_value(k.value, k.unit) as v, display_count(k.n) as n from t as k")
    assert "display_" not in sql and "format(" in sql
    with duckdb.connect() as connection:
        shown = connection.execute(
            display_sql("select display_value(v, 'seconds'), display_count(n) from (select 326.4 as v, 1352 as n)")
        ).fetchone()
    assert shown == (format_value(326.4, "seconds"), format_count(1352))
