"""One group's count of a breakdown by group (28名军人和2名平民, "28 soldiers and two civilians")
against another outlet's count of people of no group (30人遇难, "30 people were killed") with another
value: a part and its whole, no contradiction (session 42, helper h42d: were 45人 vs 42名军人 and
17人 vs 2位平民 on one crash). A group counted alone still meets a count of everyone. Made-up
sentences; no labeled story is quoted."""

from __future__ import annotations

import pytest

from comparison import compare
from comparison.docs import build_docs
from comparison.findings.quantity import group_parts
from tests.comparison_helpers import article, number_contradictions, of_type


@pytest.mark.parametrize(("first", "second", "language"), [
    ("周日一架军机在岛上坠毁，目前已确认有30人遇难。", "周日一架军机在岛上坠毁，死亡人数包括28名军人和2名平民。", "zh"),
    ("周日一架军机在岛上坠毁，目前已确认有17人遇难。", "周日一架军机在岛上坠毁，已有28名军人遇难。地面上另有2名平民遇难。", "zh"),
    ("周日一架军机在岛上坠毁，目前已确认40多人受伤。", "周日一架军机在岛上坠毁，已有28名军人遇难。地面上另有4名平民受伤。", "zh"),
    ("A military plane crashed on the island on Sunday, and 30 people were killed.",
     "A military plane crashed on the island on Sunday, killing 28 soldiers and two civilians.", "en"),
])
def test_a_group_of_a_breakdown_is_no_count_of_everyone(first: str, second: str, language: str) -> None:
    assert number_contradictions(first, second, language=language) == []


def test_the_parts_are_the_groups_of_a_breakdown_only() -> None:
    doc = build_docs([article("gc", "Outlet C", "周日军机坠毁，死亡人数包括28名军人和2名平民，另有40人受伤。",
                              language="zh")])[0]
    texts = [q.text for q in doc.facts.quantities]
    assert sorted(texts[i] for i in group_parts(doc)) == ["28名", "2名"]
    alone = build_docs([article("gd", "Outlet D", "周日军机坠毁，已有28名军人遇难。", language="zh")])[0]
    assert group_parts(alone) == set()


def test_a_group_alone_still_meets_everyone() -> None:
    # the same figures with no breakdown: the equal values agree as before
    a = article("ge", "Outlet E", "周日一架军机在岛上坠毁，目前已确认有30人遇难。", language="zh")
    b = article("gf", "Outlet F", "周日一架军机在岛上坠毁，已有30名军人遇难。", language="zh")
    kinds = [f.kind for f in of_type(compare([a, b], use_dense=False), "number") if f.kind != "unique"]
    assert "contradiction" not in kinds


def test_the_parts_are_found_in_one_pass() -> None:
    # a list of many groups: each figure's sentence is looked up a bounded number of times, no
    # scan of the article per figure
    groups = "，".join(f"{n}名军人和{n}名平民" for n in range(1, 60))
    doc = build_docs([article("gg", "Outlet G", f"周日军机坠毁，死亡人数包括{groups}。", language="zh")])[0]
    calls = 0
    lookup = doc.sentence_at

    def counting(offset: int) -> int:
        nonlocal calls
        calls += 1
        return lookup(offset)

    doc.sentence_at = counting
    assert len(group_parts(doc)) >= 100
    assert calls <= 2 * len(doc.facts.quantities)
