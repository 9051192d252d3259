"""Quantities in Chinese news text: values or ranges, vagueness, and what is counted.

A small purpose-built parser (no jionlp): Arabic and Chinese numerals, 万/千/百/亿
multipliers, vague forms (一千多, 1200多万, 十几万, 数百, 约200, 近, 超过, 以上, 成百上千),
percentages (90%以上, 百分之九十) and "26 of 28" (28个区的26个).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from comparison.lexicons.categories import counts_people_or_buildings
from comparison.lexicons.quantifiers import (
    CHANGE_START_MARKS_ZH,
    CHANGE_VERBS_ZH,
    COUNT_ONLY_VAGUE_ZH,
    ESTIMATE_BEFORE_EMPHATIC_ZH,
    FEW_WORD_MEASURES_ZH,
    FEW_WORDS_EN,
    FEW_WORDS_NOT_BEFORE_ZH,
    FEW_WORDS_ZH,
    FRACTION_WORDS_ZH,
    LARGE_FIGURE_QUALIFIERS_ZH,
    PREFIX_WORD_ENDS_ZH,
    PREFIX_ZH,
    RATE_SUFFIX_ZH,
    SUFFIX_ZH,
    UNQUANTIFIED_NOT_AFTER_ZH,
    UNQUANTIFIED_PEOPLE_ONLY_ZH,
    UNQUANTIFIED_RANGE,
    UNQUANTIFIED_TIME_AFTER_ZH,
    UNQUANTIFIED_TIME_ENDS_ZH,
    UNQUANTIFIED_TIMES_ZH,
    UNQUANTIFIED_ZH,
    VAGUE_WORDS_ZH,
)
from comparison.lexicons.reporting import SPEECH_VERBS_ZH
from comparison.lexicons.timewords import (
    NOT_YEAR_COUNT_AFTER_ZH,
    ONE_AS_DETERMINER_AFTER_ZH,
    ONE_DURATION_OFFSET_AFTER_ZH,
    PERIOD_FRAME_AFTER_ZH,
    RATE_AMOUNT_UNITS_ZH,
    TIME_ZONE_AFTER_RE,
    YEAR_COUNT_AFTER_ZH,
    YEAR_COUNT_BEFORE_ZH,
)
from comparison.lexicons.units import (
    COUNT_MEASURES_ZH,
    CURRENCIES_BEFORE_ZH,
    FLOOR_POSITION_BEFORE_ZH,
    HALF_MEASURES_ZH,
    MAGNITUDE_BEFORE_ZH,
    MAGNITUDES_EN,
    MAGNITUDES_ZH,
    MEGA_UNITS_AFTER_ZH,
    MORE_MEASURES_ZH,
    UNITS,
    dimension_of,
)
from comparison.text import TakenSpans, longest_first, to_simplified

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_CN_NUM_CHARS = "零〇一二两三四五六七八九十百千万亿"

# Measure words after which the counted noun follows (longest first in the regex):
# the Chinese units of the units lexicon and the counting measure words.
MEASURE_WORDS = sorted({u for u in UNITS if re.search(r"[\u4e00-\u9fff]", u)} | set(COUNT_MEASURES_ZH)
                       | set(HALF_MEASURES_ZH) | set(MORE_MEASURES_ZH))
_MEASURE_RE = longest_first(set(MEASURE_WORDS))

_PREFIX_QUALIFIERS = PREFIX_ZH
_PREFIXES_LONGEST_FIRST = sorted(_PREFIX_QUALIFIERS, key=len, reverse=True)
_PREFIX_RE = "|".join(_PREFIXES_LONGEST_FIRST)
_ESTIMATE_BEFORE_EMPHATIC = sorted(ESTIMATE_BEFORE_EMPHATIC_ZH, key=len, reverse=True)
_SUFFIX_QUALIFIERS = SUFFIX_ZH
_VAGUE_WORDS = VAGUE_WORDS_ZH
_VAGUE_RE = longest_first(_VAGUE_WORDS)

# A number is at most 18 digits (and 12 decimals), whole: a longer run of digits is no figure, and
# bounding it keeps every pattern that starts inside a run linear (a 100,000-digit run took minutes).
_ARABIC = r"(?<!\d)(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,12})?|\d{1,18}(?:\.\d{1,12})?)(?!\d|\.\d)"
# A Chinese numeral is at most 16 characters (十四亿一千一百七十八万 is 11), whole, for the same reason.
_CHINESE = rf"(?<![{_CN_NUM_CHARS}])[{_CN_NUM_CHARS}]{{1,16}}(?![{_CN_NUM_CHARS}])"
# Digits after 万/千 belong to the figure (6万2322人, 1千9百万, 7万5000桶) unless they begin a date or a
# time (超过6万7月以来: 6万 and a month) or are a year before a word (1万2019冠状病毒: 1万 and a name).
_COMPOUND_DIGITS = (rf"(?!(?:19|20)\d\d(?!{_MEASURE_RE})[\u4e00-\u9fff])\d{{1,4}}(?!\d)(?![年月日号时点])")
# 兆 after digits is a trillion (3.125兆元), not the mega- of 兆瓦 or 兆赫.
_TRILLION = rf"兆(?!{'|'.join(MEGA_UNITS_AFTER_ZH)})"
# (多 before 达 opens the emphatic 多达, no vague numeral: 人数多达50人, 估计多达50人 were cut to 数多 and 估计多.)
_QUANTITY_RE = re.compile(
    rf"(?P<prefix>{_PREFIX_RE})?\s*"
    rf"(?:(?P<pct_cn>百分之(?:{_ARABIC}|[{_CN_NUM_CHARS}点]{{1,12}}(?![{_CN_NUM_CHARS}点])))"
    rf"|(?P<vague>{_VAGUE_RE})(?!(?<=多)达)(?P<vague_mult>[万亿])?"
    rf"|(?P<cheng>[一二两三四五六七八九]成[一二三四五六七八九]?)(?![为功立员])"
    rf"|(?P<arabic>{_ARABIC})(?:\s*(?P<mult>(?:[万千百亿]|{_TRILLION})+)(?P<compound>(?:{_COMPOUND_DIGITS}[万千百亿]{{0,2}}){{0,4}}))?"
    rf"|(?P<chinese>{_CHINESE}))"
    rf"(?:(?P<more>多(?!达)|余|几)(?P<more_mult>[万亿])?)?"
    rf"(?:\s*(?P<percent>%|％)|\s*(?P<measure>{_MEASURE_RE}))?"
    rf"(?P<suffix>以上|之多|左右|上下|以下)?"
)
# "28个区的26个", "7 个地区中的 6 个": a part of a total.
_PART_OF_RE = re.compile(
    rf"(?P<total>{_ARABIC}|{_CHINESE})\s*个\s*(?P<noun>[\u4e00-\u9fff]{{1,4}}?)"
    rf"(?:中|当中|之中)?的\s*(?P<part>{_ARABIC}|{_CHINESE})\s*个"
)

# After an age, these make it an age group's bound (65岁及以上, 18岁或以上).
_AGE_GROUP_TAILS = ("及以上", "及以下", "或以上", "或以下", "以上", "以下")

_CJK_CHAR_RE = re.compile(r"[\u4e00-\u9fff]")

# Words that start with numeral characters but are not quantities.
_NOT_QUANTITY_PREFIXES = ("一直", "一些", "一起", "一再", "一度", "一旦", "一致", "一切", "一样",
                          "一般", "一方面", "一带", "一并", "一向", "一同", "一边", "一下",
                          "一定", "一道", "一项", "一连串", "万一", "千万", "十分", "一点",
                          "一贯", "一律", "一举", "一线", "一体", "一手", "一时", "一路",
                          "三角", "百姓", "万分", "一月", "二月", "三月", "四月", "五月",
                          "六月", "七月", "八月", "九月", "十月", "十一月", "十二月")


# Characters before 数/多 that make them part of another word: 大多数人, 少数人, 无数人,
# 半数人 (a share, not a count); 差不多人人, 更多人 (not a count).
# The 多 of an unquantified quantifier (许多人, 很多名, 众多人) is no numeral either: the quantifier is
# read whole (:func:`unquantified_zh`), its span as written, not cut to 多人.
_NOT_VAGUE_AFTER = {"数": "大少无多半",
                    "多": "不差更较最" + "".join(w[:-1] for w in UNQUANTIFIED_ZH if len(w) == 2 and w.endswith("多")),
                    "若干": ""}


# The measure words a vague numeral counts with (多名, 多间, 数辆: lexicons.quantifiers.
# FEW_WORD_MEASURES_ZH), never those of time or of times (多年, 多次: FEW_WORDS_NOT_BEFORE_ZH).
_FEW_WORD_MEASURES = frozenset(FEW_WORD_MEASURES_ZH) - frozenset(FEW_WORDS_NOT_BEFORE_ZH)


# The measure words of people, after which a vague numeral always counts (多名, 数人, 若干位).
_PEOPLE_MEASURES = ("名", "位", "人")
# Characters read after a measure word to tell it from a word it opens (起来, 批评).
_MEASURE_WORD_WINDOW = 5


def _measure_opens_a_word(simple: str, m: re.Match) -> bool:
    """Does the measure word of ``m`` begin a longer word of the dictionary with what follows it
    (多起来, 多批评: verbs), other than the measure word and a noun the dictionary lists together
    (架飞机, 份文件: 飞机 and 文件 are words of two characters or more)? Not 多家银行, 多间房屋."""
    from comparison.phonetics import word_boundaries

    start, end = m.start("measure"), m.end("measure")
    first_word_end = start + min(b for b in word_boundaries(simple[start:end + _MEASURE_WORD_WINDOW]) if b > 0)
    if first_word_end <= end:
        return False
    rest = simple[end:first_word_end]
    return len(rest) < 2 or word_boundaries(rest) != {0, len(rest)}


# Measure words that are the counted noun themselves (a building's storeys: 6层的建筑物, 6層樓高的工廠
# count storeys, whatever noun follows).
_NOUN_MEASURES = ("人", "省", "国", "例", "层", *(u for u in UNITS if re.search(r"[\u4e00-\u9fff]", u)))


@dataclass
class Quantity:
    """A number in the text, its value range and what it counts."""

    start: int
    end: int
    text: str
    low: float
    high: float  # == low for an exact value; math.inf for open-ended ("超过1000")
    vague: bool
    unit: str = ""  # measure word (名, 个, 人...) or "%"
    counted: str = ""  # the thing counted ("后备役军人"), empty when unknown
    counted_start: int = -1
    counted_end: int = -1
    total: float | None = None  # "26 of 28" -> 28
    percent: bool = False
    is_total: bool = False  # the 28 of "28个区的26个": a whole, not a figure to compare
    dimension: str = "count"  # count, length, area, mass, duration, money:USD, age, percent
    factor: float = 1.0  # to the dimension's base unit (miles -> metres: 1609.344)
    rounded: bool = False  # an exact round figure read as rounded (600 -> 570-630): read_as_rounded
    span: bool = False  # two figures joined by a range word (7岁至16岁, "two to three"): merge_ranges
    approximate_span: bool = False  # a span "about" widens ("about 30 to 40", 约在7至16岁): merge_ranges
    # A lower bound (至少, 不少于, 超过, 逾, 以上, "at least", "more than", "or more"): its range is the
    # count the reporter has (see _apply_qualifier); a larger figure of a report hours later is an
    # update of it, not a contradiction (comparison.report_times).
    floor: bool = False
    # Said with an unquantified quantifier and no numeral (许多抗议者, many protesters,
    # lexicons.quantifiers.UNQUANTIFIED_ZH/_EN): "two or more", no figure of its own.
    unquantified: bool = False

    @property
    def base_low(self) -> float:
        return self.low * self.factor

    @property
    def base_high(self) -> float:
        return self.high * self.factor

    @property
    def value(self) -> float:
        return self.low if self.low == self.high else (self.low + self.high) / 2


def counted_noun(q: Quantity) -> str:
    """The noun a figure counts, written after its measure word (九名中国工人: 中国工人; "five bombs":
    bomb), in Simplified script, English in the singular; '' when the measure word is the noun
    (152人) or none is read."""
    if q.counted_start < q.end or not q.counted:
        return ""
    noun = to_simplified(q.counted).strip().lower()
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in noun.split()) if noun.isascii() else noun


def parse_chinese_integer(chars: str) -> int | None:
    """一千零三十七 -> 1037, 两万 -> 20000, 二十六 -> 26; None when not a numeral."""
    if not chars or any(c not in _CN_NUM_CHARS for c in chars):
        return None
    if all(c in CN_DIGITS for c in chars) and len(chars) > 1:
        # 二〇二一 style: positional digits.
        return int("".join(str(CN_DIGITS[c]) for c in chars))
    total = section = digit = 0
    for c in chars:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in CN_SMALL_UNITS:
            section += (digit or 1) * CN_SMALL_UNITS[c]
            digit = 0
        elif c == "万":
            total += (section + digit or 1) * 10_000
            section = digit = 0
        elif c == "亿":
            total = (total + section + digit or 1) * 100_000_000
            section = digit = 0
    if len(chars) >= 2 and chars[-1] in CN_DIGITS and chars[-2] in _PLACE_BELOW:
        digit = int(digit * _PLACE_BELOW[chars[-2]])  # 一万五, 三千五: the place below (15000, 3500)
    return total + section + digit


def _parse_number(token: str) -> float | None:
    token = token.replace(",", "").strip()
    if not token:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    if "点" in token:  # 百分之九十点五
        whole, _, frac = token.partition("点")
        w = parse_chinese_integer(whole)
        digits = [CN_DIGITS.get(c) for c in frac]
        if w is None or any(d is None for d in digits):
            return None
        return float(f"{w}." + "".join(str(d) for d in digits))
    parsed = parse_chinese_integer(token)
    return None if parsed is None else float(parsed)


def _magnitude_step(value: float, chinese: str | None) -> float:
    """The size of the last place of a number: 一千 -> 1000, 1500 -> 100, 二十 -> 10."""
    if chinese:
        for unit_char, step in (("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2), ("十", 10)):
            if chinese.rstrip("零").endswith(unit_char):
                return step
        return 1.0
    v = int(value)
    if v <= 0 or value != v:
        return 1.0
    step = 1
    while v % (step * 10) == 0:
        step *= 10
    return float(step)


# A round figure is read as rounded: to half a unit of its last non-zero place, at most
# ROUNDED_SHARE of its value (600 -> 570-630; 100 stays 95-105, so 100 vs 150 still differ).
# The convention of implied precision (significant figures); only exact counts of 100 or more
# with two or more trailing zeros are read so (sums of money are as often exact: fines, prices).
ROUNDED_SHARE = 0.05


_DECIMALS_RE = re.compile(r"\d\.(\d+)")


def _written_with_magnitude(q: Quantity) -> bool:
    """Is ``q`` written with a word of magnitude of ten thousand or more (455亿美元, 3萬元, "$45
    billion", "$10m": lexicons.units.MAGNITUDES_ZH / MAGNITUDES_EN)? A writer who gives a sum to the
    亿 or the billion rounded it there, as one who writes 455.3亿 rounded it to the 0.1亿."""
    text = to_simplified(q.text).lower()
    return any(MAGNITUDES_ZH.get(c, 0) >= 1e4 for c in text) or any(
        MAGNITUDES_EN.get(w, 0) >= 1e6 for w in re.findall(r"[a-z]+", text))


def rounding_half(place: float) -> float:
    """Half a unit of a figure's last written place: the reach of its rounding either side. (Two
    neighbouring figures of one place, 14.1亿 and 14.2亿, meet only at the half-way value: ranges
    that only touch are no overlap, comparison.docs.ranges_overlap.)"""
    return 0.5 * place


def _rounding_place(q: Quantity) -> float | None:
    """The place an exact figure was rounded to, or None for a figure read exact: a count of 100 or
    more with two or more trailing zeros (600, 12,000, 两万); a sum of money written with a word of
    magnitude (455亿美元: the 亿 at least); a percentage written with decimals (17.8%: the 0.1).
    Whole percentages (a 25% tariff, a 5% target) and other sums (a fine, a price) are as often
    exact, and stay exact."""
    if q.vague or q.low != q.high:
        return None
    if q.percent:
        decimals = _DECIMALS_RE.search(q.text)
        return 10.0 ** -len(decimals.group(1)) if decimals else None
    if not (q.dimension == "count" or q.dimension.startswith("money:") and _written_with_magnitude(q)) or (
            q.low < 100 or not float(q.low).is_integer()):
        return None
    step = _magnitude_step(q.low, None)
    return step if step >= 100 else None


def read_as_rounded(quantities: list[Quantity]) -> None:
    """Widen exact figures read as rounded (600, 12,000, 两万, 455亿美元, 17.8%) to the range their
    rounding covers, in place (:func:`_rounding_place`); a round count or sum at most
    :data:`ROUNDED_SHARE` of its value either side."""
    for q in quantities:
        place = _rounding_place(q)
        if place is None:
            continue
        half = rounding_half(place) if q.percent else min(rounding_half(place), ROUNDED_SHARE * q.low)
        q.low, q.high, q.vague, q.rounded = q.low - half, q.high + half, True, True


# A qualifier that stresses a figure as large without bounding it (高达, 多达, 之多: lexicons.
# quantifiers.PREFIX_ZH): the figure keeps its value and is no vaguer than the bare figure.
EMPHATIC = "emphatic"
# "About 40" reads 36-44: this share either side of the figure.
ABOUT_SHARE = 0.1


def _apply_qualifier(low: float, high: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "about":
        return low * (1 - ABOUT_SHARE), high * (1 + ABOUT_SHARE)
    if qualifier == "under":
        return low * 0.85, high
    if qualifier == "over":
        # "超过1000", "at least 24" are read as 1000-1050, 24-25.2: reporters give
        # the count they have ("at least 24" vs 27, "at least 91" vs "at least
        # 114" are different counts in the development annotations; read as up
        # to twice, they never differed; open-ended, 逾900例 matched 81万 in total). That holds
        # for reports at about the same time; the figure is marked ``floor``, and a larger one
        # published hours later is an update of it (comparison.report_times).
        return low, high * 1.05
    if qualifier == "upto":
        return low * 0.8, high
    return low, high


# Characters that end a counted noun phrase in the regex fallback (no NER model).
_COUNTED_STOP = set("的在从被于已将和与及并但而却也都就还又因由向对把给为是有了着过，。、；：！？“”「」（）() ,.\n")
# Words that end a counted noun phrase in the regex fallback: general function
# words and the reporting verbs (the LAC tokens refine the phrase afterwards).
_COUNTED_STOP_WORDS = ("正在", "已经", "仍然", "目前", "被", "其中", "包括", "以及", "左右", "以上",
                       *SPEECH_VERBS_ZH)


def counted_phrase(text: str, start: int, max_chars: int = 10) -> tuple[int, int]:
    """The noun phrase right after a measure word: 名阿富汗军人越境 -> 阿富汗军人."""
    while start < len(text) and text[start] in "「“『\"":
        start += 1  # 4名「雇佣兵」
    end = start
    while end < len(text) and end - start < max_chars:
        ch = text[end]
        if ch in _COUNTED_STOP or not ("\u4e00" <= ch <= "\u9fff" or ch.isalpha()):
            break
        if any(text.startswith(w, end) for w in _COUNTED_STOP_WORDS) and end > start:
            break
        end += 1
    return start, end


# A weekday's numeral run into a figure: 周三千名警员 is "on Wednesday, a thousand officers",
# not 3,000 (每周三千人, "3,000 a week", keeps its figure).
_WEEKDAY_BEFORE_FIGURE = re.compile(r"(?<![每一两几数])(?:周|星期|礼拜)([一二三四五六日天])(?=[十百千万])")


def _mask_weekdays(simple: str) -> str:
    return _WEEKDAY_BEFORE_FIGURE.sub(lambda m: m.group(0)[:-1] + "\u3000", simple)


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text`` with exact offsets (dates are filtered by the caller)."""
    simple = _mask_weekdays(to_simplified(text))
    found: list[Quantity] = []
    parts: dict[int, tuple[float, str, int, int]] = {}
    totals: set[int] = set()
    for m in _PART_OF_RE.finditer(simple):
        total = _parse_number(m.group("total"))
        part = _parse_number(m.group("part"))
        if total and part is not None and part <= total:
            parts[m.start("part")] = (total, m.group("noun"), m.start("noun"), m.end("noun"))
            totals.add(m.start("total"))
    for m in _QUANTITY_RE.finditer(simple):
        if m.group(0).strip() == "" or m.end() == m.start():
            continue
        q = _build_quantity(simple, m)
        if q is None:
            continue
        core_start = m.start("pct_cn") if m.group("pct_cn") else (
            m.start("vague") if m.group("vague") else (
                m.start("arabic") if m.group("arabic") else m.start("chinese")))
        q.is_total = core_start in totals
        if core_start in parts:
            total, noun, ns, ne = parts[core_start]
            q.total, q.counted, q.counted_start, q.counted_end = total, noun, ns, ne
        q.text = text[q.start:q.end]
        if q.counted_start >= 0:
            q.counted = text[q.counted_start:q.counted_end]
        found.append(q)
    found = add_fractions(found, fractions_zh(text, simple) + percent_ranges(text))
    found = join_minutes_and_seconds(text, simple, join_years_and_months(text, merge_ranges(text, found, RANGE_CONNECTORS_ZH)))
    return with_unquantified(found, unquantified_zh(text, simple))


