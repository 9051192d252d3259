"""English readings of session 42 (helper h42b), on made-up sentences: a bare figure with "m"
after a verb of change is a million unless the thing changed is a water or ground level (the
river rose by 2m); a comparative between a count and its noun is no end of the noun (2m more
jobs); a race event's distance (the 100m hurdles) is a length; countries the gazetteer now
knows speak for their state; a quotation credited to a list of persons carries them all."""

from __future__ import annotations

import pytest

from comparison.numbers_en import extract_quantities_en


def _figures(text: str) -> list[tuple[str, float, str, str]]:
    return [(q.text, q.low, q.dimension, q.counted) for q in extract_quantities_en(text)]


# Figures read from one sentence: (sentence, [(text, low, dimension, counted)]), by reading.
FIGURE_CASES = [
    # a bare m after a verb of change is read by the thing changed
    # money and counts: the press's million, as before
    ("Sales rose by 2m.", [("2m", 2e6, "count", "")]),
    ("The population grew by 3m in a decade.", [("3m", 3e6, "count", "")]),
    ("The basin's population rose by 2m.", [("2m", 2e6, "count", "")]),
    # a water or ground level: metres (were 2,000,000 and so on)
    ("The river rose by 2m overnight.", [("2m", 2, "length", "")]),
    ("Sea levels could rise 1m.", [("1m", 1, "length", "")]),
    ("The water level has fallen 3m.", [("3m", 3, "length", "")]),
    ("Floodwaters receded by 1.5m.", [("1.5m", 1.5, "length", "")]),
    # a noun after the figure still decides first
    ("Water use fell by 2m households.", [("2m", 2e6, "count", "households")]),
    # a comparative between a count and its noun keeps the noun
    # were counting nothing ("more" ended the noun phrase); now as "fewer" and "extra" read
    ("The plan added 2m more jobs.", [("2m", 2e6, "count", "more jobs")]),
    ("The clinic hired 40 more nurses.", [("40", 40, "count", "more nurses")]),
    ("Crews saw 12 fewer fires.", [("12", 12, "count", "fewer fires")]),
    ("It created 3m extra jobs.", [("3m", 3e6, "count", "extra jobs")]),
    # no noun after it: none
    ("They asked for 2m more.", [("2m", 2e6, "count", "")]),
    ("It had 300 more than last year.", [("300", 300, "count", "")]),
    # a race event's distance is a length
    # were 100,000,000 counting "hurdles"
    ("She won the 100m hurdles.", [("100m", 100, "length", "")]),
    ("He ran in the men's 400m relay.", [("400m", 400, "length", "")]),
    ("A 200m freestyle heat was rerun.", [("200m", 200, "length", "")]),
    ("Her 3000m steeplechase time stood.", [("3000m", 3000, "length", "")]),
    ("The relay drew 2m viewers.", [("2m", 2e6, "count", "viewers")]),
    # a level noun after a preposition heads no thing changed (review h42r2: the level noun right
    # before the verb was read as the thing changed even as a preposition's object; were 2 metres)
    ("Visitors to the lake rose by 2m.", [("2m", 2e6, "count", "")]),
    ("Demand for water rose by 2m.", [("2m", 2e6, "count", "")]),
    ("Homes without water rose by 2m.", [("2m", 2e6, "count", "")]),
    ("Shipments by river fell 3m.", [("3m", 3e6, "count", "")]),
    # a level the preposition's phrase belongs to is still one
    ("The level of the lake rose by 2m.", [("2m", 2, "length", "")]),
    ("The water level in the river rose by 2m.", [("2m", 2, "length", "")]),
    ("Water in the reservoir fell 3m.", [("3m", 3, "length", "")]),
    # an event word before a plural noun only modifies it
    ("They will install 2m heat pumps.", [("2m", 2e6, "count", "heat pumps")]),
    ("The 200m heats begin today.", [("200m", 200, "length", "")]),
    ("The 400m hurdles was won by a teenager.", [("400m", 400, "length", "")]),
    # a subordinating conjunction ends a counted noun
    # desk trial (Economist, 7 Jan 2021): were "mark until", "cars because roads"
    ("Riverton did not pass the 1,000 mark until May.", [("1,000", 1000, "count", "mark")]),
    ("They kept 300 cars because roads flooded.", [("300", 300, "count", "cars")]),
    ("It sent 40 boats although rain fell.", [("40", 40, "count", "boats")]),
]


@pytest.mark.parametrize(("text", "expected"), FIGURE_CASES)
def test_english_figures_of_session_42(text: str, expected: list) -> None:
    assert _figures(text) == expected


