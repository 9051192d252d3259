"""Do two figures of two outlets report the same fact? One fitted model decides.

Two figures with different values (4 dead vs 3 dead; 40 miles vs 50 km) are a
discrepancy only when they are about the same thing. The rules of
``comparison.subjects`` (counted category, event, place, day) and the sentence
alignment each say something about that; a logistic regression fitted on the
annotated development comparisons (``python -m comparison.train_figures``, data
card FIGURE_MODEL.md) weighs them, so no hand-set cut decides.

Only figures of one dimension are candidates (a count is never compared with a
distance), and neither may be a forecast or a bare decimal: those gates are
definitions, not weights. Equal values never reach the model (they agree, or
differ in wording: ``comparison.findings.quantity``).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from comparison.docs import Doc, compatible
from comparison.numbers import counted_noun
from comparison.subjects import (
    Subject,
    _places_meet,
    different_change_frames,
    different_changed_things,
    different_days,
    different_places,
    kin_and_others,
    other_casualties,
    other_persons,
    people_and_things,
    placed_part_meets,
    present_and_casualties,
    same_subject,
    sought_and_caught,
    specific,
)

MODEL_PATH = Path(__file__).resolve().parent / "figure_model.json"

FEATURES = (
    "aligned",  # the sentence-alignment probability of the two figures' sentences
    "best",  # the pair is the best-aligned candidate of one of its figures
    "same_subject",  # the subject rules say "could be counts of the same thing"
    "shared_event",  # both figures are tied to one event type (killed, arrested)
    "event_conflict",  # both have event types, none shared
    "family_conflict",  # both name a counted category, different ones
    "same_kind",  # the same counted sub-kind (reservists, mercenaries)
    "specific",  # both subjects are specific enough to compare story-wide
    "distinguished",  # an outlet reports both values as separate figures
    "context",  # character overlap of the words around the two figures
    "log_ratio",  # how far apart the values are (orders of magnitude, capped at 3; a range open above: to the range)
    "overlap",  # the value ranges overlap (vague vs exact: a precision candidate)
    "nearest_value",  # each is the other's closest value among its non-conflicting candidates
    "wordy_overlap",  # the ranges overlap and one is a number word (数十人, 多名, several): fits most values
    "same_counted",  # both count the same noun, written after the number ("five bombs", "four bombs")
)

# Characters read on each side of a figure for its context.
CONTEXT_CHARS = 12


def candidate(s1: Subject, s2: Subject) -> bool:
    """Figures that can be compared at all: one dimension and unit class, both reported
    facts (a bracketed conversion of the figure before it only against another conversion, a
    count's breakdown after a dash or bracket, or a part opened by 其中 / including, only against
    another such part; the first or last N of a series only against another such run; a span of
    ages, a group's, only against another span), not dated to different days or placed in
    different places. Days and places were model features until
    session 10; on the development comparisons none of the 49 pairs with different days or
    places was one fact, yet the fitted weights stayed small (too few rows), so 7日 920 cases vs 8日 896 still scored as one fact. They are
    definitions: counts of different days or places are different facts; so are the ages of
    two persons named otherwise (a man, a woman: subjects.other_persons), and a count of people
    against a count of things (90 injured vs 12 homes: subjects.people_and_things), and the dead
    against the injured or the missing (subjects.other_casualties), and a count of who was there or
    what they were, with no event, against a casualty count (现场有200人 / 42人是军人 vs 45人遇难:
    subjects.present_and_casualties), and a count of the kin of people against anyone else's (30名死者家属
    vs 35人死亡: subjects.kin_and_others), the people still sought against the arrested (仍在追捕8名 vs
    11名被逮捕: subjects.sought_and_caught), and two shares of change of
    other periods or bases (一季度 / 上半年, 同比 / 环比: subjects.different_change_frames), or of
    two named things (CPI / 食品价格: subjects.different_changed_things)."""
    return (s1.unit == s2.unit and s1.percent == s2.percent and not (s1.hedged or s2.hedged)
            and not (s1.fractional or s2.fractional) and not (s1.is_total or s2.is_total)
            and s1.conversion == s2.conversion and (s1.breakdown == s2.breakdown or placed_part_meets(s1, s2))
            and s1.series_part == s2.series_part
            and s1.age_span == s2.age_span
            and (s1.whole is None) == (s2.whole is None)
            and not different_days(s1, s2) and not other_persons(s1, s2) and not people_and_things(s1, s2)
            and not other_casualties(s1, s2) and not present_and_casualties(s1, s2) and not kin_and_others(s1, s2)
            and not sought_and_caught(s1, s2)
            and not different_change_frames(s1, s2) and not different_changed_things(s1, s2)
            and not different_places(s1, s2))


def same_reference(s1: Subject, s2: Subject) -> bool:
    """Two distances from one place in one direction ("40 miles north of Kabul", "喀布尔以北
    50公里"): the same measured fact by definition, whatever the values. The development
    comparisons hold no such pair, so the model could not learn it; it is a definition."""
    return bool(s1.anchor and s2.anchor and s1.anchor[0] == s2.anchor[0]
                and _places_meet(frozenset({s1.anchor[1]}), frozenset({s2.anchor[1]})))


def conflicting(s1: Subject, s2: Subject) -> bool:
    """Subjects that name different counted categories or different event types."""
    return bool(s1.family and s2.family and s1.family != s2.family
                or s1.events and s2.events and not (s1.events & s2.events))


def _context(doc: Doc, q) -> set[str]:
    text = doc.simple
    left = text[max(0, q.start - CONTEXT_CHARS):q.start]
    right = text[max(q.end, q.counted_end):max(q.end, q.counted_end) + CONTEXT_CHARS]
    chunk = (left + "|" + right).lower()
    if doc.english:
        return {w for w in chunk.replace("|", " ").split() if len(w) > 2}
    return {chunk[k:k + 2] for k in range(len(chunk) - 1) if "|" not in chunk[k:k + 2]}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def log_ratio(q1, q2, to_open_range: bool = True) -> float:
    """How far apart two figures' values are, in orders of magnitude (capped at 3). A range open
    above (多名, 许多, many: 2..inf) has no value of its own: its distance to a figure is the
    distance to the range, 0 for a figure inside it (40 against 许多), else to its lower bound (it
    was 3, the farthest, so 许多抗议者 never met 40 protesters in aligned sentences). Two open
    ranges stay 3 (they are no finding: findings.quantity). ``to_open_range`` False: 3 for an open
    range (which figure is nearest in value: an open range is no figure's nearest value, else it
    would tie with every value inside it and take "nearest" from a figure's true counterpart)."""
    for a, b in ((q1, q2), (q2, q1)) if to_open_range else ():
        if math.isinf(a.high) and math.isfinite(b.high):
            low, v = abs(a.low * a.factor), abs(b.value * b.factor)
            if v >= low:
                return 0.0
            return min(3.0, math.log10(low / v)) if v > 0 else 3.0
    v1, v2 = abs(q1.value * q1.factor), abs(q2.value * q2.factor)
    if not (math.isfinite(v1) and math.isfinite(v2)) or v1 == 0 or v2 == 0:
        return 3.0
    return min(3.0, abs(math.log10(v1 / v2)))


def features(doc1: Doc, i: int, doc2: Doc, j: int, aligned: float, best: bool, distinguished: bool,
             nearest: bool) -> list[float]:
    q1, q2 = doc1.facts.quantities[i], doc2.facts.quantities[j]
    s1, s2 = doc1.subjects[i], doc2.subjects[j]
    return [
        aligned,
        float(best),
        float(same_subject(s1, s2)),
        float(bool(s1.events & s2.events)),
        float(bool(s1.events and s2.events and not (s1.events & s2.events))),
        float(bool(s1.family and s2.family and s1.family != s2.family)),
        float(bool(s1.kind and s1.kind == s2.kind)),
        float(specific(s1) and specific(s2)),
        float(distinguished),
        _jaccard(_context(doc1, q1), _context(doc2, q2)),
        log_ratio(q1, q2),
        float(compatible(q1, q2)),
        float(nearest),
        float(compatible(q1, q2) and (wordy(q1) or wordy(q2))),
        float(bool(counted_noun(q1)) and counted_noun(q1) == counted_noun(q2)),
    ]


def wordy(q) -> bool:
    """A quantity said in number words only (数十人, 多名, several, dozens, 许多, many): no digit, and a
    vague number word or an unquantified quantifier of the lexicon (comparison.lexicons.quantifiers)."""
    from comparison.lexicons.quantifiers import VAGUE_WORDS_EN, VAGUE_WORDS_ZH

    if q.unquantified:
        return True  # 许多, many: a word of no figure, open above as 多名 is
    text = q.text.lower()
    if any(c.isdigit() for c in text):
        return False
    if any(w in text.split() or " " in w and w in text for w in VAGUE_WORDS_EN):
        return True
    rest = text
    for w in sorted(VAGUE_WORDS_ZH, key=len, reverse=True):
        rest = rest.replace(w, " ")
    # 一千多名 is a number with 多 after it, not a number word: numerals are left once they go.
    return rest != text and not any(c in "零〇一二两三四五六七八九十百千万亿" for c in rest)


@lru_cache(maxsize=1)
def load_model() -> dict:
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def _variant(dense: bool) -> dict:
    """The fit for the alignment in use: its "aligned" feature comes from the dense
    or the lexical sentence model, whose probabilities are spread differently."""
    return load_model()["dense" if dense else "lexical"]


def probabilities(rows: list[list[float]], dense: bool) -> np.ndarray:
    """P(same fact) of each feature row, by the shipped model."""
    if not rows:
        return np.zeros(0)
    model = _variant(dense)
    x = np.asarray(rows, dtype=np.float64)
    z = x @ np.asarray(model["coef"]) + model["intercept"]
    return 1.0 / (1.0 + np.exp(-z))


def threshold(dense: bool) -> float:
    return float(_variant(dense)["threshold"])
