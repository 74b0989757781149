"""A compact view of an in-process dbt command: a progress bar fed by dbt's events, then a short result table.

dbt's own console log is switched off (the full log still goes to logs/dbt.log); failures are printed as one
`FAIL <node>: <first error line>` each, from dbt's result objects, never as a stack trace.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

FAILED_STATUSES = frozenset({"error", "fail", "runtime error"})
# dbt heads an error with its kind and where it happened; the lines after it say what happened.
_HEADING_LINE = re.compile(r"^(Runtime|Compilation|Database|Parsing|Dependency) Error( in .*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class NodeOutcome:
    """One node of a dbt result: what it is, how it ended, how long it took and dbt's message."""

    name: str
    resource_type: str
    status: str
    seconds: float
    message: str = ""

    @property
    def failed(self) -> bool:
        return self.status in FAILED_STATUSES


def outcomes_from_results(results: Iterable[Any]) -> list[NodeOutcome]:
    """NodeOutcomes of dbt RunResult objects (dbtRunnerResult.result.results)."""
    return [
        NodeOutcome(
            name=result.node.name,
            resource_type=str(result.node.resource_type),
            status=str(result.status),
            seconds=float(result.execution_time or 0.0),
            message=str(result.message or ""),
        )
        for result in results
    ]


def first_error_line(message: str, lines_wanted: int = 1) -> str:
    """The first line(s) of a dbt error message that say what went wrong (not its heading), joined by ' | '."""
    lines = [" ".join(line.split()) for line in message.splitlines() if line.strip()]
    informative = [line for line in lines if not _HEADING_LINE.match(line)]
    return " | ".join((informative or lines or ["(no message)"])[:lines_wanted])


def failure_lines(outcomes: list[NodeOutcome]) -> list[str]:
    """`FAIL <resource type> <node>: <first error line>` per failed node, then how many were skipped because of it."""
    lines = [
        f"FAIL {outcome.resource_type} {outcome.name}: {first_error_line(outcome.message)}"
        for outcome in outcomes
        if outcome.failed
    ]
    skipped = sum(outcome.status == "skipped" for outcome in outcomes)
    if skipped:
        lines.append(f"     {skipped} node(s) skipped because a node they depend on failed")
    return lines


def summary_lines(outcomes: list[NodeOutcome], elapsed_seconds: float, slowest: int = 5) -> list[str]:
    """A resource type x status count table, the elapsed time and the slowest nodes."""
    counts = Counter((outcome.resource_type, outcome.status) for outcome in outcomes)
    statuses = sorted({status for _, status in counts})
    types = sorted({resource_type for resource_type, _ in counts})
    width = max([len("resource"), *(len(name) for name in types)])
    lines = [f"{'resource':<{width}} " + " ".join(f"{status:>8}" for status in statuses)]
    for resource_type in types:
        cells = " ".join(f"{counts[(resource_type, status)]:>8}" for status in statuses)
        lines.append(f"{resource_type:<{width}} {cells}")
    lines.append(f"{len(outcomes)} nodes in {elapsed_seconds:.1f} s; slowest:")
    ranked = sorted(outcomes, key=lambda outcome: outcome.seconds, reverse=True)[:slowest]
    lines += [f"  {outcome.seconds:>7.1f} s  {outcome.resource_type} {outcome.name}" for outcome in ranked]
    return lines


class ProgressDisplay:
    """A dbtRunner callback: a tqdm bar over the nodes (hidden when stdout is not a terminal)."""

    def __init__(self, description: str) -> None:
        self._description = description
        self._bar: tqdm | None = None
        self.failed = 0

    def __call__(self, event: Any) -> None:
        name = event.info.name
        if name == "LogStartLine" and self._bar is None:
            self._bar = tqdm(total=event.data.total, desc=self._description, unit="node", disable=None, leave=False)
        elif name == "NodeFinished" and self._bar is not None:
            if event.data.node_info.node_status in FAILED_STATUSES:
                self.failed += 1
                self._bar.set_postfix(failed=self.failed)
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
