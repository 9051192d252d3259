"""Spellings producer: one name spelled two ways in Latin script by two outlets (framing).

* **People** in English reports or in the Latin glosses of Chinese ones (Ilias vs Elias
  Vrettakos; Heydar Alishbandi vs Heidar Alishvandi; Antony vs Anthony Blinken): as many words,
  each a letter or two apart, the surname long enough not to be a common short name (other given
  names with one surname are two relatives, not one spelling).
* **Places and bodies** in English reports, one word a letter apart (in Bern vs in Berne), and
  a **surname alone** against a full name (rescue Raite vs Duncan Rait), in sentences the
  alignment pairs as one claim, keeping their first letter, where neither outlet writes the
  other's form anywhere (China in one report and Chin, a Myanmar state, in another are two places).

Accents alone are a spelling (Jovenel Moïse vs Jovenel Moise; Place Vendôme vs Place Vendome),
where neither outlet also writes the other's form: session 27 measured it on the development
stories, where annotators marked 6 of the 10 such findings. Not a spelling: hyphens, spaces or case alone (Díaz-Canel, Diaz Canel: house
style), a possessive (Norvex's Kestrel, Norvex Kestrel: grammar), British against
American endings (Recognised, Recognized), other countries a replaced letter apart (Iran, Iraq),
demonyms, plurals and country endings (Syria, Syrian; German, Germany); a one-word name only
where the article capitalizes it mid-sentence (Late, Fire, Seven open sentences), never a month
or weekday; no "person" with a compass or calendar word (South Korea, Late Monday). Cost is
bounded: at most :data:`MAX_NAMES_PER_DOC` names per article, and only names sharing a narrow
key (surname, given names, initials and length) are compared.
"""

from __future__ import annotations

import re
from collections import defaultdict

from comparison.docs import Doc, _possessive_stripped, span
from comparison.findings import Context
from comparison.findings.naming import _edit_distance
from comparison.model import Finding

# Bounded cost: each article gives at most this many distinct Latin names.
MAX_NAMES_PER_DOC = 300
# A one-letter difference is read as a spelling only in a word this long (a letter added or
# dropped: Bern / Berne) or, for another letter in its place, this long (Iran / Iraq and
# Mali / Bali are other countries).
SPELLING_MIN_LETTERS = 4
SPELLING_MIN_LETTERS_SUBSTITUTED = 6


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    def one_claim(d1: int, at1: int, d2: int, at2: int) -> bool:
        k1, k2 = ctx.docs[d1].sentence_at(at1), ctx.docs[d2].sentence_at(at2)
        return ctx.score(d1, k1, d2, k2) >= ctx.threshold

    return english_spellings(ctx.docs, one_claim)


def english_spellings(docs: list[Doc], one_claim=None) -> list[Finding]:
    """``one_claim(d1, offset1, d2, offset2)``: do the sentences at these offsets state one claim
    (an alignment score past the cut, at any of the two names' mentions)? A place or a surname alone a letter apart counts only there (China in one
    report and Chin, a Myanmar state, in another are two places); a person's full name anywhere."""
    names = [_latin_names(doc) for doc in docs]
    findings: list[Finding] = []
    reported: set[tuple[int, int, str]] = set()
    for (da, a), (db, b) in _candidate_pairs(docs, names):
        if a.words == b.words or not _spelled_otherwise(docs[da], a, docs[db], b):
            continue
        if not (a.person and b.person) and one_claim is not None and not any(
                one_claim(da, sa, db, sb) for sa in a.mentions for sb in b.mentions):
            continue
        key = (min(da, db), max(da, db), " ".join(sorted((a.words[-1].lower(), b.words[-1].lower()))))
        if key in reported:
            continue
        reported.add(key)
        shown_a, shown_b = (a.words, b.words) if len(a.words) == len(b.words) else (a.words[-1:], b.words[-1:])
        findings.append(Finding(
            "framing", "entity",
            f"{' '.join(shown_a)} ({docs[da].label}) spelled {' '.join(shown_b)} ({docs[db].label})",
            [span(docs[da], a.start, a.end), span(docs[db], b.start, b.end)], a.words[-1]))
    return findings


class _Name:
    __slots__ = ("words", "start", "end", "person", "mentions")

    def __init__(self, words: list[str], start: int, end: int, person: bool):
        self.words, self.start, self.end, self.person = words, start, end, person
        self.mentions = [start]  # where the article writes the name (capped): any may state the claim


