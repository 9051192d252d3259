"""Quantity producer: figures about the same counted thing and event, across outlets.

Two figures are compared only when their subjects match (same category family,
same event type, same unit dimension: 40 miles vs 50 km are both lengths) and
either their sentences align or both subjects are specific enough to compare
story-wide. Values are compared in the dimension's base unit.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from comparison import figure_pairs
from comparison.docs import (
    Doc,
    alike_vague,
    compatible,
    dated,
    estimate,
    fmt,
    fmt_pair,
    ranges_overlap,
    span,
    width,
)
from comparison.findings import Context
from comparison.lexicons.categories import PEOPLE_FAMILIES
from comparison.lexicons.quantifiers import VAGUE_WORDS_EN, VAGUE_WORDS_ZH
from comparison.model import Finding, Span
from comparison.numbers import Quantity, counted_noun, names_no_figure
from comparison.report_times import apart, is_update, running_count, timed
from comparison.subjects import (
    CASUALTY_EVENTS,
    Subject,
    framing_difference,
    is_measure,
    same_change,
    same_subject,
    span_against_a_day_inside,
    specific,
)
from comparison.text import to_simplified

# Each figure is weighed against at most this many best-aligned figures of another article.
MAX_CANDIDATES = 6


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    if ctx.same_outlet is None:
        ctx.same_outlet = same_outlet_pairs(ctx.docs, ctx.score, ctx.threshold, ctx.sim.dense)
    return _number_findings(ctx.docs, ctx.score, ctx.threshold, ctx.sim.dense, ctx.same_outlet)


def later_report(doc1: Doc, doc2: Doc) -> bool:
    """Is ``doc2`` a later report of ``doc1``'s outlet (its edition, published later)?"""
    return doc1.edition == doc2.edition and doc2.article.published > doc1.article.published


def same_outlet_pairs(docs: list[Doc], sentence_score, threshold: float, dense: bool
                      ) -> list[tuple[int, int, int, int]]:
    """(d, i, d2, j): figure i of report d and figure j of a later report d2 of the same outlet
    report one fact (the pairing of :func:`_pairs_reporting_one_fact`). Figure i is superseded:
    the outlet's own later report restates or updates it (comparison.report_times)."""
    out = []
    for d1, doc1 in enumerate(docs):
        for d2, doc2 in enumerate(docs):
            if d1 != d2 and later_report(doc1, doc2):
                out += [(d1, i, d2, j)
                        for i, j in _pairs_reporting_one_fact(doc1, d1, doc2, d2, sentence_score, threshold, dense)]
    return out


