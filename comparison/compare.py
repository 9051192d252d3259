"""Compare the articles of one story: facts side by side, discrepancies, unique facts."""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from articles.model import Article
from comparison.align import MIN_ALIGN_CHARS, align_articles, similarity_model
from comparison.extract import Facts, extract_all, same_entity
from comparison.model import Comparison, Finding, Span
from comparison.numbers import Quantity
from comparison.subjects import Subject, framing_difference, same_subject, specific, subject_of
from comparison.text import Sentence, split_sentences, to_simplified

log = logging.getLogger(__name__)

# Bump when extraction or classification changes: cached comparisons are redone.
COMPARISON_VERSION = "2"

# Descriptors outlets use for armed groups; differing ones in the same slot are
# reported in the naming table (激进分子/反叛分子 vs 武装分子).
ACTOR_DESCRIPTORS = (
    "激进分子", "反叛分子", "叛乱分子", "武装分子", "极端分子", "恐怖分子", "分裂分子", "反叛武装",
    "叛军", "武装人员", "战斗人员", "武装人士", "战士", "民兵", "雇佣兵", "雇佣军", "反政府武装",
    "叛乱者", "起义者", "暴徒", "示威者", "抗议者", "政权", "当局",
)
# Known armed groups/actors the descriptors attach to.
KNOWN_ACTORS = ("塔利班", "伊斯兰国", "哈马斯", "真主党", "胡塞", "基地组织", "青年党", "缅甸军方", "军政府")
# Name prefixes whose choice is itself a framing (the same embassy, the same state).
LOADED_PREFIXES = {frozenset({"中华民国", "台湾"}), frozenset({"中共", "中国"}),
                   frozenset({"大陆", "中国"}), frozenset({"北京", "中国"})}


@dataclass
class _Doc:
    article: Article
    group: int
    label: str
    sentences: list[Sentence]
    facts: Facts
    subjects: list[Subject] = field(default_factory=list)

    def sentence_at(self, offset: int) -> int:
        for k, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return k
        return -1


def _span(doc: _Doc, start: int, end: int) -> Span:
    return Span(doc.article.id, start, end, doc.article.text[start:end])


def _fmt(q: Quantity) -> str:
    if q.percent:
        return q.text.strip()
    if q.low == q.high:
        return f"{q.text.strip()} (= {q.low:g})"
    high = "∞" if math.isinf(q.high) else f"{q.high:g}"
    return f"{q.text.strip()} (≈ {q.low:g}–{high})"


def _compatible(a: Quantity, b: Quantity) -> bool:
    return a.low <= b.high and b.low <= a.high


def _width(q: Quantity) -> float:
    return math.inf if math.isinf(q.high) else q.high - q.low


@lru_cache(maxsize=1)
def _default_backend():
    try:
        import embeddings

        return embeddings.get_backend()
    except Exception as exc:  # no embeddings package or no model: lexical alignment only
        log.info("no dense backend for sentence alignment (%s); lexical only", exc)
        return None


