"""Tokenizing and counting: the terms every per-article feature is built from.

* :class:`CorpusTerms` counts every article's terms ONCE: CJK character bigrams (after
  Traditional-to-Simplified conversion, so a CNA report in Traditional script and an RFI
  report in Simplified share their n-grams), Latin/digit words and word bigrams, and
  entity-like tokens (:func:`entity_tokens`: capitalized Latin words, acronyms, numbers,
  transliterated foreign names in Chinese);
* :class:`GroupIdf` weighs counts by the IDF of a group of rows;
* helpers: publication days, roundup sections (:func:`paragraph_groups`, :func:`section_view`).

Texts are cut (title + the first ``max_chars`` characters) so cost stays linear.
"""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from articles.model import Article
from articles.window import usable_date
from clustering.memory import start_forked_pool, stop_forked_pool

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A word's letters in any alphabet but CJK (Arabic, Cyrillic, Hangul, kana, accented Latin: an
# ASCII-only word cut Elfmeterschießen and dropped Arabic and Russian words, so two reports in those
# languages shared no term), then letters, combining marks (Latin, Arabic vowel signs), ' and -.
_LETTER = rf"[^\W\d_{_CJK}]"
_TOKEN = re.compile(rf"[{_CJK}]+|{_LETTER}(?:{_LETTER}|[\u0300-\u036f\u064b-\u065f\u0670'\-])*|\d+(?:[.,]\d+)*")
_CJK_RUN = re.compile(rf"[{_CJK}]+")
# Characters Chinese transliterations of foreign names are built from
# (塔吉克斯坦, 拉夫罗夫, 巴达赫尚): runs of >= 3 of them are almost always names.
_TRANSLIT_CHARS = (
    "阿埃艾爱安昂奥澳巴拜班邦贝本比彼毕宾波玻伯博布查达戴丹道德迪蒂杜顿多厄恩法菲费芬"
    "弗福盖甘冈戈格古圭哈海汉豪赫黑亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱兰朗"
    "劳勒雷黎里利莉林琳留卢鲁伦罗洛马迈麦曼梅蒙米密明摩莫姆穆纳乃南内尼涅宁纽努诺欧帕"
    "佩彭皮普齐奇恰乔切钦琼萨塞桑瑟森沙尚什舍施斯松苏索塔泰坦汤特图托瓦万旺威韦维温沃"
    "乌武西希锡夏谢辛休修雅亚扬耶伊英尤约泽扎詹兹佐"
)
_TRANSLIT = re.compile(f"[{_TRANSLIT_CHARS}]{{3,}}")
# A capitalized word or an acronym, not at the text's start, not right after
# "[.!?] " and at a word boundary. The leading [A-Z] comes first (the checks on
# what precedes it are lookbehinds after it) so the regex engine can skip to the
# next capital letter instead of trying every position: 5x faster on Chinese text,
# same matches as (?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[\-'][A-Z]?[a-z]+)*|[A-Z]{2,})\b.
_CAPITALIZED = re.compile(
    r"([A-Z](?<!\w[A-Z])(?<![.!?]\s[A-Z])(?<!^[A-Z])(?:[a-z]+(?:[\-'][A-Z]?[a-z]+)*|[A-Z]+))\b"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:万|亿|千|百)?")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)([A-Z][a-z]+)")
# Capitalized words that are not names (sentence starts are skipped anyway,
# but headlines and quotes capitalize these too).
_NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "For", "And", "But", "Or", "Of", "To", "By", "With",
    "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Their", "Our", "This", "That",
    "These", "Those", "There", "Here", "When", "While", "After", "Before", "As", "If", "Mr",
    "Mrs", "Ms", "Dr", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "New", "Who", "What", "Why", "How",
    "According", "Police", "President", "Officials", "Reuters", "AP", "AFP", "Associated",
    "Press", "News", "CNN", "BBC", "Getty", "Images", "Photo", "Read", "More", "Related",
}


