"""The BI dashboards: Apache Superset (own venv) over the published serving Parquet, from dashboards/dashboards.yml.

`build` turns the page spec into a Superset import bundle (virtual datasets reading <serving_dir>/parquet, charts,
dashboards) and loads it into a fresh Superset metadata database under the dashboards home; `serve` runs Superset
on localhost. Superset lives in .venv-superset (its dependencies clash with dbt's), installed from its own lock.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import yaml

from scripts.contract import REPO_ROOT
from scripts.formatting import d3_format, sql_format_count, sql_format_target, sql_format_value

DASHBOARDS_DIR = REPO_ROOT / "dashboards"
SPEC_FILE = DASHBOARDS_DIR / "dashboards.yml"
SUPERSET_DIR = DASHBOARDS_DIR / "superset"
SUPERSET_LOCK = SUPERSET_DIR / "requirements.lock"
SUPERSET_VENV = REPO_ROOT / ".venv-superset"
DEFAULT_HOME = REPO_ROOT / "target" / "dashboards"
# Tables of the run log (interfaces: written by the CLI, published next to the marts); absent before the first run.
RUN_LOG_TABLES = frozenset({"warehouse_runs", "warehouse_run_steps"})
# Stable ids, so re-importing a bundle updates the same Superset objects.
_NAMESPACE = uuid.UUID("6f1c3e43-5c0e-4f7e-9d8a-0d3b2f7a9c11")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# display_value(value, unit), display_count(n), display_target(operator, value, low, high, unit) in a dataset's SQL:
# the text scripts/formatting.py gives the report, as SQL
_DISPLAY_CALL = re.compile(r"display_(value|count|target)\(([^()]*)\)")
_DISPLAY_SQL = {"value": sql_format_value, "count": sql_format_count, "target": sql_format_target}


class DashboardError(Exception):
    """A problem the user can fix; printed as one line."""


def _id(kind: str, name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{name}"))


def load_spec(path: Path = SPEC_FILE) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def marts_read(sql: str) -> list[str]:
    """The tables a dataset's SQL reads ({name} placeholders), in order of first use."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(sql)))


def display_sql(sql: str) -> str:
    """The SQL with every display_*(...) call replaced by the formatting module's SQL for it."""
    return _DISPLAY_CALL.sub(
        lambda match: _DISPLAY_SQL[match.group(1)](*(argument.strip() for argument in match.group(2).split(","))),
        sql,
    )


def dataset_sql(sql: str, parquet_dir: Path) -> str:
    """The dataset's SQL with every {name} replaced by a read of <parquet_dir>/<name>.parquet and numbers shown
    as the report shows them (display_*)."""
    return display_sql(_PLACEHOLDER.sub(lambda match: f"read_parquet('{parquet_dir / match.group(1)}.parquet')", sql))


@dataclass(frozen=True)
class Dataset:
    name: str
    sql: str
    columns: list[tuple[str, str]]  # (name, DuckDB type)


def resolve_datasets(spec: dict[str, Any], parquet_dir: Path) -> dict[str, Dataset]:
    """Datasets whose Parquet files exist, with their columns; a missing mart is an error, a missing run log not."""
    datasets: dict[str, Dataset] = {}
    with duckdb.connect() as connection:
        for name, definition in spec["datasets"].items():
            needed = marts_read(definition["sql"])
            missing = [table for table in needed if not (parquet_dir / f"{table}.parquet").is_file()]
            if set(missing) - RUN_LOG_TABLES:
                raise DashboardError(
                    f"{parquet_dir}: missing {', '.join(f'{table}.parquet' for table in missing)} "
                    f"(dataset {name}); run `./warehouse.sh publish` first or set SERVING_DIR"
                )
            if missing:
                continue
            sql = dataset_sql(definition["sql"], parquet_dir)
            try:
                described = connection.execute(f"describe {sql}").fetchall()
            except duckdb.Error as error:
                raise DashboardError(f"dataset {name} cannot read the serving Parquet: {error}") from None
            datasets[name] = Dataset(name, sql, [(row[0], row[1]) for row in described])
    return datasets


