"""Per-article features of one corpus, computed once: what the pair scorer reads.

:func:`prepare` tokenizes and counts every article once (:class:`~clustering.features.CorpusTerms`:
CJK character bigrams after Traditional-to-Simplified conversion, Latin words, and entity-like
tokens) and weighs the counts by the corpus' own IDF. The blocks kept per article:

* ``text``: TF-IDF of the title and the first ``max_chars`` characters of the body;
* ``title``: TF-IDF of the title alone (a headline names the happening);
* ``names``: TF-IDF of names (capitalized Latin words, acronyms, runs of transliteration
  characters such as 塔吉克斯坦) and ``numbers`` (years, counts, ``2万``) apart: two reports
  of one event share names and numbers; two days of a recurring series share names, not numbers;
* ``dense`` and ``title_dense``: the embedding backend's vectors of the article and of its title
  (optional), L2-normalized; ``centered``: the article vectors minus their language's mean
  (:func:`language_centered`);
* ``places`` (a corpus of several languages only): the known places the title and lead name,
  by :mod:`geo.places` id (喀布尔 and Kabul are one), IDF-weighted: the names that match across
  scripts;
* ``event_days``: the days the title and lead name (7月5日, 周一, yesterday), resolved against
  the publication day (:mod:`clustering.event_days`);
* ``days`` (NaN when unknown), ``outlet`` code, ``terms`` (distinct lexical terms: short texts),
  ``roundup`` (several heading-delimited sections).

Rows of every block line up with the articles. :meth:`CorpusFeatures.subset` keeps the
corpus-wide weights, so a shard of the corpus scores its pairs exactly as the whole would.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
import scipy.sparse as sp

from articles.calendar import utc_offset_for
from articles.model import Article
from clustering.candidates import undated_cells
from clustering.copies import copy_groups
from clustering.event_days import event_day_matrix
from clustering.features import (
    ArticleDocuments,
    CorpusTerms,
    GroupIdf,
    publication_days,
    section_count,
    split_segments,
    to_simplified,
)


@dataclass
class CorpusFeatures:
    """Row-aligned per-article features (see the module docstring)."""

    ids: list[str]
    days: np.ndarray
    outlet: np.ndarray
    language: np.ndarray
    terms: np.ndarray
    roundup: np.ndarray
    text: sp.csr_matrix
    title: sp.csr_matrix
    names: sp.csr_matrix
    numbers: sp.csr_matrix
    event_days: sp.csr_matrix  # which days each article says its happening took place on
    dense: np.ndarray | None
    title_dense: np.ndarray | None
    # Roundups' sections (TF-IDF with the corpus weights): row s belongs to article section_owner[s].
    sections: sp.csr_matrix
    section_owner: np.ndarray
    # Article vectors minus their language's mean, L2-normalized (None without vectors or with
    # one language: the feature reading them is 0 within a language).
    centered: np.ndarray | None = None
    # Known places each article's title and lead name (geo.places ids, one column per place,
    # IDF-weighted, rows L2-normalized): None in a corpus of one language, where names already
    # match as written; across scripts only the place id matches 喀布尔 with Kabul.
    places: sp.csr_matrix | None = None
    # Past many undated articles: each article's cell and probed cells (clustering.candidates.undated_cells).
    cell: np.ndarray | None = None
    probes: np.ndarray | None = None
    # Copies of a text carried by more than ``crowd`` articles (prepare: a wire report carried by
    # many sites) share a label, the corpus row of the group's first (clustering.copies; in a
    # subset, compare labels for equality only); every other article has its own row. None: all.
    copies: np.ndarray | None = None
    # Per article: such a copy, not the group's first; the candidate search pairs it with its
    # neighbours in the group only.
    crowded: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def subset(self, rows: np.ndarray | Sequence[int]) -> CorpusFeatures:
        """The features of ``rows`` (weights stay the corpus-wide ones)."""
        rows = np.asarray(rows, dtype=np.int64)
        values = {}
        keep = np.flatnonzero(np.isin(self.section_owner, rows))
        position = np.full(len(self), -1, dtype=np.int64)
        position[rows] = np.arange(len(rows))
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "sections":
                values[f.name] = value[keep]
            elif f.name == "section_owner":
                values[f.name] = position[value[keep]]
            elif value is None:
                values[f.name] = None
            elif isinstance(value, list):
                values[f.name] = [value[i] for i in rows.tolist()]
            else:
                values[f.name] = value[rows]
        return CorpusFeatures(**values)


def _normalized(vectors: np.ndarray | None, n: int) -> np.ndarray | None:
    if vectors is None:
        return None
    dense = np.asarray(vectors, dtype=np.float32)
    if dense.shape[0] != n:
        raise ValueError(f"{dense.shape[0]} vectors for {n} articles")
    return dense / np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-12)


def _tfidf(counts: sp.csr_matrix, max_df: float, copies: np.ndarray | None = None) -> sp.csr_matrix:
    """Sublinear counts weighted by the IDF of these rows (a group of ``copies`` counted as one),
    rows L2-normalized."""
    return GroupIdf.of(counts, max_df, copies).apply(counts)


def _split_entity_columns(terms: CorpusTerms) -> tuple[np.ndarray, np.ndarray]:
    """Column ids of the entity vocabulary that are numbers, and those that are names."""
    token_of_key = {key: token for token, key in terms.entity_names.ids.items()}
    vocabulary = terms.entity_counts.vocabulary
    is_number = np.fromiter(
        (token_of_key.get(int(k), "").startswith("N:") for k in vocabulary), dtype=bool, count=len(vocabulary)
    )
    return np.flatnonzero(is_number), np.flatnonzero(~is_number)


def prepare(
    articles: Sequence[Article],
    embeddings: np.ndarray | None = None,
    title_embeddings: np.ndarray | None = None,
    max_chars: int = 3000,
    max_df: float = 0.5,
    n_jobs: int = 1,
    crowd: int = 15,
) -> CorpusFeatures:
    """Every per-article feature of ``articles`` (see the module docstring). ``crowd``: copies
    of one text carried by more than this many articles (the candidate search's ``k``) count
    as one document in the IDF, and their first stands for them in the candidate search
    (:mod:`clustering.copies`)."""
    articles = list(articles)
    n = len(articles)
    terms = CorpusTerms(ArticleDocuments(articles, max_chars), n_jobs=n_jobs)
    days = publication_days(articles)
    found = copy_groups(terms.lexical_tf, days)
    # Only a text carried by more than ``crowd`` articles is treated as one: a few copies (a day
    # of real news has groups of 2-4) are searched, weighed and grouped as any articles, so a
    # corpus without such a text clusters exactly as before. Hundreds must not make their own
    # text "too common", shift every other article's weights, or fill every candidate list.
    copies = np.where(np.bincount(found, minlength=n)[found] > crowd, found, np.arange(n))
    text_weights = GroupIdf.of(terms.lexical_tf, max_df, copies)
    text = text_weights.apply(terms.lexical_tf)
    number_columns, name_columns = _split_entity_columns(terms)
    entity_tf = terms.entity_tf.tocsc()
    numbers = _tfidf(entity_tf[:, number_columns].tocsr(), 1.0, copies)
    names = _tfidf(entity_tf[:, name_columns].tocsr(), max_df, copies)
    titles = CorpusTerms([to_simplified(a.title) for a in articles])
    title = _tfidf(titles.lexical_tf, 1.0, copies)
    roundup = np.fromiter((_is_roundup(a) for a in articles), dtype=bool, count=n)
    event_days = event_day_matrix([f"{a.title}\n{a.text[:max_chars]}" for a in articles], days,
                                  [utc_offset_for(a.language) for a in articles], n_jobs=n_jobs)
    sections, section_owner = _roundup_sections(articles, roundup, terms, text_weights, max_chars, n_jobs)
    dense = _normalized(embeddings, n)
    languages = [(a.language or "").split("-")[0].lower() for a in articles]
    cell, probes = undated_cells(days, dense)
    return CorpusFeatures(
        ids=[a.id for a in articles],
        days=days,
        outlet=_codes(a.outlet for a in articles),
        language=_codes(a.language or "" for a in articles),
        terms=np.diff(terms.lexical_tf.indptr).astype(np.int32),
        roundup=roundup,
        text=text,
        title=title,
        names=names,
        numbers=numbers,
        event_days=event_days,
        dense=dense,
        title_dense=_normalized(title_embeddings, n),
        sections=sections,
        section_owner=section_owner,
        # Only pairs of two languages read it: a corpus of one language needs none (67k x 384
        # floats are 100 MB).
        centered=None if dense is None or len(set(languages)) < 2 else language_centered(dense, _codes(languages)),
        places=None if len(set(languages)) < 2 else place_matrix(articles, terms),
        cell=cell,
        probes=probes,
        copies=copies,
        crowded=copies != np.arange(n),
    )


# Latin-script place names are read from the title and the first PLACE_CHARS characters (a
# regular expression over capitalized words: cheap); Chinese ones from the terms already counted
# (see place_matrix).
PLACE_CHARS = 1000


def place_matrix(articles: Sequence[Article], terms: CorpusTerms, max_chars: int = PLACE_CHARS) -> sp.csr_matrix:
    """Rows: articles; columns: the known places they name (:mod:`geo.places`); binary, weighted
    by the place's IDF in this corpus (a country every article names says little), rows
    L2-normalized.

    A Chinese name counts as named when every character bigram of it is among the article's
    counted terms (``terms``: title and lead, Simplified): one sparse product for the whole
    corpus instead of a scan of every text (a scan cost 0.2-0.7 ms an article, 15-40 s at 63k).
    The bigrams need not be adjacent, which for names of three or more characters almost never
    matters."""
    from geo.places import han_place_names, latin_places

    vocabulary = terms.lexical_counts.vocabulary
    place_column: dict[str, int] = {}
    name_rows, name_cols, needed, name_places = [], [], [], []
    for name, ids in han_place_names():
        codes = [ord(c) for c in name]
        keys = np.array([(a << 16) | b for a, b in zip(codes, codes[1:], strict=False)], dtype=np.int64)
        at = np.minimum(np.searchsorted(vocabulary, keys), max(len(vocabulary) - 1, 0))
        if not len(vocabulary) or not (vocabulary[at] == keys).all():
            continue  # no article has every bigram of it
        n = len(needed)
        name_rows.extend(at.tolist())
        name_cols.extend([n] * len(at))
        needed.append(len(np.unique(at)))
        name_places.append([place_column.setdefault(p, len(place_column)) for p in ids])
    found = sp.lil_matrix((len(articles), 0))
    if needed:
        used, local = np.unique(np.array(name_rows, dtype=np.int64), return_inverse=True)
        present = terms.lexical_tf[:, used].tocsr()
        present.data[:] = 1.0
        bigrams = sp.csr_matrix((np.ones(len(local)), (local, name_cols)), shape=(len(used), len(needed)))
        bigrams.data[:] = 1.0  # a bigram twice in a name (拉巴拉) counts once, as `needed` does
        hits = (present @ bigrams).tocsr()
        hits.data = (hits.data >= np.asarray(needed, dtype=np.float64)[hits.indices]).astype(np.float64)
        hits.eliminate_zeros()
        to_place = sp.csr_matrix(
            (np.ones(sum(map(len, name_places))),
             (np.repeat(np.arange(len(needed)), [len(p) for p in name_places]),
              np.concatenate([np.asarray(p, dtype=np.int64) for p in name_places]))),
            shape=(len(needed), len(place_column)))
        found = hits @ to_place
    indptr, indices = [0], []
    for a in articles:
        latin = latin_places(f"{a.title}\n{a.text[:max_chars]}") if _has_latin(a) else set()
        indices.extend(sorted(place_column.setdefault(p, len(place_column)) for p in latin))
        indptr.append(len(indices))
    width = len(place_column)
    han = sp.csr_matrix(found, shape=(len(articles), found.shape[1])) if needed else sp.csr_matrix((len(articles), 0))
    han.resize((len(articles), width))
    latin_hits = sp.csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int64), np.array(indptr)),
                               shape=(len(articles), width))
    counts = (han + latin_hits).tocsr()
    counts.data[:] = 1.0
    return _tfidf(counts, 1.0)


_LATIN_CAPITAL = re.compile(r"[A-Z]")


def _has_latin(article: Article) -> bool:
    return bool(_LATIN_CAPITAL.search(article.title) or _LATIN_CAPITAL.search(article.text[:PLACE_CHARS]))


# A language's mean counts as this many articles' worth of the corpus mean as well: a language
# with a handful of articles in the corpus is centered mostly on the corpus mean, not on those
# few articles themselves (one English report among Chinese ones would otherwise be centered
# to nothing).
LANGUAGE_PRIOR_ARTICLES = 50.0


def language_centered(dense: np.ndarray, language: np.ndarray) -> np.ndarray:
    """Each vector minus the mean vector of its language in this corpus, L2-normalized.

    Multilingual embedders place each language's texts in their own region: e5 rates two
    reports of one event in Chinese and in English below two unrelated Chinese reports. The
    language's mean is that offset (and the topic all of the corpus shares); without it, the
    cosine of a Chinese and an English report of one event follows the event. On the SemEval
    sample's zh-en pairs, Pearson with the gold rating: 0.74 raw, 0.87 centered
    (``clustering/README.md``)."""
    dense = np.asarray(dense, dtype=np.float32)
    if not np.isfinite(dense).all():
        dense = np.nan_to_num(dense)  # one broken vector must not blank the rest
    overall = dense.mean(axis=0)
    counts = np.bincount(language, minlength=int(language.max(initial=-1)) + 1).astype(np.float32)
    sums = np.stack([dense[language == code].sum(axis=0) for code in range(len(counts))]
                    or [np.zeros(dense.shape[1], np.float32)])
    means = (sums + LANGUAGE_PRIOR_ARTICLES * overall) / (counts + LANGUAGE_PRIOR_ARTICLES)[:, None]
    # In blocks, in place: one corpus-sized array at a time (67k x 384 floats are 100 MB).
    centered = dense.copy()
    for start in range(0, len(centered), _BLOCK_ROWS):
        block = centered[start:start + _BLOCK_ROWS]
        block -= means[language[start:start + _BLOCK_ROWS]]
        block /= np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-9)
    return centered


_BLOCK_ROWS = 8192


def _codes(values) -> np.ndarray:
    """Small integer codes of strings (equal strings, equal codes)."""
    table: dict[str, int] = {}
    return np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int32)


def _roundup_sections(articles, roundup, terms: CorpusTerms, weights: GroupIdf, max_chars: int, n_jobs: int = 1):
    """TF-IDF rows of every roundup's sections (corpus-wide weights) and their owners."""
    documents, owners = [], []
    for row in np.flatnonzero(roundup).tolist():
        for segment in split_segments(articles[row])[:MAX_SECTIONS]:
            documents.append(segment[:min(max_chars, SECTION_CHARS)])
            owners.append(row)
    if not documents:
        return sp.csr_matrix((0, max(len(weights.columns), 1)), dtype=np.float32), np.zeros(0, np.int64)
    counts, _ = terms.transform_documents(documents, n_jobs=n_jobs)
    return weights.apply(counts), np.asarray(owners, dtype=np.int64)


# A roundup: several heading-delimited sections in a long text (a digest of the day's events).
ROUNDUP_MIN_SECTIONS = 3
ROUNDUP_MIN_CHARS = 1500
MAX_SECTIONS = 12
# A section is read this far: its lead names its event (and a digest of twelve sections
# read in full would cost as much to tokenize as twelve articles).
SECTION_CHARS = 500


def _is_roundup(article: Article) -> bool:
    return len(article.text) >= ROUNDUP_MIN_CHARS and section_count(article) >= ROUNDUP_MIN_SECTIONS
