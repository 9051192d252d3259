"""Quantities in English news text: values or ranges, units, vagueness, what is counted.

"About 200 prisoners", "some 600 prisoners", "40 miles", "more than 1,000 Afghan
troops", "hundreds of people", "1.5 million doses", "26 of the 28 districts",
"90%", "eight districts". A number's "m" is metres where a length is named ("a 10m wall", "waves
of 2m", "2 m away", "the 100m hurdles", "the river rose by 2m") and else the press's million ("$10m", "2m people", "a city of 9m": _m_is_million).
Offsets are exact; the same :class:`Quantity` as the Chinese parser, so the rest of the stage
reads both alike.
"""

from __future__ import annotations

import re

from comparison.lexicons.categories import (
    COUNTED_FAMILIES,
    GENERIC_PEOPLE,
    counts_people_or_buildings,
)
from comparison.lexicons.grammar import FUNCTION_WORDS_EN, IRREGULAR_PAST_EN, PRESENT_VERBS_EN
from comparison.lexicons.places import DIRECTIONS_EN, PART_OF_PLACE_WORDS_EN
from comparison.lexicons.quantifiers import (
    CHANGE_VERBS_EN,
    FRACTIONS_EN,
    NUMBERED_NAMES_EN,
    OVER_AS_PREPOSITION_AFTER_EN,
    PREFIX_EN,
    SUFFIX_EN,
    UNQUANTIFIED_EN,
    UNQUANTIFIED_NOT_AFTER_EN,
    UNQUANTIFIED_RANGE,
    VAGUE_WORDS_EN,
)
from comparison.lexicons.timewords import (
    BARE_HOUR_BEFORE_EN,
    MONTH_PARTS_EN,
    MONTHS_EN,
    NOT_ONE_DURATION_BEFORE_EN,
    ONE_DURATION_OFFSET_AFTER_EN,
    ONE_UNIT_OF_TIME_EN,
    PARTS_OF_DAY_EN,
    RELATIVE_DAYS_EN,
    TIME_SHIFT_EN,
    TIME_ZONE_AFTER_RE,
    WEEKDAYS_EN,
)
from comparison.lexicons.units import (
    AMOUNT_NOUNS_EN,
    COUNTED_IN_MILLIONS_EN,
    LENGTH_NOUNS_BEFORE_EN,
    LENGTH_WORDS_AFTER_EN,
    LEVEL_NOUNS_EN,
    MAGNITUDES_EN,
    RACE_EVENT_NOUNS_EN,
    UNITS,
    dimension_of,
)
from comparison.numbers import (
    ABOUT_SHARE,
    RANGE_CONNECTORS_EN,
    Quantity,
    _apply_qualifier,
    _read_as_about,
    add_fractions,
    merge_ranges,
    percent_ranges,
    rounding_half,
    share_quantity,
    with_unquantified,
)
from comparison.text import longest_first

_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_WORD_NUMBER = (r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(list(_SMALL)[:9]) + r"))?|"
                + longest_first(_SMALL) + ")")
# Thousands and decimals, also as tokenized corpora write them ("30 , 000",
# "22 . 4 billion": ECB+).
_DIGITS = (r"\d{1,3}(?:\s?,\s?\d{3})+(?![\d])(?:\.\d+)?"
           r"|\d+\s\.\s\d+(?=\s*(?:billion|million|thousand|trillion|%|percent))|\d+(?:\.\d+)?")
_LATIN_UNITS = sorted((u for u in UNITS if not re.search(r"[\u4e00-\u9fff％%$€£]", u)), key=len, reverse=True)
_UNIT_RE = "|".join(re.escape(u) for u in _LATIN_UNITS)
_PREFIX_RE = "|".join(re.escape(p) for p in sorted(PREFIX_EN, key=len, reverse=True))
_VAGUE_RE = "|".join(re.escape(v) for v in sorted(VAGUE_WORDS_EN, key=len, reverse=True))
_MAG_RE = "|".join(m for m in MAGNITUDES_EN if len(m) > 1)
# The scale words a half may go with ("two and a half million", "a million and a half", "half a
# billion"): those of a thousand or more, written out, not abbreviated (bn, trn) ("half a dozen"
# stays a vague word's business).
_SCALE_RE = "|".join(m for m, f in MAGNITUDES_EN.items() if len(m) > 3 and f >= 1e3)
_AND_A_HALF = r"\s*-?\s*and\s*-?\s*a\s*-?\s*half"

# Tokenized corpora (ECB+) also write every decimal apart: "a 6 . 1 - magnitude quake",
# "a magnitude of 5 . 9 .". Read so only in a text tokenized throughout (TOKENIZED_RE), where
# a sentence never ends on a digit followed by one starting with a digit.
_DIGITS_TOKENIZED = r"\d{1,3}\s\.\s\d{1,2}(?![\d])|" + _DIGITS
TOKENIZED_RE = re.compile(r"\w \. [A-Z0-9]|\w , \w")
TOKENIZED_MIN = 5  # such joints in a text's first 5,000 characters


def _quantity_re(digits: str) -> re.Pattern:
    return re.compile(
        rf"(?<![\w.,:/-])(?:(?P<prefix>{_PREFIX_RE})\s+)?"
        rf"(?:(?P<currency>(?:US|HK|NT|NZ|[SAC])\$|\$|€|£|euros?(?=\s?\d))\s?)?"
        rf"(?:(?P<vague>{_VAGUE_RE})"
        rf"|(?P<digits>{digits})(?:\s*(?:-\s*)?(?P<mag>{_MAG_RE}|bn|m)\b)?"
        # "two and a half million", "two million and a half", "a million and a half": the half is
        # one of the scale word; "a" counts one only so ("a million thanks" stays no figure).
        rf"|(?P<word>{_WORD_NUMBER}|an?(?=[\s-]+(?:{_SCALE_RE}){_AND_A_HALF}\b))"
        rf"(?:(?P<whalf>{_AND_A_HALF})(?=[\s-]+(?:{_SCALE_RE})\b))?"
        rf"(?:[\s-]+(?P<wmag>{_MAG_RE})(?P<wmaghalf>{_AND_A_HALF}\b)?)?"
        rf"|(?P<halfa>half[\s-]+an?)[\s-]+(?P<hmag>{_SCALE_RE})\b)"
        # a unit may be written onto the number ("2,000ft", "58km"); no other letter may
        rf"(?:(?![\w])|(?=(?:{_UNIT_RE})(?![\w])))"
        # "two and a half years", "three-and-a-half hours": a half more of the unit that follows.
        rf"(?:(?P<half>\s*-?\s*and\s*-?\s*a\s*-?\s*half)(?=\s*-?\s*(?:{_UNIT_RE})(?![\w])))?"
        rf"(?:\s*(?P<percent>%|percent\b|per cent\b))?"
        rf"(?:\s*(?:-\s*)?(?P<unit>{_UNIT_RE})(?![\w]))?"
        rf"(?:\s+(?P<suffix>or more|or so)\b)?",
        re.IGNORECASE,
    )


