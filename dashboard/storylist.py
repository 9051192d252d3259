"""The story list: one row per story, filtered and sorted as the journalist asks.

Pure functions over pandas frames, so they are tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from articles.model import Article
from articles.outlets import outlet_labels
from counted import counted
from dashboard import times
from dashboard.text import search_key

if TYPE_CHECKING:
    from clustering.model import Story

SORTS = {
    "Outlets, then size": (["n_outlets", "n_articles", "last_published"], [False, False, False]),
    "Size": (["n_articles", "n_outlets", "last_published"], [False, False, False]),
    "Most recent": (["last_published", "n_outlets", "n_articles"], [False, False, False]),
    "Oldest": (["first_published", "n_outlets", "n_articles"], [True, False, False]),
    # The stories the last grouping run (hourly batch, regroup, upload) changed first, newest first.
    "Recently changed": (["unchanged", "last_published", "n_outlets"], [True, False, False]),
}
DEFAULT_SORT = "Outlets, then size"
# The frame attribute (``DataFrame.attrs``) saying the last run built the workspace: :func:`built_by`.
BUILT_BY_LAST_RUN = "built_by_last_run"


@dataclass(frozen=True)
class ArticleHead:
    """What the list needs of an article (not its body)."""

    id: str
    outlet: str
    title: str
    published: datetime
    language: str = ""
    script: str | None = None  # as Article.script: the list names an outlet in its articles' script


def heads(articles: Iterable[Article]) -> dict[str, ArticleHead]:
    return {a.id: ArticleHead(a.id, a.outlet, a.title, a.published, a.language or "", a.script) for a in articles}


def heads_from_rows(rows: Iterable[tuple[str, str, str, str, str, str | None]]) -> dict[str, ArticleHead]:
    """From ``store.article_heads()`` rows: no article bodies are read for the list."""
    return {r[0]: ArticleHead(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4] or "", r[5]) for r in rows}


def story_frame(stories: Iterable[Story | dict], titles: dict[str, ArticleHead],
                changes: dict[str, dict] | None = None) -> pd.DataFrame:
    """One row per story; ``search`` holds its label and member titles in search form;
    ``change`` and ``unchanged``: what the last grouping run changed in it (:func:`with_changes`
    of ``changes`` as the store keeps them, ``store.story_changes()``: worked out by
    :mod:`clustering.changes`); none when that run built the workspace (:func:`built_by`: then
    ``frame.attrs[BUILT_BY_LAST_RUN]`` is True).

    Takes stories as dataclasses or as stored (``store.stories()`` dicts), so the
    list is built without loading the clustering stage. A story's outlets are shown by the
    names its readers know (:func:`articles.outlets.outlet_labels` of its members, as the story
    view shows them: Reuters when all its Reuters articles are English); ``outlet_list`` keeps
    the canonical names the filters match.
    """
    rows = []
    for s in stories:
        if isinstance(s, dict):
            sid, label, outlets = s["id"], s["label"], s["outlets"]
            member_ids = [m["article_id"] for m in s["members"]]
            first, last = (datetime.fromisoformat(s[k]) for k in ("first_published", "last_published"))
        else:
            sid, label, outlets = s.id, s.label, s.outlets
            member_ids = [m.article_id for m in s.members]
            first, last = s.first_published, s.last_published
        member_titles = [titles[i].title for i in member_ids if i in titles]
        label_written_in = title_script(label, (titles[i] for i in member_ids if i in titles))
        shown = outlet_labels(titles[i] for i in member_ids if i in titles)
        rows.append(
            {
                "id": sid,
                "label": label,
                "label_script": label_written_in,
                "n_outlets": len(outlets),
                "n_articles": len(member_ids),
                "outlets": ", ".join(sorted(shown.get(o, o) for o in outlets)),
                "outlet_list": tuple(sorted(outlets)),
                "outlet_names": tuple(shown.get(o, o) for o in sorted(outlets)),
                "first_published": _utc(first),
                "last_published": _utc(last),
                "search": search_key(" \n".join([label, *member_titles])),
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "label",
            "label_script",
            "n_outlets",
            "n_articles",
            "outlets",
            "outlet_list",
            "outlet_names",
            "first_published",
            "last_published",
            "search",
        ],
    )
    changes = changes or {}
    if built_by(changes, frame["id"]):
        # A first build changed nothing a reader saw: 1,138 rows saying "new" are noise.
        frame.attrs[BUILT_BY_LAST_RUN] = True
        changes = {}
    return with_changes(frame, changes)


def built_by(changes: dict[str, dict], story_ids: Iterable[str]) -> bool:
    """Whether the run of ``changes`` made every story listed, each new: then no story existed
    before it (a stored article would have left a grown, changed or split story), so that run
    built the workspace rather than changed it."""
    ids = list(story_ids)
    return bool(ids) and all(changes.get(sid, {}).get("kind") == "new" for sid in ids)


def with_changes(frame: pd.DataFrame, changes: dict[str, dict]) -> pd.DataFrame:
    """``frame`` with its ``change`` column (each story's change in words, empty when
    unchanged) and ``unchanged`` (False for a changed story: "Recently changed" lists those
    first) from ``changes`` ({story id: change}, one run's or :func:`combine_changes`')."""
    frame = frame.copy()
    frame["change"] = [changes[sid].get("text", changes[sid].get("kind", "")) if sid in changes else ""
                       for sid in frame["id"]]
    frame["unchanged"] = [sid not in changes for sid in frame["id"]]
    return frame


# Kinds of a story's first change that made it: over several runs it stays "new" (or "split
# from ..."): what it did next is news to no one who has not seen it.
_BORN = ("new", "split")


def combine_changes(runs: Iterable[dict[str, dict]]) -> dict[str, dict]:
    """{story id: what ``runs`` changed in it, together}: the one place several runs' change
    records are combined (the list's "Changed since"). ``runs``: oldest first, each {story id:
    its change} as the store keeps them (``store.story_change_runs``; one run's change is
    worked out by :mod:`clustering.changes`, which the list does not load).

    A combined change has a change's fields (``kind``, ``added``, ``removed``, ``merged_from``,
    ``split_from``, ``text``) and ``runs``: how many runs changed the story or a story merged
    into it. Changed by one run, it is that run's change (the "Last run" words). Over several,
    a story the first of them made stays ``new`` (or ``split``); else it ``merged`` when
    stories were merged into it, ``changed`` when articles moved between it and others, and
    ``grew`` when it only gained new articles; ``added`` and ``removed`` add up its own runs'.
    An id merged away leaves the result: its story lives on in the one it went to, which
    names it (and the ids merged into it before) in ``merged_from``.
    """
    state: dict[str, dict] = {}
    for n, run in enumerate(runs):
        for sid, change in run.items():
            if change.get("kind", "unchanged") == "unchanged":
                continue
            absorbed = [state.pop(m) for m in change.get("merged_from", []) if m != sid and m in state]
            prior = state.get(sid) or {"first": change, "kinds": set(), "added": 0, "removed": 0,
                                       "merged_from": set(), "split_from": set(), "runs": set()}
            prior["kinds"].add(change.get("kind"))
            prior["added"] += change.get("added", 0)
            prior["removed"] += change.get("removed", 0)
            prior["merged_from"] |= set(change.get("merged_from", []))
            prior["split_from"] |= set(change.get("split_from", []))
            prior["runs"] |= {n}
            for gone in absorbed:
                prior["merged_from"] |= gone["merged_from"]
                prior["runs"] |= gone["runs"]
            prior["last"] = change
            state[sid] = prior
    return {sid: _combined(s) for sid, s in state.items()}


def _combined(s: dict) -> dict:
    """The change a :func:`combine_changes` state stands for, with its words."""
    merged, split = sorted(s["merged_from"]), sorted(s["split_from"])
    first_kind = s["first"].get("kind")
    if first_kind in _BORN:
        kind = first_kind
    elif merged:
        kind = "merged"
    elif s["kinds"] - {"grew"} or s["removed"]:
        kind = "changed"
    else:
        kind = "grew"
    change = {"kind": kind, "added": s["added"], "removed": s["removed"], "merged_from": merged,
              "split_from": split, "runs": len(s["runs"])}
    if change["runs"] == 1:  # one run: its own words, as the "Last run" column has them
        return {**change, "text": s["last"].get("text") or s["last"].get("kind", kind)}
    moved = " ".join(f"{sign}{k}" for sign, k in (("+", s["added"]), ("-", s["removed"])) if k)
    articles = f"{moved} {'article' if moved in ('+1', '-1') else 'articles'}" if moved else ""
    if kind in _BORN:
        text = "new" if kind == "new" else f"split from {', '.join(split)}" if split else "split"
        text += f", merged (from {', '.join(merged)})" if merged else ""
    elif kind == "grew":
        text = f"grew (+{counted(s['added'], 'article')}) over {change['runs']} runs"
    elif kind == "merged":
        text = f"merged (from {', '.join(merged)}{'; ' + articles if articles else ''}) over {change['runs']} runs"
    else:
        text = f"changed{f' ({articles})' if articles else ''} over {change['runs']} runs"
    return {**change, "text": text}


def title_script(label: str, articles: Iterable[Article | ArticleHead]) -> str | None:
    """The script of the member whose headline a story's label is (clustering names a story
    after one of its members), so the label is shown as that article writes it; None when no
    member here carries it."""
    return next((a.script for a in articles if a.title == label), None)


def filter_labels(frame: pd.DataFrame) -> dict[str, str]:
    """Canonical outlet -> its label in the list's outlet filter: the names stories show it by,
    then the canonical name when that differs ("Reuters · 路透"), so a label is unique, stays
    the same when a story's name for the outlet changes, and either name finds it."""
    names: dict[str, set[str]] = {}
    for canonical, shown in zip(frame["outlet_list"], frame["outlet_names"], strict=True):
        for outlet, name in zip(canonical, shown, strict=True):
            names.setdefault(outlet, set()).add(name)
    return {o: " · ".join([*sorted(n - {o}), o]) for o, n in names.items()}