def _metric(column: str, label: str, aggregate: str = "MAX") -> dict[str, Any]:
    return {"expressionType": "SQL", "sqlExpression": f"{aggregate}({column})", "label": label}


def _filters(chart: dict[str, Any]) -> list[dict[str, Any]]:
    if "where" not in chart:
        return []
    return [{"expressionType": "SQL", "clause": "WHERE", "sqlExpression": chart["where"]}]


def _chart_format(chart: dict[str, Any]) -> str:
    """The d3 format of the KPI unit the chart shows (scripts/formatting.py), else its own format."""
    return d3_format(chart["unit"]) if "unit" in chart else chart.get("format", "SMART_NUMBER")


def chart_params(chart: dict[str, Any], dataset: Dataset) -> tuple[str, dict[str, Any]]:
    """Superset's viz type and form data for one chart of the spec."""
    kind = chart["kind"]
    common = {"adhoc_filters": _filters(chart), "row_limit": 10000}
    if kind == "big_number":
        params = {
            **common,
            "viz_type": "big_number",
            "metric": _metric(chart["metric"], chart["title"]),
            "x_axis": chart["x"],
            "time_grain_sqla": chart.get("grain"),
            "y_axis_format": _chart_format(chart),
            "show_trend_line": True,
            # the big number's period under it: the headline month
            "show_timestamp": True,
            "time_format": "%B %Y",
            "subtitle": chart.get("subtitle", ""),
            "start_y_axis_at_zero": False,
            "header_font_size": 0.3,
            "subheader_font_size": 0.125,
        }
        return "big_number", params
    if kind in ("line", "bar"):
        viz = "echarts_timeseries_line" if kind == "line" else "echarts_timeseries_bar"
        params = {
            **common,
            "viz_type": viz,
            "x_axis": chart["x"],
            "time_grain_sqla": chart.get("grain"),
            "metrics": [_metric(column, label) for column, label in chart["metrics"].items()],
            "groupby": chart.get("groupby", []),
            "y_axis_format": _chart_format(chart),
            "stack": "Stack" if chart.get("stacked") else None,
            "show_legend": True,
            "rich_tooltip": True,
            "truncate_metric": True,
        }
        return viz, params
    if kind == "table":
        columns = chart["columns"]
        columns = [name for name, _ in dataset.columns] if columns == "*" else columns
        order_by = chart.get("order_by", [])
        order_by = [order_by] if isinstance(order_by, str) else order_by
        params = {
            **common,
            "viz_type": "table",
            "query_mode": "raw",
            "all_columns": columns,
            "order_by_cols": [json.dumps([term.split()[0], not term.endswith(" desc")]) for term in order_by],
            "server_pagination": False,
            "include_search": True,
            "page_length": 0,
            "show_cell_bars": False,
            "table_timestamp_format": "%Y-%m-%d %H:%M",
        }
        return "table", params
    raise DashboardError(f"{SPEC_FILE.name}: chart {chart['title']!r} has unknown kind {kind!r}")


def _superset_type(duckdb_type: str) -> str:
    return duckdb_type.split("(")[0]


