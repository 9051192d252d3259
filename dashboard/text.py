"""Safe text for the dashboard: script conversion, escaping and span highlighting.

Everything shown from an article goes through :func:`escape` (or a Streamlit
element that renders plain text), so markup inside an article is displayed as
literal characters, never interpreted. Only markup this module writes itself
(``<mark>``, ``<p>``) reaches the page as HTML.
"""

from __future__ import annotations

import html
import json
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import opencc

from articles import normalize
from articles.outlets import name_in_script

if TYPE_CHECKING:  # the tables' guard only (export_guarded)
    import pandas as pd
    from pandas.io.formats.style import Styler

SCRIPT_ORIGINAL = "Original"
SCRIPT_SIMPLIFIED = "简体"
SCRIPT_TRADITIONAL = "繁體"
SCRIPTS = (SCRIPT_ORIGINAL, SCRIPT_SIMPLIFIED, SCRIPT_TRADITIONAL)

# Characters Markdown (and Streamlit's LaTeX/emoji extensions) would interpret.
# Written as numeric entities they display as themselves and mean nothing.
_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|~$:"
# HTML's own specials and Markdown's, replaced in ONE pass: each character of the
# text is replaced once, so the entities written are never escaped again (an
# apostrophe shows as ', not as &#x27;).
_ENTITY_TABLE = str.maketrans(
    {
        **{c: f"&#{ord(c)};" for c in _MARKDOWN_SPECIAL},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
    }
)

# Background colours per finding kind, shared by the tables and the reader.
KIND_COLOURS = {
    "agree": "#c8f0c8",
    "contradiction": "#ffc4c4",
    "precision": "#ffe3a8",
    "framing": "#dcd0ff",
    "update": "#e4e4e4",
    "unique": "#cfe6ff",
}
# Marks that are not finding kinds: the Aligned tab's words worded otherwise (dashboard/aligned.py).
MARK_COLOURS = {**KIND_COLOURS, "wording": "#fde68a"}
KIND_LABELS = {
    "agree": "agree",
    "contradiction": "contradiction",
    "precision": "precision",
    "framing": "framing",
    "update": "later update",
    "unique": "one outlet only",
}
# What each kind means, for a reader who has not read the README (the legend's hover text
# and the help of the kind pickers); the README says the same (comparison/model.py only lists them).
KIND_MEANINGS = {
    "agree": "the outlets report the same fact: the same figure, day, place, source or quote.",
    "contradiction": "incompatible values for the same part of the same claim, e.g. 12 dead "
                     "against 20 dead in the same attack.",
    "precision": "compatible, but one side is vaguer or broader: 'about 300' against 350, a "
                 "province against one of its districts.",
    "framing": "the same fact told another way: another source credited, or another name, "
               "title, spelling or verb for the same act.",
    "update": "one outlet's later report changes a figure of its own earlier one (not a "
              "disagreement between outlets).",
    "unique": "a claim no other outlet shown here reports.",
}


# The widths a choice's text takes in a select box, in ems of its font (measured in Chromium at
# 14 px): a wide (CJK) character one em exactly, the ellipsis one; in the dashboard's sans serif,
# counted generously, spaces and thin punctuation 0.3 (0.2-0.3), capitals 0.7, any other 0.55
# (digits and lower case: 0.45-0.52).
THIN_CHARACTERS = frozenset(" .,:;·'|!()[]-/")
ELLIPSIS = "…"


def _ems(c: str) -> float:
    if c == ELLIPSIS or unicodedata.east_asian_width(c) in "WF":
        return 1.0
    if c in THIN_CHARACTERS:
        return 0.3
    return 0.7 if c.isupper() else 0.55


def shown_ems(text: str) -> float:
    """The width ``text`` takes on one line, in ems (generously: see :func:`_ems`)."""
    return sum(_ems(c) for c in text)


def fit(text: str, ems: float, keep: str = "") -> str:
    """``text`` followed by ``keep``, shortened with an ellipsis at the end of ``text`` so the
    whole takes at most ``ems`` (a select box shows its choice on one line and cut a long headline
    off mid-character, with no sign it went on); ``keep`` (a story's article count) is never cut."""
    if shown_ems(text + keep) <= ems:
        return text + keep
    room = ems - shown_ems(keep) - shown_ems(ELLIPSIS)
    kept, used = [], 0.0
    for c in text:
        used += _ems(c)
        if used > room:
            break
        kept.append(c)
    return "".join(kept).rstrip() + ELLIPSIS + keep


def kinds_help(kinds) -> str:
    """The meaning of each of ``kinds``, one Markdown bullet each, in the legend's order."""
    return "\n".join(f"- **{KIND_LABELS[k]}**: {KIND_MEANINGS[k]}" for k in KIND_COLOURS if k in kinds)


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text) if text else text


