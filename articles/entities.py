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

# The DOCTYPE's internal subset: from its "[" to the "]>" closing the declaration. Found in two
# searches, each one pass over the text (one pattern with ".*?" retried it from every "<!DOCTYPE"
# of a text holding no "]>": quadratic). A DOCTYPE's name and external id before "[" are short.
_SUBSET_OPEN = re.compile(r"(<!DOCTYPE\b[^\[>]{0,2000})\[", re.I)
_SUBSET_CLOSE = re.compile(r"\]\s*>")
_DECLARATION = re.compile(r"<!ENTITY\b", re.I)
_DECLARED = re.compile(r"<!ENTITY\s+(?:%\s+)?([^\s\"'>%]+)", re.I)
_REFERENCE = re.compile(r"&([A-Za-z_:][\w.:-]*);")
_CDATA_OPEN, _CDATA_CLOSE = "<![CDATA[", "]]>"
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
        text = _without_subset(text, declared)
    if (not declared and not xml) or "&" not in text:
        return text, Counter()
    dropped: Counter[str] = Counter()

    def reference(m: re.Match, undefined: bool) -> str:
        name = m.group(1)
        if name in declared or (undefined and name not in KNOWN_ENTITIES):
            dropped[name] += 1
            return ""
        return m.group(0)

    parts = _cdata_split(text)
    text = "".join(_REFERENCE.sub(lambda m, cdata=i % 2: reference(m, xml and not cdata), part)
                   for i, part in enumerate(parts))
    return text, dropped


def _without_subset(text: str, declared: set[str]) -> str:
    """``text`` without its first DOCTYPE's internal subset (its declared names added to
    ``declared``); as it is when no DOCTYPE opens one or nothing closes it."""
    opened = _SUBSET_OPEN.search(text)
    closed = opened and _SUBSET_CLOSE.search(text, opened.end())
    if not closed:
        return text
    declared.update(_DECLARED.findall(text, opened.start(), closed.end()))
    return text[:opened.start()] + opened.group(1).rstrip() + ">" + text[closed.end():]


def _cdata_split(text: str) -> list[str]:
    """``text`` in parts, the odd ones CDATA sections (with their markers; an unclosed one is no
    section), as ``re.split`` with a group would give them, in one pass (a pattern with ".*?"
    retried from every opening of a text with no "]]>": 80,000 took 260 s)."""
    parts, at = [], 0
    while (start := text.find(_CDATA_OPEN, at)) >= 0:
        end = text.find(_CDATA_CLOSE, start + len(_CDATA_OPEN))
        if end < 0:
            break
        end += len(_CDATA_CLOSE)
        parts += [text[at:start], text[start:end]]
        at = end
    return parts + [text[at:]]


def entity_line(source_path: str, dropped: Counter[str]) -> Rejection:
    """The one line naming the file whose references :func:`without_entities` left out. It is
    named as ``FILE#0``, no record of it: the file was read to its end (a line naming the file
    itself has it read again at the next run)."""
    names = [f"&{name};" for name in dropped]
    shown = ", ".join(names[:_NAMES_SHOWN]) + (", ..." if len(names) > _NAMES_SHOWN else "")
    return Rejection(f"{source_path}#0",
                     f"{counted(dropped.total(), 'entity reference')} ({shown}) left out of the text: an entity "
                     "its DOCTYPE declares is not expanded, and one no standard defines names no text")
