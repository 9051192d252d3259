"""Slot extractors shared by both languages: part of day, place (with level and
direction) and attribution (who says it), each with exact spans.

Inputs are an article text and its Simplified copy (same length); every list
they read is in :mod:`comparison.lexicons`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from comparison.extract_en import adverb_opens_name, capitalized_run, organisation_shaped_en
from comparison.furniture import DATELINE_DASH_ZH
from comparison.lexicons.attribution import (
    AGENCIES,
    ANONYMOUS_EN,
    ANONYMOUS_ZH,
    EXPERT_VOICES_EN,
    GENERIC_VOICE_MODIFIERS_EN,
    GENERIC_VOICE_PREFIX_ZH,
    GENERIC_VOICES_EN,
    GENERIC_VOICES_ZH,
    MEDIA_CHANNELS_ZH,
    MEDIA_HEADS_EN,
    MEDIA_HEADS_ZH,
    NEWSPAPER_NAME_HEADS_EN,
    NOT_AN_OFFICE_ZH,
    OFFICE_HEAD_ENDINGS_ZH,
    OFFICIAL_ROLES_EN,
    OFFICIAL_ROLES_ZH,
    OFFICIAL_TITLE_ABBREVIATIONS_EN,
    ORGANIZATION_HEADS_EN,
    ORGANIZATION_HEADS_ZH,
    STATE_CAPITALS_EN,
    TITLE_VERBS_ZH,
    TITLES_ZH,
    WITNESS_EN,
    WITNESS_ZH,
    ZHANG_WORD_SECONDS_ZH,
)
from comparison.lexicons.grammar import PREPOSITIONS_EN
from comparison.lexicons.places import (
    DIRECTIONS_EN,
    DIRECTIONS_ZH,
    GENERIC_PLACES_EN,
    GENERIC_PLACES_ZH,
    LEVEL_SUFFIX_ZH,
)
from comparison.lexicons.reporting import (
    BODY_HEADS_AFTER_RECORD_ZH,
    CITED_RECORDS_ZH,
    CLAUSE_LEAD_WORDS_EN,
    CLAUSE_LEAD_WORDS_ZH,
    CONDITIONAL_ZH,
    ESTIMATE_VERBS_EN,
    FIGURE_RECORDS_ZH,
    LIGHT_VERBS_ZH,
    NEGATED_SPEECH_ZH,
    NO_VOICE_DETERMINERS_ZH,
    NOT_SPEECH_WORDS_ZH,
    NOUN_LIKE_SPEECH_VERBS_EN,
    PUT_AT_VERBS_EN,
    QUESTION_WORDS_ZH,
    RECORD_MODIFIERS_ZH,
    REPORT_VERBS_ZH,
    SPEECH_NEGATORS_ZH,
    SPEECH_VERB_INSIDE_WORDS_ZH,
    SPEECH_VERBS_EN,
    SPEECH_VERBS_ZH,
    STATEMENT_VERB_INSIDE_WORDS_ZH,
    STATEMENT_VERBS_ZH,
    TITLE_ABBREVIATIONS_EN,
    VOICE_RECORDS_ZH,
    VOICE_TRAILING_ADVERBS_ZH,
    WHOLE_ADVERBS_ZH,
)
from comparison.lexicons.timewords import (
    AS_OF_EN,
    AS_OF_ZH,
    CLOCK_AHEAD_AFTER_ZH,
    CLOCK_AHEAD_BEFORE_ZH,
    CLOCK_FROM_AFTER_ZH,
    CLOCK_UNTIL_BEFORE_EN,
    CLOCK_UNTIL_BEFORE_ZH,
    EVENING_AFTER_DAY_ZH,
    MONTHS_EN,
    PARTS_OF_DAY_EN,
    PARTS_OF_DAY_ZH,
    RELATIVE_DAYS_EN,
    RELATIVE_DAYS_ZH,
    RELATIVE_YEARS_ZH,
    THEN_WORDS_ZH,
    TIME_SHIFT_ZH,
    WEEKDAYS_EN,
    WEEKDAYS_ZH,
)
from comparison.text import longest_first, words_outside


def _alternation(words, latin: bool) -> str:
    ordered = sorted(words, key=len, reverse=True)
    if latin:
        # A hyphen may stand apart, as tokenized corpora (ECB+) write it: "south - west".
        return "|".join("(?<![A-Za-z-])" + _SPACED_HYPHEN.join(map(re.escape, w.split("-"))) + "(?![A-Za-z-])"
                        for w in ordered)
    return longest_first(ordered, escape=True)


_SPACED_HYPHEN = r"\s?-\s?"


def _latin_key(matched: str) -> str:
    """The lexicon key of a Latin match ("South - west" -> "south-west")."""
    return " ".join(re.sub(r"\s*-\s*", "-", matched.lower()).split())


# ------------------------------------------------------------ part of day --
_PART_ZH_RE = re.compile(_alternation(PARTS_OF_DAY_ZH, False))
_PART_EN_RE = re.compile(_alternation(PARTS_OF_DAY_EN, True), re.I)
_EVENING_AFTER_DAY_RE = re.compile(
    rf"(?:(?<=[日号天一二三四五六])|(?<=日）)|(?<=日\)))(?:{EVENING_AFTER_DAY_ZH[0]})(?![会宴报期年餐点饭辈霞间上些了])")


@dataclass
class PartOfDay:
    start: int
    end: int
    text: str
    hours: tuple[int, int]  # local hours [start, end); may run past 24 (overnight)


# Characters read before a time for an "as of" word (截至今天下午5时, as of 4 p.m. Monday).
AS_OF_WINDOW = 12


def as_of(source: str, start: int, english: bool) -> bool:
    """Is the time at ``start`` the moment a count was taken (截至14日上午11点半, as of noon)? Read
    back to the clause's start, at most :data:`AS_OF_WINDOW` characters."""
    before = source[max(0, start - AS_OF_WINDOW * (2 if english else 1)):start]  # English words are longer
    # The clause's start: a comma or sentence end, not the stops of "p.m." or "a.m.".
    before = re.split(r"[，。；！？,;!?]|(?<![apAP])\.(?![mM]\.)(?<!\b[mM]\.)", before)[-1]
    if english:  # whole words: "was at 4 pm" is no "as at"
        return any(re.search(rf"\b{re.escape(w)}\b", before, re.I) for w in AS_OF_EN)
    return any(w in before for w in AS_OF_ZH)


# A day written between a role word and its time (将于今天晚上9时, 至13日凌晨2时): skipped.
_DAY_BETWEEN_ZH = r"[今明昨当本周星期天日号月\d一二三四五六七八九十（）()\s]{0,8}"
_UNTIL_ZH_RE = re.compile(rf"(?:{'|'.join(CLOCK_UNTIL_BEFORE_ZH)}){_DAY_BETWEEN_ZH}$")
_AHEAD_ZH_RE = re.compile(rf"(?:{'|'.join(CLOCK_AHEAD_BEFORE_ZH)}){_DAY_BETWEEN_ZH}$")
_UNTIL_EN_RE = re.compile(rf"\b(?:{'|'.join(CLOCK_UNTIL_BEFORE_EN)})\s+(?:the\s+)?$", re.I)


def clock_role(source: str, start: int, end: int, english: bool) -> str:
    """The role of the clock time at ``source[start:end]`` in its clause: "until" (限电至傍晚7时,
    until 7 p.m.), "ahead" (将于晚上9时恢复, 晚上9时将恢复: announced, not yet happened), "from"
    (下午3点起) or "at" (the moment of the happening). Read in the clause only."""
    before = re.split(r"[，。；！？,;!?]", source[max(0, start - AS_OF_WINDOW * (2 if english else 1)):start])[-1]
    if english:
        return "until" if _UNTIL_EN_RE.search(before) else "at"
    after = source[end:end + 4].lstrip()
    if _UNTIL_ZH_RE.search(before):
        return "until"
    if _AHEAD_ZH_RE.search(before) or after.startswith(CLOCK_AHEAD_AFTER_ZH):
        return "ahead"
    return "from" if after.startswith(CLOCK_FROM_AFTER_ZH) else "at"


def extract_parts_of_day(text: str, simple: str, english: bool) -> list[PartOfDay]:
    table, pattern = (PARTS_OF_DAY_EN, _PART_EN_RE) if english else (PARTS_OF_DAY_ZH, _PART_ZH_RE)
    out = []
    for m in pattern.finditer(text if english else simple):
        if as_of(text if english else simple, m.start(), english):
            continue  # the moment a count was taken, not a time of the happening
        word = _latin_key(m.group(0)) if english else m.group(0)
        out.append(PartOfDay(m.start(), m.end(), text[m.start():m.end()], table[word]))
    if not english:
        taken = [(p.start, p.end) for p in out]
        for m in _EVENING_AFTER_DAY_RE.finditer(simple):
            if not any(s <= m.start() < e for s, e in taken):
                out.append(PartOfDay(m.start(), m.end(), text[m.start():m.end()], EVENING_AFTER_DAY_ZH[1]))
        out.sort(key=lambda p: p.start)
    return out


_CN_HOUR = "[一二两三四五六七八九十]{1,3}"
_CLOCK_ZH_RE = re.compile(
    r"(?P<period>" + longest_first([*PARTS_OF_DAY_ZH, EVENING_AFTER_DAY_ZH[0]])
    + r")?\s*(?:约|大约)?\s*"
    rf"(?P<hour>\d{{1,2}}|{_CN_HOUR})\s*[点时](?:\s*(?P<minute>半|\d{{1,2}}|{_CN_HOUR})\s*分?)?(?P<about>左右|许)?")
_CLOCK_EN_RE = re.compile(
    r"\b(?P<about>about |around |approximately )?(?P<hour>\d{1,2})(?:\s?[:.]\s?(?P<minute>\d{2}))?\s?"
    # a.m. as written, or in a tokenized text ("4 . 30am", "4 : 30 a . m .")
    r"(?P<period>a\s?\.\s?m\b\s?\.?|p\s?\.\s?m\b\s?\.?|am\b|pm\b)", re.I)
_NIGHT_ZH = ("晚", "晚上", "晚间", "当晚", "今晚", "昨晚", "夜间", "夜里", "深夜")
_PM_ZH = ("下午", "晚", "晚上", "傍晚", "晚间", "午后", "当晚", "今晚", "昨晚", "夜间", "夜里", "深夜")
# A written clock time is read to this slack either side (hours): "about 10" is 9:45-10:15.
CLOCK_ABOUT_HOURS = 0.25


