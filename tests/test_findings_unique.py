"""comparison.findings.unique: claims only one outlet reports, ranked by their facts."""

from comparison import compare
from tests.comparison_helpers import article


def test_unaligned_sentence_is_one_outlet_only():
    a = article("ua", "Outlet A", "About 200 prisoners escaped from the jail on Wednesday.",
                "The foreign minister flew to Jakarta on Tuesday to meet 12 ambassadors.")
    b = article("ub", "Outlet B", "About 200 prisoners escaped from the jail on Wednesday.")
    comparison = compare([a, b], use_dense=False)
    unique = [f for f in comparison.findings if f.kind == "unique" and f.fact_type == "statement"]
    assert [f.spans[0].text for f in unique] == ["The foreign minister flew to Jakarta on Tuesday to meet 12 ambassadors."]
    assert not unique[0].minor
    shared = [f for f in comparison.findings if f.kind == "agree" and f.fact_type == "statement"]
    assert shared and "probability" in shared[0].why