def names_no_figure(q: Quantity) -> bool:
    """A count said only as "more than one" or "a few", with no numeral: an unquantified
    quantifier (许多抗议者, many) or a word of a few (多名, 数人, 若干名, 几位; several, a few:
    lexicons.quantifiers.FEW_WORDS_ZH/_EN). No fact of its own for "only X reports"."""
    if q.unquantified:
        return True
    text = to_simplified(q.text).strip().lower()
    if any(c.isdigit() for c in text):
        return False
    if text in FEW_WORDS_EN:
        return True
    word = text[:-1] if text[-1:] in _FEW_WORD_MEASURES else text
    return text != word and word in FEW_WORDS_ZH


def with_unquantified(found: list[Quantity], extra: list[Quantity]) -> list[Quantity]:
    """``found`` and the unquantified counts that overlap none of its figures, in text order."""
    if not extra:
        return found
    # (the characters the figures cover, marked once: a check of every figure per quantifier was
    # quadratic in a text's length)
    covered = bytearray(max(q.end for q in found + extra) + 1)
    for q in found:
        covered[q.start:q.end] = b"\x01" * (q.end - q.start)
    extra = [u for u in extra if not any(covered[u.start:u.end])]
    return sorted(found + extra, key=lambda q: q.start) if extra else found


