"""The "Aligned" tab: sentences the comparison pairs across outlets, side by side, with the
words each outlet puts otherwise marked (``Comparison.aligned``, made by
``comparison.wording``). Not classified: the reader judges whether a wording difference is a
different fact. Article text goes through :func:`dashboard.text.highlight` (escaped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from counted import counted
from dashboard.text import (
    KIND_COLOURS,
    KIND_LABELS,
    SCRIPT_ORIGINAL,
    escape,
    finding_in_script,
    highlight,
    outlet_in_script,
)

if TYPE_CHECKING:  # the comparison stage is loaded when a story is opened, not for the list
    from comparison.model import Comparison, Finding

# Pairs drawn per page: each is a small HTML table row.
MAX_PAIRS_SHOWN = 150
WORDING_KIND = "wording"  # not a finding kind: dashboard.text.MARK_COLOURS gives its colour
ORDER_LABELS = {"surest": "surest first", "story": "story order"}


def pairs_for(comp: Comparison, outlets: list[str], outlet_of: dict[str, str],
              worded_only: bool = True) -> list[dict]:
    """The aligned pairs whose two sentences both come from articles of ``outlets``
    (``outlet_of``: article id -> canonical outlet), and with ``worded_only`` only those worded
    otherwise."""
    wanted = set(outlets)

    def chosen(side: dict) -> bool:
        return outlet_of.get(side["article_id"]) in wanted

    return [p for p in comp.aligned
            if chosen(p["a"]) and chosen(p["b"])
            and (not worded_only or p["a"]["differs"] or p["b"]["differs"])]


def _inside(span, side: dict) -> bool:
    return span.article_id == side["article_id"] and side["start"] <= span.start < side["end"]


def findings_of(comp: Comparison, pair: dict) -> list[Finding]:
    """The comparison's findings that rest on both sentences of ``pair`` (agreements and
    differences it classified there), so the reader sees what is already read."""
    return [f for f in comp.findings if f.kind != "unique"
            and any(_inside(s, pair["a"]) for s in f.spans) and any(_inside(s, pair["b"]) for s in f.spans)]


def _chips(findings: list[Finding], script: str = SCRIPT_ORIGINAL, script_of: dict[str, str | None] | None = None) -> str:
    """One chip per kind and fact type (with a count when several findings share it; their
    reasons in the tooltip, in the reader's script: :func:`dashboard.text.finding_in_script`),
    not one per finding: a pair can carry a dozen agreements."""
    script_of = script_of or {}

    def why(f: Finding) -> str:
        return finding_in_script(f.why, script, [(s.text, script_of.get(s.article_id)) for s in f.spans])

    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.kind, f.fact_type), []).append(f)
    return " ".join(
        f'<span style="background:{KIND_COLOURS.get(kind, "#eee")};padding:1px 6px;border-radius:4px;'
        f'white-space:nowrap" title="{escape(" | ".join(dict.fromkeys(why(f) for f in group)))}">'
        f"{escape(KIND_LABELS.get(kind, kind))} · {escape(fact)}"
        f"{f' ×{len(group)}' if len(group) > 1 else ''}</span>"
        for (kind, fact), group in groups.items()
    )


def _cell(side: dict, script: str, written_in: str | None) -> str:
    start = side["start"]
    marks = [(s - start, e - start, WORDING_KIND, "worded otherwise") for s, e in side["differs"]]
    return highlight(side["text"], marks, script, written_in)


def _head(side: dict, script: str, script_of: dict[str, str | None]) -> str:
    """One side's outlet label (as the comparison names it, in the reader's script) and sentence."""
    return (f'<b>{escape(outlet_in_script(side["outlet"], script))}</b><br>'
            f'{_cell(side, script, script_of.get(side["article_id"]))}')


def aligned_panel(comp: Comparison, outlets: list[str], script: str, outlet_of: dict[str, str],
                  script_of: dict[str, str | None], key: str) -> None:
    """``script_of``: article id -> ``Article.script`` (a sentence is shown as its article writes it)."""
    from comparison.wording import READING_ORDERS, in_reading_order

    if not comp.aligned:
        st.info("No aligned sentences listed for this story: one outlet, nothing the alignment pairs, "
                "or a comparison that stopped at its time budget.")
        return
    for note in comp.notes:
        if "aligned sentence pairs" in note:  # the listing's own caps (comparison.wording)
            st.caption(f"Partial: {escape(note)}.")
    left, right = st.columns(2)
    worded_only = left.toggle("Only pairs worded otherwise", value=True, key=f"{key}_worded")
    order = right.radio("Order", READING_ORDERS, horizontal=True, key=f"{key}_order",
                        format_func=lambda o: ORDER_LABELS[o],
                        help="Surest first: the pairs the alignment is surest state the same claim. "
                             "Story order: article by article, sentence by sentence.")
    pairs = in_reading_order(pairs_for(comp, outlets, outlet_of, worded_only), order)
    if not pairs:
        st.info("No aligned sentences for these outlets.")
        return
    st.caption(
        f"{counted(len(pairs), 'sentence pair')} the comparison aligns across these outlets. Marked: the words "
        "each outlet puts otherwise (compared in Simplified script, case and punctuation aside). "
        "Not classified: a wording difference may or may not be a different fact. Beside each pair, "
        "the findings the comparison read in those two sentences (hover for the reason)."
    )
    if len(pairs) > MAX_PAIRS_SHOWN:
        page = st.number_input("Page", 1, (len(pairs) - 1) // MAX_PAIRS_SHOWN + 1, 1, key=f"{key}_page")
        pairs = pairs[(page - 1) * MAX_PAIRS_SHOWN:page * MAX_PAIRS_SHOWN]
    rows = []
    for p in pairs:
        rows.append(
            "<tr>"
            f'<td style="vertical-align:top;width:47%">{_head(p["a"], script, script_of)}</td>'
            f'<td style="vertical-align:top;width:47%">{_head(p["b"], script, script_of)}</td>'
            f'<td style="vertical-align:top">{p["score"]:.2f}<br>{_chips(findings_of(comp, p), script, script_of)}</td>'
            "</tr>"
        )
    st.markdown(
        '<table style="width:100%"><tr><th>sentence</th><th>aligned sentence</th><th>alignment, findings</th></tr>'
        + "".join(rows) + "</table>",
        unsafe_allow_html=True,
    )
