"""English fact extractors: dates (with part of day), names, quotes with speakers, cited sources.

Same dataclasses and the same exact-span contract as :mod:`comparison.extract`,
so an English article is compared like a Chinese one.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from comparison.lexicons.attribution import (
    AGENCIES,
    ANONYMOUS_EN,
    ANONYMOUS_SOURCE,
    ORGANISATION_HEADS_EN,
    ORGANISATION_NAME_ENDINGS_EN,
    ORGANISATION_NAME_OPENINGS_EN,
    ORGANIZATION_HEADS_EN,
    SURNAME_HEADS_EN,
    TITLE_HEADS_EN,
)
from comparison.lexicons.grammar import (
    CONNECTIVE_ADVERBS_EN,
    FUNCTION_WORDS_EN,
    NAME_OPENING_ADVERBS_EN,
    SENTENCE_ADVERBS_EN,
)
from comparison.lexicons.reporting import CLAUSE_LEAD_WORDS_EN, SPEECH_VERBS_EN
from comparison.lexicons.timewords import (
    FUTURE_BEFORE_WEEKDAY_EN,
    MONTH_PARTS_EN,
    MONTHS_EN,
    RELATIVE_DAYS_EN,
    RESCHEDULING_WORDS_EN,
    WEEKDAYS_EN,
)
from comparison.text import TakenSpans, longest_first
from geo.places import compound_noun_after, name_key

_MONTH_RE = longest_first(MONTHS_EN)
_WEEKDAY_RE = "|".join(WEEKDAYS_EN)
_DATE_MDY = re.compile(rf"\b(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?",
                       re.I)
_DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RE})\b(?:,?\s+(?P<year>(?:19|20)\d\d))?",
                       re.I)
_FULL_MONTHS = longest_first(m.capitalize() for m in MONTHS_EN if len(m) > 3 or m == "may")
# A month named without a day ("in June", "last September", "early May 2020"). Capitalized
# only (the verbs "may" and "march"); "May" alone needs a word before it or a year after it.
# "Last June" opening a sentence is "last June" (capitalized as a sentence's first word).
_MONTH_ONLY = re.compile(
    rf"\b(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his)\s+|(?P<part>{longest_first(MONTH_PARTS_EN)})\s*)?"
    rf"(?P<month>{_FULL_MONTHS})\b"
    r"(?!\s*\d{1,2}\b)(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
_WEEKDAY = re.compile(rf"\b(?P<which>last|next|this)?\s*(?P<wd>{_WEEKDAY_RE})\b", re.I)
_RELATIVE = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in sorted(RELATIVE_DAYS_EN, key=len, reverse=True))
                       + r"|\b(?P<n>\d{1,2}|two|three|four|five|six|seven)\s+days\s+ago\b", re.I)
_SMALL_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def extract_dates_en(text: str, reference: date) -> list:
    """Absolute (July 5, 5 July 2021), weekday (on Sunday: the most recent such day on
    or before publication) and relative (yesterday, two days ago) dates. Each kind of
    expression has its reader, run in this order; a later reader skips text an earlier one took."""
    from comparison.extract import mark_since

    found: list = []
    taken = TakenSpans()

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

    for reader in (_day_range_dates_en, _full_dates_en, _month_dates_en, _weekday_dates_en, _relative_dates_en,
                   _week_dates_en, _this_month_dates_en):
        for mention in reader(text, reference, free):
            found.append(mention)
            taken.append((mention.start, mention.end))
    found.sort(key=lambda d: d.start)
    found = _date_ranges_joined(text, found)
    mark_since(text, found, english=True)
    return found


# A span of days as English writes it: a range word (a hyphen or dash, to, until, through), after
# "from" or none, or "and" after "between" ("10-15 August", "August 10-15", "from 10 to 15 August",
# "between 10 and 15 August", "July 30 to August 2").
_RANGE_JOINT_EN = r"\s*(?:[-–—]|to|until|till|through|and)\s*"
_RANGE_LEAD_EN = r"(?:(?P<lead>[Bb]etween|[Ff]rom)\s+)?"
_ORDINAL_EN = r"(?:st|nd|rd|th)?"
_DAY_RANGE_DMY = re.compile(
    rf"\b{_RANGE_LEAD_EN}(?P<d1>\d{{1,2}}){_ORDINAL_EN}(?P<joint>{_RANGE_JOINT_EN})(?P<d2>\d{{1,2}}){_ORDINAL_EN}\s+"
    rf"(?P<month>{_MONTH_RE})\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", re.I)
_DAY_RANGE_MDY = re.compile(
    rf"\b{_RANGE_LEAD_EN}(?P<month>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL_EN}(?P<joint>{_RANGE_JOINT_EN})"
    rf"(?P<d2>\d{{1,2}}){_ORDINAL_EN}\b(?!\s*(?:%|per\s?cent|[-–.,:/]?\d))(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", re.I)


# A rescheduling word and at most two words before a "from" ("The vote, postponed again from ..."),
# looked for at most 80 characters back, not across a sentence end or a semicolon.
_RESCHEDULED_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in RESCHEDULING_WORDS_EN) + r")(?:\s+\w+){0,2}\s+$", re.I)


def _rescheduled(text: str, lead_start: int) -> bool:
    """Does a rescheduling word come shortly before the "from" at ``lead_start`` ("postponed from
    10 to 24 August": the old day and the new one, no span of days)? A bounded look back."""
    window_start = max(0, lead_start - 80)
    cut = max(text.rfind(stop, window_start, lead_start) for stop in (".", ";", "\n"))
    return bool(_RESCHEDULED_RE.search(text, max(window_start, cut + 1), lead_start))


def _range_joint_fits(lead: str | None, joint: str) -> bool:
    """Does the word joining two days make a span: "and" only after "between", which takes no other?"""
    between = (lead or "").lower() == "between"
    return (joint.strip().lower() == "and") == between


def _day_range_dates_en(text: str, reference: date, free):
    """Two days of one month joined into a span of days ("10-15 August", "August 10-15, 2021",
    "between 10 and 15 August"): one mention from the first day to the last (``last``), the year
    unstated the one nearest the reference; the first day must come before the second."""
    from comparison.extract import DateMention, unstated_year

    for pattern in (_DAY_RANGE_DMY, _DAY_RANGE_MDY):
        for m in pattern.finditer(text):
            lead = (m.group("lead") or "").lower()
            listed = not lead and m.group("joint").strip().lower() == "and"  # "on 10 and 15 August"
            if not free(m.start(), m.end()) or not (listed or _range_joint_fits(m.group("lead"), m.group("joint"))):
                continue
            if m.group("month").lower() == "may" and not m.group("month")[0].isupper():
                continue  # the verb "may"
            month, first, last = MONTHS_EN[m.group("month").lower()], int(m.group("d1")), int(m.group("d2"))
            year = int(m.group("year")) if m.group("year") else unstated_year(reference, month, first)
            try:
                value, end_day = date(year, month, first), date(year, month, last)
            except ValueError:
                continue
            if listed or lead == "from" and _rescheduled(text, m.start()):
                # two days of one month, each its own: listed ("on 10 and 15 August": was 15 August
                # and a count 10) or the old day and the new one ("postponed from 10 to 24 August")
                yield from _two_days(text, m, pattern is _DAY_RANGE_DMY, value, end_day)
            elif value < end_day:
                yield DateMention(m.start(), m.end(), text[m.start():m.end()], value, "day", last=end_day)


def _two_days(text: str, m: re.Match, day_first: bool, value: date, second: date):
    """The two days of a span-shaped match that names two days: "10" and "15 August", or
    "August 10" and "15" (the month with the day it is written beside)."""
    from comparison.extract import DateMention

    start1 = m.start("d1") if day_first else m.start("month")
    end2 = m.end() if day_first else m.end("d2")
    yield DateMention(start1, m.end("d1"), text[start1:m.end("d1")], value, "day")
    yield DateMention(m.start("d2"), end2, text[m.start("d2"):end2], second, "day")


# What joins two whole days into a span ("July 30 to August 2", "from 30 July until 2 August",
# "between July 30 and August 2"): the text between the two mentions, and "from"/"between" before.
_JOINT_BETWEEN_DAYS_EN = re.compile(rf"{_RANGE_JOINT_EN}")
_LEAD_BEFORE_DAY_EN = re.compile(r"\b(?P<lead>[Bb]etween|[Ff]rom)\s+$")


def _date_ranges_joined(text: str, found: list) -> list:
    """Two written days (no relative word, no span of their own) joined by a range word, the first
    before the second: one span of days from the "from"/"between" before the first (if any) to the
    end of the second. ``found`` in text order; one pass."""
    from comparison.extract import DateMention

    out: list = []
    for d in found:
        prev = out[-1] if out else None
        if (prev is not None and _whole_day(prev) and _whole_day(d) and prev.value < d.value
                and _JOINT_BETWEEN_DAYS_EN.fullmatch(text, prev.end, d.start)):
            lead = _LEAD_BEFORE_DAY_EN.search(text, max(0, prev.start - 10), prev.start)
            if _range_joint_fits(lead.group("lead") if lead else None, text[prev.end:d.start]) and not (
                    lead and lead.group("lead").lower() == "from" and _rescheduled(text, lead.start())):
                start = lead.start() if lead else prev.start
                out[-1] = DateMention(start, d.end, text[start:d.end], prev.value, "day", last=d.value)
                continue
        out.append(d)
    return out


def _whole_day(d) -> bool:
    return d.precision == "day" and not d.relative and d.value is not None and d.last is None


def _full_dates_en(text: str, reference: date, free):
    """July 5, 5 July 2021: a day of a month (the year unstated: the one nearest the reference)."""
    from comparison.extract import DateMention, unstated_year

    for pattern in (_DATE_MDY, _DATE_DMY):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            month = MONTHS_EN[m.group("month").lower()]
            if m.group("month").lower() == "may" and not m.group("month")[0].isupper():
                continue  # the verb "may"
            day = int(m.group("day"))
            year = int(m.group("year")) if m.group("year") else unstated_year(reference, month, day)
            try:
                value = date(year, month, day)
            except ValueError:
                continue
            yield DateMention(m.start(), m.end(), text[m.start():m.end()], value, "day")


def _month_dates_en(text: str, reference: date, free):
    for m in _MONTH_ONLY.finditer(text):
        mention = _month_only(m, text, reference)
        if mention is not None and free(mention.start, mention.end):
            yield mention


def _weekday_dates_en(text: str, reference: date, free):
    """(last / next / this) Sunday: the most recent such day, or the coming one when announced."""
    from comparison.extract import DateMention

    for m in _WEEKDAY.finditer(text):
        if not free(m.start(), m.end()) or not m.group("wd")[0].isupper():
            continue
        target = WEEKDAYS_EN[m.group("wd").lower()]
        which = (m.group("which") or "").lower()
        monday = reference - timedelta(days=reference.weekday())
        if which == "last":
            value = monday - timedelta(days=7 - target)
        elif which == "next":
            value = monday + timedelta(days=7 + target)
        elif which == "this":
            value = monday + timedelta(days=target)
        elif _announced_ahead(text, m.start()):  # "will be held Thursday": the coming one
            value = reference + timedelta(days=(target - reference.weekday()) % 7)
        else:
            value = reference - timedelta(days=(reference.weekday() - target) % 7)
        start = m.start() if which else m.start("wd")
        yield DateMention(start, m.end(), text[start:m.end()], value, "day", True)


def _relative_dates_en(text: str, reference: date, free):
    """today, yesterday, two days ago."""
    from comparison.extract import DateMention

    for m in _RELATIVE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if m.group("n"):
            n = m.group("n").lower()
            value = reference - timedelta(days=int(n) if n.isdigit() else _SMALL_WORDS[n])
        else:
            value = reference + timedelta(days=RELATIVE_DAYS_EN[m.group(0).lower()])
        yield DateMention(m.start(), m.end(), text[m.start():m.end()], value, "day", True)


def _week_dates_en(text: str, reference: date, free):
    """last week, this week, the weekend, over the weekend: spans of days."""
    from comparison.extract import DateMention

    for m in _WEEK_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        which = (m.group("which") or "").lower()
        if m.group("span").lower() == "weekend":
            monday = reference - timedelta(days=reference.weekday())
            if which == "last":
                first = monday - timedelta(days=2)  # "last weekend" said on a Thursday: the one just past
            elif which == "this":
                first = monday + timedelta(days=5)  # this week's weekend, ahead on a weekday
            else:  # "the weekend", "over the weekend": the last one up to the publication day
                first = reference - timedelta(days=(reference.weekday() - 5) % 7)
            last = first + timedelta(days=1)
        else:
            first = reference - timedelta(days=reference.weekday()) - timedelta(days=7 if which == "last" else 0)
            last = first + timedelta(days=6)
        yield DateMention(m.start(), m.end(), text[m.start():m.end()], first, "week", True, last=last)


def _this_month_dates_en(text: str, reference: date, free):
    for m in _THIS_MONTH_RE.finditer(text):
        if free(m.start(), m.end()):
            yield _this_month(m, text, reference)


def _month_only(m: re.Match, text: str, reference: date):
    """A month without a day as a span of days: of the year written, else the nearest one
    (:func:`comparison.extract.unstated_year`; "last": the latest one before the publication
    month; "next": the first one after it)."""
    from comparison.extract import month_mention, unstated_year

    month = MONTHS_EN[m.group("month").lower()]
    which = (m.group("which") or "").lower()
    if month == 5 and not (which or m.group("part") or m.group("year")):
        before = text[max(0, m.start() - 6):m.start()].lower()
        if not before.rstrip().endswith(("in", "of", "since", "by", "until", "from")):
            return None  # "May" opening a sentence is as often the verb
    if m.group("year"):
        year = int(m.group("year"))
    elif which == "last":
        year = reference.year - (1 if month >= reference.month else 0)
    elif which == "next":
        year = reference.year + (1 if month <= reference.month else 0)
    else:
        year = unstated_year(reference, month)
    part = MONTH_PARTS_EN.get((m.group("part") or "").lower().strip())
    return month_mention(m.start(), m.end(), text[m.start():m.end()], year, month, part,
                         relative=not m.group("year"))


# Only a part of this or last month pins a claim ("late last month"); a bare "last month" or
# "earlier this month" is as often the time of an earlier happening the article recounts.
_THIS_MONTH_RE = re.compile(r"\b(?P<part>early|late|mid-?)\s+(?P<which>this|last)\s+month\b", re.I)


def _this_month(m: re.Match, text: str, reference: date):
    """A part of this or last month (early, late, mid-) as a span of days."""
    from comparison.extract import month_mention

    first = reference.replace(day=1)
    if m.group("which").lower() == "last":
        first = (first - timedelta(days=1)).replace(day=1)
    part = MONTH_PARTS_EN.get(m.group("part").lower())
    return month_mention(m.start(), m.end(), text[m.start():m.end()], first.year, first.month, part, relative=True)


def _announced_ahead(text: str, start: int) -> bool:
    """Does a future word ("will", "to be", "scheduled") come shortly before ``start``, in the
    same clause?"""
    before = re.split(r"[.;!?,]", text[max(0, start - 40):start])[-1].lower()
    return any(re.search(rf"\b{re.escape(w)}\b", before) for w in FUTURE_BEFORE_WEEKDAY_EN)


_WEEK_RE = re.compile(r"\b(?:(?P<which>last|this|the|over the|at the)\s+)(?P<span>weekend|week)\b", re.I)


# --------------------------------------------------------------- names ----
# Latin letters with their accented forms (Vendôme, Díaz, Erdoğan, Łódź, Nguyễn): a name is not
# cut at its first accent. Built from Unicode's own case data over Latin-1, Latin Extended-A/B and
# Latin Extended Additional (Vietnamese).
_LATIN_RANGES = (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
_UPPER = "A-Z" + "".join(c for c in map(chr, _LATIN_RANGES) if c.isupper())
_LOWER = "a-z" + "".join(c for c in map(chr, _LATIN_RANGES) if c.islower())
# A capitalized word, also with a capital after a short prefix (McTavish, MacLeod, DiNardo,
# LeBlanc): one name, not "Mc" and "Tavish".
_CAPITALIZED = rf"[{_UPPER}](?:[{_LOWER}]{{1,2}}[{_UPPER}])?[{_LOWER}]+"
# A capital and an apostrophe before it are a part of the name (O'Neill, D'Angelo, N'Diaye), not a
# word of its own: the name is not cut at the apostrophe.
_WORD = rf"(?:[{_UPPER}]['’])?{_CAPITALIZED}(?:[-'][{_UPPER}]?[{_LOWER}]+)*"
_PERSON_WORD_RE = re.compile(rf"(?:[{_UPPER}]['’])?{_CAPITALIZED}(?:['’][{_UPPER}][{_LOWER}]+)?")
# Initials written with stops (U.S., U.K., U.N.) are one name of their own, not an initial "U."
# going on from the word before ("The U.S." is no name "U.").
_NAME_RE = re.compile(rf"\b(?:[A-Z]\.){{2,}}|\b(?:{_WORD}|[A-Z]{{2,}})(?:\s+(?:{_WORD}|[A-Z]\.(?![A-Z]\.)|[A-Z]{{2,}}))*")
# What a sentence's (or a quotation's) first word follows: the text's start, a line break, a
# sentence end and its closing quote or bracket, or an opening quotation mark.
_SENTENCE_START = re.compile(r"(?:^|\n|[.!?:;][\"”’')\]]?\s+|[\"“‘]\s*)$")
# Capitalized words that are function words wherever they stand, never names on their own.
_NOT_NAMES = frozenset("The A An In On At But And Or If As It He She They We I This That These Those There "
                       "His Her Their Its After Before When While Some About More Most Many Police".split())


def _opens_sentence(text: str, start: int) -> bool:
    return _SENTENCE_START.search(text, max(0, start - 4), start) is not None


def capitalized_run(text: str, start: int = 0) -> list[str]:
    """The words of the capitalized run at ``start`` of ``text`` (none when no capital opens there)."""
    m = _NAME_RE.match(text, start)
    return m.group(0).split() if m else []


_LEAD_ADVERBS = ((SENTENCE_ADVERBS_EN | frozenset(CLAUSE_LEAD_WORDS_EN)) & NAME_OPENING_ADVERBS_EN
                 - CONNECTIVE_ADVERBS_EN)


def adverb_opens_name(words: list[str]) -> bool:
    """Is the adverb opening this capitalized run (Later, Next, Finally, Still) the first word
    of a body's name rather than a word opening its clause? So when the run, adverb and all, is
    shaped like a body's name (:func:`organisation_shaped_en`: Later Life Trust, Next Generation
    Fund, Finally Home Foundation, Still Waters Inc), the words between the adverb and the body's
    last word name no place the gazetteer knows ("Later London Council said": London Council) and
    the run is no club named after its town (Later Elmford City won: Elmford City). An adverb
    before a comma, a lower-case word or a determiner ("Later, the police", "Next the army") never
    opens a name: those never reach here as one capitalized run; nor does an adverb that only links
    clauses (lexicons.grammar.CONNECTIVE_ADVERBS_EN: "Then Life Trust said", "Meanwhile Life Trust
    said"), nor one that never stands before a noun as its adjective (lexicons.grammar.
    NAME_OPENING_ADVERBS_EN: "Only Toyota Motor Corp", "Now Delta Air Lines", "Yesterday Acme
    Holdings" name the body after it), nor one before a weekday or a month ("Later Tuesday Acme
    Corp"). Ambiguous where the body's first word is a place the gazetteer does not know: "Later
    Elmford Council said" reads as one name."""
    if len(words) < 3 or words[0].lower() not in _LEAD_ADVERBS or not organisation_shaped_en(" ".join(words)) \
            or words[-1] in _PLACE_LEVEL_WORDS or words[1].lower() in WEEKDAYS_EN or words[1].lower() in MONTHS_EN:
        return False  # (a club named after its town: "Later Elmford City won"; a time: "Later Tuesday Acme Corp")
    return not _place_name(words[1:-1])


def _name_words(m: re.Match, opening: bool, inside: set[str]) -> list[str]:
    """The words of a capitalized run that name something: without leading function words (a run
    opening a sentence also without those of :data:`FUNCTION_WORDS_EN`: "According", "Both",
    "Three", "AS COVID-19"); a lone word opening a sentence ("Frustrated", "Turnout") only when
    the text also capitalizes it inside a sentence (``inside``): Yangon, not Exporters."""
    words = m.group(0).split()
    while words and (words[0] in _NOT_NAMES or opening and words[0].lower() in FUNCTION_WORDS_EN
                     and not adverb_opens_name(words)):
        words = words[1:]
    if opening and len(words) == 1 == len(m.group(0).split()) and words[0] not in inside:
        return []
    return words


# The last words of a body's name (Manchester United, Delta Air Lines, Acme Holdings, the National
# Union) and the first words of a club's (Real Madrid, Inter Milan): lexicons.attribution.
_BODY_LAST_WORDS = (ORGANISATION_NAME_ENDINGS_EN | (ORGANISATION_HEADS_EN - SURNAME_HEADS_EN)
                    | {w.capitalize() for w in ORGANIZATION_HEADS_EN if " " not in w and "-" not in w})


# Last words of a club's name that are also a place's level (Leicester City, Derby County, Ipswich Town).
_PLACE_LEVEL_WORDS = frozenset({"City", "Town", "County"})


def organisation_shaped_en(name: str) -> bool:
    """Is a capitalized name shaped like a body's, never a person's: its last word a word that
    ends the names of clubs, companies and bodies (City, United, Airlines, Holdings, Union, Bank)
    or its first one that opens a club's (Real, Inter, Dynamo)? Such a name is no person however
    its words look ("Real Madrid said", "Manchester United said"). Not a place (:func:`_place_name`:
    Mexico City, Cape Town, West Bank)."""
    words = name.split()
    # (an opening word only before a capitalized one: "Real estate agents", "Club members",
    # "Racing fans" are no club; a voice is any phrase, not only a capitalized run)
    return (len(words) >= 2 and (words[-1] in _BODY_LAST_WORDS
                                 or words[0] in ORGANISATION_NAME_OPENINGS_EN and words[1][:1].isupper())
            and not _place_name(words))


_COMPASS_WORDS = frozenset({"North", "South", "East", "West"})


def _feature_name(words: list[str]) -> bool:
    """Do these words name a natural or built feature, never a person: a feature word no surname
    ending them (Suez Canal, Sassine Square, Turkey Point Road) or one opening them (Cape Horn,
    Mount Kenya: geo.places.FEATURE_*)?"""
    from geo.places import FEATURE_OPENING_WORDS_EN, FEATURE_SURNAMES_EN, FEATURE_WORDS_EN

    return (words[-1] in FEATURE_WORDS_EN and words[-1] not in FEATURE_SURNAMES_EN
            or words[0] in FEATURE_OPENING_WORDS_EN)


def _place_name(words: list[str]) -> bool:
    """Do these words name a place: one of the gazetteer (Mexico City, the United States) or a
    compass word and one other (West Bank, South Bank)?"""
    from geo.places import ids_of_name

    return len(words) == 2 and words[0] in _COMPASS_WORDS or bool(ids_of_name(" ".join(words)))


def extract_entities_en(text: str) -> list:
    """Capitalized name sequences (people, places, organizations: kind "NAME"). A person ("PER"):
    two or more words shaped like a person's name. A name shaped like a body's
    (:func:`organisation_shaped_en`: Real Madrid, Acme Holdings) is a body ("ORG"), no person, and
    so are the first words of such a name the text writes elsewhere (Thomas Cook where it writes
    Thomas Cook Group)."""
    out = []
    runs = [(m, _opens_sentence(text, m.start())) for m in _NAME_RE.finditer(text)]
    # The capitalized words the text writes inside a sentence: names, whatever else they open.
    inside = {w for m, opening in runs for w in m.group(0).split()[1 if opening else 0:]}
    for m, opening in runs:
        words = _name_words(m, opening, inside)
        if opening and words == [m.group(0)] and compound_noun_after(name_key(words[0]), text[m.end():m.end() + 24]):
            continue  # "Guinea pigs were found": the compound noun, no country
        at = m.start()
        for part in _split_before_titles(words):
            entity = _name_entity(text, part, at)
            if entity is not None:
                out.append(entity)
                at = entity.end
    return _bodies_as_names(_bodies_joined(text, out), text)


# Courtesy titles written short that open a person's name and end the one before them ("In
# Myanmar Ms Suu Kyi", "In Riverton Mr Hale": a place, then a person; lexicons.reporting's
# abbreviations of address).
_INNER_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Prof", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof."})
_TITLE_HEADS = frozenset(TITLE_HEADS_EN)


