"""Broader places producer: one outlet's glossed place name inside another's (precision).

科希斯坦区（Kohistan） in one report and 上科希斯坦县（Upper Kohistan） in another name the same
area at two levels: the first is broader. Read from the Latin glosses outlets give place names
(``comparison.findings.renderings.read_glosses``): a gloss that begins or ends another outlet's
gloss, for Chinese names that are places (a place-level word ends them, or the recogniser reads
them as places). People are left out: "Biden" inside "Joe Biden" is no broader person.
"""

from __future__ import annotations

from comparison.docs import span, written
from comparison.findings import Context
from comparison.findings.renderings import read_glosses
from comparison.lexicons.places import (
    LEVEL_SUFFIX_ZH,
    PART_OF_PLACE_WORDS_EN,
    SUBNATIONAL_SUFFIXES_ZH,
)
from comparison.model import Finding
from comparison.text import to_simplified

# A gloss at least this many letters longer than the one it contains (Upper Kohistan vs
# Kohistan); a letter or two more is a spelling, not another place.
MIN_EXTRA_LETTERS = 3


def _part_of(broad: str, narrow: str) -> bool:
    """Is the spaceless gloss ``narrow`` the gloss ``broad`` with a part-of-place word before or
    after it (upperkohistan, kohistan)? Not Khyber inside Khyber Pakhtunkhwa, nor York in New York."""
    if len(narrow) - len(broad) < MIN_EXTRA_LETTERS:
        return False
    extra = narrow[: -len(broad)] if narrow.endswith(broad) else narrow[len(broad):] if narrow.startswith(broad) else ""
    return extra in PART_OF_PLACE_WORDS_EN


def _stem_inside(broad_zh: str, narrow_zh: str) -> bool:
    """Both are names below a country (a level word ends them) and the broader one's name,
    without its level word, is written inside the narrower one (科希斯坦 in 上科希斯坦县)."""
    level = next((x for x in sorted(SUBNATIONAL_SUFFIXES_ZH, key=len, reverse=True) if broad_zh.endswith(x)), "")
    if not level or not narrow_zh.endswith(SUBNATIONAL_SUFFIXES_ZH):
        return False
    stem = broad_zh[: -len(level)]
    if len(stem) < 2:
        return False
    if stem in narrow_zh:
        return True
    # Rendered otherwise (上柯赫斯坦地区 for 科希斯坦区): a name about as long, after or before a
    # part-of-place character.
    narrow_level = next(x for x in sorted(SUBNATIONAL_SUFFIXES_ZH, key=len, reverse=True) if narrow_zh.endswith(x))
    rest = narrow_zh[: -len(narrow_level)]
    if rest[:1] in PART_OF_PLACE_CHARS_ZH:
        rest = rest[1:]
    elif rest[-1:] in PART_OF_PLACE_CHARS_ZH:
        rest = rest[:-1]
    # (or the recogniser left the part-of-place character out: 柯赫斯坦地区 of 上柯赫斯坦地区)
    return abs(len(rest) - len(stem)) <= 1


# Characters of part-of-place words (上 upper, 南 south, 中 central, 大 greater...).
PART_OF_PLACE_CHARS_ZH = "上下南北东西中大内外"


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    docs = ctx.docs
    seen, shown = read_glosses(docs)
    located = [{to_simplified(e.text) for e in doc.facts.entities if e.kind == "LOC"} for doc in docs]

    def is_place(d: int, zh: str) -> bool:
        return zh.endswith(tuple(LEVEL_SUFFIX_ZH)) or zh in located[d]

    places = {b: {d: v for d, v in per_doc.items() if is_place(d, v[0])} for b, per_doc in seen.items()}
    findings: list[Finding] = []
    for broad, broad_docs in places.items():
        for narrow, narrow_docs in places.items():
            if not _part_of(broad, narrow):
                continue
            for d1, (z1, s1, e1) in sorted(broad_docs.items()):
                if d1 in narrow_docs:
                    continue  # the outlet names both: two places, not one said broadly
                for d2, (z2, s2, e2) in sorted(narrow_docs.items()):
                    if docs[d1].group == docs[d2].group or d2 in broad_docs or not _stem_inside(z1, z2):
                        continue
                    findings.append(Finding(
                        "precision", "entity",
                        f"{written(docs[d1], z1, s1)} ({shown.get(broad, broad)}, {docs[d1].label}) is broader than "
                        f"{written(docs[d2], z2, s2)} ({shown.get(narrow, narrow)}, {docs[d2].label})",
                        [span(docs[d1], s1, e1), span(docs[d2], s2, e2)], shown.get(narrow, narrow)))
    return findings
