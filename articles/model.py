"""The normalized article: what every later stage reads.

Everything an ingest path produces is either an :class:`Article` or a
:class:`Rejection` (one line naming the file and the problem).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Article:
    """One news article, normalized whatever format it came from.

    ``id`` is stable: derived from the canonical URL when there is one, else from
    outlet + the source's own key of the record (a feed item's guid), else from
    outlet + title + publication time, so the same article read from two
    archives (or re-read later) gets the same id.
    """

    id: str
    outlet: str
    title: str
    url: str | None
    published: datetime  # timezone-aware, UTC
    language: str  # ISO 639-1: "zh", "en", ...
    script: str | None  # "Hans" (Simplified), "Hant" (Traditional) or None for non-Chinese
    paragraphs: list[str]
    captions: list[str] = field(default_factory=list)
    source_paths: list[str] = field(default_factory=list)
    # The ids earlier versions gave this record, where they differ from ``id`` (a feed item known
    # by its guid was known by its title before session 36): ingest finds the article stored
    # under one of them, so a store written before is not given the item a second time. Not
    # stored, not compared: only what a reader saw.
    former_ids: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def text(self) -> str:
        """Body text: paragraphs joined by newlines (captions excluded)."""
        return "\n".join(self.paragraphs)

    @property
    def content_hash(self) -> str:
        """Hash of what an embedding or comparison depends on (title + body)."""
        payload = self.title + "\n" + self.text
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()


@dataclass
class Rejection:
    """An input that could not become an article, with a one-line reason."""

    source_path: str
    error: str

    def __str__(self) -> str:
        return f"{self.source_path}: {self.error}"


@dataclass
class SetAside:
    """A record published outside the run's dates (``--since``/``--until``), known from its date
    field before its article was built: counted, not stored. Building an article (language and
    script detection, body cleaning) costs a hundred times its JSON parse, and a few days of a
    half-year file set aside nearly every record. ``build`` builds it (its id), for the rare
    caller that needs it: a file stored from before, with other dates, keeps its records."""

    source_path: str
    build: Callable[[], Article | Rejection] = field(repr=False, compare=False)
