"""Renderings producer: one name written in other characters by different outlets (framing).

Three general cases, no list of names:

* **glossed**: the same Latin original in parentheses rendered in other characters,
  博努奇 (Leonardo Bonucci) vs 波努奇 (Leonardo Bonucci); 敏建 (Myingyan) vs 敏延 (Myingyan);
  a name of several words or an acronym the recogniser missed is read back to the sentence's
  words (三佛齊航空 (Sriwijaya Air); 國內生產毛額 (GDP): whole words, about two characters a letter);
  an outlet writing a glossed rendering bare (博努奇, no gloss) renders that gloss too;
* **sound-alike**: an outlet writing a glossed name unglossed in other characters that
  sound alike in Mandarin (果玛 (Goma) vs 戈马; ``comparison.phonetics``) renders that gloss;
* **near**: a person's transliterated name one character apart in two outlets (博努奇 vs
  波努奇, 皮克福德 vs 皮克福), or more characters apart but sounding alike (内塔尼亚胡 vs
  内坦尼雅胡), when neither outlet also writes the other's form;
* **regional**: a Taiwan term for a name where a mainland outlet writes the mainland one
  (義大利 vs 意大利, 紐西蘭 vs 新西兰). The table is OpenCC's own Taiwan phrase dictionary
  (``tw2sp``: a general lexicon of the two standards), applied to named entities only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher

from comparison.docs import Doc, span, written
from comparison.extract import _strip_title, entity_key
from comparison.findings import Context
from comparison.findings.naming import _across_outlets, _edit_distance
from comparison.lexicons.places import LEVEL_SUFFIX_ZH
from comparison.model import Finding
from comparison.phonetics import (
    MIN_SYLLABLES,
    established,
    initial,
    same_initials,
    sound_alike,
    syllables,
)
from comparison.text import longest_first, to_mainland

NAME_KINDS = ("PER", "LOC", "ORG", "NAME")
# Names transliterated by sound: people and places (an organisation's name is translated,
# and 缉毒局 vs 缉毒署 differ in meaning, not in a rendering of one sound).
SOUNDED_KINDS = ("PER", "LOC")
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_RENDERED_RE = re.compile(
    r"(?P<zh>[\u4e00-\u9fff][\u4e00-\u9fff·‧・\-—]{1,11})[”」』\"]?\s*[（(](?P<latin>[A-ZÀ-Þ][A-Za-zÀ-ÿ.'\- ]{2,40})[)）]")
# A name part shorter than this is too common to call two renderings of one name.
NEAR_MIN_CHARS = 3
# Sound-alike renderings more than a character apart are read in names this long: a Chinese
# name has two or three characters, a transliterated surname often four or more (内塔尼亚胡).
SOUND_ALIKE_MIN_CHARS = 4
# Regional terms are read in this much of a text (the diff is linear in it).
REGIONAL_MAX_CHARS = 20_000
# A finding marks every place an outlet writes its form, up to this many per article.
MAX_MENTIONS = 8
# Forms sharing one wildcard key are compared pairwise only up to this many (bounded cost:
# 50 forms one character apart from each other are no transliteration variants).
MAX_BUCKET = 50
# At most this many name pairs a story are checked for a rendering difference.
MAX_NEAR_PAIRS = 200


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    glossed = _glossed(ctx.docs)
    near = [f for f in _near(ctx.docs) if not any(_same_difference(f, g) for g in glossed)]
    return glossed + near + _regional(ctx.docs)


def _same_difference(a: Finding, b: Finding) -> bool:
    """Do two findings mark a common place in two articles (the same difference twice)?"""
    common = {(s.article_id, s.start) for s in a.spans} & {(s.article_id, s.start) for s in b.spans}
    return len({article for article, _ in common}) >= 2


def _glossed(docs: list[Doc]) -> list[Finding]:
    seen, shown = read_glosses(docs)
    _spread_glosses(docs, seen)
    _spread_sound_alikes(docs, seen)
    findings: list[Finding] = []
    for bucket, per_doc in seen.items():
        latin = shown.get(bucket, bucket)
        for (da, (za, sa, ea)), (db, (zb, sb, eb)) in _across_outlets(docs, per_doc):
            if za == zb or _same_characters(za, zb) or _unleveled(za) == _unleveled(zb) or (
                    (_abbreviates(za, zb) or _abbreviates(zb, za)) and not _one_apart(za, zb)):
                continue  # the same characters, or a short and a full form of them (not a name
                # one closing character longer: 皮克福 vs 皮克福德 renders the final "d")
            findings.append(Finding(
                "framing", "entity",
                f"{latin} rendered {written(docs[da], za, sa)} ({docs[da].label}) vs "
                f"{written(docs[db], zb, sb)} ({docs[db].label})",
                _mentions(docs[da], za, (sa, ea)) + _mentions(docs[db], zb, (sb, eb)), latin))
    return findings


def read_glosses(docs: list[Doc]) -> tuple[dict[str, dict[int, tuple[str, int, int]]], dict[str, str]]:
    """Each Latin gloss (as a spaceless lower-case key) -> document -> (its Chinese rendering,
    start, end of the gloss); and each key -> the gloss as written with its spaces."""
    seen: dict[str, dict[int, tuple[str, int, int]]] = defaultdict(dict)
    shown: dict[str, str] = {}  # one gloss however spaced (Upper Kohistan, UpperKohistan)
    for d, doc in enumerate(docs):
        ends = {e.end: e for e in doc.facts.entities if e.kind in NAME_KINDS}
        for m in _RENDERED_RE.finditer(doc.simple):
            key = latin_key(m.group("latin"))
            bucket = key.replace(" ", "")
            if key.count(" ") > shown.get(bucket, "").count(" ") or bucket not in shown:
                shown[bucket] = key  # shown as written with its spaces
            name = ends.get(m.end("zh"))
            if name is None and _level_suffix(m.group("zh")):
                # The recogniser stopped before a level word (柯赫斯坦|地区): the place is both.
                inner = next((ends[m.end("zh") - k] for k in (1, 2, 3) if m.end("zh") - k in ends), None)
                if inner is not None:
                    name = type(inner)(**{**inner.__dict__, "text": doc.simple[inner.start:m.end("zh")],
                                          "end": m.end("zh")})
            if name is not None:
                name = _joined_fragments(doc, ends, name, m.start("zh"))
            # The rendering: the recognised name before the gloss, else as many characters
            # as the gloss's last word has syllables (戈马 for Goma, 马塔雷拉 for Mattarella).
            zh = _strip_title(entity_key(name.text)) if name is not None else ""
            by_syllables = _by_syllables(m.group("zh"), key)
            if len(by_syllables) > len(zh) and by_syllables.endswith(zh):
                # The recogniser cut the name short (雷拉 of 马达雷拉); not into a word before it.
                zh = _after_word(doc.simple, m.end("zh") - len(by_syllables), by_syllables, len(zh))
            if _quoted(doc.simple, m.start("zh"), m.end("zh")):
                zh = m.group("zh")  # a name in quotation marks is all of them (“当今缅甸”)
            acronym = m.group("latin").strip()
            if len(zh) < 2 and (" " in key or acronym.isupper()):
                # 三佛齊航空（Sriwijaya Air）; 國內生產毛額（GDP）: an acronym's words are translated,
                # about two characters each.
                zh = _run_before(doc.simple, m.end("zh"), 2 * len(acronym) if acronym.isupper() else RUN_MAX_CHARS)
            if len(zh) < 2:
                continue
            seen[bucket].setdefault(d, (zh, m.end("zh") - len(zh), m.end()))
    return seen, shown


def _after_word(text: str, start: int, rendering: str, floor: int) -> str:
    """``rendering`` (at ``start``) less leading characters that close a common word with the
    character before them (前往|坤甸: 往坤甸 is 坤甸; 首府|坤甸市), never shorter than ``floor``."""
    while len(rendering) > max(floor, MIN_SYLLABLES) and start > 0 and established(text[start - 1] + rendering[0]):
        start += 1
        rendering = rendering[1:]
    return rendering


def _quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and text[start - 1] in "“「『\"" and text[end:end + 1] in ("”", "」", "』", "\"")


def _same_characters(a: str, b: str) -> bool:
    """The same rendering written with other separators, or a short form of it (卡内尔 of
    米格尔·迪亚斯·卡内尔); not a name with one part rendered otherwise (迪亚兹 vs 迪亚斯),
    which :func:`~comparison.extract.same_entity` takes for one person."""
    pa, pb = _strip_title(entity_key(a)).split("·"), _strip_title(entity_key(b)).split("·")
    short, long_ = sorted((pa, pb), key=len)
    return long_[len(long_) - len(short):] == short


def _spread_glosses(docs: list[Doc], seen: dict[str, dict[int, tuple[str, int, int]]]) -> None:
    """An outlet that writes a name without its Latin original still renders it: when its
    text holds, character for character, a rendering another outlet glossed (博努奇, glossed
    Leonardo Bonucci elsewhere), that is its rendering of the gloss. Only renderings of
    NEAR_MIN_CHARS characters or more (a short one is too often part of another word)."""
    for per_doc in seen.values():
        forms = sorted({zh for zh, _, _ in per_doc.values() if len(zh) >= NEAR_MIN_CHARS}, key=len, reverse=True)
        for d, doc in enumerate(docs):
            if d in per_doc or doc.english:
                continue
            for form in forms:
                m = re.search(_SEPARATED.join(map(re.escape, form)), doc.simple)
                if m:
                    per_doc[d] = _whole_name(doc, form, m.start(), m.end())
                    break


def _joined_fragments(doc: Doc, ends: dict, name, floor: int):
    """A glossed name the recogniser cut in pieces (普赫图|赫瓦省, 伯尔—普赫图…) is one name:
    recognised names that meet end to start, or across a name separator, before the gloss."""
    start = name.start
    while True:
        previous = ends.get(start) or (ends.get(start - 1) if doc.simple[start - 1:start] in _JOINERS else None)
        if previous is None or previous.start < floor or previous.kind != name.kind:
            break
        start = previous.start
    if start == name.start:
        return name
    return type(name)(**{**name.__dict__, "start": start, "text": doc.simple[start:name.end]})


_JOINERS = ("—", "-", "·", "‧", "・")


def _level_suffix(run: str) -> str:
    """The place-level word a run of characters ends with (县, 地区, 省), else ''."""
    return next((x for x in sorted(LEVEL_SUFFIX_ZH, key=len, reverse=True) if run.endswith(x)), "")


def _unleveled(name: str) -> str:
    """A name without its level suffix (坤甸市 -> 坤甸): one place with and without 市."""
    level = _level_suffix(name)
    return name[: len(name) - len(level)] if level and len(name) - len(level) >= MIN_SYLLABLES else name


def _bare(name: str) -> str:
    """A name's last part without a level suffix (苏禄省 -> 苏禄, 威廉·冈萨雷斯 -> 冈萨雷斯)."""
    last = re.split("[·‧・\\-]", name)[-1] if name else ""
    for suffix in sorted(LEVEL_SUFFIX_ZH, key=len, reverse=True):
        if last.endswith(suffix) and len(last) - len(suffix) >= MIN_SYLLABLES:
            return last[:-len(suffix)]
    return last


