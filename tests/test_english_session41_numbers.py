"""English figure readings of session 41 (helper h41e), on made-up sentences: a hyphen span of
money or with a scale word ("$2-3m", "£5-10bn", "2-3 million people") is one span in the scale
word's magnitude, as "between $2m and $3m" is."""

from __future__ import annotations

from comparison.numbers_en import extract_quantities_en


def _spans(text: str) -> list[tuple[str, float, float, str, str, bool]]:
    return [(q.text, q.low, q.high, q.dimension, q.counted, q.span) for q in extract_quantities_en(text)]


def test_a_hyphen_span_of_money_is_one_span_in_its_scale() -> None:
    # the reading these match: "between $4m and $6m"
    assert _spans("The dam's repair may cost between $4m and $6m.") == [
        ("between $4m and $6m", 4e6, 6e6, "money:USD", "", True)]
    # were "$4" and "£7" alone (the second figure and its scale word lost)
    assert _spans("The dam's repair may cost $4-6m.") == [("$4-6m", 4e6, 6e6, "money:USD", "", True)]
    assert _spans("Rebuilding the port could cost £7-12bn, the council said.") == [
        ("£7-12bn", 7e9, 12e9, "money:GBP", "", True)]
    assert _spans("Investors pledged $2.5-4 billion for the line.") == [
        ("$2.5-4 billion", 2.5e9, 4e9, "money:USD", "", True)]
    # was €20m and a count of 25m
    assert _spans("A grant of €20m-€25m was approved.") == [("€20m-€25m", 20e6, 25e6, "money:EUR", "", True)]
    assert _spans("Fares brought in $3-$4m.") == [("$3-$4m", 3e6, 4e6, "money:USD", "", True)]
    assert _spans("Tickets will cost $15-20 each.") == [("$15-20", 15, 20, "money:USD", "", True)]
    # a first figure written whole keeps its own number
    assert _spans("Fines ran to $400,000-3m per firm.") == [("$400,000-3m", 4e5, 3e6, "money:USD", "", True)]
    # "about" widens the whole span, as "about 30 to 40" does
    (q,) = extract_quantities_en("The fund holds about $4-6m.")
    assert q.span and q.low < 4e6 and q.high > 6e6 and q.dimension == "money:USD"


def test_a_span_with_a_scale_word_on_its_second_figure_scales_both() -> None:
    # were 3 to 4,000,000 and "3-4" counting "million residents"
    assert _spans("Floods left 3-4 million residents in the dark.") == [
        ("3-4 million", 3e6, 4e6, "count", "residents", True)]
    assert _spans("It left 3 to 4 million residents in the dark.") == [
        ("3 to 4 million", 3e6, 4e6, "count", "residents", True)]
    # was 2 million alone (a lone "1" is dropped)
    assert _spans("It hit between 1 and 2 million homes.") == [
        ("between 1 and 2 million", 1e6, 2e6, "count", "homes", True)]
    assert _spans("It hit one to two million homes.") == [("one to two million", 1e6, 2e6, "count", "homes", True)]
    # was $3 to $4,000,000, and a count for a bare second figure
    assert _spans("Lawyers sought $3 to $4 million.") == [("$3 to $4 million", 3e6, 4e6, "money:USD", "", True)]
    assert _spans("Lawyers sought $3 to 4 million.") == [("$3 to 4 million", 3e6, 4e6, "money:USD", "", True)]
    # a first figure above the second's number keeps its own: 600 to 2 million
    assert _spans("Crowds grew from 600 to 2 million people.")[0][1:3] == (600, 2e6)
    # a count's "m" after a hyphen span is metres, no million
    assert _spans("Swells of 4-9m hit the pier.") == [("4-9m", 4, 9, "length", "", True)]
    # a score stays none
    assert _spans("Elmford won 3-1 on Sunday.") == []


def test_many_money_spans_each_read_once() -> None:
    # hostile input: 3,000 spans in one sentence, each one span (every look-ahead is anchored)
    text = "Bids of " + ", ".join(f"${i}-{i + 1}m" for i in range(2, 3002)) + "."
    found = extract_quantities_en(text)
    assert len(found) == 3000 and all(q.span and q.dimension == "money:USD" for q in found)


def test_a_sum_shaped_like_a_year_is_a_sum() -> None:
    # was no figure: "$1950" read as the year 1950
    assert _spans("The fine was $1950.") == [("$1950", 1950, 1950, "money:USD", "", False)]
    assert _spans("Rent rose to £2025 a month.")[0][:4] == ("£2025", 2025, 2025, "money:GBP")
    assert _spans("Prices fell in 1950.") == []


