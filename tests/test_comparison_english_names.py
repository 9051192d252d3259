"""English names are capitalized runs, not sentence openers: a function word opening a sentence
(According, Both, Three, Moreover, a drop cap's AS) is no name, nor a lone opening word the text
never capitalizes inside a sentence (Exporters, Turnout); names keep their spans exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison.extract_en import extract_entities_en
from comparison.lexicons.grammar import FUNCTION_WORDS_EN


def _names(text: str) -> list[str]:
    return [e.text for e in extract_entities_en(text)]


def test_sentence_openers_are_no_names_and_the_names_after_them_are() -> None:
    text = ("According to officials, the bridge in Lagos closed. Both ministers resigned. Three protesters were "
            "hurt near Kano. Moreover, prices rose. Exporters complained. Even Ghana agreed. AS COVID spread, "
            "Accra shut. Is this right? Frustrated, Ms Adeyemi left.")
    names = _names(text)
    for word in ("According", "Both", "Three", "Moreover", "Exporters", "Even", "AS", "Is", "Frustrated"):
        assert not any(n.split()[0] == word for n in names), (word, names)
    for name in ("Lagos", "Kano", "Ghana", "COVID", "Accra", "Ms Adeyemi"):
        assert name in names, (name, names)


def test_a_name_opening_a_sentence_stays_when_the_text_names_it_inside_one() -> None:
    text = "Yangon was quiet on Monday. Crowds had filled Yangon the day before. Tuesday began calmly."
    assert _names(text).count("Yangon") == 2
    assert "Second World War" in _names("He fought in the Second World War.")
    assert "First Amendment" in _names("They cited the First Amendment.")


_CAPITALIZED = st.sampled_from(["Lagos", "Kano", "Ms Adeyemi", "Ghana", "Accra Council"])
_OPENERS = st.sampled_from(sorted(FUNCTION_WORDS_EN)).map(str.capitalize)


@given(st.lists(st.tuples(_OPENERS, _CAPITALIZED), min_size=1, max_size=5))
def test_no_function_word_is_a_name_and_every_span_is_exact(sentences: list[tuple[str, str]]) -> None:
    text = " ".join(f"{opener} the trip, {name} spoke. Officials met {name} later." for opener, name in sentences)
    entities = extract_entities_en(text)
    assert all(text[e.start:e.end] == e.text for e in entities)
    assert not [e.text for e in entities if e.text.split()[0].lower() in FUNCTION_WORDS_EN]
    assert {name for _, name in sentences} <= {e.text for e in entities}


def test_a_capital_after_a_short_prefix_stays_inside_the_name():
    """McCarron, MacKay, LaCalamita: one surname, not "Mc" and "Carron"; the person keeps it."""
    found = [(e.text, e.kind) for e in extract_entities_en("The deal pleased analysts, noted Dora McTavish on Friday.")]
    assert ("Dora McTavish", "PER") in found

    @given(st.sampled_from(["Mc", "Mac", "La", "De", "Di"]), st.text(alphabet="aeiourstln", min_size=3, max_size=8))
    def check(prefix, rest):
        surname = f"{prefix}T{rest}"
        found = [e.text for e in extract_entities_en(f"Officials said Nora {surname} left early.")]
        assert f"Nora {surname}" in found

    check()