def unquantified_may_count(quantifier: str, noun: str) -> bool:
    """May the Chinese unquantified ``quantifier`` (许多, 很多名; Simplified) count ``noun``? After a
    measure word of people (很多名游客, 许多位老人) any noun, which the measure makes people, as after
    多名; else only a noun of people or buildings the lexicon counts (许多国家: no; 部分: people only)."""
    if quantifier[-1:] in _PEOPLE_MEASURES and quantifier[:-1] in UNQUANTIFIED_ZH:
        return True
    return counts_people_or_buildings(noun, quantifier in UNQUANTIFIED_PEOPLE_ONLY_ZH)


_UNQUANTIFIED_ZH_RE = re.compile(rf"(?:{longest_first(UNQUANTIFIED_ZH)})(?P<de>的)?")
_UNQUANTIFIED_TIME_ZH_RE = re.compile(
    rf"(?:(?:{longest_first(UNQUANTIFIED_TIME_AFTER_ZH)})"
    rf"(?:{longest_first(UNQUANTIFIED_TIME_ENDS_ZH)})"
    rf"|{'|'.join(UNQUANTIFIED_TIMES_ZH)})")


def _quantifier_measure_is_a_word(simple: str, start: int, end: int) -> bool:
    """Does jieba's dictionary reading of the quantifier and measure word ``simple[start:end]`` (很多名)
    and the few characters after it end a word at ``end``? 很多|名|游客, 好|多名|学生 do; 很多|名字,
    许多|名胜古迹, 好多|位置 do not. (One cut of a few characters per quantifier: linear.)"""
    from comparison.phonetics import word_boundaries

    return end - start in word_boundaries(simple[start:end + _MEASURE_WORD_WINDOW])


