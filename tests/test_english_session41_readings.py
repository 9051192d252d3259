"""English readings of session 41 (helper h41a), on made-up sentences: a country's short form
in capitals speaks for its state as its name does; a span written with a hyphen before a unit
("2-3 years") or of days ("10-15 August") is one span, as "between 2 and 3 years" is."""

from __future__ import annotations

from datetime import UTC, date, datetime

from comparison.compare import compare
from comparison.extract import extract_all
from comparison.extract_en import extract_dates_en, extract_entities_en
from comparison.numbers_en import extract_quantities_en
from tests.comparison_helpers import article, exact, read_counting, voices_of

# A made-up publication time for these sentences (a Saturday).
_PUBLISHED = datetime(2022, 8, 20, 12, 0, tzinfo=UTC)


def test_a_countrys_short_form_in_capitals_is_a_state_voice() -> None:
    assert voices_of("The U.S. said it would send two planes.") == [("The U.S.", "official")]
    assert voices_of("The US says the border will stay shut.") == [("The US", "official")]
    assert voices_of("The ferry will not sail, the U.K. said.") == [("the U.K.", "official")]
    assert voices_of("The UK said it was concerned by the fighting.") == [("The UK", "official")]
    assert voices_of("Britain's foreign ministry said it had summoned the envoy.") == [
        ("Britain's foreign ministry", "official")]
    # a list of states, each perhaps opened by "the", is one state voice
    assert voices_of("Chile and the U.S. said the talks failed.") == [("Chile and the U.S.", "official")]
    assert voices_of("Peru, Chile and the United States said the talks failed.") == [
        ("Peru, Chile and the United States", "official")]
    # "us" in lower case, or capitalized opening a sentence, is the pronoun, no state
    assert voices_of("Let us say the talks failed.") == []


def test_initials_with_stops_are_one_name() -> None:
    names = [e.text for e in extract_entities_en("Aid went to the U.S. on Monday, and Oslo wrote back.")]
    assert "U.S." in names and "U." not in names


def _spans(text: str) -> list[tuple[str, float, float, str, str, bool]]:
    return [(q.text, q.low, q.high, q.dimension, q.counted, q.span) for q in extract_quantities_en(text)]


def test_a_hyphen_span_before_a_unit_is_one_span_of_the_unit() -> None:
    assert _spans("The builder was jailed for 4-6 years.") == [("4-6 years", 4, 6, "duration", "", True)]
    assert _spans("Floods covered 3-8 km of the valley road.") == [("3-8 km", 3, 8, "length", "", True)]
    assert _spans("Floods covered 3-8km of the valley road.") == [("3-8km", 3, 8, "length", "", True)]
    assert _spans("Pupils aged 9-14 years were sent home.") == [("9-14 years", 9, 14, "age", "", True)]
    # as the span written in words reads
    assert [(q.low, q.high, q.dimension, q.span) for q in extract_quantities_en("jailed for between 4 and 6 years")] == [
        (4, 6, "duration", True)]
    # spans of counts: between ... and, to, a hyphen before the noun or a verb
    assert _spans("Between 12 and 18 miners were trapped.") == [("Between 12 and 18", 12, 18, "count", "miners", True)]
    assert _spans("The raid left 12 to 18 killed.") == [("12 to 18", 12, 18, "count", "", True)]
    # still no span: a score, a clock's hours
    assert _spans("Rovers won 4-3.") == []
    assert _spans("The shop opens 7-10am.") == []


def test_a_hyphen_span_may_open_with_one() -> None:
    # the lone "one" rule (one official: no figure) read nothing of "1-2 days"
    assert _spans("Repairs will take 1-2 days.") == [("1-2 days", 1, 2, "duration", "", True)]
    assert _spans("Winds of 1-4 km/h were measured.") == [("1-4 km/h", 1, 4, "speed", "", True)]
    assert _spans("Only 1-3 pickers turned up.") == [("1-3", 1, 3, "count", "pickers", True)]
    # a one opening no span is still no figure: a score
    assert _spans("Elmford led 1-0 at the break.") == []
    assert _spans("The score was 1-3 after extra time.") == []


def _days(text: str) -> list[tuple[str, date, date | None]]:
    return [(d.text, d.value, d.last) for d in extract_dates_en(text, _PUBLISHED.date())]


