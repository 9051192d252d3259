"""Aligned sentences side by side, with the words each outlet puts otherwise (comparison.wording)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from comparison import compare
from comparison.report import marked, to_json, to_markdown
from comparison.story import comparison_from_dict
from comparison.text import to_simplified
from comparison.wording import differing_ranges, tokens
from tests.comparison_helpers import ESCAPE_A, ESCAPE_B, article


def _texts(text: str, ranges) -> list[str]:
    return [text[s:e] for s, e in ranges]


def test_identical_sentences_differ_nowhere() -> None:
    text = "塔吉克斯坦总统拉赫蒙下令动员两万名后备役军人。"
    assert differing_ranges(text, text) == ([], [])


def test_a_chinese_paraphrase_marks_the_words_put_otherwise() -> None:
    a, b = "劳动力资源仍然充沛", "中国劳动力资源依然丰富"
    ranges_a, ranges_b = differing_ranges(a, b)
    # 然 alone is not shared wording: one CJK character in common is chance.
    assert _texts(a, ranges_a) == ["仍然充沛"]
    assert _texts(b, ranges_b) == ["中国", "依然丰富"]


def test_an_english_paraphrase_marks_the_verb() -> None:
    a = "The Taliban seized the base without a fight."
    b = "The Taliban were handed the base without a fight."
    ranges_a, ranges_b = differing_ranges(a, b)
    assert _texts(a, ranges_a) == ["seized"]
    assert _texts(b, ranges_b) == ["were handed"]


def test_case_script_and_punctuation_are_no_difference() -> None:
    assert differing_ranges("Police said, on Monday", "police said on Monday") == ([], [])
    assert differing_ranges(to_simplified("臺灣當局表示"), "台湾当局表示") == ([], [])


_WORDS = st.sampled_from(["塔", "利", "班", "的", "了", "police", "said", "40", "miles", "km", "，", " ", "。"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=40).map("".join), st.lists(_WORDS, max_size=40).map("".join))
def test_ranges_are_ordered_in_bounds_and_leave_the_same_shared_words(a: str, b: str) -> None:
    ranges_a, ranges_b = differing_ranges(a, b)
    for text, ranges in ((a, ranges_a), (b, ranges_b)):
        assert all(0 <= s < e <= len(text) for s, e in ranges)
        assert all(e1 < s2 for (_, e1), (s2, _) in zip(ranges, ranges[1:], strict=False))

    def shared(text: str, ranges) -> list[str]:
        return [w for w, s, _e in tokens(text) if not any(rs <= s < re for rs, re in ranges)]

    # Outside the marked ranges both texts hold the same words in the same order.
    assert shared(a, ranges_a) == shared(b, ranges_b)


def test_a_huge_sentence_is_compared_in_bounded_words_and_its_rest_as_one_block() -> None:
    a = "word " * 50_000
    assert differing_ranges(a, a) == ([], [])
    ranges_a, ranges_b = differing_ranges(a, a + " other")
    # The first MAX_TOKENS words are compared word by word; the rests differ: one block each.
    assert len(ranges_a) == 1 and len(ranges_b) == 1
    assert ranges_b[0][1] == len(a + " other") and ranges_a[0][1] == len(a.rstrip())


def test_full_width_digits_are_the_same_words() -> None:
    assert differing_ranges("１月２１日", "1月21日") == ([], [])


def test_the_pair_cap_keeps_pairs_of_every_two_articles_and_the_budget_bounds_the_cost() -> None:
    from comparison.compare import build_context
    from comparison.wording import aligned_sentences

    sentences = [f"Officials in district {n} said {n} houses were damaged by the flood on Monday." for n in range(8)]
    articles = [article(f"x{i}", f"Outlet {i}", *[s.replace("Monday", f"Monday {i}") for s in sentences])
                for i in range(4)]
    _docs, ctx, _notes = build_context(articles)
    everything, notes = aligned_sentences(ctx)
    assert not notes and len(everything) > 6
    capped, notes = aligned_sentences(ctx, limit=6)
    assert len(capped) == 6 and "past the first 6 not listed" in notes[0]
    assert len({(p["a"]["article_id"], p["b"]["article_id"]) for p in capped}) == 6  # one per pair of articles
    budgeted, notes = aligned_sentences(ctx, budget=1)
    assert budgeted == [] and "word-comparison budget" in notes[0]


def test_compare_lists_aligned_pairs_with_exact_offsets_and_roundtrips() -> None:
    articles = [ESCAPE_A, ESCAPE_B]
    result = compare(articles, use_dense=False)
    text = {a.id: a.text for a in articles}
    assert result.aligned, "no aligned sentence pairs"
    for pair in result.aligned:
        assert {pair["a"]["article_id"], pair["b"]["article_id"]} == {"a", "b"}
        for side in (pair["a"], pair["b"]):
            assert text[side["article_id"]][side["start"]:side["end"]] == side["text"]
            assert all(side["start"] <= s < e <= side["end"] for s, e in side["differs"])
    escaped = next(p for p in result.aligned if "prisoners" in p["a"]["text"])
    marked_a = marked(escaped["a"])
    assert "⟦About 200⟧" in marked_a and "⟦escaped⟧" in marked_a
    assert comparison_from_dict(result.to_dict()).aligned == result.aligned
    assert to_json(result, articles)["aligned"] == result.aligned
    assert "## Aligned sentences worded otherwise" in to_markdown(result, articles)


def test_sentences_in_two_languages_are_paired_without_word_differences() -> None:
    en = article("en", "Reuters", "Tajikistan mobilised 20,000 reservists to reinforce its border with Afghanistan.")
    zh = article("zh", "VOA", "塔吉克斯坦动员两万名后备役军人，加强与阿富汗交界处的防御。", language="zh")
    result = compare([en, zh], use_dense=False)
    assert all(not p["same_language"] and not p["a"]["differs"] and not p["b"]["differs"] for p in result.aligned)


def test_reading_orders_put_the_surest_pairs_first_and_keep_story_order_among_ties() -> None:
    import pytest

    from comparison.wording import in_reading_order

    pairs = [{"score": 0.8, "n": 0}, {"score": 0.95, "n": 1}, {"score": 0.8, "n": 2}, {"score": 0.99, "n": 3}]
    assert [p["n"] for p in in_reading_order(pairs)] == [3, 1, 0, 2]
    assert [p["n"] for p in in_reading_order(pairs, "story")] == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="reading order"):
        in_reading_order(pairs, "random")


def test_the_markdown_lists_the_surest_aligned_pair_first() -> None:
    articles = [ESCAPE_A, ESCAPE_B]
    result = compare(articles, use_dense=False)
    worded = [p for p in result.aligned if p["a"]["differs"] or p["b"]["differs"]]
    surest = max(worded, key=lambda p: p["score"])
    section = to_markdown(result, articles).split("## Aligned sentences worded otherwise")[1]
    first = next(line for line in section.splitlines() if line.startswith("- "))
    assert marked(surest["a"]) in first
