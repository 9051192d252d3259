"""Persistence: one SQLite file holds articles, embeddings, stories and comparisons.

``sqlite.py`` owns the file (schema, per-thread connections, transactions); the table
groups are mixed into its :class:`Store`: ``articles.py`` (articles, sources, rejections,
embeddings), ``stories.py`` (stories, the runs' change history, comparisons, edits) and ``jobs.py`` (the job queue).
"""

from store.sqlite import DEFAULT_DB, Store, default_db
from store.stories import StaleStoryError

__all__ = ["DEFAULT_DB", "StaleStoryError", "Store", "default_db"]
