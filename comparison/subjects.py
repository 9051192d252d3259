"""What a number is about: the counted thing, the event, and whether two match.

Two figures are only compared when they count the same kind of thing for the same
event (deaths, missing, arrests, escapes...). "about 300 soldiers flown back" and
"1,037 soldiers who crossed" count soldiers for different events of one story: the
classifier also checks that neither outlet itself reports both figures as different
numbers (see ``comparison.compare``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from comparison.background import is_background
from comparison.lexicons.categories import (
    COUNTED_FAMILIES,
    DAILY_WORDS,
    GENERIC_PEOPLE,
    GROUP_NOUNS_ZH,
    GROUP_TOTAL_ZH,
    HEDGES,
    IDENTITY_COPULAS_AFTER_ZH,
    KIN_NOUNS_EN,
    KIN_NOUNS_ZH,
    PEOPLE_FAMILIES,
    PRESENCE_VERBS_BEFORE_ZH,
    SOUGHT_MARKERS_ZH,
    SOUGHT_VERBS_ZH,
    STRONG_DAMAGE,
    WHO_LEAVES_EVENTS,
    event_forms,
    who_leaves_event,
)
from comparison.lexicons.grammar import FUNCTION_WORDS_EN
from comparison.lexicons.places import OCCURRING_VERBS_ZH
from comparison.lexicons.quantifiers import (
    ADDITIVE_EN,
    ADDITIVE_ZH,
    CHANGE_ADVERBS_ZH,
    CHANGE_BASES_MONTH_ZH,
    CHANGE_BASES_YEAR_ZH,
    CHANGE_BASES_ZH,
    CHANGE_DOWN_ZH,
    CHANGE_VERBS_ZH,
    CHANGED_THING_NAMES_EN,
    CHANGED_THING_NAMES_ZH,
    INCLUSIVE_FRAME_ZH,
    NAMED_THING_HEADS_EN,
    NAMED_THING_HEADS_ZH,
    PARTITIVE_EN,
    PARTITIVE_ZH,
    SERIES_PART_EN,
    THING_QUALIFIER_PREFIXES_ZH,
    THING_QUALIFIERS_ZH,
    WHOLE_GROUP_ADVERBS_ZH,
)
from comparison.lexicons.reporting import LIGHT_VERBS_ZH
from comparison.lexicons.timewords import (
    PAST_MARKERS_ZH,
    PERIOD_FIRST_ZH,
    PERIOD_HALVES_ZH,
    PERIOD_QUARTER_ZH,
    PERIOD_RECENT_ZH,
    PERIOD_SINCE_STARTS_ZH,
    PERIOD_SINCE_ZH,
    PERIOD_UNITS_ZH,
    PERIOD_YEAR_NOT_BEFORE_ZH,
    THEN_WORDS_ZH,
)
from comparison.numbers import Quantity
from comparison.text import longest_first, to_simplified

_GENERIC_PEOPLE = GENERIC_PEOPLE
_PEOPLE_FAMILIES = PEOPLE_FAMILIES
_STRONG_DAMAGE = STRONG_DAMAGE
_DAILY = DAILY_WORDS
_HEDGES = HEDGES
_GROUP_SIZE_RE = re.compile(
    rf"(?P<group>[\u4e00-\u9fff]{{2,8}}?)(?:{'|'.join(GROUP_NOUNS_ZH)})?(?:{'|'.join(GROUP_TOTAL_ZH)})\s*$"
)


@lru_cache(maxsize=4096)
def word_pattern(word: str) -> re.Pattern | None:
    """Latin words match whole words, case-insensitively; Chinese ones as substrings."""
    if re.search(r"[A-Za-z]", word):
        return re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", re.IGNORECASE)
    return None


_LATIN = re.compile(r"[A-Za-z]")


def contains(text: str, word: str) -> bool:
    return find_word(text, word) >= 0


def find_word(text: str, word: str) -> int:
    pattern = word_pattern(word)
    if pattern is None:
        return text.find(word)
    if word[0] not in text and word[0].upper() not in text and word[0].lower() not in text:
        return -1  # cheap exit: most Latin words cannot occur in a Chinese clause
    m = pattern.search(text)
    return m.start() if m else -1


_CLAUSE_BREAK = re.compile(r"[，。；：！？,;\n]")


@dataclass
class Subject:
    """The counted thing of one quantity, as far as the text says."""

    family: str  # "" when unknown or generic people
    kind: str  # sub-kind ("reservists"), "" when unknown
    keyword: str  # the keyword that matched, for the "why"
    events: frozenset[str]
    event_words: tuple[str, ...]
    qualifiers: frozenset[str]  # places/groups inside the counted phrase (阿富汗, 塔利班)
    days: frozenset  # calendar days named in the figure's clause (7日新增920例)
    hedged: bool  # a forecast or estimate (可能飙升到1000多例): not a reported fact
    generic_people: bool
    unit: str
    percent: bool
    has_total: bool
    total: float | None = None
    is_total: bool = False
    # A distance's reference: (bearing, place) of "40 miles north of Kabul".
    anchor: tuple | None = None  # (direction, place key, place as written)
    # Places named in the figure's clause, minus the story's setting (the country
    # every outlet names): 曼德勒有40人死亡 is not a count for the whole country.
    where: frozenset[str] = frozenset()
    fractional: bool = False  # 4.3 with no unit: not a count of people or things
    # A conversion in brackets right after another figure ("110 billion euro (93.6 billion
    # pound)", "40 miles (64 km)"): the same fact restated, compared only with conversions.
    conversion: bool = False
    # A breakdown of the count just before it, set off by a dash or bracket ("three bank
    # workers - two women and a man -", 3人死亡（2男1女）): a part, compared only with parts.
    breakdown: bool = False
    # A depth (震源深度10公里, "at a depth of 10 km", "10 km deep"), never set against a distance.
    depth: bool = False
    # The figure's days are an earlier happening's (comparison.background): compared only
    # with figures of one of those days.
    background: bool = False
    # The figure's days come from a span of days its clause names ("from 1 to 30 June",
    # "8-12 August"): a total over the span, perhaps, never one day's count told otherwise.
    spanned: bool = False
    # The base-unit range of the count this one is a part of (13人死亡，其中包括九名…: 13), when
    # opened by a partitive word (inherit_partitive_events).
    whole: tuple[float, float] | None = None
    # A span of ages (年龄在7至16岁之间, "aged 7 to 16"): a group's, never one person's age.
    age_span: bool = False
    # The counted noun's head as written (lower case, Simplified, an English plural's "s"
    # dropped): two counts of one unlisted thing ("14 smugglers" / "14 smugglers") share it.
    noun: str = ""
    # The opening or closing run of a series ("her first 12 serves" of 40): a part, compared
    # only with another such run.
    series_part: bool = False
    # The one calendar day the figure's clause (else its sentence before it) names, whatever kind
    # of count (``days`` keeps it only where it tells facts apart): the day a finding shows, so
    # a reader does not take the publication time for it (周日，古巴确诊了6750个病例: Sunday).
    named_day: date | None = None
    # A part of a bracketed breakdown labelled by a place (（甲地4.6万人受灾；乙地7.2万人受灾）: 乙地), and
    # the places a figure's sentence names, the story's setting included: a labelled part is set
    # against a whole figure whose sentence names its place (comparison.figure_pairs.candidate).
    part_place: str = ""
    sentence_places: frozenset[str] = frozenset()
    # A Chinese share or percentage points right after a verb of change: the thing changed and the
    # direction (猪肉价格同比下降36.5%: "猪肉价格|down"; 消费者物价指数（CPI）年涨1.1%: "cpi|up"), else "".
    changed: str = ""
    # The named thing a share of change is of, as a key (an index's acronym, 居民消费价格指数: "cpi"; a
    # price or index named otherwise as written, 食品价格), else "": inherited by a later share of its
    # sentence naming none (CPI同比涨1.1%，环比降0.4%: both CPI's). Shares of two named things are
    # other facts (:func:`different_changed_things`).
    change_thing: str = ""
    # The month and the basis the change is written with, when its words say (6月CPI同比上涨1.1%:
    # "6", "year"): two changes of one thing with another month or basis are other facts.
    change_frame: tuple[str, str] = ("", "")
    # The area the figure counts, as its clause names it, the story's setting included
    # (comparison.docs.assign_places): the gazetteer ids of its most specific places (a place the
    # clause names inside another it names: the inner one), the ids of the places holding them, the
    # level of its most specific place (an index of lexicons.places.LEVELS, -1: none), and the level
    # of a total word before it (全省, "across the state"; TOTAL_OF_ALL for 共, 累计, "in total";
    # None: none). Read by :func:`part_and_whole`.
    area_ids: frozenset[str] = frozenset()
    area_within: frozenset[str] = frozenset()
    area_places: int = 0  # how many places area_ids stand for (新乡、鹤壁等地: 2)
    # The names of those places as written (simplified, lower case): a name opening another's is that
    # place written short (甘孜 / 甘孜藏族自治州), never a part of it.
    area_names: frozenset[str] = frozenset()
    area_rank: int = -1
    total_rank: int | None = None
    # A count of who was there or what they were (现场有200人, 42人是军人: :func:`present_count`), with
    # no event word of its own: never a casualty count (comparison.figure_pairs.candidate).
    present: bool = False
    # A count of the kin of people (30名死者家属, "30 relatives of the dead": :func:`counts_kin`): never
    # set against a count of anyone else (comparison.figure_pairs.candidate).
    kin: bool = False


_MAX_CLAUSE_REACH = 150  # bounded cost: a clause is read at most this far on each side


# English commas mostly set off appositions ("Three people, one of them a pregnant
# woman, were killed"): an English figure's clause runs to ; or the sentence end.
_CLAUSE_BREAK_EN = re.compile(r"[;\n]|[.!?](?=\s)")


def _clause(simple: str, start: int, end: int, english: bool = False) -> tuple[int, int]:
    floor = max(0, start - _MAX_CLAUSE_REACH)
    pattern = _CLAUSE_BREAK_EN if english else _CLAUSE_BREAK
    before = [m.end() for m in pattern.finditer(simple, floor, start)]
    left = before[-1] if before else floor
    after = pattern.search(simple, end, min(len(simple), end + _MAX_CLAUSE_REACH))
    right = after.start() if after else min(len(simple), end + _MAX_CLAUSE_REACH)
    return left, right


_SENTENCE_ENDS = ("。", "！", "？", "\n", ". ", "! ", "? ")
# The first sentence end after a position, in one scan that stops there (a str.find per end
# scanned to the text's end for each end the text lacks: 。 in English, once per figure).
_SENTENCE_END_RE = re.compile("|".join(re.escape(c) for c in _SENTENCE_ENDS))


def _sentence_start(simple: str, position: int) -> int:
    """Start of the sentence holding ``position`` (searching back at most 2,000
    characters: bounded cost on a text with no sentence ends)."""
    floor = max(0, position - 2000)
    found = max(simple.rfind(c, floor, position) for c in _SENTENCE_ENDS)
    if found < 0:
        return floor
    return found + (2 if simple[found] in ".!?" else 1)


def subject_of(q: Quantity, text: str, place_names: set[str],
               neighbours: tuple[int, int] | None = None, dates: list | None = None, simple: str | None = None,
               english: bool = False, published_day: date | None = None) -> Subject:
    """``published_day``: the article's local publication day (earlier happenings' figures).
    ``neighbours``: end of the previous and start of the next quantity (-1 and past the text's end
    for none: the text's edges are no figures whose event words they would take), so the
    event words of one figure are not read from the clause of another
    (逮捕6名歹徒并在楼内找到3具尸体: 6 were arrested, 3 were found dead)."""
    if simple is None:
        simple = to_simplified(text)
    simple_counted = to_simplified(q.counted)
    family, kind, keyword, group_size = _counted_family(q, simple, simple_counted)
    unit = q.unit
    generic = not family and (not simple_counted or any(simple_counted.lower().endswith(g) for g in _GENERIC_PEOPLE)
                              or any(w in _GENERIC_PEOPLE for w in simple_counted.lower().split())
                              or unit in ("名", "人", "位"))
    left, right = _figure_clause(q, simple, neighbours, english)
    clause = simple[left:right]
    events, words = _clause_events(clause)
    events, words = _who_leaves(events, words, family, clause)
    events, words = _still_sought(events, words, clause)
    complement = _event_after_noun(simple, q) if english else None
    if complement is not None:
        events, words = set(complement[0]), [complement[1]]
    if group_size:
        events, words = {"group"}, ["共"]  # the group's size is its own fact, not a count of arrests or deaths
    if simple[q.end:q.end + 1] == "死" or simple[q.end:q.end + 2] in ("人死", "名死"):
        events.add("killed")  # 累计3死, 2人死
        words.append("死")
    kin = q.dimension == "count" and not q.percent and counts_kin(q, simple, simple_counted, english)
    if kin and events & CASUALTY_EVENTS:
        # 30名死者家属, "30 relatives of the dead": the kin are counted, no casualty
        kept = [w for w in words if not any(w in event_forms()[e] for e in events & CASUALTY_EVENTS)]
        events, words = events - CASUALTY_EVENTS, kept
    qualifiers = frozenset(p for p in place_names if p and p in simple_counted)
    days, background, spanned = _figure_days(q, simple, dates, left, right, published_day, bool(events))
    hedged = any(contains(clause, w) for w in _HEDGES)
    fractional = q.dimension == "count" and not q.percent and not float(q.low).is_integer() and not q.vague
    return Subject(family, kind, keyword, frozenset(events), tuple(words), qualifiers, days, hedged, generic,
                   "%" if q.percent else (_unit_class(unit) if q.dimension == "count" else q.dimension), q.percent, q.total is not None,
                   q.total, q.is_total, fractional=fractional, background=background, spanned=spanned,
                   age_span=q.dimension == "age" and q.span,
                   series_part=english and q.dimension == "count" and _after_series_word(simple, q.start), noun=_age_person(simple, q) if english and q.dimension == "age" else _head_noun(simple_counted, english),
                   named_day=named_day(q, simple, dates, left, right),
                   changed="" if english or not (q.percent or q.unit.endswith("百分点")) else changed_thing(simple, q.start),
                   change_frame=("", "") if english or not (q.percent or q.unit.endswith("百分点")) else change_frame(simple, q.start),
                   present=not english and not events and present_count(q, simple), kin=kin)


_KIN_ZH = tuple(sorted(KIN_NOUNS_ZH, key=len, reverse=True))
_KIN_EN_RE = re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, KIN_NOUNS_EN), key=len, reverse=True))})\b", re.I)


def counts_kin(q: Quantity, simple: str, simple_counted: str, english: bool) -> bool:
    """Does the figure count the kin of people (lexicons.categories.KIN_NOUNS_ZH/_EN: 30名死者家属,
    30名遇难者的家属, "30 relatives of the dead", "30 victims' families")? Read in the counted noun
    and the few characters right after it: constant work."""
    end = max(q.end, q.counted_end)
    if english:
        return bool(_KIN_EN_RE.search(simple_counted) or simple[q.end:q.end + 12].lower().lstrip().startswith(
            "next of kin"))
    after = simple[end:end + 4]
    return simple_counted.endswith(_KIN_ZH) or after.startswith(_KIN_ZH) or (
        after.startswith("的") and after[1:].startswith(_KIN_ZH))


_SOUGHT_BEFORE_RE = re.compile(rf"(?:{longest_first(SOUGHT_MARKERS_ZH)})$")


def _still_sought(events: set[str], words: list[str], clause: str) -> tuple[set[str], list[str]]:
    """A verb of the hunt right after a marker of an action still going on (仍在拦截另外8名佣兵,
    正在搜捕: lexicons.categories.SOUGHT_MARKERS_ZH, SOUGHT_VERBS_ZH) names the people still sought, not the caught;
    so does a word of the sought in the clause (在逃, 通缉, "still at large") beside no other arrest
    word. Each arrest word is looked up once in the clause: bounded by the clause."""
    if "arrested" not in events:
        return events, words
    arrest_words = event_forms()["arrested"]
    done = False
    still = False
    for w in arrest_words:
        at = clause.find(w)
        if at < 0:
            continue
        marker = _SOUGHT_BEFORE_RE.search(clause, max(0, at - 4), at) if w in SOUGHT_VERBS_ZH else None
        if marker and not any(clause.endswith(v, 0, at) for v in LIGHT_VERBS_ZH):
            still = True
        else:
            done = True
    if still and not done:
        events = (events - {"arrested"}) | {"sought"}
    elif "sought" in events and not done:
        events = events - {"arrested"}
    return events, words


# A verb of being there or having right before a figure, a qualifier of it between (现场有200人,
# 机上共载有45人, 工厂雇用约300名员工), or a qualifier ending in 有 opening the figure (约有200人).
_PRESENCE_BEFORE_RE = re.compile(
    rf"(?<!所)(?:{longest_first(PRESENCE_VERBS_BEFORE_ZH)})[了着]?(?:共|约|近|总共|一共|大约|将近|超过|逾)?$")
_PRESENCE_OPENINGS = ("约有", "至少有", "大约有")
# A copula right after the counted noun, then the noun of what the people were (42人是军人): not 是否
# ("whether"), nor a number or a clause break after it.
_IDENTITY_AFTER_RE = re.compile(rf"(?:{'|'.join(IDENTITY_COPULAS_AFTER_ZH)})(?!否)[\u4e00-\u9fff]")


def present_count(q: Quantity, simple: str) -> bool:
    """Does a Chinese count of people say who was there or what they were (lexicons.categories.
    PRESENCE_VERBS_BEFORE_ZH, IDENTITY_COPULAS_AFTER_ZH: 现场有200人, 机上载有45人, 42人是军人),
    read only for a count with no event word of its own? Constant work (a few characters around)."""
    if q.dimension != "count" or q.percent:
        return False
    end = max(q.end, q.counted_end)
    after = simple[end:end + 2].lstrip(" ")
    # 有 and a count closing its clause says who was there; a verb phrase after the count tells what
    # befell them (有40人被迫害致死, 有3人下落不明: 有 opens the pivot of a 兼语 sentence), no presence.
    # A clause opened by an adverb of the whole group after it (机上有45人，全部遇难) tells what befell
    # all of them: the count is their toll.
    if (_PRESENCE_BEFORE_RE.search(simple, max(0, q.start - 8), q.start) or to_simplified(q.text).startswith(
            _PRESENCE_OPENINGS)) and (not after or after[0] in _CLAUSE_END_CHARS):
        comma = simple.find(after[:1], end) if after[:1] in ("，", ",") else -1
        return comma < 0 or not simple.startswith(WHOLE_GROUP_ADVERBS_ZH, comma + 1)
    return _IDENTITY_AFTER_RE.match(simple, end) is not None and not _number_at_zh(simple, end + 1)


_CLAUSE_END_CHARS = "，。；：！？,;:!?\n）)”」"


def _number_at_zh(simple: str, at: int) -> bool:
    return at < len(simple) and (simple[at].isdigit() or simple[at] in "零〇一二两三四五六七八九十百千万亿数几")


_CHANGE_VERB_BEFORE_RE = re.compile(rf"(?:{longest_first(CHANGE_VERBS_ZH)})[约了]{{0,2}}$")
# A month or a period opening or closing the thing changed (6月居民消费价格, 消费价格上月同比, 由上月): no
# part of it.
_PERIOD_ZH = (r"(?:\d{1,2}\s*[-—至到~]\s*\d{1,2}月(?:份)?|\d{1,2}月(?:份)?|上月|本月|今年|去年|上半年|下半年|全年"
              r"|第?[一二三四1-4]季度|前[一二两三四五六七八九十\d]{1,2}(?:个?月|季度))")
_PERIOD_OPENING_RE = re.compile(rf"^{_PERIOD_ZH}+")
_CHANGE_BASES_RE = re.compile(
    rf"(?:(?:由|从)?{_PERIOD_ZH}|{longest_first((*CHANGE_BASES_ZH, *CHANGE_ADVERBS_ZH))})+$")
_ACRONYM_GLOSS_RE = re.compile(r"[（(]([A-Za-z]{2,6})[)）]$")
_CHANGED_REACH = 24


def changed_thing(simple: str, start: int) -> str:
    """The thing a Chinese share right after a verb of change says changed, with the direction:
    the words between the clause's start (a comma, 其中, 中的) and the verb, without the basis of
    the change (同比, 年, 与去年同期相比) or a period opening them (6月, 上月); a name glossed by
    an acronym in brackets is the acronym (消费者物价指数（CPI）: cpi). "" when no verb of change
    is right before the share or no such words stand before it."""
    verb = _CHANGE_VERB_BEFORE_RE.search(simple, max(0, start - 6), start)
    if verb is None:
        return ""
    word = verb.group(0).rstrip("约了")
    lo = max(0, verb.start() - _CHANGED_REACH)
    before = simple[lo:verb.start()]
    cut = max(max(before.rfind(c) for c in "，。；：、,;:\n%") + 1, before.rfind("其中") + 2 if "其中" in before else 0,
              before.rfind("中的") + 2 if "中的" in before else 0)
    thing = _CHANGE_BASES_RE.sub("", before[cut:])
    thing = _PERIOD_OPENING_RE.sub("", thing).strip()
    gloss = _ACRONYM_GLOSS_RE.search(thing)
    if gloss:
        thing = gloss.group(1).lower()
    if len(thing) < 2 or any(ch.isdigit() for ch in thing):
        return ""
    return f"{thing.lower()}|{'down' if word in CHANGE_DOWN_ZH else 'up'}"


def change_frame(simple: str, start: int) -> tuple[str, str]:
    """(the month, the basis) a share right after a verb of change is written with, between the
    clause's start and the verb: 6月CPI同比上涨1.1% is ("6", "year"), CPI环比上涨 ("", "month"),
    年涨 ("", "year"); "" where the words name none (上月 and 今年 are read as none: they depend
    on the day of the report)."""
    verb = _CHANGE_VERB_BEFORE_RE.search(simple, max(0, start - 6), start)
    if verb is None:
        return "", ""
    before = simple[max(0, verb.start() - _CHANGED_REACH):verb.start()]
    before = before[max(before.rfind(c) for c in "，。；：、,;:\n%") + 1:]
    month = _change_period(before)
    bases = _CHANGE_BASES_RE.search(before)
    basis = ""
    if bases:
        words = bases.group(0)
        if any(w in words for w in CHANGE_BASES_YEAR_ZH):
            basis = "year"
        elif any(w in words for w in CHANGE_BASES_MONTH_ZH):
            basis = "month"
        elif words.endswith("年"):
            basis = "year"  # 年涨: a yearly change
    return month, basis


_NUMERALS_ZH = {c: n for n, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
# The period a share of change is written for (lexicons.timewords: PERIOD_HALVES_ZH, PERIOD_QUARTER_ZH,
# PERIOD_FIRST_ZH): the first months or quarters of a year (前5个月, 1-5月, 前三季度), a quarter (一季度,
# 第二季度), a half or the whole year (上半年, 下半年, 全年), a month (6月).
_CHANGE_PERIOD_RE = re.compile(
    r"(?P<first>前(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,2})(?P<unit>个?月|季度))"
    r"|(?P<span>(?P<a>\d{1,2})\s*[-—至到~]\s*(?P<b>\d{1,2})月)"
    r"|(?P<quarter>第?(?P<q>[一二三四1-4])季度)"
    r"|(?P<half>上半年|下半年|全年)"
    r"|(?P<month>(?P<m>\d{1,2})月)")


def _small_number(text: str) -> int:
    """A count of months or quarters in digits or Chinese numerals (5, 五, 十一)."""
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + _NUMERALS_ZH.get(text[1:2], 0)
    return _NUMERALS_ZH.get(text[:1], 0)


def _change_period(before: str) -> str:
    """The period the words before a verb of change name, as a key ("6" a month, "1-5" months, "q2"
    a quarter, "q1-3" the first quarters, "h1" / "h2" / "y" a half or the whole year; "" none): a
    share of change for one period is another fact than one for another (一季度增长18.3% /
    上半年增长12.7%; 6月 / 1-6月). The last period named is the change's."""
    periods = list(_CHANGE_PERIOD_RE.finditer(before))
    found = periods[-1] if periods else None
    if found is None:
        return ""
    if found.group("first"):
        n = _small_number(found.group("n"))
        return f"q1-{n}" if found.group("unit") == "季度" else f"1-{n}"
    if found.group("span"):
        a, b = int(found.group("a")), int(found.group("b"))
        return f"{a}-{b}" if a != b else str(a)
    if found.group("quarter"):
        return f"q{_small_number(found.group('q'))}"
    if found.group("half"):
        return {"上半年": "h1", "下半年": "h2", "全年": "y"}[found.group("half")]
    return str(int(found.group("m")))


_THING_NAMES = sorted(((name, key) for key, names in CHANGED_THING_NAMES_ZH.items() for name in names),
                      key=lambda p: len(p[0]), reverse=True)
_ACRONYM_THING_RE = re.compile(r"[a-z]{2,6}")


def changed_thing_key(changed: str) -> str:
    """The key of a named thing changed (``Subject.changed``, "thing|direction"): an index written
    by its acronym or by a name of it (lexicons.quantifiers.CHANGED_THING_NAMES_ZH: 居民消费价格指数,
    消费者物价指数: "cpi"), or a thing ending in a head noun of a price or index (NAMED_THING_HEADS_ZH:
    食品价格, 猪肉价格) as written; "" for any other reading (a verb read as the thing, 转为): only
    these readings are sure enough to tell two facts apart."""
    thing = changed.rpartition("|")[0]
    if not thing:
        return ""
    acronym = re.search(r"[a-z]{2,6}$", thing)
    if acronym and acronym.group(0) in CHANGED_THING_NAMES_ZH:
        return acronym.group(0)
    for name, key in _THING_NAMES:
        if thing.endswith(name):
            return key
    if _ACRONYM_THING_RE.fullmatch(thing):
        return thing
    return thing if thing.endswith(NAMED_THING_HEADS_ZH) and len(thing) > 2 else ""


_THING_NAMES_EN = sorted(((name, key) for key, names in CHANGED_THING_NAMES_EN.items() for name in names),
                         key=lambda p: len(p[0]), reverse=True)
_ENGLISH_THING_RE = re.compile(
    rf"((?:[a-z][a-z'-]*\s+)?(?:{'|'.join(sorted(map(re.escape, NAMED_THING_HEADS_EN), key=len, reverse=True))}))"
    r"(?:\s+(?:also|have|has|had|were|was|are|is|again|further))*\s*$", re.I)


def english_change_thing(simple: str, q: Quantity) -> str:
    """The key of the named thing an English share of change is of: an index by a name of it
    (lexicons.quantifiers.CHANGED_THING_NAMES_EN: "consumer prices rose 1.1%": "cpi") or a price
    named by the word before "prices" ("food prices fell 1.7%": "en:food prices"; marked English, so
    no Chinese name is told apart from it by its spelling); "" for any other. Bounded: two anchored
    searches in the 80 characters before the figure."""
    from comparison.numbers_en import change_verb_before

    verb = change_verb_before(simple, q.start)
    if verb is None:
        return ""
    before = simple[max(0, verb.start() - 60):verb.start()].lower()
    for name, key in _THING_NAMES_EN:
        if re.search(rf"\b{re.escape(name)}(?:\s+(?:also|have|has|had|were|was|are|is|again|further))*\s*$", before):
            return key
    m = _ENGLISH_THING_RE.search(before)
    if m is None or m.group(1).split()[0] in FUNCTION_WORDS_EN or len(m.group(1).split()) < 2:
        return ""  # "the prices", bare "prices": no named thing
    return "en:" + m.group(1)


def name_changed_things(subjects: list[Subject], qs: list[Quantity], simple: str, english: bool = False) -> None:
    """Set each share's ``change_thing`` (:func:`changed_thing_key`); a share of change naming none
    takes the one of the share before it in its sentence (CPI同比涨1.1%，环比降0.4%; 食品价格由5月上涨
    0.3%转为下降1.7%). One look between neighbouring shares: linear in the text."""
    previous_key, previous_end = "", -1
    for subject, q in zip(subjects, qs, strict=True):
        if english:
            subject.change_thing = english_change_thing(simple, q) if subject.percent else ""
            continue
        if not subject.percent or not (subject.changed or subject.change_frame != ("", "")
                                       or _CHANGE_VERB_BEFORE_RE.search(simple, max(0, q.start - 6), q.start)):
            continue
        key = changed_thing_key(subject.changed)
        if not key and previous_key and previous_end >= 0 and _SENTENCE_END_RE.search(
                simple, previous_end, q.start) is None:
            key = previous_key
        subject.change_thing = key
        previous_key, previous_end = key, q.end


def different_changed_things(a: Subject, b: Subject) -> bool:
    """Two shares of change of two named things (CPI / 食品价格, PPI / CPI, 猪肉价格 / 食品价格:
    ``Subject.change_thing``): other facts, whatever the values. A name ending another (全国食品价格
    / 食品价格) is one thing written longer."""
    x, y = a.change_thing, b.change_thing
    if any(u.startswith("en:") and not v.startswith("en:") and v not in CHANGED_THING_NAMES_EN for u, v in ((x, y), (y, x))):
        return False  # a price named in English against one named in Chinese: spelling tells nothing
    return bool(a.percent and b.percent and x and y and not (x.endswith(y) or y.endswith(x)))


def different_change_frames(a: Subject, b: Subject) -> bool:
    """Two shares of change written for other periods or against other bases (一季度 / 上半年, 同比 /
    环比: ``Subject.change_frame``, each read where its words name it): other facts, whatever the
    values."""
    return bool(a.percent and b.percent and any(x and y and x != y for x, y in zip(
        a.change_frame, b.change_frame, strict=True)))


# An index or measure named with its acronym in brackets, either way round (居民消费价格指数(CPI),
# CPI（居民消费价格指数）): the article's key for it.
_NAME_THEN_ACRONYM_RE = re.compile(r"([\u4e00-\u9fff]{2,12})[（(]([A-Za-z]{2,6})[)）]")
_ACRONYM_THEN_NAME_RE = re.compile(r"(?<![A-Za-z])([A-Za-z]{2,6})[（(]([\u4e00-\u9fff]{2,12})[)）]")
_INDEX_HEADS_ZH = ("指数",)


def acronym_changes(subjects: list[Subject], simple: str, places: set[str]) -> None:
    """A thing changed written without its acronym where the article glosses that name with one
    elsewhere (中国居民消费价格上涨1.1% … CPI（居民消费价格指数）): keyed by the acronym, so it meets
    another outlet's "CPI" (a leading place and a trailing 指数 aside)."""
    glossed: dict[str, str] = {}
    for m in _NAME_THEN_ACRONYM_RE.finditer(simple):
        glossed.setdefault(m.group(1), m.group(2).lower())
    for m in _ACRONYM_THEN_NAME_RE.finditer(simple):
        glossed.setdefault(m.group(2), m.group(1).lower())
    if not glossed:
        return
    bare = {}
    for name, acronym in glossed.items():
        bare.setdefault(name, acronym)
        for head in _INDEX_HEADS_ZH:
            if name.endswith(head) and len(name) - len(head) >= 2:
                bare.setdefault(name[:-len(head)], acronym)
    for subject in subjects:
        if not subject.changed:
            continue
        thing, _, direction = subject.changed.rpartition("|")
        # The longest place the thing opens with, two characters or more left after it (its
        # prefixes looked up: a scan of every place per share grew with the article twice over).
        cut = next((k for k in range(len(thing) - 2, 1, -1) if thing[:k] in places), 0)
        thing = thing[cut:]
        acronym = next((a for name, a in bare.items() if thing == name or (len(thing) >= 4 and name.endswith(thing))),
                       None)
        if acronym is not None:
            subject.changed = f"{acronym}|{direction}"


def thing_qualifiers(changed: str) -> str:
    """The restrictive modifiers of a thing changed (``Subject.changed``, "thing|direction"), sorted
    and joined: 核心cpi|up is "核心", 其他用品及服务价格|down "其他", 非食品价格|up "非", cpi|up ""
    (lexicons.quantifiers.THING_QUALIFIERS_ZH, THING_QUALIFIER_PREFIXES_ZH)."""
    thing = changed.rpartition("|")[0]
    found = {w for w in THING_QUALIFIERS_ZH if w in thing}
    for prefix in THING_QUALIFIER_PREFIXES_ZH:
        at = 0 if thing.startswith(prefix) else thing.find("的" + prefix) + 1
        if at == 0 and not thing.startswith(prefix):
            continue
        from comparison.phonetics import word_boundaries

        if len(prefix) in word_boundaries(thing[at:at + _PREFIX_WORD_WINDOW]):
            found.add(prefix)  # 非/食品, not 非洲 (a word of the dictionary)
    return "".join(sorted(found))


# Characters read after a qualifying prefix to tell it from a word it opens (非洲, 非常).
_PREFIX_WORD_WINDOW = 6


def same_change(a: Subject, b: Subject) -> bool:
    """Two shares of change of one thing in one direction (猪肉价格下降36.5% / 猪肉价格同比下跌36.5%; an
    index by its acronym or a name of it, CPI / 居民消费价格指数: ``Subject.change_thing``)."""
    one_thing = a.changed == b.changed or bool(
        a.change_thing and a.change_thing == b.change_thing and a.changed.rpartition("|")[2] == b.changed.rpartition("|")[2])
    return (bool(a.changed and b.changed) and one_thing and a.percent and b.percent and not (a.hedged or b.hedged)
            and all(x == y or not x or not y for x, y in zip(a.change_frame, b.change_frame, strict=True)))


_SERIES_WORD_RE = re.compile(rf"\b(?:{'|'.join(SERIES_PART_EN)})\s+$", re.I)


def _after_series_word(text: str, start: int) -> bool:
    """Does an ordinal of a series' run stand right before the figure ("first 12 serves")?"""
    return bool(_SERIES_WORD_RE.search(text, max(0, start - 12), start))


_AGE_PERSON_RE = re.compile(r"\s*-?\s*(?:old\b\s*)?([A-Za-z]+)")


def _age_person(text: str, q: Quantity) -> str:
    """The person noun right after an English age ("41-year-old man": "man"), lower case; none
    when a function word follows ("the 41-year-old was arrested", "aged 40 and over")."""
    m = _AGE_PERSON_RE.match(text, q.end, q.end + 24)
    word = m.group(1).lower() if m else ""
    return "" if word in FUNCTION_WORDS_EN else word


# The casualty events: a count of the dead, of the injured (in all or by grade) and of the
# missing are three facts, never one.
CASUALTY_EVENTS = frozenset({"killed", "injured", "missing", "injured-serious", "injured-critical", "injured-light",
                             "trapped"})
_CASUALTIES = CASUALTY_EVENTS


def other_casualties(a: Subject, b: Subject) -> bool:
    """The dead against the injured or the missing (14 killed vs at least six injured): both
    figures name casualty events only, and none in common."""
    return bool(a.events and b.events and a.events <= _CASUALTIES and b.events <= _CASUALTIES
                and not a.events & b.events)


def sought_and_caught(a: Subject, b: Subject) -> bool:
    """The people still sought (仍在追捕, 在逃, "still at large": the "sought" event) against the
    arrested (11名嫌疑人被逮捕): other people, other facts, never an update of one count."""
    return any("sought" in x.events and "arrested" in y.events and "sought" not in y.events
               for x, y in ((a, b), (b, a)))


def kin_and_others(a: Subject, b: Subject) -> bool:
    """A count of the kin of people (``Subject.kin``) against a count of anyone else (30名死者家属 vs
    35人死亡): other people, other facts."""
    return a.kin != b.kin


def present_and_casualties(a: Subject, b: Subject) -> bool:
    """A count of who was there or what they were, with no event (现场有200人, 42人是军人:
    ``Subject.present``), against a casualty count (45人遇难, 12人受伤, 3人失踪, 23人被困): two facts."""
    return any(x.present and not x.events and y.events & CASUALTY_EVENTS for x, y in ((a, b), (b, a)))


def people_and_things(a: Subject, b: Subject) -> bool:
    """A count of people in general (90 injured, 多人) against a count of a kind of thing the
    lexicon names (12 homes, 3 hospitals): never one fact."""
    return any(x.generic_people and not x.family and y.family and y.family not in _PEOPLE_FAMILIES
               for x, y in ((a, b), (b, a)))


def other_persons(a: Subject, b: Subject) -> bool:
    """Two English ages said of two persons: each names its person ("41-year-old man",
    "58-year-old woman", "29-year-old Tomas ...") and the nouns differ. Ages of two people of
    one story are two facts; an age with no noun after it ("Smith, 38,") meets any."""
    if not (a.unit == b.unit == "age" and a.noun and b.noun):
        return False
    if a.noun.isascii() or b.noun.isascii():
        return a.noun != b.noun
    from comparison.extract import same_entity

    return not same_entity(a.noun, b.noun)  # 肖万 / 肖文: one person in two renderings


@lru_cache(maxsize=1)
def _event_after_noun_re() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    forms: dict[str, tuple[str, ...]] = {}
    for event, keys in event_forms().items():
        for w in keys:
            if re.fullmatch(r"[a-z]+", w):
                forms[w] = (*forms.get(w, ()), event)  # captured: arrested and seized
    return re.compile(rf"\s+({longest_first(forms)})\b"), forms


def _event_after_noun(simple: str, q: Quantity) -> tuple[tuple[str, ...], str] | None:
    """(events, word) of an English event word right after the counted noun ("leaving three others
    missing", "nine dead", "14 smugglers detained"): the figure's own event, whatever verb of another
    figure its clause also holds ("killing one and leaving three others missing")."""
    pattern, forms = _event_after_noun_re()
    m = pattern.match(simple, q.counted_end if q.counted_end > q.end else q.end)
    return (forms[m.group(1)], m.group(1)) if m else None


def _head_noun(counted: str, english: bool) -> str:
    """The counted phrase's head: an English phrase's last word, singular ("smugglers" ->
    "smuggler"); a Chinese phrase whole. Read only where the category lexicon names no family."""
    if not english:
        return counted.strip()
    words = re.findall(r"[a-z]+(?:-[a-z]+)*", counted.lower())
    if not words:
        return ""
    head = words[-1]
    return head[:-1] if head.endswith("s") and not head.endswith("ss") and len(head) > 3 else head


def _counted_family(q: Quantity, simple: str, simple_counted: str) -> tuple[str, str, str, bool]:
    """(family, kind, keyword, group size) of what a figure counts, from the general lexicon:
    its counted noun (5名警察), the head noun after 的 (11名涉嫌…的嫌犯), the group named before 共
    (雇佣兵团伙共26人: its size), or buildings by their measure word (3栋)."""
    family = kind = keyword = ""
    for fam, kinds in COUNTED_FAMILIES.items():
        for sub, words in kinds.items():
            for w in words:
                if len(w) > len(keyword) and contains(simple_counted, w):
                    family, kind, keyword = fam, sub, w
    if family and family not in _PEOPLE_FAMILIES and _people_after(simple_counted, keyword):
        family = kind = keyword = ""  # 九名中国公民, 三个村的村民: a modifier; the count is of people
    if not family and q.counted_end > 0 and simple[q.counted_end:q.counted_end + 1] == "的":
        # 11名涉嫌暗杀海地总统的嫌犯: the head noun comes after 的.
        head = simple[q.counted_end + 1:q.counted_end + 5]
        for fam, kinds in COUNTED_FAMILIES.items():
            for sub, words in kinds.items():
                for w in words:
                    if head.startswith(w) and len(w) > len(keyword):
                        family, kind, keyword = fam, sub, w
    group_size = False
    if not family and q.unit in ("人", "名") and not q.percent:
        # 雇佣兵团伙共26人: the size of a group named just before 共 — a count of
        # that group's members, with no event verb needed.
        clause_start = max(simple.rfind(c, max(0, q.start - 500), q.start) for c in "，。；：！？,;\n") + 1
        m = _GROUP_SIZE_RE.search(simple[clause_start:q.start])
        if m:
            for fam in _PEOPLE_FAMILIES:  # a group of people (not 全国共有…: 国 is no group)
                for sub, words in COUNTED_FAMILIES[fam].items():
                    for w in words:
                        if len(w) >= 2 and w in m.group("group") and len(w) > len(keyword):
                            family, kind, keyword = fam, sub, w
            group_size = bool(family)
    if not family and q.unit in ("座", "栋"):
        family, kind, keyword = "buildings", "buildings", q.unit
    return family, kind, keyword, group_size


def _figure_clause(q: Quantity, simple: str, neighbours: tuple[int, int] | None, english: bool) -> tuple[int, int]:
    """The figure's own clause, not reaching into the event words of the figures beside it."""
    left, right = _clause(simple, q.start, max(q.end, q.counted_end), english)
    if neighbours is None:
        return left, right
    left = max(left, min(neighbours[0], q.start))
    right = min(right, max(neighbours[1], max(q.end, q.counted_end)))
    if left == neighbours[0]:
        left = _past_event_of_previous(simple, left, q.start)
    if right == neighbours[1]:
        right = _before_event_of_next(simple, max(q.end, q.counted_end), right)
    return left, right


def _clause_events(clause: str) -> tuple[set[str], list[str]]:
    """The event types a clause names and the words naming them; an injury grade (重伤者4人)
    is not also the injured in all unless another word says so."""
    events: set[str] = set()
    words: list[str] = []
    for event, keys in event_forms().items():
        for k in keys:
            if contains(clause, k):
                events.add(event)
                words.append(k)
                break
    if events & _INJURY_GRADES and "injured" in events:
        # 重伤者4人: the serious grade, not the injured in all (伤者 is read inside 重伤者)
        rest = clause
        for grade in _INJURY_GRADES:
            for w in event_forms()[grade]:
                rest = rest.replace(w, "")
        if not any(contains(rest, k) for k in event_forms()["injured"]):
            events.discard("injured")
    return events, words


def _who_leaves(events: set[str], words: list[str], family: str, clause: str) -> tuple[set[str], list[str]]:
    """A verb of leaving (撤离: lexicons.categories.who_leaves_event) read as the armed forces'
    withdrawal only for a count of them (2500名士兵) or, for a count of no family, in a clause
    naming them (美军, 驻军撤离); otherwise the people it counts are evacuated (撤离3000名居民)."""
    for word, (armed_event, _other) in WHO_LEAVES_EVENTS.items():
        if armed_event in events and word in words:
            event = who_leaves_event(word, clause, family)
            events = (events - {armed_event}) | {event}  # (the word stays the word naming it)
    return events, words


# A period named for a figure (a month, a week, a year) stands for its days up to this many.
MAX_PERIOD_DAYS = 366
# A month's or a week's count is reported for weeks after it ends (June's arrests, released on 8
# July, are the news): a period dates an earlier happening only once this much more has passed.
PERIOD_NEWS_DAYS = 31
# Words between a period and the figure that make the figure a running total to date (2019年12月
# 爆发的疫情，已造成400多万人死亡), not a count of that period's happening.
_TO_DATE_ZH = ("已", "迄今", "至今", "累计", "以来", "目前", "截至")
_TO_DATE_EN = ("so far", "to date", "since", "has killed", "have killed", "has risen", "has reached")
# What may stand between a clause's start and its fronted time word (在2016年，早在去年3月，).
_TIME_WORD_OPENERS = ("早在", "在", "于", "而", "但", "另外", "此外", "同时", "In", "in", "On", "on", "During", "during",
                      "Back in", "back in", "And", "But")
_CLAUSE_BREAKS = "，,；;。.!！?？\n"


# A period right before a verb of occurring, after an adverb of past experience or not (某医院4月曾遭
# 大火, 某医院4月发生爆炸): the time of the happening the sentence tells, as a fronted period is.
_PAST_OCCURRING_ZH = re.compile(rf"(?:{'|'.join(PAST_MARKERS_ZH)})?(?:{'|'.join(OCCURRING_VERBS_ZH)})")


def _past_period(q: Quantity, simple: str, dates: list | None, sentence_start: int,
                 published_day: date | None) -> frozenset | None:
    """The days of a period that dates the figure's happening as a fronted time word (去年3月，…造成
    29人死亡: the period opens the clause, a comma after it, earlier in the figure's sentence) or as
    the time of its verb of occurring (某医院4月曾遭大火，造成82人死亡) when all of it lies long past (:data:`PERIOD_NEWS_DAYS`), else None. Not a period that only describes a
    thing (建于1990年的大楼), a start (2015年以来), or a running total's beginning (已造成...)."""
    if published_day is None:
        return None
    periods = [d for d in (dates or []) if d.precision != "day" and d.value and not d.since
               and sentence_start <= d.start and d.end <= q.start
               and (simple[d.end:d.end + 1] in "，," or _PAST_OCCURRING_ZH.match(simple, d.end))]
    if not periods:
        return _past_period_after_en(q, simple, dates, published_day)
    d = periods[-1]
    first, last = d.value, d.last or d.value
    between = simple[d.end:q.start]
    fronted = simple[d.end:d.end + 1] in "，,"
    if not last < published_day - timedelta(days=PERIOD_NEWS_DAYS) or (
            fronted and not _opens_clause(simple, d.start, sentence_start)):
        return None
    if any(w in between for w in _TO_DATE_ZH) or any(w in between.lower() for w in _TO_DATE_EN) or any(
            c in between for c in "；;") or any(d.end <= x.start < q.start for x in dates or [] if x is not d):
        return None  # a running total, another clause of its own, or another date nearer the figure
    return frozenset(first + timedelta(n) for n in range(min((last - first).days + 1, MAX_PERIOD_DAYS)))


# English puts a happening's time after it ("killed more than 31,000 in Bam in 2003", "600 were
# killed in Zarand in February"): "in" and a period, later in the figure's clause, with no clause
# break (a comma, a semicolon, a sentence end) between, at most this many characters after it
# (ECB+ writes "31 , 000": the figure's own commas lie before its end).
_TRAILING_PERIOD_REACH_EN = 80
_TRAILING_PERIOD_IN_EN = re.compile(r"\bin\s+(?:(?:early|late|mid)[\s-]+)?$", re.IGNORECASE)


def _past_period_after_en(q: Quantity, simple: str, dates: list | None, published_day: date) -> frozenset | None:
    """The days of a period long past (:data:`PERIOD_NEWS_DAYS`) that an English happening's figure's
    own clause names after it with "in": a month or a season the date reader reads, or a bare year
    (killed 31,000 in Bam in 2003; 600 were killed in Zarand in February, in a report of November),
    else None."""
    if not simple[q.start:q.end].isascii():
        return None
    end = q.end + _TRAILING_PERIOD_REACH_EN
    clause_break = _CLAUSE_BREAK_EN.search(simple, q.end, end)
    end = clause_break.start() if clause_break else end
    spans = [(d.start, d.value, d.last or d.value) for d in (dates or [])
             if d.precision != "day" and d.value and not d.since and q.end <= d.start < end]
    spans += [(m.start(1), date(int(m.group(1)), 1, 1), date(int(m.group(1)), 12, 31))
              for m in _IN_YEAR_EN.finditer(simple, q.end, end)]
    spans = [x for x in spans if _TRAILING_PERIOD_IN_EN.search(simple, max(q.end, x[0] - 12), x[0])]
    if not spans:
        return None
    _start, first, last = min(spans)
    if _DIGIT.search(simple, q.end, _start):
        return None  # another figure nearer the period ("killed 45 people compared with 30 in 2019"): its own
    if not last < published_day - timedelta(days=PERIOD_NEWS_DAYS):
        return None
    return frozenset(first + timedelta(n) for n in range(min((last - first).days + 1, MAX_PERIOD_DAYS)))


_CLAUSE_BREAK_EN = re.compile(r"[,;.!?\n]")
_DIGIT = re.compile(r"\d")
# A bare year after "in" (in 2003), not a count (in 2003 cases) nor a longer number.
_IN_YEAR_EN = re.compile(r"(?<=\s)((?:19|20)\d\d)\b(?!\s*(?:%|percent|[a-z]))")


def _then_period(q: Quantity, simple: str, dates: list | None, sentence_start: int,
                 published_day: date | None) -> frozenset | None:
    """The days of the time the sentence before names, when the figure's sentence refers back to it
    with 当时 before the figure (…发生在1948年。在当时的台北，…造成64人死亡) and all of it lies long past
    (:data:`PERIOD_NEWS_DAYS`); else None."""
    if published_day is None or not any(w in simple[sentence_start:q.start] for w in THEN_WORDS_ZH):
        return None
    previous_start = _sentence_start(simple, max(sentence_start - 1, 0))
    named = [d for d in (dates or []) if d.value and not d.since and previous_start <= d.start and d.end <= sentence_start]
    if not named:
        return None
    first, last = named[-1].value, named[-1].last or named[-1].value
    if not last < published_day - timedelta(days=PERIOD_NEWS_DAYS):
        return None
    return frozenset(first + timedelta(n) for n in range(min((last - first).days + 1, MAX_PERIOD_DAYS)))


# A running total since a start long past (1,200 "have died in floods since 2010", 自2010年以来，
# 该国已有…) sums many happenings: not a count of the story's own. Only where "since" governs the
# figure: a perfect verb between the figure and "since" in English, 已/累计/迄今 between 以来 and the
# figure in Chinese; never a superlative's measure ("the worst disaster the country has seen since
# 2010", 2010年以来最严重). The start must lie PERIOD_NEWS_DAYS past. (Time words, aspect markers and
# superlatives: general lexicons.)
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
_LONG_RUN_EN = re.compile(r"\bsince\s+(?:(?:early|late|mid)[-\s]+)?(?:(" + "|".join(_MONTHS_EN) + r")\s+)?(\d{4})\b",
                          re.I)
_PERFECT_EN = re.compile(r"\b(?:have|has)\s+(?:(?:now|so\s+far|already|reportedly)\s+)?(?:been\s+[a-z]+ed|[a-z]+ed"
                         r"|died|fled|left|lost|risen|grown|fallen|seen|taken|killed)\b", re.I)
_RELATIVE_EN = re.compile(r"\b(?:that|which|who|where|whose)\b", re.I)
_SUPERLATIVES_EN = re.compile(r"\b(?:worst|deadliest|biggest|largest|highest|lowest|heaviest|strongest|greatest"
                              r"|longest|most|first|best|least|fewest)\b", re.I)
_LONG_RUN_ZH = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号])?)?以来")
_RUNNING_ZH = ("已", "累计", "迄今", "共有", "共计", "总共")


