""""Why grouped": the same-story model's own reasons for a story's members.

For each member of a story, its strongest partner inside the story (the other member it is
most likely to share a happening with, by the same :class:`~clustering.scorer.SameStoryModel`
the grouping used) and that pair's per-feature contributions to the log-odds (with the
story-context stage on, that stage's, whose "direct" reason names the pair scorer's largest). Features are
computed over ``articles`` (pass the articles the stories were fitted on, or at least those
of the story's days: the weights of rare terms come from them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from articles.model import Article
from clustering.clusterer import StoryClusterer, headline_cosines


@dataclass
class Reason:
    feature: str
    value: float
    contribution: float  # log-odds added (+ towards "same story")
    meaning: str


@dataclass
class MemberExplanation:
    article_id: str
    partner_id: str | None
    probability: float  # P(same story) with the partner
    reasons: list[Reason]
    # A digest (several happenings) is filed by its headline, not by the pairs alone
    # (clustering.grouping.place_roundups): said here, with the partner's headline cosine.
    note: str = ""


def explain_story(
    member_ids: Sequence[str],
    articles: Sequence[Article],
    embeddings: np.ndarray | None = None,
    title_embeddings: np.ndarray | None = None,
    clusterer: StoryClusterer | None = None,
    top: int = 5,
) -> list[MemberExplanation]:
    """One explanation per member found in ``articles`` (the ``top`` largest reasons each)."""
    clusterer = clusterer or StoryClusterer()
    articles = list(articles)
    corpus = clusterer.prepare(articles, embeddings, title_embeddings)
    row = {a.id: r for r, a in enumerate(articles)}
    rows = [row[i] for i in member_ids if i in row]
    if len(rows) < 2:
        return [MemberExplanation(articles[r].id, None, 1.0, []) for r in rows]
    pairs = np.array([(a, b) for x, a in enumerate(rows) for b in rows[x + 1:]], dtype=np.int64)
    from clustering.neighbourhood import neighbourhood
    from clustering.pair_features import pair_features

    # The neighbourhoods and stage-1 scores the fit saw: over the candidate search's pairs.
    candidates, known = clusterer.candidate_pairs(corpus, with_scores=True)
    context = neighbourhood(corpus, candidates, known)
    # Stage 1 over every candidate pair only when the context stage reads it.
    direct = clusterer.direct_scores(corpus, candidates, context, known) if clusterer.story_context else None
    pairs = np.sort(pairs, axis=1)
    features = pair_features(corpus, pairs, context)
    model = clusterer.scorer
    proba = 1.0 / (1.0 + np.exp(-model.log_odds_in_context(
        len(corpus), candidates, direct, pairs, model.direct_log_odds(features), clusterer.story_context)))
    out = []
    mine_of = [np.flatnonzero((pairs[:, 0] == r) | (pairs[:, 1] == r)) for r in rows]
    bests = np.array([mine[np.argmax(proba[mine])] for mine in mine_of], dtype=np.int64)
    # Every member's strongest pair explained in one pass of the trees (one call per member ran
    # them once each: most of the button's time).
    explained = model.explain_many(features[bests], len(corpus), candidates, direct, pairs[bests],
                                   clusterer.story_context)
    for r, mine, best, (_, reasons) in zip(rows, mine_of, bests, explained, strict=True):
        partner = int(pairs[best, 1] if pairs[best, 0] == r else pairs[best, 0])
        reasons = [Reason(*c) for c in reasons[:top]]
        note = ""
        if corpus.roundup[r]:
            headline = float(headline_cosines(corpus, pairs[mine]).max())
            note = (f"a digest of several happenings: filed under the story its headline leads with "
                    f"(its headline's closest cosine to a member's: {headline:.2f})")
        out.append(MemberExplanation(articles[r].id, articles[partner].id, float(proba[best]), reasons, note))
    return out


def explain_stored_story(store, member_ids: Sequence[str], model: str | None = None, top: int = 3):
    """:func:`explain_story` for a stored story, its vectors read through the store's cache
    (features computed among the story's own articles: the weights of rare terms come from them)."""
    from clustering.pipeline import embed_both

    articles = store.articles(list(member_ids))
    vectors, titles, _ = embed_both(articles, store, model=model)
    return explain_story(member_ids, articles, vectors, titles, top=top)
