"""General readings a Taiwan and Hong Kong desk's trial (session 34) found missing: the Taiwan
press's bracketed day (昨(13)日), Taiwan's and Hong Kong's units (哩, 浬, 公噸), 兆 (a trillion
after digits), currencies written before the figure (新台幣5億元), figures inside place names
(五股區), bylines (〔記者…／…報導〕), voices of departments (消防處) and a time word ending a
voice (蔡英文13日表示). Inputs are made up here; no labeled story is quoted."""

from __future__ import annotations

from datetime import UTC, datetime

from comparison.docs import compatible
from comparison.extract import extract_all, extract_dates
from comparison.furniture import furniture_spans
from comparison.numbers import extract_quantities

PUBLISHED = datetime(2025, 5, 15, 1, 0, tzinfo=UTC)  # 15 May, 09:00 in Taipei


def _one(text: str):
    (q,) = extract_quantities(text)
    return q


def test_a_bracketed_day_after_a_relative_word_is_that_day_and_no_figure() -> None:
    (d,) = extract_dates("貨櫃輪昨(13)日上午在港口起火。", PUBLISHED)
    assert (d.text, d.value.isoformat()) == ("昨(13)日", "2025-05-13")
    assert [x.value.isoformat() for x in extract_dates("他明（16）日出訪，今(15日)抵達。", PUBLISHED)] == [
        "2025-05-16", "2025-05-15"]
    # The month is the one nearest the day the word implies: 昨(30)日 on 1 May is 30 April.
    (d,) = extract_dates("昨(30)日發生地震。", datetime(2025, 5, 1, 1, 0, tzinfo=UTC))
    assert d.value.isoformat() == "2025-04-30"
    assert extract_all("貨櫃輪昨(14)日起火，船上12名船員獲救。", PUBLISHED).quantities[0].text == "12名"


def test_taiwan_and_hong_kong_units_and_the_trillion() -> None:
    assert _one("距離約30哩").dimension == "length"
    assert compatible(_one("離岸12浬處"), _one("離岸約22公里處"))  # 12 nautical miles = 22.2 km
    assert compatible(_one("載有一萬兩千公噸貨物"), _one("载有约1.2万吨货物"))
    assert _one("總預算3兆1250億元").low == 3.125e12
    assert compatible(_one("總預算3.125兆元"), _one("总预算3兆1250亿元"))
    assert _one("逾兩成民眾").dimension == "percent"
    assert _one("裝機容量5兆瓦").low == 5  # 兆 before a unit is mega-, no trillion


def test_a_currency_before_the_figure_is_its_currency_and_keeps_its_qualifier() -> None:
    taiwan = _one("損失約新台幣5億元")
    assert (taiwan.text, taiwan.dimension, taiwan.vague) == ("約新台幣5億元", "money:TWD", True)
    assert _one("港幣5000元").dimension == "money:HKD"
    assert _one("美金1000萬元").dimension == "money:USD"
    # Two currencies are two dimensions: their figures are never paired.
    assert _one("损失约5亿元人民币").dimension == "money:CNY"


def test_no_figure_inside_a_place_name() -> None:
    facts = extract_all("新北市五股區一間工廠今天起火，3人受傷。", PUBLISHED)
    assert [q.text for q in facts.quantities] == ["3人"]


def test_a_bracketed_byline_is_furniture() -> None:
    text = "〔記者李大華／花蓮報導〕花蓮縣今天發生地震。"
    assert [text[a:b] for a, b in furniture_spans(text)] == ["〔記者李大華／花蓮報導〕"]
    assert "李大華" not in {e.text for e in extract_all(text, PUBLISHED).entities}


def _voices(text: str) -> list[tuple[str, str]]:
    return [(a.text, a.kind) for a in extract_all(text, PUBLISHED).attributions]


