"""A total broken down in brackets (made-up text): 12万人受灾（甲市4万人受灾；乙市7万人受灾）.

The semicolons inside the bracket separate its items, no sentences (text.split_sentences); every
count inside a bracket opened right after a count is a part of it (subjects.in_bracketed_breakdown)
and is set only against other parts, never against another outlet's total. 安置 / 紧急转移 count the
evacuated (lexicons.categories), and 新元 is Singapore's dollar (lexicons.units), no count."""

from __future__ import annotations

from datetime import UTC, datetime

from comparison import compare
from comparison.docs import build_docs
from comparison.extract import extract_all
from comparison.text import split_sentences
from tests.comparison_helpers import ScanCountingSet, article, of_type

TOTAL = ("暴雨导致甲地、乙地等地12万余人受灾，转移安置民众4600余人（甲地4.6万人受灾，转移安置2249人；"
         "乙地7.2万人受灾，转移安置817人），直接经济损失1.76亿元（人民币，约3700万新元）。")


def test_a_semicolon_inside_brackets_splits_no_sentence() -> None:
    rest = ["部分道路因山体垮塌导致中断，抢修工作仍在进行；", "多座桥梁在洪水中损毁，当地居民出行受阻。"]
    sentences = [s.text for s in split_sentences(TOTAL + "".join(rest))]
    assert sentences == [TOTAL, *rest]


def test_an_unclosed_bracket_protects_nothing() -> None:
    first, second = "甲地4.6万人受灾，另有多人下落不明（据初步统计；", "乙地7.2万人受灾，转移安置817人，灾情仍在统计。"
    assert [s.text for s in split_sentences(first + second)] == [first, second]


def test_counts_in_a_bracket_after_a_count_are_its_parts() -> None:
    doc = build_docs([article("a", "早报", TOTAL, language="zh")])[0]
    parts = {doc.simple[q.start:q.end]: s.breakdown for q, s in zip(doc.facts.quantities, doc.subjects, strict=True)}
    assert parts["12万余人"] is False and parts["4600余人"] is False
    assert parts["4.6万人"] and parts["2249人"] and parts["7.2万人"] and parts["817人"]
    events = {doc.simple[q.start:q.end]: s.events for q, s in zip(doc.facts.quantities, doc.subjects, strict=True)}
    assert "evacuated" in events["4600余人"] and "evacuated" in events["817人"]


def test_a_bracket_after_no_count_breaks_nothing_down() -> None:
    doc = build_docs([article("a", "早报", "暴雨袭击多地（甲地4.6万人受灾；乙地7.2万人受灾）。", language="zh")])[0]
    assert not any(s.breakdown for s in doc.subjects)


def test_a_foreign_currency_after_a_conversion_is_money() -> None:
    facts = extract_all("损失1.76亿元（人民币，约3700万新元）。", datetime(2021, 7, 11, tzinfo=UTC))
    assert [q.dimension for q in facts.quantities] == ["money:CNY", "money:SGD"]


def test_a_part_is_not_set_against_another_outlets_total() -> None:
    a = article("a", "早报", TOTAL, language="zh")
    b = article("b", "中央社", "暴雨造成近12万人受灾，经济损失达人民币1.76亿元。", language="zh")
    found = of_type(compare([a, b], use_dense=False), "number", "contradiction")
    shown = " ".join(s.text for f in found for s in f.spans)
    assert "4.6万人" not in shown and "7.2万人" not in shown, [f.why for f in found]


def test_many_bracketed_semicolons_stay_bounded() -> None:
    # A hostile paragraph: 10,000 bracketed and 10,000 bare semicolons, no sentence end (each looks back a
    # bounded stretch, not to the paragraph's start); the text is kept whole.
    paragraph = "（甲；乙）" * 10_000 + "；" * 10_000
    sentences = split_sentences(paragraph)
    assert "".join(s.text for s in sentences) == paragraph


