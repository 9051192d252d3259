"""Ingest -> embed -> cluster -> store: the batch run and the incremental update."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np

from articles.model import Article, Rejection
from articles.window import DateWindow, as_utc
from clustering.changes import change_counts, changed_only, story_changes
from clustering.clusterer import ALGORITHM_VERSION, StoryClusterer, build_story, story_id_for
from clustering.edits import replay_edits
from clustering.features import publication_days
from clustering.model import Member, Story
from clustering.story_articles import articles_of_story, story_articles  # noqa: F401 - their names here too

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
    # The stored articles the run's stories hold besides the articles read: the other members of
    # the stored stories its articles were in, or of stored stories its new articles joined,
    # fitted with them (:func:`run_context`).
    context: list[Article] = field(default_factory=list)
    # Stored articles that were in no story (ingested but never grouped: a killed run, ingest
    # without clustering), grouped by this run with its own articles.
    orphans: list[Article] = field(default_factory=list)
    # Each story's change since the stored state before the run, by story id (the run's
    # stories and the stored ones it changed: :func:`clustering.changes.story_changes`).
    changes: dict[str, dict] = field(default_factory=dict)
    # What the ingest said a person should act on (articles updated, copies kept as stored:
    # ``articles.IngestReport.summary``'s lines after its counts).
    ingest_notes: list[str] = field(default_factory=list)
    # Records the ingest read but did not store: published outside --since/--until.
    outside_dates: int = 0
    # Input files skipped as read before and unchanged (a re-run over the same folder says so).
    unchanged_files: int = 0

    @property
    def story_of(self) -> dict[str, str]:
        return {m.article_id: s.id for s in self.stories for m in s.members}


# (Its former name here: the Ray engine imports it.)
_as_utc = as_utc


def embed_both(
    articles: Sequence[Article], store, model: str | None = None, progress: bool = False
) -> tuple[np.ndarray | None, np.ndarray | None, str]:
    """Dense vectors of ``articles`` and of their titles alone (cached in the store), and
    the backend's name (one model load for both).

    Returns (None, None, name) when the backend is lexical (the clusterer's own lexical
    features already cover it) or the embeddings stage is unavailable. When the store holds
    every vector under the backend's name known beforehand (:func:`embeddings.stored_name`), they
    are read without loading the model (1 s and more: the "Why, according to the model" button
    on a stored story loaded it on every click only to read cached vectors).
    """
    held = _all_stored(articles, store, model)
    if held is not None:
        return held
    backend, name = _dense_backend(model)
    if backend is None or not articles:
        return None, None, name
    return (*_embed_with(backend, articles, store, progress), name)


def _all_stored(
    articles: Sequence[Article], store, model: str | None
) -> tuple[np.ndarray, np.ndarray, str] | None:
    """The text and title vectors of every one of ``articles`` and the backend's name, when the
    store holds them all under the name ``model``'s backend is known to cache under; else None."""
    if store is None or not articles:
        return None
    try:
        from embeddings import stored_name
    except ImportError:
        return None
    name = stored_name(model)
    if name is None:
        return None
    kept, vectors, titles = cached_vectors(articles, store, name)
    if len(kept) != len(articles) or vectors is None or titles is None:
        return None
    return vectors, titles, name