def compare(articles: list[Article], backend=None, use_dense: bool = True) -> Comparison:
    """Compare 2+ articles of one story (any outlets, either script).

    ``backend``: an ``EmbeddingBackend`` for dense sentence alignment; None uses
    ``embeddings.get_backend()`` when ``use_dense`` (falling back to lexical
    alignment when no model loads).
    """
    articles = list({a.id: a for a in articles}.values())
    if backend is None and use_dense:
        backend = _default_backend()
    elif not use_dense:
        backend = None
    docs = _build_docs(articles)
    findings: list[Finding] = []
    if len(docs) < 2:
        return Comparison(article_ids=[a.id for a in articles], findings=[],
                          naming=[], sources=_sources_by_outlet(docs), quotes=_quotes(docs))

    # Sentence alignment across outlet groups.
    flat: list[tuple[int, int]] = [(d, k) for d, doc in enumerate(docs) for k in range(len(doc.sentences))]
    texts = [docs[d].sentences[k].text for d, k in flat]
    sim = similarity_model(texts, backend)
    index_of = {pair: i for i, pair in enumerate(flat)}
    counterparts = align_articles(
        [d for d, _ in flat], [docs[d].group for d, _ in flat], [len(t) for t in texts], sim
    )
    aligned: dict[tuple[int, int], dict[int, tuple[int, float]]] = defaultdict(dict)
    for i, matches in counterparts.items():
        d, k = flat[i]
        for j, score in matches:
            d2, k2 = flat[j]
            aligned[(d, k)][d2] = (k2, score)

    def sentence_score(d1: int, k1: int, d2: int, k2: int) -> float:
        if k1 < 0 or k2 < 0:
            return 0.0
        return sim(index_of[(d1, k1)], index_of[(d2, k2)])

    findings += _number_findings(docs, sentence_score, sim.threshold)
    findings += _date_findings(docs, aligned, sim.threshold)
    findings += _statement_findings(docs, aligned)
    findings += _quote_findings(docs)
    findings += _source_findings(docs)
    entity_findings, naming = _entity_findings_and_naming(docs, aligned)
    findings += entity_findings
    # How close each sentence comes to any other outlet's (1 = at the alignment
    # threshold): unique facts on the story's shared topic rank above asides.
    groups = np.array([docs[d].group for d, _ in flat])
    other = groups[:, None] != groups[None, :]
    closeness = np.where(other, sim.matrix, 0.0).max(axis=1) if len(flat) else np.zeros(0)
    relevance = {pair: min(1.0, float(closeness[i]) / sim.threshold) for pair, i in index_of.items()}
    _rank_unique(docs, findings, relevance)
    order = {"contradiction": 0, "precision": 1, "framing": 2, "agree": 3, "unique": 4}
    label_of = {doc.article.id: doc.label for doc in docs}

    def sort_key(f: Finding) -> tuple:
        if f.kind != "unique":
            return (order.get(f.kind, 9), False, "", 0.0, f.fact_type)
        # Unique findings: headline ones first, grouped per outlet, most salient first.
        outlet = label_of.get(f.spans[0].article_id, "") if f.spans else ""
        return (order["unique"], f.minor, outlet, -f.salience, f.fact_type)

    findings.sort(key=sort_key)
    return Comparison(
        article_ids=[doc.article.id for doc in docs],
        findings=findings,
        naming=naming,
        sources=_sources_by_outlet(docs),
        quotes=_quotes(docs),
    )


def _build_docs(articles: list[Article]) -> list[_Doc]:
    outlets = sorted({a.outlet for a in articles})
    one_outlet = len(outlets) == 1
    docs: list[_Doc] = []
    for n, a in enumerate(articles):
        text = a.text
        group = n if one_outlet else outlets.index(a.outlet)
        same = [b for b in articles if b.outlet == a.outlet]
        label = a.outlet if len(same) == 1 else f"{a.outlet} ({a.published:%m-%d %H:%M})"
        facts = extract_all(text, a.published)
        doc = _Doc(a, group, label, split_sentences(text, a.language or "zh"), facts)
        places = {to_simplified(e.text) for e in facts.entities if e.kind in ("LOC", "ORG")}
        qs = facts.quantities
        doc.subjects = [
            subject_of(q, text, places, (
                qs[n - 1].end if n > 0 else 0,
                qs[n + 1].start if n + 1 < len(qs) else len(text),
            ), facts.dates)
            for n, q in enumerate(qs)
        ]
        docs.append(doc)
    return docs


