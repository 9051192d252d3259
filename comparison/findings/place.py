"""Place producer: where the same claim happens, at each outlet's level of detail.

In aligned sentences about the same event: compass directions compared as
bearings (west vs north-west: 45 degrees apart, one is vaguer -> precision;
north vs south -> contradiction); an unnamed place ("a north-western city")
against a named one of the same kind (the provincial capital) is a precision
difference.
"""

from __future__ import annotations

import re

from comparison.docs import Doc, place_keys, span
from comparison.findings import Context
from comparison.lexicons.places import (
    DETERMINED_GENERIC_PLACES_ZH,
    GENERIC_PLACES_EN,
    GENERIC_PLACES_ZH,
    LEVELS,
    UNIQUE_GENERIC_PLACES,
)
from comparison.model import Finding
from comparison.text import longest_first, to_simplified

_GENERIC_ANY = re.compile(longest_first(GENERIC_PLACES_ZH))


def _sentence_places(doc: Doc, k: int) -> list:
    s = doc.sentences[k]
    return [p for p in doc.facts.places if s.start <= p.start < s.end]


def _events(doc: Doc, k: int) -> set[str]:
    return {c.event for c in doc.claims if c.sentence == k and c.event}


def _angle(a: int, b: int) -> int:
    diff = abs(a - b) % 360
    return min(diff, 360 - diff)


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    docs = ctx.docs
    findings: list[Finding] = _named_levels(docs)
    placed = {(d, doc.sentence_at(p.start)) for d, doc in enumerate(docs) for p in doc.facts.places}
    for d1, k1, d2, k2, best in ctx.slot_pairs(lambda d, k: (d, k) in placed):
        e1, e2 = _events(docs[d1], k1), _events(docs[d2], k2)
        if e1 and e2 and not (e1 & e2):
            continue  # different events in these sentences
        p1, p2 = _sentence_places(docs[d1], k1), _sentence_places(docs[d2], k2)
        found = _directions(docs, d1, d2, p1, p2) + _levels(docs, d1, d2, p1, p2)
        findings += [f for f in found if best or f.kind in ("agree", "precision")]
    return findings


_LEVEL_OF_EN = re.compile(r"\b(?P<noun>" + longest_first(GENERIC_PLACES_EN)
                          + r") of (?P<name>[A-Z][a-z]+(?:[-'][A-Za-z]+)*(?: [A-Z][a-z]+)?)")


def _named_levels(docs: list[Doc]) -> list[Finding]:
    """One named place called by another kind of place ("the town of Zarand" vs "the city of
    Zarand"): framing. English "<kind> of <Name>" only; every outlet's first such naming."""
    named: dict[str, dict[int, tuple[str, int, int]]] = {}
    for d, doc in enumerate(docs):
        if not doc.english:
            continue
        for m in _LEVEL_OF_EN.finditer(doc.article.text):
            named.setdefault(m.group("name"), {}).setdefault(d, (m.group("noun").lower(), m.start(), m.end()))
    findings: list[Finding] = []
    for name, per_doc in named.items():
        items = sorted(per_doc.items())
        for x, (da, (na, sa, ea)) in enumerate(items):
            for db, (nb, sb, eb) in items[x + 1:]:
                if na == nb or docs[da].group == docs[db].group:
                    continue
                findings.append(Finding(
                    "framing", "place", f"{name} called a {na} ({docs[da].label}) vs a {nb} ({docs[db].label})",
                    [span(docs[da], sa, ea), span(docs[db], sb, eb)], name))
    return findings


def _directions(docs, d1, d2, p1, p2) -> list[Finding]:
    dir1 = [p for p in p1 if p.direction is not None]
    dir2 = [p for p in p2 if p.direction is not None]
    if len(dir1) != 1 or len(dir2) != 1:
        return []  # several directions in a sentence: which goes with which is unclear
    a, b = dir1[0], dir2[0]
    if a.relative != b.relative:
        return []  # "south of Piura" and "northern Peru": a bearing from one place, a part of another
    spans = [span(docs[d1], a.start, a.end), span(docs[d2], b.start, b.end)]
    angle = _angle(a.direction, b.direction)
    said = f"{docs[d1].label}: {a.text}; {docs[d2].label}: {b.text}"
    if angle == 0:
        return [Finding("agree", "place", f"same direction: {said}", spans, a.text)]
    if angle <= 45:
        return [Finding("precision", "place", f"directions {angle}° apart, one is vaguer: {said}", spans, a.text)]
    return [Finding("contradiction", "place", f"directions {angle}° apart: {said}", spans, a.text)]


