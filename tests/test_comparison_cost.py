"""Hostile but valid input stays bounded (issue 12): these finish, with a one-line note
past a cap. Timings and memory are measured in benchmarks/bench_comparison.py
(--hostile), not here."""

from __future__ import annotations

import dataclasses
import importlib
from datetime import UTC, datetime

from comparison import compare
from comparison.claims import MAX_CLAUSE_CHARS, clause_bounds
from comparison.extract import extract_dates
from comparison.hostile import long_english_pair, long_runs, long_runs_pair, numbers_pair
from comparison.numbers import extract_quantities
from comparison.text import split_sentences


def test_two_articles_sharing_a_sentence_of_3000_numbers_finish_with_a_note():
    arts = numbers_pair(3000)
    comparison = compare(arts, use_dense=False)
    assert comparison.notes and all("\n" not in note for note in comparison.notes)
    assert any("numbers skipped" in note for note in comparison.notes)
    # The lead sentences are still compared: about 200 vs about 600 escaped prisoners.
    assert any(f.kind == "contradiction" and f.fact_type == "number" for f in comparison.findings)


def test_a_50000_word_english_article_beside_a_short_one_finishes():
    arts = long_english_pair(50_000)
    assert len(arts[0].text.split()) >= 50_000
    comparison = compare(arts, use_dense=False)
    assert comparison.article_ids == [a.id for a in arts]
    assert comparison.notes


PUBLISHED = datetime(2021, 7, 5, 22, 41, tzinfo=UTC)


def test_long_runs_of_digits_numerals_and_dates_finish_and_read_as_no_figure():
    # Were quadratic (a 100,000-digit run took minutes) or crashed (int() of 40,000 digits).
    digits, numerals, percent, dates, _weekdays = long_runs(6000)
    assert not extract_quantities(digits) and not extract_quantities(percent)
    assert [q.text for q in extract_quantities(numerals)] == ["三个"]  # the run itself is no figure
    assert len(extract_dates(dates, PUBLISHED)) == 1500
    comparison = compare(long_runs_pair(6000), use_dense=False)
    assert any(f.kind == "contradiction" and f.fact_type == "number" for f in comparison.findings)


def test_segmenter_and_clauses_are_bounded():
    paragraph = " ".join(["word"] * 20_000)  # no sentence end at all
    sentences = split_sentences(paragraph, "en")
    assert "".join(s.text for s in sentences).replace(" ", "") == paragraph.replace(" ", "")
    assert all(len(s.text) <= 2000 for s in sentences)
    text = "数" * 5000
    assert all(e - s <= MAX_CLAUSE_CHARS for s, e in clause_bounds(text, 0, len(text)))


def test_quotations_past_the_cap_get_a_note():
    from comparison import compare
    from comparison.findings.quote import MAX_QUOTES_PER_ARTICLE
    from tests.comparison_helpers import article

    many = [f'"We will rebuild house number {i} before winter," said Mayor Anna Berg.'
            for i in range(MAX_QUOTES_PER_ARTICLE + 5)]
    a = article("qx", "Outlet A", *many)
    b = article("qy", "Outlet B", '"We will rebuild house number 3 before winter," said Mayor Anna Berg.')
    notes = compare([a, b], use_dense=False).notes
    assert any("5 quotations past the first" in n for n in notes)


def test_an_article_past_the_cap_is_compared_on_its_first_characters_and_says_so(monkeypatch) -> None:
    module = importlib.import_module("comparison.compare")  # (the package exports the function as compare)

    long_text = ["The bridge collapsed on Monday, killing 12 people, police said. " * 40] * 150
    a, b = long_english_pair(10)
    huge = dataclasses.replace(a, id="huge", paragraphs=long_text)
    assert len(huge.text) > module.MAX_ARTICLE_CHARS
    assert len(module.clipped(huge).text) <= module.MAX_ARTICLE_CHARS
    assert module.clipped(b) is b
    monkeypatch.setattr(module, "MAX_ARTICLE_CHARS", 3_000)  # the same path, a small text
    notes = compare([huge, b], use_dense=False).notes
    assert any("compared on their first 3,000 characters" in n for n in notes)


def test_a_story_of_hundreds_of_near_copies_compares_the_cap_one_per_outlet_first():
    # 320 copies of one wire report took 17 GB before the kernel stopped the run: every pair of
    # articles is aligned and compared, so the cost grows with the square of the articles.
    from comparison.compare import MAX_COMPARED_ARTICLES
    from comparison.hostile import syndicated_story

    arts = syndicated_story(MAX_COMPARED_ARTICLES + 6)
    arts += [dataclasses.replace(arts[0], id="wire-again", published=arts[0].published.replace(hour=13))]
    comparison = compare(arts, use_dense=False)
    assert len(comparison.article_ids) == MAX_COMPARED_ARTICLES
    assert "wire-again" not in comparison.article_ids  # a second copy of one outlet waits for the others
    assert comparison.notes[0].startswith(f"compared {MAX_COMPARED_ARTICLES} of {len(arts)} articles")
    assert all("\n" not in note for note in comparison.notes)


def test_one_per_outlet_first_takes_each_outlets_earliest_before_any_second():
    from comparison.compare import one_per_outlet_first
    from comparison.hostile import syndicated_story

    arts = syndicated_story(4)
    later = [dataclasses.replace(a, id=a.id + "-later", published=a.published.replace(hour=20)) for a in arts]
    assert [a.id for a in one_per_outlet_first(later + arts, 6)] == [
        *(a.id for a in arts), *(a.id for a in later[:2])]
    assert len(one_per_outlet_first(arts, 10)) == 4


def test_a_name_is_normalized_once_however_many_names_it_is_compared_with():
    # The naming producer compares each person named with those grouped before: thousands of
    # names (a 200,000-character run of Chinese without punctuation) made 2.4 million
    # comparisons, each normalizing both names again (138 s of a 174 s comparison).
    from comparison.extract import _name_key, same_entity

    names = [f"{family}{given}" for family in "王李张刘陈杨黄赵" for given in ("建国", "秀英", "志强", "丽华", "国庆")]
    names += [f"总统{name}" for name in names[:5]]
    _name_key.cache_clear()
    pairs = [same_entity(a, b) for a in names for b in names]
    assert _name_key.cache_info().misses == len(set(names))
    assert all(same_entity(f"总统{name}", name) for name in names[:5]) and sum(pairs) >= len(names)