def _split_before_titles(words: list[str]) -> list[list[str]]:
    """A run of capitalized words cut before each courtesy title inside it (not the first word), but
    not after an office's title ("Health Minister Dr Anna Lee", "Former President Mr Hale": one
    titled person, as before; lexicons.attribution.TITLE_HEADS_EN)."""
    parts: list[list[str]] = [[]]
    for i, word in enumerate(words):
        if i and word in _INNER_TITLES and parts[-1] and parts[-1][-1].lower() not in _TITLE_HEADS:
            parts.append([])
        parts[-1].append(word)
    return [p for p in parts if p]


def _name_entity(text: str, words: list[str], at: int):
    """The entity a run's words name (from ``at``), classified: a person, a body, a name."""
    from comparison.extract import Entity

    if not words:
        return None
    start = text.find(words[0], at)
    value = " ".join(words)
    end = start + len(value)
    if start < 0 or text[start:end] != value or len(value) < 2:
        return None
    kind = "PER" if len(words) >= 2 and all(_PERSON_WORD_RE.fullmatch(w) for w in words) else "NAME"
    if organisation_shaped_en(value):
        # (a club named after its town, Leicester City, Derby County, reads as a place as
        # often: no person, and no body either)
        kind = "NAME" if words[-1] in _PLACE_LEVEL_WORDS else "ORG"
    elif kind == "PER" and (words[-1] in _PLACE_LEVEL_WORDS and _place_name(words) or _feature_name(words)
                            or _place_name(words)):
        kind = "NAME"  # a town of the gazetteer (Cape Town, Carson City, Addis Ababa): no person
    return Entity(start, end, value, kind, value.lower())


