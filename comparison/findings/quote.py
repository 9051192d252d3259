"""Quote producer: the same quotation (or the same speaker) across outlets, in the same
words (agree) or in other words (framing), and quotes only one outlet carries."""

from __future__ import annotations

import re
from functools import lru_cache

from comparison.docs import Doc, span
from comparison.extract import same_entity
from comparison.findings import Context
from comparison.model import Finding
from comparison.text import to_simplified


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    return _quote_findings(ctx)


def _quote_findings(ctx: Context) -> list[Finding]:
    from comparison.align import lexical_similarity

    docs = ctx.docs
    # Bounded cost (pairs are compared all against all): each article's first quotations.
    items = [(d, q) for d, doc in enumerate(docs) for q in doc.facts.quotes[:MAX_QUOTES_PER_ARTICLE]]
    if not items:
        return []
    matrix = lexical_similarity([q.text for _, q in items])
    sentences = [docs[d].sentence_at(q.start) for d, q in items]

    def one_quotation(x: int, y: int) -> bool:
        (d, q), (d2, q2) = items[x], items[y]
        if docs[d2].group == docs[d].group:
            return False
        if docs[d].english != docs[d2].english:
            # One statement in translation: names in two scripts are not compared here, so
            # the sentences holding both must state the same claim.
            return (sentences[x] >= 0 and sentences[y] >= 0
                    and ctx.score(d, sentences[x], d2, sentences[y]) >= SAME_SPEAKER_ALIGNMENT)
        if docs[d].english and docs[d2].english:
            # Two English quotations of one statement share its words in order (an outlet may
            # quote less, or a word otherwise); character n-grams join any two English texts.
            return matrix[x, y] >= SAME_SPEAKER_SIMILARITY and _one_english_statement(q.text, q2.text)
        if matrix[x, y] >= SAME_QUOTATION_SIMILARITY:
            return True
        if not _shares_a_speaker(q, q2):
            return False
        # One speaker: a share of the wording, or (another translation shares few characters)
        # the sentences holding both state the same claim.
        return matrix[x, y] >= SAME_SPEAKER_SIMILARITY or (
            sentences[x] >= 0 and sentences[y] >= 0
            and ctx.score(d, sentences[x], d2, sentences[y]) >= SAME_SPEAKER_ALIGNMENT)

    pairs = _best_partners(items, docs, matrix, ctx, sentences, one_quotation)
    return _pair_findings(items, docs, pairs)


def _best_partners(items, docs, matrix, ctx, sentences, one_quotation) -> list[tuple[int, int]]:
    """One quotation of each article at most per quotation of another (a speaker quoted twice
    is not compared with both): candidate pairs taken best first, by wording and claim."""
    scored = []
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            if one_quotation(x, y):
                (d, _), (d2, _) = items[x], items[y]
                claim = ctx.score(d, sentences[x], d2, sentences[y]) if min(sentences[x], sentences[y]) >= 0 else 0.0
                scored.append((float(matrix[x, y]) + claim, x, y))
    taken: set[tuple[int, int]] = set()  # (quotation, other article) already paired
    pairs = []
    for _score, x, y in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        dx, dy = items[x][0], items[y][0]
        if (x, dy) in taken or (y, dx) in taken:
            continue
        taken.update({(x, dy), (y, dx)})
        pairs.append((x, y))
    return pairs


