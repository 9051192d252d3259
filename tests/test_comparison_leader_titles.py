"""Generic words for a leader against the office they stand for (session 43 review; made-up text).

领导人 ("leader") for a person another outlet calls 总统 ("President") is a vaguer title of the same
office: no finding (development annotators marked none, as framing or as precision); a qualifier of its own (军政府领导人) or another role (发言人) still frames.
English titles the recogniser read into a person's name ("Russian President Vladimir Putin") are read
as titles."""

from __future__ import annotations

import pytest

from comparison import compare
from tests.comparison_helpers import article


def _entity_findings(first: str, second: str, language: str = "zh") -> list[tuple[str, str]]:
    a = article("a", "Outlet A", first, language=language)
    b = article("b", "Outlet B", second, language=language)
    return [(f.kind, f.why) for f in compare([a, b], use_dense=False).findings
            if f.fact_type == "entity" and f.kind in ("framing", "precision")]


@pytest.mark.parametrize(("first", "second"), [
    ("某国总统李明远周三表示，将与邻国举行会谈。", "某国领导人李明远周三表示，将与邻国举行会谈。"),
    ("俄罗斯总统普京周三表示，将与美国举行会谈。", "俄罗斯领导人普京周三表示，将与美国举行会谈。"),
    ("中国国家主席习近平周三表示，将加强合作。", "中国领导人习近平周三表示，将加强合作。"),
])
def test_a_generic_word_for_a_leader_is_a_vaguer_title_no_finding(first: str, second: str) -> None:
    assert _entity_findings(first, second) == []


def test_a_generic_word_with_a_qualifier_of_its_own_still_frames() -> None:
    # 军政府领导人 says more than "leader": the outlet's framing of the person.
    found = _entity_findings("某国国防军总司令敏昂莱周三表示，将举行选举。", "军政府领导人敏昂莱周三表示，将举行选举。")
    assert [k for k, _ in found] == ["framing"]
    # Another role is no vaguer title either.
    found = _entity_findings("某国总统李明远周三表示，将举行选举。", "某国发言人李明远周三表示，将举行选举。")
    assert [k for k, _ in found] == ["framing"]


def test_an_english_title_read_into_the_persons_name_is_a_title() -> None:
    # "Russian President Vladimir Putin" is recognised as one person's name: its title leads it.
    found = _entity_findings("Russian President Vladimir Putin said on Wednesday that three people died.",
                             "Russian leader Vladimir Putin said on Wednesday that three people died.", "en")
    assert found == []  # a vaguer title, no finding
    found = _entity_findings("Police Chief Dave Gaskin said on Wednesday that three people died.",
                             "Police spokesman Dave Gaskin said on Wednesday that three people died.", "en")
    assert found == [("framing", "Dave Gaskin introduced as Police Chief (Outlet A) vs Police spokesman (Outlet B)")]
    found = _entity_findings("On Wednesday opposition leader Dave Gaskin said that three people died.",
                             "President Dave Gaskin said on Wednesday that three people died.", "en")
    assert [k for k, _ in found] == ["framing"]


def test_a_title_read_into_a_name_is_only_a_title_of_the_lexicon_before_a_name() -> None:
    from comparison.findings.titles_en import leading_title

    assert leading_title("President Joe Biden") == ("President", 10)
    assert leading_title("Russian President Vladimir Putin") == ("Russian President", 18)
    assert leading_title("Prime Minister Boris Johnson") == ("Prime Minister", 15)
    # "Chief Justice", "Chief Executive": a longer title than the lexicon's head, no name after "Chief".
    assert leading_title("Chief Justice John Roberts") is None
    assert leading_title("Chief Executive Carrie Lam") is None
    assert leading_title("Joe Biden") is None


@pytest.mark.parametrize(("first", "second", "language"), [
    ("某国前总统李明远周三表示，将举行选举。", "某国领导人李明远周三表示，将举行选举。", "zh"),
    ("某国副总统李明远周三表示，将举行选举。", "某国领导人李明远周三表示，将举行选举。", "zh"),
    ("某公司董事会主席李明远周三表示，将增加投资。", "某国领导人李明远周三表示，将增加投资。", "zh"),
    ("Former President Tom Reyes said on Wednesday he would run.", "Elmland leader Tom Reyes said on Wednesday he would run.",
     "en"),
    ("Vice President Ana Reyes said on Wednesday she would act.", "Elmland leader Ana Reyes said on Wednesday she would act.",
     "en"),
])
def test_an_office_not_held_now_or_not_the_states_is_no_leaders_title(first: str, second: str, language: str) -> None:
    """A former, deputy or company's office (前总统, 副总统, 公司董事会主席, Former President, Vice
    President) is no office 'leader' stands for: framing, not a vaguer title (were precision)."""
    found = _entity_findings(first, second, language)
    assert [k for k, _ in found] == ["framing"], found


def test_a_states_own_words_keep_the_office() -> None:
    # 共和国 is the state's own word: still the office 领导人 stands for (no finding, not framing).
    found = _entity_findings("海地共和国总统李明远周三表示，将举行选举。", "海地领导人李明远周三表示，将举行选举。")
    assert found == [], found
