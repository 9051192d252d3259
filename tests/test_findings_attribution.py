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
    # each outlet's list in its reader's language: an English report cites Reuters, not 路透社
    assert comparison.sources == {"Outlet A": ["路透社"], "Outlet B": ["Reuters"]}
    cited = [f for f in comparison.findings if f.fact_type == "source"]
    assert [(f.kind, f.subject) for f in cited] == [("agree", "路透社")]


def test_english_reports_name_a_cited_agency_in_english():
    a = article("ae", "Outlet A", "Three miners were rescued on Monday, the Associated Press reported.")
    b = article("af", "Outlet B", "Rescuers pulled three miners out on Monday, officials said.")
    comparison = compare([a, b], use_dense=False)
    assert comparison.sources["Outlet A"] == ["Associated Press"]
    cited = [f for f in comparison.findings if f.fact_type == "source"]
    assert [f.why for f in cited] == ["only Outlet A cites Associated Press"]
    assert cited[0].subject == "美联社"


def test_one_voice_with_other_words_around_it_is_no_framing():
    from comparison.findings.attribution import same_voice

    assert same_voice("香港警方国家安全处高级警司李桂华", "警方国家安全处高级警司李桂华下午会见传媒")
    assert not same_voice("以色列外交部", "伊朗外交部")  # a shared 外交部 is no shared voice
    assert not same_voice("美国国务院发言人", "美国国防部发言人")
    assert same_voice("the governor", "Lena Ortiz, Governor of the island")
    assert not same_voice("the US", "Russian officials")


def test_a_voice_starts_after_a_dateline_and_after_a_clause_word():
    from comparison.slots import extract_attributions
    from comparison.text import to_simplified

    text = "（法新社菲律宾可塔巴托4日电） 菲律宾官员说，飞机坠毁。"
    assert [a.text for a in extract_attributions(text, to_simplified(text), False)] == ["菲律宾官员"]
    text = "警方（PNH）发言人说，嫌犯已被捕。"  # a gloss is no dateline
    assert [a.text for a in extract_attributions(text, to_simplified(text), False)] == ["警方（PNH）发言人"]
    text = "Helicopters ferried the injured to hospital but the authorities said the toll would rise."
    assert [a.text for a in extract_attributions(text, text, True)] == ["the authorities"]


def _voices(text: str) -> list[tuple[str, str]]:
    from comparison.slots import extract_attributions

    return [(a.text, a.kind) for a in extract_attributions(text, text, True)]


def test_english_agency_names_are_whole_words():
    # "AP" inside a surname and "RFI" inside a bank's name are no agencies.
    assert _voices("Prime Minister Ann Papadakis said the plan would pass.") == [
        ("Prime Minister Ann Papadakis", "official")]
    assert _voices("Marfino bank officials said the branch was closed.") == [("Marfino bank officials", "official")]
    assert _voices("The mayor told AP the road was shut.")[0] == ("The mayor", "official")


def test_an_english_voice_never_spans_a_sentence_end_or_an_adverb():
    assert _voices("Cars were set on fire.\nPolice said 12 people were hurt.") == [("Police", "official")]
    assert _voices("The bridge fell on Monday. Officials said two died.") == [("Officials", "official")]
    from comparison.slots import _sentence_start_en

    assert _sentence_start_en("the dam held. Gov. Lena Ortiz") == len("the dam held. ")
    assert _sentence_start_en("U.S. officials") == 0
    assert _voices("The state news agency also reported two deaths.") == [("The state news agency", "agency")]
    # Only the last conjunct names a voice.
    assert _voices("The town still has water and power and officials say help is coming.") == [
        ("officials", "official")]


def test_english_voices_of_public_bodies_estimates_and_initials():
    # Invented sentences: a public body, an estimate ("put ... at"), a title abbreviation,
    # a body named by its initials, and a voice of two conjuncts.
    assert _voices("The national weather bureau put the rainfall at 300 mm.") == [
        ("The national weather bureau", "official")]
    assert _voices("He put the bag on the table.") == []
    assert _voices("Lakeview Gov. Ann Roe said 12 were hurt.") == [("Lakeview Gov. Ann Roe", "official")]
    assert _voices("The NWS said the storm would weaken.") == [("The NWS", "organization")]
    assert _voices("Later, the state news agency and the United States Coast Guard said two boats sank.") == [
        ("the state news agency and the United States Coast Guard", "agency")]
    # A capitalized name is no verb: "United States" holds no "states".
    assert _voices("The United States Navy sent two ships.") == []
    assert _voices("Ann Roe, the governor of the island, was quoted by state radio as saying 5 died.") == [
        ("Ann Roe, the governor of the island", "official")]


