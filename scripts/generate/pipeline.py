"""generate(): build the world, simulate month by month (in worker processes), write extracts and manifest."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from . import finance
from .clock import UTC_OFFSET_S
from .contract import load_contract, load_labels
from .defects import DefectInjector, plan_defects
from .demand import default_profile_path, load_arrival_profile
from .extracts import Extracts, clear_previous
from .month import MonthOutput, World, simulate_month
from .presets import get_preset
from .streams import stream
from .world import build_setup

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Summary:
    preset: str
    seed: int
    out_dir: Path
    rows: dict[str, int]  # raw rows written per table, all part files together
    distinct_calls: int
    defects: int
    elapsed_s: float


_worker_world: World | None = None  # per worker process: set once by the pool initializer, read by _run_month


def _init_worker(world: World) -> None:
    global _worker_world
    _worker_world = world


def _run_month(m: int) -> MonthOutput:
    assert _worker_world is not None
    return simulate_month(_worker_world, m)


def _months(world: World, workers: int) -> Iterator[MonthOutput]:
    """Month outputs in calendar order; with workers > 1 a bounded number run ahead in worker processes."""
    n = len(world.period.months())
    if workers <= 1 or n == 1:
        for m in range(n):
            yield simulate_month(world, m)
        return
    ctx = multiprocessing.get_context("spawn")  # no fork: Arrow's and numpy's threads do not survive it safely
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(world,)) as pool:
        pending: list[Future[MonthOutput]] = []
        submitted = 0
        while submitted < n or pending:
            while submitted < n and len(pending) < workers + 1:
                pending.append(pool.submit(_run_month, submitted))
                submitted += 1
            yield pending.pop(0).result()


def generate(preset: str, seed: int, out_dir: Path, defect_rate: float = 0.002, *, profile_csv: Path | None = None,
             workers: int | None = None, progress: bool = False) -> Summary:
    """Write the full raw extract set of a simulated centre to out_dir; same arguments give the same bytes."""
    started = time.perf_counter()
    spec = get_preset(preset)
    contract = load_contract(REPO_ROOT / "models" / "staging")
    labels = load_labels(REPO_ROOT / "seeds" / "label_mappings.csv")
    profile = load_arrival_profile(profile_csv or default_profile_path(REPO_ROOT))
    out_dir.mkdir(parents=True, exist_ok=True)
    clear_previous(out_dir, contract)
    plan = plan_defects(contract, seed, defect_rate)
    injector = DefectInjector(contract, labels, seed, plan)
    extracts = Extracts(out_dir, contract, injector)
    setup = build_setup(spec, seed, profile)
    world = setup.world
    for name, rows in setup.tables.items():
        extracts.write(name, rows)
    n_months = len(world.period.months())
    workers = workers if workers is not None else min(os.cpu_count() or 1, n_months)
    stats, distinct_calls = [], 0
    for out in tqdm(_months(world, workers), total=n_months, desc=f"{preset}: months", unit="month",
                    disable=not progress):
        for name, rows in out.tables.items():
            extracts.write(name, rows)
        stats.append(out.stats)
        distinct_calls += out.distinct_calls
    rng = stream(seed, "finance")
    extracts.write("cost_ledger", _at_final(finance.cost_rows(rng, world.staff, world.period, stats,
                                                               setup.training.hours_by_month,
                                                               setup.training.sessions_by_month), world))
    extracts.write("revenue", _at_final(finance.revenue_rows(world.period, stats), world))
    extracts.write("sales_plans", _at_final(finance.sales_plan_rows(rng, world.period, stats), world))
    rows = extracts.close()
    manifest = {
        "preset": preset,
        "seed": seed,
        "defect_rate": defect_rate,
        "generated_at": _iso_local(world.period.final_export_s),
        "period": {"start": world.period.start.isoformat(), "end_exclusive": world.period.end.isoformat()},
        "row_counts": rows,
        "distinct_calls": distinct_calls,
        "defects": injector.entries,
        "expected_counts": {name: c.as_json() for name, c in sorted(injector.counts.items())},
    }
    (out_dir / "_manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    return Summary(preset=preset, seed=seed, out_dir=out_dir, rows=rows, distinct_calls=distinct_calls,
                   defects=len(injector.entries), elapsed_s=time.perf_counter() - started)


def _at_final(rows: dict, world: World) -> dict:
    n = len(next(iter(rows.values())))
    return {**rows, "extracted_at": [world.period.final_export_s] * n}


def _iso_local(ts: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+08:00", time.gmtime(ts + UTC_OFFSET_S))