QUANTITY_EN_RE = _quantity_re(_DIGITS)
QUANTITY_TOKENIZED_RE = _quantity_re(_DIGITS_TOKENIZED)
# "26 of the 28 districts", "six of seven": a part of a total.
_PART_OF_RE = re.compile(rf"^\s+of\s+(?:the\s+|its\s+|their\s+)?(?P<total>{_DIGITS}|{_WORD_NUMBER})\b", re.I)
# Words that end a counted noun phrase: function words, auxiliaries, prepositions.
_STOP = frozenset(
    "a an the of in on at to from by for with and or but who which that were was are is be been being had have "
    "has did do does will would could should may might can said says told as into onto across over under near "
    "after before since during than then there their its his her they he she it this these those when where while "
    "not no also only just still more most some about around dead alive injured wounded missing "
    # linking verbs ("nine remain missing", "two stayed trapped"): a state follows, no noun
    "remain remains remained stay stays stayed "
    # prepositions that open a phrase after the noun, never a word of it ("834 cases per 100,000
    # people", "3,000 residents without power", "12 families among the dead": were "cases per",
    # "residents without power"; lexicons.grammar's prepositions, less those that also modify a
    # noun after a figure: "3 past winners", "5 inside pages", "2 up-front fees")
    "per without within among amongst amid amidst against through throughout via despite between beside "
    "besides beyond toward towards upon except unlike underneath beneath "
    # subordinating conjunctions ("the 1,000 mark until May", "300 cars because roads flooded":
    # were "mark until", "cars because roads"; Quirk et al. 14.12)
    "until till unless because although though whereas whether if".split()
)
# A quake's magnitude written before its number, or the scale named after it.
_MAGNITUDE_BEFORE = re.compile(r"magnitude(?:\s+(?:of|at))?\s*-?\s*$", re.I)
_RICHTER_AFTER = re.compile(r"\s+on the Richter scale", re.I)
# A word of a counted noun: letters, inner digits and hyphens joining parts ("COVID-19", "H5N1",
# "A320": were cut at the digit, "COVID-", "H").
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9']*(?:-[A-Za-z0-9][A-Za-z0-9']*)*-?")
# A model designation: capital letters, a hyphen and a number (AK-47, F-16, MiG-29), however
# tokenized ("AK - 47"). Its number is no figure, and it is no part of the noun a figure counts.
# The code is one to three capitals, or capitals around one small letter (MiG), after another word:
# a dateline ("KABUL - 12 people", "AFP - 5 died", "Gaza - 12") opens its line and keeps its figure.
_CODE = r"(?:[A-Z]{1,3}|[A-Z][a-z][A-Z])"
# Without its hyphen, "AK 47" reads like "the UN 20 peacekeepers": it is read as a code only
# right after a figure ("six AK 47 rifles": a count, then the model of what it counts), and never
# as a time or body abbreviation ("10 PM 40 people", "2019 EU 27 leaders").
# A capitalized noun that names a thing by its number ("Interstate 80", "Flight 212", "No. 3").
_NUMBERED_NAME_BEFORE = re.compile(rf"(?<![\w.])(?:{'|'.join(re.escape(w) for w in NUMBERED_NAMES_EN)})\s?$")
_MODEL_CODE_BEFORE = re.compile(rf"(?<=[\w,] ){_CODE}\s?-\s?$")
_MODEL_CODE_AFTER = re.compile(rf"\s+{_CODE}\s?-\s?\d+[A-Za-z]?\b")
_UNHYPHENATED_CODE_AFTER = re.compile(rf"\s+(?P<code>{_CODE})\s\d+[A-Za-z]?\b")
_UNHYPHENATED_CODE_BEFORE = re.compile(rf"(?:^|\s)(?P<figure>\d[\d,.]*|[A-Za-z]+)\s+(?P<code>{_CODE})\s$")
_NOT_MODEL_CODES = {"AM", "PM", "GMT", "UTC", "EST", "EDT", "CET", "BST", "EU", "UN", "US", "UK", "UAE", "AD", "BC"}
_MAX_COUNTED_WORDS = 3
# Two bare numbers joined by a spaced hyphen after a word of a contest: a score or a win-loss
# record ("a record of 58 - 3", "won 2 - 1"), not counts; "the toll stood at 40 - 50" is a range.
_SCORE_CONTEXT = re.compile(r"\b(?:won|win|wins|lost|lose|loses|beat|beats|defeated|drew|draw|record|score|scored|"
                            r"scoreline|led|leads|victory|vote|voted)\b[^.;!?]{0,30}$", re.I)
# (No noun after the pair: "won 12 - 15 seats" is a range of seats; a full stop ends the pair's
# sentence, the next sentence's first word is no noun of it: "won 4-3. The…".) The hyphen spaced or not,
# or an en dash ("won 3-1", "lost 2–0", "voted 52-48 to pass").
_NOUN_AFTER = r"\d*(?:[.,]\d+)*\s*(?!(?:on|in|at|to|against|over|after|and|with|for|of|the|a|an)\b)[A-Za-z%$€£]"
_SCORE_AFTER = re.compile(r"\s*[-–]\s*\d+(?!" + _NOUN_AFTER + ")")
_SCORE_BEFORE = re.compile(r"(?<![\w.,])\d+\s+-\s+$")
# A pair named a result by the noun after it ("a 3-1 win", "a 52-48 vote", "their 7-2 record"),
# or standing alone in brackets after a team ("the Yankees (7-2)": a win-loss record, as sports
# pages write it): a score, whatever the words before.
_SCORE_NOUN_AFTER = re.compile(r"\s*[-–]\s*\d+\s+(?:win|wins|victory|victories|defeat|defeats|loss|losses|lead|draw|"
                               r"tie|record|scoreline|score|vote|verdict|decision|triumph|rout|thrashing|drubbing)\b",
                               re.I)
_BRACKETED_PAIR = re.compile(r"\s*[-–]\s*\d+\s*\)")


def _word_value(token: str) -> float | None:
    token = token.lower().replace("-", " ")
    total = 0
    for part in token.split():
        if part in _SMALL:
            total += _SMALL[part]
        elif part in _TENS:
            total += _TENS[part]
        else:
            return None
    return float(total)


def _after_figure_code(text: str, start: int) -> bool:
    """Is the number at ``start`` a model's, written without its hyphen after a figure (six AK 47)?"""
    m = _UNHYPHENATED_CODE_BEFORE.search(text, max(0, start - 24), start)
    if m is None or m.group("code") in _NOT_MODEL_CODES:
        return False
    figure = m.group("figure")
    return figure[0].isdigit() or _word_value(figure) is not None


def _score(text: str, m: re.Match) -> bool:
    """Is this number one side of a score or a record, after a word of a contest ("improved his
    record to 58 - 3", "won 2 - 1", "lost 2-0"), before a noun naming a result ("a 3-1 win") or
    alone in brackets ("the Yankees (7-2)")?"""
    if _SCORE_NOUN_AFTER.match(text, m.end()) or (
            _BRACKETED_PAIR.match(text, m.end()) and text[max(0, m.start() - 1):m.start()] == "("):
        return True
    if _SCORE_AFTER.match(text, m.end()):
        first = m.start()
    else:
        before = _SCORE_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if before is None or re.match(_NOUN_AFTER, text[m.end():m.end() + 12]):
            return False
        first = before.start()
    return bool(_SCORE_CONTEXT.search(text, max(0, first - 40), first))


# Time words (the time-words lexicon's: parts of the day, early/mid/late, weekdays, months,
# today/yesterday..., earlier/later...): after a figure they say when ("injured 41 early on
# Monday", "freed 9 yesterday", "300 families late Tuesday night"), not what it counts. One
# stops the counted noun when a function word, another time word, punctuation or the end
# follows it; before a noun it names a kind of thing and stays ("5 morning flights", "three
# night raids").
_TIME_PHRASES_EN = sorted(
    {w for w in (*PARTS_OF_DAY_EN, *MONTH_PARTS_EN, *WEEKDAYS_EN, *MONTHS_EN, *RELATIVE_DAYS_EN, *TIME_SHIFT_EN)
     if re.fullmatch(r"[a-z]+(?: [a-z]+)*", w)}, key=len, reverse=True)
_TIME_PHRASE_EN_RE = re.compile(r"(?:" + "|".join(w.replace(" ", r"\s+") for w in _TIME_PHRASES_EN) + r")(?![\w-])",
                                re.I)
_AFTER_TIME_WORD_RE = re.compile(r"\s*(?:$|[^\w\s-])|\s+(?P<word>[A-Za-z]+)")


def _says_when(text: str, pos: int) -> bool:
    """Does a time word at ``pos`` say when (a function word, another time word, punctuation or
    the end after it), rather than name a kind of thing before its noun?"""
    m = _TIME_PHRASE_EN_RE.match(text, pos)
    if m is None:
        return False
    after = _AFTER_TIME_WORD_RE.match(text, m.end())
    if after is None:
        return False
    word = after.group("word")
    return word is None or word.lower() in _STOP or _TIME_PHRASE_EN_RE.match(text, after.start("word")) is not None


_OF_RE = re.compile(r"\s+of\s+(?=[A-Za-z])")
_SPACES_RE = re.compile(r" *")


# Plurals without an -s, the heads of counts of people and animals ("300 people flee").
_PLURALS_WITHOUT_S = frozenset({"people", "men", "women", "children", "police", "staff", "personnel", "cattle",
                                "sheep", "crew", "youth"})


