"""Persistence: one SQLite file holds articles, embeddings, stories and comparisons."""

from store.sqlite import DEFAULT_DB, StaleStoryError, Store

__all__ = ["DEFAULT_DB", "StaleStoryError", "Store"]