def unquantified_zh(text: str, simple: str) -> list[Quantity]:
    """Counts said with an unquantified quantifier before a noun of people or buildings (许多抗议者,
    大批示威者, 部分的居民, 一些房屋): "two or more", open above (UNQUANTIFIED_RANGE); not 许多国家,
    一些专家认为, 大部分 (a share), 第一批 (an ordinal), 多一些 (a comparative)."""
    out: list[Quantity] = []
    for m in _UNQUANTIFIED_ZH_RE.finditer(simple):
        if simple.endswith(UNQUANTIFIED_NOT_AFTER_ZH, 0, m.start()) or _UNQUANTIFIED_TIME_ZH_RE.match(simple, m.end()):
            continue  # (许多年来人们, 很多次: a time phrase, no count of the noun after it)
        # A measure word after a quantifier of 多 is its own, as after the numeral 多 (很多名游客,
        # 许多间房屋: the span 很多名); 人 of 许多人 is the noun counted. The collective ones take
        # none (大量个人信息: 个人, no measure).
        measure = "" if m.group("de") or not m.group(0).endswith("多") else simple[m.end():m.end() + 1]
        measure = measure if measure in _FEW_WORD_MEASURES and measure not in _NOUN_MEASURES else ""
        if measure and not _quantifier_measure_is_a_word(simple, m.start(), m.end() + 1):
            measure = ""  # 很多名字, 许多名胜, 好多位置: 名/位 opens a word, no measure (the noun decides)
        cs, ce = counted_phrase(simple, m.end() + len(measure))
        quantifier = m.group(0).rstrip("的") + measure
        if ce <= cs or not any(unquantified_may_count(quantifier, simple[cs:k]) for k in range(cs + 1, ce + 1)):
            continue  # (the regex phrase may run on past its noun: 许多阿富汗士兵越境; extract trims it)
        end = m.start("de") if m.group("de") else m.end() + len(measure)
        low, high = UNQUANTIFIED_RANGE
        out.append(Quantity(start=m.start(), end=end, text=text[m.start():end], low=low, high=high, vague=True,
                            counted=text[cs:ce], counted_start=cs, counted_end=ce, unquantified=True))
    return out


# A simple fraction of a whole: 三分之一 (a third), 四分之三, 一半, 半数 (not 百分之, a percentage,
# nor 百万分之二, parts per million).
_FRACTION_ZH_RE = re.compile(
    rf"(?P<prefix>{_PREFIX_RE}|过|多)?(?:(?<![{_CN_NUM_CHARS}])(?P<den>[{_CN_NUM_CHARS}]{{1,4}})分之(?P<num>[{_CN_NUM_CHARS}]{{1,4}})"
    rf"|(?P<word>{'|'.join(FRACTION_WORDS_ZH)}))(?P<suffix>以上)?(?![决赛儿])")


def share_quantity(text: str, start: int, end: int, share: float, qualifier: str | None) -> Quantity:
    """A fraction of a whole as a share in percent, read as rounded to that simple fraction (a
    third: 31.7-35%, as a round count is read; ROUNDED_SHARE), then its qualifier (more than half)."""
    low, high = share * (1 - ROUNDED_SHARE), share * (1 + ROUNDED_SHARE)
    if qualifier:
        low, high = _apply_qualifier(low, high, qualifier)
        if qualifier == "over":
            high = 100.0
    return Quantity(start=start, end=end, text=text[start:end], low=low, high=min(high, 100.0), vague=True,
                    unit="%", percent=True, dimension="percent", rounded=True)


def fractions_zh(text: str, simple: str) -> list[Quantity]:
    """The simple fractions of a Chinese text as shares, with what they are shares of (的房屋)."""
    found = []
    for m in _FRACTION_ZH_RE.finditer(simple):
        if m.group("word"):
            if simple[m.start("word") - 1:m.start("word")] in ("另", "的"):
                continue  # 另一半: the other half (a partner); 的一半: half of a figure said before
            share = FRACTION_WORDS_ZH[m.group("word")]
        else:
            den, num = parse_chinese_integer(m.group("den")), parse_chinese_integer(m.group("num"))
            if m.group("den") == "百" or not den or not num or num >= den:  # (百分之: a percentage)
                continue
            share = 100.0 * num / den
        prefix = m.group("prefix")
        # 过半数, 多一半: more than half
        over = m.group("suffix") or prefix in ("过", "多")
        qualifier = "over" if over else (_PREFIX_QUALIFIERS.get(prefix) if prefix else None)
        start = m.start() if prefix else m.start("word") if m.group("word") else m.start("den")
        q = share_quantity(text, start, m.end(), share, qualifier)
        if simple[m.end():m.end() + 1] == "的":
            cs, ce = counted_phrase(simple, m.end() + 1)
            if ce > cs:
                q.counted_start, q.counted_end, q.counted = cs, ce, text[cs:ce]
        found.append(q)
    return found


