"""The local engine: this process and the SQLite store (:func:`clustering.pipeline.run`)."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

from engines.base import Engine, EngineResult


class LocalEngine(Engine):
    """``read_options``: how to read the inputs (e.g. ``{"fields": {...}}``), and ``max_bytes``
    (per input file), as Ray's engine takes them."""

    name = "local"

    def __init__(self, read_options: dict | None = None, max_bytes: int | None = None):
        self.read_options = read_options or {}
        self.max_bytes = max_bytes

    def run(self, inputs: Sequence[str | os.PathLike], store=None, *, out=None, model=None,
            since=None, until=None, progress=False, clusterer=None) -> EngineResult:
        if store is None:
            raise ValueError("the local engine keeps everything in a store: pass store=Store(path)")
        from clustering.pipeline import run

        start = time.perf_counter()
        result = run(list(inputs), store, model=model, since=since, until=until, progress=progress,
                     clusterer=clusterer, read_options=self.read_options, max_bytes=self.max_bytes)
        stats = {"engine": self.name, "seconds": round(time.perf_counter() - start, 2)}
        return EngineResult(result.stories, result.articles, result.rejected, result.backend, result.context,
                            result.orphans, result.changes, result.ingest_notes, result.outside_dates,
                            result.unchanged_files, stats=stats)
