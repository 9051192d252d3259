"""A count for a part of an area against another outlet's count for the whole area is two facts,
never a contradiction (comparison.subjects.part_and_whole): a place the gazetteer puts inside the
other's place (a city in its province, Houston in Texas), or a named place below the level of a
total word the other writes (全省, 共, 累计; "across the state", "in total"). Two sibling places are
two facts too; the same place, or no place on either side, still contradicts. Made-up sentences
(real province and city names, invented or real small places); no labeled story is quoted."""

from __future__ import annotations

import pytest

from comparison import compare
from comparison.lexicons.places import LEVELS
from tests.comparison_helpers import ScanCountingSet, article, of_type

OPENING_ZH = "周二，河南省遭遇持续强降雨"
OPENING_EN = "Heavy rain hit the state of Varnia on Monday."


def _number_kinds(first: str, second: str, language: str = "zh", opening: str = "") -> list[str]:
    opening = opening or (OPENING_ZH if language == "zh" else OPENING_EN)
    a = article("pa", "Outlet A", opening, first, language=language)
    b = article("pb", "Outlet B", opening, second, language=language)
    return [f.kind for f in of_type(compare([a, b], use_dense=False), "number") if f.kind != "unique"]


@pytest.mark.parametrize(("part", "whole"), [
    ("白水县紧急转移群众8000人", "全省共转移安置群众4600余人"),  # a county against the province's total
    ("全市累计转移安置群众4600余人", "青山镇紧急转移群众8000人"),  # the reverse: a city's total against a town
    ("青山镇有3人遇难", "这场暴雨共造成12人遇难"),  # a town against a total of no level
    ("新乡市紧急转移群众8000人", "河南省转移安置群众4600余人"),  # gazetteer: a city inside the setting province
])
def test_a_part_of_an_area_is_no_contradiction_of_the_whole_zh(part: str, whole: str) -> None:
    kinds = _number_kinds(part, whole)
    assert "contradiction" not in kinds, kinds


def test_a_county_inside_the_city_the_story_is_set_in() -> None:
    """The gazetteer puts 卫辉市 inside 新乡市, the story's setting (dropped from a figure's places)."""
    kinds = _number_kinds("卫辉市有3人遇难", "新乡市有12人遇难", opening="周二，新乡市遭遇持续强降雨")
    assert "contradiction" not in kinds, kinds


@pytest.mark.parametrize(("part", "whole"), [
    ("In Riverton county 300 homes were flooded, officials said.",
     "Across the state 1,200 homes were flooded, officials said."),
    ("Three people died in Elmford county, police said.", "In total, 12 people died, police said."),
    ("In Houston 300 homes were flooded, officials said.", "In Texas 1,200 homes were flooded, officials said."),
])
def test_a_part_of_an_area_is_no_contradiction_of_the_whole_en(part: str, whole: str) -> None:
    kinds = _number_kinds(part, whole, language="en")
    assert "contradiction" not in kinds, kinds


@pytest.mark.parametrize(("first", "second", "language"), [
    ("白水县有3人遇难", "柳林县有12人遇难", "zh"),
    ("In Houston 300 homes were flooded, officials said.", "In Dallas 1,200 homes were flooded, officials said.",
     "en"),
])
def test_two_sibling_places_are_two_facts(first: str, second: str, language: str) -> None:
    assert _number_kinds(first, second, language) == []


@pytest.mark.parametrize(("first", "second", "language"), [
    ("白水县有3人遇难", "白水县有12人遇难", "zh"),  # the same county
    ("白水县共转移群众8000人", "白水县累计转移安置群众4600余人", "zh"),  # two totals of one county
    ("暴雨造成3人遇难", "暴雨共造成12人遇难", "zh"),  # no place on either side, one total
    ("河南省有3人遇难", "这场暴雨共造成12人遇难", "zh"),  # the setting alone is no part of a total of no level
    ("Three people died, police said.", "In total, 12 people died, police said.", "en"),
    ("In Houston 300 homes were flooded, officials said.", "In Houston 1,200 homes were flooded, officials said.",
     "en"),
])
def test_the_same_area_still_contradicts(first: str, second: str, language: str) -> None:
    assert _number_kinds(first, second, language) == ["contradiction"]