# ------------------------------------------------------------------ numbers --
def _number_findings(docs: list[_Doc], sentence_score, threshold: float) -> list[Finding]:
    """Pair figures about the same counted thing and event across outlets."""
    merged: dict[tuple, Finding] = {}
    paired: set[tuple[int, int]] = set()  # (doc, quantity index) that found a counterpart

    for d1, doc1 in enumerate(docs):
        for d2 in range(d1 + 1, len(docs)):
            doc2 = docs[d2]
            if doc1.group == doc2.group:
                continue
            candidates = []
            for i, (q1, s1) in enumerate(zip(doc1.facts.quantities, doc1.subjects, strict=True)):
                k1 = doc1.sentence_at(q1.start)
                for j, (q2, s2) in enumerate(zip(doc2.facts.quantities, doc2.subjects, strict=True)):
                    if not same_subject(s1, s2):
                        continue
                    k2 = doc2.sentence_at(q2.start)
                    score = sentence_score(d1, k1, d2, k2)
                    # Generic counts ("152人") need aligned sentences; specific ones
                    # (囚犯 who escaped, deaths) may be compared story-wide.
                    if score < threshold and not (specific(s1) and specific(s2)):
                        continue
                    bonus = 0.2 * len(s1.events & s2.events) + (0.2 if s1.kind and s1.kind == s2.kind else 0)
                    candidates.append((score + bonus, i, j))
            best_for: dict[tuple[int, int], float] = {}
            for score, i, j in candidates:
                best_for[(1, i)] = max(best_for.get((1, i), -1), score)
                best_for[(2, j)] = max(best_for.get((2, j), -1), score)
            for score, i, j in sorted(candidates, reverse=True):
                q1, q2 = doc1.facts.quantities[i], doc2.facts.quantities[j]
                s1, s2 = doc1.subjects[i], doc2.subjects[j]
                compatible = _compatible(q1, q2)
                if not compatible:
                    # Only the best counterpart of a figure can contradict it, and not
                    # when an outlet itself reports the other figure as a separate
                    # number (300 flown back vs 1,037 crossed: AJ also says 一千多).
                    if score < best_for[(1, i)] and score < best_for[(2, j)]:
                        continue
                    if _distinguished(doc1, i, doc2, j) or _distinguished(doc2, j, doc1, i):
                        continue
                paired.add((d1, i))
                paired.add((d2, j))
                finding = _classify_pair(doc1, q1, s1, doc2, q2, s2)
                if finding is None:
                    continue
                event = "/".join(sorted(s1.events & s2.events)) or s1.family or s2.family
                # One finding per kind, article pair and event: "deaths: 3 (and 2) vs 4".
                key = (finding.kind, d1, d2, event) if finding.kind == "contradiction" else (
                    finding.kind, d1, d2, event, q1.low, q1.high, q2.low, q2.high)
                if key in merged:
                    also = f"{_fmt(q1)} vs {_fmt(q2)}"
                    if also not in merged[key].why:
                        merged[key].why += f"; also {also}"
                    _add_spans(merged[key], finding.spans)
                else:
                    merged[key] = finding
    findings = list(merged.values())
    # Figures no other outlet reports (about a specific thing or event).
    for d, doc in enumerate(docs):
        for i, (q, s) in enumerate(zip(doc.facts.quantities, doc.subjects, strict=True)):
            if (d, i) in paired or s.is_total or not (s.family or s.events) or q.percent and not s.events:
                continue
            findings.append(Finding(
                kind="unique", fact_type="number",
                why=f"only {doc.label} reports {_fmt(q)} {q.counted}".strip(),
                spans=[_span(doc, q.start, max(q.end, q.counted_end))],
                subject=to_simplified(q.counted),
            ))
    return findings


def _distinguished(doc_a: _Doc, i: int, doc_b: _Doc, j: int) -> bool:
    """Does outlet A report, besides figure i, another figure that matches B's j
    and differs from i? Then A treats them as two different counts."""
    qa, qb, sb = doc_a.facts.quantities[i], doc_b.facts.quantities[j], doc_b.subjects[j]
    for k, (q, s) in enumerate(zip(doc_a.facts.quantities, doc_a.subjects, strict=True)):
        if k == i:
            continue
        if same_subject(s, sb) and _compatible(q, qb) and not _compatible(q, qa):
            return True
    return False


def _add_spans(finding: Finding, spans: list[Span]) -> None:
    have = {(s.article_id, s.start, s.end) for s in finding.spans}
    for s in spans:
        if (s.article_id, s.start, s.end) not in have:
            finding.spans.append(s)


def _classify_pair(doc1: _Doc, q1: Quantity, s1: Subject, doc2: _Doc, q2: Quantity, s2: Subject) -> Finding | None:
    spans = [_span(doc1, q1.start, max(q1.end, q1.counted_end)), _span(doc2, q2.start, max(q2.end, q2.counted_end))]
    what = s1.keyword or s2.keyword or to_simplified(q1.counted or q2.counted) or "figure"
    events = "/".join(sorted(s1.events & s2.events))
    about = f"{what} ({events})" if events else what
    a, b = f"{doc1.label}: {_fmt(q1)}", f"{doc2.label}: {_fmt(q2)}"
    framing = framing_difference(s1, s2)
    if not _compatible(q1, q2):
        return Finding("contradiction", "number", f"incompatible figures for {about}: {a} vs {b}", spans, what)
    if q1.low == q2.low and q1.high == q2.high:
        if framing:
            return Finding("framing", "number", f"same figure, different category: {framing} ({a}; {b})", spans, what)
        return Finding("agree", "number", f"same figure for {about}: {a}; {b}", spans, what)
    if framing:
        return Finding("framing", "number", f"compatible figures, different category: {framing} ({a}; {b})", spans, what)
    if q1.vague != q2.vague or _width(q1) != _width(q2):
        vaguer = doc1.label if _width(q1) > _width(q2) else doc2.label
        return Finding("precision", "number", f"compatible figures for {about}, {vaguer} is vaguer: {a} vs {b}", spans, what)
    return Finding("agree", "number", f"compatible figures for {about}: {a}; {b}", spans, what)