# A range of shares written with a hyphen or a tilde before the percent sign: 15-30%, 92–96%,
# 15%~30%, "15-30 percent" (a bare 4-3 may be a score; a percent sign makes it a range; 48%-51%
# is as often two results as a range).
_PERCENT_RANGE_RE = re.compile(
    r"(?<![A-Za-z0-9_.,/-])(?P<low>\d{1,3}(?:\.\d{1,3})?)\s?(?:(?:%|％)\s?[~～]|[-–~～])\s?(?P<high>\d{1,3}(?:\.\d{1,3})?)"
    r"\s?(?:%|％|percent\b|per cent\b)", re.I)


def percent_ranges(text: str) -> list[Quantity]:
    found = []
    for m in _PERCENT_RANGE_RE.finditer(text):
        low, high = float(m.group("low")), float(m.group("high"))
        if low < high <= 100:
            found.append(Quantity(start=m.start(), end=m.end(), text=m.group(0), low=low, high=high, vague=True,
                                  unit="%", percent=True, dimension="percent", span=True))
    return found


def add_fractions(found: list[Quantity], fractions: list[Quantity]) -> list[Quantity]:
    """``found`` with the fractions and ranges of shares in their places; a figure inside one (the
    "three" of three-quarters, the 15 of 15-30%) gives way to it."""
    if not fractions:
        return found
    taken, chosen = TakenSpans(), []
    for f in sorted(fractions, key=lambda f: (f.start, -f.end)):
        if not taken.overlaps(f.start, f.end):  # (two readings of one place: the first, longest)
            taken.append((f.start, f.end))
            chosen.append(f)
    kept = [q for q in found if not taken.overlaps(q.start, q.end)]
    return sorted(kept + chosen, key=lambda q: q.start)


# Words joining two figures into one range ("200至300人", "数百到数千人"; "two or three
# people", "hundreds to thousands"). A hyphen is not one: "4-3" is a score as often as a range.
RANGE_CONNECTORS_ZH = ("至", "到", "或")
RANGE_CONNECTORS_EN = ("to", "or")


def merge_ranges(text: str, found: list[Quantity], connectors: tuple[str, ...]) -> list[Quantity]:
    """Two figures of one dimension joined by a range word become one vague range,
    counting what the second counts ("hundreds to thousands of people": 200-9,999 people)."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and _one_range(text, prev, q, connectors):
            start = _BETWEEN_BEFORE_RE.search(text, max(0, prev.start - 10), prev.start)
            start = start.start() if start and text[prev.end:q.start].strip().lower() == "and" else prev.start
            # "About 30 to 40", 约在7至16岁: the "about" of the first figure is the whole range's.
            about = _read_as_about(prev) and q.low == q.high and not q.vague
            high = q.high * (1 + ABOUT_SHARE) if about else q.high
            # "$2 to 3 million": the first figure's currency is the span's, the second's bare count none
            kind = prev if prev.dimension.startswith("money:") and q.dimension == "count" and not q.unit else q
            out[-1] = Quantity(
                start=start, end=q.end, text=text[start:q.end], low=prev.low, high=high, vague=True,
                unit=q.unit, counted=q.counted, counted_start=q.counted_start, counted_end=q.counted_end,
                percent=q.percent, dimension=kind.dimension, factor=kind.factor, span=True, approximate_span=about)
            continue
        out.append(q)
    return out


def _read_as_about(q: Quantity) -> bool:
    """Was ``q`` one exact figure widened by "about" (:data:`ABOUT_SHARE` either side)?"""
    return q.low > 0 and math.isfinite(q.high) and abs(
        q.high / q.low - (1 + ABOUT_SHARE) / (1 - ABOUT_SHARE)) < 1e-9


_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\s+$", re.I)


def _one_range(text: str, prev: Quantity, q: Quantity, connectors: tuple[str, ...]) -> bool:
    """Do two figures make one range? A range word joins them (7至16岁, "two to three"), or
    "between ... and" (shares too: "between 40 and 70 percent"; "from 5% to 7%" is a change)."""
    joint = text[prev.end:q.start].strip().lower()
    between = joint == "and" and bool(_BETWEEN_BEFORE_RE.search(text, max(0, prev.start - 10), prev.start))
    # A bare first figure takes the second's unit (7至16岁: 7 to 16 years of age; 3至5公里).
    same_kind = (prev.dimension == q.dimension or prev.unit == "") and prev.unit in ("", q.unit)
    if between:
        same_kind = same_kind or (prev.percent and q.percent)
    shares = (prev.percent or q.percent) and not _changed_by_span(text, prev, q, joint)
    return (same_kind and not (prev.total or q.total) and (between or (joint in connectors and not shares))
            and q.start - prev.end <= (5 if between else 4) and prev.low <= q.high)


# Of a span of shares after a verb of change, the lower bound is at least this share of the
# upper (上涨500%至900%); further apart, "by A to B" reads as a change to a level.
_CHANGE_SPAN_MIN_RATIO = 0.2


def _changed_by_span(text: str, prev: Quantity, q: Quantity, joint: str) -> bool:
    """Are two shares joined by 至/到 right after a verb of change one span of the change (物价
    上涨500%至900%), not a change by A to a level B (从5%上涨至7%, 失业率下降0.3%至5.8%)?"""
    if joint not in ("至", "到") or not (prev.percent and q.percent) or prev.low < q.low * _CHANGE_SPAN_MIN_RATIO:
        return False
    simple = to_simplified(text[max(0, prev.start - 40):prev.start])
    clause = re.split(r"[，,；;。!！?？\n]", simple)[-1]
    verb = next((v for v in CHANGE_VERBS_ZH if clause.endswith(v)), None)
    if verb is None:
        return False
    before = clause[:-len(verb)]
    return not any(m in before for m in CHANGE_START_MARKS_ZH) and RATE_SUFFIX_ZH not in before


# After 年来, characters that make 来 the verb "come" (来到, 来港, 来华), not "since".
_CAME_TO = ("到", "自", "港", "澳", "台", "华", "京", "沪", "美", "往", "回")


def _counts_years(simple: str, m: re.Match) -> bool:
    """Is the number before 年 a count of years (约19年, 长达19年, 22年徒刑, 二十多年), not a
    calendar year (1989年, 19年底)? A four-digit number is always a calendar year."""
    core = m.group("arabic") or m.group("chinese") or ""
    if re.fullmatch(r"\d{4}", core.replace(",", "")) or (len(core) == 4 and all(c in CN_DIGITS for c in core)):
        return False
    after = simple[m.end():m.end() + 3]
    if after.startswith(NOT_YEAR_COUNT_AFTER_ZH) or m.group("measure") == "年半" and after[:1] in NOT_YEAR_COUNT_AFTER_ZH:
        return False
    if m.group("prefix") or m.group("more") or m.group("suffix") or m.group("measure") == "年半":
        return True
    before = simple[max(0, m.start() - 2):m.start()]
    if after.startswith("来") and after[1:2] in _CAME_TO:
        return False  # 21年来到北京: came (in '21), not "for 21 years"
    return (after.startswith(YEAR_COUNT_AFTER_ZH) or before.endswith(YEAR_COUNT_BEFORE_ZH)
            or bool(_MONTHS_AFTER_YEARS_RE.match(simple, m.end())))


# Capital letters and a space right before a number: a code (SJY 182, MH 370), not a count.
_CODE_BEFORE_RE = re.compile(r"(?<![A-Za-z])[A-Z]{2,4}\s$")

# Characters after 半 that make it the start of another word (半夜 midnight, 半导体, 半岛...).
_NOT_HALF_AFTER = ("夜", "导", "岛", "径", "场", "数", "途", "空", "身", "边")

# Years and then months, one duration: 4年3个月, 四年又三个月, 2年零6个月.
_MONTHS_AFTER_YEARS_RE = re.compile(rf"(?:零|又)?\s*(?:\d{{1,2}}|[{_CN_NUM_CHARS}]{{1,3}})\s*个(?:半|多)?月")


def join_years_and_months(text: str, found: list[Quantity]) -> list[Quantity]:
    """4年3个月 is one duration of 51 months, not 4 years and 3 months apart."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.unit == "年" and q.unit == "个月" and q.start - prev.end <= 2
                and text[prev.end:q.start].strip() in ("", "零", "又") and not prev.vague
                and (q.low == q.high or to_simplified(text[q.start:q.end]).endswith("个多月"))):
            months = prev.low * 12
            out[-1] = Quantity(start=prev.start, end=q.end, text=text[prev.start:q.end], low=months + q.low,
                               high=months + q.high, vague=q.vague, unit="个月", counted=q.counted, counted_start=q.counted_start,
                               counted_end=q.counted_end, dimension="duration", factor=q.factor)
            continue
        out.append(q)
    return out