def test_a_race_events_distance_is_a_length() -> None:
    # money and counts stay millions
    assert _figures("The race cost $100m.")[0][:3] == ("$100m", 1e8, "money:USD")


def test_an_event_word_before_a_plural_noun_only_modifies_it() -> None:
    """(review h42r2) "2m heat pumps", "3m relay volunteers" were 2 and 3 metres; with a determiner
    before the figure the event is still the distance."""
    assert [(q[2], q[3]) for q in _figures("Some 3m relay volunteers signed up.")] == [("count", "relay volunteers")]


def test_countries_the_gazetteer_now_knows_speak_for_their_state_and_a_continent_joins_no_two() -> None:
    from comparison.findings.attribution import _names_same_state
    from comparison.slots import state_ids_en

    # were no state (the gazetteer knew Türkiye and "Myanmar (Burma)" only)
    assert state_ids_en("Turkey") == {"C:TR"} and state_ids_en("Myanmar") == {"C:MM"}
    # one continent holds both: still two states
    assert not _names_same_state("Russia", "a Spanish official")
    assert not _names_same_state("Kenya", "Nigeria's foreign ministry")
    assert _names_same_state("Turkey", "Turkey's foreign ministry")


def _credited(text: str) -> list[tuple[str, tuple[str, ...]]]:
    from comparison.extract_en import extract_entities_en, extract_quotes_en

    return [(q.speaker, q.credited()) for q in extract_quotes_en(text, extract_entities_en(text))]


QUOTED = '"We will rebuild every home in the valley,"'


def test_a_quotation_credited_to_a_list_of_persons_carries_them_all() -> None:
    # were ('Anna Berg', ('Anna Berg',)) alone, and no speaker before "said"
    both = ("Anna Berg", ("Anna Berg", "Tom Hale"))
    assert _credited(f"{QUOTED} said Anna Berg and Tom Hale.") == [both]
    assert _credited(f"{QUOTED} Anna Berg and Tom Hale said.") == [both]
    assert _credited('Anna Berg and Tom Hale said: "We will rebuild every home in the valley."') == [both]
    assert _credited(f"{QUOTED} said Anna Berg, Tom Hale and Mary Jones.") == [
        ("Anna Berg", ("Anna Berg", "Tom Hale", "Mary Jones"))]
    # no whole list of persons: one speaker, as before
    assert _credited(f"{QUOTED} said Anna Berg, Tom Hale's lawyer.") == [("Anna Berg", ("Anna Berg",))]
    assert _credited(f"{QUOTED} said Anna Berg.") == [("Anna Berg", ("Anna Berg",))]


def test_a_name_after_and_opening_a_clause_of_its_own_is_no_speaker() -> None:
    """(review h42r2) a list after the verb ends the clause: "said Anna Berg and Tom Hale went home"
    credited Tom Hale too."""
    alone = [("Anna Berg", ("Anna Berg",))]
    assert _credited(f"{QUOTED} said Anna Berg and Tom Hale went home.") == alone
    assert _credited(f"{QUOTED} said Anna Berg and Tom Hale had left.") == alone
    both = [("Anna Berg", ("Anna Berg", "Tom Hale"))]
    assert _credited(f"{QUOTED} said Anna Berg and Tom Hale in a joint statement.") == both
    assert _credited(f"{QUOTED} said Anna Berg and Tom Hale on Monday.") == both
    assert _credited(f"{QUOTED} said Anna Berg and Tom Hale, who lead the group.") == both


def test_one_quotation_credited_to_a_pair_and_to_one_of_them_is_no_other_speaker() -> None:
    from comparison import compare
    from tests.comparison_helpers import article, of_type

    a = article("qa", "Outlet A", f"{QUOTED} said Anna Berg and Tom Hale on Monday.")
    b = article("qb", "Outlet B", 'Tom Hale said on Monday: "We will rebuild every home in the valley."')
    found = of_type(compare([a, b], use_dense=False), "quote")
    # was "one quotation credited to two speakers: Anna Berg vs Tom Hale"
    assert [f.kind for f in found] == ["agree"] and "Anna Berg and Tom Hale" in found[0].why
    c = article("qc", "Outlet C", 'Mary Jones said on Monday: "We will rebuild every home in the valley."')
    found = of_type(compare([a, c], use_dense=False), "quote")
    assert [f.kind for f in found] == ["framing"] and "Anna Berg and Tom Hale (Outlet A) vs Mary Jones" in found[0].why


def test_many_quotations_with_lists_of_speakers_each_read_once() -> None:
    # hostile input: 2,000 quotations, each credited to two persons (each list read from its own
    # speaker: anchored matches only)
    text = " ".join(f'"We will rebuild home number {i} in the valley," said Anna Berg and Tom Hale.' for i in range(2000))
    found = _credited(text)
    assert len(found) == 2000 and all(c == ("Anna Berg", "Tom Hale") for _s, c in found)


