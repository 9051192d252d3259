"""Time producer: the day (and part of day) of the same claim across outlets.

Dates are compared in aligned sentences about the same kind of event (a
handover date is never compared with a withdrawal deadline), and where the
same clock time and event pin the same moment. Times also in the other sentence pairs past
the alignment threshold (compatible values only), and the hour one outlet gives a kind of
happening with the hour another gives it, story-wide (compatible values only).
"""

from __future__ import annotations

import re
from datetime import date

from comparison.background import is_background
from comparison.claims import one_claim_event
from comparison.docs import Doc, span
from comparison.extract import CLAIM_DATE_PRECISIONS
from comparison.findings import Context
from comparison.lexicons.timewords import PARTS_OF_DAY_ZH
from comparison.model import Finding
from comparison.slots import clock_role, extract_clock_times
from comparison.text import longest_first, to_simplified


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    dated_sentences = {(d, doc.sentence_at(x.start)) for d, doc in enumerate(ctx.docs) for x in doc.facts.dates
                       if _comparable_date(x)}
    dated = ctx.slot_pairs(lambda d, k: (d, k) in dated_sentences)
    clocks = [extract_clock_times(doc.article.text, doc.simple, doc.english) for doc in ctx.docs]
    timed = {(d, doc.sentence_at(t.start)) for d, doc in enumerate(ctx.docs)
             for t in [*clocks[d], *doc.facts.parts_of_day]}
    findings = _date_findings(ctx.docs, dated) + _clock_findings(ctx, clocks, timed)
    return findings + _happening_hour_findings(ctx.docs, clocks, timed, findings)


def _clock_findings(ctx: Context, clocks: list[list], timed: set[tuple[int, int]]) -> list[Finding]:
    """The clock time of one claim in two aligned sentences (上午9点左右 vs 上午9点20分左右:
    precision; 6 a.m. vs 6 p.m.: contradiction; 清晨 vs 清晨约6时: precision). Each sentence
    must hold exactly one time of day; a clock time outside the other's part of the day is
    left alone (parts of the day are fuzzy at their edges). ``clocks``: each document's clock
    times; ``timed``: the (document, sentence) pairs holding a clock time or a part of day."""
    docs = ctx.docs
    findings: list[Finding] = []
    for d1, k1, d2, k2, best in ctx.slot_pairs(lambda d, k: (d, k) in timed):
        if not one_claim_event(docs[d1], k1, docs[d2], k2):
            continue
        t1, c1 = _time_of_day(docs[d1], k1, clocks[d1])
        t2, c2 = _time_of_day(docs[d2], k2, clocks[d2])
        if t1 is None or t2 is None or not (c1 or c2):
            continue
        if not (c1 and c2) and not _nested(t1.hours, t2.hours):
            continue  # a part of the day is fuzzy at its edges: only a clock time inside it is compared
        finding = _compare_times(docs[d1], t1, c1, docs[d2], t2, c2)
        if finding is not None and finding.kind == "contradiction" and (
                not best or _role(docs[d1], t1, c1) != _role(docs[d2], t2, c2)):
            continue  # a span's start is no contradiction of its end, nor of a time announced ahead
        if finding is not None:
            findings.append(finding)
    return findings


def _happening_hours(doc: Doc, clocks: list, sentences: list[int]) -> dict[str, tuple]:
    """Kind of happening -> (its time of day, is it a clock time), where the article gives that
    kind one time: each sentence with one time of day gives it to the kind of happening
    (:data:`TIMED_HAPPENINGS`) named nearest to it; a kind given two different times in the
    article is left out (two attacks?). ``sentences``: those holding a time."""
    found: dict[str, list[tuple]] = {}
    for k in sentences:
        time, is_clock = _time_of_day(doc, k, clocks)
        kind = None if time is None else _nearest_kind(doc, k, time.start)
        if kind is not None:
            found.setdefault(kind, []).append((time, is_clock))
    return {kind: times[0] for kind, times in found.items() if len({t.hours for t, _ in times}) == 1}


