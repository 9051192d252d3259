"""Units of measure, their dimension and their factor to the dimension's base unit.

Source: SI and the international yard and pound (1959): 1 mile = 1,609.344 m,
1 foot = 0.3048 m, 1 pound = 0.45359237 kg (NIST SP 811, appendix B); Chinese
market units from the 1984 PRC measurement order (1 里 = 500 m, 1 斤 = 0.5 kg,
1 亩 = 666.67 m^2). Currencies are their own dimensions (no exchange rates: an
amount in dollars is never compared with one in euros).
"""

from __future__ import annotations

MILE = 1609.344
NAUTICAL_MILE = 1852.0  # the international nautical mile (1929)
# word -> (dimension, factor to the base unit: metre, square metre, kilogram, second, metre per second)
YEAR_SECONDS = 31_557_600.0  # a Julian year

UNITS: dict[str, tuple[str, float]] = {
    # length
    "公里": ("length", 1000.0), "千米": ("length", 1000.0), "米": ("length", 1.0), "英里": ("length", MILE),
    "英尺": ("length", 0.3048), "厘米": ("length", 0.01), "里": ("length", 500.0),
    # Taiwan's and Hong Kong's names: 哩 (mile), 浬/海浬/海里 (the nautical mile, 1,852 m)
    "哩": ("length", MILE), "海里": ("length", NAUTICAL_MILE), "海浬": ("length", NAUTICAL_MILE),
    "浬": ("length", NAUTICAL_MILE),
    # Taiwan's names of the metric units (公尺 metre, 公分 centimetre) and millimetres (rainfall)
    "公尺": ("length", 1.0), "公分": ("length", 0.01), "毫米": ("length", 0.001), "英寸": ("length", 0.0254),
    "mm": ("length", 0.001), "millimetres": ("length", 0.001), "millimeters": ("length", 0.001),
    "cm": ("length", 0.01), "centimetres": ("length", 0.01), "centimeters": ("length", 0.01),
    "inches": ("length", 0.0254),
    "km": ("length", 1000.0), "kms": ("length", 1000.0), "kilometre": ("length", 1000.0),
    "kilometres": ("length", 1000.0), "kilometer": ("length", 1000.0), "kilometers": ("length", 1000.0),
    "mile": ("length", MILE), "miles": ("length", MILE), "metre": ("length", 1.0), "metres": ("length", 1.0),
    "meter": ("length", 1.0), "meters": ("length", 1.0), "m": ("length", 1.0), "feet": ("length", 0.3048),
    "foot": ("length", 0.3048), "ft": ("length", 0.3048), "yards": ("length", 0.9144),
    # area
    "平方公里": ("area", 1e6), "平方米": ("area", 1.0), "公顷": ("area", 1e4), "亩": ("area", 666.67),
    "square kilometres": ("area", 1e6), "square kilometers": ("area", 1e6), "sq km": ("area", 1e6),
    "square miles": ("area", MILE * MILE), "hectares": ("area", 1e4), "acres": ("area", 4046.86),
    # mass
    "吨": ("mass", 1000.0), "公吨": ("mass", 1000.0), "公斤": ("mass", 1.0), "千克": ("mass", 1.0), "斤": ("mass", 0.5), "克": ("mass", 0.001),
    "tonnes": ("mass", 1000.0), "tons": ("mass", 1000.0), "kg": ("mass", 1.0), "kilograms": ("mass", 1.0),
    "kilogrammes": ("mass", 1.0),
    # power (base: watt): Taiwan's 瓩 is the kilowatt (220萬瓩 = 220万千瓦 = 2.2 GW), 兆瓦 the
    # megawatt in Chinese (in Taiwan 兆 before a unit is a trillion only for money: numbers.py)
    "瓦": ("power", 1.0), "瓩": ("power", 1e3), "千瓦": ("power", 1e3), "兆瓦": ("power", 1e6), "吉瓦": ("power", 1e9),
    # English symbols as the English reader looks them up (lower case)
    "kw": ("power", 1e3), "mw": ("power", 1e6), "gw": ("power", 1e9), "kilowatts": ("power", 1e3),
    "megawatts": ("power", 1e6), "gigawatts": ("power", 1e9),
    # energy (base: kilowatt hour): 度 is left out (degrees of heat and of angle); 千瓦时 is read
    # as 千 (a thousand) and 瓦时 (the watt hour)
    "瓦时": ("energy", 1e-3), "千瓦时": ("energy", 1.0), "瓩时": ("energy", 1.0), "kwh": ("energy", 1.0), "mwh": ("energy", 1e3),
    "gwh": ("energy", 1e6),
    # duration
    "小时": ("duration", 3600.0), "分钟": ("duration", 60.0), "天": ("duration", 86400.0),
    "周": ("duration", 604800.0), "个月": ("duration", 2629800.0), "秒": ("duration", 1.0),
    "秒钟": ("duration", 1.0),
    # with the measure word 个 (三个小时, 两个星期): the duration, not a count of 个
    "个小时": ("duration", 3600.0), "个钟头": ("duration", 3600.0), "钟头": ("duration", 3600.0),
    "个星期": ("duration", 604800.0), "个礼拜": ("duration", 604800.0),
    # 年 is a duration only where numbers.py reads a count of years (约19年, 判处22年半), never a
    # calendar year (2021年: the date reader's).
    "年": ("duration", YEAR_SECONDS),
    "hours": ("duration", 3600.0), "hour": ("duration", 3600.0), "minutes": ("duration", 60.0), "seconds": ("duration", 1.0),
    "days": ("duration", 86400.0), "weeks": ("duration", 604800.0), "months": ("duration", 2629800.0),
    "years": ("duration", YEAR_SECONDS), "decades": ("duration", 10 * YEAR_SECONDS),
    # money (one dimension per currency)
    "美元": ("money:USD", 1.0), "美金": ("money:USD", 1.0), "欧元": ("money:EUR", 1.0),
    "英镑": ("money:GBP", 1.0), "卢布": ("money:RUB", 1.0), "人民币": ("money:CNY", 1.0),
    "元": ("money:CNY", 1.0), "日元": ("money:JPY", 1.0), "港元": ("money:HKD", 1.0),
    "新台币": ("money:TWD", 1.0), "台币": ("money:TWD", 1.0), "港币": ("money:HKD", 1.0),
    "日圆": ("money:JPY", 1.0), "日币": ("money:JPY", 1.0),
    # other currencies the Chinese-language press converts into (Singapore's 新元 / 新币, 澳元, 加元, 韩元)
    "新元": ("money:SGD", 1.0), "新币": ("money:SGD", 1.0), "澳元": ("money:AUD", 1.0),
    "加元": ("money:CAD", 1.0), "韩元": ("money:KRW", 1.0),
    "dollars": ("money:USD", 1.0), "$": ("money:USD", 1.0), "US$": ("money:USD", 1.0),
    # other dollars by their ISO-style prefixes
    "HK$": ("money:HKD", 1.0), "NT$": ("money:TWD", 1.0), "S$": ("money:SGD", 1.0), "A$": ("money:AUD", 1.0),
    "C$": ("money:CAD", 1.0), "NZ$": ("money:NZD", 1.0),
    "euros": ("money:EUR", 1.0), "euro": ("money:EUR", 1.0), "€": ("money:EUR", 1.0), "£": ("money:GBP", 1.0), "yuan": ("money:CNY", 1.0),
    "roubles": ("money:RUB", 1.0), "rubles": ("money:RUB", 1.0), "yen": ("money:JPY", 1.0),
    # speed (base: metre per second); "miles an hour" as news writes it
    "mph": ("speed", MILE / 3600), "miles per hour": ("speed", MILE / 3600), "miles an hour": ("speed", MILE / 3600),
    "km/h": ("speed", 1000 / 3600), "kph": ("speed", 1000 / 3600), "kmh": ("speed", 1000 / 3600),
    "kilometres per hour": ("speed", 1000 / 3600), "kilometers per hour": ("speed", 1000 / 3600),
    "kilometres an hour": ("speed", 1000 / 3600), "kilometers an hour": ("speed", 1000 / 3600),
    "knots": ("speed", NAUTICAL_MILE / 3600),
    # age
    "岁": ("age", 1.0), "周岁": ("age", 1.0), "years old": ("age", 1.0), "year-old": ("age", 1.0),
    # earthquake magnitude (one scale whatever the outlet calls it: 6.1级, a 6.1-magnitude quake)
    "级": ("magnitude", 1.0), "magnitude": ("magnitude", 1.0),
    # percentage points: a difference of two percentages, its own dimension (never set against a %)
    "个百分点": ("percentage points", 1.0), "百分点": ("percentage points", 1.0),
    "percentage points": ("percentage points", 1.0), "percentage point": ("percentage points", 1.0),
    # percent
    "%": ("percent", 1.0), "％": ("percent", 1.0), "percent": ("percent", 1.0), "per cent": ("percent", 1.0),
}