# -------------------------------------------------------------------- dates --
def _date_findings(docs: list[_Doc], aligned, threshold: float) -> list[Finding]:
    """In aligned sentences, a single day each: same day agrees, different days contradict."""
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for (d1, k1), matches in aligned.items():
        for d2, (k2, score) in matches.items():
            if (d2, k2, d1, k1) in seen or (d1, k1, d2, k2) in seen:
                continue
            seen.add((d1, k1, d2, k2))
            dates1 = _explicit_first(_day_dates(docs[d1], k1))
            dates2 = _explicit_first(_day_dates(docs[d2], k2))
            if not dates1 or not dates2:
                continue
            values1 = {x.value for x in dates1}
            values2 = {x.value for x in dates2}
            spans = [_span(docs[d1], x.start, x.end) for x in dates1] + [_span(docs[d2], x.start, x.end) for x in dates2]
            a = f"{docs[d1].label}: {'/'.join(x.text for x in dates1)} ({', '.join(sorted(map(str, values1)))})"
            b = f"{docs[d2].label}: {'/'.join(x.text for x in dates2)} ({', '.join(sorted(map(str, values2)))})"
            if values1 & values2:
                findings.append(Finding("agree", "date", f"same day in matching sentences: {a}; {b}", spans))
            elif (len(values1) == 1 and len(values2) == 1 and score >= 1.5 * threshold
                  and not any(x.relative for x in dates1 + dates2)):
                # Only explicit dates in closely matching sentences: weekday words
                # in two articles of different days usually name different events.
                findings.append(Finding("contradiction", "date", f"different days for the same event: {a} vs {b}", spans))
    findings += _clock_anchored_date_findings(docs, seen_spans={
        frozenset((s.article_id, s.start) for s in f.spans) for f in findings})
    return findings


def _explicit_first(dates: list) -> list:
    """In a sentence naming an explicit day (昨天7月7日), the relative word only
    repeats it: keep the explicit dates."""
    explicit = [x for x in dates if not x.relative]
    return explicit or dates


# A time of day right after a date (7月6日凌晨1点左右): the same clock time
# and the same kind of event in two outlets pins the same moment.
_CLOCK_RE = re.compile(
    r"\s*(?:（[^）]{0,12}）|\([^)]{0,12}\))?\s*(?P<period>凌晨|清晨|早上|上午|中午|下午|傍晚|晚上|晚间|深夜|午夜)?"
    r"\s*(?:约|大约)?\s*(?P<hour>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:点|时|[:：]\d{2})"
)