def _nearest_kind(doc: Doc, k: int, at: int) -> str | None:
    """The kind of happening (:data:`TIMED_HAPPENINGS`) named nearest to offset ``at`` in
    sentence k (部长下午会见记者说，已有12人被捕: the meeting's hour, not the arrests')."""
    from comparison.lexicons.categories import TIMED_HAPPENINGS
    from comparison.subjects import find_word

    sentence = doc.sentences[k]
    text = sentence.text.lower() if doc.english else to_simplified(sentence.text)
    at -= sentence.start
    distance = {kind: min(abs(find_word(text, w) - at) for w in words if find_word(text, w) >= 0)
                for kind, words in TIMED_HAPPENINGS.items() if any(find_word(text, w) >= 0 for w in words)}
    return min(distance, key=lambda kind: (distance[kind], kind)) if distance else None


def _happening_hour_findings(docs: list[Doc], clocks: list[list], timed: set[tuple[int, int]],
                             earlier: list[Finding]) -> list[Finding]:
    """The hour of one kind of happening across outlets, whatever the sentences' wording (袭击发生在
    晚上8点左右 vs 哨所晚上8时10分遇袭，守军随后撤离: precision). Compatible hours only: two
    sentences that do not align are evidence enough that a time is vaguer, not that it is
    another (a contradiction needs aligned sentences)."""
    hours = [_happening_hours(doc, clocks[d], sorted(k for dd, k in timed if dd == d and k >= 0))
             for d, doc in enumerate(docs)]
    compared = {frozenset((s.article_id, s.start) for s in f.spans[:2]) for f in earlier if f.fact_type == "date"}
    findings: list[Finding] = []
    for d1 in range(len(docs)):
        for d2 in range(d1 + 1, len(docs)):
            if docs[d1].group == docs[d2].group:
                continue
            for kind in sorted(hours[d1].keys() & hours[d2].keys()):
                (t1, c1), (t2, c2) = hours[d1][kind], hours[d2][kind]
                if not (c1 or c2) or (not (c1 and c2) and not _nested(t1.hours, t2.hours)):
                    continue
                finding = _compare_times(docs[d1], t1, c1, docs[d2], t2, c2, f"the {kind}")
                if finding is None or finding.kind == "contradiction":
                    continue
                if frozenset((s.article_id, s.start) for s in finding.spans[:2]) not in compared:
                    findings.append(finding)
    return findings


# A short line with a year and a clock time is a dateline.
_DATELINE_RE = re.compile(r"(?:19|20)\d\d")
DATELINE_MAX_CHARS = 60


def _time_of_day(doc: Doc, k: int, clocks: list):
    """(the one clock time or part of day of sentence k, whether it is a clock time)."""
    s = doc.sentences[k]
    if _DATELINE_RE.search(s.text) and len(s.text) < DATELINE_MAX_CHARS:
        return None, False  # a publication stamp ("Wed May 5, 2010 7:12pm BST"), not a claim
    inside = [c for c in clocks if s.start <= c.start < s.end]
    if inside:
        return (inside[0], True) if len(inside) == 1 else (None, True)
    parts = [p for p in doc.facts.parts_of_day if s.start <= p.start < s.end]
    return (parts[0], False) if len(parts) == 1 else (None, False)


def _role(doc: Doc, t, is_clock: bool) -> str:
    """The role of a clock time in its clause (comparison.slots.clock_role); a part of the day's is "at"."""
    if not is_clock:
        return "at"
    return clock_role(doc.article.text if doc.english else doc.simple, t.start, t.end, doc.english)


