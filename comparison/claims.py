"""Claims with slots: each clause of an article, with who/what/how many/when/where/says-who.

A claim is one clause (a sentence cut at ，；,; and at most MAX_CLAUSE_CHARS
long). Its slots come from the article's facts, each with its exact span:

- actor: the first person/organization/name of the clause (not the one credited with it);
- predicate: the first event word of the clause and its event type (killed, handed over...);
- quantities: the numbers of the clause (value range, unit dimension, counted category);
- time: the day (and part of day) named in the clause, else in its sentence;
- places: the places of the clause, each at its level, directions as bearings;
- attribution: who the sentence credits (agency, official, anonymous, witness);
- quote: the quotation the clause is part of, with its speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from comparison.extract import CLAIM_DATE_PRECISIONS
from comparison.lexicons.categories import (
    EVENT_OBJECT_WINDOW,
    EVENT_WORD_OBJECTS_NOT_PEOPLE,
    TOPIC_PREPOSITIONS,
    TOPIC_WINDOW,
    event_forms,
    who_leaves_event,
)
from comparison.lexicons.reporting import (
    SPEECH_SETTINGS_EN,
    SPEECH_VERB_INSIDE_WORDS_ZH,
    SPEECH_VERBS_EN,
    SPEECH_VERBS_ZH,
    STATEMENT_ACTS_ZH,
)
from comparison.lexicons.timewords import TIME_SHIFT_EN, TIME_SHIFT_ZH
from comparison.subjects import find_word, word_pattern
from comparison.text import to_simplified, words_outside

# Bounded cost: a clause longer than this is cut (a list of thousands of
# numbers separated by spaces is no claim one can read whole).
MAX_CLAUSE_CHARS = 300
TIME_SHIFTS = TIME_SHIFT_ZH + TIME_SHIFT_EN
_CLAUSE_BREAK = re.compile(r"[，；;]|,\s|;\s|\n")


@dataclass
class Slot:
    kind: str  # actor, predicate, quantity, time, place, attribution, quote
    start: int
    end: int
    text: str
    value: object = None  # the Quantity, DateMention, Place, Attribution, Quote, or event type


@dataclass
class Claim:
    sentence: int
    start: int
    end: int
    text: str
    actor: Slot | None = None
    predicate: Slot | None = None
    quantities: list[Slot] = field(default_factory=list)
    time: Slot | None = None
    places: list[Slot] = field(default_factory=list)
    attribution: Slot | None = None
    quote: Slot | None = None

    @property
    def event(self) -> str:
        return str(self.predicate.value) if self.predicate else ""

    def slots(self) -> list[Slot]:
        out = [s for s in (self.actor, self.predicate, self.time, self.attribution, self.quote) if s]
        return out + self.quantities + self.places


class _Index:
    """Items sorted by start, looked up by range in O(log n)."""

    def __init__(self, items: list) -> None:
        self.items = sorted(items, key=lambda x: x.start)
        self.starts = [x.start for x in self.items]

    def within(self, start: int, end: int) -> list:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.items[lo:hi]


def clause_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of text[start:end], none longer than MAX_CLAUSE_CHARS."""
    out: list[tuple[int, int]] = []
    cursor = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        out.append((cursor, m.end()))
        cursor = m.end()
    out.append((cursor, end))
    bounded: list[tuple[int, int]] = []
    for s, e in out:
        while e - s > MAX_CLAUSE_CHARS:
            bounded.append((s, s + MAX_CLAUSE_CHARS))
            s += MAX_CLAUSE_CHARS
        if e > s and text[s:e].strip():
            bounded.append((s, e))
    return bounded


@lru_cache(maxsize=1)
def _event_pattern() -> tuple[re.Pattern, list[tuple[str, str]]]:
    """Every event word in one alternation, in lexicon order: one search per clause finds the
    earliest word (the loop over ~200 words per clause was most of a long story's cost)."""
    forms = [(event, w) for event, words in event_forms().items() for w in words]
    parts = [rf"(?<![A-Za-z])(?i:{re.escape(w)})(?![A-Za-z])" if re.search(r"[A-Za-z]", w) else re.escape(w)
             for _event, w in forms]
    return re.compile("|".join(parts)), forms