# Minutes right before a count of seconds: 1分57秒, 9分钟29秒 (分 alone is no unit: points, cents).
_MINUTES_BEFORE_RE = re.compile(rf"(?<![\d.{_CN_NUM_CHARS}])(\d{{1,3}}|[{_CN_NUM_CHARS}]{{1,3}})\s*分钟?\s*$")


def _clock_before(simple: str, at: int) -> bool:
    """Does a clock hour end right before ``at`` (2时|, 两点|; not 3小时|, a duration)?"""
    return simple[at - 1:at] in ("时", "点") and simple[at - 2:at] != "小时"


def join_minutes_and_seconds(text: str, simple: str, found: list[Quantity]) -> list[Quantity]:
    """1分57秒 is one duration of 117 seconds, not 57 seconds."""
    out: list[Quantity] = []
    for q in found:
        m = _MINUTES_BEFORE_RE.search(simple, max(0, q.start - 8), q.start) if q.unit in ("秒", "秒钟") else None
        minutes = _parse_number(m.group(1)) if m else None
        if m is not None and _clock_before(simple, m.start()):
            continue  # 2时36分15秒: the seconds of a clock time, no duration
        if m is not None and minutes is not None and not q.vague:
            if out and out[-1].start >= m.start():
                out.pop()  # 9分钟29秒: the minutes were read as a figure of their own
            seconds = minutes * 60 + q.low
            q = Quantity(start=m.start(), end=q.end, text=text[m.start():q.end], low=seconds, high=seconds,
                         vague=False, unit=q.unit, counted=q.counted, counted_start=q.counted_start,
                         counted_end=q.counted_end, dimension="duration", factor=q.factor)
        out.append(q)
    return out


def _build_quantity(simple: str, m: re.Match) -> Quantity | None:
    """The figure a match of ``_QUANTITY_RE`` reads, or None when it is no checkable figure."""
    prefix, measure = m.group("prefix"), m.group("measure")
    core = next(g for g in ("pct_cn", "cheng", "vague", "arabic", "chinese") if m.group(g))
    # Without a qualifier, the match may begin with whitespace: start at the number.
    start, end = (m.start() if prefix else m.start(core)), m.end()
    if not _reads_as_figure(simple, m, core, start):
        return None
    is_percent = bool(m.group("pct_cn") or m.group("percent") or m.group("cheng"))
    read = _value_range(simple, m, simple[max(0, start - 1):start])
    if read is None:
        return None
    low, high, vague = read
    if measure in HALF_MEASURES_ZH:
        if simple[m.end():m.end() + 1] not in _NOT_HALF_AFTER:
            low, high = low + 0.5, high + 0.5  # 一个半小时: 1.5 hours
        elif measure.endswith("半") and measure != "年半":  # (年 alone may be a calendar year)
            end -= 1  # 连续3天半夜, 10年半导体: 半 starts the next word; 3天 is the figure
        else:
            return None
        measure = HALF_MEASURES_ZH[measure]
    elif measure in MORE_MEASURES_ZH:
        low, high, vague = low, high + 1, True  # 两个多月: over two months, under three
        measure = MORE_MEASURES_ZH[measure]
    if low <= 1 and high <= 1 and not is_percent and not (
            measure == "年" and _MONTHS_AFTER_YEARS_RE.match(simple, m.end())) and (
            high >= 1 or low <= 0 or measure is None or measure in COUNT_MEASURES_ZH or dimension_of(measure)[0] == "count"
    ) and not _duration_of_one(simple, m, core, measure, low, high):
        return None  # "一名官员": one of something is not a checkable figure (一年三个月 is; a fraction
        # of a measure, 0.5公里 or 0.5个百分点, is; so is a duration of one, 为期一周)
    currency, currency_start = _currency_before(simple, start) if not prefix and measure in (None, "元") else (None, start)
    if currency:
        prefix, start = _qualifier_before(simple, currency_start)
    qualifier = _PREFIX_QUALIFIERS.get(prefix) if prefix else None
    if prefix in LARGE_FIGURE_QUALIFIERS_ZH and high < LARGE_FIGURE_QUALIFIERS_ZH[prefix]:
        qualifier, start = None, m.start(core)  # 突破3道防线: the verb, not "more than 3"
    if prefix in PREFIX_WORD_ENDS_ZH and simple[m.start("prefix") - 1:m.start("prefix")] in tuple(PREFIX_WORD_ENDS_ZH[prefix]):
        qualifier, start = None, m.start(core)  # 附近多位居民: "nearby", not "nearly"
    if qualifier == EMPHATIC:
        estimated = next((w for w in _ESTIMATE_BEFORE_EMPHATIC if simple.endswith(w, 0, start)), None)
        if estimated and not (len(estimated) == 1 and start >= 2 and simple[start - 2] in PREFIX_WORD_ENDS_ZH["约"]):
            # 估计高达3000人: the top of an estimate (as "as many as 3000"), not the value itself
            qualifier, start = "upto", start - len(estimated)
    if qualifier:
        low, high = _apply_qualifier(low, high, qualifier)
        vague = vague or qualifier != EMPHATIC  # (高达50人: the value itself)
        if qualifier == "over" and _bare_magnitude(m.group("chinese")) and not m.group("more"):
            # 逾百人, 超过千人: "over a hundred" names no count, only its order, as 百余人 does
            # (101-199); "超过1000人" gives the count the reporter has (1000-1050).
            high = 2 * low - 1
    if m.group("suffix"):
        sq = _SUFFIX_QUALIFIERS[m.group("suffix")]
        low, high = _apply_qualifier(low, high, sq)
        vague = vague or sq != EMPHATIC  # (50人之多: the value itself)
        if is_percent and sq == "over" and low < 100:
            high = 100.0  # (a growth of 150%以上 is no share: it keeps its 5%)
    q = _quantity_with_unit(simple, m, start, end, (low, high, vague), measure, is_percent)
    q.floor = qualifier == "over" or bool(m.group("suffix")) and _SUFFIX_QUALIFIERS[m.group("suffix")] == "over"
    if currency:
        q.unit, (q.dimension, q.factor) = currency, dimension_of(currency)
    return q