def test_a_span_of_a_unit_may_open_with_one_before_a_range_word() -> None:
    # were "4 weeks" alone: the lone-one rule dropped the 1, as it did for "1-4 weeks" before 840d633
    assert _spans("Clearing the road may take 1 to 4 weeks.") == [("1 to 4 weeks", 1, 4, "duration", "", True)]
    assert _spans("The ferry runs late by between 1 and 3 hours.") == [
        ("between 1 and 3 hours", 1, 3, "duration", "", True)]
    assert _spans("Ash fell for one or two days.") == [("one or two days", 1, 2, "duration", "", True)]
    assert _spans("Lava moved 1 to 5 km down the slope.") == [("1 to 5 km", 1, 5, "length", "", True)]
    # a one that opens no span is still no figure
    assert _spans("He came 1 and left 3 days later.") == [("3 days", 3, 3, "duration", "", False)]
    assert _spans("One official spoke to 2 reporters.")[0][:2] == ("2", 2)
    assert len(_spans("One official spoke to 2 reporters.")) == 1
    assert _spans("They won 1 to 0.") == []


def _counts(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.counted) for q in extract_quantities_en(text)]


def test_a_counted_noun_goes_on_through_digits_inside_a_word() -> None:
    # were "MERS-" and "H"
    assert _counts("Officials confirmed 14 MERS-2 infections.") == [("14", "MERS-2 infections")]
    assert _counts("Farms reported 9 H7N9 outbreaks.") == [("9", "H7N9 outbreaks")]
    assert _counts("Crews flew 4 Tupolev Tu-154 airliners.")[0] == ("4", "Tupolev Tu-154 airliners")


def test_a_models_number_after_its_makers_name_is_no_count() -> None:
    # were "6" counting "Embraer" and 190 counting "aircraft"
    assert _counts("The airline grounded 6 Embraer 190 aircraft.") == [("6", "Embraer 190 aircraft")]
    assert _counts("Police seized two Yamaha 125 motorbikes.") == [("two", "Yamaha 125 motorbikes")]
    assert _counts("A Cessna 208 crashed near the lake.") == []
    assert _counts("The Fokker 100 landed safely.") == []
    assert _counts("They ordered 8 Airbus A330 tankers.") == [("8", "Airbus A330 tankers")]
    # a time, a compass word or a sentence's first word before a count is no maker
    assert _counts("In June 40 families left.") == [("40", "families")]
    assert _counts("In the East 30 homes burned.") == [("30", "homes")]
    assert _counts("Riverton 25 years ago was a village.")[0][0] == "25 years"
    # a number with a unit after a name stays a figure
    assert _counts("Troops killed 9 Rangers 30 km away.") == [("9", "Rangers"), ("30 km", "")]


def test_a_places_figure_in_a_list_and_a_tournaments_year_stay_as_they_were() -> None:
    # (found on the corpus) a name and a number before "and" or punctuation is a list's figure,
    # no maker's model; a full stop after a figure is no figure before a name
    assert _counts("Chile has 120, the Bahamas 74 and Peru a mere 12.") == [("120", ""), ("74", ""), ("12", "")]
    assert _counts("The crew counted 45. In 60 cases the pumps failed.") == [("45", ""), ("60", "cases")]
    # "Euro" names a tournament before its year; only a currency sign makes a year-like number a sum
    assert extract_quantities_en("Fans came to Euro 2028, a football tournament.") == []


def _measures(text: str) -> list[tuple[str, float, float, str, str]]:
    return [(q.text, q.low, q.high, q.dimension, q.counted) for q in extract_quantities_en(text)]


