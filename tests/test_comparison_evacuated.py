"""撤离 (leave a place): troops withdraw, anyone else is evacuated (lexicons.categories.who_leaves_event)."""

from comparison import compare
from tests.comparison_helpers import article


def _zh(article_id, outlet, text):
    return article(article_id, outlet, text, language="zh")


def test_residents_leaving_are_evacuated_not_withdrawn():
    comparison = compare([_zh("a", "甲报", "洪水来袭，当局周一撤离了3000名居民。"),
                          _zh("b", "乙报", "洪水来袭，当局周一撤离了5000名居民。")])
    texts = [f.why for f in comparison.findings]
    assert any("(evacuated)" in t for t in texts if t.startswith("incompatible figures"))
    assert not any("withdrawn" in t for t in texts)


def test_evacuated_by_either_word_is_one_fact():
    comparison = compare([_zh("a", "甲报", "洪水来袭，当局周一撤离了3000名居民。"),
                          _zh("b", "乙报", "洪水来袭，当局周一疏散了3000名居民。")])
    assert any(f.kind == "agree" and f.fact_type == "number" for f in comparison.findings)
    assert not any(f.kind == "unique" and f.fact_type == "number" for f in comparison.findings)


def test_troops_leaving_still_withdraw():
    comparison = compare([_zh("a", "甲报", "美军周一从基地撤离了2500名士兵。"),
                          _zh("b", "乙报", "美军周一从基地撤出了3500名士兵。")])
    assert any("(withdrawn)" in f.why for f in comparison.findings if f.fact_type == "number")
    dates = [f.why for f in comparison.findings if f.fact_type == "date"]
    assert dates and all("evacuated" not in t for t in dates)


def test_a_count_of_no_family_withdraws_in_a_clause_naming_the_army():
    from comparison.lexicons.categories import who_leaves_event

    assert who_leaves_event("撤离", "驻军周一撤离", "") == "withdrawn"
    assert who_leaves_event("撤离", "当局周一撤离了500人", "") == "evacuated"
    assert who_leaves_event("撤离", "撤离了500名士兵", "troops") == "withdrawn"
    assert who_leaves_event("撤出", "撤出了500名士兵", "troops") is None