def _plural_shaped(word: str) -> bool:
    """Is a lower-case word shaped like a plural noun: -s but not -ss, -us, -is (business, status,
    basis), or a plural without -s (people, children)?"""
    return word in _PLURALS_WITHOUT_S or len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _counted_after(text: str, end: int) -> tuple[int, int]:
    """The noun phrase after a number: up to three words, stopping at a function word
    or at a past-tense verb after the first word ("200 prisoners escaped", "40 families left":
    regular -ed forms and the irregular ones of :data:`IRREGULAR_PAST_EN`), or at a present-tense
    verb of news after a plural noun ("40 workers strike", "300 residents flee":
    :data:`PRESENT_VERBS_EN`)."""
    pos = end
    first = last = -1
    words = 0
    previous = ""
    m = _OF_RE.match(text, pos, pos + 10)  # "hundreds of people"
    if m:
        pos = m.end()
    code = _MODEL_CODE_AFTER.match(text, pos) or _UNHYPHENATED_CODE_AFTER.match(text, pos)
    if code and code.groupdict().get("code") in _NOT_MODEL_CODES:
        code = None
    if code:  # "six AK-47 rifles", "14 AK - 47 rifles": the model is no part of the noun counted
        pos = code.end()
    while words < _MAX_COUNTED_WORDS:
        m = _WORD_RE.match(text, _SPACES_RE.match(text, pos).end())
        if m is None:
            break
        word = m.group(0).lower()
        if words == 0 and _verb_after_figure(text, m):
            break  # "3 died.", "12 fled the city": the figure is the verb's subject, no noun follows
        if word in _STOP or _says_when(text, m.start()) or (words >= 1 and (
                word.endswith("ed") or word.endswith("ing") or word in IRREGULAR_PAST_EN or m.group(0)[0].isupper()
                or word in PRESENT_VERBS_EN and _plural_shaped(previous))):
            break
        if first < 0:
            first = m.start()
        last = m.end()
        words += 1
        previous = word
        pos = m.end()
        model = _MODEL_NUMBER_RE.match(text, pos) if _MAKER_NAME_RE.fullmatch(m.group(0)) else None
        if model:  # "3 Boeing 737 jets": the model's number is part of the name (_after_maker_name)
            pos = last = model.end()
        if text[pos:pos + 1] not in (" ", "-"):
            break
    return (first, last) if first >= 0 else (-1, -1)


_NEXT_WORD_RE = re.compile(r"[ \t]*(?P<word>[A-Za-z][A-Za-z'-]*)?")


def _verb_after_figure(text: str, word: re.Match) -> bool:
    """Is the word right after a figure a past form (a regular -ed one or of
    :data:`IRREGULAR_PAST_EN`) used as the clause's verb, not before a noun it modifies ("3 died.",
    "12 fled the city", not "3 armed men", "5 stolen cars"): no word follows it, or a function
    word does?"""
    lowered = word.group(0).lower()
    if not (lowered.endswith("ed") or lowered in IRREGULAR_PAST_EN):
        return False
    after = _NEXT_WORD_RE.match(text, word.end())
    return after.group("word") is None or after.group("word").lower() in _STOP


def extract_quantities_en(text: str, max_items: int | None = None) -> list[Quantity]:
    """Every quantity of an English text, with exact offsets (dates and clock times
    are filtered by the caller)."""
    found: list[Quantity] = []
    tokenized = len(TOKENIZED_RE.findall(text[:5000])) >= TOKENIZED_MIN
    for m in (QUANTITY_TOKENIZED_RE if tokenized else QUANTITY_EN_RE).finditer(text):
        if max_items is not None and len(found) >= max_items:
            break
        q = _build(text, m)
        if q is not None and not (found and q.start < found[-1].end):  # (the 15 of "10–15 people")
            found.append(q)
    found = _with_durations_of_one(text, found)
    # The total of "26 of the 28 districts" is a whole, not a figure to compare.
    for a, b in zip(found, found[1:], strict=False):
        if a.total is not None and a.total == b.low and b.start - a.end < 40:
            b.is_total = True
    found = add_fractions(found, fractions_en(text) + percent_ranges(text))
    merged = [q for q in _share_spans(text, merge_ranges(text, found, RANGE_CONNECTORS_EN)) if not _opens_no_span(q)]
    for q in merged:
        years = q.dimension == "duration" and q.unit == "years"
        bare = q.dimension == "count" and not q.unit and not q.percent
        if q.span and (years or bare) and _AGED_BEFORE.search(text, max(0, q.start - 24), q.start):
            # "aged 7 to 16 years", "aged between 15 and 39", "ages 15 to 39": a span of ages
            q.dimension, q.factor = "age", 1.0
    return with_unquantified(merged, unquantified_en(text))


_UNQUANTIFIED_WORDS_RE = "|".join(r"\s+".join(map(re.escape, w.split()))
                                  for w in sorted(UNQUANTIFIED_EN, key=len, reverse=True))
_UNQUANTIFIED_EN_RE = re.compile(rf"(?<![\w-])(?:{_UNQUANTIFIED_WORDS_RE})(?=\s+[A-Za-z])", re.I)


def unquantified_en(text: str) -> list[Quantity]:
    """Counts said with an unquantified quantifier before a noun of people or buildings ("many
    protesters", "a number of Cuban soldiers", "some homes"): "two or more", open above
    (UNQUANTIFIED_RANGE); not "many times", "some say", "some of the", "how many", "not many"."""
    out: list[Quantity] = []
    for m in _UNQUANTIFIED_EN_RE.finditer(text):
        before = text[max(0, m.start() - 12):m.start()].split()
        if before and before[-1].lower() in UNQUANTIFIED_NOT_AFTER_EN:
            continue
        if re.match(r"\s+of\b", text[m.end():m.end() + 6], re.I):
            continue  # "many of the protesters": a part of a group the sentence names
        cs, ce = _counted_after(text, m.end())
        if ce <= cs or not counts_people_or_buildings(text[cs:ce]) or _plural_head_before(text[cs:ce]):
            continue
        low, high = UNQUANTIFIED_RANGE
        out.append(Quantity(start=m.start(), end=m.end(), text=text[m.start():m.end()], low=low, high=high, vague=True,
                            counted=text[cs:ce], counted_start=cs, counted_end=ce, unquantified=True))
    return out


def _plural_head_before(phrase: str) -> bool:
    """Does the noun phrase after a quantifier end at a plural noun before its last word, one the
    category lexicon does not count ("some cases police", "many years people": the quantifier
    counts cases and years, the next word opens the clause)? A lowercase word ending in -s (not
    -ss, -us, -is: business, status, basis) is read as a plural head."""
    words = phrase.split()
    return any(w.islower() and len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is"))
               and not counts_people_or_buildings(w) for w in words[:-1])


_AGED_BEFORE = re.compile(r"\b(?:aged|ages|ranging in age from)\s+$", re.I)

# "a week", "one month", "1 year", "nearly a year", "a year or more": a duration of one
# (ONE_UNIT_OF_TIME_EN), or one and a half ("a year and a half"); not "a week-long", "year-on-year", "a month or two",
# nor a point in time ("a year ago": ONE_DURATION_OFFSET_AFTER_EN).
_ONE_DURATION_EN_RE = re.compile(
    rf"(?<![\w-])(?:(?P<prefix>{_PREFIX_RE})\s+)?(?P<one>an?|one|1)\s+(?P<unit>{'|'.join(ONE_UNIT_OF_TIME_EN)})\b(?!-)"
    r"(?P<half>\s+and\s+a\s+half\b)?(?:\s+(?P<suffix>or more|or so)\b)?(?!\s+(?:and\s+a\s+half|or)\b)", re.I)


