"""What a number is about: the counted thing, the event, and whether two match.

Two figures are only compared when they count the same kind of thing for the same
event (deaths, missing, arrests, escapes...). "about 300 soldiers flown back" and
"1,037 soldiers who crossed" count soldiers for different events of one story: the
classifier also checks that neither outlet itself reports both figures as different
numbers (see ``comparison.compare``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from comparison.numbers import Quantity
from comparison.text import to_simplified

# Kinds of counted things: family -> {sub-kind: keywords}. Sub-kinds of one family
# are the same people/things named differently (framing), e.g. 部队 vs 后备役军人.
COUNTED_FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "troops": {
        "reservists": ("后备役", "预备役"),
        "soldiers": ("军人", "士兵", "部队", "军队", "官兵", "兵力", "安全部队", "边防", "士卒"),
    },
    "attackers": {
        "mercenaries": ("雇佣兵", "雇佣军", "佣兵"),
        "suspects": ("嫌疑人", "嫌犯", "犯嫌", "凶嫌", "歹徒", "凶手", "刺客", "嫌凶"),
        "armed men": ("武装人士", "武装分子", "武装人员", "枪手", "战斗人员", "激进分子",
                      "叛乱分子", "反叛分子", "极端分子", "战士"),
    },
    "prisoners": {"prisoners": ("囚犯", "犯人", "囚徒", "在押人员")},
    "police": {"police": ("警察", "警员", "警官")},
    "buildings": {"buildings": ("住宅", "建筑", "房屋", "楼房", "民宅", "栋", "座")},
    "rescuers": {"rescuers": ("救援人员", "搜救人员", "消防员")},
    "refugees": {"refugees": ("难民",)},
    "districts": {"districts": ("区", "县")},
    "provinces": {"provinces": ("省",)},
    "countries": {"countries": ("国家", "国")},
    "vaccine": {"doses": ("剂", "疫苗")},
    "cases": {"cases": ("病例", "确诊", "感染者", "例")},
}
_GENERIC_PEOPLE = ("人", "民众", "居民", "平民", "名", "人士", "成员", "者")
# Families of people: a generic count of people ("4人") may be about them.
_PEOPLE_FAMILIES = ("troops", "attackers", "prisoners", "police", "rescuers", "refugees", "cases")

# Events a count is about; keywords searched in the clause around the number.
EVENTS: dict[str, tuple[str, ...]] = {
    "killed": ("死亡", "丧生", "罹难", "遇难", "被杀", "打死", "击毙", "身亡", "丧命", "尸体",
               "遗体"),
    "injured": ("受伤", "伤者", "负伤"),
    "missing": ("失踪", "失联", "下落不明", "确认行踪", "联系上", "联系不上"),
    "arrested": ("被捕", "逮捕", "拘捕", "抓获", "逮获", "扣留", "拘留", "拦截", "被抓", "控制下",
                 "羁押", "落网"),
    "escaped": ("逃脱", "越狱", "逃出", "释放", "逃离监狱"),
    "crossed": ("越境", "越过", "逃入", "入境", "过境", "边界", "边境线", "逃过"),
    "mobilized": ("动员", "征召", "部署"),
    "damaged": ("被毁", "受灾", "冲垮", "倒塌", "损毁", "摧毁", "被淹"),
    "rescued": ("获救", "救出", "找回", "解救"),
    "withdrawn": ("撤军", "撤离", "撤出"),
    "flown": ("乘坐飞机", "空运", "飞回"),
    "infected": ("新增", "确诊", "感染", "染疫", "阳性"),
}
# Event words whose difference is a framing difference (destroyed vs affected).
_STRONG_DAMAGE = ("被毁", "冲垮", "倒塌", "损毁", "摧毁")

_GROUP_SIZE_RE = re.compile(
    r"(?P<group>[\u4e00-\u9fff]{2,8}?)(?:团伙|小组|小队|突击队|团队|队伍|一伙|集团)?(?:总共|一共|共有|共计|总计|合计|共)\s*$"
)
_DAILY = ("新增", "一天", "单日", "当天", "日增", "每天", "感染人数", "确诊人数")
_HEDGES = ("可能", "预计", "预期", "估计", "将会", "或将", "有望", "恐将", "预测")

_CLAUSE_BREAK = re.compile(r"[，。；：！？,;\n]")


@dataclass
class Subject:
    """The counted thing of one quantity, as far as the text says."""

    family: str  # "" when unknown or generic people
    kind: str  # sub-kind ("reservists"), "" when unknown
    keyword: str  # the keyword that matched, for the "why"
    events: frozenset[str]
    event_words: tuple[str, ...]
    qualifiers: frozenset[str]  # places/groups inside the counted phrase (阿富汗, 塔利班)
    days: frozenset  # calendar days named in the figure's clause (7日新增920例)
    hedged: bool  # a forecast or estimate (可能飙升到1000多例): not a reported fact
    generic_people: bool
    unit: str
    percent: bool
    has_total: bool
    total: float | None = None
    is_total: bool = False


def _clause(simple: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and not _CLAUSE_BREAK.match(simple[left - 1]):
        left -= 1
    right = end
    while right < len(simple) and not _CLAUSE_BREAK.match(simple[right]):
        right += 1
    return left, right


def subject_of(q: Quantity, text: str, place_names: set[str],
               neighbours: tuple[int, int] | None = None, dates: list | None = None) -> Subject:
    """``neighbours``: end of the previous and start of the next quantity, so the
    event words of one figure are not read from the clause of another
    (逮捕6名歹徒并在楼内找到3具尸体: 6 were arrested, 3 were found dead)."""
    simple_counted = to_simplified(q.counted)
    family = kind = keyword = ""
    for fam, kinds in COUNTED_FAMILIES.items():
        for sub, words in kinds.items():
            for w in words:
                if w in simple_counted and len(w) > len(keyword):
                    family, kind, keyword = fam, sub, w
    if not family and q.counted_end > 0:
        # 11名涉嫌暗杀海地总统的嫌犯: the head noun comes after 的.
        simple_text = to_simplified(text)
        if simple_text[q.counted_end:q.counted_end + 1] == "的":
            head = simple_text[q.counted_end + 1:q.counted_end + 5]
            for fam, kinds in COUNTED_FAMILIES.items():
                for sub, words in kinds.items():
                    for w in words:
                        if head.startswith(w) and len(w) > len(keyword):
                            family, kind, keyword = fam, sub, w
    unit = q.unit
    group_size = False
    if not family and q.unit in ("人", "名") and not q.percent:
        # 雇佣兵团伙共26人: the size of a group named just before 共 — a count of
        # that group's members, with no event verb needed.
        simple_text = to_simplified(text)
        clause_start = max(simple_text.rfind(c, 0, q.start) for c in "，。；：！？,;\n") + 1
        before = simple_text[clause_start:q.start]
        m = _GROUP_SIZE_RE.search(before)
        if m:
            for fam in _PEOPLE_FAMILIES:  # a group of people (not 全国共有…: 国 is no group)
                for sub, words in COUNTED_FAMILIES[fam].items():
                    for w in words:
                        if len(w) >= 2 and w in m.group("group") and len(w) > len(keyword):
                            family, kind, keyword = fam, sub, w
            group_size = bool(family)
    if not family and unit in ("座", "栋"):
        family, kind, keyword = "buildings", "buildings", unit
    generic = not family and (not simple_counted or any(simple_counted.endswith(g) for g in _GENERIC_PEOPLE)
                              or unit in ("名", "人", "位"))
    simple = to_simplified(text)
    left, right = _clause(simple, q.start, max(q.end, q.counted_end))
    if neighbours is not None:
        left = max(left, min(neighbours[0], q.start))
        right = min(right, max(neighbours[1], max(q.end, q.counted_end)))
    clause = simple[left:right]
    events: set[str] = set()
    words: list[str] = []
    for event, keys in EVENTS.items():
        for k in keys:
            if k in clause:
                events.add(event)
                words.append(k)
                break
    if group_size:
        events = {"group"}  # the group's size is its own fact, not a count of arrests or deaths
        words = ["共"]
    after = simple[q.end:q.end + 1]
    if after == "死" or simple[q.end:q.end + 2] in ("人死", "名死"):
        events.add("killed")  # 累计3死, 2人死
        words.append("死")
    qualifiers = frozenset(p for p in place_names if p and p in simple_counted)
    day_dates = [d for d in (dates or []) if d.precision == "day" and d.value]
    days = frozenset(d.value for d in day_dates if left <= d.start and d.end <= right)
    if not days:
        # No day in the clause: the last day named earlier in the same sentence
        # (东京都在7月7日一天之内，…新增了920例).
        sentence_start = max(simple.rfind(c, 0, q.start) for c in "。！？\n") + 1
        earlier = [d for d in day_dates if sentence_start <= d.start and d.end <= q.start]
        if earlier:
            days = frozenset({earlier[-1].value})
    sentence_start = max(simple.rfind(c, 0, q.start) for c in "。！？\n") + 1
    sentence_end = min([i for i in (simple.find(c, q.end) for c in "。！？\n") if i >= 0] or [len(simple)])
    if not any(w in simple[sentence_start:sentence_end] for w in _DAILY):
        # Only daily counts are about their day; a running total (killed so far)
        # reported on two days is still one figure that outlets may disagree on.
        days = frozenset()
    hedged = any(w in clause for w in _HEDGES)
    return Subject(family, kind, keyword, frozenset(events), tuple(words), qualifiers, days, hedged, generic,
                   "%" if q.percent else _unit_class(unit), q.percent, q.total is not None,
                   q.total, q.is_total)


def _unit_class(unit: str) -> str:
    # Counting words for people and things are interchangeable (名/个/位/人); others are not.
    if unit in ("名", "个", "位", "人", "", "座", "栋", "具", "起", "户", "家", "所", "例"):
        return "count"
    return unit


def same_subject(a: Subject, b: Subject) -> bool:
    """Could these two figures be counts of the same thing?"""
    if a.unit != b.unit or a.percent != b.percent or a.has_total != b.has_total:
        return False
    if a.hedged or b.hedged:
        return False  # forecasts are not compared with reported figures
    if a.is_total or b.is_total or (a.total is not None and a.total != b.total):
        return False  # parts of different wholes (6 of 7 districts vs 26 of 28)
    if a.family and b.family and a.family != b.family:
        return False
    for x, y in ((a, b), (b, a)):
        if x.family and not y.family and x.family not in _PEOPLE_FAMILIES:
            return False  # 130座建筑 is not a count of people
    if a.qualifiers and b.qualifiers and not (a.qualifiers & b.qualifiers):
        return False
    if a.days and b.days and not (a.days & b.days):
        return False  # counts of different days (7日 920 cases vs 8日 896)
    if a.events or b.events:
        if not (a.events & b.events):
            return False
    elif not (a.family and a.family == b.family):
        return False  # no event and no specific counted thing: nothing to anchor on
    if not a.family and not b.family and not (a.generic_people and b.generic_people):
        return False
    return True


def specific(a: Subject) -> bool:
    """A subject precise enough to compare across the whole story (not just aligned
    sentences): a named kind of thing and an event (囚犯 who escaped, deaths)."""
    return (bool(a.events - {"crossed"}) or bool(a.kind)) and not a.has_total and a.family not in (
        "districts", "provinces", "countries")


def framing_difference(a: Subject, b: Subject) -> str:
    """A one-line reason when the same figure is worded differently, else ''."""
    if a.family and a.family == b.family and a.kind != b.kind:
        return f"{a.keyword} vs {b.keyword}"
    strong_a = [w for w in a.event_words if w in _STRONG_DAMAGE]
    strong_b = [w for w in b.event_words if w in _STRONG_DAMAGE]
    if "damaged" in a.events and "damaged" in b.events and bool(strong_a) != bool(strong_b):
        wa = next(w for w in a.event_words if w in EVENTS["damaged"])
        wb = next(w for w in b.event_words if w in EVENTS["damaged"])
        return f"{wa} vs {wb}"
    return ""
