"""comparison.findings.attribution on made-up Chinese reports: an agency relaying a voice in its own
sentence is no other voice, one name in two renderings (普赖斯 / 普莱斯) is one voice, and two
outlets' pair of voices is framed once however many claims it credits."""

from __future__ import annotations

from comparison import compare
from tests.comparison_helpers import article, exact, of_type


def test_an_agency_relaying_a_voice_is_no_other_voice() -> None:
    a = article("sa", "甲台", "据路透社报道，某国海军发言人李明远说，三艘舰艇周一离开港口。", language="zh")
    b = article("sb", "乙报", "某国海军发言人李明远说，三艘舰艇周一离开港口。", language="zh")
    comparison = compare([a, b], use_dense=False)
    exact(comparison, [a, b])
    framing = of_type(comparison, "attribution", "framing")
    assert not any("路透社" in f.why for f in framing), [f.why for f in framing]


def test_one_name_in_two_renderings_is_one_voice() -> None:
    from comparison.findings.attribution import same_voice

    assert same_voice("某国国务院发言人普赖斯", "普莱斯")  # 赖 / 莱: one sound, two renderings
    assert not same_voice("某国国务院发言人普赖斯", "普京")


def test_one_pair_of_voices_is_framed_once() -> None:
    a = article("ra", "甲台", "发言人普赖斯说，这些报告令人担忧。", "发言人普赖斯说，我们鼓励对方接触。",
                language="zh")
    b = article("rb", "乙报", "知情人士表示，这些报告令人担忧。", "知情人士表示，我们鼓励对方接触。", language="zh")
    framing = [f.why for f in of_type(compare([a, b], use_dense=False), "attribution", "framing")]
    assert len(framing) == len(set(framing)), framing


def test_a_named_spokesman_and_his_office_unnamed_are_one_voice() -> None:
    a = article("oa", "甲台", "某国海军新闻发言人李明远说，三艘舰艇周一离开港口。",
                "李明远说，三艘舰艇周一离开港口，前往南方。", language="zh")
    b = article("ob", "乙报", "某国海军新闻发言人说，三艘舰艇周一离开港口，前往南方。", language="zh")
    framing = [f.why for f in of_type(compare([a, b], use_dense=False), "attribution", "framing")]
    assert framing == [], framing
    # Another body's spokesman is another voice, even where one outlet names its spokesman.
    c = article("oc", "丙网", "某国外交部发言人说，三艘舰艇周一离开港口，前往南方。", language="zh")
    d = article("od", "丁刊", "某国国防部发言人王立说，三艘舰艇周一离开港口。", "王立说，三艘舰艇周一离开港口，前往南方。",
                language="zh")
    assert not _one_holder("某国外交部发言人", "王立", [d])
    assert of_type(compare([c, d], use_dense=False), "attribution", "framing")
    assert not _one_holder("外交部新闻发言人", "王立", [article("oe", "戊", "国防部新闻发言人王立说，舰艇离开。", language="zh")])
    assert _one_holder("外交部发言人", "王立", [article("of", "己", "外交部发言人王立说，舰艇离开。", language="zh")])


def _one_holder(office: str, name: str, articles) -> bool:
    from comparison.findings.attribution import _holds_the_office
    from comparison.text import to_simplified

    return _holds_the_office(office, name, [to_simplified(a.text) for a in articles])


def test_a_body_and_its_spokesman_are_one_voice() -> None:
    a = article("ba", "甲台", "中国人民解放军东部战区表示，三艘舰艇周一已被驱离港口。", language="zh")
    b = article("bb", "乙报", "中国东部战区新闻发言人张建国说，三艘舰艇周一已被驱离港口。", language="zh")
    c = article("bc", "丙网", "东部战区发言人说，三艘舰艇周一已被驱离港口。", language="zh")
    framing = [f.why for f in of_type(compare([a, b, c], use_dense=False), "attribution", "framing")]
    assert framing == [], framing
    # Another body's spokesman stays another voice, and two officers of one body two voices.
    d = article("bd", "丁刊", "中国外交部发言人王立说，三艘舰艇周一已被驱离港口。", language="zh")
    framing = [f.why for f in of_type(compare([a, d], use_dense=False), "attribution", "framing")]
    assert len(framing) == 1, framing
    from comparison.findings.attribution import _body_and_its_officer
    from comparison.slots import Attribution

    minister = Attribution(0, 6, "外交部长王立", "official", "外交部长王立")
    spokesman = Attribution(0, 8, "外交部发言人李明", "official", "外交部发言人李明")
    assert not _body_and_its_officer(minister, spokesman, ["外交部长王立说。外交部发言人李明说。"])


def test_a_voice_referring_back_is_the_voice_before_it() -> None:
    c = article("ac", "丙网", "东部战区新闻发言人张建国说，有外国舰艇闯入。这位中国军方发言人说，三艘舰艇周一已被驱离港口。",
                language="zh")
    b = article("ab", "乙报", "中国东部战区新闻发言人张建国说，三艘舰艇周一已被驱离港口。", language="zh")
    framing = [f.why for f in of_type(compare([b, c], use_dense=False), "attribution", "framing")]
    assert framing == [], framing


def test_a_body_and_the_person_a_report_names_its_spokesman_are_one_voice() -> None:
    a = article("pa", "甲台", "中国人民解放军东部战区表示，三艘舰艇周一已被驱离港口。", language="zh")
    b = article("pb", "乙报", "东部战区新闻发言人张建国发表声明。张建国说，三艘舰艇周一已被驱离港口。", language="zh")
    framing = [f.why for f in of_type(compare([a, b], use_dense=False), "attribution", "framing")]
    assert framing == [], framing
    # A person the reports never name as its officer stays another voice.
    c = article("pc", "丙网", "学者王立认为局势紧张。王立说，三艘舰艇周一已被驱离港口。", language="zh")
    framing = [f.why for f in of_type(compare([a, c], use_dense=False), "attribution", "framing")]
    assert len(framing) == 1, framing


def test_a_body_naming_its_spokesman_in_its_sentence() -> None:
    from comparison.findings.attribution import _named_as_officer

    assert _named_as_officer("东部战区", "张建国", ["东部战区于12日午间以发言人张建国的名义发布消息。"])
    assert not _named_as_officer("外交部", "张建国", ["外交部批评了国防部发言人张建国的说法。"])
    assert not _named_as_officer("东部战区", "张建国", ["东部战区发布消息。发言人张建国说，舰艇离开。"])
