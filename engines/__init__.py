"""Engines: where the pipeline (ingest -> embed -> stories -> comparison) runs.

* ``local`` (the default): this process, through :func:`clustering.pipeline.run`,
  everything kept in the SQLite store.
* ``ray``: a Ray cluster (or a local Ray started on the spot). Reading, embedding
  and comparison run as Ray Data / Ray jobs; results go to Parquet (``out``) and,
  when a store is given, into that SQLite workspace.

``get_engine(name, **options)`` is the one switch, shared by ``python -m
clustering --engine`` and library callers (a background worker passes the same
name or an :class:`Engine` object). Engine modules import lazily: choosing the
local engine never imports Ray.
"""

from __future__ import annotations

from engines.base import Engine, EngineResult

ENGINES = ("local", "ray")

__all__ = ["ENGINES", "Engine", "EngineResult", "get_engine"]


def get_engine(engine: str | Engine | None = None, **options) -> Engine:
    """An engine by name (``None`` = ``"local"``), or ``engine`` itself when it is one.

    ``options`` go to the engine: ``address``, ``workers``, ``compare`` ... for Ray
    (see :class:`engines.ray_engine.RayEngine`); the local engine takes none.
    """
    if isinstance(engine, Engine):
        return engine
    if engine in (None, "", "local"):
        from engines.local import LocalEngine

        return LocalEngine(**options)
    if engine == "ray":
        from engines.ray_engine import RayEngine

        return RayEngine(**options)
    raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