def _levels(docs, d1, d2, p1, p2) -> list[Finding]:
    out = []
    for generic_side, named_side, gd, nd in ((p1, p2, d1, d2), (p2, p1, d2, d1)):
        for g in generic_side:
            if not g.generic or g.level not in LEVELS or _names_itself(docs[gd], g, generic_side):
                continue
            if any(p.generic and to_simplified(p.text).lower() == to_simplified(g.text).lower() for p in named_side):
                continue  # both say "the capital": no one is vaguer
            # "The city" leaves unnamed a city, not the prefecture or district around or
            # inside it (a place of another kind is another place); 大城市 is no name.
            named = [p for p in named_side if not p.generic and p.direction is None and p.level == g.level
                     and not _GENERIC_ANY.search(to_simplified(p.text))]
            if named:
                n = named[0]
                out.append(Finding(
                    "precision", "place",
                    f"{docs[gd].label} says only \u201c{g.text}\u201d where {docs[nd].label} names {n.text} ({n.level})",
                    [span(docs[gd], g.start, g.end), span(docs[nd], n.start, n.end)], n.text))
                break
            # "a north-western city": an unnamed place with a bearing, against the one place
            # the other outlet names there.
            bearing = [p for p in generic_side if p.direction is not None and 0 <= g.start - p.end <= 2]
            name = _sole_named_place(docs[nd], named_side, docs[gd], generic_side) if bearing else None
            unique = _unique_generic(named_side, g) if bearing and name is None else None
            if unique is not None:
                # "a north-western city" vs "the provincial capital": one city, said vaguer.
                unnamed = span(docs[gd], bearing[0].start, g.end)
                out.append(Finding(
                    "precision", "place",
                    f"{docs[gd].label} says only \u201c{unnamed.text}\u201d where {docs[nd].label} says "
                    f"\u201c{unique.text}\u201d", [unnamed, span(docs[nd], unique.start, unique.end)], unique.text))
                break
            if name is not None:
                start, end = name
                text = docs[nd].article.text[start:end]
                unnamed = span(docs[gd], bearing[0].start, g.end)
                out.append(Finding(
                    "precision", "place",
                    f"{docs[gd].label} says only \u201c{unnamed.text}\u201d where {docs[nd].label} names {text}",
                    [unnamed, span(docs[nd], start, end)], text))
                break
    return out[:1]


def _unique_generic(places: list, vague):
    """The other sentence's generic place of the same level that picks out one place by its
    meaning (the provincial capital, 首府: :data:`UNIQUE_GENERIC_PLACES`), when ``vague`` is not
    one itself."""
    if to_simplified(vague.text).lower() in UNIQUE_GENERIC_PLACES:
        return None
    return next((p for p in places if p.generic and p.level == vague.level and p.direction is None
                 and to_simplified(p.text).lower() in UNIQUE_GENERIC_PLACES), None)


# "the northern city of Thessaloniki", 海滨城市热海, 首府果玛: a generic noun right before a
# name (at most this many characters apart) is the name's apposition, not an unnamed place.
APPOSITION_GAP = 4
_OF_NAME_EN = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_GLOSSED_NAME_ZH = re.compile(r"[\u4e00-\u9fff·・]{1,8}[（(]\s*[A-Z]")


def _names_itself(doc: Doc, generic, places: list) -> bool:
    """The generic noun is followed by the place's name, or (地区) is no place without a
    measure word before it."""
    if any(not p.generic and p.direction is None and 0 <= p.start - generic.end <= APPOSITION_GAP
           for p in places):
        return True
    # A name the tagger did not call a place (果玛, Thessaloniki) in the same apposition.
    # In English only a name right after the noun ("the city, Goma"), not "city on Wednesday".
    gap = 2 if doc.english else APPOSITION_GAP
    if any(0 <= e.start - generic.end <= gap for e in doc.facts.entities):
        return True
    if doc.english and _OF_NAME_EN.match(doc.article.text, generic.end):
        return True
    if not doc.english and _GLOSSED_NAME_ZH.match(doc.article.text, generic.end):
        return True  # 首府果玛（Goma）: a name glossed in Latin letters
    determiners = DETERMINED_GENERIC_PLACES_ZH.get(to_simplified(generic.text))
    if determiners is None or doc.english:
        return False
    before = to_simplified(doc.article.text[max(0, generic.start - 2):generic.start])
    return not (before.endswith(determiners) or before[-1:].isdigit())


def _sole_named_place(named_doc: Doc, named_places: list, generic_doc: Doc, generic_places: list
                      ) -> tuple[int, int] | None:
    """The one named place (a place-name entity) of the named side's sentence that the
    generic side's sentence does not name: the place its "a northern city" leaves unnamed."""
    if not named_places:
        return None
    k = named_doc.sentence_at(named_places[0].start)
    g = generic_doc.sentence_at(generic_places[0].start) if generic_places else -1
    if k < 0 or g < 0:
        return None
    s, gs = named_doc.sentences[k], generic_doc.sentences[g]
    generic_keys = {key for start, _end, key in place_keys(generic_doc) if gs.start <= start < gs.end}
    names = [(start, end, key) for start, end, key in place_keys(named_doc)
             if s.start <= start < s.end and key not in generic_keys]
    if len(names) != 1:
        return None
    return names[0][0], names[0][1]
