"""CLI: python -m scripts.generate --preset sample|medium|large --seed 42 --out DIR [--defect-rate 0.002]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .pipeline import Summary, generate
from .presets import PRESETS


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="warehouse generate", description=__doc__)
    p.add_argument(
        "--preset", choices=sorted(PRESETS), default="sample", help="size of the simulated centre (tiny is for tests)"
    )
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", type=Path, required=True, help="output directory (files of an earlier run are replaced)")
    p.add_argument("--defect-rate", type=float, default=0.002, help="share of rows given a defect; 0 for clean data")
    p.add_argument("--workers", type=int, default=None, help="worker processes for the months (default: cores)")
    p.add_argument(
        "--profile-csv",
        type=Path,
        default=None,
        help="fpp3 bank_calls CSV for the arrival profile (default: ../shared/realdata/...)",
    )
    return p


def summary_table(summary: Summary) -> str:
    width = max(len(name) for name in summary.rows)
    lines = [f"{'table':<{width}}  {'rows':>12}", f"{'-' * width}  {'-' * 12}"]
    lines += [f"{name:<{width}}  {n:>12,}" for name, n in sorted(summary.rows.items())]
    lines += [
        f"{'-' * width}  {'-' * 12}",
        f"{'total':<{width}}  {sum(summary.rows.values()):>12,}",
        f"distinct calls: {summary.distinct_calls:,}   defects: {summary.defects:,}   "
        f"elapsed: {summary.elapsed_s:.1f} s   -> {summary.out_dir}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.defect_rate < 0 or args.defect_rate >= 0.5:
        print("--defect-rate must be in [0, 0.5)", file=sys.stderr)
        return 2
    try:
        summary = generate(
            args.preset,
            args.seed,
            args.out,
            args.defect_rate,
            profile_csv=args.profile_csv,
            workers=args.workers,
            progress=True,
        )
    except FileNotFoundError as exc:  # e.g. the shared real data are not beside the repository
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(summary_table(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