def _nested(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _compare_times(da: Doc, a, a_clock: bool, db: Doc, b, b_clock: bool, about: str = "the same claim"
                   ) -> Finding | None:
    (a0, a1), (b0, b1) = a.hours, b.hours
    # A part of the day may run past midnight (overnight: 20-32 h): read a clock time then.
    if not a_clock and a1 > 24 and b1 < a0:
        b0, b1 = b0 + 24, b1 + 24
    if not b_clock and b1 > 24 and a1 < b0:
        a0, a1 = a0 + 24, a1 + 24
    spans = [span(da, a.start, a.end), span(db, b.start, b.end)]
    said = f"{da.label}: {a.text}; {db.label}: {b.text}"
    if a1 < b0 - 1e-6 or b1 < a0 - 1e-6:
        return Finding("contradiction", "date", f"other time of day for {about}: {said}", spans)
    if (a0, a1) == (b0, b1):
        return Finding("agree", "date", f"same time of day for {about}: {said}", spans)
    vaguer = da.label if (a1 - a0, not a_clock) > (b1 - b0, not b_clock) else db.label
    return Finding("precision", "date", f"compatible times of day for {about}, {vaguer} is vaguer: {said}", spans)


def _events_of_dates(doc: Doc) -> dict[int, frozenset[str]]:
    """Event types of the claims whose time slot is each date (by its start): the
    date of 美军7月2日移交基地 is a handover's, 9月11日前撤离 a withdrawal's."""
    out: dict[int, set[str]] = {}
    for c in doc.claims:
        if c.time is not None and c.event:
            out.setdefault(c.time.start, set()).add(c.event)
    return {k: frozenset(v) for k, v in out.items()}


def days_named(x) -> str:
    """The days a date mention names, as the time findings show them (2021-07-05, or a span)."""
    return f"{x.value}" if not x.last or x.last == x.value else f"{x.value} to {x.last}"


def _hours(x) -> str:
    """The part of the day written apart from the day ("Tuesday morning"), not again when the
    day's own words hold it ("last night": one time word)."""
    return f" {x.part_text}" if x.part and not (x.start <= x.part_start < x.end) else ""


def _disjoint_days(x1, x2) -> bool:
    (f1, l1), (f2, l2) = x1.days, x2.days
    return l1 < f2 or l2 < f1


def _disjoint(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[1] <= b[0] or b[1] <= a[0]


def _date_findings(docs: list[Doc], pairs: list[tuple[int, int, int, int, bool]]) -> list[Finding]:
    """Days (and parts of day) of the same event in aligned sentences.

    A date is tied to the event of its own clause: a handover date is never
    compared with a withdrawal deadline named in the same sentence. Same day:
    agree, unless both name disjoint parts of the day (at night vs in the
    morning: contradiction, for the same event or the same statement; a day against the
    same day with a time of day is no difference, as the annotators read it). Different days of the same event: contradiction.
    """
    findings: list[Finding] = []
    seen: set[tuple] = set()
    events = [_events_of_dates(doc) for doc in docs]
    for d1, k1, d2, k2, best in pairs:
        dates1 = _explicit_first(_day_dates(docs[d1], k1, years=True))
        dates2 = _explicit_first(_day_dates(docs[d2], k2, years=True))
        for x1 in dates1:
            for x2 in dates2:
                key = frozenset({(d1, x1.start), (d2, x2.start)})
                if key in seen:
                    continue
                ev1, ev2 = events[d1].get(x1.start, frozenset()), events[d2].get(x2.start, frozenset())
                shared = ev1 & ev2
                # No event word on either side, one date in each aligned sentence:
                # the same statement's day, compared for agreement and precision
                # only (a contradiction needs the same event).
                bare = not ev1 and not ev2 and len(_day_dates(docs[d1], k1)) == 1 == len(
                    _day_dates(docs[d2], k2)) and "year" not in (x1.precision, x2.precision)
                nested = _nested_alone(x1, x2, dates1, dates2)
                if "year" in (x1.precision, x2.precision) and not nested:
                    continue  # a bare year is compared only as the vaguer side of a later date in it
                if not shared and not bare and not nested:
                    continue  # not the time of the same event: nothing to compare
                if nested and not shared:
                    shared, best = frozenset(), False  # compatible values only: no contradiction
                if _background(docs[d1], x1) != _background(docs[d2], x2):
                    continue  # an earlier happening's day (4月21日) is not today's happening's
                if _background(docs[d1], x1) and _disjoint_days(x1, x2):
                    continue  # two earlier days (4月21日, 6月23日) are two earlier happenings
                seen.add(key)
                finding = _date_pair_finding(docs, events, (d1, k1, x1), (d2, k2, x2), shared, best)
                if finding is not None:
                    findings.append(finding)
    findings += _clock_anchored_date_findings(docs, seen_spans={
        frozenset((s.article_id, s.start) for s in f.spans[:2]) for f in findings})
    return findings


def _date_pair_finding(docs: list[Doc], events: list[dict], one: tuple, other: tuple, shared: frozenset,
                       best: bool) -> Finding | None:
    """Two dates of the same event (or statement) in aligned sentences, ``one`` and ``other`` as
    (document, sentence, date): a span against a day (precision when they meet), the same day
    (agree; other parts of the day: contradiction), or other days (contradiction, for an aligned
    pair of the same event whose outlets do not name both days or two happenings)."""
    (d1, k1, x1), (d2, k2, x2) = one, other
    e1 = "/".join(sorted(shared))
    spans = [span(docs[d1], x1.start, x1.end), span(docs[d2], x2.start, x2.end)]
    for doc, x in ((docs[d1], x1), (docs[d2], x2)):
        if x.part and not (x.start <= x.part_start < x.end):
            spans.append(span(doc, x.part_start, x.part_end))
    a = f"{docs[d1].label}: {x1.text}{_hours(x1)} ({days_named(x1)})"
    b = f"{docs[d2].label}: {x2.text}{_hours(x2)} ({days_named(x2)})"
    about = f"the {e1}" if e1 else "the same statement"
    (f1, l1), (f2, l2) = x1.days, x2.days
    if (f1, l1) != (f2, l2) and (f1 != l1 or f2 != l2):
        # A span (the weekend, last week) against a day or another span.
        if f1 <= l2 and f2 <= l1:
            vaguer = docs[d1].label if (l1 - f1) > (l2 - f2) else docs[d2].label
            return Finding("precision", "date", f"compatible days for {about}, {vaguer} is vaguer: {a}; {b}", spans)
        if shared and best and "month" not in (x1.precision, x2.precision) and not _two_happenings(
                docs[d1], x2, events[d1], shared) and not _two_happenings(docs[d2], x1, events[d2], shared):
            # A month is too coarse to set against another day: the month of a
            # figure's report (8月) and a day of the event (8日) are other facts.
            return Finding("contradiction", "date", f"different days for {about}: {a} vs {b}", spans)
        return None
    if x1.value == x2.value:
        if x1.part and x2.part and _disjoint(x1.part, x2.part):
            # The same event, or the same statement (one day in each aligned
            # sentence): night vs morning cannot both hold.
            if best:
                return Finding("contradiction", "date", f"same day, other time of day for {about}: {a} vs {b}", spans)
            return None
        return Finding("agree", "date", f"same day for {about}: {a}; {b}", spans)
    if best and shared and not (x1.relative and x2.relative) and not _names_both_days(
            docs[d1], k1, x2.value, events[d1], shared) and not _names_both_days(
            docs[d2], k2, x1.value, events[d2], shared) and not _two_happenings(
            docs[d1], x2, events[d1], shared) and not _two_happenings(docs[d2], x1, events[d2], shared):
        return Finding("contradiction", "date", f"different days for {about}: {a} vs {b}", spans)
    return None


def _names_both_days(doc: Doc, k: int, day: date, events: dict[int, frozenset[str]],
                     shared: frozenset[str]) -> bool:
    """Does sentence k also name ``day`` for the same kind of event (or with no event word)?
    An outlet that gives both days (8日达896人，7日达到920人) reports two dated facts, not
    another day for one of them; a day of another event (…7月7日警方逮捕了两名嫌犯) does not count."""
    return any(x.value == day and (not events.get(x.start) or events[x.start] & shared)
               for x in _day_dates(doc, k))


def _two_happenings(doc: Doc, other, events: dict[int, frozenset[str]], shared: frozenset[str]) -> bool:
    """Does ``doc`` itself date the same kind of event to the other outlet's day (or span)
    anywhere in it? Then it reports two happenings (上周逮捕9名…周一再有5名被捕): the other
    outlet's day is the other happening's, not a contradiction (the dates' analog of two
    figures one outlet reports as two counts)."""
    (f, last) = other.days
    return any(_comparable_date(y) and y.days[0] <= last and f <= y.days[1] and events.get(y.start, frozenset()) & shared
               for y in doc.facts.dates)


def _explicit_first(dates: list) -> list:
    """In a sentence naming an explicit day (昨天7月7日), the relative word only
    repeats it: keep the explicit dates."""
    explicit = [x for x in dates if not x.relative]
    return explicit or dates


# A time of day right after a date (7月6日凌晨1点左右): the same clock time
# and the same kind of event in two outlets pins the same moment.
_CLOCK_RE = re.compile(
    r"\s*(?:（[^）]{0,12}）|\([^)]{0,12}\))?\s*(?P<period>" + longest_first(PARTS_OF_DAY_ZH) + ")?"
    r"\s*(?:约|大约)?\s*(?P<hour>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:点|时|[:：]\d{2})"
)


def _clock_anchored_date_findings(docs: list[Doc], seen_spans: set[frozenset]) -> list[Finding]:
    """Explicit days followed by the same time of day, in sentences about the same
    kind of event (killed, arrested...), compared across outlets even when the
    sentences are worded too differently to align: 当地时间7月6日凌晨1点左右…打死了
    总统 (DW) vs 昨天7月7日凌晨1点多…遇刺身亡 (RFI) is a contradiction."""
    from comparison.extract import _small_number
    from comparison.lexicons.categories import event_forms

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
            events = frozenset(e for e, words in event_forms().items() if any(w in sentence for w in words))
            anchored.append((d, x, (m.group("period") or "", hour), events))
    findings: list[Finding] = []
    for n, (d1, x1, clock1, ev1) in enumerate(anchored):
        for d2, x2, clock2, ev2 in anchored[n + 1:]:
            if docs[d1].group == docs[d2].group or clock1 != clock2 or not (ev1 & ev2):
                continue
            if _background(docs[d1], x1) != _background(docs[d2], x2):
                continue
            spans = [span(docs[d1], x1.start, x1.end), span(docs[d2], x2.start, x2.end)]
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


def _background(doc: Doc, x) -> bool:
    """A day (or span: its last day) of an earlier happening the article recounts
    (comparison.background): a month long past is background too, this month is not."""
    return is_background(x.days[1], doc.published_day)


def _day_dates(doc: Doc, k: int, years: bool = False):
    """The dates of sentence k that pin a claim; with ``years``, bare years too, but not the
    year of publication (2021年才过了6天 in January 2021 dates nothing)."""
    s = doc.sentences[k]
    this_year = doc.published_day.year if doc.published_day else None
    return [x for x in doc.facts.dates if s.start <= x.start < s.end and (
        _comparable_date(x) or (years and x.precision == "year" and bool(x.value) and not x.since
                                and x.value.year != this_year))]


def _nested_alone(x1, x2, dates1: list, dates2: list) -> bool:
    """Does one date lie strictly inside the other (2020年2月 and 2020年2月28日; 2018年 and
    2018年9月4日), each being the only date of its sentence the other overlaps? Then the two
    aligned sentences date one statement, whatever their event words, and one is vaguer: a
    sentence naming 2月28日 and 2018年9月4日 against one naming 2020年2月 dates the ruling
    either way. Compatible values only: never a contradiction."""
    if any(x.precision == "year" and str(x.value.year) not in y.text for x, y in ((x1, x2), (x2, x1))):
        return False  # a year only against a date written with that year (2018年 vs 2018年9月4日)
    (f1, l1), (f2, l2) = x1.days, x2.days
    if (f1, l1) == (f2, l2) or not ((f1 <= f2 and l2 <= l1) or (f2 <= f1 and l1 <= l2)):
        return False
    meets = lambda x, y: x.days[0] <= y.days[1] and y.days[0] <= x.days[1]  # noqa: E731
    return sum(meets(x1, y) for y in dates2) == 1 and sum(meets(x2, y) for y in dates1) == 1


def _comparable_date(x) -> bool:
    """A day, week or month of a claim (not a bare year, not the bound of a period)."""
    return x.precision in CLAIM_DATE_PRECISIONS and bool(x.value) and not x.since

