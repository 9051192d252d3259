"""The dashboard's display time zone (dashboard/times.py): stored UTC shown in the chosen zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pandas as pd

from dashboard import storylist, times

UTC8 = times.by_key("Asia/Taipei")
LONDON = times.by_key("Europe/London")
NEW_YORK = times.by_key("America/New_York")


def test_tz_database_is_available_offline() -> None:
    # The system's zoneinfo or the tzdata package: every zone is offered, none falls back.
    assert [z.key for z in times.available()] == [z.key for z in times.ZONES]
    assert type(LONDON.tz).__name__ == "ZoneInfo"


def test_an_evening_in_utc_is_the_next_morning_in_utc8() -> None:
    evening = datetime(2025, 5, 13, 21, 0, tzinfo=UTC)
    assert times.shown(evening, times.DEFAULT) == "2025-05-13 21:00 UTC"
    assert times.shown(evening, UTC8) == "2025-05-14 05:00 UTC+8"
    assert times.shown(evening, UTC8, "%m-%d %H:%M") == "05-14 05:00 UTC+8"
    assert times.day(evening, UTC8) == date(2025, 5, 14)
    # Naive stored times are UTC.
    assert times.shown(evening.replace(tzinfo=None), UTC8) == "2025-05-14 05:00 UTC+8"


def test_summer_time_follows_the_tz_database() -> None:
    noon = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)
    winter_noon = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
    assert times.shown(noon, LONDON) == "2025-07-01 13:00 BST"
    assert times.shown(winter_noon, LONDON) == "2025-01-15 12:00 GMT"
    assert times.shown(noon, NEW_YORK) == "2025-07-01 08:00 EDT"
    assert times.shown(winter_noon, NEW_YORK) == "2025-01-15 07:00 EST"
    # Across the change (30 March 2025, 01:00 UTC) each end is named.
    assert times.shown_range(datetime(2025, 3, 29, 23, tzinfo=UTC), datetime(2025, 3, 30, 9, tzinfo=UTC), LONDON) == (
        "2025-03-29 23:00 GMT – 2025-03-30 10:00 BST"
    )
    assert times.shown_range(datetime(2025, 5, 13, 1, tzinfo=UTC), datetime(2025, 5, 13, 21, tzinfo=UTC), UTC8) == (
        "2025-05-13 09:00 – 2025-05-14 05:00 UTC+8"
    )


def test_a_day_and_time_picked_is_read_on_the_zones_clock() -> None:
    """The list's "Changed since" day and time: 18:00 in London is 17:00 UTC in summer, 18:00 in
    winter; 06:00 at UTC+8 is 22:00 UTC the day before."""
    assert times.wall_moment(date(2025, 7, 1), time(18), LONDON) == datetime(2025, 7, 1, 17, tzinfo=UTC)
    assert times.wall_moment(date(2025, 1, 15), time(18), LONDON) == datetime(2025, 1, 15, 18, tzinfo=UTC)
    assert times.wall_moment(date(2025, 5, 14), time(6), UTC8) == datetime(2025, 5, 13, 22, tzinfo=UTC)


def test_wall_clock_for_tables_and_charts() -> None:
    stored = pd.Series(pd.to_datetime(["2025-05-13T21:00:00Z", "2025-07-01T12:00:00Z"]))
    assert list(times.wall_clock(stored, UTC8).astype(str)) == ["2025-05-14 05:00:00", "2025-07-01 20:00:00"]
    assert list(times.wall_clock(stored, LONDON).astype(str)) == ["2025-05-13 22:00:00", "2025-07-01 13:00:00"]
    naive = stored.dt.tz_localize(None)
    assert list(times.wall_clock(naive, times.DEFAULT).astype(str)) == ["2025-05-13 21:00:00", "2025-07-01 12:00:00"]


def test_unknown_zone_is_utc_and_fallback_is_fixed_offsets_only() -> None:
    assert times.by_key("Mars/Olympus") is times.DEFAULT
    assert times.by_key(None) is times.DEFAULT
    # Without the tz database: a fixed offset for zones without summer time, nothing for the others.
    no_database = times._tz.__wrapped__
    assert no_database("No/Such_Zone", 8).utcoffset(None) == timedelta(hours=8)
    assert no_database("No/Such_Zone", None) is None


def test_dates_filter_counts_days_in_the_chosen_zone() -> None:
    # One story entirely on the evening of 12 May UTC, i.e. the morning of 13 May in Taipei.
    frame = pd.DataFrame(
        {
            "id": ["s"],
            "search": [""],
            "outlet_list": [("自由時報",)],
            "n_outlets": [2],
            "first_published": [pd.Timestamp("2025-05-12T21:00:00Z")],
            "last_published": [pd.Timestamp("2025-05-12T23:30:00Z")],
        }
    )
    may13 = {"since": date(2025, 5, 13), "until": date(2025, 5, 13)}
    may12 = {"since": date(2025, 5, 12), "until": date(2025, 5, 12)}
    assert storylist.filter_stories(frame, **may13).empty
    assert list(storylist.filter_stories(frame, **may12)["id"]) == ["s"]
    assert list(storylist.filter_stories(frame, **may13, zone=UTC8)["id"]) == ["s"]
    assert storylist.filter_stories(frame, **may12, zone=UTC8).empty


def test_a_range_of_one_moment_is_shown_once() -> None:
    # A one-article story: its first and last articles are the same.
    one = datetime(2021, 7, 13, 20, 34, tzinfo=UTC)
    assert times.shown_range(one, one, UTC8) == "2021-07-14 04:34 UTC+8"
    assert times.shown_range(one, one + timedelta(seconds=20), UTC8) == "2021-07-14 04:34 UTC+8"
    assert times.shown_range(one, one + timedelta(minutes=1), UTC8) == "2021-07-14 04:34 – 2021-07-14 04:35 UTC+8"