def _spread_sound_alikes(docs: list[Doc], seen: dict[str, dict[int, tuple[str, int, int]]]) -> None:
    """An outlet that names a glossed name, unglossed, in other characters that sound alike
    (戈马 where another outlet glosses 果玛 as Goma: ``comparison.phonetics``) renders that
    gloss. Only recognised names are read, or a place name the recogniser missed where a place
    name stands (:func:`_place_framed`), and only in an outlet that never writes the glossed
    form itself."""
    for per_doc in seen.values():
        forms = {_bare(zh) for zh, _, _ in per_doc.values()}
        forms = {f for f in forms if _CJK_ONLY.fullmatch(f)}
        if not forms:
            continue
        for d, doc in enumerate(docs):
            if d in per_doc or doc.english or any(f in doc.simple for f in forms):
                continue
            for e in doc.facts.entities:
                if e.kind not in SOUNDED_KINDS:
                    continue
                name = _bare(_strip_title(entity_key(e.text)))
                if _CJK_ONLY.fullmatch(name) and any(sound_alike(f, name) for f in forms):
                    at = doc.simple.find(name, e.start)
                    if at >= 0:
                        per_doc[d] = (name, at, at + len(name))
                        break
            else:
                found = _place_framed(doc.simple, forms)
                if found is not None:
                    per_doc[d] = found


