"""The time zone the dashboard shows times in: display only, stored times stay UTC.

The zone is chosen per browser session (the sidebar's "Times shown in", widget key
``time_zone``) and passed down as a :class:`Zone`; nothing here is mutable state.
Zones with summer time are tz database zones (:mod:`zoneinfo`), so British Summer
Time or EDT starts and ends on the right day; their times carry the abbreviation in
force then (BST / GMT). Zones without summer time are named by their offset (UTC+8):
the tz database's own abbreviations for them are ambiguous (Taipei's "CST").

The tz database comes from the system (/usr/share/zoneinfo) or the ``tzdata`` package
(requirements.txt). Without either, the fixed-offset zones still work (as
:class:`datetime.timezone` offsets) and the zones with summer time are not offered,
rather than shown an hour off half the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

STATE_KEY = "time_zone"
MINUTES = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class Zone:
    key: str  # tz database name, the selectbox's value
    label: str  # as the selectbox offers it
    short: str  # in column headers and axis titles: "Latest (UTC+8)"
    fixed_hours: int | None = None  # the offset when the zone has no summer time (the fallback)

    @property
    def tz(self) -> tzinfo:
        return _tz(self.key, self.fixed_hours)

    def suffix(self, local: datetime) -> str:
        """What follows a time shown in this zone: the offset name, or the abbreviation
        in force at that moment (BST in summer, GMT in winter)."""
        return self.short if self.fixed_hours is not None else (local.tzname() or self.short)


ZONES: tuple[Zone, ...] = (
    Zone("UTC", "UTC", "UTC", 0),
    Zone("Asia/Taipei", "UTC+8 (Beijing, Hong Kong, Taipei, Singapore)", "UTC+8", 8),
    Zone("Asia/Tokyo", "UTC+9 (Tokyo, Seoul)", "UTC+9", 9),
    Zone("Europe/London", "London (GMT / BST)", "London time"),
    Zone("Europe/Paris", "Paris, Berlin, Brussels (CET / CEST)", "Paris time"),
    Zone("America/New_York", "New York, Washington (EST / EDT)", "New York time"),
)
DEFAULT = ZONES[0]


@cache
def _tz(key: str, fixed_hours: int | None) -> tzinfo | None:
    """The zone's tzinfo; a fixed offset without the tz database; None when it has summer
    time and no tz database is found (immutable, so caching it is safe across sessions)."""
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        if fixed_hours is None:
            return None
        return UTC if fixed_hours == 0 else timezone(timedelta(hours=fixed_hours), f"UTC{fixed_hours:+d}")


def available() -> tuple[Zone, ...]:
    """The zones this installation can show correctly."""
    return tuple(z for z in ZONES if z.tz is not None)


def by_key(key: str | None) -> Zone:
    """The zone of a selectbox value; UTC for anything unknown or unavailable."""
    return next((z for z in available() if z.key == key), DEFAULT)


def _utc(moment: datetime) -> datetime:
    """Stored times are UTC; a naive one is read as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def local(moment: datetime, zone: Zone) -> datetime:
    """The moment as an aware datetime in ``zone``."""
    return _utc(moment).astimezone(zone.tz)


def shown(moment: datetime, zone: Zone, fmt: str = MINUTES) -> str:
    """``2025-05-14 05:00 UTC+8``: the moment in ``zone``, with the zone's name."""
    at = local(moment, zone)
    return f"{at.strftime(fmt)} {zone.suffix(at)}"


def shown_range(start: datetime, end: datetime, zone: Zone, fmt: str = MINUTES) -> str:
    """``2025-05-13 05:00 – 2025-05-14 05:00 UTC+8``; both ends named when summer time
    starts or ends in between (``… GMT – … BST``); one time when both ends show alike (a
    one-article story)."""
    a, b = local(start, zone), local(end, zone)
    if a.strftime(fmt) == b.strftime(fmt) and zone.suffix(a) == zone.suffix(b):
        return f"{a.strftime(fmt)} {zone.suffix(a)}"
    if zone.suffix(a) == zone.suffix(b):
        return f"{a.strftime(fmt)} – {b.strftime(fmt)} {zone.suffix(b)}"
    return f"{a.strftime(fmt)} {zone.suffix(a)} – {b.strftime(fmt)} {zone.suffix(b)}"


def wall_clock(moments: pd.Series, zone: Zone) -> pd.Series:
    """Aware (or naive UTC) times as naive wall-clock times in ``zone``, for tables and
    charts, which show a naive time as written (the header names the zone)."""
    series = pd.to_datetime(moments)
    if series.dt.tz is None:
        series = series.dt.tz_localize(UTC)
    return series.dt.tz_convert(zone.tz).dt.tz_localize(None)


def day(moment: datetime, zone: Zone) -> date:
    """The calendar day of the moment in ``zone``."""
    return local(moment, zone).date()


def day_start(day_: date, zone: Zone) -> datetime:
    """Midnight starting ``day_`` in ``zone``, as an aware UTC datetime."""
    return wall_moment(day_, time(0), zone)


def wall_moment(day_: date, clock: time, zone: Zone) -> datetime:
    """The moment a clock in ``zone`` reads ``clock`` on ``day_``, as an aware UTC datetime."""
    return datetime.combine(day_, clock, tzinfo=zone.tz).astimezone(UTC)