def extract_clock_times(text: str, simple: str, english: bool) -> list[PartOfDay]:
    """Clock times (上午10点15分左右, 清晨约6时, 7:12pm, about 10 a.m.) as hour ranges.

    A bare "N点" (三点要求: three points) is a time only with a part of the day, minutes or
    左右/许 next to it; English needs a.m./p.m."""
    from comparison.extract import _small_number

    out = []
    source = text if english else simple
    for m in (_CLOCK_EN_RE if english else _CLOCK_ZH_RE).finditer(source):
        if as_of(source, m.start(), english):
            continue  # the moment a count was taken (截至今天下午5时), not a time of the happening
        hour = int(m.group("hour")) if m.group("hour").isdigit() else _small_number(m.group("hour"))
        minute_token = m.group("minute")
        if not english and not (m.group("period") or minute_token or m.group("about")):
            continue
        if hour is None or hour > 24:
            continue
        minute = 30 if minute_token == "半" else (
            (int(minute_token) if minute_token.isdigit() else _small_number(minute_token)) if minute_token else 0)
        if minute is None or minute >= 60:
            continue
        period = (m.group("period") or "").lower()
        if hour < 12 and (period.replace(" ", "").startswith("p") if english else m.group("period") in _PM_ZH):
            hour += 12
        elif hour == 12 and not english and m.group("period") in _NIGHT_ZH:
            hour = 24  # 晚上12点: midnight, not noon
        value = hour + minute / 60
        slack = CLOCK_ABOUT_HOURS if m.group("about") or "约" in m.group(0) else 0.0
        # Only an hour written ("10点"): the hour's first minutes, to the minute it names.
        out.append(PartOfDay(m.start(), m.end(), text[m.start():m.end()], (value - slack, value + slack)))
    return out


def attach_parts_of_day(dates: list, parts: list[PartOfDay], english: bool) -> None:
    """Give each day mention the part of day written next to it (7月6日凌晨, on
    Sunday night, 昨晚); the day words that carry their own part (昨晚, last
    night) get it too."""
    gap = 12 if english else 4
    for d in dates:
        best = None
        for p in parts:
            if p.start >= d.end and p.start - d.end <= gap or d.start >= p.end and d.start - p.end <= gap \
                    or p.start >= d.start and p.end <= d.end:
                best = p
                break
        if best is not None:
            d.part = best.hours
            d.part_text = best.text
            d.part_start, d.part_end = best.start, best.end


# ------------------------------------------------------------------ place --
@dataclass
class Place:
    start: int
    end: int
    text: str
    level: str  # country, province, city, district, village, site ("" when unknown)
    direction: int | None = None  # compass bearing when the place is a direction (north: 0)
    generic: bool = False  # "a city", 一座城市: a level without a name
    # A bearing from a place ("south of Piura", 喀布尔以北), not a part of one ("northern Peru",
    # 北部): the two say different things and are never compared.
    relative: bool = False


_DIR_ZH_RE = re.compile(r"(?:(?P<dir>东北|西北|东南|西南|北|东|南|西)(?:部|方|边))|以(?P<dir2>东北|西北|东南|西南|北|东|南|西)")
_DIR_EN_RE = re.compile(_alternation(DIRECTIONS_EN, True), re.I)
_OF_AFTER_EN = re.compile(r"\s+of\b")  # "40 km north of Kabul": a bearing from Kabul
_NAME_AFTER_EN = re.compile(r"[ -][A-Z][a-z]")  # a capitalized compass word before a name opens the name
# "in the north of the province", "the far north of Peru": a part of it.
_THE_BEFORE_EN = re.compile(r"\bthe\s+(?:(?:far|extreme|remote|deep|upper|lower|central)\s+)?$", re.I)
# 西北方38公里, 北边约50公里: a direction with a distance after it is a bearing, 方/边 or not.
_DISTANCE_AFTER_ZH = re.compile(r"\s*(?:约|大约|近)?[\d〇一二三四五六七八九十百千两.,]+\s*(?:多)?(?:公里|千米|英里|km)(?!长|高|宽|深)")
_GENERIC_ZH_RE = re.compile(_alternation(GENERIC_PLACES_ZH, False))
_GENERIC_EN_RE = re.compile(_alternation(GENERIC_PLACES_EN, True), re.I)


def level_of_name(name: str) -> str:
    for suffix, level in sorted(LEVEL_SUFFIX_ZH.items(), key=lambda x: -len(x[0])):
        if name.endswith(suffix) and len(name) > len(suffix):
            return level
    return ""


def extract_places(text: str, simple: str, entities: list, english: bool) -> list[Place]:
    out: list[Place] = []
    for e in entities:
        if e.kind == "LOC":
            out.append(Place(e.start, e.end, e.text, level_of_name(to_key(e.text))))
    if english:
        for m in _DIR_EN_RE.finditer(text):
            if m.group(0)[0].isupper() and _NAME_AFTER_EN.match(text, m.end()):
                continue  # "North Dakota", "South Korea", "West Bank": a part of a place's name
            out.append(Place(m.start(), m.end(), m.group(0), "", DIRECTIONS_EN[_latin_key(m.group(0))],
                             relative=_OF_AFTER_EN.match(text, m.end()) is not None
                             and not _THE_BEFORE_EN.search(text, max(0, m.start() - 20), m.start())))
        for m in _GENERIC_EN_RE.finditer(text):
            out.append(Place(m.start(), m.end(), m.group(0), GENERIC_PLACES_EN[_latin_key(m.group(0))],
                             None, True))
    else:
        for m in _DIR_ZH_RE.finditer(simple):
            out.append(Place(m.start(), m.end(), text[m.start():m.end()], "",
                             DIRECTIONS_ZH[m.group("dir") or m.group("dir2")],
                             relative=bool(m.group("dir2")) or (simple[m.end() - 1] in "方边"
                                                                and _DISTANCE_AFTER_ZH.match(simple, m.end()) is not None)))
        for m in _GENERIC_ZH_RE.finditer(simple):
            out.append(Place(m.start(), m.end(), text[m.start():m.end()], GENERIC_PLACES_ZH[m.group(0)], None, True))
    out.sort(key=lambda p: p.start)
    return out


def to_key(name: str) -> str:
    from comparison.text import to_simplified

    return to_simplified(name)


# ------------------------------------------------------------ attribution --
@dataclass
class Attribution:
    start: int
    end: int
    text: str
    kind: str  # agency, official, expert, anonymous, witness, organization, person, other
    who: str  # normalized: the agency's name, or the voice's words


# (Not a verb inside a longer word: 一名自称X的抗议者说 is the protester's voice, not 一名自's.)
_ZH_SAYS = words_outside(SPEECH_VERBS_ZH, SPEECH_VERB_INSIDE_WORDS_ZH)
# A speech verb after a word of refusal says nothing (一位不愿透露姓名的官员说: the voice is the
# official, not 一位不愿); one fixed-width lookbehind per word, as Python requires.
_NOT_UNWILLING_ZH = "".join(f"(?<!{w})" for w in SPEECH_NEGATORS_ZH)
# After a light verb a verb of speech is a verbal noun (予以警告驱离: an action taken), no voice's verb.
_NOT_AFTER_LIGHT_VERB_ZH = "".join(f"(?<!{w})" for w in LIGHT_VERBS_ZH)
# A figure record word (统计, 数据) closes what 据 cites only where no body's name goes on after it
# (据国家统计局表示: the voice is 国家统计局; 据…的统计，: the record), so the lazy voice is not cut short.
_BODY_GOES_ON_ZH = longest_first({*BODY_HEADS_AFTER_RECORD_ZH, *OFFICE_HEAD_ENDINGS_ZH, *ORGANIZATION_HEADS_ZH})
_CITED_RECORD_ZH = "|".join(f"{w}(?!{_BODY_GOES_ON_ZH})" if w in FIGURE_RECORDS_ZH else w for w in CITED_RECORDS_ZH)
# Verbs of a statement that make a voice only before the comma or colon opening it (STATEMENT_VERBS_ZH).
_ZH_STATES = rf"(?:{words_outside(STATEMENT_VERBS_ZH, STATEMENT_VERB_INSIDE_WORDS_ZH)})(?=[，,：:])"
_RECORD_MODIFIER_ZH = "|".join(RECORD_MODIFIERS_ZH)
# 综合X报道 (compiled from X's reports) cites X as 据X报道 does; not a dateline's 综合外电报导 (furniture).
_ZH_ATTR_RE = re.compile(
    rf"(?P<cite>据|根据|援引|引用|引述|综合(?!外电))(?P<a>[^，。；：“”「」\n]{{2,40}}?)(?:的)?(?:{_RECORD_MODIFIER_ZH})?(?:话)?"
    rf"(?:{_CITED_RECORD_ZH})"
    rf"|(?P<b>[^，。；：“”「」\n]{{2,20}}?){_NOT_UNWILLING_ZH}{_NOT_AFTER_LIGHT_VERB_ZH}(?:{_ZH_SAYS}|{_ZH_STATES})"
)
# The verbs are matched in lower case only: "United States" holds no verb "states".
_EN_SAYS = longest_first(re.escape(v) for v in (*SPEECH_VERBS_EN, *ESTIMATE_VERBS_EN) if v != "according to")
_EN_PUT_AT = rf"(?:{'|'.join(PUT_AT_VERBS_EN)})(?=\s[^.;\n]{{0,80}}?\sat\s)"
# A word of a voice after its verb: initials (U.S.), a title abbreviation with its stop (Mr.,
# Gov.), or a word without a full stop. A word holds apostrophes of either shape (Ethiopia’s
# government: the voice was "s government", cut at the curly one).
_WORD_EN = rf"(?:(?:[A-Z]\.){{2,}}|(?:{'|'.join(TITLE_ABBREVIATIONS_EN)})\s?\.|[\w'’-]{{1,40}})"
_EN_ATTR_RE = re.compile(
    rf"\b(?i:according to|citing)\s+(?P<a>(?i:an?\s+|the\s+)?[\w.'’-]{{1,40}}(?:\s+[\w.'’-]{{1,40}}){{0,6}}?)(?=[,.;]|$)"
    rf"|(?P<b>(?i:an?\s+|the\s+)?(?:[\w.'’-]{{1,40}}\s+){{0,5}}?[\w.'’-]{{1,40}})\s+(?:{_EN_SAYS}|{_EN_PUT_AT})\b"
    # A name with its role between commas: "Heydar Alishbandi, Governor of Qeshm island, said".
    rf"|(?P<c>[A-Z][\w'’-]{{1,40}}(?:\s+[A-Z][\w'’-]{{1,40}}){{1,3}}\s*,\s*[^,;:\n\"“”]{{3,90}}?\s*),\s*(?:{_EN_SAYS})\b"
    # The voice after its verb, closing the sentence: "…, said UNHCR spokesman Adrian Edwards."
    rf"|[,\"”]\s*(?:said|says|told reporters|added)\s+(?P<d>(?i:an?\s+|the\s+)?{_WORD_EN}(?:\s+{_WORD_EN}){{0,6}}?)(?=\s*[.;]|\s*$|,\s)",
)
# Pronouns and function words written in capitals (a headline's "WE SAID") are no bodies.
_CAPITALIZED_WORDS_EN = {"WE", "IT", "HE", "SHE", "THEY", "YOU", "THIS", "THAT", "AND", "BUT", "THE", "HIS", "HER"}
_ACRONYM_EN_RE = re.compile(r"(?:[Tt]he\s+)?[A-Z]{2,6}")
_PERSONAL_TITLE_EN_RE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof)\s?\.?\s+[A-Z]")
_TITLE_ABBREVIATION_EN_RE = re.compile(rf"\b(?:{'|'.join(OFFICIAL_TITLE_ABBREVIATIONS_EN)})\s?\.")
# Words that open a sentence or clause, never a person's name ("In Athens, police ... said").
_NOT_A_NAME_EN = {"in", "on", "at", "the", "after", "before", "when", "while", "as", "but", "and", "a", "an",
                  "for", "with", "from", "by", "since", "during", "despite", "meanwhile", "earlier", "later"}
