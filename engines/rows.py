"""Articles, rejections, stories and comparisons as flat rows (Ray Data blocks, Parquet).

One home for the column layout, so the Ray engine's datasets, its Parquet files
and the import into a SQLite workspace agree.
"""

from __future__ import annotations

import json
from datetime import datetime

from articles.model import Article, Rejection
from clustering.model import Story

ARTICLE_COLUMNS = ("id", "outlet", "title", "url", "published", "language", "script",
                   "paragraphs", "captions", "source_paths", "former_ids")


def article_to_row(article: Article) -> dict:
    """Flat, Arrow-friendly: lists as JSON text, the time as ISO 8601 (UTC)."""
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url or "",
        "published": article.published.isoformat(),
        "language": article.language,
        "script": article.script or "",
        "paragraphs": json.dumps(article.paragraphs, ensure_ascii=False),
        "captions": json.dumps(article.captions, ensure_ascii=False),
        "source_paths": json.dumps(article.source_paths, ensure_ascii=False),
        # The ids a store written before session 36 may hold it under (a feed item's title id):
        # an import into such a store finds it there (engines.outputs.import_into_store).
        "former_ids": json.dumps(list(article.former_ids), ensure_ascii=False),
    }


def row_to_article(row: dict) -> Article:
    return Article(
        id=str(row["id"]),
        outlet=str(row["outlet"]),
        title=str(row["title"]),
        url=str(row["url"]) or None,
        published=datetime.fromisoformat(str(row["published"])),
        language=str(row["language"]),
        script=str(row["script"]) or None,
        paragraphs=json.loads(row["paragraphs"]),
        captions=json.loads(row["captions"]),
        source_paths=json.loads(row["source_paths"]),
        # (Absent from a folder written before the column was.)
        former_ids=tuple(json.loads(row.get("former_ids") or "[]")),
    )


def rejection_to_row(rejection: Rejection) -> dict:
    return {"source_path": rejection.source_path, "error": rejection.error}


def story_rows(stories: list[Story]) -> tuple[list[dict], list[dict]]:
    """``(stories, assignments)`` rows: one per story (its whole dict as JSON too, so
    an import restores it exactly) and one per member."""
    story_table, assignments = [], []
    for story in stories:
        story_table.append({
            "id": story.id,
            "label": story.label,
            "first_published": story.first_published.isoformat(),
            "last_published": story.last_published.isoformat(),
            "outlets": json.dumps(story.outlets, ensure_ascii=False),
            "size": len(story.members),
            "data": json.dumps(story.to_dict(), ensure_ascii=False),
        })
        for member in story.members:
            assignments.append({"article_id": member.article_id, "story_id": story.id,
                                "score": float(member.score), "pinned": bool(member.pinned)})
    return story_table, assignments


def finding_rows(story_id: str, comparison: dict) -> list[dict]:
    """One row per finding of a comparison's ``to_dict()``."""
    return [
        {
            "story_id": story_id,
            "kind": f["kind"],
            "fact_type": f["fact_type"],
            "why": f["why"],
            "subject": f.get("subject", ""),
            "salience": float(f.get("salience", 0.0)),
            "minor": bool(f.get("minor", False)),
            "spans": json.dumps(f.get("spans", []), ensure_ascii=False),
        }
        for f in comparison.get("findings", [])
    ]
