"""Articles in a language the comparison does not read (Japanese, Korean, Russian, Arabic, German,
French, Spanish, Vietnamese: only Chinese and English are read for figures, dates, names and
voices) give no findings of their facts: no figure read with another language's rules (67.173 as
67.173, a Russian dateline's day as a count, an Arabic count of the injured against a Chinese count
of the dead), no word listed as a name; a note names them and their language. Their sentences are
still aligned with the others' (statements reported by several outlets). Made-up articles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from comparison import compare
from comparison.report import to_markdown
from tests.comparison_helpers import article, exact

EN = article("en", "Wire", "A fire at a hospital in Varnsby killed at least 92 people on Monday night, officials said.",
             "More than 100 people were injured.")
ZH = article("zh", "通讯社", "瓦恩斯比一家医院12日晚发生火灾，已造成至少92人死亡，100多人受伤。", language="zh")
UNREAD = {
    "ja": ("静岡県の病院で火災が発生し、およそ９０人が死亡、約２キロ離れた住宅にも被害が出ました。",
           "Japanese"),
    "ko": ("병원 화재로 92명이 숨지고 100여 명이 다쳤다고 당국이 밝혔다.", "Korean"),
    "ru": ("БАГДАД, 13 июля. Число погибших при пожаре в больнице выросло до 92 человек, пострадали более 100.",
           "Russian"),
    "ar": ("لقي ٦٠ شخصاً حتفهم في حريق في المستشفى، وأصيب أكثر من ١٠٠ شخص بجروح.", "Arabic"),
    "de": ("Bei dem Brand in der Klinik sind am Montag 92 Menschen gestorben, die Zahl der Verletzten "
           "liegt bei 1.234 und der Schaden bei 10,5 Millionen Euro.", "German"),
    "fr": ("L'incendie de l'hôpital a fait 92 morts lundi selon les autorités, et 1 234 blessés dans la "
           "ville.", "French"),
    "es": ("El incendio en el hospital dejó 92 muertos el lunes y 1.234 heridos, según las autoridades "
           "de la ciudad.", "Spanish"),
    "vi": ("Vụ cháy bệnh viện đã làm 92 người chết và hơn 1.300 người bị thương trong ngày 12-7, theo "
           "chính quyền.", "Vietnamese"),
}


def _compare(code: str):
    text, _ = UNREAD[code]
    other = article(code, "Foreign Daily", text, language=code)
    articles = [EN, ZH, other]
    return compare(articles, use_dense=False), articles


def test_no_fact_of_an_unread_language_is_compared() -> None:
    for code in UNREAD:
        comparison, articles = _compare(code)
        exact(comparison, articles)
        for f in comparison.findings:
            if f.fact_type == "statement":
                continue  # an aligned sentence: its words are not read
            assert all(s.article_id != code for s in f.spans), (code, f.kind, f.why)


def test_a_note_names_the_articles_not_read_and_their_language() -> None:
    for code, (_, name) in UNREAD.items():
        comparison, articles = _compare(code)
        notes = [n for n in comparison.notes if "not read" in n]
        assert len(notes) == 1 and name in notes[0] and "Foreign Daily" in notes[0], (code, comparison.notes)
        assert notes[0] in to_markdown(comparison, articles), code


def test_chinese_and_english_have_no_such_note() -> None:
    comparison = compare([EN, ZH], use_dense=False)
    assert not [n for n in comparison.notes if "not read" in n]


@settings(max_examples=25, deadline=None)
@given(code=st.sampled_from(sorted(UNREAD)), value=st.integers(2, 99_999),
       sep=st.sampled_from([".", ",", "\u202f", " ", "\u00a0"]))
def test_no_figure_of_an_unread_article_whatever_its_writing(code: str, value: int, sep: str) -> None:
    # A figure as other languages write it (thousands by a dot, a comma or a thin space) is never
    # set against the English or Chinese reports' figures.
    written = f"{value // 1000}{sep}{value % 1000:03d}" if value >= 1000 else str(value)
    text = UNREAD[code][0].replace("92", written)
    other = article(code, "Foreign Daily", text, language=code)
    comparison = compare([EN, ZH, other], use_dense=False)
    assert not [f for f in comparison.findings if f.fact_type == "number"
                and any(s.article_id == code for s in f.spans)]


def _notes_script() -> None:
    """The story view's notes for a comparison with a Japanese article it does not read."""
    from comparison import compare
    from dashboard.app import language_notes
    from tests.comparison_helpers import article

    english = article("en", "Wire", "A landslide hit the town of Varnsby on Saturday, killing two people.")
    japanese = article("ja", "<b>Nippon</b> Daily", "土石流が発生し、２人が死亡しました。", language="ja")
    language_notes(compare([english, japanese], use_dense=False))


def test_the_story_view_says_which_articles_are_not_read() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_notes_script, default_timeout=60).run()
    assert not at.exception
    [info] = at.info
    assert info.value.startswith("Japanese not read for figures, dates, names or voices")
    assert "Nippon" in info.value and "<b>" not in info.value  # the outlet's name as text


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@settings(max_examples=50, deadline=None)
@given(value=st.integers(0, 10**7), table=st.sampled_from([FULL_WIDTH, ARABIC_INDIC]))
def test_digits_of_any_script_are_one_number_for_alignment(value: int, table: dict) -> None:
    # The alignment's shared-numbers feature: ２０ (full width) and ٢٠ (Arabic-Indic) are 20, so
    # a sentence of an unread language still pairs with the reports giving its figures.
    from comparison.align import written_numbers

    written = f"{value:,}"
    assert written_numbers(f"x {written.translate(table)} y") == written_numbers(f"x {written} y") == {written}


def test_an_unread_sentence_aligns_by_the_figures_it_writes() -> None:
    japanese = article("ja", "Nippon Daily", "熱海市によりますと、２人の死亡が確認され、およそ２０人の安否がわかっていません。",
                       "静岡県の知事は記者会見で「大変痛ましい災害だ」と述べました。", language="ja")
    chinese = article("zh", "通讯社", "据热海市政府消息，目前已确认2人死亡，约20人下落不明。",
                      "静冈县知事在记者会上说：“这是非常令人痛心的灾害。”", language="zh")
    comparison = compare([japanese, chinese], use_dense=False)
    shared = [f for f in comparison.findings if f.kind == "agree" and f.fact_type == "statement"]
    assert any({s.article_id for s in f.spans} == {"ja", "zh"} and "２０人" in " ".join(s.text for s in f.spans)
               for f in shared), [f.why for f in comparison.findings]