def test_voices_of_departments_and_a_time_word_ending_a_voice() -> None:
    assert _voices("前總統蔡英文13日在布拉格表示，將深化合作。") == [("前總統蔡英文", "official")]
    assert _voices("习近平主席上月会见捷克总统时曾表示，中方反对。") == [("习近平主席", "official")]
    assert _voices("香港消防處指出，火警中有3人受傷。") == [("香港消防處", "official")]
    assert _voices("花蓮縣長徐榛蔚說，災情已受控。") == [("花蓮縣長徐榛蔚", "official")]
    assert _voices("他在住处表示，不会离开。") == []
    assert _voices("Taiwan Railway Corp said trains would resume.") == [("Taiwan Railway Corp", "organization")]
    assert _voices("County magistrate Hsu Chen-wei said the damage was limited.")[0][1] == "official"


def test_one_quotation_credited_to_two_speakers_is_reported_as_such() -> None:
    from comparison.compare import compare
    from tests.comparison_helpers import article

    words = "「中央與地方會全力投入救災，讓災民早日回家。」"
    a = article("a", "中央社", f"行政院長卓榮泰今天表示：{words}", language="zh")
    b = article("b", "自由時報", f"總統賴清德今天視察災區。他說：{words}", language="zh")
    (finding,) = [f for f in compare([a, b], use_dense=False).findings if f.fact_type == "quote"]
    assert finding.kind == "framing" and "卓榮泰 (中央社) vs 賴清德 (自由" in finding.why
    c = article("c", "聯合報", f"行政院長卓榮泰說：{words}", language="zh")
    (same,) = [f for f in compare([a, c], use_dense=False).findings if f.fact_type == "quote"]
    assert same.kind == "agree"


def test_a_depth_is_compared_with_depths_only() -> None:
    from comparison.compare import compare
    from tests.comparison_helpers import article

    a = article("a", "中央社", "花蓮縣近海今天發生規模6.2地震，震央位於花蓮縣政府東方25.3公里，震源深度15公里。", language="zh")
    b = article("b", "自由時報", "花蓮縣近海今天發生規模6.2地震，震央在花蓮縣政府東方約25公里，深度12公里。", language="zh")
    c = article("c", "Wire", "A magnitude 6.2 earthquake struck off Hualien at a depth of 15 km, about 16 miles "
                "east of the county seat.")
    numbers = [f for f in compare([a, b, c], use_dense=False).findings if f.fact_type == "number"]
    depths = {(f.kind, " / ".join(sorted(s.text for s in f.spans))) for f in numbers if f.subject == "depth"}
    assert ("contradiction", "12公里 / 15公里") in depths and ("agree", "15 km / 15公里") in depths
    # No depth is set against a distance.
    assert not any("15" in s.text for f in numbers if f.subject != "depth" for s in f.spans if "公里" in s.text)


def test_over_a_bare_hundred_is_an_order_of_size_and_over_digits_a_count() -> None:
    assert compatible(_one("逾百人受傷"), _one("一百二十人受傷"))
    assert compatible(_one("逾百人受傷"), _one("百餘人受傷"))
    assert not compatible(_one("超过1000人"), _one("1200人"))  # the count the reporter has


def test_two_overlapping_estimates_name_no_vaguer_outlet() -> None:
    from comparison.compare import compare
    from tests.comparison_helpers import article

    a = article("a", "明報", "唐樓大火，消防處出動大約六十名消防員灌救。", language="zh")
    b = article("b", "星島", "唐樓大火，消防處出動約70名消防員灌救。", language="zh")
    (finding,) = [f for f in compare([a, b], use_dense=False).findings if f.fact_type == "number"]
    assert finding.kind == "precision" and "two estimates of other values" in finding.why


def test_review_fixes_a_surname_zhou_an_exchange_rate_and_over_a_hundred_million() -> None:
    assert _voices("市长周天宇表示，约有40人撤离。") == [("市长周天宇", "official")]
    assert _voices("市长周一下午表示，约有40人撤离。")[0][0] == "市长"
    assert _one("美元兑人民币7.2，创新低。").dimension == "count"  # a rate, no sum of money
    big = _one("逾百亿元")
    assert (big.low, big.high) == (1e10, 2e10 - 1)
