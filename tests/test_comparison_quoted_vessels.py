"""A name in quotation marks before a vessel's or a type's head (美军“某某”号, “某某”级), or with its 号
inside the marks (「某某號」), is no quotation (made-up sentences)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st


def test_a_quoted_name_before_its_ship_word_is_no_quotation() -> None:
    from comparison.extract import extract_quotes

    text = "海军发言人李明远周一表示，对于某国“海鹰”号驱逐舰进入该海域，军方予以警告。发言人说“这是挑衅行为”。"
    assert [q.text for q in extract_quotes(text)] == ["“这是挑衅行为”"]
    text = "发言人说，某国“海鹰”级驱逐舰已经离开。"
    assert [q.text for q in extract_quotes(text)] == []
    text = "發言人說，某國「海鷹號」驅逐艦已經離開。"  # the head inside the marks, Traditional script
    assert [q.text for q in extract_quotes(text)] == []
    # 号召 is a verb: the marks quote the words said (words with a verb: a bare noun there is a
    # term the writer sets off, comparison.extract._scare_quoted_term).
    text = "发言人说，“守护家园”号召大家回家。"
    assert [q.text for q in extract_quotes(text)] == ["“守护家园”"]


@given(st.text(alphabet="海鹰长风远航和平光明星辰", min_size=2, max_size=6), st.sampled_from(["号", "级", "型", "舰", "轮"]))
def test_no_quoted_name_before_a_head_is_a_quotation(name: str, head: str) -> None:
    from comparison.extract import extract_quotes

    text = f"发言人说，某国“{name}”{head}驱逐舰已经离开港口。"
    assert extract_quotes(text) == []


def test_a_first_persons_words_before_a_head_noun_stay_a_quotation() -> None:
    """_quoted_name keeps “我们不退让”行动起来 as speech (a first person speaks), but the vessel
    rule, a second home of the head-noun rule without that check, dropped it again."""
    from comparison.extract import extract_quotes

    text = "抗议领袖王明对记者说，“我们不退让”行动起来的人越来越多。"
    assert [(q.text, q.speaker) for q in extract_quotes(text)] == [("“我们不退让”", "抗议领袖王明")]