def _pair_findings(items, docs, pairs: list[tuple[int, int]]) -> list[Finding]:
    findings: list[Finding] = []
    alike_with: dict[int, set[int]] = {}
    for x, y in sorted(pairs):
        (d, q), (d2, q2) = items[x], items[y]
        who = q.who() or q2.who() or "an unnamed speaker"
        if docs[d].english != docs[d2].english:
            # A translation's words always differ: both quote the statement (no framing).
            names = " / ".join(dict.fromkeys(n for n in (q.who(), q2.who()) if n)) or who
            findings.append(Finding(
                "agree", "quote", f"{docs[d].label} and {docs[d2].label} quote {names} (in translation)",
                [span(docs[d], q.start, q.end), span(docs[d2], q2.start, q2.end)], who))
            continue
        if _no_named_speaker_shared(docs[d], q, docs[d2], q2):
            # One quotation, two named speakers: who said it is what differs.
            findings.append(Finding(
                "framing", "quote",
                f"one quotation credited to two speakers: {q.who()} ({docs[d].label}) vs "
                f"{q2.who()} ({docs[d2].label}): \u201c{q.text[:60]}\u201d",
                [span(docs[d], q.start, q.end), span(docs[d2], q2.start, q2.end)], who))
            continue
        if _same_words(q.text, q2.text):
            alike_with.setdefault(x, {x}).add(y)
            alike_with.setdefault(y, {y}).add(x)
            continue
        # One quotation not in the same words (another translation, a paraphrase inside
        # quotation marks): how an outlet renders a speaker is a framing choice. Only the
        # same words are "alike": a false agreement is worse than none.
        differing = _differing_words(q.text, q2.text)
        findings.append(Finding(
            "framing", "quote",
            f"{who} quoted in other words: {docs[d].label} \u201c{q.text[:60]}\u201d vs "
            f"{docs[d2].label} \u201c{q2.text[:60]}\u201d" + (f"; the words that differ: {differing}" if differing else ""),
            [span(docs[d], q.start, q.end), span(docs[d2], q2.start, q2.end)], who))
    reported: set[int] = set()
    for x in sorted(alike_with):
        if x in reported:
            continue
        group = sorted(_component(alike_with, x))
        reported.update(group)
        who = next((items[y][1].who() for y in group if items[y][1].speaker), "") or "an unnamed speaker"
        spans = [span(docs[items[y][0]], items[y][1].start, items[y][1].end) for y in group]
        outlets = sorted({docs[items[y][0]].label for y in group})
        findings.append(Finding("agree", "quote", f"{', '.join(outlets)} quote {who} alike", spans, who))
    paired = {x for pair in pairs for x in pair}
    for x, (d, q) in enumerate(items):
        if x not in paired and q.speaker:
            # When another outlet quotes the speaker too (saying something else), it is this
            # quotation that only this outlet has, not the speaker.
            elsewhere = any(_shares_a_speaker(q, q2) and docs[d2].group != docs[d].group for d2, q2 in items)
            words = q.text.strip(' "\u201c\u201d\u300c\u300d\u300e\u300f,\uff0c')[:60]
            said = f" saying \u201c{words}\u201d" if elsewhere else ""
            findings.append(Finding("unique", "quote", f"only {docs[d].label} quotes {q.who()}{said}",
                                    [span(docs[d], q.start, q.end)], q.who()))
    return findings


def _person_named(doc, speaker: str) -> str:
    """The person's name a speaker ends with (行政院长卓荣泰: 卓荣泰), as the article's name
    recognizer read it; '' for a speaker that is no named person (一位家长, a garbled span)."""
    names = [e.text for e in doc.facts.entities if e.kind == "PER" and len(e.text) >= 2 and speaker.endswith(e.text)]
    return max(names, key=len, default="")


def _shares_a_speaker(q, q2) -> bool:
    """Is one person among the speakers both quotations are credited to ("...," said A and B / A
    said)?"""
    return any(same_entity(a, b) for a in q.credited() for b in q2.credited())


def _no_named_speaker_shared(doc, q, other_doc, q2) -> bool:
    """Are two quotations credited to named persons none of whom is the other's (A and B / C: yes;
    A and B / B: no, one of the speakers each names)? :func:`_two_named_speakers` for each pair."""
    return bool(q.credited() and q2.credited()) and all(
        _two_named_speakers(doc, a, other_doc, b) for a in q.credited() for b in q2.credited())


def _two_named_speakers(doc, speaker: str, other_doc, other: str) -> bool:
    """Two different named persons in one script: not one speaker with and without a title
    (Mr Gaskin / Inspector Gaskin), nor a name in two scripts (read alike elsewhere)."""
    from comparison.text import to_simplified

    a, b = _person_named(doc, speaker or ""), _person_named(other_doc, other or "")
    if not a or not b or a.isascii() != b.isascii():
        return False
    if a.isascii():
        return a.split()[-1].lower() != b.split()[-1].lower()
    a, b = to_simplified(a), to_simplified(b)
    return not (same_entity(a, b) or a in b or b in a)


def _component(links: dict[int, set[int]], start: int) -> set[int]:
    seen, todo = {start}, [start]
    while todo:
        for y in links.get(todo.pop(), ()):
            if y not in seen:
                seen.add(y)
                todo.append(y)
    return seen


# Two quotations this close (character TF-IDF cosine over the story's quotes) are one; for
# one speaker, a lower share, or sentences the alignment model puts at least this likely
# to state one claim (a translation shares few characters).
SAME_QUOTATION_SIMILARITY = 0.3
MAX_QUOTES_PER_ARTICLE = 100
SAME_SPEAKER_SIMILARITY = 0.15
# 0.8 chosen on the development stories (session 21): at 0.5, one speaker's two different
# statements (拜登: 正义得以伸张 vs 今天的判决是向前迈出的一步) were paired as one quotation.
SAME_SPEAKER_ALIGNMENT = 0.8
_NOT_WORDS = re.compile(r"[\W_]+")


_CJK = re.compile(r"[\u4e00-\u9fff]")
# The differing stretches a quote finding lists, and the most tokens (words, or Chinese
# characters) compared so (a diff is quadratic in the worst case: bounded cost).
MAX_DIFFERENCES_SHOWN = 3
MAX_DIFF_CHARS = 2_000


