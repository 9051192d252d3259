"""A person's name after a title is read whole where the recogniser cut it (Japanese names in
Chinese: a two-character surname and a given name of one to three characters), and a name cut
short is read whole where the article writes it whole. Made-up names and sentences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison.extract import extract_entities
from comparison.lexicons.attribution import TITLES_ZH
from comparison.titled_names import (
    _TITLE_ENDS,
    NAME_AFTER_TITLE_MAX,
    _name_start,
    _piece,
    _title_before,
    rejoin_titled_names,
)


def _tokens(*pieces: tuple[str, str]) -> tuple[str, list[tuple[int, int, str]]]:
    text, tokens, at = "", [], 0
    for word, tag in pieces:
        tokens.append((at, at + len(word), tag))
        text += word
        at += len(word)
    return text, tokens


def _words(text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    return [(text[s:e], tag) for s, e, tag in tokens]


def test_a_given_name_read_as_an_adverb_is_the_names() -> None:
    text, tokens = _tokens(("知事", "n"), ("森川健", "PER"), ("太", "d"), ("表示", "v"))
    assert ("森川健太", "PER") in _words(text, rejoin_titled_names(text, tokens))
    text, tokens = _tokens(("会长", "n"), ("野口", "PER"), ("正孝", "d"), ("在", "p"), ("东京", "LOC"))
    assert ("野口正孝", "PER") in _words(text, rejoin_titled_names(text, tokens))


def test_a_surname_read_as_another_word_or_person_is_the_names() -> None:
    text, tokens = _tokens(("知事", "n"), ("内", "f"), ("田雄一", "PER"), ("今天", "TIME"))
    assert ("内田雄一", "PER") in _words(text, rejoin_titled_names(text, tokens))
    text, tokens = _tokens(("知事", "n"), ("难", "PER"), ("波一郎", "PER"), ("说", "v"))
    assert ("难波一郎", "PER") in _words(text, rejoin_titled_names(text, tokens))


def test_a_title_glued_to_the_name_is_a_word_of_its_own() -> None:
    text, tokens = _tokens(("县", "n"), ("知事川口平太", "v"), ("（", "w"))
    assert _words(text, rejoin_titled_names(text, tokens))[1:3] == [("知事", "n"), ("川口平太", "PER")]
    text, tokens = _tokens(("县", "n"), ("知", "v"), ("事川口平", "PER"), ("太", "d"), ("说", "v"))
    assert ("川口平太", "PER") in _words(text, rejoin_titled_names(text, tokens))


def test_the_last_character_read_into_a_speech_verb_is_the_names() -> None:
    text, tokens = _tokens(("防卫相", "n"), ("石井雄", "PER"), ("一说", "v"), ("。", "w"))
    assert _words(text, rejoin_titled_names(text, tokens))[1:] == [("石井雄一", "PER"), ("说", "v"), ("。", "w")]


def test_words_of_the_sentence_stay_out_of_the_name() -> None:
    for pieces in (
        [("总统", "n"), ("李明", "PER"), ("也", "d"), ("表示", "v")],  # an adverb before the verb
        [("总统", "n"), ("李明", "PER"), ("政府", "n"), ("的", "u")],  # a word of the dictionary
        [("书记", "n"), ("王永明", "PER"), ("合影", "v"), ("。", "w")],  # two characters after a whole name
        [("董事", "n"), ("长", "n"), ("王明", "PER"), ("说", "v")],  # the end of a longer title
        [("首相", "n"), ("森川", "PER"), ("太", "d"), ("高兴", "a")],  # nothing that ends a name after it
        [("知事", "n"), ("森川", "PER"), ("周一", "PER"), ("说", "v")],  # a weekday read as a person
    ):
        text, tokens = _tokens(*pieces)
        assert rejoin_titled_names(text, tokens) == tokens, pieces


def test_japanese_names_after_titles_in_sentences() -> None:
    # Each is cut by the recogniser alone (checked before this change).
    for sentence, name in (
        ("县知事野田修平太昨天说，要调查。", "野田修平太"),
        ("首相森川健太8日在国会表示，将加强防疫。", "森川健太"),
        ("防卫相石田雄一说，将加强戒备。", "石田雄一"),
        ("知事难波一郎说，雨还会下。", "难波一郎"),
    ):
        persons = [e.text for e in extract_entities(sentence) if e.kind == "PER"]
        assert persons == [name], (sentence, persons)


def test_a_name_cut_short_is_read_whole_where_the_article_writes_it_whole() -> None:
    text = "首相森川健太表示，将加强防疫。另外，森川健太8日在国会表示，疫情严峻。"
    assert [e.text for e in extract_entities(text) if e.kind == "PER"] == ["森川健太", "森川健太"]


def test_korean_and_dotted_names_after_titles_stay_whole() -> None:
    for sentence, name in (("韩国外交部长官郑义成说，会谈顺利。", "郑义成"),
                           ("首尔市长朴元浩周三说，将扩大检测。", "朴元浩"),
                           ("巴西总统贾伊尔·博索纳罗周二说，不会辞职。", "贾伊尔·博索纳罗")):
        assert name in [e.text for e in extract_entities(sentence) if e.kind == "PER"], sentence


_TAGS = st.sampled_from(["n", "v", "d", "f", "PER", "TIME", "w", "p", "LOC"])
_WORDS = st.text(alphabet="知事长官首相会长森川健太内田一说也在的，。李明周", min_size=1, max_size=4)


@given(st.lists(st.tuples(_WORDS, _TAGS), max_size=10))
def test_the_tokens_still_cover_the_text_in_order(pieces: list[tuple[str, str]]) -> None:
    text, tokens = _tokens(*pieces)
    out = rejoin_titled_names(text, tokens)
    assert "".join(text[s:e] for s, e, _ in out) == text
    assert all(e1 == s2 for (_, e1, _), (s2, _, _) in zip(out, out[1:], strict=False))
    assert all(e - s <= NAME_AFTER_TITLE_MAX for s, e, tag in out if tag == "PER" and (s, e, tag) not in tokens)


def test_a_long_text_reads_each_title_as_a_short_one_does() -> None:
    """A title ending inside a token (副|会长) is checked against its own positions only: it
    looked at every token bound of the text (8,000 such titles, 56,000 characters: 12 s, quadratic).
    Made-up tokens; the same reading in a long text as in one sentence."""
    unit = [("副会长", "n"), ("李明", "PER"), ("说", "v"), ("，", "w")]
    simple, tokens, at = "", [], 0
    for _ in range(3000):
        for word, tag in unit:
            tokens.append((at, at + len(word), tag))
            at += len(word)
            simple += word
    once = rejoin_titled_names(simple[:7], tokens[:4])
    again = rejoin_titled_names(simple, tokens)
    assert len(again) == 3000 * len(once)
    assert [(s % 7, e - s, tag) for s, e, tag in again[:len(once)]] == [(s, e - s, tag) for s, e, tag in once]


def test_a_name_cut_short_takes_the_whole_name_starting_first() -> None:
    """Of two whole names of one length around a name cut short, the one starting first: the
    choice was a set's order (it changed with PYTHONHASHSEED). Made-up names and spans."""
    from comparison.extract import Entity, _names_written_whole_elsewhere, entity_key

    simple = "张李明，李明华，张李明华说"
    spans = [(0, 3), (4, 7), (9, 11)]
    entities = [Entity(s, e, simple[s:e], "PER", entity_key(simple[s:e])) for s, e in spans]
    _names_written_whole_elsewhere(simple, simple, entities)
    assert entities[2].text == "张李明"


