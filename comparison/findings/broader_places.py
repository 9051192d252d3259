"""Broader places producer: one outlet's glossed place name inside another's (precision).

科希斯坦区（Kohistan） in one report and 上科希斯坦县（Upper Kohistan） in another name the same
area at two levels: the first is broader. Read from the Latin glosses outlets give place names
(``comparison.findings.renderings.read_glosses``): a gloss that begins or ends another outlet's
gloss, for Chinese names that are places (a place-level word ends them, or the recogniser reads
them as places). People are left out: "Biden" inside "Joe Biden" is no broader person.
"""

from __future__ import annotations

from comparison.docs import span
from comparison.findings import Context
from comparison.findings.renderings import read_glosses
from comparison.lexicons.places import LEVEL_SUFFIX_ZH
from comparison.model import Finding
from comparison.text import to_simplified

# A gloss at least this many letters longer than the one it contains (Upper Kohistan vs
# Kohistan); a letter or two more is a spelling, not another place.
MIN_EXTRA_LETTERS = 3


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
            if not (len(narrow) - len(broad) >= MIN_EXTRA_LETTERS
                    and (narrow.startswith(broad) or narrow.endswith(broad))):
                continue
            for d1, (z1, s1, e1) in sorted(broad_docs.items()):
                if d1 in narrow_docs:
                    continue  # the outlet names both: two places, not one said broadly
                for d2, (z2, s2, e2) in sorted(narrow_docs.items()):
                    if docs[d1].group == docs[d2].group or d2 in broad_docs:
                        continue
                    findings.append(Finding(
                        "precision", "entity",
                        f"{z1} ({shown.get(broad, broad)}, {docs[d1].label}) is broader than "
                        f"{z2} ({shown.get(narrow, narrow)}, {docs[d2].label})",
                        [span(docs[d1], s1, e1), span(docs[d2], s2, e2)], shown.get(narrow, narrow)))
    return findings