# The most words of a body's name whose openings are read as its short forms.
_MAX_BODY_WORDS = 6


# A courtesy title before a surname ("Mr Walker", "Dr. Okoro"): the surname is a person's.
_TITLED_SURNAME_RE = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof)\.?\s+({_CAPITALIZED})\b")


def _bodies_as_names(entities: list, text: str = "") -> list:
    """A person-shaped name that opens a body's name the text writes elsewhere (Thomas Cook of
    Thomas Cook Group, Acme Smith of Acme Smith Holdings) is that body ("ORG"), no person; not a
    place (United States of United States Postal Service: :func:`_place_name`), nor a person the
    text calls by a courtesy title and surname ("Mr Walker": the founder of Frank Walker Group
    speaking as Frank Walker). Linear: each body gives its openings (at most
    :data:`_MAX_BODY_WORDS` words), one pass over the text for the titled surnames."""
    from comparison.extract import Entity

    openings: set[str] = set()
    for e in entities:
        words = e.text.split()
        if e.kind == "ORG" and len(words) <= _MAX_BODY_WORDS:
            openings.update(" ".join(words[:n]) for n in range(2, len(words)))
    if not openings:
        return entities
    titled = {m.group(1) for m in _TITLED_SURNAME_RE.finditer(text)}
    return [Entity(e.start, e.end, e.text, "ORG", e.key)
            if e.kind == "PER" and e.text in openings and e.text.split()[-1] not in titled
            and not _place_name(e.text.split()) else e
            for e in entities]


