"""Claim alignment across the articles of a story.

A sentence pair's probability of stating the same claim is a logistic model
(``align_model.json``, fitted with scikit-learn on the development comparisons by
``python -m comparison.train_align``; see ``ALIGN_MODEL.md``) over:

- dense: cosine of the multilingual dense embeddings (cross-lingual, so zh<->en
  pairs align), rescaled within the story (median pair -> 0, 99th percentile -> 1);
- lexical: character 2-3-gram TF-IDF cosine on Simplified text, digits neutralized; and the
  same between clauses (``clause_lexical``: the best pair of a clause of one sentence and a
  clause of the other), since one claim is often one clause of a longer sentence;
- the same two similarities again where the sentences' claims share an event
  type (killed, handed over...): slot compatibility raises the weight of the
  textual evidence, it never aligns two unrelated sentences by itself (units
  and categories are checked by the producers);
- each similarity relative to the pair's rivals (``*_gap``): how far it falls short of
  the best match either sentence has in the other's article (0 for a mutual best match).
  A sentence close to several of another report's sentences (a topic sentence) is weaker
  evidence for any one of them than a sentence that stands out.

With no dense model, the lexical variant of the model applies.
"""

from __future__ import annotations

import json
import logging
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from comparison.text import to_simplified

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent / "align_model.json"
FEATURES = ("lexical", "dense", "event_lexical", "event_dense", "lead", "position", "numbers", "lexical_gap",
            "dense_gap", "clause_lexical", "figure_values", "days")
# Sentences this early in their article are its lead (news is written lead first: the
# leads of two reports of one happening state its main claim).
LEAD_SENTENCES = 3
# Sentences shorter than this (headings, "（综合报导）") are not aligned.
MIN_ALIGN_CHARS = 10
# Bounded cost: at most this many sentences per article are embedded (the lead
# carries the news); the rest align on the lexical features alone, with a note.
MAX_DENSE_SENTENCES_PER_ARTICLE = 150
# ... and each embedded text is its first MAX_DENSE_CHARS characters (a
# "sentence" of 3,000 numbers is read by its start, not windowed whole).
MAX_DENSE_CHARS = 600
# ... and a story embeds at most this many characters in all (a cost budget: embedding runs at
# roughly 1,000-3,000 characters a second on 2 cores, so a story of a dozen long articles stays
# within the dashboard's minute). The sentences nearest their article's top go first, every
# article's lead before any article's tail; the rest align on the lexical features alone, with a
# note. The development comparisons hold at most 19,194 characters a story: none reaches it.
MAX_DENSE_STORY_CHARS = 60_000
# A story with fewer sentence pairs than this (two short reports) cannot measure its own
# cosine band: the development stories' typical band is used (``dense_scale`` in the model).
MIN_PAIRS_FOR_STORY_SCALE = 90
# A figure read as a range no wider than this ratio (about 200: 180-220) stands for one value.
NARROW_RANGE = 1.25

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def written_numbers(text: str) -> set[str]:
    """The numbers ``text`` writes in digits, each in ASCII digits whatever the script's: ２０
    (full width, in Japanese and some Chinese text) and ٢٠ (Arabic-Indic) are 20, so a sentence
    whose language the comparison does not read still pairs with the reports giving its figures."""
    return {"".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in number)
            for number in _DIGITS.findall(text)}


def _normalize(text: str) -> str:
    return _DIGITS.sub("0", to_simplified(text))


