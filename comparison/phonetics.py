"""Do two Chinese renderings of a foreign name sound alike?

Outlets transliterate one foreign name in different characters: Goma is 果玛 in one and
戈马 in another, Sulu 苏禄 and 苏鲁, Gonzales 龚萨雷斯 and 冈萨雷斯. Read in Mandarin
(toneless pinyin, ``pypinyin``), such pairs have the same number of syllables and differ
in at most one, which keeps its initial consonant (ge/guo) or, in names of three or more
syllables, its final (zi/si); or, in names of four syllables or more, one has a syllable
more and the rest keep every initial (尼坦雅胡 / 内坦尼雅胡, :func:`_one_syllable_apart`). Two-syllable names must keep the initial, since a shared
final alone joins unrelated names (果玛 guo-ma and 罗马 luo-ma, Rome). A form that is a
common word of jieba's general dictionary is an established name of its own (巴林 Bahrain
is not a rendering of 巴黎 Paris). These are rules of Mandarin phonology and a general
dictionary, not a list of names.
"""

from __future__ import annotations

from functools import lru_cache

# Mandarin initials, two-letter ones first so "zh" is not read as "z".
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
             "r", "z", "c", "s", "y", "w")
# A rendering shorter than this is too often an ordinary word.
MIN_SYLLABLES = 2


@lru_cache(maxsize=4096)
def syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin of each character of ``text``."""
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(text))


def initial(syllable: str) -> str:
    """The initial consonant of a toneless pinyin syllable ('' for none: an, er)."""
    return _split(syllable)[0]


def _split(syllable: str) -> tuple[str, str]:
    for initial in _INITIALS:
        if syllable.startswith(initial):
            return initial, syllable[len(initial):]
    return "", syllable


# A long name is rendered with a syllable more or less (内坦尼雅胡 / 尼坦雅胡: the weak syllable
# of Netanyahu written or not): read in renderings whose shorter form has this many syllables.
INDEL_MIN_SYLLABLES = 4


def sound_alike(a: str, b: str) -> bool:
    """Two different renderings of one sound pattern (see the module's rule)."""
    if a == b or min(len(a), len(b)) < MIN_SYLLABLES:
        return False
    if len(a) != len(b):
        return _one_syllable_apart(a, b)
    sa, sb = syllables(a), syllables(b)
    if len(sa) != len(a) or len(sb) != len(b) or established(a) or established(b):
        return False  # not all Chinese syllables, or a word of its own (巴林 is not a rendering of 巴黎)
    differing = [(x, y) for x, y in zip(sa, sb, strict=True) if x != y]
    if not differing:
        return True  # the same syllables in other characters (苏禄 / 苏鲁)
    if len(differing) > 1:
        return False
    (initial_a, final_a), (initial_b, final_b) = (_split(s) for s in differing[0])
    return bool(initial_a) and initial_a == initial_b or (len(a) >= 3 and final_a == final_b)


def _one_syllable_apart(a: str, b: str) -> bool:
    """Is one rendering the other with one syllable more, the rest keeping every initial
    consonant: inside the name, with at most one other syllable differing (尼坦雅胡 ni-tan-ya-hu,
    内坦尼雅胡 nei-tan-ni-ya-hu: ni/nei), or at either end with the rest the same (克里帕尔 /
    斯克里帕尔)? Only in names of INDEL_MIN_SYLLABLES or more: in shorter ones a syllable more is
    another name (马克 / 马克龙). An ending syllable and another changed is most often another name
    (马克西姆 / 马克西莫夫, 斯特劳斯 / 斯特拉斯堡: among jieba's 9,569 person names of 4-6
    characters, allowing it doubled the pairs joined, 69 to 148, nearly all different names)."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) != len(short) + 1 or len(short) < INDEL_MIN_SYLLABLES:
        return False
    ss, sl = syllables(short), syllables(long_)
    if len(ss) != len(short) or len(sl) != len(long_) or established(a) or established(b):
        return False
    for i in range(len(sl)):
        rest = sl[:i] + sl[i + 1:]
        if not all(_split(x)[0] == _split(y)[0] for x, y in zip(ss, rest, strict=True)):
            continue
        differing = sum(x != y for x, y in zip(ss, rest, strict=True))
        if differing == 0 or differing == 1 and 0 < i < len(sl) - 1:
            return True
    return False


# A form this frequent in jieba's general dictionary is an established name or word of its
# own (巴林 158, 米兰 607, 苏联 7443), not another outlet's ad-hoc rendering (戈马: absent;
# 苏鲁 4, 迪亚斯 37, 冈萨雷斯 15).
ESTABLISHED_FREQUENCY = 100


def established(word: str) -> bool:
    return (_dictionary().get_FREQ(word) or 0) >= ESTABLISHED_FREQUENCY


def word_boundaries(text: str) -> set[int]:
    """Offsets where jieba's dictionary segmentation of ``text`` (no HMM: only dictionary
    words) starts or ends a word, 0 and ``len(text)`` included."""
    bounds, at = {0}, 0
    for word in _dictionary().cut(text, HMM=False):
        at += len(word)
        bounds.add(at)
    return bounds


@lru_cache(maxsize=1)
def _dictionary():
    """jieba's general dictionary, loaded once (about 0.6 s), without its log lines."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    return jieba


@lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """The people's names of jieba's general dictionary (tags nr, nrt, nrfg: 内塔尼亚胡, 林肯),
    read from its word list alone (a few MB, not the whole segmenter's tables)."""
    from pathlib import Path

    import jieba

    names = set()
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[2] in ("nr", "nrt", "nrfg"):
                names.add(parts[0])
    return frozenset(names)


def same_initials(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` (as many syllables) begin every syllable with the same consonant
    (内塔尼亚胡 / 内坦尼雅胡: n-t-n-y-h both)? A rendering that changes a consonant (维拉蒂
    wei-la-di, 贝拉迪 bei-la-di: Verratti and Berardi) may be another name."""
    sa, sb = syllables(a), syllables(b)
    return len(sa) == len(sb) and all(_split(x)[0] == _split(y)[0] for x, y in zip(sa, sb, strict=True))
