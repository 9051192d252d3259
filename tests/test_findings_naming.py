"""comparison.findings.naming: one person named or titled differently."""

from comparison import compare
from tests.comparison_helpers import article


def _framing(text_a, text_b, language="zh"):
    a = article("na", "Outlet A", text_a, language=language)
    b = article("nb", "Outlet B", text_b, language=language)
    return [f for f in compare([a, b], use_dense=False).findings if f.kind == "framing" and f.fact_type == "entity"]


def _titled(text_a, text_b, kind, language="zh"):
    a = article("na", "Outlet A", text_a, language=language)
    b = article("nb", "Outlet B", text_b, language=language)
    return [f for f in compare([a, b], use_dense=False).findings if f.kind == kind and f.fact_type == "entity"]


def test_other_rendering_of_the_same_foreign_name():
    found = _framing("意大利后卫博努奇(Leonardo Bonucci)在第67分钟扳平比分。",
                     "意大利后卫波努奇（Leonardo Bonucci）在第67分钟扳平比分。")
    assert found and "leonardo bonucci" in found[0].why


def test_a_glossed_name_the_recogniser_missed_is_read_back_to_the_sentences_words():
    # A translated name of several words, and an acronym's words (about two characters each, whole
    # words): the characters before the gloss, not a syllable count.
    found = _framing("印尼三佛齊航空（Sriwijaya Air）一架客機9日失聯。", "印尼斯里维加亚航空公司（Sriwijaya Air）一架客机9日失联。")
    # (Each rendering quoted as its outlet writes it: a Traditional report's characters stay.)
    assert found and "sriwijaya air" in found[0].why and "三佛齊航空" in found[0].why
    found = _framing("中国第一季國內生產毛額（GDP）年增18.3%。", "中国第一季度国内生产总值（GDP）同比增长18.3%。")
    assert found and "國內生產毛額" in found[0].why and "国内生产总值" in found[0].why
    # A short and a full form of one name are no other rendering (体育仲裁法庭 in 国际体育仲裁法庭).
    assert not _framing("孙杨被体育仲裁法庭（CAS）禁赛。", "国际体育仲裁法庭（CAS）周二宣布孙杨禁赛。")


def test_other_title_for_the_same_person():
    found = _framing("缅甸国防军总司令敏昂莱在阅兵式上讲话。", "军政府领导人敏昂莱在阅兵式上讲话。")
    assert found and "敏昂莱" in found[0].why


def test_same_title_is_no_difference():
    assert not _framing("海地总统莫伊兹遇刺身亡。", "海地共和国总统莫伊兹遇刺身亡。")


def test_same_head_title_with_other_qualifiers_is_framing():
    found = _framing("反对派领导人纳瓦尔尼在法庭上发言。", "极端分子领导人纳瓦尔尼在法庭上发言。")
    assert found and "纳瓦尔尼" in found[0].why


def test_words_before_a_title_and_places_are_no_other_title():
    # The sentence reaching into the title (由总统) and a place (法国总统) qualify nothing.
    assert not _framing("会议由总统马克龙主持。", "会议由法国总统马克龙主持。")
    assert not _framing("据报道法国总统马克龙出席。", "据悉法国总统马克龙出席。")


def test_a_title_starts_after_the_sentences_de_and_its_words_may_come_in_another_order():
    # 温和派的|前央行行长: the title is what follows 的; 前央行行长 and 央行前行长 say the same.
    assert not _framing("温和派的前央行行长赫马提表示祝贺。", "央行前行长赫马提表示祝贺。")
    found = _framing("温和派的前央行行长赫马提表示祝贺。", "改革派领导人赫马提表示祝贺。")
    assert found and "前央行行长" in found[0].why and "派的" not in found[0].why
    # 对 inside a body's name is no break of the title shown (a reviewer's catch).
    found = _framing("中共中央对外联络部部长刘建超周一会见来宾。", "发言人刘建超周一会见来宾。")
    assert found and "对外联络部部长" in found[0].why


