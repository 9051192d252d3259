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
