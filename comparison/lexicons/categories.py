"""What numbers count and what happens to it: categories of people/things and event types.

Source: the casualty and crisis-reporting vocabulary of both languages, as in the
UN OCHA situation-report glossary (killed, injured, missing, displaced, arrested,
detained, evacuated...) and its Chinese renderings (死亡/受伤/失踪/被捕/撤离...),
grouped by role (security forces, armed groups, detainees, police, rescuers,
refugees, buildings, administrative units, cases). Sub-kinds inside one family
are the same people named differently (troops vs reservists: a framing choice).
"""

from __future__ import annotations

from functools import lru_cache

# family -> {sub-kind: words}; Chinese and English words side by side.
COUNTED_FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "troops": {
        "reservists": ("后备役", "预备役", "reservists", "reserves"),
        "soldiers": ("军人", "士兵", "部队", "军队", "官兵", "兵力", "安全部队", "边防", "troops", "soldiers",
                     "servicemen", "service members", "servicemembers", "forces", "personnel", "marines", "guards"),
    },
    "attackers": {
        "mercenaries": ("雇佣", "佣兵", "mercenaries"),
        "suspects": ("嫌疑人", "嫌犯", "犯嫌", "凶嫌", "歹徒", "凶手", "刺客", "嫌凶", "suspects", "assailants",
                     "attackers", "assassins", "gunmen"),
        "armed men": ("武装人士", "武装分子", "武装人员", "枪手", "战斗人员", "激进分子", "叛乱分子",
                      "反叛分子", "极端分子", "战士", "militants", "insurgents", "rebels", "fighters",
                      "armed men"),
    },
    "prisoners": {"prisoners": ("囚犯", "犯人", "囚徒", "在押人员", "prisoners", "inmates", "detainees")},
    "police": {"police": ("警察", "警员", "警官", "police", "policemen", "officers")},
    "buildings": {"buildings": ("住宅", "建筑", "房屋", "楼房", "民宅", "houses", "buildings", "homes")},
    "rescuers": {"rescuers": ("救援人员", "搜救人员", "消防员", "rescuers", "firefighters", "rescue workers")},
    "refugees": {"refugees": ("难民", "refugees", "migrants", "asylum seekers")},
    "districts": {"districts": ("区", "县", "districts", "counties")},
    "provinces": {"provinces": ("省", "provinces", "states")},
    "countries": {"countries": ("国家", "国", "countries", "nations")},
    "vaccine": {"doses": ("剂", "疫苗", "doses", "vaccines")},
    "cases": {"cases": ("病例", "确诊", "感染者", "例", "cases", "infections")},
    "civilians": {"civilians": ("平民", "civilians")},
}
GENERIC_PEOPLE = ("人", "民众", "居民", "名", "人士", "成员", "者", "people", "persons", "residents",
                  "members", "individuals",
                  # general nouns for people by role or group (a count of them is a count of people)
                  "员", "工人", "员工", "学生", "儿童", "孩子", "妇女", "乘客", "村民", "公民", "病人", "患者",
                  "workers", "employees", "staff", "students", "children", "women", "men", "passengers",
                  "officials", "villagers", "citizens", "patients", "victims", "adults", "miners")
PEOPLE_FAMILIES = ("troops", "attackers", "prisoners", "police", "rescuers", "refugees", "cases", "civilians")
# The families an unquantified quantifier counts (许多抗议者, many troops, 大量房屋:
# comparison.lexicons.quantifiers.UNQUANTIFIED_ZH/_EN), with the general nouns for people: people
# and buildings. Not countries, provinces, districts (许多国家: a reach, no count of an event),
# doses or cases ("in many cases": often). The crowds of CROWD_DESCRIPTORS (protesters) count too.
UNQUANTIFIED_FAMILIES = ("troops", "attackers", "prisoners", "police", "rescuers", "refugees", "civilians",
                         "buildings")


