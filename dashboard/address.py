"""The page's address carries the reader's choices, so a reload or a shared link keeps them.

A reload starts a new Streamlit session (its widget state is gone), and Streamlit also drops
the state of widgets a run does not draw (the list's filters while a story is open). So each
choice is written into the address as a short code when it is not the default (a plain link
stays short), and a session whose widget has no state yet starts from the address. A value
the address names that the page does not offer (a stale or mistyped link), or a parameter the
page does not read (``?from=yesterday``), is taken out of the address and named once in a
one-line note (:func:`ignored_note`): left there, it stayed in every link copied from the page
while the page showed something else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

# Every parameter the page's address may hold: the choices it keeps (the open story, the article
# read, the outlets side by side, the list's filters, the script and time zone) and Streamlit's
# own (embed, embed_options: a page embedded in another). :func:`drop_unknown` takes out any other.
PARAMS = frozenset({"story", "article", "side", "changed", "q", "sort", "dates", "outlet", "multi",
                    "script", "tz", "embed", "embed_options"})
# How much of an ignored value the note repeats (an address can hold kilobytes).
MAX_VALUE_SHOWN = 40
# The session's ignored parameters not yet named in a note: ["from=yesterday (no such setting)", ...]
_IGNORED = "_address_ignored"
NO_SUCH_SETTING = "no such setting"
NOT_OFFERED = "not a choice this page offers"


def drop_unknown() -> None:
    """Take the parameters the page does not read out of the address, noting each."""
    for param in [p for p in st.query_params if p not in PARAMS]:
        ignore(param, ",".join(st.query_params.get_all(param)), NO_SUCH_SETTING)


def ignore(param: str, value: str, why: str) -> None:
    """Take ``param`` out of the address and keep ``param=value (why)`` for :func:`ignored_note`."""
    shown = value if len(value) <= MAX_VALUE_SHOWN else value[:MAX_VALUE_SHOWN - 1] + "…"
    st.session_state.setdefault(_IGNORED, []).append(f"{param}={shown} ({why})")
    st.query_params.pop(param, None)


def ignored_note() -> str | None:
    """One line naming what the address held that the page ignored since the last note (then
    forgotten: said once, not on every rerun); None when nothing was. Plain text: escape it."""
    ignored = st.session_state.pop(_IGNORED, None)
    if not ignored:
        return None
    return (f"Ignored in the page's address: {'; '.join(dict.fromkeys(ignored))}. "
            "It now names only what the page shows.")


def restore(key: str, param: str, decode: Callable[[str], Any]) -> None:
    """Start the widget ``key`` from the address's ``param`` when it has no state yet;
    ``decode`` gives None (or raises ValueError) for a value the page does not offer, which is
    taken out of the address and noted (:func:`ignore`)."""
    if key in st.session_state or param not in st.query_params:
        return
    raw = st.query_params[param]
    try:
        value = decode(raw)
    except (ValueError, TypeError, KeyError):
        value = None
    if value is not None:
        st.session_state[key] = value
    else:
        ignore(param, raw, NOT_OFFERED)


def restore_list(key: str, param: str, offered: Sequence[str], limit: int | None = None) -> None:
    """As :func:`restore` for a multiselect: the repeated ``param``'s values it offers (the
    others noted, and the address then names only those kept)."""
    if key in st.session_state or param not in st.query_params:
        return
    named = list(dict.fromkeys(st.query_params.get_all(param)))
    chosen = [v for v in named if v in set(offered)]
    refused = [v for v in named if v not in set(offered)]
    if refused:
        ignore(param, ",".join(refused), NOT_OFFERED)
    if chosen:
        st.session_state[key] = chosen[:limit]
        st.query_params[param] = chosen[:limit]


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
