"""Which outlet edition each name in a story view stands for.

The story view's columns are the outlets' editions, as the comparison sets them against each
other (:func:`articles.outlets.edition_names`: Reuters for the English service, 路透 for the
Chinese one; the language added when two editions go by one name). The comparison keys its
sources, naming and quotes by article labels ("Reuters", "路透 (published 5 Jul 12:00 UTC)"), so each label is
mapped back to its article's edition here, never by matching name prefixes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from articles.model import Article
from articles.outlets import edition_names, script_written_in

if TYPE_CHECKING:  # the comparison stage is loaded when a story is opened, not for the list
    from comparison.model import Comparison


@dataclass(frozen=True)
class StoryOutlets:
    """One story's editions: which one a comparison label or an article belongs to."""

    of_label: dict[str, str] = field(default_factory=dict)  # comparison label -> edition
    of_article: dict[str, str] = field(default_factory=dict)  # article id -> edition
    # edition -> the script its articles here are written in (articles.outlets.script_written_in):
    # what an edition's names and sources are written in, so they are shown as written.
    script_of: dict[str, str | None] = field(default_factory=dict)

    def of(self, article: Article) -> str:
        """``article``'s edition (its outlet's name when the story view did not list it)."""
        return self.of_article.get(article.id, article.outlet)

    def per_outlet(self, by_label: dict[str, list[str]], outlets: Iterable[str]) -> dict[str, list[str]]:
        """Merge a comparison's per-label lists (sources, names) into per-edition ones for ``outlets``."""
        merged: dict[str, list[str]] = {o: [] for o in outlets}
        for label, values in by_label.items():
            outlet = self.of_label.get(label)
            if outlet not in merged:
                continue
            for value in values:
                if value not in merged[outlet]:
                    merged[outlet].append(value)
        return merged


def story_outlets(articles: list[Article], comp: Comparison | None) -> StoryOutlets:
    edition = edition_names(articles)
    of_label = {}
    if comp is not None:
        from comparison.report import labels_by_id

        of_label = {label: edition[aid] for aid, label in labels_by_id(comp, articles).items() if aid in edition}
    scripts: dict[str, list[str | None]] = {}
    for a in articles:
        scripts.setdefault(edition[a.id], []).append(a.script)
    return StoryOutlets(of_label, edition, {name: script_written_in(s) for name, s in scripts.items()})