def _clock_anchored_date_findings(docs: list[_Doc], seen_spans: set[frozenset]) -> list[Finding]:
    """Explicit days followed by the same time of day, in sentences about the same
    kind of event (killed, arrested...), compared across outlets even when the
    sentences are worded too differently to align: 当地时间7月6日凌晨1点左右…打死了
    总统 (DW) vs 昨天7月7日凌晨1点多…遇刺身亡 (RFI) is a contradiction."""
    from comparison.extract import _small_number
    from comparison.subjects import EVENTS

    anchored: list[tuple[int, object, tuple[str, int], frozenset[str]]] = []
    for d, doc in enumerate(docs):
        simple = to_simplified(doc.article.text)
        for x in doc.facts.dates:
            if x.relative or x.precision != "day" or x.value is None:
                continue
            m = _CLOCK_RE.match(simple, x.end)
            hour = _small_number(m.group("hour")) if m else None
            if hour is None:
                continue
            k = doc.sentence_at(x.start)
            sentence = to_simplified(doc.sentences[k].text) if k >= 0 else ""
            events = frozenset(e for e, words in EVENTS.items() if any(w in sentence for w in words))
            anchored.append((d, x, (m.group("period") or "", hour), events))
    findings: list[Finding] = []
    for n, (d1, x1, clock1, ev1) in enumerate(anchored):
        for d2, x2, clock2, ev2 in anchored[n + 1:]:
            if docs[d1].group == docs[d2].group or clock1 != clock2 or not (ev1 & ev2):
                continue
            spans = [_span(docs[d1], x1.start, x1.end), _span(docs[d2], x2.start, x2.end)]
            if frozenset((s.article_id, s.start) for s in spans) in seen_spans:
                continue
            when = f"{clock1[0]}{clock1[1]}点"
            a = f"{docs[d1].label}: {x1.text} ({x1.value})"
            b = f"{docs[d2].label}: {x2.text} ({x2.value})"
            event = "/".join(sorted(ev1 & ev2))
            if x1.value == x2.value:
                findings.append(Finding("agree", "date", f"same day for the {event} at {when}: {a}; {b}", spans))
            else:
                findings.append(Finding("contradiction", "date",
                                        f"different days for the {event} at {when}: {a} vs {b}", spans))
    return findings


def _day_dates(doc: _Doc, k: int):
    s = doc.sentences[k]
    return [x for x in doc.facts.dates if s.start <= x.start < s.end and x.precision == "day" and x.value]


# --------------------------------------------------------------- statements --
def _statement_findings(docs: list[_Doc], aligned) -> list[Finding]:
    """Aligned sentences = a shared statement; sentences with no counterpart = unique."""
    findings: list[Finding] = []
    seen: set[frozenset] = set()
    for d, doc in enumerate(docs):
        for k, s in enumerate(doc.sentences):
            if len(s.text) < MIN_ALIGN_CHARS:
                continue
            matches = aligned.get((d, k), {})
            if not matches:
                findings.append(Finding("unique", "statement", f"only {doc.label} reports this", [_span(doc, s.start, s.end)]))
                continue
            group = frozenset([(d, k)] + [(d2, k2) for d2, (k2, _) in matches.items()])
            if group in seen:
                continue
            seen.add(group)
            spans = [_span(docs[dd], docs[dd].sentences[kk].start, docs[dd].sentences[kk].end) for dd, kk in sorted(group)]
            outlets = sorted({docs[dd].label for dd, _ in group})
            best = max(score for _, score in matches.values())
            findings.append(Finding("agree", "statement", f"reported by {', '.join(outlets)} (similarity {best:.2f})", spans))
    return findings


# ------------------------------------------------------------ unique facts --
# Weights of the checkable facts a unique sentence carries (see _sentence_facts).
# A sentence is a headline finding when one fact weighs at least FACT_MIN_WEIGHT
# (a number, a quotation, a person no other outlet names) or its facts together
# weigh HEADLINE_MIN_SALIENCE (e.g. a cited source with a date or a new place).
# Places every outlet names (阿富汗, 塔利班), a weekday word or a name alone do
# not make a sentence a headline; it stays in the list with ``minor=True``.
WEIGHT_NUMBER_SPECIFIC = 3.0  # a count of a known kind of thing or event (152人 let in)
WEIGHT_NUMBER = 2.0
WEIGHT_QUOTE_NAMED = 2.5
WEIGHT_QUOTE_UNNAMED = 1.5
WEIGHT_PERSON_NEW = 2.0  # a person no other outlet names
WEIGHT_PERSON_SHARED = 1.0
WEIGHT_PLACE_NEW = 1.0
WEIGHT_SOURCE = 1.5
WEIGHT_DATE_EXPLICIT = 1.0  # 7月5日
WEIGHT_DATE_RELATIVE = 0.5  # 周三, 昨天
FACT_MIN_WEIGHT = 2.0
HEADLINE_MIN_SALIENCE = 3.0
LEAD_BONUS = 0.5  # earlier sentences carry the news: up to +0.5 for the first one


