"""Business-time arithmetic (escalation/sla.py): pure functions, no database."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from escalation.sla import (
    WorkSchedule,
    add_business_minutes,
    business_minutes_between,
    clock_state,
    format_minutes,
    is_working_time,
)

UTC = dt.UTC
OFFICE = WorkSchedule(tz="UTC", days=frozenset({0, 1, 2, 3, 4}), start=dt.time(9), end=dt.time(17))
SEOUL = WorkSchedule(
    tz="Asia/Seoul", days=frozenset({0, 1, 2, 3, 4}), start=dt.time(9), end=dt.time(18)
)
BERLIN = WorkSchedule(
    tz="Europe/Berlin", days=frozenset(range(7)), start=dt.time(0), end=dt.time(23, 59)
)


def at(*args, tz=UTC):
    return dt.datetime(*args, tzinfo=tz)


# 2026-11-23 is a Monday.


def test_calendar_time_adds_plain_minutes():
    assert add_business_minutes(at(2026, 11, 23, 22), 180, None) == at(2026, 11, 24, 1)


def test_within_one_working_day():
    assert add_business_minutes(at(2026, 11, 23, 10), 60, OFFICE) == at(2026, 11, 23, 11)


def test_rolls_over_to_next_morning():
    assert add_business_minutes(at(2026, 11, 23, 16), 120, OFFICE) == at(2026, 11, 24, 10)


def test_start_before_opening_counts_from_opening():
    assert add_business_minutes(at(2026, 11, 23, 6), 30, OFFICE) == at(2026, 11, 23, 9, 30)


def test_friday_evening_jumps_the_weekend():
    friday_evening = at(2026, 11, 27, 18)
    assert add_business_minutes(friday_evening, 60, OFFICE) == at(2026, 11, 30, 10)


def test_saturday_start_waits_for_monday():
    assert add_business_minutes(at(2026, 11, 28, 12), 8 * 60, OFFICE) == at(2026, 11, 30, 17)


def test_exactly_end_of_day_stays_on_that_day():
    assert add_business_minutes(at(2026, 11, 23, 9), 8 * 60, OFFICE) == at(2026, 11, 23, 17)


def test_multi_day_target():
    # 24 business hours = three 8-hour days: Mon 9:00 → Wed 17:00.
    assert add_business_minutes(at(2026, 11, 23, 9), 24 * 60, OFFICE) == at(2026, 11, 25, 17)


def test_zero_minutes_is_the_start():
    start = at(2026, 11, 23, 12)
    assert add_business_minutes(start, 0, OFFICE) == start


def test_negative_minutes_refused():
    with pytest.raises(ValueError):
        add_business_minutes(at(2026, 11, 23, 12), -1, OFFICE)


def test_naive_datetimes_refused():
    with pytest.raises(ValueError):
        add_business_minutes(dt.datetime(2026, 11, 23, 12), 5, OFFICE)


def test_schedule_without_days_refused():
    empty = WorkSchedule(tz="UTC", days=frozenset(), start=dt.time(9), end=dt.time(17))
    with pytest.raises(ValueError):
        add_business_minutes(at(2026, 11, 23, 12), 5, empty)
    assert business_minutes_between(at(2026, 11, 23), at(2026, 11, 30), empty) == 0


def test_other_timezone_hours_apply_locally():
    # 09:00 in Seoul is 00:00 UTC.
    assert add_business_minutes(at(2026, 11, 23, 0), 60, SEOUL) == at(2026, 11, 23, 1)
    # 23:30 UTC Sunday is 08:30 Monday in Seoul: opens 30 minutes later.
    assert add_business_minutes(at(2026, 11, 22, 23, 30), 10, SEOUL) == at(2026, 11, 23, 0, 10)


def test_dst_change_is_respected():
    # Berlin springs forward on 2026-03-29 at 02:00 → 03:00: that local day has 23 hours.
    start = at(2026, 3, 29, 0, 0, tz=ZoneInfo("Europe/Berlin"))
    end = at(2026, 3, 29, 12, 0, tz=ZoneInfo("Europe/Berlin"))
    assert business_minutes_between(start, end, BERLIN) == 11 * 60


def test_between_inverse_of_add():
    start = at(2026, 11, 26, 15, 17)
    for minutes in (1, 59, 60, 479, 480, 481, 3000):
        due = add_business_minutes(start, minutes, OFFICE)
        assert business_minutes_between(start, due, OFFICE) == minutes


def test_between_counts_only_working_time():
    assert business_minutes_between(at(2026, 11, 27, 16), at(2026, 11, 30, 10), OFFICE) == 120


def test_between_reversed_is_zero():
    assert business_minutes_between(at(2026, 11, 24), at(2026, 11, 23), OFFICE) == 0


def test_calendar_between():
    assert business_minutes_between(at(2026, 11, 23), at(2026, 11, 24), None) == 24 * 60


def test_is_working_time():
    assert is_working_time(at(2026, 11, 23, 9), OFFICE)
    assert not is_working_time(at(2026, 11, 23, 17), OFFICE)
    assert not is_working_time(at(2026, 11, 28, 12), OFFICE)
    assert is_working_time(at(2026, 11, 28, 12), None)


def test_clock_running_shows_minutes_left():
    state = clock_state(
        due_at=at(2026, 11, 23, 12),
        now=at(2026, 11, 23, 10),
        achieved_at=None,
        is_paused=False,
        schedule=OFFICE,
    )
    assert (state.state, state.minutes) == ("running", 120)


def test_clock_breached_shows_minutes_over():
    state = clock_state(
        due_at=at(2026, 11, 23, 12),
        now=at(2026, 11, 24, 10),
        achieved_at=None,
        is_paused=False,
        schedule=OFFICE,
    )
    assert (state.state, state.minutes) == ("breached", 6 * 60)


def test_clock_paused_and_met_and_late():
    due = at(2026, 11, 23, 12)
    now = at(2026, 11, 23, 13)
    assert (
        clock_state(due_at=due, now=now, achieved_at=None, is_paused=True, schedule=None).state
        == "paused"
    )
    assert (
        clock_state(
            due_at=due, now=now, achieved_at=at(2026, 11, 23, 11), is_paused=False, schedule=None
        ).state
        == "met"
    )
    late = clock_state(
        due_at=due, now=now, achieved_at=at(2026, 11, 23, 12, 30), is_paused=False, schedule=None
    )
    assert (late.state, late.minutes) == ("breached", 30)
    assert (
        clock_state(due_at=None, now=now, achieved_at=None, is_paused=False, schedule=None).state
        == "none"
    )


@pytest.mark.parametrize(
    ("minutes", "text"), [(0, "0m"), (5, "5m"), (60, "1h"), (125, "2h 5m"), (1500, "1d 1h")]
)
def test_format_minutes(minutes, text):
    assert format_minutes(minutes) == text