# A unit with a half after it, written as one word: 一个半小时 (1.5 hours), 一个半月, 两年半.
# The measure as written -> the unit it adds half of. (分半钟, half a minute, is left out: the
# lexicon test finds it in a labeled story and in none of the repository's reference text.)
HALF_MEASURES_ZH = {"个半小时": "小时", "个半钟头": "小时", "个半月": "个月", "年半": "年", "天半": "天"}

# A unit with "more" inside it, written as one word: 两个多月 (over two months, under three),
# 一个多小时. The measure as written -> its unit.
MORE_MEASURES_ZH = {"个多月": "个月", "个多小时": "小时", "个多钟头": "小时", "个多星期": "周", "个多礼拜": "周"}

# An earthquake's magnitude written before its number, as Taiwan's press does (規模7.3地震).
MAGNITUDE_BEFORE_ZH = "规模"

# Counting words: a count of things or people, whatever the measure word (层: a building's storeys,
# 6层的建筑物; 第6层 is an ordinal, no count).
COUNT_MEASURES_ZH = ("名", "个", "位", "人", "架", "辆", "座", "所", "起", "次", "枚", "艘", "具", "间", "家",
                     "只", "条", "份", "件", "户", "区", "省", "国", "倍", "剂", "例", "宗", "股", "支", "批",
                     "轮", "场", "栋", "处", "年", "层")