# One lower-case word a body's name goes on after (National League for Democracy).
_NAME_JOINER_RE = re.compile(r" (?:of|for|on) ")


def _bodies_joined(text: str, entities: list) -> list:
    """Two names joined by "of", "for" or "on", the first ending in a body's head noun
    (:data:`ORGANISATION_HEADS_EN`: League, Ministry, Council), as one name: the body's whole
    name, not "National League" and "Democracy"."""
    from comparison.extract import Entity

    out: list = []
    for entity in entities:
        last = out[-1] if out else None
        if (last is not None and last.text.split()[-1] in ORGANISATION_HEADS_EN
                and _NAME_JOINER_RE.fullmatch(text[last.end:entity.start])):
            value = text[last.start:entity.end]
            out[-1] = Entity(last.start, entity.end, value, "NAME", value.lower())
        else:
            out.append(entity)
    return out


# -------------------------------------------------------------- quotes ----
_VERBS = longest_first(re.escape(v) for v in SPEECH_VERBS_EN if v != "according to")
_QUOTE_EN_RE = re.compile(r"\"[^\"\n]{2,600}\"|“[^“”\n]{2,600}”")
# Words that never open a role before a name (on police chief John Smith: police chief John Smith).
_FUNCTION_WORDS = ("on|in|at|by|of|to|for|with|from|after|before|while|when|as|and|but|or|then|later|also|"
                   "said|says|told|added|that|this|which|who|where|now|today|yesterday|tonight|here|there|"
                   "last|next|ago|week|weeks|month|months|year|years|days|day|hours|near|speaking|residents|"
                   "people|witnesses|officials|sources")