def _sentence_facts(doc: _Doc, k: int, named_elsewhere: set[str],
                    compared: set[int] = frozenset()) -> list[tuple[str, float]]:
    """(label, weight) of each checkable fact in sentence k of ``doc`` that other
    outlets do not report; ``compared``: start offsets of this article's figures
    already paired with another outlet's (2万名部队 vs 两万名后备役军人)."""
    s = doc.sentences[k]
    inside = lambda x: s.start <= x.start < s.end  # noqa: E731
    facts: list[tuple[str, float]] = []
    # An outlet naming or citing itself (一名消息人士告诉半岛电视台) is no new fact.
    own = to_simplified(doc.article.outlet or "")
    is_own = lambda name: bool(own) and (to_simplified(name) in own or own in to_simplified(name))  # noqa: E731
    for q, subj in zip(doc.facts.quantities, doc.subjects, strict=True):
        if inside(q) and not q.is_total and q.start not in compared:
            weight = WEIGHT_NUMBER_SPECIFIC if (subj.family or subj.events) else WEIGHT_NUMBER
            facts.append((f"{q.text.strip()}{q.counted if q.counted_start >= q.end else ''}", weight))
    for d in doc.facts.dates:
        if inside(d) and d.precision == "day":
            facts.append((d.text, WEIGHT_DATE_RELATIVE if d.relative else WEIGHT_DATE_EXPLICIT))
    seen: set[str] = set()
    for e in doc.facts.entities:
        if not inside(e) or e.key in seen or is_own(e.text):
            continue
        seen.add(e.key)
        new = not any(same_entity(e.key, other) for other in named_elsewhere)
        if e.kind == "PER":
            facts.append((e.text, WEIGHT_PERSON_NEW if new else WEIGHT_PERSON_SHARED))
        elif new:
            facts.append((e.text, WEIGHT_PLACE_NEW))
    for quote in doc.facts.quotes:
        if s.start <= quote.start < s.end or quote.start <= s.start < quote.end:
            named = quote.speaker and not quote.speaker.startswith("unnamed")
            facts.append((f"quote of {quote.speaker or 'an unnamed speaker'}",
                          WEIGHT_QUOTE_NAMED if named else WEIGHT_QUOTE_UNNAMED))
    for c in doc.facts.sources:
        if inside(c) and not is_own(c.source):
            facts.append((f"citing {c.source}", WEIGHT_SOURCE))
    return facts


def _rank_unique(docs: list[_Doc], findings: list[Finding],
                 relevance: dict[tuple[int, int], float] | None = None) -> None:
    """Give unique findings a salience and a ``minor`` flag, and say in a unique
    sentence's ``why`` which facts it carries.

    A unique sentence is a headline finding only when it carries a checkable fact;
    a unique number, person, quote or source inside such a sentence is marked minor
    (the sentence already reports it), elsewhere it stays a headline finding.
    Salience = fact weights + a bonus for early sentences, scaled by
    ``relevance`` (how close the sentence comes to other outlets' sentences).
    """
    relevance = relevance or {}
    index_of_doc = {doc.article.id: d for d, doc in enumerate(docs)}
    by_id = {doc.article.id: doc for doc in docs}
    # Names each outlet group uses, to tell a new name from one every outlet gives.
    names_by_group: dict[int, set[str]] = defaultdict(set)
    for doc in docs:
        names_by_group[doc.group].update(e.key for e in doc.facts.entities)
    headline_sentences: dict[str, list[tuple[int, int]]] = defaultdict(list)
    compared: dict[str, set[int]] = defaultdict(set)
    for f in findings:
        if f.kind != "unique" and f.fact_type == "number":
            for span in f.spans:
                compared[span.article_id].add(span.start)
    for f in findings:
        if f.kind != "unique" or f.fact_type != "statement" or not f.spans:
            continue
        doc = by_id[f.spans[0].article_id]
        k = doc.sentence_at(f.spans[0].start)
        elsewhere = set().union(*(names for g, names in names_by_group.items() if g != doc.group))
        facts = _sentence_facts(doc, k, elsewhere, compared[doc.article.id]) if k >= 0 else []
        weight = sum(w for _, w in facts)
        f.minor = not (any(w >= FACT_MIN_WEIGHT for _, w in facts) or weight >= HEADLINE_MIN_SALIENCE)
        on_topic = relevance.get((index_of_doc[doc.article.id], k), 1.0)
        f.salience = round((weight + LEAD_BONUS * (1 - k / max(1, len(doc.sentences)))) * (0.5 + 0.5 * on_topic), 3)
        if f.minor:
            f.why = f"only {doc.label} reports this (minor: {'; '.join(x for x, _ in facts) or 'no checkable fact'})"
        else:
            strongest = sorted(facts, key=lambda x: -x[1])
            listed = "; ".join(dict.fromkeys(label for label, _ in strongest[:4]))
            f.why = f"only {doc.label} reports this: {listed}"
            headline_sentences[doc.article.id].append((f.spans[0].start, f.spans[0].end))
    for f in findings:
        if f.kind != "unique" or f.fact_type == "statement" or not f.spans:
            continue
        first = f.spans[0]
        f.salience = {"number": WEIGHT_NUMBER_SPECIFIC, "quote": WEIGHT_QUOTE_NAMED,
                      "entity": WEIGHT_PERSON_NEW, "source": WEIGHT_SOURCE}.get(f.fact_type, 1.0)
        f.minor = any(start <= first.start and first.end <= end
                      for start, end in headline_sentences.get(first.article_id, []))


