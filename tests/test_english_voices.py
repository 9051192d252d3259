"""English voices (who a claim is attributed to) are noun phrases: never a passive's subject
("arrests have been reported"), never the antecedent of a relative clause ("a president who
said"), never opened by a preposition the six-word window started at ("of police officers")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison.slots import extract_attributions


def _voices(text: str) -> list[str]:
    return [a.who for a in extract_attributions(text, text, True)]


def test_passives_and_relative_clauses_name_no_voice() -> None:
    assert _voices("No arrests within the army or security services have been reported, officials said.") == [
        "officials"]
    assert _voices("A president who said, for instance, that the war was over would be impeached.") == []


def test_a_voice_read_from_a_preposition_starts_after_it() -> None:
    voices = _voices("The next day, dozens of police officers from the northern state declared their opposition.")
    assert voices == ["police officers from the northern state"]
    assert _voices("In Athens, police said three people were hurt.") == ["police"]


@given(st.sampled_from(["have been", "has been", "were", "was", "is being"]),
       st.sampled_from(["reported", "announced", "confirmed"]))
def test_no_voice_ends_in_a_form_of_be(be: str, verb: str) -> None:
    text = f"Several cases in the capital and the northern province {be} {verb} this week."
    assert not [v for v in _voices(text) if v.split()[-1] in ("been", "was", "were", "is", "being")]


@given(st.sampled_from(["of", "from", "in", "on", "at", "with", "for"]), st.integers(1, 4))
def test_no_voice_opens_with_a_lower_case_preposition(preposition: str, words: int) -> None:
    text = f"Later, hundreds {preposition} {' '.join(['local'] * words)} officials said the road was closed."
    assert all(v.split()[0] != preposition for v in _voices(text))