def test_a_named_voice_with_its_role_between_commas():
    assert _voices("Maria Lindqvist, head of the regional rescue service, said two boats sank.") == [
        ("Maria Lindqvist, head of the regional rescue service", "official")]
    assert _voices("Tom Weller, a professor of geology at the university, said the fault is old.") == [
        ("Tom Weller, a professor of geology at the university", "expert")]
    # A sentence opening is no name.
    assert _voices("In Porto Velho, crowds gathered at dawn, witnesses said.") == [("witnesses", "witness")]


def test_a_generic_voice_is_vaguer_not_another_voice():
    from comparison.slots import is_generic_voice

    assert is_generic_voice("officials") and is_generic_voice("local authorities")
    assert is_generic_voice("a U.S. official") and is_generic_voice("officials and state media")
    assert is_generic_voice("日本政府") and is_generic_voice("菲律宾官员")
    assert not is_generic_voice("a US defense official") and not is_generic_voice("the governor")
    assert not is_generic_voice("菲律賓國防部")
    a = article("ae", "Outlet A", "About 200 prisoners escaped from the jail on Wednesday, officials said.")
    b = article("af", "Outlet B", "About 200 prisoners escaped from the jail on Wednesday, the governor said.")
    assert of_type(compare([a, b], use_dense=False), "attribution") == []
    c = article("ag", "Outlet C", "About 200 prisoners escaped from the jail on Wednesday, a defense official said.")
    d = article("ah", "Outlet D", "About 200 prisoners escaped from the jail on Wednesday, a military official said.")
    assert [f.kind for f in of_type(compare([c, d], use_dense=False), "attribution")] == ["framing"]


def _voices_zh(text: str) -> list[tuple[str, str, str]]:
    from comparison.slots import extract_attributions
    from comparison.text import to_simplified

    return [(a.text, a.kind, a.who) for a in extract_attributions(text, to_simplified(text), False)]


def test_a_chinese_medium_relaying_a_voice_and_a_medium_s_report():
    # Invented sentences. The voice is the one relayed; the span opens at the medium relaying it.
    assert _voices_zh("某某电视台引用附近国家公园的官员话称，车队遇袭。") == [
        ("某某电视台引用附近国家公园的官员", "official", "附近国家公园的官员")]
    assert _voices_zh("通讯社援引当地官员的话说，5人死亡。") == [("通讯社援引当地官员", "official", "当地官员")]
    # A relayed voice of no known kind leaves the medium as the voice.
    assert _voices_zh("美联社援引一名路人说，有3人受伤。") == [("美联社援引一名路人", "agency", "美联社")]
    # 某社报道证实: a medium not listed by name; 旅行社表示 is no report.
    assert _voices_zh("意大利某某社报道证实，一名警员身亡。") == [("意大利某某社", "agency", "意大利某某社")]
    assert _voices_zh("该旅行社表示，行程取消。") == []


def test_review_cases_of_conjunct_voices_and_relayed_voices():
    # The first conjunct from its first word; abbreviations end no clause.
    assert _voices("On Monday, the head of the seismic center and the United States Geological Survey said it.") == [
        ("the head of the seismic center and the United States Geological Survey", "official")]
    assert _voices("Lt. Col. Smith and the United States Geological Survey said it.") == [
        ("Lt. Col. Smith and the United States Geological Survey", "official")]
    # A survey of opinion and a capitalized pronoun are no voices.
    assert _voices("A recent survey said 40% agreed.") == [] and _voices("WE said it.") == []
    # Only a medium relaying a voice opens the span; a bare 引用 is nothing.
    assert _voices_zh("某网友援引当地官员的话说，5人死亡。") == [("当地官员", "official", "当地官员")]
    assert _voices_zh("引用的话说，5人。") == []


