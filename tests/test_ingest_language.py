"""Language detection (articles.normalize.detect_language) on made-up texts: Latin-script
languages by their function words, so German, French, Spanish and Vietnamese are no English."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.normalize import _FUNCTION_WORDS, detect_language

GERMAN = ("Italien hat am Sonntag im Finale der Meisterschaft England mit 3:2 besiegt. Vor 60.000 "
          "Zuschauern im Stadion stand es nach 120 Minuten 1:1, die Prämie beträgt 10,5 Millionen Euro.")
FRENCH = ("L'Italie a battu l'Angleterre aux tirs au but dimanche à Londres. Devant 60 000 spectateurs, "
          "le score était de 1-1 après prolongation, selon les organisateurs.")
SPANISH = ("Miles de personas se manifestaron el domingo en la capital y otras ciudades. La organización "
           "contabiliza 1.234 detenidos, según un informe publicado el lunes.")
VIETNAMESE = ("Thành phố sẽ giãn cách xã hội trong 15 ngày từ thứ Sáu. Ngày hôm qua, thành phố ghi nhận "
              "hơn 1.300 ca nhiễm mới và chính quyền nói người dân chỉ ra ngoài khi cần thiết.")
ENGLISH = ("The city began a 15-day lockdown on Friday after more than 1,300 new infections were recorded, "
           "and residents may leave home only for essential needs, the mayor said.")


def test_latin_languages_by_their_function_words() -> None:
    assert detect_language(GERMAN) == "de"
    assert detect_language(FRENCH) == "fr"
    assert detect_language(SPANISH) == "es"
    assert detect_language(VIETNAMESE) == "vi"
    assert detect_language(ENGLISH) == "en"


def test_other_scripts_unchanged() -> None:
    assert detect_language("静岡県熱海市で土石流が発生し、およそ２０人の安否がわかっていません。") == "ja"
    assert detect_language("신규 확진자가 1천378명 늘어 역대 최다를 기록했다.") == "ko"
    assert detect_language("Число погибших при пожаре в больнице выросло до 92 человек.") == "ru"
    assert detect_language("ارتفعت حصيلة ضحايا الحريق في المستشفى إلى ٩٢ قتيلا.") == "ar"
    assert detect_language("日本静冈县热海市3日上午发生大规模泥石流，约20人下落不明。") == "zh"


NAMES = st.sampled_from(["Wembley", "Bonucci", "Kawakatsu", "Nasiriyah", "Havana", "Phong", "Seoul"])


@settings(max_examples=60, deadline=None)
@given(code=st.sampled_from(sorted(_FUNCTION_WORDS)), data=st.data())
def test_a_text_of_one_languages_words_is_that_language(code: str, data: st.DataObject) -> None:
    # Half function words of one language (those no other lexicon holds: French and Spanish share
    # some), half names no lexicon holds: that language.
    others = set().union(*(words for other, words in _FUNCTION_WORDS.items() if other != code))
    lexicon = sorted(_FUNCTION_WORDS[code] - others)
    n = data.draw(st.integers(4, 30))
    words = [w for _ in range(n) for w in (data.draw(st.sampled_from(lexicon)), data.draw(NAMES))]
    assert detect_language(" ".join(words)) == code


@settings(max_examples=40, deadline=None)
@given(words=st.lists(NAMES, min_size=1, max_size=40))
def test_names_alone_are_no_language(words: list[str]) -> None:
    assert detect_language(" ".join(words)) == "und"


# ---- Japanese told from Chinese (articles.japanese) --------------------------------------------
# Made-up headlines and briefs. Japanese with few kana: a headline's particles, or Japanese-only
# forms (県 駅 発 気 庁) in an announcement of Han characters alone.
JAPANESE_FEW_KANA = [
    "県警、窃盗容疑で男を逮捕 駅前の店舗",
    "令和三年七月十日 気象庁発表 大雨警報 静岡県東部",
    "首相、来週にも訪米へ 経済対策を協議",
    "大規模停電、市内3万戸で 午後から復旧",
]
# Chinese (both scripts) quoting a Japanese name or brand: a few kana, and Chinese letters.
CHINESE_WITH_KANA = [
    "任天堂宣布《ポケモン》新作将于明年上市",
    "日本漫畫「進撃の巨人」完結篇上市 結束11年連載",
    "这家店推出了新品牌“鲜の每日”，首日销量过万",
    "东京奥运会吉祥物ミライトワ亮相，市民排队合影",
    "日本動畫《鬼滅の刃》票房破紀錄，台灣戲院加映",
]


def test_japanese_with_few_kana_is_japanese() -> None:
    for text in JAPANESE_FEW_KANA:
        assert detect_language(text) == "ja", text


def test_chinese_quoting_kana_stays_chinese() -> None:
    for text in CHINESE_WITH_KANA:
        assert detect_language(text) == "zh", text


def test_han_alone_written_alike_reads_as_chinese() -> None:
    # No sign of either language (the limit the module documents): read as Chinese.
    assert detect_language("東京都 新規感染者 過去最多") == "zh"


JAPANESE_QUOTED = st.sampled_from(["「ポケモン」", "《進撃の巨人》", "“君の名は”", "「スシロー」", "ミライトワ"])
CHINESE_SENTENCES = st.sampled_from([
    "日本政府周三宣布，将于下月起放宽入境限制，外国游客须持疫苗证明。",
    "該公司表示，新產品將在東京和大阪的門市同步發售，預計吸引大批民眾排隊。",
    "据报道，这部作品在日本上映后票房持续走高，成为今年最卖座的电影。",
    "台灣業者說，相關商品在網路上銷售熱烈，部分門市已經斷貨。",
])


@settings(max_examples=60, deadline=None)
@given(sentences=st.lists(CHINESE_SENTENCES, min_size=1, max_size=3),
       quoted=st.lists(JAPANESE_QUOTED, min_size=1, max_size=2), at=st.integers(0, 200))
def test_chinese_with_quoted_japanese_names_stays_chinese(sentences: list[str], quoted: list[str],
                                                         at: int) -> None:
    text = "".join(sentences)
    for name in quoted:
        cut = at % (len(text) + 1)
        text = text[:cut] + name + text[cut:]
    assert detect_language(text) == "zh"


JAPANESE_SENTENCES = st.sampled_from([
    "市によりますと、けが人はいないということです。",
    "県は今後の対応について、専門家の意見を聞いて検討するとしています。",
    "警察は詳しい原因を調べています。",
    "会社側は「再発防止に努めたい」とコメントしました。",
])
KANJI_HEADLINES = st.sampled_from(["東京都 新規感染者 過去最多", "緊急事態宣言 延長決定", "大雨警報 発令"])


@settings(max_examples=40, deadline=None)
@given(headline=KANJI_HEADLINES, sentences=st.lists(JAPANESE_SENTENCES, min_size=1, max_size=3))
def test_a_kanji_headline_over_a_japanese_body_is_japanese(headline: str, sentences: list[str]) -> None:
    # The whole text decides, not the headline.
    assert detect_language(headline + "\n" + "".join(sentences)) == "ja"


def test_the_letter_sets_are_as_documented() -> None:
    # Derived from OpenCC's tables and the national character sets (articles.japanese docstring).
    import opencc

    from articles.japanese import CHINESE_ONLY_TRADITIONAL, JAPANESE_ONLY_FORMS

    jp2t, t2jp = opencc.OpenCC("jp2t"), opencc.OpenCC("t2jp")
    t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")

    def encodes(c: str, codec: str) -> bool:
        try:
            c.encode(codec)
        except UnicodeEncodeError:
            return False
        return True

    for c in JAPANESE_ONLY_FORMS:
        assert jp2t.convert(c) != c and t2s.convert(c) == c and s2t.convert(c) == c, c
        assert not encodes(c, "gb2312") and not encodes(c, "big5"), c
    for c in CHINESE_ONLY_TRADITIONAL:
        assert t2jp.convert(c) != c and s2t.convert(c) == c, c


def test_latin_text_quoting_a_japanese_word_keeps_its_language() -> None:
    """The Japanese signs decide between Japanese and Chinese only: an English report quoting a
    Japanese word or name (all its CJK letters kana) was 'ja' (share of its CJK letters 1.0)."""
    assert detect_language("The minister thanked the crowd in Tokyo on Monday, saying ありがとう before "
                           "leaving for the summit with the other leaders of the group.") == "en"
    assert detect_language("Der Minister dankte der Menge und sagte ありがとう, bevor er zum Gipfel "
                           "mit den anderen Staats- und Regierungschefs reiste.") == "de"
    # A Japanese text quoting English words is still Japanese.
    assert detect_language("首相は「Build Back Better」と述べ、新たな経済対策を発表しました。") == "ja"
