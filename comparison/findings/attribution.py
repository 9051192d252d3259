"""Attribution producer: who the outlets cite (agencies, officials, anonymous sources),
and the same claim credited to different voices (a framing difference)."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from comparison.claims import one_claim_event
from comparison.docs import Doc, names_own_outlet, span
from comparison.findings import Context
from comparison.lexicons.attribution import (
    AGENCIES,
    GENERIC_VOICES_ZH,
    MEDIA_HEADS_ZH,
    MEDIA_SITE_PARENTS,
    OFFICE_HEAD_ENDINGS_ZH,
    OFFICIAL_ROLES_ZH,
    OFFICIAL_TITLE_ABBREVIATIONS_EN,
    ORGANIZATION_HEADS_ZH,
    SOURCE_NAMES_EN,
    TITLE_HEADS_EN,
    TITLE_MODIFIERS_ZH,
    TITLES_ZH,
    WITNESS_ZH,
)
from comparison.lexicons.categories import LOADED_PREFIXES
from comparison.lexicons.reporting import TITLE_ABBREVIATION_OFFICES_EN
from comparison.model import Finding
from comparison.slots import (
    Attribution,
    is_generic_voice,
    listed_together,
    state_ids_en,
    state_voice_en,
)
from comparison.text import to_simplified


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    return _source_findings(ctx.docs) + _claim_attributions(ctx)


# Voices of bodies and officials (titled people among them: "Governor Shams said"): the sources
# an outlet attributes claims to ("the U.S. Geological Survey said", 国家安全委员会表示); people
# named without a role are listed as quoted.
_INSTITUTIONAL_VOICES = ("agency", "official", "organization")


def _sources_by_outlet(docs: list[Doc]) -> dict[str, list[str]]:
    """Per outlet, the agencies it cites, then the bodies and officials it attributes claims to."""
    out: dict[str, list[str]] = {}
    for doc in docs:
        names = out.setdefault(doc.label, [])
        for s in doc.facts.sources:
            shown = shown_source(s.source, doc.english)
            if shown not in names and not names_own_outlet(doc, s.source):
                names.append(shown)
        voices: list[str] = []
        for a in doc.facts.attributions:
            who = re.sub(r"^the\s+", "", a.who.strip(), flags=re.I)
            if a.kind in _INSTITUTIONAL_VOICES and who and not names_own_outlet(doc, who):
                voices.append(shown_source(who, doc.english))
        # One voice named in full and in short (塔吉克斯坦总统办公室, 总统办公室): the full name, where
        # the full name first appears.
        for who in dict.fromkeys(voices):
            full = max((v for v in voices if v.casefold().endswith(who.casefold())), key=len)
            if not any(n.casefold().endswith(full.casefold()) for n in names):
                names.append(full)
    return out


@lru_cache(maxsize=1)
def _english_agency_names() -> dict[str, str]:
    """Normalized agency name -> the first Latin-script spelling the lexicon gives it (路透社 ->
    Reuters, 法新社 -> AFP, 美联社 -> Associated Press); sources that are no agency by their English
    label (匿名消息人士 -> anonymous sources)."""
    out: dict[str, str] = dict(SOURCE_NAMES_EN)
    for written, name in AGENCIES.items():
        if name not in out and re.fullmatch(r"[A-Za-z][A-Za-z .&'-]*", written):
            out[name] = written
    return out


def shown_source(source: str, english: bool) -> str:
    """A cited agency as the reader of the citing articles knows it: its English name when
    every citing article is in English (an English report cites the Associated Press, not
    美联社); the normalized name otherwise (it keys the findings either way)."""
    return _english_agency_names().get(source, source) if english else source


def _source_findings(docs: list[Doc]) -> list[Finding]:
    by_source: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for d, doc in enumerate(docs):
        for s in doc.facts.sources:
            if not names_own_outlet(doc, s.source):
                by_source[MEDIA_SITE_PARENTS.get(s.source, s.source)][d].append(s)  # 新华网: 新华社
    findings: list[Finding] = []
    for source, per_doc in by_source.items():
        groups = {docs[d].group for d in per_doc}
        spans = [span(docs[d], s.start, s.end) for d, cites in per_doc.items() for s in cites[:1]]
        outlets = sorted({docs[d].label for d in per_doc})
        shown = shown_source(source, all(docs[d].english for d in per_doc))
        if len(groups) > 1:
            both = "both" if len(outlets) == 2 else "all"
            named = ", ".join(outlets[:-1]) + f" and {outlets[-1]}"
            findings.append(Finding("agree", "source", f"{named} {both} cite {shown}", spans, source))
        else:
            findings.append(Finding("unique", "source", f"only {outlets[0]} cites {shown}", spans, source))
    return findings



def _claim_attributions(ctx: Context) -> list[Finding]:
    """The same claim (aligned sentences) credited to voices of another kind or another name:
    the National Security Committee says vs the border service says; an official vs an
    anonymous source (framing). Session 20 also compared the voices of sentences one shared
    figure ties together: on development 1 of its 3 new findings was annotated, below the
    framing precision, so it was taken out; session 37 tried it again on every reading of a
    figure the quantity producer pairs: 1 of 8 new findings annotated, so it stays out."""
    docs = ctx.docs
    findings: list[Finding] = []
    by_voices: dict[tuple, Finding] = {}  # one finding per two outlets' pair of voices, its claims' spans in it
    for d1, k1, d2, k2 in ctx.aligned_pairs():
        a1 = _attribution_of(docs[d1], k1)
        a2 = _attribution_of(docs[d2], k2)
        if a1 is None or a2 is None or not one_claim_event(docs[d1], k1, docs[d2], k2):
            continue
        # A body named by its initials ("organization") and a person named without the title
        # another outlet gives ("person") are classed apart: the same voice still.
        if (a1.kind == a2.kind or {a1.kind, a2.kind} & {"organization", "person"}) and same_voice(a1.who, a2.who):
            continue
        if a1.kind == a2.kind and _in_two_scripts(a1.who, a2.who) and not (
                is_generic_voice(a1.text) or is_generic_voice(a2.text)):
            continue  # the Home Ministry vs 尼泊尔内政部: names in two scripts are not compared (媒体 vs NHK are)
        if _vaguer_voice(a1, a2) or _vaguer_voice(a2, a1):
            continue  # "officials" vs "the governor": a vaguer voice, not another one
        if _one_office_holder(a1, a2, docs[d1], docs[d2]) or _one_office_holder(a2, a1, docs[d2], docs[d1]):
            continue  # 发言人 vs 李明远, whom a report names as that spokesman: the same voice, unnamed
        texts = [docs[d1].simple, docs[d2].simple]
        if _body_and_its_officer(a1, a2, texts) or _body_and_its_officer(a2, a1, texts):
            continue  # 某国海军 vs 某国海军新闻发言人李明远: the body speaks through its spokesman
        if _cited_jointly(docs[d1], a1, a2) or _cited_jointly(docs[d2], a2, a1):
            continue  # 据新华社、中新社报道 vs 据中新社报道: one of the voices cited together
        if _relays(a1, docs[d2], k2) or _relays(a2, docs[d1], k1):
            continue  # 法新社 vs 一名官员对法新社说: the agency relays that voice
        if "other" in (a1.kind, a2.kind) or names_own_outlet(docs[d1], a1.who) or names_own_outlet(docs[d2], a2.who):
            continue  # an unclassified voice ("the media"), or the outlet itself
        spans = [span(docs[d1], a1.start, a1.end), span(docs[d2], a2.start, a2.end)]
        key = (d1, a1.text, d2, a2.text) if d1 < d2 else (d2, a2.text, d1, a1.text)
        if key in by_voices:  # the same two voices again, for another claim: one finding
            by_voices[key].spans += [s for s in spans if s not in by_voices[key].spans]
            continue
        why = (f"the same claim credited to {a1.text} ({a1.kind}, {docs[d1].label}) "
               f"vs {a2.text} ({a2.kind}, {docs[d2].label})")
        by_voices[key] = Finding("framing", "attribution", why, spans, a1.who)
        findings.append(by_voices[key])
    return findings


def _cited_jointly(doc: Doc, voice: Attribution, other: Attribution) -> bool:
    """Does ``doc`` cite ``other``'s voice in one list with ``voice`` (综合路透社和美联社报道 against
    据美联社报道)? (Chinese lists only; the voices are looked up, not scanned, per claim pair.)"""
    if doc.english:
        return False
    return any(a is not voice and same_voice(a.who, other.who)
               for a in listed_together(doc.simple, doc.facts.attributions, voice))


def _one_office_holder(office: Attribution, person: Attribution, doc_a: Doc, doc_b: Doc) -> bool:
    """Is ``office`` an unnamed holder of an office (某国海军新闻发言人) and ``person`` a person whom
    either report names with that office (某国海军新闻发言人李明远)?"""
    if office.kind != "official" or person.kind not in ("person", "official") or _name_after_title(
            to_simplified(office.who)):
        return False
    # A titled person (某国海军新闻发言人李明远) is read by the name after the title.
    name = to_simplified(person.who) if person.kind == "person" else _name_after_title(to_simplified(person.who))
    return bool(name) and _holds_the_office(to_simplified(office.who), name, [doc_a.simple, doc_b.simple])


def _holds_the_office(office: str, name: str, texts: list[str]) -> bool:
    """Does a text write ``name`` right after the end of ``office``: its title and the characters
    before it, a title's modifier written or not (海军新闻发言人李明远 for 某国海军发言人)? The title alone (新闻发言人王立) is any
    body's spokesman: 外交部 is not 国防部."""
    title = next((t for t in sorted(TITLES_ZH, key=len, reverse=True) if office.endswith(t)), "")
    if not title or not NAME_MIN_CHARS <= len(name) <= 4:
        return False
    body = office[:-len(title)]
    while (modifier := next((m for m in TITLE_MODIFIERS_ZH if body.endswith(m)), "")):
        body = body[:-len(modifier)]  # 新闻 of 新闻发言人 is the title's, written or not
    tail = body[-OFFICE_CHARS_BEYOND_TITLE:]
    if len(tail) < OFFICE_CHARS_MIN:
        return False
    held = re.compile(re.escape(tail) + f"(?:{'|'.join(TITLE_MODIFIERS_ZH)})*" + re.escape(title + name))
    return any(held.search(text) for text in texts)


