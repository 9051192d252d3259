"""One outlet crediting two figures of one count to two voices reports its sources' disagreement,
not two counts: each figure is still set against another outlet's (made-up sentences)."""

from __future__ import annotations

from comparison import compare
from tests.comparison_helpers import article, exact, of_type

OPENING = {"zh": "周三，某省一辆客车发生爆炸。", "en": "A bus exploded in a provincial town on Wednesday."}


def _number_findings(first: list[str], second: list[str], language: str = "zh") -> list:
    a = article("a", "甲报", OPENING[language], *first, language=language)
    b = article("b", "乙台", OPENING[language], *second, language=language)
    comparison = compare([a, b], use_dense=False)
    exact(comparison, [a, b])
    return of_type(comparison, "number")


def test_two_figures_credited_to_two_voices_are_each_compared() -> None:
    """甲报 gives 路透社's 至少10人 and 法新社's 13人 dead; 乙台 says 13人: 10 against 13 is a
    contradiction (it was two counts of 甲报's own, so no finding)."""
    found = _number_findings(["路透社报道说，爆炸造成至少10人死亡。", "据法新社报道，爆炸造成13人死亡。"],
                             ["警方表示，爆炸造成13人死亡。"])
    contradictions = [f for f in found if f.kind == "contradiction"]
    assert contradictions and any("10" in f.why and "13" in f.why for f in contradictions), [f.why for f in found]
    assert any(f.kind == "agree" for f in found), [f.why for f in found]


def test_two_figures_of_one_voice_stay_two_counts() -> None:
    """The same two figures credited to one voice, or to none, are two counts of that outlet's
    (a definition since session 23): no contradiction."""
    for first in (["路透社报道说，爆炸造成至少10人死亡。", "路透社报道说，另有13人死亡。"],
                  ["爆炸造成至少10人死亡。", "另有13人死亡。"]):
        found = _number_findings(first, ["警方表示，爆炸造成13人死亡。"])
        assert not [f for f in found if f.kind == "contradiction"], [f.why for f in found]


def test_one_voice_written_two_ways_stays_one_voice() -> None:
    """警方 and 当地警方 / 警方发言人, "Police" and "a police spokesman", are one voice written two
    ways: its two figures stay two counts of the outlet's (they were two voices' disagreement, so
    10 against the other outlet's 13 was a false contradiction)."""
    for later in ("当地警方说，另有13人在医院死亡。", "警方发言人说，另有13人在医院死亡。"):
        found = _number_findings(["警方表示，爆炸造成至少10人死亡。", later], ["警方表示，爆炸造成13人死亡。"])
        assert not [f for f in found if f.kind == "contradiction"], (later, [f.why for f in found])
    found = _number_findings(["Police said 10 people were killed in the blast.",
                              "Another 13 people were killed in the blast, a police spokesman said."],
                             ["Officials said 13 people were killed in the blast."], language="en")
    assert not [f for f in found if f.kind == "contradiction"], [f.why for f in found]