# Bounded cost: the mentions of one name whose sentences are tried as one claim.
MAX_MENTIONS = 8


def _latin_names(doc: Doc) -> list[_Name]:
    """A document's Latin-script names: people's full names (English entities, or a Chinese
    report's Latin glosses: 布林肯（Anthony Blinken）) and, in English, places, bodies and a
    surname after a title (Mr Raisi). A name of one word counts only where the article also
    capitalizes it mid-sentence (every sentence opens with a capital: Late, Fire, Seven are no
    places), and never a month or a weekday."""
    from comparison.findings.renderings import _RENDERED_RE

    if doc.english:  # (two capitalized words read as a person: not South Korea, not Late Monday)
        people = [(e.text, e.start, e.end) for e in doc.facts.entities if e.kind == "PER"
                  and not _PLACE_OR_TIME_WORDS.intersection(w.lower() for w in e.text.split())]
    else:
        people = [(m.group("latin"), m.start("latin"), m.end("latin")) for m in _RENDERED_RE.finditer(doc.simple)]
    out: list[_Name] = []
    seen: set[str] = set()
    others: dict[str, _Name] = {}  # names other than full names of people, with all their mentions

    def mention(text: str, words: list[str], start: int, end: int) -> None:
        if text in others:
            if len(others[text].mentions) < MAX_MENTIONS:
                others[text].mentions.append(start)
            return
        others[text] = _Name(words, start, end, False)
        out.append(others[text])

    for text, start, end in people:
        text, start = _without_honorifics(text, start)  # Mr Fernández, Ms Fernández: one surname
        words = text.split()
        if len(words) == 1 and len(words[0]) >= SPELLING_MIN_LETTERS and doc.english and words[0].isalpha():
            mention(text, words, start, end)  # Mr Raisi: a surname alone
        elif len(words) >= 2 and len(words[-1]) >= 4 and text not in seen:
            seen.add(text)
            out.append(_Name(words, start, end, True))
    if doc.english:
        for e in doc.facts.entities:
            words = e.text.split()
            if e.kind == "PER" or e.text in seen or not all(w.isalpha() for w in words):
                continue
            if e.text not in others and len(words) == 1 and (
                    words[0].lower() in _CALENDAR_WORDS or not _named_mid_sentence(doc, words[0])):
                seen.add(e.text)
                continue
            mention(e.text, words, e.start, e.end)
    return out[:MAX_NAMES_PER_DOC]


def _without_honorifics(text: str, start: int) -> tuple[str, int]:
    """A name less its leading honorifics (Mr, Ms., Dr), and where the rest starts."""
    for word in re.finditer(r"\S+", text):
        if word.group().rstrip(".") not in _HONORIFICS:
            return text[word.start():], start + word.start()
    return "", start + len(text)


def _named_mid_sentence(doc: Doc, word: str) -> bool:
    """Does the article write ``word`` capitalized after another word of its sentence?"""
    text = doc.article.text
    for m in re.finditer(rf"\b{re.escape(word)}\b", text):
        before = text[:m.start()].rstrip(" \t")
        if before and before[-1] not in _SENTENCE_BREAKS:
            return True
    return False


def _calendar_words() -> frozenset[str]:
    from comparison.lexicons.timewords import MONTHS_EN, WEEKDAYS_EN

    return frozenset([*MONTHS_EN, *WEEKDAYS_EN])


_CALENDAR_WORDS = _calendar_words()


def _honorifics() -> frozenset[str]:
    from comparison.lexicons.reporting import HONORIFICS_EN

    return frozenset(HONORIFICS_EN)


_HONORIFICS = _honorifics()


def _place_or_time_words() -> frozenset[str]:
    from comparison.lexicons.places import DIRECTIONS_EN, PART_OF_PLACE_WORDS_EN

    return _CALENDAR_WORDS | frozenset([*DIRECTIONS_EN, *PART_OF_PLACE_WORDS_EN])


_PLACE_OR_TIME_WORDS = _place_or_time_words()
# What may come before a sentence's first word: its end, a quotation mark, a bracket, a dash.
_SENTENCE_BREAKS = frozenset(".!?\n\"“”'‘’(—–-:;")


