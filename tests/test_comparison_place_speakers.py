"""A place is no speaker: LAC reads a transliterated place before a verb of speech as a person
(在|斯扎贝/PER|说), so the quotation's speaker was the place. General means only, no list of places:
the sentence (a name between a preposition of place and a verb of speech is where the voice spoke,
:func:`comparison.extract.places_read_as_persons`), the recogniser's own place tags elsewhere in
the article. Made-up names and sentences."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from comparison import compare
from comparison.extract import Entity, extract_all, places_read_as_persons
from comparison.lexicons.places import LOCATIVE_PREPOSITIONS_ZH, TIME_FRAME_ENDS_ZH
from comparison.lexicons.reporting import SPEECH_VERBS_ZH
from tests.comparison_helpers import article, of_type

WHEN = datetime(2024, 3, 4, 9, tzinfo=UTC)
SAID = "“我们会继续努力，直到双方达成协议为止。”"


def _facts(text: str):
    facts = extract_all(text, WHEN)
    return {e.text: e.kind for e in facts.entities}, [q.speaker for q in facts.quotes]


def test_a_place_after_a_preposition_before_a_verb_of_speech_is_no_speaker():
    kinds, speakers = _facts(f"{SAID}米希洛在斯扎贝说。")
    assert speakers == ["米希洛"] and kinds["斯扎贝"] == "LOC"
    assert _facts(f"米希洛周日在斯扎贝对记者说：{SAID}")[1] == ["米希洛"]
    assert _facts(f"{SAID}米希洛於斯扎貝表示。")[1] == ["米希洛"]  # Traditional script, 于


def test_a_pronoun_before_the_place_is_resolved_not_read_with_it():
    """“…”他在斯扎贝表示: the speaker is 他, resolved to the sentence before's subject; 他在北京
    (a place the recogniser knows) no longer gives the speaker "他在北京" either."""
    assert _facts(f"米希洛周日抵达斯扎贝。{SAID}他在斯扎贝表示。")[1] == ["米希洛"]
    assert _facts(f"{SAID}他在北京周日说。")[1] == ["unnamed (他)"]
    assert _facts(f"{SAID}官员在北京说。")[1] == ["官员"]


def test_the_place_is_a_place_throughout_the_article():
    """Once the sentence says where a voice spoke, the name is a place in every sentence of the
    article: 斯扎贝的一名官员 is an official of the place."""
    kinds, speakers = _facts(f"米希洛在斯扎贝说，会谈有进展。斯扎贝的一名官员说：{SAID}")
    assert kinds["斯扎贝"] == "LOC" and speakers == ["斯扎贝的一名官员"]


def test_the_zai_of_another_word_opens_no_place_after_a_speaker():
    """正在访问斯扎贝的米希洛说: 正在 is "is doing", no 在-phrase after a speaker "正"."""
    assert _facts(f"正在访问斯扎贝的米希洛说：{SAID}")[1] == ["米希洛"]
    assert _facts(f"米希洛周日在斯扎贝说：{SAID}")[1] == ["米希洛"]


def test_a_person_after_zai_in_a_time_frame_stays_a_person():
    kinds, speakers = _facts(f"就在米希洛说这番话时，会场响起掌声。{SAID}米希洛说。")
    assert kinds["米希洛"] == "PER" and speakers == ["米希洛"]


def test_a_person_in_a_time_frame_without_its_comma_or_with_a_day_stays_a_person():
    """The frame's word need not close the clause: 在X说这番话时会场… (no comma), 在X说这番话的同一天,
    在X表示…的背景下 say when too. Read as where a voice spoke, X was a place throughout the article
    and its own quotation lost its speaker."""
    for frame in ("就在米希洛说这番话时会场响起掌声。", "就在米希洛说这番话的同一天，会场响起掌声。",
                  "在米希洛说完这些话的第二天，会场响起掌声。", "在米希洛表示愿意谈判的背景下，会场响起掌声。"):
        kinds, speakers = _facts(f"{frame}{SAID}米希洛说。")
        assert kinds["米希洛"] == "PER" and speakers == ["米希洛"], frame
    # A place with a time after its verb is still a place (no 的 before the time).
    assert _facts(f"米希洛在斯扎贝说当地时间周日会谈有进展。{SAID}斯扎贝的官员说。")[0]["斯扎贝"] == "LOC"


def test_two_outlets_quoting_one_speaker_name_one_speaker():
    """Before, one outlet's speaker was the place: "one quotation credited to two speakers"."""
    a = article("pa", "甲报", f"{SAID}米希洛周一在斯扎贝说。", language="zh")
    b = article("pb", "乙报", f"米希洛周一说：{SAID}", language="zh")
    found = of_type(compare([a, b], use_dense=False), "quote")
    assert [f.kind for f in found] == ["agree"] and "米希洛" in found[0].why and "斯扎贝" not in found[0].why


# ---- the rule itself, over made-up tokens (no recogniser) ------------------------------------
NAME = st.text(alphabet="阿巴卡达尔马纳拉萨塔瓦亚扎科洛米尼奥佩里斯托乌维希贝德费格哈伊", min_size=2, max_size=5)


def _tokens(parts: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    text, tokens = "", []
    for word, tag in parts:
        tokens.append((len(text), len(text) + len(word), tag))
        text += word
    return text, tokens


def _read(parts: list[tuple[str, str]]) -> dict[int, str]:
    """Entity kinds (by token index) after :func:`places_read_as_persons`."""
    text, tokens = _tokens(parts)
    entities = {n: Entity(s, e, text[s:e], tag, text[s:e]) for n, (s, e, tag) in enumerate(tokens)
                if tag in ("PER", "LOC")}
    places_read_as_persons(text, list(entities.values()), tokens)
    return {n: e.kind for n, e in entities.items()}


@settings(max_examples=60, deadline=None)
@given(NAME, NAME, st.sampled_from(LOCATIVE_PREPOSITIONS_ZH), st.sampled_from(SPEECH_VERBS_ZH),
       st.sampled_from(["", "对记者"]), st.sampled_from(("", *TIME_FRAME_ENDS_ZH)))
def test_a_name_where_a_voice_spoke_is_a_place_unless_the_clause_says_when(person, place, prep, verb, listener,
                                                                            frame):
    listen = [("对", "p"), ("记者", "n")] if listener else []
    parts = [(person, "PER"), (prep, "p"), (place, "PER"), *listen, (verb, "v"), ("这番话", "n"),
             *([(frame, "n")] if frame else []), ("，", "w")]
    kinds = _read(parts)
    assert kinds[0] == ("LOC" if person == place and not frame else "PER")
    assert kinds[2] == ("PER" if frame else "LOC")


@settings(max_examples=40, deadline=None)
@given(NAME, st.integers(0, 3), st.integers(0, 3))
def test_a_name_tagged_a_place_more_often_than_a_person_is_a_place(name, as_place, as_person):
    parts = [(name, "LOC")] * as_place + [(name, "PER")] * as_person
    parts = [p for pair in zip(parts, [("，", "w")] * len(parts), strict=True) for p in pair]
    kinds = sorted(_read(parts).values())
    assert kinds == (["LOC"] * (as_place + as_person) if as_place > as_person
                     else ["LOC"] * as_place + ["PER"] * as_person)