def _number_findings(docs: list[Doc], sentence_score, threshold: float, dense: bool,
                     same_outlet: list[tuple[int, int, int, int]] = ()) -> list[Finding]:
    """Pair figures about the same counted thing and event across outlets. A figure an outlet's
    later report restates or updates (``same_outlet``) is set only against the figures of reports
    of about its own time: at other times the outlet's later figure speaks for it."""
    merged: dict[tuple, Finding] = {}
    alsos: dict[tuple, list[str]] = {}  # each merged key's pairs, as "also" shows them
    paired: set[tuple[int, int]] = set()  # (doc, quantity index) that found a counterpart
    superseded = {(d, i) for d, i, _d2, _j in same_outlet}
    paired |= superseded | {(d2, j) for _d, _i, d2, j in same_outlet}
    restated = restated_beside_change(docs, same_outlet)

    for d1, doc1 in enumerate(docs):
        for d2 in range(d1 + 1, len(docs)):
            doc2 = docs[d2]
            if doc1.group == doc2.group:
                continue
            if later_report(doc1, doc2) or later_report(doc2, doc1):
                continue  # one outlet's reports of two times: its updates (comparison.findings.updates)
            for i, j in _pairs_reporting_one_fact(doc1, d1, doc2, d2, sentence_score, threshold, dense):
                q1, q2 = doc1.facts.quantities[i], doc2.facts.quantities[j]
                s1, s2 = doc1.subjects[i], doc2.subjects[j]
                paired.add((d1, i))
                paired.add((d2, j))
                if ((d1, i) in superseded or (d2, j) in superseded) and apart(doc1, doc2):
                    continue
                if (d1, i) in restated or (d2, j) in restated:
                    continue  # the outlet's own earlier figure, told again beside its update
                finding = _classify_pair(doc1, q1, s1, doc2, q2, s2)
                if finding is None:
                    continue
                # A measure with no event is told apart by what it measures (a distance and a
                # magnitude in one sentence pair are two findings, not one).
                event = "/".join(sorted(s1.events & s2.events)) or s1.family or s2.family or (
                    s1.unit if is_measure(s1) else "")
                # One finding per kind, article pair and event: "deaths: 3 (and 2) vs 4"; and
                # one per pair of values, thing counted or measured and shared event words, a
                # pair with none joining the one happening of its values afterwards
                # (_fold_eventless).
                what = s1.family or s2.family or (s1.unit if is_measure(s1) else "")
                key = (finding.kind, d1, d2, event) if finding.kind == "contradiction" else (
                    finding.kind, d1, d2, q1.low, q1.high, q2.low, q2.high, what, frozenset(s1.events & s2.events))
                f1, f2 = fmt_pair(q1, q2)
                also = f"{f1}{dated(doc1, s1)} vs {f2}{dated(doc2, s2)}"
                alsos.setdefault(key, []).append(also)
                if key in merged:
                    if also not in merged[key].why:
                        merged[key].why += f"; also {also}"
                    _add_spans(merged[key], finding.spans)
                else:
                    merged[key] = finding
                    if is_measure(s1):
                        verb = _verb_framing(doc1, q1, doc2, q2)
                        if verb is not None:
                            merged[("verb",) + key] = verb
    _fold_eventless(merged, alsos)
    findings = list(merged.values())
    # Figures no other outlet reports (about a specific thing or event).
    for d, doc in enumerate(docs):
        for i, (q, s) in enumerate(zip(doc.facts.quantities, doc.subjects, strict=True)):
            if (d, i) in paired or s.is_total or not (s.family or s.events) or q.percent and not s.events or (
                    names_no_figure(q)):  # (许多抗议者, 多名抗议者, several protesters alone: no figure to list)
                continue
            findings.append(Finding(
                kind="unique", fact_type="number",
                why=f"only {doc.label} reports {fmt(q)} {q.counted}".strip() + dated(doc, s),
                spans=[span(doc, q.start, max(q.end, q.counted_end))],
                subject=to_simplified(q.counted),
            ))
    return findings


def restated_beside_change(docs: list[Doc], same_outlet: list[tuple[int, int, int, int]]) -> set[tuple[int, int]]:
    """(d2, k): figures of a later report that restate a figure of their outlet's earlier report
    (compatible values) while the same later report changes it (another figure of one fact with it,
    incompatible): 路透社说至少10人死亡 at 06:00, then 路透社说至少10人死亡。法新社最新报道13人死亡 at
    11:00. The outlet updated its figure and tells the earlier one again, whatever voices it credits
    them to (two voices in one report are otherwise its sources' disagreement, each compared:
    :func:`_distinguished`); the earlier figure is superseded, not set against other outlets'
    figures (was: 至少10人 vs another outlet's 13人, a contradiction). One pass over the pairs."""
    by_earlier: dict[tuple[int, int, int], list[int]] = {}
    for d, i, d2, j in same_outlet:
        by_earlier.setdefault((d, i, d2), []).append(j)
    out: set[tuple[int, int]] = set()
    for (d, i, d2), js in by_earlier.items():
        qe, later = docs[d].facts.quantities[i], docs[d2].facts.quantities
        kept = [j for j in js if compatible(qe, later[j])]
        if kept and len(kept) < len(js):
            out.update((d2, j) for j in kept)
    return out


def candidate_pairs(doc1: Doc, d1: int, doc2: Doc, d2: int, sentence_score) -> list[tuple[int, int, float]]:
    """(i, j, sentence score) of the figures of two articles that can be compared at all:
    each figure's MAX_CANDIDATES best-aligned partners (bounded cost on number lists)."""
    by_first: dict[int, list[tuple[float, int]]] = {}
    by_second: dict[int, list[tuple[float, int]]] = {}
    # Sentences and their pair scores are read once: a list of numbers puts hundreds of
    # figures in one sentence (bounded cost, issue 12).
    sentences2 = [doc2.sentence_at(q.start) for q in doc2.facts.quantities]
    scores: dict[tuple[int, int], float] = {}
    for i, (q1, s1) in enumerate(zip(doc1.facts.quantities, doc1.subjects, strict=True)):
        k1 = doc1.sentence_at(q1.start)
        for j, s2 in enumerate(doc2.subjects):
            if not figure_pairs.candidate(s1, s2):
                continue
            key = (k1, sentences2[j])
            score = scores.get(key)
            if score is None:
                score = scores[key] = sentence_score(d1, k1, d2, sentences2[j])
            by_first.setdefault(i, []).append((score, j))
            by_second.setdefault(j, []).append((score, i))
    kept: dict[tuple[int, int], float] = {}
    for i, options in by_first.items():
        for score, j in sorted(options, reverse=True)[:MAX_CANDIDATES]:
            kept[(i, j)] = score
    for j, options in by_second.items():
        for score, i in sorted(options, reverse=True)[:MAX_CANDIDATES]:
            kept[(i, j)] = score
    return [(i, j, score) for (i, j), score in kept.items()]