def test_a_part_labelled_by_a_place_meets_a_figure_for_that_place() -> None:
    # 乐山7.2万人 (a part, in brackets) against another outlet's count whose sentence names 乐山: one
    # place's count, compared; the other outlet's total naming no place stays apart (test above).
    placed = TOTAL.replace("甲地", "宜宾").replace("乙地", "乐山")
    a = article("a", "早报", placed, language="zh")
    b = article("b", "大纪元", "乐山市应急管理局指，本轮强降雨已致该市110个乡镇、215,613人受灾。", language="zh")
    found = of_type(compare([a, b], use_dense=False), "number", "contradiction")
    pairs = [sorted(s.text for s in f.spans) for f in found]
    assert any("7.2万人" in p and "215,613人" in p for p in pairs), [f.why for f in found]
    assert not any("4.6万人" in p for p in pairs), [f.why for f in found]


def _numbers(first: str, second: str, language: str = "zh") -> list[tuple[str, list[str]]]:
    articles = [article("oa", "Outlet A", first, language=language), article("ob", "Outlet B", second, language=language)]
    return sorted((f.kind, sorted(s.text for s in f.spans)) for f in of_type(compare(articles, use_dense=False), "number"))


def test_a_bracketed_count_added_or_of_another_happening_is_no_part() -> None:
    """Second review: 30人死亡（另有12人受伤） made the injured a part of the dead, so another
    outlet's 12人受伤 was 'only A' and 'only B', 15人受伤 no contradiction; （包括5名儿童） was a
    bracketed part never set against 其中8名儿童. Now an added count, a count of another happening
    named after the whole, and a partitive item are read as without the bracket."""
    base = "托尔维克周日发生爆炸，造成30人死亡"
    for bracket in ("（另有12人受伤）", "（12人受伤）"):
        assert ("agree", ["12人", "12人"]) in _numbers(base + bracket + "。", base + "，12人受伤。")
        assert ("contradiction", ["12人", "15人"]) in _numbers(base + bracket + "。", base + "，15人受伤。")
    assert ("contradiction", ["5名儿童", "8名儿童"]) in _numbers(base + "（包括5名儿童）。", base + "，其中8名儿童。")
    en = "An explosion in Torvik on Sunday killed 30 people ({}).", "An explosion in Torvik on Sunday killed 30 people and injured 15."
    assert ("contradiction", ["12", "15"]) in _numbers(en[0].format("another 12 were injured"), en[1], "en")


def test_sentence_places_are_the_places_each_sentence_holds() -> None:
    # Second review: each sentence scanned every place name of the article (quadratic in its length:
    # 3,000 places and sentences, 50,000 characters, 0.29 s); now its substrings are looked up (0.05 s).
    from comparison.docs import _sentence_places

    text = ("暴雨导致甲地、乙地等地12万余人受灾（甲地4.6万人受灾；乙地7.2万人受灾）。乙地市政府说，乙地有3人失踪。"
            "丙镇的300间房屋倒塌。")
    doc = build_docs([article("a", "早报", text, language="zh")])[0]
    places = {"甲地", "乙地", "乙地市政府", "丙镇", "丁", "戊地区"}
    _sentence_places(doc, places)
    for q, s in zip(doc.facts.quantities, doc.subjects, strict=True):
        if q.dimension != "count":
            continue
        sentence = next(x for x in doc.sentences if x.start <= q.start < x.end)
        assert s.sentence_places == {p for p in places if len(p) >= 2 and p in doc.simple[sentence.start:sentence.end]}


def test_a_parts_place_label_is_found_without_scanning_every_place() -> None:
    # Second review: part_label scanned every place of the article for each bracketed item
    # (5,000 items and places: 2.7 s); now the places are sorted once and searched (0.03 s).
    import re

    from comparison.numbers import Quantity
    from comparison.subjects import part_label

    names = [chr(0x4e00 + i) + chr(0x5000 + i) + "乡" for i in range(200)]
    places = ScanCountingSet(n + "镇" for n in names)
    text = "".join(f"（{n}{i}人；" for i, n in enumerate(names))
    quantities = [Quantity(start=m.start(), end=m.end(), text=m.group(0), low=1, high=1, vague=False)
                  for m in re.finditer(r"\d+人", text)]
    assert [part_label(text, q, places) for q in quantities] == names
    assert places.scans <= 2, places.scans
    assert part_label("（巴中市7人", quantities[0].__class__(start=4, end=6, text="7人", low=7, high=7, vague=False),
                      frozenset({"巴中"})) == "巴中市"
