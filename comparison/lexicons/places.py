"""Place levels and compass directions, Chinese and English.

Source: the administrative hierarchy words of both languages (国/省/州/市/县/区/
村; country/province/state/city/town/district/village) and the eight compass
points. A place is kept at its level so "a city" and "its province" are
compared as more and less precise, not as different places.
"""

from __future__ import annotations

LEVELS = ("continent", "country", "province", "city", "district", "village", "site")
# level suffix -> level (matched at the end of a place name or generic place noun)
LEVEL_SUFFIX_ZH = {"国": "country", "省": "province", "州": "province", "邦": "province", "首都": "city",
                   "省会": "city", "首府": "city", "市": "city", "城": "city", "镇": "city", "县": "district",
                   "区": "district", "乡": "village", "村": "village"}
LEVEL_WORDS_EN = {"country": "country", "nation": "country", "province": "province", "state": "province",
                  "region": "province", "capital": "city", "city": "city", "town": "city",
                  "district": "district", "county": "district", "village": "village"}
# Endings of English adjectives of peoples and nations (Lebanese, Jewish, Ethiopian: Quirk et al.
# App. I.44, "nationality words"): a capitalized word so ending that the gazetteer does not know is
# an adjective, no place's name, before a level word ("the Jewish state", "the Lebanese capital")
# or after a preposition ("in Ethiopian airspace"). Not -an, -ic, -ean: place names end so too
# (Sudan, the Pacific, the Mediterranean).
ADJECTIVE_OF_PEOPLE_ENDINGS_EN = ("ese", "ish", "ian")
# Generic place nouns (no name): "a north-western city", 一座城市.
GENERIC_PLACES_ZH = {"城市": "city", "首都": "city", "省会": "city", "首府": "city", "小镇": "city",
                     "村庄": "village", "地区": "district", "省份": "province"}
# Generic nouns that are a place only after a measure word or demonstrative (一个地区, 该地区, 7个
# 地区中); bare, 地区 is "area" or a modifier (地区组织 a local group, 受影响地区 affected areas).
DETERMINED_GENERIC_PLACES_ZH = {"地区": ("个", "该", "此", "这", "那", "本")}
GENERIC_PLACES_EN = {"city": "city", "capital": "city", "provincial capital": "city", "town": "city",
                     "village": "village", "province": "province", "region": "province", "district": "district"}
# Generic places that pick out one place by what they mean (a country has one capital, a
# province one capital): "the provincial capital" says which city, "a north-western city" does not.
UNIQUE_GENERIC_PLACES = ("capital", "provincial capital", "首都", "省会", "首府")
# direction -> bearing in degrees
DIRECTIONS_ZH = {"东北": 45, "西北": 315, "东南": 135, "西南": 225, "北": 0, "东": 90, "南": 180, "西": 270}
DIRECTIONS_EN = {"north-east": 45, "northeast": 45, "north-west": 315, "northwest": 315,
                 "south-east": 135, "southeast": 135, "south-west": 225, "southwest": 225,
                 "north": 0, "east": 90, "south": 180, "west": 270,
                 "northern": 0, "eastern": 90, "southern": 180, "western": 270,
                 "north-western": 315, "north-eastern": 45, "northeastern": 45,
                 "south-western": 225, "southwestern": 225, "south-eastern": 135, "southeastern": 135}

# Words that make a place name a part of the place it names (Upper Kohistan inside Kohistan,
# North Waziristan inside Waziristan): a gloss that is another outlet's gloss plus one of them
# names a narrower area (comparison/findings/broader_places.py).
PART_OF_PLACE_WORDS_EN = ("upper", "lower", "north", "south", "east", "west", "northern", "southern", "eastern",
                          "western", "central", "greater", "inner", "outer")
# Levels below a country: only such names are compared as broader and narrower (苏丹 and 南苏丹
# are two countries).
SUBNATIONAL_SUFFIXES_ZH = ("省", "州", "邦", "市", "镇", "县", "区", "地区", "乡", "村")


# Prepositions of place (在安曼说, 于安曼表示, 从安曼向记者表示): a name the segmenter reads right
# after one of them (tagged a preposition) and right before a verb of speech, or the 对/向 of its
# listener, is where the voice spoke: a place, whatever the name recogniser tagged it (it reads
# transliterated names by their characters, and a name before 说 as a speaker). Grammar, not a
# list of places: 《现代汉语八百词》 在, 于, 从 (介词: 处所).
LOCATIVE_PREPOSITIONS_ZH = ("在", "于", "从")
# Words ending in 在 where it is no preposition of place (正在 progressive, 现在 now, 存在 exist, 所在
# where, 实在 really, 好在 luckily): 正在访问安曼的萨法迪说 has no 在-phrase after a speaker "正".
NOT_LOCATIVE_ZAI_ZH = ("正在", "现在", "存在", "所在", "实在", "好在")
# Words that introduce the listener between a place and the verb of speech (在安曼对记者说).
LISTENER_PREPOSITIONS_ZH = ("对", "向")
# Words closing a clause opened by 在 as a time frame, not a place (在拜登说这番话时, 在萨法迪说完
# 之后): the name after 在 is then a person, the clause says when.
TIME_FRAME_ENDS_ZH = ("时", "后", "之后", "以后", "之前", "以前", "之际", "期间", "的时候", "同时")