def _long_run_start(simple: str, sentence: tuple[int, int], q: Quantity, next_figure: int,
                    published_day: date) -> date | None:
    """The start of a running total over a period long past that governs figure ``q`` (in its
    sentence, before the next figure), else None: 1,200 people "have died in floods in Nepal since 2010"."""
    sentence_start, sentence_end = sentence
    starts = []
    for m in _LONG_RUN_EN.finditer(simple, q.end, sentence_end):
        between = simple[q.end:m.start()]
        if m.start() > next_figure:
            break  # another figure's "since"
        if (_PERFECT_EN.search(between) and not _RELATIVE_EN.search(between)
                and not _SUPERLATIVES_EN.search(simple, sentence_start, m.start())):
            starts.append((int(m.group(2)), _MONTHS_EN.index(m.group(1).lower()) + 1 if m.group(1) else 1, 1))
    for m in _LONG_RUN_ZH.finditer(simple, sentence_start, q.start):
        between = simple[m.end():q.start]
        if not between.lstrip("，, ").startswith("最") and any(w in between for w in _RUNNING_ZH):
            starts.append((int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)))
    for year, month, day in starts:
        if 1800 <= year <= published_day.year and 1 <= month <= 12 and 1 <= day <= 31:
            try:
                start = date(year, month, day)
            except ValueError:
                continue
            if start < published_day - timedelta(days=PERIOD_NEWS_DAYS):
                return start
    return None


