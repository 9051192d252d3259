"""Compare a stored story, with the result cached in the store."""

from __future__ import annotations

from comparison.compare import compare, comparison_signature
from comparison.model import Comparison, Finding, Span


def comparison_from_dict(data: dict) -> Comparison:
    findings = [
        Finding(kind=f["kind"], fact_type=f["fact_type"], why=f["why"],
                spans=[Span(**s) for s in f.get("spans", [])], subject=f.get("subject", ""),
                salience=float(f.get("salience", 0.0)), minor=bool(f.get("minor", False)))
        for f in data.get("findings", [])
    ]
    return Comparison(article_ids=list(data.get("article_ids", [])), findings=findings,
                      naming=list(data.get("naming", [])), sources=dict(data.get("sources", {})),
                      quotes=list(data.get("quotes", [])), notes=list(data.get("notes", [])),
                      aligned=list(data.get("aligned", [])))


def compare_story(store, story_id: str, backend=None, use_dense: bool = True, progress: bool = False) -> Comparison:
    """Compare the member articles of a stored story (``store.story(id)``).

    The result is cached with ``store.put_comparison`` under a signature of the
    members' content hashes and COMPARISON_VERSION, so it is recomputed only when
    a member changes, joins or leaves, the comparison code changes, or the alignment mode
    (``use_dense``) is not the one it was computed with.
    """
    story = store.story(story_id)
    if story is None:
        raise KeyError(f"no story {story_id!r} in {getattr(store, 'path', 'the store')}")
    from clustering.pipeline import story_articles

    # Members, and the sections of roundups filed under other stories that report this one.
    articles = story_articles(store, story)
    signature = comparison_signature(articles, use_dense)
    cached = store.get_comparison(story_id, signature)
    if cached is not None:
        return comparison_from_dict(cached)
    result = compare(articles, backend=backend, use_dense=use_dense, progress=progress)
    store.put_comparison(story_id, signature, result.to_dict())
    return result
