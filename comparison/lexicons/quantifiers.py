"""Vague quantifiers (approximators and vague number words), Chinese and English.

Source: the standard inventories of approximators in grammars (Quirk et al., *A
Comprehensive Grammar of the English Language*, 10.33-10.35 on "about", "some",
"nearly", "more than", "up to"; 刘月华 等《实用现代汉语语法》on 约/近/多/余/左右/
以上/上下 and 数/几 numerals). The ranges are the conventional readings (数百 =
"several hundred" = 200-999), not fitted to any story.
"""

from __future__ import annotations

import math

# qualifier -> direction: about (±10%), under (85%-100%), over (100%-200%),
# upto (80%-100%), more ("一千多": the next place value), emphatic (the value itself, stressed as
# large: no bound and no vaguer reading). 高达 "reach as high as", 多达 "number as many as" and the
# suffix 之多 state the figure reached and weigh it as large (《现代汉语八百词》, 《现代汉语词典》 高达/
# 多达: 死亡人数高达50人 is a toll of 50), unlike 最多 "at most", an upper bound. (English "as many
# as", "up to" keep upto: in English news they often give the top of an estimate.)
PREFIX_ZH = {
    "约有": "about", "约在": "about", "大约": "about", "大概": "about", "约": "about", "估计": "about", "大约有": "about",
    "将近": "under", "接近": "under", "近": "under", "不到": "under", "不足": "under",
    "至少有": "over", "超过": "over", "逾": "over", "至少": "over", "最少": "over", "多于": "over",
    "不少于": "over", "不低于": "over",  # "no fewer than", "no lower than": lower bounds as 至少 is
    "突破": "over",  # 突破100万亿 (passed 100 trillion); before a small count it is the verb (突破3道防线)
    "多达": "emphatic", "高达": "emphatic", "最多": "upto",
}
# Words of an estimate (估计, 估算, 预计, 据估计; 约, 大约) right before an emphatic qualifier: the
# figure stays an estimate, its top ("as many as", 估计高达3000人: read as 最多 is, "upto", as English
# "as many as" is read), not the value itself (comparison.numbers._build_quantity).
ESTIMATE_BEFORE_EMPHATIC_ZH = ("据估计", "估计", "估算", "预计", "大约", "约")
# Characters before a one-character qualifier that make it the end of another word (附近 "nearby",
# 最近 "recently", 签约 "sign", 节约 "save", 纽约 New York): 附近多位居民 is "several residents nearby", not
# "nearly". (逼近, 贴近 "approaching" keep their "nearly", as 接近 does.)
PREFIX_WORD_ENDS_ZH = {"近": "附最靠临邻亲远就晚", "约": "预节签制契邀相隐婚公条合纽续违解履缔毁租"}
# A qualifier read only before a figure of at least this size (突破 is "passed" before a total,
# "broke through" before a count of things).
LARGE_FIGURE_QUALIFIERS_ZH = {"突破": 100}
SUFFIX_ZH = {"以上": "over", "之多": "emphatic", "左右": "about", "上下": "about", "以下": "under",
             "余": "more", "多": "more"}