@lru_cache(maxsize=1)
def _t2s_converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese (other text passes through unchanged)."""
    if not _CJK_RUN.search(text):
        return text
    return _t2s_converter().convert(text)


def entity_tokens(text: str, latin_text: str | None = None) -> list[str]:
    """Proper-noun-ish tokens: what distinguishes one event from a similar one.

    ``latin_text``: ``text`` with each CJK run cut to its first character
    (:func:`collapse_cjk_runs`); the Latin-name and number patterns find the
    same tokens in it (they never match inside a run, and a run's first
    character still ends a number like ``2万``), in a third of the scan.
    """
    tokens: list[str] = []
    latin = text if latin_text is None else latin_text
    sentence_starts = {m.start(1) for m in _SENTENCE_START.finditer(latin)}
    for m in _CAPITALIZED.finditer(latin):
        word = m.group(1)
        if m.start(1) in sentence_starts or word in _NOT_NAMES:
            continue
        tokens.append("E:" + word.lower())
    for number in _NUMBER.findall(latin):
        number = number.replace(",", "")
        # Lone small numbers ("2", "10") are everywhere; years and counts are not.
        if len(number) >= 2 and not (number.isdigit() and len(number.lstrip("0")) <= 2 and int(number) < 13):
            tokens.append("N:" + number)
    tokens.extend(["T:" + name for name in _TRANSLIT.findall(text)])
    return tokens


def article_document(article: Article, max_chars: int) -> str:
    """Title (twice: it names the event) + the beginning of the body, in Simplified script."""
    body = article.text[:max_chars]
    return to_simplified(f"{article.title}\n{article.title}\n{body}")


_SENTENCE_PUNCTUATION = set("。！？.!?，,：:；;")


def is_heading(paragraph: str) -> bool:
    """A short line without sentence punctuation: a section heading (<h3>, <strong>)."""
    text = paragraph.strip()
    return 0 < len(text) <= 25 and not any(ch in _SENTENCE_PUNCTUATION for ch in text)


def section_count(article: Article) -> int:
    """Number of heading-delimited sections (1 when the article has fewer than two headings)."""
    paragraphs = [p for p in article.paragraphs if p.strip()]
    headings = sum(1 for i, p in enumerate(paragraphs) if i > 0 and is_heading(p))
    return headings + 1 if headings >= 2 else 1


def paragraph_groups(article: Article, segment_chars: int = 500) -> list[list[str]]:
    """An article's parts as lists of its paragraphs: its sections when it has headings,
    else consecutive paragraphs grouped to about ``segment_chars``.

    Roundups report several events; matched part by part, each part can recognise its
    own story. Sections are cut at headings (two or more).
    """
    paragraphs = [p for p in article.paragraphs if p.strip()]
    headings = [i for i, p in enumerate(paragraphs) if i > 0 and is_heading(p)]
    if len(headings) >= 2:
        bounds = [0, *headings, len(paragraphs)]
        return [paragraphs[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    groups: list[list[str]] = []
    current: list[str] = []
    size = 0
    for paragraph in paragraphs:
        current.append(paragraph)
        size += len(paragraph)
        if size >= segment_chars:
            groups.append(current)
            current, size = [], 0
    if current:
        if groups and size < segment_chars / 2:
            groups[-1].extend(current)
        else:
            groups.append(current)
    return groups


def split_segments(article: Article, segment_chars: int = 500) -> list[str]:
    """The texts of :func:`paragraph_groups` in Simplified script (the title when empty)."""
    segments = [to_simplified("\n".join(g)) for g in paragraph_groups(article, segment_chars)]
    return segments or [to_simplified(article.title)]


def section_view(article: Article, section: int) -> Article:
    """The article reduced to one of its sections (same id, outlet and date): how a
    roundup is shown and compared in a story it mentions (:class:`clustering.model.Mention`).
    The whole article when there is no such section."""
    groups = paragraph_groups(article)
    if not 0 <= section < len(groups):
        return article
    return dataclasses.replace(article, paragraphs=list(groups[section]), captions=[])


def publication_days(articles: Sequence[Article]) -> np.ndarray:
    """Days since the epoch (float, negative before 1970); NaN where the date is unknown."""
    days = np.full(len(articles), np.nan)
    for i, article in enumerate(articles):
        if usable_date(article.published):  # (the epoch, 1900-01-01: how sources write "no date")
            days[i] = article.published.timestamp() / 86400.0
    return days


def _sublinear(counts: sp.csr_matrix) -> sp.csr_matrix:
    """Raw ``1 + log(count)`` term frequencies (what sublinear TF-IDF multiplies by IDF)."""
    counts = counts.astype(np.float32)
    np.log(counts.data, out=counts.data)
    counts.data += 1.0
    return counts


def _l2_normalized_rows(data: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """CSR float32 row data divided by its row's L2 norm, exactly as
    ``sklearn.preprocessing.normalize`` does it (float32 squares summed in float64
    in row order, division in float64, empty rows untouched) without its per-call
    validation overhead (thousands of small topics paid it)."""
    if not len(data):
        return data
    n_rows = len(indptr) - 1
    if len(data) < 1_000_000:
        # Small (a topic): fewest calls.
        rows = np.repeat(np.arange(n_rows), np.diff(indptr))
        sums = np.bincount(rows, weights=data * data, minlength=n_rows)
        norms = np.sqrt(sums)
        norms[sums == 0.0] = 1.0
        return (data / norms[rows]).astype(np.float32)
    # Large: scipy's CSR matrix-vector product sums each row's entries in order in
    # float64, as sklearn's loop does, without a row id per entry (the corpus
    # has 34 M entries: temporaries are what cost). Its all-zero column ids are
    # calloc'd pages that are never written.
    squares = sp.csr_matrix(
        ((data * data).astype(np.float64), np.zeros(len(data), dtype=np.int32), indptr), shape=(n_rows, 1)
    )
    sums = squares @ np.ones(1)
    del squares
    norms = np.sqrt(sums)
    norms[sums == 0.0] = 1.0
    normalized = np.empty(len(data), dtype=np.float32)
    # float64 division rounded to float32, in buffered chunks.
    np.divide(data, np.repeat(norms, np.diff(indptr)), out=normalized, casting="unsafe")
    return normalized


def _without_copies(tf: sp.csr_matrix, copies: np.ndarray, columns: np.ndarray, df: np.ndarray
                    ) -> tuple[int, np.ndarray]:
    """(n, df of ``columns``) with each group of copies counted once: a term in k copies of one
    group counts 1, not k. Only the rows of groups of two or more are recounted."""
    copies = np.asarray(copies, dtype=np.int64)
    size = np.bincount(copies, minlength=len(copies))
    multi = np.flatnonzero(size[copies] > 1)
    if not len(multi):
        return tf.shape[0], df
    part = tf[multi].tocoo()
    group_of = copies[multi][part.row]
    extra = np.bincount(part.col, minlength=tf.shape[1])  # each copy's count of the term
    keys = np.unique(group_of * np.int64(tf.shape[1]) + part.col)
    once = np.bincount(keys % tf.shape[1], minlength=tf.shape[1])  # each group's, once
    n = tf.shape[0] - len(multi) + len(np.unique(copies[multi]))
    return n, df - extra[columns] + once[columns]


@dataclass
class GroupIdf:
    """IDF of the terms one group of rows uses: sorted column ids and their weights.

    A term absent from (or pruned in) the group has no entry, i.e. weight 0,
    which is what a vectorizer refitted on the group alone does: its vocabulary
    has no such column. Dot products are therefore identical to a refit.
    """

    columns: np.ndarray
    values: np.ndarray

    @staticmethod
    def of(tf: sp.csr_matrix, max_df: float, copies: np.ndarray | None = None) -> GroupIdf:
        """Smoothed IDF (``ln((1+n)/(1+df)) + 1``, sklearn's) over the rows of ``tf``,
        terms in more than ``max_df`` of the rows pruned (when n >= 20). ``copies``: a group id
        per row (:mod:`clustering.copies`); the rows of one group count as one document in n
        and df, so a report carried by most of the corpus is not "too common" to compare its
        copies by, and its copies do not shift the other articles' weights."""
        n = tf.shape[0]
        # np.unique over the group's non-zeros, not a bincount over the whole
        # vocabulary: thousands of topics x millions of terms would dominate.
        if tf.nnz > tf.shape[1] // 8:
            # Many non-zeros (the whole corpus): counting beats sorting them.
            df = np.bincount(tf.indices, minlength=tf.shape[1])
            columns = np.flatnonzero(df)
            df = df[columns]
        else:
            columns, df = np.unique(tf.indices, return_counts=True)
        if copies is not None:
            n, df = _without_copies(tf, copies, columns, df)
        if max_df < 1.0 and n >= 20:
            keep = df <= max_df * n
            # sklearn refuses a vocabulary pruned to nothing; the refit fallback kept every term.
            if keep.any():
                columns, df = columns[keep], df[keep]
        values = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
        return GroupIdf(columns, values)

    def apply(self, tf: sp.csr_matrix) -> sp.csr_matrix:
        """Rows of ``tf`` times these weights, rows L2-normalized, over the group's
        OWN columns (column c = ``columns[c]``): terms off the group are dropped.

        Compact columns matter: scipy's sparse product transposes its right
        operand, which costs O(columns) — millions for the corpus vocabulary,
        paid on every block of every topic.
        """
        n_columns = max(len(self.columns), 1)
        if not len(self.columns) or not tf.nnz:
            return sp.csr_matrix((tf.shape[0], n_columns), dtype=np.float32)
        if tf.nnz > tf.shape[1] // 8:
            # Many non-zeros (the whole corpus): a column -> position table beats a
            # binary search per non-zero (cache misses over millions of columns).
            position = np.full(tf.shape[1], -1, dtype=np.int32)
            position[self.columns] = np.arange(len(self.columns), dtype=np.int32)
            at = position[tf.indices]
            found = at >= 0
        else:
            at = np.minimum(np.searchsorted(self.columns, tf.indices), len(self.columns) - 1)
            found = self.columns[at] == tf.indices
        lengths = np.diff(tf.indptr)
        if found.all():
            indptr = tf.indptr.astype(np.int64)
            data = tf.data * self.values[at]
            indices = at.astype(np.int32)
        else:
            # Kept entries per row by a segmented sum (no row id per entry).
            kept_per_row = np.zeros(tf.shape[0], dtype=np.int64)
            nonempty = np.flatnonzero(lengths)
            if len(nonempty):
                kept_per_row[nonempty] = np.add.reduceat(found, tf.indptr[nonempty], dtype=np.int64)
            indptr = np.zeros(tf.shape[0] + 1, dtype=np.int64)
            np.cumsum(kept_per_row, out=indptr[1:])
            indices = at[found]
            data = tf.data[found] * self.values[indices]
            indices = indices.astype(np.int32, copy=False)
        data = _l2_normalized_rows(data.astype(np.float32), indptr)
        return sp.csr_matrix((data, indices, indptr), shape=(tf.shape[0], n_columns))


class CorpusTerms:
    """Every article's term counts, counted ONCE per run over a corpus-wide vocabulary.

    ``features(rows)`` gives TF-IDF features re-weighted for any group of rows
    (a topic) from the column document frequencies restricted to those rows:
    no re-tokenization, no refit; the cost is linear in the group's non-zeros.
    Terms are CJK character bigrams (a lone character stays a unigram), :func:`word_tokens` and :func:`entity_tokens`, counted
    as integer keys (see :func:`cjk_keys`).
    """

    def __init__(self, documents: Sequence[str], batch_size: int = 1000, n_jobs: int = 1):
        self.words = _StringKeys()
        self.entity_names = _StringKeys()
        cjk_batches = []
        word_batches = []
        entity_batches = []
        for start, (cjk_summary, words, entities) in _tokenized_batches(documents, batch_size, n_jobs):
            cjk_batches.append((start, *cjk_summary))
            # String tokens get their keys here, batch after batch: the same keys in
            # the same order whether the batches were tokenized here or in workers.
            word_batches.append((start, *summarize_pairs(len(words[0]), self.words.keys_of_local(*words))))
            entity_batches.append(
                (start, *summarize_pairs(len(entities[0]), self.entity_names.keys_of_local(*entities)))
            )
        n = len(documents)
        # CJK keys (< 2^32) all sort before word keys (>= 2^32): the lexical
        # vocabulary is the CJK one followed by the word one.
        self.lexical_counts = KeyedCounts(n, cjk_batches, word_batches)
        self.entity_counts = KeyedCounts(n, entity_batches)
        self.lexical_tf = self.lexical_counts.matrix
        self.entity_tf = self.entity_counts.matrix

    def _lexical_keys(
        self, documents: Sequence[str], latin: list[str], grow: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        """``latin``: the documents with CJK runs cut to one character
        (:func:`collapse_cjk_runs`); word tokens come from it (a run of any length
        breaks a word bigram alike, and most of a Chinese text is CJK runs)."""
        cjk_docs, cjk = cjk_keys(documents)
        word_docs, words = self.words.keys([word_tokens(d) for d in latin], grow=grow)
        return np.concatenate([cjk_docs, word_docs]), np.concatenate([cjk, words])

    def transform_documents(
        self, documents: list[str], batch_size: int = 1000, n_jobs: int = 1
    ) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """Sublinear counts of new documents over this vocabulary (unknown terms ignored),
        in batches (tens of thousands of roundup sections at once made temporaries
        of hundreds of MB; rows do not depend on the batching), with ``n_jobs`` > 1 in
        forked workers (they read the vocabulary, never grow it)."""
        bounds = [(start, start + batch_size) for start in range(0, max(len(documents), 1), batch_size)]
        if n_jobs < 2 or len(bounds) < _MIN_PARALLEL_BATCHES or "fork" not in multiprocessing.get_all_start_methods():
            parts = [self._transform_batch(documents[a:b]) for a, b in bounds]
        else:
            global _FORKED_TRANSFORM
            _FORKED_TRANSFORM = (self, documents)
            pool = start_forked_pool(n_jobs)
            finished = False
            try:
                parts = pool.map(_transform_forked, bounds)
                finished = True
            finally:
                stop_forked_pool(pool, wait=finished)
                _FORKED_TRANSFORM = None
        if len(parts) == 1:
            return parts[0]
        return (sp.vstack([p[0] for p in parts], format="csr"), sp.vstack([p[1] for p in parts], format="csr"))

    def _transform_batch(self, batch: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        latin = collapse_cjk_runs(batch)
        lexical = self.lexical_counts.transform_keys(len(batch), *self._lexical_keys(batch, latin, False))
        entity_docs, entity_keys = self.entity_names.keys(
            [entity_tokens(d, r) for d, r in zip(batch, latin, strict=True)], grow=False
        )
        return lexical, self.entity_counts.transform_keys(len(batch), entity_docs, entity_keys)


class ArticleDocuments(Sequence):
    """The articles' :func:`article_document` texts, made when a slice is asked for
    (in a worker process when :class:`CorpusTerms` tokenizes in parallel: the
    Traditional-to-Simplified conversion is part of the work it shares)."""

    def __init__(self, articles: Sequence[Article], max_chars: int):
        self.articles = articles
        self.max_chars = max_chars

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [article_document(a, self.max_chars) for a in self.articles[index]]
        return article_document(self.articles[index], self.max_chars)


def tokenize_batch(documents: Sequence[str]) -> tuple:
    """One batch's tokens: its CJK bigrams counted and summarized
    (:func:`summarize_pairs`, compact dtypes since workers send them back), and
    its word tokens and entity tokens (:func:`local_token_ids`: string keys are
    given in one place, in document order)."""
    documents = list(documents)
    latin = collapse_cjk_runs(documents)
    docs, keys = cjk_keys(documents)
    # (first << 16) | second with code points < 2^16: the keys fit 32 bits.
    per_row, distinct, where, counts = summarize_pairs(len(documents), (docs, keys))
    return (
        (per_row, distinct.astype(np.uint32), where, counts),
        local_token_ids([word_tokens(d) for d in latin]),
        local_token_ids([entity_tokens(d, r) for d, r in zip(documents, latin, strict=True)]),
    )


def local_token_ids(token_lists: Sequence[list[str]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each document's number of tokens, every token as an index into the batch's
    distinct tokens, and those in first-seen order: giving keys to the distinct
    tokens in that order gives the keys every token would have got in turn (and
    a worker sends each distinct string once)."""
    lengths = np.fromiter((len(t) for t in token_lists), dtype=np.int32, count=len(token_lists))
    table: dict[str, int] = {}
    ids = np.fromiter(
        (table.setdefault(token, len(table)) for tokens in token_lists for token in tokens),
        dtype=np.int32, count=int(lengths.sum()),
    )
    return lengths, ids, list(table)


def summarize_pairs(n_docs: int, docs_and_keys: tuple[np.ndarray, np.ndarray]) -> tuple:
    """What :class:`KeyedCounts` needs of one batch's (document, key) occurrences:
    per document its number of distinct keys, the batch's distinct keys (sorted),
    and per unique (document, key) pair, in (document, key) order, where its key
    sits among them and how often it occurs."""
    rows, keys, counts = _count_pairs(*docs_and_keys)
    distinct, where = unique_with_inverse(keys)
    per_row = np.bincount(rows, minlength=n_docs).astype(np.int32)
    small = counts.max(initial=0) < (1 << 16)
    return per_row, distinct, where.astype(np.int32), counts.astype(np.uint16 if small else np.int32)


# What forked tokenizing workers read (set just before the fork, cleared after).
_FORKED_DOCUMENTS: Sequence[str] | None = None
# Fewer batches than this are tokenized in this process (workers cost more).
_MIN_PARALLEL_BATCHES = 4


# What forked transform workers read: (the CorpusTerms, the documents).
_FORKED_TRANSFORM: tuple | None = None


def _transform_forked(bounds: tuple[int, int]) -> tuple:
    terms, documents = _FORKED_TRANSFORM
    return terms._transform_batch(documents[bounds[0]:bounds[1]])


def _tokenize_forked(bounds: tuple[int, int]) -> tuple:
    start, stop = bounds
    return tokenize_batch(_FORKED_DOCUMENTS[start:stop])


def _tokenized_batches(documents: Sequence[str], batch_size: int, n_jobs: int):
    """(start, :func:`tokenize_batch` result) of each batch, in order; with
    ``n_jobs`` > 1 computed ahead by forked worker processes (tokenizing is
    Python and regex work that holds the GIL)."""
    starts = range(0, len(documents), batch_size)
    if (n_jobs < 2 or len(starts) < _MIN_PARALLEL_BATCHES
            or "fork" not in multiprocessing.get_all_start_methods()):
        for start in starts:
            yield start, tokenize_batch(documents[start : start + batch_size])
        return
    global _FORKED_DOCUMENTS
    _FORKED_DOCUMENTS = documents
    pool = start_forked_pool(n_jobs)
    finished = False
    try:
        tasks = [(start, start + batch_size) for start in starts]
        yield from zip(starts, pool.imap(_tokenize_forked, tasks), strict=True)
        finished = True
    finally:
        stop_forked_pool(pool, wait=finished)
        _FORKED_DOCUMENTS = None


# ---- vectorized term counting ------------------------------------------------
# CJK character bigrams dominate the token count of Chinese news (~one per
# character); making a Python string of each one cost most of a run's time and
# memory. They are counted as integer keys computed with numpy over the code
# points instead: bigram = (first << 16) | second, lone character = its code
# point (< 2^16, so the two never collide); Latin words, word bigrams and
# entity tokens (few) keep string tokens, keyed by an id >= 2^32.
_WORD_KEY_BASE = 1 << 32
_KEY_BITS = 41  # keys < 2^41; the batch-local document index goes above them
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _is_cjk(codes: np.ndarray) -> np.ndarray:
    mask = np.zeros(len(codes), dtype=bool)
    for lo, hi in _CJK_RANGES:
        mask |= (codes >= lo) & (codes <= hi)
    return mask


def cjk_keys(documents: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(document index, key) of every CJK character bigram (a lone character: unigram)."""
    if not documents:
        return np.array([], np.int64), np.array([], np.int64)
    # "\n" between documents is not CJK: no bigram crosses a document boundary.
    codes = np.frombuffer("\n".join(documents).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    lengths = np.fromiter((len(d) + 1 for d in documents), dtype=np.int64, count=len(documents))
    doc_of = np.repeat(np.arange(len(documents), dtype=np.int64), lengths)[: len(codes)]
    cjk = _is_cjk(codes)
    previous = np.concatenate([[False], cjk[:-1]])
    following = np.concatenate([cjk[1:], [False]])
    bigram = np.flatnonzero(cjk & following)
    lone = np.flatnonzero(cjk & ~previous & ~following)
    keys = np.concatenate([(codes[bigram] << 16) | codes[bigram + 1], codes[lone]])
    return np.concatenate([doc_of[bigram], doc_of[lone]]), keys


def collapse_cjk_runs(documents: Sequence[str]) -> list[str]:
    """Each document with every CJK run cut to its first character (numpy over the
    code points of the whole batch): what the Latin-word and number patterns
    need, a fraction of the characters to scan."""
    if not documents:
        return []
    codes = np.frombuffer("\n".join(documents).encode("utf-32-le"), dtype=np.uint32)
    cjk = _is_cjk(codes)
    keep = ~cjk
    keep[1:] |= cjk[1:] & ~cjk[:-1]
    keep[0] = True
    kept = np.flatnonzero(keep)
    text = codes[kept].tobytes().decode("utf-32-le")
    lengths = np.fromiter((len(d) + 1 for d in documents), dtype=np.int64, count=len(documents))
    ends = np.cumsum(lengths)  # one past each document's "\n" separator (the last has none)
    # Kept characters before a position = where that position falls among the kept ones.
    starts = np.searchsorted(kept, ends - lengths).tolist()
    stops = np.searchsorted(kept, np.minimum(ends - 1, len(codes))).tolist()
    return [text[a:b] for a, b in zip(starts, stops, strict=True)]


def word_tokens(text: str) -> list[str]:
    """The Latin/digit lexical terms: lowercased words and word bigrams
    (a CJK run or a one-letter word between two words breaks the bigram)."""
    tokens: list[str] = []
    append = tokens.append
    previous_word: str | None = None
    for run in _TOKEN.findall(text):
        if "\u3400" <= run[0] <= "\u9fff" or "\uf900" <= run[0] <= "\ufaff":  # a CJK run (not Hangul)
            previous_word = None
            continue
        word = run.lower().replace(",", "")
        if len(word) > 1 or word.isdigit():
            append(word)
            if previous_word is not None:
                append(previous_word + "_" + word)
            previous_word = word
        else:
            previous_word = None
    return tokens


class _KeyTable(dict):
    """token -> key; a missing token gets the next key (>= 2^32) when looked up, so
    ``map(table.__getitem__, tokens)`` assigns keys in first-seen order in C."""

    def __missing__(self, token: str) -> int:
        key = self[token] = _WORD_KEY_BASE + len(self)
        return key


class _StringKeys:
    """Stable integer keys (>= 2^32) for string tokens."""

    def __init__(self) -> None:
        self.ids: _KeyTable = _KeyTable()

    def keys_of_local(
        self, lengths: np.ndarray, ids: np.ndarray, distinct: list[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(document, key) of every token of a :func:`local_token_ids` batch; new
        tokens get keys in the batch's first-seen order."""
        keys = np.fromiter(map(self.ids.__getitem__, distinct), dtype=np.int64, count=len(distinct))
        return np.repeat(np.arange(len(lengths), dtype=np.int64), lengths), keys[ids]

    def keys(self, token_lists: Sequence[list[str]], grow: bool) -> tuple[np.ndarray, np.ndarray]:
        lengths = np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=len(token_lists))
        docs = np.repeat(np.arange(len(token_lists), dtype=np.int64), lengths)
        flat = [token for tokens in token_lists for token in tokens]
        if grow:
            return docs, np.fromiter(map(self.ids.__getitem__, flat), dtype=np.int64, count=len(flat))
        keys = np.fromiter(map(self.ids.get, flat, itertools.repeat(-1)), dtype=np.int64, count=len(flat))
        known = keys >= 0
        return docs[known], keys[known]


def unique_with_inverse(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_inverse=True)`` by a stable argsort: keys made of
    sorted runs (each document's keys) merge in a fraction of a generic sort."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    new = np.empty(len(ordered), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    inverse = np.empty(len(keys), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse


def _count_pairs(docs: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique (document, key) pairs and how often each occurs."""
    combined, counts = np.unique((docs << _KEY_BITS) | keys, return_counts=True)
    return combined >> _KEY_BITS, combined & ((1 << _KEY_BITS) - 1), counts


class KeyedCounts:
    """Sublinear term counts over integer keys, with the sorted key vocabulary.

    Each of ``families`` is a list of batches ``(first row, *summarize_pairs(...))``
    over consecutive row ranges, in row order, each batch's pairs in (row, key)
    order. Several families hold disjoint key ranges, in increasing order (CJK
    bigrams, then words): the vocabulary is theirs one after the other, and a
    row's entries are its entries of each family in turn, so in key order.
    """

    def __init__(self, n_rows: int, *families: list[tuple]):
        vocabularies = []
        per_row_of = []
        for batches in families:
            # Each batch carries its distinct keys (and where each pair's key sits among
            # them): the binary search into the big vocabulary runs once per distinct key.
            # The batches' distinct keys are sorted runs: a stable sort merges them
            # (numpy's default unique hashes them: 10x slower at 63k articles).
            merged = np.sort(np.concatenate([b[2] for b in batches]), kind="stable") if batches else (
                np.array([], np.int64)
            )
            vocabularies.append(merged[np.r_[True, merged[1:] != merged[:-1]]] if len(merged) else merged)
            per_row = np.zeros(n_rows, dtype=np.int64)
            for start, rows, *_ in batches:
                per_row[start : start + len(rows)] += rows
            per_row_of.append(per_row)
        self.vocabulary = np.concatenate([v.astype(np.int64) for v in vocabularies]) if families else (
            np.array([], np.int64)
        )
        indptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.cumsum(np.sum(per_row_of, axis=0) if families else np.zeros(n_rows, np.int64), out=indptr[1:])
        # Each family's entries in row order (batch after batch: contiguous runs).
        family_cols = []
        family_data = []
        column_offset = 0
        for batches, sorted_keys, per_row in zip(families, vocabularies, per_row_of, strict=True):
            cols = np.empty(int(per_row.sum()), dtype=np.int32)
            data = np.empty(len(cols), dtype=np.float32)
            at = 0
            while batches:  # released one by one
                _, _, distinct, where, counts = batches.pop(0)
                cols[at : at + len(counts)] = np.searchsorted(sorted_keys, distinct)[where] + column_offset
                data[at : at + len(counts)] = np.log(counts.astype(np.float32)) + np.float32(1.0)
                at += len(counts)
            family_cols.append(cols)
            family_data.append(data)
            column_offset += len(sorted_keys)
        if len(families) == 1:
            cols, data = family_cols[0], family_data[0]
        else:
            # Interleave: row r holds its entries of family 0, then of family 1, ...
            # (one boolean-mask copy per family; index scatters were 10x slower).
            family_of_entry = np.repeat(
                np.tile(np.arange(len(families), dtype=np.int8), n_rows), np.stack(per_row_of, axis=1).ravel()
            )
            cols = np.empty(int(indptr[-1]), dtype=np.int32)
            data = np.empty(int(indptr[-1]), dtype=np.float32)
            for family, (part_cols, part_data) in enumerate(zip(family_cols, family_data, strict=True)):
                mine = family_of_entry == family
                cols[mine] = part_cols
                data[mine] = part_data
        self.matrix = sp.csr_matrix((data, cols, indptr), shape=(n_rows, max(len(self.vocabulary), 1)))

    def transform_keys(self, n_rows: int, docs: np.ndarray, keys: np.ndarray) -> sp.csr_matrix:
        """Sublinear counts of new documents; keys outside the vocabulary are ignored."""
        if len(keys) and len(self.vocabulary):
            # One binary search per distinct key (segments repeat their bigrams).
            distinct, where = np.unique(keys, return_inverse=True)
            at = np.minimum(np.searchsorted(self.vocabulary, distinct), len(self.vocabulary) - 1)
            known = (self.vocabulary[at] == distinct)[where]
            at = at[where]
            docs, cols = docs[known], at[known]
        else:
            docs, cols = docs[:0], keys[:0]
        counts = sp.csr_matrix(
            (np.ones(len(cols), np.float32), (docs, cols)),
            shape=(n_rows, max(len(self.vocabulary), 1)),
        )
        counts.sum_duplicates()
        return _sublinear(counts)
