"""Descriptor producer: the same actors, in the same claim, called by another name.

Two outlets' aligned sentences (one claim) that describe their actors with different
descriptors from the general lexicon :data:`~comparison.lexicons.categories.ACTOR_DESCRIPTORS`
(protesters vs rioters, 武装分子 vs 激进分子) make a framing finding with both words' spans.
The naming table (``naming`` producer) lists every outlet's descriptors story-wide; this
producer says where one claim is worded with each. A crowd word is only compared with a crowd
word, an armed actor's with an armed actor's (protesters vs gunmen are two actors). Some
English descriptors are also read in their singular (``DESCRIPTOR_SINGULARS``).
"""

from __future__ import annotations

from functools import lru_cache

from comparison.claims import one_claim_event
from comparison.docs import Doc, span
from comparison.findings import Context
from comparison.lexicons.categories import (
    ACTOR_DESCRIPTORS,
    CROWD_DESCRIPTORS,
    DESCRIPTOR_SINGULARS,
    DESCRIPTOR_SYNONYMS,
)
from comparison.model import Finding
from comparison.subjects import find_word


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for d1, k1, d2, k2 in ctx.aligned_pairs():
        doc1, doc2 = ctx.docs[d1], ctx.docs[d2]
        if doc1.group == doc2.group or not one_claim_event(doc1, k1, doc2, k2):
            continue
        first, second = descriptors_in(doc1, k1), descriptors_in(doc2, k2)
        choice = _choice(first, second)
        if choice is None:
            continue
        key = (d1, d2, frozenset(choice[0]), frozenset(choice[1]))
        if key in seen:
            continue
        seen.add(key)
        one, other = ([first[t] for t in choice[0]]), ([second[t] for t in choice[1]])
        why = (f"the same claim names its actors {_words(doc1, one)} ({doc1.label}) "
               f"vs {_words(doc2, other)} ({doc2.label})")
        spans = [span(doc1, s, e) for s, e in one] + [span(doc2, s, e) for s, e in other]
        findings.append(Finding("framing", "entity", why, spans, choice[0][0]))
    return findings


def _choice(first: dict, second: dict) -> tuple[list[str], list[str]] | None:
    """The descriptors each side uses, when that is a choice of words for one actor: both
    sides describe, in one script and of one class (crowd or armed), and share no descriptor
    or synonym of one register."""
    for script_ascii in (True, False):
        for crowd in (True, False):
            a = [t for t in first if t.isascii() == script_ascii and (t in CROWD_DESCRIPTORS) == crowd]
            b = [t for t in second if t.isascii() == script_ascii and (t in CROWD_DESCRIPTORS) == crowd]
            if a and b and not any(_alike(x, y) for x in a for y in b):
                return a, b
    return None


def _alike(x: str, y: str) -> bool:
    return x == y or any(x in group and y in group for group in DESCRIPTOR_SYNONYMS)


def _words(doc: Doc, where: list[tuple[int, int]]) -> str:
    return "/".join(dict.fromkeys(doc.article.text[s:e] for s, e in where))


def descriptors_in(doc: Doc, k: int) -> dict[str, tuple[int, int]]:
    """Descriptor (its lexicon form) -> the (start, end) of its first occurrence in sentence
    ``k``, in text order (a longer descriptor's words are not read again inside it)."""
    sentence = doc.sentences[k]
    chunk = doc.simple[sentence.start:sentence.end]
    found: dict[str, tuple[int, int]] = {}
    for term, forms in _forms().items():
        hits = [(at, at + len(form)) for form in forms if (at := find_word(chunk, form)) >= 0]
        if not hits:
            continue
        start, end = min(hits)
        if not any(start < e and s < end for s, e in found.values()):
            found[term] = (start, end)
    return {term: (sentence.start + s, sentence.start + e) for term, (s, e) in sorted(found.items(), key=lambda x: x[1])}


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[str, ...]]:
    """Each descriptor with its listed English singular ("rioters" -> "rioter"), longest first
    so that 反叛武装 is read before 武装."""
    return {term: (term, DESCRIPTOR_SINGULARS[term]) if term in DESCRIPTOR_SINGULARS else (term,)
            for term in sorted(ACTOR_DESCRIPTORS, key=len, reverse=True)}