# Vague number words with no digits: (low, high).
VAGUE_WORDS_ZH = {
    "成百上千": (100, 9_999), "成千上万": (1_000, 99_999), "数以千计": (1_000, 9_999),
    "数以百计": (100, 999), "数以万计": (10_000, 99_999), "数以十万计": (100_000, 999_999),
    "数以百万计": (1_000_000, 9_999_999), "数以千万计": (10_000_000, 99_999_999),
    "数以亿计": (100_000_000, 999_999_999),
    "数十万": (200_000, 999_999), "数百万": (2_000_000, 9_999_999),
    "数十": (20, 99), "数百": (200, 999), "数千": (2_000, 9_999), "数万": (20_000, 99_999),
    "几十万": (200_000, 999_999), "几十": (20, 99), "几百": (200, 999), "几千": (2_000, 9_999),
    "几万": (20_000, 99_999), "上百": (100, 999), "上千": (1_000, 9_999), "上万": (10_000, 99_999),
    "十几": (11, 19), "十多": (11, 19), "几": (2, 9),
    # numeral-like 数 and 多 before a measure word for people. 数名 is "several", a few (2-9);
    # 多名/多人 and 若干名 are "more than one" with no bound above (news writes 多名 of a
    # hundred arrests as of three): against a figure of any size they are the vaguer reading.
    "数": (2, 9), "多": (2, math.inf), "若干": (2, math.inf),
}
# Unquantified quantifiers: "an unspecified number, more than one" of what follows, with no
# numeral (the inventories of indefinite quantifiers in the grammars: Quirk et al. 5.24-5.26 on
# "many", "a lot of", "a number of", "numerous", "some" before a plural noun; 刘月华 等《实用现代
# 汉语语法》and《现代汉语八百词》on 许多/很多/不少/一些/若干/部分 and the collective 大批/大量/众多/
# 一批). They name no figure, only "more than one": read as UNQUANTIFIED_RANGE, as 多名 is (the
# vaguer reading against any count), and only before a noun of people or buildings the category
# lexicon counts (comparison.lexicons.categories.UNQUANTIFIED_FAMILIES, GENERIC_PEOPLE): 许多国家,
# 一些专家认为, "many times", "some say" give no figure. Such a figure is never a contradiction,
# never a fact of its own ("only A reports many protesters"), and two of them are no finding.
# 好多 is the spoken 很多 (《现代汉语八百词》 好 as an adverb of degree before 多, 少: 好多人).
UNQUANTIFIED_ZH = ("许多", "很多", "好多", "大批", "大量", "众多", "不少", "一些", "部分", "一批", "若干")
UNQUANTIFIED_EN = ("a large number of", "a number of", "a lot of", "lots of", "numerous", "countless", "many",
                   "some")
UNQUANTIFIED_RANGE = (2, math.inf)
# Words before the quantifier that make it another word or no count: 大部分/绝大部分 (most: a
# share), 不很多 / "not many" (few), "how many" (a question), 不少于 is a qualifier (PREFIX_ZH).
# Quantifiers that count only people: before a thing, 部分 is "a part of it" (部分建筑倒塌: part of
# the building fell), not "some of them" (部分示威者).
UNQUANTIFIED_PEOPLE_ONLY_ZH = ("部分",)
# 第一批 (the first batch: an ordinal), 多一些/少一些/好一些 (a bit more, fewer, better: a comparative).
# "as many protesters as" compares.
UNQUANTIFIED_NOT_AFTER_ZH = ("大", "没有", "没", "不", "并非", "第", "多", "少", "好")
UNQUANTIFIED_NOT_AFTER_EN = ("how", "not", "as")
# A quantifier before a unit of time or of times is no count of what follows the time phrase
# (许多年来人们…, 很多年前居民…, 许多次警察…: "for many years people…", "many times", not
# "many people"): a duration measure with a word making it a time phrase (来, 前, 后, 以来, 里),
# or a measure of times. English needs none: its noun phrase ends at the first plural noun it does
# not count (numbers_en.unquantified_en: "in some cases police", "for many years people").
UNQUANTIFIED_TIME_AFTER_ZH = ("年", "天", "日", "个月", "月", "小时", "星期", "周")
UNQUANTIFIED_TIME_ENDS_ZH = ("以来", "以前", "以后", "之前", "之后", "来", "前", "后", "里", "间", "中")
UNQUANTIFIED_TIMES_ZH = ("次", "回", "遍", "倍")

# A few, said in words only: the vague numerals of "more than one, a few" before a measure word for
# people (数名, 多人, 若干名, 几位) and "several", "a few", "a handful". Like an unquantified
# quantifier, such a count with no figure beside it is no fact of its own ("only A reports
# several protesters": numbers.names_no_figure); against another outlet's count it is compared.
FEW_WORDS_ZH = ("数", "多", "若干", "几")
FEW_WORDS_EN = ("several", "a few", "a handful", "a handful of")

