"""General readings a new user's trial (session 33) found missing: conversions of vague figures,
running totals since long ago, spans of ages, dollars of other places, wire datelines and credit
lines, voices named in two scripts. Inputs are made up here; no labeled story is quoted."""

from __future__ import annotations

from comparison.compare import compare
from comparison.docs import compatible
from comparison.furniture import furniture_spans
from comparison.numbers_en import extract_quantities_en
from tests.comparison_helpers import article, dense_backend_or_skip, exact, of_type


def _one(text: str):
    (q,) = extract_quantities_en(text)
    return q


def test_a_decimal_with_a_magnitude_is_its_round_sum_written_otherwise_and_sums_stay_exact() -> None:
    assert compatible(_one("HK$500,000 in cash"), _one("HK$0.5 million in cash"))
    # A sum of money is not read as rounded: $2,500 and $2,600 differ (fines, bail, prices).
    assert not compatible(_one("a fine of $2,500"), _one("a fine of $2,600"))
    # A one-sided qualifier keeps the conversion's slack: more than 100 miles is 160 km or more.
    assert compatible(_one("more than 100 miles north"), _one("160 km north"))


def test_two_figures_vague_by_a_qualifier_get_no_conversion_slack_beyond_their_own() -> None:
    # about 40 miles is 58-71 km, about 80 km is 72-88 km: the writers disagree.
    assert not compatible(_one("about 40 miles north"), _one("about 80 km north"))
    assert compatible(_one("about 40 miles north"), _one("about 70 km north"))
    assert compatible(_one("40 miles north"), _one("64 km north"))  # an exact conversion, rounded
    assert not compatible(_one("40 miles north"), _one("50 km north"))


def test_a_running_total_since_long_ago_is_not_the_storys_count() -> None:
    a = article("a", "Wire A", "At least 14 people were killed in the landslide on Sunday, police said.",
                "More than 1,200 people have died in landslides and floods in the country since 2010.")
    b = article("b", "Wire B", "At least 14 people were killed when the landslide hit the village on Sunday.")
    comparison = compare([a, b], use_dense=False)
    exact(comparison, [a, b])
    assert not any("1,200" in s.text for f in of_type(comparison, "number", "contradiction") for s in f.spans)
    # "Since" that measures a superlative leaves the story's own count compared.
    worst = article("w", "Wire W", "At least 30 people were killed in the landslide on Sunday, the deadliest since 2010.")
    other = article("o", "Wire O", "At least 50 people were killed in the landslide on Sunday, police said.")
    comparison = compare([worst, other], use_dense=False)
    assert of_type(comparison, "number", "contradiction"), [f.why for f in comparison.findings]
    chinese = article("c", "Wire C", "自2010年以来，该国已有1200多人死于山体滑坡。周日的滑坡造成14人死亡。", language="zh")
    other = article("d", "Wire D", "周日的山体滑坡造成至少14人死亡。", language="zh")
    comparison = compare([chinese, other], use_dense=False)
    assert not any("1200" in s.text for f in of_type(comparison, "number", "contradiction") for s in f.spans)


def test_spans_of_ages_are_ages_not_counts() -> None:
    for text in ("The men, aged between 15 and 39, were held.", "six people, ages 15 to 39, were held"):
        ages = [q for q in extract_quantities_en(text) if q.dimension == "age"]
        assert ages and ages[0].low == 15 and ages[0].high == 39, text


def test_dollars_of_other_places_are_their_currency_and_round_sums_rounded() -> None:
    q = _one("seized HK$500,000 in cash")
    assert q.dimension == "money:HKD" and q.text.startswith("HK$")
    for text, currency in (("NT$30 million", "money:TWD"), ("S$2.5 billion", "money:SGD")):
        assert _one(text).dimension == currency
    a = article("a", "Wire A", "Police seized HK$500,000 in cash in the raid, police said.")
    b = article("b", "Wire B", "Police seized HK$0.5 million in cash in the raid, police said.")
    comparison = compare([a, b], use_dense=False)
    money = [f for f in of_type(comparison, "number") if "HK" in " ".join(s.text for s in f.spans)]
    assert money and all(f.kind == "agree" for f in money), [f.why for f in money]


def test_wire_datelines_without_brackets_and_credit_lines_are_furniture() -> None:
    text = ("路透北京7月12日 - 中国官员周一表示，洪水造成12人死亡。\n"
            "HONG KONG (AP) — Police said six people were held.\n"
            "(Reporting by Jane Roe; Editing by John Doe)\n（编译：张三；审校：李四）\n（完）")
    found = [text[s:e] for s, e in furniture_spans(text)]
    assert found[0] == "路透北京7月12日 - " and "HONG KONG (AP) —" in found
    assert "(Reporting by Jane Roe; Editing by John Doe)" in found and "（完）" in found
    assert "（编译：张三；审校：李四）" in found
    # Not a bracket that only opens with a credit word's letters, nor one inside a sentence, nor an
    # editor's note or a sentence in brackets; not a range of days; not a party and its initials.
    assert not furniture_spans("(Reports say the flood killed 12.)\nHe said (editing aside) it was fine.")
    for text in ("（编辑注：死亡人数由12人更正为15人。）", "（记者从警方获悉，共有12人被捕）",
                 "(Writing in the journal, researchers said 300 died)", "会议定于7月12日—15日举行",
                 "东京奥运会将于7月23日-8月8日举行", "The Cambodia National Rescue Party (CNRP) - the main opposition - said"):
        assert not furniture_spans(text), text


