"""Time words: weekdays, months, relative days and parts of the day, Chinese and English.

Source: the calendar vocabulary of both languages (《现代汉语词典》 entries for
凌晨/清晨/上午/中午/下午/傍晚/晚上/深夜; English dictionary senses of
morning/afternoon/evening/night/overnight). Hours are the conventional
readings of each word, as local-time ranges [start, end) in hours.
"""

from __future__ import annotations

# The calendar's words live with the articles (one home for every stage that reads dates).
from articles.calendar import (  # noqa: E402,F401
    MONTHS_EN,
    RELATIVE_DAYS_EN,
    RELATIVE_DAYS_ZH,
    WEEKDAYS_EN,
    WEEKDAYS_ZH,
)

# part of day -> hours [start, end)
PARTS_OF_DAY_ZH = {
    "凌晨": (0, 6), "黎明": (4, 7), "拂晓": (4, 7), "清晨": (5, 8), "早上": (5, 10), "早晨": (5, 10),
    "上午": (6, 12), "中午": (11, 14), "午后": (12, 16), "下午": (12, 18), "傍晚": (17, 20),
    "晚上": (18, 24), "晚间": (18, 24), "夜间": (19, 30), "夜里": (19, 30), "深夜": (22, 27),
    "半夜": (23, 27), "午夜": (23, 25), "今晨": (4, 10), "今早": (5, 10), "今晚": (18, 24), "昨晚": (18, 24),
    "当晚": (18, 24), "早些时候": (0, 24),
}
# 晚 alone right after a day (周日晚, 6日晚: that evening; not 晚会, 晚报, 晚点...).
EVENING_AFTER_DAY_ZH = ("晚", (18, 24))
PARTS_OF_DAY_EN = {
    "early morning": (0, 8), "dawn": (4, 7), "morning": (5, 12), "noon": (11, 13), "midday": (11, 14),
    "afternoon": (12, 18), "evening": (17, 22), "night": (19, 30), "overnight": (20, 32),
    "midnight": (23, 25), "last night": (18, 30), "tonight": (18, 24), "late night": (22, 27),
    "early hours": (0, 6), "small hours": (0, 5),
}
# Year words before a month (去年7月: July of last year) -> years from the publication year.
RELATIVE_YEARS_ZH = {"去年": -1, "今年": 0, "明年": 1, "前年": -2}
# "That year" (同年5月): the year of the last year the text named, not the publication's.
SAME_YEAR_ZH = ("同年", "该年", "当年")
# Adverbs of past experience (曾, 曾经: "once, before", 《现代汉语八百词》): a period right before them
# and a verb of occurring dates a happening long past (某医院4月曾遭大火，造成82人死亡: April's toll).
PAST_MARKERS_ZH = ("曾经", "曾")
# "At that time" (当时的台北…造成64人死亡): the time the sentence before named, not the story's.
THEN_WORDS_ZH = ("当时", "那时", "彼时")
# The Republic of China (Minguo) calendar of Taiwan's press: year N is N + 1911 (民國110年 = 2021;
# ROC government calendar, Interior Ministry). Written 民国/民國 N年, or a bare three-digit year
# before a month (110年4月2日); a bare one- or two-digit year is not read (有期徒刑10年6月 is a
# sentence of ten years and six months).
ROC_ERA_ZH = ("民国",)
ROC_EPOCH = 1911
ROC_BARE_YEAR_RANGE = (100, 199)
# Parts of a month after it (9月初: early September) and before it in English (early
# September) -> (first day, last day); 31 stands for the month's last day.
MONTH_PARTS_ZH = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "底": (21, 31),
                  "末": (21, 31)}
MONTH_PARTS_EN = {"early": (1, 10), "mid": (11, 20), "mid-": (11, 20), "late": (21, 31),
                  "the end of": (21, 31), "end of": (21, 31)}
# Words before an English weekday that put it ahead of the publication day ("will be held
# Thursday", "is to be voted on Thursday", "scheduled for Friday"), with the future of reported
# speech ("said he would visit on Friday") and of intention ("plans to", "is going to").
FUTURE_BEFORE_WEEKDAY_EN = ("will", "would", "shall", "to be", "due", "scheduled", "set to", "expected", "planned",
                            "plans to", "plan to", "going to", "intends to", "intend to")
