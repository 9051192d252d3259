"""Chinese voices as outlets of different stances write them (made-up sentences): a warning given as
an action (予以警告) is no speech, a voice ends before an adverb or a time word and never opens with
据 or a dateline's remains, a condition (如果警方认为) cites no one, and a medium citing a named person
(援引李明远的话) gives that person's voice."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison.slots import extract_attributions
from comparison.text import to_simplified
from tests.comparison_helpers import chinese_voices

_voices = chinese_voices


def test_a_warning_given_as_an_action_is_no_speech() -> None:
    # 予以/加以 + a verb of speech: the verb is the light verb's object (an action), not a voice's verb.
    text = "某国海军司令部组织兵力进行跟踪监视并予以警告驱离。"
    assert _voices(text) == []
    assert _voices("某国海军司令部发言人说，舰艇已离开。") == ["某国海军司令部发言人"]
    text = "该部发言人对这一指控加以否认。"
    assert _voices(text) == []
    text = "某国海岸警卫队发言人警告说，将采取行动。"  # a verb of speech still opens a voice
    assert _voices(text) == ["某国海岸警卫队发言人"]


# (sentence, its one voice): an adverb, a time word or a verb of replying ends the voice.
VOICE_ENDS = {
    "相关官员一再表示，不会退让。": "相关官员",
    "市政府发言人再次强调，道路已经开放。": "市政府发言人",
    "多国官员纷纷表示，欢迎这一决定。": "多国官员",
    "交通委员会午间发布声明说，桥梁关闭。": "交通委员会",
    "该国裁军大使今年5月表示，愿意对话。": "该国裁军大使",
    "委员会发言人李明远回应表示，不予置评。": "委员会发言人李明远",
}


def test_a_voice_ends_before_an_adverb_or_a_time_word() -> None:
    for sentence, voice in VOICE_ENDS.items():
        assert _voices(sentence) == [voice], sentence


@given(st.sampled_from(["一再", "再次", "纷纷", "一度", "又", "还", "亦", "也", "则"]),
       st.sampled_from(["表示", "说", "强调", "指出"]))
def test_no_adverb_ends_a_voice(adverb: str, verb: str) -> None:
    text = f"港口管理局发言人{adverb}{verb}，码头照常运作。"
    assert _voices(text) == ["港口管理局发言人"]


def test_a_condition_cites_no_one_and_a_citing_word_opens_no_voice() -> None:
    assert _voices("市长称，如果警方认为有必要，市府会配合。") == ["市长"]
    assert _voices("她说假如法院认为证据不足，案件会撤销。") == []
    assert "据警方" not in _voices("男子被捕后，据警方表示，他已被送院。")
    assert _voices("男子被捕后，据警方表示，他已被送院。") == ["警方"]


@given(st.sampled_from(["表示", "说", "强调", "指出"]))
def test_yaoshi_inside_a_word_is_no_condition(verb: str) -> None:
    # 要是 is "if" only as a word: 卫生部长主要是强调 is the minister's voice (it was dropped);
    # 主要是 is an adverb between the voice and its verb, as 一再. (只要是 is a condition itself,
    # "as long as": no voice, as 要是 alone.)
    assert _voices(f"卫生部长主要是{verb}，疫苗供应充足。") == ["卫生部长"]
    assert _voices(f"卫生部长只要是{verb}，疫苗供应就充足。") == []
    assert _voices(f"要是卫生部长{verb}，疫苗供应充足。") == []


def test_a_voice_never_opens_with_the_remains_of_a_dateline() -> None:
    text = "（某通讯社某市7月12日 - 某国海军新闻发言人李明远说，舰艇已离开。"
    assert _voices(text) == ["某国海军新闻发言人李明远"]
    text = "2日 - 港口管理局说，码头照常运作。"
    assert _voices(text) == ["港口管理局"]


def test_a_medium_citing_a_person_gives_that_persons_voice() -> None:
    from comparison.extract import extract_all
    from tests.comparison_helpers import PUBLISHED

    text = "某国东部战区官方微信公众号援引李明远的话说，舰艇已离开。"
    voices = [(a.text, a.kind) for a in extract_all(text, PUBLISHED).attributions]
    assert voices == [("李明远", "person")]


def test_a_voice_referring_back_takes_the_voice_named_before() -> None:
    text = "外交部表示，反对这一决定。该部还说，会作出回应。"
    found = extract_attributions(text, to_simplified(text), False)
    assert [(a.text, a.who) for a in found] == [("外交部", "外交部"), ("该部", "外交部")]
    assert _voices("该发言人表示，舰艇已被驱离。") == []  # no voice before it: none of its own
    assert _voices("该国政府表示，反对这一决定。") == ["该国政府"]  # 该 refers to a place


@given(st.sampled_from(["这位", "这名", "该名", "该"]), st.sampled_from(["发言人", "官员"]),
       st.sampled_from(["说", "表示", "强调"]))
def test_an_anaphoric_voice_is_never_a_voice_of_its_own(determiner: str, head: str, verb: str) -> None:
    text = f"港口管理局{head}李明远说，码头照常运作。{determiner}{head}{verb}，船只可以停靠。"
    found = extract_attributions(text, to_simplified(text), False)
    assert len({a.who for a in found}) == 1, [(a.text, a.who) for a in found]
