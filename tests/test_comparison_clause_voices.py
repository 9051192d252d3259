"""Chinese voices that are clauses, not noun phrases (made-up sentences): a passive (男子被证实) names
no voice but its agent (被警方证实: 警方), a subject and a verb the voice window ran into (警方指她
涉嫌…, 某国在某地建造专家所说的…) name none, and a verb of speech opening a longer word (称颂, 说服)
opens no voice; a verb modifying a head through 的 (负责调查的官员) or an office's (在任总统) stays."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from comparison.extract import extract_all

_WHEN = datetime(2021, 7, 1, tzinfo=UTC)


def _voices(text: str) -> list[str]:
    found = extract_all(text, _WHEN).attributions
    for a in found:
        assert text[a.start:a.end] == a.text
    return [a.text for a in found]


def test_a_passive_names_its_agent_or_no_voice() -> None:
    assert _voices("该名袭击警察男子被证实已经死亡。") == []
    assert _voices("一名男子被证实已经死亡。") == []
    assert _voices("该名男子被警方证实已经死亡。") == ["警方"]
    assert _voices("办事处人员又被强迫签署文件并表示支持。") == []


def test_a_clause_is_no_voice() -> None:
    assert _voices("警方指她涉嫌宣传和称颂恐怖主义。") == []
    assert _voices("警方一度举黄旗警告示威者。") == []
    assert _voices("某国在西部的沙漠地区建造独立专家所说的导弹发射井。") == []


def test_noun_phrases_with_verbs_stay_voices() -> None:
    assert _voices("负责调查的官员说，尚无结论。") == ["负责调查的官员"]
    assert _voices("在任总统说，不会辞职。") == ["在任总统"]
    assert _voices("某国环境厅（相当于环境署）表示，共有35人受伤。") == ["某国环境厅（相当于环境署）"]
    assert _voices("通讯社援引当地官员的话说，5人死亡。") == ["通讯社援引当地官员"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["该名男子", "两名示威者", "一名司机"]), st.sampled_from(["证实", "宣布", "指出"]))
def test_no_passive_subject_is_a_voice(subject: str, verb: str) -> None:
    assert _voices(f"{subject}被{verb}已经离开。") == []
    assert _voices(f"{subject}被警方{verb}已经离开。") == ["警方"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["称颂", "称赞", "说服"]), st.sampled_from(["警方", "市政府", "委员会"]))
def test_a_word_opening_with_a_verb_of_speech_opens_no_voice(word: str, body: str) -> None:
    assert _voices(f"{body}{word}这些志愿者。") == []
