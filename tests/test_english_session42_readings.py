"""English readings of session 42 (helper h42b), on made-up sentences: a bare figure with "m"
after a verb of change is a million unless the thing changed is a water or ground level (the
river rose by 2m); a comparative between a count and its noun is no end of the noun (2m more
jobs); a race event's distance (the 100m hurdles) is a length."""

from __future__ import annotations

from comparison.numbers_en import extract_quantities_en


def _figures(text: str) -> list[tuple[str, float, str, str]]:
    return [(q.text, q.low, q.dimension, q.counted) for q in extract_quantities_en(text)]


def test_a_bare_m_after_a_verb_of_change_is_read_by_the_thing_changed() -> None:
    # money and counts: the press's million, as before
    assert _figures("Sales rose by 2m.") == [("2m", 2e6, "count", "")]
    assert _figures("The population grew by 3m in a decade.") == [("3m", 3e6, "count", "")]
    assert _figures("The basin's population rose by 2m.") == [("2m", 2e6, "count", "")]
    # a water or ground level: metres (were 2,000,000 and so on)
    assert _figures("The river rose by 2m overnight.") == [("2m", 2, "length", "")]
    assert _figures("Sea levels could rise 1m.") == [("1m", 1, "length", "")]
    assert _figures("The water level has fallen 3m.") == [("3m", 3, "length", "")]
    assert _figures("Floodwaters receded by 1.5m.") == [("1.5m", 1.5, "length", "")]
    # a noun after the figure still decides first
    assert _figures("Water use fell by 2m households.") == [("2m", 2e6, "count", "households")]


def test_a_comparative_between_a_count_and_its_noun_keeps_the_noun() -> None:
    # were counting nothing ("more" ended the noun phrase)
    assert _figures("The plan added 2m more jobs.") == [("2m", 2e6, "count", "jobs")]
    assert _figures("The clinic hired 40 more nurses.") == [("40", 40, "count", "nurses")]
    assert _figures("Crews saw 12 fewer fires.") == [("12", 12, "count", "fires")]
    # no noun after it: none
    assert _figures("They asked for 2m more.") == [("2m", 2e6, "count", "")]
    assert _figures("It had 300 more than last year.") == [("300", 300, "count", "")]


def test_a_race_events_distance_is_a_length() -> None:
    # were 100,000,000 counting "hurdles"
    assert _figures("She won the 100m hurdles.") == [("100m", 100, "length", "")]
    assert _figures("He ran in the men's 400m relay.") == [("400m", 400, "length", "")]
    assert _figures("A 200m freestyle heat was rerun.") == [("200m", 200, "length", "")]
    assert _figures("Her 3000m steeplechase time stood.") == [("3000m", 3000, "length", "")]
    # money and counts stay millions
    assert _figures("The race cost $100m.")[0][:3] == ("$100m", 1e8, "money:USD")
    assert _figures("The relay drew 2m viewers.") == [("2m", 2e6, "count", "viewers")]


def test_countries_the_gazetteer_now_knows_speak_for_their_state_and_a_continent_joins_no_two() -> None:
    from comparison.findings.attribution import _names_same_state
    from comparison.slots import state_ids_en

    # were no state (the gazetteer knew Türkiye and "Myanmar (Burma)" only)
    assert state_ids_en("Turkey") == {"C:TR"} and state_ids_en("Myanmar") == {"C:MM"}
    # one continent holds both: still two states
    assert not _names_same_state("Russia", "a Spanish official")
    assert not _names_same_state("Kenya", "Nigeria's foreign ministry")
    assert _names_same_state("Turkey", "Turkey's foreign ministry")
