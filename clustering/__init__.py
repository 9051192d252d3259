"""Clustering stage: articles (+ embeddings) -> stories.

Public API: :class:`StoryClusterer` (scikit-learn style, batch and incremental),
:mod:`clustering.pipeline` (``run``, ``update_stories``, ``load_stories``),
:mod:`clustering.edits` (``move_article``, ``merge_stories``, ``split_story``),
CLI ``python -m clustering`` and ``python -m clustering.evaluate``.
"""

from clustering.clusterer import DEFAULTS, StoryClusterer, build_story, story_id_for
from clustering.model import Member, Story

__all__ = ["DEFAULTS", "Member", "Story", "StoryClusterer", "build_story", "story_id_for"]
