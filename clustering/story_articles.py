"""What a story shows and compares: its members, then the sections of roundups filed under
other stories that report it.

A module of its own, not in :mod:`clustering.pipeline` (which names them too): the dashboard's
story view reads a story's articles through it, and the pipeline brings the clusterer and
scikit-learn (1.2 s of imports on a server's first story).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from clustering.model import Mention, Story

if TYPE_CHECKING:
    from articles.model import Article


def story_articles(store, story: Story | dict) -> list[Article]:
    """What a story (or its stored dict) shows and compares: its members, then each roundup it
    mentions reduced to the section that reports this story (:func:`clustering.features.section_view`)."""
    if isinstance(story, dict):
        ids = [m["article_id"] for m in story.get("members", [])]
        mentions = [Mention(**m) for m in story.get("mentions", [])]
    else:
        ids, mentions = story.article_ids, story.mentions
    found = store.articles(ids + [m.article_id for m in mentions])
    return articles_of_story(ids, mentions, {a.id: a for a in found})


def articles_of_story(member_ids: Sequence[str], mentions, by_id: dict[str, Article]) -> list[Article]:
    """:func:`story_articles` from articles at hand (members first, then roundup sections)."""
    from clustering.features import section_view

    present = set(member_ids)
    return [by_id[i] for i in member_ids if i in by_id] + [
        section_view(by_id[m.article_id], m.section)
        for m in mentions
        if m.article_id not in present and m.article_id in by_id
    ]