@lru_cache(maxsize=1)
def _unquantified_nouns() -> tuple[frozenset[str], tuple[str, ...]]:
    words = ({w for f in UNQUANTIFIED_FAMILIES for ws in COUNTED_FAMILIES[f].values() for w in ws}
             | set(GENERIC_PEOPLE) | CROWD_DESCRIPTORS)
    english = frozenset(w.lower() for w in words if w.isascii())
    # (名 is a measure word, not a noun of its own)
    chinese = tuple(sorted((w for w in words if not w.isascii() and w != "名"), key=len, reverse=True))
    return english, chinese


def counts_people_or_buildings(noun: str, people_only: bool = False) -> bool:
    """Does a counted noun phrase name people or buildings the lexicon counts, by its head (抗议者,
    阿富汗士兵, 居民, "Cuban protesters", "homes"): what an unquantified quantifier may count?
    English: the phrase's last word; Chinese: the phrase's end (许多国家, 一些专家: no). ``people_only``:
    people alone (部分建筑 is part of a building)."""
    noun = noun.strip().lower()
    if not noun:
        return False
    english, chinese = _unquantified_nouns()
    if people_only:
        buildings = {w.lower() for ws in COUNTED_FAMILIES["buildings"].values() for w in ws}
        if any(noun.endswith(w) for w in buildings):
            return False
    if noun.isascii():
        words = noun.split()
        return bool(words) and (words[-1] in english or " ".join(words[-2:]) in english)
    return noun.endswith(chinese)


# event type -> words (searched in the clause around a number)
EVENTS: dict[str, tuple[str, ...]] = {
    # 死者 "the dead" names them as 伤者 names the injured (死者有45人: a toll, no count of who was there)
    "killed": ("死亡", "丧生", "罹难", "遇难", "被杀", "打死", "击毙", "身亡", "丧命", "尸体", "遗体", "死者",
               "killed", "dead", "died", "deaths", "death toll", "bodies", "lost their lives"),
    "injured": ("受伤", "伤者", "负伤", "injured", "wounded", "hurt"),
    # the grades of injury medical and official reports give (危重 / 重伤 / 轻伤): counts of each
    # are other facts than each other and than the injured in all
    "injured-serious": ("重伤", "伤势严重"),
    "injured-critical": ("危重",),
    "injured-light": ("轻伤", "轻微伤"),
    "missing": ("失踪", "失联", "下落不明", "联系不上", "行踪", "missing", "unaccounted", "whereabouts"),
    # the trapped (under rubble, in a mine, a flooded tunnel): a count of its own, another fact than
    # the dead and the injured (23人被困 holds the dead and the rescued). (The hospitalized are not
    # told from the injured: annotators read 50人送医 vs 40多人受伤 as one count that differs.)
    "trapped": ("被困", "受困", "困在", "trapped"),
    "arrested": ("被捕", "逮捕", "拘捕", "抓捕", "搜捕", "抓获", "逮获", "扣留", "拘留", "拦截", "被抓", "羁押", "落网",
                 # Taiwan's words for a court's detention: 声押 (prosecutors ask for it), 收押 (granted)
                 "声押", "收押",
                 "arrested", "detained", "captured", "in custody", "apprehended"),
    # People still hunted (在逃 "at large", 通缉 "wanted", 追捕 "pursue"): no count of the arrested;
    # a verb of arrest after a progressive or continuing marker (仍在拦截, 正在搜捕) says the same
    # (SOUGHT_MARKERS_ZH, read by comparison.subjects).
    "sought": ("在逃", "通缉", "追捕", "追缉", "缉拿", "潜逃", "at large", "on the run", "being sought", "still sought",
               "manhunt", "being hunted"),
    "escaped": ("逃脱", "越狱", "逃出", "释放", "逃离监狱", "escaped", "freed", "released", "broke out"),
    "crossed": ("越境", "越过", "逃入", "入境", "过境", "边界", "crossed", "across the border", "fled into"),
    "mobilized": ("动员", "出动", "征召", "部署", "mobilise", "mobilize", "mobilised", "mobilized", "deployed",
                  "called up"),
    "damaged": ("被毁", "受灾", "冲垮", "倒塌", "损毁", "摧毁", "淹没", "destroyed", "damaged", "collapsed",
                "flooded", "swept away"),
    # The people pulled out (救出, 找回) and the people saved (获救, 解救) are one count: session 43 tried
    # the pulled-out (alive or dead) as a count apart from the saved alive and dropped it, since the
    # development annotators read 16人全数获救 against 已救出15人 as one count that differs.
    "rescued": ("获救", "救出", "找回", "解救", "rescued", "saved", "pulled out alive"),
    "withdrawn": ("撤军", "撤离", "撤出", "withdrew", "withdrawn", "withdrawal", "pulled out"),
    # 安置 / 转移安置: people moved out of harm and housed (a disaster report's 转移安置4600人)
    # 撤侨: the evacuation of a state's nationals abroad
    "evacuated": ("疏散", "避难", "安置", "紧急转移", "撤侨", "evacuated", "evacuation", "displaced", "relocated"),
    "infected": ("新增", "确诊", "感染", "染疫", "阳性", "new cases", "tested positive", "infected"),
    "handed over": ("移交", "交给", "交接", "handed over", "handover", "transferred"),
    "seized": ("攻占", "占领", "夺取", "控制", "seized", "captured", "took control", "overran"),
}

