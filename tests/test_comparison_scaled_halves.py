"""English figures with a half and a scale word: "two and a half million", "one and a half
billion", "two million and a half", "a million and a half", "half a million" are read as the whole
figure (2,500,000; 1,500,000,000; ...), as "2.5 million" and 两百五十万 are; before, "two and a
half million" read as a bare "two". Made-up sentences; no labeled story is quoted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison import compare
from comparison.numbers import extract_quantities
from comparison.numbers_en import extract_quantities_en
from tests.comparison_helpers import article, of_type

WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 7: "seven", 10: "ten", 25: "twenty-five"}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def _one(text: str, english: bool = True) -> tuple[str, float]:
    found = extract_quantities_en(text) if english else extract_quantities(text)
    assert len(found) == 1, [(q.text, q.low) for q in found]
    return found[0].text, found[0].value * found[0].factor


@given(st.sampled_from(sorted(WORDS)), st.sampled_from(sorted(SCALES)),
       st.sampled_from([" and a half ", "-and-a-half ", "-and-a-half-", " and a half-"]), st.booleans())
def test_a_half_before_a_scale_word_is_half_a_unit_of_the_scale(n: int, scale: str, half: str, prefix: bool) -> None:
    figure = f"{WORDS[n]}{half}{scale}"
    text, value = _one(f"{'About ' if prefix else 'The agency said '}{figure} people were displaced.")
    assert text.lower().endswith(figure.lower()), text
    if prefix:
        assert text.startswith("About ")
    else:
        assert abs(value - (n + 0.5) * SCALES[scale]) < 1e-3


@given(st.sampled_from([2, 3, 7, 10]), st.sampled_from(sorted(SCALES)))
def test_a_half_after_the_scale_word_reads_the_same(n: int, scale: str) -> None:
    before = _one(f"Officials counted {WORDS[n]} and a half {scale} votes.")
    after = _one(f"Officials counted {WORDS[n]} {scale} and a half votes.")
    assert after[0] == f"{WORDS[n]} {scale} and a half"
    assert abs(before[1] - after[1]) < 1e-3


def test_a_or_half_a_scale_word() -> None:
    assert _one("A million and a half people voted.") == ("A million and a half", 1.5e6)
    assert _one("The fund holds half a billion dollars.")[1] == 5e8
    assert _one("Nearly half a million people left the city.")[0] == "Nearly half a million"


def test_without_a_scale_word_or_unit_the_count_is_unchanged() -> None:
    # "a million" alone, "two and a half" before no unit: as read before
    assert [q.text for q in extract_quantities_en("He scored two and a half points.")] == ["two"]
    assert extract_quantities_en("A million thanks to you.") == []
    assert [q.text for q in extract_quantities_en("Two million people voted.")] == ["Two million"]


def test_english_and_chinese_readings_agree() -> None:
    pairs = [("two and a half million people", "两百五十万人"), ("two and a half million people", "250万人"),
             ("one and a half billion people", "15亿人"),
             ("a million and a half people", "一百五十万人")]
    for english, chinese in pairs:
        assert abs(_one(english)[1] - _one(chinese, english=False)[1]) < 1e-3, (english, chinese)
    assert _one("一亿五千万人", english=False)[1] == 1.5e8
    zh = extract_quantities("2.5亿人")[0]
    assert zh.low < 2.5e8 < zh.high


def test_words_and_digits_for_the_same_figure_agree_in_a_comparison() -> None:
    a = article("ha", "Outlet A", "Two and a half million people were displaced by the floods in Varnia, the agency said.")
    b = article("hb", "Outlet B", "The floods in Varnia displaced 2.5 million people, the agency said.")
    found = [f for f in of_type(compare([a, b], use_dense=False), "number") if f.kind != "unique"]
    assert [f.kind for f in found] == ["agree"], [(f.kind, f.why) for f in found]
