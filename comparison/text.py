"""Sentence units with exact offsets, and script normalization.

Every span this package produces is a pair of character offsets into
``Article.text``; the helpers here never change the length of a text, so an
offset found on a normalized copy is an offset into the original.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from comparison.lexicons.timewords import TIME_ZONES

# Sentence-final punctuation for Chinese (and full-width forms used in Chinese text).
_CJK_TERMINATORS = "。！？；!?;"
# Characters that may trail a terminator and still belong to the sentence.
_TRAILERS = "”」』’\"')）】]"
_OPEN_QUOTES = {"“": "”", "「": "」", "『": "』"}
_CLOSE_QUOTES = {v: k for k, v in _OPEN_QUOTES.items()}
# A quote longer than this is probably an unbalanced quote mark, not a quotation:
# stop protecting it so a paragraph does not become one giant "sentence".
_MAX_QUOTE_CHARS = 400
# A semicolon inside brackets separates the items of a breakdown (12万人受灾（甲地4万人；乙地7万人）),
# no sentences: the bracket stays in the sentence of the total it breaks down. Only a bracket
# closed within this many characters (an unbalanced one protects nothing).
_BRACKETS = {"（": "）", "(": ")"}
_LIST_SEPARATORS = "；;"
_MAX_BRACKET_CHARS = 200
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Sentence:
    """One sentence (or one whole multi-sentence quotation) of an article."""

    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph it belongs to


@lru_cache(maxsize=1)
def _t2s_converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _t2s_char(char: str) -> str:
    converted = _t2s_converter().convert(char)
    return converted if len(converted) == 1 else char


def longest_first(words, escape: bool = False) -> str:
    """A regex alternation of ``words``, the longest first, so that a longer word wins over a
    word it starts with (广州市 before 广州; "last week" before "last"); ``escape``: the words are
    literal text (re.escape). The one home of every lexicon-built alternation."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered) if escape else "|".join(ordered)


def words_outside(words, inside) -> str:
    """A regex alternation of ``words`` (longest first) that matches none of them as a part of a
    longer word in ``inside`` (自称 holds 称, 称为 opens with it, 代表示威 holds 表示 across two
    words): each such occurrence is excluded by a lookahead, with a lookbehind for what comes
    before the word in the longer one."""
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        guards = []
        for longer in inside:
            at = longer.find(word)
            while at >= 0:
                before, rest = longer[:at], longer[at:]
                guard = f"(?<={re.escape(before)})" if before else ""
                guards.append(f"(?!{guard}{re.escape(rest)})")
                at = longer.find(word, at + 1)
        alternatives.append("".join(guards) + re.escape(word))
    return "|".join(alternatives)


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese, guaranteed to keep the length (and offsets).

    OpenCC's phrase conversion can occasionally change a text's length; when it
    does, we fall back to character-by-character conversion so offsets found in
    the simplified copy stay valid in the original.
    """
    if not text:
        return text
    converted = _t2s_converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_t2s_char(c) for c in text)


@lru_cache(maxsize=1)
def _taiwan_to_mainland():
    import opencc

    return opencc.OpenCC("tw2sp")


def to_mainland(text: str) -> str:
    """Taiwan usage -> mainland Simplified (義大利 -> 意大利), through OpenCC's phrase table
    ``tw2sp``. Its length may differ from the original's: for comparing names, never offsets."""
    return _taiwan_to_mainland().convert(text) if text else text