def _dense_backend(model: str | None):
    """The embedding backend of ``model`` and its name; the backend is None when it is lexical
    (the clusterer's own lexical features already cover it) or the embeddings stage is unavailable."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import embeddings
    except ImportError:  # the embeddings stage is optional for clustering
        return None, "none"
    backend = embeddings.get_backend(model)
    name = getattr(backend, "name", "unknown")
    if any(name.lower().startswith(prefix) for prefix in _LEXICAL_BACKENDS):
        return None, name
    return backend, name


def _embed_with(backend, articles: Sequence[Article], store, progress: bool) -> tuple[np.ndarray, np.ndarray]:
    import embeddings

    articles = list(articles)
    vectors = embeddings.embed_articles(articles, backend, store=store, show_progress=progress)
    titles = embeddings.embed_titles(articles, backend, store=store, show_progress=progress)
    return np.asarray(vectors, dtype=np.float32), np.asarray(titles, dtype=np.float32)


def cached_vectors(
    articles: Sequence[Article], store, backend_name: str
) -> tuple[list[Article], np.ndarray | None, np.ndarray | None]:
    """The ``articles`` whose text and title vectors the store's cache holds for ``backend_name``,
    with those vectors (None when there is none); nothing is embedded."""
    from embeddings import article_text, embedding_key, title_text

    keys = {a.id: (embedding_key(article_text(a)), embedding_key(title_text(a))) for a in articles}
    held = store.get_embeddings(backend_name, sorted({k for pair in keys.values() for k in pair}))
    kept = [a for a in articles if keys[a.id][0] in held and keys[a.id][1] in held]
    if not kept:
        return [], None, None
    return (kept, np.vstack([held[keys[a.id][0]] for a in kept]).astype(np.float32),
            np.vstack([held[keys[a.id][1]] for a in kept]).astype(np.float32))


def embed(
    articles: Sequence[Article], store, model: str | None = None, progress: bool = False
) -> tuple[np.ndarray | None, str]:
    """Dense vectors for ``articles`` (cached in the store) and the backend's name
    (None instead of vectors when the backend is lexical or unavailable)."""
    vectors, _, name = embed_both(articles, store, model, progress)
    return vectors, name


def fit_stories(
    articles: Sequence[Article],
    store,
    model: str | None = None,
    progress: bool = False,
    clusterer: StoryClusterer | None = None,
    context: Sequence[Article] = (),
) -> tuple[StoryClusterer, str]:
    """Embed ``articles`` (texts and titles, through the store's cache) and fit the clusterer:
    the one path every batch entry point (CLI, pipeline, dashboard) takes.

    ``context``: stored articles to fit with them, each only when the store's cache holds its
    vectors (nothing is embedded for them; with a lexical backend every one is fitted). Which
    were fitted: the clusterer's ``articles_``."""
    backend, backend_name = _dense_backend(model)
    fitted = list(articles)
    if context:
        fitted += list(context) if backend is None else cached_vectors(context, store, backend_name)[0]
    vectors = titles = None
    if backend is not None and fitted:
        vectors, titles = _embed_with(backend, fitted, store, progress)
    clusterer = clusterer or StoryClusterer()
    clusterer.fit(fitted, vectors, titles)
    return clusterer, backend_name


def run(
    paths: Iterable[str | os.PathLike],
    store,
    model: str | None = None,
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    progress: bool = False,
    clusterer: StoryClusterer | None = None,
    read_options: dict | None = None,
    max_bytes: int | None = None,
) -> RunResult:
    """Batch: ingest ``paths``, embed, cluster the articles read, store the stories.
    ``read_options``: how to read the inputs (``{"fields": {"title": "Headline"}}``);
    ``max_bytes``: the size cap of one file (None: :data:`articles.reader.MAX_INPUT_BYTES`).

    The articles read are fitted together with the stored articles of the stories they were in
    (:func:`run_context`: their vectors come from the store's cache), so a run over one day of a
    story that spans two gives that story back whole, as a run over both days does. The stories
    of this run replace those stored stories; stored stories of other articles stay
    (:func:`stories_beside`: a run over one day's folder keeps the workspace's other days), and
    a run that read no article groups only the orphans (:func:`grouping_context`; with none it
    changes nothing). The articles in no stored story (a new folder's,
    and the stored ones no run grouped: the run's ``orphans``) are fitted with the stored
    articles within reach of them, as :func:`update_stories` fits an upload, and join the stored
    story holding most of their group (which grows; it is never split or merged), or form new
    stories (:func:`run_stories`). Logged manual edits are replayed on top.
    ``since``/``until`` keep articles published in [since, until] (a bare ``until`` date
    includes that day: :class:`articles.window.DateWindow`); the records of the others are
    not stored (``outside_dates`` counts them; the stored ones stay).
    """
    window = DateWindow.of(since, until)
    found, report = ingest_stage(paths, store, window, progress, read_options, max_bytes)
    start, end = (window.start, window.end) if window is not None else (None, None)
    result = _store_fit(found, store, model, progress, clusterer, start, end, list(report.rejected))
    result.ingest_notes = report.notes()
    result.outside_dates = report.outside_dates
    result.unchanged_files = report.unchanged_files
    return result


def ingest_stage(paths: Iterable[str | os.PathLike], store, window: DateWindow | None, progress: bool = False,
                 read_options: dict | None = None, max_bytes: int | None = None, reader=None):
    """``(the articles a run groups, the ingest's report)``: ``paths`` ingested into ``store``
    (:func:`articles.ingest`, which decides what is stored), then the articles read that are
    published in ``window``. Both engines ingest here (the Ray engine with a ``reader`` giving
    the records its workers parsed), so they store, set aside and note the same."""
    import articles as articles_stage

    cap = {"max_bytes": max_bytes} if max_bytes is not None else {}
    # The window limits what is stored too, not only what is grouped: a run over a few days of a
    # half-year file stores those days' articles (the others are counted, not stored).
    report = articles_stage.ingest(list(paths), store, progress=progress, window=window, reader=reader, **cap,
                                   **(read_options or {}))
    found = store.articles(report.article_ids)
    # (An unchanged file skipped gives every article it is recorded with, of earlier windows too.)
    return [a for a in found if window is None or window.holds(a.published)], report


def _store_fit(found, store, model, progress, clusterer, start=None, end=None, rejected=()) -> RunResult:
    clusterer = clusterer or StoryClusterer()
    ctx = grouping_context(found, store, clusterer, start, end)
    if ctx is None:
        # Nothing read and no orphan waits (an empty folder, a mistyped path): the stored
        # stories stay as they are.
        return RunResult([], [], list(rejected), "none")
    # The run's articles and the orphans are embedded (through the cache); the stored context
    # only when the cache holds its vectors.
    clusterer, backend_name = fit_stories(found + ctx.orphans, store, model, progress, clusterer, ctx.context)
    stories = run_stories(clusterer.stories_, ctx, {a.id for a in clusterer.articles_}, store.articles)
    with store.transaction():  # edits are read under the write lock: one made while fitting is kept
        stories = replay_edits(stories, store.edits(), ctx.by_id)
        changes = store_run_stories(store, stories, clusterer_fingerprint(clusterer), [s.id for s in ctx.touched])
    return RunResult(stories, found, list(rejected), backend_name, ctx.held(stories), ctx.orphans, changes)


@dataclass
class RunContext:
    """What a batch run fits beside the articles it read (:func:`run_context`)."""

    touched: list[Story]  # stored stories holding an article read: the run replaces them
    context: list[Article]  # stored articles to fit with the run's (vectors from the cache only)
    orphans: list[Article]  # stored articles in no story, not read: grouped with the run's new ones
    by_id: dict[str, Article]  # the run's articles, the orphans, the touched and context articles
    owner: dict[str, str]  # stored article id -> id of the stored story holding it
    nearby: dict[str, Story]  # untouched stored stories with an article in ``context``, by id
    read: set[str] = field(default_factory=set)  # ids of the articles read

    def held(self, stories: Sequence[Story]) -> list[Article]:
        """The stored articles ``stories`` hold besides the run's and the orphans."""
        orphans = {a.id for a in self.orphans}
        return [self.by_id[m.article_id] for s in stories for m in s.members
                if m.article_id not in self.read and m.article_id not in orphans and m.article_id in self.by_id]


def run_context(
    found: Sequence[Article], stored: Sequence[Story], store, reach_days: float,
    since: datetime | None = None, until: datetime | None = None,
) -> RunContext:
    """What a batch run over ``found`` fits beside them (``store``: the workspace).

    ``touched``: the ``stored`` stories holding any article of ``found`` (the run replaces them);
    their other members published within ``reach_days`` of the story's articles in the run
    (undated ones always) go into ``context``, so a run over part of a story's days sees the
    whole story. ``orphans``: the stored articles in no story that the run did not read
    (published in [``since``, ``until``) when given), grouped as the run's own new articles are.
    The articles of ``found`` in no stored story and the orphans (the run's *new* articles) bring
    the stored articles within ``reach_days`` of them (:func:`within_reach`, the same search
    :func:`update_stories` makes for an upload) into ``context`` too; their stories are ``nearby``.

    The cost is bounded: the touched stories' members within ``reach_days`` of the run's
    articles, and the stored articles within ``reach_days`` of the new ones (the pipeline passes
    three candidate windows of the clusterer: the candidate search pairs articles at most
    ``window_days`` apart, so further members could only join through a chain). A touched
    story's members beyond it are not fitted; :func:`with_unfitted` keeps them in the story.
    Orphans are not capped: each is grouped once, by the next run (one that reads no article too).
    """
    in_run = {a.id: a for a in found}
    owner = {m.article_id: s.id for s in stored for m in s.members}
    touched = [s for s in stored if any(m.article_id in in_run for m in s.members)]
    others = [m.article_id for s in touched for m in s.members if m.article_id not in in_run]
    by_id = {**{a.id: a for a in store.articles(others)}, **in_run} if others else dict(in_run)
    context: list[Article] = []
    for story in touched:
        rest = [by_id[m.article_id] for m in story.members
                if m.article_id not in in_run and m.article_id in by_id]
        if not rest:
            continue
        days = publication_days([in_run[m.article_id] for m in story.members if m.article_id in in_run])
        days = days[~np.isnan(days)]
        low, high = (days.min() - reach_days, days.max() + reach_days) if days.size else (np.inf, -np.inf)
        context += [a for a, day in zip(rest, publication_days(rest), strict=True)
                    if np.isnan(day) or low <= day <= high]
    orphans = store.articles(_orphan_ids(store, owner, in_run, since, until))
    new = [a for a in found if a.id not in owner] + orphans
    touched_ids = {s.id for s in touched}
    near = [a for a in within_reach(store, new, reach_days)
            if a.id in owner and owner[a.id] not in touched_ids]
    stories_by_id = {s.id: s for s in stored}
    nearby = {owner[a.id]: stories_by_id[owner[a.id]] for a in near}
    by_id.update({a.id: a for a in [*near, *orphans]})
    return RunContext(touched, context + near, orphans, by_id, owner, nearby, set(in_run))


def grouping_context(found: Sequence[Article], store, clusterer: StoryClusterer,
                     since: datetime | None = None, until: datetime | None = None) -> RunContext | None:
    """:func:`run_context` of a run over ``found`` (from the stories stored now), or None when the
    run has nothing to group: it read no article and no orphan waits (published in [since, until)).

    A run that read none (a quiet hour's empty folder) still groups the waiting orphans, as the
    next run that reads an article would: they are stored already, and waiting for that run
    would keep them out of every story for hours. The local run and the Ray engine both decide
    here, so a quiet hour does the same on either."""
    ctx = run_context(found, load_stories(store), store, reach_days=3 * clusterer.window_days,
                      since=since, until=until)
    return ctx if found or ctx.orphans else None


def _orphan_ids(store, owner: dict[str, str], read: dict, since: datetime | None,
                until: datetime | None) -> list[str]:
    """Ids of the stored articles in no story and not in ``read`` (published in [since, until))."""
    ids = []
    for article_id, _, _, published, _, _ in store.article_heads():
        if article_id in owner or article_id in read:
            continue
        when = _as_utc(published)
        if (since is None or when >= since) and (until is None or when < until):
            ids.append(article_id)
    return ids


# Up to this many stored articles, an undated new article is fitted with all of them (the candidate
# search compares it with every article); past it, only with those near the run's dated ones.
UNDATED_WHOLE_STORE_MAX = 5_000


def within_reach(store, new: Sequence[Article], reach_days: float) -> list[Article]:
    """The stored articles published within ``reach_days`` of any of ``new`` (oldest first; ``new``
    themselves included when stored): what a fit of ``new`` may link them to. The candidate search
    pairs articles at most ``window_days`` apart, so the callers pass three windows, room for a
    chain. One query per run of overlapping spans; an undated article of ``new`` is compared with
    every article by the candidate search, so then every stored article is within reach, up to
    :data:`UNDATED_WHOLE_STORE_MAX` stored articles (past it, the reach of the dated ones). The one
    search for "the stored articles near new ones": :func:`update_stories` and
    :func:`run_context` both use it."""
    if not new:
        return []
    days = publication_days(new)
    undated = np.isnan(days)
    if undated.any() and store.count_articles() <= UNDATED_WHOLE_STORE_MAX:
        return store.articles()
    if undated.any():
        # Past the cap an undated article (an epoch date a feed writes every hour) would make
        # every run fit the whole store: it meets the stored articles near the dated ones only.
        log.warning("%d undated new articles: compared with the stored articles near the dated "
                    "ones only (the store holds more than %d)", int(undated.sum()), UNDATED_WHOLE_STORE_MAX)
        days = days[~undated]
    spans: list[list[float]] = []
    for day in sorted(days):
        if spans and day - reach_days <= spans[-1][1]:
            spans[-1][1] = day + reach_days
        else:
            spans.append([day - reach_days, day + reach_days])
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    found: list[Article] = []
    for low, high in spans:
        found += store.articles(since=epoch + timedelta(days=low), until=epoch + timedelta(days=high))
    return found


def run_stories(
    stories: Sequence[Story], ctx: RunContext, fitted: set[str], articles_of
) -> list[Story]:
    """The stories a batch run stores, from the fit's ``stories`` of its articles, the orphans and
    ``ctx.context`` (``fitted``: the ids the fit saw; ``articles_of(ids)`` reads stored articles).

    A group holding new articles (in no stored story: read for the first time, or orphans) gives
    them to the stored story holding most of the group's stored articles (:func:`holding_most`,
    the rule of :func:`update_stories`); when that is a ``nearby`` story (one the run did not
    read), it grows by them and is otherwise left as stored: an untouched stored story is never
    split or merged by a run. Otherwise the group is one of the run's stories (it replaces the
    touched stories, as before; new articles with no stored article in their group form a new
    story). The nearby stories' articles fitted as context are taken out of the run's stories,
    and a group of nothing but them is dropped: they stay where they are. The run's stories
    then take the ids of the touched stories they share most articles with
    (:func:`overlap_ids`), so a story's id stays on its bulk.
    """
    touched_ids = {s.id for s in ctx.touched}

    def nearby_member(article_id: str) -> bool:
        return article_id in ctx.owner and ctx.owner[article_id] not in touched_ids

    out: list[Story] = []
    joins: dict[str, dict[str, float]] = {}
    for story in stories:
        ids = [m.article_id for m in story.members]
        new = [i for i in ids if i not in ctx.owner]
        target = holding_most(ids, ctx.owner)
        if new and target in ctx.nearby:
            scores = {m.article_id: m.score for m in story.members}
            joins.setdefault(target, {}).update({i: scores[i] for i in new})
            new = []
        keep = [m for m in story.members if not nearby_member(m.article_id)
                and (m.article_id in ctx.owner or m.article_id in new)]
        if len(keep) == len(story.members):
            out.append(story)
        elif keep:
            articles = [ctx.by_id[m.article_id] for m in keep]
            earliest = min(articles, key=lambda a: (a.published, a.id))
            out.append(build_story(story_id_for(earliest.id), articles, {m.article_id: m.score for m in keep},
                                   {m.article_id for m in keep if m.pinned}, story.mentions, story.hand_label))
    out = with_unfitted(out, ctx.touched, fitted, ctx.by_id)
    out = overlap_ids(out, ctx.touched, set(ctx.owner.values()))
    def known_first(ids: Sequence[str]) -> list[Article]:
        # The run's own articles first: the Ray engine builds its stories before it stores the
        # articles it read, so the store alone would drop the new members of a grown story.
        missing = [i for i in ids if i not in ctx.by_id]
        if missing:
            ctx.by_id.update({a.id: a for a in articles_of(missing)})
        return [ctx.by_id[i] for i in ids if i in ctx.by_id]

    grown = [grown_story(ctx.nearby[sid], joined, known_first) for sid, joined in joins.items()]
    return [*out, *grown]


def overlap_ids(stories: Sequence[Story], replaced: Sequence[Story], taken: set[str] = frozenset()) -> list[Story]:
    """``stories`` (a run's, named after their earliest article) renamed after the ``replaced``
    stored stories: each takes the id of the replaced story it shares most articles with, each
    id used at most once, largest overlaps first (ties: the smaller old id, then the smaller new
    one). A story sharing no article with a replaced story whose id is free keeps its own id
    unless a stored story holds it (``taken``: every stored id) or another story of the run
    took it; then one derived from it. The one rule for ids of regrouped stories: the batch run,
    the Ray engine and the dashboard's regroup all come through :func:`run_stories`."""
    owner = {m.article_id: s.id for s in replaced for m in s.members}
    pairs = []
    for n, story in enumerate(stories):
        for old_id, shared in Counter(owner[i] for i in story.article_ids if i in owner).items():
            pairs.append((-shared, old_id, story.id, n))
    named: dict[int, str] = {}
    used: set[str] = set()
    for _, old_id, _, n in sorted(pairs):
        if n not in named and old_id not in used:
            named[n] = old_id
            used.add(old_id)
    blocked = set(taken) | {s.id for s in replaced}
    out = []
    for n, story in enumerate(stories):
        story_id = named.get(n)
        if story_id is None:
            story_id = free_story_id(story.id, blocked | used)
            used.add(story_id)
        out.append(story if story_id == story.id else dataclasses.replace(story, id=story_id))
    return out


def free_story_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or when ``taken`` holds it an id derived from it that ``taken`` does not hold."""
    story_id, n = wanted, 1
    while story_id in taken:
        story_id, n = story_id_for(f"new{n}:{wanted}"), n + 1
    return story_id


def holding_most(article_ids: Iterable[str], owner: dict[str, str]) -> str | None:
    """The stored story (``owner``: article id -> story id) holding most of ``article_ids``, None
    when it holds none: where new articles fitted in one group with them go."""
    votes = Counter(owner[i] for i in article_ids if i in owner)
    return votes.most_common(1)[0][0] if votes else None


def grown_story(old: Story, joined: dict[str, float], articles_of) -> Story:
    """``old`` with the new articles ``joined`` (id -> score) added as unpinned members; the
    story keeps its id, its members, their pins, and its roundup mentions."""
    return _with_members(old, [Member(i, score, False) for i, score in joined.items()], articles_of)


def _with_members(old: Story, added: Iterable[Member], articles_of) -> Story:
    """``old`` with the members ``added`` (scores and pins as given), under its id, mentions and
    hand label (an editor's headline outlives the story's growth)."""
    members = {m.article_id: m for m in old.members}
    members.update({m.article_id: m for m in added})
    return build_story(old.id, articles_of(list(members)), {i: m.score for i, m in members.items()},
                       {i for i, m in members.items() if m.pinned}, old.mentions, old.hand_label)


def with_stored_joins(run: Sequence[Story], stored: Sequence[Story], articles_of,
                      replaced: Iterable[str] = ()) -> list[Story]:
    """``run``'s stories, each given the members no story of the run holds of the ``stored``
    story it succeeds (their scores and pins kept; ``articles_of(ids)`` reads articles): the
    stored story of its own id, or a ``replaced`` one (a stored story the run read and regrouped)
    whose id no story of the run took, when it holds the most of that story's members.

    Why: a run reads the stories it grows (or regroups) before it fits and writes them after.
    An upload that joined an article to one of them in between (``update_stories``, e.g. from the
    dashboard) left it only in the stored story; written as fitted, the run's copy would drop it
    (:func:`stories_beside` would split it off). When the run split that story so that its id went
    to none of the parts (each shares more with another stored story), the article would be kept
    alone under the old id, and a reader of that id would see it alone, not sent on: it goes with
    the part holding most of the story's members, where a hand move's anchors lead
    (``clustering.edits``) and where the old id is redirected (``store.story_moved``).
    :func:`store_run_stories` calls this on the stories it reads under the write lock, so a local
    run, a Ray import and a regroup keep it. A stored story the run did not read is not followed
    (a hand move may have put one of the run's articles in it: its own members stay)."""
    in_run = {m.article_id: s.id for s in run for m in s.members}
    index = {s.id: n for n, s in enumerate(run)}
    regrouped = set(replaced) - set(index)
    added: dict[int, list[Member]] = {}
    for old in stored:
        target = old.id if old.id in index else (
            holding_most(old.article_ids, in_run) if old.id in regrouped else None)
        joined = [m for m in old.members if m.article_id not in in_run]
        if target is not None and joined:
            added.setdefault(index[target], []).extend(joined)
    return [_with_members(s, added[n], articles_of) if n in added else s for n, s in enumerate(run)]


def with_unfitted(
    stories: Sequence[Story], touched: Sequence[Story], fitted: set[str], by_id: dict[str, Article]
) -> list[Story]:
    """The run's ``stories`` with each touched stored story's members the fit did not see (beyond
    its reach, or without a cached vector) put back with the most of that story's fitted members:
    a run over part of a long story gives it back whole too. They keep their stored scores and
    pins; a story they join is named after its earliest member, as a fit names its stories."""
    holder = {m.article_id: n for n, s in enumerate(stories) for m in s.members}
    joining: dict[int, list[Member]] = {}
    for story in touched:
        unseen = [m for m in story.members if m.article_id not in fitted and m.article_id in by_id]
        votes = Counter(holder[m.article_id] for m in story.members if m.article_id in holder)
        if unseen and votes:
            joining.setdefault(votes.most_common(1)[0][0], []).extend(unseen)
    if not joining:
        return list(stories)
    out = list(stories)
    for n, unseen in joining.items():
        members = [*stories[n].members, *unseen]
        articles = [by_id[m.article_id] for m in members]
        earliest = min(articles, key=lambda a: (a.published, a.id))
        out[n] = build_story(story_id_for(earliest.id), articles, {m.article_id: m.score for m in members},
                             {m.article_id for m in members if m.pinned}, stories[n].mentions,
                             stories[n].hand_label)
    return out


def store_run_stories(store, stories: Sequence[Story], fingerprint: str | None = None,
                      replaced: Iterable[str] = ()) -> dict[str, dict]:
    """Store a run's stories in place of the stored stories of its articles, keeping the
    stored stories of every other article (:func:`stories_beside`). ``fingerprint``: the
    run's clusterer (:func:`clusterer_fingerprint`), recorded only when every stored story is
    then its work (none kept, or the kept ones made by the same clusterer): kept stories of an
    older clusterer leave the old record, so :func:`stories_outdated` still asks to regroup.
    ``replaced``: ids of the stored stories the run read and regrouped (``RunContext.touched``):
    what was joined to one of them meanwhile follows it (:func:`with_stored_joins`).

    Returns each stored story's change since the stored state before the run
    (:func:`clustering.changes.story_changes`); the store keeps the changed ones as the newest
    run of its change history, and where the ids no story holds any more went (``store.story_moved``)."""
    with store.transaction():
        before = load_stories(store)  # under the write lock: what an upload joined meanwhile is here
        stories = with_stored_joins(stories, before, store.articles, replaced)
        kept = stories_beside(stories, before, lambda ids: store.articles(ids))
        logged = list(store.edits())
        if logged:
            # The run's stories had the edit log replayed over the run's articles only: an edit
            # joining a run article to a story of other articles (a hand move into an earlier
            # day's story) found no target there, and stories_beside then took the article out
            # of that story: the edit was undone. Replayed over run and kept stories together,
            # every edit holds as after a run over everything (replaying is idempotent). Also
            # when no stored story is kept: the Ray engine replays the log before it compares
            # and writes after, so an edit made in between (a split) is only replayed here.
            ids = [m.article_id for s in [*stories, *kept] for m in s.members]
            by_id = {a.id: a for a in store.articles(ids)}
            all_stories = replay_edits([*stories, *kept], logged, by_id)
        else:
            all_stories = [*stories, *kept]
        changes, moved = story_changes(before, all_stories)
        store.replace_stories([s.to_dict() for s in all_stories])
        store.record_story_changes(changed_only(changes), change_counts(changes.values()))
        store.record_story_moves(moved)
        if fingerprint and (not kept or store.get_meta(STORIES_CLUSTERER_META) == fingerprint):
            store.set_meta(STORIES_CLUSTERER_META, fingerprint)
    return changes


def stories_beside(run: Sequence[Story], stored: Sequence[Story], articles_of) -> list[Story]:
    """The stored stories a run leaves in place: each without the run's articles (rebuilt
    from its remaining members, label and span included), none left empty, and under an id no
    story of the run holds. ``articles_of(ids)`` reads stored articles."""
    in_run = {m.article_id for s in run for m in s.members}
    taken = {s.id for s in run}
    kept: list[Story] = []
    for story in stored:
        rest = [m for m in story.members if m.article_id not in in_run]
        if not rest:
            continue
        if len(rest) == len(story.members) and story.id not in taken:
            kept.append(story)
        else:
            found = {a.id: a for a in articles_of([m.article_id for m in rest])}
            members = [found[m.article_id] for m in rest if m.article_id in found]
            if not members:
                continue
            story_id, n = story.id, 1
            while story_id in taken:  # the run named one of its stories after this one's article
                story_id, n = story_id_for(f"kept{n}:{story.id}"), n + 1
            kept.append(build_story(story_id, members, {m.article_id: m.score for m in rest},
                                    {m.article_id for m in rest if m.pinned}, story.mentions, story.hand_label))
        taken.add(kept[-1].id)
    return kept


def clusterer_fingerprint(clusterer: StoryClusterer) -> str:
    """The algorithm version, the pair scorer's version and the parameters of ``clusterer``,
    as one string (``n_jobs`` left out: it changes the speed, not the stories; ``story_context``
    only when on, and ``linkage`` and ``missing_log_odds`` only for another linkage than
    average, so stores grouped before they existed, with the same stories, stay current)."""
    average = clusterer.linkage == "average"
    params = {k: v for k, v in clusterer.get_params().items()
              if k != "n_jobs" and not (k == "story_context" and not v)
              and not (average and k in ("linkage", "missing_log_odds"))}
    return json.dumps(
        {"version": ALGORITHM_VERSION, "scorer": clusterer.scorer.version, **params}, sort_keys=True
    )


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
    return _store_fit(store.articles(), store, model, progress, clusterer).stories


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

    The clusterer is fitted on the new articles and the stored ones published within three
    candidate windows of them (the same features, candidates and grouping as a batch run).
    A new article joins the stored story holding most of the stored articles of its fitted
    group; otherwise the new articles of that group form a new story. Stored stories are
    never split or merged here, and pinned (hand-placed) members never move. Returns the
    stories that were created or changed; the store keeps their changes (new, grew) as the
    newest run of its change history (``store.story_changes``).

    Reads, computes and writes in one store transaction (``BEGIN IMMEDIATE``), so no edit
    lands between the read and the write (it waits): none is undone and no article ends up
    in two stories. Embed the articles first (the vectors are cached) to keep the write
    lock short.
    """
    with store.transaction():
        return _update_stories(store, article_ids, model, progress, clusterer)


def _update_stories(store, article_ids, model, progress, clusterer) -> list[Story]:
    clusterer = clusterer or StoryClusterer()
    stories = load_stories(store)
    owner = {m.article_id: s.id for s in stories for m in s.members}
    candidates = store.articles() if article_ids is None else store.articles(article_ids)
    new = [a for a in candidates if a.id not in owner]
    if not new:
        return []
    context = [a for a in within_reach(store, new, 3 * clusterer.window_days) if a.id in owner]
    fitted, _ = fit_stories(context + new, store, model, progress, clusterer)
    new_ids = {a.id for a in new}
    by_id = {s.id: s for s in stories}
    joins: dict[str, dict[str, float]] = {}
    for story in fitted.stories_:
        joined = {m.article_id: m.score for m in story.members if m.article_id in new_ids}
        if not joined:
            continue
        target = holding_most((m.article_id for m in story.members), owner) or free_story_id(
            story_id_for(min((a for a in new if a.id in joined), key=lambda a: (a.published, a.id)).id),
            set(by_id) | set(joins),  # ids follow overlap, not the earliest article: never overwrite one
        )
        joins.setdefault(target, {}).update(joined)
    changed = [grown_story(by_id[story_id], joined, store.articles) if story_id in by_id
               else build_story(story_id, store.articles(list(joined)), joined)
               for story_id, joined in joins.items()]
    if changed:
        store.put_stories([s.to_dict() for s in changed])
        changes, _ = story_changes([by_id[s.id] for s in changed if s.id in by_id], changed)
        store.record_story_changes(changed_only(changes), change_counts(changes.values()))
    return changed
