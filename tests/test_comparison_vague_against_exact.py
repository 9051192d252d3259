"""A figure said with a qualifier or a vague word (about, nearly, more than, 约, 近, 逾, 余, 上百)
against one said plainly: the qualified one is the vaguer reading (precision) when the two are
compatible, whatever their widths (a round 100 read as rounded, 95-105, is no estimate: "more than
100" is the vaguer one); a plain figure at the centre of a lower bound's narrow range ("more than
40" vs 41) is no rounding of it (precision, not agreement). Incompatible bounds stay contradictions.
Made-up sentences; no labeled story is quoted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from comparison import compare
from comparison.docs import estimate
from comparison.numbers import extract_quantities, read_as_rounded
from comparison.numbers_en import extract_quantities_en
from tests.comparison_helpers import article, of_type

EN = "{} workers were injured in the blast at the Torvik plant on Monday, officials said."
ZH = "周一托尔维克工厂爆炸事故中{}工人受伤，官员说。"


def _kinds(first: str, second: str, language: str = "en") -> list[tuple[str, str]]:
    template = EN if language == "en" else ZH
    a = article("va", "Outlet A", template.format(first), language=language)
    b = article("vb", "Outlet B", template.format(second), language=language)
    return [(f.kind, f.why) for f in of_type(compare([a, b], use_dense=False), "number") if f.kind != "unique"]


def test_a_qualified_figure_is_vaguer_than_a_round_plain_one() -> None:
    for first, second, language in [("More than 100", "100", "en"), ("Nearly 100", "100", "en"),
                                    ("Up to 100", "100", "en"), ("近百名", "100名", "zh"),
                                    ("100余名", "100名", "zh"), ("上百名", "100名", "zh"), ("超过100名", "100名", "zh")]:
        found = _kinds(first, second, language)
        assert [k for k, _ in found] == ["precision"], (first, second, found)
        assert "Outlet A is vaguer" in found[0][1], (first, second, found)


def test_a_lower_bound_against_its_own_centre_is_precision() -> None:
    found = _kinds("More than 40", "41")
    assert [k for k, _ in found] == ["precision"] and "Outlet A is vaguer" in found[0][1], found


def test_intended_readings_hold() -> None:
    assert [k for k, _ in _kinds("About 40", "40")] == ["precision"]
    assert [k for k, _ in _kinds("约40名", "40名", "zh")] == ["precision"]
    for first, second, language in [("About 100", "103", "en"), ("约100名", "103名", "zh"), ("100余名", "103名", "zh")]:
        assert [k for k, _ in _kinds(first, second, language)] == ["precision"], (first, second)
    for first, second, language in [("More than 100", "90", "en"), ("超过100名", "90名", "zh"), ("上百名", "90名", "zh")]:
        assert [k for k, _ in _kinds(first, second, language)] == ["contradiction"], (first, second)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 5000), st.sampled_from(["About", "Nearly", "More than", "Almost", "Over", "At least"]))
def test_a_qualifier_makes_an_estimate_and_a_plain_count_none(n: int, qualifier: str) -> None:
    found = extract_quantities_en(f"{qualifier} {n} people were hurt. {n} people were hurt.")
    read_as_rounded(found)
    assert len(found) == 2, [q.text for q in found]
    assert estimate(found[0]) and not estimate(found[1])
    zh = extract_quantities(f"约{n}人受伤，{n}人受伤。")
    read_as_rounded(zh)
    assert [estimate(q) for q in zh] == [True, False]


def test_rounding_of_written_digits_is_no_estimate() -> None:
    for q in extract_quantities_en("Some 2.5 million people and 1.4 billion dollars."):
        assert estimate(q) == q.text.startswith("Some"), q.text
    (zh,) = extract_quantities("14.1亿人")
    assert zh.vague and not estimate(zh)


def test_a_year_like_count_of_people_or_things_is_a_figure() -> None:
    # 1900-2099 before a plural noun the category lexicon counts is a count; a year elsewhere.
    counts = {"About 1900 people were hurt.": "About 1900", "2000 troops were sent.": "2000",
              "Some 2021 cases were reported.": "Some 2021", "It rose to 2050 houses.": "2050"}
    for sentence, text in counts.items():
        assert [q.text for q in extract_quantities_en(sentence)] == [text], sentence
    for sentence in ("In 2019 people voted.", "The 2020 elections were held.", "the 2021 cases were many",
                     "By 2030 houses will cost more.", "Britain's 2019 students did well."):
        assert extract_quantities_en(sentence) == [], sentence


@settings(max_examples=60, deadline=None)
@given(year=st.integers(1901, 2099), noun=st.sampled_from(["people", "troops", "cases", "houses"]),
       before=st.sampled_from(["In the year {y}", "Since spring {y}", "In fall {y}", "For fiscal {y}",
                               "From {e} to {y}", "Between {e} and {y}", "In {e}-{y}", "From {e} until {y}"]))
def test_a_year_after_a_word_of_years_or_another_year_is_no_count(year: int, noun: str, before: str) -> None:
    # 'between 2019 and 2021 houses were built', 'the year 2000 people celebrated': the second year
    # was read as a count of houses or people, set against the story's real counts.
    sentence = before.format(y=year, e=year - 1) + f" {noun} were seen in the streets."
    assert [q.text for q in extract_quantities_en(sentence)] == [], sentence
    assert [q.text for q in extract_quantities_en(f"About {year} {noun} were seen.")] == [f"About {year}"]


def test_one_pair_of_values_between_two_articles_is_one_finding() -> None:
    # The lead's figure with its event word and the body's without are one difference: one
    # finding, holding the places of both.
    a = article("ma", "Outlet A", "Police in Torvik arrested at least five people on Monday.",
                "At least five people were held at the Torvik plant after the blast.")
    b = article("mb", "Outlet B", "Police in Torvik arrested five people on Monday.",
                "Five people were held at the Torvik plant after the blast.")
    found = [f for f in of_type(compare([a, b], use_dense=False), "number") if f.kind == "precision"]
    assert len(found) == 1, [f.why for f in found]
    assert len({s.start for s in found[0].spans if s.article_id == "ma"}) == 2, found[0].spans


def test_a_vague_word_meets_one_figure_of_a_breakdown() -> None:
    # 数十人 against another outlet's deaths city by city: one vague total, one counterpart.
    a = article("wa", "Outlet A", "周日托尔维克省的镇压造成数十人死亡。", language="zh")
    b = article("wb", "Outlet B", "周日托尔维克省的镇压中，甲市有40人死亡，乙市有27人死亡，丙市有31人死亡。", language="zh")
    vague = [f for f in of_type(compare([a, b], use_dense=False), "number")
             if f.kind != "unique" and any(s.article_id == "wa" for s in f.spans)]
    assert len(vague) == 1 and len([s for s in vague[0].spans if s.article_id == "wb"]) == 1, [f.why for f in vague]
    en_a = article("ea", "Outlet A", "The quake damaged several villages near Torvik on Sunday.")
    en_b = article("eb", "Outlet B", "The quake damaged seven villages near Torvik and five villages near Elmford on Sunday.")
    vague = [f for f in of_type(compare([en_a, en_b], use_dense=False), "number") if f.kind != "unique"]
    # (exactly one: "<= 1" passed with no finding at all, the vague word meeting neither figure)
    assert len([s for f in vague for s in f.spans if s.article_id == "eb"]) == 1, [f.why for f in vague]


def test_equal_pairs_of_values_of_two_happenings_stay_two_findings() -> None:
    # The dead and the injured, each "at least five" against five: two differences, each shown
    # with its own happening; only a pair with no event word joins another (one above).
    for first, second, language in [
            (("At least five people were killed in the blast at the Torvik plant on Monday.",
              "At least five people were injured in the blast, officials said."),
             ("Five people were killed in the blast at the Torvik plant on Monday.",
              "Five people were injured in the blast, officials said."), "en"),
            (("周一托尔维克工厂爆炸事故中至少五人死亡。", "爆炸还造成至少五人受伤，官员说。"),
             ("周一托尔维克工厂爆炸事故中5人死亡。", "爆炸还造成5人受伤，官员说。"), "zh")]:
        a = article("ka", "Outlet A", *first, language=language)
        b = article("kb", "Outlet B", *second, language=language)
        found = [f for f in of_type(compare([a, b], use_dense=False), "number") if f.kind == "precision"]
        assert len(found) == 2, [f.why for f in found]
        assert sorted(len(f.spans) for f in found) == [2, 2], [f.spans for f in found]
        assert any("injured" in f.why for f in found) and any("killed" in f.why for f in found), [f.why for f in found]


def test_folding_pairs_without_an_event_reads_each_finding_a_bounded_number_of_times() -> None:
    from comparison.findings.quantity import _fold_eventless
    from comparison.model import Finding

    class Counted(dict):
        reads = 0

        def __getitem__(self, key):
            Counted.reads += 1
            return super().__getitem__(key)

    n = 3000
    merged, alsos = Counted(), {}
    for v in range(n):  # per pair of values: one finding with an event word, one without
        for events in (frozenset({"killed"}), frozenset()):
            key = ("precision", 0, 1, v, v, v + 1, v + 1, "people", events)
            merged[key] = Finding("precision", "number", f"{v} vs {v + 1}")
            alsos[key] = [f"{v} vs {v + 1}"]
    _fold_eventless(merged, alsos)
    assert len(merged) == n
    assert Counted.reads <= 2 * n  # one look-up per folded finding, no scan of all per finding


def test_a_qualifier_before_a_numeral_in_words_is_no_vague_word() -> None:
    """多达三千人 ("as many as 3,000") opens with 多 but counts a numeral: it is no vague number word,
    so it keeps every counterpart the figure-pair model finds (a vague word keeps one)."""
    from datetime import UTC, datetime

    from comparison.extract import extract_all
    from comparison.findings.quantity import _vague_word

    def vague(text: str) -> list[bool]:
        return [_vague_word(q) for q in extract_all(text, datetime(2021, 7, 4, tzinfo=UTC)).quantities]

    assert vague("洪水造成多达四千人受灾。") == [False]
    for text in ("洪水造成数十人受灾。", "洪水造成上千万人受灾。", "洪水造成十多人受灾。", "洪水造成几名儿童受伤。"):
        assert vague(text) == [True], text
