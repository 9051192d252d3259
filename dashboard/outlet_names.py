"""Which outlet each name in a story view stands for.

The story view's columns are outlets by their canonical name (``Article.outlet``, the identity
the comparison groups by), shown by the name their readers know
(:func:`articles.outlets.outlet_labels`: Reuters when all its articles here are English). The
comparison keys its sources, naming and quotes by article labels ("Reuters", "路透 (07-05 12:00)"),
so each label is mapped back to its article's outlet here, never by matching name prefixes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from articles.model import Article
from articles.outlets import outlet_labels
from comparison.model import Comparison
from comparison.report import labels_by_id


@dataclass(frozen=True)
class StoryOutlets:
    """One story's outlets: how to show each, and which outlet a label or article belongs to."""

    shown: dict[str, str] = field(default_factory=dict)  # canonical outlet -> name to show
    of_label: dict[str, str] = field(default_factory=dict)  # comparison label -> canonical outlet
    of_article: dict[str, str] = field(default_factory=dict)  # article id -> canonical outlet

    def name(self, outlet: str) -> str:
        return self.shown.get(outlet, outlet)

    def per_outlet(self, by_label: dict[str, list[str]], outlets: Iterable[str]) -> dict[str, list[str]]:
        """Merge a comparison's per-label lists (sources, names) into per-outlet ones for ``outlets``."""
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
    by_id = {a.id: a for a in articles}
    of_label = {}
    if comp is not None:
        of_label = {label: by_id[aid].outlet for aid, label in labels_by_id(comp, articles).items()}
    return StoryOutlets(outlet_labels(articles), of_label, {a.id: a.outlet for a in articles})