# Words right before a number of 层 that make it a floor's position, no count of storeys (地下二层,
# 大火从12层烧起, 起火点在12层, 位于12层): a building's height is written 6层的建筑物, 高32层.
FLOOR_POSITION_BEFORE_ZH = ("地下", "地上", "负", "在", "从", "于", "至", "到")

# Magnitude words after a number. 兆 is a trillion after digits (Taiwan's 3兆1250亿元), but a
# mega- before a unit of measure (兆瓦, 兆赫): numbers.py reads it only outside those.
MAGNITUDES_ZH = {"万": 1e4, "千": 1e3, "百": 1e2, "亿": 1e8, "兆": 1e12}
MEGA_UNITS_AFTER_ZH = ("瓦", "赫", "字节", "帕", "焦", "比特", "位", "欧", "伏", "吨", "卡")

# A currency written before its figure (新台币5亿元, 港币5000元, 美金1000万元): that currency,
# not the 元 after the figure (which alone means yuan).
CURRENCIES_BEFORE_ZH = tuple(sorted(
    (u for u, (dimension, _) in UNITS.items()
     if dimension.startswith("money:") and u != "元" and "\u4e00" <= u[0] <= "\u9fff"),
    key=len, reverse=True))
# English: the words and the press's abbreviations of them written onto a figure ($5bn, $2m, and
# The Economist's and the Financial Times' $1.9trn / £2tn for a trillion).
MAGNITUDES_EN = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "hundred": 1e2,
                 "dozen": 12.0, "bn": 1e9, "m": 1e6, "trn": 1e12, "tn": 1e12}
