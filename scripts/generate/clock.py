"""Time conventions: epoch seconds (UTC) everywhere, a UTC+8 centre, 08:00-22:00 opening hours, nightly extracts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

UTC_OFFSET_S = 8 * 3600
DAY_S = 86_400
OPEN_S = 8 * 3600
CLOSE_S = 22 * 3600
EXTRACT_HOUR_S = 2 * 3600  # the nightly extract runs at 02:00 local
EPOCH = date(1970, 1, 1)


def day_number(d: date) -> int:
    return (d - EPOCH).days


def local_midnight(d: date) -> int:
    """Epoch seconds of 00:00 local on date d."""
    return day_number(d) * DAY_S - UTC_OFFSET_S


def local_day(ts: np.ndarray) -> np.ndarray:
    """Local calendar day number (days since 1970-01-01) of epoch seconds."""
    return np.floor_divide(np.asarray(ts, dtype=np.int64) + UTC_OFFSET_S, DAY_S)


def seconds_of_day(ts: np.ndarray) -> np.ndarray:
    return np.mod(np.asarray(ts, dtype=np.int64) + UTC_OFFSET_S, DAY_S)


def month_start(d: date) -> date:
    return d.replace(day=1)


@dataclass(frozen=True)
class Period:
    start: date
    days: int

    @property
    def end(self) -> date:
        """First day after the period."""
        return self.start + timedelta(days=self.days)

    @property
    def start_s(self) -> int:
        return local_midnight(self.start)

    @property
    def end_s(self) -> int:
        return local_midnight(self.end)

    @property
    def final_export_s(self) -> int:
        """The last nightly extract; anything that happens later is not in the files."""
        return self.end_s + EXTRACT_HOUR_S

    def date_of(self, day_index: int) -> date:
        return self.start + timedelta(days=day_index)

    def day_start_s(self, day_index: int) -> int:
        return self.start_s + day_index * DAY_S

    def weekdays(self) -> np.ndarray:
        """Weekday (0 = Monday) of each day of the period."""
        return (np.arange(self.days) + self.start.weekday()) % 7

    def sub(self, first: int, days: int) -> Period:
        """The part of the period starting at day index first."""
        return Period(self.date_of(first), days)

    def months(self) -> list[tuple[int, int]]:
        """(first day index, number of days) of each calendar month touched by the period."""
        out: list[tuple[int, int]] = []
        first = 0
        while first < self.days:
            d = self.date_of(first)
            nxt = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
            n = min((nxt - d).days, self.days - first)
            out.append((first, n))
            first += n
        return out

    def month_starts(self) -> list[date]:
        return [month_start(self.date_of(first)) for first, _ in self.months()]


def nightly_extract(ts: np.ndarray, period: Period) -> np.ndarray:
    """The extract that first carries a row last changed at ts: 02:00 local the next day, at most the final one."""
    nxt = (local_day(ts) + 1) * DAY_S - UTC_OFFSET_S + EXTRACT_HOUR_S
    return np.minimum(nxt, period.final_export_s)


def into_opening_hours(ts: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Move times outside 08:00-22:00 to shortly after the next opening (back-office work waits for opening)."""
    ts = np.asarray(ts, dtype=np.int64)
    sod = seconds_of_day(ts)
    day0 = ts - sod
    jitter = rng.integers(60, 45 * 60, size=ts.shape)
    morning = day0 + OPEN_S + jitter
    return np.where(sod < OPEN_S, morning, np.where(sod >= CLOSE_S, morning + DAY_S, ts))