# Characters of an office's name before its title (and the title's 新闻, 首席) compared where a report
# names its holder: up to four (国海军 of 某国海军新闻发言人), at least three (外交部发言人; 新闻发言人
# alone names no body).
OFFICE_CHARS_BEYOND_TITLE = 4
OFFICE_CHARS_MIN = 3


def _body_and_its_officer(body, officer, texts: list[str]) -> bool:
    """Is ``body`` a body's voice (no title in it: 中国人民解放军东部战区) and ``officer`` a titled voice
    of that body (中国东部战区新闻发言人张某, 东部战区发言人): the name before the officer's title is the
    body's, once a state's name opening both is set aside (中国东部战区 / 中国人民解放军东部战区); or a
    person whom one of the two reports (``texts``, Simplified) names as that body's officer (张某 of
    东部战区新闻发言人张某)."""
    if body.kind not in ("official", "organization") or officer.kind not in ("official", "person"):
        return False
    body_name, officer_name = to_simplified(body.who).strip(), to_simplified(officer.who).strip()
    if any(t in body_name for t in TITLES_ZH):
        return False  # 外交部长王某 and 外交部发言人: two officers, two voices
    if officer.kind == "person":
        return _named_as_officer(_without_state(body_name), officer_name, texts)
    at = max((officer_name.rfind(t) for t in TITLES_ZH), default=-1)
    if at < 2:
        return False
    office = officer_name[:at]
    while (modifier := next((m for m in TITLE_MODIFIERS_ZH if office.endswith(m)), "")):
        office = office[:-len(modifier)]  # 新闻 of 新闻发言人: part of the title
    if same_voice(body_name, office):
        return True
    a, b = _without_state(body_name), _without_state(office)
    return len(min(a, b, key=len)) >= OFFICE_CHARS_MIN and (a.endswith(b) or b.endswith(a))


