"""A short name or term in Chinese quotation marks is no quotation: a ship, an operation, a plan or
an organisation named in them (“XX”号, “XX”行动, “XX”计划, “XX”组织), or a term a naming word or
所谓 introduces (所谓“XX”, 名为“XX”). Before, with a speaker earlier in the sentence, such a name was
read as that speaker's quoted words. Quoted speech, even short, stays a quotation. Made-up
sentences; no labeled story is quoted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison.extract import extract_quotes
from comparison.lexicons.reporting import NAME_IN_QUOTES_AFTER_ZH, QUOTED_TERM_BEFORE_ZH

NAMES = st.text(alphabet="海星远航明光华泰安瑞青龙长虹金鹰", min_size=2, max_size=6)
SPEAKERS = ["运河管理局发言人周一说，", "海事部门负责人对记者表示，", "外交部发言人在记者会上说，"]


@given(NAMES, st.sampled_from(SPEAKERS), st.sampled_from(NAME_IN_QUOTES_AFTER_ZH))
def test_a_name_before_its_head_noun_is_no_quotation(name: str, speaker: str, head: str) -> None:
    text = f"{speaker}“{name}”{head}已于当天下午抵达港口。"
    assert extract_quotes(text) == [], text


@given(NAMES, st.sampled_from(SPEAKERS), st.sampled_from(QUOTED_TERM_BEFORE_ZH))
def test_a_term_after_a_naming_word_is_no_quotation(name: str, speaker: str, before: str) -> None:
    text = f"{speaker}{before}“{name}”根本不存在。"
    assert extract_quotes(text) == [], text


def test_quoted_speech_stays_a_quotation() -> None:
    for text in ["运河管理局发言人周一说：“我们会尽快恢复通航。”",
                 "发言人说，“绝不退让”。",
                 "他表示：“计划如期推进，船只已经离港。”",
                 "发言人说：“号召大家保持冷静”是必要的。"]:
        (quote,) = extract_quotes(text)
        assert quote.speaker, text


def test_a_long_quotation_before_a_head_word_stays_a_quotation() -> None:
    text = "发言人说：“这是一次规模空前的联合救援，我们动员了全部力量”行动组成员都很疲惫。"
    assert len(extract_quotes(text)) == 1