# A role word among the first words of an appositive: "head of the rescue unit", "Governor of ...".
_APPOSITIVE_ROLE_WORDS = 5
# A sentence end inside a span: a line break, or a full stop before a capital (checked against
# title abbreviations and initials: "Gov. Heidar", "U.S. officials" end no sentence).
_SENTENCE_END_EN = re.compile(r"\n|(?P<stop>\s?[.!?])[\"”’']?\s+(?=[A-Z\"“])")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s*$")


def _sentence_start_en(span: str) -> int:
    """Where the last sentence of ``span`` starts (0: it holds no sentence end)."""
    start = 0
    for m in _SENTENCE_END_EN.finditer(span):
        if m.group("stop"):
            word = _WORD_BEFORE.search(span[:m.start("stop")])
            if word and (word.group(1) in TITLE_ABBREVIATIONS_EN or len(word.group(1)) == 1):
                continue
        start = m.end()
    return start


def _agency_pattern(name: str) -> str:
    """A whole-word agency name: "AP" is no agency inside "Papandreou", nor "RFI" inside "Marfin";
    acronyms keep their capitals (an "ap" is no AP)."""
    flags = "" if name.isupper() else "(?i)"
    return rf"{flags}(?<![\w-]){re.escape(name)}(?![\w-])"


_AGENCY_RES_EN = [(re.compile(_agency_pattern(n)), norm) for n, norm in AGENCIES.items() if n.isascii()]
_MEDIA_EN_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, MEDIA_HEADS_EN)) + r")\b", re.I)
# A newspaper by its name: "the", capitalized words and a newspaper-name head, case kept ("the
# Daily News"; not "John Post", a person).
# The head ends the voice ("the Independent Commission Against Corruption" is no newspaper).
_NEWSPAPER_EN_RE = re.compile(r"\b[Tt]he\s+(?:[A-Z][\w'.-]*\s+){0,4}(?:" + "|".join(NEWSPAPER_NAME_HEADS_EN)
                              + r")['’]?s?\W*$")


def _anonymous_start(simple: str, start: int, end: int) -> int:
    """Where a voice starts when the words just before it make it anonymous: 一名不愿透露姓名的
    当地政府官员说 is read from 不愿透露姓名 (its verb 透露 would cut it there), not as an official."""
    window = max(0, start - 8)
    for marker in ANONYMOUS_ZH:
        at = simple.find(marker, window, end)
        if 0 <= at < start < at + len(marker) + 4:
            return at
        if start <= at <= start + 2:  # 一名不愿透露姓名的…: from the marker, past its measure word
            return at
    return start


def attribution_kind(who: str, english: bool) -> tuple[str, str]:
    """(kind, normalized name) of a voice. A Chinese voice glossed in brackets (日本总务省消防厅
    （相当于消防署）, 日本放送协会(NHK)) is classed by its name, or by the gloss when that is a known
    agency's."""
    gloss = None if english else _TRAILING_GLOSS.search(who.strip())
    if gloss is not None and gloss.start() >= 2:
        inner = gloss.group(1).strip()
        if inner.isascii() and inner in AGENCIES:
            return "agency", AGENCIES[inner]
        kind, norm = _attribution_kind(who.strip()[:gloss.start()], english)
        if kind != "other":
            return kind, norm
    return _attribution_kind(who, english)


# A bracketed gloss closing a voice: （相当于消防署）, (NHK).
_TRAILING_GLOSS = re.compile(r"[（(]([^（()）]{1,30})[)）]$")


def _attribution_kind(who: str, english: bool) -> tuple[str, str]:
    from comparison.text import to_simplified

    lowered = who.lower()
    # Chinese voices are read in Simplified: 美聯社, 發言人 and 目擊者 are 美联社, 发言人 and 目击者.
    simple = "" if english else to_simplified(who)
    if english:
        for pattern, norm in _AGENCY_RES_EN:
            if pattern.search(who):
                return "agency", norm
    else:
        from comparison.extract import holds_whole_name

        for name, norm in AGENCIES.items():
            if not name.isascii() and holds_whole_name(simple, name):
                return "agency", norm
        for pattern, norm in _AGENCY_RES_EN:  # a Latin name in Chinese text: 路透社和CNN, NHK报道
            if pattern.search(who):
                return "agency", norm
    anonymous = ANONYMOUS_EN if english else ANONYMOUS_ZH
    if any(w in (lowered if english else simple) for w in anonymous):
        return "anonymous", "anonymous"
    # A medium not listed by name (the official IRNA news agency, 伊朗国家电视台) is a press voice.
    if (_MEDIA_EN_RE.search(who) or _NEWSPAPER_EN_RE.search(who)) if english else _names_a_medium_zh(simple):
        return "agency", who.strip()
    witness = WITNESS_EN if english else WITNESS_ZH
    if any(re.search(rf"\b{re.escape(w)}\b", lowered) if english else w in simple for w in witness):
        return "witness", who.strip()
    if not english and simple.strip().endswith(ORGANIZATION_HEADS_ZH):
        return "organization", who.strip()  # 东京电力公司表示: a body's voice, not an office's
    last = who.split()[-1].strip(".,") if who.split() else ""
    if english and last[:1].isupper() and last.lower() in ORGANIZATION_HEADS_EN:
        return "organization", who.strip()  # "Taiwan Railway Corp said", as 台湾铁路公司表示 (a named body)
    roles = OFFICIAL_ROLES_EN if english else OFFICIAL_ROLES_ZH
    if any(re.search(rf"\b{re.escape(w)}\b", lowered) if english else _holds_role_zh(simple, w) for w in roles):
        return "official", who.strip()
    if not english and simple.strip().endswith(OFFICE_HEAD_ENDINGS_ZH) and not simple.strip().endswith(NOT_AN_OFFICE_ZH):
        return "official", who.strip()  # 日本原子能规制厅表示: a public body's voice
    if english and _TITLE_ABBREVIATION_EN_RE.search(who):
        return "official", who.strip()
    if (english and last.lower() in EXPERT_VOICES_EN and (last.islower() or len(who.split()) == 1)
            and not _CLAUSE_WORDS_IN_VOICE_EN.search(who)):  # (never a title: The Economist)
        return "expert", who.strip()  # "analysts said", "statisticians announced": a profession's voice
    if english and state_voice_en(who):
        return "official", who.strip()  # "Russia said", "Beijing says": the state's voice
    if english and _ACRONYM_EN_RE.fullmatch(who.strip()) and who.strip().split()[-1] not in _CAPITALIZED_WORDS_EN:
        return "organization", who.strip()  # "the USGS said": a body named by its initials
    if english and organisation_shaped_en(re.sub(r"^[Tt]he\s+", "", who.strip())):
        return "organization", who.strip()  # "Real Madrid said", "Manchester United said": a club, no person
    return "other", who.strip()


def _holds_role_zh(simple: str, role: str) -> bool:
    """Does a Chinese voice hold the role word, not a 长 of it opening the next word (家乡长辈 holds
    no 乡长, 山区长大 no 区长: lexicons.attribution.ZHANG_WORD_SECONDS_ZH)? A few finds in a short voice."""
    at = simple.find(role)
    while at >= 0:
        after = simple[at + len(role):at + len(role) + 1]
        if not (role.endswith("长") and after and after in ZHANG_WORD_SECONDS_ZH):
            return True
        at = simple.find(role, at + 1)
    return False


_CONJUNCTS_EN = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


# Words that make a span before a verb a clause, no noun phrase naming a voice ("a lower figure than
# what economists expected").
_CLAUSE_WORDS_IN_VOICE_EN = re.compile(r"\b(?:than|what|which|that|who|whom|whose|where|when|if|because)\b", re.I)
# A place name and a comma right before a voice: the voice is the second part of "City, State".
_PLACE_BEFORE_EN = re.compile(r"\b[A-Z][\w'’-]+,\s*$")
# A place listed before a voice's list of places ("Russia, " of "Russia, China and Iran said").
_LISTED_PLACE_BEFORE_EN = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}),\s*$")
# "he" or "she" right after the verb, the reported clause's subject: the voice is a person ("Sofia
# said she was tired"; a state speaks of itself as "it"). Not "his"/"her": a state speaks of a
# person's words ("Beijing said his remarks were irresponsible").
_PERSONAL_PRONOUN_AFTER_EN = re.compile(r"\s+(?:that\s+)?(?:he|she)\b", re.I)
# Verbs of speech that after a place are as often a verb of sums ("America added 1.8m jobs").
_SUMS_TOO_EN = ("added", "adds")


def _names_a_country(name: str) -> bool:
    from geo.places import country_ids_of_capitals, ids_of_name

    return any(i.startswith("C:") for i in ids_of_name(name)) or bool(country_ids_of_capitals(name))


@lru_cache(maxsize=1)
def _capital_keys() -> dict[str, str]:
    from geo.places import name_key

    return {name_key(n): f"C:{code}" for n, code in STATE_CAPITALS_EN.items()}


def state_ids_en(name: str) -> set[str]:
    """The gazetteer ids of the states ``name`` speaks for: a country's or a US state's own
    (:func:`geo.places.ids_of_name`), or a capital's country (:data:`STATE_CAPITALS_EN`: Moscow
    is C:RU, not also Moscow, Idaho), or a country's short form in capitals (the U.S., UK:
    :func:`geo.places.country_ids_of_capitals`); empty for other towns, which speak for no state."""
    from geo.places import country_ids_of_capitals, ids_of_name, name_key

    own = {i for i in ids_of_name(name) if i.startswith(("C:", "S:"))} | set(country_ids_of_capitals(name))
    capital = _capital_keys().get(name_key(name))
    return own | ({capital} if capital else set())


def _speaks_for_a_state(name: str) -> bool:
    """Is ``name`` a country or a US state of the gazetteer or a state's capital? Other towns are
    no state's voice."""
    return bool(state_ids_en(name))


def state_voice_en(who: str) -> bool:
    """Does an English voice name only states (countries and US states of the gazetteer, and
    states' capitals: "Russia", "Beijing", "the United States", "Russia and China")? A state or
    its capital speaking is its government, as the press writes it ("Moscow has said"); another
    town speaking is no state ("Chelsea said", "Reading said": a club). The caller rules out a
    person's surname that is also a place (Jordan after Michael Jordan) and a place the next
    words call "he" or "she" (Sofia said she)."""
    # Each conjunct may open with "the" ("China and the U.S.", "Russia, China and the United States").
    parts = [re.sub(r"^(?:[Tt]he)\s+", "", p) for p in _CONJUNCTS_EN.split(who.strip()) if p]
    return bool(parts) and all(p[:1].isupper() and _speaks_for_a_state(p) for p in parts)


# A Chinese medium word followed by a locative is a place things are on (社交媒体上的呼声, 媒体上以某标签
# 发布的帖子): the phrase's head is something else, no medium (媒体中心 stays one).
_MEDIUM_AS_PLACE_ZH = re.compile(rf"(?:{longest_first(MEDIA_HEADS_ZH)})(?:[上里]|中(?!心))")


