"""The clustering's lexical word tokens (clustering.features.word_tokens) are words of any
alphabet: Arabic, Cyrillic, Hangul, kana and accented Latin words were cut at their first
non-ASCII letter or dropped, so two Arabic (or Russian, Korean) reports of one event shared no
title or text term and were never grouped. ASCII text tokenizes as before. Made-up words."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from clustering.features import _CJK, word_tokens

# The tokenizer before: ASCII letters only.
_ASCII_TOKEN = re.compile(rf"[{_CJK}]+|[A-Za-z][A-Za-z'\-]*|\d+(?:[.,]\d+)*")

WORDS = ["حريق", "مستشفى", "الناصرية", "пожаре", "больнице", "확진자", "최다", "Elfmeterschießen",
         "Díaz-Canel", "giãn", "cách", "によりますと"]


def test_words_of_other_alphabets_are_whole_tokens() -> None:
    tokens = word_tokens("حريق مستشفى الناصرية: ٩٢ قتيلا")
    assert {"حريق", "مستشفى", "الناصرية", "حريق_مستشفى"} <= set(tokens)
    assert {"пожаре", "больнице", "пожаре_в"} - set(word_tokens("При пожаре в больнице")) == {"пожаре_в"}
    assert "elfmeterschießen" in word_tokens("im Elfmeterschießen verloren")
    assert "확진자가" in word_tokens("신규 확진자가 1천378명")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
def test_every_word_is_its_own_token(words: list[str]) -> None:
    tokens = word_tokens(" ".join(words))
    assert all(w.lower() in tokens for w in words)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=80))
def test_ascii_text_tokenizes_as_before(text: str) -> None:
    before = [run for run in _ASCII_TOKEN.findall(text)]
    words = [w.lower().replace(",", "") for w in before]
    assert [t for t in word_tokens(text) if "_" not in t] == [w for w in words if len(w) > 1 or w.isdigit()]