# Time-zone abbreviations: a number written right before one is a clock time (0130GMT, 1400 UTC).
TIME_ZONES = ("GMT", "UTC", "EST", "EDT", "CST", "PST", "BST", "CET", "CEST", "JST", "HKT")
TIME_ZONE_AFTER_RE = r"\s?(?:" + "|".join(TIME_ZONES) + r")\b"
# Hours of a clock time qualified by a part of day ("下午4点" = 16:00).
PM_WORDS_ZH = ("下午", "晚上", "傍晚", "晚间", "午后")
# Words that shift a clause away from the sentence's date ("海地周四陷入混乱，一天之前，
# 总统遇刺": the killing is not Thursday's): such a clause inherits no date. Earlier (此前, 早前, 先前,
# 稍早, 日前 "the other day") and later (此后, 其后, 稍后, 事后) alike (《现代汉语词典》 time nouns).
TIME_SHIFT_ZH = ("之前", "以前", "前一天", "此前", "早前", "先前", "稍早", "日前", "之后", "以后", "后来", "随后",
                 "此后", "其后", "稍后", "事后")
TIME_SHIFT_EN = ("earlier", "the day before", "a day before", "previously", "before that", "later",
                 "the next day", "afterwards")

# Words that put a bare day of the month ahead of the publication day: 将于15日, 拟于20日,
# 15日起 (from the 15th on), 15日生效. Without one, a day after the publication day is last
# month's (news reports what happened).
FUTURE_BEFORE_DAY_ZH = ("将于", "将在", "拟于", "定于", "预定", "计划于", "预计于")
FUTURE_AFTER_DAY_ZH = ("起", "生效")

# A number before 年 is a count of years (a duration), not a calendar year, when a word of
# duration is next to it: before it (长达19年, 判处22年, 为期5年, 担任警官了19年) or after it
# (19年来, 十年之久, 22年徒刑, 3年前, 4年零3个月, 四年又三个月); a qualifier (约19年, 近三十年,
# 二十多年) says so too (numbers.py). Not after it: 年代, 年级, 年度, 年底 (a decade, a grade,
# a fiscal year, a year's end are calendar words).
YEAR_COUNT_BEFORE_ZH = ("长达", "达", "了", "判处", "判", "为期", "历时", "服刑", "满", "整整", "共", "任期")
YEAR_COUNT_AFTER_ZH = ("以来", "来", "之久", "徒刑", "监禁", "有期", "的时间", "时间", "之间", "间", "内", "后",
                       "前", "零", "又")
NOT_YEAR_COUNT_AFTER_ZH = ("代", "级", "度", "底", "初", "末", "中", "份", "轻", "纪", "龄", "薪", "会", "报")

# A duration of one (一周, 一个月, 一年, 1天) is read as 两周 is, unless 一 is a determiner's "the
# one": after 这/那 (this, that), 同 (the same), 前/后 (the one before, after), 上/下 (last, next),
# 某 (a certain), 每 (every), 哪 (which), 另 (another), 头 (the first), 任 (any), 之 (之一, one of):
# 这一天, 前一天, 同一年, 上一周 name a day or week, they measure none.
ONE_AS_DETERMINER_AFTER_ZH = ("这", "那", "同", "前", "后", "上", "下", "某", "每", "哪", "另", "头", "任", "之")
# ... nor where a word after it makes it a point in time, not a length of one: 一个月后, 一年前
# (a month later, a year ago: a date's offset, as 一名官员 is one of a thing, no checkable
# figure); 两个月后 stays a figure of two. A figure right after it (一天三次, 一年一度, 一年四季)
# makes it a rate's or an idiom's, and a dictionary word it is part of (星期一|天气, 统一, 一天到晚)
# no figure at all (numbers.py).
ONE_DURATION_OFFSET_AFTER_ZH = ("后", "前", "以后", "以前", "之后", "之前")
# ... nor the "per" of a rate whose amount comes later in its clause: 一天停电数小时 ("power cut
# for hours a day"), 一周工作六天, 一个月回家两次: a figure of time or of times after a verb. The
# amount is the figure; the one day is its denominator, no length of time. A period the words
# after the unit frame (一天之内发生三起事故, 一个月来涨了两次) keeps its length.
RATE_AMOUNT_UNITS_ZH = ("小时", "个小时", "钟头", "个钟头", "分钟", "天", "周", "个星期", "星期", "个月", "年",
                        "次", "回", "趟", "遍", "顿", "班")
PERIOD_FRAME_AFTER_ZH = "内里来中间"
# English: a unit of time written in the singular after "a", "an", "one" or 1 (a week, one month,
# a year) is a duration of one, read in its plural unit's measure (units.py). Not after a word
# that makes it a rate's or no measure (once a week, twice a year, three times a month, half a
# year, quite a year, what a week, such a month, many a year).
ONE_UNIT_OF_TIME_EN = {"week": "weeks", "month": "months", "year": "years"}
NOT_ONE_DURATION_BEFORE_EN = ("once", "twice", "thrice", "times", "half", "quite", "what", "such", "many", "per")
# ... nor "a year ago", "a week later", "one month after", "a year on": a point in time (as above).
ONE_DURATION_OFFSET_AFTER_EN = ("ago", "later", "earlier", "after", "before", "on")