def _names_a_medium_zh(simple: str) -> bool:
    return any(h in _MEDIUM_AS_PLACE_ZH.sub("", simple) for h in MEDIA_HEADS_ZH)


_GENERIC_PARTS_EN = re.compile(r",|\s(?:and|or)\s")


def is_generic_voice(who: str) -> bool:
    """"officials", "local authorities", "a U.S. official", "officials and state media", 日本政府,
    菲律宾官员: a voice that names no particular office. English: every conjunct is a generic head
    with only articles, quantities, level words or capitalized (place) words before it, or the
    voice is a state named by a place (:func:`state_voice_en`: "Russia", "Beijing")."""
    from comparison.text import to_simplified

    text = who.strip()
    if text.isascii() and state_voice_en(text):
        return True  # "Russia", "Beijing": the state speaking, no office of it named
    if text.isascii():
        parts = [p.split() for p in _GENERIC_PARTS_EN.split(text) if p.strip()]
        return bool(parts) and any(_generic_part_en(words) for words in parts) and all(
            _generic_part_en(words) or " ".join(words).lower() in ("state media", "state television")
            for words in parts)
    simple = to_simplified(text)
    for part in re.split(r"和|及|以及|与|、", simple):
        head = next((h for h in sorted(GENERIC_VOICES_ZH, key=len, reverse=True) if part.endswith(h)), None)
        if head is None or len(part) - len(head) > GENERIC_VOICE_PREFIX_ZH:
            return False
    return True


def _generic_part_en(words: list[str]) -> bool:
    if not words or words[-1].lower() not in GENERIC_VOICES_EN:
        return False
    return all(w.lower() in GENERIC_VOICE_MODIFIERS_EN or w[:1].isupper() or w.replace(".", "").isupper()
               for w in words[:-1])


_LEAD_WORDS_EN = re.compile(rf"^(?:and|but|while|as|which|who|that|he|she|it|{'|'.join(CLAUSE_LEAD_WORDS_EN)}),?\s+",
                            re.I)
# Before its verb, a voice ends in neither a form of "be" (a passive: "arrests have been
# reported" names who was reported on, not who reports) nor a relative word (the verb belongs
# to a relative clause: "a president who said").
_NO_VOICE_BEFORE_VERB_EN = re.compile(r"\b(?:is|are|was|were|be|been|being|who|that|which)\s*$", re.I)
# A possessive right before the verb makes the verb's form an adjective of the thing possessed ("Mr
# Smith's stated ambition", "the firm’s reported profit"): no one speaks.
_POSSESSIVE_END_EN = re.compile(r"\w(?:['’]s|s['’])\s*$")
# A preposition in lower case opens no voice: "dozens of police officers … declared" is read
# from the words the six-word window starts at, "of police officers"; the voice is what follows.
_PREPOSITION_OPENING_EN = re.compile(r"^(?:of|from|in|on|at|by|with|for|to|into|within|among|across)\s+")
# A time phrase opening an English clause is no part of the voice after it ("On January 14th
# Russia's foreign ministry said", "Late on Monday, police said", "Yesterday the ministry said"):
# a weekday, a relative day, a month with its day (or after on/in), with the prepositions and
# shifts before them (lexicons/timewords.py).
_DAY_ORDINAL_EN = r"\d{1,2}(?:st|nd|rd|th)?"
_MONTH_EN = longest_first(MONTHS_EN)
_TIME_OPENING_EN = re.compile(
    r"^(?:(?:early|late|earlier|later)\s+)?(?:(?:on|in|at|during)\s+)?(?:(?:last|this|next)\s+)?"
    rf"(?:(?:{'|'.join(WEEKDAYS_EN)})(?:\s+(?:{'|'.join(PARTS_OF_DAY_EN)}))?"
    rf"|(?<=\s)(?:{_MONTH_EN})\.?(?:\s+{_DAY_ORDINAL_EN})?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTH_EN})\.?\s+{_DAY_ORDINAL_EN}(?:,?\s+\d{{4}})?"
    rf"|{_DAY_ORDINAL_EN}\s+(?:{_MONTH_EN})(?:\s+\d{{4}})?"
    rf"|{longest_first(RELATIVE_DAYS_EN)})\b,?\s+(?=\S)", re.I)
_CLOSING_BRACKETS = ")）】]」"
_OPENING_BRACKETS = "(（【[「"


def _unmatched_close(span: str) -> int:
    """Position of the last closing bracket whose opening one is not in ``span`` (-1: none):
    警方（PNH）发言人 keeps its gloss; …4日电） 菲律宾官员 starts after the dateline."""
    depth, last = 0, -1
    for i, ch in enumerate(span):
        if ch in _OPENING_BRACKETS:
            depth += 1
        elif ch in _CLOSING_BRACKETS:
            if depth:
                depth -= 1
            else:
                last = i
    return last


# Words that end a Chinese voice before its verb: 省长X在此前的一份声明中说, X对路透社说, X周三表示;
# verbs of replying before the verb of speech (发言人X回应表示, X答复称).
_VOICE_CUT_ZH = re.compile(r"(?<=.)(?:在|对|向|告诉|于|发表|发布|回应|答复|回复|周[一二三四五六日]|星期[一二三四五六日天]|昨天|今天|先前|此前|早前|稍早|日前|起初|最初|当初|起先|"
                           r"(?<![此本其首上下这两每该])次日|(?<![充相担])当日|当天|翌日|随后|随即|紧接[着著]|接[着著]|稍后)")
# Adverbs between a voice and its verb (检察官X则说, 官员一再表示): no part of it (longest first).
_VOICE_TRAILING_ADVERBS_ZH = tuple(sorted(VOICE_TRAILING_ADVERBS_ZH, key=len, reverse=True))
_VOICE_RECORDS_ZH = tuple(sorted(VOICE_RECORDS_ZH, key=len, reverse=True))
# What is left of a wire dateline when the voice window opens inside it (…7月12日 - X说: "2日 - X").
_DATELINE_REMAINS_ZH = re.compile(r"^[\d\s月日号]*[-－—–]+\s*")
# Conjunctions of condition as words: 要是 inside 主要是/重要是/只要是 is no "if" (卫生部长主要是强调: a voice).
_CONDITIONAL_RE_ZH = re.compile(rf"(?<![主重只需])(?:{'|'.join(CONDITIONAL_ZH)})")
# The words citing a voice that open a voice window read before its verb (据警方表示): no part of it.
_CITING_LEADS_ZH = ("根据", "据悉", "据")


def _first_outside_brackets(pattern: re.Pattern, span: str) -> int:
    """Where ``pattern`` first matches ``span`` outside brackets (规制厅(相当于原子能委员会):
    the 于 of a gloss ends no voice), else -1."""
    for m in pattern.finditer(span):
        before = span[:m.start()]
        if sum(before.count(c) for c in _OPENING_BRACKETS) <= sum(before.count(c) for c in _CLOSING_BRACKETS):
            return m.start()
    return -1


def _leading_aside(span: str) -> int:
    """Position of the bracket closing a bracketed part that opens ``span`` (a wire dateline,
    （法新社白夏瓦14日电）, written before the voice), else -1."""
    if not span or span[0] not in _OPENING_BRACKETS:
        return -1
    depth = 0
    for i, ch in enumerate(span):
        depth += ch in _OPENING_BRACKETS
        depth -= ch in _CLOSING_BRACKETS
        if depth == 0:
            return i if i + 1 < len(span) else -1
    return -1


_CLAUSE_WORDS_EN = re.compile(r"\s(?:but|while|because|when|after|before|although|though|whereas)\s+", re.I)
_LEAD_WORDS_ZH = (*CLAUSE_LEAD_WORDS_ZH, "他还", "她还")
# A conjunction opening a voice window in the middle of a clause (X和Y表示): the voice is the
# conjunct after it. At a clause's start it may begin a name (和平基金会), so it is kept there.
_CONJUNCTIONS_ZH = ("和", "与", "及")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


# Adverbs and auxiliaries between a voice and its verb ("the news agency also reported").
_TRAILING_WORDS_EN = re.compile(r"(?:\s+(?:also|later|earlier|previously|had|has|have|has also|had also|"
                                r"separately|further|then|again|on\s+\w+day))+\s*$", re.I)
_AND_EN = re.compile(r"\s(?:and|or)\s", re.I)
# A subject pronoun right before the verb is the whole subject: the words before it are a phrase
# of the clause (a time, a place, a means), never a part of the voice.
_SUBJECT_PRONOUN_END_EN = re.compile(r"(?<=\s)(?:he|she|they|we|it|I)\s*$")


def _last_conjunct_voice(source: str, start: int, end: int) -> int:
    """"…water and electricity connections and officials say": the voice is the last conjunct
    when the words before it name no voice ("officials and state media" stays whole)."""
    ands = list(_AND_EN.finditer(source, start, end))
    if not ands:
        return start
    last = ands[-1]
    if attribution_kind(source[start:last.start()], True)[0] == "other":
        return last.end()
    return start


# How far back a first conjunct of a voice may reach ("The official IRNA news agency and the
# United States Geological Survey said"): words, within the clause.
_EARLIER_CONJUNCT_WORDS = 6
_CLAUSE_START_EN = re.compile(r"[,;:()\n]")


def _earlier_conjunct(source: str, conjunction: int, start: int) -> int:
    """Start of "X and Y said" when the words before "and" (the match began at it) are a voice
    of their own: both are the voice. Otherwise ``start`` (Y alone)."""
    before = source[max(0, conjunction - 200):conjunction]
    # A clause mark, or a sentence end that is no abbreviation ("U.S. Army", "Lt. Col. Smith").
    boundary = max((b.end() for b in _CLAUSE_START_EN.finditer(before)), default=0)
    boundary += _sentence_start_en(before[boundary:])
    words = before[boundary:].split()
    if not words or len(words) > _EARLIER_CONJUNCT_WORDS:
        return start
    first = " ".join(words)
    if attribution_kind(first, True)[0] == "other":
        return start
    return conjunction - len(before) + before.index(words[0], boundary)


_REPORT_WORDS_ZH = ("报道", "报导")
# The heads that end a medium's name (意大利安莎社, 伊朗国家电视台): "X社报道证实" is a medium's report.
_MEDIUM_ENDINGS_ZH = ("社", "台", "报", "网")


def _without_report_word(simple: str, start: int, end: int) -> int:
    """End of a Chinese voice without a trailing 报道 (安莎社报道证实: the voice is 安莎社)."""
    for word in _REPORT_WORDS_ZH:
        if simple[start:end].endswith(word) and end - len(word) > start:
            return end - len(word)
    return end


def to_simplified_ends(who: str, endings: tuple[str, ...]) -> bool:
    from comparison.text import to_simplified

    return len(who) >= 3 and to_simplified(who).endswith(endings)


_CITE_INSIDE_ZH = re.compile(r"援引|引用|引述")


