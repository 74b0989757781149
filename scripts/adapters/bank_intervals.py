"""Anonymous Bank 1999 six-minute arrival counts -> telephony.interval_arrivals and a seasonal-naive
wfm.interval_forecasts (the same local slot one week earlier). Pure functions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from scripts.adapters.bank_calls import CENTRE_ZONE, iso_local

ARRIVALS_QUEUE_ID = "ALL"
SLOT_MINUTES = 6
SEASON = timedelta(days=7)
# SOURCE.md: 1999-01-11 and -12 are imputed (missing from the raw data), 1999-05-23 was replaced (fractional counts)
UNRELIABLE_DAYS = frozenset({date(1999, 1, 11), date(1999, 1, 12), date(1999, 5, 23)})


@dataclass(frozen=True)
class Slot:
    day: date
    slot: int  # 1..240
    calls: float

    @property
    def local_start(self) -> datetime:
        midnight = datetime(self.day.year, self.day.month, self.day.day)
        return midnight + timedelta(minutes=(self.slot - 1) * SLOT_MINUTES)


def parse_slot(raw: dict[str, str]) -> Slot:
    return Slot(date.fromisoformat(raw["date"].strip()), int(raw["u"]), float(raw["calls"]))


def local_time_exists(moment: datetime) -> bool:
    """False for wall-clock times skipped when the clocks went forward (02:00-02:59 on 1999-04-02 in Israel)."""
    aware = moment.replace(tzinfo=CENTRE_ZONE)
    return aware.astimezone(UTC).astimezone(CENTRE_ZONE).replace(tzinfo=None) == moment


def usable_slots(slots: Iterable[Slot]) -> tuple[dict[tuple[date, int], Slot], dict[str, int]]:
    """Slots the warehouse can load, by (day, slot), and counts of the slots left out per reason."""
    kept: dict[tuple[date, int], Slot] = {}
    skipped = {"unreliable_day": 0, "nonexistent_local_time": 0, "nonexistent_local_time_with_calls": 0}
    for slot in slots:
        if slot.day in UNRELIABLE_DAYS:
            skipped["unreliable_day"] += 1
        elif not local_time_exists(slot.local_start):
            skipped["nonexistent_local_time" if slot.calls == 0 else "nonexistent_local_time_with_calls"] += 1
        elif slot.calls != int(slot.calls):
            raise ValueError(f"{slot.day} slot {slot.slot}: non-integer count {slot.calls} outside the known days")
        else:
            kept[(slot.day, slot.slot)] = slot
    return kept, skipped


def arrival_rows(kept: dict[tuple[date, int], Slot], extracted_at: str) -> list[dict[str, str]]:
    return [
        {
            "queue_id": ARRIVALS_QUEUE_ID,
            "interval_start_at": iso_local(slot.local_start),
            "extracted_at": extracted_at,
            "interval_minutes": str(SLOT_MINUTES),
            "arrived_contacts": str(int(slot.calls)),
        }
        for slot in kept.values()
    ]


def forecast_rows(kept: dict[tuple[date, int], Slot], aht_seconds: float, extracted_at: str) -> list[dict[str, str]]:
    """Seasonal naive: a slot's forecast is the count of the same local slot seven days earlier. Slots without a
    usable week-earlier count (the first week, the week after an unreliable day) get no forecast."""
    rows = []
    for (day, number), slot in kept.items():
        earlier = kept.get((day - SEASON, number))
        if earlier is None:
            continue
        rows.append(
            {
                "queue_id": ARRIVALS_QUEUE_ID,
                "interval_start_at": iso_local(slot.local_start),
                "extracted_at": extracted_at,
                "interval_minutes": str(SLOT_MINUTES),
                "forecast_contacts": str(int(earlier.calls)),
                "forecast_aht_seconds": f"{aht_seconds:.1f}",
            }
        )
    return rows
