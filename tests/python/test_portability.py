"""The project on PostgreSQL: `dbt build --target postgres --empty` on a throwaway PostgreSQL 15 cluster.

Every model's SQL, every data test and every enforced contract runs on PostgreSQL (on zero rows; the seeds load
for real). The project has no dbt unit tests, so nothing is excluded. The staging parsers' casts are checked
against DuckDB's try_cast on the shapes the extracts bring. Skipped only where the PostgreSQL binaries are absent
(.ci/run installs them)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import duckdb
import pytest
import yaml

from scripts.contract import REPO_ROOT, Table
from scripts.portability import (
    KPI_TOLERANCE,
    Cluster,
    dbt_build_options,
    kpi_differences,
    missing_requirements,
    prepare_arguments,
    raw_schema,
    raw_table_statements,
    text_type,
    throwaway_cluster,
)
from tests.python.warehouse import PUBLIC_MARTS, run_dbt

# information_schema spells these declared contract types in full
POSTGRES_TYPE_NAMES = {"timestamp": "timestamp without time zone"}
# the public marts whose contracts the project promises on every engine
# extract text the parsers meet: clean, other offsets' local part, decimals, defects (generate/defects.py)
CAST_SAMPLES = (
    "2026-01-05T08:00:00",
    "2026-01-05 08:00",
    "2026-1-5 8:00:00.250",
    "2026-01-05",
    "2026-13-45 25:61:00",
    "2026-02-30",
    "yesterday",
    "now",
    "N/A",
    "05-01-2026",
    "12",
    "1.5",
    "-2.5",
    "1e3",
    "abc",
    "",
)


def test_raw_schemas_are_the_sources_schemas(contract_tables: list[Table]) -> None:
    declared = {
        source["name"]: source["schema"]
        for path in (REPO_ROOT / "models" / "staging").glob("*/_*__sources.yml")
        for source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]
    }
    assert {table.source: raw_schema(table) for table in contract_tables} == declared


def test_raw_tables_are_text_columns_in_contract_order(contract_tables: list[Table]) -> None:
    assert (text_type("postgres"), text_type("spark")) == ("text", "string")
    statements = raw_table_statements(contract_tables, "text")
    call_legs = next(statement for statement in statements if " raw_telephony.call_legs " in statement)
    assert call_legs.startswith("create table raw_telephony.call_legs (call_id text, leg_number text, ")
    assert len(statements) == len({table.source for table in contract_tables}) + len(contract_tables)


def test_kpi_differences_name_changed_and_missing_values() -> None:
    reference = [("service_level", "2026-01-01", 0.8), ("nps", "2026-01-01", None), ("aht", "2026-01-01", 300.0)]
    same = [("service_level", "2026-01-01", 0.8 * (1 + KPI_TOLERANCE / 10)), ("nps", "2026-01-01", None)]
    assert kpi_differences(reference, [*same, ("aht", "2026-01-01", 300.0)]) == []
    assert kpi_differences(reference, same) == ["aht 2026-01-01: duckdb 300.0 vs other (no row)"]
    changed = [("service_level", "2026-01-01", 0.81), ("nps", "2026-01-01", 10.0), ("aht", "2026-01-01", 300.0)]
    assert kpi_differences(reference, changed) == [
        "nps 2026-01-01: duckdb None vs other 10.0",
        "service_level 2026-01-01: duckdb 0.8 vs other 0.81",
    ]


@pytest.fixture(scope="module")
def postgres_cluster() -> Iterator[Cluster]:
    reason = missing_requirements("postgres")
    if reason:
        pytest.skip(reason)
    with throwaway_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="module")
def unused_raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """RAW_DATA_DIR for the build: PostgreSQL reads the raw tables, never the files."""
    return tmp_path_factory.mktemp("unused_raw_dir")


@pytest.fixture(scope="module")
def postgres_target(
    postgres_cluster: Cluster,
    tmp_path_factory: pytest.TempPathFactory,
    unused_raw_dir: Path,
    contract_tables: list[Table],
) -> Path:
    """The dbt target folder of `dbt build --target postgres --empty`."""
    work_dir = tmp_path_factory.mktemp("postgres")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in postgres_cluster.profile_env().items():
            patch.setenv(name, value)
        prepared = run_dbt(prepare_arguments("postgres", contract_tables), unused_raw_dir, work_dir)
        assert prepared.returncode == 0, prepared.stdout[-3000:]
        result = run_dbt(["build", *dbt_build_options("postgres")], unused_raw_dir, work_dir)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if "ERROR" in line or "Error" in line]
    assert result.returncode == 0, "\n".join(errors[:40])
    return work_dir / "target"


def _manifest_nodes(target: Path, resource_type: str) -> dict[str, dict]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return {node["name"]: node for node in manifest["nodes"].values() if node["resource_type"] == resource_type}


def test_every_model_seed_and_test_passes_on_postgres(postgres_target: Path) -> None:
    results = json.loads((postgres_target / "run_results.json").read_text(encoding="utf-8"))["results"]
    statuses = {result["unique_id"]: result["status"] for result in results}
    for resource_type, ok in (("model", "success"), ("seed", "success"), ("test", "pass")):
        nodes = _manifest_nodes(postgres_target, resource_type)
        assert nodes, f"no {resource_type} in the manifest"
        not_ok = {name: statuses.get(node["unique_id"]) for name, node in nodes.items()}
        assert {name: status for name, status in not_ok.items() if status != ok} == {}


def test_seeds_load_for_real(postgres_target: Path, postgres_cluster: Cluster) -> None:
    seed_csv = REPO_ROOT / "seeds" / "kpi_registry.csv"
    with seed_csv.open(encoding="utf-8", newline="") as handle:
        expected = sum(1 for _ in csv.DictReader(handle))
    with closing(postgres_cluster.connect()) as connection, connection.cursor() as cursor:
        cursor.execute("select count(*) from main_seeds.kpi_registry")
        assert cursor.fetchone() == (expected,)


def test_contracts_create_the_declared_column_types(postgres_target: Path, postgres_cluster: Cluster) -> None:
    contracted = {
        name: node for name, node in _manifest_nodes(postgres_target, "model").items() if node["contract"]["enforced"]
    }
    assert set(contracted) >= PUBLIC_MARTS
    with closing(postgres_cluster.connect()) as connection, connection.cursor() as cursor:
        for name, node in contracted.items():
            cursor.execute(
                "select column_name, data_type from information_schema.columns"
                " where table_schema = %s and table_name = %s order by ordinal_position",
                [node["schema"], node["alias"]],
            )
            created = cursor.fetchall()
            declared = [
                (column["name"], POSTGRES_TYPE_NAMES.get(column["data_type"], column["data_type"]))
                for column in node["columns"].values()
            ]
            assert created == declared, name


@pytest.mark.parametrize("data_type", ["integer", "float", "date", "timestamp"])
def test_postgres_casts_read_extract_text_as_duckdb_does(
    postgres_target: Path, postgres_cluster: Cluster, data_type: str
) -> None:
    duckdb_type = "double" if data_type == "float" else data_type
    with duckdb.connect() as reference:
        expected = [
            reference.execute(f"select try_cast(? as {duckdb_type})", [text]).fetchone()[0] for text in CAST_SAMPLES
        ]
    with closing(postgres_cluster.connect()) as connection, connection.cursor() as cursor:
        found = []
        for text in CAST_SAMPLES:
            cursor.execute(f"select main.try_cast_{data_type}(%s)", [text])
            found.append(cursor.fetchone()[0])
    assert dict(zip(CAST_SAMPLES, found, strict=True)) == dict(zip(CAST_SAMPLES, expected, strict=True))