def test_two_days_joined_by_a_range_word_are_one_span_of_days() -> None:
    span = (date(2022, 8, 9), date(2022, 8, 13))
    assert _days("The fair runs 9-13 August in Riverton.") == [("9-13 August", *span)]
    assert _days("The fair runs August 9-13 in Riverton.") == [("August 9-13", *span)]
    assert _days("The fair ran from 9 to 13 August.") == [("from 9 to 13 August", *span)]
    assert _days("The fair ran between 9 and 13 August.") == [("between 9 and 13 August", *span)]
    assert _days("Talks ran from July 29 to August 3.") == [
        ("from July 29 to August 3", date(2022, 7, 29), date(2022, 8, 3))]
    # two days listed, a later day first, or "and" without "between": no span
    assert _days("Votes were held on 9 and 13 August.") == [
        ("9", date(2022, 8, 9), None), ("13 August", date(2022, 8, 13), None)]
    assert _days("The fair runs 13-9 August.")[0][2] is None
    facts = extract_all("The fair runs 9-13 August in Riverton.", _PUBLISHED)
    assert not facts.quantities  # the 9 is a day of the span, no count


def test_two_days_listed_with_and_are_two_days_and_no_count() -> None:
    assert _days("Riots broke out on August 3 and 7 in Elmford.") == [
        ("August 3", date(2022, 8, 3), None), ("7", date(2022, 8, 7), None)]
    for text in ("Riots on 3 and 7 August left four people dead.", "Riots on August 3 and 7 left four people dead."):
        facts = extract_all(text, _PUBLISHED)
        assert [(q.text, q.counted) for q in facts.quantities] == [("four", "people")], text
        assert sorted(d.value for d in facts.dates) == [date(2022, 8, 3), date(2022, 8, 7)], text


def test_a_happening_moved_from_one_day_to_another_names_two_days_no_span() -> None:
    # "postponed from X to Y": the old day and the new one, each a day of its own
    assert _days("The count was postponed from 11 to 25 August.") == [
        ("11", date(2022, 8, 11), None), ("25 August", date(2022, 8, 25), None)]
    assert _days("The final, moved from July 30 to August 6, went ahead.") == [
        ("July 30", date(2022, 7, 30), None), ("August 6", date(2022, 8, 6), None)]
    assert _days("The hearing was rescheduled from 3 June to 17 June.") == [
        ("3 June", date(2022, 6, 3), None), ("17 June", date(2022, 6, 17), None)]
    facts = extract_all("The count was postponed from 11 to 25 August.", _PUBLISHED)
    assert not facts.quantities  # the 11 is a day, no count
    # a span of days still: no such word, or one far before or in another clause
    assert _days("The count ran from 11 to 25 August.")[0][1:] == (date(2022, 8, 11), date(2022, 8, 25))
    assert _days("The count was postponed. It ran from 11 to 25 August.")[-1][1:] == (
        date(2022, 8, 11), date(2022, 8, 25))
    assert _days("Flights faced delays from 11 to 25 August.")[0][1:] == (date(2022, 8, 11), date(2022, 8, 25))


def test_a_span_of_days_meets_each_of_its_days() -> None:
    def findings(days_a: str, days_b: str) -> list[str]:
        arts = [article("a", "Wire A", f"Floods killed two people in Elmford on {days_a}.", published=_PUBLISHED),
                article("b", "Wire B", f"Floods killed two people in Elmford on {days_b}.", published=_PUBLISHED)]
        comparison = compare(arts, use_dense=False)
        exact(comparison, arts)
        return [f"{f.kind} {f.fact_type} {f.why}" for f in comparison.findings]

    inside = findings("8-12 August", "10 August")
    assert any(f.startswith("agree number") for f in inside) and not any("days differ" in f for f in inside)
    apart = findings("8-9 August", "10 August")
    assert not any(f.startswith("agree number") for f in apart) and any("days differ" in f for f in apart)


