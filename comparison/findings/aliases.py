"""Aliases producer: the name an outlet sets in brackets beside another name.

* An abbreviation it defines (刚果民主共和国（简称刚果(金)）, "(hereafter X)") against the
  abbreviation another outlet defines for the same full name: each outlet's short name for the
  actor is a naming choice (framing).
* Another name it glosses (X（Y）, both Chinese names): an outlet that writes its own name for
  an actor and glosses it with the name another outlet uses, which never writes the first,
  names the actor otherwise (framing).

Only the bracket and the abbreviation markers (简称, 下称, hereafter: a general lexicon) decide;
no list of actors or names.
"""

from __future__ import annotations

import re

from comparison.docs import Doc, span, written
from comparison.extract import entity_key
from comparison.findings import Context
from comparison.lexicons.reporting import ABBREVIATION_MARKERS_EN, ABBREVIATION_MARKERS_ZH
from comparison.model import Finding
from comparison.text import to_simplified

_SHORT = r"(?P<short>[^（）()\n，,。；]{1,12}?(?:[（(][^（）()\n]{1,4}[）)])?)"
_MARKERS = "|".join(ABBREVIATION_MARKERS_ZH + ABBREVIATION_MARKERS_EN)
_ABBREVIATION_RE = re.compile(
    rf"[（(]\s*(?:{_MARKERS})[:：,]?\s*[“\"]?{_SHORT}[”\"]?\s*[）)]", re.IGNORECASE)
# The full name before the bracket when the entity recognizer found none there: a run of
# Chinese characters or capitalized words.
_FULL_BEFORE_RE = re.compile(r"(?:[\u4e00-\u9fff]{2,10}|(?:[A-Z][\w'-]*\s?){1,8})$")
# A gloss: a Chinese name of 2-8 characters, then another in brackets.
_GLOSS_RE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,8})[（(](?P<gloss>[\u4e00-\u9fff]{2,8})[）)]")
# Bracketed words that are no name: editorial notes, photo credits, references.
_NOT_A_NAME = ("简称", "下称", "下同", "图", "摄", "记者", "编注", "注", "即", "译", "音", "资料", "视频",
               "报道", "综合", "左", "右", "中")
# Bounded cost: the glosses read per article.
MAX_GLOSSES = 200


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    findings = _abbreviations(ctx.docs) + _glosses(ctx.docs)
    ctx.naming.extend(naming_rows(ctx.docs, findings))
    return findings


def naming_rows(docs: list[Doc], findings: list[Finding]) -> list[dict]:
    """The naming table's rows for these findings: per actor, each outlet's names for it."""
    label_of = {doc.article.id: doc.label for doc in docs}
    rows: dict[str, dict[str, list[str]]] = {}
    for f in findings:
        names = rows.setdefault(f.subject, {})
        for s in f.spans:
            if s.text[:1] in "（(":  # an abbreviation's bracket: the short name in it
                written = re.sub(rf"^[（(]\s*(?:{_MARKERS})[:：,]?\s*|[）)]$", "", to_simplified(s.text),
                                 flags=re.IGNORECASE).strip("“”\" ")
            else:  # a name, glossed or not: the name before any bracket
                written = re.split(r"[（(]", s.text)[0]
            outlet = names.setdefault(label_of[s.article_id], [])
            if written not in outlet:
                outlet.append(written)
    return [{"actor": actor, "names": names} for actor, names in rows.items()]


def _abbreviations(docs: list[Doc]) -> list[Finding]:
    """The same full name abbreviated otherwise by two outlets."""
    # full-name key -> doc -> (full, short, span, and the full and short names as the doc writes them)
    defined: dict[str, dict[int, tuple[str, str, int, int, str, str]]] = {}
    for d, doc in enumerate(docs):
        ends = {e.end: to_simplified(e.text) for e in doc.facts.entities}
        for m in _ABBREVIATION_RE.finditer(doc.simple):
            # The full name: the entity that ends at the bracket, else the words before it.
            full = ends.get(m.start())
            if full is None:
                before = _FULL_BEFORE_RE.search(doc.simple, max(0, m.start() - 80), m.start())
                if before is None:
                    continue
                full = before.group().strip()
            short = m.group("short").strip()
            defined.setdefault(entity_key(full), {}).setdefault(
                d, (full, short, m.start(), m.end(), written(doc, full, max(0, m.start() - len(full) - 1), m.start()),
                    written(doc, short, m.start(), m.end())))
    findings = []
    for per_doc in defined.values():
        items = sorted(per_doc.items())
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                (da, (full, short_a, sa, ea, full_a, shown_a)), (db, (_, short_b, sb, eb, _, shown_b)) = items[x], items[y]
                if docs[da].group == docs[db].group or _normal(short_a) == _normal(short_b):
                    continue
                findings.append(Finding(
                    "framing", "entity",
                    f"{full_a} abbreviated {shown_a} ({docs[da].label}) vs {shown_b} ({docs[db].label})",
                    [span(docs[da], sa, ea), span(docs[db], sb, eb)], full))
    return findings


def _glosses(docs: list[Doc]) -> list[Finding]:
    """X（Y） in one outlet where another writes Y and never X."""
    findings = []
    seen: set[tuple[int, int, str]] = set()
    # Names are what the entity recognizer found: a gloss is read only between two of them.
    names = [{to_simplified(e.text): e for e in doc.facts.entities} for doc in docs]
    ends = [{e.end: to_simplified(e.text) for e in doc.facts.entities} for doc in docs]
    every_name = {n for found in names for n in found}
    for d, doc in enumerate(docs):
        for m in list(_GLOSS_RE.finditer(doc.simple))[:MAX_GLOSSES]:
            gloss = m.group("gloss")
            name = ends[d].get(m.end("name"))
            if (name is None or gloss not in every_name or name in gloss or gloss in name
                    or any(w in gloss for w in _NOT_A_NAME)):
                continue
            start = m.end("name") - len(name)
            for o, other in enumerate(docs):
                if other.group == doc.group or (d, o, gloss) in seen or gloss not in names[o]:
                    continue
                at = other.simple.find(gloss)
                if at < 0 or name in other.simple or _glossed_there(other.simple, at, gloss):
                    continue
                seen.add((d, o, gloss))
                findings.append(Finding(
                    "framing", "entity",
                    f"{written(doc, name, start)} ({doc.label}, glossed {written(doc, gloss, m.start('gloss'))}) "
                    f"vs {written(other, gloss, at)} ({other.label})",
                    [span(doc, start, m.end()), span(other, at, at + len(gloss))], gloss))
    return findings


def _glossed_there(text: str, at: int, gloss: str) -> bool:
    """The other outlet's own gloss of the same pair (Y（X） or X（Y）): the same names."""
    after, before = text[at + len(gloss):at + len(gloss) + 1], text[max(0, at - 1):at]
    return bool(after) and after in "（(" or bool(before) and before in "（("


def _normal(name: str) -> str:
    return re.sub(r"[\s（）()“”\"]", "", to_simplified(name)).lower()
