"""Ingest -> embed -> cluster -> store: the batch run and the incremental update."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import numpy as np

from articles.model import Article, Rejection
from clustering.clusterer import ALGORITHM_VERSION, StoryClusterer, build_story
from clustering.edits import replay_edits
from clustering.model import Member, Story

log = logging.getLogger(__name__)

# Store meta key: which clusterer (version + parameters) made the stored stories.
STORIES_CLUSTERER_META = "stories_clusterer"

# Backends whose vectors add nothing to the clusterer's own lexical features.
_LEXICAL_BACKENDS = ("lexical", "tfidf", "char")


@dataclass
class RunResult:
    """What one batch run did."""

    stories: list[Story]
    articles: list[Article]
    rejected: list[Rejection] = field(default_factory=list)
    backend: str = "none"  # embedding backend name, "none" = lexical features only

    @property
    def story_of(self) -> dict[str, str]:
        return {m.article_id: s.id for s in self.stories for m in s.members}


def _as_utc(value: date | datetime | str | None, end: bool = False) -> datetime | None:
    """Accept dates, datetimes or ISO strings; a bare date ``until`` includes that day."""
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


def embed(
    articles: Sequence[Article], store, model: str | None = None, progress: bool = False
) -> tuple[np.ndarray | None, str]:
    """Dense vectors for ``articles`` (cached in the store) and the backend's name.

    Returns (None, name) when the backend is lexical (the clusterer's own
    lexical features already cover it) or the embeddings stage is unavailable.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import embeddings
    except ImportError:  # the embeddings stage is optional for clustering
        return None, "none"
    if not hasattr(embeddings, "get_backend") or not hasattr(embeddings, "embed_articles"):
        return None, "none"
    backend = embeddings.get_backend(model)
    name = getattr(backend, "name", "unknown")
    if any(name.lower().startswith(prefix) for prefix in _LEXICAL_BACKENDS):
        return None, name
    if not articles:
        return None, name
    vectors = embeddings.embed_articles(list(articles), backend, store=store, show_progress=progress)
    return np.asarray(vectors, dtype=np.float32), name


def run(
    paths: Iterable[str | os.PathLike],
    store,
    model: str | None = None,
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    progress: bool = False,
    clusterer: StoryClusterer | None = None,
) -> RunResult:
    """Batch: ingest ``paths``, embed, cluster the articles read, store the stories.

    The stories of this run replace the stored ones (``store.replace_stories``);
    logged manual edits are replayed on top. ``since``/``until`` keep articles
    published in [since, until] (a bare ``until`` date includes that day).
    """
    import articles as articles_stage

    report = articles_stage.ingest(list(paths), store, progress=progress)
    found = store.articles(report.article_ids)
    start, end = _as_utc(since), _as_utc(until, end=True)
    found = [
        a for a in found
        if (start is None or a.published >= start) and (end is None or a.published < end)
    ]
    vectors, backend_name = embed(found, store, model=model, progress=progress)
    clusterer = clusterer or StoryClusterer()
    clusterer.fit(found, vectors)
    by_id = {a.id: a for a in found}
    with store.transaction():  # edits are read under the write lock: one made while fitting is kept
        stories = replay_edits(clusterer.stories_, store.edits(), by_id)
        store.replace_stories([s.to_dict() for s in stories])
        store.set_meta(STORIES_CLUSTERER_META, clusterer_fingerprint(clusterer))
    return RunResult(stories, found, list(report.rejected), backend_name)


def clusterer_fingerprint(clusterer: StoryClusterer) -> str:
    """The algorithm version and parameters of ``clusterer``, as one string (``n_jobs``
    left out: it changes the speed, not the stories)."""
    params = {k: v for k, v in clusterer.get_params().items() if k != "n_jobs"}
    return json.dumps({"version": ALGORITHM_VERSION, **params}, sort_keys=True)


def stories_outdated(store, clusterer: StoryClusterer | None = None) -> bool:
    """True when the stored stories were made by another clusterer version or other
    parameters (or by a version that did not record itself)."""
    if not store.stories():
        return False
    return store.get_meta(STORIES_CLUSTERER_META) != clusterer_fingerprint(clusterer or StoryClusterer())