def _cited_voice(text: str, simple: str, start: int, end: int) -> tuple[str, int | None, int]:
    """The voice of 新华社援引当地官员的话说 is 当地官员 (the medium relays it); the span keeps
    both. (who, where the voice starts and ends), start None when nothing follows the citing word."""
    inside = list(_CITE_INSIDE_ZH.finditer(simple, start, end))
    if not inside:
        return text[start:end].strip(), start, end
    voice_start = inside[-1].end()
    voice_end = end
    for tail in ("的话", "话", "的"):
        if simple[voice_start:voice_end].endswith(tail):
            voice_end -= len(tail)
            break
    who = text[voice_start:voice_end].strip()
    return (who, voice_start, voice_end) if len(who) >= 2 else (who, None, voice_end)


def _citing_medium_start(simple: str, cite: int, start: int) -> int:
    """英国广播公司BBC引用X的官员话称: the span opens at the medium that cites X, when the words
    before 引用/援引 in the clause name a medium; the voice stays X."""
    before = simple[max(0, cite - 30):cite]
    boundary = max((before.rfind(c) for c in "，。；：”」\n"), default=-1) + 1
    medium = before[boundary:].strip()
    if len(medium) < 2 or attribution_kind(medium, False)[0] != "agency":
        return start
    return cite - len(before) + before.index(medium, boundary)


def _appositive_voice(span: str) -> bool:
    """"Name Surname, head of the rescue unit," is a voice: a name (not a sentence opening
    such as "In Athens") and a role word among the appositive's first words."""
    name, _, role = span.partition(",")
    if name.split()[0].lower() in _NOT_A_NAME_EN:
        return False
    words = role.lower().split()[:_APPOSITIVE_ROLE_WORDS]
    head = " ".join(words)
    return any(re.search(rf"\b{re.escape(w)}\b", head) for w in (*OFFICIAL_ROLES_EN, *_APPOSITIVE_HEADS_EN, *_EXPERT_HEADS_EN))


# Heads of an appositive role beside the official ones: a named head of an institution is an
# official voice ("head of the rescue unit"), a named scholar an expert one.
_APPOSITIVE_HEADS_EN = ("head", "chief", "director", "chairman", "chairwoman", "leader", "secretary", "manager")
# A private research body named so ("Capital Research, a consultancy, predicts") speaks as an expert.
_EXPERT_HEADS_EN = ("professor", "researcher", "analyst", "expert", "scientist", "seismologist", "economist",
                    "consultancy", "think-tank", "think tank", "research firm")


def _appositive_kind(who: str) -> str:
    role = who.partition(",")[2].lower()
    return "expert" if any(re.search(rf"\b{w}\b", role) for w in _EXPERT_HEADS_EN) else "official"


# Words that make what follows "said" a reported clause, not the voice ("said the attack was").
_CLAUSE_VERBS_EN = re.compile(r"\b(?:that|was|were|is|are|had|has|have|would|will|could|did|it|they|he|she)\b", re.I)


def extract_attributions(text: str, simple: str, english: bool, max_items: int = 2000,
                         persons: list[tuple[int, int]] | None = None,
                         names: list[tuple[int, int]] | None = None,
                         tokens: list[tuple[int, int, str]] | None = None,
                         bodies: list[tuple[int, int]] | None = None) -> list[Attribution]:
    """Who says it, per clause: 据X报道 / X说 / according to X / X said. ``bodies``: the spans of
    English names recognised as bodies (Thomas Cook where the text writes Thomas Cook Group): a
    voice ending with one is that body's. ``persons``: the spans
    of recognised person names; a voice that ends with one is a named person (李桂华表示,
    "Adrian Edwards said"), whatever words come before it. ``names``: the spans of all names
    recognised (people, places, bodies): a Chinese voice never starts inside one. ``tokens``: the
    Chinese text's words (start, end, tag; segmented here when not given): a voice is no clause
    (:func:`_clause_voice`)."""
    out: list[Attribution] = []
    person_ends = {e: b for b, e in (persons or [])}
    person_starts = {b: e for b, e in (persons or [])}
    body_ends = {e: b for b, e in (bodies or [])}
    # The last words of the persons named by two or more capitalized words (a surname that is also
    # a place: Michael Jordan, Tom Austin; not a lone word the recogniser took for a person).
    surnames = {words[-1] for words in (text[b:e].split() for b, e in (persons or []))
                if len(words) >= 2 and all(w[:1].isupper() for w in words)} if english else set()
    name_spans = sorted(names or [])
    name_ends = frozenset(e for _, e in name_spans)  # (once: each voice asks where a name ends)
    source = text if english else simple
    pattern = _EN_ATTR_RE if english else _ZH_ATTR_RE
    words = None if english else _Words(simple, tokens)
    for m in pattern.finditer(source):
        if len(out) >= max_items:
            break
        group = next(g for g in ("a", "b", "c", "d") if m.group(g))
        if group == "b" and _opens_no_speech_word(source, m.end()):
            continue  # 称 of 称颂, 说 of 说服: a word that only starts as a verb of speech does
        if english and group == "b" and _plural_noun_closing(source, m):
            continue  # "Police seized 300 bank notes.": the noun, no verb of speech
        bounds = _voice_bounds(source, simple, m, group, english, name_spans, name_ends)
        if bounds is not None and words is not None and group == "b":
            bounds = _clause_voice(simple, *_from_word_start(simple, *bounds, words), words, name_spans)
        if bounds is None:
            continue
        found = _voice(text, simple, m, group, english, *bounds, person_ends, surnames)
        if found is not None and not english and group == "b":
            found = _whole_list(text, simple, m, found, words, name_spans, name_ends, person_ends)
        if found is None and english and body_ends.get(bounds[1], -1) >= bounds[0]:
            found = Attribution(body_ends[bounds[1]], bounds[1], text[body_ends[bounds[1]]:bounds[1]], "organization",
                                text[body_ends[bounds[1]]:bounds[1]])  # "Thomas Cook said": the body
        if found is not None:
            if english and found.kind == "person":
                out += _conjunct_persons(text, found.start, person_ends)
            out.append(found)
            if english and found.kind == "person" and group == "d":
                out += _persons_listed_after(text, found.end, person_starts)
    if not english:
        out += _media_reporting(text, simple, out, max_items - len(out))
        out = [voice for a in out for voice in _listed_voices_zh(text, simple, a, person_ends)]
        out.sort(key=lambda a: a.start)
        out = _anaphoric_voices(simple, out)
    return out


_NOUN_LIKE_VERB_EN_RE = re.compile(rf"(?:{'|'.join(NOUN_LIKE_SPEECH_VERBS_EN)})$")
_CLAUSE_CLOSES_EN_RE = re.compile(r"\s*(?:[.;!?)]|$)")
_QUOTATION_CLOSED_BEFORE_EN_RE = re.compile(r"[\"”’']\s*$|[,.!?][\"”’']?\s*$")


def _plural_noun_closing(source: str, m: re.Match) -> bool:
    """Is the verb of the English voice match ``m`` a plural noun closing its sentence ("Police
    seized 300 bank notes.", "Police rejected 300 insurance claims.": lexicons.reporting.
    NOUN_LIKE_SPEECH_VERBS_EN) rather than a verb after a quotation ('"...," the mayor notes.')?
    Bounded: the few characters on either side of the match."""
    if not _NOUN_LIKE_VERB_EN_RE.search(m.group(0)) or not _CLAUSE_CLOSES_EN_RE.match(source, m.end()):
        return False
    return not _QUOTATION_CLOSED_BEFORE_EN_RE.search(source, max(0, m.start("b") - 4), m.start("b"))


# What joins voices cited together (据新华社、中新社报道, 综合路透社和美联社报道, 外交部与国防部表示).
_VOICE_LIST_JOINERS_ZH = re.compile(r"以及|、|和|与|及")


def listed_together(simple: str, voices: list[Attribution], voice: Attribution) -> list[Attribution]:
    """The voices of ``voices`` (a Chinese text's, in text order) cited in one list with ``voice``
    (据新华社、中新社报道: both), ``voice`` included; a joiner alone between each two. ``voice`` is
    found by bisection, the list read only around it."""
    from bisect import bisect_left

    at = bisect_left(voices, voice.start, key=lambda a: a.start)
    while at < len(voices) and voices[at].start == voice.start and voices[at] is not voice:
        at += 1
    if at >= len(voices) or voices[at] is not voice:
        return [voice]
    first = last = at
    while (first > 0 and at - first < MAX_LISTED_VOICES
           and _VOICE_LIST_JOINERS_ZH.fullmatch(simple, voices[first - 1].end, voices[first].start)):
        first -= 1
    while (last + 1 < len(voices) and last - at < MAX_LISTED_VOICES
           and _VOICE_LIST_JOINERS_ZH.fullmatch(simple, voices[last].end, voices[last + 1].start)):
        last += 1
    return voices[first:last + 1]


# How far before the voice window (20 characters) a list of voices is read back to its clause's start
# (湖北省卫生健康委员会、湖北省应急管理厅、湖北省公安厅和武汉市政府表示: the first body is no longer cut off).
LIST_WINDOW_BACK = 60
_CLAUSE_MARKS_ZH = "，。；：“”「」\n"


def _list_window_start(simple: str, m: re.Match, voice: Attribution) -> int | None:
    """Where a Chinese voice window is read from again when it ran out inside a list of voices:
    the window used all its characters (no clause mark before it) and the voice lists bodies with
    the enumeration comma, or opens right after one (the list's first body was left out, or
    cut: 疾病控制与预防中心、美国食品药品监督管理局 read without 美国). The clause's start, at most
    :data:`LIST_WINDOW_BACK` characters back; None when the window is not cut so."""
    window = m.start("b")
    if window == 0 or simple[window - 1] in _CLAUSE_MARKS_ZH:
        return None  # the window reached its clause's start: nothing was cut
    before = simple[window:voice.start].rstrip()
    if "、" not in simple[voice.start:voice.end] and not before.endswith("、") \
            and not simple[max(0, voice.start - 1):voice.start] == "、":
        return None
    floor = max(0, window - LIST_WINDOW_BACK)
    mark = max(simple.rfind(c, floor, window) for c in _CLAUSE_MARKS_ZH)
    return mark + 1 if mark >= 0 else floor


def _whole_list(text: str, simple: str, m: re.Match, found: Attribution, words: _Words,
                names: list[tuple[int, int]], name_ends: frozenset[int], person_ends: dict[int, int]) -> Attribution:
    """``found`` read again from its clause's start when its window cut a list of voices
    (:func:`_list_window_start`): the longer reading where it lists more voices and starts
    earlier, else ``found``. Bounded: one more reading of at most :data:`LIST_WINDOW_BACK`
    characters."""
    window_start = _list_window_start(simple, m, found)
    if window_start is None:
        return found
    bounds = _voice_bounds(simple, simple, m, "b", False, names, name_ends, window_start)
    if bounds is not None:
        bounds = _clause_voice(simple, *_from_word_start(simple, *bounds, words), words, names)
    longer = None if bounds is None else _voice(text, simple, m, "b", False, *bounds, person_ends)
    if longer is None or longer.start >= found.start or longer.end != found.end:
        return found
    listed = _listed_voices_zh(text, simple, longer, person_ends)
    return longer if len(listed) > 1 and listed[0].start < found.start else found


