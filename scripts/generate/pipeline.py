"""generate(): build the world, simulate and render month by month in worker processes, write the extracts."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from scripts.contract import load_contract, load_labels

from . import finance
from .clock import UTC_OFFSET_S
from .columns import row_count
from .defects import plan_defects
from .demand import default_profile_path, load_arrival_profile
from .extracts import ExtractWriter, RenderContext, Rendered, clear_previous, render
from .finance import MonthStats
from .month import World, simulate_month
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


@dataclass(frozen=True)
class RenderedMonth:
    chunks: list[Rendered]
    stats: MonthStats
    distinct_calls: int


def render_month(world: World, ctx: RenderContext, m: int) -> RenderedMonth:
    out = simulate_month(world, m)
    chunks = [render(ctx, name, rows, m) for name, rows in out.tables.items()]
    return RenderedMonth(chunks, out.stats, out.distinct_calls)


_worker_args: tuple[World, RenderContext] | None = None  # per worker process, set once by the pool initializer


def _init_worker(world: World, ctx: RenderContext) -> None:
    global _worker_args
    _worker_args = (world, ctx)


def _run_month(m: int) -> RenderedMonth:
    assert _worker_args is not None
    return render_month(*_worker_args, m)


def _months(world: World, ctx: RenderContext, workers: int, meanwhile: Callable[[], None]) -> Iterator[RenderedMonth]:
    """Rendered months in calendar order; with workers > 1 a bounded number run ahead in worker processes.
    meanwhile runs in this process once the workers are busy (it renders the up-front tables)."""
    n = len(world.period.months())
    if workers <= 1 or n == 1:
        meanwhile()
        for m in range(n):
            yield render_month(world, ctx, m)
        return
    spawn = multiprocessing.get_context("spawn")  # no fork: Arrow's and numpy's threads do not survive it
    with ProcessPoolExecutor(workers, mp_context=spawn, initializer=_init_worker, initargs=(world, ctx)) as pool:
        pending: list[Future[RenderedMonth]] = [pool.submit(_run_month, m) for m in range(min(n, workers + 1))]
        submitted = len(pending)
        meanwhile()
        while pending:
            done = pending.pop(0).result()
            if submitted < n:
                pending.append(pool.submit(_run_month, submitted))
                submitted += 1
            yield done


def generate(
    preset: str,
    seed: int,
    out_dir: Path,
    defect_rate: float = 0.002,
    *,
    profile_csv: Path | None = None,
    workers: int | None = None,
    progress: bool = False,
) -> Summary:
    """Write the full raw extract set of a simulated centre to out_dir; same arguments give the same bytes."""
    started = time.perf_counter()
    spec = get_preset(preset)
    contract = load_contract(REPO_ROOT)
    ctx = RenderContext(
        contract,
        load_labels(),
        plan_defects(contract, seed, defect_rate),
        seed,
    )
    profile = load_arrival_profile(profile_csv or default_profile_path(REPO_ROOT))
    out_dir.mkdir(parents=True, exist_ok=True)
    clear_previous(out_dir, contract)
    writer = ExtractWriter(out_dir, contract, ctx.plan)
    setup = build_setup(spec, seed, profile)
    world = setup.world
    n_months = len(world.period.months())
    # worker processes pay off once there are more months than cores; a quarter runs faster in one process
    workers = workers if workers is not None else (1 if n_months <= 3 else min(os.cpu_count() or 1, n_months))

    def write_upfront_tables() -> None:
        for name, rows in setup.tables.items():
            writer.write(render(ctx, name, rows, 0))

    stats, distinct_calls = [], 0
    for month in tqdm(
        _months(world, ctx, workers, write_upfront_tables),
        total=n_months,
        desc=f"{preset}: months",
        unit="month",
        disable=not progress,
    ):
        for chunk in month.chunks:
            writer.write(chunk)
        stats.append(month.stats)
        distinct_calls += month.distinct_calls
    rng = stream(seed, "finance")
    period = world.period
    costs = finance.cost_rows(
        rng, world.staff, period, stats, setup.training.hours_by_month, setup.training.sessions_by_month
    )
    for name, rows in (
        ("cost_ledger", costs),
        ("revenue", finance.revenue_rows(period, stats)),
        ("sales_plans", finance.sales_plan_rows(rng, period, stats)),
    ):
        final = np.full(row_count(rows), period.final_export_s)
        writer.write(render(ctx, name, {**rows, "extracted_at": final}, 0))
    rows = writer.close()
    manifest = {
        "preset": preset,
        "seed": seed,
        "defect_rate": defect_rate,
        "generated_at": _iso_local(period.final_export_s),
        "period": {"start": period.start.isoformat(), "end_exclusive": period.end.isoformat()},
        "row_counts": rows,
        # the columns each file was written with, so a sample that predates a contract change is regenerated
        "contract_columns": {name: list(table.column_names) for name, table in sorted(contract.tables.items())},
        "distinct_calls": distinct_calls,
        "defects": writer.entries,
        "expected_counts": {name: c.as_json() for name, c in sorted(writer.counts.items())},
    }
    (out_dir / "_manifest.json").write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return Summary(
        preset=preset,
        seed=seed,
        out_dir=out_dir,
        rows=rows,
        distinct_calls=distinct_calls,
        defects=len(writer.entries),
        elapsed_s=time.perf_counter() - started,
    )


def _iso_local(ts: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+08:00", time.gmtime(ts + UTC_OFFSET_S))