def _named_as_officer(body: str, name: str, texts: list[str]) -> bool:
    """Does a text name ``name`` as an officer of ``body``: its last characters, a title's modifier,
    a title and the name (东部战区新闻发言人张某 for 东部战区)?"""
    tail = body[-OFFICE_CHARS_BEYOND_TITLE:]
    if len(tail) < OFFICE_CHARS_MIN or not NAME_MIN_CHARS <= len(name) <= 4:
        return False
    titles = "|".join(re.escape(t) for t in sorted(TITLES_ZH, key=len, reverse=True))
    modifiers = f"(?:{'|'.join(TITLE_MODIFIERS_ZH)})*"
    # Right after the body's name, or later in its sentence with no other body's head before the
    # title (某战区…以发言人张某的名义; not 某部批评了国防部发言人张某).
    named = re.compile(re.escape(tail) + f"(?:{modifiers}|[^。！？\n]{{0,{OFFICER_REACH}}}(?<![{_BODY_HEAD_CHARS}]))"
                       f"{modifiers}(?:{titles}){re.escape(name)}")
    return any(named.search(text) for text in texts)


# How far into its sentence after a body's name its officer may be named (characters).
OFFICER_REACH = 30
# Last characters of a body's name (外交部, 警察局, 某战区): a title after one is that body's officer's.
_BODY_HEAD_CHARS = "".join(sorted({*OFFICE_HEAD_ENDINGS_ZH, "部", "局", "会", "区", "司", "所", "军", "社", "台"}))