# A speaker: a name (up to five capitalized words), a name after a lower-case role ("police
# official Steve Li", "security guard John Smith"), a noun phrase ("a police officer"), a pronoun.
# A noun phrase never runs through a relative word: "the election that confirmed…" is a clause;
# nor through a personal pronoun, the subject of its own clause ("condemn the violence he said": he).
_NOT_RELATIVE_WORD = r"(?!(?:that|which|who|whom|whose|he|she|they|it|we|i|you)\b)"
_SPEAKER = (r"(?P<speaker>(?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w.'-]*"
            rf"|(?<![\w-])(?:(?!(?:{_FUNCTION_WORDS})\b)[a-z][\w-]*\s+){{1,3}}(?:[A-Z][\w.'-]*\s+){{0,3}}[A-Z][\w.'-]*"
            rf"|(?<![\w-])(?:an?|the)\s+(?:{_NOT_RELATIVE_WORD}[\w-]+\s+){{0,5}}?{_NOT_RELATIVE_WORD}[\w-]+|(?<![\w-])(?:he|she|they))")
# Where a speaker after its verb ends: punctuation, the text's end, a function word, or a participle
# ("said a police spokesman.", "says a Western diplomat based in X", "said a senior official on
# Monday"): the noun phrase's shortest reading was taken ("a police", "a Western", "a senior").
_SPEAKER_END = rf"(?=\s*(?:[^\w\s]|$)|\s+(?:(?:{_FUNCTION_WORDS})\b|[a-z]+(?:ed|ing)\b))"
_AFTER_RE = (re.compile(rf"^[,.]?\s*(?:{_VERBS})\s+{_SPEAKER}{_SPEAKER_END}"),
             re.compile(rf"^[,.]?\s*(?:{_VERBS})\s+{_SPEAKER}"),
             re.compile(rf"^[,.]?\s*{_SPEAKER}\s+(?:{_VERBS})\b"))