def is_chinese(text: str) -> bool:
    """True when a text is mostly Chinese (by CJK share of its letters)."""
    sample = text[:2000]
    cjk = len(_CJK_RE.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    return cjk >= latin / 4 and cjk > 0


# The languages the comparison reads for figures, dates, names and voices: Chinese (either script)
# and English; a text of no language told ("und") is read as one of them by ``is_chinese``. A text
# in a language told apart (articles.normalize.detect_language) but not read is compared by its
# sentences' meaning only: read with Chinese or English rules, its figures were misread (67.173,
# a Russian dateline's day as a count, an Arabic count of the injured set against one of the dead).
READ_LANGUAGES = frozenset({"zh", "en", "und"})
LANGUAGE_NAMES = {"ja": "Japanese", "ko": "Korean", "ru": "Russian", "ar": "Arabic", "de": "German",
                  "fr": "French", "es": "Spanish", "vi": "Vietnamese"}


def language_not_read(text: str) -> str | None:
    """The language code of ``text`` when the comparison does not read it, else None."""
    from articles.normalize import detect_language

    code = detect_language(text)
    return None if code in READ_LANGUAGES else code


def _inside_brackets(par: str, start: int, at: int) -> bool:
    """Is ``par[at]`` inside a bracket opened after ``start`` (the sentence's) and closed within
    _MAX_BRACKET_CHARS of its opening, with no sentence end but semicolons between?"""
    lo = max(start, at - _MAX_BRACKET_CHARS)  # bounded: each semicolon looks back this far at most
    opener = max((par.rfind(o, lo, at), o) for o in _BRACKETS)
    if opener[0] < 0 or par.find(_BRACKETS[opener[1]], opener[0], at) >= 0:
        return False
    close = par.find(_BRACKETS[opener[1]], at, opener[0] + _MAX_BRACKET_CHARS)
    return close >= 0 and not any(c in "。！？!?" for c in par[opener[0]:close])


def _split_chinese_paragraph(par: str, offset: int, index: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    expected_closers: list[str] = []  # stack of closing marks we wait for
    quote_open_at = -1
    ascii_quote_open = False
    i = 0
    n = len(par)
    while i < n:
        ch = par[i]
        if ch in _OPEN_QUOTES:
            if not expected_closers and not ascii_quote_open:
                quote_open_at = i
            expected_closers.append(_OPEN_QUOTES[ch])
        elif ch in _CLOSE_QUOTES:
            if expected_closers and expected_closers[-1] == ch:
                expected_closers.pop()
                if not expected_closers and not ascii_quote_open and i > 0 and par[i - 1] in _CJK_TERMINATORS:
                    # “……。” closes a quoted sentence: the unit ends here.
                    end = i + 1
                    while end < n and par[end] in _TRAILERS:
                        end += 1
                    _add(sentences, par, start, end, offset, index)
                    start = i = end
                    continue
        elif ch == '"':
            ascii_quote_open = not ascii_quote_open
            if ascii_quote_open and not expected_closers:
                quote_open_at = i
        inside_quote = bool(expected_closers) or ascii_quote_open
        if inside_quote and i - quote_open_at > _MAX_QUOTE_CHARS:
            expected_closers.clear()
            ascii_quote_open = False
            inside_quote = False
        if ch in _LIST_SEPARATORS and not inside_quote and _inside_brackets(par, start, i):
            i += 1
            continue
        if ch in _CJK_TERMINATORS and not inside_quote:
            end = i + 1
            while end < n and par[end] in _TRAILERS:
                end += 1
            _add(sentences, par, start, end, offset, index)
            start = end
            i = end
            continue
        i += 1
    _add(sentences, par, start, n, offset, index)
    return _merge_fragments(sentences, par, offset)


def _merge_fragments(sentences: list[Sentence], par: str, offset: int) -> list[Sentence]:
    """Glue a very short piece (“……。”他说。) back onto the sentence before it."""
    merged: list[Sentence] = []
    for s in sentences:
        if merged and len(s.text) < 6:
            prev = merged[-1]
            merged[-1] = Sentence(prev.start, s.end, par[prev.start - offset:s.end - offset], s.paragraph)
        else:
            merged.append(s)
    return merged


def _add(out: list[Sentence], par: str, start: int, end: int, offset: int, index: int) -> None:
    # Trim surrounding whitespace but keep offsets exact.
    while start < end and par[start].isspace():
        start += 1
    while end > start and par[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(offset + start, offset + end, par[start:end], index))


# Bounded cost: the sentence segmenter reads pieces of at most this many
# characters (cut after the last sentence end, else the last space, of a window);
# fed a 50,000-word paragraph whole, sentencex allocates tens of kilobytes a word.
MAX_SEGMENTER_CHARS = 2000


def _bounded_chunks(par: str, limit: int = MAX_SEGMENTER_CHARS) -> list[tuple[int, int]]:
    chunks, start = [], 0
    while len(par) - start > limit:
        window = par[start:start + limit]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if cut < limit // 4:
            cut = window.rfind(" ")
        stop = start + (cut + 1 if cut > 0 else limit)
        chunks.append((start, stop))
        start = stop
    chunks.append((start, len(par)))
    return chunks


def _split_other_paragraph(par: str, offset: int, index: int, language: str) -> list[Sentence]:
    from sentencex import segment

    sentences: list[Sentence] = []
    for chunk_start, chunk_end in _bounded_chunks(par):
        chunk = par[chunk_start:chunk_end]
        cursor = 0
        try:
            pieces = list(segment(language or "en", chunk))
        except Exception:  # unknown language code: sentencex falls back poorly, use English
            pieces = list(segment("en", chunk))
        spans: list[list[int]] = []
        for piece in pieces:
            stripped = piece.strip()
            if not stripped:
                continue
            found = chunk.find(stripped, cursor)
            if found < 0:
                continue
            if spans and _ZONE_AFTER_CLOCK_RE.search(chunk, 0, spans[-1][1]) and _ZONE_OPENS_RE.match(chunk, found):
                spans[-1][1] = found + len(stripped)  # "at 06:10 a.m. GMT (2:10 a.m. EDT), the coastguard said": one sentence
            else:
                spans.append([found, found + len(stripped)])
            cursor = found + len(stripped)
        for start, end in spans:
            for piece_start, piece_end in _quotation_openings(chunk, start, end):
                _add(sentences, par, chunk_start + piece_start, chunk_start + piece_end, offset, index)
    return sentences


# A sentence end, then an opening curly quotation mark: a new quotation begins, a new sentence with
# it. The press's quotation running over paragraphs opens each paragraph with “ and closes only the
# last; flattened into one paragraph (a feed, a corpus), “…evening. “The fire has… reads as one
# quotation still open, and the segmenter kept it whole: one "sentence" of four.
_QUOTATION_OPENS_RE = re.compile(r"(?<=[.!?])\s+(?=“\S)")


def _quotation_openings(chunk: str, start: int, end: int) -> list[tuple[int, int]]:
    """The piece chunk[start:end] cut before each quotation opened after a sentence end."""
    pieces, at = [], start
    for m in _QUOTATION_OPENS_RE.finditer(chunk, start, end):
        pieces.append((at, m.start()))
        at = m.end()
    return [*pieces, (at, end)]


# A clock time's "a.m." / "p.m." is no sentence end before the time zone it is given in.
_ZONE_AFTER_CLOCK_RE = re.compile(r"\d\s*[ap]\.m\.$", re.I)
_ZONE_OPENS_RE = re.compile(rf"(?:{'|'.join(TIME_ZONES)})\b")


def split_sentences(text: str, language: str = "zh") -> list[Sentence]:
    """Sentences of ``text`` (an ``Article.text``), paragraph by paragraph.

    Chinese text splits on 。！？； (with closing quotes kept on the sentence) but
    never inside a quotation, so “……。……。” stays one unit. Other languages go
    through ``sentencex``.
    """
    sentences: list[Sentence] = []
    offset = 0
    for index, par in enumerate(text.split("\n")):
        if language == "zh" or is_chinese(par):
            sentences += _split_chinese_paragraph(par, offset, index)
        else:
            sentences += _split_other_paragraph(par, offset, index, language)
        offset += len(par) + 1
    return sentences


class TakenSpans:
    """Spans of a text that readers have taken, none overlapping another: is a new span free?
    Sorted, so each question costs log(n), not n (a sentence of 40,000 dates took minutes)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self._starts, end)  # spans starting before ``end``
        return k > 0 and self._ends[k - 1] > start  # the last of them reaches past ``start``

    def append(self, span: tuple[int, int]) -> None:
        k = bisect.bisect_left(self._starts, span[0])
        self._starts.insert(k, span[0])
        self._ends.insert(k, span[1])

