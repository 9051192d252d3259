"""Clustering stage: articles (+ embeddings) -> stories.

Public API: :class:`StoryClusterer` (scikit-learn estimator, batch and incremental; its three
parts: :mod:`clustering.candidates`, the learned pair scorer :mod:`clustering.scorer`,
:mod:`clustering.grouping`), :mod:`clustering.pipeline` (``run``, ``update_stories``,
``load_stories``), :mod:`clustering.edits` (``move_article``, ``merge_stories``,
``split_story``), CLIs ``python -m clustering``, ``python -m clustering.train`` and
``python -m clustering.evaluate``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clustering.model import Member, Mention, Story

if TYPE_CHECKING:
    from clustering.clusterer import StoryClusterer, build_story, story_id_for

__all__ = ["Member", "Mention", "Story", "StoryClusterer", "build_story", "story_id_for"]

# Loaded on first use (PEP 562), not with the package: the clusterer brings scikit-learn (1.2 s
# of imports), and the dashboard's story view, which reads only clustering.model's dataclasses,
# paid for it on the first story opened after a server start.
_FROM_CLUSTERER = ("StoryClusterer", "build_story", "story_id_for")


def __getattr__(name: str) -> Any:
    if name in _FROM_CLUSTERER:
        from clustering import clusterer

        return getattr(clusterer, name)
    raise AttributeError(f"module 'clustering' has no attribute {name!r}")
