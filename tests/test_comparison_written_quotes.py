"""A finding's text quotes each outlet's words as its article writes them: a Traditional
report's 軍政府領導人 stays Traditional in the sentence that sets it against a Simplified
report's words (the dashboard converts the whole text only when the reader asks for a script).
Inputs are made up here; no labeled story is quoted."""

from __future__ import annotations

from dataclasses import replace

from comparison.compare import compare
from tests.comparison_helpers import article, exact


def _written(article_id: str, outlet: str, *paragraphs: str, script: str):
    return replace(article(article_id, outlet, *paragraphs, language="zh"), script=script)


TRADITIONAL = _written(
    "t", "自由时报",
    "義大利總統馬達雷拉（Mattarella）今天在羅馬發表講話。",
    "軍政府領導人敏昂萊今天在內比都會見了來訪的東協特使。",
    "馬達雷拉說：「我們將與歐洲夥伴一起面對這場危機。」",
    "地震發生在蘇拉威西省（Sulawesi）西部，造成嚴重破壞。",
    "世界衛生組織（簡稱世衛）今天表示，疫苗將運抵當地。",
    "中華民國駐海地大使館表示，館員均平安。",
    "美國、日本、澳洲、英國和德國都派員出席了在臺灣舉行的會議。",
    script="Hant",
)
SIMPLIFIED = _written(
    "s", "新华社",
    "意大利总统马塔雷拉（Mattarella）今天在罗马发表讲话。",
    "政变领导人敏昂莱今天在内比都会见了来访的东盟特使。",
    "马塔雷拉说：“我们将和欧洲伙伴共同面对这场危机。”",
    "地震发生在西苏拉威西省（West Sulawesi），造成严重破坏。",
    "世界卫生组织（简称世卫组织）今天表示，疫苗将运抵当地。",
    "台湾驻海地大使馆表示，馆员均平安。",
    "美国、日本、澳大利亚和英国都派员出席了在台湾举行的会议。",
    script="Hans",
)


def _whys() -> list[str]:
    comparison = compare([TRADITIONAL, SIMPLIFIED], use_dense=False)
    exact(comparison, [TRADITIONAL, SIMPLIFIED])
    return [f.why for f in comparison.findings]


def _one(whys: list[str], *words: str) -> str:
    (why,) = [w for w in whys if all(x in w for x in words)]
    return why


def test_each_outlet_is_quoted_in_its_own_characters() -> None:
    whys = _whys()
    # A title (naming), a rendering of a glossed name, a broader place, a state prefix, a list.
    assert "軍政府領導人 (自由時報) vs 政变领导人 (新华社)" in _one(whys, "introduced as")
    assert "rendered 馬達雷拉 (自由時報) vs 马塔雷拉 (新华社)" in _one(whys, "mattarella rendered")
    assert _one(whys, "is broader than").startswith("蘇拉威西省 (sulawesi, 自由時報) is broader than 西苏拉威西省")
    assert "named 中華民國駐海地大使館 (自由時報) vs 台湾驻海地大使馆 (新华社)" in _one(whys, "same institution")
    assert "德國, 澳洲 only in 自由時報; 澳大利亚 only in 新华社" in _one(whys, "names other items")
    # An abbreviation: the full name and the short one as the first outlet writes them.
    assert _one(whys, "abbreviated").startswith("世界衛生組織 abbreviated 世衛 (自由時報) vs 世卫组织 (新华社)")
    # The words two renderings of one quotation differ in, each as its outlet writes them.
    assert "the words that differ: 與 / 和; 一起 / 共同" in _one(whys, "quoted in other words")


def test_no_simplified_copy_of_a_traditional_word_is_quoted() -> None:
    for why in _whys():
        for simplified in ("军政府", "马达雷拉", "苏拉威西省 (sulawesi", "中华民国", "德国", "世界卫生组织 abbreviated", "与 /"):
            assert simplified not in why, why