# Named persons listed before the verb after a quotation ("...," Anna Berg and Tom Hale said): the
# last is the speaker read, the ones before it its conjuncts (slots._conjunct_persons).
_NAME = r"(?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w.'-]*"
_LIST_AFTER_RE = re.compile(rf"^[,.]?\s*(?:{_NAME}(?:\s*,\s*(?:and\s+)?|\s+and\s+)){{1,11}}"
                            rf"(?P<speaker>{_NAME})\s+(?:{_VERBS})\b")
_BEFORE_RE = re.compile(rf"{_SPEAKER}\s+(?:{_VERBS})(?:\s+[\w\s]{{0,30}}?)?[,:]?\s*$")


_ABBREVIATIONS_EN = frozenset({"jr", "sr", "mr", "mrs", "ms", "dr", "st", "inc", "co", "ltd", "corp", "gen", "gov",
                               "sen", "rep", "lt", "col", "sgt", "capt", "prof"})


def _sentence_stop(speaker: str) -> bool:
    """Does ``speaker`` end with the sentence's full stop rather than an abbreviation's (Jr., U.S.,
    J.)?"""
    if not speaker.endswith("."):
        return False
    last = speaker.split()[-1][:-1]
    return len(last) > 1 and "." not in last and last.lower() not in _ABBREVIATIONS_EN


