"""English reports of one event: quantities, dates, attributions and quotes with spans,
and the issue's examples (200 vs 600 escaped prisoners, 40 miles vs 50 km)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from comparison import compare
from comparison.extract import extract_all
from comparison.numbers_en import extract_quantities_en
from tests.comparison_helpers import ESCAPE_A, ESCAPE_B, PUBLISHED, article, exact, of_type


@pytest.fixture(scope="module")
def escape():
    arts = [ESCAPE_A, ESCAPE_B]
    return arts, compare(arts, use_dense=False)


def test_english_facts_have_exact_spans():
    facts = extract_all(ESCAPE_A.text, PUBLISHED)
    assert facts.english
    for items in (facts.quantities, facts.dates, facts.quotes, facts.attributions, facts.places, facts.sources):
        for x in items:
            assert ESCAPE_A.text[x.start:x.end] == x.text
    about = next(q for q in facts.quantities if q.text == "About 200")
    assert about.vague and about.low < 200 < about.high and about.counted == "prisoners"
    miles = next(q for q in facts.quantities if q.text == "40 miles")
    assert miles.dimension == "length" and round(miles.base_low) == 64374
    (wednesday,) = [d for d in facts.dates if d.text == "Wednesday"]
    assert wednesday.value == date(2021, 7, 7)
    assert any(a.kind == "official" and a.text == "a provincial official" for a in facts.attributions)
    (quote,) = facts.quotes
    assert quote.speaker == "Hessamuddin Shams"
    assert ESCAPE_A.text[quote.speaker_start:quote.speaker_end] == "Hessamuddin Shams"


def test_200_escaped_vs_600_freed_is_a_contradiction(escape):
    arts, comparison = escape
    exact(comparison, arts)
    numbers = [f for f in of_type(comparison, "number") if "prisoners" in f.why]
    assert [f.kind for f in numbers] == ["contradiction"]
    assert {s.text for s in numbers[0].spans} == {"About 200 prisoners", "Some 600 prisoners"}


def test_40_miles_vs_50_km_is_a_contradiction(escape):
    _, comparison = escape
    distance = [f for f in of_type(comparison, "number") if {s.text for s in f.spans} == {"40 miles", "50 km"}]
    assert [f.kind for f in distance] == ["contradiction"]
    assert "64.4 km" in distance[0].why
    # The same base "seized" vs "handed over": the act is worded differently.
    verbs = [f for f in comparison.findings if f.kind == "framing" and {s.text for s in f.spans} == {
        "seized", "handed over"}]
    assert verbs


def test_a_distance_is_from_the_place_its_direction_points_from():
    from comparison.docs import build_docs
    from tests.comparison_helpers import article

    doc = build_docs([article("q", "Outlet Q", "The survey put the epicentre of Sunday's quake at 36 miles "
                              "south-west of Bandar Abbas, the provincial capital.")])[0]
    anchors = [s.anchor for q, s in zip(doc.facts.quantities, doc.subjects, strict=True) if q.dimension == "length"]
    assert anchors and anchors[0][2] == "Bandar Abbas"


def test_no_false_agreement_and_quote_speakers(escape):
    _, comparison = escape
    assert not [f for f in of_type(comparison, "number", "agree") if "prisoners" in f.why]
    speakers = {q["speaker"] for q in comparison.quotes}
    assert {"Hessamuddin Shams", "Governor Hessamuddin Shams"} <= speakers
    # Probabilities, never "similarity 1.20".
    import re

    for f in comparison.findings:
        for value in re.findall(r"(?:similarity|probability) (\d+\.\d+)", f.why):
            assert float(value) <= 1.0


def test_he_said_is_the_person_the_sentence_before_opens_with():
    from comparison.extract_en import extract_entities_en, extract_quotes_en

    def speakers(text):
        return [q.speaker for q in extract_quotes_en(text, extract_entities_en(text))]

    assert speakers('Mayor Anna Berg visited the site on Monday. "We will rebuild every house," she said.') == [
        "Mayor Anna Berg"]
    # A role is no person, and "they" is never one named speaker.
    assert speakers('Police said the road was shut.\n"We will reopen it within the week," he said.') == [
        "unnamed (he)"]
    assert speakers('Anna Berg met the families. "We will rebuild every single house," they said.') == [
        "unnamed (they)"]


def test_english_this_and_last_month_and_weekends_around_a_thursday():
    from datetime import UTC, date, datetime

    from comparison.extract import extract_all

    def span(text):
        [d] = extract_all(text, datetime(2021, 7, 8, tzinfo=UTC), "en").dates
        return d.value, d.last

    assert span("It happened early this month.") == (date(2021, 7, 1), date(2021, 7, 10))
    assert span("It happened late last month.") == (date(2021, 6, 21), date(2021, 6, 30))
    assert span("It happened last weekend.") == (date(2021, 7, 3), date(2021, 7, 4))
    assert span("The vote is this weekend.") == (date(2021, 7, 10), date(2021, 7, 11))
    assert span("It happened over the weekend.") == (date(2021, 7, 3), date(2021, 7, 4))


def test_a_model_designation_is_no_figure_nor_part_of_the_noun_counted():
    from comparison.numbers import counted_noun
    from comparison.numbers_en import extract_quantities_en

    found = extract_quantities_en("The navy confiscated 14 AK - 47 rifles and 31 magazines.")
    assert [(q.text, counted_noun(q)) for q in found] == [("14", "rifle"), ("31", "magazine")]
    assert [counted_noun(q) for q in extract_quantities_en("They had six AK-47 rifles.")] == ["rifle"]
    assert extract_quantities_en("The F - 16 jets flew over.") == []
    # Without its hyphen, a code is read only right after a figure: "the UN 20" keeps its 20.
    found = extract_quantities_en("They seized six AK 47 rifles and 12 magazines.")
    assert [(q.text, counted_noun(q)) for q in found] == [("six", "rifle"), ("12", "magazine")]
    assert [q.low for q in extract_quantities_en("the UN 20 peacekeepers were hurt")] == [20.0]
    # Times and bodies are no model codes (a reviewer's catch).
    # (10 PM is an hour, no figure)
    assert [q.low for q in extract_quantities_en("At 10 PM 40 people had been rescued.")] == [40.0]
    assert [q.low for q in extract_quantities_en("Since 2019 EU 27 leaders met twice.")] == [27.0]


def test_a_score_or_a_record_is_no_count_and_a_range_of_counts_stays():
    from comparison.numbers_en import extract_quantities_en

    def values(text):
        return [q.low for q in extract_quantities_en(text)]

    assert values("He improved his record to 58 - 3 ( 51 KO ) .") == [51.0]
    assert values("Italy won 2 - 1 on Sunday.") == []
    assert values("Gunmen killed 3 - 4 people.") == [3.0, 4.0]
    # Without a word of a contest before them, two numbers with a hyphen are a range (a reviewer's catch).
    assert values("The death toll stood at 40 - 50 on Monday.") == [40.0, 50.0]
    assert values("Gunmen killed 12 - 15 and injured 30.") == [12.0, 15.0, 30.0]
    assert values("They won 12 - 15 seats.") == [12.0, 15.0]


def test_a_dateline_before_a_figure_is_no_model_code():
    from comparison.numbers_en import extract_quantities_en

    for text in ("Gaza - 12 people were killed.", "KABUL - 12 people died", "AFP - 5 people died"):
        assert [q.low for q in extract_quantities_en(text)], text
    assert [q.low for q in extract_quantities_en("Two MiG-29 jets crashed.")] == [2.0]


def test_a_unit_written_onto_its_number():
    from comparison.numbers_en import extract_quantities_en

    for text, unit in (("a 2,000ft fall", "ft"), ("fallen 2 , 000ft to his death", "ft"), ("about 58km south", "km"),
                       ("12kg of gold", "kg")):
        [q] = extract_quantities_en(text)
        assert q.unit == unit and q.dimension in ("length", "mass"), text
    assert extract_quantities_en("5G networks and 737s") == []


def test_aged_a_span_of_years_is_a_span_of_ages():
    from comparison.numbers_en import extract_quantities_en

    [q] = extract_quantities_en("Pupils aged 7 to 16 years died in the fire.")
    assert (q.dimension, q.low, q.high, q.span) == ("age", 7.0, 16.0, True)
    [q] = extract_quantities_en("He was jailed for 7 to 10 years.")
    assert q.dimension == "duration"


def test_large_values_are_written_as_a_reader_writes_them():
    from comparison.docs import fmt
    from comparison.numbers_en import extract_quantities_en

    (q,) = [q for q in extract_quantities_en("Some 1.25m tonnes of water are stored in tanks.") if q.value]
    shown = fmt(q)
    assert "e+" not in shown and "1,120,500" in shown  # (tonnes are t: no conversion shown)
    (q,) = [q for q in extract_quantities_en("The deal is worth $12 billion.") if q.value]
    assert "e+" not in fmt(q) and "12,000,000,000" in fmt(q)


def test_an_hour_is_no_figure():
    from comparison.numbers_en import extract_quantities_en

    text = "Between 10 and 11 a.m., by 5 pm and at 10 o'clock, 10 people died."
    assert [q.text for q in extract_quantities_en(text)] == ["10"]


def test_a_linking_verb_ends_the_counted_noun():
    # "nine remain missing": a count of the missing, not of the killed eight before it (it was a
    # false contradiction with another outlet's eight killed). ("nine others" stays no count of
    # people: "three others" may follow trucks.)
    a = article("ra", "Outlet A", "Eight people were killed and nine remain missing after a mine blast on Monday.")
    b = article("rb", "Outlet B", "A mine blast killed eight people on Monday, and nine people are missing.")
    comparison = compare([a, b], use_dense=False)
    numbers = [f for f in comparison.findings if f.fact_type == "number"]
    assert {f.kind for f in numbers} == {"agree"}
    assert len(numbers) == 2


def test_a_weekday_in_reported_future_lies_ahead():
    # Published Thursday 10 June 2021: "would visit on Friday" is 11 June, not 4 June.
    a = article("wa", "Outlet A", "President Sagasti said he would visit the area on Friday.",
                published=datetime(2021, 6, 10, 8, tzinfo=UTC))
    facts = extract_all(a.text, a.published)
    (friday,) = [d for d in facts.dates if d.text == "Friday"]
    assert friday.value == date(2021, 6, 11)


def test_a_magnitude_is_a_measure_told_apart_from_a_distance():
    a = article("ma", "Outlet A", "A magnitude 6.1 earthquake struck 38 km south of Piura on Thursday.")
    b = article("mb", "Outlet B", "A 6.0-magnitude earthquake struck 40 km south of Piura on Thursday.")
    c = article("mc", "Outlet C", "A 6.1-magnitude earthquake struck 38 km south of Piura on Thursday.")
    numbers = [f for f in compare([a, b, c], use_dense=False).findings if f.fact_type == "number"]
    between_a_b = [f for f in numbers if {s.article_id for s in f.spans} == {"ma", "mb"}]
    assert sorted(f.why.split(":")[0] for f in between_a_b if f.kind == "contradiction") == [
        "incompatible figures for distance from Piura", "incompatible figures for magnitude"]
    assert any(f.kind == "agree" and "magnitude" in f.why and {s.article_id for s in f.spans} == {"ma", "mc"}
               for f in numbers)




@pytest.mark.parametrize(("text", "counted"), [
    ("The blast injured 41 early on Monday, officials said.", ""),
    ("Police detained 12 late Monday in the port city.", ""),
    ("Shelling killed 7 overnight, the army said.", ""),
    ("The storm injured 41 Monday morning.", ""),
    ("Rescuers freed 9 yesterday.", ""),
    ("Officials counted 20 earlier this week.", ""),
    ("The fire hurt 15 this morning.", ""),
    ("Floods displaced 300 families early on Sunday.", "families"),
    ("Guards caught 30 prisoners late Tuesday night.", "prisoners"),
    # A time word naming a kind of thing, before its noun, stays part of the noun counted.
    ("The airline cancelled 5 morning flights.", "morning flights"),
    ("The army carried out three night raids.", "night raids"),
])
def test_a_time_word_after_a_number_is_no_noun_it_counts(text, counted):
    # "injured 41 early on Monday" counted "early" (figures for "early" set against another
    # outlet's 41 injured): a time word after a figure says when, not what is counted.
    assert [q.counted or "" for q in extract_quantities_en(text)] == [counted]


def test_a_count_before_a_time_word_agrees_with_the_same_count_of_people():
    a = article("ta", "Outlet A", "A bomb in the market injured 41 early on Monday, police said.")
    b = article("tb", "Outlet B", "Police said 41 people were injured when a bomb went off in the market on Monday.")
    numbers = [f for f in compare([a, b], use_dense=False).findings if f.fact_type == "number"]
    assert [f.kind for f in numbers] == ["agree"], [f.why for f in numbers]


def test_a_bodys_name_goes_on_after_of_for_and_on():
    """National League for Democracy is one name (its head noun, League, takes "for"); two
    names joined by "and", or a person "of" a place, stay two."""
    from comparison.extract_en import extract_entities_en

    def names(text: str) -> list[str]:
        return [e.text for e in extract_entities_en(text)]

    assert names("Voters backed the National League for Democracy at the polls.") == [
        "National League for Democracy"]
    assert names("A spokesman for the Ministry of Defence declined to comment.") == ["Ministry of Defence"]
    assert names("Members of the Council on Foreign Relations met.") == ["Council on Foreign Relations"]
    assert names("Officials met Aung San Suu Kyi of Myanmar and Joe Biden.") == [
        "Aung San Suu Kyi", "Myanmar", "Joe Biden"]


def test_a_number_naming_a_road_flight_or_clause_is_no_figure():
    assert [q.text for q in extract_quantities_en("Police stopped the truck on Interstate 80 near Reno.")] == []
    assert [q.text for q in extract_quantities_en("Flight 212 landed with 96 passengers.")] == ["96"]
    assert [q.text for q in extract_quantities_en("The No. 3 seed lost; 12 people were hurt.")] == ["12"]
    # not capitalized: an ordinary noun before a count
    assert [q.text for q in extract_quantities_en("In the room 12 people waited.")] == ["12"]


def test_numbered_names_never_yield_their_number():
    from hypothesis import given
    from hypothesis import strategies as st

    from comparison.lexicons.quantifiers import NUMBERED_NAMES_EN

    @given(st.sampled_from(NUMBERED_NAMES_EN), st.integers(min_value=2, max_value=999),
           st.sampled_from(["", "The ", "They drove on "]))
    def check(name, number, opening):
        text = f"{opening}{name} {number} was closed."
        assert not [q for q in extract_quantities_en(text) if q.low == number]

    check()


def test_last_month_name_opening_a_sentence_is_the_one_before_publication():
    """"Last June, …" in a January report is the June before, not the coming one; read as
    "last June" inside a sentence is."""
    from hypothesis import given
    from hypothesis import strategies as st

    from comparison.extract_en import extract_dates_en
    from comparison.lexicons.timewords import MONTHS_EN

    months = sorted({m.capitalize() for m in MONTHS_EN if len(m) > 3})

    @given(st.sampled_from(months), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
    def check(month, published):
        opening = [d.value for d in extract_dates_en(f"Last {month}, the council met.", published)]
        inside = [d.value for d in extract_dates_en(f"The council met last {month}.", published)]
        assert opening == inside and len(opening) == 1
        assert opening[0] < published.replace(day=1)

    check()