def _opens_clause(simple: str, at: int, sentence_start: int) -> bool:
    """Does the time word at ``at`` open its clause (after an opener such as 在 or 早在)?"""
    head = simple[sentence_start:at].rstrip()
    for _ in range(2):  # 而在2019年: a conjunction, then a preposition
        opener = next((o for o in sorted(_TIME_WORD_OPENERS, key=len, reverse=True) if head.endswith(o)
                       and (o[0] > "\u4e00" or not head[:-len(o)][-1:].isalpha())), None)
        if opener is None:
            break
        head = head[:-len(opener)].rstrip()
    return not head or head[-1] in _CLAUSE_BREAKS


# The words closing a "since" clause (自4月12日…后, 自…以来): a figure between the day and them is
# the count of the happening that starts the period (自4月12日25架军机飞入后: 25 on 12 April), not
# a total since then (自4月12日以来，已有30架: the figure comes after the closing word).
_SINCE_CLOSES_ZH = ("以后", "之后", "后", "以来")


def _inside_since_clause(simple: str, d, q: Quantity) -> bool:
    """Is figure ``q`` inside the clause that date ``d`` bounds (自4月12日25架军机飞入后)?"""
    if not d.end <= q.start or any(c in simple[d.end:q.start] for c in _CLAUSE_BREAKS):
        return False
    rest = re.split(r"[，,；;。!！?？\n]", simple[q.end:q.end + 40])[0]
    return rest.endswith(_SINCE_CLOSES_ZH)