def test_an_m_after_a_number_is_metres_unless_money_or_a_count() -> None:
    # were 12 million, 3 million...: "m" read as a million whatever followed it (helper h41f)
    assert _measures("Workers raised a 12m dyke by the harbour.") == [("12m", 12, 12, "length", "")]
    assert _measures("Swells of 3m battered the jetty.") == [("3m", 3, 3, "length", "")]
    assert _measures("Keep 2 m from other walkers.") == [("2 m", 2, 2, "length", "")]
    assert _measures("She set a record in the 400m sprint.") == [("400m", 400, 400, "length", "")]
    assert _measures("He ran the 1500m race.") == [("1500m", 1500, 1500, "length", "")]  # was no figure (a year)
    assert _measures("Divers found a 7m-long canoe.") == [("7m", 7, 7, "length", "")]
    assert _measures("Pines 30m tall homes lined it.")[0][:4] == ("30m", 30, 30, "length")
    assert _measures("The flood stood 1.5m deep.") == [("1.5m", 1.5, 1.5, "length", "")]
    assert _measures("A depth of 40m was reached.") == [("40m", 40, 40, "length", "")]
    # money, another unit, a plural noun counted in millions, or no length named: a million, as before
    assert _measures("It is a town of 3.5m.")[0][1:4] == (3.45e6, 3.55e6, "count")
    assert _measures("Sales reached 8m.") == [("8m", 8e6, 8e6, "count", "")]
    assert _measures("The 6m voters were asked.") == [("6m", 6e6, 6e6, "count", "voters")]
    assert _measures("The club paid $14m.") == [("$14m", 14e6, 14e6, "money:USD", "")]
    assert _measures("A £6m grant was agreed.") == [("£6m", 6e6, 6e6, "money:GBP", "")]
    assert _measures("The port cost 40m euros.") == [("40m euros", 40e6, 40e6, "money:EUR", "")]
    assert _measures("Farmers lost 4m tonnes of grain.") == [("4m tonnes", 4e6, 4e6, "mass", "")]
    assert _measures("The region has 7m residents.") == [("7m", 7e6, 7e6, "count", "residents")]
    assert _measures("Clinics gave 12m doses.") == [("12m", 12e6, 12e6, "count", "doses")]
    assert _measures("The slump cost 4m jobs.") == [("4m", 4e6, 4e6, "count", "jobs")]
    assert _measures("It hosts 6m Afghan refugees.") == [("6m", 6e6, 6e6, "count", "Afghan refugees")]
    # spans: the first figure reads as the second does
    assert _measures("It cut between 2m and 3m jobs.") == [("between 2m and 3m", 2e6, 3e6, "count", "jobs")]
    assert _measures("Power failed for 5-6m households.")[0][1:] == (5e6, 6e6, "count", "households")
    assert _measures("Crews dug 1 to 3m deep.") == [("1 to 3m", 1, 3, "length", "")]
    assert _measures("Swells of 2 to 4m were seen.") == [("2 to 4m", 2, 4, "length", "")]


def test_many_metre_figures_each_read_once() -> None:
    # hostile input: 3,000 figures with "m" in one sentence, each one length (one anchored look each)
    text = "Poles of " + ", ".join(f"{i}m tall" for i in range(2, 3002)) + " stood there."
    found = extract_quantities_en(text)
    assert len(found) == 3000 and all(q.dimension == "length" for q in found)


def test_per_and_without_end_a_counted_noun() -> None:
    # were "flu cases per" and "households without heating" (helper h41f)
    assert _counts("The county logged 612 flu cases per 100,000 people.") == [
        ("612", "flu cases"), ("100,000", "people")]
    assert _counts("Some 2,400 households without heating were counted.")[0] == ("Some 2,400", "households")
    assert _counts("Officers found 14 migrants among the cargo.") == [("14", "migrants")]
    assert _counts("It sent 9 medics through the pass.") == [("9", "medics")]
    # a noun before other prepositions is read as before
    assert _counts("They freed 30 hostages in the raid.") == [("30", "hostages")]


def test_a_bare_figure_and_a_share_joined_by_a_range_word_are_one_span_of_shares() -> None:
    # were "3%" alone (the lone one dropped) or a count 4 and "6%" (helper h41f)
    assert _spans("Between 1 and 3% of ballots were spoiled.") == [("Between 1 and 3%", 1, 3, "percent", "", True)]
    assert _spans("Fares may climb 1 to 3% next year.") == [("1 to 3%", 1, 3, "percent", "", True)]
    assert _spans("Yields fell 4 to 6 percent.") == [("4 to 6 percent", 4, 6, "percent", "", True)]
    assert _spans("Only 7 or 8% of pupils passed.") == [("7 or 8%", 7, 8, "percent", "", True)]
    (q,) = extract_quantities_en("Turnout dipped about 4 to 6%.")
    assert q.span and q.percent and q.low < 4 and q.high > 6
    # a change from one level to another, or a result, stays two figures
    assert [t for t, *_ in _spans("Rates went from 4 to 6%.")] == ["4", "6%"]
    assert [t for t, *_ in _spans("The motion passed 61 to 39%.")] == ["61", "39%"]


def test_many_share_spans_each_read_once() -> None:
    # hostile input: 3,000 spans of shares in one sentence, one pass over the figures
    text = "Shares of " + ", ".join(f"{i % 90 + 1} to {i % 90 + 5}%" for i in range(3000)) + " were seen."
    found = extract_quantities_en(text)
    assert len(found) == 3000 and all(q.span and q.percent for q in found)