# Markers of an action still going on (《现代汉语八百词》 正在, 仍在, 还在; 继续): before a verb of
# arrest (仍在拦截另外8名, 正在搜捕) they make the figure the people still sought, not the caught.
# Only verbs of the hunt itself (拦截 "intercept", 搜捕 "search and arrest", 抓捕 "go after"): 仍拘留 is
# "still held", the caught.
SOUGHT_MARKERS_ZH = ("仍在", "正在", "还在", "仍然在", "继续",
                     # not yet done: purpose (以拦截另外8名: "so as to intercept"; not the light verbs 予以,
                     # 加以, lexicons.reporting.LIGHT_VERBS_ZH: 予以拦截 is done) and intent (将, 要, 试图, 设法)
                     "以", "将", "要", "试图", "设法", "力图")
SOUGHT_VERBS_ZH = ("拦截", "搜捕", "抓捕")
# Nouns of the kin of people (《现代汉语词典》 家属 "family members", 亲属 "relatives", 家人, 遗属
# "the family of the dead", 亲人; relatives, families, next of kin): a count of them after a noun of
# the dead or injured (30名死者家属, 遇难者的家属, "30 relatives of the dead", "victims' families")
# counts the kin, no casualty (comparison.subjects.counts_kin).
KIN_NOUNS_ZH = ("家属", "亲属", "家人", "遗属", "亲人")
KIN_NOUNS_EN = ("relatives", "relative", "families", "family", "kin", "next of kin", "relatives of")

# Who was there, not what befell them: a count of people with no event word of its own, after a
# verb of being somewhere or having (现场有200人, 机上载有45人, 工厂雇用约300名员工) or before a copula
# and the noun saying what they were (42人是军人, 3人为平民, 其中5人系学生: an identity, a breakdown of
# the people, no toll). Such a count is another fact than a casualty count (comparison.subjects.
# present_count): the words of 《现代汉语八百词》 (有 "exist, be present"; 是, 为, 系 as copulas).
# Qualifiers of a figure may stand between the verb and the number (约, 近, 共, 超过: read by the caller).
PRESENCE_VERBS_BEFORE_ZH = ("有", "载", "搭载", "载着", "坐着", "聚集了", "聚集", "容纳", "雇用", "雇佣", "雇有",
                            "在场")
IDENTITY_COPULAS_AFTER_ZH = ("是", "为", "系")
# Verbs of leaving a place whose event is who leaves (《现代汉语词典》撤离: "leave, withdraw from
# a place"): armed forces withdraw (美军撤离阿富汗, 守军撤离), anyone else is evacuated (撤离3000
# 名居民, 撤离侨民, 撤离了500人). Such a word is a withdrawal only for a count of the armed families
# below, or a count of no family in a clause naming one of their words or 军 before the verb
# (美军周一撤离, 驻军撤离); otherwise an evacuation (comparison.subjects, comparison.claims).
WHO_LEAVES_EVENTS: dict[str, tuple[str, str]] = {"撤离": ("withdrawn", "evacuated")}
ARMED_FAMILIES = ("troops", "attackers")