def bundle_files(spec: dict[str, Any], datasets: dict[str, Dataset]) -> dict[str, dict[str, Any]]:
    """Superset's import bundle (v1 YAML export format): path inside the zip -> document."""
    database_id = _id("database", "warehouse")
    files: dict[str, dict[str, Any]] = {
        "metadata.yaml": {"version": "1.0.0", "type": "Dashboard", "timestamp": "2026-01-01T00:00:00+00:00"},
        "databases/warehouse.yaml": {
            "database_name": "warehouse (serving Parquet)",
            "sqlalchemy_uri": "duckdb:///:memory:",
            "expose_in_sqllab": True,
            "allow_run_async": False,
            "allow_ctas": False,
            "allow_cvas": False,
            "allow_dml": False,
            "extra": {"allows_virtual_table_explore": True},
            "uuid": database_id,
            "version": "1.0.0",
        },
    }
    for dataset in datasets.values():
        temporal = ("DATE", "TIMESTAMP")
        files[f"datasets/warehouse/{dataset.name}.yaml"] = {
            "table_name": dataset.name,
            "schema": None,
            "sql": dataset.sql,
            "main_dttm_col": next((n for n, t in dataset.columns if t.startswith(temporal)), None),
            "columns": [
                {
                    "column_name": name,
                    "type": _superset_type(data_type),
                    "is_dttm": data_type.startswith(temporal),
                    "groupby": True,
                    "filterable": True,
                }
                for name, data_type in dataset.columns
            ],
            "metrics": [],
            "uuid": _id("dataset", dataset.name),
            "database_uuid": database_id,
            "version": "1.0.0",
        }
    for dashboard in spec["dashboards"]:
        position: dict[str, Any] = {
            "DASHBOARD_VERSION_KEY": "v2",
            "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
            "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": [], "parents": ["ROOT_ID"]},
            "HEADER_ID": {"type": "HEADER", "id": "HEADER_ID", "meta": {"text": dashboard["title"]}},
        }
        for row_number, row in enumerate(dashboard["rows"]):
            row_id = f"ROW-{row_number}"
            position["GRID_ID"]["children"].append(row_id)
            position[row_id] = {
                "type": "ROW",
                "id": row_id,
                "children": [],
                "parents": ["ROOT_ID", "GRID_ID"],
                "meta": {"background": "BACKGROUND_TRANSPARENT"},
            }
            for chart in row:
                chart_key = f"{dashboard['slug']}:{chart['title']}"
                chart_id = _id("chart", chart_key)
                width = 12 // len(row)
                dataset = datasets.get(chart.get("dataset", ""))
                if dataset is None:
                    # a note instead of a chart: the run log is not published yet
                    component_id = f"MARKDOWN-{chart_id[:8]}"
                    text = chart.get("when_missing") or chart.get("text", "")
                    meta = {"code": f"### {chart['title']}\n\n{text}", "width": width, "height": 15}
                    component_type = "MARKDOWN"
                else:
                    viz_type, params = chart_params(chart, dataset)
                    files[f"charts/{_id('file', chart_key)}.yaml"] = {
                        "slice_name": chart["title"],
                        "description": None,
                        "viz_type": viz_type,
                        "params": params,
                        "query_context": None,
                        "cache_timeout": None,
                        "uuid": chart_id,
                        "version": "1.0.0",
                        "dataset_uuid": _id("dataset", dataset.name),
                    }
                    component_id = f"CHART-{chart_id[:8]}"
                    height = chart.get("height", 30 if chart["kind"] == "big_number" else 60)
                    meta = {
                        "chartId": 0,
                        "uuid": chart_id,
                        "sliceName": chart["title"],
                        "width": width,
                        "height": height,
                    }
                    component_type = "CHART"
                position[row_id]["children"].append(component_id)
                position[component_id] = {
                    "type": component_type,
                    "id": component_id,
                    "children": [],
                    "parents": ["ROOT_ID", "GRID_ID", row_id],
                    "meta": meta,
                }
        files[f"dashboards/{dashboard['slug']}.yaml"] = {
            "dashboard_title": dashboard["title"],
            "description": dashboard.get("description"),
            "css": "",
            "slug": dashboard["slug"],
            "uuid": _id("dashboard", dashboard["slug"]),
            "position": position,
            "metadata": {"native_filter_configuration": [], "refresh_frequency": 0, "color_scheme": ""},
            "version": "1.0.0",
            "published": True,
        }
    return files


def write_bundle(files: dict[str, dict[str, Any]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as bundle:
        for name, document in files.items():
            bundle.writestr(f"warehouse_dashboards/{name}", yaml.safe_dump(document, sort_keys=False))
    return path


def _venv_python(venv: Path = SUPERSET_VENV) -> Path:
    return venv / "bin" / "python"


def ensure_superset(venv: Path = SUPERSET_VENV, lock: Path = SUPERSET_LOCK) -> None:
    """Creates or refreshes the Superset venv when it is missing or the lock changed."""
    installed = venv / "installed.lock"
    if _venv_python(venv).is_file() and installed.is_file() and installed.read_bytes() == lock.read_bytes():
        return
    print(f"Installing Apache Superset into {venv} from {lock.relative_to(REPO_ROOT)} (a few minutes) ...")
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(venv)],
        [str(_venv_python(venv)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(lock)],
    ]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            last = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:] or ["no output"]
            raise DashboardError(f"installing Superset failed ({' '.join(step[:4])} ...): {last[0]}")
    shutil.copyfile(lock, installed)


