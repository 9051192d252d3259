"""The figure-pair model's value distance of a range open above (许多, 多名, many: 2..inf): the
distance to the range (0 for a figure inside it), not the farthest (figure_pairs.log_ratio), so
许多抗议者 is never farther from 40 protesters than any figure; an open range is no figure's nearest value.
Made-up sentences."""

from __future__ import annotations

import dataclasses
import math

from comparison import compare
from comparison.figure_pairs import log_ratio
from comparison.numbers import extract_quantities
from tests.comparison_helpers import article, of_type


def test_many_protesters_never_contradict_forty_protesters_across_languages() -> None:
    """Whether 许多抗议者 and 40 protesters are one fact is the fitted model's call: session 43's
    refit weighs an overlap of a figure in words only (wordy_overlap) against the pair (development
    annotators rarely marked 数十人 vs 44), so it may be no finding; it is never a contradiction."""
    comparison = compare([
        article("a", "甲报", "许多抗议者周日走上哈瓦那街头，要求政府下台。", language="zh"),
        article("b", "Outlet B", "40 protesters took to the streets of Havana on Sunday, demanding the government resign."),
    ])
    precision = of_type(comparison, "number", "precision")
    assert all("甲报 is vaguer" in f.why for f in precision)
    assert of_type(comparison, "number", "contradiction") == []


def test_distance_to_an_open_range() -> None:
    (many,) = [q for q in extract_quantities("警方拘留了许多抗议者。") if q.unquantified]
    (several,) = extract_quantities("警方拘留了多名抗议者。")
    (forty,) = extract_quantities("警方拘留了40名抗议者。")
    one = dataclasses.replace(forty, low=1.0, high=1.0)
    assert log_ratio(many, forty) == log_ratio(forty, many) == 0.0
    assert math.isclose(log_ratio(several, one), math.log10(2))
    assert log_ratio(many, several) == 3.0  # two open ranges: no finding anyway
    assert log_ratio(many, forty, to_open_range=False) == 3.0  # (which value is nearest)
