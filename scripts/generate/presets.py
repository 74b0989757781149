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
    # Inbound calls entering the IVR per phone agent on an average weekday: ties volume to headcount so that
    # service level lands near the 80/20 goal, with misses where the forecast and staffing fall short.
    calls_per_agent_day: float
    employee_survey_every_months: int


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("tiny", date(2026, 1, 5), 7, 8, 1_500, 52.0, 1),
        Preset("sample", date(2026, 1, 1), 90, 30, 20_000, 56.0, 1),
        Preset("medium", date(2025, 1, 1), 365, 200, 150_000, 60.0, 3),
        Preset("large", date(2025, 1, 1), 365, 1_000, 1_200_000, 62.0, 3),
    )
}


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}") from None
