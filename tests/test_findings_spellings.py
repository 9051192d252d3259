"""The spellings producer: one Latin name spelled two ways by two outlets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison import compare
from comparison.findings.spellings import MAX_NAMES_PER_DOC, _latin_names, _letter_apart
from tests.comparison_helpers import article

_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=9)


@given(_words, _words)
def test_a_letter_apart_is_symmetric_and_never_the_same_word(a, b):
    assert _letter_apart(a, b) == _letter_apart(b, a)
    assert not _letter_apart(a, a)


def test_a_plural_or_demonym_ending_is_no_spelling():
    assert not _letter_apart("Syria", "Syrian") and not _letter_apart("Iraqi", "Iraqis")
    assert _letter_apart("Bern", "Berne") and not _letter_apart("Iran", "Iraq")


def test_many_names_are_read_within_a_bound():
    # 600 distinct place-like names in one article, and the same with one letter changed in another.
    names = [f"Place{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676)}ville" for i in range(600)]
    first = article("ma", "Outlet A", " ".join(f"They met in {n.capitalize()} on Monday." for n in names))
    second = article("mb", "Outlet B", " ".join(f"They met in {n.capitalize()}e on Monday." for n in names))
    from comparison.compare import build_context

    docs, _ctx, _notes = build_context([first, second])
    assert len(_latin_names(docs[0])) <= MAX_NAMES_PER_DOC
    spelled = [f for f in compare([first, second], use_dense=False).findings if "spelled" in f.why]
    assert len(spelled) <= MAX_NAMES_PER_DOC
