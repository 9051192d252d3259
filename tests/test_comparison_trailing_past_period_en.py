"""An English happening's figure dated by a period long past named after it in its clause ("killed
31,000 in Bam in 2003", "600 were killed in Zarand in February 2020" in a report of November 2021) is
an earlier happening's: never set against the story's own toll. (A bare "in February" is read by
the date reader as the nearest February, which may be the next one: not used here.) Made-up
sentences."""

from __future__ import annotations

from datetime import UTC, datetime

from comparison import compare
from tests.comparison_helpers import article, of_type

NOVEMBER = datetime(2021, 11, 28, 12, 0, tzinfo=UTC)


def _contradictions(first: str, second: str) -> list[str]:
    a = article("a", "Outlet A", first, published=NOVEMBER)
    b = article("b", "Outlet B", second, published=NOVEMBER)
    return [f.why for f in of_type(compare([a, b], use_dense=False), "number", "contradiction")]


def test_a_year_after_the_figure_dates_an_earlier_quake() -> None:
    ours = "The earthquake on Sunday killed 12 people in the coastal town of Merrow."
    theirs = ("The earthquake on Sunday killed 12 people in Merrow. A major earthquake killed more than "
              "31,000 people in the city of Oldbury in 2003, and 600 were killed in the town of Vale in "
              "February 2020 in an earthquake.")
    assert _contradictions(ours, theirs) == []


def test_the_story_own_toll_still_contradicts() -> None:
    assert _contradictions("The earthquake on Sunday killed 12 people in Merrow.",
                           "The earthquake on Sunday killed 15 people in Merrow in the night.")


def test_a_recent_month_or_a_count_is_no_earlier_period() -> None:
    # November's own month is no period long past; "in 2003 cases" is a count, not a year.
    assert _contradictions("The earthquake killed 12 people in Merrow in November.",
                           "The earthquake killed 15 people in Merrow.")
    assert _contradictions("The flood killed 40 people in 2003 villages, officials said.",
                           "The flood killed 45 people, officials said.")


def test_a_period_after_another_figure_dates_that_figure() -> None:
    # "compared with 30 in 2019": 2019 dates the 30, not the story's own 45 before it (45 was read
    # as a 2019 toll: no agreement with another outlet's 45)
    a = article("a", "Outlet A", "The flood killed 45 people, officials said.", published=NOVEMBER)
    b = article("b", "Outlet B", "The flood killed 45 people compared with 30 in 2019, officials said.",
                published=NOVEMBER)
    found = [(f.kind, f.why) for f in of_type(compare([a, b], use_dense=False), "number")]
    assert any(kind == "agree" and "45" in why for kind, why in found)