def _event_of(clause: str, offset: int, text: str) -> Slot | None:
    """The claim's event: the event word that starts earliest in the clause (at one
    position, the first in lexicon order); a release verb with a non-human object (释放资金,
    released a report) names no event of people."""
    pattern, forms = _event_pattern()
    position = 0
    while True:
        m = pattern.search(clause, position)
        if m is None:
            return None
        at = m.start()
        event, word = next((e, w) for e, w in forms
                           if (word_pattern(w).match(clause, at) if word_pattern(w) else clause.startswith(w, at)))
        if not (_object_not_people(clause, at + len(word), word) or _topic_of_preposition(clause, at)
                or clause.startswith("的", at + len(word))):
            break  # 被捕的民主派人士: an event word before 的 modifies a noun, it reports nothing
        position = at + 1
    event = who_leaves_event(word, to_simplified(clause)) or event  # 撤离: withdrawn or evacuated
    return Slot("predicate", offset + at, offset + at + len(word), text[offset + at:offset + at + len(word)], event)


def _topic_of_preposition(clause: str, at: int) -> bool:
    """Is the event word at ``at`` governed by a preposition of topic (针对上午的大抓捕,
    about the arrests), a few characters before it in the same clause?"""
    before = re.split(r"[，。；,;.]", clause[max(0, at - TOPIC_WINDOW):at])[-1]
    lowered = to_simplified(before).lower()
    return any(find_word(lowered, p) >= 0 for p in TOPIC_PREPOSITIONS)


def _object_not_people(clause: str, end: int, word: str) -> bool:
    objects = EVENT_WORD_OBJECTS_NOT_PEOPLE.get(word.lower()) or EVENT_WORD_OBJECTS_NOT_PEOPLE.get(to_simplified(word))
    if not objects:
        return False
    after = re.split(r"[，。；,;.]", clause[end:end + EVENT_OBJECT_WINDOW], maxsplit=1)[0]
    return any(find_word(to_simplified(after), o) >= 0 for o in objects)


# An English speech verb right before a day, or with where it was said between them ("the
# minister said Wednesday", "told reporters on Monday", "said at a news conference Tuesday").
_SPEECH_DAY_EN = re.compile(
    rf"\b(?:{'|'.join(re.escape(v) for v in SPEECH_VERBS_EN if ' ' not in v)})"
    r"(?:\s+(?:reporters|journalists))?"
    rf"(?:\s+(?:at|in|during)\s+(?:a|an|the)\s+(?:{'|'.join(SPEECH_SETTINGS_EN)}))?"
    r"\s+(?:(?:on|late|early)\s+)*$", re.I)


# A Chinese speech verb right after a day, or after where it was said (在记者会上) or a verb of
# issuing a statement and its object (通报, 发布消息): 外交部发言人13日表示, 官方14日通报称, 今天发布消息
# 说, 13日在记者会上说. A Chinese adverbial of time stands before the verb it dates, here the
# saying's; a day before another verb (12日坍塌后官方称) stays the happening's.
@lru_cache(maxsize=1)
def _speech_day_zh() -> re.Pattern:
    acts = "|".join(STATEMENT_ACTS_ZH)
    says = words_outside(SPEECH_VERBS_ZH, SPEECH_VERB_INSIDE_WORDS_ZH)
    return re.compile(rf"(?:在[^\W\d]{{1,6}}?[上中])?(?:(?:{acts})[^\W\d]{{0,3}}?)?(?:{says})")


def speech_day(source: str, start: int, end: int | None = None, english: bool = True) -> bool:
    """Is the date at ``start`` (ending at ``end``) the day a statement was made ("police said
    Wednesday", 官方14日通报称)? It dates the saying, not the happening reported (the arrests it
    announces, the toll it gives). ``source``: the English text, or the simplified Chinese one."""
    if not english:
        return end is not None and _speech_day_zh().match(source, end) is not None
    return _SPEECH_DAY_EN.search(source, max(0, start - 80), start) is not None


