"""Keyed pickers whose option labels follow the page's display choices (Chinese script, time zone)."""

from __future__ import annotations

import streamlit as st


def relabel(key: str, *shown_with: object) -> str:
    """Give back ``key``, for a keyed selectbox or multiselect whose option labels are drawn with
    ``shown_with`` (the script, the zone); call it just before drawing the widget. When these
    changed since the widget was last drawn, its value is set again, so the browser is sent the
    labels of the options chosen in the new script or zone.

    Streamlit keeps a keyed widget when only its labels change, and the browser went on showing
    the chosen option under its old label ('美国之音 · 07-05 22:41 UTC' right above the caption
    '2021-07-06 06:41 UTC+8'; simplified outlet names on the chips after 繁體 was picked) and sent
    that label back on the next run: one that matched no option then, and the reader fell back
    to the story's first article.
    """
    marker = f"_shown_with_{key}"
    before = st.session_state.get(marker)
    if before is not None and before != shown_with and key in st.session_state:
        st.session_state[key] = st.session_state[key]
    st.session_state[marker] = shown_with
    return key
