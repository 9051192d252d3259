"""Two short reports of one event (a sentence each): the kinds of difference of issue 12's
list, written here in other words than any labeled story (general capability, not a quote)."""

from __future__ import annotations

import pytest

from comparison import compare
from tests.comparison_helpers import article, dense_backend_or_skip, exact


def _pair(a: str, b: str):
    arts = [article("a", "Reuters", a), article("b", "AP", b)]
    comparison = compare(arts, use_dense=False)
    exact(comparison, arts)
    return comparison


def _span_texts(comparison, fact_type: str, kind: str) -> list[set[str]]:
    return [{s.text for s in f.spans} for f in comparison.findings if f.fact_type == fact_type and f.kind == kind]


def _kinds(comparison, fact_type: str) -> list[str]:
    return [f.kind for f in comparison.findings if f.fact_type == fact_type and f.kind != "unique"]


def test_night_vs_morning_of_the_same_day_is_a_contradiction_not_an_agreement():
    c = _pair("The explosion hit the market on Monday night, killing 12 people.",
              "The explosion hit the market on Monday morning, killing 12 people.")
    assert _kinds(c, "date") == ["contradiction"]
    shared = [f for f in c.findings if f.fact_type == "statement" and f.kind == "agree"]
    assert all("they differ: contradiction (date)" in f.why for f in shared)


def test_two_official_voices_for_one_claim_are_framing():
    c = _pair("A senior defence official said the last troops left the air base on Monday evening.",
              "A military spokesman said the last troops left the air base on Monday evening.")
    assert _kinds(c, "attribution") == ["framing"]


@pytest.mark.parametrize(("a", "b", "kind", "spans"), [
    # an unnamed city with a bearing against the named one: precision
    ("The attack happened on Monday in Mazar-i-Sharif, the provincial capital, officials said.",
     "The attack happened on Monday in a northern city, officials said.",
     "precision", {"northern city", "Mazar-i-Sharif"}),
    # one named place called a town by one outlet and a city by another: framing
    ("Floods hit the town of Kerman on Monday, officials said.",
     "Floods hit the city of Kerman on Monday, officials said.",
     "framing", {"town of Kerman", "city of Kerman"}),
])
def test_place_differences(a, b, kind, spans):
    assert _span_texts(_pair(a, b), "place", kind) == [spans]


def test_distances_from_an_unnamed_reference_place_are_compared():
    c = _pair("The plant, 30 miles south of the capital, was shut on Monday.",
              "The plant, 30 km south of the capital, was shut on Monday.")
    assert _kinds(c, "number") == ["contradiction"]
    assert "capital" in next(f.why for f in c.findings if f.fact_type == "number")


def test_a_shared_statement_with_different_figures_is_never_a_silent_agreement():
    """Five vs two districts: either the figures are paired (a number discrepancy, which the
    shared statement names) or the statement says its figures differ."""
    c = _pair("Fighting spread to five districts of the province on Monday.",
              "Fighting spread to two districts of the province on Monday.")
    shared = [f for f in c.findings if f.fact_type == "statement" and f.kind == "agree"]
    assert shared
    for f in shared:
        assert "figures differ: five / two" in f.why or "(number)" in f.why


@pytest.mark.slow
def test_two_one_sentence_reports_align_with_the_dense_model():
    """A story too small to measure its own cosine band uses the development stories'
    (``dense_scale`` of align_model.json): two near-identical sentences align."""
    backend = dense_backend_or_skip()
    arts = [article("a", "Reuters", "A senior defence official said the troops left on Monday."),
            article("b", "AP", "A military spokesman said the troops left on Monday.")]
    comparison = compare(arts, backend=backend)
    assert [f.kind for f in comparison.findings if f.fact_type == "attribution"] == ["framing"]


def test_two_vague_figures_joined_by_a_range_word_are_one_range():
    from comparison.numbers import extract_quantities
    from comparison.numbers_en import extract_quantities_en

    (q,) = extract_quantities_en("Hundreds to thousands of people fled the fighting.")
    assert (q.text, q.low, q.high, q.counted) == ("Hundreds to thousands", 200, 9999, "people")
    (q,) = extract_quantities("200至300人受伤")
    assert (q.low, q.high, q.vague) == (200, 300, True)
    assert [x.text for x in extract_quantities_en("Italy beat England 3 to 2")] == ["3", "2"]  # a score


