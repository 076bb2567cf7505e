"""Business-time arithmetic for SLA clocks: pure functions, no database.

A ``WorkSchedule`` says when the clock runs (weekdays and opening hours in one timezone);
``None`` means calendar time (24/7). All datetimes in and out are timezone-aware.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

MAX_DAYS_SCANNED = 3660  # ten years: a schedule with no working time never loops forever


@dataclass(frozen=True)
class WorkSchedule:
    tz: str
    days: frozenset[int]  # Monday = 0 … Sunday = 6
    start: dt.time
    end: dt.time

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)


def _require_aware(*values: dt.datetime) -> None:
    for value in values:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("SLA arithmetic needs timezone-aware datetimes")


def _windows_from(moment: dt.datetime, schedule: WorkSchedule):
    """Working windows (start, end) in UTC, from the day containing ``moment`` onwards."""
    zone = schedule.zone
    day = moment.astimezone(zone).date()
    for _offset in range(MAX_DAYS_SCANNED):
        if day.weekday() in schedule.days:
            # fold=0 and the round trip through UTC resolve DST gaps and overlaps.
            opens = dt.datetime.combine(day, schedule.start, tzinfo=zone).astimezone(dt.UTC)
            closes = dt.datetime.combine(day, schedule.end, tzinfo=zone).astimezone(dt.UTC)
            if closes > opens:
                yield opens, closes
        day += dt.timedelta(days=1)


def business_minutes_between(
    start: dt.datetime, end: dt.datetime, schedule: WorkSchedule | None
) -> int:
    """Whole minutes of working time between ``start`` and ``end`` (0 when end <= start)."""
    _require_aware(start, end)
    if end <= start:
        return 0
    if schedule is None:
        return int((end - start).total_seconds() // 60)
    if not schedule.days:
        return 0
    seconds = 0.0
    for opens, closes in _windows_from(start, schedule):
        if opens >= end:
            break
        overlap_start, overlap_end = max(opens, start), min(closes, end)
        if overlap_end > overlap_start:
            seconds += (overlap_end - overlap_start).total_seconds()
    return int(seconds // 60)


def add_business_minutes(
    start: dt.datetime, minutes: int, schedule: WorkSchedule | None
) -> dt.datetime:
    """The moment ``minutes`` of working time after ``start`` (returned in UTC)."""
    _require_aware(start)
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    start = start.astimezone(dt.UTC)
    if schedule is None:
        return start + dt.timedelta(minutes=minutes)
    if not schedule.days:
        raise ValueError("the schedule has no working days")
    remaining = dt.timedelta(minutes=minutes)
    for opens, closes in _windows_from(start, schedule):
        if closes <= start:
            continue
        window_start = max(opens, start)
        available = closes - window_start
        if remaining <= available:
            if remaining == dt.timedelta(0):
                return window_start if minutes else start
            return window_start + remaining
        remaining -= available
    raise ValueError("the schedule has no working time")


def is_working_time(moment: dt.datetime, schedule: WorkSchedule | None) -> bool:
    """Whether the SLA clock runs at ``moment``."""
    _require_aware(moment)
    if schedule is None:
        return True
    local = moment.astimezone(schedule.zone)
    return local.weekday() in schedule.days and schedule.start <= local.time() < schedule.end


@dataclass(frozen=True)
class ClockState:
    """What a ticket page shows for one SLA target."""

    state: str  # "none", "met", "paused", "running", "breached"
    minutes: int = 0  # minutes left (running) or overdue (breached), in the schedule's time


def clock_state(
    *,
    due_at: dt.datetime | None,
    now: dt.datetime,
    achieved_at: dt.datetime | None,
    is_paused: bool,
    schedule: WorkSchedule | None,
) -> ClockState:
    """State of one target: met/breached once achieved, else running/breached/paused at ``now``."""
    if achieved_at is not None:
        if due_at is not None and achieved_at > due_at:
            return ClockState("breached", business_minutes_between(due_at, achieved_at, schedule))
        return ClockState("met")
    if is_paused:
        return ClockState("paused")
    if due_at is None:
        return ClockState("none")
    if now >= due_at:
        return ClockState("breached", business_minutes_between(due_at, now, schedule))
    return ClockState("running", business_minutes_between(now, due_at, schedule))


def format_minutes(minutes: int) -> str:
    """``1d 2h 5m`` style (days of 24 hours), language-neutral."""
    days, rest = divmod(max(minutes, 0), 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else "", f"{mins}m"]
    if days or hours:
        parts[2] = f"{mins}m" if mins else ""
    return " ".join(part for part in parts if part) or "0m"
