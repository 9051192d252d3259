"""A person's name after a title, read whole where the recogniser cut it into pieces.

LAC reads Japanese names written in Chinese (a two-character surname and a given name of one to
three characters) by their characters and cuts them where a piece is also a word: 知事|森川健|太|
表示 (太 "too"), 大臣|野田|正孝|在 (正孝 an adverb), 知事|内|堀田雄 (内 "inside"), 知事|难|波一郎
(two persons), or glues the title to the name (知事森川健太 as one verb, 知|事森川健 as one person).
After a title a name is expected, so there the pieces between the title and what ends a name (a
punctuation mark, a time, a preposition, a verb of speech, 的) are one name, when the recogniser
read a person among them and the whole is no longer than a Japanese name. No list of names: a
title lexicon, the recogniser's tags and function characters that a name does not take in.
"""

from __future__ import annotations

import re

from comparison.lexicons.attribution import TITLES_ZH
from comparison.lexicons.reporting import SPEECH_VERBS_ZH
from comparison.lexicons.timewords import RELATIVE_DAYS_ZH, WEEKDAYS_ZH

Token = tuple[int, int, str]  # (start, end, tag), offsets into the text

# Longest a name after a title is read: a Japanese name of two and three characters.
NAME_AFTER_TITLE_MAX = 5
# Longest piece of a name the recogniser tagged as some other word (正孝, 太).
NAME_PIECE_MAX = 2
_TITLES = tuple(sorted(TITLES_ZH, key=len, reverse=True))


def _index(positions) -> dict[str, tuple]:
    """``_TITLES`` indexed by one character of each title: ``positions(title)`` gives (k, entry)
    pairs, and the entries under a character keep ``_TITLES``' order (longest first), then k's."""
    out: dict[str, list] = {}
    for title in _TITLES:
        for k, entry in positions(title):
            out.setdefault(title[k], []).append(entry)
    return {ch: tuple(entries) for ch, entries in out.items()}


# The titles looked up at a position are only those holding the character there (a few of the
# lexicon's), not every title for every token: the lookups ran ~13 µs a character, 2.7 s for a
# 200,000-character article. Titles by their last character (those that may end before a
# position), by their first (those a token may open with), and (title, k) by each character
# after the first (those a person's token may start inside, k characters in).
_TITLES_BY_LAST = _index(lambda t: [(len(t) - 1, t)])
_TITLES_BY_FIRST = _index(lambda t: [(0, t)])
_TITLES_BY_INNER = _index(lambda t: [(k, (t, k)) for k in range(1, len(t))])
# The last characters of titles (长 of 董事长, 官 of 长官, 员 of 研究员): a character of one of
# these between a title and a name ends a longer title (董事|长, 部长|官), no surname's.
_TITLE_ENDS = frozenset(t[-1] for t in TITLES_ZH)
# Characters a name after a title does not take in: prepositions, conjunctions, particles,
# adverbs that stand between a subject and its verb (也, 曾, 已), times (会见总统时李明说), pronouns, plural and collective
# endings (们, 等, 家), the 语 of a quotation's source (（某某语）); a name piece holding one is a word of the sentence. Not numerals: Japanese
# given names hold them (健一, 一郎, 雄二).
_NOT_NAME_CHARS = frozenset("和与同向由被对及跟把将在从给让为是说称讲道也还就都则又再曾已仍才并便却亦均皆即要会更"
                            "先没不未等的地得了着过所而或今昨前后时际间们家语其此这那该各每他她它我你两几")
# Tags of tokens that are no piece of a name: punctuation, times, places, bodies, prepositions,
# conjunctions, particles, numerals, measure words, pronouns, foreign words.
_NOT_NAME_TAGS = frozenset({"w", "TIME", "LOC", "ORG", "p", "c", "u", "xc", "m", "q", "r", "nz", "nw"})
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_TIME_WORD = re.compile(rf"(?:星期|礼拜|周)[{''.join(WEEKDAYS_ZH)}]|{'|'.join(RELATIVE_DAYS_ZH)}")


