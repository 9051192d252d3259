"""A number with its noun in the right form: "1 article", "2 articles".

The one pluralizing helper of every message and page that counts something (the clustering
CLI's summary and ``stories.md``, the dashboard's captions and job messages). It lives outside
the stage packages, as :mod:`markdown_text` does, so each can use it without importing another.
"""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """"1 outlet", "2 outlets", "1,204 articles" (``plural`` for the irregular ones: story,
    stories). Always with thousands separators, as the README and the help texts write counts:
    "2,186 articles" is read at a glance, "2186 articles" is not."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"
