"""The Superset dashboards, built from a sample warehouse's marts exported to Parquet, rendered in headless Chromium.

Each page is screenshot to target/dashboard_screenshots/<slug>.png (kept as test artefacts) and its DOM must show
the page title, no error box, and a number that equals the warehouse's own value (queried here from the marts).
"""

from __future__ import annotations

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
    load_spec,
    marts_read,
    page_urls,
    resolve_datasets,
    start_server,
)
from tests.python.warehouse import BuiltWarehouse

SCREENSHOTS = REPO_ROOT / "target" / "dashboard_screenshots"
MART_NAMES = sorted(path.stem for path in (REPO_ROOT / "models" / "marts").rglob("*.sql"))
EXPOSURES = REPO_ROOT / "models" / "marts" / "_marts__exposures.yml"
BUDGET_MS = 20_000


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
            screenshot(url, SCREENSHOTS / f"{slug}.png", budget_ms=BUDGET_MS)
            doms[slug] = rendered_dom(url, budget_ms=BUDGET_MS)
        yield doms
    finally:
        server.terminate()
        server.wait(timeout=30)


def _latest_centre_value(warehouse: BuiltWarehouse, metric_id: str) -> float:
    rows = warehouse.query(
        "select value from main.fct_kpi_values where metric_id = ? and dimension_name = 'centre' "
        "and period_grain = 'month' and value is not null order by period_start desc limit 1",
        [metric_id],
    )
    return rows[0][0]


def _count(warehouse: BuiltWarehouse, sql: str) -> int:
    return warehouse.query(sql)[0][0]


def test_every_page_renders_its_title_without_errors(pages: dict[str, str]) -> None:
    titles = {dashboard["slug"]: dashboard["title"] for dashboard in load_spec()["dashboards"]}
    assert set(pages) == set(titles)
    for slug, dom in pages.items():
        assert f"<title>{titles[slug]}" in dom, slug
        assert "ant-alert-error" not in dom, f"{slug} shows an error box"
        assert "Data error" not in dom, slug
        assert (SCREENSHOTS / f"{slug}.png").stat().st_size > 10_000, slug


def test_centre_overview_shows_the_latest_service_level(pages: dict[str, str], warehouse: BuiltWarehouse) -> None:
    expected = _latest_centre_value(warehouse, "service_level")
    assert 0 < expected < 1
    assert f"{expected:.1%}" in pages["centre-overview"]


def test_complaints_and_cost_pages_show_the_warehouse_values(
    pages: dict[str, str], warehouse: BuiltWarehouse
) -> None:
    assert f"{_latest_centre_value(warehouse, 'qa_pass_rate'):.1%}" in pages["complaints-quality"]
    assert f"{_latest_centre_value(warehouse, 'occupancy'):.1%}" in pages["cost-workforce"]


def test_tables_hold_every_row_of_their_marts(pages: dict[str, str], warehouse: BuiltWarehouse) -> None:
    agent_months = _count(warehouse, "select count(*) from main.fct_agent_scorecard_monthly")
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