def rejoin_titled_names(simple: str, tokens: list[Token]) -> list[Token]:
    """``tokens`` with each name after a title that the recogniser cut into pieces (see the module)
    as one token tagged PER; a title glued to the name is a token of its own (tagged n)."""
    bounds = {s for s, _, _ in tokens} | {e for _, e, _ in tokens}
    out: list[Token] = []
    n = 0
    while n < len(tokens):
        found = _name_at(simple, tokens, n, bounds)
        if found is None:
            out.append(tokens[n])
            n += 1
            continue
        head, name, tail, after = found
        out += [t for t in (head, name, tail) if t is not None]
        n = after
    return out


def _title_before(simple: str, at: int, bounds: set[int]) -> bool:
    """Does a title of the lexicon end at ``at``, beginning where a token does or inside the token
    that ends with it (副会长), not inside a word that goes on past it (不|会长期)?"""
    if at not in bounds or not 0 < at <= len(simple):
        return False
    for title in _TITLES_BY_LAST.get(simple[at - 1], ()):
        start = at - len(title)
        if start >= 0 and simple.startswith(title, start):
            # (the title's own positions looked up, not every bound: linear in the text)
            return start in bounds or not any(b in bounds for b in range(start + 1, at))
    return False


def _ends_with_title(simple: str, start: int, end: int) -> bool:
    """Does ``simple[start:end]`` end with a title (``simple[start:end].endswith(_TITLES)``)?"""
    end = min(end, len(simple))
    if end <= start:
        return False
    return any(end - len(t) >= start and simple.startswith(t, end - len(t))
               for t in _TITLES_BY_LAST.get(simple[end - 1], ()))


def _name_start(simple: str, token: Token, bounds: set[int], person_next: bool) -> int | None:
    """Where a name after a title may start in ``token``: its start, after a title it opens with
    (知事森川健太 read as one word), after the end of a title it opens inside (知|事森川健), or,
    before a person, after a title it holds and one or two characters that end it (香港特首林|
    郑丽泰: the surname went with the title)."""
    start, end, tag = token
    if _title_before(simple, start, bounds):
        return start
    if start >= len(simple):
        return None
    if tag != "PER" and person_next and not _ends_with_title(simple, start, end):
        for k in (1, 2):
            if end - k > start and _ends_with_title(simple, start, end - k) and simple[end - k] not in _TITLE_ENDS \
                    and _piece(simple, (end - k, end, "x"), k):
                return end - k
    if tag != "PER":
        for title in _TITLES_BY_FIRST.get(simple[start], ()):
            if simple.startswith(title, start) and end - start - len(title) >= 2 \
                    and _piece(simple, (start + len(title), end, "x"), NAME_AFTER_TITLE_MAX - 1):
                return start + len(title)
        return None
    for title, k in _TITLES_BY_INNER.get(simple[start], ()):
        if simple.startswith(title[k:], start) and simple.endswith(title[:k], 0, start) \
                and end - start - (len(title) - k) >= 2 \
                and (start - k in bounds or _level_doubled(simple, start, title, k)):
            return start + len(title) - k
    return None


def _level_doubled(simple: str, start: int, title: str, k: int) -> bool:
    """Is the title's first character, read into the place before it, that place's own last character
    too (某某郡|郡 of 某某郡郡长, 某县县长, 某市市长: the place's level and the title's first character are one
    character written twice, and the recogniser took both into the place)?"""
    return k == 1 and start >= 2 and simple[start - 2] == simple[start - 1] == title[0]


