"""Compare a stored story, with the result cached in the store."""

from __future__ import annotations

import bisect
import copy
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from comparison.compare import compare, comparison_signature
from comparison.model import Comparison, Finding, Span

if TYPE_CHECKING:
    from articles.model import Article


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
    from clustering.story_articles import story_articles

    # Members, and the sections of roundups filed under other stories that report this one.
    articles = story_articles(store, story)
    signature = comparison_signature(articles, use_dense)
    cached = store.get_comparison(story_id, signature)
    if cached is not None:
        return comparison_from_dict(cached)
    result = compare(articles, backend=backend, use_dense=use_dense, progress=progress)
    store.put_comparison(story_id, signature, result.to_dict())
    return result


def in_stored_text(comparison: Comparison, compared: list[Article], stored: list[Article]) -> Comparison:
    """``comparison`` with every offset moved into the stored articles' texts.

    A story lists a roundup through the section that reports it
    (:func:`clustering.story_articles.story_articles`), and is compared on that section: its spans are
    offsets into the section's text, under the id of the whole stored article. An export names
    the whole article, so a reader checks ``stored.text[start:end]``; this maps each offset
    paragraph by paragraph (a section is some of the article's paragraphs). Articles compared
    whole are left as they are; the comparison given is not changed (the cache keeps section
    offsets, which the dashboard's reader highlights in the section it shows)."""
    by_id = {a.id: a for a in stored}
    moves = {a.id: move for a in compared
             if a.id in by_id and a.text != by_id[a.id].text
             and (move := _offset_map(a, by_id[a.id])) is not None}
    if not moves:
        return comparison
    moved = comparison_from_dict(copy.deepcopy(comparison.to_dict()))
    for f in moved.findings:
        for s in f.spans:
            if s.article_id in moves:
                s.start, s.end = moves[s.article_id](s.start), moves[s.article_id](s.end)
    for q in moved.quotes:
        article_id, start, end, text = q["span"]
        if article_id in moves:
            q["span"] = [article_id, moves[article_id](start), moves[article_id](end), text]
    for pair in moved.aligned:
        for side in (pair["a"], pair["b"]):
            move = moves.get(side["article_id"])
            if move is not None:
                side["start"], side["end"] = move(side["start"]), move(side["end"])
                side["differs"] = [[move(s), move(e)] for s, e in side["differs"]]
    return moved


def _offset_map(part: Article, whole: Article) -> Callable[[int], int] | None:
    """Offset in ``part.text`` -> offset in ``whole.text``, where ``part``'s paragraphs are some of
    ``whole``'s, in order; None when they are not."""
    whole_starts = list(itertools.accumulate((len(p) + 1 for p in whole.paragraphs[:-1]), initial=0))
    part_starts, moved_starts = [], []
    at, k = 0, 0
    for paragraph in part.paragraphs:
        while k < len(whole.paragraphs) and whole.paragraphs[k] != paragraph:
            k += 1
        if k == len(whole.paragraphs):
            return None
        part_starts.append(at)
        moved_starts.append(whole_starts[k])
        at += len(paragraph) + 1
        k += 1
    if not part_starts:
        return None

    def move(offset: int) -> int:
        # The paragraph holding the offset (its end included: a span may end a paragraph).
        i = max(bisect.bisect_right(part_starts, offset) - 1, 0)
        return moved_starts[i] + offset - part_starts[i]

    return move