def who_leaves_event(word: str, clause: str, family: str | None = None) -> str | None:
    """The event of a verb of leaving (WHO_LEAVES_EVENTS) in a clause (simplified script), for a
    count of ``family`` ("" a count of no family, None no count): the armed event for a count of
    an armed family or, for none, when the clause names one (a word of the family, 军 before the
    verb: 美军, 驻军, 守军; another word of the armed event: 撤军); else the other event. None for other words."""
    if word not in WHO_LEAVES_EVENTS:
        return None
    armed_event, other_event = WHO_LEAVES_EVENTS[word]
    if family:
        return armed_event if family in ARMED_FAMILIES else other_event
    armed_words = {w for f in ARMED_FAMILIES for ws in COUNTED_FAMILIES[f].values() for w in ws if not w.isascii()}
    at = clause.find(word)
    if "军" in clause[:max(at, 0)] or any(w in clause for w in armed_words) or any(
            w in clause for w in EVENTS[armed_event] if w != word and not w.isascii()):
        return armed_event
    return other_event


# Objects after a release verb that make it no release of people (释放资金 "release funds",
# released a report): money, data, statements and signals, the general non-human objects of
# 释放 / release in news (Modern Chinese Dictionary senses of 释放 beside "set free"). Read in
# the few words after the verb (EVENT_OBJECT_WINDOW characters, up to a clause break).
EVENT_WORD_OBJECTS_NOT_PEOPLE: dict[str, tuple[str, ...]] = {
    "释放": ("资金", "流动性", "人民币", "美元", "亿元", "万元", "信号", "善意", "压力", "能量", "潜力", "活力",
             "红利", "产能", "需求", "数据", "报告", "声明", "视频", "气体", "烟雾", "辐射"),
    "released": ("report", "statement", "data", "figures", "video", "funds", "list", "details", "footage",
                 "gas", "smoke", "radiation"),
}
EVENT_OBJECT_WINDOW = 12
# Prepositions of topic (《现代汉语八百词》: 针对, 对于, 关于; "regarding", "concerning"): an
# event word they govern is what the clause is about, not what it reports (李家超6日中午针对
# 上午的大抓捕召开记者会: the press conference is at noon, not the arrests). Not 就 or "about":
# far more often an adverb (就被捕) and an approximation (about 50 arrested).
# Read in the few characters before the event word (TOPIC_WINDOW, up to a clause break).
TOPIC_PREPOSITIONS = ("针对", "对于", "关于", "regarding", "concerning")
TOPIC_WINDOW = 10


def _with_progressive(words: tuple[str, ...]) -> tuple[str, ...]:
    """English "-ed" event verbs also in their "-ing" form (killed -> killing, injured ->
    injuring, seized -> seizing): the regular inflection, so "killing at least 10 people"
    names the same event as "10 people were killed"."""
    extra = [w[:-2] + "ing" for w in words if w.isascii() and " " not in w and w.endswith("ed") and len(w) > 4]
    return words + tuple(e for e in extra if e not in words)


@lru_cache(maxsize=1)
def event_forms() -> dict[str, tuple[str, ...]]:
    """EVENTS as the extractors read them: each entry plus its regular inflections (derived
    by rule, so they are not entries of the lexicon)."""
    return {event: _with_progressive(words) for event, words in EVENTS.items()}