def test_english_voices_of_a_long_run_without_spaces():
    # Words are read at most 40 characters long, so the pattern stays linear in the run
    # (its cost is measured in benchmarks/bench_comparison.py --hostile-only, not here).
    assert _voices("a" * 200_000) == []


def test_a_named_person_and_a_voice_after_its_verb_are_voices():
    """李桂华表示 (a recognised person's words) and "…, said UNHCR spokesman Adrian Edwards"
    (the voice closing the sentence) are attributions; "…, said police were investigating" is a
    reported clause, not a voice."""
    from datetime import UTC, datetime

    from comparison.extract import extract_all

    def voices(text):
        return [(a.text, a.kind) for a in extract_all(text, datetime(2021, 7, 8, tzinfo=UTC), "zh").attributions]

    assert voices("李桂华表示，举行初选并不犯法。") == [("李桂华", "person")]
    assert voices("The camp was not hit, said UNHCR spokesman Adrian Edwards.") == [
        ("UNHCR spokesman Adrian Edwards", "official")]
    assert voices("Two died, said the U.S. Army.") == [("the U.S. Army", "official")]
    assert voices("The attack killed 12, said police were investigating.") == []



def test_a_body_and_its_initials_are_one_voice():
    from comparison.findings.attribution import same_voice

    assert same_voice("The US Geological Survey", "The USGS") and same_voice("the UN", "the United Nations")
    assert not same_voice("IRNA", "the governor")


def test_a_person_named_with_and_without_a_title_is_one_voice():
    a = article("pa", "Outlet A", "警方国家安全处高级警司李桂华表示，举行初选并不犯法。", language="zh")
    b = article("pb", "Outlet B", "李桂华表示，举行初选并不犯法。", language="zh")
    assert of_type(compare([a, b], use_dense=False), "attribution", "framing") == []
    from comparison.findings.attribution import same_voice

    assert not same_voice("the UAE", "UNHCR spokesman Adrian Edwards")


def test_a_voice_made_anonymous_before_its_verb_and_an_agency_relaying_it():
    from comparison.slots import extract_attributions

    text = "一名不愿透露姓名的当地政府官员对法新社说，爆炸引发引擎起火。"
    assert [(a.text, a.kind) for a in extract_attributions(text, text, False)] == [
        ("不愿透露姓名的当地政府官员", "anonymous")]
    a = article("ra", "Outlet A", "法新社报道，爆炸引发引擎起火，客车坠入峡谷。", language="zh")
    b = article("rb", "Outlet B", "一名不愿透露姓名的当地政府官员对法新社说，爆炸引发引擎起火，客车坠入峡谷。", language="zh")
    found = [f for f in compare([a, b], use_dense=False).findings if f.fact_type == "attribution"]
    assert not [f for f in found if f.kind == "framing"]


def test_a_voice_after_its_verb_with_a_title_abbreviation():
    from comparison.slots import extract_attributions

    for text, voice, kind in (("\"We will rebuild,\" said Mr. Biden.", "Mr. Biden", "person"),
                              ("The toll rose to 12, said Gov. Heidar Alishvandi.", "Gov. Heidar Alishvandi", "official")):
        assert [(a.text, a.kind) for a in extract_attributions(text, text, True)] == [(voice, kind)]


def test_an_office_alone_is_a_vaguer_voice_of_the_officer_named_with_it():
    a = article("ga", "Outlet A", "Ten people were killed in the quake, Qeshm Gov. Heidar Alishvandi said.")
    b = article("gb", "Outlet B", "Ten people were killed in the quake, the governor said.")
    assert not [f for f in of_type(compare([a, b], use_dense=False), "attribution") if f.kind == "framing"]


