"""A Chinese day before a verb of speech dates the statement, not the happening it reports
(session 42, helper h42d): 官方14日通报称，共有17人遇难 gives no day of the deaths, as "officials
said Wednesday" gives none in English (claims.speech_day). Two outlets quoting two days' briefings
of one running toll were a contradiction of days ("different days for the killed: 14日 vs 今天").
A day before another verb stays the happening's. Made-up sentences; no labeled story is quoted."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from comparison import compare
from comparison.claims import speech_day
from tests.comparison_helpers import article, of_type

DAY13 = datetime(2021, 7, 13, 4, 0, tzinfo=UTC)
DAY14 = datetime(2021, 7, 14, 4, 0, tzinfo=UTC)


def _date_findings(first: str, second: str) -> list[tuple[str, str]]:
    a = article("sa", "Outlet A", first, language="zh", published=DAY13)
    b = article("sb", "Outlet B", second, language="zh", published=DAY14)
    return [(f.kind, f.why) for f in of_type(compare([a, b], use_dense=False), "date")]


def _is_speech_day(text: str, day: str) -> bool:
    at = text.index(day)
    return speech_day(text, at, at + len(day), english=False)


def test_a_day_before_a_verb_of_speech_is_the_statements() -> None:
    assert _is_speech_day("外交部发言人13日表示，双方将继续会谈。", "13日")
    assert _is_speech_day("官方14日通报称，共有17人遇难。", "14日")
    assert _is_speech_day("市政府今天发布消息说，搜救仍在进行。", "今天")
    assert _is_speech_day("部长13日在记者会上说，损失严重。", "13日")
    assert _is_speech_day("警方13日发表声明表示，嫌犯已被捕。", "13日")


def test_a_day_before_another_verb_is_the_happenings() -> None:
    assert not _is_speech_day("仓库12日倒塌后官方称，搜救仍在进行。", "12日")
    assert not _is_speech_day("仓库12日倒塌，官方称有人被困。", "12日")
    assert not _is_speech_day("他13日自称是目击者。", "13日")  # (自称 holds 称: no verb of speech)


def test_two_briefings_of_one_toll_are_no_contradiction_of_days() -> None:
    found = _date_findings("官方今天通报称，仓库坍塌已造成8人遇难。", "官方14日通报称，仓库坍塌已造成17人遇难。")
    assert not [why for kind, why in found if kind == "contradiction"], found


def test_the_happenings_own_days_still_differ() -> None:
    found = _date_findings("仓库12日倒塌，官方称有8人遇难。", "仓库11日倒塌，官方称有8人遇难。")
    assert [kind for kind, _ in found] == ["contradiction"], found


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 28), st.sampled_from(["表示", "说", "通报称", "发布消息说", "在记者会上说", "宣布"]))
def test_any_day_before_a_verb_of_speech(day: int, verb: str) -> None:
    assert _is_speech_day(f"发言人{day}日{verb}，会谈将继续。", f"{day}日")
    assert not _is_speech_day(f"大楼{day}日倒塌，发言人{verb}。", f"{day}日")
