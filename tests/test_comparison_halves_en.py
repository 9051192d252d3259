"""English durations and measures with a half: "two and a half years", "three-and-a-half hours",
"a year and a half" are 2.5, 3.5 and 1.5 of the unit, as 两年半 and 一个半小时 are read; "two and a
half" before no unit stays the count it was. Inputs are made up here; no labeled story is quoted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison.numbers import extract_quantities
from comparison.numbers_en import extract_quantities_en

WORDS = {2: "two", 3: "three", 4: "four", 7: "seven", 10: "ten"}


def _read(text: str, english: bool = True) -> list[tuple[str, float, str]]:
    found = extract_quantities_en(text) if english else extract_quantities(text)
    return [(q.text, q.low * q.factor, q.dimension) for q in found]


@given(st.sampled_from(sorted(WORDS)), st.sampled_from(["years", "hours", "days", "months"]),
       st.sampled_from([" and a half ", "-and-a-half ", " and a half-"]), st.booleans())
def test_a_half_after_the_number_adds_half_the_unit(n: int, unit: str, half: str, in_words: bool) -> None:
    number = WORDS[n] if in_words else str(n)
    plain = _read(f"He waited {number} {unit} there.")
    halved = _read(f"He waited {number}{half}{unit} there.")
    assert len(plain) == len(halved) == 1
    (text, value, dimension), (_, whole, _) = halved[0], plain[0]
    assert dimension == "duration" and text.startswith(number)
    assert abs(value - whole * (n + 0.5) / n) < 1e-6


def test_a_year_and_a_half_and_the_chinese_reading_agree() -> None:
    (english,) = _read("He spent a year and a half in jail.")
    assert english[0] == "a year and a half"
    (three_en,) = _read("He was jailed for three and a half years.")
    (three_zh,) = _read("他被判处三年半徒刑。", english=False)
    assert abs(three_en[1] - three_zh[1]) < 1e-6


def test_a_half_before_no_unit_is_left_alone() -> None:
    assert [t for t, _, _ in _read("He scored two and a half points.")] == ["two"]
