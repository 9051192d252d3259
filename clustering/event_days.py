"""The days an article says its happening took place on, resolved against its publication day.

A story is a happening in time: two reports of one event name the same day ("7月5日",
"on Monday", "昨天" the day after), while two editions of a recurring series (a daily market
close, a daily case count) each name their own day. The pair scorer reads the overlap of
these day sets (``pair_features``: "event_days", "event_days_differ").

General time-word lexicon (no story's wording): month-day dates in Chinese (7月5日, 7月5号) and
English (July 5, 5 July, Jul. 5); a day of the month alone in Chinese (5日, the wire-dateline
form; 号 only after a month: 5号线 is no day); weekdays (周一, 星期一, 禮拜一, Monday), read as
the latest such day on or before the publication day (上周/下周: the calendar week before or
after; "last"/"next": the nearest one before or after); and the
relative days (今天, 昨天, 前天, 明天, today, yesterday, tomorrow). The words are the calendar's
(``articles.calendar``, shared with the comparison); Traditional and Simplified forms are both
listed, so the text needs no conversion. Only the title and the text's first
``max_chars`` characters are read, and at most ``MAX_DAYS_PER_ARTICLE`` distinct days kept.
"""

from __future__ import annotations

import math
import multiprocessing
import re
import threading
from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import scipy.sparse as sp

from articles.calendar import (
    MONTHS_EN,
    RELATIVE_DAYS_EN,
    RELATIVE_DAYS_ZH,
    WEEKDAYS_EN,
    WEEKDAYS_ZH,
)

MAX_DAYS_PER_ARTICLE = 12
EPOCH = date(1970, 1, 1)

_RELATIVE = {**RELATIVE_DAYS_ZH, **RELATIVE_DAYS_EN}