def _own_day_dates(q: Quantity, simple: str, day_dates: list, left: int, right: int) -> list:
    """The day mentions of the figure's clause, else the last day named earlier in its sentence
    (在7月7日一天之内，…新增了N例) unless a period is named between that day and the figure's
    clause end (他7日说，上半年共有300人死亡: the first half's count; the 7th is when it was said)."""
    own = [d for d in day_dates if left <= d.start and d.end <= right]
    if not own:
        sentence_start = _sentence_start(simple, q.start)
        own = [d for d in day_dates if sentence_start <= d.start and d.end <= q.start][-1:]
        if own and names_a_period(simple, own[0].end, right):
            return []
    return own


_CN_COUNT = "[0-9一二两三四五六七八九十几数]{1,3}"
_PERIOD_UNITS = longest_first(PERIOD_UNITS_ZH)
_PERIOD_ZH_RE = re.compile(
    rf"{'|'.join(PERIOD_HALVES_ZH)}"
    rf"|(?:第|前|头)?{_CN_COUNT}{PERIOD_QUARTER_ZH}"
    rf"|(?:{'|'.join(PERIOD_FIRST_ZH)}){_CN_COUNT}(?:个月|个星期|周|季度)"
    rf"|(?:{'|'.join(PERIOD_RECENT_ZH)})的?{_CN_COUNT}(?:{_PERIOD_UNITS})"
    rf"|(?:{'|'.join(PERIOD_SINCE_STARTS_ZH)})(?:{'|'.join(PERIOD_SINCE_ZH)})")