def _place_framed(text: str, forms: set[str]) -> tuple[str, int, int] | None:
    """A sound-alike of a glossed place name the recogniser missed, read only where a place
    name stands: right after a place-level word (省会戈马) or right before a level suffix
    (戈马市)."""
    levels = longest_first(LEVEL_SUFFIX_ZH)
    for n in sorted({len(f) for f in forms}):
        for m in re.finditer(rf"(?:{levels})(?=([\u4e00-\u9fff]{{{n}}}))|(?=([\u4e00-\u9fff]{{{n}}})(?:{levels}))", text):
            name = m.group(1) or m.group(2)
            at = m.end() if m.group(1) else m.start()
            if any(sound_alike(f, name) for f in forms):
                return name, at, at + n
    return None


def _whole_name(doc: Doc, form: str, start: int, end: int) -> tuple[str, int, int]:
    """The rendering an outlet writes where another's form occurs inside it: one more
    character closing the same recognised name is its own rendering (皮克福德 where another
    outlet glosses 皮克福 as Jordan Pickford), else the form itself."""
    for e in doc.facts.entities:
        if e.kind in SOUNDED_KINDS and e.start <= start and e.end == end + 1 and _CJK_ONLY.fullmatch(
                doc.simple[end:e.end]):
            return doc.simple[start:e.end], start, e.end
    return form, start, end


