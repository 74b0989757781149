"""The same project on PostgreSQL or Spark: a throwaway PostgreSQL 15 cluster (or an in-process Spark session with
its metastore in a temporary folder), the raw extracts as text tables and `dbt build --target <engine>`.

dbt-duckdb reads a raw extract straight from its file (the sources' meta.external_location); any other adapter
reads the source as the table raw_<source>.<table>. Those tables are created from the extract contract, every
column text, as DuckDB reads the files (all_varchar), by `dbt run-operation prepare_engine`. By default the build
is `--empty`: the seeds load for real and every model's SQL runs on zero rows, so each model, each data test and
each enforced contract (with its declared column types) is executed by the engine itself. On PostgreSQL an
extracts folder can be given: the tables are filled with the rows DuckDB reads from the files, the build is
complete, and the centre's monthly KPI values are compared with a DuckDB build of the same folder.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psycopg2
import yaml

from scripts.build import database_path, dataset_vars, dbt_build, preflight, run_dbt, target_path
from scripts.contract import REPO_ROOT, Table, load_tables

POSTGRES_BIN = Path(os.environ.get("POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
# initdb and the server refuse to run as root; Debian's package creates this account
CLUSTER_OWNER = "postgres"
SUPERUSER = "postgres"
DATABASE = "contact_centre"
ENGINES = ("postgres", "spark")
# profiles.yml's spark output keeps its warehouse and metastore under this folder
SPARK_WORK_DIR = "SPARK_WORK_DIR"
# a KPI value agrees across engines within this relative difference, or absolute near 0 (float sums add up in
# another order)
KPI_TOLERANCE = 1e-9
MISSING = "(no row)"
CENTRE_MONTHLY_VALUES = (
    "select metric_id, cast(period_start as varchar) as period_start, value from main.fct_kpi_values"
    " where period_grain = 'month' and dimension_name = 'centre'"
)


class PortabilityError(RuntimeError):
    """The throwaway cluster could not be set up; the message names the command and its output."""


@dataclass(frozen=True)
class Cluster:
    host: str
    port: int

    def profile_env(self) -> dict[str, str]:
        """The variables the `postgres` output of profiles.yml reads."""
        return {
            "POSTGRES_HOST": self.host,
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_USER": SUPERUSER,
            "POSTGRES_DB": DATABASE,
        }

    def connect(self, database: str = DATABASE) -> psycopg2.extensions.connection:
        connection = psycopg2.connect(host=self.host, port=self.port, user=SUPERUSER, dbname=database)
        connection.autocommit = True
        return connection


def missing_requirements(engine: str) -> str | None:
    """Why the engine cannot run here, or None."""
    if engine == "postgres" and not (POSTGRES_BIN / "initdb").is_file():
        return f"PostgreSQL binaries not found in {POSTGRES_BIN} (apt-get install postgresql-15, or set POSTGRES_BIN)"
    if engine == "spark" and importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed in this venv: run from .venv-spark (README, Other engines)"
    return None


def text_type(engine: str, project_file: Path = REPO_ROOT / "dbt_project.yml") -> str:
    """The engine's string type, from the var the marts' contracts read (contract_data_types)."""
    project = yaml.safe_load(project_file.read_text(encoding="utf-8"))
    return str(project["vars"]["contract_data_types"][engine]["string"])


def raw_schema(table: Table) -> str:
    """Where a non-DuckDB adapter looks for a raw extract: the source's schema in the sources yml."""
    return f"raw_{table.source}"


def raw_table_statements(tables: list[Table], column_type: str) -> list[str]:
    """DDL for every raw extract as a table of column_type (text) columns, in the contract's column order."""
    schemas = sorted({raw_schema(table) for table in tables})
    statements = [f"create schema if not exists {schema}" for schema in schemas]
    for table in tables:
        columns = ", ".join(f"{column} {column_type}" for column in table.column_names)
        statements.append(f"create table {raw_schema(table)}.{table.name} ({columns})")
    return statements