def test_a_voice_after_a_bare_dateline_and_an_outlet_naming_itself() -> None:
    chinese = article("z", "路透", "路透加德满都7月12日 - 尼泊尔官员周一表示，山体滑坡造成至少15人死亡。",
                      "阿迪卡里通过电话告诉路透：“我们已经找到12具遗体。”", language="zh")
    other = article("b", "BBC", "At least 14 people were killed in the landslide, Nepalese officials said.")
    comparison = compare([chinese, other], use_dense=False)
    assert not any(s.startswith("透") or "7月12日" in s for s in comparison.sources.get("路透", []))
    assert not any(f.why.endswith("mentions 路透") for f in comparison.findings)


def test_voices_of_one_kind_in_two_scripts_are_not_set_against_each_other() -> None:
    dense_backend_or_skip()  # the two sentences align across languages by the dense model
    english = article("e", "Wire A", "The army deployed 300 soldiers, according to the Home Ministry.")
    chinese = article("z", "Wire B", "据尼泊尔内政部称，军方已部署300名士兵。", language="zh")
    comparison = compare([english, chinese], use_dense=True)
    assert not of_type(comparison, "attribution", "framing")
    from comparison.findings.attribution import _in_two_scripts

    assert _in_two_scripts("Interior Minister José Pérez", "内政部长何塞·佩雷斯") and _in_two_scripts("Nepal’s ministry", "内政部")
    assert not _in_two_scripts("CNN", "WHO") and not _in_two_scripts("世卫组织", "WHO总干事谭德塞")


def test_hours_and_weeks_with_a_measure_word_are_durations() -> None:
    from comparison.numbers import extract_quantities

    for text, seconds in (("大火在约三个小时后被扑灭", 3 * 3600), ("三个星期后", 3 * 604800), ("5个钟头", 5 * 3600)):
        (q,) = extract_quantities(text)
        assert q.dimension == "duration" and q.base_high >= seconds >= q.base_low, text


def test_english_speakers_named_after_a_role_and_media_by_their_english_names() -> None:
    from datetime import UTC, datetime

    from comparison.extract import extract_all

    when = datetime(2021, 7, 12, tzinfo=UTC)
    for text, speaker in (('"It is a threat," police official Steve Li said at a news conference.', "police official Steve Li"),
                          ('Later on police chief John Smith said: "We will find them all."', "police chief John Smith"),
                          ('"It is over," said Tom Lee.', "Tom Lee")):
        (quote,) = extract_all(text, when, "en").quotes
        assert quote.speaker == speaker and text[quote.speaker_start:quote.speaker_end] == speaker
    sources = extract_all("The fire was out after two hours, China Central Television said.", when, "en").sources
    assert [s.source for s in sources] == ["央视"]


def test_a_long_transliterated_place_read_as_a_person_and_a_place_is_one_place() -> None:
    from comparison.extract import extract_entities

    places = [(e.text, e.kind) for e in extract_entities("滑坡发生在辛杜帕尔乔克县梅兰齐。")]
    assert ("辛杜帕尔乔克县", "LOC") in places
    assert ("李强", "PER") in [(e.text, e.kind) for e in extract_entities("李强北京市长说")]


def test_review_cases_of_running_totals_datelines_places_and_speakers() -> None:
    from datetime import UTC, datetime

    from comparison.extract import extract_all, extract_entities

    # A perfect verb in a relative clause, or a superlative anywhere before "since": the story's count.
    for text in ("At least 30 people were killed on Sunday in a district that has been hit by landslides since 2010.",
                 "At least 30 people were killed on Sunday in the worst disaster the country has seen since 2010."):
        a = article("a", "Wire A", text)
        b = article("b", "Wire B", "At least 50 people were killed in the landslide on Sunday.")
        assert of_type(compare([a, b], use_dense=False), "number", "contradiction"), text
    # Chinese: 以来 in the clause before the figure's.
    a = article("c", "Wire C", "自2010年以来，该国已有1200多人死于山体滑坡。", language="zh")
    b = article("d", "Wire D", "周日的山体滑坡造成至少50人死亡。", language="zh")
    assert not of_type(compare([a, b], use_dense=False), "number", "contradiction")
    # A bare dateline before a figure is still a dateline.
    text = "路透加德满都7月12日 - 12名救援人员周日失踪。"
    assert [text[s:e] for s, e in furniture_spans(text)] == ["路透加德满都7月12日 - "]
    # A short name before a province stays a person.
    assert ("李强", "PER") in [(e.text, e.kind) for e in extract_entities("李强广东省调研时说")]
    when = datetime(2021, 7, 12, tzinfo=UTC)
    for text, speaker in (('Speaking last week Mujahid said: "We will not stop now."', "Mujahid"),
                          ('"It is over for all of us," said Steve Li.', "Steve Li"),
                          ('"It is over for all of us," said Martin Luther King Jr.', "Martin Luther King Jr.")):
        (quote,) = extract_all(text, when, "en").quotes
        assert quote.speaker == speaker, text


def test_one_quotation_in_two_languages_is_the_same_quotation_in_translation() -> None:
    dense_backend_or_skip()  # the two sentences align across languages by the dense model
    english = article("e", "Wire A", '"We have recovered 12 bodies so far, and rescuers are searching for the rest," '
                                     "Adhikari told the agency by telephone.")
    chinese = article("z", "Wire B", "阿迪卡里通过电话告诉记者：“目前我们已经找到12具遗体，救援人员正在搜寻其他人。”",
                      language="zh")
    comparison = compare([english, chinese], use_dense=True)
    exact(comparison, [english, chinese])
    (quote,) = of_type(comparison, "quote")
    assert quote.kind == "agree" and "in translation" in quote.why  # a translation is no framing