def recluster(
    store,
    model: str | None = None,
    progress: bool = False,
    clusterer: StoryClusterer | None = None,
) -> list[Story]:
    """Group every stored article again (vectors come from the cache) and replace the
    stored stories; logged manual edits are replayed on top, as after a batch run."""
    found = store.articles()
    vectors, _ = embed(found, store, model=model, progress=progress)
    clusterer = clusterer or StoryClusterer()
    clusterer.fit(found, vectors)
    with store.transaction():  # edits are read under the write lock: one made while fitting is kept
        stories = replay_edits(clusterer.stories_, store.edits(), {a.id: a for a in found})
        store.replace_stories([s.to_dict() for s in stories])
        store.set_meta(STORIES_CLUSTERER_META, clusterer_fingerprint(clusterer))
    return stories


def load_stories(store) -> list[Story]:
    """Stored stories, oldest first."""
    stories = [Story.from_dict(d) for d in store.stories()]
    return sorted(stories, key=lambda s: (s.first_published, s.id))


def update_stories(
    store,
    article_ids: Sequence[str] | None = None,
    model: str | None = None,
    progress: bool = False,
    clusterer: StoryClusterer | None = None,
) -> list[Story]:
    """Incremental: stored articles in no story (or ``article_ids``) join stored stories or form new ones.

    Only stories with members within the clusterer's time window of the new
    articles are considered; pinned (hand-placed) members never move. Returns
    the stories that were created or changed.

    Reads, computes and writes in one store transaction (``BEGIN IMMEDIATE``), so
    no edit lands between the read and the write (it waits): none is undone and
    no article ends up in two stories. Embed the articles first (the vectors are
    cached) to keep the write lock short.
    """
    with store.transaction():
        return _update_stories(store, article_ids, model, progress, clusterer)


def _update_stories(store, article_ids, model, progress, clusterer) -> list[Story]:
    clusterer = clusterer or StoryClusterer()
    stories = load_stories(store)
    owner = {m.article_id: s.id for s in stories for m in s.members}
    if article_ids is None:
        candidates = store.articles()
    else:
        candidates = store.articles(article_ids)
    new = [a for a in candidates if a.id not in owner]
    if not new:
        return []
    window = timedelta(days=clusterer.window_days)
    start = min(a.published for a in new) - window
    end = max(a.published for a in new) + window
    context = [a for a in store.articles(since=start, until=end) if a.id in owner]
    # Only the in-window part of each story takes part; the rest stays as stored.
    context_ids = {a.id for a in context}
    partial = [
        Story(s.id, s.label, s.first_published, s.last_published, s.outlets,
              [m for m in s.members if m.article_id in context_ids])
        for s in stories
    ]
    partial = [s for s in partial if s.members]
    vectors, _ = embed(context + new, store, model=model, progress=progress)
    old_vectors = None if vectors is None else vectors[: len(context)]
    new_vectors = None if vectors is None else vectors[len(context):]
    clusterer.init_from_stories(context, old_vectors, partial)
    clusterer.partial_fit(new, new_vectors)

    new_ids = {a.id for a in new}
    stored_by_id = {s.id: s for s in stories}
    changed: list[Story] = []
    for story in clusterer.stories_:
        joined = [m for m in story.members if m.article_id in new_ids]
        if not joined:
            continue
        if story.id in stored_by_id:
            old = stored_by_id[story.id]
            members = {m.article_id: m for m in old.members}
            members.update({m.article_id: Member(m.article_id, m.score, False) for m in joined})
        else:
            members = {m.article_id: m for m in story.members}
        member_articles = store.articles(list(members))
        changed.append(
            build_story(
                story.id,
                member_articles,
                {i: m.score for i, m in members.items()},
                {i for i, m in members.items() if m.pinned},
            )
        )
    if changed:
        store.put_stories([s.to_dict() for s in changed])
    return changed
