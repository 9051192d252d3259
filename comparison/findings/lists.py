"""Lists producer: the same claim naming a longer or shorter list of actors or places.

"The EU sanctioned officials from Russia, Libya and South Sudan" against "...from Russia,
Libya, South Sudan, North Korea and Eritrea"; "WBA, IBF and WBO titles" against "IBF, WBO, WBA
& IBO titles": in two aligned sentences of one
claim, an enumeration of recognised names that shares names with the other's and leaves some
out is the vaguer (less complete) account: precision.

An enumeration is two or more recognised names joined only by list separators (、, 和, 及, 与,
以及, commas, "and", "&", "or"; a title between a separator and a name is allowed: 和总理李克强).
The separators are a general lexicon of how lists are written, not words of any story.
"""

from __future__ import annotations

import re

from comparison.claims import one_claim_event
from comparison.docs import Doc, span
from comparison.extract import _strip_title, entity_key
from comparison.findings import Context
from comparison.lexicons.attribution import TITLES_ZH
from comparison.model import Finding
from comparison.text import to_mainland, to_simplified

LIST_KINDS = ("PER", "LOC", "ORG", "NAME")
_SEPARATOR_ZH = re.compile(rf"\s*(?:、|，|,|和|及|与|以及|或|及其)\s*(?:{'|'.join(TITLES_ZH)})?\s*")
_SEPARATOR_EN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*)(?:the\s+)?")
# A list holds at least one of these separators; names joined by commas only are a scene and
# an actor (在北京，李克强) or a place and its country (Hamburg, Germany), not a list.
_LIST_WORD = re.compile(r"、|和|及|与|或|\band\b|\bor\b|&")
# A list names at least this many items (a lone name against a list, 习近平 vs 习近平和李克强,
# is not compared: a sentence names one actor for many reasons).
MIN_ITEMS = 2
# Bounded cost: names read per sentence.
MAX_NAMES = 40


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    docs = ctx.docs
    findings: list[Finding] = []
    for d1, k1, d2, k2 in ctx.aligned_pairs():
        if docs[d1].english != docs[d2].english or not one_claim_event(docs[d1], k1, docs[d2], k2):
            continue
        lists1, lists2 = enumerations(docs[d1], k1), enumerations(docs[d2], k2)
        for items1 in lists1:
            for items2 in lists2:
                finding = _compare(docs[d1], items1, docs[d2], items2)
                if finding is not None:
                    findings.append(finding)
    return findings


def enumerations(doc: Doc, k: int) -> list[list]:
    """Runs of recognised names of sentence ``k`` joined by list separators (each run a list of
    two or more entities)."""
    s = doc.sentences[k]
    names = sorted((e for e in doc.facts.entities if e.kind in LIST_KINDS and s.start <= e.start < s.end),
                   key=lambda e: e.start)[:MAX_NAMES]
    separator = _SEPARATOR_EN if doc.english else _SEPARATOR_ZH
    runs: list[list] = []
    run: list = []
    for e in names:
        if (run and e.start >= run[-1].end and (doc.english or e.kind == run[-1].kind)
                and separator.fullmatch(doc.simple[run[-1].end:e.start])):
            # Chinese names of one kind only (北京 and 李克强 are no list); the English recogniser's
            # kinds are too rough to split a list by (United States: PER, Britain: NAME).
            run.append(e)
            continue
        runs.append(run)
        run = [e]
    runs.append(run)
    return [r for r in runs if len(r) >= MIN_ITEMS and _LIST_WORD.search(doc.simple, r[0].end, r[-1].start)]


def _key(doc: Doc, e) -> str:
    text = e.text.lower().strip() if doc.english else to_mainland(_strip_title(entity_key(e.text)))
    return re.sub(r"^the\s+", "", text)


def _shown(doc: Doc, e) -> str:
    """An item of a Chinese list as its outlet writes it: the characters of its key (the name
    without a title before it) in the article's own script; the key when they are not found
    (an English key, a name whose spacing the key dropped)."""
    key = _key(doc, e)
    if doc.english:
        return key
    bare = _strip_title(entity_key(e.text))
    at = to_simplified(e.text).rfind(bare)
    return e.text[at:at + len(bare)] if bare and at >= 0 else key


def _one_name(x: str, y: str, written_x: str, written_y: str) -> bool:
    """Two keys of one name: initials ("US" / "United States", as written) or one key inside the
    other ("britain" / "great britain", 东京 / 東京都 read in Simplified)."""
    from comparison.findings.attribution import _initials_of

    return (_initials_of(written_x, written_y) or _initials_of(written_y, written_x)
            or (min(len(x), len(y)) >= 2 and (x in y or y in x)))


def _compare(doc1: Doc, items1: list, doc2: Doc, items2: list) -> Finding | None:
    keys1 = {_key(doc1, e) for e in items1}
    keys2 = {_key(doc2, e) for e in items2}
    written = {_key(doc, e): e.text for doc, items in ((doc1, items1), (doc2, items2)) for e in items}
    for x in sorted(keys1 - keys2):
        same = next((y for y in sorted(keys2 - keys1) if _one_name(x, y, written[x], written[y])), None)
        if same is not None:  # one name written two ways is the same item of the list
            keys2 = (keys2 - {same}) | {x}
    shared = keys1 & keys2
    if not shared or keys1 == keys2 or (keys1 - keys2 and keys2 - keys1 and len(shared) < MIN_ITEMS):
        return None  # no common list, the same list, or two lists that barely meet
    only1, only2 = sorted(keys1 - keys2), sorted(keys2 - keys1)
    # Each item as its outlet writes it (德國, not the key 德国 of a Traditional report).
    shown1 = {_key(doc1, e): _shown(doc1, e) for e in reversed(items1)}
    shown2 = {_key(doc2, e): _shown(doc2, e) for e in reversed(items2)}
    only1, only2 = [shown1.get(x, x) for x in only1], [shown2.get(x, x) for x in only2]
    spans = [span(doc1, items1[0].start, items1[-1].end), span(doc2, items2[0].start, items2[-1].end)]
    if not only2:
        why = f"{doc1.label} lists more ({', '.join(only1)}); {doc2.label} is vaguer"
    elif not only1:
        why = f"{doc2.label} lists more ({', '.join(only2)}); {doc1.label} is vaguer"
    else:
        why = f"lists differ: {', '.join(only1)} only in {doc1.label}; {', '.join(only2)} only in {doc2.label}"
    return Finding("precision", "entity", f"the same claim names other items: {why}", spans, ", ".join(sorted(shared)))
