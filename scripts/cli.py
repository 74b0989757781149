"""Single entry point: python -m scripts.cli <command> (or ./warehouse.sh <command>)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

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


def _cmd_adapt(args: argparse.Namespace) -> int:
    from scripts.realdata.anonymous_bank import main as anonymous_bank_main

    return anonymous_bank_main(Path(args.out))


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

    adapt = commands.add_parser("adapt", help="turn a real public data set into a raw extract set")
    adapt.add_argument("dataset", choices=["anonymous-bank"], help="Israel, Aug 1999 calls + 1999 counts")
    adapt.add_argument("--out", required=True, help="directory to write the extracts and _dbt_vars.json into")
    adapt.set_defaults(handler=_cmd_adapt)

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