# "m" after a number is the metre's symbol (SI) or the press's million (The Economist and FT style
# guides: "$10m", "2m people", "a city of 9m"). A million for money, before another unit ("1.25m
# tonnes", "10m euros") or before a plural noun of things counted in millions: those the category
# lexicon counts (people, homes, doses, cases...) and these, which the economy and census pages
# count ("3m jobs", "2m households"). Metres only where a length is named: a word of size after it
# (LENGTH_WORDS_AFTER_EN), a noun of a length before it (LENGTH_NOUNS_BEFORE_EN: "waves of 2m"),
# a singular noun it measures after a/the ("a 10m wall", "the 100m final"), or a space before a
# small "m" (SI's "2 m"). numbers_en reads the rule.
COUNTED_IN_MILLIONS_EN = ("jobs", "households", "families", "voters", "votes", "users", "customers", "subscribers",
                          "viewers", "visitors", "tourists", "pupils", "pensioners", "taxpayers", "barrels",
                          "copies", "vehicles", "cars", "shares", "tests", "deaths", "jabs", "vaccinations",
                          "animals", "pounds")
# Nouns of a length, height or distance a few words before a figure and "m" ("waves of 2m", "a depth
# of 30m", "swells reached 4m"): a length.
LENGTH_NOUNS_BEFORE_EN = ("wave", "waves", "swell", "swells", "surge", "surges", "tide", "tides", "height",
                          "heights", "depth", "depths", "altitude", "elevation", "distance", "length", "width",
                          "diameter", "radius", "wingspan")
# Nouns of a water or ground level, the thing changed before a verb of change and a bare figure
# with "m" and no noun after it ("the river rose by 2m", "sea levels could rise 1m", "floodwaters
# fell 3m"): a length. Any other thing changed keeps the press's million ("sales rose by 2m",
# "the population grew by 2m").
LEVEL_NOUNS_EN = ("water", "waters", "floodwater", "floodwaters", "flood", "floods", "river", "rivers", "sea",
                  "seas", "ocean", "oceans", "lake", "lakes", "reservoir", "reservoirs", "glacier", "glaciers",
                  "ice", "snow", "lava", "groundwater")
# Nouns of a race event right after a figure and "m" ("the 100m hurdles", "the 400m relay", "a 200m
# freestyle heat"): a race's distance, a length whatever comes before (World Athletics and World
# Aquatics event names).
RACE_EVENT_NOUNS_EN = ("hurdles", "relay", "relays", "sprint", "sprints", "dash", "freestyle", "backstroke",
                       "breaststroke", "butterfly", "medley", "steeplechase", "race", "races", "final", "finals",
                       "heat", "heats", "semifinal", "semifinals", "semi-final", "semi-finals")
# Words of size after a figure and "m" that make it a length whatever noun follows ("a 10m high wall",
# "20m tall homes", "2m deep").
LENGTH_WORDS_AFTER_EN = ("long", "high", "tall", "deep", "wide", "thick", "away", "apart", "underground",
                         "underwater")
# Nouns of a statistic after "the" and a figure with "m" ("the 12m average", "the 3m total"): the
# figure is an amount, no length measuring the noun ("the 100m final" is one).
AMOUNT_NOUNS_EN = ("average", "total", "figure", "mark", "level", "peak", "limit", "target", "threshold",
                   "population", "majority", "increase", "rise", "fall", "drop", "deficit", "surplus", "backlog",
                   "shortfall", "number", "people", "folk")


def dimension_of(unit: str) -> tuple[str, float]:
    """(dimension, factor to base) of a unit word; a counting word or none is ("count", 1)."""
    if not unit:
        return "count", 1.0
    return UNITS.get(unit, UNITS.get(unit.lower(), ("count", 1.0)))