def test_clock_times_of_one_claim_compare():
    from comparison.slots import extract_clock_times
    from comparison.text import to_simplified

    text = "车队当地时间上午10点15分左右遇袭，提出三点要求"
    (clock,) = extract_clock_times(text, to_simplified(text), english=False)  # 三点要求 is no time
    assert clock.text == "上午10点15分左右" and clock.hours == (10.0, 10.5)
    c = _pair("The convoy was attacked at about 10 a.m. on Monday, a spokesman said.",
              "The convoy was attacked at 6 p.m. on Monday, a spokesman said.")
    times = [f for f in c.findings if f.fact_type == "date" and "time of day" in f.why]
    assert [f.kind for f in times] == ["contradiction"]


def test_one_person_spelled_two_ways():
    c = _pair("Provincial governor Heydar Mansouri said the clinic was destroyed on Monday.",
              "Provincial governor Heidar Mansuri said the clinic was destroyed on Monday.")
    spelled = [f for f in c.findings if f.fact_type == "entity" and "spelled" in f.why]
    assert [f.kind for f in spelled] == ["framing"]


def test_a_surname_one_letter_apart_under_the_same_given_name_is_one_person_spelled_otherwise():
    c = _pair("Climber Duncan Raite died on the mountain on Sunday, police said.",
              "Climber Duncan Rait died on the mountain on Sunday, police said.")
    spelled = [f for f in c.findings if f.fact_type == "entity" and "spelled" in f.why]
    assert [f.kind for f in spelled] == ["framing"]
    c = _pair("Climber Duncan Raite died on the mountain on Sunday, police said.",
              "Climber Susan Rait died on the mountain on Sunday, police said.")
    assert not [f for f in c.findings if "spelled" in f.why]  # other given names: two people


def test_a_place_one_letter_apart_is_one_place_spelled_otherwise():
    c = _pair("The fight in Bern was stopped in the sixth round on Saturday, officials said.",
              "The fight in Berne was stopped in the sixth round on Saturday, officials said.")
    spelled = [f for f in c.findings if f.fact_type == "entity" and "spelled" in f.why]
    assert [f.kind for f in spelled] == ["framing"] and "Bern " in spelled[0].why and "Berne" in spelled[0].why


def test_other_countries_and_demonyms_are_no_spelling():
    for first, second in (("Iran said on Monday it would retaliate.", "Iraq said on Monday it would retaliate."),
                          ("Syria said on Monday it would retaliate.", "Syrian officials said on Monday they would retaliate."),
                          ("Officials in Bern said on Monday the fight went ahead.",  # one outlet writes both forms
                           "Officials in Berne said on Monday the fight in Bern went ahead.")):
        assert not [f for f in _pair(first, second).findings if "spelled" in f.why]


def test_a_surname_alone_against_a_full_name_one_letter_apart():
    c = _pair("Rescuers attempted to reach Raite on the mountain on Sunday.",
              "Climber Duncan Rait died on the mountain on Sunday, police said.")
    spelled = [f for f in c.findings if "spelled" in f.why]
    assert len(spelled) == 1 and spelled[0].why.startswith("Raite (") and " spelled Rait (" in spelled[0].why


def test_english_names_keep_their_accented_letters():
    from comparison.extract_en import extract_entities_en

    names = [e.text for e in extract_entities_en(
        "Thieves raided a store near Place Vendôme, Recep Tayyip Erdoğan spoke in Łódź and Nguyễn Phú Trọng wrote.")]
    assert {"Place Vendôme", "Recep Tayyip Erdoğan", "Łódź", "Nguyễn Phú Trọng"} <= set(names)