def test_a_word_holding_gong_is_no_total() -> None:
    from comparison.docs import area_total

    text = "中共党员带头转移群众8000人"
    assert area_total(text, 0, text.index("8000"), len(text), len(text), False) is None
    text = "全省共转移群众8000人"
    assert area_total(text, 0, text.index("8000"), len(text), len(text), False) == LEVELS.index("province")


def test_the_area_of_each_figure_is_looked_up_not_scanned(monkeypatch) -> None:
    """A figure's places are found by bisection in its article's places sorted once (a scan of every
    place per figure was quadratic in an article's length), and each place name is looked up in the
    gazetteer, not the gazetteer scanned: the lookups grow with the figures and places, not their product."""
    import comparison.docs as docs_module
    import geo.places
    from comparison.claims import build_claims

    n = 400
    towns = [f"{a}{b}镇" for a in "青白黄红石柳松桃杏梅" for b in "山水河林岭湖溪沟泉坪"]
    text = "；".join(f"{towns[k % len(towns)]}紧急转移群众{100 + k}人" for k in range(n)) + "。"
    docs = docs_module.build_docs([article("ca", "Outlet A", OPENING_ZH, text, language="zh"),
                                   article("cb", "Outlet B", OPENING_ZH, "全省共转移安置群众4600余人", language="zh")])
    for doc in docs:
        doc.claims = build_claims(doc)
    read: list[ScanCountingSet] = []
    real_keys = docs_module.place_keys

    def counted_keys(doc):
        read.append(ScanCountingSet(real_keys(doc)))
        return read[-1]

    lookups: list[str] = []
    real_ids = geo.places.ids_of_key
    monkeypatch.setattr(docs_module, "place_keys", counted_keys)
    monkeypatch.setattr(geo.places, "ids_of_key", lambda name: lookups.append(name) or real_ids(name))
    docs_module.assign_places(docs)
    places = sum(len(r) for r in read)
    assert places >= n  # every clause names its town
    assert all(r.scans <= 3 for r in read), [r.scans for r in read]  # sorted once, parts read once
    assert len(lookups) <= 2 * (n + 2) + 2 * places, len(lookups)  # one per place of a clause, one per place
    assert docs[1].subjects[0].total_rank == LEVELS.index("province")  # 全省
    assert all(s.area_rank == LEVELS.index("village") for s in docs[0].subjects if s.where)  # towns: below a county


@pytest.mark.parametrize(("part", "whole"), [
    # a clause naming no place, in a sentence a city's body opens (a body's name holds its place)
    ("新乡市应急管理局通报，本轮降雨已致该市12个乡镇受灾，紧急转移群众8000人", "河南全省共转移安置群众4600余人"),
    # a word referring back to the city named before (该市: 新乡市, not 卫河)
    ("新乡市灾情严重，卫河漫堤。该市紧急转移群众8000人", "河南省共转移安置群众4600余人"),
    # a list of places against one of them
    ("新乡市紧急转移群众8000人", "新乡、鹤壁、安阳等地转移安置群众4600余人"),
])
def test_the_area_is_read_past_the_clause(part: str, whole: str) -> None:
    kinds = _number_kinds(part, whole)
    assert "contradiction" not in kinds, kinds


def test_a_measure_is_no_sum_over_places() -> None:
    """累计 before a rainfall is a total over time, and a depth of rain no part of a larger one."""
    kinds = _number_kinds("新乡市累计降雨量达到250毫米", "河南省累计降雨量达到300毫米")
    assert kinds == ["contradiction"], kinds


def test_the_place_of_a_happening_is_no_area_counted() -> None:
    """A county named before its earthquake (白水县发生5.8级地震) says where the quake was, not that
    the deaths counted after it are the county's part of the province's: the same toll, it still
    contradicts."""
    kinds = _number_kinds("白水县发生5.8级地震，造成3人死亡", "陕西省5.8级地震已造成5人死亡",
                          opening="周二，陕西省发生地震")
    assert "contradiction" in kinds, kinds  # (the 5.8 magnitudes agree)