def test_a_title_starts_after_the_sentences_verbs_and_pronouns_and_an_abbreviated_title_is_the_same():
    # 指责|总统普京, 他是|俄罗斯领导人普京, 经|俄罗斯总统普京: the words before belong to the sentence.
    # (领导人 is a generic word for the office 总统 names: no finding. Were 他是 read into the title,
    # its qualifier would be no place, and it would frame.)
    assert _titled("纳瓦尔尼指责总统普京下令毒害他。", "他是俄罗斯领导人普京最著名的批评者。", "precision") == []
    assert _framing("纳瓦尔尼指责总统普京下令毒害他。", "他是俄罗斯领导人普京最著名的批评者。") == []
    # 代理 is part of the office (acting assistant secretary), not a verb of the sentence.
    found = _framing("美国国务院代理助卿茱莉·郑发推文。", "美国外交官员领导人茱莉·郑发推文。")
    assert found and "代理助卿" in found[0].why
    # 外长 abbreviates 外交部长: one title; a deputy's office or another office is no abbreviation.
    assert not _framing("德国外交部长马斯要求释放纳瓦尔尼。", "德国外长马斯要求释放纳瓦尔尼。")
    from comparison.findings.naming import _abbreviates

    assert not any(_abbreviates(a, b) for a, b in (("外长", "外交部副部长"), ("行长", "银行董事长"), ("院长", "医院董事长")))
    # An office's status is part of its title (看守总理 vs 临时总理: framing).
    found = _framing("海地看守总理亨利宣布全国进入紧急状态。", "海地临时总理亨利宣布全国进入紧急状态。")
    assert found and "看守总理" in found[0].why


def test_a_state_institution_named_with_another_loaded_prefix_is_one_framing():
    found = _framing("中共外交部周一表示反对，中共政府将采取措施。", "中国外交部周一表示反对，中国政府将采取措施。")
    prefixed = [f for f in found if "中共外交部" in f.why]
    # One choice of prefix, two institutions: one finding marking both.
    assert len(prefixed) == 1 and "中共政府" in prefixed[0].why
    assert len(prefixed[0].spans) == 4


def test_the_same_prefix_is_no_difference():
    assert not [f for f in _framing("中国外交部周一表示反对。", "中国外交部周一再次表示反对。") if "外交部" in f.why]


def test_an_english_spelling_against_a_chinese_reports_latin_gloss():
    from comparison import compare
    from tests.comparison_helpers import article

    english = article("ne", "Outlet E", "Foreign minister Jonathon Whitcombe condemned the arrests on Monday.")
    chinese = article("nz", "Outlet Z", "外交部长惠特科姆（Jonathan Whitcombe）周一谴责了逮捕行动。", language="zh")
    accents = article("na", "Outlet A", "外交部长惠特科姆（Jonathán Whitcombe）周一谴责了逮捕行动。", language="zh")
    spelled = [f for f in compare([english, chinese], use_dense=False).findings if "spelled" in f.why]
    assert spelled and "Jonathon Whitcombe" in spelled[0].why and "Jonathan Whitcombe" in spelled[0].why
    # Accents alone are a spelling since session 27 (annotators mark them: Moïse / Moise).
    spelled = [f for f in compare([chinese, accents], use_dense=False).findings if "spelled" in f.why]
    assert spelled and "Jonathán Whitcombe" in spelled[0].why and "Jonathan Whitcombe" in spelled[0].why


def test_offices_of_government_and_party_are_titles():
    """厅长, 书记, 常委: a person introduced by another office is framed otherwise (invented names)."""
    found = _framing("欧盟制裁了该省公安厅厅长张明德。", "欧盟制裁了该省党委常委张明德。")
    assert found and "张明德" in found[0].why


def test_a_title_joined_to_the_name_by_de_is_a_title():
    found = _framing("欧盟制裁了曾任人大常委会副主任的朱海仑。", "欧盟制裁了前新疆政法委书记朱海仑。")
    [f] = [f for f in found if "introduced as" in f.why]
    assert f.why.startswith("朱海仑 introduced as") and "副主任" in f.why and "政法委书记" in f.why


def test_british_and_american_spelling_is_no_other_name():
    found = _framing("Ships passed through the Internationally Recognised Transit Corridor on Thursday.",
                     "Ships passed through the Internationally Recognized Transit Corridor on Thursday.", "en")
    assert not [f for f in found if "spelled" in f.why]
    found = _framing("Ilias Vrettakos, 35, died in the fire.", "Elias Vrettakos, 35, died in the fire.", "en")
    assert [f for f in found if "spelled" in f.why]


def test_a_verb_phrase_before_de_is_no_title_and_chinese_names_are_no_renderings():
    found = _framing("欧盟制裁了批评市长的张明德。", "欧盟制裁了该省党委常委张明德。")
    assert not [f for f in found if "introduced as" in f.why and "批评" in f.why]
    found = _framing("警方逮捕了嫌疑人王立军。", "警方逮捕了嫌疑人王丽君。")
    assert not [f for f in found if "rendered" in f.why]


def test_a_title_read_from_inside_a_word_or_after_an_inclusion_word_is_the_same_title():
    found = _framing("美国制裁了多名官员，其中就包括总司令敏昂莱。", "美国制裁了多名官员，包括缅甸武装部队总司令敏昂莱。")
    assert not [f for f in found if "introduced as" in f.why]


