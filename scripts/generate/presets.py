"""Size presets of the simulated centre."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Preset:
    name: str
    start: date
    days: int
    agents: int  # agent-role headcount at the start
    customers: int
    # Offered workload relative to what the phone headcount can serve at the 80/20 goal (Erlang C): 1.0 is a
    # balanced centre; above 1 it is understaffed. Volume follows from headcount, never the other way round.
    load: float
    employee_survey_every_months: int


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("tiny", date(2026, 1, 5), 7, 8, 1_500, 1.15, 1),
        Preset("sample", date(2026, 1, 1), 90, 30, 20_000, 1.2, 1),
        Preset("medium", date(2025, 1, 1), 365, 200, 150_000, 1.05, 3),
        Preset("large", date(2025, 1, 1), 365, 1_000, 1_200_000, 1.0, 3),
    )
}


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}") from None
