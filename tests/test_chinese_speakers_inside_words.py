"""Chinese speakers and voices end at a verb of speech, a listener's 对/向 or a time word only where
that is a word of its own: 自称, 号称, 小说, 代表|示威 hold a verb, 反对 and 方向 a preposition, 周一 after a
title is no name. A name glossed in brackets is the speaker as the article writes it; 据 only cites
the speaker; a question (某政府怎么说？) and a medium word modifying a head (社交媒体上的呼声) are no
voices; a voice window that opens inside a word opens at the word's start. Made-up sentences."""

from __future__ import annotations

import pytest

from comparison.extract import extract_entities, extract_quotes
from comparison.slots import extract_attributions
from comparison.text import to_simplified, words_outside


def _speakers(text: str) -> list[str]:
    return [q.speaker for q in extract_quotes(text, extract_entities(text))]


def _voices(text: str) -> list[str]:
    entities = extract_entities(text)
    return [a.who for a in extract_attributions(text, to_simplified(text), False,
                                                persons=[(e.start, e.end) for e in entities if e.kind == "PER"],
                                                names=[(e.start, e.end) for e in entities])]


@pytest.mark.parametrize("text, speaker", [
    ("“我们已经等了三天，没有人来帮忙，”一名自称卡洛斯的司机告诉记者。", "卡洛斯"),
    ("“这座桥早就有裂缝了，大家都知道，”一名号称工程师的路人告诉记者。", "一名号称工程师的路人"),
    ("一位小说家说：“这本书我写了整整三年，终于出版了。”", "一位小说家"),
    ("一个反对派组织周六呼吁建立一条“人道主义走廊”。", "一个反对派组织"),
    ("据一位店主说，“这条街上的商店都关门了，没有人敢出来。”", "一位店主"),
])
def test_a_speaker_ends_at_a_word_of_its_own(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


def test_a_name_glossed_in_brackets_is_the_speaker_as_written() -> None:
    for given in ("卡洛斯", "玛丽亚"):
        text = f"该国外交部副部长{given}·门多萨（{given} Mendoza）发推文称：“我们密切关注局势的发展。”"
        assert _speakers(text) == [f"{given}·门多萨"], text


def test_a_weekday_after_a_title_is_no_name() -> None:
    text = "托尔维克总统周一表示，邻国的目的就是要让“本国经济窒息，从而引发社会动荡。”他发推文称，“敌对势力的梦想不会实现。”"
    assert "周一" not in _speakers(text)


def test_a_voice_window_opening_inside_a_word_opens_at_its_start() -> None:
    text = "该国负责边境事务的最高外交官员李明·郑（Minli Zheng）发推文称，局势平稳。"  # window opens at 交
    assert any(v.startswith("外交官员") for v in _voices(text)), _voices(text)


@pytest.mark.parametrize("text", ["托尔维克政府怎么说？", "专家如何表示？",
                                  "社交媒体上的援助呼吁成倍增加，市民纷纷响应。",
                                  "过去几天，社交媒体上以某标签发布的帖子一直呼吁政府开放边境。"])
def test_questions_and_modifying_media_words_are_no_voices(text: str) -> None:
    assert _voices(text) == []


def test_a_medium_voice_stays_one() -> None:
    assert _voices("当地媒体报道说，有三人受伤。") and _voices("该国的官方媒体表示，局势平稳。")


def test_words_outside_skips_the_longer_words_only() -> None:
    import re

    says = re.compile(words_outside(("称", "表示"), ("自称", "称为", "代表示威")))
    assert [m.group() for m in says.finditer("他自称记者，并称此事属实，代表示威者表示反对")] == ["称", "表示"]