# A rate's amount after a unit of time (一天|停电数小时, 一周|工作六天): a few words of its clause, none
# framing a period (一天之内, 一个月来), then a number and a unit of time or of times.
_RATE_AMOUNT_AFTER_ONE = re.compile(
    rf"[^{PERIOD_FRAME_AFTER_ZH}，,。；;：:！!？?、\s\d{_CN_NUM_CHARS}]{{1,6}}?"
    rf"(?:\d+|[{_CN_NUM_CHARS}]+|数|几)(?:{longest_first(RATE_AMOUNT_UNITS_ZH)})")


def _duration_of_one(simple: str, m: re.Match, core: str, measure: str | None, low: float, high: float) -> bool:
    """Is this one unit of time a length of time, as two of them would be (为期一周, 一个月内,
    一年来, 一天之内, 近一年)? Not 一 as a determiner's (这一天, 前一天, 同一年:
    ONE_AS_DETERMINER_AFTER_ZH), nor a point in time (一个月后, 一年前: ONE_DURATION_OFFSET_AFTER_ZH),
    a rate's or an idiom's, a figure right after it (一天三次, 一年一度), nor characters of
    dictionary words (星期一|天气, 统一|天然气, 一天到晚); 一周年 (an anniversary) and 一年级 are no
    figures at all (_reads_as_figure)."""
    if not (low == high == 1 and measure and dimension_of(measure)[0] == "duration"):
        return False
    after = simple[m.end():m.end() + 2]
    if after and (after[0].isdigit() or after[0] in _CN_NUM_CHARS):
        return measure == "年" and bool(_MONTHS_AFTER_YEARS_RE.match(simple, m.end()))  # (一年三个月: one duration)
    if after.startswith(ONE_DURATION_OFFSET_AFTER_ZH) or after.startswith(measure[-1]):  # (一天天: day after day)
        return False
    if m.group("prefix"):
        return True  # 近一年, 约一周, 不到一个月: a qualified figure
    if _RATE_AMOUNT_AFTER_ONE.match(simple, m.end()):
        return False  # 一天停电数小时: the "per" of a rate
    start = m.start(core)
    if simple[max(0, start - 1):start] in ONE_AS_DETERMINER_AFTER_ZH:
        return False
    # 一 and the unit are words of their own (演习|为期|一周, 一个月|内), not characters of
    # dictionary words around them (星期一|天气, 统一|天然气, 一天到晚).
    from comparison.phonetics import word_boundaries

    window = max(0, start - 4)
    bounds = word_boundaries(simple[window:m.end() + 4])
    return start - window in bounds and m.end() - window in bounds


# A magnitude written in unit words alone (百, 千万, 百亿): after a qualifier, an order of size.
_MAGNITUDE_CHARS = frozenset("十百千万亿")


def _bare_magnitude(chinese: str | None) -> bool:
    return bool(chinese) and set(chinese) <= _MAGNITUDE_CHARS


def _currency_before(simple: str, start: int) -> tuple[str | None, int]:
    """新台币5亿元, 港币 5000元: the currency written just before the figure, and where it starts."""
    j = start
    while j > 0 and simple[j - 1] == " ":
        j -= 1
    word = next((c for c in CURRENCIES_BEFORE_ZH if simple.endswith(c, 0, j)), None)
    if word and simple[max(0, j - len(word) - 1):j - len(word)] in ("兑", "对"):
        return None, start  # 美元兑人民币7.2: an exchange rate, no sum of money
    return (word, j - len(word)) if word else (None, start)


def _qualifier_before(simple: str, start: int) -> tuple[str | None, int]:
    """约新台币5亿元: a qualifier before the currency word, and where the figure's span starts."""
    word = next((p for p in _PREFIXES_LONGEST_FIRST if simple.endswith(p, 0, start)), None)
    return (word, start - len(word)) if word else (None, start)


def _reads_as_figure(simple: str, m: re.Match, core: str, start: int) -> bool:
    """Is the match a figure at all? Not a qualifier alone, a clock's minutes, an ordinal
    (第三), a code (COVID-19, MH 370), a year or date, a bare numeral without a measure word,
    nor an age group's bound (65岁以上)."""
    arabic, chinese, measure = m.group("arabic"), m.group("chinese"), m.group("measure")
    if m.group("prefix") and not (arabic or chinese or m.group("vague") or m.group("pct_cn") or m.group("cheng")):
        return False
    # Leading qualifier only counts when it is glued to the number.
    before = simple[max(0, start - 1):start]
    if _clock_before(simple, start) and simple[m.end(core):m.end(core) + 1] == "分" and simple[m.end(core) + 1:m.end(core) + 2] != "钟":
        return False  # 2时36分, 两点四十分: the minutes of a clock time, the date reader's
    if chinese:
        if simple.startswith(_NOT_QUANTITY_PREFIXES, m.start("chinese")):
            return False
        if before == "第" or (before and before in _CN_NUM_CHARS):
            return False
        if not (m.group("prefix") or m.group("more")) and not chinese.strip("百千万亿") and (
                before == "每" or (not measure and _CJK_CHAR_RE.match(simple, m.end()))):
            return False  # a unit starting a word: 每百人 (per hundred), 亿万富翁 (千名警员, 年薪百万 are figures)
        # A bare Chinese numeral needs a measure word, a % or a big unit to be a quantity.
        if not (measure or m.group("percent") or m.group("more") or any(c in chinese for c in "十百千万亿")):
            return False
        if (measure == "年" and not _counts_years(simple, m)) or (
                measure is None and len(chinese) == 1 and not m.group("more_mult")):
            return False
    if arabic and not _arabic_reads_as_figure(simple, m, before):
        return False
    if measure == "周" and simple[m.end():m.end() + 1] == "年":
        return False  # 30周年: an anniversary, not thirty weeks
    if measure == "层" and simple.endswith(FLOOR_POSITION_BEFORE_ZH, 0, start):
        return False  # 地下二层, 从12层烧起: a floor, no count of storeys
    # 65岁以上 (人口): the bound of an age group, not a figure anyone reports
    return not (measure == "岁" and (m.group("suffix") or simple.startswith(_AGE_GROUP_TAILS, m.end())))


def _arabic_reads_as_figure(simple: str, m: re.Match, before: str) -> bool:
    arabic, measure = m.group("arabic"), m.group("measure")
    if before == "第" or before == "：" or (before and (before.isascii() and (before.isalnum() or before in "-_/.:"))):
        return False  # COVID-19, G7, A-10, version numbers, the minutes of 10:30
    if _CODE_BEFORE_RE.search(simple, max(0, m.start("arabic") - 6), m.start("arabic")):
        return False  # a flight or train number written apart: SJY 182航班, MH 370
    # Years and clock times belong to the date extractor.
    if (measure in ("年", "年半") and not _counts_years(simple, m)) or re.match(
            r"\d{1,2}[:：]\d{2}", simple[m.start("arabic"):]) or re.match(
            TIME_ZONE_AFTER_RE, simple[m.end("arabic"):]):
        return False
    if simple[m.end("arabic"):m.end("arabic") + 1] in ("月", "日", "号", "时", "点", ":", "："):
        return False
    # a bare year: 2019冠状病毒疾病, 2016年 written without 年
    return not (re.fullmatch(r"(?:19|20)\d\d", arabic) and not (
        measure or m.group("mult") or m.group("percent") or m.group("more")))