def extract_quotes_en(text: str, entities: list | None = None) -> list:
    """Quotations with the speaker named after ("...," said X / X said) or before (X said: "...").
    A quotation running over several paragraphs (:func:`_paragraph_quotes_en`) is one, with one
    speaker."""
    from comparison.extract import Quote

    running = _paragraph_quotes_en(text)
    people = [(e.start, e.end) for e in entities or () if e.kind == "PER"]
    persons = ({b: e for b, e in people}, {e: b for b, e in people})  # (starts, ends) of named persons
    inside = TakenSpans()
    for span in running:
        inside.append(span)
    spans = sorted([(m.start(), m.end()) for m in _QUOTE_EN_RE.finditer(text) if not inside.overlaps(m.start(), m.end())]
                   + running)
    quotes = []
    for start, end in spans:
        speaker, s_start, s_end = "", -1, -1
        after = text[end:end + 80].split("\n")[0]
        am = next((m for m in (r.match(after) for r in _AFTER_RE) if m), None) or _LIST_AFTER_RE.match(after)
        if am:
            s_start, s_end = end + am.start("speaker"), end + am.end("speaker")
        else:
            line_start = text.rfind("\n", 0, start) + 1
            before = text[max(line_start, start - 120):start]
            bm = _BEFORE_RE.search(before)
            if bm:
                offset = start - len(before)
                s_start, s_end = offset + bm.start("speaker"), offset + bm.end("speaker")
        if s_start >= 0:
            if _sentence_stop(text[s_start:s_end]):
                s_end -= 1  # the sentence's full stop ("said Tom Lee."), not an initial (Jr., U.S.)
            speaker = text[s_start:s_end].strip()
            if speaker.lower() in ("he", "she", "they"):
                speaker = _resolve_pronoun_en(text, start, speaker.lower(), entities or [], quotes)
        if not speaker and end - start < 30:
            continue  # scare quotes
        listed = _listed_speakers(text, s_start, s_end, persons) if speaker else ()
        quotes.append(Quote(start, end, text[start:end], listed[0] if listed else speaker, s_start, s_end, listed))
    return quotes


def _listed_speakers(text: str, start: int, end: int, persons: tuple[dict[int, int], dict[int, int]]
                     ) -> tuple[str, ...]:
    """The named persons a quotation is credited to when its speaker (``text[start:end]``, a person
    the recogniser read) is one of a list ("...," said Anna Berg and Tom Hale; Anna Berg, Tom Hale
    and Mary Jones said: "..."), in the order written; () for one speaker. The list is read as a
    voice's is (slots._conjunct_persons before the speaker, slots._persons_listed_after after it):
    only a whole list of persons, so "said Anna Berg, Tom Hale's lawyer" is Anna Berg's alone."""
    from comparison.slots import _conjunct_persons, _persons_listed_after

    starts, ends = persons
    if ends.get(end) != start and not (text[end - 1:end] == "." and ends.get(end - 1) == start):
        return ()
    end = end if ends.get(end) == start else end - 1
    names = [a.text for a in _conjunct_persons(text, start, ends)]
    names.append(text[start:end])
    names += [a.text for a in _persons_listed_after(text, end, starts)]
    return tuple(names) if len(names) > 1 else ()


# The longest quotation read over several paragraphs (marks included).
MAX_RUNNING_QUOTE = 3000
_OPENING_MARKS = "\"“"
_CLOSING_MARKS = "\"”"
# Two apostrophes typed for a closing mark ("Girls,’’ roars the crowd").
_DOUBLED_CLOSES = ("’’", "''")


def _unclosed_opening(text: str, start: int, end: int) -> int | None:
    """Where a quotation opened in ``text[start:end]`` (a paragraph) and left open at its end
    starts, else None. A straight mark opens when none is open and closes when one is."""
    opened = None
    for i in range(start, end):
        c = text[i]
        if opened is None and c in _OPENING_MARKS:
            opened = i
        elif opened is not None and (c in _CLOSING_MARKS or text.startswith(_DOUBLED_CLOSES, i)):
            opened = None
    return opened


