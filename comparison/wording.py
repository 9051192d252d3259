"""Aligned sentences side by side, with the words each outlet puts otherwise.

The producers (``comparison.findings``) classify the differences they can read: figures, days,
places, voices, names. Most annotated discrepancies, though, sit in sentences the alignment
already pairs, worded otherwise: a paraphrased verb, a broader actor, another source
(``comparison/ALIGN_MODEL.md``, the alignment oracle). No rule reads those reliably (a wording
difference alone says nothing of whether the facts differ), so this module does not classify.
It lists each aligned sentence pair with the character ranges where the two wordings differ,
for the reader to judge: the dashboard's "Aligned" tab and the exports show them.

Words are compared as tokens: a Latin word, a number, or one CJK character, read in Simplified
script and lower case, so 臺灣/台湾 or "Police"/"police" are not differences; punctuation and
spaces are not tokens. Sentences in different languages are paired without word differences
(there is no shared wording to compare).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict

from comparison.docs import Doc

# A Latin word (with inner apostrophes and hyphens), a number (with its separators), a CJK character.
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+(?:[.,:]\d+)*", re.UNICODE)
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Cost bounds. A clause holds at most 300 characters (comparison.docs), so a sentence holds at
# most this many words; past them, the rest of each sentence is one block (marked when the
# two rests differ).
MAX_TOKENS = 300
# At most this many aligned pairs are listed per comparison, taken in turn from each pair of
# articles so that every pair of outlets keeps some; a note says when more were left out.
MAX_ALIGNED_PAIRS = 2000
# The word comparisons of one story together compare at most this many word pairs (the sum of
# len(a) x len(b)): about 3 s of difflib on repetitive text. Pairs past it are not listed (a note says so).
WORD_PAIR_BUDGET = 20_000_000


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) of each word of ``text``: CJK characters one by one, Latin words and
    numbers whole; keys in lower case. ``text`` should already be in Simplified script."""
    found: list[tuple[str, int, int]] = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        if _CJK_RE.search(word):
            # \w runs mix CJK characters and Latin letters (Covid疫苗): split CJK per character.
            at = m.start()
            for piece in re.finditer(r"[\u3400-\u9fff\uf900-\ufaff]|[^\u3400-\u9fff\uf900-\ufaff]+", word):
                found.append((_key(piece.group()), at + piece.start(), at + piece.end()))
        else:
            found.append((_key(word), m.start(), m.end()))
    return found


def _key(word: str) -> str:
    # Full-width digits and letters (１月２１日) are the same words as half-width ones.
    return unicodedata.normalize("NFKC", word).lower()