def test_chinese_voices_of_bodies_and_in_traditional_script():
    """A body's voice (东京电力公司: an organisation; 原子能规制厅, 负责人: offices) and the same
    voices written in Traditional characters (發言人, 目擊者, 美聯社) are classified."""
    from comparison.slots import attribution_kind, extract_attributions

    def voices(text):
        return [(a.text, a.kind) for a in extract_attributions(text, text, False)]

    assert voices("东京电力公司表示，核电站没有异常。") == [("东京电力公司", "organization")]
    assert voices("日本原子能规制厅表示，没有异常。") == [("日本原子能规制厅", "official")]
    assert voices("东京电力公司负责人表示，没有异常。") == [("东京电力公司负责人", "official")]
    assert attribution_kind("一名發言人", False)[0] == "official"
    assert attribution_kind("目擊者", False)[0] == "witness"
    assert attribution_kind("美聯社記者", False) == ("agency", "美联社")


def test_one_named_officer_with_another_title_and_unnamed_media_relaying_an_official():
    from comparison.findings.attribution import same_voice

    assert same_voice("应急管理厅厅长施政介", "湖北省應急管理廳長施政介")
    assert not same_voice("外交部发言人", "国防部发言人")
    a = article("ma", "Outlet A", "据中国官方媒体报道，爆炸造成25人死亡。", language="zh")
    b = article("mb", "Outlet B", "湖北省应急管理厅厅长施政介表示，爆炸造成25人死亡。", language="zh")
    assert not [f for f in of_type(compare([a, b], use_dense=False), "attribution") if f.kind == "framing"]


def test_a_wire_dateline_before_a_voice_is_no_part_of_it():
    from comparison.slots import extract_attributions

    text = "（法新社白夏瓦14日电） 巴基斯坦官员说，爆炸造成13人死亡。"
    assert [(a.text, a.kind) for a in extract_attributions(text, text, False)] == [("巴基斯坦官员", "official")]
    text = "警方（PNH）发言人说，爆炸造成13人死亡。"
    assert [a.text for a in extract_attributions(text, text, False)] == ["警方（PNH）发言人"]


def test_review_cases_of_voices():
    """One-character office heads only close a voice (医院医生, 餐厅老板, 委内瑞拉… are no offices);
    a gloss's 于 ends no voice; bodies sharing a name are two voices, one officer under two titles one."""
    from comparison.findings.attribution import same_voice
    from comparison.slots import attribution_kind, extract_attributions

    for voice in ("一名医院医生", "餐厅老板", "学院学生", "委内瑞拉反对派人士", "主办方"):
        assert attribution_kind(voice, False)[0] != "official", voice
    text = "日本原子能规制厅(相当于原子能委员会)表示，核电站没有异常。"
    assert [a.text for a in extract_attributions(text, text, False)] == ["日本原子能规制厅(相当于原子能委员会)"]
    assert not same_voice("加沙卫生部门", "以色列卫生部门") and not same_voice("巴基斯坦塔利班", "阿富汗塔利班")
    assert same_voice("外交部发言人汪文斌", "发言人汪文斌")
    a = article("va", "Outlet A", "一名医院医生说，爆炸造成25人死亡。", language="zh")
    b = article("vb", "Outlet B", "警方说，爆炸造成25人死亡。", language="zh")
    assert not [f for f in of_type(compare([a, b], use_dense=False), "attribution") if f.kind == "framing"]


def test_one_institution_under_two_names_of_one_state_and_a_time_word_after_a_voice():
    from comparison.findings.attribution import same_voice
    from comparison.slots import extract_attributions

    assert same_voice("台外交部", "中华民国外交部") and same_voice("中共央行", "中国央行")
    assert not same_voice("中国外交部", "台湾外交部")
    text = "《河南日报》次日报道称，县长被免职。"
    assert [a.text for a in extract_attributions(text, text, False)] == ["《河南日报》"]


def test_second_review_cases_of_voices():
    """Two bodies of one state name stay two unless the office is the same (北京日报 / 中国日报,
    台北市政府 / 中华民国政府, 中共中央 / 中国中央电视台); 次日 and 当日 inside 其次日本, 充当日本 end no voice."""
    from comparison.findings.attribution import same_voice
    from comparison.slots import extract_attributions

    for a, b in (("北京日报", "中国日报"), ("北京市政府发言人", "中国政府发言人"), ("台北市政府", "中华民国政府"),
                 ("台中市政府", "台湾政府"), ("中共中央", "中国中央电视台")):
        assert not same_voice(a, b), (a, b)
    assert same_voice("台外交部", "台湾外交部发言人欧江安")
    for text, voice in (("其次日本外务省发言人表示，地震造成5人死亡。", "其次日本外务省发言人"),
                        ("充当日本政府发言人的官员称，会谈顺利。", "充当日本政府发言人的官员")):
        assert [a.text for a in extract_attributions(text, text, False)] == [voice]


