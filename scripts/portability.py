"""The same project on PostgreSQL: a throwaway PostgreSQL 15 cluster, the raw extracts as text tables and
`dbt build --target postgres --empty`.

dbt-duckdb reads a raw extract straight from its file (the sources' meta.external_location); any other adapter
reads the source as the table raw_<source>.<table>. Those tables are created here from the extract contract, every
column text, as DuckDB reads the files (all_varchar). `--empty` loads the seeds for real and runs every model's
SQL on zero rows, so each model, each data test and each enforced contract (with its declared column types) is
executed by PostgreSQL itself.
"""

from __future__ import annotations

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

import psycopg2

from scripts.build import dbt_build, target_path
from scripts.contract import Table, load_tables

POSTGRES_BIN = Path(os.environ.get("POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
# initdb and the server refuse to run as root; Debian's package creates this account
CLUSTER_OWNER = "postgres"
SUPERUSER = "postgres"
DATABASE = "contact_centre"
ENGINES = ("postgres",)


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


def missing_binaries() -> str | None:
    """Why no cluster can be started here, or None."""
    if not (POSTGRES_BIN / "initdb").is_file():
        return f"PostgreSQL binaries not found in {POSTGRES_BIN} (apt-get install postgresql-15, or set POSTGRES_BIN)"
    return None


def raw_schema(table: Table) -> str:
    """Where a non-DuckDB adapter looks for a raw extract: the source's schema in the sources yml."""
    return f"raw_{table.source}"


def raw_table_statements(tables: list[Table]) -> list[str]:
    """DDL for every raw extract as a table of text columns, in the contract's column order."""
    schemas = sorted({raw_schema(table) for table in tables})
    statements = [f"create schema if not exists {schema}" for schema in schemas]
    for table in tables:
        columns = ", ".join(f"{column} text" for column in table.column_names)
        statements.append(f"create table {raw_schema(table)}.{table.name} ({columns})")
    return statements


def dbt_build_options(engine: str) -> list[str]:
    """`dbt build` options: the engine's output of profiles.yml, zero rows."""
    return ["--target", engine, "--empty"]


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


def create_raw_tables(cluster: Cluster, tables: list[Table]) -> None:
    with closing(cluster.connect()) as connection, connection.cursor() as cursor:
        for statement in raw_table_statements(tables):
            cursor.execute(statement)


def run(engine: str) -> int:
    """The CLI's `portability`: the project on a throwaway cluster of `engine`; 0 when every node passed."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    reason = missing_binaries()
    if reason:
        print(f"ERROR portability: {reason}")
        return 1
    started = time.perf_counter()
    try:
        with throwaway_cluster() as cluster:
            print(f"PostgreSQL cluster on {cluster.host}:{cluster.port} ({time.perf_counter() - started:.1f} s)")
            create_raw_tables(cluster, load_tables())
            os.environ.update(cluster.profile_env())
            options = [*dbt_build_options(engine), "--target-path", str(target_path() / engine)]
            outcome = dbt_build("csv", options=options)
    except (PortabilityError, psycopg2.Error) as error:
        print(f"ERROR portability: {error}")
        return 1
    verdict = "every node passed" if outcome.succeeded else "FAILED"
    print(f"{engine}: {verdict} ({time.perf_counter() - started:.0f} s)")
    return 0 if outcome.succeeded else 1
