"""Place levels and compass directions, Chinese and English.

Source: the administrative hierarchy words of both languages (国/省/州/市/县/区/
村; country/province/state/city/town/district/village) and the eight compass
points. A place is kept at its level so "a city" and "its province" are
compared as more and less precise, not as different places.
"""

from __future__ import annotations

LEVELS = ("country", "province", "city", "district", "village", "site")
# level suffix -> level (matched at the end of a place name or generic place noun)
LEVEL_SUFFIX_ZH = {"国": "country", "省": "province", "州": "province", "邦": "province", "首都": "city",
                   "省会": "city", "首府": "city", "市": "city", "城": "city", "镇": "city", "县": "district",
                   "区": "district", "乡": "village", "村": "village"}
LEVEL_WORDS_EN = {"country": "country", "nation": "country", "province": "province", "state": "province",
                  "region": "province", "capital": "city", "city": "city", "town": "city",
                  "district": "district", "county": "district", "village": "village"}
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