def _pairs_reporting_one_fact(doc1: Doc, d1: int, doc2: Doc, d2: int, sentence_score, threshold: float,
                              dense: bool):
    """The figure pairs that report one fact. Equal values: the subject rules and the
    alignment (they agree, or differ in wording). Different values: the fitted
    figure-pair model (comparison.figure_pairs), since a wrong pair is a false contradiction."""
    chosen, pending, rows = figure_rows(doc1, d1, doc2, d2, sentence_score, threshold)
    if rows:
        cut = figure_pairs.threshold(dense)
        probabilities = figure_pairs.probabilities(rows, dense)
        likely = [(pair, p) for pair, p in zip(pending, probabilities, strict=True) if p >= cut]
        chosen += _one_counterpart_per_vague_word(doc1, doc2, likely)
    return chosen


_VAGUE_WORD_OPENINGS = tuple(VAGUE_WORDS_ZH) + tuple(VAGUE_WORDS_EN)


def _vague_word(q: Quantity) -> bool:
    """A count said with a vague number word and no numeral of its own (数十人, 上千, 多名, 几位;
    several, dozens: lexicons.quantifiers.VAGUE_WORDS_ZH/_EN, the few words)."""
    if names_no_figure(q):
        return True
    text = to_simplified(q.text).strip().lower()
    if any(c.isdigit() for c in text):
        return False
    opening = max((w for w in _VAGUE_WORD_OPENINGS if text.startswith(w)), key=len, default="")
    # (a numeral after the word makes it a qualifier of that numeral, no vague word: 多达三千人 "as
    # many as 3,000"; a magnitude right after it is still the word's, 上千万)
    rest = text[len(opening):].lstrip(_MAGNITUDES_ZH)
    return bool(opening) and not any(c in _NUMERALS_ZH for c in rest)


_NUMERALS_ZH = "零〇一二两三四五六七八九十百千万亿"
_MAGNITUDES_ZH = "万亿"


def _one_counterpart_per_vague_word(doc1: Doc, doc2: Doc, likely: list) -> list[tuple[int, int]]:
    """The pairs of ``likely`` ((i, j), probability), in their order, a vague word keeping only
    its most probable counterpart in the other article. 数十人 against one outlet's 40 dead in
    one city and 27 in another is one vague total against a breakdown: each pair was a finding,
    the same vague word set against another figure; the figure-pair model's best one stands."""
    used, kept = set(), set()
    for (i, j), _p in sorted(likely, key=lambda item: -item[1]):
        keys = [k for k, vague in ((("a", i), _vague_word(doc1.facts.quantities[i])),
                                   (("b", j), _vague_word(doc2.facts.quantities[j]))) if vague]
        if not any(k in used for k in keys):
            used.update(keys)
            kept.add((i, j))
    return [pair for pair, _p in likely if pair in kept]