def test_many_distinct_names_are_each_looked_up_around_themselves() -> None:
    """Thousands of distinct names (each looked up against every name before: quadratic) are
    read as they are; made-up three-character names, none cut."""
    from comparison.extract import Entity, _names_written_whole_elsewhere, entity_key

    first, given = "赵钱孙李周吴郑王冯陈褚卫", "明华伟芳娜敏静丽强磊军洋"
    names = [a + b + c for a in first for b in given for c in given][:1500]
    simple = "，".join(names)
    entities = [Entity(4 * k, 4 * k + 3, name, "PER", entity_key(name)) for k, name in enumerate(names)]
    _names_written_whole_elsewhere(simple, simple, entities)
    assert [e.text for e in entities] == names


# The titles' lookup by character (comparison.titled_names._TITLES_BY_*) against the loop over
# every title it replaced (~13 µs a character: 2.7 s for a 200,000-character article).
def _reference_title_before(simple: str, at: int, bounds: set[int]) -> bool:
    for title in sorted(TITLES_ZH, key=len, reverse=True):
        start = at - len(title)
        if start >= 0 and simple.startswith(title, start) and at in bounds:
            return start in bounds or not any(b in bounds for b in range(start + 1, at))
    return False


def _reference_name_start(simple: str, token: tuple[int, int, str], bounds: set[int], person_next: bool) -> int | None:
    titles = tuple(sorted(TITLES_ZH, key=len, reverse=True))
    start, end, tag = token
    if _reference_title_before(simple, start, bounds):
        return start
    if tag != "PER" and person_next and not simple[start:end].endswith(titles):
        for k in (1, 2):
            if end - k > start and simple[start:end - k].endswith(titles) and simple[end - k] not in _TITLE_ENDS \
                    and _piece(simple, (end - k, end, "x"), k):
                return end - k
    for title in titles:
        if tag != "PER" and simple.startswith(title, start) and end - start - len(title) >= 2 \
                and _piece(simple, (start + len(title), end, "x"), NAME_AFTER_TITLE_MAX - 1):
            return start + len(title)
        for k in range(1, len(title)):
            if tag == "PER" and simple.startswith(title[k:], start) and simple.endswith(title[:k], 0, start) \
                    and end - start - (len(title) - k) >= 2 and start - k in bounds:
                return start + len(title) - k
    return None


# Words made of titles (whole, cut, glued to a name) and of characters of titles and names.
_TITLE_CHARS = "".join(sorted({ch for t in TITLES_ZH for ch in t}))
_PIECES = st.one_of(st.sampled_from(TITLES_ZH), st.text(alphabet=_TITLE_CHARS + "森川健太李明内田一说也的，。周", min_size=1,
                                                          max_size=3))
_GLUED = st.lists(_PIECES, min_size=1, max_size=3).map("".join)


@given(st.lists(st.tuples(st.one_of(_GLUED, st.sampled_from(TITLES_ZH)), _TAGS), max_size=12))
def test_the_titles_looked_up_by_character_are_those_the_loop_over_all_found(pieces: list[tuple[str, str]]) -> None:
    text, tokens = _tokens(*pieces)
    bounds = {s for s, _, _ in tokens} | {e for _, e, _ in tokens}
    for at in range(len(text) + 2):
        assert _title_before(text, at, bounds) == _reference_title_before(text, at, bounds), at
    for n, token in enumerate(tokens):
        person_next = n + 1 < len(tokens) and tokens[n + 1][2] == "PER"
        assert _name_start(text, token, bounds, person_next) == _reference_name_start(text, token, bounds, person_next)