_MONTH_NAMES = "|".join(sorted({m.capitalize() for m in MONTHS_EN}, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(w.capitalize() for w in WEEKDAYS_EN)
# Each pattern opens on a fixed character set, so the regex engine skips ahead to the next
# candidate character instead of trying every position (5x faster than one alternation).
# Names of months and weekdays are capitalized in news. What comes before a match (a year,
# 上/下, a digit that makes 12日 part of 2012日) is read in code.
# 号 names a day only after a month (7月5号); alone it numbers things (5号线, 2号机组, 3号楼).
_ZH_DATE = re.compile(r"\d{1,2}(?:月\d{1,2}[日号號]|日)(?![\d本元内內来來间間])")
_ZH_WEEKDAY = re.compile(r"(?:周|週|星期|禮拜|礼拜)[一二三四五六日天]")
_ZH_RELATIVE = re.compile("(?:" + "|".join(sorted(RELATIVE_DAYS_ZH, key=len, reverse=True)) + ")")
_YEAR_BEFORE = re.compile(r"(\d{4})年$")
_EN_MONTH_DAY = re.compile(rf"(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b")
_EN_DAY_MONTH = re.compile(rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})\b")
_EN_WEEKDAY = re.compile(rf"(?:{_WEEKDAY_NAMES})\b")
_EN_RELATIVE = re.compile(
    "(?:" + "|".join(w for word in sorted(RELATIVE_DAYS_EN, key=len, reverse=True) for w in (word, word.capitalize()))
    + r")\b")
_EN_PATTERNS = (_EN_MONTH_DAY, _EN_DAY_MONTH, _EN_WEEKDAY, _EN_RELATIVE)
# Names of media that begin or end with "today" (今日俄罗斯, USA Today): no day.
_TODAY_NAMES_ZH = ("今日俄罗斯", "今日俄羅斯", "今日美国", "今日美國", "今日头条", "今日頭條", "今日印度", "今日新闻", "今日新聞")
_TODAY_NAME_EN = re.compile(r"[A-Z][\w.]*\s+$")
_SHIFT_BEFORE_EN = re.compile(r"\b([Ll]ast|[Nn]ext)\s+$")
_NUMBER = re.compile(r"\d{1,2}")
_MONTH_WORD = re.compile(rf"(?:{_MONTH_NAMES})")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT_BEFORE = re.compile(r"[\d月./-]")


def _month_day(published: date, month: int, day: int, year: int | None) -> date | None:
    """The date of month/day in ``year``, else in the year nearest the publication day."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    years = [year] if year else [published.year - 1, published.year, published.year + 1]
    best = None
    for y in years:
        try:
            candidate = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - published).days) < abs((best - published).days):
            best = candidate
    return best


def _day_of_month(published: date, day: int) -> date | None:
    """A day of the month named alone (5日): this month's, or last month's when it would be
    more than a day ahead of the publication."""
    if not 1 <= day <= 31:
        return None
    month_start = published.replace(day=1)
    for start in (month_start, (month_start - timedelta(days=1)).replace(day=1)):
        try:
            candidate = start.replace(day=day)
        except ValueError:
            continue
        if (candidate - published).days <= 1:
            return candidate
    return None


def _weekday(published: date, weekday: int, shift: str) -> date:
    """A weekday named without a date. Bare (周五, Friday): the latest such day on or before
    publication. Chinese 上周/下周 count calendar weeks from Monday (上周五 is Friday of the
    previous week); English "last"/"next" mean the nearest such day before/after publication."""
    shift = shift.strip().lower()
    if shift in ("上", "下"):
        monday = published - timedelta(days=published.weekday())
        return monday + timedelta(days=weekday + (-7 if shift == "上" else 7))
    if shift == "next":
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if shift == "last":
        return published - timedelta(days=(published.weekday() - weekday) % 7 or 7)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _resolve_zh(m: re.Match, published: date) -> date | None:
    text, start, found = m.string, m.start(), m.group()
    if m.re is _ZH_RELATIVE:
        if found == "今日" and text.startswith(_TODAY_NAMES_ZH, start):
            return None
        return published + timedelta(days=_RELATIVE[found])
    if m.re is _ZH_WEEKDAY:
        return _weekday(published, WEEKDAYS_ZH[found[-1]], text[start - 1:start])
    if _DIGIT_BEFORE.match(text[start - 1:start]):
        return None  # 2012日, 3.5日: no day of the month
    if "月" in found:
        month, day = found[:-1].split("月")
        year = _YEAR_BEFORE.search(text[max(0, start - 5):start])
        return _month_day(published, int(month), int(day), int(year.group(1)) if year else None)
    return _day_of_month(published, int(found[:-1]))


def _resolve_en(m: re.Match, published: date) -> date | None:
    found = m.group()
    if m.re is _EN_RELATIVE:
        if found == "Today" and _TODAY_NAME_EN.search(m.string[max(0, m.start() - 30):m.start()]):
            return None  # USA Today, Russia Today: a name
        return published + timedelta(days=_RELATIVE[found.lower()])
    if m.re is _EN_WEEKDAY:
        shift = _SHIFT_BEFORE_EN.search(m.string[max(0, m.start() - 6):m.start()])
        return _weekday(published, WEEKDAYS_EN[found.lower()], shift.group(1) if shift else "")
    if m.start() > 0 and m.string[m.start() - 1].isalnum():
        return None  # inside a word or a number
    month = MONTHS_EN[_MONTH_WORD.search(found).group().lower()]
    return _month_day(published, month, int(_NUMBER.search(found).group()), None)


def _english_patterns(text: str) -> tuple[re.Pattern, ...]:
    """The English patterns worth running on ``text``. A day-month date opens on a digit, so
    its scan tries every digit of a text; most texts with Latin letters are Chinese with a
    name or an acronym and no month name, and one scan for a month name (which a month date
    needs anyway) rules both month patterns out for them."""
    if _MONTH_WORD.search(text):
        return _EN_PATTERNS
    return _EN_WEEKDAY, _EN_RELATIVE


def mentioned_days(text: str, published_day: float, utc_offset_hours: int = 0) -> list[int]:
    """Distinct days (days since the epoch) ``text`` names, in order of first mention, resolved
    against the publication day where its readers are (``utc_offset_hours`` east of UTC:
    ``articles.calendar.utc_offset_for``, as the comparison reads dates); none when the
    publication day is unknown (NaN)."""
    if published_day is None or math.isnan(published_day):
        return []
    published = EPOCH + timedelta(days=int(math.floor(published_day + utc_offset_hours / 24.0)))
    days: list[int] = []
    matches = [m for pattern in (_ZH_DATE, _ZH_WEEKDAY, _ZH_RELATIVE) for m in pattern.finditer(text)]
    if _LATIN.search(text):
        matches += [m for pattern in _english_patterns(text) for m in pattern.finditer(text)]
    for m in sorted(matches, key=lambda m: m.start()):
        try:
            day = (_resolve_en if m.re in _EN_PATTERNS else _resolve_zh)(m, published)
        except OverflowError:  # a publication date at the calendar's end (year 9999)
            continue
        if day is None:
            continue
        value = (day - EPOCH).days
        if value not in days:
            days.append(value)
            if len(days) >= MAX_DAYS_PER_ARTICLE:
                break
    return days


def event_day_matrix(texts: Sequence[str], published_days: np.ndarray,
                     utc_offsets: Sequence[int] | None = None, n_jobs: int = 1) -> sp.csr_matrix:
    """Binary rows: which days each text names (columns: days since the epoch, shifted to start
    at 0). With ``n_jobs`` > 1 and many texts, chunks are read in forked workers (regex work
    that holds the GIL; the rows do not depend on the chunking)."""
    offsets = list(utc_offsets) if utc_offsets is not None else [0] * len(texts)
    if len(offsets) != len(texts) or len(published_days) != len(texts):
        raise ValueError("texts, publication days and offsets differ in length")
    bounds = [(start, min(start + CHUNK, len(texts))) for start in range(0, len(texts), CHUNK)]
    if n_jobs < 2 or len(bounds) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        # No shared state on this path: threads of a server may call it at once.
        parts = [_chunk_days(texts, published_days, offsets, b) for b in bounds]
    else:
        parts = _forked_chunks(texts, published_days, offsets, bounds, n_jobs)
    rows = np.concatenate([r for r, _c in parts]) if parts else np.zeros(0, np.int64)
    cols = np.concatenate([c for _r, c in parts]) if parts else np.zeros(0, np.int64)
    if not len(cols):
        return sp.csr_matrix((len(texts), 1), dtype=np.float64)
    low = int(cols.min())
    data = np.ones(len(cols), dtype=np.float64)
    return sp.csr_matrix((data, (rows, cols - low)), shape=(len(texts), int(cols.max()) - low + 1))


# Texts per chunk of event_day_matrix (a worker's task).
CHUNK = 2000
# What forked workers read: (texts, publication days, offsets), set only while a pool runs
# (batch processes only: a server never forks); one pool at a time.
_FORKED: tuple | None = None
_FORKED_LOCK = threading.Lock()


def _forked_chunks(texts, published_days, offsets, bounds, n_jobs: int) -> list:
    with _FORKED_LOCK:
        return _run_pool(texts, published_days, offsets, bounds, n_jobs)


def _run_pool(texts, published_days, offsets, bounds, n_jobs: int) -> list:
    from clustering.memory import start_forked_pool, stop_forked_pool

    global _FORKED
    finished = False
    try:
        _FORKED = (texts, published_days, offsets)
        pool = start_forked_pool(n_jobs)
        try:
            parts = pool.map(_chunk_days_forked, bounds)
            finished = True
        finally:
            stop_forked_pool(pool, wait=finished)
    finally:
        _FORKED = None
    return parts


def _chunk_days_forked(bounds: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    return _chunk_days(*_FORKED, bounds)


def _chunk_days(texts, published_days, offsets, bounds: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """(row, day) of every day the texts of rows ``bounds`` name."""
    rows: list[int] = []
    cols: list[int] = []
    for r in range(*bounds):
        for value in mentioned_days(texts[r], float(published_days[r]), offsets[r]):
            rows.append(r)
            cols.append(value)
    return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
