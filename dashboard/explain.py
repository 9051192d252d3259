""" "Why grouped": what each article shares with the rest of its story.

Uses the clustering stage's own entity tokens (names, transliterations, numbers:
what its similarity weighs to tell one event from a similar one), so the
explanation shows the evidence the grouping used. Candidate to move into
``clustering`` as a public helper.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from articles.model import Article

MAX_SHOWN = 8
# How much of the body to read, like the clustering's own document.
BODY_CHARS = 3000


def _entities(article: Article) -> set[str]:
    from clustering.features import entity_tokens, to_simplified

    return set(entity_tokens(to_simplified(f"{article.title}\n{article.text[:BODY_CHARS]}")))


def shared_entities(articles: Sequence[Article]) -> dict[str, list[str]]:
    """Per article id: its names/numbers found in at least one other article of the story.

    Most widely shared first; a name contained in a longer shared one is dropped
    (塔吉克 when 塔吉克斯坦 is listed).
    """
    try:
        per_article = {a.id: _entities(a) for a in articles}
    except ImportError:  # the clustering stage does not expose its features: nothing to show
        return {}
    counts = Counter(token for tokens in per_article.values() for token in tokens)
    shared: dict[str, list[str]] = {}
    for article_id, tokens in per_article.items():
        common = sorted(
            (t for t in tokens if counts[t] >= 2),
            key=lambda t: (-counts[t], -len(t), t),
        )
        kept: list[str] = []
        for token in common:
            name = token.split(":", 1)[-1]
            if any(name in other for other in kept):
                continue
            kept = [k for k in kept if k not in name] + [name]
            if len(kept) >= MAX_SHOWN:
                break
        shared[article_id] = kept
    return shared
