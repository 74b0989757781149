"""Publishes the marts and the run log to a serving copy that BI tools read while the next build runs.

DuckDB locks a database file per process, so BI readers can never share the build database with dbt. Each
release is written beside the serving copy under a temporary name and renamed over it (os.replace, atomic on
one file system): a reader sees the old release or the new one, never a half-written file, and a reader still
holding the old file keeps reading the old inode without blocking anything. The Parquet exports go to a new
release folder and a `parquet` symlink is swapped onto it the same way; the previous release folder is kept
for readers that listed it just before the swap, older ones are pruned.

Only a complete build is published: the run log must show that the latest build that reached dbt finished its
build step successfully (every model built, every error-severity test passed). An interrupted, killed or failed
build leaves the build database half-replaced, so publish refuses and the serving copy keeps the last good release.
The release records the build run it holds (`warehouse_release`).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import duckdb

from scripts.run_log import LOG_TABLES, RUNS_TABLE, STEPS_TABLE, ensure_tables, utc_now

MARTS_FOLDER = "models/marts/"
RELEASES_FOLDER = "releases"
PARQUET_LINK = "parquet"
READ_ONLY_MODE = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
# the serving copy's own record of what it holds: one row (release id, the build run it comes from, when)
RELEASE_TABLE = "warehouse_release"
# the latest CLI run that reached dbt: a build or run whose preflight did not stop it (dbt never ran then)
LATEST_BUILD_QUERY = f"""
    select runs.run_id, runs.status, runs.message, build_step.status
    from main.{RUNS_TABLE} as runs
    left join main.{STEPS_TABLE} as build_step
        on runs.run_id = build_step.run_id and build_step.step = 'build'
    left join main.{STEPS_TABLE} as validate_step
        on runs.run_id = validate_step.run_id and validate_step.step = 'validate'
    where runs.command in ('build', 'run') and coalesce(validate_step.status, 'succeeded') = 'succeeded'
    order by runs.run_id desc
    limit 1
"""


class PublishError(Exception):
    """A publish that cannot proceed, with a message for the user (no stack trace)."""


@dataclass(frozen=True)
class Release:
    serving_database: Path
    parquet_dir: Path
    tables: tuple[str, ...]
    build_run_id: str


def serving_dir(database: Path) -> Path:
    """$SERVING_DIR, else serving/<stem of the build database> beside it."""
    configured = os.environ.get("SERVING_DIR")
    return Path(configured) if configured else database.parent / "serving" / database.stem


def mart_tables(manifest_path: Path) -> list[str]:
    """Every model under models/marts/ in dbt's manifest, by relation name (alias), sorted."""
    if not manifest_path.is_file():
        raise PublishError(f"{manifest_path} not found: run `build` before `publish`")
    nodes = json.loads(manifest_path.read_text(encoding="utf-8"))["nodes"].values()
    return sorted(
        node["alias"]
        for node in nodes
        if node["resource_type"] == "model"
        and node["original_file_path"].startswith(MARTS_FOLDER)
        and node["config"].get("enabled", True)
    )


def _missing_tables(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> list[str]:
    present = {
        name
        for (name,) in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'main'"
        ).fetchall()
    }
    return [table for table in tables if table not in present]


def complete_build(connection: duckdb.DuckDBPyConnection, database: Path) -> str:
    """The run id of the build the database holds; PublishError (one line) unless that build completed."""
    latest = connection.execute(LATEST_BUILD_QUERY).fetchone()
    if latest is None:
        raise PublishError(f"refusing to publish: {database} has no build in its run log; run `build` first")
    run_id, run_status, message, build_status = latest
    if build_status == "succeeded":
        return str(run_id)
    if run_status == "running":
        state = "did not finish (killed, or still running)"
    elif message == "interrupted":
        state = "was interrupted"
    else:
        state = f"failed ({message or 'see its run log'})"
    raise PublishError(
        f"refusing to publish: the latest build, run {run_id}, {state}; the serving copy keeps its release. "
        "Run `build` again."
    )


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _write_release(
    connection: duckdb.DuckDBPyConnection,
    tables: list[str],
    database_file: Path,
    parquet_dir: Path,
    release: tuple[str, str],
) -> None:
    """Copies the tables, and the release record (release id, build run id), into a new database file and one
    Parquet file each."""
    connection.execute(f"attach {_quoted(database_file)} as serving_release")
    try:
        connection.execute(
            f"create table serving_release.main.{RELEASE_TABLE} as "
            "select cast(? as varchar) as release_id, cast(? as varchar) as build_run_id, "
            "cast(? as timestamp) as published_at",
            [*release, utc_now()],
        )
        for table in tables:
            connection.execute(f'create table serving_release.main."{table}" as select * from main."{table}"')
        for table in [*tables, RELEASE_TABLE]:
            source = f"serving_release.main.{RELEASE_TABLE}" if table == RELEASE_TABLE else f'main."{table}"'
            target = parquet_dir / f"{table}.parquet"
            connection.execute(f"copy (select * from {source}) to {_quoted(target)} (format parquet)")
    finally:
        connection.execute("detach serving_release")


def _swap_parquet_link(serving: Path, release_dir: Path) -> Path | None:
    """Points serving/parquet at release_dir atomically; returns the release it pointed at before."""
    link = serving / PARQUET_LINK
    if link.exists() and not link.is_symlink():
        raise PublishError(f"{link} is a real folder, not the release symlink publish manages; move it away")
    previous = (serving / os.readlink(link)).resolve() if link.is_symlink() else None
    temporary = serving / f".{PARQUET_LINK}.{release_dir.name}.tmp"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(release_dir.relative_to(serving), target_is_directory=True)
    os.replace(temporary, link)
    return previous


def _prune_releases(releases: Path, keep: set[Path]) -> None:
    for folder in releases.iterdir():
        if folder.resolve() not in keep:
            shutil.rmtree(folder, ignore_errors=True)


def publish(database: Path, manifest_path: Path, release_id: str, serving: Path | None = None) -> Release:
    """Copies every mart and the run log tables from the build database into a new serving release, provided the
    database holds a complete build."""
    serving = serving or serving_dir(database)
    if not database.is_file():
        raise PublishError(f"build database {database} not found: run `build` first")
    tables = [*mart_tables(manifest_path), *LOG_TABLES]
    release_dir = serving / RELEASES_FOLDER / release_id
    serving_database = serving / f"{database.stem}.duckdb"
    temporary = serving / f".{database.stem}.{release_id}.duckdb.tmp"
    # Shares dbt-duckdb's open instance when dbt ran in this process (see run_log.record).
    try:
        with duckdb.connect(str(database)) as connection:
            ensure_tables(connection)
            build_run_id = complete_build(connection, database)
            missing = _missing_tables(connection, tables)
            if missing:
                raise PublishError(f"{database} lacks {', '.join(missing)}: run `build` before `publish`")
            release_dir.mkdir(parents=True, exist_ok=False)
            _write_release(connection, tables, temporary, release_dir, (release_id, build_run_id))
    except BaseException:
        temporary.unlink(missing_ok=True)
        shutil.rmtree(release_dir, ignore_errors=True)
        raise
    temporary.chmod(READ_ONLY_MODE)
    os.replace(temporary, serving_database)
    previous = _swap_parquet_link(serving, release_dir)
    _prune_releases(serving / RELEASES_FOLDER, {release_dir.resolve(), *([previous] if previous else [])})
    return Release(serving_database, serving / PARQUET_LINK, (*tables, RELEASE_TABLE), build_run_id)
