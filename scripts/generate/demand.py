"""Arrival shape from real bank call volumes, and expected/sampled arrivals per 5-minute slot."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from scripts.shared import shared_dir

from .clock import CLOSE_S, OPEN_S, Period

SLOT_S = 300
SLOTS = (CLOSE_S - OPEN_S) // SLOT_S  # 168 five-minute slots from 08:00 to 22:00
INTERVAL_S = 1800  # planning interval of forecasts and staffing
INTERVALS = SLOTS * SLOT_S // INTERVAL_S  # 28 half-hours from 08:00
SLOTS_PER_INTERVAL = INTERVAL_S // SLOT_S
WEEKEND_FACTOR = 0.4
# Mild known seasonality (Jan..Dec); the forecast knows it, the staffing headcount does not follow it.
MONTH_FACTOR = np.array([1.04, 0.94, 1.0, 0.99, 1.0, 0.98, 1.02, 1.01, 0.99, 1.0, 1.03, 1.05])
PROFILE_RELATIVE_PATH = Path("realdata/us_bank_calls_2003_fpp/fpp3_bank_calls.csv")
# The bank's data run 07:00-21:05 local on weekdays; we use its first 168 slots (07:00-20:55) shifted by one hour
# onto our 08:00-22:00 opening hours.
SOURCE_FIRST_SLOT_S = 7 * 3600


@dataclass(frozen=True)
class ArrivalProfile:
    day_factor: np.ndarray  # (7,) Monday..Sunday volume relative to the mean weekday
    intraday: np.ndarray  # (7, SLOTS) share of the day's volume per slot; rows sum to 1


def default_profile_path(repo_root: Path) -> Path:
    """The shared real data live outside the repository (see scripts/shared.py), never inside it."""
    return shared_dir(repo_root) / PROFILE_RELATIVE_PATH


def load_arrival_profile(path: Path) -> ArrivalProfile:
    """Normalised weekday x 5-minute profile from the fpp3 bank_calls file (columns rownames, DateTime, Calls)."""
    if not path.is_file():
        raise FileNotFoundError(
            f"arrival profile data not found at {path}: the generator reads the real 5-minute bank call volumes "
            "from ../shared/realdata/us_bank_calls_2003_fpp/fpp3_bank_calls.csv (see its SOURCE.md); "
            "pass --profile-csv to point at a copy"
        )
    sums = np.zeros((5, SLOTS))
    days: dict[int, set[str]] = {wd: set() for wd in range(5)}
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(fh), start=2):
            try:
                # The file labels the times as UTC but they are the bank's local clock times.
                stamp = datetime.strptime(row["DateTime"][:19], "%Y-%m-%dT%H:%M:%S")
                calls = float(row["Calls"])
            except (KeyError, ValueError) as exc:
                raise ValueError(f"{path}:{line_no}: cannot read DateTime/Calls ({exc})") from None
            slot = (stamp.hour * 3600 + stamp.minute * 60 - SOURCE_FIRST_SLOT_S) // SLOT_S
            wd = stamp.weekday()
            if wd < 5 and 0 <= slot < SLOTS:
                sums[wd, slot] += calls
                days[wd].add(row["DateTime"][:10])
    if any(not d for d in days.values()):
        raise ValueError(f"{path}: expected weekday 5-minute rows from 07:00; found none for some weekdays")
    mean_day = sums / np.array([len(days[wd]) for wd in range(5)])[:, None]
    totals = mean_day.sum(axis=1)
    intraday = np.empty((7, SLOTS))
    intraday[:5] = mean_day / totals[:, None]
    # No weekend data: weekends take the average weekday shape, flattened a little (no commute peaks).
    weekend = 0.7 * intraday[:5].mean(axis=0) + 0.3 / SLOTS
    intraday[5:] = weekend / weekend.sum()
    day_factor = np.empty(7)
    day_factor[:5] = totals / totals.mean()
    day_factor[5:] = WEEKEND_FACTOR
    return ArrivalProfile(day_factor=day_factor, intraday=intraday)


def expected_slot_volume(profile: ArrivalProfile, period: Period, weekday_volume: float) -> np.ndarray:
    """(days, SLOTS) expected arrivals for a channel whose mean weekday volume is weekday_volume."""
    months = np.array([period.date_of(i).month - 1 for i in range(period.days)])
    daily = weekday_volume * profile.day_factor[period.weekdays()] * MONTH_FACTOR[months]
    return daily[:, None] * profile.intraday[period.weekdays()]


def sample_arrivals(
    rng: np.random.Generator, expected: np.ndarray, period: Period, day_sigma: float = 0.06
) -> np.ndarray:
    """Sorted arrival epoch seconds: Poisson per slot around expected, with an unforecastable day-level factor."""
    day_noise = rng.lognormal(-0.5 * day_sigma**2, day_sigma, size=expected.shape[0])
    counts = rng.poisson(expected * day_noise[:, None]).ravel()
    days, slots = np.divmod(np.arange(counts.size), SLOTS)
    slot_start = period.start_s + days * 86_400 + OPEN_S + slots * SLOT_S
    times = np.repeat(slot_start, counts) + rng.integers(0, SLOT_S, size=int(counts.sum()))
    return np.sort(times).astype(np.int64)


def sample_daily(
    rng: np.random.Generator, period: Period, weekday_volume: float, hourly: np.ndarray, weekend_factor: float = 0.7
) -> np.ndarray:
    """Sorted epoch seconds of round-the-clock arrivals (e-mails, posts) with an hour-of-day weighting."""
    weights = hourly / hourly.sum()
    daily = weekday_volume * np.where(period.weekdays() >= 5, weekend_factor, 1.0)
    counts = rng.poisson(daily[:, None] * weights[None]).ravel()
    days, hours = np.divmod(np.arange(counts.size), 24)
    hour_start = period.start_s + days * 86_400 + hours * 3600
    times = np.repeat(hour_start, counts) + rng.integers(0, 3600, size=int(counts.sum()))
    return np.sort(times).astype(np.int64)