def _tfidf_rows(texts: list[str]):
    """L2-normalized character 2-3-gram TF-IDF rows (fit on these texts); None when no
    text holds a character pair."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True, min_df=1)
    try:
        return vectorizer.fit_transform([_normalize(t) for t in texts])
    except ValueError:  # only empty/punctuation texts
        return None


def lexical_similarity(texts: list[str]) -> np.ndarray:
    """Cosine similarity of character 2-3-gram TF-IDF vectors (fit on these texts)."""
    matrix = _tfidf_rows(texts) if texts else None
    if matrix is None:
        return np.zeros((len(texts), len(texts)), dtype=np.float32)
    return (matrix @ matrix.T).toarray().astype(np.float32)


# Clause breaks inside a sentence (a comma between digits separates thousands).
_CLAUSE_BREAK = re.compile(r"[，；：]|(?<!\d)[,;:](?!\d)")
# Shorter pieces ("他说", "however") join no claim of their own.
MIN_CLAUSE_CHARS = 6
# Bounded cost: a sentence's pieces past this many are read as one last clause.
MAX_CLAUSES_PER_SENTENCE = 8
# Clause rows per block of the clause-by-clause product (memory: block x clauses).
CLAUSE_BLOCK_ROWS = 1024


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence (the whole sentence when it has no break);
    past :data:`MAX_CLAUSES_PER_SENTENCE`, the rest of the sentence is one last clause."""
    spans, start = [], 0
    for m in [*_CLAUSE_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        if len(text[start:end].strip()) >= MIN_CLAUSE_CHARS:
            spans.append((start, end))
        start = m.end() if m else end
    if len(spans) > MAX_CLAUSES_PER_SENTENCE:
        spans = spans[:MAX_CLAUSES_PER_SENTENCE - 1] + [(spans[MAX_CLAUSES_PER_SENTENCE - 1][0], spans[-1][1])]
    return spans or [(0, len(text))]


def sentence_clauses(text: str) -> list[str]:
    """The clauses of a sentence (:func:`clause_spans`)."""
    return [text[a:b] for a, b in clause_spans(text)]


def clause_lexical_similarity(texts: list[str]) -> np.ndarray:
    """For each sentence pair, the best character TF-IDF cosine between a clause of one and a
    clause of the other. Computed in blocks of clause rows: memory block x clauses, never
    clauses x clauses."""
    n = len(texts)
    owner: list[int] = []
    clauses: list[str] = []
    for i, text in enumerate(texts):
        for clause in sentence_clauses(text):
            owner.append(i)
            clauses.append(clause)
    matrix = _tfidf_rows(clauses) if clauses else None
    out = np.zeros((n, n), dtype=np.float32)
    if matrix is None:
        return out
    first = np.searchsorted(np.asarray(owner), np.arange(n))  # each sentence's first clause row
    bounds = np.append(first, len(clauses))
    start = 0
    while start < n:
        stop = start + 1  # whole sentences per block, at least one
        while stop < n and bounds[stop + 1] - bounds[start] <= CLAUSE_BLOCK_ROWS:
            stop += 1
        block = (matrix[bounds[start]:bounds[stop]] @ matrix.T).toarray().astype(np.float32)
        best_per_sentence = np.maximum.reduceat(block, first, axis=1)
        out[start:stop] = np.maximum.reduceat(best_per_sentence, first[start:stop] - bounds[start], axis=0)
        start = stop
    return out


def _is_dense(backend) -> bool:
    name = getattr(backend, "name", "") or ""
    return backend is not None and not any(k in name.lower() for k in ("lexical", "tfidf", "tf-idf"))


def dense_similarity(texts: list[str], backend, reference: tuple[float, float] | None = None
                     ) -> np.ndarray | None:
    """Cosine similarity of dense embeddings, rescaled so unrelated pairs sit near 0.

    ``reference``: the (median, 99th percentile) cosine of a typical story, used instead
    of this story's own when it has too few sentence pairs to measure them (two short
    reports). Returns None when the backend is lexical or fails (the caller then uses
    the lexical score alone).
    """
    if not texts or not _is_dense(backend):
        return None
    try:
        vectors = np.asarray(backend.embed(texts), dtype=np.float32)
    except Exception as exc:  # a broken model must not break the comparison
        log.warning("dense sentence embeddings failed (%s); using lexical alignment only", exc)
        return None
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.maximum(norms, 1e-9)
    cos = vectors @ vectors.T
    # Small multilingual E5 models compress Chinese news sentences into a narrow
    # band (on the seed pair: median 0.876, 99th percentile 0.924, paraphrases
    # 0.93-0.94), so absolute cosines mean little. Rescale within the story: the
    # median pair -> 0, the 99th percentile -> 1.
    scale = story_scale(cos)
    if scale is None or (len(cos) * (len(cos) - 1) < MIN_PAIRS_FOR_STORY_SCALE and reference is not None):
        scale = reference
    if scale is None:
        return None
    low, high = scale
    return np.clip((cos - low) / max(high - low, 1e-6), 0.0, 1.0).astype(np.float32)


def story_scale(cos: np.ndarray) -> tuple[float, float] | None:
    """(median, 99th percentile) of a story's off-diagonal sentence cosines."""
    off_diagonal = cos[~np.eye(len(cos), dtype=bool)]
    if off_diagonal.size == 0:
        return None
    low, high = np.percentile(off_diagonal, [50, 99])
    return float(low), float(high)


def _reference_scale(backend) -> tuple[float, float] | None:
    """The typical story scale of the development comparisons, when measured with this backend."""
    scale = load_model().get("dense_scale")
    if not scale or scale.get("backend") != getattr(backend, "name", None):
        return None
    return scale["low"], scale["high"]


@dataclass
class SimilarityModel:
    """Pairwise probability that two sentences state the same claim, and the cut."""

    matrix: np.ndarray
    threshold: float
    dense: bool

    def __call__(self, i: int, j: int) -> float:
        return float(self.matrix[i, j])


@lru_cache(maxsize=1)
def load_model() -> dict:
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def pair_features(docs, flat: list[tuple[int, int]], backend=None, notes: list[str] | None = None
                  ) -> tuple[dict[str, np.ndarray], bool]:
    """The feature matrices (n x n each) of every sentence pair of the story."""
    from comparison.claims import sentence_events

    texts = [docs[d].sentences[k].text for d, k in flat]
    lexical = lexical_similarity(texts)
    n = len(texts)
    dense = None
    if _is_dense(backend) and n:
        rows = [i for i, (d, k) in enumerate(flat) if k < MAX_DENSE_SENTENCES_PER_ARTICLE]
        if len(rows) < n and notes is not None:
            notes.append(f"{n - len(rows)} sentences past the first {MAX_DENSE_SENTENCES_PER_ARTICLE} of an article "
                         "aligned on lexical and slot features only")
        rows = _within_dense_budget(rows, flat, texts, notes)
        sub = dense_similarity([texts[i][:MAX_DENSE_CHARS] for i in rows], backend, _reference_scale(backend))
        if sub is not None:
            dense = np.zeros((n, n), dtype=np.float32)
            dense[np.ix_(rows, rows)] = sub
    events = [e for doc in docs for e in sentence_events(doc)]
    vocabulary = {w: b for b, w in enumerate(sorted(set().union(*events)) if n else [])}

    def masks(sets) -> np.ndarray:
        out = np.zeros(n, dtype=np.int64)
        for i, items in enumerate(sets):
            for w in items:
                out[i] |= 1 << (vocabulary[w] % 62)
        return out

    ev = masks(events)
    shared_event = ((ev[:, None] & ev[None, :]) != 0).astype(np.float32)
    dense_matrix = dense if dense is not None else np.zeros((n, n), dtype=np.float32)
    features = {
        "lexical": lexical,
        "dense": dense_matrix,
        "event_lexical": shared_event * lexical,
        "event_dense": shared_event * dense_matrix,
        **_structure(docs, flat, texts),
    }
    alignable = np.array([len(t) >= MIN_ALIGN_CHARS for t in texts], dtype=bool)
    article_of = np.array([d for d, _ in flat], dtype=np.int64)
    features["lexical_gap"] = rival_gap(lexical, article_of, alignable)
    features["dense_gap"] = rival_gap(dense_matrix, article_of, alignable)
    features["clause_lexical"] = clause_lexical_similarity(texts)
    return features, dense is not None


def _within_dense_budget(rows: list[int], flat: list[tuple[int, int]], texts: list[str],
                        notes: list[str] | None) -> list[int]:
    """``rows`` (sentence indices) whose embedded texts fit :data:`MAX_DENSE_STORY_CHARS`, taken
    by position in their article (every lead first), in their original order."""
    spent, kept = 0, []
    for i in sorted(rows, key=lambda i: (flat[i][1], flat[i][0])):
        spent += min(len(texts[i]), MAX_DENSE_CHARS)
        if spent > MAX_DENSE_STORY_CHARS:
            break
        kept.append(i)
    if len(kept) < len(rows) and notes is not None:
        notes.append(f"{len(rows) - len(kept)} sentences past the story's {MAX_DENSE_STORY_CHARS:,} characters "
                     "embedded aligned on lexical and slot features only")
    return sorted(kept)


def rival_gap(similarity: np.ndarray, article_of: np.ndarray, alignable: np.ndarray) -> np.ndarray:
    """For each pair (i, j): min(s[i, j] - the best s[i, j'] over the alignable sentences j' of
    j's article, s[i, j] - the best s[i', j] over those of i's article); 0 for a mutual best
    match, negative otherwise. O(n^2), like the similarity itself."""
    best = np.zeros_like(similarity)  # best[i, j]: i's best score in j's article
    for a in np.unique(article_of):
        members = article_of == a
        columns = np.flatnonzero(members & alignable)
        if columns.size:
            best[:, members] = similarity[:, columns].max(axis=1, keepdims=True)
    return np.minimum(similarity - best, similarity - best.T).astype(np.float32)


def _structure(docs, flat: list[tuple[int, int]], texts: list[str]) -> dict[str, np.ndarray]:
    """Where the sentences stand and what figures they share: ``lead`` (both among their
    article's first :data:`LEAD_SENTENCES`), ``position`` (1 - the gap between their
    relative positions), ``numbers`` (Jaccard overlap of the numbers they write in digits),
    ``figure_values`` (the same over the exact values the figures read as, in any script or
    language: 两万, 2万 and 20,000 are one value), ``days`` (the same over the calendar days
    they name: 4月19日 and April 19th are one day)."""
    n = len(flat)
    rank = np.array([k for _, k in flat], dtype=np.float32)
    size = np.array([max(len(docs[d].sentences) - 1, 1) for d, _ in flat], dtype=np.float32)
    relative = rank / size
    lead = (rank < LEAD_SENTENCES).astype(np.float32)
    numbers = _number_overlap(_written_with_qualifiers(docs, flat, texts)) if n else np.zeros((0, 0), np.float32)
    return {
        "lead": np.outer(lead, lead),
        "position": 1.0 - np.abs(relative[:, None] - relative[None, :]),
        "numbers": numbers,
        "figure_values": _number_overlap(_figure_values(docs, flat)) if n else np.zeros((0, 0), np.float32),
        "days": _number_overlap(_named_days(docs, flat)) if n else np.zeros((0, 0), np.float32),
    }


def _written_with_qualifiers(docs, flat: list[tuple[int, int]], texts: list[str]) -> list[set[str]]:
    """Each sentence's :func:`written_numbers`, those written only by shares of change of a
    qualified thing keyed by its qualifiers (0.9 of 核心CPI上涨0.9% is "0.9|核心": no number shared
    with 其他用品及服务价格上涨0.9%; subjects.thing_qualifiers)."""
    from comparison.subjects import thing_qualifiers

    out = [written_numbers(t) for t in texts]
    row_of = {pair: i for i, pair in enumerate(flat)}
    for d, doc in enumerate(docs):
        tagged: dict[int, set[str]] = {}
        plain: dict[int, set[str]] = {}
        for n, q in enumerate(doc.facts.quantities):
            row = row_of.get((d, doc.sentence_at(q.start)))
            if row is None:
                continue
            qualified = thing_qualifiers(doc.subjects[n].changed) if n < len(doc.subjects) else ""
            for number in written_numbers(q.text):
                if qualified:
                    tagged.setdefault(row, set()).add(f"{number}|{qualified}")
                else:
                    plain.setdefault(row, set()).add(number)
        for row, keys in tagged.items():
            only = {k.partition("|")[0] for k in keys} - plain.get(row, set())
            out[row] = (out[row] - only) | keys
    return out


def _figure_values(docs, flat: list[tuple[int, int]]) -> list[set[tuple[str, float]]]:
    """Each sentence's positive figure values as written, with their dimension (20% and 20
    people share no value; 40 miles and 40 km do, both lengths as written): an exact figure's
    value, and the middle of a narrow range read from a vague or round one (约200 = about 200
    -> 180-220 -> 200; 两万 -> 20000). Wide ranges (一千多, 1001-1999) name no single value
    and are left out. A share of change of a qualified thing (核心CPI, 其他用品及服务) is keyed by its
    qualifiers too: 核心CPI上涨0.9% and 其他用品及服务价格上涨0.9% share no value (a value alone paired
    two sentences of two things), 核心CPI and 核心CPI do (subjects.thing_qualifiers)."""
    from comparison.subjects import thing_qualifiers

    row_of = {pair: i for i, pair in enumerate(flat)}
    values: list[set[tuple]] = [set() for _ in flat]
    for d, doc in enumerate(docs):
        for n, q in enumerate(doc.facts.quantities):
            if q.low <= 0 or math.isinf(q.high) or q.high > NARROW_RANGE * q.low and not q.rounded:
                # no single value (zero, negative, open-ended or a wide range); a figure read as
                # rounded names its written value however wide its rounding (0.4%: 0.35-0.45%)
                continue
            row = row_of.get((d, doc.sentence_at(q.start)))
            if row is not None:
                value = (q.dimension, float(f"{q.low / 2 + q.high / 2:.6g}"))
                qualified = thing_qualifiers(doc.subjects[n].changed) if n < len(doc.subjects) else ""
                values[row].add((*value, qualified) if qualified else value)
    return values


def _named_days(docs, flat: list[tuple[int, int]]) -> list[set]:
    """Each sentence's calendar days, as the date producer resolves them in any script or
    language (4月19日, 周一 against the publication day, April 19th), one day's mentions only:
    a month or a year names many days, and a period's bound (自2月1日以来) no event's day."""
    row_of = {pair: i for i, pair in enumerate(flat)}
    days: list[set] = [set() for _ in flat]
    for d, doc in enumerate(docs):
        for mention in doc.facts.dates:
            if mention.value is None or mention.precision != "day" or mention.since or mention.last:
                continue
            row = row_of.get((d, doc.sentence_at(mention.start)))
            if row is not None:
                days[row].add(mention.value)
    return days


def _number_overlap(sets: list[set]) -> np.ndarray:
    """Jaccard overlap of each pair's number sets (0 when either has none), via a sparse
    incidence matrix: linear in the numbers written."""
    import scipy.sparse as sp

    vocabulary: dict = {}
    rows, cols = [], []
    for i, items in enumerate(sets):
        for item in items:
            rows.append(i)
            cols.append(vocabulary.setdefault(item, len(vocabulary)))
    n = len(sets)
    if not vocabulary:
        return np.zeros((n, n), dtype=np.float32)
    incidence = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(n, len(vocabulary)))
    shared = (incidence @ incidence.T).toarray()
    counts = np.asarray(incidence.sum(axis=1)).ravel()
    union = counts[:, None] + counts[None, :] - shared
    return np.where(union > 0, shared / np.maximum(union, 1), 0.0).astype(np.float32)


