"""The page's address carries the reader's choices, so a reload or a shared link keeps them.

A reload starts a new Streamlit session (its widget state is gone), and Streamlit also drops
the state of widgets a run does not draw (the list's filters while a story is open). So each
choice is written into the address as a short code when it is not the default (a plain link
stays short), and a session whose widget has no state yet starts from the address. A value
the address names that the page does not offer (a stale or mistyped link) is ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st


def restore(key: str, param: str, decode: Callable[[str], Any]) -> None:
    """Start the widget ``key`` from the address's ``param`` when it has no state yet;
    ``decode`` gives None (or raises ValueError) for a value the page does not offer."""
    if key in st.session_state or param not in st.query_params:
        return
    try:
        value = decode(st.query_params[param])
    except (ValueError, TypeError, KeyError):
        value = None
    if value is not None:
        st.session_state[key] = value


def restore_list(key: str, param: str, offered: Sequence[str], limit: int | None = None) -> None:
    """As :func:`restore` for a multiselect: the repeated ``param``'s values it offers."""
    if key in st.session_state or param not in st.query_params:
        return
    chosen = [v for v in dict.fromkeys(st.query_params.get_all(param)) if v in set(offered)]
    if chosen:
        st.session_state[key] = chosen[:limit]


def keep(param: str, code: str | list[str] | None) -> None:
    """Write a choice into the address; None (or empty) for the default, which names none."""
    if not code:
        st.query_params.pop(param, None)
    elif isinstance(code, list):
        if st.query_params.get_all(param) != code:
            st.query_params[param] = code
    elif st.query_params.get(param) != code:
        st.query_params[param] = code


def decoder(values: dict[str, Any]) -> Callable[[str], Any]:
    """Decode through a {code: choice} table (an unknown code: None)."""
    return values.get


def code_of(values: dict[str, Any], chosen: Any, default: Any) -> str | None:
    """The code of ``chosen`` in a {code: choice} table; None for the default or an unknown."""
    if chosen == default:
        return None
    return next((k for k, v in values.items() if v == chosen), None)
