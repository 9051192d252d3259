"""English titles producer: the same person introduced with other titles by two outlets
("police spokesman Dave Gaskin" vs "police inspector Dave Gaskin"), framing of an entity.

The English counterpart of ``naming._titles`` (缅甸国防军总司令敏昂莱 vs 政变领导人敏昂莱). A
title is the run of words right before a person's name that ends with a title noun of the
general lexicon (``lexicons.attribution.TITLE_HEADS_EN``). One title in other words is no
difference: the same head noun with no qualifier on one side, or one qualifier inside the other
("Police Inspector" vs "local police inspector").
"""

from __future__ import annotations

import re

from comparison.docs import span
from comparison.findings import Context
from comparison.lexicons.attribution import TITLE_HEADS_EN
from comparison.model import Finding

# The words a title may hold before its head: up to three, each a word, not a function word
# or verb of the sentence ("said police spokesman X": "said" is the sentence's).
_MAX_QUALIFIER_WORDS = 3
_TITLE_RE = re.compile(
    rf"(?P<title>(?:[A-Za-z][\w'.-]*\s+){{0,{_MAX_QUALIFIER_WORDS}}}"
    rf"(?:{'|'.join(re.escape(h) for h in sorted(TITLE_HEADS_EN, key=len, reverse=True))}))\s+$",
    re.IGNORECASE,
)
# Words that end the sentence before a title: articles, prepositions, conjunctions and reporting
# verbs (what stands before them is not part of the title).
_BEFORE_TITLE = {"a", "an", "the", "and", "or", "but", "of", "by", "to", "from", "with", "for", "in", "on", "at",
                 "as", "said", "says", "told", "according", "that", "who", "when", "while", "after", "before",
                 "was", "is", "were", "are", "has", "had", "have", "his", "her", "their", "its", "our"}
# A person is compared across outlets only this many times per story (bounded cost).
MAX_PEOPLE = 400


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    people: dict[str, dict[int, tuple[str, int, int, str]]] = {}  # surname -> doc -> (title, start, end, name)
    for d, doc in enumerate(ctx.docs):
        if not doc.english:
            continue
        for e in doc.facts.entities:
            if e.kind != "PER" or len(people) >= MAX_PEOPLE:
                continue
            title = english_title(doc.article.text, e.start)
            if title is None:
                continue
            surname = e.text.split()[-1].lower()
            people.setdefault(surname, {}).setdefault(d, (title[0], title[1], e.end, e.text))
    findings: list[Finding] = []
    for per_doc in people.values():
        items = sorted(per_doc.items())
        for x, (da, (ta, sa, ea, name)) in enumerate(items):
            for db, (tb, sb, eb, other) in items[x + 1:]:
                if ctx.docs[da].group == ctx.docs[db].group or not _same_person(name, other):
                    continue
                if same_title_en(ta, tb):
                    continue
                findings.append(Finding(
                    "framing", "entity",
                    f"{name} introduced as {ta} ({ctx.docs[da].label}) vs {tb} ({ctx.docs[db].label})",
                    [span(ctx.docs[da], sa, ea), span(ctx.docs[db], sb, eb)], name))
    return findings


def english_title(text: str, name_start: int) -> tuple[str, int] | None:
    """The title written right before the name at ``name_start`` and where it starts, or None."""
    floor = max(0, name_start - 80)
    m = _TITLE_RE.search(text, floor, name_start)
    if m is None:
        return None
    words = m.group("title").split()
    start = m.start("title")
    # Cut the sentence's words off the front (the last word before the head that ends a phrase).
    for k in range(len(words) - 2, -1, -1):
        if words[k].lower() in _BEFORE_TITLE or not words[k][0].isalpha():
            start += len(" ".join(words[:k + 1])) + 1
            words = words[k + 1:]
            break
    return " ".join(words), start


def _same_person(a: str, b: str) -> bool:
    """Two names of one person: the same surname, and given names alike where both write them
    (Dave Gaskin, Gaskin; not Dave Gaskin and Ann Gaskin)."""
    wa, wb = a.split(), b.split()
    if wa[-1].lower() != wb[-1].lower():
        return False
    return len(wa) == 1 or len(wb) == 1 or wa[0].lower()[:1] == wb[0].lower()[:1]


def _head_and_qualifier(title: str) -> tuple[str, str]:
    lowered = title.lower()
    head = next(h for h in sorted(TITLE_HEADS_EN, key=len, reverse=True) if lowered.endswith(h))
    return head, lowered[: len(lowered) - len(head)].strip()


def same_title_en(a: str, b: str) -> bool:
    """One title however written: the same head noun, and no qualifier on one side or one
    inside the other ("Inspector" vs "police inspector"; not "spokesman" vs "inspector")."""
    (ha, qa), (hb, qb) = _head_and_qualifier(a), _head_and_qualifier(b)
    if ha != hb:
        return False
    return not qa or not qb or qa in qb or qb in qa
