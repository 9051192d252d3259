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
    ``change``: what the last grouping run changed in it, in words ("new", "grew (+2
    articles)", empty when unchanged), from ``changes`` as the store keeps them
    (``store.story_changes()``: worked out by :mod:`clustering.changes`), and ``unchanged``
    (False for a story it changed: the "Recently changed" order lists those first).

    Takes stories as dataclasses or as stored (``store.stories()`` dicts), so the
    list is built without loading the clustering stage. A story's outlets are shown by the
    names its readers know (:func:`articles.outlets.outlet_labels` of its members, as the story
    view shows them: Reuters when all its Reuters articles are English); ``outlet_list`` keeps
    the canonical names the filters match.
    """
    rows = []
    changes = changes or {}
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
                "change": changes[sid].get("text", changes[sid].get("kind", "")) if sid in changes else "",
                "unchanged": sid not in changes,
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
            "change",
            "unchanged",
        ],
    )
    return frame


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


def sort_stories(frame: pd.DataFrame, sort: str = DEFAULT_SORT) -> pd.DataFrame:
    columns, ascending = SORTS.get(sort, SORTS[DEFAULT_SORT])
    return frame.sort_values(columns, ascending=ascending, kind="stable")


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