# Vague numerals that count only before a counting measure word (数名, 多位, 多人, 若干名; 多间房屋,
# 数辆汽车, 多艘渔船, 若干处: lexicons.units.COUNT_MEASURES_ZH); before a measure of time or of times
# they are no count (多年, 多次, 数次, 若干年, 数倍 are "for years", "repeatedly", "some years",
# "several-fold"), nor before 国 (多国部队, 多国联合: "multinational", a modifier).
COUNT_ONLY_VAGUE_ZH = ("数", "多", "若干")
FEW_WORDS_NOT_BEFORE_ZH = (*UNQUANTIFIED_TIMES_ZH, *UNQUANTIFIED_TIME_AFTER_ZH, "轮", "国")
# The measure words after which 数/多/若干 make a count: those of people (名, 位, 人), buildings
# (间, 座, 栋, 幢, 所) and craft (辆, 艘, 架), the things a report of damage or casualties counts.
# Before the general classifier 个 and before 家 or 具 a vague numeral mostly opens a topic
# (多个省份, 多家媒体报道, 多个官员): on the development comparisons each such reading gave a
# false finding (session 41), so they stay no count.
FEW_WORD_MEASURES_ZH = ("名", "位", "人", "间", "座", "栋", "幢", "所", "辆", "艘", "架")

PREFIX_EN = {
    "about": "about", "around": "about", "some": "about", "roughly": "about", "approximately": "about",
    "an estimated": "about", "estimated": "about", "estimated at": "about", "approx.": "about", "close to": "under",
    "nearly": "under", "almost": "under", "fewer than": "under", "less than": "under", "under": "under",
    "just under": "under", "more than": "over", "over": "over", "at least": "over", "upwards of": "over",
    "in excess of": "over", "no fewer than": "over", "no less than": "over", "not less than": "over",
    "up to": "upto", "as many as": "upto", "at most": "upto",
}
SUFFIX_EN = {"or more": "over", "or so": "about", "plus": "over"}
# Words after which "over" is a preposition, not the qualifier "more than" (Quirk et al. 9.21 on
# "over" of position and movement, 9.50 on its topic sense): verbs of moving or hanging above a
# place ("jets flew over 30 villages", "smoke hung over 5 districts"), of ruling it ("presided over 3
# meetings"), and nouns of a dispute, a worry or a win, whose "over" names what it is about
# ("a row over 200 jobs", "fears over 2 million doses", "a victory over 3 rivals"), and weather hanging
# over a place ("storms over 3 states"). The figure after them is a plain count. Lower case;
# the word right before "over". Left out: verbs whose "over" before a figure is as often "more
# than" (fell, rose, soared, jumped, climbed, passed, fired, dropped: "shares fell over 20%", "fired over 100
# rockets"; watched: "watched over 2 million times"), and "lead" ("a lead of over 3 points"). Read
# only before a count or a sum: before a measure (a unit, a share) "over" is "more than" whatever
# the word before ("flew over 500 km", "rained over 100 mm").
OVER_AS_PREPOSITION_AFTER_EN = frozenset("""
fly flies flew flown flying hover hovers hovered hovering circle circles circled circling
rain rained raining hang hangs hung hanging loom looms loomed looming tower towers towered
sweep swept sweeping spread spreading
preside presides presided presiding rule rules ruled ruling reign reigned
dispute disputes row rows clash clashes clashed fight fights fighting fought battle battles battled feud
quarrel spat standoff tension tensions talks negotiations debate debates argument arguments concern
concerns fears worries anger outrage protest protests uproar controversy victory victories
advantage control sovereignty jurisdiction authority storm storms cloud clouds smoke haze
""".split())
# English verbs of change (all forms; lower case): the thing changed is before them, the change or
# the new level after ("sales rose by 2m", "the river fell 3m": numbers_en reads the "m" of a bare
# figure after them by the thing changed, lexicons.units.LEVEL_NOUNS_EN).
CHANGE_VERBS_EN = frozenset("""
rise rises rose risen rising fall falls fell fallen falling grow grows grew grown growing
drop drops dropped dropping climb climbs climbed climbing increase increases increased increasing
decrease decreases decreased decreasing jump jumps jumped jumping surge surges surged surging
soar soars soared soaring plunge plunges plunged plunging decline declines declined declining
shrink shrank shrunk shrinking swell swells swelled swollen swelling slump slumps slumped
sink sinks sank sunk sinking recede recedes receded receding
""".split())
# Vague number phrases (lower-case): (low, high).
# "several" is "more than two but not many" (Quirk et al. 5.25): up to ten, a reading news keeps
# ("several people were killed" of ten); twelve or twenty is another value. (Session 40 tried
# widening every vague word's bounds by a quarter instead: on the development comparisons that
# made 数十 (20-99) compatible with 114 and 18, four false findings and one contradiction lost.)
VAGUE_WORDS_EN = {
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "several hundred": (200, 999), "a few hundred": (200, 500), "several thousand": (2_000, 9_999),
    "a few thousand": (2_000, 5_000), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "dozens": (24, 99), "scores": (40, 99), "a dozen": (12, 12), "half a dozen": (6, 6), "several dozen": (24, 99),
    "a handful": (3, 6), "several": (3, 10), "a few": (2, 5), "millions": (2_000_000, 9_999_999),
}

