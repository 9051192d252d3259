"""Page furniture: text in an article that reports no claim about the story.

A link's digits (``.../2005/nov/28/...``), a wire dateline's day (【…2021年07月09日讯】,
（中央社記者…東京8日專電）, "WASHINGTON, July 5 (Reuters) -") and a page's own
timestamp ("Last Updated: Monday, 28 November 2005", "Posted 11/27/2005 7:21 AM",
"2021-03-29T01:14:39Z") say when or where a text was filed, not when or where anything
happened; the digits of a clock reading (21:44) are a time, never a count. A credit line
(（編輯：…）1100402), a photo credit (中央社記者…攝) and a related-reading list (延伸閱讀 and the
other reports' headlines after it) name the desk's staff or other stories. Compared with
an event's day or a count they give false differences, so no figure or date is read
inside them (clock times are read by ``comparison.slots``, from the text itself). The patterns are general news-page conventions (wire-service datelines, the
Chinese 电/讯 dispatch marks and page-stamp words of ``comparison.lexicons.reporting``),
not phrases of any one story; they
also match the ECB+ corpus's tokenized form, where punctuation is spaced out
("http : / / news . bbc . co . uk / 2 / hi").
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from articles.timestamps import ISO_DATE, ISO_TIME, ISO_ZONE, RFC822_STAMP
from comparison.lexicons.reporting import (
    CREDIT_WORDS_EN,
    CREDIT_WORDS_ZH,
    DISPATCH_MARKS_ZH,
    DISPATCH_PREFIXES_ZH,
    DISPATCH_SUFFIXES_ZH,
    PAGE_STAMPS_EN,
    PHOTO_CREDIT_MARKS_ZH,
    RELATED_READING_HEADINGS_ZH,
)
from comparison.text import longest_first

if TYPE_CHECKING:
    from comparison.extract import DateMention

# A link, plain (printable ASCII only: Chinese text around it has no spaces to end it) or
# tokenized (ECB+ separates every punctuation mark by spaces; it then runs to the end of its
# line, where spaces no longer end it).
_URL_RE = re.compile(r"(?<![A-Za-z0-9])(?:https?://|www\.)[!-~]+|(?<![A-Za-z0-9])https?\s:\s/\s/[^\n]*", re.I)

# A Chinese wire dateline: a day, then the dispatch mark (电/電/讯/訊, 专电, 综合外电报导)
# and the closing bracket: （法新社日内瓦16日电）, 【大纪元2021年07月09日讯】.
_DATELINE_ZH_RE = re.compile(
    r"[（(【\[][^（）()【】\[\]\n]{0,40}?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日號号]\s*"
    rf"(?:{longest_first(DISPATCH_PREFIXES_ZH, escape=True)})?(?:{longest_first(DISPATCH_MARKS_ZH, escape=True)})"
    rf"(?:{longest_first(DISPATCH_SUFFIXES_ZH, escape=True)})?\s*[）)】\]]"
)

# A Chinese wire dateline with no brackets, opening a line: agency and place, a month and day,
# then a dash (路透北京7月12日 - ).
# (Not a range of days: 7月12日—15日, 7月23日-8月8日.)
_DATELINE_ZH_BARE_RE = re.compile(
    r"^[ \t]*[\u4e00-\u9fff]{2,14}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*[-－—–]+(?![-－—–\s]*\d{1,2}\s*[日号月])[ \t]*", re.M)
# Its end: what a voice read across it starts after (路透北京7月12日 - 中国官员说: 中国官员).
DATELINE_DASH_ZH = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日\s*[-－—–]+(?![-－—–\s]*\d{1,2}\s*[日号月])\s*")

# A byline in brackets, name and place split by a slash, as Taiwan's papers open a report:
# 〔記者李大華／花蓮報導〕, [編譯張三/綜合報導].
_BYLINE_ZH_RE = re.compile(
    r"[〔\[【（(][^〔〕\[\]【】（）()\n]{1,40}?[／/][^〔〕\[\]【】（）()\n]{0,20}?"
    r"(?:報導|报导|报道|報道)\s*[〕\]】）)]"
)

# An English wire dateline: "PLACE, Month Day (Agency) -", "PLACE, (Agency) -", or a place in
# capitals with no comma, "HONG KONG (AP) —" (not "The Rescue Party (CNRP) - the main …").
_DATELINE_EN_RE = re.compile(
    r"^(?:[A-Z][A-Za-z .'-]{1,40},\s*(?:[A-Z][a-z]{2,8}\.?\s*\d{1,2})?|[A-Z][A-Z .'-]{1,40})"
    r"\s*\(\s*[A-Z][A-Za-z .&]{1,30}\)\s*[-–—]",
    re.M,
)

# A closing credit line: a bracket on a line of its own, a credit word and its names ("(Reporting
# by …)", （编译：…）), or （完）; not an editor's note (（编辑注：…）) nor a sentence in brackets.
_CREDIT_RE = re.compile(
    rf"^[ \t]*[(（](?:(?i:(?:{longest_first(CREDIT_WORDS_EN, escape=True)})\s+by)\b[^()（）\n]{{0,300}}"
    rf"|(?:{longest_first(CREDIT_WORDS_ZH, escape=True)})\s*[:：][^()（）\n]{{0,100}}|完)[)）][ \t]*$",
    re.M,
)

# The same credit closing a paragraph after its last sentence, and CNA's date code after it, the
# ROC year, month and day run together (…之間。（編輯：李大華）1100402: 2021-04-02).
_CREDIT_TAIL_ZH_RE = re.compile(
    rf"(?<=[。！？」”』])[ \t]*[(（](?:{longest_first(CREDIT_WORDS_ZH, escape=True)})\s*[:：][^()（）\n]{{0,100}}[)）]"
    r"[ \t]*(?:\d{7})?[ \t]*$"
    rf"|^[ \t]*[(（](?:{longest_first(CREDIT_WORDS_ZH, escape=True)})\s*[:：][^()（）\n]{{0,100}}[)）][ \t]*\d{{7}}[ \t]*$",
    re.M,
)

# A related-reading heading alone on its line and everything after it: other reports' headlines.
_RELATED_READING_RE = re.compile(
    rf"^[ \t]*(?:{longest_first(RELATED_READING_HEADINGS_ZH, escape=True)})[ \t]*[:：]?[ \t]*$[\s\S]*", re.M)

# A photo credit, with the day the photo was taken (中央社記者張三攝 110年4月2日, （记者李四摄）):
# before a line end, a bracket or a sentence end only (记者会上摄… is no credit).
_PHOTO_CREDIT_ZH_RE = re.compile(
    rf"(?:[\u4e00-\u9fff]{{1,4}}社)?(?:记者|記者)[\u4e00-\u9fff]{{2,4}}?(?:{longest_first(PHOTO_CREDIT_MARKS_ZH, escape=True)})"
    r"(?:[ \t]*(?:\d{2,4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)?(?=[ \t]*(?:$|[)）。]))",
    re.M,
)

# A page's own publishing timestamp: a stamp word, then a day, month or digit at once
# ("Updated figures show..." is a sentence), to the end of its line (at most 80 characters).
_STAMPS = "|".join(w.replace(" ", r"\s+") for w in PAGE_STAMPS_EN)
_STAMP_START = r"(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
_STAMP_RE = re.compile(rf"^[ \t]*(?:{_STAMPS})[ \t]*:?[ \t]*{_STAMP_START}[^\n]{{0,80}}", re.I | re.M)


# A machine timestamp (2021-03-29T01:14:39Z; Sat, 27 Mar 2021 21:44:44 GMT) and any clock
# reading (21:44, 7 : 12pm): the digits of a time are never counts.
# The stamp forms are articles.timestamps' (the archive reader's datelines use them too);
# here the ISO form needs its time, since a bare date inside a text is read as a date.
_TIMESTAMP_RE = re.compile(
    rf"\b{ISO_DATE}[T ]{ISO_TIME}{ISO_ZONE}?"
    rf"|\b{RFC822_STAMP}"
    r"|(?<![\d.:])\d{1,2}\s?[:：]\s?[0-5]\d(?:\s?[:：]\s?[0-5]\d)?(?![\d.:])"
)


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) character spans of furniture in ``text``."""
    patterns = (_URL_RE, _DATELINE_ZH_RE, _DATELINE_ZH_BARE_RE, _BYLINE_ZH_RE, _DATELINE_EN_RE, _CREDIT_RE,
                _CREDIT_TAIL_ZH_RE, _RELATED_READING_RE, _PHOTO_CREDIT_ZH_RE, _STAMP_RE, _TIMESTAMP_RE)
    spans = sorted((m.start(), m.end()) for pattern in patterns
                   for m in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# How far before publication a dateline's day may lie (a dispatch filed late in the
# evening in Washington is published the next day, Beijing time) and still be trusted.
FILING_DAYS_BEFORE = 2


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the wire datelines in ``text``."""
    return [(m.start(), m.end()) for pattern in (_DATELINE_ZH_RE, _DATELINE_ZH_BARE_RE, _DATELINE_EN_RE)
            for m in pattern.finditer(text)]


def filing_day(text: str, dates: list[DateMention], published_day: date) -> date | None:
    """The day of the article's first dateline (（中央社剛果果瑪22日綜合外電報導）), the day its
    "today" and "yesterday" count from. None when it has none, or when that day is not
    between FILING_DAYS_BEFORE days before ``published_day`` and the day after it."""
    spans = dateline_spans(text)
    if not spans:
        return None
    start, end = min(spans)
    for x in dates:
        if (start <= x.start < end and x.precision == "day" and x.value is not None
                and published_day - timedelta(days=FILING_DAYS_BEFORE) <= x.value <= published_day + timedelta(days=1)):
            return x.value
    return None


def wholly_inside(start: int, end: int, text: str, spans: list[tuple[int, int]]) -> bool:
    """Does ``text[start:end]``, spaces and punctuation aside, lie inside one furniture span?"""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if start >= end:
        return False
    k = bisect.bisect_right([s for s, _ in spans], start) - 1
    return k >= 0 and end <= spans[k][1]


def outside(items: list, spans: list[tuple[int, int]]) -> list:
    """The items (anything with ``start``) that do not begin inside a furniture span."""
    if not spans:
        return items
    starts = [s for s, _ in spans]
    kept = []
    for item in items:
        k = bisect.bisect_right(starts, item.start) - 1
        if k >= 0 and item.start < spans[k][1]:
            continue
        kept.append(item)
    return kept