# Renderings are matched across the separators outlets put between name parts (卢克·肖, 卢克肖).
_SEPARATED = "[·‧・\\-]?"


def latin_key(latin: str) -> str:
    """A Latin gloss as a key: accents, hyphens, case and a leading article dropped (Díaz-Canel =
    Diaz Canel; The Myanmar Now = Myanmar Now)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    words = plain.lower().replace("-", " ").split()
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


# Characters that end the words before a glossed name the recogniser did not find: the sentence's
# function characters (孙杨被|体育仲裁法庭（CAS）); such a name is read at most this far back.
_RUN_BREAKS = set("的在从被于由对与和及、把将向给让是为已曾也都并且据称说")
RUN_MAX_CHARS = 10


def _run_before(simple: str, end: int, most: int) -> str:
    """The Chinese characters before a gloss back to a function character or punctuation, at most
    ``most`` of them, for a translated name of several words or an acronym (no syllables to
    count); '' for a run longer than ``RUN_MAX_CHARS`` (a sentence, not a name)."""
    start = end
    while start > 0 and end - start <= RUN_MAX_CHARS and _CJK_ONLY.fullmatch(simple[start - 1]) \
            and simple[start - 1] not in _RUN_BREAKS:
        start -= 1
    if end - start > RUN_MAX_CHARS and most >= RUN_MAX_CHARS:
        return ""
    if end - start <= most:
        return simple[start:end]
    # Whole words from the end, as many as fit (去年第四季|生产总值, 中国|消费者物价指数: not 四季…).
    from comparison.phonetics import _dictionary

    kept = ""
    for word in reversed(_dictionary().lcut(simple[start:end])):
        if len(kept) + len(word) > most:
            break
        kept = word + kept
    return kept


def _by_syllables(zh_run: str, key: str) -> str:
    """The last characters of a Chinese run before a Latin gloss, one per syllable (vowel
    group) of the gloss's last word; '' when the run is shorter or holds a name separator
    (a multi-part rendering needs the recognised name)."""
    words = key.split()
    if not words:
        return ""
    n = len(_VOWEL_GROUPS.findall(words[-1]))
    # A level word after the name (达苏市 for Dasu) renders no syllable of it: count before it.
    level = _level_suffix(zh_run) if n and len(zh_run) > n else ""
    stem = zh_run[: len(zh_run) - len(level)]
    tail = stem[-n:] if n else ""
    if n < 2 or len(stem) < n or not _CJK_ONLY.fullmatch(tail):
        return ""
    return tail + level


def _near(docs: list[Doc]) -> list[Finding]:
    """Transliterated person names one character apart (a substitution, or one more
    character at the end) across outlets: the surnames (博努奇 vs 波努奇), and one inner part
    of two names whose other parts are the same (米格尔·迪亚兹-卡内尔 vs 米格尔-迪亚斯-卡内尔)."""
    names: dict[str, dict[int, tuple[str, int, int]]] = defaultdict(dict)
    for d, doc in enumerate(docs):
        if not doc.english:
            for form, start, end in _name_forms(doc):
                names[form].setdefault(d, (form, start, end))
    findings: list[Finding] = []
    # One pair may come as surnames and as inner parts: once. Capped: a story naming
    # thousands of people cannot make thousands of rendering findings (bounded cost).
    pairs = sorted(set(_one_apart_pairs(names)) | set(_inner_pairs(docs)) | set(_sound_alike_pairs(names)))[:MAX_NEAR_PAIRS]
    for a, b in pairs:
        finding = _near_finding(docs, a, names.get(a, {}), b, names.get(b, {}))
        if finding is not None:
            findings.append(finding)
    return findings


def _name_forms(doc: Doc) -> list[tuple[str, int, int]]:
    """(surname, start, end) of each transliterated person name of ``doc``."""
    out = []
    for e in doc.facts.entities:
        if e.kind != "PER":
            continue
        last = _strip_title(entity_key(e.text)).split("·")[-1]
        at = doc.simple.rfind(last, e.start, e.end) if len(last) >= NEAR_MIN_CHARS and _CJK_ONLY.fullmatch(last) else -1
        if at >= 0:
            out.append((last, at, at + len(last)))
    return out


def _one_apart_pairs(forms) -> list[tuple[str, str]]:
    """The pairs of ``forms`` one character apart (:func:`_one_apart`), found through shared
    wildcard keys (马克?, one per position, and the form less its last character): linear in
    the forms, not quadratic, on an article naming thousands of people."""
    buckets: dict[str, set[str]] = defaultdict(set)
    for form in forms:
        for i in range(len(form)):
            buckets[f"{form[:i]}\0{form[i + 1:]}"].add(form)
        buckets[form].add(form)  # a form is the other less its last character
        buckets[form[:-1]].add(form)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        if 1 < len(members) <= MAX_BUCKET:
            ordered = sorted(members)
            pairs.update((a, b) for x, a in enumerate(ordered) for b in ordered[x + 1:] if _one_apart(a, b))
    return sorted(pairs)


def _sound_alike_pairs(forms) -> list[tuple[str, str]]:
    """Pairs of ``forms`` more than one character apart that sound alike in Mandarin
    (内塔尼亚胡 nei-ta-ni-ya-hu vs 内坦尼雅胡 nei-tan-ni-ya-hu, 弗洛伊德 vs 佛洛依德, 尼坦雅胡 vs
    内坦尼雅胡 with a syllable more: ``comparison.phonetics``) with every initial consonant kept, found
    through shared syllable keys with one syllable left out and shared initials (linear in the
    forms, as :func:`_one_apart_pairs`)."""
    buckets: dict[tuple, set[str]] = defaultdict(set)
    for form in forms:
        if len(form) < SOUND_ALIKE_MIN_CHARS or not _CJK_ONLY.fullmatch(form):
            continue  # a Chinese name (王立军 / 王丽君) is no transliteration: foreign names are longer
        sounds = syllables(form)
        for i in range(len(sounds)):
            buckets[(i, sounds[:i], sounds[i + 1:])].add(form)
        # A syllable more or less (尼坦雅胡 / 内坦尼雅胡) keeps every other initial: the initials
        # of the form, and of the form less each syllable.
        initials = tuple(initial(x) for x in sounds)
        buckets[("initials", initials)].add(form)
        for i in range(len(initials)):
            buckets[("initials", initials[:i] + initials[i + 1:])].add(form)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        if 1 < len(members) <= MAX_BUCKET:
            ordered = sorted(members)
            pairs.update((a, b) for x, a in enumerate(ordered) for b in ordered[x + 1:]
                         if not _one_apart(a, b) and sound_alike(a, b) and (len(a) != len(b) or same_initials(a, b)))
    return sorted(pairs)


def _inner_pairs(docs: list[Doc]) -> list[tuple[str, str]]:
    """Inner name parts one character apart in two names alike in every other part."""
    by_rest: dict[tuple, set[str]] = defaultdict(set)  # the other parts -> this part's forms
    for doc in docs:
        if doc.english:
            continue
        for e in doc.facts.entities:
            key = tuple(_strip_title(entity_key(e.text)).split("·"))
            if e.kind == "PER" and len(key) >= 3 and all(_CJK_ONLY.fullmatch(x) for x in key):
                for i, part in enumerate(key):
                    if len(part) >= NEAR_MIN_CHARS:
                        by_rest[(len(key), i, key[:i] + key[i + 1:])].add(part)
    return sorted({pair for parts in by_rest.values() if len(parts) > 1 for pair in _one_apart_pairs(parts)})


def _near_finding(docs: list[Doc], a: str, names_a: dict, b: str, names_b: dict) -> Finding | None:
    """One framing finding naming every outlet that writes ``a`` and never ``b``, and every one
    that writes ``b`` and never ``a``; None unless two of them are of different groups."""
    # Outlets writing the form only inside a longer name count too (米格尔·迪亚兹·卡内尔).
    names_a = {**_written(docs, a), **names_a}
    names_b = {**_written(docs, b), **names_b}
    side_a = {d: v for d, v in names_a.items() if b not in docs[d].simple}
    side_b = {d: v for d, v in names_b.items() if a not in docs[d].simple}
    if not any(docs[da].group != docs[db].group for da in side_a for db in side_b):
        return None

    def outlets(side: dict) -> str:
        return ", ".join(docs[d].label for d in side)

    def forms(side: dict) -> str:
        # The form as each outlet writes it (内塔尼亚胡, 內塔尼亞胡): one script's copy is no other form.
        return "/".join(dict.fromkeys(written(docs[d], z, start) for d, (z, start, _end) in side.items()))

    spans = [s for side in (side_a, side_b) for d, (z, start, end) in side.items() for s in _mentions(docs[d], z, (start, end))]
    return Finding("framing", "entity",
                   f"one name rendered {forms(side_a)} ({outlets(side_a)}) vs {forms(side_b)} ({outlets(side_b)})", spans, a)


def _written(docs: list[Doc], form: str) -> dict[int, tuple[str, int, int]]:
    """Where each non-English document first writes ``form`` (Simplified)."""
    out = {}
    for d, doc in enumerate(docs):
        at = doc.simple.find(form)
        if at >= 0 and not doc.english:
            out[d] = (form, at, at + len(form))
    return out


def _mentions(doc: Doc, form: str, first: tuple[int, int]) -> list:
    """Spans of ``first`` and of every other place ``doc`` writes ``form`` (capped)."""
    spans = [span(doc, *first)]
    at = doc.simple.find(form)
    while at >= 0 and len(spans) < MAX_MENTIONS:
        if at != first[0]:
            spans.append(span(doc, at, at + len(form)))
        at = doc.simple.find(form, at + len(form))
    return spans


def _abbreviates(short: str, long_: str) -> bool:
    """Is ``short`` an abbreviation of ``long_`` (its characters in order: 国际奥委会 of
    国际奥林匹克委员会)? Then the two are one rendering, shortened."""
    if len(short) >= len(long_):
        return False
    rest = iter(long_)
    return all(ch in rest for ch in short)


def _one_apart(a: str, b: str) -> bool:
    if len(a) == len(b):
        return _edit_distance(a, b) == 1
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and long_.startswith(short)


def _regional(docs: list[Doc]) -> list[Finding]:
    mainland = [d for d, doc in enumerate(docs) if not doc.english and doc.article.script == "Hans"]
    findings: list[Finding] = []
    seen: set[tuple[int, int, str]] = set()
    for d, doc in enumerate(docs):
        if doc.english or doc.article.script != "Hant":
            continue
        for start, end, term, core, taiwan_core in _regional_terms(doc):
            for m in mainland:
                other = docs[m]
                at = other.simple.find(term)
                if docs[m].group == doc.group or at < 0 or doc.simple[start:end] in other.simple:
                    continue
                if not any(e.start < at + len(term) and at < e.end for e in other.facts.entities
                           if e.kind in NAME_KINDS):
                    continue
                # One finding per regional form and article pair (義大利 in 義大利外交部 and
                # 義大利政府 is one choice of name), marking its first mention.
                if (d, m, core) in seen:
                    continue
                seen.add((d, m, core))
                original = doc.article.text[start:end]
                # Every mention of the two forms (義大利 in 義大利政府 too), capped.
                findings.append(Finding(
                    "framing", "entity",
                    f"regional naming: {original} ({doc.label}, Taiwan usage) vs {written(other, term, at)} ({other.label})",
                    _mentions(doc, taiwan_core, (start, end)) + _mentions(other, core, (at, at + len(term))),
                    term))
    return findings


def _regional_terms(doc: Doc) -> list[tuple[int, int, str, str, str]]:
    """(start, end, mainland form, the replaced part's mainland form, its Taiwan form in the
    Simplified copy) of each name in a Traditional text whose Taiwan form OpenCC's phrase
    table converts to another mainland form than plain t2s."""
    plain = doc.simple[:REGIONAL_MAX_CHARS]
    regional = to_mainland(doc.article.text[:REGIONAL_MAX_CHARS])
    terms = []
    names = [(e.start, e.end) for e in doc.facts.entities if e.kind in NAME_KINDS]
    matcher = SequenceMatcher(None, plain, regional, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1:
            continue
        name = next(((s, e) for s, e in names if s <= i1 and i2 <= e), None)
        if name is None:
            continue
        start, end = name
        term = plain[start:i1] + regional[j1:j2] + plain[i2:end]
        if len(term) >= 2:
            terms.append((start, end, term, regional[j1:j2], plain[i1:i2]))
    return terms