def _paragraph_quotes_en(text: str) -> list[tuple[int, int]]:
    """Quotations running over paragraphs, as English prints them: a paragraph leaves its
    quotation open (no closing mark), the next one opens with a quotation mark again, and a later
    closing mark ends it ("We lost homes.¶"We will rebuild," said the mayor.): one span from the
    first opening mark to that closing mark. A paragraph after an open one that does not open with
    a mark ends the reading (the mark was a stray one); at most :data:`MAX_RUNNING_QUOTE`."""
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, at + len(line)))
        at += len(line) + 1
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        opened = _unclosed_opening(text, *lines[i])
        j, end = i + 1, None
        while opened is not None and j < len(lines) and lines[j][0] - opened <= MAX_RUNNING_QUOTE:
            start, stop = lines[j]
            first = start + len(text[start:stop]) - len(text[start:stop].lstrip())
            if first >= stop or text[first] not in _OPENING_MARKS:
                break
            close = next((k for k in range(first + 1, stop) if text[k] in _CLOSING_MARKS), None)
            if close is not None:
                end = close + 1
                break
            j += 1
        if end is not None and end - opened <= MAX_RUNNING_QUOTE:
            spans.append((opened, end))
            i = j + 1
        else:
            # The paragraphs read on (i+1 .. j-1) open a mark and leave it open, as the first did:
            # a reading from one of them ends where this one did. Each paragraph is read once.
            i = max(i + 1, j) if opened is not None else i + 1
    return spans


_SENTENCE_BREAK_EN = re.compile(r"\n|(?<=[.!?])[\"”]?\s+(?=[A-Z\"“])")


def _sentence_before_en(text: str, start: int) -> tuple[int, int]:
    """Bounds of the sentence before the one holding ``start`` (a line, or up to a full stop)."""
    # The search runs one character past ``start``: a break's lookahead must see a quotation
    # opening there ("…kingdom. “Next time…”"), or the break right before it is missed.
    breaks = [m.end() for m in _SENTENCE_BREAK_EN.finditer(text, max(0, start - 1200), start + 1)
              if m.end() <= start]
    own = breaks[-1] if breaks else max(0, start - 1200)
    previous = breaks[-2] if len(breaks) >= 2 else max(0, own - 600)
    return previous, own


def _resolve_pronoun_en(text: str, quote_start: int, pronoun: str, entities: list, earlier: list) -> str:
    """As in Chinese (``extract._resolve_pronoun``): "he said" is the named speaker of a
    quotation in the sentence before, or that sentence's opening name ("Papandreou expressed
    shock ... . 'We are shocked,' he told parliament."); else ``unnamed (he)``, never a guess."""
    from comparison.extract import UNNAMED_SPEAKER
    from comparison.lexicons.attribution import OFFICIAL_ROLES_EN

    unnamed = UNNAMED_SPEAKER.format(pronoun)
    if pronoun == "they":
        return unnamed
    start, end = _sentence_before_en(text, quote_start)
    for q in reversed(earlier):
        # (a quotation reaching into that sentence: one running over paragraphs opens earlier)
        if q.end > start and q.start < quote_start and q.speaker and not q.speaker.startswith("unnamed"):
            return q.speaker
    opening = text[start:end].lstrip(' "“')
    offset = start + (len(text[start:end]) - len(opening))
    for e in entities:
        if e.start == offset and e.kind in ("PER", "NAME") and _opens_as_subject(text, e) \
                and not all(w.lower() in OFFICIAL_ROLES_EN for w in e.text.split()):
            return e.text
    return unnamed


# A person's name followed by an appositive ("Jane Doe, a 27-year-old activist, wants").
_APPOSITIVE_EN = re.compile(r",\s+(?:an?|the|another)\s")


def _opens_as_subject(text: str, entity) -> bool:
    """Is the name opening a sentence its subject: a lower-case verb follows it, or (a person's
    full name) an appositive does?"""
    after = text[entity.end:entity.end + 12]
    return bool(re.match(r"\s+[a-z]", after) or entity.kind == "PER" and _APPOSITIVE_EN.match(after))


# ------------------------------------------------------------- sources ----
_EN_AGENCIES = sorted((a for a in AGENCIES if a.isascii()), key=len, reverse=True)
_EN_AGENCY_RE = re.compile("|".join(rf"\b{re.escape(a)}\b" for a in _EN_AGENCIES))
_EN_CITE_RE = re.compile(r"(?:according to|citing|told|quoted by|reported by|said|reported|quoted)\s*$", re.I)
_EN_CITE_AFTER_RE = re.compile(r"^\s*(?:reported|reports|said|says|quoted|cited|news agency)", re.I)
_ANON_RE = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in sorted(ANONYMOUS_EN, key=len, reverse=True)), re.I)


def extract_sources_en(text: str) -> list:
    from comparison.extract import SourceCitation

    found = []
    for m in _EN_AGENCY_RE.finditer(text):
        before = text[max(0, m.start() - 25):m.start()]
        after = text[m.end():m.end() + 15]
        if _EN_CITE_RE.search(before.replace("the ", "").rstrip()) or _EN_CITE_AFTER_RE.match(after):
            found.append(SourceCitation(m.start(), m.end(), m.group(0), AGENCIES[m.group(0)]))
    for m in _ANON_RE.finditer(text):
        found.append(SourceCitation(m.start(), m.end(), m.group(0), ANONYMOUS_SOURCE))
    found.sort(key=lambda s: s.start)
    return found


def reference_day(published: datetime) -> date:
    from comparison.extract import local_publication_date

    return local_publication_date(published, 0)