def _without_state(voice: str) -> str:
    """``voice`` without the name of a state opening it (中国东部战区: 东部战区)."""
    for names in _STATE_NAMES:
        prefix = _state_prefix(voice, names)
        if prefix:
            return voice[len(prefix):]
    return voice


def _in_two_scripts(a: str, b: str) -> bool:
    """One voice written without Chinese characters (José Pérez, Nepal’s ministry), the other
    with them: whether they name one body is a translation's question, so voices of one kind
    count as one."""
    return bool(_CJK.search(a)) != bool(_CJK.search(b))


_CJK = re.compile(r"[\u3400-\u9fff]")


def _relays(a, doc: Doc, k: int) -> bool:
    """Is voice ``a`` an agency the other outlet's sentence names too (一名官员对法新社说 beside
    法新社报道): one chain of reporting, not another voice."""
    if a.kind != "agency" or len(a.who) < 2:
        return False
    sentence = doc.sentences[k].text
    return to_simplified(a.who) in to_simplified(sentence) or a.who.lower() in sentence.lower()


def _vaguer_voice(a, b) -> bool:
    """``a`` names no particular office ("officials", 日本政府) and ``b`` is an office or an agency
    relaying officials: the same voice said vaguer. An official vs an anonymous source stays framing.
    Media named by no name (中国官方媒体, state media) beside a voice that is no medium relay
    that voice: vaguer too."""
    if a.kind == "agency" and b.kind not in ("agency", "anonymous") and is_generic_voice(a.text):
        return True
    if a.kind == "official" and a.text.isascii() and state_voice_en(a.text):
        # "Beijing" vs "China's defence ministry": the state said vaguer; vs another state's
        # office ("Russia" vs "China's defence ministry") another voice.
        return b.kind in ("official", "agency") and _names_same_state(a.text, b.text)
    return a.kind == "official" and b.kind in ("official", "agency") and (
        is_generic_voice(a.text) or _office_of(a.text) in _offices_named(b.text))


def _names_same_state(state: str, voice: str) -> bool:
    """Does ``voice`` name the state ``state`` speaks for (:func:`comparison.slots.state_ids_en`:
    Beijing C:CN, Texas S:US-TX), by a place inside it or holding it (:mod:`geo.places`), or, naming
    no other country, by a word of the form of its country's adjective (Russia: Russian, China:
    Chinese, Iran: Iranian, Britain: British)? A place of another country ("Washington" against
    Britain's foreign office, "Austria" against Australia's) is another voice."""
    from geo.places import containers, latin_places

    def with_parents(ids) -> set[str]:
        ids = set(ids)  # (up to the country: two countries of one continent are two states)
        return ids | {i for i in containers(ids) if not i.startswith("R:")}

    parts = [p.strip() for p in re.split(r",|\sand\s", re.sub(r"^[Tt]he\s+", "", state)) if p.strip()]
    ours = with_parents(i for p in parts for i in state_ids_en(p))
    theirs = with_parents(latin_places(re.sub(r"['’]s\b", "", voice)))
    if ours & theirs:
        return True
    if any(i.startswith("C:") for i in theirs):
        return False  # another country's place (South Sudan's army against Sudan)
    countries = {i for i in ours if i.startswith("C:")}
    return any(_adjective_country(word) in countries for word in _ADJECTIVE_WORD_EN.findall(voice))


