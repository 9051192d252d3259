"""Small SQL helpers shared by the store's table groups."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime


def now() -> str:
    """The current time as stored (ISO 8601, UTC)."""
    return datetime.now(UTC).isoformat()


def marks(chunk: list) -> str:
    """SQL placeholders for an IN (...) list of ``chunk``'s length."""
    return ",".join("?" * len(chunk))


def chunks(items: list, size: int = 500) -> Iterator[list]:
    """``items`` in slices of ``size`` (SQLite bounds the parameters of one statement)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