def superset_env(home: Path) -> dict[str, str]:
    secret_file = home / "secret_key"
    if not secret_file.is_file():
        home.mkdir(parents=True, exist_ok=True)
        secret_file.write_text(secrets.token_urlsafe(42), encoding="utf-8")
    return {
        **os.environ,
        "SUPERSET_CONFIG_PATH": str(SUPERSET_DIR / "superset_config.py"),
        "SUPERSET_HOME": str(home),
        "DASHBOARDS_HOME": str(home),
        "SUPERSET_SECRET_KEY": secret_file.read_text(encoding="utf-8"),
        "FLASK_APP": "superset",
    }


def _run_superset(arguments: list[str], home: Path, what: str) -> None:
    """One Superset step; its output goes to <home>/superset.log, a failure is one line pointing there."""
    log = home / "superset.log"
    with log.open("a", encoding="utf-8") as output:
        result = subprocess.run(
            arguments, env=superset_env(home), stdout=output, stderr=subprocess.STDOUT, check=False, cwd=home
        )
    if result.returncode != 0:
        raise DashboardError(f"Superset could not {what} (exit {result.returncode}); see {log}")


def _initialised_metadata(home: Path, venv: Path = SUPERSET_VENV) -> Path:
    """An empty, migrated Superset metadata database, made once per venv (migrations take a minute or two)."""
    template = venv / "initialised-superset.db"
    if not template.is_file():
        scratch = home / "init"
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        superset = str(venv / "bin" / "superset")
        _run_superset([superset, "db", "upgrade"], scratch, "migrate its metadata database")
        _run_superset([superset, "init"], scratch, "set up its roles")
        shutil.copyfile(scratch / "superset.db", template)
        shutil.rmtree(scratch)
    return template


def build(parquet_dir: Path, home: Path = DEFAULT_HOME, spec: dict[str, Any] | None = None) -> Path:
    """Superset metadata for every dashboard page, reading parquet_dir; returns the home to serve from."""
    if not parquet_dir.is_dir():
        raise DashboardError(f"{parquet_dir}: no serving Parquet folder; run `./warehouse.sh publish` first")
    spec = spec or load_spec()
    datasets = resolve_datasets(spec, parquet_dir)
    ensure_superset()
    home.mkdir(parents=True, exist_ok=True)
    (home / "superset.log").unlink(missing_ok=True)
    shutil.copyfile(_initialised_metadata(home), home / "superset.db")
    bundle = write_bundle(bundle_files(spec, datasets), home / "dashboards_bundle.zip")
    provision = str(SUPERSET_DIR / "provision.py")
    _run_superset([str(_venv_python()), provision, str(bundle)], home, "import the dashboards")
    return home


def start_server(home: Path, port: int) -> subprocess.Popen[bytes]:
    """Superset on 127.0.0.1:port (output in <home>/server.log); returns once it answers its health check."""
    command = [str(SUPERSET_VENV / "bin" / "superset"), "run", "-h", "127.0.0.1", "-p", str(port), "--with-threads"]
    with (home / "server.log").open("ab") as log:
        server = subprocess.Popen(command, env=superset_env(home), stdout=log, stderr=subprocess.STDOUT, cwd=home)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise DashboardError(
                f"Superset stopped while starting (exit {server.returncode}); see {home / 'server.log'}"
            )
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(1)
    server.terminate()
    raise DashboardError(f"Superset did not answer on port {port} within 3 minutes; see {home / 'server.log'}")


def page_urls(port: int, spec: dict[str, Any] | None = None) -> dict[str, str]:
    """slug -> URL of the page without Superset's navigation bar."""
    spec = spec or load_spec()
    return {
        dashboard["slug"]: f"http://127.0.0.1:{port}/superset/dashboard/{dashboard['slug']}/?standalone=1"
        for dashboard in spec["dashboards"]
    }