def similarity_model(docs, flat: list[tuple[int, int]], backend=None, notes: list[str] | None = None
                     ) -> SimilarityModel:
    features, has_dense = pair_features(docs, flat, backend, notes)
    params = load_model()["dense" if has_dense else "lexical"]
    logit = np.full_like(features["lexical"], params["intercept"], dtype=np.float32)
    for name, weight in zip(params["features"], params["coef"], strict=True):
        logit += np.float32(weight) * features[name]
    matrix = (1.0 / (1.0 + np.exp(-logit))).astype(np.float32)
    return SimilarityModel(matrix, float(params["threshold"]), has_dense)


def align_articles(
    article_of: list[int], group_of: list[int], lengths: list[int], sim: SimilarityModel
) -> dict[int, list[tuple[int, float]]]:
    """Counterparts of each sentence in the articles of other outlet groups.

    For sentence i and each other article (of another group), the best-scoring
    sentence j is a counterpart when the score passes the threshold.
    """
    n = len(article_of)
    article_ids = sorted(set(article_of))
    members = {a: [i for i in range(n) if article_of[i] == a] for a in article_ids}
    counterparts: dict[int, list[tuple[int, float]]] = {i: [] for i in range(n)}
    for i in range(n):
        if lengths[i] < MIN_ALIGN_CHARS:
            continue
        for a in article_ids:
            if a == article_of[i] or not members[a] or group_of[members[a][0]] == group_of[i]:
                continue
            candidates = [j for j in members[a] if lengths[j] >= MIN_ALIGN_CHARS]
            if not candidates:
                continue
            scores = sim.matrix[i, candidates]
            best = int(np.argmax(scores))
            if scores[best] >= sim.threshold:
                counterparts[i].append((candidates[best], float(scores[best])))
    return counterparts
