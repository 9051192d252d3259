"""Chinese names after a title, as the recogniser cuts them (made-up names): a surname left
between the title and the name (行政长官林 | 郑某某, 发言人欧 | 阳某某), a title read into the name
(特首林 | 郑某某) and a given name whose last character reads as a locative (田某 | 里) are mended,
so one person is one name."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from comparison.extract import extract_entities, extract_quotes
from comparison.lexicons.attribution import TITLES_ZH


def _persons(text: str) -> list[str]:
    found = extract_entities(text)
    for e in found:
        assert text[e.start:e.end] == e.text
    return [e.text for e in found if e.kind == "PER"]


def test_a_married_name_after_a_title_is_whole() -> None:
    # LAC reads 行政长官林郑月娥 as 行政|长|官林|郑月娥: the surname 林 went with the title.
    assert _persons("行政长官林郑月娥今天表示，将会调查。") == ["林郑月娥"]
    assert _persons("香港特首林郑月娥说，政府会跟进。") == ["林郑月娥"]
    assert _persons("立法会议员范徐丽泰说，支持议案。") == ["范徐丽泰"]


def test_a_compound_surname_and_a_plain_name_stay_as_read() -> None:
    assert _persons("外交部发言人欧阳玉靖说，不同意。") == ["欧阳玉靖"]
    assert _persons("国务院总理李克强说，经济平稳。") == ["李克强"]
    assert _persons("保安局局长邓炳强表示，事件是袭击。") == ["邓炳强"]
    # A word between the title and the name is no surname: 时 of 会见总统时.
    assert _persons("在会见总统时李明说，双方有共识。") == ["李明"]


def test_a_given_name_ending_as_a_locative_is_whole() -> None:
    # LAC: 田军|里 (里 "inside"), so 田军里 and 田军 were two persons of one story.
    assert _persons("南部战区新闻发言人田军里说，舰艇已离开。") == ["田军里"]
    assert _persons("南部战区新闻发言人田军里的声明指出，舰艇已离开。") == ["田军里"]
    quotes = extract_quotes("海军发言人田军里说：“舰艇已经离开。”",
                            extract_entities("海军发言人田军里说：“舰艇已经离开。”"))
    assert [q.speaker for q in quotes] == ["田军里"]


_TITLES = ["行政长官", "发言人", "局长", "主席", "特首", "议员", "司长"]
_MARRIED = ["林郑", "范徐", "陈方", "梁刘"]
_GIVEN = ["月娥", "丽泰", "安生", "柔芬", "美玲", "志强"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_TITLES), st.sampled_from(_MARRIED), st.sampled_from(_GIVEN),
       st.sampled_from(["说", "表示", "今天指出"]))
def test_no_person_is_read_inside_a_titled_name(title: str, surnames: str, given_name: str, verb: str) -> None:
    name = surnames + given_name
    text = f"香港{title}{name}{verb}，会继续跟进。"
    start = text.index(name)
    for e in extract_entities(text):
        if e.kind == "PER" and e.start < start + len(name) and e.end > start:
            # A person read in the name is the whole name, never its part nor the title with it.
            assert e.text == name
    assert not any(t in p for p in _persons(text) for t in TITLES_ZH if t in title)
