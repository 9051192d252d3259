"""comparison.phonetics: renderings of one foreign name that sound alike in Mandarin."""

from hypothesis import given
from hypothesis import strategies as st

from comparison.phonetics import sound_alike


def test_one_syllable_keeping_its_initial_sounds_alike():
    assert sound_alike("蒙巴萨", "孟巴萨")  # the same syllables, other characters
    assert sound_alike("冈比亚", "甘比亚")  # gang / gan: one syllable, same initial


def test_a_shared_final_alone_is_enough_only_in_longer_names():
    assert sound_alike("迪亚兹", "迪亚斯")  # zi / si, three syllables
    assert not sound_alike("果玛", "罗马")  # guo / luo: two syllables need the initial


def test_other_lengths_or_two_syllables_apart_do_not_sound_alike():
    assert not sound_alike("马克龙", "马克")
    assert not sound_alike("巴黎", "柏林")


@given(st.text(alphabet="马克龙宏巴萨蒙孟迪亚兹斯", min_size=0, max_size=5),
       st.text(alphabet="马克龙宏巴萨蒙孟迪亚兹斯", min_size=0, max_size=5))
def test_sound_alike_is_symmetric_and_never_holds_for_one_string(a, b):
    assert sound_alike(a, b) == sound_alike(b, a)
    assert not sound_alike(a, a)


def test_established_names_are_not_renderings_of_each_other():
    assert not sound_alike("巴黎", "巴林")  # Paris, Bahrain
    assert not sound_alike("米兰", "米勒")


def test_text_that_is_not_all_chinese_never_sounds_alike():
    assert not sound_alike("AB", "马马")
    assert not sound_alike("阿马", "恩马")  # two syllables with no initial share none


def test_a_long_name_with_one_syllable_more_or_less_sounds_alike():
    # Made-up renderings of made-up names.
    assert sound_alike("萨坦米雅洛", "塞坦尼米雅洛")  # sa/sai and a syllable inside (ni): one name
    assert sound_alike("博尔卡纳维", "博卡纳维")  # the weak 尔 written or not
    assert sound_alike("克洛帕维尔", "斯克洛帕维尔")  # a syllable more at the start, the rest the same


def test_a_syllable_more_does_not_join_other_names():
    assert not sound_alike("马克宏", "马克宏多")  # three syllables: too short
    assert not sound_alike("马洛西姆", "马洛西莫夫")  # an ending syllable and another changed
    assert not sound_alike("萨坦米雅洛", "塔坦尼米雅洛")  # an initial changed (s/t)
    assert not sound_alike("萨坦米雅洛", "塞坦尼米约洛")  # two syllables changed besides the one more
