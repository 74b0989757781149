"""Single entry point: python -m scripts.cli <command> (or ./warehouse.sh <command>)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from scripts import dashboards
from scripts.build import DEFAULT_RAW_DIR, build, ensure_sample, raw_data_dir
from scripts.contract import REPO_ROOT, load_tables
from scripts.validate import validate


def _cmd_generate(arguments: list[str]) -> int:
    from scripts.generate.__main__ import main as generate_main

    return generate_main(arguments)


def _cmd_validate(args: argparse.Namespace) -> int:
    findings = validate(Path(args.raw_dir), load_tables())
    for finding in findings:
        print(finding)
    errors = sum(finding.level == "error" for finding in findings)
    print(f"{errors} error(s), {len(findings) - errors} warning(s) in {args.raw_dir}")
    return 1 if errors else 0


def _cmd_build(args: argparse.Namespace) -> int:
    raw_dir = Path(args.raw_dir)
    ensure_sample(raw_dir)
    return 0 if build(raw_dir, with_docs=not args.no_docs) else 1


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


def _cmd_test(args: argparse.Namespace) -> int:
    ensure_sample(DEFAULT_RAW_DIR)
    return subprocess.call([sys.executable, "-m", "pytest", *args.pytest_args], cwd=REPO_ROOT)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="warehouse", description="Contact-centre KPI warehouse tooling.")
    commands = root.add_subparsers(dest="command", required=True)

    # listed for --help; its arguments are parsed by the generator itself (see main)
    commands.add_parser(
        "generate",
        help="write a simulated extract set: --preset sample|medium|large --seed N --out DIR (generate --help)",
        add_help=False,
    )

    raw_dir_help = "extracts directory (default: $RAW_DATA_DIR or the embedded sample)"
    check = commands.add_parser("validate", help="check an extracts directory against the contract")
    check.add_argument("--raw-dir", default=str(raw_data_dir()), help=raw_dir_help)
    check.set_defaults(handler=_cmd_validate)

    run = commands.add_parser("build", help="preflight, dbt build (models and tests) and the static docs")
    run.add_argument("--raw-dir", default=str(raw_data_dir()), help=raw_dir_help)
    run.add_argument("--no-docs", action="store_true", help="skip dbt docs generate")
    run.set_defaults(handler=_cmd_build)

    board = commands.add_parser("dashboards", help="build the Superset dashboards from the serving Parquet")
    board.add_argument(
        "--serving-dir", default=str(dashboards.serving_dir()), help="publish's folder (default: $SERVING_DIR)"
    )
    board.add_argument("--home", default=str(dashboards.DEFAULT_HOME), help="Superset's metadata folder")
    board.add_argument("--serve", action="store_true", help="then run Superset on 127.0.0.1 until Ctrl-C")
    board.add_argument("--port", type=int, default=8088)
    board.set_defaults(handler=_cmd_dashboards)

    test = commands.add_parser("test", help="every test: pytest (unit, dbt build and tests, sqlfluff, ruff)")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER, help="extra pytest arguments")
    test.set_defaults(handler=_cmd_test)
    return root


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["generate"]:
        return _cmd_generate(arguments[1:])
    args = parser().parse_args(arguments)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
