"""The trapped are a count of their own (session 42, helper h42d): 20人被困 holds the dead and the
rescued, so it is not set against a toll of the dead or the injured (subjects.other_casualties), as
the missing are not. Were contradictions: a figure with no event word took any casualty count of
another outlet. The hospitalized stay read as the injured (the development annotators read 50人送医
vs 40多人受伤 as one count that differs). Made-up sentences; no labeled story is quoted."""

from __future__ import annotations

import pytest

from comparison.lexicons.categories import EVENTS
from comparison.numbers import extract_quantities
from tests.comparison_helpers import number_contradictions


@pytest.mark.parametrize(("first", "second", "language"), [
    ("周一下午仓库坍塌，官方称已造成12人遇难，搜救仍在进行。", "周一下午仓库坍塌，官方称现场共有20人被困，搜救仍在进行。", "zh"),
    ("周一下午仓库坍塌，官方称已造成12人遇难，搜救仍在进行。", "周一下午仓库坍塌，官方称前期发现有18名被困人员，搜救仍在进行。", "zh"),
    ("Twelve people were killed in the warehouse fire on Monday, officials said.",
     "Twenty people were trapped in the warehouse fire on Monday, officials said.", "en"),
])
def test_the_trapped_are_no_count_of_the_dead(first: str, second: str, language: str) -> None:
    assert number_contradictions(first, second, language=language) == []


def test_the_trapped_still_meet_the_trapped() -> None:
    found = number_contradictions("周一下午仓库坍塌，官方称现场共有20人被困。", "周一下午仓库坍塌，官方称现场共有25人被困。")
    assert len(found) == 1 and "trapped" in found[0], found


def test_the_words_are_read_around_a_figure() -> None:
    assert "trapped" in EVENTS and "hospitalized" not in EVENTS
    assert [q.text for q in extract_quantities("现场共有23人受困，其中8人送院治疗。")] == ["23人", "8人"]