# Words that open a part of the count just named ("13 killed, including nine Chinese";
# 造成13人死亡，其中包括九名中国公民): the part is a count of the same event. Standard
# partitive markers (Quirk et al. 17.66 on "including", "among them"; 其中 as the partitive
# pronoun in 刘月华 等).
PARTITIVE_ZH = ("其中", "当中", "包括", "包含")
PARTITIVE_EN = ("including", "among them", "among whom", "of whom", "of them")
# Adverbs of the whole group opening the clause after a count (机上有45人，全部遇难; 车上有12人，均已获救):
# what befell every one of them, so the count is the toll (《现代汉语八百词》 全部, 均, 都). 都 alone is
# left out: it opens names too (都柏林, 都江堰).
WHOLE_GROUP_ADVERBS_ZH = ("全部", "全数", "全都", "全员", "悉数", "尽数", "无一", "均", "皆")
# Words that add a count to the one just named, no part of it ("40 held (another 12 hurt)";
# 30人死亡（另有12人受伤）): inside a bracket after a count they make it no breakdown
# (subjects.in_bracketed_breakdown), and the count is compared as any other.
ADDITIVE_ZH = ("另有", "另外", "此外", "还有", "以及", "外加", "另")
ADDITIVE_EN = ("another", "other", "plus", "besides", "also", "while", "and")
# A Chinese frame naming the parts before their whole: 包括30男5女在内的35人 (the 35, the 30 men
# and 5 women among them). The figures inside the frame are parts (《现代汉语八百词》 包括).
INCLUSIVE_FRAME_ZH = ("包括", "在内")
# Capitalized nouns whose number names one thing (a road, a flight, a clause of a law, the
# numero sign): "Interstate 80", "Flight 212", "Section 12", "the No. 3 seed". The number is an
# identifier, no figure (general news style: AP Stylebook "highway designations", "No.").
NUMBERED_NAMES_EN = ("Interstate", "Highway", "Route", "Motorway", "Flight", "Article", "Section",
                     "Chapter", "Clause", "Resolution", "Proposition", "Gate", "Terminal", "Platform",
                     "Pier", "Room", "Channel", "No.")
# Ordinal words that make a count the opening or closing run of a series ("her first 12 serves",
# "the last three victims"): a part of a total the sentence does not give, compared only with
# another such run (Quirk et al. 5.23 on ordinals before a cardinal).
SERIES_PART_EN = ("first", "last", "final", "opening", "closing")

# Simple fractions of a whole, read as shares (percent): a general lexicon of how news writes a
# share in words. The written fraction -> its share; Chinese N分之M is read by rule (numbers.py).
FRACTIONS_EN = {
    "half": 50.0, "a half": 50.0, "one half": 50.0,
    "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3, "two thirds": 200 / 3, "two-thirds": 200 / 3,
    "a quarter": 25.0, "one quarter": 25.0, "one-quarter": 25.0, "three quarters": 75.0, "three-quarters": 75.0,
    "a fifth": 20.0, "one fifth": 20.0, "one-fifth": 20.0, "two fifths": 40.0, "two-fifths": 40.0,
    "three fifths": 60.0, "three-fifths": 60.0, "four fifths": 80.0, "four-fifths": 80.0,
}
FRACTION_WORDS_ZH = {"一半": 50.0, "半数": 50.0}


