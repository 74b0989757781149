"""Single entry point: python -m scripts.cli <command> (or ./warehouse.sh <command>)."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import yaml

from scripts import dashboards, portability
from scripts.build import DEFAULT_RAW_DIR, database_path, ensure_sample, raw_data_dir, target_path
from scripts.contract import REPO_ROOT, load_tables
from scripts.pipeline import BUILD, PUBLISH, RUN_STEPS, VALIDATE, RunContext, Step, execute, new_run
from scripts.publish import serving_dir
from scripts.report import month_report, report_source
from scripts.validate import inspect

# `run --dataset` adapts a real public data set into this folder, then runs the warehouse on it
DATASET_DIRS = {"anonymous-bank": REPO_ROOT / "data" / "anonymous_bank"}
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _cmd_generate(arguments: list[str]) -> int:
    from scripts.generate.__main__ import main as generate_main

    return generate_main(arguments)


def _cmd_validate(args: argparse.Namespace) -> int:
    raw_dir = Path(args.raw_dir)
    validation = inspect(raw_dir, load_tables())
    for finding in validation.findings:
        print(finding)
    for table, rows in validation.rows.items():
        print(f"  {table:<24} {'unreadable' if rows is None else f'{rows:,} rows':>16}")
    warnings = len(validation.findings) - validation.errors
    print(f"{validation.errors} error(s), {warnings} warning(s) in {raw_dir}")
    return 1 if validation.errors else 0


def _steps_command(command: str, steps: list[Step]):
    """A subcommand that runs `steps` as one recorded run."""

    def handler(args: argparse.Namespace) -> int:
        raw_dir = Path(getattr(args, "raw_dir", None) or raw_data_dir())
        if getattr(args, "dataset", None):
            raw_dir = DATASET_DIRS[args.dataset]
            if _adapt(args.dataset, raw_dir) != 0:
                return 1
        if any(name == "validate" for name, _ in steps):
            ensure_sample(raw_dir)
        database = database_path()
        context = RunContext(
            raw_dir=raw_dir,
            database=database,
            serving=serving_dir(database),
            target=target_path(),
            run=new_run(command, raw_dir),
            with_docs=not getattr(args, "no_docs", False),
            extra_vars=getattr(args, "vars", None) or {},
            verbose=getattr(args, "verbose", False),
            month=getattr(args, "month", None),
            with_dashboards=not getattr(args, "no_dashboards", False),
        )
        return execute(steps, context)

    return handler


def _cmd_report(args: argparse.Namespace) -> int:
    database = database_path()
    source = report_source(database, serving_dir(database) / f"{database.stem}.duckdb")
    try:
        ok, lines = month_report(source, args.month)
    except duckdb.Error as error:  # e.g. the build database locked by a running build, or not built yet
        ok, lines = False, [f"cannot read {source}: {str(error).splitlines()[0]}"]
    print("\n".join(lines))
    return 0 if ok else 1


def _adapt(dataset: str, out_dir: Path) -> int:
    from scripts.adapters.anonymous_bank import main as anonymous_bank_main

    return anonymous_bank_main(out_dir)


def _cmd_adapt(args: argparse.Namespace) -> int:
    return _adapt(args.dataset, Path(args.out))


def _cmd_dashboards(args: argparse.Namespace) -> int:
    try:
        home = dashboards.build(Path(args.serving_dir) / "parquet", Path(args.home))
        print(
            f"Dashboards built in {home}; `./warehouse.sh dashboards --serve` shows them on http://127.0.0.1:{args.port}"
        )
        if args.serve:
            server = dashboards.start_server(home, args.port)
            for slug, url in dashboards.page_urls(args.port).items():
                print(f"{slug}: {url}")
            print("Serving; Ctrl-C stops.")
            try:
                server.wait()
            except KeyboardInterrupt:
                server.terminate()
    except dashboards.DashboardError as error:
        print(f"ERROR dashboards: {error}")
        return 1
    return 0


def _cmd_portability(args: argparse.Namespace) -> int:
    return portability.run(args.engine, Path(args.raw_dir) if args.raw_dir else None)


TEST_USAGE = """usage: warehouse test [pytest arguments]

Runs every test with pytest: unit tests, the generator, the golden KPI cases, the sample build's staging checks,
the contract documents, the orchestration, the docs site, the dashboards, the PostgreSQL build, sqlfluff and ruff.
Arguments go to pytest, for example:
  ./warehouse.sh test tests/python/test_golden.py -k phone     one test file, cases matching 'phone'
  ./warehouse.sh test -x -q                                     stop at the first failure, quietly
pytest's own options: .venv/bin/pytest --help"""


def _cmd_test(pytest_args: list[str]) -> int:
    if pytest_args in (["--help"], ["-h"]):
        print(TEST_USAGE)
        return 0
    ensure_sample(DEFAULT_RAW_DIR)
    return subprocess.call([sys.executable, "-m", "pytest", *pytest_args], cwd=REPO_ROOT)


def _month(text: str) -> str:
    if not MONTH.match(text):
        raise argparse.ArgumentTypeError(f"expected YYYY-MM, got {text!r}")
    return text


def _dbt_vars(text: str) -> dict[str, Any]:
    try:
        parsed = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise argparse.ArgumentTypeError(f"not YAML/JSON: {str(error).splitlines()[0]}") from error
    if not isinstance(parsed, dict):
        raise argparse.ArgumentTypeError("expected a mapping such as '{service_level_answer_seconds: 30}'")
    return parsed