def test_one_person_introduced_with_other_english_titles_is_framing():
    from comparison.findings.titles_en import english_title, same_title_en

    c = _pair("The climber died on Sunday, said police spokesman Dave Gaskin.",
              "The climber died on Sunday, local police inspector Dave Gaskin said.")
    titles = [f for f in c.findings if "introduced as" in f.why]
    assert [f.kind for f in titles] == ["framing"] and "spokesman" in titles[0].why
    # One title however qualified, and the sentence's words are no part of a title.
    assert same_title_en("Police Inspector", "local police inspector")
    assert not same_title_en("Police spokesman", "police inspector")
    text = "The climber died, said police spokesman Dave Gaskin."
    assert english_title(text, text.index("Dave")) == ("police spokesman", text.index("police"))
    c = _pair("The climber died on Sunday, said Police Inspector Dave Gaskin.",
              "The climber died on Sunday, local police inspector Dave Gaskin said.")
    assert not [f for f in c.findings if "introduced as" in f.why]
    # A title noun inside a word, the sentence's words and doubled spaces (a reviewer's catches).
    text = "Rovers went ahead John Smith"
    assert english_title(text, text.index("John")) is None
    text = "The paper quoted police spokesman Dave Gaskin as saying"
    assert english_title(text, text.index("Dave"))[0] == "police spokesman"
    text = "On Thursday, said  police spokesman Dave Gaskin."
    assert english_title(text, text.index("Dave")) == ("police spokesman", text.index("police"))
    c = _pair("The climber died on Sunday, Lancaster police spokesman Dave Gaskin said.",
              "The climber died on Sunday, the paper quoted police spokesman Dave Gaskin as saying.")
    assert not [f for f in c.findings if "introduced as" in f.why]


def test_one_quotation_in_other_words_is_framing_and_in_the_same_words_agrees():
    c = _pair('"The future of Europe is at stake," the chancellor said on Monday in Berlin.',
              '"The future of all Europe is at stake," the chancellor said on Monday in Berlin.')
    assert [f.kind for f in c.findings if f.fact_type == "quote"] == ["framing"]
    c = _pair('"The future of Europe is at stake," the chancellor said on Monday in Berlin.',
              'The chancellor said on Monday: "The future of Europe is at stake."')
    assert [f.kind for f in c.findings if f.fact_type == "quote"] == ["agree"]


def test_a_clock_time_inside_the_other_outlets_part_of_the_day_is_precision():
    c = _pair("Police began the raids early in the morning on Monday, a spokesman said.",
              "Police began the raids at about 6 a.m. on Monday, a spokesman said.")
    times = [f for f in c.findings if f.fact_type == "date" and "time" in f.why and f.kind != "agree"]
    assert [f.kind for f in times] == ["precision"]


def test_quake_magnitudes_are_one_scale_in_both_languages_and_tokenized_text():
    from comparison.numbers import extract_quantities
    from comparison.numbers_en import extract_quantities_en

    tokenized = ("The quake hit on Sunday , officials said . Homes fell , they said . "
                 "The 6 . 1 - magnitude quake was followed by aftershocks . "
                 "The survey said it had a magnitude of 5 . 9 . About 30 , 000 people live there .")
    found = [(q.text, q.low, q.high, q.dimension) for q in extract_quantities_en(tokenized)]
    assert found == [("6 . 1 - magnitude", 6.1, 6.1, "magnitude"), ("5 . 9", 5.9, 5.9, "magnitude"),
                     ("About 30 , 000", 27000, 33000, "count")]
    # Untokenized prose keeps its sentence ends: "5. 9" is two numbers there.
    assert [q.low for q in extract_quantities_en("It was 5. 9 people died.")] != [5.9]
    assert [(q.low, q.dimension) for q in extract_quantities_en("It measured 6.2 on the Richter scale.")] == [
        (6.2, "magnitude")]
    assert [(q.low, q.dimension) for q in extract_quantities("伊朗南部发生里氏6.1级地震")] == [(6.1, "magnitude")]


def test_tokenized_hyphens_still_name_a_direction():
    from comparison.slots import extract_places

    text = "The epicentre was 35 miles south - west of the port , and 58 km south-west of it ."
    assert [(p.text, p.direction) for p in extract_places(text, text, [], True)] == [
        ("south - west", 225), ("south-west", 225)]
