"""The alignment model's relative features: a pair's similarity against its rivals."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from comparison.align import rival_gap


def test_a_mutual_best_match_has_no_gap_and_a_topic_sentence_trails_it():
    # Article 0: sentences 0, 1; article 1: sentences 2, 3.
    s = np.array([[1.0, 0.2, 0.9, 0.6],
                  [0.2, 1.0, 0.8, 0.7],
                  [0.9, 0.8, 1.0, 0.1],
                  [0.6, 0.7, 0.1, 1.0]], dtype=np.float32)
    gap = rival_gap(s, np.array([0, 0, 1, 1]), np.ones(4, dtype=bool))
    assert gap[0, 2] == 0.0  # 0 and 2 are each other's best
    # 1's best in article 1 is 2 (0.8), but 2 prefers 0 (0.9): 1-2 trails by 0.1.
    assert np.isclose(gap[1, 2], -0.1)
    assert np.isclose(gap[1, 3], -0.1)  # 3 prefers 1 (0.7), but 1 prefers 2 (0.8)


@settings(max_examples=50, deadline=None)
@given(st.integers(2, 9), st.integers(0, 2**31 - 1))
def test_gaps_are_symmetric_never_positive_and_each_sentence_has_a_best_match(n, seed):
    rng = np.random.default_rng(seed)
    s = rng.random((n, n)).astype(np.float32)
    s = (s + s.T) / 2
    article_of = rng.integers(0, 3, n)
    gap = rival_gap(s, article_of, np.ones(n, dtype=bool))
    assert np.allclose(gap, gap.T)
    assert (gap <= 1e-7).all()
    for i in range(n):
        for a in set(article_of.tolist()):
            members = np.flatnonzero(article_of == a)
            row = s[i, members]
            assert (gap[i, members] <= row - row.max() + 1e-7).all()  # never above the row gap
            j = members[np.argmax(row)]
            if s[article_of == article_of[i], j].max() == s[i, j]:  # a mutual best match
                assert np.isclose(gap[i, j], 0.0)


_PIECES = ["今天在北京开会", "讨论了很多问题", "The army said", "on Monday", "26,000 people fled", "短", "",
           "officials said on Tuesday", "然后离开了会场"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12), min_size=1, max_size=12),
       st.sampled_from(["，", ", ", "；", " "]), st.integers(1, 12))
def test_clause_similarity_is_the_best_clause_pair_whatever_the_blocks(sentences, joiner, block_rows):
    import comparison.align as align

    texts = [joiner.join(parts) for parts in sentences]
    owner = [i for i, t in enumerate(texts) for _ in align.sentence_clauses(t)]
    clauses = [c for t in texts for c in align.sentence_clauses(t)]
    assert all(len(align.sentence_clauses(t)) <= align.MAX_CLAUSES_PER_SENTENCE for t in texts)
    whole = align.lexical_similarity(clauses)
    owner_arr = np.asarray(owner)
    expected = np.array([[whole[np.ix_(owner_arr == i, owner_arr == j)].max() for j in range(len(texts))]
                         for i in range(len(texts))])
    previous = align.CLAUSE_BLOCK_ROWS
    try:
        align.CLAUSE_BLOCK_ROWS = block_rows
        blocked = align.clause_lexical_similarity(texts)
    finally:
        align.CLAUSE_BLOCK_ROWS = previous
    assert np.allclose(blocked, expected, atol=1e-6)


def test_a_thousands_separator_does_not_break_a_clause():
    from comparison.align import sentence_clauses

    assert sentence_clauses("The quake killed 26,000 people in the city") == ["The quake killed 26,000 people in the city"]
    assert sentence_clauses("官员说，地震造成两万六千人死亡") == ["地震造成两万六千人死亡"]


def _overlaps(texts: list[tuple[str, str]], values_of):
    """Three made-up articles (text, language) and ``values_of(docs, flat)`` (per sentence): the
    sentences' values, and best(x, y), the highest overlap between a sentence of x and one of y."""
    from comparison.align import _number_overlap
    from comparison.docs import build_docs
    from tests.comparison_helpers import article

    docs = build_docs([article(f"a{n}", f"Outlet {n}", text, language=language)
                       for n, (text, language) in enumerate(texts)])
    flat = [(d, k) for d, doc in enumerate(docs) for k in range(len(doc.sentences))]
    values = values_of(docs, flat)
    overlap = _number_overlap(values)
    doc_of = np.array([d for d, _ in flat])

    def best(x: int, y: int) -> float:
        return float(overlap[np.ix_(doc_of == x, doc_of == y)].max())

    return [set().union(*(values[i] for i in np.flatnonzero(doc_of == d))) for d in range(len(docs))], best