def test_a_title_is_not_read_from_inside_a_word():
    """The six characters read before 总司令 start inside 叙利亚: the title keeps none of it."""
    found = _framing("欧盟制裁了叙利亚武装部队总司令哈桑。", "欧盟制裁了该国军政府领导人哈桑。")
    [f] = [f for f in found if "introduced as" in f.why]
    assert "武装部队总司令" in f.why and "利亚" not in f.why and "亚武装" not in f.why


def test_one_name_in_two_scripts_is_no_naming_difference():
    from dataclasses import replace

    cna = replace(article("t", "中央社", "中國外交部發言人林劍週一表示，習近平將出訪。", "林劍說，雙方會談順利。",
                          language="zh"), script="Hant")
    gt = article("s", "环球时报", "中国外交部发言人林剑周一表示，习近平将出访。", "林剑说，双方会谈顺利。", language="zh")
    assert compare([cna, gt], use_dense=False).naming == []
    # A naming choice beside the script is still one, its names as each outlet writes them.
    cna = replace(article("t", "中央社", "美國總統喬·拜登週一表示將出訪。", language="zh"), script="Hant")
    xinhua = article("x", "新华社", "美国总统拜登周一表示将出访。", language="zh")
    naming = compare([cna, xinhua], use_dense=False).naming
    assert naming and naming[0]["names"] == {"中央社": ["喬·拜登"], "新华社": ["拜登"]}


def _naming(text_a, text_b):
    a, b = article("na", "Outlet A", text_a), article("nb", "Outlet B", text_b)
    return compare([a, b], use_dense=False).naming


def test_a_descriptor_after_a_verb_is_no_name_of_the_body_before_the_verb():
    # 呼吁某国政府倾听示威者: the government is asked to listen to the protesters; the naming
    # table listed the government as named 示威者 / 抗议者 (a descriptor within three characters).
    for body in ("古巴政府", "委内瑞拉政府", "联合国"):
        rows = _naming(f"欧盟呼吁{body}倾听示威者的诉求。示威者周日上街。",
                       f"欧盟呼吁{body}倾听抗议者的诉求。抗议者周日上街。")
        assert rows == [], body


def test_a_descriptor_right_after_its_actor_or_its_de_is_that_actors_name():
    rows = _naming("塔利班武装分子周日控制了该地区。", "塔利班的激进分子周日控制了该地区。")
    assert rows == [{"actor": "塔利班", "names": {"Outlet A": ["武装分子"], "Outlet B": ["激进分子"]}}]


def test_only_a_space_de_zhi_or_a_possessive_joins_a_name_to_its_descriptor():
    from comparison.findings.naming import _owns

    assert all(_owns(gap) for gap in ("", " ", "的", "之", "'s ", "’s ", "' "))
    assert not any(_owns(gap) for gap in ("打压", "倾听", "、", "，", "和", " and ", "“"))


def test_a_bare_family_name_does_not_join_two_people_of_that_family():
    # 卡斯特罗 may be either brother: the naming table listed 劳尔·卡斯特罗 as a name of
    # 菲德尔·卡斯特罗 through it. (Made-up names.)
    rows = _naming("安娜·科瓦尔周一说，伊万·科瓦尔将出席会议。科瓦尔随后离开。",
                   "伊万·科瓦尔周一出席了会议。")
    assert not [r for r in rows if any("安娜·科瓦尔" in n and "伊万·科瓦尔" in n
                                       for n in (", ".join(v) for v in r["names"].values()))]
    assert not [r for r in rows if {"安娜·科瓦尔", "伊万·科瓦尔"} <= {n for v in r["names"].values() for n in v}]


def test_a_title_never_starts_inside_another_persons_name():
    # 司长李家明|和保安局局长王立强: the title window ran into 李家明's last character and 和; the
    # title of 王立强 is 保安局局长 (made-up names).
    found = _framing("新任保安局长王立强称，这是一起袭击事件。", "政务司司长李家明和保安局局长王立强也谴责袭警行为。")
    whys = " ".join(f.why for f in found)
    assert found and "明和" not in whys and "和保安局" not in whys, whys
    assert "保安局局长" in whys


def test_titles_read_each_articles_names_a_bounded_number_of_times():
    # Second review: each titled name scanned every entity of its article for a name ending in
    # its title window (quadratic in an article's names); now one sorted list per article.
    from comparison.docs import build_docs
    from comparison.findings import naming

    class Counting(list):
        reads = 0

        def __iter__(self):
            Counting.reads += 1
            return super().__iter__()

    text = "".join(f"局长{s}{g}说，" for s in "王李张刘陈杨黄赵" for g in ("明华", "建国", "立强", "志伟", "海涛")) + "。"
    docs = build_docs([article("a", "A", text, language="zh")])
    docs[0].facts.entities = Counting(docs[0].facts.entities)
    naming._titles(docs)
    assert Counting.reads <= 5, Counting.reads