def _adjective_word_pattern() -> re.Pattern:
    from geo.places import LOCAL_FEATURE_WORDS_EN

    # (a word before a feature word opens a place's name, no adjective: Turkey Hill residents)
    return re.compile(rf"\b[A-Z][a-z]{{3,}}\b(?!\s+(?:{'|'.join(sorted(LOCAL_FEATURE_WORDS_EN))})\b)")


_ADJECTIVE_WORD_EN = _adjective_word_pattern()


# The endings an English country adjective puts after the country name's stem (Russi-an, Chin-ese,
# Iran-ian, Brit-ish, Israel-i, German): Quirk et al. App. I.44 ("nationality words").
_ADJECTIVE_ENDINGS_EN = ("", "n", "an", "ian", "ean", "ese", "i", "ish", "ic")


@lru_cache(maxsize=4096)
def _adjective_country(word: str) -> str | None:
    """The country whose name ``word`` is the adjective of: the country name (a gazetteer key)
    sharing the longest start with it, at least four letters and all but at most three of the
    name's, the rest of the word a nationality ending;
    None when two countries share it as far (Niger / Nigeria before "Nigerien") or none does."""
    folded = word.casefold()
    best, ids = 0, set()
    for key, key_ids in _country_keys():
        n = 0
        while n < min(len(key), len(folded)) and key[n] == folded[n]:
            n += 1
        if n < 4 or len(key) - n > 3 or folded[n:] not in _ADJECTIVE_ENDINGS_EN:
            continue  # (the name's own end at most three letters lost: Brit-ain, Turk-ey, Russi-a)
        if n > best:
            best, ids = n, set(key_ids)
        elif n == best:
            ids |= set(key_ids)
    return next(iter(ids)) if len(ids) == 1 else None


@lru_cache(maxsize=1)
def _country_keys() -> tuple[tuple[str, tuple[str, ...]], ...]:
    from geo.places import _data

    return tuple(sorted((key, tuple(i for i in ids if i.startswith("C:"))) for key, ids in _data()[1].items()
                        if key.isascii() and any(i.startswith("C:") for i in ids)))


def _office_of(text: str) -> str:
    """The office of a voice that is only an office ("the governor", "a spokesman"), else ''."""
    m = re.fullmatch(r"\s*(?:the|a|an)\s+([a-z]+)\s*", text, re.I)
    return m.group(1).lower() if m else ""


