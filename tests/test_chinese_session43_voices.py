"""Voices listed with the enumeration comma and times opening a voice (session 43 review; made-up text).

A voice listed with 、 is a voice of its own with its whole name (卫生部、教育部和公安部表示: three),
also where a 和/与 stands inside a body's name (疾病控制与预防中心), where the list is longer than the
20-character voice window (its first body is no longer dropped), after an adverb of acting together
(联合表示) and before a medium's 报道 (路透社、美联社和法新社报道). A time opening the clause (此前, 稍早,
日前, 当地时间周三, 7月3日) is no part of the voice after it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from comparison import compare
from comparison.extract import extract_all
from tests.comparison_helpers import article

WHEN = datetime(2021, 7, 8, tzinfo=UTC)


def _voices(text: str) -> list[str]:
    facts = extract_all(text, WHEN)
    for a in facts.attributions:  # each span is the voice as written
        assert text[a.start:a.end] == a.text
    return [a.text for a in facts.attributions]


@pytest.mark.parametrize(("text", "voices"), [
    ("某国卫生部、教育部和公安部表示，学校将推迟开学。", ["某国卫生部", "教育部", "公安部"]),
    ("某国疾病控制与预防中心、某国食品药品监督管理局表示，将暂停使用该药。",
     ["某国疾病控制与预防中心", "某国食品药品监督管理局"]),
    ("警方、消防部门和医院表示，3人死亡。", ["警方", "消防部门", "医院"]),
    ("某省卫生健康委员会、某省应急管理厅联合发布通知称，要求加强防范。", ["某省卫生健康委员会", "某省应急管理厅"]),
    ("当地时间周三，某某省卫生健康委员会、某某省应急管理厅、某某省公安厅和某某市政府表示，将加强防范。",
     ["某某省卫生健康委员会", "某某省应急管理厅", "某某省公安厅", "某某市政府"]),
    ("路透社、美联社和法新社报道，3人死亡。", ["路透社", "美联社", "法新社"]),
])
def test_each_body_listed_with_the_enumeration_comma_is_a_whole_voice(text: str, voices: list[str]) -> None:
    assert _voices(text) == voices


def test_a_list_of_speakers_is_not_cut_inside_a_name() -> None:
    facts = extract_all("当地时间周三，某某省卫生健康委员会、某某省应急管理厅和某某市政府表示：“将加强防范，绝不放松。”", WHEN)
    assert facts.quotes[0].speaker == "某某省卫生健康委员会、某某省应急管理厅和某某市政府"


@pytest.mark.parametrize("opening", ["此前", "此后", "之前", "早前", "日前", "稍早", "稍后", "先前", "当时", "昨天",
                                     "周三", "当地时间周三", "今天上午", "7月3日", "早些时候"])
def test_a_time_opening_the_clause_is_no_part_of_the_voice(opening: str) -> None:
    assert _voices(f"{opening}警方表示，3人死亡。") == ["警方"]
    assert _voices(f"而{opening}某国外交部发言人表示，将采取必要措施。") == ["某国外交部发言人"]
    speaker = extract_all(f"{opening}警方表示：“3人死亡，5人受伤，仍有2人失踪。”", WHEN).quotes[0].speaker
    assert speaker == "警方"


def test_a_surname_like_a_weekday_stays_a_name() -> None:
    # 周一鸣: the surname 周 and a given name, no Monday (a lone character follows 周一).
    speaker = extract_all("周一鸣教授表示：“将加强防范，绝不放松，也不会停止。”", WHEN).quotes[0].speaker
    assert speaker.startswith("周一鸣")


def test_a_voice_opened_by_a_time_is_compared_by_the_voice() -> None:
    a = article("a", "Outlet A", "此前警方表示，大火造成3人死亡，5人受伤。", language="zh")
    b = article("b", "Outlet B", "消防部门表示，大火造成3人死亡，5人受伤。", language="zh")
    whys = [f.why for f in compare([a, b], use_dense=False).findings if f.fact_type == "attribution"]
    assert whys and all("此前" not in w for w in whys) and any("警方 (official" in w for w in whys)


@pytest.mark.parametrize("time", ["此前", "随后", "早前", "先前", "之后"])
def test_a_time_after_the_speaker_is_no_part_of_it(time: str) -> None:
    # 白宫此前在一份声明中表示，“…”: the speaker is 白宫 (was 白宫此前 as a quote's speaker).
    text = f"某国外交部{time}在一份有关两国通话的声明中表示，“双方同意继续保持密切沟通，共同应对挑战。”"
    assert extract_all(text, WHEN).quotes[0].speaker == "某国外交部"


@pytest.mark.parametrize(("text", "medium"), [
    ("央視APP報導，事發地點是某酒店。", "央视"),
    ("新华社客户端报道，事发地点是某酒店。", "新华社"),
    ("据央视新闻客户端报道，事发地点是某酒店。", "央视"),
    ("人民日报微博称，事发地点是某酒店。", "人民日报"),
])
def test_a_mediums_channel_is_the_mediums_voice(text: str, medium: str) -> None:
    facts = extract_all(text, WHEN)
    assert [(a.kind, a.who) for a in facts.attributions] == [("agency", medium)]
    assert [s.source for s in facts.sources] == [medium]


def test_no_medium_no_channel_voice() -> None:
    assert extract_all("某公司官网报道，事发地点是某酒店。", WHEN).attributions == []


def test_national_news_agencies_are_sources() -> None:
    facts = extract_all("据朝中社7月11日报道，某领导人表示将加强合作。德新社报道，3人死亡。", WHEN)
    assert [s.source for s in facts.sources] == ["朝中社", "德新社"]


def test_an_adverb_of_degree_is_no_part_of_the_voice() -> None:
    assert _voices("该报道称，某国总统甚至告诉州长，联邦政府可以报销全部费用。") == ["某国总统"]


@pytest.mark.parametrize(("text", "name"), [
    ("某某郡郡長李明遠昨天晚間表示，目前為止18人證實罹難。", "李明遠"),
    ("某某郡郡长王建国表示，3人死亡。", "王建国"),
])
def test_a_local_heads_title_after_a_place_of_its_level_is_no_part_of_the_name(text: str, name: str) -> None:
    # 某某郡|郡長李明遠: the recogniser reads the county's 郡 twice into the place and 長 into the name.
    persons = [e.text for e in extract_all(text, WHEN).entities if e.kind == "PER"]
    assert name in persons and not any(p.startswith(("長", "长")) for p in persons)


def test_a_mediums_name_ending_in_a_channel_word_stays_whole() -> None:
    # 澎湃新闻 is a medium's name, not 澎湃's 新闻 channel.
    facts = extract_all("澎湃新闻报道，某地3人死亡。", WHEN)
    assert [(a.kind, a.who) for a in facts.attributions] == [("agency", "澎湃新闻")]


@pytest.mark.parametrize("opening", ["2020年11月", "2020年", "星期四（7月8日）", "周三（8日）"])
def test_a_year_or_a_bracketed_date_opening_the_clause_is_no_part_of_the_voice(opening: str) -> None:
    assert _voices(f"{opening}某国财政部曾表示，将加强管理。") == ["某国财政部"]


def test_a_zhang_opening_the_next_word_makes_no_local_heads_title() -> None:
    """家乡长辈 (the hometown's elders) holds no 乡长, 山区长大 (grew up in the hills) no 区长: the 长
    opens 长辈, 长大 (lexicons.attribution.ZHANG_WORD_SECONDS_ZH); the voice is no official (家乡长辈王强
    was one after 乡长 joined the roles)."""
    from tests.comparison_helpers import voices_of

    assert voices_of("家乡长辈王强表示需要援助。") == [("家乡长辈王强", "person")]
    assert voices_of("山区长大的王强表示，将出席。") == [("山区长大的王强", "person")]
    assert voices_of("乡长张伟表示，12人死亡。") == [("乡长张伟", "official")]
    assert voices_of("苏州市吴江区区长李明表示，12人死亡。") == [("苏州市吴江区区长李明", "official")]