# ------------------------------------------------------------------- quotes --
def _quote_findings(docs: list[_Doc]) -> list[Finding]:
    from comparison.align import lexical_similarity

    items = [(d, q) for d, doc in enumerate(docs) for q in doc.facts.quotes]
    if not items:
        return []
    matrix = lexical_similarity([q.text for _, q in items])
    findings: list[Finding] = []
    used: set[int] = set()
    for x, (d, q) in enumerate(items):
        partners = [y for y, (d2, q2) in enumerate(items)
                    if docs[d2].group != docs[d].group and (matrix[x, y] >= 0.3 or (
                        q.speaker and q2.speaker and same_entity(q.speaker, q2.speaker) and matrix[x, y] >= 0.15))]
        if partners:
            if x in used:
                continue
            group = [x] + [y for y in partners if y not in used]
            used.update(group)
            spans = [_span(docs[items[y][0]], items[y][1].start, items[y][1].end) for y in group]
            who = q.speaker or "an unnamed speaker"
            outlets = sorted({docs[items[y][0]].label for y in group})
            findings.append(Finding("agree", "quote", f"{', '.join(outlets)} quote {who} alike", spans, who))
        elif q.speaker:
            findings.append(Finding("unique", "quote", f"only {docs[d].label} quotes {q.speaker}",
                                    [_span(docs[d], q.start, q.end)], q.speaker))
    return findings


def _quotes(docs: list[_Doc]) -> list[dict]:
    return [
        {"outlet": doc.label, "article_id": doc.article.id, "speaker": q.speaker, "text": q.text,
         "span": [doc.article.id, q.start, q.end, q.text]}
        for doc in docs for q in doc.facts.quotes
    ]