def test_figure_values_match_across_scripts_and_languages():
    from comparison.align import _figure_values

    _, best = _overlaps([("塔吉克斯坦动员两万名后备役军人。", "zh"), ("Tajikistan called up 20,000 reservists.", "en"),
                         ("塔吉克斯坦动员3000名后备役军人。", "zh")], _figure_values)
    assert best(0, 1) == 1.0
    assert best(0, 2) == 0.0 and best(1, 2) == 0.0


def test_figure_values_leave_out_what_names_no_single_value():
    import dataclasses

    from comparison.align import _figure_values
    from comparison.docs import build_docs
    from tests.comparison_helpers import article

    doc = build_docs([article("a", "甲", "一千多名士兵和约200名囚犯，另有0人。", language="zh")])[0]
    flat = [(0, k) for k in range(len(doc.sentences))]
    assert set().union(*_figure_values([doc], flat)) == {("count", 200.0)}
    huge = dataclasses.replace(doc.facts.quantities[0], low=1e308, high=1e308)
    doc.facts.quantities[0] = huge
    assert ("count", 1e308) in set().union(*_figure_values([doc], flat))


def test_named_days_match_across_languages_and_leave_out_months_and_bounds():
    from comparison.align import _named_days

    days, best = _overlaps([
        ("两国将于4月19日互开国门，实现无需隔离的双向自由行。", "zh"),
        ("From April 19th residents of the two countries can fly without quarantine.", "en"),
        ("两国自4月1日以来一直在谈判，4月底前公布细节。", "zh"),
    ], _named_days)
    assert best(0, 1) == 1.0
    # A period's bound (自4月1日以来) and a month's part (4月底) name no event's day.
    assert not days[2]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.integers(1, 900), min_size=1, max_size=40), min_size=1, max_size=8),
       st.integers(500, 5_000))
def test_the_dense_budget_keeps_leads_first_and_never_spends_past_it(lengths, budget):
    """Embedded characters stay within the story's budget; a sentence is embedded only when every
    sentence nearer the top of any article is (leads before tails)."""
    from unittest import mock

    import comparison.align as align

    flat = [(d, k) for d, article in enumerate(lengths) for k in range(len(article))]
    texts = ["字" * lengths[d][k] for d, k in flat]
    notes: list[str] = []
    with mock.patch.object(align, "MAX_DENSE_STORY_CHARS", budget):
        kept = align._within_dense_budget(list(range(len(flat))), flat, texts, notes)
    assert kept == sorted(kept)
    assert sum(min(len(texts[i]), align.MAX_DENSE_CHARS) for i in kept) <= budget
    deepest = max((flat[i][1] for i in kept), default=-1)
    assert all(i in kept for i, (_, k) in enumerate(flat) if k < deepest)
    assert bool(notes) == (len(kept) < len(flat))


def test_a_judged_sentence_is_found_by_its_text_when_its_index_moved():
    """Alignment labels name sentences by index; a paragraph dropped before them (ingest's
    cleaning changed) shifts every index, and the label must follow its text, not its number."""
    from comparison.docs import build_docs
    from comparison.train_align import relocated
    from tests.comparison_helpers import article

    old = "The storm cut power to 40,000 homes on Monday. Crews worked through the night."
    doc = build_docs([article("a", "Outlet", "A heading paragraph that ingest now keeps here.", old)])[0]
    texts = [s.text for s in doc.sentences]
    moved = texts.index("Crews worked through the night.")
    assert relocated(doc, moved, "Crews worked through the night.") == moved  # still in place
    assert relocated(doc, moved - 1, "Crews worked through the night.") == moved  # shifted
    assert relocated(doc, 0, "A sentence the article no longer holds.") is None
