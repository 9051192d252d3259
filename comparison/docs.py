"""The articles of one story as the comparison reads them: sentences, facts, subjects, claims."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache

import numpy as np

from articles.calendar import local_publication_date
from articles.model import Article
from articles.outlets import edition_names, outlet_for_name
from comparison.extract import Facts, extract_all, holds_whole_name
from comparison.furniture import furniture_spans, wholly_inside
from comparison.lexicons.places import (
    ADJECTIVE_OF_PEOPLE_ENDINGS_EN,
    AREA_TOTAL_NOT_BEFORE_ZH,
    AREA_TOTALS_EN,
    AREA_TOTALS_ZH,
    LEVEL_WORDS_EN,
    LEVELS,
    SUBNATIONAL_SUFFIXES_ZH,
    TOTAL_ADVERBS_EN,
    TOTAL_ADVERBS_EXTRA_ZH,
    TOWNSHIP_SUFFIXES_ZH,
)
from comparison.lexicons.units import COUNT_MEASURES_ZH, YEAR_SECONDS
from comparison.model import Span
from comparison.numbers import Quantity
from comparison.slots import level_of_name
from comparison.subjects import (
    PART_MARK,
    TOTAL_OF_ALL,
    Subject,
    acronym_changes,
    in_bracketed_breakdown,
    inherit_partitive_events,
    is_breakdown,
    is_conversion,
    name_changed_things,
    part_label,
    subject_of,
)
from comparison.text import Sentence, longest_first, split_sentences, to_simplified


@dataclass
class Doc:
    article: Article
    group: int
    label: str
    sentences: list[Sentence]
    facts: Facts
    subjects: list[Subject] = field(default_factory=list)
    simple: str = ""  # the Simplified copy of the text (same length)
    claims: list = field(default_factory=list)  # comparison.claims.Claim
    published_day: date | None = None  # local publication day (comparison.background)
    edition: str = ""  # the outlet's edition (articles.outlets.edition_names): one outlet's reports share it
    _starts: list[int] = field(default_factory=list)

    def sentence_at(self, offset: int) -> int:
        import bisect

        if len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        k = bisect.bisect_right(self._starts, offset) - 1
        return k if k >= 0 and offset < self.sentences[k].end else -1

    @property
    def english(self) -> bool:
        return self.facts.english



def span(doc: Doc, start: int, end: int) -> Span:
    return Span(doc.article.id, start, end, doc.article.text[start:end])


def written(doc: Doc, form: str, start: int = 0, end: int | None = None) -> str:
    """``form``, read in the article's Simplified copy (``doc.simple``), as the article writes it:
    its own characters where that copy first reads ``form`` from ``start`` (and before ``end``),
    so a finding's text quotes a Traditional report's 臺灣, not 台湾; ``form`` itself when the
    copy reads it nowhere there (a key, a lexicon's word)."""
    at = doc.simple.find(form, start, len(doc.simple) if end is None else end) if form else -1
    return doc.article.text[at:at + len(form)] if at >= 0 else form


# The metric units a converted figure is shown in, smallest first: the largest one the figure
# reaches (40 miles in km, 5 inches in cm, 30 feet in m; a figure below the smallest in the
# smallest). A figure already in one of them shows no conversion of its own (250毫米, 5公里); set
# against a figure in another unit both show the unit of the larger one's scale (fmt_pair).
_BASE_NAMES = {"length": (("mm", 0.001), ("cm", 0.01), ("m", 1.0), ("km", 1000.0)),
               "area": (("m²", 1.0), ("ha", 1e4), ("km²", 1e6)),
               "mass": (("g", 0.001), ("kg", 1.0), ("t", 1000.0)),
               "duration": (("s", 1.0), ("min", 60.0), ("h", 3600.0), ("days", 86400.0), ("years", YEAR_SECONDS)),
               "speed": (("km/h", 1000 / 3600),), "power": (("kW", 1e3), ("MW", 1e6), ("GW", 1e9)),
               "energy": (("kWh", 1.0), ("MWh", 1e3), ("GWh", 1e6))}


def _scale_unit(q: Quantity) -> tuple[str, float] | None:
    """(name, size) of the metric unit of ``q``'s scale (_BASE_NAMES), None for a dimension with none."""
    units = _BASE_NAMES.get(q.dimension)
    if not units:
        return None
    scale = abs(q.value * q.factor) if math.isfinite(q.value) else abs(q.base_low)
    return next(((n, z) for n, z in reversed(units) if scale >= z), units[0])


def _shown_unit(q: Quantity, unit: tuple[str, float] | None = None) -> tuple[str, float] | None:
    """(name, size) of the metric unit :func:`fmt` converts ``q`` into (``unit``, else that of its
    scale), None for no conversion: a figure in its dimension's base unit (米, kg, 秒), already in
    ``unit`` or, with none given, in any unit of _BASE_NAMES."""
    if q.factor == 1.0:
        return None
    if unit is None:
        if any(math.isclose(size, q.factor) for _name, size in _BASE_NAMES.get(q.dimension, ())):
            return None  # already in a metric unit (100 mm, 5公里, 2吨): no conversion of its own
        unit = _scale_unit(q)
    return None if unit is None or math.isclose(unit[1], q.factor) else unit


def _value(x: float) -> str:
    """A value as a reader writes it: 1,120,500 and 12,000,000,000, not 1.1205e+06; 0.5; 9.5."""
    if math.isfinite(x) and (x == int(x) or abs(x) >= 1e6) and abs(x) < 1e18:
        return f"{x:,.0f}"
    return f"{x:,.6g}"


def fmt(q: Quantity, convert: bool = True, unit: tuple[str, float] | None = None) -> str:
    """"约有 200 名 (≈ 180–220)", "40 miles (= 40; 64.4 km)", "250毫米 (= 250)", "Some 1.25m tonnes (≈
    1,120,500–1,380,500)". ``convert`` False: no conversion (set against a figure in its own unit:
    :func:`fmt_pair`); ``unit``: the (name, size) to convert into, else the unit of the figure's scale."""
    if q.percent:
        return q.text.strip()
    if q.low == q.high:
        shown = f"{q.text.strip()} (= {_value(q.low)}"
    elif q.rounded:
        shown = f"{q.text.strip()} (rounded: {_value(q.low)}–{_value(q.high)}"
    else:
        high = "∞" if math.isinf(q.high) else _value(q.high)
        shown = f"{q.text.strip()} (≈ {_value(q.low)}–{high}"
    unit = _shown_unit(q, unit) if convert else None
    if unit is not None:
        name, size = unit
        low, high = q.base_low / size, q.base_high / size
        low, high = (_value(float(f"{v:.3g}")) for v in (low, high))  # three figures: a conversion
        shown += f"; {low} {name}" if low == high else f"; {low}–{high} {name}"
    return shown + ")"


def fmt_pair(q1: Quantity, q2: Quantity) -> tuple[str, str]:
    """Two figures set against each other: converted only when their units differ, both into the
    unit of the larger one's scale (40 miles vs 80 km: 64.4 km vs 80 km; 100 mm vs 6 inches: 10 cm
    vs 15.2 cm); 100 mm vs 150 mm, 40 miles vs 50 miles: as written."""
    if q1.dimension == q2.dimension and math.isclose(q1.factor, q2.factor):
        return fmt(q1, False), fmt(q2, False)
    larger = max((q1, q2), key=lambda q: abs(q.base_low))
    unit = _scale_unit(larger) if q1.dimension == q2.dimension else None
    return fmt(q1, unit=unit), fmt(q2, unit=unit)


# A figure's range narrower than this share of its value either side is the rounding of its
# written digits (32.1557万亿 to half a 亿; "1.4 billion" to 50 million), not a qualifier (约, about:
# 10% either side).
ROUNDING_SHARE = 0.06


# A figure converted from another unit was rounded by its writer (1 mile ~ 1.6 km): this share
# of the larger value either way.
CONVERSION_SLACK = 0.03


def ranges_overlap(low_a, high_a, factor_a, low_b, high_b, factor_b):
    """Do base-unit ranges overlap (scalars or numpy arrays, row-wise)? Across units, with
    :data:`CONVERSION_SLACK` when one side is exact or rounded only by its digits ("160 km" vs
    "more than 100 miles"); two figures both vague by a qualifier ("about 40 miles" vs "about
    80 km") carry their own slack, so they get none more."""
    with np.errstate(invalid="ignore"):
        narrow = ((high_a - low_a) < ROUNDING_SHARE * np.abs(low_a + high_a)) | (
            (high_b - low_b) < ROUNDING_SHARE * np.abs(low_b + high_b))
        converted = (factor_a != factor_b) & narrow
        slack = np.where(converted, CONVERSION_SLACK * np.maximum(np.abs(high_a), np.abs(high_b)), 1e-9)
        meet = (low_a <= high_b + slack) & (low_b <= high_a + slack)
        # Two ranges of some width that only touch (14.1亿 read 14.05-14.15亿, 14.2亿 14.15-14.25亿;
        # 1.1% and 1.2%) share only the half-way value, which rounds to either: no overlap. A point
        # at another range's edge (14.15亿 against 14.1亿) still meets it.
        scale = 1e-9 * np.maximum(1.0, np.maximum(np.abs(high_a), np.abs(high_b)))
        touch = np.abs(np.minimum(high_a, high_b) - np.maximum(low_a, low_b)) <= scale
        wide = ((high_a - low_a) > scale) & ((high_b - low_b) > scale)
        return meet & ~(touch & wide & ~converted)


def compatible(a: Quantity, b: Quantity) -> bool:
    """Overlapping ranges, in the dimension's base unit (40 miles vs 50 km: 64.4 vs 50 km)."""
    return bool(ranges_overlap(a.base_low, a.base_high, a.factor, b.base_low, b.base_high, b.factor))


def width(q: Quantity) -> float:
    return math.inf if math.isinf(q.high) else q.base_high - q.base_low


# Two vague figures whose ranges mostly coincide are one reading in other words (数千 vs
# 数以千计, "a few years" vs 近几年): the narrower covers at least this share of the wider.
ALIKE_VAGUE_SHARE = 2 / 3


def _same_centre(a: Quantity, b: Quantity) -> bool:
    centre_a, centre_b = (a.base_low + a.base_high) / 2, (b.base_low + b.base_high) / 2
    # The same written value (about N vs N): floating-point equality, not closeness.
    return abs(centre_a - centre_b) <= 1e-9 * max(abs(centre_a), abs(centre_b))




def estimate(q: Quantity) -> bool:
    """Is ``q`` an estimate: vague by a qualifier (about, nearly, more than, 约, 近, 逾, 余), a vague
    word (hundreds, 上百, 数百) or a span, not only by the rounding of its written digits (600 and
    两万 read as rounded, 1.4 billion, 14.1亿)? The one home of "the vaguer reading": against a
    figure that is no estimate, an estimate is the vaguer one whatever the widths ("more than
    100", 100-105, is vaguer than a round 100 read as 95-105); "about 1,000" and a round 1,000 stay
    one reading (:func:`alike_vague`), "about 40" and 40 do not."""
    if not q.vague or q.rounded:
        return False
    if q.floor:
        return True  # a lower bound (100-105) is as narrow as a rounding, but said as a bound
    centre = abs(q.base_low + q.base_high) / 2
    return math.isinf(q.high) or not (centre > 0 and (q.base_high - q.base_low) / 2 < ROUNDING_SHARE * centre)


def _written_alike(a: Quantity, b: Quantity) -> bool:
    """One value written with other digits (32.1557万亿 vs 321557亿, HK$0.5 million vs HK$500,000):
    the same centre, one exact and the other vague only by the rounding of its digits (no
    :func:`estimate`: "more than 40", 40-42, is no rounding of 41)."""
    if a.vague == b.vague or not _same_centre(a, b):
        return False
    return not estimate(a if a.vague else b)


def alike_vague(a: Quantity, b: Quantity) -> bool:
    """Are ``a`` and ``b`` both vague, with ranges that mostly coincide (no precision gap), or one
    value written with other digits (:func:`_written_alike`)?"""
    if _written_alike(a, b):
        return True
    if not (a.vague and b.vague) or math.isinf(a.high) or math.isinf(b.high):
        return False
    if a.span and b.span and a.approximate_span != b.approximate_span:
        return False  # "about 30 to 40" vs "30 to 40": one span said vaguer, as "about 40" vs 40
    if (a.rounded or b.rounded) and _same_centre(a, b):
        return True  # "about 1,000" vs "1,000" read as rounded: both say about a thousand
    overlap = min(a.base_high, b.base_high) - max(a.base_low, b.base_low)
    wider = max(width(a), width(b))
    return wider > 0 and overlap >= ALIKE_VAGUE_SHARE * wider


def names_own_outlet(doc: Doc, who: str) -> bool:
    """Is ``who`` the outlet itself (its dateline's 中央社, "told Al Jazeera", or any alias the
    outlet table knows: 法国国际广播电台 is 法广)? Never a source it cites."""
    own = to_simplified(doc.article.outlet or "")
    name = to_simplified(who)
    if not own or not name:
        return False
    known = outlet_for_name(who)
    # (Only the outlet's name inside the voice: a place inside the outlet's name, New York in The
    # New York Times or 纽约 in 纽约时报, is no name of the outlet.)
    return holds_whole_name(name, own) or (known is not None and known in (doc.article.outlet,
                                                                            outlet_for_name(doc.article.outlet)))


# English names whatever the process's locale (strftime's %a and %b follow it).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def published_stamp(moment: datetime, day: bool = True) -> str:
    """An article's publication time as the findings show it, saying what it is: "published 12
    Jul 21:42 UTC" (``day``: with the day). A bare "07-12 21:42" beside a figure was read as
    the day the figure is about (trial, session 39); a figure's own day is
    :func:`day_stamp`."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"published {moment.day} {_MONTHS[moment.month - 1]} {moment:%H:%M} UTC" if day else (
        f"published {moment:%H:%M} UTC")


def day_stamp(day: date, published_day: date | None = None) -> str:
    """A day a sentence names, as the findings show it: "Sunday 11 Jul" (with the year when it is
    not the publication's: "Sunday 12 Jul 2020")."""
    shown = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return shown if published_day is not None and day.year == published_day.year else f"{shown} {day.year}"


def dated(doc: Doc, subject: Subject) -> str:
    """" for Sunday 11 Jul" after a figure whose clause or sentence names its day (resolved against
    the publication time: comparison.subjects.named_day), else ""."""
    return f" for {day_stamp(subject.named_day, doc.published_day)}" if subject.named_day else ""


def article_labels(articles: list[Article]) -> list[str]:
    """One label per article, unique in the comparison (the sources, notes and aligned pairs
    are keyed by it): its outlet's edition (:func:`articles.outlets.edition_names`: Reuters for an
    English report, 路透 for a Chinese one); with the publication minute when the edition has
    several articles (:func:`published_stamp`: "路透 (published 12 Jul 21:42 UTC)"); then " #2",
    " #3"... when two of them share that minute too."""
    edition = edition_names(articles)
    names = [edition[a.id] for a in articles]
    per_outlet = Counter(names)
    labels: list[str] = []
    taken: set[str] = set()
    for a, name in zip(articles, names, strict=True):
        label = name if per_outlet[name] == 1 else f"{name} ({published_stamp(a.published)})"
        n = 2
        unique = label
        while unique in taken:
            unique, n = f"{label} #{n}", n + 1
        taken.add(unique)
        labels.append(unique)
    return labels


def _sentence_places(doc: Doc, places: set[str]) -> None:
    """Each Chinese figure's sentence places (Subject.sentence_places): the article's names of places
    and bodies its sentence holds, the story's setting included."""
    if doc.facts.english:
        return
    names = {p for p in places if len(p) >= 2}
    # (each sentence's substrings of the names' lengths looked up: a scan of every name per sentence
    # was quadratic in an article's length, as both grow with it)
    lengths = sorted({len(p) for p in names})
    order = sorted(range(len(doc.facts.quantities)), key=lambda n: doc.facts.quantities[n].start)
    starts = [doc.facts.quantities[n].start for n in order]
    for sentence in doc.sentences:
        lo, hi = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
        inside = [order[k] for k in range(lo, hi) if doc.facts.quantities[order[k]].dimension == "count"]
        if not inside:
            continue
        text = doc.simple[sentence.start:sentence.end]
        held = frozenset(text[i:i + k] for i in range(len(text)) for k in lengths
                         if i + k <= len(text) and text[i:i + k] in names)
        for n in inside:
            doc.subjects[n].sentence_places = held


def build_docs(articles: list[Article], progress: bool = False) -> list[Doc]:
    # The groups whose facts are set against each other: the outlets' editions (an outlet's
    # English and Chinese services are edited apart); each article when there is only one.
    edition = edition_names(articles)
    outlets = sorted(set(edition.values()))
    one_outlet = len(outlets) == 1
    labels = article_labels(articles)
    docs: list[Doc] = []
    doc_places: list[set[str]] = []  # each article's names of places and bodies
    items = enumerate(articles)
    if progress:
        from tqdm import tqdm

        items = tqdm(items, total=len(articles), desc="reading claims", unit="article", leave=False)
    for n, a in items:
        text = a.text
        group = n if one_outlet else outlets.index(edition[a.id])
        label = labels[n]
        facts = extract_all(text, a.published, a.language)
        language = "en" if facts.english else "zh"
        # A sentence that is all furniture (a credit line, a photo credit, a related-reading list)
        # is no claim of the article's: it is neither aligned nor listed as one outlet's.
        furniture = furniture_spans(text)
        sentences = [x for x in split_sentences(text, language) if not wholly_inside(x.start, x.end, text, furniture)]
        doc = Doc(a, group, label, sentences, facts, simple=to_simplified(text),
                  published_day=local_publication_date(a.published), edition=edition[a.id])
        places = {to_simplified(e.text) for e in facts.entities if e.kind in ("LOC", "ORG", "NAME")}
        qs = facts.quantities
        doc.subjects = [
            subject_of(q, text, places, (
                # (-1: no figure before; the text's start is no figure whose event word follows it)
                max(qs[n - 1].end, qs[n - 1].counted_end) if n > 0 else -1,
                qs[n + 1].start if n + 1 < len(qs) else len(text) + 1,
            ), facts.dates, doc.simple, facts.english, doc.published_day)
            for n, q in enumerate(qs)
        ]
        frozen_places = frozenset(places)  # (part_label sorts them once per article)
        for n in range(len(qs)):
            bracketed = in_bracketed_breakdown(qs, n, doc.simple)
            doc.subjects[n].breakdown = bracketed or is_breakdown(qs[n - 1] if n else None, qs[n], doc.simple)
            if bracketed and not facts.english:
                doc.subjects[n].part_place = part_label(doc.simple, qs[n], frozen_places)
        if not facts.english:
            acronym_changes(doc.subjects, doc.simple, places)
        name_changed_things(doc.subjects, qs, doc.simple, facts.english)
        for n in range(1, len(qs)):
            doc.subjects[n].conversion = is_conversion(qs[n - 1], qs[n], doc.simple)
            inherit_partitive_events(qs[n - 1], doc.subjects[n - 1], qs[n], doc.subjects[n], doc.simple)
        _mark_depths(doc)
        _anchor_distances(doc)
        if not facts.english:
            _age_persons_zh(doc)
        docs.append(doc)
        doc_places.append(places)
    if any(s.part_place for doc in docs for s in doc.subjects):
        for doc, places in zip(docs, doc_places, strict=True):
            _sentence_places(doc, places)  # only a story with a place-labelled part reads them
    return docs


# A Chinese age's person: named at most this many characters after the age (45岁的白人警察肖万,
# 46岁黑人弗洛伊德) or before it (肖万今年45岁), with no clause break between.
AGE_PERSON_AFTER_CHARS = 14
AGE_PERSON_BEFORE_CHARS = 6
_CLAUSE_BREAKS_ZH = "，。；：！？,;:!?\n"


def _age_persons_zh(doc: Doc) -> None:
    """Each Chinese age's person (``Subject.noun``): the first person named after it in its clause
    (45岁的白人警察肖万), else the last named just before it (肖万今年45岁), so two outlets' ages of
    two persons (肖万 45岁 / 弗洛伊德 46岁) are two facts (``subjects.other_persons``), as English
    ages with their nouns are. One bisection per age over the article's persons (linear)."""
    persons = sorted((e.start, e.end, to_simplified(e.text)) for e in doc.facts.entities if e.kind == "PER")
    starts = [p[0] for p in persons]
    ends = sorted((p[1], p[0], p[2]) for p in persons)
    end_keys = [p[0] for p in ends]
    for q, subject in zip(doc.facts.quantities, doc.subjects, strict=True):
        if q.dimension != "age" or q.span:
            continue
        at = bisect.bisect_left(starts, q.end)
        if at < len(persons) and persons[at][0] - q.end <= AGE_PERSON_AFTER_CHARS and not any(
                c in _CLAUSE_BREAKS_ZH for c in doc.simple[q.end:persons[at][0]]):
            subject.noun = persons[at][2]
            continue
        before = bisect.bisect_right(end_keys, q.start) - 1
        if before >= 0 and q.start - ends[before][0] <= AGE_PERSON_BEFORE_CHARS and not any(
                c in _CLAUSE_BREAKS_ZH for c in doc.simple[ends[before][0]:q.start]):
            subject.noun = ends[before][2]


# "south-west of Bandar Abbas": the place named at most this far after the direction word.
DIRECTION_TO_PLACE_CHARS = 8


# A length written as a depth: 深度/深达 just before it (震源深度10公里), "depth of" before it,
# "deep" right after it ("10 km deep").
_DEPTH_BEFORE_RE = re.compile(r"(?:深度|深达|深约|深)\s*(?:为|是|约|达|约为)?\s*$|\bdepths?\s+of\s+(?:about\s+|around\s+|some\s+)?$", re.I)
_DEPTH_AFTER_RE = re.compile(r"\s*(?:-\s*)?deep\b|\s*(?:深|的深度)", re.I)


def _mark_depths(doc: Doc) -> None:
    """A depth is its own measure: no reference place's distance, never compared with one."""
    for q, subject in zip(doc.facts.quantities, doc.subjects, strict=True):
        if q.dimension != "length":
            continue
        if _DEPTH_BEFORE_RE.search(doc.simple, max(0, q.start - 16), q.start) or _DEPTH_AFTER_RE.match(doc.simple, q.end):
            subject.depth = True


def _anchor_distances(doc: Doc) -> None:
    """"40 miles north of Kabul", 喀布尔以北50公里: a distance with a direction and
    a named place next to it measures that place's distance (slot compatibility)."""
    from comparison.extract import entity_key
    from comparison.lexicons.timewords import MONTHS_EN, WEEKDAYS_EN

    places = [p for p in doc.facts.places if p.direction is not None]
    # A capitalized weekday or month ("on Monday") is a name of time, never a reference place.
    # English two-word names read as people (Bandar Abbas) are places here: "miles south of X".
    kinds = ("LOC", "NAME", "ORG", "PER") if doc.english else ("LOC", "NAME", "ORG")
    names = [e for e in doc.facts.entities if e.kind in kinds
             and _possessive_stripped(e.text.lower()) not in WEEKDAYS_EN
             and _possessive_stripped(e.text.lower()) not in MONTHS_EN]
    places_near, names_near = _Nearby(places), _Nearby(names)
    generic_near = _Nearby([p for p in doc.facts.places if p.direction is None and p.generic])
    for q, subject in zip(doc.facts.quantities, doc.subjects, strict=True):
        if q.dimension != "length" or subject.depth:
            continue
        # The direction nearest the figure is its own: in "13 miles east of X and 2 miles southeast
        # of Y" the east of the first distance ends 19 characters before the second's 2.
        near = sorted(places_near.within(q.start, q.end, 20), key=lambda p: max(p.start - q.end, q.start - p.end, 0))
        named = names_near.within(q.start, q.end, 40)
        # Or an unnamed reference place: "30 miles south of the capital".
        named += generic_near.within(q.start, q.end, 40)
        if near and named:
            # The place the direction points from ("south-west of Bandar Abbas") before any
            # name merely near the figure ("the epicentre of Sunday's quake at 58km").
            after = [e for e in named if near[0].end <= e.start <= near[0].end + DIRECTION_TO_PLACE_CHARS]
            place = min(after or named, key=lambda e: min(abs(e.start - q.end), abs(q.start - e.end)))
            key = to_simplified(entity_key(place.text)).lower()
            subject.anchor = (near[0].direction, f"en:{key}" if doc.english else key, place.text)



class _Nearby:
    """Spans (anything with start and end) found near a figure by bisection on their starts, not
    by a scan of all of them per figure (a long article's names against each of its distances)."""

    def __init__(self, items: list):
        self.order = sorted(range(len(items)), key=lambda n: items[n].start)
        self.items = items
        self.starts = [items[n].start for n in self.order]
        self.longest = max((x.end - x.start for x in items), default=0)

    def within(self, start: int, end: int, reach: int) -> list:
        """The spans starting within ``reach`` of ``end`` or ending within ``reach`` of ``start``,
        in their given order."""
        lo = bisect.bisect_left(self.starts, start - reach - self.longest)
        hi = bisect.bisect_right(self.starts, max(end, start) + reach)
        found = sorted(n for n in self.order[lo:hi]
                       if abs(self.items[n].start - end) <= reach or abs(start - self.items[n].end) <= reach)
        return [self.items[n] for n in found]


def _possessive_stripped(word: str) -> str:
    """Sunday's -> sunday (a weekday in the possessive is still a name of time)."""
    for mark in ("'s", "’s", " 's", " ’s"):
        if word.endswith(mark):
            return word[: -len(mark)]
    return word


_PLACE_PREPOSITION_EN = (" in ", " at ", " near ", " across ")
# The characters read before a name for one of them (the longest, " across ": a window of 6 never held it).
_PLACE_PREPOSITION_REACH = max(map(len, _PLACE_PREPOSITION_EN))


# A wire dateline (（中央社記者楊明珠東京14日專電）, 新华社北京7月7日电): the place the report was
# filed from, not a place of any claim.
_DATELINE_ZH_RE = re.compile(r"(?:^|(?<=[（(\n]))[^，。；（）()\n]{0,12}?(?:记者|社)[^，。；（）()\n]{0,16}?"
                             r"\d{1,2}日(?:专|综合)?电(?![商视话脑])", re.M)


# A preposition of place opening a sentence or a line ("In Riverton, ..."), capitalized.
_PLACE_PREPOSITION_OPENING_EN = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:In|At|Near|Across)\s$")


def _english_place(doc: Doc, e) -> bool:
    """An English name read as a place: after a preposition of place (" in Kabul"; "In Riverton"
    opening a sentence), or before its level word ("Riverton county"); never a weekday or a month
    ("in April": was a place after a preposition), an adjective of a people the gazetteer does not
    know ("the Jewish state") nor, unless the gazetteer knows it, a name in the possessive."""
    from comparison.lexicons.timewords import MONTHS_EN, WEEKDAYS_EN

    text = doc.article.text
    if _possessive_stripped(e.text.lower()) in WEEKDAYS_EN or e.text.lower() in MONTHS_EN:
        return False  # "in April", "at Monday's meeting": a time
    if e.text.endswith(ADJECTIVE_OF_PEOPLE_ENDINGS_EN) and " " not in e.text and not _known_place(e.text) \
            and _noun_after(text, e.start, e.end):
        return False  # "the Jewish state", "in Ethiopian airspace": an adjective of a people (not "in Fujian.")
    if _possessive(text, e) and not _known_place(_possessive_stripped(e.text)):
        # "In Smith's view", "At Anna Berg's home", "in Smith's opinion": whose, not where (a
        # place the gazetteer knows still is one: "in China's Henan province")
        return bool(_LEVEL_AFTER_NAME_EN.match(text, e.end))
    if text[max(0, e.start - _PLACE_PREPOSITION_REACH):e.start].endswith(_PLACE_PREPOSITION_EN):
        return True
    return bool(_PLACE_PREPOSITION_OPENING_EN.search(text, max(0, e.start - 9), e.start)
                or _LEVEL_AFTER_NAME_EN.match(text, e.end))


_POSSESSIVE_AFTER_EN = re.compile(r"\s?['’]s\b")
_WORD_AFTER_EN = re.compile(r" ([a-z]+)\b")


def _noun_after(text: str, start: int, end: int) -> bool:
    """Does a lower-case word that may be a noun follow the name (an adjective's noun: "Ethiopian
    airspace", "the Lebanese capital", "the Jewish state")? Not a function word, a verb of speech or
    a word ending in -ed ("in Fujian said", "in Fujian reported"), nor a level word after a name with
    no article ("Fujian province"): after those, or a stop or a comma, the name is a place's (pinyin
    names end in -ian as well: Fujian, Hengxian)."""
    from comparison.lexicons.grammar import FUNCTION_WORDS_EN
    from comparison.lexicons.reporting import SPEECH_VERBS_EN

    m = _WORD_AFTER_EN.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    if _LEVEL_AFTER_NAME_EN.match(text, end):
        return text[max(0, start - 4):start].lower() in ("the ", "the")  # (the Jewish state)
    return not (word in FUNCTION_WORDS_EN or word in SPEECH_VERBS_EN or word.endswith("ed"))


def _possessive(text: str, e) -> bool:
    """Is the name ``e`` in the possessive (Smith's, Smith’s: the mark in the name or right after it)?"""
    return _possessive_stripped(e.text) != e.text or bool(_POSSESSIVE_AFTER_EN.match(text, e.end))


def _known_place(name: str) -> bool:
    from geo.places import ids_of_key

    return bool(ids_of_key(name))


def place_keys(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, key) of the named places of a document (LOC entities; in English,
    capitalized names after in/at/near), leaving out the place of a wire dateline."""
    out = []
    datelines = [] if doc.english else [(m.start(), m.end()) for m in _DATELINE_ZH_RE.finditer(doc.simple[:2000])]
    for e in doc.facts.entities:
        if any(s <= e.start < t for s, t in datelines):
            continue
        if e.kind == "LOC" or (doc.english and e.kind in ("NAME", "PER", "ORG") and _english_place(doc, e)):
            key = to_simplified(e.key or e.text).lower()
            out.append((e.start, e.end, f"en:{key}" if doc.english else key))
    return out


# How an article writes a place as a part of another: in Chinese the larger first, joined or by
# 的 (甘肃省石门镇, 陇南市的石门镇), the part ending in a level word below a country; in English the
# part first, "in" or "of" the larger ("Elmford in Varnshire", "the Elm district of Varnshire").
_PART_GAP_ZH = re.compile(r"的?")
_PART_GAP_EN = re.compile(r"(?:\s+(?:town|city|district|county|village|area|region|province|state))?,?\s+(?:in|of)"
                          r"\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+)?")
def _parts_of_places(doc: Doc, places: list[tuple[int, int, str]]) -> dict[str, set[str]]:
    """{part key: keys of the places the article writes it inside}, read from two place names
    written as one address (甘肃省石门镇, "Elmford in Varnshire")."""
    parts: dict[str, set[str]] = {}
    ordered = sorted(places)
    for (_s1, e1, k1), (s2, e2, k2) in zip(ordered, ordered[1:], strict=False):
        if k1 == k2:
            continue
        if doc.english:
            if _PART_GAP_EN.fullmatch(doc.article.text, e1, s2):
                parts.setdefault(k1, set()).add(k2)  # the part first: "Elmford in Varnshire"
        elif _PART_GAP_ZH.fullmatch(doc.simple, e1, s2) and doc.simple[s2:e2].endswith(SUBNATIONAL_SUFFIXES_ZH):
            parts.setdefault(k2, set()).add(k1)  # the larger first: 甘肃省石门镇
    return parts


def _scope(named: set[str], parts: dict[str, set[str]], setting: set[str]) -> set[str]:
    """A figure's places as the scope it counts: a part named with the place it lies in counts
    the part (甘肃省石门镇: 石门镇, marked :data:`PART_MARK`), unless the part is the story's setting."""
    inner = {k for k in named if k in parts and k not in setting}
    if not inner:
        return named
    containers = set().union(*(parts[k] for k in inner))
    return (named - containers) | {PART_MARK}


def assign_places(docs: list[Doc]) -> None:
    """Give each figure's subject the places named in its claim, minus the story's
    setting (the one or two places every article names most), and the area it counts
    (:func:`_assign_area`)."""
    per_doc = [place_keys(doc) for doc in docs]
    # The setting: names every article mentions (as a place or not), the most frequent.
    def key(doc: Doc, e) -> str:
        k = to_simplified(e.key or e.text).lower()
        return f"en:{k}" if doc.english else k

    named = [{key(doc, e) for e in doc.facts.entities} for doc in docs]
    counts: Counter = Counter(key(doc, e) for doc in docs for e in doc.facts.entities)
    in_all = [k for k in counts if all(k in names for names in named)]
    top = max((counts[k] for k in in_all), default=0)
    setting = {k for k in in_all if counts[k] >= top / 2}  # the country (and its peers) every outlet names
    for doc, places in zip(docs, per_doc, strict=True):
        parts = _parts_of_places(doc, places)
        index = _PlaceIndex(doc, places)
        starts = [c.start for c in doc.claims]
        for n, (q, subject) in enumerate(zip(doc.facts.quantities, doc.subjects, strict=True)):
            c = bisect.bisect_right(starts, q.start) - 1
            if c < 0:
                continue
            claim = doc.claims[c]
            in_claim, generic_levels = index.between(claim.start, claim.end)
            named = _scope({k for k, _rank in in_claim if k not in setting}, parts, setting)
            # "第二大城市曼德勒", "a north-western city": a place below the country even
            # when the name is not recognized.
            generic = {f"<{level}>" for level in generic_levels}
            subject.where = frozenset(named | (generic if not named else set()))
            _assign_area(doc, n, claim, index)


class _PlaceIndex:
    """An article's named places (key and level: :func:`_place_rank`) and generic places, sorted once
    by where they start: the places of a stretch of text are found by bisection (a scan of every
    place of the article per figure was quadratic in its length)."""

    def __init__(self, doc: Doc, places) -> None:
        ordered = sorted(places)
        self.starts = [s for s, _e, _k in ordered]
        self.named = [(k, _place_rank(doc, s, e, k)) for s, e, k in ordered]
        # (a place just before a happening, 某县6.4级地震, says where it was: no area a figure counts)
        self.loci = [_happening_after(doc, e) for _s, e, _k in ordered]
        generics = [p for p in doc.facts.places if p.generic and p.level in ("city", "district", "village")]
        self.generic_starts = [p.start for p in generics]
        self.generic_levels = [p.level for p in generics]
        self.figure_starts = sorted(q.start for q in doc.facts.quantities)

    def between(self, start: int, end: int, areas: bool = False) -> tuple[list[tuple[str, int]], list[str]]:
        """(key, level rank) of the named places and the levels of the generic places starting in [start, end)
        (``areas``: not the places of a happening)."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        g_lo, g_hi = bisect.bisect_left(self.generic_starts, start), bisect.bisect_left(self.generic_starts, end)
        named = [p for p, locus in zip(self.named[lo:hi], self.loci[lo:hi], strict=True) if not locus] if areas else (
            self.named[lo:hi])
        return named, self.generic_levels[g_lo:g_hi]


def _assign_area(doc: Doc, n: int, claim, index: _PlaceIndex) -> None:
    """The area figure ``n`` counts (Subject.area_ids, area_within, area_places, area_rank,
    total_rank: read by :func:`comparison.subjects.part_and_whole`): the places (the story's setting
    included) and the total word of its own stretch of its clause, from the figure before it to the
    one after it or a bracket opening its breakdown (郑州12人、新乡5人: each its place). None there
    and no total word, the places its sentence opens with, before its first figure
    (:func:`_sentence_opening_places`)."""
    subject, q, qs = doc.subjects[n], doc.facts.quantities[n], doc.facts.quantities
    before_end = max(qs[n - 1].end, qs[n - 1].counted_end) if n > 0 else 0
    lo = max(claim.start, before_end)
    hi = min(claim.end, qs[n + 1].start) if n + 1 < len(qs) else claim.end
    bracket = _BRACKET_OPEN.search(doc.simple, max(q.end, q.counted_end, lo), max(hi, lo))
    hi = bracket.start() if bracket else hi
    sentence = doc.sentence_at(q.start)
    sentence_start = doc.sentences[sentence].start if sentence >= 0 else claim.start
    # English sets a total off in a phrase of its own ("Across the state, 1,200 homes..."): its
    # sentence before the figure is read; Chinese writes it in the figure's clause (全省共转移…).
    subject.total_rank = area_total(doc.simple, max(sentence_start, before_end) if doc.english else lo, q.start,
                                    max(q.end, q.counted_end), hi, doc.english)
    named, generic_levels = index.between(lo, max(hi, lo), areas=True)
    if subject.part_place:
        named = [*named, (subject.part_place, _place_rank(doc, 0, 0, subject.part_place))]
    if not named and not generic_levels and subject.total_rank is None and not subject.breakdown:
        referred = _referred_place(doc, max(sentence_start, q.start - OPENING_PLACE_CHARS), q.start)
        # (a referring word of a level names that level's place or none: 郑州市政府通报，本省有12人遇难 is
        # the province's count, never the city the sentence opens with)
        named = referred if referred is not None else _sentence_opening_places(doc, index, sentence_start, q.start)
    _set_area(subject, named, [LEVELS.index(level) for level in generic_levels])


_BRACKET_OPEN = re.compile(r"[(（]")
# The opening of a sentence read for the places of a figure whose clause names none: at most this
# many characters before its first figure (bounded work per figure).
OPENING_PLACE_CHARS = 80


def _sentence_opening_places(doc: Doc, index: _PlaceIndex, sentence_start: int, start: int
                             ) -> list[tuple[str, int]]:
    """The places a sentence names before its first figure (河南新乡市应急管理局通报，本轮降雨已致该市
    12个乡镇、5万人受灾，8000人被紧急转移: 新乡 for each), in Chinese the places a body's name opens
    with too (河南新乡市应急管理局: 河南, 新乡市)."""
    k = bisect.bisect_left(index.figure_starts, sentence_start)
    first = min(start, index.figure_starts[k]) if k < len(index.figure_starts) else start
    lo = max(sentence_start, first - OPENING_PLACE_CHARS)
    named, _generic = index.between(lo, first, areas=True)
    if named or doc.english:
        return named
    from geo.places import han_place_keys

    return [(key, _place_rank(doc, 0, 0, key)) for at, key in han_place_keys(doc.simple[lo:first])
            if not _happening_after(doc, lo + at + len(key))]


def _referred_place(doc: Doc, start: int, end: int) -> list[tuple[str, int]] | None:
    """The place a word referring back to a place of one level (该市, 本省:
    lexicons.places.PLACE_REFERENCES_ZH) in ``doc.simple[start:end]`` stands for: the last place of
    that level the gazetteer knows named in the OPENING_PLACE_CHARS before the word, in a body's name
    too (新乡市应急管理局通报，本轮降雨已致该市…: 新乡市). None when there is no such word, [] when
    no place of its level is found (the word still says the area is of that level)."""
    from comparison.lexicons.places import PLACE_REFERENCES_ZH
    from geo.places import han_place_keys, ids_of_key

    if doc.english:
        return None
    m = _place_reference_zh().search(doc.simple, start, max(start, end))
    if not m:
        return None
    level = LEVELS.index(PLACE_REFERENCES_ZH[m.group(0)])
    lo = max(0, m.start() - OPENING_PLACE_CHARS)
    for at, key in reversed(han_place_keys(doc.simple[lo:m.start()])):
        if ids_of_key(key) and _place_rank(doc, 0, 0, key) == level and not _happening_after(doc, lo + at + len(key)):
            return [(key, level)]
    return []


@lru_cache(maxsize=1)
def _place_reference_zh() -> re.Pattern:
    from comparison.lexicons.places import PLACE_REFERENCES_ZH

    return re.compile("|".join(PLACE_REFERENCES_ZH))


def _happening_after(doc: Doc, end: int) -> bool:
    """Is the place ending at ``end`` written just before a happening (某县6.4级地震, 某省遭遇持续强降雨,
    "the Riverton floods": lexicons.places.HAPPENING_NOUNS_ZH/EN)? Then it says where the happening
    was, not the area a figure counts."""
    if doc.english:
        return _happening_after_en().match(doc.article.text, end) is not None
    return _happening_after_zh().match(doc.simple, end) is not None


@lru_cache(maxsize=1)
def _happening_after_zh() -> re.Pattern:
    from comparison.lexicons.places import HAPPENING_GAP_WORDS_ZH, HAPPENING_NOUNS_ZH

    gap = longest_first(HAPPENING_GAP_WORDS_ZH)
    return re.compile(rf"(?:{gap}){{0,3}}(?:\d+(?:\.\d+)?[级次])?(?:{gap}){{0,2}}"
                      rf"(?:{'|'.join(HAPPENING_NOUNS_ZH)})")


@lru_cache(maxsize=1)
def _happening_after_en() -> re.Pattern:
    from comparison.lexicons.places import HAPPENING_NOUNS_EN

    return re.compile(rf"(?:'s|’s)?\s+(?:[\w.-]+\s+)?(?:{'|'.join(HAPPENING_NOUNS_EN)})\b", re.I)


def _set_area(subject: Subject, named: list[tuple[str, int]], generic_ranks: list[int]) -> None:
    from geo.places import containers, ids_of_key

    ids_of = {k: ids_of_key(k[3:] if k.startswith("en:") else k) for k, _rank in named}
    # (a country or a continent is no area one count is a part of: 中国 in a medium's name, 德国之声,
    # or the story's frame; a nationwide total is read from its words, 全国, "nationwide")
    ids_of = {k: ids for k, ids in ids_of.items() if not ids or any(not i.startswith(("C:", "R:")) for i in ids)}
    named = [(k, rank) for k, rank in named if k in ids_of]
    held = containers(frozenset().union(*ids_of.values()))
    # (a place named inside another the stretch names counts the inner one: 河南郑州 is 郑州's)
    own = {k for k, ids in ids_of.items() if ids and not ids <= held}
    subject.area_ids = frozenset().union(*(ids_of[k] for k in own))
    # (places counted by their ids: 郑州 and 郑州市 are one)
    subject.area_within, subject.area_places = containers(subject.area_ids), len({ids_of[k] for k in own})
    subject.area_names = frozenset(k[3:] if k.startswith("en:") else k for k in own)
    subject.area_rank = max([rank for _k, rank in named] + generic_ranks, default=-1)


def area_total(simple: str, lo: int, start: int, end: int, hi: int, english: bool) -> int | None:
    """The level of a total word in ``simple[lo:start]`` (English: or ``simple[end:hi]``, "12 died
    in total"): an index of LEVELS for a total of an area (全省, "statewide"), TOTAL_OF_ALL for a
    total of no level (共, 累计, "in total"), the more specific when both; None for none."""
    found: list[int] = []
    if english:
        for window in ((lo, start), (end, hi)):
            for m in _area_total_en().finditer(simple, window[0], max(window)):
                found.append(_level_rank(AREA_TOTALS_EN.get(m.group(0).lower(), "")))
    else:
        for m in _area_total_zh().finditer(simple, lo, max(lo, start)):
            if m.group(0) == "共" and not gong_is_total(simple, m.end()):
                continue  # 中共党员, 共同, 共赴一线: no adverb of total
            found.append(_level_rank(AREA_TOTALS_ZH.get(m.group(0), "")))
    return max(found) if found else None


def gong_is_total(simple: str, e: int) -> bool:
    """Is the 共 ending at ``e`` the adverb of a total ("in all"), read by the words around it (jieba's
    cut of a few characters either side)? Inside a longer word it is none (中共, 公共, 共和党, 共同,
    共渡难关; a date's 日 before it is no word with it: 5日|共). A word of 共 and one verb (共伤, 共赴)
    is a total only before a number (共伤3人; 共赴一线 "together"). 共 alone governs a number (共12人)
    or a verb phrase (共造成, 共转移, 共从某地运来): a total, unless a one-character verb follows whose
    object is no number (共御|洪峰, 共抗|洪水: "together"). Constant work per 共."""
    s = e - 1
    lo = max(0, s - _GONG_CONTEXT)
    at = lo
    for word in _cut(simple[lo:e + _GONG_CONTEXT]):
        if at <= s < at + len(word):
            break
        at += len(word)
    else:
        return True
    if at < s:
        if s - at == 1 and simple[at - 1:at].isdigit() and simple[at] in "日号月年时天":
            return gong_alone_is_total(simple, e)  # (a date's unit: 5日|共转移)
        if word == "中共" and s - at == 1:
            return localizer_zhong_gong(simple, at)  # 暴雨中|共造成12人 (jieba: 暴雨|中共|造成)
        return word in _GONG_TOTAL_WORDS  # 共 closing a word: 中共, 公共 (合共 a total)
    tags, freq = _jieba_words()
    if len(word) > 2:
        # 共 before a verb cut with it (共|出动) governs it; else a word (共和党, 共渡难关)
        return tags.get(word[1:], "").startswith("v") and gong_alone_is_total(simple, e)
    if len(word) == 1 or simple[e:e + 1] in _GONG_FUNCTION_WORDS or freq.get(
            simple[e:e + 2], 0) > freq.get(word, 0):
        return gong_alone_is_total(simple, e)  # (共|出动: the likelier word after 共, not 共出)
    after = e + 1  # 共 and one verb: 共伤3人, 共赴一线
    return _number_at(simple, after + 1 if simple[after:after + 1] == "了" else after)


def localizer_zhong_gong(simple: str, z: int) -> bool:
    """Are the characters 中共 at ``z`` the localizer 中 ("in", "among") closing a noun of a happening,
    an episode or people and the adverb 共 of a total governing a number (暴雨中|共造成12人遇难, 事故中|
    共有3人死亡, 这些人中|共有5人, 此次行动中|共抓获12人), not the party's short name (指责中共造成,
    纪念中共成立100周年, 遭遇中共打压, 中共中央)? jieba cuts both 中共. Before 中: a happening noun
    (lexicons.places.HAPPENING_NOUNS_ZH), a kind of timed happening (lexicons.categories.
    TIMED_HAPPENINGS: 袭击, 冲突), an episode noun or a noun of people (EPISODE_NOUNS_ZH,
    PEOPLE_NOUN_ENDINGS_ZH): jieba's tags are no guide (纪念, 遭遇, 正值 are tagged nouns). After 共: a
    number within three characters, no clause break between (共12人, 共有3人, 共造成12人, 共造成了12人).
    Constant work."""
    from comparison.lexicons.categories import TIMED_HAPPENINGS
    from comparison.lexicons.places import (
        EPISODE_NOUNS_ZH,
        HAPPENING_NOUNS_ZH,
        PEOPLE_NOUN_ENDINGS_ZH,
    )

    before = simple[max(0, z - _LOCALIZER_NOUN_CHARS):z]
    nouns = (*HAPPENING_NOUNS_ZH, *EPISODE_NOUNS_ZH, *PEOPLE_NOUN_ENDINGS_ZH,
             *(w for words in TIMED_HAPPENINGS.values() for w in words if not w.isascii()))
    if not before.endswith(nouns):
        return False
    e = z + 2
    for k in range(e, min(len(simple), e + 4)):
        if simple[k] == "第" or simple.startswith("百年", k):
            return False  # an ordinal or a centenary names no count (中共第十九届, 中共百年党庆)
        if _number_at(simple, k) and not (simple[k] == "一" and simple[k + 1:k + 2] not in _NUMERAL_CHARS):
            return True  # (not a lone 一, a determiner: 中共起源于一场…)
        if simple[k] in _CLAUSE_BREAK_CHARS or simple[k].isascii() and not simple[k].isdigit():
            return False
    return False


_LOCALIZER_NOUN_CHARS = 4  # the longest noun read before a localizer 中
_CLAUSE_BREAK_CHARS = frozenset("，。；：！？、,;:!?\n")


def gong_alone_is_total(simple: str, e: int) -> bool:
    """共 cut alone: a total before a number, a function word or a verb of two characters; "together"
    before a one-character verb whose object, a noun more likely a word than the verb with its first
    character, follows with no number (共御|洪峰, 共抗|洪水)."""
    if _number_at(simple, e) or simple[e:e + 1] in _GONG_FUNCTION_WORDS:
        return True
    tags, freq = _jieba_words()
    two, next_two = simple[e:e + 2], simple[e + 1:e + 3]
    if freq.get(next_two, 0) <= freq.get(two, 0) or not tags.get(next_two, "").startswith("n"):
        return True  # a word of two characters (共造成, 共收受|贿赂), or no noun after one: read as before
    after = e + 2 if simple[e + 1:e + 2] == "了" else e + 1
    return _number_at(simple, after)  # 共伤3人: a one-character verb governing a number


_GONG_CONTEXT = 4  # characters cut on either side of a 共
_GONG_TOTAL_WORDS = frozenset({"合共", "总共", "一共", "共有", "共计"})
# Prepositions and adverbs that may open the phrase the adverb 共 governs (共从某地运来, 共对某地出售,
# 共将发射, 共约300人): a closed class of grammar words (《现代汉语八百词》 介词, 副词).
_GONG_FUNCTION_WORDS = frozenset("对向从在为被把将与给由于自约已再还又先可达逾近超")


def _cut(text: str) -> list[str]:
    import jieba

    return jieba.lcut(text, HMM=False)


def _number_at(text: str, i: int) -> bool:
    """Does a number open at ``i``: a digit, or a numeral in words followed by another numeral, 余/多
    or a counting measure word (三人, 一百, 数十; not 一线, 两地)?"""
    if i >= len(text):
        return False
    if text[i].isdigit():
        return True
    if text[i] not in _NUMERAL_CHARS or i + 1 >= len(text):
        return False
    return text[i + 1] in _NUMERAL_CHARS or text[i + 1] in "余多" or text[i + 1] in COUNT_MEASURES_ZH


_NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿数几")


@lru_cache(maxsize=1)
def _jieba_words() -> tuple[dict, dict]:
    """jieba's dictionary: word -> part-of-speech tag, word -> frequency."""
    import jieba
    import jieba.posseg

    jieba.dt.check_initialized()
    return jieba.posseg.dt.word_tag_tab, jieba.dt.FREQ


def _level_rank(level: str) -> int:
    return LEVELS.index(level) if level else TOTAL_OF_ALL


@lru_cache(maxsize=1)
def _area_total_zh() -> re.Pattern:
    from comparison.lexicons.categories import GROUP_TOTAL_ZH

    areas = "|".join(AREA_TOTALS_ZH)
    adverbs = longest_first({*GROUP_TOTAL_ZH, *TOTAL_ADVERBS_EXTRA_ZH})
    return re.compile(rf"(?:{areas})(?!{'|'.join(AREA_TOTAL_NOT_BEFORE_ZH)})|{adverbs}")


@lru_cache(maxsize=1)
def _area_total_en() -> re.Pattern:
    words = sorted((*AREA_TOTALS_EN, *TOTAL_ADVERBS_EN), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in words)})(?![\w-])", re.I)


