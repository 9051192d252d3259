"""Naming producer: the same person or institution named differently, and the
descriptors each outlet chooses for the actors (the naming table)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

from comparison.docs import Doc, names_own_outlet, span, written
from comparison.extract import distinct_persons, same_entity
from comparison.findings import Context
from comparison.lexicons.attribution import (
    GENERIC_LEADER_TITLES_ZH,
    INSTITUTION_HEADS_ZH,
    LEADER_OFFICE_STATE_QUALIFIERS_ZH,
    LEADER_OFFICES_ZH,
    TITLE_SHORT_FORMS_ZH,
    TITLE_VERBS_ZH,
    TITLES_ZH,
)
from comparison.lexicons.categories import ACTOR_DESCRIPTORS, LOADED_PREFIXES
from comparison.lexicons.reporting import CITE_AFTER_ZH, SPEECH_VERBS_ZH
from comparison.model import Finding
from comparison.phonetics import established
from comparison.text import longest_first, to_simplified


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    findings, naming = _entity_findings_and_naming(ctx.docs, ctx.aligned)
    ctx.naming.extend(naming)
    return findings + _titles(ctx.docs)


def _entity_findings_and_naming(docs: list[Doc], aligned) -> tuple[list[Finding], list[dict]]:
    findings: list[Finding] = []
    naming: list[dict] = []
    # People: cluster name variants across the story.
    clusters: list[list[tuple[int, object]]] = []
    for d, doc in enumerate(docs):
        for e in doc.facts.entities:
            if e.kind != "PER" or not re.search(r"[\u4e00-\u9fff]", e.text) or names_own_outlet(doc, e.text):
                continue  # (告诉路透: an outlet naming itself is no person of the story)
            for cluster in clusters:
                # (A bare family name may join either of two full names: it does not join them.)
                if (any(same_entity(e.text, other.text) for _, other in cluster)
                        and not any(distinct_persons(e.text, other.text) for _, other in cluster)):
                    cluster.append((d, e))
                    break
            else:
                clusters.append([(d, e)])
    for cluster in clusters:
        groups = {docs[d].group for d, _ in cluster}
        longest = max((e.text for _, e in cluster), key=len)
        per_outlet: dict[str, list[str]] = {}
        for d, e in cluster:
            names = per_outlet.setdefault(docs[d].label, [])
            # 林劍 and 林剑 are one name in two scripts, no naming choice: kept as first written.
            if to_simplified(e.text) not in map(to_simplified, names):
                names.append(e.text)
        first = {}
        for d, e in cluster:
            first.setdefault(d, e)
        spans = [span(docs[d], e.start, e.end) for d, e in first.items()]
        if len(groups) > 1:
            findings.append(Finding("agree", "entity", f"{longest} is mentioned by {', '.join(sorted(per_outlet))}", spans, longest))
            if len({tuple(sorted(map(to_simplified, v))) for v in per_outlet.values()}) > 1:
                naming.append({"actor": longest, "names": per_outlet})
        else:
            findings.append(Finding("unique", "entity", f"only {next(iter(per_outlet))} mentions {longest}", spans, longest))
    naming += _descriptor_naming(docs)
    framing, org_naming = _organization_naming(docs)
    findings += framing
    naming += org_naming
    return findings, naming


def _descriptor_naming(docs: list[Doc]) -> list[dict]:
    """How each outlet describes the story's armed or protesting actors
    (X激进分子 vs X武装分子, militants vs fighters).

    Each descriptor (a general lexicon, comparison.lexicons.categories) is tied to
    the named organization or person directly before it in its sentence (nothing but a
    space, 的, 之 or a possessive between: :func:`_owns`); a bare
    descriptor ("the rebels") goes to the actor the story's outlets most often
    describe. No list of known actors: the actors are whatever the NER finds.
    """
    from comparison.subjects import find_word

    per_actor: dict[str, dict[str, list[str]]] = defaultdict(dict)
    bare: list[tuple[str, str]] = []  # (outlet label, term) with no actor before it
    counts: dict[str, int] = defaultdict(int)
    for doc in docs:
        text = doc.simple
        for sentence in doc.sentences:
            chunk = text[sentence.start:sentence.end]
            names = [e for e in doc.facts.entities
                     if e.kind in ("ORG", "PER", "NAME") and sentence.start <= e.start < sentence.end]
            for term in ACTOR_DESCRIPTORS:
                at = find_word(chunk, term)
                if at < 0:
                    continue
                position = sentence.start + at
                before = [e for e in names if e.end <= position and _owns(text[e.end:position])]
                if before:
                    actor = to_simplified(before[-1].text)
                    terms = per_actor[actor].setdefault(doc.label, [])
                    if term not in terms:
                        terms.append(term)
                    counts[actor] += 1
                else:
                    bare.append((doc.label, term))
    if counts and bare:
        main = max(counts, key=counts.get)
        for label, term in bare:
            terms = per_actor[main].setdefault(label, [])
            if term not in terms:
                terms.append(term)
    return [{"actor": actor, "names": outlets} for actor, outlets in per_actor.items()
            if len(outlets) > 1 and len({tuple(sorted(v)) for v in outlets.values()}) > 1]


# What may stand between a name and the descriptor it owns: nothing, a space, 的/之 or a
# possessive (塔利班武装分子, 塔利班的武装分子, Taliban's fighters). A verb between them makes the
# name its subject or object, not the descriptor's owner (政府打压示威者: the government is no
# protester), and a comma or 、 lists another actor.
_OWNER_GAP_RE = re.compile(r"\s?(?:的|之|['’]s?)?\s?")


def _owns(gap: str) -> bool:
    """Does a name followed by ``gap`` and then a descriptor own that descriptor?"""
    return _OWNER_GAP_RE.fullmatch(gap) is not None


_ORG_SUFFIX_MIN = 4


_MISSION_RE = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{2,4}?)(?P<rest>驻[\u4e00-\u9fff]{2,8}?(?:大使馆|使馆|领事馆|代表处|办事处))")
# A state institution after a loaded state prefix (中共央行, 中国央行, 北京当局).
_LOADED_WORDS = sorted({w for pair in LOADED_PREFIXES for w in pair}, key=len, reverse=True)
_INSTITUTION_RE = re.compile(
    f"(?P<prefix>{'|'.join(_LOADED_WORDS)})(?P<rest>{longest_first(INSTITUTION_HEADS_ZH)})")


def _one_states_names(pairs: tuple[frozenset[str], ...]) -> list[frozenset[str]]:
    """The loaded prefixes grouped by the state they name: pairs sharing a name are one state's
    (中共 / 中国, 大陆 / 中国, 北京 / 中国: the four name one state, 中华民国 / 台湾 the other)."""
    states: list[set[str]] = []
    for pair in pairs:
        joined = [s for s in states if s & pair]
        merged = set(pair).union(*joined)
        states = [s for s in states if not s & pair] + [merged]
    return [frozenset(s) for s in states]


# One row of the naming table per state and institution (a pair of prefixes per row gave
# 中国政府 three rows, one beside each other name of that state).
_STATES = _one_states_names(LOADED_PREFIXES)


def _organization_naming(docs: list[Doc]) -> tuple[list[Finding], list[dict]]:
    """The same institution named with a different state/place prefix: a diplomatic mission
    (中华民国驻海地大使馆 vs 台湾驻海地大使馆) or a state institution (中共央行 vs 中国央行). Only
    the names one state is given (LOADED_PREFIXES) name one institution: 中国政府 and 台湾政府 are
    two governments, neither a finding nor one row of the naming table."""
    seen: dict[str, dict[int, list[tuple[str, int, int]]]] = defaultdict(dict)
    for d, doc in enumerate(docs):
        simple = to_simplified(doc.article.text)
        for pattern in (_MISSION_RE, _INSTITUTION_RE):
            for m in pattern.finditer(simple):
                prefix = m.group("prefix").lstrip("”“\"的")
                found = seen[m.group("rest")].setdefault(d, [])
                if prefix not in (p for p, _, _ in found):  # each prefix where an article first writes it
                    found.append((prefix, m.start("prefix") + (len(m.group("prefix")) - len(prefix)), m.end()))
    by_choice: dict[tuple, Finding] = {}
    findings: list[Finding] = []
    rows: list[dict] = []
    for rest, per_doc in seen.items():
        for state in _STATES:
            one_state = {d: next(f for f in found if f[0] in state)
                         for d, found in per_doc.items() if any(f[0] in state for f in found)}
            if len({p for p, _, _ in one_state.values()}) < 2:
                continue
            names: dict[str, list[str]] = {}
            for d, (p, _s, _e) in one_state.items():
                names.setdefault(docs[d].label, []).append(p + rest)
            rows.append({"actor": rest, "names": names})
            findings += _prefix_findings(docs, rest, one_state, by_choice)
    return findings, rows


def _prefix_findings(docs: list[Doc], rest: str, per_doc: dict[int, tuple[str, int, int]],
                     by_choice: dict[tuple, Finding]) -> list[Finding]:
    """One framing finding per pair of articles of two outlets and their choice of a state's name,
    however many institutions it names (中华民国驻海地大使馆, 中华民国外交部 vs 台湾…)."""
    findings: list[Finding] = []
    items = list(per_doc.items())
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            (da, (pa, sa, ea)), (db, (pb, sb, eb)) = items[x], items[y]
            if docs[da].group == docs[db].group or frozenset({pa, pb}) not in LOADED_PREFIXES:
                continue  # (two of a state's names no pair sets apart: 中共 / 北京)
            key = (da, pa, db, pb) if da < db else (db, pb, da, pa)
            found = by_choice.get(key)
            # Each name as its outlet writes it (中華民國駐海地大使館 in a Traditional report).
            name_a, name_b = docs[da].article.text[sa:ea], docs[db].article.text[sb:eb]
            if found is None:
                found = by_choice[key] = Finding(
                    "framing", "entity",
                    f"the same institution named {name_a} ({docs[da].label}) vs {name_b} "
                    f"({docs[db].label})", [], rest)
                findings.append(found)
            elif name_a not in found.why:
                found.why += f"; {name_a} vs {name_b}"
            found.spans += [span(docs[da], sa, ea), span(docs[db], sb, eb)]
    return findings



# ------------------------------------------------------------------ titles --
_TITLE_WORDS = longest_first(TITLES_ZH)
# Verbs of holding an office that make "<office>的<person>" a title (曾任…副主任的朱海仑).
_HOLDS_OFFICE_ZH = ("曾任", "现任", "担任", "出任", "兼任", "时任", "前任")
_TITLE_BEFORE_RE = re.compile(rf"(?P<title>[\u4e00-\u9fff]{{0,6}}(?:{_TITLE_WORDS}))的?$")  # 副主任的朱海仑: a title too


def _titles(docs: list[Doc]) -> list[Finding]:
    """The same person introduced with other titles: 缅甸国防军总司令敏昂莱 vs
    军政府领导人敏昂莱将军 vs 政变领导人敏昂莱 (framing). A title inside the
    other (总统 vs 美国总统) is no difference."""
    from comparison.extract import same_entity

    people: list[list[tuple[int, str, int, int, int]]] = []  # clusters of (doc, title, start, name start, end)
    for d, doc in enumerate(docs):
        person_ends = sorted(f.end for f in doc.facts.entities if f.kind == "PER")
        for e in doc.facts.entities:
            if e.kind != "PER" or len(e.key) < 2 or doc.english:
                continue
            m = _TITLE_BEFORE_RE.search(doc.simple, max(0, e.start - 12), e.start)
            if m is None or (m.group(0).endswith("的") and not any(
                    w in doc.simple[max(0, e.start - 24):m.start("title") + 2] for w in _HOLDS_OFFICE_ZH)):
                continue  # 批评市长的张明德 (who criticised the mayor) is no title; 曾任…副主任的朱海仑 is
            title = m.group("title")
            start = m.start("title")
            # Another person's name ending inside the window is none of the title (政务司司长李家超|和
            # 保安局局长邓炳强: the title starts after 李家超, not at its last character).
            # (the last person's end in (start, min(title's end, e.start - 1)], found by bisection:
            # a scan of every entity per title was quadratic in an article's names)
            at = bisect_right(person_ends, min(m.start("title") + len(title), e.start - 1))
            other_end = person_ends[at - 1] if at and person_ends[at - 1] > start else start
            if other_end > start:
                title, start = title[other_end - start:], other_end
                if not any(title.endswith(w) for w in TITLES_ZH):
                    continue
            while start > 0 and len(title) > 2 and established(doc.simple[start - 1:start + 1]):
                title, start = title[1:], start + 1  # read from a word's middle (叙|利亚…): drop its rest
            cut = _sentence_cut(title[:-len(_head(title))], breaks="的")
            title, start = title[cut:], start + cut  # 温和派的|前央行行长: the title starts after 的
            for cluster in people:
                if any(same_entity(e.text, docs[c[0]].article.text[c[3]:c[4]]) for c in cluster):
                    cluster.append((d, title, start, e.start, e.end))
                    break
            else:
                people.append([(d, title, start, e.start, e.end)])
    places = {to_simplified(e.text) for doc in docs for e in doc.facts.entities if e.kind == "LOC"}
    findings: list[Finding] = []
    for cluster in people:
        first_of: dict[int, tuple[str, int, int, int]] = {}
        for d, title, start, name_start, end in cluster:
            if d not in first_of:  # one segmenter call per person and outlet (bounded cost)
                cut = _after_sentence_words(title, docs[d].simple[start:end])  # 指责|总统普京
                first_of[d] = (title[cut:], start + cut, name_start, end)
        items = sorted(first_of.items())
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                (da, (ta, sa, na, ea)), (db, (tb, sb, _nb, eb)) = items[x], items[y]
                if docs[da].group == docs[db].group or _same_title(ta, tb, places):
                    continue  # 海地总统 vs 海地共和国总统: the same title
                name = docs[da].article.text[na:ea]
                if _vaguer_leader_title(ta, tb, places) is not None:
                    # 俄罗斯总统普京 vs 俄罗斯领导人普京: one office, once in a generic word. No finding:
                    # the development annotators marked none of these (session 43: 3 such findings, none
                    # annotated, as framing or as precision), as a vaguer voice gives none.
                    continue
                findings.append(Finding(
                    "framing", "entity",
                    f"{name} introduced as {written(docs[da], ta, sa)} ({docs[da].label}) vs "
                    f"{written(docs[db], tb, sb)} ({docs[db].label})",
                    [span(docs[da], sa, ea), span(docs[db], sb, eb)], name))
    return findings


# Tags of the segmenter (LAC's, and jieba's mapped to them) of words that never open a title:
# pronouns, prepositions, conjunctions, particles, adverbs.
_NOT_TITLE_TAGS = ("r", "p", "c", "u", "d")


def _after_sentence_words(title: str, titled_name: str) -> int:
    """Where the title starts past the sentence's words read with it: after the last pronoun,
    preposition, conjunction, particle, adverb or verb (not one of an office's name,
    TITLE_VERBS_ZH) before the title's head noun, as the segmenter reads the title with the name
    after it (经|俄罗斯总统普京, 指责|总统普京; 代理助卿茱莉・郑 stays whole)."""
    from comparison.extract import segment

    head_at = len(title) - len(_head(title))
    cut, at = 0, 0
    for word, tag in segment([titled_name])[0]:
        end = at + len(word)
        if end > head_at:
            break
        if tag in _NOT_TITLE_TAGS or tag == "v" and word not in TITLE_VERBS_ZH:
            cut = end
        at = end
    return cut


def _head(title: str) -> str:
    return next((w for w in sorted(TITLES_ZH, key=len, reverse=True) if title.endswith(w)), title)


# Words of inclusion before a title (其中就包括总司令敏昂莱): the list's, not the title's.
_INCLUSION_WORDS_ZH = ("包括", "其中", "包含", "例如")
# Words that end the qualifier read before a title: what stands before them belongs to the
# sentence (祝贺了由总统, 被刺杀的海地总统), not to the title.
_QUALIFIER_BREAKS = "的了由对被是为和与及、把将向在从给让说称"
# ... and reporting words (据报道, 据悉法国总统): the general lexicons of reporting verbs.
_REPORTING_WORDS = SPEECH_VERBS_ZH + CITE_AFTER_ZH + ("据悉", "据称") + _INCLUSION_WORDS_ZH


def _sentence_cut(qualifier: str, breaks: str = _QUALIFIER_BREAKS) -> int:
    """Where a title's qualifier starts past the words of the sentence before it (the last
    break character or reporting word). The title shown is cut only after 的 and reporting
    words: 对 and 和 also stand inside names of bodies (对外联络部, 发展和改革委员会)."""
    cut = max(qualifier.rfind(ch) + 1 for ch in breaks)
    return max([cut] + [qualifier.rfind(w) + len(w) for w in _REPORTING_WORDS if w in qualifier])


def _qualifier(title: str, places: set[str]) -> str:
    """What a title says beyond its head noun, without the sentence before it and without
    place names (海地总统: a Haitian president is no other framing of the president)."""
    qualifier = title[: len(title) - len(_head(title))]
    qualifier = qualifier[_sentence_cut(qualifier):]
    for place in sorted(places, key=len, reverse=True):
        qualifier = qualifier.replace(place, "")
    return qualifier


def _same_title(a: str, b: str, places: set[str]) -> bool:
    """One title in other words only where the words differ: the same head noun with the same
    qualifier, no qualifier, or one inside the other (海地总统, 海地共和国总统). Two
    qualifiers of the same head that differ otherwise frame the person otherwise (军政府领导人
    vs 政变领导人)."""
    for short, full in TITLE_SHORT_FORMS_ZH.items():
        a, b = a.replace(short, full), b.replace(short, full)  # 香港特首 / 香港特区行政长官: one title
    if a == b:
        return True
    if _abbreviates(a, b) or _abbreviates(b, a):
        return True  # 德国外长 / 德国外交部长: one title, one of them abbreviated
    if _head(a) != _head(b):
        return False
    qa, qb = _qualifier(a, places), _qualifier(b, places)
    # Ending alike for three characters: one qualifier read from another point (the title is
    # read at most six characters back: 大学法律系副教授, 港大法律系副教授).
    return (not qa or not qb or qa in qb or qb in qa or (len(qa) >= 3 and qa[-3:] == qb[-3:])
            or sorted(qa) == sorted(qb))  # 前央行行长 vs 央行前行长: the same words in another order


def _generic_leader_qualifier(title: str, places: set[str]) -> str | None:
    """What a generic word for a leader (GENERIC_LEADER_TITLES_ZH: 领导人, 元首) closing ``title`` is
    qualified by, places and the sentence's words aside (俄罗斯领导人: ""; 军政府领导人: 军政府); None when
    ``title`` ends in no such word."""
    word = next((w for w in GENERIC_LEADER_TITLES_ZH if title.endswith(w)), None)
    if word is None:
        return None
    qualifier = title[:len(title) - len(word)]
    qualifier = qualifier[_sentence_cut(qualifier):]
    for place in sorted(places, key=len, reverse=True):
        qualifier = qualifier.replace(place, "")
    return qualifier


def _vaguer_leader_title(a: str, b: str, places: set[str]) -> bool | None:
    """Is one of two titles a generic word for a leader where the other names an office of that
    rank (俄罗斯领导人 vs 俄罗斯总统, 领导人 vs 国家主席): True when ``b`` is the vaguer, False when ``a``
    is, None when neither is so (军政府领导人 vs 总司令: a qualifier that is no place frames; 领导人
    vs 发言人: another role)."""
    for generic, office, b_vaguer in ((b, a, True), (a, b, False)):
        qualifier = _generic_leader_qualifier(generic, places)
        if qualifier is None or _generic_leader_qualifier(office, places) is not None:
            continue
        office_qualifier = _qualifier(office, places)
        if _head(office) in LEADER_OFFICES_ZH and (not qualifier or qualifier in office_qualifier) and \
                office_qualifier.replace(qualifier, "", 1) in LEADER_OFFICE_STATE_QUALIFIERS_ZH:
            return b_vaguer  # (not 公司董事会主席, 前总统, 副总统: other offices)
    return None


def _abbreviates(short: str, long_: str) -> bool:
    """A title abbreviated as Chinese abbreviates (外长 for 外交部长): a shorter title of the
    lexicon whose characters the longer one holds in order, beginning and ending alike, and no
    deputy's office (副) in the longer one only."""
    if len(short) >= len(long_) or short[:1] != long_[:1] or short[-1:] != long_[-1:] \
            or short not in TITLES_ZH and _head(short) == short or "副" in long_ and "副" not in short:
        return False  # 行长 / 银行董事长, 外长 / 外交部副部长: other offices
    rest = iter(long_)
    return all(ch in rest for ch in short)


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _across_outlets(docs: list[Doc], per_doc: dict[int, tuple]):
    """Each pair of documents' entries (document order) whose documents come from
    different outlets: one outlet's two articles are not a difference between outlets."""
    items = sorted(per_doc.items())
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            if docs[items[x][0]].group != docs[items[y][0]].group:
                yield items[x], items[y]