# Voices read on each side of one in a list (a cited list is a few names; a hostile text's list of
# thousands is read no further, so each claim pair's look-up stays bounded).
MAX_LISTED_VOICES = 12


def _listed_voices_zh(text: str, simple: str, voice: Attribution, person_ends: dict[int, int]) -> list[Attribution]:
    """A Chinese voice that lists voices (路透社和美联社, 新华社、中新社): each a voice of its own
    with its own span, in the order written, when every conjunct is one (a known agency, an
    office, a body...: not 中国和美国官员, whose 中国 names no voice), each joiner a word of its own
    (中华人民共和国外交部 holds no 和) and each conjunct before a joiner ending as a voice does, in its
    head noun or a person's name (政制与内地事务局局长: 政制 is no head, one bureau's name).
    Otherwise the voice as read."""
    joiners = list(_VOICE_LIST_JOINERS_ZH.finditer(simple, voice.start, voice.end))
    if not joiners:
        return [voice]
    from comparison.phonetics import word_boundaries

    bounds = {voice.start + b for b in word_boundaries(simple[voice.start:voice.end])}
    # (a joiner inside a word, 共和国, 参与者, joins nothing; the others still may: 中华人民共和国外交部和国防部)
    joiners = [j for j in joiners if j.group(0) == "、" or {j.start(), j.end()} <= bounds]
    if not joiners:
        return [voice]
    parts = _split_voice(text, simple, voice, joiners, person_ends)
    commas = [j for j in joiners if j.group(0) == "、"]
    if parts is None and commas and len(commas) < len(joiners):
        # A 和, 与 or 及 may be inside a body's name (疾病控制与预防中心、食品药品监督管理局); the
        # enumeration comma never is: the list read at its commas alone.
        parts = _split_voice(text, simple, voice, commas, person_ends)
    return parts or [voice]


def _split_voice(text: str, simple: str, voice: Attribution, joiners: list[re.Match],
                 person_ends: dict[int, int]) -> list[Attribution] | None:
    """The voices ``voice`` lists, split at ``joiners``; None when a conjunct is no voice."""
    edges = [voice.start, *(x for j in joiners for x in (j.start(), j.end())), voice.end]
    parts: list[Attribution] = []
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        kind, norm = attribution_kind(text[start:end], False) if end - start >= 2 else ("other", "")
        if kind == "other" and end - start >= 2 and _names_a_medium(text[start:end]):
            kind, norm = "agency", _medium_name(simple[start:end])  # 日本共同社 (one dictionary word)
        if kind == "other" or (end < voice.end and not _ends_as_a_voice(simple, start, end, person_ends)):
            return None
        parts.append(Attribution(start, end, text[start:end], kind, norm))
    return parts


@lru_cache(maxsize=1)
def _listed_voice_heads() -> tuple[str, ...]:
    """The head nouns a Chinese voice ends with (Chinese phrases are head-final): roles, titles,
    offices, bodies, media, witnesses, the agencies by name, a medium's one-character head (社, 台,
    报, 网) and the closing mark of a paper's title (《纽约时报》)."""
    return tuple(sorted({*_VOICE_HEADS_ZH, *WITNESS_ZH, *MEDIA_HEADS_ZH, *_MEDIUM_ENDINGS_ZH, "》",
                         *(a for a in AGENCIES if not a.isascii())}, key=len, reverse=True))


def _ends_as_a_voice(simple: str, start: int, end: int, person_ends: dict[int, int]) -> bool:
    """Does ``simple[start:end]`` end in a voice's head noun, a person's name or a Latin agency name?"""
    words = simple[start:end]
    return (words.endswith(_listed_voice_heads()) or person_ends.get(end, end) < end
            or (words.isascii() and words in AGENCIES))


# What joins named persons speaking together: "X and Y said", "X, Y and Z said", "X, and Y".
_PERSON_JOINER_EN = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)$")


def _conjunct_persons(text: str, start: int, person_ends: dict[int, int]) -> list[Attribution]:
    """The named persons joined by "and" (and commas before it) to the person voice at ``start``,
    each a voice of its own ("John Smith and Mary Jones said", "A, B and C said": all; the
    recogniser's person names only, so "the mayor and Mary Jones" adds none), in the order
    written. A comma alone before the voice joins no list (an opening phrase ending in a name),
    nor does ", and" after a single name (two clauses)."""
    found: list[Attribution] = []
    while True:
        joiner = _PERSON_JOINER_EN.search(text, max(0, start - 8), start)
        if joiner is None or joiner.start() not in person_ends:
            break
        if not found and "and" not in joiner.group(0):
            break  # "Writing in the Village Voice, Karina Longworth said": a comma alone joins no list
        begin, end = person_ends[joiner.start()], joiner.start()
        if not found and "," in joiner.group(0):
            # ", and" before the voice: a list of three or more ("A, B, and C said"), else two
            # clauses joined ("hosted by Emmanuel Macron, and Angela Merkel said"): no voice
            earlier = _PERSON_JOINER_EN.search(text, max(0, begin - 8), begin)
            if earlier is None or earlier.start() not in person_ends or "and" in earlier.group(0):
                break
        found.append(Attribution(begin, end, text[begin:end], "person", text[begin:end]))
        start = begin
    return found[::-1]


# What ends a list of persons after its verb: punctuation or the text's end, a preposition or a
# day ("said A and B in a statement", "said A and B on Monday", "said A and B Tuesday"); not a
# possessive ("and Mary Jones's aide": another person's aide) nor any other word, which makes the
# last name the subject of a clause of its own ("said A and B went home": A alone).
_LIST_END_EN = re.compile(
    r"(?!['’]s\b)(?:\s*(?:[^\w\s]|$)|\s+(?:"
    + longest_first({*PREPOSITIONS_EN, *RELATIVE_DAYS_EN, *WEEKDAYS_EN})
    + r")\b)", re.I)


def _persons_listed_after(text: str, end: int, person_starts: dict[int, int]) -> list[Attribution]:
    """The named persons listed after the person voice ending at ``end`` that follows its verb
    ("…, said John Smith, Tom Hale and Mary Jones.": Tom Hale and Mary Jones), each a voice of its
    own as :func:`_conjunct_persons` reads them before the verb. Only a whole list: every item a
    recognised person, the last joined by "and" and no possessive after it; "said John Smith, Tom
    Hale's lawyer" or "said John Smith, Tom Hale" adds none. One pass."""
    found: list[Attribution] = []
    joined_by_and = False
    while len(found) < MAX_LISTED_SPEAKERS:
        joiner = _PERSON_JOINER_AFTER_EN.match(text, end)
        if joiner is None or joiner.end() not in person_starts:
            break
        begin, end = joiner.end(), person_starts[joiner.end()]
        found.append(Attribution(begin, end, text[begin:end], "person", text[begin:end]))
        joined_by_and = "and" in joiner.group(0)
        if joined_by_and:
            break  # the list's last item
    if not (joined_by_and and _LIST_END_EN.match(text, end)):
        return []
    return found


_PERSON_JOINER_AFTER_EN = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# The most persons read in a list after a verb of speech (a longer run of names is no list of
# speakers, and reading it stays bounded).
MAX_LISTED_SPEAKERS = 12


# Head words an anaphoric voice is read by (这位军方发言人: 发言人), longest first.
_VOICE_HEADS_ZH = tuple(sorted({*TITLES_ZH, *OFFICIAL_ROLES_ZH, *ORGANIZATION_HEADS_ZH, *OFFICE_HEAD_ENDINGS_ZH,
                                *GENERIC_VOICES_ZH}, key=len, reverse=True))


def _opens_no_speech_word(simple: str, verb_end: int) -> bool:
    """Is the one-character verb of speech ending at ``verb_end`` the start of a word that says no
    speech act (称颂, 说服: NOT_SPEECH_WORDS_ZH)? Not the end of a longer verb (宣称为…)."""
    return simple.startswith(NOT_SPEECH_WORDS_ZH, verb_end - 1) and simple[verb_end - 2:verb_end] not in SPEECH_VERBS_ZH


class _Words:
    """A Chinese text's words (start, end, tag), segmented once on first use when not given."""

    def __init__(self, simple: str, tokens: list[tuple[int, int, str]] | None) -> None:
        self._simple, self._tokens = simple, tokens

    @property
    def tokens(self) -> list[tuple[int, int, str]]:
        if self._tokens is None:
            from comparison.extract import segment, token_spans

            pieces, cursor = [], 0
            for line in self._simple.split("\n"):
                pieces.append((cursor, cursor + len(line)))
                cursor += len(line) + 1
            self._tokens = token_spans(self._simple, pieces, segment([self._simple[a:b] for a, b in pieces]))
        return self._tokens



# Verbs inside an office's name (在任总统, 当选总统), and those of a medium relaying a voice (美联社援引
# 一名路人, read by _cited_voice): no clause's verb.
_OFFICE_VERBS_ZH = frozenset({*TITLE_VERBS_ZH, "援引", "引用", "引述", *REPORT_VERBS_ZH})


def _clause_voice(simple: str, start: int, end: int, reported: bool, words: _Words,
                  names: list[tuple[int, int]]) -> tuple[int, int, bool] | None:
    """The voice of ``simple[start:end]``, None when the span is a clause, not a noun phrase. A
    passive (男子被证实: no voice; 男子被警方证实: the agent 警方 speaks) is read from what follows 被.
    A subject and a verb with no 的 after it (警方指她涉嫌宣传和, 某国在某地建造独立专家所: a clause
    the voice window ran into) is none; a verb modifying a head through 的 (袭击警察的男子) or an
    office's verb (在任总统) keeps the noun phrase."""
    end = _before_time_word(simple, start, end)  # 某主席上月会见某总统时曾表示: the voice ends at 上月
    passive = simple.rfind("被", start, end)
    if passive >= 0:
        start = passive + 1
    verbs = [(s, e) for s, e, tag in words.tokens if start <= s and e <= end and tag == "v"
             and simple[s:e] not in _OFFICE_VERBS_ZH and not any(a <= s and e <= b for a, b in names)
             and not _in_brackets(simple[start:s])]  # 某厅（相当于某署）: a gloss's verb
    if end - start < 2 or any(s > start and "的" not in simple[e:end] for s, e in verbs):
        return None
    if passive >= 0 and verbs:
        return None  # 被强迫签署: no agent named
    return start, end, reported


def _from_word_start(simple: str, start: int, end: int, reported: bool, words: _Words) -> tuple[int, int, bool]:
    """A voice window that opens inside a word (its 20 characters ran out in 外交|官员: 交官员某某) opens
    at that word's start: 外交官员某某."""
    if start == 0 or not _CJK_CHAR.match(simple, start - 1):
        return start, end, reported  # (a clause's first character: no word runs into it)
    tokens = words.tokens
    at = bisect.bisect_right([s for s, _e, _t in tokens], start) - 1
    if at >= 0 and tokens[at][0] < start < tokens[at][1]:
        start = tokens[at][0]
    return start, end, reported


def _in_brackets(before: str) -> bool:
    """Is what follows ``before`` inside brackets it opens?"""
    return sum(before.count(c) for c in _OPENING_BRACKETS) > sum(before.count(c) for c in _CLOSING_BRACKETS)