def _offices_named(text: str) -> set[str]:
    """The office words of a voice, abbreviations spelled out (Gov. Heidar Alishvandi: governor)."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return words | {TITLE_ABBREVIATION_OFFICES_EN[w] for w in words if w in TITLE_ABBREVIATION_OFFICES_EN}


def _attribution_of(doc: Doc, k: int) -> Attribution | None:
    """The voice a sentence credits its claim to: its first, unless that is an agency and a voice
    of another kind follows (据路透社报道，海军发言人说: the agency relays the spokesman, whom
    another outlet quotes without the agency)."""
    s = doc.sentences[k]
    found = [a for a in doc.facts.attributions if s.start <= a.start < s.end]
    if not found:
        return None
    relayed = [a for a in found[1:] if a.kind not in ("agency", "other")]
    return relayed[0] if found[0].kind == "agency" and relayed else found[0]


def same_voice(a: str, b: str) -> bool:
    """One voice in any script or regional usage (義大利政府 = 意大利政府)."""
    from comparison.text import to_mainland

    a, b = MEDIA_SITE_PARENTS.get(a, a), MEDIA_SITE_PARENTS.get(b, b)  # 新华网 = 新华社
    if _initials_of(a, b) or _initials_of(b, a):
        return True  # the USGS = the US Geological Survey
    if a.isascii() and b.isascii() and ", " in a and ", " in b:
        # Two named voices with their roles ("Capital Research, a consultancy" / "Ferncastle
        # Research, a consultancy"): the names decide, not the shared role words.
        return same_voice(a.partition(",")[0], b.partition(",")[0])
    if a.isascii() and b.isascii() and _same_named_end(a, b):
        return True  # "Police spokesman Dave Gaskin" = "Inspector Gaskin" (read before lower-casing)
    # "the governor" and "Heydar Alishbandi, Governor of Qeshm island" are one voice: articles aside.
    a, b = (_ARTICLES_EN.sub("", to_mainland(x).lower().strip()) for x in (a, b))
    if a == b or _inside(a, b) or _inside(b, a):
        return True
    # One voice written with other context around it (香港警方国家安全处高级警司李桂华 vs
    # 警方国家安全处高级警司李桂华下午会见传媒): most of the shorter is shared.
    # Not 以色列外交部 vs 伊朗外交部 (a shared 外交部 is no shared voice).
    run = _longest_common_run(a, b)
    if run >= 4 and run >= SAME_VOICE_SHARE * min(len(a), len(b)):
        return True
    if _one_state_two_names(a, b):
        return True
    return _same_named_end(a, b) or _one_name_two_renderings(a, b)


def _one_name_two_renderings(a: str, b: str) -> bool:
    """Two Chinese voices naming one person in renderings that sound alike (普赖斯 / 普莱斯,
    ``comparison.phonetics``; the renderings producer reports the spelling): one voice. The name is
    what follows a title, or the whole voice when it is a bare name of two to four characters."""
    from comparison.phonetics import sound_alike

    def name(voice: str) -> str:
        bare = voice if NAME_MIN_CHARS <= len(voice) <= 4 and _CJK_RUN.fullmatch(voice) else ""
        return "" if voice.isascii() else _name_after_title(voice) or bare

    name_a, name_b = name(a), name(b)
    return bool(name_a and name_b) and sound_alike(name_a, name_b)


def _one_state_two_names(a: str, b: str) -> bool:
    """One institution under the two names outlets give one state (中华民国外交部 / 台湾外交部 /
    台外交部; 中共央行 / 中国央行: ``LOADED_PREFIXES``): the same voice, named otherwise (the naming
    producer reports the choice of name). The rest must be the same office, or that office and a
    title with a person (台外交部 / 台湾外交部发言人欧江安); 台北, 台中 are cities, not 台."""
    for names in _STATE_NAMES:
        pa, pb = _state_prefix(a, names), _state_prefix(b, names)
        if not (pa and pb and pa != pb):
            continue
        short, long_ = sorted((a[len(pa):], b[len(pb):]), key=len)
        if len(short) >= 2 and (short == long_ or (long_.startswith(short) and long_[len(short):].startswith(TITLES_ZH))):
            return True
    return False


def _state_prefix(voice: str, names: frozenset[str]) -> str:
    prefix = next((n for n in sorted(names, key=len, reverse=True) if voice.startswith(n)), "")
    if prefix == "台" and voice[1:2] in _TAI_CITIES:
        return ""  # 台北市政府, 台中: a city, not Taiwan
    return prefix


_TAI_CITIES = ("北", "中", "南", "东")


# The names of one state (LOADED_PREFIXES), with 台 for 台湾 as headlines write it (台外交部).
# 北京 is left out: 北京 + an office is as often the city's own (北京市政府, 北京日报).
_STATE_NAMES = tuple(frozenset(names | ({"台"} if "台湾" in names else set())) for names in LOADED_PREFIXES
                     if "北京" not in names)


def _same_named_end(a: str, b: str) -> bool:
    """Two Chinese voices ending in the same person's name after a title (应急管理厅厅长施政介 vs
    应急管理厅长施政介: 施政介 after 厅长 in both). Bodies that share a name (加沙卫生部门 vs
    以色列卫生部门) and one office of two bodies (外交部发言人 vs 国防部发言人) name no person."""
    name_a, name_b = _name_after_title(a), _name_after_title(b)
    if a.isascii() and b.isascii() and name_a and name_b:
        # "dave gaskin" and "gaskin" (no given name written) are one person; "dave gaskin" and
        # "don gaskin" are two.
        from comparison.findings.titles_en import same_given_name

        (*given_a, last_a), (*given_b, last_b) = name_a.split(), name_b.split()
        return last_a == last_b and (not given_a or not given_b or same_given_name(given_a[0], given_b[0]))
    return bool(name_a) and name_a == name_b


def _name_after_title(voice: str) -> str:
    """The characters after the voice's last title word, when they can be a name (2-4 Chinese
    characters, no role word): 施政介 of 应急管理厅厅长施政介; '' otherwise. In English, the
    surname after a title or honorific, or after a given name ("Police spokesman Dave Gaskin",
    "Inspector Gaskin": gaskin), with what stands before it (to tell given names apart)."""
    if voice.isascii():
        return _english_surname(voice)
    ends = [voice.rfind(t) + len(t) for t in TITLES_ZH if t in voice]
    if not ends:
        return ""
    name = voice[max(ends):]
    if not (NAME_MIN_CHARS <= len(name) <= 4 and _CJK_RUN.fullmatch(name)) or name.endswith(_ROLE_ENDINGS_ZH):
        return ""
    return name


_HONORIFICS_EN = ("mr", "mrs", "ms", "dr", "sir")
_TITLED_EN = {w.lower().rstrip(".") for w in (*TITLE_HEADS_EN, *OFFICIAL_TITLE_ABBREVIATIONS_EN, *_HONORIFICS_EN)}


def _english_surname(voice: str) -> str:
    """'gaskin' for "Police spokesman Dave Gaskin" and for "Inspector Gaskin": a capitalized last
    word after a title, an honorific or a given name that itself follows a title ('' otherwise:
    "the Interior Ministry", "Iran's Geological Survey" name no person)."""
    words = re.findall(r"[A-Za-z][\w'.-]*", voice)
    if len(words) < 2 or not (words[-1][:1].isupper() and words[-1][1:].islower() and len(words[-1]) >= 3):
        return ""
    if words[-1].lower() in _TITLED_EN:
        return ""  # "Deputy Minister", "Lieutenant Governor": a title, no surname
    before = [w.lower().rstrip(".") for w in words[:-1]]
    if before[-1] in _TITLED_EN:
        return words[-1].lower()
    if len(before) >= 2 and before[-2] in _TITLED_EN and words[-2][:1].isupper() and before[-1] not in _TITLED_EN:
        return f"{words[-2].lower()} {words[-1].lower()}"  # the given name tells two Gaskins apart
    return ""


# A name after a title has at least this many characters (李明, 施政介).
NAME_MIN_CHARS = 2
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_ROLE_ENDINGS_ZH = (*OFFICIAL_ROLES_ZH, *TITLES_ZH, *GENERIC_VOICES_ZH, *ORGANIZATION_HEADS_ZH, *WITNESS_ZH,
                    *MEDIA_HEADS_ZH, "人士", "人员", "人")


_ARTICLES_EN = re.compile(r"^(?:the|a|an)\s+")


def _initials_of(short: str, long_: str) -> bool:
    """Is ``short`` (as written) the initials of ``long_``'s capitalized words ("USGS": "US
    Geological Survey", "United States Geological Survey")?"""
    short = re.sub(r"^(?:the|a|an)\s+", "", short.strip(), flags=re.I)
    if not (2 <= len(short) <= 8 and short.isascii() and short.isupper() and short.isalpha()):
        return False
    # Each run of adjacent capitalized words is one name ("UNHCR spokesman Adrian Edwards": two).
    words = re.sub(r"^(?:the|a|an)\s+", "", long_.strip(), flags=re.I).split()
    runs, run = [], []
    for w in words + [""]:
        if w[:1].isupper():
            run.append(re.sub(r"[^A-Za-z]", "", w))
        elif run:
            runs.append(run)
            run = []
    return any(short in ("".join(w[:1] for w in r), "".join(w if w.isupper() else w[:1] for w in r)) for r in runs)


def _inside(short: str, long_: str) -> bool:
    """``short`` written within ``long_``: whole words in Latin script ("the US" is not inside
    "Russian officials"), any run of characters in Chinese."""
    if len(short) < 2:
        return False
    if short.isascii():
        return re.search(rf"(?<![a-z]){re.escape(short)}(?![a-z])", long_) is not None
    return short in long_
# Two voices are one when they share a run of at least this share of the shorter's characters.
SAME_VOICE_SHARE = 0.75


def _longest_common_run(a: str, b: str) -> int:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
