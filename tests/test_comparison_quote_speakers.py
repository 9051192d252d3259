"""Chinese quotation speakers and quoted terms (made-up sentences): a speaker is a noun phrase that
can speak. Clause lead words and adverbs (并说, 也说, 还表示, 並說) leave the subject of an earlier
clause, resolved as a pronoun is; a preposition opening the span (对其逝世表示) too; a negated verb
(不再承认) or a demonstrative (这表示) gives no speaker. A short noun phrase in quotation marks with
no verb of speech at its marks (违反“某某法”, 接受“一中”原则) is a term, no quotation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from comparison.extract import extract_entities, extract_quotes

_SAID = "“我们会继续努力，直到完成全部工作。”"


def _quotes(text: str) -> list[tuple[str, str]]:
    found = extract_quotes(text, extract_entities(text))
    for q in found:
        assert text[q.start:q.end] == q.text
    return [(q.text, q.speaker) for q in found]


def test_a_lead_word_or_adverb_leaves_the_earlier_subject() -> None:
    assert _quotes(f"市长李明到场致辞，并说：{_SAID}") == [(_SAID, "李明")]
    assert _quotes(f"市長李明到場致辭，並說：{_SAID}") == [(_SAID, "李明")]  # Traditional script
    assert _quotes(f"市长李明到场致辞。也说：{_SAID}") == [(_SAID, "李明")]
    assert _quotes(f"市长李明到场致辞，还表示：{_SAID}") == [(_SAID, "李明")]
    assert _quotes(f"李明也说：{_SAID}") == [(_SAID, "李明")]


def test_a_preposition_negation_or_demonstrative_is_no_speaker() -> None:
    text = "市长李明发表声明，对其逝世表示“深切哀悼和沉痛悼念之情”。"
    assert _quotes(text) == [("“深切哀悼和沉痛悼念之情”", "李明")]
    assert _quotes(f"这表示：{_SAID}") == [(_SAID, "")]
    assert _quotes("协会即日起不再承认“学生代表委员会的地位和一切权力”。") == [
        ("“学生代表委员会的地位和一切权力”", "")]
    assert _quotes("协会即日起不再承认“学生代表委员会”。") == []


def test_a_person_before_de_is_no_speaker() -> None:
    assert _quotes(f"市长李明的发言人说：{_SAID}") == [(_SAID, "市长李明的发言人")]


def test_scare_quoted_terms_are_no_quotations() -> None:
    assert _quotes("警方表示，该男子违反“国安法”，已被拘捕。") == []
    assert _quotes("官员强调，双方都接受“一中”原则。") == []
    assert _quotes("官员强调，“一中”是基础。") == []
    assert _quotes("评议会通过议案，称死者为“烈士”。") == []
    # A short quotation said right at its marks stays one.
    assert _quotes("官员强调：“谣言”。") == [("“谣言”", "官员")]
    assert _quotes("“谣言”，官员说。") == [("“谣言”", "官员")]
    assert _quotes("官员强调：“我们不退让”。") == [("“我们不退让”", "官员")]


_LEADS = ["并", "並", "也", "还", "而且", "同时", "此外"]
_VERBS = ["说", "表示", "强调", "指出"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_LEADS), st.sampled_from(_VERBS), st.sampled_from(["，", "。"]))
def test_no_function_word_is_a_speaker(lead: str, verb: str, mark: str) -> None:
    text = f"市长李明到场致辞{mark}{lead}{verb}：{_SAID}"
    speakers = [speaker for _, speaker in _quotes(text)]
    assert speakers and all(s in ("李明", "") for s in speakers)


_TERMS = ["烈士", "暴徒", "九二共识", "恐怖主义", "一国两制", "白色恐怖"]
_FRAMES = ["官员表示，双方都违反{t}规定。", "警方指出，该组织宣扬{t}思想。", "议会通过决议，追授他{t}称号。"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_TERMS), st.sampled_from(_FRAMES))
def test_a_term_inside_a_clause_is_no_quotation(term: str, frame: str) -> None:
    text = frame.format(t=f"“{term}”")
    assert _quotes(text) == []
    said = f"官员说：“{term}”。"
    assert [q for q, _ in _quotes(said)] == [f"“{term}”"]


def test_a_speaker_referring_back_is_resolved_as_a_pronoun() -> None:
    text = f"东部战区新闻发言人张建国周一发表声明。这位发言人说：{_SAID}"
    assert _quotes(text) == [(_SAID, "张建国")]
    assert _quotes(f"这名官员说：{_SAID}") == [(_SAID, "unnamed (这名官员)")]
    assert _quotes(f"该国政府说：{_SAID}") == [(_SAID, "该国政府")]  # 该 refers to a place


def test_a_term_after_a_verb_of_speech_in_its_clause_is_quoted_in_part() -> None:
    assert _quotes("某国国防部称是“严重的挑衅行动”。") == [("“严重的挑衅行动”", "某国国防部")]


def test_a_person_cited_through_de_hua_is_the_speaker() -> None:
    text = "某战区公众号援引张建国的话说：“敦促对方立即停止此类挑衅行为。”"
    assert _quotes(text) == [("“敦促对方立即停止此类挑衅行为。”", "张建国")]


def test_an_elided_subject_is_the_sentences_not_the_previous_sentences() -> None:
    # The clause before names a council (no person): the dead man of the sentence before is no speaker.
    text = ("男子李明伤人后身亡。学生评议会在本月7日通过动议，对李明身亡表示“深切哀悼和沉痛悼念之情”。")
    assert not any(speaker == "李明" for _, speaker in _quotes(text))  # a short one with none: dropped
    text = "男子李明伤人后身亡。学生评议会通过动议，对李明身亡表示“深切哀悼，并感谢他为本地作出的牺牲”。"
    assert _quotes(text) == [("“深切哀悼，并感谢他为本地作出的牺牲”", "")]


def test_a_persons_speech_and_a_bracketed_speaker() -> None:
    assert _quotes(f"张建国的讲话中称：{_SAID}") == [(_SAID, "张建国")]
    assert _quotes(f"张建国的律师说：{_SAID}") == [(_SAID, "张建国的律师")]
    text = "某国海军是根据国际法，在某群岛（某国称“南方群岛”）执行航行。"
    assert all(speaker in ("某国", "") for _, speaker in _quotes(text))


def test_a_pronoun_after_a_sentence_opened_by_a_topic_phrase_is_its_subject() -> None:
    # 对于…，X…。他说：the previous sentence's subject follows its topic phrase (made-up names).
    assert _quotes(f"对于发生这种事情，王立强归因于前年的动乱。他说：{_SAID}") == [(_SAID, "王立强")]
    assert _quotes(f"關於這次事件，王立強表示遺憾。他說：{_SAID}") == [(_SAID, "王立強")]
    assert _quotes(f"对此，王立强表示遗憾。他说：{_SAID}") == [(_SAID, "王立强")]
    # 对 alone opens names (对外联络部) as often as a phrase: a clause opened by it is read as before.
    assert _quotes(f"对外联络部部长王立强周一发言。他说：{_SAID}") == [(_SAID, "王立强")]