def _candidate_pairs(docs: list[Doc], names: list[list[_Name]]):
    """Each pair of names of two outlets that could be one name spelled otherwise, once:
    - people with as many words that share their surname, their given names, or every
      initial (the three ways :func:`_spelled_alike` allows);
    - places and bodies one letter apart: they share a deletion key (the name, or the name less
      one letter: bern is berne less its e);
    - a one-word name against a full name's surname, sharing a deletion key.
    Keys are narrow and each bucket is read up to :data:`MAX_BUCKET` names, so the pairs tried
    grow with the near-matches, never with the square of a story's names."""
    people: dict[tuple, list[tuple[int, _Name]]] = defaultdict(list)
    places: dict[str, list[tuple[int, _Name]]] = defaultdict(list)
    surnames: dict[str, list[tuple[int, _Name]]] = defaultdict(list)
    singles: list[tuple[int, _Name]] = []
    for d, found in enumerate(names):
        for name in found:
            lower = [w.lower() for w in name.words]
            if name.person:
                n = len(lower)
                for key in (("surname", n, lower[-1]), ("given", n, tuple(lower[:-1])),
                            ("initials", n, tuple(w[0] for w in lower))):
                    people[key].append((d, name))
                for key in _deletion_keys(lower[-1]):
                    surnames[key].append((d, name))
            else:
                for key in _deletion_keys(" ".join(lower)):
                    places[key].append((d, name))
                if len(lower) == 1:
                    singles.append((d, name))
    pairs: set[tuple[int, int, int, int]] = set()  # a pair may share several keys: once

    def new(da: int, a: _Name, db: int, b: _Name) -> bool:
        if docs[da].group == docs[db].group or (da, a.start, db, b.start) in pairs:
            return False
        pairs.add((da, a.start, db, b.start))
        return True

    for members in [*people.values(), *places.values()]:
        members = members[:MAX_BUCKET]
        for x, (da, a) in enumerate(members):
            for db, b in members[x + 1:]:
                if new(da, a, db, b):
                    yield (da, a), (db, b)
    for da, a in singles:
        for key in _deletion_keys(a.words[0].lower()):
            for db, b in surnames.get(key, [])[:MAX_BUCKET]:
                if new(da, a, db, b):
                    yield (da, a), (db, b)


# Bounded cost: a key shared by more names than this is read for its first ones only.
MAX_BUCKET = 200


def _deletion_keys(text: str) -> set[str]:
    """The text and the text less each one of its letters: two texts one letter added, dropped or
    replaced apart share one of these (symmetric deletion)."""
    return {text, *(text[:i] + text[i + 1:] for i in range(len(text)))}


def _spelled_otherwise(doc_a: Doc, a: _Name, doc_b: Doc, b: _Name) -> bool:
    from comparison.findings.renderings import latin_key

    if [_possessive_stripped(w) for w in a.words] == [_possessive_stripped(w) for w in b.words]:
        return False  # a possessive is grammar, not a spelling (Norvex's Kestrel / Norvex Kestrel)
    if len(a.words) != len(b.words):
        alike = _surname_alone_spelled_otherwise(doc_a, a.words, doc_b, b.words)
    else:
        alike = (a.person and b.person and _spelled_alike(a.words, b.words)) or _one_name_word_apart(
            doc_a, a.words, doc_b, b.words)
    if not alike:
        return False
    if latin_key(" ".join(a.words)) == latin_key(" ".join(b.words)):
        # Only accents, hyphens or case differ. Accents alone are a spelling (Jovenel Moïse /
        # Moise, Place Vendôme / Place Vendome), where neither outlet also writes the other's
        # form; a hyphen or a capital is house style.
        if not _accents_alone_differ(" ".join(a.words), " ".join(b.words)):
            return False
        differ = [(x, y) for x, y in zip(a.words, b.words, strict=True) if x != y]  # (as many words)
        return not any(_writes_word(doc_a, y) or _writes_word(doc_b, x) for x, y in differ)
    # British and American spelling of the same words (Recognised / Recognized)
    return [_us_spelling(w) for w in a.words] != [_us_spelling(w) for w in b.words]


def _accents_alone_differ(a: str, b: str) -> bool:
    """The same letters, hyphens and spaces, but for their accents (Moïse / Moise)."""
    import unicodedata

    def unaccented(text: str) -> str:
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()

    return a.lower() != b.lower() and unaccented(a) == unaccented(b)


