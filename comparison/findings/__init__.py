"""Findings come from one registry of small producers, one module each.

A producer reads the story's :class:`Context` (documents with their claims and
facts, the claim alignment) and the findings of the producers before it, and
returns its own findings. A new kind of difference is one new module with a
``produce(ctx, earlier)`` function, added to the list :func:`producers` returns
(before ``unique``, which runs last); CONTRIBUTING.md walks through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from comparison.docs import Doc
from comparison.model import Finding


@dataclass
class Context:
    """What every producer reads: the documents and how their sentences align."""

    docs: list[Doc]
    sim: object  # comparison.align.SimilarityModel over the flat sentence list
    flat: list[tuple[int, int]]  # (doc, sentence) of each row of sim
    index_of: dict[tuple[int, int], int]
    aligned: dict[tuple[int, int], dict[int, tuple[int, float]]]  # best counterpart per other article
    naming: list[dict] = field(default_factory=list)  # filled by the naming producer
    # (doc, figure, later doc of the same outlet, its figure) of one fact in one outlet's reports
    # of two times (comparison.report_times); filled by the quantity producer, None until then.
    same_outlet: list[tuple[int, int, int, int]] | None = None

    @property
    def threshold(self) -> float:
        return self.sim.threshold

    def aligned_pairs(self):
        """Each aligned sentence pair once: (d1, k1, d2, k2)."""
        seen: set[frozenset] = set()
        for (d1, k1), matches in self.aligned.items():
            for d2, (k2, _score) in matches.items():
                key = frozenset({(d1, k1), (d2, k2)})
                if key not in seen:
                    seen.add(key)
                    yield d1, k1, d2, k2

    def pairs_above_threshold(self, keep=None):
        """Each sentence pair of two outlet groups that passes the alignment threshold, best
        counterpart or not (d1, k1, d2, k2; once, d1 < d2), where ``keep(d, k)`` holds for both
        sentences. A sentence may restate parts of two sentences of another report (the day in
        one, the hour in the next): a producer comparing one slot reads all of them, the
        alignment keeps the best."""
        import numpy as np

        rows = [i for i, (d, k) in enumerate(self.flat) if keep is None or keep(d, k)]
        if len(rows) < 2:
            return
        sub = self.sim.matrix[np.ix_(rows, rows)]
        for a, b in zip(*np.nonzero(np.triu(sub >= self.threshold, 1)), strict=True):
            (d1, k1), (d2, k2) = self.flat[rows[a]], self.flat[rows[b]]
            if d1 != d2 and self.docs[d1].group != self.docs[d2].group:
                yield (d1, k1, d2, k2) if d1 < d2 else (d2, k2, d1, k1)

    def slot_pairs(self, holds):
        """The aligned sentence pairs, and every other pair past the alignment threshold whose
        sentences both hold a slot (``holds(d, k)``: a time or a place stated once in a
        sentence that restates two of another report's), each once, as (d1, k1, d2, k2,
        aligned). Only an aligned (best) pair may contradict: a pair that is not either
        sentence's best counterpart is evidence enough for compatible values, not for
        incompatible ones."""
        pairs, seen = [], set()
        aligned = [(*p, True) for p in self.aligned_pairs()]
        for d1, k1, d2, k2, best in [*aligned, *((*p, False) for p in self.pairs_above_threshold(holds))]:
            key = frozenset({(d1, k1), (d2, k2)})
            if key not in seen:
                seen.add(key)
                pairs.append((d1, k1, d2, k2, best))
        return pairs

    def score(self, d1: int, k1: int, d2: int, k2: int) -> float:
        """How likely sentence k1 of doc d1 and k2 of d2 state the same claim."""
        if k1 < 0 or k2 < 0:
            return 0.0
        return self.sim(self.index_of[(d1, k1)], self.index_of[(d2, k2)])


Producer = Callable[[Context, list[Finding]], list[Finding]]


def producers() -> list[tuple[str, Producer]]:
    """(name, produce) in the order they run (unique last: it ranks what is left)."""
    from comparison.findings import (
        aliases,
        attribution,
        broader_places,
        descriptors,
        lists,
        naming,
        place,
        quantity,
        quote,
        renderings,
        spellings,
        time,
        titles_en,
        unique,
        updates,
    )

    return [(m.__name__.rsplit(".", 1)[-1], m.produce) for m in (quantity, updates, time, place, attribution, quote, naming,
                                                                 spellings, titles_en, aliases, descriptors, renderings,
                                                                 broader_places, lists, unique)]


def run_all(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for _name, produce in producers():
        findings += produce(ctx, findings)
    return findings