# "As of" a time: the moment a running count was taken (截至14日上午11点半, 共有127人受伤; as of
# Monday noon), not the time of the happening. Two outlets' counts as of other moments are two
# reports, never two times of one event.
AS_OF_ZH = ("截至", "截止")
AS_OF_EN = ("as of", "as at")

# This week, and this or last month before a part or a day of it (本周一 is a weekday: the weekday
# reader's), read as spans of days.
THIS_WEEK_ZH = ("本周", "这周", "本星期", "这星期", "这个星期", "本礼拜")
# (当月, "that same month", refers back to a month named before it: not read.)
MONTHS_FROM_NOW_ZH = {"本月": 0, "这个月": 0, "上月": -1, "上个月": -1}
# The role a clock time plays in its clause: a span's end (限电至晚上7时, until 7 p.m.), its start
# (下午3点起, from 3 p.m.) or a time announced ahead (晚上9时将恢复供电): none is the moment the
# happening took place, so two times of other roles are never set against each other (the
# outage at 2:37 p.m. is no contradiction of power back by 9:40 p.m.). Chinese words are read in
# Simplified script, right before the time (until) or right after it (from, ahead).
CLOCK_UNTIL_BEFORE_ZH = ("至", "到", "直到", "直至")
CLOCK_FROM_AFTER_ZH = ("起", "开始")
CLOCK_AHEAD_BEFORE_ZH = ("将", "将于", "预计", "预定", "预计于", "可望")
CLOCK_AHEAD_AFTER_ZH = ("将", "前将", "可望")
CLOCK_UNTIL_BEFORE_EN = ("until", "till", "by")
# Prepositions of time before a bare hour ("began before 9.", "shut until 6, when"): with no noun
# after it, the number is an hour of the clock, not a count. Not "by" (prices rose by 9.) nor "at"
# (the toll stood at 9.): those take counts as often.
BARE_HOUR_BEFORE_EN = ("before", "after", "until", "till", "past")

# Periods a figure may be counted over, named without a calendar date (《现代汉语词典》 on 上半年,
# 全年, 季度, 以来, 过去): a half or a quarter of a year (上半年, 下半年, 一季度, 前三季度), the whole
# year (全年, 年内), the first months or weeks of a year (前5个月, 头两个月; not 前两天, "two days
# ago"), a span running up to now (今年以来, 年初以来, 过去一周, 近三个月, 最近两天; not 近日, 近年来
# without a count). A figure whose clause, or the words between it and a day named earlier in its
# sentence, names one is that period's count, not the day's: the day of 他7日说，上半年共有300人死亡
# is when it was said (subjects.names_a_period).
PERIOD_HALVES_ZH = ("上半年", "下半年", "全年", "年内", "全月", "月内", "周内")
# Characters after which a period word's 年 is no year (年级 a school grade, 年龄 an age: 全年级学生,
# 全年龄段): no period. A period word must also open a word of the dictionary (青年内部: no 年内).
PERIOD_YEAR_NOT_BEFORE_ZH = ("级", "龄")
PERIOD_QUARTER_ZH = "季度"
PERIOD_FIRST_ZH = ("前", "头")
PERIOD_RECENT_ZH = ("过去", "最近", "近")
PERIOD_UNITS_ZH = ("个小时", "小时", "天", "日", "周", "个星期", "星期", "个月", "月", "年", "季度")
PERIOD_SINCE_STARTS_ZH = ("今年", "去年", "年初", "本月", "月初", "上月", "本周", "入夏", "入冬", "入汛", "开年")
PERIOD_SINCE_ZH = ("以来",)
# Verbs (and a noun) that move a happening from one day to another: "from X to Y" right after them
# names the old day and the new one, two days, no span of days ("postponed from 10 to 24 August",
# "moved from July 4 to July 11", "brought forward from 24 to 10 August"). Whole words, at most two
# words before "from" (extract_en._rescheduled). Left out: forms that as often name what happens
# over a span ("delays from 10 to 15 August", "advanced from", "extended from").
RESCHEDULING_WORDS_EN = ("postpone", "postponed", "postpones", "postponing", "postponement", "delayed",
                         "reschedule", "rescheduled", "reschedules", "rescheduling", "defer", "deferred",
                         "defers", "deferring", "push back", "pushed back", "pushes back", "pushing back",
                         "bring forward", "brought forward", "brings forward", "bringing forward", "put off",
                         "puts off", "putting off", "move", "moved", "moves", "moving", "shift", "shifted",
                         "shifts", "shifting", "change", "changed", "changes", "changing", "switched")
