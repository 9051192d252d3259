"""Unique producer: claims one outlet only reports (and sentences all outlets share).

Aligned sentences are one shared statement; a sentence with no counterpart is
"one outlet only", ranked by the checkable facts it carries.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from comparison.align import MIN_ALIGN_CHARS
from comparison.docs import Doc, names_own_outlet, span
from comparison.extract import same_entity
from comparison.findings import Context
from comparison.model import Finding
from comparison.numbers import names_no_figure


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    docs = ctx.docs
    findings = _statement_findings(docs, ctx.aligned, earlier)
    # How close each sentence comes to any other outlet's (1 = at the alignment
    # threshold): unique facts on the story's shared topic rank above asides.
    groups = np.array([docs[d].group for d, _ in ctx.flat])
    other = groups[:, None] != groups[None, :]
    closeness = np.where(other, ctx.sim.matrix, 0.0).max(axis=1) if len(ctx.flat) else np.zeros(0)
    relevance = {pair: min(1.0, float(closeness[i]) / ctx.threshold) for pair, i in ctx.index_of.items()}
    _rank_unique(docs, earlier + findings, relevance)
    return findings


def _statement_findings(docs: list[Doc], aligned, earlier: list[Finding]) -> list[Finding]:
    """Aligned sentences = a shared statement; sentences with no counterpart = unique.

    Shared is not the same as agreeing on every detail: when a discrepancy has spans in
    two of its sentences, or its sentences give different figures of one kind that no
    finding paired, its reason says so ("they differ: contradiction (date)"; "figures
    differ: five / two"), so a reader never takes it for full agreement."""
    findings: list[Finding] = []
    seen: set[frozenset] = set()
    differing = _sentences_in_discrepancies(docs, earlier)
    # Figures a finding already set against another outlet's (six months / 26 weeks agree).
    paired = {(sp.article_id, sp.start) for f in earlier if f.fact_type == "number" and f.kind != "unique"
              for sp in f.spans}
    for d, doc in enumerate(docs):
        for k, s in enumerate(doc.sentences):
            if len(s.text) < MIN_ALIGN_CHARS:
                continue
            matches = aligned.get((d, k), {})
            if not matches:
                findings.append(Finding("unique", "statement", f"only {doc.label} reports this", [span(doc, s.start, s.end)]))
                continue
            group = frozenset([(d, k)] + [(d2, k2) for d2, (k2, _) in matches.items()])
            if group in seen:
                continue
            seen.add(group)
            spans = [span(docs[dd], docs[dd].sentences[kk].start, docs[dd].sentences[kk].end) for dd, kk in sorted(group)]
            outlets = sorted({docs[dd].label for dd, _ in group})
            best = max(score for _, score in matches.values())
            why = f"reported by {', '.join(outlets)} (same-claim probability {best:.2f})"
            kinds = sorted({kind for a in group for b in group if a != b
                            for kind in differing.get(frozenset({a, b}), ())})
            if kinds:
                why += f"; they differ: {', '.join(kinds)}"
            unpaired = _unpaired_figures(docs, sorted(group), paired)
            if unpaired and not any(k.endswith("(number)") for k in kinds):
                why += f"; figures differ: {unpaired}"
            days = _unpaired_days(docs, sorted(group))
            if days and not any(k.endswith("(date)") for k in kinds):
                why += f"; days differ: {days}"
            findings.append(Finding("agree", "statement", why, spans))
    return findings


def _sentences_in_discrepancies(docs: list[Doc], earlier: list[Finding]) -> dict[frozenset, set[str]]:
    """Pairs of sentences ((doc, sentence), (doc, sentence)) two spans of one discrepancy lie
    in, with the discrepancies' "kind (fact type)"."""
    index = {doc.article.id: d for d, doc in enumerate(docs)}
    out: dict[frozenset, set[str]] = defaultdict(set)
    for f in earlier:
        if f.kind not in ("contradiction", "precision", "framing"):
            continue
        where = {(index[s.article_id], docs[index[s.article_id]].sentence_at(s.start)) for s in f.spans
                 if s.article_id in index}
        for a in where:
            for b in where:
                if a[0] != b[0]:
                    out[frozenset({a, b})].add(f"{f.kind} ({f.fact_type})")
    return out


def _unpaired_figures(docs: list[Doc], group: list[tuple[int, int]],
                      paired: set[tuple[str, int]] = frozenset()) -> str:
    """Different values of one dimension in the group's sentences, when two outlets' sentences
    give values of it and no value of one meets a value of another ("five / two"; $1.9trn and
    $1,900bn meet, and "16 points" / "14 and 16" share 16); '' otherwise. ``paired``: (article
    id, start) of figures a number finding already compared, left out."""
    per_dimension: dict[str, set[str]] = defaultdict(set)
    ranges: dict[str, dict[int, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))
    for d, k in group:
        doc = docs[d]
        sentence = doc.sentences[k]
        for n, q in enumerate(doc.facts.quantities):
            if sentence.start <= q.start < sentence.end and not q.percent and (
                    (doc.article.id, q.start) not in paired):
                # A change of a thing a clause names (涨幅比上月下降0.2个百分点, 影响CPI下降约0.8个百分点) is
                # another fact than a change of another thing: keyed by it.
                changed = doc.subjects[n].changed if n < len(doc.subjects) else ""
                key = f"{q.dimension}:{changed}" if changed else q.dimension
                per_dimension[key].add(q.text.strip())
                ranges[key][d].append((q.base_low, q.base_high))
    shown = [" / ".join(sorted(per_dimension[dim])) for dim, by_doc in ranges.items()
             if len(by_doc) > 1 and not _values_meet(list(by_doc.values()))]
    return "; ".join(shown)


def _values_meet(per_doc: list[list[tuple[float, float]]]) -> bool:
    """Does a value of one document's list overlap a value of another's?"""
    return any(lo1 <= hi2 and lo2 <= hi1
               for i, one in enumerate(per_doc) for other in per_doc[i + 1:]
               for lo1, hi1 in one for lo2, hi2 in other)


def _unpaired_days(docs: list[Doc], group: list[tuple[int, int]]) -> str:
    """The days the group's sentences name, when at least two outlets' sentences name days and no
    two of them name a day in common ("Monday / Tuesday"; an outlet naming none is left out): the
    time producer compares days only for the same kind of event, so a shared statement with other
    days would otherwise read as full agreement. '' otherwise."""
    from comparison.extract import CLAIM_DATE_PRECISIONS
    from comparison.findings.time import days_named

    per_doc: dict[int, set] = defaultdict(set)
    written: dict[int, list[tuple[str, str]]] = defaultdict(list)  # (as written, the days it names)
    for d, k in group:
        sentence = docs[d].sentences[k]
        for x in docs[d].facts.dates:
            if sentence.start <= x.start < sentence.end and x.precision in CLAIM_DATE_PRECISIONS and x.value \
                    and not x.since:
                per_doc[d].add(x.days)
                written[d].append((x.text.strip(), days_named(x)))
    if len(per_doc) < 2 or len({docs[d].group for d in per_doc}) < 2:
        return ""
    ranges = list(per_doc.values())
    meets = any(a[0] <= b[1] and b[0] <= a[1] for x in range(len(ranges)) for y in range(x + 1, len(ranges))
                for a in ranges[x] for b in ranges[y])
    if meets:
        return ""
    # One word for other days ("on Monday" in reports a week apart): each with the days it names.
    words = [{w for w, _ in written[d]} for d in sorted(written)]
    same_word = any(a & b for n, a in enumerate(words) for b in words[n + 1:])
    return " / ".join(dict.fromkeys(f"{w} ({when})" if same_word else w
                                    for d in sorted(written) for w, when in written[d]))


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


# The longest gap between a figure and its counted noun written as it stands ("dozens of",
# "a third of the"); a longer one is shown as one space.
_GAP_AS_WRITTEN = 12


def _counted_label(text: str, q) -> str:
    """A figure with its counted noun as written: "12 people" keeps its space, 12人 has none,
    "dozens of police officers" its "of"."""
    if q.counted_start < q.end:
        return q.text.strip()
    gap = text[q.end:q.counted_start]
    if len(gap) > _GAP_AS_WRITTEN or "\n" in gap:
        gap = " "
    words = " ".join(gap.split())
    return f"{q.text.strip()}{f' {words} ' if words else ' ' if gap else ''}{q.counted}"


def _sentence_facts(doc: Doc, k: int, named_elsewhere: set[str],
                    compared: set[int] = frozenset()) -> list[tuple[str, float]]:
    """(label, weight) of each checkable fact in sentence k of ``doc`` that other
    outlets do not report; ``compared``: start offsets of this article's figures
    already paired with another outlet's (2万名部队 vs 两万名后备役军人)."""
    s = doc.sentences[k]
    inside = lambda x: s.start <= x.start < s.end  # noqa: E731
    facts: list[tuple[str, float]] = []
    # An outlet naming or citing itself (一名消息人士告诉半岛电视台) is no new fact.
    is_own = lambda name: names_own_outlet(doc, name)  # noqa: E731
    for q, subj in zip(doc.facts.quantities, doc.subjects, strict=True):
        if inside(q) and not q.is_total and not names_no_figure(q) and q.start not in compared:
            weight = WEIGHT_NUMBER_SPECIFIC if (subj.family or subj.events) else WEIGHT_NUMBER
            facts.append((_counted_label(doc.article.text, q), weight))
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
            facts.append((f"quote of {quote.who() or 'an unnamed speaker'}",
                          WEIGHT_QUOTE_NAMED if named else WEIGHT_QUOTE_UNNAMED))
    for c in doc.facts.sources:
        if inside(c) and not is_own(c.source):
            facts.append((f"citing {c.source}", WEIGHT_SOURCE))
    return facts


def _rank_unique(docs: list[Doc], findings: list[Finding],
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