def figure_rows(doc1: Doc, d1: int, doc2: Doc, d2: int, sentence_score, threshold: float):
    """(equal-value pairs that report one fact, different-value pairs, their model features)."""
    candidates = candidate_pairs(doc1, d1, doc2, d2, sentence_score)
    best_first: dict[int, float] = {}
    best_second: dict[int, float] = {}
    for i, j, score in candidates:
        best_first[i] = max(best_first.get(i, -1.0), score)
        best_second[j] = max(best_second.get(j, -1.0), score)
    nearest_first: dict[int, float] = {}
    nearest_second: dict[int, float] = {}
    for i, j, _score in candidates:
        if figure_pairs.conflicting(doc1.subjects[i], doc2.subjects[j]):
            continue  # the nearest value among figures that could be about the same thing
        ratio = figure_pairs.log_ratio(doc1.facts.quantities[i], doc2.facts.quantities[j], to_open_range=False)
        nearest_first[i] = min(nearest_first.get(i, 9.0), ratio)
        nearest_second[j] = min(nearest_second.get(j, 9.0), ratio)
    chosen, rows, pending = [], [], []
    parts1, parts2 = group_parts(doc1), group_parts(doc2)
    ranges1, ranges2 = _Ranges.of(doc1), _Ranges.of(doc2)
    voices1, voices2 = figure_voices(doc1), figure_voices(doc2)
    for i, j, score in candidates:
        q1, q2 = doc1.facts.quantities[i], doc2.facts.quantities[j]
        s1, s2 = doc1.subjects[i], doc2.subjects[j]
        if q1.base_low == q2.base_low and q1.base_high == q2.base_high:
            # Generic counts ("152人") need aligned sentences; specific ones may be compared story-wide.
            if (same_subject(s1, s2) or same_change(s1, s2)) and (
                    score >= threshold or (specific(s1) and specific(s2))):
                chosen.append((i, j))
            continue
        if figure_pairs.same_reference(s1, s2):
            chosen.append((i, j))
            continue
        if span_against_a_day_inside(s1, s2):
            continue  # a total over a span of days and one day's count inside it: two facts
        if i in parts1 and _all_people(s2) or j in parts2 and _all_people(s1):
            continue  # one group's count of a breakdown against everyone's: a part and its whole
        distinguished = not compatible(q1, q2) and (
            _distinguished(doc1, ranges1, i, doc2, j, voices1) or _distinguished(doc2, ranges2, j, doc1, i, voices2))
        if distinguished:
            continue  # one outlet reports both values as two counts: two facts (a definition since session 23)
        best = score >= best_first[i] or score >= best_second[j]
        ratio = figure_pairs.log_ratio(q1, q2, to_open_range=False)
        nearest = (not figure_pairs.conflicting(s1, s2)
                   and ratio <= nearest_first[i] and ratio <= nearest_second[j])
        rows.append(figure_pairs.features(doc1, i, doc2, j, score, best, distinguished, nearest))
        pending.append((i, j))
    return chosen, pending, rows


def _all_people(s: Subject) -> bool:
    """A count of people of no group (17人, "17 people"): whoever was counted."""
    return s.generic_people and not s.family


def group_parts(doc: Doc) -> set[int]:
    """The figures of ``doc`` that count one group of people of a breakdown by group: the article
    counts another group in the same sentence (42名军人和3名平民), for the same event (42名军人遇难
    ... 2位平民罹难), or among the casualties at all (42名军人遇难 ... 4位平民受伤: its casualties
    are told by group). Against another outlet's count of people of no group (45人遇难, 40多人受伤)
    with another value, such a figure is a part of that whole, no contradiction (were: 45人 vs
    42名军人, 17人 vs 2位平民, 40多人 vs 4位平民). One pass over the figures."""
    by_sentence: dict[int, set[str]] = {}
    by_event: dict[str, set[str]] = {}
    for q, s in zip(doc.facts.quantities, doc.subjects, strict=True):
        if s.family in PEOPLE_FAMILIES:
            by_sentence.setdefault(doc.sentence_at(q.start), set()).add(s.family)
            for event in s.events:
                by_event.setdefault(event, set()).add(s.family)
    casualty_groups = {f for event, families in by_event.items() if event in CASUALTY_EVENTS for f in families}
    return {i for i, (q, s) in enumerate(zip(doc.facts.quantities, doc.subjects, strict=True))
            if s.family in PEOPLE_FAMILIES and (len(by_sentence[doc.sentence_at(q.start)]) > 1 or any(
                len(by_event[event]) > 1 for event in s.events) or (
                s.events & CASUALTY_EVENTS and len(casualty_groups) > 1))}


class _Ranges:
    """An article's figures as arrays (base-unit ranges and unit factors), so testing one
    figure against all of them is one vectorized step: :func:`compatible`, row-wise."""

    def __init__(self, low: np.ndarray, high: np.ndarray, factor: np.ndarray):
        self.low, self.high, self.factor = low, high, factor

    @classmethod
    def of(cls, doc: Doc) -> _Ranges:
        qs = doc.facts.quantities
        return cls(np.array([q.base_low for q in qs], dtype=float), np.array([q.base_high for q in qs], dtype=float),
                   np.array([q.factor for q in qs], dtype=float))

    def compatible_with(self, q: Quantity) -> np.ndarray:
        """Per figure: does its range overlap ``q``'s (:func:`compatible`, row-wise)?"""
        return ranges_overlap(self.low, self.high, self.factor, q.base_low, q.base_high, q.factor)