def filter_stories(
    frame: pd.DataFrame,
    *,
    keyword: str = "",
    outlets: Iterable[str] = (),
    since: date | None = None,
    until: date | None = None,
    multi_outlet_only: bool = False,
    zone: times.Zone = times.DEFAULT,
) -> pd.DataFrame:
    """Stories matching every filter given.

    ``keyword``: whitespace-separated terms, all of which must occur in the label
    or a member title, whatever the script (Traditional and Simplified match) or
    case. ``outlets``: stories covered by at least one of them. ``since``/``until``:
    stories with coverage overlapping those days (inclusive), days as ``zone`` counts
    them (the zone the dashboard shows times in; UTC by default).
    """
    mask = pd.Series(True, index=frame.index)
    for term in search_key(keyword).split():
        mask &= frame["search"].str.contains(term, regex=False)
    wanted = set(outlets)
    if wanted:
        mask &= frame["outlet_list"].map(lambda have: bool(wanted.intersection(have)))
    if since is not None:
        mask &= frame["last_published"] >= times.day_start(since, zone)
    if until is not None:
        mask &= frame["first_published"] < times.day_start(until + timedelta(days=1), zone)
    if multi_outlet_only:
        mask &= frame["n_outlets"] >= 2
    return frame[mask]


def no_match_line(keyword: str = "", outlets: Iterable[str] = (), dates_narrowed: bool = False,
                  multi_outlet_only: bool = False) -> str:
    """What a reader can loosen when no story matches the list's filters (plain text), the
    filters in the order the page draws them; a list empty of every filter says only that."""
    loosen = []
    if keyword.strip():
        loosen.append(f"clear the keyword '{keyword.strip()}'")
    if dates_narrowed:
        loosen.append("widen the dates")
    if list(outlets):
        loosen.append("clear the outlets chosen")
    if multi_outlet_only:
        loosen.append("turn off 'Multi-outlet stories only'")
    if not loosen:
        return "No story in this workspace yet."
    ways = loosen[0] if len(loosen) == 1 else ", ".join(loosen[:-1]) + " or " + loosen[-1]
    return f"No story matches these filters. To see more, {ways}."


def sort_stories(frame: pd.DataFrame, sort: str = DEFAULT_SORT) -> pd.DataFrame:
    columns, ascending = SORTS.get(sort, SORTS[DEFAULT_SORT])
    return frame.sort_values(columns, ascending=ascending, kind="stable")


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
