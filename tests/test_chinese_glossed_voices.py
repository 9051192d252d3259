"""Chinese voices glossed in brackets (某部（相当于某署）表示, 某协会(ABC)报导) are voices, classed by
their name or by a known agency's gloss; 据X的统计 credits X, 据不完全统计 credits no one.
Made-up sentences, not from any labeled story."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison.slots import attribution_kind, extract_attributions
from comparison.text import to_simplified


def _voices(text: str) -> list[tuple[str, str, str]]:
    return [(a.text, a.kind, a.who) for a in extract_attributions(text, to_simplified(text), False)]


def test_an_office_glossed_in_brackets_is_an_official_voice() -> None:
    for bracket in ("（相当于环境署）", "(相当于环境署)"):
        text = f"南方国环境厅{bracket}表示，共有35人受伤。"
        assert _voices(text) == [(f"南方国环境厅{bracket}", "official", "南方国环境厅")]
    # Traditional script alike.
    assert _voices("南方國環境廳（相當於環境署）表示，共有35人受傷。")[0][1] == "official"


def test_a_known_agency_gloss_makes_a_medium_report() -> None:
    assert _voices("日本广播协会(NHK)报导，至少有40人受伤。") == [("日本广播协会(NHK)", "agency", "NHK")]
    assert attribution_kind("某某协会(NHK)", False) == ("agency", "NHK")


def test_compiled_figures_credit_their_compiler_only() -> None:
    assert _voices("据北方省消防厅的统计，有3人死亡。") == [("北方省消防厅", "official", "北方省消防厅")]
    assert _voices("据新华社统计，有3人死亡。")[0][1:] == ("agency", "新华社")
    assert _voices("据不完全统计，有3人死亡。") == []
    assert _voices("据统计，有3人死亡。") == []


@given(st.text(alphabet="部厅局会署（）()相当于NHKABC协", min_size=0, max_size=30))
def test_classing_any_glossed_voice_never_fails(who: str) -> None:
    kind, norm = attribution_kind(who, False)
    assert kind in ("agency", "official", "expert", "anonymous", "witness", "organization", "person", "other")
    assert isinstance(norm, str)


def test_a_body_named_for_its_figures_is_read_whole() -> None:
    # 统计/数据 close a cited record only where no body's name goes on (统计局, 统计处, 数据中心):
    # a voice cut at the record word loses the body (据某国统计局表示 credited 某国, or no one).
    assert _voices("据南方国统计局表示，今年增长5%。") == [("南方国统计局", "official", "南方国统计局")]
    assert _voices("据南方国统计局数据，今年增长5%。")[0][0] == "南方国统计局"
    assert _voices("根据北方省劳工统计局的数据，失业率下降。")[0][0] == "北方省劳工统计局"
    assert _voices("据北方省政府统计处的统计，人口下降。")[0][0] == "北方省政府统计处"
    assert _voices("据南方数据中心表示，用量上升。")[0][0] == "南方数据中心"


def test_a_window_opened_at_a_conjunction_reads_the_last_conjunct() -> None:
    text = "此事引来多方评论，不过北方国和东海国际渔业合作组织（EFCO）则对此表示认可。"
    assert _voices(text)[0][0] == "东海国际渔业合作组织（EFCO）"
    assert _voices("和平基金会表示，将捐款。")[0][0] == "和平基金会"  # a name at a clause's start keeps its 和


def test_a_month_and_day_after_a_voice_ends_it() -> None:
    assert _voices("北方国外交部发言人4月13日表示，坚决反对。")[0][0] == "北方国外交部发言人"
