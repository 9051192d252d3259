"""A unique fact's figure is named with its counted noun as written: "12 people" with its space,
12人 without one, "dozens of police officers" with its "of" (not "dozens police officers")."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from comparison.findings.unique import _counted_label


@dataclass
class _Q:
    text: str
    start: int
    end: int
    counted: str
    counted_start: int


def _label(text: str, figure: str, noun: str) -> str:
    start = text.index(figure)
    at = text.index(noun, start + len(figure))
    return _counted_label(text, _Q(figure, start, start + len(figure), noun, at))


def test_labels_keep_the_words_between_a_figure_and_its_noun() -> None:
    assert _label("The next day, dozens of police officers declared.", "dozens", "police officers") == \
        "dozens of police officers"
    assert _label("洪水造成12人死亡。", "12", "人") == "12人"
    assert _label("Some 190 people were held.", "Some 190", "people") == "Some 190 people"
    assert _label("nearly a third of the Americans polled", "nearly a third", "Americans") == \
        "nearly a third of the Americans"


@given(st.sampled_from(["dozens", "hundreds", "12", "a handful"]), st.sampled_from([" ", " of ", "  of\u00a0the "]),
       st.sampled_from(["officers", "people", "teachers"]))
def test_a_label_is_the_written_words_with_single_spaces(figure: str, gap: str, noun: str) -> None:
    text = f"Later {figure}{gap}{noun} left."
    assert _label(text, figure, noun) == " ".join(f"{figure}{gap}{noun}".split())