def names_a_period(simple: str, start: int, end: int) -> bool:
    """Does ``simple[start:end]`` name a period a figure is counted over (上半年, 全年, 一季度, 前5个月,
    今年以来, 过去一周, 近三天: lexicons.timewords.PERIOD_*_ZH)? Not a 年 of 年级/年龄 (全年级学生,
    全年龄段: PERIOD_YEAR_NOT_BEFORE_ZH), nor a word of PERIOD_HALVES_ZH starting inside another word
    (青年内部: no 年内)."""
    from comparison.phonetics import word_boundaries

    for m in _PERIOD_ZH_RE.finditer(simple, start, end):
        if m.group(0).endswith("年") and simple.startswith(PERIOD_YEAR_NOT_BEFORE_ZH, m.end()):
            continue
        if m.group(0) not in PERIOD_HALVES_ZH:
            return True  # (前两周 after 此 still a period: 此前两周)
        # (segmented in a window around the word: bounded work per match)
        lo = max(0, m.start() - _PERIOD_WORD_WINDOW)
        if m.start() - lo in word_boundaries(simple[lo:m.end()]):
            return True
    return False


# Characters read before a period word to tell whether it opens a word (青年内部).
_PERIOD_WORD_WINDOW = 4


def named_day(q: Quantity, simple: str, dates: list | None, left: int, right: int) -> date | None:
    """The one day the figure's clause (else its sentence before it) names, for the reader: not a
    period's bound (自2月1日以来) unless the figure is the happening that opens it, not a span of
    days (周末), not two days."""
    day_dates = [d for d in (dates or []) if d.precision == "day" and d.value and d.last in (None, d.value)]
    own = [d for d in _own_day_dates(q, simple, day_dates, left, right)
           if not d.since or _inside_since_clause(simple, d, q)]
    if own and not any(left <= d.start and d.end <= right for d in own) and any(
            max(d0.end for d0 in own) <= d.start and d.end <= right and d.precision != "day" for d in dates or []):
        # A day earlier in the sentence is not the figure's where a period is named between it and the
        # figure (周五公布，6月CPI上涨1.1%, 今天公布，6月…，其中猪肉价格下降36.5%: June's). (A statement's
        # day before a running count, 今天表示，罹难者增至66人, is the count's as-of day: kept.)
        return None
    values = {d.value for d in own}
    return values.pop() if len(values) == 1 else None