def test_a_newspaper_named_with_the_is_a_press_voice_and_a_person_is_not():
    from comparison.slots import attribution_kind

    assert attribution_kind("the Daily News", True)[0] == "agency"
    assert attribution_kind("the Philadelphia Inquirer", True)[0] == "agency"
    assert attribution_kind("John Post", True)[0] != "agency"
    assert attribution_kind("the times", True)[0] != "agency"
    for body in ("the Independent Commission Against Corruption", "the Post Office", "the Royal Mail"):
        assert attribution_kind(body, True)[0] != "agency", body


def test_one_english_officer_by_surname_after_a_title_is_one_voice_and_two_given_names_are_two():
    from comparison.findings.attribution import same_voice

    assert same_voice("Police spokesman Dave Gaskin", "Inspector Gaskin")
    assert same_voice("President Joe Biden", "Mr Biden")
    assert not same_voice("spokesman Dave Gaskin", "spokeswoman Ann Gaskin")
    assert not same_voice("the Interior Ministry", "the Foreign Ministry")
    # Titles are no surnames; given names are compared whole (a reviewer's catches).
    assert not same_voice("Chief Minister", "Deputy Minister")
    assert not same_voice("Dr Jill Biden", "President Joe Biden")
    assert not same_voice("spokesman Dave Gaskin", "spokesman Don Gaskin")
    assert same_voice("spokesman D. Gaskin", "Inspector Dave Gaskin")


def test_a_medium_reporting_is_a_voice_without_ju_before_it():
    """报道 / 报导 read as "reported" is in English: the medium before it is the voice, and a
    report that is only a noun (该报道说, 这篇报道称) names none."""
    from comparison.slots import extract_attributions
    from comparison.text import to_simplified

    def voices(text: str) -> list[tuple[str, str]]:
        return [(a.text, a.kind) for a in extract_attributions(text, to_simplified(text), False)]

    assert voices("星島日報報導，警方拘捕了4人。") == [("星島日報", "agency")]
    assert voices("新华社报道说，事故造成3人受伤。") == [("新华社", "agency")]
    assert voices("该报道说，已有8人死亡。") == []
    assert voices("他报道了这件事。") == []


def test_a_medium_reporting_never_takes_over_a_dateline_or_a_ju_frame():
    """A second reviewer's cases: the medium must open its clause and end as a medium's name does."""
    from comparison.slots import extract_attributions
    from comparison.text import to_simplified

    def voices(text: str) -> list[str]:
        return [a.text for a in extract_attributions(text, to_simplified(text), False)]

    assert voices("新华社伊斯兰堡7月5日电 据当地媒体报道，已有8人死亡。") == ["当地媒体"]
    assert voices("（中央社東京7日綜合外電報導）日本警方表示，土石流已造成8人死亡。") == ["日本警方"]
    assert voices("官媒已经有了许多报道，") == []
    assert voices("警方拘捕3人的消息被当地电视台报道，") == []
    # The second review's: a clause about a report, a denial, and "this paper" name no voice.
    assert voices("针对路透社报道，外交部发言人表示，此事不实。") == ["外交部发言人"]
    assert voices("此事没有媒体报道，") == []
    assert voices("该报报导称，8人死亡。") == []
    assert voices("但路透社报道，8人死亡。") == ["路透社"]


def test_medium_reports_are_read_in_linear_time():
    """Each candidate is checked against the voices already read by bisection, not one by one."""
    from comparison.slots import _media_reporting

    text = "有关的报道，" * 1000 + "路透社报道，"
    assert [a.text for a in _media_reporting(text, text, [], 10)] == ["路透社"]


