"""Clustering stage: articles (+ embeddings) -> stories.

Public API: :class:`StoryClusterer` (scikit-learn estimator, batch and incremental; its three
parts: :mod:`clustering.candidates`, the learned pair scorer :mod:`clustering.scorer`,
:mod:`clustering.grouping`), :mod:`clustering.pipeline` (``run``, ``update_stories``,
``load_stories``), :mod:`clustering.edits` (``move_article``, ``merge_stories``,
``split_story``), CLIs ``python -m clustering``, ``python -m clustering.train`` and
``python -m clustering.evaluate``.
"""

from clustering.clusterer import StoryClusterer, build_story, story_id_for
from clustering.model import Member, Mention, Story

__all__ = ["Member", "Mention", "Story", "StoryClusterer", "build_story", "story_id_for"]