def _distinguished(doc_a: Doc, ranges_a: _Ranges, i: int, doc_b: Doc, j: int,
                   voices_a: list[str | None] | None = None) -> bool:
    """Does outlet A report, besides figure i, another figure that matches B's j
    and differs from i? Then A treats them as two different counts, unless A credits the two
    figures to two different voices (路透社说至少10人死亡 … 据法新社报道13人死亡): then A reports
    its sources' disagreement over one count, and i still differs from B's j. ``voices_a``:
    :func:`figure_voices` of A."""
    qa, qb, sb = doc_a.facts.quantities[i], doc_b.facts.quantities[j], doc_b.subjects[j]
    others = ranges_a.compatible_with(qb) & ~ranges_a.compatible_with(qa)
    others[i] = False
    voices_a = voices_a or [None] * len(doc_a.facts.quantities)
    return any(same_subject(doc_a.subjects[k], sb) and not _other_voices(voices_a[i], voices_a[k])
               for k in np.flatnonzero(others).tolist())


def _other_voices(a: str | None, b: str | None) -> bool:
    """Two voices, not one written two ways (警方 / 当地警方 / 警方发言人, "police" / "a police
    spokesman": :func:`comparison.findings.attribution.same_voice`; agencies are already one name
    each, 路透 / 路透社 / Reuters)."""
    return a is not None and b is not None and a != b and not _one_voice(a, b)


@lru_cache(maxsize=4096)
def _one_voice(a: str, b: str) -> bool:
    from comparison.findings.attribution import same_voice

    return same_voice(a, b)


def figure_voices(doc: Doc) -> list[str | None]:
    """The voice (``Attribution.who``) ``doc`` credits each figure to, by figure index: the nearest
    voice before the figure in its sentence (美联社说10人死亡，法新社则说13人: 10 is 美联社's, 13
    法新社's; 据路透社报道，警方说10人: the relayed 警方's), else the first after it there ("10 were
    killed, Reuters said"); None in a sentence crediting no one. One binary search per figure."""
    import bisect

    attributions = sorted(doc.facts.attributions, key=lambda a: a.start)
    starts = [a.start for a in attributions]
    voices: list[str | None] = []
    for q in doc.facts.quantities:
        k, at = doc.sentence_at(q.start), bisect.bisect_left(starts, q.start)
        before = attributions[at - 1] if at > 0 else None
        after = attributions[at] if at < len(attributions) else None
        if k >= 0 and before is not None and doc.sentence_at(before.start) == k:
            voices.append(before.who)
        elif k >= 0 and after is not None and doc.sentence_at(after.start) == k:
            voices.append(after.who)
        else:
            voices.append(None)
    return voices


def _fold_eventless(merged: dict[tuple, Finding], alsos: dict[tuple, list[str]]) -> None:
    """Fold a finding of a pair of values with no shared event word into the one finding of the
    same kind, articles and values that has one: a title's 至少五人 vs 5名 (arrested) and the
    body's 至少五人 vs 5人 are one difference, shown once with all its places (of one thing
    counted or measured: a distance and a magnitude of equal values stay two). Where two
    happenings have those values (at least five dead and at least five injured against five and
    five) the eventless pair joins neither: either would show it under the wrong happening.
    One pass over the keys (a dict by values)."""
    by_values: dict[tuple, list[tuple]] = {}
    for key in merged:
        if key[0] != "contradiction" and len(key) == 9:
            by_values.setdefault(key[:8], []).append(key)
    for keys in by_values.values():
        eventless = [k for k in keys if not k[8]]
        eventful = [k for k in keys if k[8]]
        if len(eventless) != 1 or len(eventful) != 1:
            continue
        source, target = merged.pop(eventless[0]), merged[eventful[0]]
        for also in alsos[eventless[0]]:
            if also not in target.why:
                target.why += f"; also {also}"
        _add_spans(target, source.spans)
        verb = merged.pop(("verb",) + eventless[0], None)
        if verb is not None and ("verb",) + eventful[0] not in merged:
            merged[("verb",) + eventful[0]] = verb