# Words that make a figure a count for a whole area (comparison.subjects.part_and_whole): 全 with a
# level word (全省, the whole province), at that level; English "across the state", "statewide".
# (Not 全州, also a county's name; not 全国 of the national bodies 全国人大, 全国政协.)
AREA_TOTALS_ZH = {"全国": "country", "全省": "province", "全市": "city", "全县": "district", "全区": "district",
                  "全镇": "village", "全乡": "village", "全村": "village"}
AREA_TOTAL_NOT_BEFORE_ZH = ("人大", "政协", "场")  # 全国人大, 全国政协, 全市场 (the whole market)
AREA_TOTALS_EN = {"across the country": "country", "across the nation": "country", "nationwide": "country",
                  "countrywide": "country", "across the state": "province", "statewide": "province",
                  "state-wide": "province", "across the province": "province", "province-wide": "province",
                  "provincewide": "province", "across the county": "district", "countywide": "district",
                  "county-wide": "district", "across the city": "city", "citywide": "city", "city-wide": "city"}
# Adverbs of a total of no level (共, 总计, 累计; "in total", "altogether"): the whole the story
# counts. Chinese: the group-total words (lexicons.categories.GROUP_TOTAL_ZH) and 累计 (to date).
TOTAL_ADVERBS_EXTRA_ZH = ("累计",)
TOTAL_ADVERBS_EN = ("in total", "a total of", "altogether", "in all,", "overall,")
# China's fourth administrative level (乡级行政区: towns 镇, townships 乡, subdistricts 街道): below
# a county, whatever LEVEL_SUFFIX_ZH calls a town for its English peer ("town": city).
TOWNSHIP_SUFFIXES_ZH = ("镇", "乡", "街道")
# Words that refer back to a place of one level named before (该市 "the said city", 本省 "this
# province": the demonstrative 该 or 本 before a level word), with that level: a figure's clause
# holding one counts for the last place of that level named before it (comparison.docs._referred_place).
# Not 当地 ("locally"): it refers to no one level.
PLACE_REFERENCES_ZH = {"该省": "province", "本省": "province", "该市": "city", "本市": "city", "该县": "district",
                       "本县": "district", "该区": "district", "该镇": "village", "该乡": "village", "该村": "village"}
# Nouns of a happening (the disaster types of EM-DAT: earthquake, storm, flood, landslide, fire,
# explosion, collapse): a place written just before one (云南某县6.4级地震致3人死亡, "the Riverton
# floods killed 12") says where the happening was, not the area a figure counts
# (comparison.docs._PlaceIndex). Chinese: after at most three words of HAPPENING_GAP_WORDS_ZH and a
# magnitude or a number of times (某县发生15次地震, 某省遭遇持续强降雨), nothing else between.
HAPPENING_NOUNS_ZH = ("地震", "强震", "余震", "暴雨", "降雨", "大雨", "洪水", "洪灾", "水灾", "内涝", "台风", "风暴",
                      "滑坡", "泥石流", "土石流", "山火", "火灾", "大火", "爆炸", "坍塌", "倒塌", "事故")
# Nouns of an episode or a group whose inside the localizer 中 names ("during", "among": 行动中, 这些人中,
# 遇难者中), beside the happening nouns and the kinds of timed happening (袭击, 冲突: lexicons.categories.
# TIMED_HAPPENINGS): before 中共 they make it 中 + the total 共 (此次行动中|共抓获12人, 这些人中|共有5人),
# not the party's name (comparison.docs.localizer_zhong_gong). People by the last character of their noun.
EPISODE_NOUNS_ZH = ("行动", "过程", "事件", "活动", "比赛", "救援", "搜救", "冲突", "战斗", "疫情", "车祸", "空难",
                    "灾害", "灾难", "骚乱")
PEOPLE_NOUN_ENDINGS_ZH = ("人", "者", "员")
HAPPENING_NOUNS_EN = ("earthquake", "quake", "floods", "flood", "flooding", "storm", "storms", "hurricane",
                      "typhoon", "landslide", "mudslide", "fire", "wildfire", "blast", "explosion", "collapse")
# What may stand between a place and its happening: verbs of occurring and modifiers of the happening.
# Any other word makes the happening a circumstance of the clause, the place still its area (某县紧急转移
# 受暴雨影响群众8000人, 某县在暴雨中有3人遇难: the county's counts; a window of any 10 characters read
# them as the place of the rain).
# Verbs of occurring (发生, 遭遇, 遭: a happening befalls a place or body), read here and by the dating
# of an earlier happening (comparison.subjects: 某医院4月曾遭大火 dates its clause's toll to April).
OCCURRING_VERBS_ZH = ("发生", "遭遇", "遭受", "遭到", "遭", "突发", "出现", "爆发")
HAPPENING_GAP_WORDS_ZH = (*OCCURRING_VERBS_ZH, "再次", "再度", "又", "持续", "特大", "重大",
                          "严重", "强烈", "强", "短时", "一场", "一次", "一起", "这场", "此次", "的")
