"""Spellings producer: one name spelled two ways in Latin script by two outlets (framing).

* **People** in English reports or in the Latin glosses of Chinese ones (Ilias vs Elias
  Vrettakos; Heydar Alishbandi vs Heidar Alishvandi; Antony vs Anthony Blinken): as many words,
  each a letter or two apart, the surname long enough not to be a common short name (other given
  names with one surname are two relatives, not one spelling).
* **Places and bodies** in English reports, one word a letter apart (in Bern vs in Berne), and
  a **surname alone** against a full name (rescue Raite vs Duncan Rait), where neither outlet
  writes the other's form anywhere.

Not a spelling: accents and hyphens alone (Díaz-Canel, Diaz Canel: house style), British against
American endings (Recognised, Recognized), other countries a replaced letter apart (Iran, Iraq),
demonyms and plurals (Syria, Syrian). Cost is bounded: at most :data:`MAX_NAMES_PER_DOC` names
per article, and names are compared only within buckets of the same word count and initials.
"""

from __future__ import annotations

import re
from collections import defaultdict

from comparison.docs import Doc, span
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
    return english_spellings(ctx.docs)


def english_spellings(docs: list[Doc]) -> list[Finding]:
    names = [_latin_names(doc) for doc in docs]
    findings: list[Finding] = []
    reported: set[tuple[int, int, str]] = set()
    for (da, a), (db, b) in _candidate_pairs(docs, names):
        if a.words == b.words or not _spelled_otherwise(docs[da], a, docs[db], b):
            continue
        key = (min(da, db), max(da, db), a.words[-1].lower()[:3])
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
    __slots__ = ("words", "start", "end", "person")

    def __init__(self, words: list[str], start: int, end: int, person: bool):
        self.words, self.start, self.end, self.person = words, start, end, person


def _latin_names(doc: Doc) -> list[_Name]:
    """A document's Latin-script names: people's full names (English entities, or a Chinese
    report's Latin glosses: 布林肯（Anthony Blinken）) and, in English, places and bodies."""
    from comparison.findings.renderings import _RENDERED_RE

    if doc.english:
        people = [(e.text, e.start, e.end) for e in doc.facts.entities if e.kind == "PER"]
    else:
        people = [(m.group("latin"), m.start("latin"), m.end("latin")) for m in _RENDERED_RE.finditer(doc.simple)]
    out: list[_Name] = []
    seen: set[str] = set()
    for text, start, end in people:
        words = text.split()
        if len(words) >= 2 and len(words[-1]) >= 4 and text not in seen:
            seen.add(text)
            out.append(_Name(words, start, end, True))
    if doc.english:
        for e in doc.facts.entities:
            if e.kind != "PER" and e.text not in seen and all(w.isalpha() for w in e.text.split()):
                seen.add(e.text)
                out.append(_Name(e.text.split(), e.start, e.end, False))
    return out[:MAX_NAMES_PER_DOC]


def _candidate_pairs(docs: list[Doc], names: list[list[_Name]]):
    """Pairs of names of two outlets that could be one spelled otherwise: people with as many
    words and the surname's initial; places and bodies with as many words and the same initials
    (a letter apart keeps the first letter: Bern / Berne); a surname alone against a full
    name's last word with its initial.
    Bucketed, so the cost follows the matches, not the square of the names."""
    buckets: dict[tuple, list[tuple[int, _Name]]] = defaultdict(list)
    for d, found in enumerate(names):
        for name in found:
            if name.person:  # given names may differ more (Ilias / Elias): by the surname's initial
                buckets[("person", len(name.words), name.words[-1][0].lower())].append((d, name))
            else:
                buckets[("all", tuple(w[0].lower() for w in name.words))].append((d, name))
            if name.person or len(name.words) == 1:
                buckets[("surname", name.words[-1][0].lower())].append((d, name))
    seen: set[tuple[int, int, int, int]] = set()
    for (kind, *_key), members in buckets.items():
        for x, (da, a) in enumerate(members):
            for db, b in members[x + 1:]:
                if docs[da].group == docs[db].group or (kind == "surname" and len(a.words) == len(b.words)):
                    continue
                pair = (da, a.start, db, b.start)
                if pair not in seen:
                    seen.add(pair)
                    yield (da, a), (db, b)


def _spelled_otherwise(doc_a: Doc, a: _Name, doc_b: Doc, b: _Name) -> bool:
    from comparison.findings.renderings import latin_key

    if len(a.words) != len(b.words):
        alike = _surname_alone_spelled_otherwise(doc_a, a.words, doc_b, b.words)
    else:
        alike = (a.person and b.person and _spelled_alike(a.words, b.words)) or _one_name_word_apart(
            doc_a, a.words, doc_b, b.words)
    if not alike or latin_key(" ".join(a.words)) == latin_key(" ".join(b.words)):
        return False  # not alike, or only accents and hyphens differ (Díaz-Canel, Diaz Canel): house style
    # British and American spelling of the same words (Recognised / Recognized)
    return [_us_spelling(w) for w in a.words] != [_us_spelling(w) for w in b.words]


def _spelled_alike(a: list[str], b: list[str]) -> bool:
    """Same surname, given names at most two edits apart; or every word at most one edit
    apart (a transliteration: Heydar Alishbandi / Heidar Alishvandi); or the same given names
    and a surname of four letters or more one edit apart (Duncan Raite / Duncan Rait)."""
    if a[-1].lower() == b[-1].lower():
        return all(_edit_distance(x.lower(), y.lower()) <= 2 for x, y in zip(a[:-1], b[:-1], strict=True))
    if [w.lower() for w in a[:-1]] == [w.lower() for w in b[:-1]] and min(len(a[-1]), len(b[-1])) >= 4:
        return _edit_distance(a[-1].lower(), b[-1].lower()) <= 1
    return all(_edit_distance(x.lower(), y.lower()) <= 1 for x, y in zip(a, b, strict=True)) and len(a[-1]) >= 6


def _letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or (in long words) replaced: Bern / Berne, Raite / Rait. Not a
    plural, possessive or demonym ending (Syria / Syrian, Kenya / Kenyan, Iraqi / Iraqis)."""
    a, b = a.lower(), b.lower()
    if a == b or min(len(a), len(b)) < SPELLING_MIN_LETTERS or abs(len(a) - len(b)) > 1:
        return False
    if _edit_distance(a, b) != 1:
        return False
    if len(a) == len(b):
        return len(a) >= SPELLING_MIN_LETTERS_SUBSTITUTED
    short, long = sorted((a, b), key=len)
    return not (long.startswith(short) and long[-1] in "sni")


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
    return not _writes_word(doc_a, wb[-1]) and not _writes_word(doc_b, wa[0])


# British spellings and their American forms, at the end of a word: -ise/-isation (recognise,
# organisation), -our (harbour), -tre (centre). A spelling convention, not another name.
_BRITISH_ENDINGS = ((re.compile(r"(?<=[a-z]{2})is(?=(?:e|ed|es|ing|ation|ations)$)"), "iz"),
                    (re.compile(r"(?<=[a-z]{2})our(?=s?$)"), "or"), (re.compile(r"(?<=[a-z]{2})tre(?=s?$)"), "ter"))


def _us_spelling(word: str) -> str:
    word = word.lower()
    for pattern, american in _BRITISH_ENDINGS:
        word = pattern.sub(american, word)
    return word
