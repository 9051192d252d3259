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
from comparison.lexicons.attribution import (
    GENERIC_LEADER_TITLES_EN,
    LEADER_OFFICES_EN,
    OFFICE_NOT_HELD_EN,
    TITLE_HEADS_EN,
)
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
                    "fire", "government", "district", "national", "prime", "press", "media", "news", "team",
                    # what a leader leads, when no state ("opposition leader", "rebel leader": the title's own
                    # words, which frame; vaguer_leader_title_en reads "leader" alone as the generic word)
                    "opposition", "rebel", "party", "junta", "militia", "union", "tribal", "religious", "spiritual",
                    "supreme", "coup", "protest", "community"}
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
            name = e.text
            if title is None:  # "President Joe Biden" read whole as the person: the title leads the name
                inner = leading_title(e.text)
                if inner is None:
                    continue
                start = _qualifiers_before(doc.article.text, e.start)  # "Police" of "Police Chief Dave Gaskin"
                title = (doc.article.text[start:e.start] + inner[0], start)
                name = e.text[inner[1]:]
            surname = name.split()[-1].lower()
            people.setdefault(surname, {}).setdefault(d, (title[0], title[1], e.end, name))
    findings: list[Finding] = []
    for per_doc in people.values():
        items = sorted(per_doc.items())
        for x, (da, (ta, sa, ea, name)) in enumerate(items):
            for db, (tb, sb, eb, other) in items[x + 1:]:
                if ctx.docs[da].group == ctx.docs[db].group or not _same_person(name, other):
                    continue
                if same_title_en(ta, tb):
                    continue
                if vaguer_leader_title_en(ta, tb) is not None:
                    continue  # "President Putin" vs "Russian leader Putin": one office, once generic (as naming.py)
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


def leading_title(name: str) -> tuple[str, int] | None:
    """The title a recognised person's name opens with, capitalized as titles before a name are
    ("President Joe Biden", "Russian President Vladimir Putin", "Prime Minister Boris Johnson"), and
    where the name after it starts; None when the name holds no title head (TITLE_HEADS_EN) before a
    word of its own. Each word before the head must qualify a title (:func:`_qualifies`)."""
    words = list(re.finditer(r"\S+", name))
    for k in range(len(words) - 1, 0, -1):  # the last title head with a name word after it
        if words[k - 1].group().lower().strip(".,") in TITLE_HEADS_EN:
            if words[k].group().lower() in _TITLE_GOES_ON or not all(_qualifies(w.group()) for w in words[:k - 1]):
                return None  # "Chief Justice John Roberts", "Chief Executive X": a longer title than the lexicon's
            return name[:words[k - 1].end()], words[k].start()
    return None


# Words after a title head that make a longer title of it ("Chief Justice", "Chief Executive", "Chief
# of Staff", "Chief Whip"): no name starts with them.
_TITLE_GOES_ON = {"justice", "executive", "of", "whip", "staff", "operating", "financial"}


def _qualifiers_before(text: str, start: int) -> int:
    """Where a title starts when title qualifiers (:func:`_qualifies`) stand right before ``start``,
    at most :data:`_MAX_QUALIFIER_WORDS` words back ("Police" before a person "Chief Dave Gaskin")."""
    for _ in range(_MAX_QUALIFIER_WORDS):
        m = re.search(r"(?:^|(?<=\s))([A-Za-z][\w'.-]*) $", text[max(0, start - 40):start])
        if m is None or not _qualifies(m.group(1)):
            break
        start -= len(m.group(0))
    return start


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


def _generic_leader(title: str) -> bool:
    """Is ``title`` a generic word for a leader (GENERIC_LEADER_TITLES_EN) qualified by nothing but
    capitalized words, a place or a nationality ("leader", "Russian leader", "the U.S. leader"; not
    "opposition leader", "rebel leader": those frame)?"""
    words = title.split()
    if not words or words[-1].lower() not in GENERIC_LEADER_TITLES_EN:
        return False
    return all(w[:1].isupper() or w.lower() == "the" for w in words[:-1])


def vaguer_leader_title_en(a: str, b: str) -> bool | None:
    """True when ``b`` is a generic word for a leader where ``a`` names an office of that rank
    (LEADER_OFFICES_EN: "Russian President" vs "Russian leader"), False for the other way round,
    None otherwise."""
    def office(title: str) -> bool:
        lowered = " ".join(title.lower().split())
        if any(w in OFFICE_NOT_HELD_EN for w in re.split(r"[\s-]+", lowered)):
            return False  # "Former President", "Vice President", "President-elect": no office held now
        return any(lowered == o or lowered.endswith(" " + o) for o in LEADER_OFFICES_EN)

    if _generic_leader(b) and office(a):
        return True
    if _generic_leader(a) and office(b):
        return False
    return None
