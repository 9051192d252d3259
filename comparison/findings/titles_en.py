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
    rf"(?<![\w-])(?:{'|'.join(re.escape(h) for h in sorted(TITLE_HEADS_EN, key=len, reverse=True))}))\s+$",
    re.IGNORECASE,
)
# Lower-case words a title may hold before its head ("local police inspector", "former deputy
# minister"); any other lower-case word belongs to the sentence ("the paper quoted police
# spokesman X": "quoted" ends the sentence's part), as does anything before it.
_TITLE_MODIFIERS = {"police", "local", "former", "deputy", "acting", "senior", "chief", "state", "federal",
                    "regional", "provincial", "city", "county", "foreign", "defence", "defense", "interior",
                    "health", "finance", "vice", "assistant", "associate", "general", "military", "army", "navy",
                    "fire", "government", "district", "national", "prime", "press", "media", "news", "team"}
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
    words = list(re.finditer(r"\S+", text[m.start("title"):m.end("title")]))
    keep = len(words) - 1
    # Qualifiers run back from the head while each is a title modifier, or capitalized and not a
    # function or time word opening the sentence ("On Thursday police spokesman X").
    while keep > 0 and _qualifies(words[keep - 1].group()):
        keep -= 1
    start = m.start("title") + words[keep].start()
    return text[start:m.end("title")], start


_SENTENCE_WORDS = {"on", "in", "at", "the", "a", "an", "and", "but", "as", "by", "for", "from", "with", "after",
                   "yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
                   "saturday", "sunday", "said", "says", "according", "when", "while", "then", "earlier", "later"}


def _qualifies(word: str) -> bool:
    lowered = word.lower()
    return lowered in _TITLE_MODIFIERS or (word[0].isupper() and lowered not in _SENTENCE_WORDS)


def _same_person(a: str, b: str) -> bool:
    """Two names of one person: the same surname, and given names alike where both write them
    (Dave Gaskin, Gaskin, D. Gaskin; not Dave Gaskin and Don Gaskin)."""
    wa, wb = a.split(), b.split()
    if wa[-1].lower() != wb[-1].lower():
        return False
    return len(wa) == 1 or len(wb) == 1 or same_given_name(wa[0], wb[0])


def same_given_name(a: str, b: str) -> bool:
    """Dave = Dave, D. = Dave; not Dave and Don."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return short.endswith(".") and long_.startswith(short[:-1])


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
