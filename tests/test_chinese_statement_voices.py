"""Chinese voices of statements and of compiled reports (made-up text).

Verbs of a statement (公布, 解读, 通报, 指: lexicons.reporting.STATEMENT_VERBS_ZH) make a voice only
before the comma or colon opening what was stated; with an object they are actions. A word between a
cited body and its record (最新, 官方: RECORD_MODIFIERS_ZH) is no part of the body, 综合X报道 cites X,
and news sites of state media (新华网, 中新网) are press voices."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from comparison.extract import extract_all

WHEN = datetime(2021, 2, 9, tzinfo=UTC)


def _voices(text: str) -> list[tuple[str, str]]:
    return [(a.who, a.kind) for a in extract_all(text, WHEN).attributions]


@pytest.mark.parametrize(("text", "who"), [
    ("某省统计局周二公布，1月工业产值增长3.2%。", "某省统计局"),
    ("某省统计局今天公布：1月工业产值增长3.2%。", "某省统计局"),
    ("某市应急管理局指，本轮降雨已致300人受灾。", "某市应急管理局"),
    ("某部门通报，共有5条河流超过警戒水位。", "某部门"),
    ("某统计局高级统计师张某解读，1月食品价格下降2.1%。", "某统计局高级统计师张某"),
])
def test_a_statement_verb_before_its_comma_makes_a_voice(text: str, who: str) -> None:
    assert (who, "official") in _voices(text) or any(w == who for w, _ in _voices(text)), _voices(text)


@pytest.mark.parametrize("text", [
    "某省统计局周二公布了1月数据。",
    "他用手指，示意大家安静。",
    "这种说法所指，并非某一个人。",
    "某部门通报批评了三家企业。",
])
def test_with_an_object_or_inside_a_word_no_voice(text: str) -> None:
    assert _voices(text) == []


def test_a_record_modifier_is_no_part_of_the_body() -> None:
    assert ("某省统计局", "official") in _voices("根据某省统计局最新消息，1月工业产值增长3.2%。")


def test_a_compiled_report_and_news_sites_are_cited() -> None:
    facts = extract_all("据新华网报道，某地300人受灾。综合某某01和某报报道，事件发生在昨晚。", WHEN)
    assert ("新华网", "agency") in [(a.who, a.kind) for a in facts.attributions]
    assert "新华网" in [s.source for s in facts.sources]
    facts = extract_all("综合中新网报道，某地300人受灾。", WHEN)
    assert "中新网" in [s.source for s in facts.sources]


@pytest.mark.parametrize(("text", "who"), [
    ("某国外交部声明说，将采取必要措施。", "某国外交部"),
    ("某市应急管理局消息称，当日17时启动应急响应。", "某市应急管理局"),
    ("某省水利部门通报则指，共有16条河流超过警戒水位。", "某省水利部门"),
])
def test_a_bodys_record_speaking_is_the_bodys_voice(text: str, who: str) -> None:
    assert who in [w for w, _ in _voices(text)], _voices(text)


def test_a_datelines_compiled_wires_are_no_voice() -> None:
    # （某社某地13日综合外电报导）: the dateline's wires, furniture, no voice of the story.
    assert "外电" not in [w for w, _ in _voices("（某社某地13日綜合外電報導）某国一间医院发生大火，官员今天表示，3人死亡。")]


@pytest.mark.parametrize("text", ["综合以上报道，某地3人死亡。", "综合上述报道，某地3人死亡。", "综合各方报道，某地3人死亡。",
                                  "据多方消息，某地3人死亡。", "综合各种报道，某地3人死亡。"])
def test_a_determiner_cited_in_place_of_a_source_is_no_voice(text: str) -> None:
    # Second review: 综合X报道 (c1052e2) made 以上, 上述, 各方 voices ('other').
    assert _voices(text) == []


def test_a_body_named_with_a_determiner_is_still_a_voice() -> None:
    assert ("有关部门", "official") in _voices("有关部门通报，某地3人受伤。")