def test_a_speaker_after_its_verb_is_its_whole_noun_phrase() -> None:
    # desk trial (Economist, 1 Feb 2021): were "a Western", "a police", "a senior"
    quoted = '"There was no plan for the valley,"'
    assert _credited(f"{quoted} says a Western diplomat based in the capital.")[0][0] == "a Western diplomat"
    assert _credited(f"{quoted} said a police spokesman.")[0][0] == "a police spokesman"
    assert _credited(f"{quoted} said a senior official on Monday.")[0][0] == "a senior official"
    assert _credited(f"{quoted} said the army")[0][0] == "the army"
    assert _credited(f"{quoted} said Anna Berg, a local teacher.")[0][0] == "Anna Berg"


def test_a_noun_phrase_speaker_never_runs_through_a_pronoun() -> None:
    # desk trial (Economist, 7 Jan 2021): was the speaker "the violence he"
    text = 'Anna Berg was heckled. Rather than condemn the violence he said they were "very special people indeed".'
    assert _credited(text)[0][0] != "the violence he"
    assert _credited('Rather than condemn the violence he said they were "very special people indeed".') == [
        ("unnamed (he)", ("unnamed (he)",))]


def test_an_adverb_opening_a_clause_is_no_part_of_its_voice() -> None:
    from comparison.slots import extract_attributions

    def voices(text: str) -> list[tuple[str, str]]:
        return [(a.who, a.kind) for a in extract_attributions(text, text, True)]

    # desk trial (Economist, 1 Feb 2021): was the source "Next the army"
    assert voices("Next the army declared a state of emergency.") == [("the army", "official")]
    assert voices("Then the ministry said it would act.") == [("the ministry", "official")]
    assert voices("Later, the police said two men died.") == [("the police", "official")]
    assert voices("Meanwhile the Riverton mayor said two men died.") == [("the Riverton mayor", "official")]


def test_a_courtesy_title_inside_a_run_of_names_opens_a_new_name() -> None:
    from comparison.extract_en import extract_entities_en

    def names(text: str) -> list[tuple[str, str]]:
        return [(e.text, e.kind) for e in extract_entities_en(text)]

    # desk trial (Economist, 3 Feb 2021): was one person "Myanmar Ms Suu Kyi"
    assert names("In Riverton Ms Anna Berg was careful.") == [("Riverton", "NAME"), ("Ms Anna Berg", "PER")]
    assert names("In Elmford Mr Hale spoke.") == [("Elmford", "NAME"), ("Mr Hale", "PER")]
    assert names("Dr Anna Berg left.") == [("Dr Anna Berg", "PER")]


def test_a_courtesy_title_after_an_offices_title_opens_no_new_name() -> None:
    """(review h42r2) "Health Minister Dr Anna Berg" was two persons, "Health Minister" and "Dr Anna
    Berg"; an office's title before the courtesy title keeps one titled person, as before."""
    from comparison.extract_en import extract_entities_en

    for text in ("Health Minister Dr Anna Berg left.", "Former President Mr Tom Hale left."):
        assert [(e.text, e.kind) for e in extract_entities_en(text)] == [(text[:-6], "PER")], text


def test_notes_is_a_verb_of_speech_as_noted_is() -> None:
    from comparison.slots import extract_attributions

    # desk trial (Economist, 24 Mar 2021: "X, a research firm, notes that ..."): was no voice
    text = "Anna Berg, an analyst, notes that supply chains are stretched."
    assert [(a.who, a.kind) for a in extract_attributions(text, text, True)] == [("Anna Berg, an analyst", "expert")]
    assert _credited('"Supply chains are stretched to the limit," notes Anna Berg.')[0][0] == "Anna Berg"
    text = "He took notes at the meeting."
    assert extract_attributions(text, text, True) == []


def test_a_verb_of_speech_that_is_a_plural_noun_closing_its_sentence_is_the_noun() -> None:
    """(review h42r2) "Police seized 300 bank notes." was the voice 'Police seized 300 bank' (as
    "claims" and "reports" already were: 'Police rejected 300 insurance'); after a quotation the
    word is still the verb."""
    from tests.comparison_helpers import voices_of

    assert voices_of("Police seized 300 bank notes.") == []
    assert voices_of("Police rejected 300 insurance claims.") == []
    assert voices_of("Officials read 300 police reports; none was new.") == []
    assert voices_of('"We will rebuild every home," the mayor notes.') == [("the mayor", "official")]
    assert voices_of("The mayor notes that 300 homes were lost.") == [("The mayor", "official")]