_UNIT_VALUES = {"百": 100, "千": 1000}
_PLACE_BELOW = {"亿": 1e7, "万": 1e3, "千": 1e2, "百": 10.0}


def _mixed_numeral(first: float, rest: str) -> tuple[float, float]:
    """A figure written in digits and unit characters (6万2322, 27万7000, 1千9百万, 14亿1178万):
    its value and the size of its last written place, read as a Chinese numeral is read."""
    total = section = 0.0
    digit, last_step = first, 1.0
    tokens = re.findall(rf"\d+|[万千百亿]|{_TRILLION}", rest)
    trillions = 0.0
    for k, token in enumerate(tokens):
        if token.isdigit():
            digit, last_step = float(token), _magnitude_step(float(token), None)
            if k == len(tokens) - 1 and len(token) == 1 and k > 0 and tokens[k - 1] in _PLACE_BELOW:
                # 2万5, 三千五: a last lone digit is the place below the unit before it (25,000)
                digit, last_step = digit * _PLACE_BELOW[tokens[k - 1]], _PLACE_BELOW[tokens[k - 1]]
        elif token in _UNIT_VALUES:
            section, digit, last_step = section + digit * _UNIT_VALUES[token], 0.0, _UNIT_VALUES[token]
        elif token == "万":
            total, section, digit, last_step = total + (section + digit) * 1e4, 0.0, 0.0, last_step * 1e4
        elif token == "亿":
            total, section, digit, last_step = (total + section + digit) * 1e8, 0.0, 0.0, last_step * 1e8
        else:  # 兆: 3兆1250亿, the trillions above the 亿 that follow
            trillions, total, section, digit = (total + section + digit) * 1e12, 0.0, 0.0, 0.0
            last_step *= 1e12
    return trillions + total + section + digit, last_step


def _value_range(simple: str, m: re.Match, before: str) -> tuple[float, float, bool] | None:
    """(low, high, vague) of the figure's value before qualifiers: a share in tenths (六成三), a
    percentage in words, a vague number word, or a number with its multipliers (14.1亿, 13.4亿多)."""
    vague_word, arabic, mult, chinese = m.group("vague"), m.group("arabic"), m.group("mult"), m.group("chinese")
    measure, cheng, pct_cn = m.group("measure"), m.group("cheng"), m.group("pct_cn")
    if cheng:
        # 六成三 = 63% (成: tenths), read to half its last place below and a whole place above:
        # 62.5-64%, since such shares are as often cut as rounded (63.89% is 六成三); 七成 = 65-75%.
        tens, ones = CN_DIGITS[cheng[0]], (CN_DIGITS[cheng[2]] if len(cheng) > 2 else None)
        value, below, above = (tens * 10 + ones, 0.5, 1.0) if ones is not None else (tens * 10, 5.0, 5.0)
        return value - below, value + above, True
    if pct_cn:
        value = _parse_number(pct_cn[len("百分之"):])
        return None if value is None else (value, value, False)
    if vague_word:
        low, high = _VAGUE_WORDS[vague_word]
        if m.group("vague_mult"):
            if vague_word in COUNT_ONLY_VAGUE_ZH:
                return None  # 多万: no numeral
            big = {"万": 1e4, "亿": 1e8}[m.group("vague_mult")]
            return low * big, high * big, True  # 十几万, 几百万, 数万亿
        if vague_word == "几" and not measure:
            return None
        if vague_word in COUNT_ONLY_VAGUE_ZH and (
                measure not in _FEW_WORD_MEASURES or (before and before in _NOT_VAGUE_AFTER[vague_word])):
            return None
        if vague_word in COUNT_ONLY_VAGUE_ZH and measure not in _PEOPLE_MEASURES and _measure_opens_a_word(simple, m):
            return None  # 多起来 (become more), 多批评 (criticise more): 起, 批 open a word, no measure
        return low, high, True
    value = _parse_number(arabic) if arabic else _parse_number(chinese)
    if value is None:
        return None
    low = high = value
    vague = False
    compound = m.group("compound") if arabic else None
    if compound:
        value, last_step = _mixed_numeral(value, mult + compound)
        low = high = value
    elif arabic and mult:
        for c in mult:
            value *= MAGNITUDES_ZH[c]
        low = high = value
        decimals = arabic.partition(".")[2]
        if decimals:
            # 14.1亿 is a rounded figure: half a unit of its last written place either side.
            half = rounding_half(10 ** -len(decimals) * value / float(arabic.replace(",", "")))
            low, high, vague = value - half, value + half, True
    if m.group("more_mult"):
        # 1200多万, 50余万, 十几万: past the number, below its next step, all times the big unit
        # (1201万-1299万), not 1200多 and a stray 万.
        big = {"万": 1e4, "亿": 1e8}[m.group("more_mult")]
        step = _magnitude_step(value, None if arabic else chinese)
        return (value + 1) * big, (value + max(step, 2) - 1) * big, True
    if m.group("more"):
        if compound:
            step = last_step  # 101万4千多: past 1,014,000, below 1,015,000
        elif arabic and mult:
            step = MAGNITUDES_ZH[mult[-1]]
            step *= 10 ** -len(arabic.partition(".")[2])  # 13.4亿多: past 13.4亿, below 13.5亿
        else:
            step = _magnitude_step(value, None if arabic else chinese)
        low, high = value + 1, value + max(step, 2) - 1
        vague = True
    return low, high, vague


def _quantity_with_unit(simple: str, m: re.Match, start: int, end: int, value: tuple[float, float, bool],
                        measure: str | None, is_percent: bool) -> Quantity:
    """The figure with its unit, dimension and counted noun (152人: people; 3名平民: 平民)."""
    low, high, vague = value
    unit = "%" if is_percent else (measure or "")
    counted_start = counted_end = -1
    counted = ""
    if measure in _NOUN_MEASURES:
        # The measure word is itself the thing counted: 152人, 26国, 3天.
        counted_start, counted_end = m.start("measure"), min(m.end("measure"), end)
        counted = measure
    elif (measure or (m.group("vague") and simple[end:end + 1] == "的")) and not is_percent:
        # The counted noun follows the measure word (or 的 after 成百上千).
        cs, ce = counted_phrase(simple, end + (0 if measure else 1))
        if ce > cs:
            counted_start, counted_end = cs, ce
            counted = simple[cs:ce]
    dimension, factor = ("percent", 1.0) if is_percent else dimension_of(measure or "")
    if (not measure and not is_percent and simple[max(0, start - 2):start] == MAGNITUDE_BEFORE_ZH
            and 0 < high < 10):
        unit, (dimension, factor) = "级", dimension_of("级")  # 规模7.3 (Taiwan's word): magnitude 7.3
    return Quantity(start=start, end=end, text=simple[start:end], low=low, high=high,
                    vague=vague, unit=unit, counted=counted, counted_start=counted_start,
                    counted_end=counted_end, percent=is_percent, dimension=dimension, factor=factor)