# Kinds of happening whose hour outlets report, after the ACE 2005 event types (Conflict.Attack,
# Conflict.Demonstrate, Contact.Meet, Justice.Arrest-Jail, Personnel.Elect) and the disaster
# types of EM-DAT (earthquake, transport accident). The time producer compares the hour one
# outlet gives a kind of happening with the hour another gives it, story-wide.
TIMED_HAPPENINGS: dict[str, tuple[str, ...]] = {
    "attack": ("袭击", "遇袭", "攻击", "枪击", "爆炸", "开枪", "伏击", "attack", "attacked", "ambush", "ambushed",
               "shooting", "explosion", "blast", "bombing"),
    "arrest": EVENTS["arrested"],
    "protest": ("抗议", "示威", "游行", "集会", "protest", "demonstration", "rally"),
    "meeting": ("会见", "会晤", "会谈", "记者会", "新闻发布会", "记者招待会", "met with", "talks",
                "press conference", "news conference", "briefing"),
    "vote": ("投票", "表决", "选举", "vote", "voted", "election", "ballot"),
    "earthquake": ("地震", "强震", "余震", "earthquake", "quake", "tremor"),
    "crash": ("坠毁", "坠机", "坠落", "失事", "空难", "出轨", "相撞", "crash", "crashed", "derailed", "collided"),
}
# Damage words that say more than "affected" (destroyed vs damaged: a framing choice).
STRONG_DAMAGE = ("被毁", "冲垮", "倒塌", "损毁", "摧毁", "destroyed", "collapsed", "swept away")
# A daily count (new cases today) is about its day; a running total is not.
DAILY_WORDS = ("新增", "一天", "单日", "当天", "日增", "每天", "感染人数", "确诊人数", "daily", "a day",
               "in a single day", "new cases", "per day")
# Forecasts and estimates are not compared with reported figures.
HEDGES = ("可能", "预计", "预期", "将会", "或将", "有望", "恐将", "预测",
          # the financial press's forecast words (全年料将稳定在1.5-2%, 预料, 预估): a forecast too
          "料将", "预料", "预估",
          "could", "may", "might", "expected to", "projected", "forecast")
# Words introducing the size of a group ("the group numbered 26", 团伙共26人).
GROUP_TOTAL_ZH = ("总共", "一共", "共有", "共计", "总计", "合计", "共")
GROUP_NOUNS_ZH = ("团伙", "小组", "小队", "突击队", "团队", "队伍", "一伙", "集团")

# Descriptors outlets choose for armed actors (the naming table compares them).
ACTOR_DESCRIPTORS = (
    "激进分子", "反叛分子", "叛乱分子", "武装分子", "极端分子", "恐怖分子", "分裂分子", "反叛武装",
    "叛军", "武装人员", "战斗人员", "武装人士", "战士", "民兵", "雇佣兵", "反政府武装",
    "叛乱者", "起义者", "暴徒", "示威者", "抗议者",
    "militants", "insurgents", "rebels", "fighters", "terrorists", "extremists", "gunmen", "militia",
    "mercenaries", "rioters", "protesters", "demonstrators",
)
# Crowd descriptors; the others in ACTOR_DESCRIPTORS name armed actors. A crowd word and an
# armed one name different actors (police fired at protesters vs gunmen fired), never one
# actor named two ways.
CROWD_DESCRIPTORS = frozenset({"示威者", "抗议者", "暴徒", "protesters", "demonstrators", "rioters"})
# English singulars read as the plural descriptor; only nouns that are not also adjectives
# (a "militant group", a "terrorist attack" and "fighter jets" are not people).
DESCRIPTOR_SINGULARS = {"protesters": "protester", "demonstrators": "demonstrator", "rioters": "rioter",
                        "gunmen": "gunman"}
# Descriptors of one register: choosing one over the other says nothing (protesters and
# demonstrators are both neutral; rioters is not).
DESCRIPTOR_SYNONYMS = (
    frozenset({"示威者", "抗议者", "protesters", "demonstrators"}),
    frozenset({"武装分子", "武装人员", "战斗人员", "武装人士"}),
)
# Name prefixes whose choice is itself a framing (the same embassy, the same state).
LOADED_PREFIXES = (frozenset({"中华民国", "台湾"}), frozenset({"中共", "中国"}),
                   frozenset({"大陆", "中国"}), frozenset({"北京", "中国"}))