def build_claims(doc) -> list[Claim]:
    """The claims of one document (``comparison.docs.Doc``), in text order."""
    text, simple, facts = doc.article.text, doc.simple, doc.facts
    source = text if facts.english else simple
    quantities = _Index(facts.quantities)
    claim_dates = [d for d in facts.dates if d.value is not None and d.precision in CLAIM_DATE_PRECISIONS
                   and not d.since]
    said = [speech_day(source, d.start, d.end, facts.english) for d in claim_dates]
    dates = _Index([d for d, s in zip(claim_dates, said, strict=True) if not s])
    # A Chinese sentence dated by its statement (发言人8日告诉记者：…) dates none of its clauses by
    # another day inside the statement: a clause with no day of its own gets none. (English keeps
    # its sentence's other day, as before.)
    speech_days = _Index([d for d, s in zip(claim_dates, said, strict=True) if s and not facts.english])
    places = _Index(facts.places)
    attributions = _Index(facts.attributions)
    entities = _Index([e for e in facts.entities if e.kind in ("PER", "ORG", "NAME")])
    quotes = facts.quotes
    claims: list[Claim] = []
    for k, sentence in enumerate(doc.sentences):
        sentence_dates = [] if speech_days.within(sentence.start, sentence.end) else dates.within(
            sentence.start, sentence.end)
        credit = attributions.within(sentence.start, sentence.end)
        attribution = (Slot("attribution", credit[0].start, credit[0].end, credit[0].text, credit[0])
                       if credit else None)
        shifted = False  # a clause said "a day before": later clauses keep no sentence date
        for start, end in clause_bounds(source, sentence.start, sentence.end):
            claim = Claim(k, start, end, text[start:end], attribution=attribution)
            claim.predicate = _event_of(source[start:end], start, text)
            claim.quantities = [Slot("quantity", q.start, q.end, q.text, q) for q in quantities.within(start, end)]
            own_dates = dates.within(start, end)
            if own_dates:
                shifted = False
            else:
                shifted = shifted or any(find_word(source[start:end], w) >= 0 for w in TIME_SHIFTS)
                own_dates = [] if shifted else sentence_dates
            if own_dates:
                d = own_dates[0]
                claim.time = Slot("time", d.start, d.end, d.text, d)
            claim.places = [Slot("place", p.start, p.end, p.text, p) for p in places.within(start, end)]
            for e in entities.within(start, end):
                if attribution is None or not (attribution.start <= e.start < attribution.end):
                    claim.actor = Slot("actor", e.start, e.end, e.text, e.key)
                    break
            for q in quotes:
                if q.start < end and start < q.end:
                    claim.quote = Slot("quote", q.start, q.end, q.text, q)
                    break
            claims.append(claim)
    return claims


def sentence_events(doc) -> list[frozenset[str]]:
    """Event types of each sentence's claims."""
    events: list[set[str]] = [set() for _ in doc.sentences]
    for c in doc.claims:
        if c.event and 0 <= c.sentence < len(events):
            events[c.sentence].add(c.event)
    return [frozenset(e) for e in events]


def one_claim_event(doc1, k1: int, doc2, k2: int) -> bool:
    """Two aligned sentences report the same kind of event, or neither names an event type
    (then the alignment alone says they state one claim)."""
    e1 = {c.event for c in doc1.claims if c.sentence == k1 and c.event}
    e2 = {c.event for c in doc2.claims if c.sentence == k2 and c.event}
    return bool(e1 & e2) or not (e1 or e2)


def sentence_dimensions(doc) -> list[frozenset[str]]:
    """Unit dimensions of each sentence's quantities."""
    dims: list[set[str]] = [set() for _ in doc.sentences]
    for c in doc.claims:
        for q in c.quantities:
            if 0 <= c.sentence < len(dims):
                dims[c.sentence].add(q.value.dimension)
    return [frozenset(d) for d in dims]