def _place_rank(doc: Doc, start: int, end: int, key: str) -> int:
    """The level of a named place (an index of LEVELS): a township by its level word (乙镇, 青山乡:
    below a county), an English name by the level word after it ("Riverton county"), else its kind
    in the gazetteer (郑州: a city; of a name of several places, the largest), else its level word
    (柳林县), else a village (a name too small for the gazetteer or its level words)."""
    from geo.places import ID_LEVELS, ids_of_key

    name = key[3:] if key.startswith("en:") else key
    if doc.english:
        m = _LEVEL_AFTER_NAME_EN.match(doc.article.text, end)
        if m:
            return LEVELS.index(LEVEL_WORDS_EN[m.group(1).lower()])
    elif any(name.endswith(x) and len(name) - len(x) >= 2 for x in TOWNSHIP_SUFFIXES_ZH):
        return LEVELS.index("village")  # (新乡 is a city: a name of one character and 乡 is no township)
    known = [LEVELS.index(ID_LEVELS[i[0]]) for i in ids_of_key(name) if i[0] in ID_LEVELS]
    if known:
        return min(known)
    level = "" if doc.english else level_of_name(name)
    return LEVELS.index(level or "village")


_LEVEL_AFTER_NAME_EN = re.compile(r"\s+(" + "|".join(LEVEL_WORDS_EN) + r")\b", re.I)