@pytest.mark.parametrize(("first", "second", "opening"), [
    ("洛阳市政府通报，本省有9人遇难", "河南省有14人遇难", OPENING_ZH),  # 本省: the province, not 洛阳
    ("二七区政府通报，该市有9人遇难", "郑州市有14人遇难", "周二，郑州市遭遇持续强降雨"),  # 该市: the city, not the district
])
def test_a_word_referring_to_a_level_keeps_that_level_where_no_place_of_it_is_named(
        first: str, second: str, opening: str) -> None:
    """A referring word (本省, 该市) says its figure counts a place of that level: where no place of
    that level is named before it, the figure is not the count of the lower place its sentence
    opens with (that made the province's 9 a part of 14 for the province: a contradiction lost)."""
    assert _number_kinds(first, second, opening=opening) == ["contradiction"]


def test_a_name_after_across_is_a_place() -> None:
    """" across " is one of the English prepositions of place, but a window of 6 characters before a
    name never held it: 'across Varnia' was no place, so the figure took the place its sentence
    opens with (Columbus, a city of that state) and became a part of the state's count."""
    opening = "Heavy rain hit Ohio on Monday."
    kinds = _number_kinds("In Columbus, the governor said 1,200 homes were flooded across Ohio.",
                          "In Ohio 1,500 homes were flooded, officials said.", language="en", opening=opening)
    assert kinds == ["contradiction"], kinds


@pytest.mark.parametrize("part", [
    "柳林县紧急转移受洪水影响群众7000人",  # the flood a circumstance of whom was moved
    "柳林县在洪水中有4人遇难",  # 在…中: when, not where the flood was
])
def test_a_happening_named_later_in_the_clause_leaves_the_place_its_area(part: str) -> None:
    """Only verbs of occurring and the happening's modifiers may stand between a place and the
    happening it locates (柳林县发生洪灾, 某省遭遇持续强降雨): a window of any 10 characters made the
    county of these clauses no area, so its count contradicted the province's total."""
    whole = "全省共转移安置群众4600余人" if "转移" in part else "全省共有15人遇难"
    kinds = _number_kinds(part, whole, opening="周二，山西省遭遇持续强降雨")
    assert "contradiction" not in kinds, kinds


def test_gong_meaning_together_is_no_total() -> None:
    """共 before a one-character verb of a compound (共赴一线, 共抗洪水: "together") totals nothing: read
    as 共 "in all", the unplaced count became the whole of which a county's count was a part."""
    from comparison.docs import area_total

    for text in ("官兵共赴一线转移群众9000人", "军民共抗洪水转移群众9000人", "干群共渡难关转移群众9000人"):
        assert area_total(text, 0, text.index("9000"), len(text), len(text), False) is None, text
    kinds = _number_kinds("官兵与村民共赴一线转移群众9000人", "柳林县转移群众8000人", opening="周二，山西省遭遇持续强降雨")
    assert kinds == ["contradiction"], kinds


def test_a_prefecture_written_short_is_the_same_place() -> None:
    """甘孜 is, to the gazetteer, the county of that name inside 甘孜藏族自治州; news writes it for the
    prefecture as often. Its count against the prefecture's count under its full name still
    contradicts (it was a part of it: no finding)."""
    kinds = _number_kinds("甘孜藏族自治州有6人遇难", "甘孜有9人遇难", opening="周二，四川省遭遇持续强降雨")
    assert kinds == ["contradiction"], kinds
    # a county named in full inside its prefecture is still a part of it
    kinds = _number_kinds("甘孜藏族自治州有6人遇难", "泸定县有9人遇难", opening="周二，四川省遭遇持续强降雨")
    assert "contradiction" not in kinds, kinds


def test_a_name_written_short_is_looked_up_not_compared_with_every_name() -> None:
    """subjects._written_short reads each of one side's names for its openings and looks them up in
    the other's: 3,000 names a side make a few reads per name, not 9 million comparisons."""
    from dataclasses import replace

    from comparison.subjects import _written_short

    class CountingName(str):
        reads = 0

        def startswith(self, *args) -> bool:
            CountingName.reads += 1
            return super().startswith(*args)

        def __getitem__(self, k):
            CountingName.reads += 1
            return super().__getitem__(k)

    doc = _docs_of("柳林县有3人遇难")[0]
    base = doc.subjects[0]
    towns = [f"镇{k:04d}" for k in range(3000)]
    x = replace(base, area_names=frozenset(towns))
    y = replace(base, area_names=frozenset(CountingName(f"乡{k}村") for k in range(3000)))
    assert not _written_short(x, y)
    assert CountingName.reads <= 10 * 3000, CountingName.reads
    assert _written_short(x, replace(base, area_names=frozenset({"镇2999村"})))  # (a name opening another)


