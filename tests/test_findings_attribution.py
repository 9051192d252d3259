"""comparison.findings.attribution: who the same claim is credited to."""

from comparison import compare
from tests.comparison_helpers import article, of_type


def test_other_voice_for_the_same_claim_is_framing():
    a = article("aa", "Outlet A", "About 200 prisoners escaped from the jail on Wednesday, a provincial official said.")
    b = article("ab", "Outlet B", "About 200 prisoners escaped from the jail on Wednesday, sources said.")
    found = of_type(compare([a, b], use_dense=False), "attribution")
    assert [f.kind for f in found] == ["framing"]
    assert "official" in found[0].why and "anonymous" in found[0].why


def test_cited_agencies_are_listed_per_outlet():
    a = article("ac", "Outlet A", "据路透社报道，约有200名囚犯从监狱逃脱。", language="zh")
    b = article("ad", "Outlet B", "About 200 prisoners escaped from the jail, Reuters reported.")
    comparison = compare([a, b], use_dense=False)
    assert comparison.sources == {"Outlet A": ["路透社"], "Outlet B": ["路透社"]}