def _days_of(d) -> Iterator[date]:
    """The days a day mention names, lazily: its one day, or each day of its span (at most
    :data:`MAX_PERIOD_DAYS`)."""
    last = d.last or d.value
    return (d.value + timedelta(n) for n in range(min((last - d.value).days + 1, MAX_PERIOD_DAYS)))


def _figure_days(q: Quantity, simple: str, dates: list | None, left: int, right: int,
                 published_day: date | None, happening: bool = False) -> tuple[frozenset, bool, bool]:
    """(the days a figure is about, whether it is an earlier happening's, whether they come from a
    span of days): the days of its clause, else the last day named earlier in its sentence; kept
    only for daily counts, a sentence giving figures for two days, or an earlier happening."""
    day_dates = [d for d in (dates or []) if d.precision == "day" and d.value]
    own = _own_day_dates(q, simple, day_dates, left, right)
    sentence_start = _sentence_start(simple, q.start)
    # Every day of a span of days ("9-13 August"), so a day inside it meets it; at most
    # MAX_PERIOD_DAYS in all, however many spans the clause names.
    days = frozenset(itertools.islice((day for d in own for day in _days_of(d)), MAX_PERIOD_DAYS))
    spanned = any(d.last is not None and d.last != d.value for d in own)
    # A figure of an earlier happening (4月21日，奎塔一家酒店发生爆炸，造成至少4人死亡 in a
    # report of 14 July): its day is kept, whatever kind of count it is (comparison.background).
    background = bool(own) and all(is_background(d.value, published_day)
                                   and (not d.since or _inside_since_clause(simple, d, q)) for d in own)
    if not own and happening:
        # Only a happening's count (killed, arrested): a statistic names its period (2020年的GDP,
        # 3月份) and is released weeks after it, the story's own news.
        period = _past_period(q, simple, dates, sentence_start, published_day)
        if period is not None:  # 去年3月，…酒店倒塌，造成29人死亡: all of a month long past
            days, background = period, True
        then = None if period is not None else _then_period(q, simple, dates, sentence_start, published_day)
        if then is not None:  # …发生在1948年。在当时的台北，…造成64人死亡
            days, background = then, True
    end_match = _SENTENCE_END_RE.search(simple, q.end)
    sentence_end = end_match.start() if end_match else len(simple)
    if not background and published_day is not None:
        start = _long_run_start(simple, (sentence_start, sentence_end), q, right, published_day)
        if start is not None:  # 1,200 dead in floods since 2010: many happenings' total
            days, background = frozenset({start}), True
    sentence_days = {d.value for d in day_dates if sentence_start <= d.start < sentence_end}
    if not background and len(sentence_days) < 2 and not any(
            contains(simple[sentence_start:sentence_end], w) for w in _DAILY):
        # Only daily counts are about their day; a running total (killed so far)
        # reported on two days is still one figure that outlets may disagree on. A
        # sentence that gives figures for two days (8日达896人，7日达到920人) is a dated series.
        days = frozenset()
    return days, background, spanned and len(days) > 1


# What may lie between a figure and its bracketed conversion: the first figure's unit word
# ("110 billion euro ("), nothing that ends a clause.
_CONVERSION_GAP = re.compile(r"[^\d，。；,;.!?\n]{0,16}[（(]\s*")


# Grades of injury (lexicons/categories.py EVENTS): each a fact of its own.
_INJURY_GRADES = frozenset({"injured-critical", "injured-serious", "injured-light"})