def _docs_of(*texts: str):
    from comparison.compare import build_context

    docs, _context, _notes = build_context([article(f"d{n}", f"Outlet {n}", OPENING_ZH, t, language="zh")
                                            for n, t in enumerate(texts)])
    return docs


@pytest.mark.parametrize(("text", "figure", "rank"), [
    # "together" before a one-character verb no list named: no total
    ("军民共御洪峰转移群众9000人", "9000", None),
    ("干群共战洪水转移群众900人", "900", None),
    ("中共2017年派出工作组300人", "300", None),  # 共 closing a word before a number
    ("各部门共出动警力600人", "600", -1),  # 共 cut with the verb it governs (共出动)
    ("中共党员带头转移群众8000人", "8000", None),  # 共 closing a word before a noun
    ("共青团员转移群众300人", "300", None),
    # the adverb of a total: before a number, a verb of two characters or a one-character verb and a number
    ("暴雨共紧急转移群众300人", "300", -1),
    ("两地共死亡9人", "9", -1),
    ("暴雨共伤3人", "3", -1),
    ("3月5日共转移群众300人", "300", -1),
    ("全市共约三百人受灾", "三百", LEVELS.index("city")),
])
def test_gong_is_read_by_what_follows_it(text: str, figure: str, rank: int | None) -> None:
    """共 is a total before a number or a verb phrase governing one (共造成, 共紧急转移, 共伤3人) and
    "together" before a one-character verb with no number after it (共御洪峰, 共战洪水): read by the
    grammar, not a list of compounds (共御, 共战 were in none, so the unplaced count was a total)."""
    from comparison.docs import area_total

    assert area_total(text, 0, text.index(figure), len(text), len(text), False) == rank, text


def test_gong_together_with_an_unlisted_verb_leaves_a_contradiction() -> None:
    kinds = _number_kinds("军民共御洪峰转移群众9000人", "柳林县转移群众8000人", opening="周二，山西省遭遇持续强降雨")
    assert kinds == ["contradiction"], kinds


@pytest.mark.parametrize(("part", "whole", "language", "opening"), [
    ("Across the county, 300 homes were flooded, officials said.", "In Ohio 1,200 homes were flooded, officials said.",
     "en", "Heavy rain hit Ohio on Monday."),
    ("Citywide, 300 homes were flooded, officials said.", "Across the state 1,200 homes were flooded, officials said.",
     "en", OPENING_EN),
    ("全县共转移群众8000人", "全省共转移安置群众4600余人", "zh", OPENING_ZH),
])
def test_a_total_of_a_lower_level_is_a_part(part: str, whole: str, language: str, opening: str) -> None:
    """A total word of a level below the other's area ('across the county', 'citywide', 全县) totals a
    part of it: with no place named it was read as no part, and contradicted the state's count."""
    kinds = _number_kinds(part, whole, language, opening=opening)
    assert "contradiction" not in kinds, kinds


@pytest.mark.parametrize(("first", "second"), [
    ("Across the county, 300 homes were flooded, officials said.",
     "In Riverton county 1,200 homes were flooded, officials said."),  # a county against a county
    ("Across the county, 300 homes were flooded, officials said.", "1,200 homes were flooded, officials said."),
])
def test_a_total_of_a_lower_level_against_no_higher_area_still_contradicts(first: str, second: str) -> None:
    assert _number_kinds(first, second, "en") == ["contradiction"]


def test_each_gong_is_read_in_a_few_characters(monkeypatch) -> None:
    """A clause of 3,000 共 is read one 共 at a time, each by a cut of a few characters around it (no
    cut of the clause per 共)."""
    import comparison.docs as docs_module

    cuts: list[int] = []
    real_cut = docs_module._cut
    monkeypatch.setattr(docs_module, "_cut", lambda text: cuts.append(len(text)) or real_cut(text))
    text = "军民共御洪峰" * 3000 + "转移群众9000人"
    assert docs_module.area_total(text, 0, text.index("9000"), len(text), len(text), False) is None
    assert len(cuts) == 3000 and max(cuts) <= 2 * docs_module._GONG_CONTEXT + 1, (len(cuts), max(cuts))
