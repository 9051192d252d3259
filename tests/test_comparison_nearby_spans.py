"""Names and places near a distance (docs._anchor_distances) are found by bisection: the spans a
figure looks at are those near it, not every span of the article (bounded cost on a long one)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from comparison.docs import _Nearby
from tests.comparison_helpers import read_counting


@dataclass
class _Span:
    start: int
    end: int


def _brute(items: list[_Span], start: int, end: int, reach: int) -> list[_Span]:
    return [x for x in items if abs(x.start - end) <= reach or abs(start - x.end) <= reach]


def test_nearby_spans_are_those_a_scan_of_all_finds() -> None:
    rng = random.Random(4)
    items = [_Span(s, s + rng.randint(1, 30)) for s in (rng.randint(0, 5000) for _ in range(400))]
    rng.shuffle(items)
    nearby = _Nearby(items)
    for _ in range(300):
        start = rng.randint(0, 5000)
        end = start + rng.randint(1, 12)
        for reach in (20, 40):
            assert nearby.within(start, end, reach) == _brute(items, start, end, reach)


def test_each_figure_reads_only_the_spans_near_it() -> None:
    Counted, counter = read_counting(_Span, "end")  # the nearness test reads a span's end
    n = 3000
    items = [Counted(100 * i, 100 * i + 10) for i in range(n)]
    nearby = _Nearby(items)
    counter.reads = 0
    for i in range(600):  # 600 distances, each with one name 30 characters after it
        assert len(nearby.within(100 * i - 40, 100 * i - 30, 40)) == 1
    assert counter.reads <= 600 * 3  # a few spans per figure, not all 3,000
