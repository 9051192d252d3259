"""comparison.findings.attribution: who the same claim is credited to."""

from comparison import compare
from tests.comparison_helpers import article, of_type


def test_other_voice_for_the_same_claim_is_framing():
    a = article("aa", "Outlet A", "About 200 prisoners escaped from the jail on Wednesday, a provincial official said.")
    b = article("ab", "Outlet B", "About 200 prisoners escaped from the jail on Wednesday, sources said.")
    found = of_type(compare([a, b], use_dense=False), "attribution")
    assert [f.kind for f in found] == ["framing"]
    assert "official" in found[0].why and "anonymous" in found[0].why


def test_cited_agencies_are_listed_per_outlet():
    a = article("ac", "Outlet A", "据路透社报道，约有200名囚犯从监狱逃脱。", language="zh")
    b = article("ad", "Outlet B", "About 200 prisoners escaped from the jail, Reuters reported.")
    comparison = compare([a, b], use_dense=False)
    assert comparison.sources == {"Outlet A": ["路透社"], "Outlet B": ["路透社"]}


def test_one_voice_with_other_words_around_it_is_no_framing():
    from comparison.findings.attribution import _same_voice

    assert _same_voice("香港警方国家安全处高级警司李桂华", "警方国家安全处高级警司李桂华下午会见传媒")
    assert not _same_voice("以色列外交部", "伊朗外交部")  # a shared 外交部 is no shared voice
    assert not _same_voice("美国国务院发言人", "美国国防部发言人")


def test_a_voice_starts_after_a_dateline_and_after_a_clause_word():
    from comparison.slots import extract_attributions
    from comparison.text import to_simplified

    text = "（法新社菲律宾可塔巴托4日电） 菲律宾官员说，飞机坠毁。"
    assert [a.text for a in extract_attributions(text, to_simplified(text), False)] == ["菲律宾官员"]
    text = "警方（PNH）发言人说，嫌犯已被捕。"  # a gloss is no dateline
    assert [a.text for a in extract_attributions(text, to_simplified(text), False)] == ["警方（PNH）发言人"]
    text = "Helicopters ferried the injured to hospital but the authorities said the toll would rise."
    assert [a.text for a in extract_attributions(text, text, True)] == ["the authorities"]