def _people_after(counted: str, keyword: str) -> bool:
    """Does a word for people follow ``keyword`` in the counted phrase? Then the keyword only
    modifies the head noun (中国公民: citizens, not countries; village residents)."""
    at = find_word(counted.lower(), keyword.lower())
    rest = counted.lower()[at + len(keyword):] if at >= 0 else ""
    return any(find_word(rest, g) >= 0 for g in _GENERIC_PEOPLE if len(g) > 1 or not rest.isascii())


# English auxiliaries of the passive and perfect between a figure and its verb ("were killed",
# "have been arrested", "had died").
_AUXILIARY_EN = re.compile(r"(?:were|was|are|is|have|has|had)(?:\s+been)?\s+|been\s+")


def _past_event_of_previous(simple: str, left: int, start: int) -> int:
    """Where a figure's own words begin after the previous figure ended at ``left``: past an
    event word that directly follows that figure, which is its word (至少4人死亡12人受伤: 死亡
    is the 4's, 受伤 the 12's; "10 people killed and 80 injured"). An English word with only
    commas before the figure is that figure's verb ("killed 3 people, injuring 12")."""
    between = simple[left:start]
    head = len(between) - len(between.lstrip(" 、,，"))
    aux = _AUXILIARY_EN.match(between, head)
    if aux:  # "10 people were killed and 80 injured": the passive's auxiliary, then the verb
        head = aux.end()
    best = 0
    for keys in event_forms().values():
        for k in keys:
            if len(k) > best and between.startswith(k, head) and (
                    not k[:1].isascii() or not between[head + len(k):head + len(k) + 1].isalpha()
                    and between[head + len(k):].strip(" ,")):  # "killed 3, injuring 12": the 12's verb
                best = len(k)
    return left + head + best if best else left


def _before_event_of_next(simple: str, end: int, right: int) -> int:
    """Where a figure's own words end before the next figure starts at ``right``: before an
    event word that directly precedes the next figure and does not directly follow this one,
    since it is the next figure's verb ("flattening seven villages and killing 10 people":
    killing is the 10's; 逮捕6名歹徒并找到3具尸体)."""
    between = simple[end:right]
    tail = between.rstrip(" ")
    best = 0
    for keys in event_forms().values():
        for k in keys:
            at = len(tail) - len(k)
            # An English verb after a comma is the next figure's ("killed 3, injuring 12").
            before = between[:at].strip(" ") if k[:1].isascii() else between[:at].strip(" 、,，")
            if len(k) > best and at > 0 and tail.endswith(k) and (
                    not k[:1].isascii() or not tail[at - 1:at].isalpha()) and before:
                best = len(k)
    return end + len(tail) - best if best else right


def is_conversion(previous: Quantity | None, q: Quantity, simple: str) -> bool:
    """Is ``q`` a bracketed restatement of the measure or sum just before it ("40 miles (64
    km)", "€22 billion ($28 billion)", or a bare figure whose currency sign was lost: "? 110 -
    billion ( $143 - billion )")? Counts are never conversions, nor is what follows a count
    of something ("12 people (10 km from the city)"). A bare figure in brackets right after a
    measure is one in a unit not read ("110 billion euro (93.6 billion pound)": weight or
    money?), not a count of something else."""
    if previous is None or previous.end > q.start or _CONVERSION_GAP.fullmatch(simple, previous.end, q.start) is None:
        return False
    if q.dimension == "count":
        return previous.dimension != "count" and q.start - previous.end <= _BARE_GLOSS_GAP
    return previous.dimension != "count" or not (previous.unit or previous.counted)


# What may lie between a count and its breakdown: the count's noun and verb, then a dash or an
# opening bracket or colon right before the part.
_BREAKDOWN_GAP = re.compile(r"[^\d，。；,;.!?\n]{0,30}?(?:\s[-–—]+|[（(：:])\s*")


def is_breakdown(previous: Quantity | None, q: Quantity, simple: str) -> bool:
    """Is count ``q`` a part of the count just before it, set off as its breakdown, or a part
    named inside 包括…在内 before its whole (包括30男5女在内的35人)?"""
    if q.dimension == "count" and not q.percent and any(
            m.start() <= q.start and q.end <= m.end() for m in _INCLUSIVE_FRAME_ZH.finditer(
                simple, max(0, q.start - _INCLUSIVE_REACH - 2), min(len(simple), q.end + _INCLUSIVE_REACH + 2))):
        return True
    if not (previous is not None and q.dimension == previous.dimension == "count" and not q.percent
            and previous.end <= q.start and _BREAKDOWN_GAP.fullmatch(simple, previous.end, q.start) is not None):
        return False
    item_end = min((at for at in (simple.find(c, q.end, q.end + _BRACKET_REACH) for c in _ITEM_BREAKS + "）)。")
                    if at >= 0), default=min(len(simple), q.end + _BRACKET_REACH))
    opener = max(simple.rfind(c, previous.end, q.start) for c in "（(：:-–—")
    return not _another_happening(simple, previous, max(opener, previous.end), max(opener, previous.end), q, item_end)


def _another_happening(simple: str, whole: Quantity, opener: int, item_start: int, q: Quantity, item_end: int) -> bool:
    """Does a bracketed item name another happening than the one named between its whole and
    the bracket (30人死亡（12人受伤）: the injured are no part of the dead)?"""
    own, _ = _clause_events(simple[item_start + 1:q.start] + simple[q.end:item_end])
    whole_events, _ = _clause_events(simple[max(whole.end, whole.counted_end):opener])
    return bool(own and whole_events and not own & whole_events)


# A bracket opened right after a count (its noun and verb between, no figure or clause break) and
# closed within this many characters: every count inside it is a part of that count, a breakdown
# by place or kind (转移安置4600余人（甲地2249人；乙地817人）, 12万人受灾(甲市4.6万人, 乙市7.2万人)).
_BRACKET_REACH = 120
_BEFORE_BRACKET = re.compile(r"[^\d，。；,;.!?\n（()）]{0,30}")


def in_bracketed_breakdown(qs: list[Quantity], n: int, simple: str) -> bool:
    """Is count ``qs[n]`` inside a bracket that breaks down the count right before the bracket?"""
    q = qs[n]
    if q.dimension != "count" or q.percent:
        return False
    lo = max(0, q.start - _BRACKET_REACH)
    opener = max(simple.rfind("（", lo, q.start), simple.rfind("(", lo, q.start))
    if opener < 0 or any(c in simple[opener:q.start] for c in ")）。！？\n"):
        return False
    closer = min((at for at in (simple.find("）", q.end, opener + _BRACKET_REACH),
                                simple.find(")", q.end, opener + _BRACKET_REACH)) if at >= 0), default=-1)
    if closer < 0 or any(c in simple[q.end:closer] for c in "。！？\n"):
        return False
    # The count ending last before the bracket: walked back from q past the few inside the bracket.
    whole = next((qs[k] for k in range(n - 1, -1, -1) if qs[k].end <= opener), None)
    if whole is None:
        return False
    if not (whole.dimension == "count" and not whole.percent
            and _BEFORE_BRACKET.fullmatch(simple, max(whole.end, whole.counted_end), opener) is not None):
        return False
    # The item: from the bracket or the separator before it to the next separator or the closer.
    item_start = max(simple.rfind(c, opener, q.start) for c in _ITEM_BREAKS)
    item_end = min((at for at in (simple.find(c, q.end, closer) for c in _ITEM_BREAKS) if at >= 0), default=closer)
    label = simple[item_start + 1:q.start].lower()
    if any(w in label for w in ADDITIVE_ZH + PARTITIVE_ZH) or any(
            find_word(label, w) >= 0 for w in ADDITIVE_EN + PARTITIVE_EN):
        # 30人死亡（另有12人受伤）: another count; （包括5名儿童）: a part the partitive reads
        # (inherit_partitive_events), as 其中5名儿童 written without a bracket
        return False
    # An item naming another happening than the count's (30人死亡（12人受伤）) is no part of it.
    return not _another_happening(simple, whole, opener, item_start, q, item_end)


# What separates the items of a breakdown before an item's label (（甲地4万人；乙地7万人）).
_ITEM_BREAKS = "（(，,；;、"
_MAX_LABEL_CHARS = 8


def part_label(simple: str, q: Quantity, places: set[str]) -> str:
    """The place labelling a bracketed breakdown's item, written right before its figure after the
    bracket or an item separator (（南充4.6万人受灾；巴中7.2万人: 巴中), when it is a place the article
    names; else ''."""
    lo = max(0, q.start - _MAX_LABEL_CHARS - 1)
    at = max(simple.rfind(c, lo, q.start) for c in _ITEM_BREAKS)
    if at < 0:
        return ""
    label = simple[at + 1:q.start].strip()
    if len(label) < 2 or any(ch.isdigit() for ch in label):
        return ""
    if label in places or any(label[:k] in places for k in range(2, len(label))):
        return label  # (a place the label starts with: 巴中市 for 巴中市区)
    # A place the label opens (巴中 for 巴中市), found by bisection in the places sorted once per
    # set (a scan of every place per item was quadratic in a text of many bracketed items).
    ordered = _sorted_places(places if isinstance(places, frozenset) else frozenset(places))
    at = bisect.bisect_left(ordered, label)
    return label if at < len(ordered) and ordered[at].startswith(label) else ""


@lru_cache(maxsize=8)
def _sorted_places(places: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(p for p in places if len(p) >= 2))


def placed_part_meets(s1: Subject, s2: Subject) -> bool:
    """A breakdown's item labelled by a place against a figure that is no part, whose sentence names
    that place (巴中7.2万人 in brackets / 巴中市…215,613人受灾): counts for one place."""
    for part, whole in ((s1, s2), (s2, s1)):
        if part.breakdown and part.part_place and not whole.breakdown and any(
                part.part_place in p for p in whole.sentence_places):
            return True
    return False


# 包括 … 在内: the parts a whole is said to include, within one clause.
_INCLUSIVE_REACH = 30
_INCLUSIVE_FRAME_ZH = re.compile(rf"{INCLUSIVE_FRAME_ZH[0]}[^，。；,;！？\n]{{1,{_INCLUSIVE_REACH}}}?{INCLUSIVE_FRAME_ZH[1]}")


# A part opened this few characters after the count it belongs to ("13 killed, including
# nine Chinese"; 13人死亡，其中包括九名中国公民).
_PARTITIVE_GAP = 24


