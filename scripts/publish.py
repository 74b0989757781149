"""Publishes the marts and the run log to a serving copy that BI tools read while the next build runs.

DuckDB locks a database file per process, so BI readers can never share the build database with dbt. Each
release is written beside the serving copy under a temporary name and renamed over it (os.replace, atomic on
one file system): a reader sees the old release or the new one, never a half-written file, and a reader still
holding the old file keeps reading the old inode without blocking anything. The Parquet exports go to a new
release folder and a `parquet` symlink is swapped onto it the same way; the previous release folder is kept
for readers that listed it just before the swap, older ones are pruned.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import duckdb

from scripts.run_log import LOG_TABLES, ensure_tables

MARTS_FOLDER = "models/marts/"
RELEASES_FOLDER = "releases"
PARQUET_LINK = "parquet"
READ_ONLY_MODE = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


class PublishError(Exception):
    """A publish that cannot proceed, with a message for the user (no stack trace)."""


@dataclass(frozen=True)
class Release:
    serving_database: Path
    parquet_dir: Path
    tables: tuple[str, ...]


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


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _write_release(
    connection: duckdb.DuckDBPyConnection, tables: list[str], database_file: Path, parquet_dir: Path
) -> None:
    """Copies the tables into a new database file and one Parquet file each."""
    connection.execute(f"attach {_quoted(database_file)} as serving_release")
    try:
        for table in tables:
            connection.execute(f'create table serving_release.main."{table}" as select * from main."{table}"')
            target = parquet_dir / f"{table}.parquet"
            connection.execute(f'copy (select * from main."{table}") to {_quoted(target)} (format parquet)')
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
    """Copies every mart and the run log tables from the build database into a new serving release."""
    serving = serving or serving_dir(database)
    if not database.is_file():
        raise PublishError(f"build database {database} not found: run `build` first")
    tables = [*mart_tables(manifest_path), *LOG_TABLES]
    release_dir = serving / RELEASES_FOLDER / release_id
    release_dir.mkdir(parents=True, exist_ok=False)
    serving_database = serving / f"{database.stem}.duckdb"
    temporary = serving / f".{database.stem}.{release_id}.duckdb.tmp"
    # Shares dbt-duckdb's open instance when dbt ran in this process (see run_log.record).
    try:
        with duckdb.connect(str(database)) as connection:
            ensure_tables(connection)
            missing = _missing_tables(connection, tables)
            if missing:
                raise PublishError(f"{database} lacks {', '.join(missing)}: run `build` before `publish`")
            _write_release(connection, tables, temporary, release_dir)
    except BaseException:
        temporary.unlink(missing_ok=True)
        shutil.rmtree(release_dir, ignore_errors=True)
        raise
    temporary.chmod(READ_ONLY_MODE)
    os.replace(temporary, serving_database)
    previous = _swap_parquet_link(serving, release_dir)
    _prune_releases(serving / RELEASES_FOLDER, {release_dir.resolve(), *([previous] if previous else [])})
    return Release(serving_database, serving / PARQUET_LINK, tuple(tables))