def _add_build_options(command: argparse.ArgumentParser, raw_dir_help: str) -> None:
    command.add_argument("--raw-dir", default=str(raw_data_dir()), help=raw_dir_help)
    command.add_argument("--no-docs", action="store_true", help="skip dbt docs generate")
    command.add_argument("--vars", type=_dbt_vars, help="dbt vars to override (YAML/JSON)")
    command.add_argument(
        "--verbose", action="store_true", help="print every quarantined file, column and reason, not the summary"
    )


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="warehouse",
        description="Contact-centre KPI warehouse tooling. The main job is `run`: validate -> build -> publish -> "
        "report. Build database: $DUCKDB_PATH; serving copy for BI: $SERVING_DIR (default serving/<name>/ beside "
        "the database).",
    )
    commands = root.add_subparsers(dest="command", required=True, metavar="command")

    # listed for --help; its arguments are parsed by the generator itself (see main)
    commands.add_parser(
        "generate",
        help="write a simulated extract set: --preset sample|medium|large --seed N --out DIR (generate --help)",
        add_help=False,
    )

    raw_dir_help = "extracts directory (default: $RAW_DATA_DIR or the embedded sample)"
    check = commands.add_parser(
        "validate", help="check an extracts directory against the contract (files, columns, row counts)"
    )
    check.add_argument("--raw-dir", default=str(raw_data_dir()), help=raw_dir_help)
    check.set_defaults(handler=_cmd_validate)

    build = commands.add_parser("build", help="validate, then dbt build (seeds, models, tests) and the docs site")
    _add_build_options(build, raw_dir_help)
    build.set_defaults(handler=_steps_command("build", [VALIDATE, BUILD]))

    publish = commands.add_parser(
        "publish", help="replace the read-only serving copy (DuckDB file + Parquet) with the built marts, atomically"
    )
    publish.set_defaults(handler=_steps_command("publish", [PUBLISH]))

    report = commands.add_parser("report", help="a month's centre KPIs against target, worst misses first")
    report.add_argument(
        "--month", type=_month, help="YYYY-MM (default: the latest month the data covers fully and most KPIs reach)"
    )
    report.set_defaults(handler=_cmd_report)

    run = commands.add_parser("run", help="the main job: validate, build, publish, report (recorded in the run log)")
    _add_build_options(run, raw_dir_help)
    run.add_argument("--month", type=_month, help="month of the report, YYYY-MM (default: latest complete month)")
    run.add_argument("--dataset", choices=sorted(DATASET_DIRS), help="adapt a real data set (see adapt), run on it")
    run.add_argument("--no-dashboards", action="store_true", help="skip building the Superset dashboards")
    run.set_defaults(handler=_steps_command("run", RUN_STEPS))

    board = commands.add_parser("dashboards", help="build the Superset dashboards from the serving Parquet")
    board.add_argument(
        "--serving-dir",
        default=str(serving_dir(database_path())),
        help="publish's folder (default: $SERVING_DIR, else serving/<database name>/ beside $DUCKDB_PATH)",
    )
    board.add_argument("--home", default=str(dashboards.DEFAULT_HOME), help="Superset's metadata folder")
    board.add_argument("--serve", action="store_true", help="then run Superset on 127.0.0.1 until Ctrl-C")
    board.add_argument("--port", type=int, default=8088, help="port of --serve (default 8088)")
    board.set_defaults(handler=_cmd_dashboards)

    adapt = commands.add_parser("adapt", help="turn a real public data set into a raw extract set")
    adapt.add_argument("dataset", choices=sorted(DATASET_DIRS), help="Israel, Aug 1999 calls + 1999 counts")
    adapt.add_argument("--out", required=True, help="directory to write the extracts and _dbt_vars.json into")
    adapt.set_defaults(handler=_cmd_adapt)

    other_engine = commands.add_parser(
        "portability",
        help="the project on another engine: a throwaway cluster, the raw extracts as text tables, dbt build "
        "--empty (every model, test and contract runs there); --raw-dir: loaded, built and compared with DuckDB",
    )
    other_engine.add_argument("--engine", choices=portability.ENGINES, required=True)
    other_engine.add_argument(
        "--raw-dir",
        help="load these extracts, build everything and compare the centre's monthly KPIs with the DuckDB build "
        "($DUCKDB_PATH) of the same folder",
    )
    other_engine.set_defaults(handler=_cmd_portability)

    # listed for --help; every argument after it goes to pytest, options too (see main)
    commands.add_parser(
        "test", help="every test: pytest (unit, dbt build and tests, sqlfluff, ruff); extra arguments go to pytest"
    )
    return root


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["generate"]:
        return _cmd_generate(arguments[1:])
    if arguments[:1] == ["test"]:
        return _cmd_test(arguments[1:])
    args = parser().parse_args(arguments)
    # dbt resolves a relative DUCKDB_PATH against the working directory; pin it so dbt and the run log agree
    os.environ["DUCKDB_PATH"] = str(database_path())
    return args.handler(args)


def entry_point() -> int:
    """main() as a process: Ctrl-C ends it with one line and the shell's 130; a closed pipe (`report | head`) ends
    it quietly."""
    try:
        code = main()
        sys.stdout.flush()
    except KeyboardInterrupt:
        print("\ninterrupted (Ctrl-C)", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        # the reader went away: point stdout at /dev/null so the interpreter's final flush cannot fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if code == 130:
        # dbt, interrupted, can leave worker threads behind whose clean-up at interpreter shutdown raises the
        # interrupt once more and ends the process by the signal instead of 130: leave at once (the run log is
        # already written and closed)
        with contextlib.suppress(OSError):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(130)
    return code


if __name__ == "__main__":
    sys.exit(entry_point())