def inherit_partitive_events(previous: Quantity | None, before: Subject | None, q: Quantity, subject: Subject,
                             simple: str) -> None:
    """A count with no event of its own, opened as a part of the count just before it (其中,
    including: :data:`PARTITIVE_ZH`), counts the same event: 13人死亡，其中包括九名中国公民 is
    nine killed."""
    if previous is None or before is None or subject.events or not before.events or subject.is_total:
        return
    start = max(previous.end, previous.counted_end)
    gap = simple[start:q.start]
    if len(gap) > _PARTITIVE_GAP or any(c in gap for c in "。！？\n") or ". " in gap:
        return
    lowered = gap.lower()
    if any(w in gap for w in PARTITIVE_ZH) or any(find_word(lowered, w) >= 0 for w in PARTITIVE_EN):
        subject.events = before.events
        subject.event_words = before.event_words
        subject.whole = (previous.base_low, previous.base_high)


# A bare bracketed figure is a conversion only right after the measure ("euro ( 93.6 billion").
_BARE_GLOSS_GAP = 12


def _unit_class(unit: str) -> str:
    # Counting words for people and things are interchangeable (名/个/位/人); others are not.
    if unit in ("名", "个", "位", "人", "", "座", "栋", "间", "具", "起", "户", "家", "所", "例"):
        return "count"
    return unit


def same_subject(a: Subject, b: Subject) -> bool:
    """Could these two figures be counts of the same thing?"""
    if a.unit != b.unit or a.percent != b.percent or a.has_total != b.has_total:
        return False
    if a.hedged or b.hedged:
        return False  # forecasts are not compared with reported figures
    if a.fractional or b.fractional:
        return False
    if a.is_total or b.is_total or (a.total is not None and a.total != b.total):
        return False  # parts of different wholes (6 of 7 districts vs 26 of 28)
    if is_measure(a):
        if other_persons(a, b):
            return False  # a 41-year-old man is not the 58-year-old woman
        if a.depth != b.depth:
            return False  # a quake's depth is no distance from a place
        # A distance, area, weight, duration or sum: the act around it does not
        # say what it measures; the aligned sentence does (the caller requires
        # it), or the same reference ("north of Kabul") for a distance.
        if a.anchor and b.anchor and (a.anchor[0] != b.anchor[0] or not _places_meet(
                frozenset({a.anchor[1]}), frozenset({b.anchor[1]}))):
            return False
        return not different_days(a, b)
    if a.family and b.family and a.family != b.family:
        return False
    for x, y in ((a, b), (b, a)):
        if x.family and not y.family and x.family not in _PEOPLE_FAMILIES:
            return False  # 130座建筑 is not a count of people
    if a.qualifiers and b.qualifiers and not (a.qualifiers & b.qualifiers):
        return False
    if different_places(a, b):
        return False
    for x, y in ((a, b), (b, a)):
        if not y.where and any(w.startswith("<") for w in x.where):
            return False  # one city's count ("the second city, Mandalay: 40") vs the whole, at equal values
    if different_days(a, b):
        return False  # counts of different days (7日 920 cases vs 8日 896)
    if a.events or b.events:
        if not (a.events & b.events):
            return False
    elif not (a.family and a.family == b.family):
        return False  # no event and no specific counted thing: nothing to anchor on
    if not a.family and not b.family and not (a.generic_people and b.generic_people) and not (
            a.noun and a.noun == b.noun):
        return False  # two unlisted things: only the same counted noun anchors them (14 smugglers)
    return True


def different_places(a: Subject, b: Subject) -> bool:
    """Counts of different places: both placed, in places that do not meet; or one placed in a part
    the article writes inside a larger place (甘肃省石门镇, "Elmford in Varnshire": :data:`PART_MARK`)
    and the other placed nowhere (the whole: the story's setting). (A generic city or district
    alone, "in a district that…", is weaker: same_subject reads it for equal values only.)"""
    if a.where and b.where and not _places_meet(a.where, b.where):
        return True
    return any(not y.where and PART_MARK in x.where for x, y in ((a, b), (b, a))) or part_and_whole(a, b)


# The level of a total of no level (共, 累计, "in total"): above a country, the whole the story counts.
TOTAL_OF_ALL = -1


def part_and_whole(a: Subject, b: Subject) -> bool:
    """Does one figure count a part of the area the other counts whole? Two counts of one thing for
    a place and for a larger one are two facts, never a contradiction (甲县紧急转移8000人 / 全省共转移
    4600余人; "300 homes in Riverton county" / "1,200 across the state"):

    - the gazetteer puts a place one clause names inside a place the other names, and the other
      names none of its places (郑州 / 河南省, Houston / Texas; either may be the story's setting);
    - or the other has a total word (全省, 全市, "statewide"; 共, 累计, "in total") and this one names a
      place below the total's level and below every place the other names (乙镇3人遇难 / 暴雨共造成
      12人遇难). A total of no level needs a place of this figure's own, not the setting alone (河南省有
      3人遇难 / 暴雨共造成12人遇难 in a story set in 河南 still contradict).

    - or the other names a list of places holding this one's (新乡、鹤壁等地3万人受灾 / 新乡5万人受灾);
    - or this one is a total word's of an area below every level the other counts ("Across the
      county, 300 homes" / "In Ohio 1,200 homes"; 全县 / 全省).

    Counts and sums only: a measure (100毫米, 40 km) or a share is no sum over places.
    Two sibling places (柳林县 / 白水县) are different places already (:func:`different_places`)."""
    if a.percent or b.percent or is_measure(a) and not a.unit.startswith("money:"):
        return False
    for x, y in ((a, b), (b, a)):
        if x.area_within & y.area_ids and not x.area_ids & y.area_ids and not _written_short(x, y):
            return True
        if x.area_ids & y.area_ids and x.area_places < y.area_places:
            return True  # (by shared ids: a list may name a city short, 新乡, and the other in full)
        if _lower_total(x, y):
            return True
        if y.total_rank is None or x.area_rank <= max(y.area_rank, y.total_rank):
            continue
        if y.total_rank != TOTAL_OF_ALL or any(not w.startswith("<") for w in x.where):
            return True
    return False


def _lower_total(x: Subject, y: Subject) -> bool:
    """Is ``x`` a total of an area below the level of every area ``y`` counts ("Across the county,
    300 homes" / "In Ohio 1,200 homes"; 全县共转移 / 全省共转移)? Then it totals a part of ``y``'s
    area. (``y`` needs a level of its own: a named place or a total word of an area.)"""
    if x.total_rank is None or x.total_rank == TOTAL_OF_ALL:
        return False
    y_level = max(y.area_rank, -1 if y.total_rank is None else y.total_rank)
    return 0 <= y_level < min(x.total_rank, x.area_rank if x.area_rank >= 0 else x.total_rank)


def _written_short(x: Subject, y: Subject) -> bool:
    """Does a place name of ``x`` open one of ``y``'s (甘孜 / 甘孜藏族自治州, 恩施 / 恩施土家族苗族自治州)?
    The gazetteer reads the short name as the seat of the same name inside the prefecture; news
    writes it for the prefecture as often: the same place then, not a part."""
    # (each of y's names read for its openings, looked up in x's: linear in the names, however many
    # places a hostile clause lists on both sides)
    return any(b[:n] in x.area_names for b in y.area_names for n in range(2, min(len(b), _MAX_NAME_CHARS)))


_MAX_NAME_CHARS = 40  # the openings of a place name read (a name longer than this is no place name)


def span_against_a_day_inside(a: Subject, b: Subject) -> bool:
    """One figure dated to a span of days, the other to fewer days inside it (300 killed from 1 to
    30 June / 3 killed on 10 June): with other values a total over the span and one day's part of
    it, no one fact (equal values may still be one: "two killed on 8-12 August" / "on 10 August")."""
    return bool(a.days and b.days) and (a.spanned and b.days < a.days or b.spanned and a.days < b.days)


def different_days(a: Subject, b: Subject) -> bool:
    """Figures of different days: both dated, to no common day (7日 920 cases vs 8日 896), or
    one dated to an earlier happening's day the other does not name (comparison.background)."""
    if a.background or b.background:
        return not (a.days & b.days)
    return bool(a.days and b.days and not (a.days & b.days))


# A figure's ``where`` holds this mark when it names a part the article writes inside a larger
# place (甘肃省石门镇: comparison.docs.assign_places): a count for that part, never set against a
# count for no place (the whole); two parts meet only by their names.
PART_MARK = "<part>"


def _places_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """A place named in both (塔吉克 ~ 塔吉克斯坦: one name inside the other). Names
    in two languages ("en:kabul" vs 喀布尔) cannot be told apart here: they meet."""
    if {x.startswith("en:") for x in a if not x.startswith("<")} != {y.startswith("en:") for y in b
                                                                    if not y.startswith("<")}:
        return True
    a, b = a - {PART_MARK}, b - {PART_MARK}
    return any(x == y or (len(x) >= 2 and len(y) >= 2 and (x in y or y in x)) for x in a for y in b)


MEASURE_DIMENSIONS = ("length", "area", "mass", "duration", "speed", "power", "energy", "age", "magnitude")


def is_measure(a: Subject) -> bool:
    return a.unit in MEASURE_DIMENSIONS or a.unit.startswith("money:")


def specific(a: Subject) -> bool:
    """A subject precise enough to compare across the whole story (not just aligned
    sentences): a named kind of thing and an event (囚犯 who escaped, deaths)."""
    if is_measure(a):
        return a.anchor is not None
    return (bool(a.events - {"crossed"}) or bool(a.kind)) and not a.has_total and a.family not in (
        "districts", "provinces", "countries")


def framing_difference(a: Subject, b: Subject) -> str:
    """A one-line reason when the same figure is worded differently, else ''."""
    if a.family and a.family == b.family and a.kind != b.kind:
        return f"{a.keyword} vs {b.keyword}"
    strong_a = [w for w in a.event_words if w in _STRONG_DAMAGE]
    strong_b = [w for w in b.event_words if w in _STRONG_DAMAGE]
    if "damaged" in a.events and "damaged" in b.events and bool(strong_a) != bool(strong_b):
        wa = next(w for w in a.event_words if w in event_forms()["damaged"])
        wb = next(w for w in b.event_words if w in event_forms()["damaged"])
        return f"{wa} vs {wb}"
    return ""