# ------------------------------------------------------------------ sources --
def _sources_by_outlet(docs: list[_Doc]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for doc in docs:
        names = out.setdefault(doc.label, [])
        for s in doc.facts.sources:
            if s.source not in names:
                names.append(s.source)
    return out


def _source_findings(docs: list[_Doc]) -> list[Finding]:
    by_source: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for d, doc in enumerate(docs):
        for s in doc.facts.sources:
            by_source[s.source][d].append(s)
    findings: list[Finding] = []
    for source, per_doc in by_source.items():
        groups = {docs[d].group for d in per_doc}
        spans = [_span(docs[d], s.start, s.end) for d, cites in per_doc.items() for s in cites[:1]]
        outlets = sorted({docs[d].label for d in per_doc})
        if len(groups) > 1:
            findings.append(Finding("agree", "source", f"{' and '.join(outlets)} all cite {source}", spans, source))
        else:
            findings.append(Finding("unique", "source", f"only {outlets[0]} cites {source}", spans, source))
    return findings


# ----------------------------------------------------------- entities/naming --
def _entity_findings_and_naming(docs: list[_Doc], aligned) -> tuple[list[Finding], list[dict]]:
    findings: list[Finding] = []
    naming: list[dict] = []
    # People: cluster name variants across the story.
    clusters: list[list[tuple[int, object]]] = []
    for d, doc in enumerate(docs):
        for e in doc.facts.entities:
            if e.kind != "PER" or not re.search(r"[\u4e00-\u9fff]", e.text):
                continue
            for cluster in clusters:
                if any(same_entity(e.text, other.text) for _, other in cluster):
                    cluster.append((d, e))
                    break
            else:
                clusters.append([(d, e)])
    for cluster in clusters:
        groups = {docs[d].group for d, _ in cluster}
        longest = max((e.text for _, e in cluster), key=len)
        per_outlet: dict[str, list[str]] = {}
        for d, e in cluster:
            names = per_outlet.setdefault(docs[d].label, [])
            if e.text not in names:
                names.append(e.text)
        first = {}
        for d, e in cluster:
            first.setdefault(d, e)
        spans = [_span(docs[d], e.start, e.end) for d, e in first.items()]
        if len(groups) > 1:
            findings.append(Finding("agree", "entity", f"{longest} is mentioned by {', '.join(sorted(per_outlet))}", spans, longest))
            if len({tuple(sorted(v)) for v in per_outlet.values()}) > 1:
                naming.append({"actor": longest, "names": per_outlet})
        else:
            findings.append(Finding("unique", "entity", f"only {next(iter(per_outlet))} mentions {longest}", spans, longest))
    naming += _descriptor_naming(docs)
    framing, org_naming = _organization_naming(docs)
    findings += framing
    naming += org_naming
    return findings, naming


def _descriptor_naming(docs: list[_Doc]) -> list[dict]:
    """How each outlet describes known armed groups (塔利班激进分子 vs 塔利班武装分子)."""
    rows: list[dict] = []
    for actor in KNOWN_ACTORS:
        per_outlet: dict[str, list[str]] = {}
        for doc in docs:
            simple = to_simplified(doc.article.text)
            if actor not in simple:
                continue
            terms = per_outlet.setdefault(doc.label, [])
            for s in doc.sentences:
                sentence = simple[s.start:s.end]
                if actor not in sentence and not terms:
                    continue
                for term in ACTOR_DESCRIPTORS:
                    if term in sentence and term not in terms and term not in ("当局", "政权"):
                        terms.append(term)
        if len(per_outlet) > 1 and len({tuple(sorted(v)) for v in per_outlet.values()}) > 1:
            rows.append({"actor": actor, "names": per_outlet})
    return rows


_ORG_SUFFIX_MIN = 4


def _organization_naming(docs: list[_Doc]) -> tuple[list[Finding], list[dict]]:
    """The same institution named with a different state/place prefix
    (中华民国驻海地大使馆 vs 台湾驻海地大使馆)."""
    pattern = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{2,4}?)(?P<rest>驻[\u4e00-\u9fff]{2,8}?(?:大使馆|使馆|领事馆|代表处|办事处))")
    seen: dict[str, dict[int, tuple[str, int, int]]] = defaultdict(dict)
    for d, doc in enumerate(docs):
        simple = to_simplified(doc.article.text)
        for m in pattern.finditer(simple):
            rest = m.group("rest")
            prefix = m.group("prefix").lstrip("”“\"的")
            seen[rest].setdefault(d, (prefix, m.start("prefix") + (len(m.group("prefix")) - len(prefix)), m.end()))
    findings: list[Finding] = []
    rows: list[dict] = []
    for rest, per_doc in seen.items():
        prefixes = {p for p, _, _ in per_doc.values()}
        if len(prefixes) < 2:
            continue
        names: dict[str, list[str]] = {}
        for d, (p, _s, _e) in per_doc.items():
            names.setdefault(docs[d].label, []).append(p + rest)
        rows.append({"actor": rest, "names": names})
        items = list(per_doc.items())
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                (da, (pa, sa, ea)), (db, (pb, sb, eb)) = items[x], items[y]
                if pa != pb and docs[da].group != docs[db].group and frozenset({pa, pb}) in LOADED_PREFIXES:
                    findings.append(Finding(
                        "framing", "entity",
                        f"the same institution named {pa}{rest} ({docs[da].label}) vs {pb}{rest} ({docs[db].label})",
                        [_span(docs[da], sa, ea), _span(docs[db], sb, eb)], rest))
    return findings, rows


# ---------------------------------------------------------------- signature --
def comparison_signature(articles: list[Article]) -> str:
    """Hash of the members' content hashes and COMPARISON_VERSION (cache key)."""
    payload = COMPARISON_VERSION + "\n" + "\n".join(sorted(a.content_hash for a in articles))
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()
