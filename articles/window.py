"""The publication window of a run (``--since``/``--until``): one home for what is in it.

A run keeps the articles published in [since, until), a bare ``until`` date including that
day. Ingest stores only those (:func:`articles.ingest.ingest`'s ``window``: a file read with
one window and later with another is read again), and the run groups only those
(:func:`clustering.pipeline.run`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta


def usable_date(published: datetime | None) -> bool:
    """Is ``published`` a date, not a source's way of writing "no date"? The epoch (1970-01-01,
    a zero timestamp, within two days for its zone) and the first day ingest accepts
    (1900-01-01) are how sources write it."""
    return published is not None and abs(published.timestamp()) > 2 * 86400.0 and (
        published.year > 1900 or published.timetuple().tm_yday > 1)


def as_utc(value: date | datetime | str | None, end: bool = False) -> datetime | None:
    """Accept dates, datetimes or ISO strings; a bare date ``until`` (``end``) includes that day."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value or " " in value else date.fromisoformat(value)
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
        if end:
            value += timedelta(days=1)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


@dataclass(frozen=True)
class DateWindow:
    """Publication times in [``start``, ``end``), UTC; an open side is None."""

    start: datetime | None = None
    end: datetime | None = None

    @classmethod
    def of(cls, since: date | datetime | str | None,
           until: date | datetime | str | None) -> DateWindow | None:
        """The window of ``--since``/``--until`` (``until`` a bare date: that day included); None
        when neither is given (everything is in)."""
        start, end = as_utc(since), as_utc(until, end=True)
        return None if start is None and end is None else cls(start, end)

    def holds(self, published: datetime) -> bool:
        """Published in the window (what a run groups)."""
        when = as_utc(published)
        return (self.start is None or when >= self.start) and (self.end is None or when < self.end)

    def excludes(self, published: datetime | None) -> bool:
        """Is a record of this date left unstored? Dated outside the window; a record without
        a usable date (:func:`usable_date`) is kept, as without a window."""
        return usable_date(published) and not self.holds(published)

    def key(self) -> dict[str, str]:
        """The window as text, for a file's fingerprint (what decides it is unchanged)."""
        return {name: when.isoformat() for name, when in (("since", self.start), ("until", self.end))
                if when is not None}