def to_traditional(text: str) -> str:
    # One conversion for the names the pipeline writes and the text the reader asks for.
    return normalize.to_traditional(text)


def in_script(text: str, script: str, written_in: str | None = None) -> str:
    """``text`` as the reader asked to see it (Original, 简体 or 繁體). ``written_in``: the
    script of the article the text comes from (``Article.script``), when it all comes from one.
    Text already in the asked script is shown as written: converting it again would rewrite the
    article's own wording (s2tw turns a Traditional report's 台灣 into 臺灣), and a journalist
    copies a quote from here."""
    if script == SCRIPT_SIMPLIFIED and written_in != "Hans":
        return to_simplified(text)
    if script == SCRIPT_TRADITIONAL and written_in != "Hant":
        return to_traditional(text)
    return text


def finding_in_script(why: str, script: str, quoted: Iterable[tuple[str, str | None]] = ()) -> str:
    """A finding's text (its ``why``) as the reader asked to see it. The comparison quotes each
    outlet's words as its article writes them, so Original shows it as written; 简体 and 繁體
    convert it, except the words quoted from articles already in the asked script (``quoted``:
    each span's text and its article's ``Article.script``), kept as written as :func:`in_script`
    keeps them (s2tw would rewrite a Traditional report's 台灣 quoted beside a Simplified one's)."""
    asked = {SCRIPT_SIMPLIFIED: "Hans", SCRIPT_TRADITIONAL: "Hant"}.get(script)
    if asked is None or not why:
        return why
    quoted = list(quoted)
    scripts = {written for _, written in quoted}
    if scripts == {asked}:
        return why  # every word quoted is already in the asked script
    kept = "\x00".join(text for text, written in quoted if written == asked and text)
    if not kept:
        return in_script(why, script)
    # Greedy, left to right: the longest run (two characters or more) a kept span holds stays as
    # written; the text between such runs is converted, a run at a time (phrase conversion).
    pieces: list[str] = []
    plain_from = i = 0
    while i < len(why):
        length = 0
        while i + length < len(why) and why[i:i + length + 1] in kept:
            length += 1
        if length >= 2 and any(not c.isascii() for c in why[i:i + length]):
            pieces += [in_script(why[plain_from:i], script), why[i:i + length]]
            i = plain_from = i + length
        else:
            i += 1
    pieces.append(in_script(why[plain_from:], script))
    return "".join(pieces)


def outlet_in_script(label: str, script: str) -> str:
    """An outlet's label (an edition name, a comparison label) as the reader asked to see it:
    in Original as the label is written (:func:`articles.outlets.edition_names` writes it in its
    articles' script), else converted as :func:`articles.outlets.name_in_script` writes names."""
    if script == SCRIPT_SIMPLIFIED:
        return name_in_script(label, "Hans")
    if script == SCRIPT_TRADITIONAL:
        return name_in_script(label, "Hant")
    return label


def search_key(text: str) -> str:
    """Normal form for keyword matching: Simplified, case-folded."""
    return to_simplified(text or "").casefold()


def escape(text: str) -> str:
    """HTML- and Markdown-inert form of ``text`` for st.markdown."""
    return (text or "").translate(_ENTITY_TABLE)


def plain_markdown(text: str, script: str = SCRIPT_ORIGINAL, written_in: str | None = None) -> str:
    """Article-derived text for st.markdown/st.subheader: shown literally (``written_in``: as
    :func:`in_script`)."""
    return escape(in_script(text, script, written_in))


# When marks overlap, the more telling kind wins (a contradicted number inside a
# sentence both outlets report shows as the contradiction).
KIND_PRIORITY = {"contradiction": 0, "precision": 1, "framing": 2, "unique": 3, "update": 4, "agree": 5}


