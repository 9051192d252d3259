"""The one small interface every engine implements."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from clustering.pipeline import RunResult


@dataclass
class EngineResult(RunResult):
    """A :class:`clustering.pipeline.RunResult` plus what the engine measured.

    ``stats``: counts and timings (articles embedded vs found in the cache, stages'
    seconds, per-worker figures for distributed engines); ``out``: where files went.
    """

    stats: dict = field(default_factory=dict)
    out: Path | None = None


class Engine(ABC):
    """Runs the pipeline on ``inputs`` (files, folders) and returns the stories.

    ``store`` is the SQLite workspace (embedding cache, stories the dashboard
    opens); ``out`` a folder (local or shared) for the engine's own output files.
    Engines give the same partition for the same articles, vectors and clusterer.
    """

    name: str = "base"

    @abstractmethod
    def run(
        self,
        inputs: Sequence[str | os.PathLike],
        store=None,
        *,
        out: str | os.PathLike | None = None,
        model: str | None = None,
        since: date | datetime | str | None = None,
        until: date | datetime | str | None = None,
        progress: bool = False,
        clusterer=None,
    ) -> EngineResult:
        """Ingest, embed, group into stories (and, where the engine does, compare)."""

    def connect(self):
        """Reach what the engine runs on, before any work (the Ray engine joins its cluster
        here, so a caller can fail before opening a store); the local engine needs nothing."""
        return None

    def close(self) -> None:
        """Release what the engine holds (a Ray connection it opened)."""
        return None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
