"""English desk trial (session 39): readings two English reports of one event need, on made-up
sentences. Telephone numbers and a bare hour after "before" are no figures; the press's "trn" is a
trillion and "estimated at" a qualifier; a time phrase opening a clause is no part of the voice
after it; a quotation opened after a sentence end starts a new sentence; anonymous sources are
named in English in English reports; a consultancy's forecast and troopers' word are voices; a
shared statement's "figures differ" note never lists figures the outlets share."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from comparison.compare import compare
from comparison.numbers_en import extract_quantities_en
from comparison.slots import extract_attributions
from comparison.text import split_sentences
from tests.comparison_helpers import article, exact


def _figures(text: str) -> list[str]:
    return [q.text for q in extract_quantities_en(text)]


def _voices(text: str) -> list[tuple[str, str]]:
    return [(a.who, a.kind) for a in extract_attributions(text, text, True)]


def test_telephone_numbers_are_no_figures() -> None:
    assert _figures("Anyone who saw the van should call detectives on 0161 496 0000 or the hotline on "
                    "0800 111 222.") == []
    assert _figures("Call (555) 201-7788 or 555-201-7788; 14 people have called.") == ["14"]
    assert _figures("Call +44 20 7946 0321 today.") == []


@given(st.integers(10, 9999), st.integers(100, 999), st.integers(1000, 9999), st.integers(2, 900))
def test_no_part_of_a_trunk_dialled_number_is_a_figure(area: int, local: int, line: int, count: int) -> None:
    text = f"Witnesses may ring 0{area} {local} {line}. {count} witnesses have come forward."
    assert _figures(text) == [str(count)]


def test_a_bare_hour_after_a_preposition_of_time_is_no_count() -> None:
    assert _figures("The blaze began on the roof before 9. Crews stayed until 6 on Sunday.") == []
    assert _figures("Before 9 people were rescued, the roof fell.") == ["9"]
    assert _figures("The index rose by 9.") == ["9"]  # "by" takes counts as often as hours


def test_trillions_written_short_and_estimated_at() -> None:
    (q,) = extract_quantities_en("a $2.5trn plan")
    assert (q.text, q.low, q.high) == ("$2.5trn", 2.45e12, 2.55e12)
    (q,) = extract_quantities_en("a £3tn hole")
    assert q.low == 3e12 and q.high == 3e12
    (q,) = extract_quantities_en("damage estimated at $2m to the hall")
    assert q.text == "estimated at $2m" and q.vague and q.low < 2e6 < q.high


def test_a_sum_in_trillions_and_in_billions_is_one_figure() -> None:
    a = article("a", "Alpha", "The senate passed a $2.4trn budget on Tuesday, the clerk said.")
    b = article("b", "Beta", "The senate passed a $2,400bn budget on Tuesday, the clerk said.")
    result = compare([a, b], use_dense=False)
    exact(result, [a, b])
    money = [f for f in result.findings if f.fact_type == "number"]
    assert [f.kind for f in money] == ["agree"]
    assert not any("figures differ" in f.why for f in result.findings)


@given(st.sampled_from(["On Monday", "Late on Tuesday,", "Yesterday", "On March 3rd", "In March",
                        "On 4 June 2020,", "Early on Sunday morning,", "This morning"]),
       st.sampled_from(["the foreign ministry", "the Bureau of Statistics", "police"]))
def test_a_time_phrase_opening_the_clause_is_no_part_of_the_voice(time: str, voice: str) -> None:
    assert [who for who, _ in _voices(f"{time} {voice} said that the border would close.")] == [voice]


def test_a_consultancy_and_troopers_are_voices() -> None:
    assert _voices("Brightwater Analytics, a consultancy, predicts that rents will rise by 4%.") == [
        ("Brightwater Analytics, a consultancy", "expert")]
    assert _voices("The hall burned down overnight, Nevada State Troopers said.") == [
        ("Nevada State Troopers", "official")]


def test_a_quotation_opened_after_a_sentence_end_is_a_sentence_of_its_own() -> None:
    # A quotation running over paragraphs, flattened: each paragraph opens with a mark, only the
    # last closes.
    text = ("A spokesman said: “Crews were called at 6.10am. “The hall is lost. “Nobody was hurt.” "
            "Roads stayed shut.")
    pieces = [s.text for s in split_sentences(text, "en")]
    assert pieces == ["A spokesman said: “Crews were called at 6.10am.", "“The hall is lost.",
                      "“Nobody was hurt.”", "Roads stayed shut."]
    assert all(text[s.start:s.end] == s.text for s in split_sentences(text, "en"))


@given(st.lists(st.sampled_from(["The roof fell.", "Crews left at noon.", "It was 40 feet high."]),
                min_size=1, max_size=4))
def test_sentences_tile_a_flattened_quotation(parts: list[str]) -> None:
    text = "He said: “" + " “".join(parts) + "”"
    sentences = split_sentences(text, "en")
    assert len(sentences) == len(parts)
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_anonymous_sources_are_named_in_english_for_english_reports() -> None:
    published = datetime(2021, 7, 13, 12, 0, tzinfo=UTC)
    a = article("a", "Alpha", "A suspect was found dead in his cell, prison sources said.", published=published)
    b = article("b", "Beta", "A suspect has hanged himself in his cell, sources said on Tuesday.",
                published=published)
    result = compare([a, b], use_dense=False)
    sources = [f for f in result.findings if f.fact_type == "source"]
    assert sources and all("anonymous sources" in f.why and "匿名" not in f.why for f in sources)


def test_figures_differ_never_lists_a_shared_figure() -> None:
    a = article("a", "Alpha", "Jones added 16 points for the Lions, while Smith had 14 rebounds.")
    b = article("b", "Beta", "Jones added 16 points for the Lions.")
    result = compare([a, b], use_dense=False)
    assert not any("figures differ" in f.why for f in result.findings)


def test_figures_differ_never_lists_figures_a_finding_already_paired() -> None:
    # Six months and 26 weeks agree as durations (a number finding): the statement's note must not
    # call them different figures.
    a = article("a", "Alpha", "The club must give six months' notice to the league before it leaves.")
    b = article("b", "Beta", "The club must give 26 weeks' notice to the league before it leaves.")
    result = compare([a, b], use_dense=False)
    assert [f.kind for f in result.findings if f.fact_type == "number"] == ["agree"]
    assert not any("figures differ" in f.why for f in result.findings)
    c = article("c", "Gamma", "The club must give nine months' notice to the league before it leaves.")
    assert any("figures differ" in f.why or f.kind == "contradiction" for f in compare([a, c], use_dense=False).findings)


@given(st.sampled_from(["east", "north", "south-west"]), st.sampled_from(["west", "southeast", "north"]))
def test_each_of_two_distances_in_one_sentence_keeps_its_own_direction_and_place(first: str, second: str) -> None:
    a = article("a", "Alpha", f"The quake struck 13 miles {first} of Marnock and 2 miles {second} of Tollbridge.")
    b = article("b", "Beta", f"The quake was centred about 2 miles from Tollbridge and 13 miles {first} of Marnock.")
    result = compare([a, b], use_dense=False)
    exact(result, [a, b])
    assert not [f for f in result.findings if f.kind == "contradiction"]


def test_two_named_voices_with_one_role_are_two_voices() -> None:
    a = article("a", "Alpha", "Brightwater Analytics, a consultancy, predicts that rents will rise by 4% by May.")
    b = article("b", "Beta", "Ferncastle Research, a consultancy, forecasts that rents will rise by 4% by May.")
    result = compare([a, b], use_dense=False)
    exact(result, [a, b])
    framing = [f for f in result.findings if f.fact_type == "attribution" and f.kind == "framing"]
    assert [[s.text for s in f.spans] for f in framing] == [
        ["Brightwater Analytics, a consultancy", "Ferncastle Research, a consultancy"]]
    c = article("c", "Gamma", "Brightwater Analytics, an adviser, predicts that rents will rise by 4% by May.")
    assert not [f for f in compare([a, c], use_dense=False).findings if f.fact_type == "attribution"
                and f.kind == "framing"]
