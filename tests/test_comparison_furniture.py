"""comparison.furniture: links, datelines and page timestamps report no claim."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from comparison.extract import extract_all
from comparison.furniture import filing_day, furniture_spans, outside

PUBLISHED = datetime(2021, 3, 9, 2, 0, tzinfo=UTC)  # 9 March, 10:00 Beijing time


def test_digits_of_a_link_are_no_figures_or_days():
    text = ("http : / / news . example . com / 2021 / mar / 28 / world / flood - 12\n"
            "Floods killed 12 people in the north on Monday , officials said .")
    facts = extract_all(text, PUBLISHED)
    assert [q.low for q in facts.quantities] == [12]
    assert all(text[q.start:q.end] != "28" for q in facts.quantities)
    assert len(facts.dates) == 1


def test_page_timestamp_is_not_a_date_of_the_story():
    text = "Posted 3 / 8 / 2021 7 : 21 AM\nThe storm hit the coast on Sunday , killing four people ."
    facts = extract_all(text, PUBLISHED)
    assert [d.text for d in facts.dates] == ["Sunday"]


def test_chinese_dateline_day_is_not_an_event_day_and_sets_today():
    text = "（中央社記者某某東京8日專電）東京都今天新增確診病例300例。"
    facts = extract_all(text, PUBLISHED)
    # 今天 is the dateline's 8 March, not the publication day (9 March, Beijing time).
    assert [(d.text, d.value) for d in facts.dates] == [("今天", date(2021, 3, 8))]


def test_bracketed_wire_mark_is_a_dateline():
    text = "【某某新闻网2021年03月08日讯】洪水造成12人死亡。"
    facts = extract_all(text, PUBLISHED)
    assert facts.dates == []
    assert [q.low for q in facts.quantities] == [12]


def test_filing_day_far_from_publication_is_not_trusted():
    text = "（中央社台北8日電）今天下雨。"
    facts = extract_all(text, datetime(2021, 3, 20, tzinfo=UTC))
    assert filing_day(text, [], date(2021, 3, 20)) is None
    assert [d.value for d in facts.dates] == [date(2021, 3, 20)]


@dataclass
class _Item:
    start: int


@given(st.text(max_size=300))
def test_furniture_spans_are_sorted_and_disjoint(text):
    spans = furniture_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(spans[k][1] < spans[k + 1][0] for k in range(len(spans) - 1))


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30)), max_size=8),
       st.lists(st.integers(0, 240), max_size=30))
def test_outside_keeps_exactly_the_items_outside(raw_spans, starts):
    spans: list[tuple[int, int]] = []
    for s, width in sorted(raw_spans):
        if not spans or s > spans[-1][1]:
            spans.append((s, s + width))
    items = [_Item(s) for s in starts]
    kept = outside(items, spans)
    assert kept == [i for i in items if not any(s <= i.start < e for s, e in spans)]


def test_digits_of_timestamps_and_clock_times_are_no_figures():
    text = "Sat, 6 Mar 2021 21:44:44 GMT\n2021-03-07T01:14:39Z 警方说，当天14:30有3人受伤。"
    facts = extract_all(text, PUBLISHED)
    assert [q.low for q in facts.quantities] == [3]


def test_a_sentence_starting_with_a_stamp_word_is_read():
    facts = extract_all("Published reports say 30 people were killed in the blast on Monday.", PUBLISHED)
    assert [q.low for q in facts.quantities] == [30]
    assert [d.text for d in facts.dates] == ["Monday"]


def test_a_link_inside_chinese_text_ends_where_ascii_ends():
    facts = extract_all("原文链接：https://t.cn/abc12，当天共有12人死亡，30人受伤。", PUBLISHED)
    assert [q.low for q in facts.quantities] == [12, 30]


def test_many_blank_lines_are_read_in_linear_time():
    spans = furniture_spans("A," + "\n" * 200_000 + "Posted 3 / 8 / 2021")
    assert len(spans) == 1