def _add_spans(finding: Finding, spans: list[Span]) -> None:
    have = {(s.article_id, s.start, s.end) for s in finding.spans}
    for s in spans:
        if (s.article_id, s.start, s.end) not in have:
            finding.spans.append(s)


# Counted nouns too general to call another outlet's noun a rewording (5人 vs 5名平民 is a vaguer
# noun, not another name for the same people).
_PLAIN_COUNTED = ("人", "名", "人士", "人员", "people", "person", "persons", "individuals")


def counted_wording(q1: Quantity, q2: Quantity) -> str:
    """The same figure counting other nouns, '中国工人 vs 中国公民' (九名中国工人 vs 九名中国公民;
    两名巴基斯坦士兵 vs 两名准军事安全人员; 20,000 troops vs 20,000 reservists), else ''. Not a
    measure word that is the noun (152人), nor one noun inside the other (士兵 vs 巴基斯坦士兵:
    one is vaguer), nor nouns of two languages."""
    a, b = (counted_noun(q) for q in (q1, q2))
    if not a or not b or a.isascii() != b.isascii() or a in b or b in a:
        return ""
    if a in _PLAIN_COUNTED or b in _PLAIN_COUNTED:
        return ""
    head_a, head_b = _people_head(a), _people_head(b)
    # Two different words for people, each a word of its own (工人 vs 公民, workers vs citizens),
    # not a bare suffix (死者 vs 遇难者, 员工 vs 雇员: synonyms ending alike or otherwise).
    if not head_a or not head_b or head_a == head_b:
        return ""
    return f"{q1.counted.strip()} vs {q2.counted.strip()}"


@lru_cache(maxsize=1)
def _people_heads() -> tuple[str, ...]:
    from comparison.lexicons.categories import COUNTED_FAMILIES, GENERIC_PEOPLE, PEOPLE_FAMILIES

    family_words = (w for f in PEOPLE_FAMILIES for words in COUNTED_FAMILIES[f].values() for w in words)
    return tuple({*GENERIC_PEOPLE, *family_words})


def _people_head(noun: str) -> str:
    """The word for people a counted noun ends with (中国工人: 工人; troops), of two characters or
    more in Chinese; '' when none (涉嫌暗杀海地总统, 遭警方大搜捕: a phrase the reader cut
    elsewhere) or only a one-character suffix (者, 员)."""
    if noun.isascii():
        last = noun.split()[-1] if noun.split() else ""
        return next((h.lower() for h in _people_heads() if h.isascii() and last in (h.lower(), h.lower()[:-1])), "")
    heads = [h for h in _people_heads() if not h.isascii() and len(h) >= 2 and noun.endswith(h)]
    return max(heads, key=len, default="")




def _within(inner: Quantity, outer: Quantity) -> bool:
    """Does ``inner``'s range lie inside ``outer``'s (in the base unit)?"""
    return outer.base_low <= inner.base_low and inner.base_high <= outer.base_high


def what_is_counted(q1: Quantity, s1: Subject, q2: Quantity, s2: Subject) -> tuple[str, str]:
    """(the thing two figures count, with their shared events: "人 (killed)")."""
    what = s1.keyword or s2.keyword or to_simplified(q1.counted or q2.counted) or q1.dimension
    if s1.anchor:
        what = f"distance from {s1.anchor[2]}"
    elif s1.depth:
        what = "depth"
    events = "/".join(sorted(s1.events & s2.events))
    return what, f"{what} ({events})" if events else what