def _with_durations_of_one(text: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` and the durations of one it lacks ("a week", "one month", as two weeks are read),
    in text order."""
    extra: list[Quantity] = []
    for m in _ONE_DURATION_EN_RE.finditer(text):
        before = text[max(0, m.start() - 12):m.start()].split()
        after = text[m.end():m.end() + 12].split()
        if (before and before[-1].lower() in NOT_ONE_DURATION_BEFORE_EN
                or after and after[0].lower().strip(".,;:") in ONE_DURATION_OFFSET_AFTER_EN
                or any(q.start < m.end() and m.start() < q.end for q in found)):
            continue
        prefix, suffix = m.group("prefix"), m.group("suffix")
        start, low, high = m.start(), 1.0, 1.0
        if m.group("half"):
            low = high = 1.5  # "a year and a half", "an hour and a half"
        if prefix and prefix.lower() == "over" and _spread_over(text, m):
            prefix, start = None, m.start("one")  # loans over a year: spread across it
        if prefix:
            low, high = _apply_qualifier(low, high, PREFIX_EN[prefix.lower()])
        if suffix:
            low, high = _apply_qualifier(low, high, SUFFIX_EN[suffix.lower()])
        unit = ONE_UNIT_OF_TIME_EN[m.group("unit").lower()]
        dimension, factor = dimension_of(unit)
        extra.append(Quantity(start=start, end=m.end(), text=text[start:m.end()], low=low, high=high,
                              vague=bool(prefix or suffix), unit=unit, dimension=dimension, factor=factor))
    return sorted(found + extra, key=lambda q: q.start) if extra else found

# A simple fraction of a whole before what it is a share of ("a third of the homes", "half the
# vote", "more than two-thirds of voters"), or before a second one ("between half and two-thirds of").
_SHARES_EN = {f.replace("-", " "): share for f, share in FRACTIONS_EN.items()}
_FRACTION_WORDS_RE = "|".join("[ -]".join(re.escape(w) for w in f.split())
                              for f in sorted(_SHARES_EN, key=len, reverse=True))
_FRACTION_EN_RE = re.compile(
    rf"(?<![\w-])(?:(?P<prefix>{_PREFIX_RE})\s+)?(?P<fraction>{_FRACTION_WORDS_RE})"
    rf"(?=\s+(?:of|the)\b|\s+(?:and|to)\s+(?:{_FRACTION_WORDS_RE})\s+of\b)", re.I)


# "One in five employees", "1 in 4 adults": a share too.
_ONE_IN_RE = re.compile(rf"(?<![\w-])(?:(?P<prefix>{_PREFIX_RE})\s+)?(?:one|1)\s+in\s+(?P<den>{_WORD_NUMBER}|\d{{1,3}})\b",
                        re.I)


def _share_of(m: re.Match) -> float | None:
    if m.re is _ONE_IN_RE:
        den = m.group("den")
        value = float(den) if den.isdigit() else _word_value(den)
        return 100.0 / value if value and value >= 2 else None
    return _SHARES_EN[m.group("fraction").lower().replace("-", " ")]


_OF_ONE_THING = re.compile(r"\s+of\s+(?:a|an)\b", re.I)  # a quarter of a million, a third of a mile
_HALF_OF_A_STRETCH = re.compile(r"(?:first|second|other|latter|former|last|final|opening|closing|back|front|top|"
                                r"bottom|upper|lower|northern|southern|eastern|western)\s+$", re.I)
_HALF_A_MEASURE = re.compile(r"\s+the\s+(?:size|price|cost|rate|speed|pace|length|distance|time|height|weight|"
                             r"width|age)\b", re.I)


def _not_a_share(text: str, m: re.Match) -> bool:
    """A fraction of one thing, not a share of many: a quarter of a million (an amount), the first
    half of the year (a stretch of time), half the size (a ratio)."""
    if _OF_ONE_THING.match(text, m.end()):
        return True
    fraction = (m.groupdict().get("fraction") or "").lower()
    return fraction == "half" and bool(
        _HALF_OF_A_STRETCH.search(text, max(0, m.start() - 12), m.start()) or _HALF_A_MEASURE.match(text, m.end()))


def fractions_en(text: str) -> list[Quantity]:
    """The simple fractions of an English text as shares, with what they are shares of."""
    found = []
    for m in [*_FRACTION_EN_RE.finditer(text), *_ONE_IN_RE.finditer(text)]:
        share = _share_of(m)
        if share is None or _not_a_share(text, m):
            continue
        prefix = m.group("prefix")
        q = share_quantity(text, m.start(), m.end(), share, PREFIX_EN[prefix.lower()] if prefix else None)
        of_the = re.match(r"\s+of(?:\s+(?:the|its|their|all))?(?=\s)", text[m.end():m.end() + 16])
        cs, ce = _counted_after(text, m.end() + (of_the.end() if of_the else 0))
        if ce > cs >= 0:
            q.counted_start, q.counted_end, q.counted = cs, ce, text[cs:ce]
        found.append(q)
    return found


# Words before "over N years" that make it "more than N years" (jailed for over ten years,
# after over three hours); else "over" spreads a thing across the time (loans over three years).
_MORE_THAN_BEFORE_OVER = ("for", "after", "in", "than", "within", "lasting", "lasted", "took", "spent", "of", "to")


def _spread_over(text: str, m: re.Match) -> bool:
    """Is "over" before a duration "spread across" (loans over three years), not "more than"?"""
    words = text[max(0, m.start() - 20):m.start()].split()
    return not (words and words[-1].lower() in _MORE_THAN_BEFORE_OVER) and not re.match(r"\s+of\b", text[m.end():])


def _over_as_preposition(text: str, m: re.Match) -> bool:
    """Is "over" before a figure a preposition of place or topic ("flew over 30 villages", "a row
    over 200 jobs": :data:`OVER_AS_PREPOSITION_AFTER_EN` right before it), not "more than"? (The
    caller asks only of a count or a sum, "a row over $200m": before a measure, "flew over 500 km",
    "rained over 100 mm", "control over 40%", it is "more than".)"""
    before = re.search(r"([A-Za-z]+)\W*$", text[max(0, m.start() - 24):m.start()])
    return before is not None and before.group(1).lower() in OVER_AS_PREPOSITION_AFTER_EN


# A clock time in separate tokens (tokenized news text): "4 . 30am", "10 : 15 p . m .".
_SPACED_CLOCK_RE = re.compile(r"\s*[:.]\s*\d{2}\s*(?:am|pm|a\s*\.\s*m|p\s*\.\s*m|gmt|utc|local time)\b",
                              re.IGNORECASE)
_AM_PM_RE = re.compile(r"\s*(?:am|pm|a\s*\.\s*m|p\s*\.\s*m)\b", re.IGNORECASE)
_OCLOCK_RE = re.compile(r"\s*o[’']clock\b", re.IGNORECASE)
_HOUR_RANGE_RE = re.compile(r"\s*(?:and|to|or|-|–)\s*\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\s*\.\s*m|p\s*\.\s*m)\b",
                            re.IGNORECASE)
# After the minutes of a clock in separate tokens: a.m./p.m. or a time zone ("12 : 00 GMT").
_AFTER_CLOCK_RE = re.compile(r"\s*(?:am|pm|a\s*\.\s*m|p\s*\.\s*m|gmt|utc|local time)\b", re.IGNORECASE)


def _minutes_of_clock(text: str, m: re.Match, digits: str) -> bool:
    """Are these two digits the minutes of a clock written in tokens ("10 : 15 p . m .",
    "12 : 00 GMT")? Not a count after a colon ("Jun 21: 12 militants", "Update 2: 50 killed")."""
    return (len(digits) == 2 and bool(re.search(r"\b(?:[01]?\d|2[0-3])\s*:\s*$", text[max(0, m.start() - 8):m.start()]))
            and bool(_AFTER_CLOCK_RE.match(text, m.end("digits"))))


def _build(text: str, m: re.Match) -> Quantity | None:
    """The figure a match of the English quantity pattern reads, or None when it is none."""
    if not (m.group("vague") or m.group("digits") or m.group("word") or m.group("halfa")) or not _reads_as_figure_en(
            text, m):
        return None
    metres = bool(m.group("mag")) and not _m_is_million(text, m)
    read = _value_range_en(text, m, scaled=not metres)
    if read is None:
        return None
    low, high, vague = read
    digits, word, prefix = m.group("digits"), m.group("word"), m.group("prefix")
    scale = _scale_of_next_figure(text, m, low)
    low, high = low * scale, high * scale  # "2 to 3 million": 2 million to 3 million
    # A decimal with a magnitude (0.5 million) is vague only by the rounding of its digits.
    by_rounding = vague and bool(digits) and "." in digits and bool(m.group("mag"))
    percent = bool(m.group("percent"))
    unit = m.group("unit") or ""
    currency = m.group("currency") or ""
    if not unit and digits and not m.group("percent") and (
            _MAGNITUDE_BEFORE.search(text[max(0, m.start() - 16):m.start()]) or _RICHTER_AFTER.match(text, m.end())):
        unit = "magnitude"  # "a magnitude of 5.9", "5.9 on the Richter scale"
    if unit.lower() == "m" and not (digits and re.match(r"\d", text[m.start("unit") - 1:m.start("unit")] or "x")):
        unit = ""  # "m" is metres only glued to a number (5m); else it is a word
    if metres:
        unit = "m"  # "a 10m wall", "waves of 2m": a length (_m_is_million)
    # "one official": one of something is not a checkable figure; but a span may open with 1
    # ("1-2 days", "1-3 weeks": read below, kept only as a span; "1 to 2 days", "one or two weeks":
    # kept for merge_ranges, dropped after it unless it opened a span: _opens_no_span)
    opens_span_to_unit = low <= 1 and _opens_span_to_unit(text, m.start(), m.end())
    if word and low <= 1 and not unit and not opens_span_to_unit:
        return None
    lone_one = low <= 1 and high <= 1 and not percent and not unit and not currency
    if lone_one and not (digits and _HYPHEN_SECOND_RE.match(text, m.end("digits")) or opens_span_to_unit):
        return None
    start = m.start()
    if prefix and prefix.lower() == "over" and (
            dimension_of(unit.lower())[0] == "duration" and _spread_over(text, m)
            or not (unit or percent) and _over_as_preposition(text, m)):
        prefix, start = None, m.start("digits") if digits else m.start("word") if word else m.start()
    if prefix:
        low, high = _apply_qualifier(low, high, PREFIX_EN[prefix.lower()])
        vague = True
    suffix = m.group("suffix")
    if suffix:
        low, high = _apply_qualifier(low, high, SUFFIX_EN[suffix.lower()])
        vague = True
    end = m.end()
    if unit == "" and m.end("unit") < 0:
        end = max(m.end("percent"), m.end("digits"), m.end("word"), m.end("vague"), m.end("mag"), m.end("wmag"),
                  m.end("wmaghalf"), m.end("hmag"))
        if suffix:
            end = m.end()
    if percent:
        dimension, factor = "percent", 1.0
    elif currency:
        dimension, factor = dimension_of(currency)
    else:
        dimension, factor = dimension_of(unit.lower()) if unit else ("count", 1.0)
    if dimension == "duration" and unit.lower() == "years" and _AGED_BEFORE.search(text, max(0, start - 8), start):
        dimension, factor = "age", 1.0  # "aged 25 years": an age, not a duration
    q = Quantity(start=start, end=end, text=text[start:end], low=low, high=high, vague=vague,
                 unit="%" if percent else unit.lower(), percent=percent, dimension=dimension, factor=factor,
                 rounded=by_rounding and not prefix and not suffix)
    q.floor = bool(prefix) and PREFIX_EN[prefix.lower()] == "over" or bool(suffix) and SUFFIX_EN[suffix.lower()] == "over"
    if digits and not (unit or percent or suffix) and _scaled_hyphen_span(text, m, q, prefix):
        return q
    if (digits and not (unit or percent or currency or suffix or m.group("mag"))
            and _hyphen_span(text, m, q, prefix)):
        return q
    if lone_one and not opens_span_to_unit:
        return None  # a one that opens no span ("won 1-0")
    _add_counted_en(text, q)
    return q


# A range word and a second figure with a unit or a share after a figure of one ("1 to 2 days", "one
# or two weeks", "between 1 and 3 km", "1 to 2%"): the one opens a span (merge_ranges, _share_spans).
_SPAN_TO_UNIT_RE = re.compile(rf"\s+(?:to|or|and)\s+(?:\d+(?:\.\d+)?|{_WORD_NUMBER})(?:\s?-?\s?(?P<unit>{_UNIT_RE}|%))"
                              rf"(?![\w])", re.I)


def _opens_span_to_unit(text: str, start: int, end: int) -> bool:
    """Does a range word and a figure with a unit follow the figure from ``start`` to ``end``
    (_SPAN_TO_UNIT_RE)? An "m" only where a length is named ("1 to 3m deep", "waves of 1 to 2m":
    _names_a_length); else it is read as a million ("1 to 2m people": the 1 takes the million,
    _scale_of_next_figure)."""
    nxt = _SPAN_TO_UNIT_RE.match(text, end)
    return nxt is not None and (nxt.group("unit").lower() != "m" or nxt.group("unit") == "m" and _names_a_length(
        text, start, nxt.start("unit"), nxt.end()))


# "from" before the first figure: "from 3 to 5%" is a change from one level to another, no span.
_FROM_BEFORE_RE = re.compile(r"\bfrom\s+$", re.I)


def _share_spans(text: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` with a bare figure and a share joined by "to" or "or" read as one span of shares
    ("1 to 2%", "3 or 4 percent", "about 3 to 5%": merge_ranges joins no shares by "to", as "from
    5% to 7%" is a change; "between 1 and 2%" it joins itself). Not after "from" ("rose from 3 to
    5%"), nor a first figure above the share ("won 52 to 48%"). One pass over ``found``."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (prev is not None and q.percent and not q.span and prev.dimension == "count" and not (
                prev.unit or prev.percent or prev.span or prev.unquantified or prev.total is not None)
                and text[prev.end:q.start].strip().lower() in RANGE_CONNECTORS_EN and q.start - prev.end <= 4
                and prev.low <= q.high and not _FROM_BEFORE_RE.search(text, max(0, prev.start - 8), prev.start)):
            about = _read_as_about(prev) and q.low == q.high and not q.vague  # "about 3 to 5%": the whole span
            high = q.high * (1 + ABOUT_SHARE) if about else q.high
            out[-1] = Quantity(start=prev.start, end=q.end, text=text[prev.start:q.end], low=prev.low, high=high,
                               vague=True, unit=q.unit, counted=q.counted, counted_start=q.counted_start,
                               counted_end=q.counted_end, percent=True, dimension="percent", span=True,
                               approximate_span=about)
            continue
        out.append(q)
    return out


def _opens_no_span(q: Quantity) -> bool:
    """Is ``q`` a bare one (a count of one, no unit, no span) that _build kept for a span of a
    unit ("1 to 2 days") but merge_ranges did not join ("between 1 and 2 days" where "and" names no
    range: "1 and 2 days later")? One of something is no checkable figure."""
    return (q.dimension == "count" and not q.unit and not q.percent and not q.span and not q.unquantified
            and q.high <= 1)


# A second count written onto the first with a hyphen or an en dash ("10-15 people", "40–50 houses"),
# no digit, decimal point, colon, slash, share or letter after it but a unit's.
_UNIT_AFTER_RE = re.compile(rf"\s*-?\s*(?P<unit>{_UNIT_RE})(?![\w])", re.I)
# A unit may be written onto the second figure ("2-3km", "5-10m"); no other letter may.
_HYPHEN_SECOND_RE = re.compile(rf"[-–](?P<high>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.,:/%-])(?:(?!\w)|(?=(?:{_UNIT_RE})(?!\w)))",
                               re.I)


# The second figure of a hyphen span of money or of a scale word ("$2-3m", "£5-10bn", "€10m-€12m",
# "$1.5-2 billion", "$5-10", "2-3 million people"): a currency again (the first's), digits, a scale word.
_CURRENCY_RE = r"(?:(?:US|HK|NT|NZ|[SAC])\$|\$|€|£)"
_SCALED_SECOND_RE = re.compile(
    rf"\s?[-–]\s?(?P<currency>{_CURRENCY_RE})?\s?(?P<high>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
    rf"(?:\s*(?:-\s*)?(?P<mag>{_MAG_RE}|bn|m)\b)?(?![\w%]|[.,:/-]\d)", re.I)


def _scaled_hyphen_span(text: str, m: re.Match, q: Quantity, prefix: str | None) -> bool:
    """Read a hyphen span of money ("$2-3m", "£5-10bn", "€10m-€12m", "$1.5-2 billion", "$5-10") or
    of counts with a scale word ("2-3 million people") as one span (low, high, ``span``) in place in
    ``q``, as "between $2m and $3m" is read. A first figure with no scale word of its own takes the
    second's when its number is below the second's ("$2-3m": $2m to $3m; "$500,000-2m" keeps its
    own). "m" is metres where a length is named ("swells of 4-9m": :func:`_names_a_length`,
    :func:`_hyphen_unit_span`), else a million ("2-3m people")."""
    currency = m.group("currency") or ""
    first_mag = (m.group("mag") or "").lower()
    second = _SCALED_SECOND_RE.match(text, max(m.end("digits"), m.end("mag")))
    if second is None or second.group("currency") and second.group("currency") != currency:
        return False
    second_mag = (second.group("mag") or "").lower()
    if first_mag and not second_mag:
        return False
    if not currency and (not second_mag or "m" in (first_mag, second_mag) and not _million_after(text, second.end())
                         and _names_a_length(text, m.start(), second.end("high"), second.end())):
        return False  # a count's plain span ("10-15 people") is _hyphen_span's; "swells of 4-9m" metres
    v1, v2 = float(m.group("digits").replace(",", "")), float(second.group("high").replace(",", ""))
    f2 = MAGNITUDES_EN.get(second_mag, 1.0)
    f1 = MAGNITUDES_EN[first_mag] if first_mag else (f2 if v1 < v2 else 1.0)
    if not v1 * f1 < v2 * f2:
        return False
    _as_span(text, q, prefix, (v1 * f1, v2 * f2), second.end())
    q.rounded = False
    if not currency:
        cs, ce = _counted_after(text, second.end())
        if ce > cs >= 0:
            q.counted_start, q.counted_end, q.counted = cs, ce, text[cs:ce]
    return True


# A range word and a second figure with a scale word after a figure with none ("2 to 3 million",
# "$2 to $3 million", "between 1 and 2 million", "two or three billion"); "m" a million unless a length is named (_m_is_million).
_SCALED_NEXT_RE = re.compile(
    rf"\s+(?P<joint>to|or|and)\s+(?P<currency>{_CURRENCY_RE})?\s?(?P<high>\d+(?:\.\d+)?|{_WORD_NUMBER})"
    rf"\s*(?:-\s*)?(?P<mag>{_MAG_RE}|bn|m)\b", re.I)


def _scale_of_next_figure(text: str, m: re.Match, value: float) -> float:
    """The scale a figure written with none takes from the next figure of its span ("2 to 3
    million": a million), when its number is below the next one's ("500 to 2 million" keeps its
    own); 1 when it has a scale word, a unit or a share, or no such figure follows."""
    if m.group("mag") or m.group("wmag") or m.group("hmag") or m.group("unit") or m.group("percent") or m.group(
            "suffix") or m.group("vague") or not (m.group("digits") or m.group("word")):
        return 1.0
    nxt = _SCALED_NEXT_RE.match(text, m.end())
    if nxt is None or nxt.group("mag") == "m" and not (m.group("currency") or nxt.group("currency")) and (
            not _million_after(text, nxt.end()) and _names_a_length(text, m.start(), nxt.end("high"), nxt.end())):
        return 1.0  # "2 to 3m deep", "waves of 2 to 3m": metres
    if nxt.group("joint").lower() == "and" and not _BETWEEN_RE.search(text, max(0, m.start() - 10), m.start()):
        return 1.0
    high = nxt.group("high")
    second = float(high) if high[0].isdigit() else _word_value(high)
    return MAGNITUDES_EN[nxt.group("mag").lower()] if second is not None and value < second else 1.0


_BETWEEN_RE = re.compile(r"\bbetween\s+(?:(?:US|HK|NT|NZ|[SAC])\$|\$|€|£)?$", re.I)


# What stands before a model's code, not a count: a capitalized word other than a sentence's
# first ("Boeing 737-800"), or "a"/"an" ("a 737-800 plane": one thing).
_CODE_BEFORE_RE = re.compile(r"(?:(?<![.!?\n\"“(]\s)(?<![.!?\n\"“(])(?<!^)\b[A-Z][A-Za-z]*|\b[Aa]n?)\s+$")


def _hyphen_span(text: str, m: re.Match, q: Quantity, prefix: str | None) -> bool:
    """Read "10-15 people" as one span of counts (10 to 15 people), in place in ``q``: the
    second figure larger than the first and a counted noun after it (:func:`_counted_after`), or
    a unit ("2-3 years", "5-10 km": :func:`_hyphen_unit_span`). Without a noun or a unit the pair
    stays its first figure (a score or a record: "won 4-3"; the 2019-20 season is no span: 20 is
    not above 2019). A qualifier before the span widens the whole span, as "about 30 to 40"
    (merge_ranges)."""
    second = _HYPHEN_SECOND_RE.match(text, m.end("digits"))
    if second is None:
        return False
    first, last = float(re.sub(r"[\s,]", "", m.group("digits"))), float(second.group("high").replace(",", ""))
    if not first < last or re.fullmatch(r"\d{3}", m.group("digits")) and re.fullmatch(r"\d{4}", second.group("high")):
        return False  # (555-1234: a local telephone number)
    if _CODE_BEFORE_RE.search(text, max(0, m.start() - 30), m.start()):
        return False  # "Boeing 737-800 jets", "a 737-800 plane": a model's code, no span of counts
    unit = _UNIT_AFTER_RE.match(text, second.end())
    if unit:
        return _hyphen_unit_span(text, q, prefix, (first, last), unit)
    cs, ce = _counted_after(text, second.end())
    if ce <= cs or text[cs].isupper():
        return False  # (no noun; "10-12 Riverton Road": a house number's span in an address)
    _as_span(text, q, prefix, (first, last), second.end())
    q.counted_start, q.counted_end, q.counted = cs, ce, text[cs:ce]
    return True


def _as_span(text: str, q: Quantity, prefix: str | None, bounds: tuple[float, float], end: int) -> None:
    """Make ``q`` the span ``bounds`` written up to ``end``, as merge_ranges makes one ("about"
    before it widens the whole span)."""
    low, high = (_apply_qualifier(*bounds, PREFIX_EN[prefix.lower()]) if prefix else bounds)
    q.end, q.text, q.low, q.high, q.vague, q.span = end, text[q.start:end], low, high, True, True
    q.approximate_span = bool(prefix) and PREFIX_EN[prefix.lower()] == "about"


def _hyphen_unit_span(text: str, q: Quantity, prefix: str | None, bounds: tuple[float, float],
                      unit: re.Match) -> bool:
    """"2-3 years", "5-10 km", "aged 7-16 years": a span of the unit after the second figure, the
    one representation of a span (low, high, ``span``) "between 2 and 3 years" gets. "m" is metres
    only glued to the figure (5-10m), as for one figure; the caller reads ages after "aged"."""
    word = unit.group("unit")
    if word.lower() == "m" and unit.start("unit") != unit.start():
        return False
    _as_span(text, q, prefix, bounds, unit.end())
    q.unit = word.lower()
    q.dimension, q.factor = dimension_of(q.unit)
    return True


# A telephone number: a trunk code with its leading zero (0845 125 2222, 020 7946 0000, (0)20...),
# a bracketed area code ((555) 123-4567), an international one (+44 20 7946 0000) or the North
# American 555-123-4567. Counts are never written with a leading zero nor in such groups.
_PHONE_RE = re.compile(
    r"(?<![\w.,$£€])(?:\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,4}"
    r"|(?:\(\d{2,5}\)|0\d{2,4})(?:[ .-]?\d{2,4}){1,3}"
    r"|\d{3}[.-]\d{3}[.-]\d{4})(?![\w%])")
_BARE_HOUR_RE = re.compile(rf"\b(?:{'|'.join(BARE_HOUR_BEFORE_EN)})\s+$", re.IGNORECASE)
# After a bare hour: a clause ends, or a word saying which day or part of the day follows.
_AFTER_BARE_HOUR_RE = re.compile(r"\s*(?:[.,;:!?)]|$|(?:on|this|that|tonight|last|in the)\b)", re.IGNORECASE)


def _in_phone_number(text: str, start: int) -> bool:
    """Is offset ``start`` inside a telephone number (_PHONE_RE)?"""
    window_start = max(0, start - 24)
    return any(p.start() <= start < p.end()
               for p in _PHONE_RE.finditer(text, window_start, min(len(text), start + 24)))


def _bare_hour(text: str, m: re.Match, digits: str) -> bool:
    """An hour of the clock with no a.m./p.m.: 1 to 24 after a preposition of time with no noun
    after it ("the blaze began before 9.", "open until 6 on Friday"), never "before 9 people"."""
    return (digits.isdigit() and 1 <= int(digits) <= 24 and not (m.group("unit") or m.group("percent"))
            and bool(_BARE_HOUR_RE.search(text, max(0, m.start() - 10), m.start()))
            and bool(_AFTER_BARE_HOUR_RE.match(text, m.end("digits"))))


def _reads_as_figure_en(text: str, m: re.Match) -> bool:
    """Not a clock time (10:30, "4 . 30am", 1400 GMT, a bare hour after "before"), a year, an id,
    date stamp or telephone number, part of a word or code (COVID-19, AK - 47, F - 16), nor a score
    or record ("58 - 3", "won 2 - 1")."""
    digits = m.group("digits")
    if digits:
        if _in_phone_number(text, m.start("digits")) or _bare_hour(text, m, digits):
            return False
        if re.match(r"[:.]\d", text[m.end("digits"):m.end("digits") + 2]):
            return False  # clock time 10:30
        if (_SPACED_CLOCK_RE.match(text, m.end("digits")) or _minutes_of_clock(text, m, digits)
                or ("." in digits and _AM_PM_RE.match(text, m.end("digits")))):
            return False  # a clock time written in separate tokens: "4 . 30am", "10 : 15 p.m."
        if digits.isdigit() and 1 <= int(digits) <= 12 and (
                _AM_PM_RE.match(text, m.end("digits")) or _OCLOCK_RE.match(text, m.end("digits"))
                or _HOUR_RANGE_RE.match(text, m.end("digits"))):
            return False  # an hour: "11 a.m.", "5 pm", "10 o'clock", the 10 of "between 10 and 11 a.m."
        if re.match(TIME_ZONE_AFTER_RE, text[m.end("digits"):]):
            return False  # clock time 1400 GMT
        if (re.fullmatch(r"(?:19|20)\d\d", digits) and not (m.group("unit") or m.group("percent") or m.group("mag")
                                                            or (m.group("currency") or "a")[-1] in "$€£")
                and not _count_of_people_or_things(text, m)):
            return False  # a year (not "about 1900 people were hurt", a sum, "$2000", nor "the 1500m final")
        if re.fullmatch(r"\d{6,}", digits):
            return False  # an id or a date stamp (20100505): written counts this large have separators
    before = text[max(0, m.start() - 1):m.start()]
    if before and (before.isalnum() or before in "-/"):
        return False
    if digits and not m.group("unit") and _score(text, m):
        return False  # a score or a record, however tokenized ("a record of 58 - 3", "won 2 - 1")
    if m.group("digits") and _NUMBERED_NAME_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return False  # an identifier: "Interstate 80", "Flight 212", "the No. 3 seed"
    if _MODEL_CODE_BEFORE.search(text, max(0, m.start() - 10), m.start()):
        return False  # the number of a model designation written in tokens: "AK - 47", "F - 16"
    if digits and not (m.group("unit") or m.group("percent") or m.group("currency") or m.group("mag")
                       or m.group("prefix")) and _after_maker_name(text, m.start()):
        return False  # "3 Boeing 737 jets", "a Cessna 172 crashed": the model's number
    return not _after_figure_code(text, m.start())  # "six AK 47 rifles": the model's number


# A maker's name and the number of its model after it ("3 Boeing 737 jets", "a Cessna 172
# crashed", "the Airbus 320 fleet"): a capitalized word after a figure or an article (so never a
# sentence's first word: "In March 40 people died", "Kabul 12 people"), no time or compass word
# ("the March 12 vote", "In the North 40 houses burned"), then a bare number, no unit after it
# (in a counted noun, a code opening with a capital too: "3 Airbus A320 planes", "4 Tupolev Tu-154 jets").
_MAKER_NAME_RE = re.compile(r"[A-Z][a-z]+")
_MAKER_BEFORE_RE = re.compile(rf"(?:^|(?<=[\s(]))(?P<before>\d[\d,]*(?:\.\d+)?|an?|the|{_WORD_NUMBER})\s+(?P<name>[A-Z][a-z]+)\s$",
                              re.I)
_MODEL_NUMBER_RE = re.compile(rf" (?:[A-Z][A-Za-z]{{0,2}}-?)?\d+[A-Za-z]?(?:-\d+[A-Za-z]?)?(?![\w.,%-])(?!\s*(?:{_UNIT_RE})(?![\w]))", re.I)
_NOT_MAKER_WORDS = frozenset(w.lower() for w in (*DIRECTIONS_EN, *PART_OF_PLACE_WORDS_EN))


def _after_maker_name(text: str, start: int) -> bool:
    """Is the number at ``start`` a model's, right after its maker's name (_MAKER_BEFORE_RE)?"""
    before = _MAKER_BEFORE_RE.search(text, max(0, start - 40), start)
    if before is None or not _MAKER_NAME_RE.fullmatch(before.group("name")):
        return False  # (a capital and small letters: "the UN 20 peacekeepers" keeps its 20)
    name = before.group("name")
    model = _MODEL_NUMBER_RE.match(text, start - 1)
    if model is None or name.lower() in _NOT_MAKER_WORDS or _TIME_PHRASE_EN_RE.fullmatch(name):
        return False
    # a noun or a verb follows a model ("737 jets", "208 crashed"); a function word or punctuation
    # a place's figure in a list ("the Philippines 86 and Indonesia 41")
    after = _NEXT_WORD_RE.match(text, model.end())
    return after.group("word") is not None and after.group("word").lower() not in _STOP


def _count_of_people_or_things(text: str, m: re.Match) -> bool:
    """Is a year-like number (1900, 2021) right before a plural noun the category lexicon counts
    ("1900 people", "2000 troops", "2021 cases") a count? Not after "the" or a possessive
    ("the 2021 cases", "Britain's 2019 elections") nor after a preposition of time ("in 2019
    people voted", "by 2030 houses"), a word naming a year or a season ("the year 2000 people",
    "spring 2020 troops"), or another year it ends a span with ("from 2019 to 2021 cases",
    "between 2019 and 2021 houses"): there it names a year."""
    if _YEAR_BEFORE.search(text[max(0, m.start() - 16):m.start()]):
        return False
    noun = re.match(r"\s+([a-z]+)", text[m.end("digits"):m.end("digits") + 24])
    return bool(noun) and noun.group(1) in _COUNTED_NOUNS_EN


# What a year is written after: a preposition of time, "the", a possessive, a word naming a year
# or a season, or an earlier year and the word or dash of a span of years.
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:the|in|by|since|until|till|from|during|before|after|of|through|circa|year|fiscal|spring|summer"
    r"|autumn|fall|winter)\s+|(?:'s|’s)\s+|\b(?:19|20)\d\d(?:\s+(?:and|or|to|through|until)\s+|\s*[-–—]\s*))$",
    re.I)

# Plural nouns of the category lexicon written in English (people, troops, cases, houses...).
_COUNTED_NOUNS_EN = frozenset(
    w for w in (*GENERIC_PEOPLE, *(x for family in COUNTED_FAMILIES.values() for words in family.values() for x in words))
    if (w.isascii() and " " not in w and w.endswith("s"))
    or w in ("people", "police", "staff", "men", "women", "children", "personnel"))


# "m" after a number: the metre's symbol, or the press's million for money and for counts of
# people and things (lexicons.units.COUNTED_IN_MILLIONS_EN and the category lexicon's nouns).
_MILLION_NOUNS_EN = _COUNTED_NOUNS_EN | frozenset(COUNTED_IN_MILLIONS_EN)
_COMPARATIVE_AFTER_RE = re.compile(r"\s+(?P<more>more)(?=\s+(?!than\b)[a-z])", re.I)
_MORE_BEFORE_NOUN_RE = re.compile(r"\s+(?:more|fewer|extra|additional|other)(?=\s)", re.I)
# A range word and a next figure with its own "m" ("between 1m and 2m people", "2m-3m jobs").
_NEXT_M_FIGURE_RE = re.compile(r"(?:\s*[-–]\s*|\s+(?:to|and|or)\s+)\d+(?:\.\d+)?\s?m\b")


def _m_is_million(text: str, m: re.Match) -> bool:
    """Is a figure's "m" a million ("$10m", "10m euros", "1.25m tonnes", "2m people", "a city of 9m",
    "between 1m and 2m homes"), not metres ("a 10m wall", "waves of 2m", "2 m away", "the 100m
    final", "a 5m-long boat")? A money sign, a unit, a plural noun counted in millions after it
    (_million_after) or a capital M make it one; else it is metres only where a length is named
    (_names_a_length), a million where none is (the press's "m": The Economist's "a city of 9.2m")."""
    mag = m.group("mag") or ""
    if mag.lower() != "m":
        return True  # (bn, trn, million...: always a scale word)
    if mag == "M" or m.group("currency") or m.group("unit"):
        return True
    nxt = _NEXT_M_FIGURE_RE.match(text, m.end("mag"))
    if _million_after(text, nxt.end() if nxt else m.end("mag")):
        return True
    if _race_event_after(text, m.start("digits"), m.end("mag")) or _level_changed_before(text, m.start("digits")):
        return False  # "the 100m hurdles", "the river rose by 2m": a length
    return not _names_a_length(text, m.start("digits"), m.end("digits"), m.end("mag"))


# A race event's nouns right after a figure and "m" (lexicons.units.RACE_EVENT_NOUNS_EN), and a
# plural noun after them ("2m heat pumps", "3m relay volunteers": the event word only modifies it).
_RACE_EVENT_AFTER_RE = re.compile(rf"(?:\s+(?:{'|'.join(RACE_EVENT_NOUNS_EN)})\b(?!-))+"
                                  r"(?P<plural>\s+[a-z]+s\b(?!-|'))?", re.I)
# A determiner or possessive right before the figure ("the 100m", "a 200m", "the women's 400m").
_EVENT_DETERMINER_RE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its|our|my|your)|['’]s)\s+$", re.I)


def _race_event_after(text: str, start: int, end: int) -> bool:
    """Does a race event's noun follow a figure and "m" (``start`` to ``end``): "the 100m hurdles", "a
    200m freestyle heat", "her 3000m steeplechase time"? Not before a plural noun with no determiner
    before the figure ("install 2m heat pumps", "some 3m relay volunteers": a count of that noun,
    the event word its modifier); "the 400m relay teams" stays the event's."""
    race = _RACE_EVENT_AFTER_RE.match(text, end)
    if race is None:
        return False
    plural = race.group("plural")
    return not plural or plural.strip().lower() in FUNCTION_WORDS_EN or bool(
        _EVENT_DETERMINER_RE.search(text, max(0, start - 12), start))
# A verb of change and at most two words of the change ("by", "some", "nearly", "to about") right
# before a figure: the words before the verb are the thing changed.
_CHANGE_BEFORE_RE = re.compile(
    rf"\b(?:{longest_first(CHANGE_VERBS_EN)})(?:\s+(?:by|to|from|some|about|around|nearly|almost|more|than|over|another|a|further)){{0,3}}\s+$",
    re.I)
# A noun of a water or ground level heading the thing changed: right before the verb of change,
# or before "level(s)" and auxiliaries ("sea levels could", "the water level has"; not "the river
# basin's population": its head is another noun).
_LEVEL_THING_RE = re.compile(
    rf"\b(?:{'|'.join(LEVEL_NOUNS_EN)})(?:\s+levels?)?"
    r"(?:\s+(?:could|may|might|will|would|can|should|has|have|had|is|are|was|were|also|already|then|again|further))*\s+$",
    re.I)


def change_verb_before(text: str, start: int) -> re.Match | None:
    """A verb of change and its few words right before a figure at ``start`` ("prices rose by 1.1%"),
    read in the 80 characters before it, or None."""
    return _CHANGE_BEFORE_RE.search(text, max(0, start - 80), start)


def _level_changed_before(text: str, start: int) -> bool:
    """Is a bare figure with "m" (from ``start``, no noun after it) the change or the new level of a
    water or ground level ("the river rose by 2m", "sea levels could rise 1m", "floodwaters fell
    3m": lexicons.units.LEVEL_NOUNS_EN before a verb of change, lexicons.quantifiers.CHANGE_VERBS_EN)?
    Any other thing changed keeps the million ("sales rose by 2m"). Bounded: two anchored searches
    in the 80 characters before the figure."""
    window_start = max(0, start - 80)
    verb = _CHANGE_BEFORE_RE.search(text, window_start, start)
    thing = verb and _LEVEL_THING_RE.search(text, window_start, verb.start())
    if not thing:
        return False
    # The level noun as the object of a preposition heads no thing changed ("visitors to the lake
    # rose by 2m", "arrivals by sea", "demand for water": millions) unless the noun before the
    # preposition is a level too ("the level of the lake rose by 2m", "water in the reservoir").
    governed = _PREPOSITION_BEFORE_RE.search(text, max(0, thing.start() - 40), thing.start())
    return governed is None or governed.group("head").lower() in _LEVEL_HEADS_EN


# A preposition (and a determiner or two) right before a noun, with the word before it.
_PREPOSITION_BEFORE_RE = re.compile(
    r"(?:\b(?P<head>[\w'’-]+)\s+|^)(?:of|in|at|on|to|for|by|from|with|without|into|across|near|along|behind|"
    r"beyond|above|below|under|over|around|via)\s+(?:(?:the|a|an|its|their|this|that|these|those)\s+)?$",
    re.I)
_LEVEL_HEADS_EN = frozenset((*LEVEL_NOUNS_EN, "level", "levels"))


_LENGTH_AFTER_RE = re.compile(rf"(?:\s+|-)(?:{'|'.join(LENGTH_WORDS_AFTER_EN)})\b", re.I)
_LENGTH_NOUN_BEFORE_RE = re.compile(
    rf"\b(?:{'|'.join(LENGTH_NOUNS_BEFORE_EN)})\b(?:\s+[\w.,]+){{0,3}}\s+$", re.I)
_ARTICLE_BEFORE_RE = re.compile(r"\b(?:a|an|the)\s+$", re.I)
_SINGULAR_AFTER_RE = re.compile(r"\s+(?P<word>[a-z]+)\b(?!-)")


def _names_a_length(text: str, start: int, digits_end: int, end: int) -> bool:
    """Does a figure (from ``start``) with an "m" (``digits_end`` to ``end``) name a length: a space
    before a small "m" (SI's "2 m"), a word of size after it ("10m high", "a 5m-long boat"), a noun
    of a length just before it ("waves of 2m", "a depth of 30m"), or a singular lower-case noun it
    measures right after a/an/the ("a 10m wall", "the 100m final"; not "the 2m voters", "the 16m
    insurance policies", "the 12m average": lexicons.units.AMOUNT_NOUNS_EN, nor an adverb or
    participle, "the 24m individually controlled")?"""
    if text[digits_end:end - 1].strip(" ") == "" and end - 1 > digits_end or _LENGTH_AFTER_RE.match(text, end):
        return True
    if _LENGTH_NOUN_BEFORE_RE.search(text, max(0, start - 40), start):
        return True
    noun = _SINGULAR_AFTER_RE.match(text, end)
    if noun is None or not _ARTICLE_BEFORE_RE.search(text, max(0, start - 6), start):
        return False
    word = noun.group("word")
    cs, ce = _counted_after(text, end)  # "the 16m insurance policies": a plural ends the phrase, a count
    return not (word in _STOP or word in AMOUNT_NOUNS_EN or word.endswith(("ly", "ed"))
                or any(_plural_shaped(w) for w in text[cs:ce].lower().split()))


def _million_after(text: str, pos: int) -> bool:
    """Do the words after an "m" ending at ``pos`` make it a million: another unit ("2m tonnes",
    "10m euros") or a noun phrase (up to three words, after more/fewer/extra) holding a plural
    noun of :data:`_MILLION_NOUNS_EN` and opening with no word of size ("2m people", "3m Syrian
    refugees", "5m households dark"; not "20m tall homes": lexicons.units.LENGTH_WORDS_AFTER_EN)?
    Bounded: one anchored match and one _counted_after."""
    unit = _UNIT_AFTER_RE.match(text, pos)
    if unit:
        return unit.group("unit").lower() != "m"
    more = _MORE_BEFORE_NOUN_RE.match(text, pos)
    cs, ce = _counted_after(text, more.end() if more else pos)
    if ce <= cs:
        return False
    words = text[cs:ce].lower().split()
    return words[0] not in LENGTH_WORDS_AFTER_EN and any(w in _MILLION_NOUNS_EN for w in words)


def _value_range_en(text: str, m: re.Match, scaled: bool = True) -> tuple[float, float, bool] | None:
    """(low, high, vague) before qualifiers: a vague word ("several" only before a noun), or a
    number in digits or words with its magnitude (1.4 billion: rounded to its last place); with
    ``scaled`` False the number alone (its "m" read as metres: _m_is_million)."""
    vague_word, digits, word = m.group("vague"), m.group("digits"), m.group("word")
    if vague_word:
        low, high = VAGUE_WORDS_EN[vague_word.lower()]
        if vague_word.lower() == "several" and not re.match(r"\s+[a-z]", text[m.end():m.end() + 3]):
            return None
        return low, high, True
    if m.group("halfa"):
        value: float | None = 0.5  # half a million
    elif digits:
        value = float(re.sub(r"[\s,]", "", digits))
    else:
        value = 1.0 if word.lower() in ("a", "an") else _word_value(word)
    if value is None:
        return None
    # A half of the scale word or unit after the number: "two and a half million" (whalf), "two
    # million and a half" (wmaghalf), "two and a half years" (half, before a unit only).
    if m.group("whalf") or m.group("wmaghalf") or m.group("half"):
        value += 0.5
    mag = (m.group("mag") or m.group("wmag") or m.group("hmag") or "").lower()
    if not mag or not scaled:
        return value, value, False
    factor = MAGNITUDES_EN.get(mag, 1.0)
    value *= factor
    decimals = re.sub(r"[\s,]", "", digits or "").partition(".")[2]
    if decimals and factor > 1:
        # 1.4 billion is a rounded figure: half a unit of its last written place either side.
        half = rounding_half(10 ** -len(decimals) * factor)
        return value - half, value + half, True
    return value, value, False


def _add_counted_en(text: str, q: Quantity) -> None:
    """The noun a count counts (600 prisoners), after "of 28" when it is a part of a whole."""
    part = _PART_OF_RE.match(text[q.end:q.end + 40])
    if part:
        total = part.group("total")
        q.total = float(total.replace(",", "")) if total[0].isdigit() else _word_value(total)
        cs, ce = _counted_after(text, q.end + part.end())
    elif q.dimension == "count":
        # "2m more jobs": "more" (a stop word, it ended the noun: the count counted nothing) opens
        # the noun phrase as "fewer" and "extra" do ("10m fewer jobs", "3m extra jobs"): a
        # difference, no count of the noun itself
        more = _COMPARATIVE_AFTER_RE.match(text, q.end)
        cs, ce = _counted_after(text, more.end() if more else q.end)
        if more and ce > cs:
            cs = more.start("more")
    else:
        cs, ce = -1, -1
    if ce > cs >= 0:
        q.counted_start, q.counted_end, q.counted = cs, ce, text[cs:ce]
