"""The CLI's jobs as lists of named steps (validate, build, publish, report), timed and written to the run log.

`run` is RUN_STEPS; a step is a function of the shared RunContext returning True on success. A failing step
stops the run, which exits non-zero naming it. The run log is rewritten after every step once the build
database exists (a preflight failure on a fresh checkout leaves no database behind).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from scripts import dashboards
from scripts.build import BuildOutcome, build, build_checked, preflight
from scripts.publish import PublishError, publish
from scripts.report import month_report, report_source
from scripts.run_log import RunRecord, StepRecord, new_run_id, record, utc_now

RECONCILIATION_MODEL = "fct_source_reconciliation"


@dataclass
class RunContext:
    """What the steps share: where things are, the options, and what earlier steps found."""

    raw_dir: Path
    database: Path
    serving: Path
    target: Path
    run: RunRecord
    with_docs: bool = True
    extra_vars: dict[str, Any] = field(default_factory=dict)
    verbose: bool = False
    month: str | None = None
    with_dashboards: bool = True
    file_format: str | None = None
    build: BuildOutcome | None = None


Step = tuple[str, Callable[[RunContext], bool]]


def validate_step(context: RunContext) -> bool:
    ok, context.file_format = preflight(context.raw_dir)
    if not ok:
        context.run.message = f"preflight found errors in {context.raw_dir}"
    return ok


def build_step(context: RunContext) -> bool:
    if context.file_format is None:  # a step list without validate: build() runs the preflight itself
        outcome = build(context.raw_dir, context.with_docs, context.extra_vars, context.verbose)
    else:
        outcome = build_checked(
            context.raw_dir, context.file_format, context.with_docs, context.extra_vars, context.verbose
        )
    context.build = outcome
    if outcome.outcomes:  # null, not 0, when dbt stopped before running any node
        context.run.tests_passed = outcome.tests_passed
        context.run.tests_failed = outcome.tests_failed
        context.run.tests_warned = outcome.tests_warned
    failed = [o for o in outcome.outcomes if o.failed]
    if failed:
        context.run.message = f"{len(failed)} node(s) failed, first: {failed[0].resource_type} {failed[0].name}"
    elif outcome.error:
        context.run.message = outcome.error
    return outcome.succeeded


def publish_step(context: RunContext) -> bool:
    release = publish(context.database, context.target / "manifest.json", context.run.run_id, context.serving)
    print(
        f"published {len(release.tables)} tables of build run {release.build_run_id} to {release.serving_database} "
        f"and {release.parquet_dir}/"
    )
    return True


def dashboards_step(context: RunContext) -> bool:
    if not context.with_dashboards:
        print("dashboards skipped (--no-dashboards)")
        return True
    try:
        home = dashboards.build(context.serving / "parquet")
    except dashboards.DashboardError as error:
        context.run.message = f"dashboards: {error}"
        print(f"ERROR dashboards: {error}")
        return False
    print(f"dashboards built in {home}; `./warehouse.sh dashboards --serve` shows them")
    return True


def report_step(context: RunContext) -> bool:
    ok, lines = month_report(
        report_source(context.database, context.serving / f"{context.database.stem}.duckdb"), context.month
    )
    print("\n".join(lines))
    return ok


VALIDATE: Step = ("validate", validate_step)
BUILD: Step = ("build", build_step)
PUBLISH: Step = ("publish", publish_step)
DASHBOARDS: Step = ("dashboards", dashboards_step)
REPORT: Step = ("report", report_step)
RUN_STEPS: list[Step] = [VALIDATE, BUILD, PUBLISH, DASHBOARDS, REPORT]


def new_run(command: str, raw_dir: Path) -> RunRecord:
    started = utc_now()
    return RunRecord(run_id=new_run_id(started), command=command, raw_dir=str(raw_dir), started_at=started)


def _sources_built(context: RunContext) -> bool:
    """The reconciliation mart was rebuilt by this run, so its counts belong to it."""
    outcomes = context.build.outcomes if context.build else []
    return any(o.name == RECONCILIATION_MODEL and o.status == "success" for o in outcomes)


def _record(context: RunContext, step_succeeded: bool) -> None:
    if context.database.is_file() or step_succeeded:
        context.database.parent.mkdir(parents=True, exist_ok=True)
        record(context.database, context.run, refresh_sources=_sources_built(context) and not context.run.sources)


def timing_lines(run: RunRecord) -> list[str]:
    lines = [f"run {run.run_id} {run.status}" + (f" at step {run.failed_step}" if run.failed_step else "")]
    lines += [f"  {step.step:<10} {step.seconds:>8.1f} s  {step.status}" for step in run.steps]
    return lines


def execute(steps: list[Step], context: RunContext) -> int:
    """Runs the steps in order, recording each; 0 when all succeeded, 1 (130 if interrupted) otherwise."""
    exit_code = 0
    for name, step in steps:
        print(f"== {name}")
        started = utc_now()
        try:
            ok = step(context)
        except KeyboardInterrupt:
            print(f"interrupted (Ctrl-C) during {name}")
            ok, exit_code, context.run.message = False, 130, "interrupted"
        except (PublishError, OSError, duckdb.Error) as error:
            print(f"FAIL {name}: {error}")
            ok, context.run.message = False, str(error).splitlines()[0]
        context.run.steps.append(StepRecord(name, started, utc_now(), "succeeded" if ok else "failed"))
        if not ok:
            exit_code = exit_code or 1
            break
        _record(context, step_succeeded=True)
    context.run.finish(utc_now())
    _record(context, step_succeeded=exit_code == 0)
    print("\n".join(timing_lines(context.run)))
    if exit_code and not context.database.is_file():
        print(f"(not recorded in the run log: {context.database} does not exist yet)")
    return exit_code
