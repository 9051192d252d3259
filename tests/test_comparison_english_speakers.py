"""English quotations and their speakers: "he said" is the person the sentence just before the
quotation names (never one sentence earlier); a speaker is a name or a noun phrase, not a clause."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison.extract_en import _sentence_before_en, extract_entities_en, extract_quotes_en


def _speakers(text: str) -> list[str]:
    return [q.speaker for q in extract_quotes_en(text, extract_entities_en(text))]


def test_he_said_is_the_person_the_sentence_just_before_names() -> None:
    text = ("Jane Okoro ran the clinic for years. “We were never told,” she said. Voice shaking, she left the room. "
            "“Do not come back,” she said.")
    assert _speakers(text) == ["Jane Okoro", "unnamed (she)"]


def test_a_full_name_with_an_appositive_opens_the_sentence_before() -> None:
    text = "Amara Diallo, a 31-year-old nurse, wants higher pay. “We cannot go on,” she says."
    assert _speakers(text) == ["Amara Diallo"]
    # A place with an appositive is nobody's name.
    assert _speakers("Lagos, the largest city, was calm. “Nothing moved,” he said.") == ["unnamed (he)"]


@given(st.lists(st.sampled_from(["The bridge closed.", "Prices rose sharply.", "Nobody came?", "Rain fell!"]),
                min_size=1, max_size=5), st.sampled_from(["“", "\"", ""]))
def test_the_sentence_before_ends_where_the_quotations_sentence_starts(sentences: list[str], mark: str) -> None:
    text = " ".join(sentences) + f" {mark}Here it is{mark}, he said."
    start = text.index(f"{mark}Here")
    before_start, before_end = _sentence_before_en(text, start)
    assert before_end == start
    assert text[before_start:before_end].strip() == sentences[-1]


def test_a_noun_phrase_speaker_never_runs_through_a_relative_clause() -> None:
    text = ("To justify the move, the board argues that the vote in March that confirmed the plan was marred by "
            "“massive” fraud. “We will win,” the party leader said.")
    quotes = extract_quotes_en(text, extract_entities_en(text))
    assert [(q.text, q.speaker) for q in quotes] == [("“We will win,”", "the party leader")]


@given(st.sampled_from(["that", "which", "who"]), st.sampled_from(["confirmed", "announced", "said"]))
def test_no_speaker_holds_a_relative_word(relative: str, verb: str) -> None:
    text = f"The report on the vote {relative} {verb} the result called it “a long and very complicated process”."
    assert not [s for s in _speakers(text) if relative in s.split()]
