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


def test_two_voices_of_one_sentence_each_credit_their_figure() -> None:
    """One sentence giving two voices' figures (美联社说…10人…，法新社则说13人; "Reuters reported 10
    …, while AP said 13"; 据路透社报道，警方说… / 卫生部说…: the agency relays two voices): each figure
    is its nearest voice's, so 10 is set against the other outlet's 13 (it was the sentence's
    first voice for both, two counts of the outlet's)."""
    cases = [(["美联社说爆炸造成至少10人死亡，法新社则说爆炸造成13人死亡。"], "zh"),
             (["据路透社报道，警方说爆炸造成至少10人死亡。", "据路透社报道，卫生部说爆炸造成13人死亡。"], "zh"),
             (["Reuters reported 10 people were killed in the blast, while AP said 13 people were killed."], "en")]
    for first, language in cases:
        second = ["警方表示，爆炸造成13人死亡。"] if language == "zh" else ["Officials said 13 people were killed in the blast."]
        found = _number_findings(first, second, language=language)
        assert any(f.kind == "contradiction" and "10" in f.why and "13" in f.why for f in found), (first, [f.why for f in found])


def _voices_doc(n_sentences: int, rng, attribution_class=None):
    """A stand-in Doc: sentences of 100 characters, voices and figures at random offsets."""
    from types import SimpleNamespace

    from comparison.docs import Doc
    from comparison.slots import Attribution

    made = attribution_class or Attribution
    attributions = [made(s, s + 3, "x", "other", f"voice{s % 7}")
                    for s in rng.sample(range(0, 100 * n_sentences, 2), n_sentences)]
    quantities = [SimpleNamespace(start=s) for s in rng.sample(range(1, 100 * n_sentences, 2), n_sentences)]
    sentences = [SimpleNamespace(start=100 * k, end=100 * k + 99) for k in range(n_sentences)]
    return Doc(article=None, group=0, label="a", sentences=sentences,
               facts=SimpleNamespace(attributions=attributions, quantities=quantities))


def test_each_figure_is_credited_to_its_nearest_voice_of_its_sentence() -> None:
    """figure_voices against its definition, by a scan of all voices per figure."""
    import random

    from comparison.findings.quantity import figure_voices

    rng = random.Random(7)
    doc = _voices_doc(60, rng)
    for q, voice in zip(doc.facts.quantities, figure_voices(doc), strict=True):
        k = q.start // 100
        inside = sorted((a for a in doc.facts.attributions if 100 * k <= a.start < 100 * k + 99), key=lambda a: a.start)
        before = [a for a in inside if a.start < q.start]
        after = [a for a in inside if a.start >= q.start]
        expected = before[-1].who if before else after[0].who if after else None
        assert voice == (expected if q.start % 100 != 99 else None)


def test_figure_voices_read_each_voice_a_few_times() -> None:
    """A hostile article of 3,000 figures and 3,000 voices: a few reads of each voice's start,
    not one per figure and voice."""
    import random

    from comparison.findings.quantity import figure_voices
    from comparison.slots import Attribution
    from tests.comparison_helpers import read_counting

    Counted, counter = read_counting(Attribution, "start")
    doc = _voices_doc(3000, random.Random(3), Counted)
    counter.reads = 0
    figure_voices(doc)
    assert counter.reads <= 6 * 3000