def test_bodies_an_outlet_attributes_claims_to_are_listed_as_its_sources():
    a = article("ae", "Outlet A", "The quake killed four people, the U.S. Geological Survey said.",
                "Rescue work will continue, the USGS said.")
    b = article("af", "Outlet B", "塔吉克斯坦总统办公室表示，约有2万人被动员。总统办公室说，边境局势稳定。", language="zh")
    sources = compare([a, b], use_dense=False).sources
    assert sources["Outlet A"] == ["U.S. Geological Survey", "USGS"]
    assert sources["Outlet B"] == ["塔吉克斯坦总统办公室"]  # the short name of the same office once


def test_a_speech_verb_after_a_word_of_refusal_makes_no_voice():
    from comparison.slots import extract_attributions

    text = "国防部一位不愿透露姓名的官员说，边境已经关闭。"
    voices = extract_attributions(text, text, False)
    assert voices and all("不愿" != v.text[-2:] for v in voices)
    assert not any(v.who == "国防部一位不愿" for v in voices)


def test_an_outlet_naming_itself_is_no_source_and_a_dateline_byline_no_actor():
    a = article("ag", "中央社", "（中央社記者沈朋達上海13日電）中國江蘇省蘇州市的酒店12日發生倒塌，已導致8死。", language="zh")
    b = article("ah", "Outlet B", "据路透社报道，江苏省苏州市的酒店12日发生倒塌，已导致8人死亡。", language="zh")
    comparison = compare([a, b], use_dense=False)
    assert comparison.sources["中央社"] == []
    assert not [f for f in of_type(comparison, "source") if "中央社" in f.why]
    assert not [f for f in comparison.findings if "沈朋達" in f.why]


def test_an_outlet_is_never_its_own_source_under_any_alias():
    a = article("ai", "法广", "法国国际广播电台表示，约有200名囚犯逃脱。", language="zh")
    b = article("aj", "路透", "About 200 prisoners escaped, Reuters said.")
    sources = compare([a, b], use_dense=False).sources
    assert sources == {"法广": [], "Reuters": []}  # an English report under the English name


def test_an_agency_name_inside_a_longer_name_is_neither_the_agency_nor_the_outlet():
    # 中央社会工作部 holds 中央社: it is a body of the Party, cited by 中央社 itself and by others.
    a = article("ak", "中央社", "（中央社記者沈朋達上海13日電）中共中央社會工作部表示，已有200名志願者抵達。", language="zh")
    b = article("al", "Outlet B", "据路透社报道，中共中央社会工作部说，已有300名志愿者抵达。", language="zh")
    sources = compare([a, b], use_dense=False).sources
    assert sources["中央社"] == ["中共中央社會工作部"]
    assert sources["Outlet B"] == ["路透社", "中共中央社会工作部"]


def test_an_agency_name_is_whole_before_a_credit_or_time_word_only():
    from comparison.extract import holds_whole_name

    assert holds_whole_name("中央社记者", "中央社")
    assert holds_whole_name("路透周一报道", "路透")
    assert holds_whole_name("（中央社台北5日电）", "中央社")
    assert not holds_whole_name("中央社会工作部", "中央社")
    assert not holds_whole_name("美联储", "美联")
    assert holds_whole_name("told Reuters.", "Reuters")
    assert not holds_whole_name("Reutersville", "Reuters")


def test_agencies_are_read_at_word_boundaries_whatever_follows():
    from comparison.extract import extract_sources

    for text, agency in [("据新华社北京7月5日电，", "新华社"), ("据央视新闻报道，", "央视"), ("据路透社统计，", "路透社"),
                         ("一名官员向路透社证实，", "路透社"), ("他接受路透社专访时说，", "路透社"),
                         ("据人民日报客户端消息，", "人民日报"), ("据中央社讯，", "中央社")]:
        assert [s.source for s in extract_sources(text)] == [agency], text
    assert extract_sources("据报道，中央社会工作部说，") == []


def test_a_place_in_the_outlets_own_name_is_still_a_fact_and_english_reports_show_english_names():
    a = article("an", "纽约时报", "The attack happened in New York, where residents gathered for a vigil.")
    b = article("ao", "Outlet B", "江苏苏州一家酒店12日发生坍塌。", language="zh")
    comparison = compare([a, b], use_dense=False)
    assert "New York" in " ".join(f.why for f in comparison.findings if f.kind == "unique")
    assert "The New York Times" in comparison.sources  # labelled by the name an English reader knows