def _anaphoric_voices(simple: str, found: list[Attribution]) -> list[Attribution]:
    """A voice referring back (这位发言人, 该部, 这名官员) is the voice named before it in the article
    whose words hold its head (发言人, 部, 官员): its span stays, its kind and name are that voice's.
    With no such voice before it, it is none: an unresolved reference names no voice of its own."""
    from comparison.extract import anaphoric_determiner

    out: list[Attribution] = []
    for a in found:
        words = simple[a.start:a.end]
        determiner = anaphoric_determiner(words)  # not 该国政府: a place's body, named
        if not determiner:
            out.append(a)
            continue
        rest = words[len(determiner):]
        head = next((h for h in _VOICE_HEADS_ZH if rest.endswith(h)), rest[-2:])
        earlier = next((b for b in reversed(out) if head in simple[b.start:b.end]), None)
        if earlier is not None:
            out.append(Attribution(a.start, a.end, a.text, earlier.kind, earlier.who))
    return out


# A medium's report as its own verb, opening a clause: 星岛日报报导，… / CGTN报道说：… (no 据 before
# it). Read apart from the main pattern so it never takes over a 据…报道 or a dateline.
_MEDIUM_NAME_ZH = r"[\u4e00-\u9fffA-Za-z·]{2,12}?(?:[（(][A-Za-z][A-Za-z .&-]{0,20}[)）])?"
# (media listed with the enumeration comma, 路透社、美联社和法新社报道: each a voice, split as any list is)
MAX_LISTED_MEDIA = 6
_MEDIUM_REPORTS_ZH = re.compile(
    rf"(?:^|(?<=[，。；！？\n]))(?P<m>{_MEDIUM_NAME_ZH}(?:、{_MEDIUM_NAME_ZH}){{0,{MAX_LISTED_MEDIA - 1}}})"
    # an adverb between the medium and its verb is no part of it (新华社与中新社均报道, 美联社也报道)
    rf"(?P<adverb>{longest_first(VOICE_TRAILING_ADVERBS_ZH)})?(?:{'|'.join(REPORT_VERBS_ZH)})(?:称|说)?[，：:]")