def test_a_total_over_a_span_of_days_is_no_count_of_a_day_inside_it() -> None:
    def kinds(first: str, second: str) -> list[tuple[str, str]]:
        arts = [article("a", "Wire A", first, published=_PUBLISHED), article("b", "Wire B", second, published=_PUBLISHED)]
        comparison = compare(arts, use_dense=False)
        exact(comparison, arts)
        return [(f.kind, f.why) for f in comparison.findings if f.fact_type == "number"]

    # a month's toll against one day's: two facts, no contradiction
    found = kinds("Storms killed 140 people in Elmford from 1 to 30 June.", "Storms killed 4 people in Elmford on 12 June.")
    assert not any(k == "contradiction" for k, _ in found), found
    found = kinds("Storms killed 14 people in Elmford on 8-12 June.", "Storms killed 9 people in Elmford on 10 June.")
    assert not any(k == "contradiction" for k, _ in found), found
    # one span against the same span told otherwise is still a contradiction
    found = kinds("Storms killed 14 people in Elmford on 8-12 June.", "Storms killed 9 people in Elmford on 8-12 June.")
    assert any(k == "contradiction" for k, _ in found), found


def test_a_figures_days_stay_bounded_however_many_spans_its_clause_names() -> None:
    from comparison.extract import DateMention
    from comparison.numbers import Quantity
    from comparison.subjects import MAX_PERIOD_DAYS, _figure_days

    spans = 500
    text = "x " * spans + "12 people died."
    dates = [DateMention(2 * i, 2 * i + 1, "x", date(2000 + i % 20, 1, 1), "day", last=date(2000 + i % 20, 12, 31))
             for i in range(spans)]
    q = Quantity(start=2 * spans, end=2 * spans + 2, text="12", low=12, high=12, vague=False)
    days, background, _spanned = _figure_days(q, text, dates, 0, len(text), date(2022, 8, 20), happening=True)
    assert background and 0 < len(days) <= MAX_PERIOD_DAYS


def test_persons_listed_after_the_verb_are_each_a_voice() -> None:
    assert voices_of("The dam will hold, said Ann Cole, Tom Hale and Ruth Ng.") == [
        ("Ann Cole", "person"), ("Tom Hale", "person"), ("Ruth Ng", "person")]
    assert voices_of("The dam will hold, said Ann Cole, Tom Hale, and Ruth Ng on Monday.") == [
        ("Ann Cole", "person"), ("Tom Hale", "person"), ("Ruth Ng", "person")]
    # as before the verb, and two after it
    assert voices_of("Ann Cole, Tom Hale and Ruth Ng said the dam will hold.") == [
        ("Ann Cole", "person"), ("Tom Hale", "person"), ("Ruth Ng", "person")]
    assert voices_of("The dam will hold, said Ann Cole and Ruth Ng.") == [("Ann Cole", "person"), ("Ruth Ng", "person")]
    # no list: an appositive naming another person, a possessive after the last name
    assert voices_of("The dam will hold, said Ann Cole, Tom Hale's lawyer.") == [("Ann Cole", "person")]
    assert voices_of("The dam will hold, said Ann Cole, Tom Hale and Ruth Ng's aide.") == [("Ann Cole", "person")]


def test_a_list_after_the_verb_is_read_a_bounded_number_of_names() -> None:
    from comparison.slots import MAX_LISTED_SPEAKERS, _persons_listed_after

    class CountingStarts(dict):
        looked = 0

        def __contains__(self, key: object) -> bool:
            CountingStarts.looked += 1
            return super().__contains__(key)

    names = [f"Ann Cole{i}" for i in range(3000)]
    text = "said " + ", ".join(names) + "."
    starts, at = CountingStarts(), 5
    for name in names:
        starts[at] = at + len(name)
        at += len(name) + 2
    assert _persons_listed_after(text, starts.pop(5), starts) == []
    assert CountingStarts.looked <= MAX_LISTED_SPEAKERS + 1