def _name_at(simple: str, tokens: list[Token], n: int, bounds: set[int]):
    """The name after a title starting in token ``n`` when the recogniser cut it: (the title's
    part of token ``n`` or None, the name as a PER token, the rest of a speech verb the name's end
    was read into or None, the index of the token after), or None."""
    start = _name_start(simple, tokens[n], bounds, n + 1 < len(tokens) and tokens[n + 1][2] == "PER")
    if start is None:
        return None
    pieces = [(start, tokens[n][1], "PER" if start > tokens[n][0] else tokens[n][2])]
    pieces += tokens[n + 1:n + 1 + NAME_AFTER_TITLE_MAX]
    taken, tail = _name_pieces(simple, pieces)
    if not taken:
        return None
    end = pieces[taken - 1][1] if tail is None else tail[0]
    after = n + taken
    if tail is None and not _ends_name(simple, tokens[after] if after < len(tokens) else None):
        return None
    unchanged = taken == 1 and tail is None and start == tokens[n][0] and tokens[n][2] == "PER"
    if unchanged or not 2 <= end - start <= NAME_AFTER_TITLE_MAX or not _CJK.fullmatch(simple[start:end]):
        return None
    head = (tokens[n][0], start, "n") if start > tokens[n][0] else None
    return head, (start, end, "PER"), tail, after


def _name_pieces(simple: str, pieces: list[Token]) -> tuple[int, Token | None]:
    """How many of ``pieces`` make the name: perhaps a character before the person (内|堀田雄),
    the person's pieces (难|波一郎), perhaps a piece after (森川健|太); and the speech verb the
    last character was read into (石田雄|一说: its 说), or None. (0, None) without a person."""
    at = 0
    if len(pieces) > 1 and _piece(simple, pieces[0], 1) and pieces[0][2] != "PER" and pieces[1][2] == "PER" \
            and simple[pieces[0][0]] not in _TITLE_ENDS and not _word_with_title(simple, pieces[0][0]):
        at = 1  # a surname's first character read as another word
    persons = 0
    while at < len(pieces) and pieces[at][2] == "PER" and _piece(simple, pieces[at], NAME_AFTER_TITLE_MAX):
        at, persons = at + 1, persons + 1
    if not persons:
        return 0, None
    if at < len(pieces):
        s, e, _ = pieces[at]
        word = simple[s:e]
        verb = next((v for v in SPEECH_VERBS_ZH if word.endswith(v) and len(word) - len(v) == 1), "")
        if verb and word[0] not in _NOT_NAME_CHARS:
            return at + 1, (e - len(verb), e, "v")  # 石田雄|一说: 一 is the name's
        # Two characters only after a surname read alone (猪口|正孝), not after a whole Chinese
        # name (袁永熙|合照).
        longest = NAME_PIECE_MAX if pieces[at - 1][1] - pieces[0][0] == 2 else 1
        if _piece(simple, pieces[at], longest) and word not in SPEECH_VERBS_ZH:
            return at + 1, None
    return at, None


def _word_with_title(simple: str, at: int) -> bool:
    """Is the character at ``at`` the end of a word of the general dictionary with the title's
    characters before it (总统府, 首相府: an office, no name's first character)?"""
    from comparison.phonetics import established

    return any(established(simple[at - k:at + 1]) for k in (1, 2, 3) if at - k >= 0)


def _piece(simple: str, token: Token, longest: int) -> bool:
    """Can ``token`` be a piece of a name: Chinese characters, none of them a function word's, no
    time, place or punctuation, and no word of the general dictionary when it is not tagged a
    person and longer than one character (政府 of 总统拜登|政府 is no name's)?"""
    from comparison.phonetics import established

    start, end, tag = token
    word = simple[start:end]
    if not 1 <= end - start <= longest or tag in _NOT_NAME_TAGS or not _CJK.fullmatch(word):
        return False
    if _TIME_WORD.fullmatch(word) or tag != "PER" and any(ch in _NOT_NAME_CHARS for ch in word):
        return False
    return tag == "PER" or len(word) == 1 or not established(word)


def _ends_name(simple: str, token: Token | None) -> bool:
    """Does ``token`` end the name before it: the text's end, a punctuation mark, a time, a
    preposition, a verb of speech, 的 or 等?"""
    if token is None:
        return True
    start, end, tag = token
    word = simple[start:end]
    return (tag in ("w", "TIME", "p") or word in SPEECH_VERBS_ZH or word in ("的", "等")
            or bool(_TIME_WORD.fullmatch(word)) or word.startswith(SPEECH_VERBS_ZH) and tag == "v")
