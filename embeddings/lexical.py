"""Script-neutral character n-grams: the lexical side of similarity.

Chinese news comes in Simplified (RFI, Zaobao, BBC) and Traditional script (CNA,
RFA's Cantonese service...). Converting everything to Simplified first (OpenCC
``t2s``) lets ``動員`` and ``动员`` share n-grams. Character n-grams need no word
segmentation, which works the same for Chinese and space-separated languages.

:class:`LexicalBackend` turns this into fixed-length vectors without any fitted
state (hashed n-grams, sublinear tf, L2), so vectors from separate calls are
comparable and can be cached like dense ones. :func:`hashed_char_ngrams` gives the
same thing as a sparse matrix for callers that want many more dimensions.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy as np
from scipy import sparse

from embeddings.base import EmbeddingBackend

_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` with Traditional Chinese characters and phrases in Simplified form."""
    if not text:
        return text
    return _t2s().convert(text)


def normalize_for_ngrams(text: str) -> str:
    """Simplified script, NFKC (full-width -> ASCII), lower case, single spaces."""
    text = unicodedata.normalize("NFKC", to_simplified(text)).lower()
    return _SPACES.sub(" ", text).strip()


def char_ngrams(text: str, n_min: int = 1, n_max: int = 3, normalize: bool = True) -> list[str]:
    """All character n-grams of ``text`` with n in [n_min, n_max].

    N-grams that contain a space are kept only for n >= 2 and only with the space
    inside them, not a lone space, so word boundaries of spaced languages count.
    """
    if normalize:
        text = normalize_for_ngrams(text)
    grams: list[str] = []
    for n in range(n_min, n_max + 1):
        for i in range(len(text) - n + 1):
            gram = text[i : i + n]
            if gram.strip() == "":
                continue
            grams.append(gram)
    return grams


def char_ngram_analyzer(n_min: int = 1, n_max: int = 3):
    """A callable for scikit-learn vectorizers (``analyzer=char_ngram_analyzer()``)."""
    return functools.partial(char_ngrams, n_min=n_min, n_max=n_max)


def hashed_char_ngrams(
    texts: list[str], n_features: int = 2**20, n_min: int = 1, n_max: int = 3
) -> sparse.csr_matrix:
    """Sparse rows: hashed char n-gram counts, sublinear tf (1 + log tf), L2-normalized.

    Stateless: the same text always gives the same row, whatever else is in the batch.
    """
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(
        analyzer=char_ngram_analyzer(n_min, n_max),
        n_features=n_features,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )
    counts = vectorizer.transform(texts).tocsr()
    counts.data = 1.0 + np.log(counts.data)
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ counts, dtype=np.float32)


class LexicalBackend(EmbeddingBackend):
    """Dense hashed character 1-3-gram vectors after Traditional-to-Simplified.

    The fallback when no dense model loads. ``n_features`` trades memory (4 bytes
    per dimension per article: 8192 dims = 32 KB, 2.2 GB for 67k articles) for
    fewer hash collisions; for large corpora :func:`hashed_char_ngrams` (sparse,
    2**20 dims) is the better form.
    """

    def __init__(self, n_features: int = 8192, n_min: int = 1, n_max: int = 3):
        self.n_features = n_features
        self.n_min = n_min
        self.n_max = n_max
        self.name = f"lexical:t2s-char{n_min}-{n_max}:hash{n_features}:sublinear-l2"

    def embed(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.n_features), dtype=np.float32)
        rows = []
        batch = 256
        starts = range(0, len(texts), batch)
        if show_progress:
            from tqdm import tqdm

            starts = tqdm(starts, desc="lexical vectors", unit="batch")
        for start in starts:
            chunk = hashed_char_ngrams(
                list(texts[start : start + batch]), self.n_features, self.n_min, self.n_max
            )
            rows.append(chunk.toarray())
        return np.vstack(rows).astype(np.float32)