# Verbs of change before a share (上涨500%至900%: a rise of 500 to 900 percent, one span). After
# one, "A%至B%" is a range unless the sentence gives a start (从, 由: 从5%上涨至7%) or the thing
# changed is a rate (失业率下降0.3%至5.8%: by 0.3 to a level of 5.8) (comparison.numbers).
CHANGE_VERBS_ZH = ("上涨", "上升", "增长", "增加", "提高", "下降", "下跌", "减少", "降低", "飙升", "暴涨", "暴跌",
                   "涨", "跌", "升", "降", "增", "减")
# The direction of each verb of change (up or down): a rise of 1.1% is no fall of 1.1%.
CHANGE_DOWN_ZH = ("下降", "下跌", "减少", "降低", "暴跌", "跌", "降", "减")
# Words of the basis of a change written between the thing changed and its verb (猪肉价格同比下降,
# 物价指数年涨, 与去年同期相比下跌): no part of the thing changed. Longest first where read.
# Adverbs of degree and continuation between the thing changed and its verb (猪肉价格大幅下降, 继续上涨):
# no part of the thing either.
CHANGE_ADVERBS_ZH = ("大幅", "小幅", "明显", "略有", "略", "继续", "持续", "进一步", "分别", "均", "也", "亦", "再度")
CHANGE_BASES_ZH = ("与去年同期相比", "比去年同期", "较去年同期", "与上月相比", "比上月", "较上月", "同比", "环比", "年", "月")
# The basis each of them names: a year before (同比: year on year) or a month before (环比: month on
# month). Two changes of one thing on other bases are other facts (subjects.same_change).
CHANGE_BASES_YEAR_ZH = ("与去年同期相比", "比去年同期", "较去年同期", "同比")
CHANGE_BASES_MONTH_ZH = ("与上月相比", "比上月", "较上月", "环比")
CHANGE_START_MARKS_ZH = ("从", "由")
RATE_SUFFIX_ZH = "率"
# Restrictive modifiers that make a thing changed another thing than the one they modify (核心CPI is
# not CPI, 其他用品及服务 not 用品及服务, 非食品价格 not 食品价格: 《现代汉语八百词》 on 其他, 其余; 非
# as a negating prefix): a share of change of a thing they qualify meets, for the sentence
# alignment, only a share of a thing they qualify alike (subjects.thing_qualifiers). The
# one-character prefix counts only opening the thing or after 的 (非洲, 南非: no qualifier).
THING_QUALIFIERS_ZH = ("核心", "其他", "其它", "其余")
# The official indices the statistics press names by an acronym, with the Chinese names they go by
# (国家统计局 居民消费价格指数, 工业生产者出厂价格指数, 国内生产总值, 采购经理指数; Taiwan's and Hong Kong's
# 消费者物价指数, 生产者物价指数): one thing however written (subjects.changed_thing_key). Longest
# name read first; a place or 全国 before the name is read past (the name ends the thing).
CHANGED_THING_NAMES_ZH = {
    "cpi": ("居民消费价格指数", "消费者物价指数", "消费者价格指数", "消费价格指数", "居民消费价格", "消费者物价"),
    "ppi": ("工业生产者出厂价格指数", "工业生产者出厂价格", "生产者物价指数", "生产者价格指数", "工业品出厂价格"),
    "gdp": ("国内生产总值",),
    "pmi": ("采购经理人指数", "采购经理指数"),
}
# Head nouns that make a thing changed a named price or index (食品价格, 猪肉价格, 房价指数): a share of
# change of one is another fact than one of another named thing (subjects.different_changed_things).
# Other readings of the thing changed (a verb read as it, 转为下降) tell nothing apart.
NAMED_THING_HEADS_ZH = ("价格", "物价", "指数", "房价", "油价")
# English names of the same indices ("consumer prices", "the consumer price index", "producer
# prices") and the head nouns of a named price or index ("food prices", "pork prices"): the words
# right before a verb of change (CHANGE_VERBS_EN) name the thing changed.
CHANGED_THING_NAMES_EN = {
    "cpi": ("consumer price index", "consumer prices", "consumer price inflation", "cpi"),
    "ppi": ("producer price index", "producer prices", "factory-gate prices", "ppi"),
    "gdp": ("gross domestic product", "gdp"),
    "pmi": ("purchasing managers' index", "purchasing managers index", "pmi"),
}
NAMED_THING_HEADS_EN = ("prices", "price index")
THING_QUALIFIER_PREFIXES_ZH = ("非",)
