"""The story list: one row per story, filtered and sorted as the journalist asks.

Pure functions over pandas frames, so they are tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd

from articles.model import Article
from clustering.model import Story
from dashboard.text import search_key

SORTS = {
    "Outlets, then size": (["n_outlets", "n_articles", "last_published"], [False, False, False]),
    "Size": (["n_articles", "n_outlets", "last_published"], [False, False, False]),
    "Most recent": (["last_published", "n_outlets", "n_articles"], [False, False, False]),
    "Oldest": (["first_published", "n_outlets", "n_articles"], [True, False, False]),
}
DEFAULT_SORT = "Outlets, then size"


@dataclass(frozen=True)
class ArticleHead:
    """What the list needs of an article (not its body)."""

    id: str
    outlet: str
    title: str
    published: datetime


def heads(articles: Iterable[Article]) -> dict[str, ArticleHead]:
    return {a.id: ArticleHead(a.id, a.outlet, a.title, a.published) for a in articles}


def story_frame(stories: Iterable[Story], titles: dict[str, ArticleHead]) -> pd.DataFrame:
    """One row per story; ``search`` holds its label and member titles in search form."""
    rows = []
    for s in stories:
        member_titles = [titles[m.article_id].title for m in s.members if m.article_id in titles]
        rows.append(
            {
                "id": s.id,
                "label": s.label,
                "n_outlets": len(s.outlets),
                "n_articles": len(s.members),
                "outlets": ", ".join(sorted(s.outlets)),
                "outlet_list": tuple(sorted(s.outlets)),
                "first_published": _utc(s.first_published),
                "last_published": _utc(s.last_published),
                "search": search_key(" \n".join([s.label, *member_titles])),
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "label",
            "n_outlets",
            "n_articles",
            "outlets",
            "outlet_list",
            "first_published",
            "last_published",
            "search",
        ],
    )
    return frame


def filter_stories(
    frame: pd.DataFrame,
    *,
    keyword: str = "",
    outlets: Iterable[str] = (),
    since: date | None = None,
    until: date | None = None,
    multi_outlet_only: bool = False,
) -> pd.DataFrame:
    """Stories matching every filter given.

    ``keyword``: whitespace-separated terms, all of which must occur in the label
    or a member title, whatever the script (Traditional and Simplified match) or
    case. ``outlets``: stories covered by at least one of them. ``since``/``until``:
    stories with coverage overlapping those days (inclusive, UTC).
    """
    mask = pd.Series(True, index=frame.index)
    for term in search_key(keyword).split():
        mask &= frame["search"].str.contains(term, regex=False)
    wanted = set(outlets)
    if wanted:
        mask &= frame["outlet_list"].map(lambda have: bool(wanted.intersection(have)))
    if since is not None:
        start = datetime(since.year, since.month, since.day, tzinfo=UTC)
        mask &= frame["last_published"] >= start
    if until is not None:
        end = datetime(until.year, until.month, until.day, tzinfo=UTC) + pd.Timedelta(days=1)
        mask &= frame["first_published"] < end
    if multi_outlet_only:
        mask &= frame["n_outlets"] >= 2
    return frame[mask]


def sort_stories(frame: pd.DataFrame, sort: str = DEFAULT_SORT) -> pd.DataFrame:
    columns, ascending = SORTS.get(sort, SORTS[DEFAULT_SORT])
    return frame.sort_values(columns, ascending=ascending, kind="stable")


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