def highlight(
    text: str,
    marks: Iterable[tuple[int, int, str, str]],
    script: str = SCRIPT_ORIGINAL,
    written_in: str | None = None,
) -> str:
    """Escaped HTML of ``text`` with ``marks`` (start, end, kind, tooltip) highlighted;
    ``written_in``: the script of the article ``text`` comes from (:func:`in_script`).

    Where marks overlap, each character shows the mark of the most telling kind
    (then the shortest mark). Each segment is escaped (and script-converted)
    separately, so character offsets stay right whatever the conversion does.
    """
    ranked = sorted(
        (m for m in marks if m[1] > m[0]),
        key=lambda m: (KIND_PRIORITY.get(m[2], 9), m[1] - m[0], m[0]),
    )
    owner: list[int | None] = [None] * len(text)
    for index, (start, end, _kind, _tip) in enumerate(ranked):
        for pos in range(max(start, 0), min(end, len(text))):
            if owner[pos] is None:
                owner[pos] = index
    pieces: list[str] = []
    cursor = 0
    while cursor < len(text):
        current = owner[cursor]
        stop = cursor
        while stop < len(text) and owner[stop] == current:
            stop += 1
        segment = _paragraphs(in_script(text[cursor:stop], script, written_in))
        if current is None:
            pieces.append(segment)
        else:
            _start, _end, kind, tooltip = ranked[current]
            colour = MARK_COLOURS.get(kind, "#eeeeee")
            pieces.append(
                f'<mark class="px-{html.escape(kind)}" style="background:{colour}" '
                f'title="{escape(tooltip)}">{segment}</mark>'
            )
        cursor = stop
    # dir="auto": an Arabic (right-to-left) article is laid out from the right, its full stops and
    # quotation marks at their own ends; a left-to-right one as before.
    return '<div class="px-reader" dir="auto">' + "".join(pieces) + "</div>"


def _paragraphs(text: str) -> str:
    return "<br><br>".join(escape(part) for part in text.split("\n"))


def _formula_cells(frame: pd.DataFrame) -> dict[str, list[int]]:
    """{column: the positions of its text cells a spreadsheet would take for a formula}."""
    from articles.tabular import spreadsheet_cell

    risky = {
        column: [i for i, value in enumerate(frame[column]) if isinstance(value, str)
                 and spreadsheet_cell(value) != value]
        for column in frame.columns
    }
    return {column: rows for column, rows in risky.items() if rows}


def _with_apostrophes(frame: pd.DataFrame, risky: dict[str, list[int]]) -> pd.DataFrame:
    """``frame`` (its index renumbered) with the ``risky`` cells given the leading apostrophe of
    ``articles.tabular.spreadsheet_cell``."""
    from articles.tabular import spreadsheet_cell

    guarded = frame.reset_index(drop=True)
    for column, rows in risky.items():
        at = set(rows)
        guarded[column] = [spreadsheet_cell(v) if i in at else v for i, v in enumerate(guarded[column])]
    return guarded


def export_guarded(frame: pd.DataFrame, style: Callable[[Styler], Styler] | None = None) -> pd.DataFrame | Styler:
    """A table for ``st.dataframe`` whose own "Download as CSV" keeps a would-be formula
    (a text cell starting with = + - @: a title "=HYPERLINK(...)", a span "-5") as text.

    Streamlit's export writes each cell's value, not its shown text, and has no guard
    (checked in its 1.67 bundle). So such a cell's value gets the leading apostrophe of
    ``articles.tabular.spreadsheet_cell`` and a Styler format shows it as written; a table with
    no such cell is handed back as it is (no Styler: its cost on a long list). ``style``: the
    table's own styling (the facts' colours), applied either way. The index is renumbered
    (every table here hides it). A chart's data: :func:`chart_export_guarded`."""
    risky = _formula_cells(frame)
    if not risky:
        return style(frame.style) if style else frame
    guarded = _with_apostrophes(frame, risky)
    styler = style(guarded.style) if style else guarded.style
    styler = styler.format(na_rep="")  # a Styler would show a missing text as "nan"
    for column, rows in risky.items():
        styler = styler.format(lambda value: value[1:], subset=(rows, [column]))
    return styler


# The suffix of a chart's field holding a text column as shown (chart_export_guarded).
SHOWN = "_shown"


def chart_export_guarded(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The data of an ``st.altair_chart`` whose "Show data" table (and that table's own
    "Download as CSV", which writes the chart's data as it is) keeps a would-be formula as text,
    as :func:`export_guarded` does for a table: (the frame with such a cell given the
    apostrophe, {COLUMN + SHOWN: a Vega expression of the column's text as written}, for
    ``transform_calculate``). The chart encodes the shown fields (axis, tooltip): they are
    computed in the browser and are no part of the data shown or downloaded. The expression
    takes the apostrophe off a text starting with it and a formula's first character, so a
    text written so before the guard shows without it too, as a spreadsheet shows it."""
    from articles.tabular import FORMULA_START

    guarded = _with_apostrophes(frame, _formula_cells(frame))
    # One character class of the characters a formula starts with ("-" last: no range).
    pattern = json.dumps("^'[" + "".join(sorted(FORMULA_START, key=lambda c: c == "-")) + "]")
    shown = {}
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, str)).any():
            field = f"datum[{json.dumps(column)}]"
            shown[column + SHOWN] = f"test(regexp({pattern}), {field}) ? substring({field}, 1) : {field}"
    return guarded, shown
