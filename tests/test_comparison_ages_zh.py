"""Chinese ages belong to the person named with them: two outlets' ages of two persons are two
facts, the same person's two ages a contradiction (made-up sentences)."""

from __future__ import annotations

from comparison import compare
from tests.comparison_helpers import article


def _number_kinds(first: str, second: str) -> list[tuple[str, str]]:
    a = article("a", "甲报", first, language="zh")
    b = article("b", "乙台", second, language="zh")
    return [(f.kind, f.why) for f in compare([a, b], use_dense=False).findings if f.fact_type == "number"]


def test_ages_of_two_persons_are_two_facts() -> None:
    """45岁的警察李明 (the officer) against 46岁的男子王强 (the man he arrested) was a contradiction
    '45 vs 46'; each age is its person's."""
    found = _number_kinds("陪审团认定45岁的警察李明对去年王强之死负有刑事责任。",
                          "去年5月，45岁的白人警察李明在逮捕过程中，跪在46岁的黑人男子王强的脖子上。")
    assert not [why for kind, why in found if kind == "contradiction"], found


def test_one_persons_two_ages_still_contradict() -> None:
    found = _number_kinds("陪审团认定45岁的警察李明负有刑事责任。", "陪审团认定46岁的警察李明负有刑事责任。")
    assert [kind for kind, _why in found] == ["contradiction"], found


def test_the_person_named_before_the_age() -> None:
    from comparison.compare import build_context

    docs, _ctx, _notes = build_context([article("a", "甲报", "李明今年45岁，担任警官约19年。", language="zh"),
                                        article("b", "乙台", "王强今年46岁。", language="zh")])
    assert [s.noun for s in docs[0].subjects if s.unit == "age"] == ["李明"]