def prepare_arguments(engine: str, tables: list[Table]) -> list[str]:
    """The dbt command that creates the raw tables and the engine's helper functions (PostgreSQL's casts)."""
    statements = raw_table_statements(tables, text_type(engine))
    return ["run-operation", "prepare_engine", "--target", engine, "--args", json.dumps({"statements": statements})]


def dbt_build_options(engine: str, empty: bool = True) -> list[str]:
    """`dbt build` options: the engine's output of profiles.yml, zero rows unless `empty` is false."""
    return ["--target", engine, *(["--empty"] if empty else [])]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", CLUSTER_OWNER, "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str]) -> None:
    result = subprocess.run(_as_owner(command), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PortabilityError(f"{' '.join(command)} failed: {(result.stdout + result.stderr).strip()[-1500:]}")


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """A PostgreSQL cluster in a new temporary folder (socket included) on a free port, with DATABASE created;
    stopped and deleted on exit. Durability is off: nothing in it outlives the run."""
    folder = Path(tempfile.mkdtemp(prefix="contact-centre-postgres-"))
    data_dir = folder / "data"
    try:
        if os.geteuid() == 0:
            shutil.chown(folder, CLUSTER_OWNER)
        _run([str(POSTGRES_BIN / "initdb"), "-D", str(data_dir), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8"])
        cluster = Cluster("127.0.0.1", _free_port())
        options = f"-p {cluster.port} -k {folder} -c listen_addresses={cluster.host} -c fsync=off"
        pg_ctl = str(POSTGRES_BIN / "pg_ctl")
        _run([pg_ctl, "-D", str(data_dir), "-l", str(folder / "server.log"), "-o", options, "-w", "start"])
        try:
            with closing(cluster.connect("postgres")) as connection, connection.cursor() as cursor:
                cursor.execute(f"create database {DATABASE}")
            yield cluster
        finally:
            _run([pg_ctl, "-D", str(data_dir), "-m", "fast", "-w", "stop"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def spark_work_dir() -> Iterator[Path]:
    """A temporary folder for the Spark session's warehouse and metastore (profiles.yml reads SPARK_WORK_DIR)."""
    with tempfile.TemporaryDirectory(prefix="contact-centre-spark-") as folder:
        previous = os.environ.get(SPARK_WORK_DIR)
        os.environ[SPARK_WORK_DIR] = folder
        try:
            yield Path(folder)
        finally:
            if previous is None:
                del os.environ[SPARK_WORK_DIR]
            else:
                os.environ[SPARK_WORK_DIR] = previous


def load_raw_extracts(cluster: Cluster, manifest: Path) -> dict[str, int]:
    """Fills the raw tables with the rows DuckDB reads from the extract files, through the very expressions the
    DuckDB build reads them with (the sources' external_location in the dbt manifest); rows copied per table."""
    nodes = json.loads(manifest.read_text(encoding="utf-8"))["sources"].values()
    extracts = [node for node in nodes if node["meta"].get("external_location")]
    copied = {}
    with (
        tempfile.TemporaryDirectory() as folder,
        duckdb.connect() as reader,
        closing(cluster.connect()) as connection,
        connection.cursor() as cursor,
    ):
        for node in extracts:
            columns = ", ".join(node["columns"])
            location = node["meta"]["external_location"].format(identifier=node["name"])
            csv_file = Path(folder) / f"{node['name']}.csv"
            reader.execute(f"copy (select {columns} from {location}) to '{csv_file}' (header, delimiter ',')")
            with csv_file.open(encoding="utf-8") as handle:
                copy = f"copy {node['schema']}.{node['name']} ({columns}) from stdin with (format csv, header true)"
                cursor.copy_expert(copy, handle)
            copied[node["name"]] = cursor.rowcount
    return copied


def values_differ(left: float | None, right: float | None) -> bool:
    if left is None or right is None:
        return (left is None) != (right is None)
    return not math.isclose(left, right, rel_tol=KPI_TOLERANCE, abs_tol=KPI_TOLERANCE)


def kpi_differences(reference: list[tuple], other: list[tuple]) -> list[str]:
    """One line per (metric_id, period_start) whose value differs or that only one side has."""
    left = {(metric, period): value for metric, period, value in reference}
    right = {(metric, period): value for metric, period, value in other}
    lines = []
    for metric, period in sorted(left.keys() | right.keys()):
        expected, found = left.get((metric, period), MISSING), right.get((metric, period), MISSING)
        if MISSING in (expected, found) or values_differ(expected, found):
            lines.append(f"{metric} {period}: duckdb {expected} vs other {found}")
    return lines


def _compare_with_duckdb(cluster: Cluster, duckdb_file: Path) -> bool:
    with duckdb.connect(str(duckdb_file), read_only=True) as reference:
        expected = reference.execute(CENTRE_MONTHLY_VALUES).fetchall()
    with closing(cluster.connect()) as connection, connection.cursor() as cursor:
        cursor.execute(CENTRE_MONTHLY_VALUES)
        found = cursor.fetchall()
    differences = kpi_differences(expected, found)
    print(f"centre monthly KPI values: {len(expected)} in {duckdb_file}, {len(differences)} differ")
    for line in differences:
        print(f"  {line}")
    return bool(expected) and not differences


def _build(engine: str, cluster: Cluster | None, raw_dir: Path | None) -> bool:
    """dbt on the engine: --empty without raw_dir, else the extracts loaded into the cluster, a full build and the
    comparison with DuckDB."""
    target = target_path() / engine
    file_format = "csv"
    if raw_dir is not None:
        ok, file_format = preflight(raw_dir)
        if not ok:
            return False
        os.environ["RAW_DATA_DIR"] = str(raw_dir.resolve())
    prepared = run_dbt([*prepare_arguments(engine, load_tables()), "--target-path", str(target)])
    if not prepared.success:
        print(f"FAIL dbt run-operation prepare_engine: {prepared.exception or 'see the dbt log'}")
        return False
    if cluster is not None and raw_dir is not None:
        copied = load_raw_extracts(cluster, target / "manifest.json")
        print(f"{sum(copied.values()):,} raw rows copied into {len(copied)} tables")
    options = [*dbt_build_options(engine, empty=raw_dir is None), "--target-path", str(target)]
    outcome = dbt_build(file_format, dataset_vars(raw_dir) if raw_dir else None, options)
    if cluster is None or raw_dir is None or not outcome.succeeded:
        return outcome.succeeded
    return _compare_with_duckdb(cluster, database_path())


def _run_on(engine: str, raw_dir: Path | None) -> bool:
    if engine == "spark":
        with spark_work_dir() as folder:
            print(f"Spark session with its warehouse and metastore in {folder}")
            return _build(engine, None, raw_dir)
    started = time.perf_counter()
    with throwaway_cluster() as cluster:
        print(f"PostgreSQL cluster on {cluster.host}:{cluster.port} ({time.perf_counter() - started:.1f} s)")
        os.environ.update(cluster.profile_env())
        return _build(engine, cluster, raw_dir)


def run(engine: str, raw_dir: Path | None = None) -> int:
    """The CLI's `portability`: the project on `engine` (see the module doc); 0 when every node passed (and, with
    raw_dir, every compared KPI value agrees with the DuckDB build)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    reason = missing_requirements(engine) or (
        "--raw-dir is for PostgreSQL; Spark runs --empty only" if engine == "spark" and raw_dir else None
    )
    if reason:
        print(f"ERROR portability: {reason}")
        return 1
    started = time.perf_counter()
    try:
        succeeded = _run_on(engine, raw_dir)
    except (PortabilityError, psycopg2.Error, duckdb.Error) as error:
        print(f"ERROR portability: {error}")
        return 1
    verdict = "every node passed" if succeeded else "FAILED"
    print(f"{engine}: {verdict} ({time.perf_counter() - started:.0f} s)")
    return 0 if succeeded else 1