def _classify_pair(doc1: Doc, q1: Quantity, s1: Subject, doc2: Doc, q2: Quantity, s2: Subject) -> Finding | None:
    spans = [span(doc1, q1.start, max(q1.end, q1.counted_end)), span(doc2, q2.start, max(q2.end, q2.counted_end))]
    what, about = what_is_counted(q1, s1, q2, s2)
    f1, f2 = fmt_pair(q1, q2)
    a, b = f"{doc1.label}: {f1}{dated(doc1, s1)}", f"{doc2.label}: {f2}{dated(doc2, s2)}"
    framing = framing_difference(s1, s2)
    if (q1.unquantified or q2.unquantified) and (not compatible(q1, q2) or math.isinf(q1.high) and math.isinf(q2.high)):
        # 许多抗议者 says "more than one": never a contradiction, and against another word of no
        # figure (大批, 多名, "many") no finding (lexicons.quantifiers.UNQUANTIFIED_ZH)
        return None
    if not compatible(q1, q2):
        if is_update(doc1, q1, s1, doc2, q2, s2):
            return _update_finding(doc1, q1, s1, doc2, q2, s2, about, spans, what)
        return Finding("contradiction", "number", f"incompatible figures for {about}: {a} vs {b}", spans, what)
    if q1.low == q2.low and q1.high == q2.high:
        if not framing and not (s1.family and (s1.family, s1.kind) == (s2.family, s2.kind)):
            framing = counted_wording(q1, q2)  # (a lexicon's synonyms, 嫌疑人 and 歹徒, are no rewording)
        if framing:
            return Finding("framing", "number", f"same figure, different category: {framing} ({a}; {b})", spans, what)
        return Finding("agree", "number", f"same figure for {about}: {a}; {b}", spans, what)
    if framing:
        return Finding("framing", "number", f"compatible figures, different category: {framing} ({a}; {b})", spans, what)
    if (q1.vague != q2.vague or width(q1) != width(q2)) and not alike_vague(q1, q2):
        e1, e2 = estimate(q1), estimate(q2)
        if e1 and e2 and not (_within(q1, q2) or _within(q2, q1)):
            # 大约六十名 vs 约70名: two estimates that overlap, neither inside the other: no
            # outlet is the vaguer one. (Two figures vague only by the rounding of their digits,
            # 37.6% vs 37.55%, are no estimates: the one written to fewer places is the vaguer.)
            return Finding("precision", "number",
                           f"compatible figures for {about}, two estimates of other values: {a} vs {b}", spans, what)
        # An estimate against a plain figure is the vaguer one (近百 vs a round 100); else the wider.
        first_vaguer = e1 and not e2 or e1 == e2 and width(q1) > width(q2)
        vaguer = doc1.label if first_vaguer else doc2.label
        return Finding("precision", "number", f"compatible figures for {about}, {vaguer} is vaguer: {a} vs {b}", spans, what)
    return Finding("agree", "number", f"compatible figures for {about}: {a}; {b}", spans, what)



def _update_finding(doc1: Doc, q1: Quantity, s1: Subject, doc2: Doc, q2: Quantity, s2: Subject,
                    about: str, spans: list[Span], what: str) -> Finding:
    """"incompatible figures ..., perhaps an update: later 16 (08:20) vs earlier 15 (03:10)": two
    outlets' reports of other times (comparison.report_times), the figures of a running count or
    a later count above an earlier lower bound. The values are incompatible, so it stays a
    contradiction (the annotation rule the evaluation follows: different values of one slot);
    the text says which report is later, so a reader sees a toll that rose."""
    (de, qe, se), (dl, ql, sl) = sorted(((doc1, q1, s1), (doc2, q2, s2)), key=lambda p: p[0].article.published)
    why = ("a running count, reported hours apart" if running_count(s1, s2)
           else "a count above an earlier lower bound, reported hours apart")
    if ql.base_high < qe.base_low:
        why += ", lower in the later report"  # (the missing: a count of the moment)
    fl, fe = fmt_pair(ql, qe)
    return Finding("contradiction", "number",
                   f"incompatible figures for {about}, perhaps an update ({why}): later "
                   f"{timed(dl, de, fl + dated(dl, sl))} vs earlier {timed(de, dl, fe + dated(de, se))}",
                   spans, what)


def _claim_at(doc: Doc, offset: int):
    import bisect

    n = bisect.bisect_right([c.start for c in doc.claims], offset) - 1
    return doc.claims[n] if n >= 0 else None


def _verb_framing(doc1: Doc, q1: Quantity, doc2: Doc, q2: Quantity) -> Finding | None:
    """The same measured fact (the base 40 miles / 50 km north of Kabul) with the
    act worded as another event type: "seized" vs "handed over" (framing)."""
    found = []
    for doc, q in ((doc1, q1), (doc2, q2)):
        sentence = doc.sentence_at(q.start)
        events = [c.predicate for c in doc.claims if c.sentence == sentence and c.predicate]
        if len({p.value for p in events}) != 1:
            return None
        found.append((doc, events[0]))
    (da, pa), (db, pb) = found
    if pa.value == pb.value:
        return None
    return Finding("framing", "statement",
                   f"the same act worded as {pa.value} (“{pa.text}”, {da.label}) vs {pb.value} "
                   f"(“{pb.text}”, {db.label})",
                   [span(da, pa.start, pa.end), span(db, pb.start, pb.end)], pa.text)
