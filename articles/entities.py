"""Entity declarations in a feed's or page's DOCTYPE, and the references to them: left out.

A document may declare its own entities in its DOCTYPE's internal subset (``<!DOCTYPE feed [
<!ENTITY lol1 "&lol0;&lol0;..."> ]>``): nested ten deep, one reference expands to gigabytes
("billion laughs"). Nothing here expands them: feedparser drops such declarations and the HTML
parser never reads them, but both left the references as they were written, so "Laugh &lol9;"
was stored as a title (and a page's ``]>`` as its first words). :func:`without_entities` takes the
internal subset out and every reference to a name it declared; in a feed (XML) also every
reference to a name neither XML nor HTML defines (XML has no such text: it is a reference to an
entity the feed meant to declare, or an error). What it left out is one line naming the file
(:func:`entity_line`), not a refusal: the rest of the text is read.
"""

from __future__ import annotations

import html.entities
import re
from collections import Counter

from articles.model import Rejection
from counted import counted

# The DOCTYPE's internal subset: from its "[" to the "]>" closing the declaration.
_INTERNAL_SUBSET = re.compile(r"(<!DOCTYPE\b[^\[>]*)\[.*?\]\s*>", re.I | re.S)
_DECLARATION = re.compile(r"<!ENTITY\b", re.I)
_DECLARED = re.compile(r"<!ENTITY\s+(?:%\s+)?([^\s\"'>%]+)", re.I)
_REFERENCE = re.compile(r"&([A-Za-z_:][\w.:-]*);")
_CDATA = re.compile(r"(<!\[CDATA\[.*?\]\]>)", re.S)
# Names every reader knows: XML's five, and HTML's (which feedparser and lxml decode).
KNOWN_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"}
                           | {name[:-1] for name in html.entities.html5 if name.endswith(";")})
# The names a line shows (the count says how many references there were).
_NAMES_SHOWN = 3


def without_entities(text: str, xml: bool) -> tuple[str, Counter[str]]:
    """``text`` without its DOCTYPE's internal subset and the references to the entities it
    declared; ``xml`` (a feed): without references to names no standard defines either, outside
    CDATA sections (inside one, in a feed's HTML, such a reference is text, as HTML reads it).
    Also: how many references to each name were left out."""
    declared: set[str] = set()
    if _DECLARATION.search(text):
        def subset(m: re.Match) -> str:
            declared.update(_DECLARED.findall(m.group(0)))
            return m.group(1).rstrip() + ">"

        text = _INTERNAL_SUBSET.sub(subset, text, count=1)
    if (not declared and not xml) or "&" not in text:
        return text, Counter()
    dropped: Counter[str] = Counter()

    def reference(m: re.Match, undefined: bool) -> str:
        name = m.group(1)
        if name in declared or (undefined and name not in KNOWN_ENTITIES):
            dropped[name] += 1
            return ""
        return m.group(0)

    parts = _CDATA.split(text) if "<![CDATA[" in text else [text]
    text = "".join(_REFERENCE.sub(lambda m, cdata=i % 2: reference(m, xml and not cdata), part)
                   for i, part in enumerate(parts))
    return text, dropped


def entity_line(source_path: str, dropped: Counter[str]) -> Rejection:
    """The one line naming the file whose references :func:`without_entities` left out. It is
    named as ``FILE#0``, no record of it: the file was read to its end (a line naming the file
    itself has it read again at the next run)."""
    names = [f"&{name};" for name in dropped]
    shown = ", ".join(names[:_NAMES_SHOWN]) + (", ..." if len(names) > _NAMES_SHOWN else "")
    return Rejection(f"{source_path}#0",
                     f"{counted(dropped.total(), 'entity reference')} ({shown}) left out of the text: an entity "
                     "its DOCTYPE declares is not expanded, and one no standard defines names no text")
