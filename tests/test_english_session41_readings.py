"""English readings of session 41 (helper h41a), on made-up sentences: a country's short form
in capitals speaks for its state as its name does."""

from __future__ import annotations

from comparison.extract import extract_all
from comparison.extract_en import extract_entities_en
from tests.comparison_helpers import PUBLISHED


def _voices_of(text: str) -> list[tuple[str, str]]:
    return [(a.who, a.kind) for a in extract_all(text, PUBLISHED).attributions]


def test_a_countrys_short_form_in_capitals_is_a_state_voice() -> None:
    assert _voices_of("The U.S. said it would send two planes.") == [("The U.S.", "official")]
    assert _voices_of("The US says the border will stay shut.") == [("The US", "official")]
    assert _voices_of("The ferry will not sail, the U.K. said.") == [("the U.K.", "official")]
    assert _voices_of("The UK said it was concerned by the fighting.") == [("The UK", "official")]
    assert _voices_of("Britain's foreign ministry said it had summoned the envoy.") == [
        ("Britain's foreign ministry", "official")]
    # a list of states, each perhaps opened by "the", is one state voice
    assert _voices_of("Chile and the U.S. said the talks failed.") == [("Chile and the U.S.", "official")]
    assert _voices_of("Peru, Chile and the United States said the talks failed.") == [
        ("Peru, Chile and the United States", "official")]
    # "us" in lower case, or capitalized opening a sentence, is the pronoun, no state
    assert _voices_of("Let us say the talks failed.") == []


def test_initials_with_stops_are_one_name() -> None:
    names = [e.text for e in extract_entities_en("Aid went to the U.S. on Monday, and Oslo wrote back.")]
    assert "U.S." in names and "U." not in names