def _spelled_alike(a: list[str], b: list[str]) -> bool:
    """Same surname, given names at most two edits apart (two only keeping their first letter:
    not Chris / Boris Johnson); or every word at most one edit apart (a transliteration: Heydar
    Alishbandi / Heidar Alishvandi); or the same given names and a surname of four letters or
    more one edit apart (Duncan Raite / Duncan Rait). Never a plural, demonym or country ending
    (Latin America / Latin American, Golden Globe / Globes, Presidents / President Joe Biden)."""
    given = list(zip(a[:-1], b[:-1], strict=True))
    surname = (a[-1].lower(), b[-1].lower())
    if any(_ending_apart(x.lower(), y.lower(), "s") for x, y in given) or _ending_apart(*surname, "sniy"):
        return False
    if surname[0] == surname[1]:
        return all(_given_names_alike(x.lower(), y.lower()) for x, y in given)
    if [x.lower() for x, _ in given] == [y.lower() for _, y in given] and min(map(len, surname)) >= 4:
        return _edit_distance(*surname) <= 1
    return all(_edit_distance(x.lower(), y.lower()) <= 1 for x, y in zip(a, b, strict=True)) and len(a[-1]) >= 6


def _given_names_alike(x: str, y: str) -> bool:
    distance = _edit_distance(x, y)
    return distance <= 1 or (distance == 2 and x[:1] == y[:1])


def _ending_apart(a: str, b: str, endings: str) -> bool:
    """Is one word the other plus one of ``endings`` (Syria / Syrian, Globe / Globes)?"""
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] in endings


def _letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or (in long words, before their last two letters) replaced:
    Bern / Berne, Raite / Rait. Not a plural, possessive, demonym or country ending (Syria /
    Syrian, Iraqi / Iraqis, German / Germany, Americans / Americas)."""
    a, b = a.lower(), b.lower()
    if a == b or min(len(a), len(b)) < SPELLING_MIN_LETTERS or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False  # (a spelling keeps the first letter: Namal and Amal are two names)
    if _edit_distance(a, b) != 1:
        return False
    if len(a) == len(b):
        # A replaced letter in a long word, not in its ending (Americans / Americas, Arabic / Arabia).
        return len(a) >= SPELLING_MIN_LETTERS_SUBSTITUTED and a[-2:] == b[-2:]
    return not _ending_apart(a, b, "sniy")  # Syrian, Iraqis, Germany


def _writes_word(doc: Doc, word: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", doc.article.text, re.I) is not None


def _one_name_word_apart(doc_a: Doc, wa: list[str], doc_b: Doc, wb: list[str]) -> bool:
    """The same name but for one word a letter apart (in Bern vs in Berne), neither outlet
    writing the other's form anywhere: one place spelled two ways, not two places."""
    differ = [(x, y) for x, y in zip(wa, wb, strict=True) if x.lower() != y.lower()]
    if len(differ) != 1 or not _letter_apart(*differ[0]):
        return False
    x, y = differ[0]
    return not _writes_word(doc_a, y) and not _writes_word(doc_b, x)


def _surname_alone_spelled_otherwise(doc_a: Doc, wa: list[str], doc_b: Doc, wb: list[str]) -> bool:
    """A surname alone in one outlet a letter apart from the surname of a full name in the
    other ("rescue Raite" vs "Duncan Rait"), neither outlet writing the other's form."""
    if len(wa) > len(wb):
        doc_a, wa, doc_b, wb = doc_b, wb, doc_a, wa
    if len(wa) != 1 or len(wb) < 2 or not _letter_apart(wa[0], wb[-1]):
        return False
    if _writes_lowercase(doc_a, wa[0]) or _writes_lowercase(doc_b, wb[-1]):
        return False  # a common word its own article writes in lower case (Communist Party: party)
    return not _writes_word(doc_a, wb[-1]) and not _writes_word(doc_b, wa[0])


def _writes_lowercase(doc: Doc, word: str) -> bool:
    return re.search(rf"\b{re.escape(word.lower())}\b", doc.article.text) is not None


# British spellings and their American forms, at the end of a word: -ise/-isation (recognise,
# organisation), -our (harbour), -tre (centre). A spelling convention, not another name.
_BRITISH_ENDINGS = ((re.compile(r"(?<=[a-z]{2})is(?=(?:e|ed|es|ing|ation|ations)$)"), "iz"),
                    (re.compile(r"(?<=[a-z]{2})our(?=s?$)"), "or"), (re.compile(r"(?<=[a-z]{2})tre(?=s?$)"), "ter"))


def _us_spelling(word: str) -> str:
    word = word.lower()
    for pattern, american in _BRITISH_ENDINGS:
        word = pattern.sub(american, word)
    return word