# Two English quotations are one statement when they share a run of this many words in order
# with this share of all their words matched ("the situation is very bad": one statement
# whose clauses two outlets order otherwise), or when most of the shorter one's words recur in
# order ("We will rebuild every house" / "We shall rebuild each and every house"). One
# speaker's two statements share a word or two ("the alternative would be bankruptcy" / "the
# situation would be infinitely more serious": only "would be").
SHARED_ENGLISH_RUN = 3
SHARED_RUN_LETTERS = 12
SHARED_ENGLISH_RATIO = 0.3
SHORTER_ENGLISH_COVERED = 0.75


@lru_cache(maxsize=4096)
def _english_words(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    words = tuple(re.findall(r"\w+", text.lower()))
    return words, frozenset(words)


def _one_english_statement(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    (wa, set_a), (wb, set_b) = _english_words(a), _english_words(b)
    if not wa or not wb or len(wa) + len(wb) > MAX_DIFF_CHARS:
        return False
    shared = len(set_a & set_b)
    if shared < min(SHARED_ENGLISH_RUN, len(wa), len(wb)) and shared < SHORTER_ENGLISH_COVERED * min(len(wa), len(wb)):
        return False  # too few words in common for either test: no sequence match needed
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    if matcher.quick_ratio() < SHARED_ENGLISH_RATIO:
        return False  # an upper bound of the ratio; the coverage test needs as many matches
    blocks = matcher.get_matching_blocks()
    matched = sum(b.size for b in blocks)
    # A run of small words ("this is a") is no shared wording: it must hold some letters.
    run = any(b.size >= SHARED_ENGLISH_RUN and len("".join(wa[b.a:b.a + b.size])) >= SHARED_RUN_LETTERS
              for b in blocks)
    return (run and matcher.ratio() >= SHARED_ENGLISH_RATIO
            or matched >= SHORTER_ENGLISH_COVERED * min(len(wa), len(wb)))


def _differing_words(a: str, b: str) -> str:
    """Where two renderings of one quotation differ, as "theirs / ours" stretches (于8日 / 7月8日;
    "murderous act" / "raw murderous act"), punctuation aside; '' for two wholly other texts."""
    from difflib import SequenceMatcher

    english = not _CJK.search(a + b)  # curly quotes and accents do not make English text Chinese
    if english:
        ta = shown_a = re.findall(r"\w+", a.lower())
        tb = shown_b = re.findall(r"\w+", b.lower())
    else:
        # Compared in Simplified, shown as each outlet writes them (與 / 和 from a Traditional report).
        (ta, shown_a), (tb, shown_b) = _characters(a), _characters(b)
    if not ta or not tb or len(ta) + len(tb) > MAX_DIFF_CHARS:
        return ""
    matcher = SequenceMatcher(None, ta, tb, autojunk=False)
    if matcher.ratio() < 0.5:
        return ""  # another translation altogether: no stretch to point at
    joiner = " " if english else ""
    shown = [f"{joiner.join(shown_a[i1:i2]) or '—'} / {joiner.join(shown_b[j1:j2]) or '—'}"
             for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    return "; ".join(shown[:MAX_DIFFERENCES_SHOWN])


def _characters(text: str) -> tuple[list[str], list[str]]:
    """The word characters of a Chinese quotation (punctuation aside): in Simplified, and as written."""
    simple = to_simplified(text)  # the same length: a character's place is its place in ``text``
    kept = [i for i, ch in enumerate(simple) if not _NOT_WORDS.fullmatch(ch)]
    return [simple[i] for i in kept], [text[i] for i in kept]


# A count in Chinese numerals before a measure word (九名, 三名): written in digits by another
# outlet quoting the same words (9名, 3名).
_COUNTED_NUMERAL = re.compile(r"(?<![\d.])[零〇一二两三四五六七八九十百千万]+(?=[名人个位架艘次岁])")
_CN_DIGIT_CHARS = set("零〇一二两三四五六七八九")


def _digits(text: str) -> str:
    from comparison.numbers import parse_chinese_integer

    def as_digits(m: re.Match) -> str:
        run = m.group(0)
        if len(run) > 1 and all(c in _CN_DIGIT_CHARS for c in run):
            return run  # 四五个, 两三名: an approximate count, not one number
        value = parse_chinese_integer(run)
        return run if value is None else str(value)

    return _COUNTED_NUMERAL.sub(as_digits, text)


def _same_words(a: str, b: str) -> bool:
    """One quotation in the same words: equal, or one inside the other, once script, case,
    punctuation and counts written in numerals or digits (九名 / 9名) are set aside (an outlet
    may quote less of it). A word more or less is other words ("the future of Europe" vs "the
    future of all Europe")."""
    a, b = (_NOT_WORDS.sub("", _digits(to_simplified(x)).lower()) for x in (a, b))
    return bool(a) and bool(b) and (a in b or b in a)


def _quotes(docs: list[Doc]) -> list[dict]:
    return [
        {"outlet": doc.label, "article_id": doc.article.id, "speaker": q.who(), "text": q.text,
         "span": [doc.article.id, q.start, q.end, q.text]}
        for doc in docs for q in doc.facts.quotes
    ]