def test_a_name_shaped_like_a_clubs_or_companys_is_a_body_not_a_person() -> None:
    assert voices_of("Real Sociedad said the striker was injured.") == [("Real Sociedad", "organization")]
    assert voices_of("Elmford United said the deal was off.") == [("Elmford United", "organization")]
    assert voices_of("Varne Holdings said profits fell.") == [("Varne Holdings", "organization")]
    # the first words of a body's name the article writes whole elsewhere
    assert voices_of("Harold Pike Airways cut routes. Harold Pike said flights were cancelled.") == [
        ("Harold Pike", "organization")]
    kinds = {e.text: e.kind for e in extract_entities_en("Elmford United and Real Sociedad met. Then Ann Cole spoke.")}
    assert kinds == {"Elmford United": "ORG", "Real Sociedad": "ORG", "Ann Cole": "PER"}
    # a place of the gazetteer stays a place's name, a club named after its town no body either
    kinds = {e.text: e.kind for e in extract_entities_en("Fires hit Mexico City. Then Elmford City won.")}
    assert kinds == {"Mexico City": "NAME", "Elmford City": "NAME"}  # (no person: was PER, as two capitalized words)
    kinds = {e.text: e.kind for e in extract_entities_en(
        "Aid reached the West Bank. The United States Postal Service and the United States agreed.")}
    assert kinds["West Bank"] != "ORG" and kinds["United States"] != "ORG"
    assert kinds["United States Postal Service"] == "ORG"
    # persons stay persons; a body with an official's head stays official
    assert voices_of("Ann Cole said the deal was off.") == [("Ann Cole", "person")]
    assert voices_of("Elmford City Council said roads were shut.") == [("Elmford City Council", "official")]


def test_a_town_of_the_gazetteer_named_with_city_or_town_is_no_person() -> None:
    # a town speaking speaks for no state, and is no person either (was a person voice)
    assert voices_of("Cape Town said the reservoirs were low.") == []
    assert voices_of("Carson City said the roads were shut.") == []
    kinds = {e.text: e.kind for e in extract_entities_en("Buses left Cape Town. Then Ann Cole spoke.")}
    assert kinds == {"Cape Town": "NAME", "Ann Cole": "PER"}


def test_a_clubs_opening_word_before_a_common_noun_is_no_body() -> None:
    # "Real", "Club", "Racing" open a club's name only before another capitalized word
    assert voices_of("Real property brokers said rents rose.") == []
    assert voices_of("Club volunteers said the pitch was under water.") == []
    assert voices_of("Racing stewards said the course was shut.") == []
    assert voices_of("Dynamo Elmford said the match was off.") == [("Dynamo Elmford", "organization")]


def test_a_person_the_text_calls_by_title_stays_a_person_beside_a_body_of_that_name() -> None:
    text = ("Hana Brisk Partners said its offices were shut. Hana Brisk said the staff were safe. "
            "Ms Brisk founded the firm.")
    kinds = {e.text: e.kind for e in extract_entities_en(text)}
    assert kinds["Hana Brisk Partners"] == "ORG" and kinds["Hana Brisk"] == "PER", kinds
    assert ("Hana Brisk", "person") in voices_of(text)
    # without a title for her, the short form is still the body's (as before)
    kinds = {e.text: e.kind for e in extract_entities_en(text.rsplit(" Ms ", 1)[0])}
    assert kinds["Hana Brisk"] == "ORG", kinds


def test_short_forms_of_bodies_are_found_in_one_pass() -> None:
    from comparison.extract import Entity
    from comparison.extract_en import _bodies_as_names

    Counted, counter = read_counting(Entity, "text")  # each read of a name counted

    n = 3000
    entities = [Counted(i, i + 1, f"Harold Pike{i} Airways", "ORG") for i in range(n)]
    entities += [Counted(i, i + 1, f"Harold Pike{i}", "PER") for i in range(n)]
    out = _bodies_as_names(entities)
    assert [e.kind for e in out[n:]] == ["ORG"] * n
    assert counter.reads <= 3 * len(entities) + n  # a constant number of reads per name, no scan of all per name


def test_a_present_tense_verb_after_a_plural_ends_the_counted_noun() -> None:
    def counted(text: str) -> list[str]:
        return [q.counted for q in extract_quantities_en(text)]

    assert counted("About 60 nurses strike at the clinic.") == ["nurses"]
    assert counted("Some 250 villagers flee the floods.") == ["villagers"]
    assert counted("18 families face eviction in Elmford.") == ["families"]
    assert counted("700 people march through Elmford.") == ["people"]
    assert counted("40 bus drivers strike over pay.") == ["bus drivers"]
    # a verb's form before a plural noun is a modifier of it, as before
    assert counted("6 rescue teams arrived.") == ["rescue teams"]
    assert counted("200 strike leaders met.") == ["strike leaders"]
    assert counted("12 protest marches were held.") == ["protest marches"]