def differing_ranges(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The (start, end) ranges of ``a`` and of ``b`` worded otherwise: the words outside the
    two texts' matching blocks of words in the same order, each list in text order and
    non-overlapping. A block of one CJK character (的, 了, 在) does not count as shared wording:
    two paraphrases meet on such characters by chance. Both texts in Simplified script."""
    all_a, all_b = tokens(a), tokens(b)
    ta, tb = all_a[:MAX_TOKENS], all_b[:MAX_TOKENS]
    matcher = difflib.SequenceMatcher(None, [t[0] for t in ta], [t[0] for t in tb], autojunk=False)
    shared_a, shared_b = [False] * len(ta), [False] * len(tb)
    for i, j, size in matcher.get_matching_blocks():
        if size >= 2 or (size == 1 and not _CJK_RE.match(ta[i][0])):
            shared_a[i:i + size] = [True] * size
            shared_b[j:j + size] = [True] * size
    ranges_a, ranges_b = _runs(ta, shared_a), _runs(tb, shared_b)
    tail_a, tail_b = all_a[MAX_TOKENS:], all_b[MAX_TOKENS:]
    if [t[0] for t in tail_a] != [t[0] for t in tail_b]:  # the rests past the bound: one block each
        if tail_a:
            ranges_a.append((tail_a[0][1], tail_a[-1][2]))
        if tail_b:
            ranges_b.append((tail_b[0][1], tail_b[-1][2]))
    return ranges_a, ranges_b


def _runs(words: list[tuple[str, int, int]], shared: list[bool]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive words not shared, as character ranges."""
    ranges: list[tuple[int, int]] = []
    start = None
    for n, (word, is_shared) in enumerate(zip(words, shared, strict=True)):
        if not is_shared and start is None:
            start = word[1]
        if start is not None and (is_shared or n == len(words) - 1):
            end = words[n - 1][2] if is_shared else word[2]
            ranges.append((start, end))
            start = None
    return ranges


def _side(doc: Doc, k: int, differs: list[tuple[int, int]]) -> dict:
    sentence = doc.sentences[k]
    return {"article_id": doc.article.id, "outlet": doc.label, "start": sentence.start, "end": sentence.end,
            "text": doc.article.text[sentence.start:sentence.end],
            "differs": [[sentence.start + s, sentence.start + e] for s, e in differs]}


def aligned_sentences(ctx, limit: int = MAX_ALIGNED_PAIRS, budget: int = WORD_PAIR_BUDGET
                      ) -> tuple[list[dict], list[str]]:
    """Each aligned sentence pair of two outlets (``ctx``: a ``comparison.findings.Context``)
    as ``{"a": side, "b": side, "score", "same_language"}``, where a side is the sentence's
    article id, outlet, offsets and text in ``Article.text`` and ``differs``, the ranges (in
    article offsets) worded otherwise; plus one-line notes when pairs were left out (past
    ``limit`` pairs, taken in turn from each pair of articles, or past ``budget`` word pairs)."""
    by_articles: dict[tuple[int, int], list] = defaultdict(list)
    for d1, k1, d2, k2 in ctx.aligned_pairs():
        doc1, doc2 = ctx.docs[d1], ctx.docs[d2]
        if doc1.group == doc2.group:
            continue
        if (d1, k1) > (d2, k2):
            d1, k1, d2, k2 = d2, k2, d1, k1
        by_articles[(d1, d2)].append((d1, k1, d2, k2))
    total = sum(len(p) for p in by_articles.values())
    chosen = _in_turn([sorted(p) for _, p in sorted(by_articles.items())], limit)
    notes = [f"{total - limit} aligned sentence pairs past the first {limit} not listed"] if total > limit else []
    out, spent, over = [], 0, 0
    for d1, k1, d2, k2 in sorted(chosen):
        doc1, doc2 = ctx.docs[d1], ctx.docs[d2]
        s1, s2 = doc1.sentences[k1], doc2.sentences[k2]
        same_language = doc1.english == doc2.english
        if same_language:
            a, b = doc1.simple[s1.start:s1.end], doc2.simple[s2.start:s2.end]
            cost = min(len(a), MAX_TOKENS) * min(len(b), MAX_TOKENS)  # characters bound the words
            if spent + cost > budget:
                over += 1
                continue
            spent += cost
            differs = differing_ranges(a, b)
        else:
            differs = ([], [])
        out.append({"a": _side(doc1, k1, differs[0]), "b": _side(doc2, k2, differs[1]),
                    "score": round(float(ctx.score(d1, k1, d2, k2)), 3), "same_language": same_language})
    if over:
        notes.append(f"{over} aligned sentence pairs past the word-comparison budget not listed")
    return out, notes


# The orders a reader may read the pairs in (the Markdown export and the dashboard's Aligned tab).
# "surest": the pairs the alignment model is surest state one claim come first, story order among
# equal scores; "story": article by article, in the order of their sentences. Chosen on the 40
# development comparisons: the first 10 / 20 / 40 pairs worded otherwise of each story hold 161 /
# 294 / 462 of the 1,416 annotated discrepancies in the surest order, 129 / 262 / 437 in story
# order (a figure first, then the surest: 162 / 301 / 454). That is in sample: the alignment
# model was fitted on those stories. On the 13 held-out comparisons (one run, decided before it)
# the surest order holds 34 / 85 / 135 of 408, story order 44 / 80 / 141: no gain there.
READING_ORDERS = ("surest", "story")


def in_reading_order(pairs: list[dict], order: str = "surest") -> list[dict]:
    """``pairs`` (as :func:`aligned_sentences` lists them, in story order) in a reading order."""
    if order not in READING_ORDERS:
        raise ValueError(f"unknown reading order {order!r}: one of {', '.join(READING_ORDERS)}")
    if order == "story":
        return list(pairs)
    return sorted(pairs, key=lambda p: -p["score"])  # a stable sort: story order among equal scores


def _in_turn(groups: list[list], limit: int) -> list:
    """Up to ``limit`` items, one from each group in turn (every pair of articles keeps some)."""
    chosen, depth = [], 0
    while len(chosen) < limit and any(depth < len(g) for g in groups):
        chosen += [g[depth] for g in groups if depth < len(g)][:limit - len(chosen)]
        depth += 1
    return chosen