def _media_reporting(text: str, simple: str, found: list[Attribution], most: int) -> list[Attribution]:
    """Voices of :data:`_MEDIUM_REPORTS_ZH` that name a medium (a known agency, or a name ending
    as media names do) where no other voice was read; the rest (该报道, 相关报道) name none."""
    from bisect import bisect_left

    spans = sorted((a.start, a.end) for a in found)
    starts = [b for b, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # furthest end of the first k spans
    out: list[Attribution] = []
    for m in _MEDIUM_REPORTS_ZH.finditer(simple):
        if len(out) >= most:
            break
        start, end = m.start("m"), m.end("m")
        if m.group("adverb"):
            from comparison.extract import trailing_voice_adverb

            if trailing_voice_adverb(simple, start, m.end("adverb")) != m.group("adverb"):
                continue  # 四川成都报道: 都 ends a name, no adverb
        for w in _LEAD_WORDS_ZH:
            if simple.startswith(w, start) and end - start > len(w):
                start += len(w)  # 但路透社报道: the voice is 路透社
                break
        before = bisect_left(starts, end)  # spans starting before this voice ends
        if before and reach[before - 1] > start:
            continue  # overlaps a voice the main pattern read
        words = simple[start:end]
        if any(c in words for c in "据被的") or any(w in words if len(w) > 1 else words.startswith(w)
                                                      for w in _NOT_A_REPORTER_ZH):
            continue  # 针对路透社报道 (about a report), 没有媒体报道 (none reported)
        who = text[start:end]
        if not all(_names_a_medium(part) for part in who.split("、")):
            continue  # 官媒已经有了许多报道: the words before 报道 must end in a medium's name (each listed one)
        kind, norm = attribution_kind(who, False)
        out.append(Attribution(start, end, who, "agency", norm if kind == "agency" else _medium_name(simple[start:end])))
    return out


# Words before a medium's 报道 that make the clause about a report, or deny one, not credit it.
_NOT_A_REPORTER_ZH = ("针对", "对于", "关于", "有关", "就", "回应", "否认", "没有", "未", "尚无", "透过", "看到",
                      "虽然", "不同于")


def _names_a_medium(who: str) -> bool:
    """Does ``who`` end as a medium's name does (星岛日报, 意大利某某社, 新华社, NHK)?"""
    from comparison.text import to_simplified

    simple = to_simplified(who)
    gloss = _TRAILING_GLOSS.search(simple)
    if gloss is not None:  # 日本放送协会(NHK): a known agency's gloss, or the name before it
        if gloss.group(1).strip() in AGENCIES:
            return True
        simple = simple[:gloss.start()]
    if _names_an_agency(simple):
        return True  # (澎湃新闻: a listed name, though 新闻 may be a channel)
    # Before a channel of the medium (央视APP, 新华社客户端; 某公司官网 is no medium's).
    channel_free = _without_channel(simple)
    if channel_free != simple:
        return _names_an_agency(channel_free) or _ends_as_a_medium(channel_free)
    return _ends_as_a_medium(simple)


def _names_an_agency(simple: str) -> bool:
    """Does ``simple`` end with an agency's name of the lexicon (Chinese, or Latin in capitals)?"""
    return simple.endswith(tuple(n for n in AGENCIES if not n.isascii())) or bool(_latin_agency_closing(simple))


def _ends_as_a_medium(simple: str) -> bool:
    """Does ``simple`` end as media names do? By its ending alone only a name of three or more
    characters (该报, 本台, 该社 name no medium)."""
    return _names_an_agency(simple) or len(simple) >= 3 and simple.endswith((*MEDIA_HEADS_ZH, *_MEDIUM_ENDINGS_ZH))


_MEDIA_CHANNELS_ZH = tuple(sorted(MEDIA_CHANNELS_ZH, key=len, reverse=True))


def _without_channel(simple: str) -> str:
    """``simple`` without a medium's channel closing it (央视APP: 央视; 新华社客户端: 新华社), two
    characters at least left."""
    channel = next((c for c in _MEDIA_CHANNELS_ZH if simple.endswith(c) and len(simple) - len(c) >= 2), "")
    return simple[:len(simple) - len(channel)]


def _latin_agency_closing(simple: str) -> str:
    """The agency name in capitals closing ``simple``, the whole of it or after a character of no
    Latin word (NHK, 美联社及CNN: CNN; not the end of another Latin word, XCNN); "" when none."""
    for name in AGENCIES:
        if not (name.isascii() and name.upper() == name and simple.endswith(name)):
            continue
        before = simple[-len(name) - 1:-len(name)]
        if simple == name or not (before.isascii() and before.isalnum()):
            return name
    return ""


def _medium_name(simple: str) -> str:
    """The name a medium's voice goes by: the listed agency whose name closes it (日本共同社: 共同社,
    NHK), else its own words (意大利安莎社)."""
    if not _names_an_agency(simple):
        simple = _without_channel(simple)  # 新华社客户端: 新华社 (not 澎湃新闻, a name)
    latin = _latin_agency_closing(simple)
    if latin:
        return AGENCIES[latin]
    return next((AGENCIES[n] for n in sorted(AGENCIES, key=len, reverse=True)
                 if not n.isascii() and simple.endswith(n)), simple)


def _name_start(start: int, names: list[tuple[int, int]]) -> int:
    """Where the name holding ``start`` inside it begins (``start`` when none does): the Chinese
    voice window (at most 20 characters before the verb) may open in the middle of a name, 甸武装
    部队的总司令 of 缅甸武装部队的总司令…表示, and a voice is never half a name."""
    i = bisect.bisect_left(names, (start, -1)) - 1  # the names starting before ``start``
    while i >= 0 and start - names[i][0] <= _LONGEST_NAME:
        if names[i][1] > start:
            return names[i][0]
        i -= 1
    return start


# How far back a name holding a voice's first character is looked for.
_LONGEST_NAME = 30


def _negated_speech(voice: str) -> bool:
    """Does a Chinese voice hold a word negating the speech act with no 的 after it (还没办法全部说明)?"""
    for w in NEGATED_SPEECH_ZH:
        at = voice.find(w)
        if at >= 0 and "的" not in voice[at + len(w):]:
            return True
    return False


def _voice_bounds(source: str, simple: str, m: re.Match, group: str, english: bool,
                  names: list[tuple[int, int]] = (), name_ends: frozenset[int] = frozenset(),
                  window_start: int | None = None) -> tuple[int, int, bool] | None:
    """(start, end, reported) of the voice a match names, trimmed to the voice itself: not past a
    sentence end, a closing bracket or a dateline, a clause word, leading conjunctions or a report
    word (报道); None when the match is a clause, not a voice. ``names``: sorted spans of names;
    ``name_ends``: where they end; ``window_start``: where the voice is read from when not the
    match's start (a list longer than the window: :func:`_list_window_start`)."""
    start, end = m.start(group) if window_start is None else window_start, m.end(group)
    if not english:
        start = _name_start(start, names)
    if group == "d" and _CLAUSE_VERBS_EN.search(source, start, end):
        return None  # "…, said police were investigating": a clause, not a voice
    if group == "c" and not _appositive_voice(source[start:end]):
        return None
    if english:  # a voice never spans a sentence end ("…set on fire.\nPolice said")
        start += _sentence_start_en(source[start:end])
    span = source[start:end].lstrip()
    start = end - len(span)
    # A voice never spans a closing bracket (a wire dateline: 法新社…4日电） 菲律宾官员说)
    # nor, in English, a clause word (the injured to hospital but the authorities said).
    closed = _unmatched_close(span)
    if closed < 0 and not english:
        closed = _leading_aside(span)  # （法新社白夏瓦14日电） 巴基斯坦官员: the voice follows the dateline
    if closed >= 0:
        start += closed + 1
        span = source[start:end].lstrip()
        start = end - len(span)
    dash = None if english else DATELINE_DASH_ZH.search(span)
    if dash is not None:  # 路透加德满都7月12日 - 尼泊尔官员: the voice follows the dateline too
        start += dash.end()
        span = source[start:end]
    remains = None if english else _DATELINE_REMAINS_ZH.match(span)
    if remains is not None and remains.end() < len(span):
        start += remains.end()
        span = source[start:end]
    if english:
        if group == "b" and (_NO_VOICE_BEFORE_VERB_EN.search(span) or _POSSESSIVE_END_EN.search(span)):
            return None  # "arrests … have been reported", "a president who said", "Mr Smith's stated aim": no voice
        return (*_english_voice_bounds(source, span, group, start, end), False)
    return _chinese_voice_bounds(source, simple, span, group, start, end, name_ends, names)


def _chinese_voice_bounds(source: str, simple: str, span: str, group: str, start: int, end: int,
                          name_ends: frozenset[int] = frozenset(),
                          names: list[tuple[int, int]] = ()) -> tuple[int, int, bool] | None:
    """(start, end, reported) of a Chinese voice in ``source[start:end]`` (``span``), past its
    dateline: None for no voice (a negated act, a condition); else without a citing word, a lead
    word or conjunction before it, and what ends it (在, 对, a time, an adverb, a report word)."""
    if group == "b" and _negated_speech(simple[start:end]):
        return None  # 其余还没办法全部说明: nothing was said
    if _CONDITIONAL_RE_ZH.search(simple, start, end):
        return None  # 如果警方认为…: said on a condition, by no one yet
    if group == "b" and simple[start:end].rstrip().endswith(QUESTION_WORDS_ZH):
        return None  # 某政府怎么说？: a question the article asks
    if group == "b":
        lead = next((w for w in _CITING_LEADS_ZH if span.startswith(w) and len(span) - len(w) >= 2), "")
        start += len(lead)  # 据警方表示: the voice is 警方
        span = source[start:end]
    for w in _LEAD_WORDS_ZH:
        if span.startswith(w):
            start += len(w)
            break
    else:
        if simple[start:start + 1] in _CONJUNCTIONS_ZH and start > 0 and _CJK_CHAR.match(simple, start - 1):
            start += 1  # 美国和联合国…机构表示 read from 和 (the window's start): the voice is the last conjunct
    start = past_opening_time(simple, start, end, names)
    # 省长X在此前的一份声明中说, X对路透社说, X周三表示: the voice is X.
    cut = _first_outside_brackets(_VOICE_CUT_ZH, simple[start:end])
    if cut >= 0:
        end = start + cut
    from comparison.extract import trailing_voice_adverb

    # (an adverb of a whole not where a recognised name ends: 发言人张国均表示, a given name's 均)
    while (adverb := trailing_voice_adverb(simple, start, end)) and end - start - len(adverb) >= 2 \
            and not (end in name_ends and adverb in WHOLE_ADVERBS_ZH):
        end -= len(adverb)
    record = next((w for w in _VOICE_RECORDS_ZH if simple.endswith(w, start, end) and end - start - len(w) >= 2), "")
    end -= len(record)  # 外交部声明说: the ministry's voice
    reported_end = _without_report_word(simple, start, end)
    reported, end = reported_end != end, reported_end
    while reported and (adverb := trailing_voice_adverb(simple, start, end)) and end - start - len(adverb) >= 2 \
            and not (end in name_ends and adverb in WHOLE_ADVERBS_ZH):
        end -= len(adverb)  # 美联社均报道称: the adverb before the report word too
    return _anonymous_start(simple, start, end), end, reported


def _english_voice_bounds(source: str, span: str, group: str, start: int, end: int) -> tuple[int, int]:
    """An English voice past its clause words and leading conjunctions, before trailing words."""
    inner = list(_CLAUSE_WORDS_EN.finditer(span)) if group != "c" else []
    if inner:
        start += inner[-1].end()
        span = source[start:end]
    opening_time = _TIME_OPENING_EN.match(span)
    if opening_time:
        start += opening_time.end()
        span = source[start:end]
    preposition = _PREPOSITION_OPENING_EN.match(span)
    if preposition:
        start += preposition.end()
        span = source[start:end]
    lead = _LEAD_WORDS_EN.match(span)
    if lead and adverb_opens_name(capitalized_run(span)):
        lead = None  # "Later Life Trust said": the adverb opens the body's name
    if lead:
        conjunction = start
        start += lead.end()
        if group == "b" and lead.group(0).strip().lower() in ("and", "or"):
            start = _earlier_conjunct(source, conjunction, start)
    tail = _TRAILING_WORDS_EN.search(source[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    pronoun = _SUBJECT_PRONOUN_END_EN.search(source, start, end)
    if pronoun and pronoun.start() > start:
        start = pronoun.start()  # "In a television address he said": he, no phrase before him
    return _last_conjunct_voice(source, start, end), end


# Times opening a Chinese clause before its subject (此前警方表示, 稍早警方说, 当地时间周三晚上警方表示,
# 7月3日警方表示, 当时警方表示): no part of the voice, as _TIME_OPENING_EN in English. The time words
# of lexicons/timewords.py: shifts (此前, 此后, 稍早, 日前…), relative days and years, parts of the day,
# "then", weekdays, and days of the month written with digits.
_TIME_WORDS_OPENING_ZH = longest_first([*TIME_SHIFT_ZH, *RELATIVE_DAYS_ZH, *RELATIVE_YEARS_ZH, *PARTS_OF_DAY_ZH,
                                        *THEN_WORDS_ZH, "当地时间", "北京时间", "上周", "本周", "上月", "本月"])
_TIME_OPENING_ZH = re.compile(
    rf"(?:(?:{_TIME_WORDS_OPENING_ZH}|(?:周|星期|礼拜)[{''.join(WEEKDAYS_ZH)}]"
    r"|(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号]|(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:份)?|\d{4}\s*年"
    r"|[今昨前明]\s*[(（]\s*\d{1,2}\s*[日号]?\s*[)）]\s*[日天]?|[(（]\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号]\s*[)）])"
    rf"{EVENING_AFTER_DAY_ZH[0]}?\s*)+")
# The surname 周 with a given name opening with a weekday's numeral (周一鸣, 周三明): the weekday reading
# only where a word of two characters or more, or a pronoun, follows it (周三|警方, 周三|他; not 周一|鸣|教授).
_WEEKDAY_OPENING_ZH = re.compile(rf"^周[{''.join(WEEKDAYS_ZH)}]$")


def past_opening_time(simple: str, start: int, end: int, names: list[tuple[int, int]]) -> int:
    """Where a Chinese voice or speaker starts past the time words opening its clause (此前警方表示:
    警方), leaving two characters at least; not inside a recognised name that opens with a time
    word's characters, nor before a lone character after 周X (周一鸣教授表示: a person named 周一鸣)."""
    m = _TIME_OPENING_ZH.match(simple, start, end)
    if m is None or end - m.end() < 2 and simple[m.end():end] not in ("他", "她"):
        return start  # (周三他说: the pronoun speaks, resolved as any is)
    at = bisect.bisect_right(names, (start, end)) - 1  # the names starting at or before ``start``
    if at >= 0 and names[at][0] <= start < names[at][1] and names[at][1] > m.end():
        return start  # a name holds the time word's characters: no time
    if _WEEKDAY_OPENING_ZH.match(simple[start:m.end()].strip()):
        from comparison.phonetics import word_boundaries

        rest = simple[m.end():end]
        bounds = sorted(b for b in word_boundaries(rest) if b > 0)
        first = bounds[0] if bounds else len(rest)
        if first < 2 and rest[:1] not in "他她其":
            return start
    return m.end()


# A time word after a Chinese subject ends it (前总统蔡英文13日表示, 习近平主席上月会见…时曾表示,
# 国家统计局今(18日)早公布): Chinese puts the time between the subject and its verb.
_TIME_AFTER_SUBJECT_ZH = re.compile(
    r"(?<![月\d])\d{1,2}\s*[日号]|(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[今昨前明]\s*[(（]|[今昨前明]天|[今昨]日|[今昨]晚|[今昨]早|日前|稍早|早前|上月|本月"
    # 周X only where the voice ends or a time goes on (周一下午): 周天宇 is a person's name.
    r"|上周|本周|星期[一二三四五六日天]|周[一二三四五六日天](?=$|[上下早晚在时起前后（(])|[上下]午|晚间|当天|当日"
    r"|凌晨|清晨|午间|中午|傍晚|深夜|[今去明]年")


def _before_time_word(simple: str, start: int, end: int) -> int:
    """Where a Chinese voice ends: before a time word at least two characters into it."""
    m = _TIME_AFTER_SUBJECT_ZH.search(simple, start + 2, end)
    return m.start() if m else end


def _voice(text: str, simple: str, m: re.Match, group: str, english: bool, start: int, end: int,
           reported: bool, person_ends: dict[int, int], surnames: set[str] = frozenset()) -> Attribution | None:
    """The attribution of the voice at ``start:end``, classified (agency, official, person,
    anonymous...); a medium relaying a voice gives way to that voice; None when no voice we can
    classify ("the report says", "X说")."""
    if not english:
        end = _before_time_word(simple, start, end)
    who = text[start:end].strip()
    if not who or who.lower() in ("he", "she", "they", "it", "他", "她", "他们", "她们"):
        return None
    kind, norm = attribution_kind(who, english)
    if english and kind == "official" and state_voice_en(who):
        if m.group(0).rstrip().split()[-1].lower() in _SUMS_TOO_EN:
            return None  # "In July America added 1.8m jobs": a sum grown, no statement
        while " and " in who:  # "Russia, China and Iran said": the list's earlier places too
            before = _LISTED_PLACE_BEFORE_EN.search(text, max(0, start - 60), start)
            if before is None or not state_voice_en(before.group(1)):
                break
            start = before.start(1)
            who = norm = text[start:end].strip()
        if " and " not in who and _PLACE_BEFORE_EN.search(text, max(0, start - 40), start) and not _names_a_country(who):
            return None  # "a hospital in Urbana, Illinois says she…": the place of the voice before it
        if len(who.split()) == 1 and who in surnames:
            kind, norm = "person", who  # "Jordan said" where the article names Michael Jordan: the person
        elif _PERSONAL_PRONOUN_AFTER_EN.match(text, m.end()):
            return None  # "Sofia said she was tired": a person the recogniser missed, no state
    if not english:
        cited, voice_start, voice_end = _cited_voice(text, simple, start, end)
        named = voice_start is not None and person_ends.get(voice_end, -1) >= voice_start  # 援引李明远的话
        if voice_start is not None and voice_start > start and (attribution_kind(cited, False)[0] != "other" or named):
            if kind != "agency":  # only a medium relaying a voice opens its span
                start = voice_start
            who, end = cited, voice_end
            kind, norm = attribution_kind(who, english)
        if not who.strip() or who in ("的话", "话") or to_key(who.strip()) in NO_VOICE_DETERMINERS_ZH:
            return None  # (综合以上报道, 据各方消息: no one cited)
    reported = reported or (not english and group == "a" and m.group(0).endswith(REPORT_VERBS_ZH))  # 据X报道
    if kind == "other" and reported and to_simplified_ends(who, _MEDIUM_ENDINGS_ZH):
        # 意大利安莎社报道: a medium's report, the medium not listed by name (日本共同社: 共同社)
        kind, norm = "agency", _medium_name(simple[start:end].strip())
    if not english and group == "a" and kind != "other" and m.group("cite") in ("援引", "引用", "引述"):
        start = _citing_medium_start(simple, m.start("cite"), start)
    if kind == "other" and group == "c":
        kind = _appositive_kind(who)
    if kind == "other" and end in person_ends and person_ends[end] >= start:
        kind = "person"  # a named person's words (李桂华表示): a voice of its own
    if kind == "other" and english and _PERSONAL_TITLE_EN_RE.match(who):
        kind = "person"  # "said Mr. Biden": a named person, by the title before the name
    if kind == "other" and group in "bcd":
        return None  # "the report says", "X说" with no voice we can classify: not an attribution
    if kind == "other" and group == "a" and m.group(0).endswith(FIGURE_RECORDS_ZH):
        return None  # 据不完全统计, 据最新数据: how the figures were compiled, no voice
    return Attribution(start, end, text[start:end], kind, norm)
