"""A Chinese voice never starts inside a name: the voice window (at most 20 characters before the
verb) may open in the middle of one when the subject and its adjuncts are longer; the voice then
starts where the name does (巴西联邦警察局…, not 西联邦警察局…)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison.extract import extract_all
from comparison.slots import _name_start, extract_attributions

TEXT = "巴西联邦警察局总指挥官科斯塔8日在全国电视讲话中表示，将加强巡逻。"


def test_a_voice_opened_inside_a_name_starts_at_the_name() -> None:
    voices = [a.text for a in extract_attributions(TEXT, TEXT, False, names=[(0, 7)])]
    assert voices and voices[0].startswith("巴西联邦警察局")
    # Without the names, the window opens at the start of the word it cut (巴西|联邦: the segmenter's).
    assert extract_attributions(TEXT, TEXT, False)[0].text.startswith("巴西")


def test_the_whole_extraction_passes_its_names() -> None:
    from datetime import UTC, datetime

    facts = extract_all(TEXT, datetime(2021, 2, 9, tzinfo=UTC))
    assert any(a.text == "巴西联邦警察局总指挥官科斯塔" for a in facts.attributions), [a.text for a in facts.attributions]


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=8), st.integers(0, 70))
def test_a_start_is_never_inside_a_name(spans: list[tuple[int, int]], start: int) -> None:
    # Names that do not overlap, as an extractor gives them.
    names, at = [], -1
    for b, length in sorted(spans):
        if b > at:
            names.append((b, b + length))
            at = b + length
    moved = _name_start(start, names)
    assert moved <= start
    assert not any(b < moved < e for b, e in names)
    assert moved == start or any(b == moved and b < start < e for b, e in names)
