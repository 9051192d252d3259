"""Copies of one text (a wire report carried by many sites) form one story (issue 11), on made-up text."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.model import Article
from clustering import grouping
from clustering.clusterer import StoryClusterer
from clustering.copies import copy_groups
from clustering.features import GroupIdf

_START = datetime(2031, 3, 4, 8, 0, tzinfo=UTC)
_REPORT = (
    "Floodwater broke through the river dam near the town of Velmora on Tuesday night, forcing 1200 residents "
    "from their homes, the regional governor said.",
    "Rescue crews pulled 14 people from flooded cars on the ring road and 3 people were missing on Wednesday.",
    "The dam operator said the spillway gates had jammed after 9 days of heavy rain across the valley.",
    "Engineers expect the water to fall by 40 centimetres before the weekend, the operator added.",
)
_HEADLINES = ("Dam breach floods Velmora", "Velmora: thousands flee as dam gives way", "River dam bursts after rain",
              "Flood forces {n} from homes", "Governor: dam spillway jammed")
_OTHERS = (
    ("Chess festival opens in the old harbour", "The annual chess festival opened in the old harbour hall with 300 "
     "players from 25 clubs, the organisers said, and the final rounds are due on Sunday afternoon."),
    ("Bakery wins national bread prize", "A family bakery in Lorwick won the national bread prize for a rye loaf "
     "baked in a wood oven, beating 80 entries from across the country at the fair."),
    ("Tram line closes for repairs", "The eastern tram line will close for six weeks from Monday while workers "
     "replace worn rails and two bridges, the transport office announced in a statement."),
)


def _copies(n: int, trimmed: bool = False, seed: int = 2) -> list[Article]:
    """``n`` copies of the made-up report, each from its own site with its own headline and a figure or two
    edited; ``trimmed``: each cut to its first 1-3 paragraphs."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        paragraphs = [" ".join(str(int(w) + rng.choice((0, 0, 1))) if w.isdigit() else w for w in p.split())
                      for p in _REPORT]
        if trimmed:
            paragraphs = paragraphs[:rng.choice((1, 2, 3))]
        title = rng.choice(_HEADLINES).format(n=1200 + rng.choice((0, 1)))
        out.append(Article(id=f"copy-{i:04d}", outlet=f"Site {i:04d}", title=title, url=None,
                           published=_START + timedelta(minutes=rng.randint(0, 600)), language="en", script=None,
                           paragraphs=paragraphs))
    return out


def _others() -> list[Article]:
    return [Article(id=f"other-{i}", outlet=f"Paper {i}", title=title, url=None, published=_START, language="en",
                    script=None, paragraphs=[text]) for i, (title, text) in enumerate(_OTHERS)]


def _stories(articles: list[Article]) -> dict[str, int]:
    labels = StoryClusterer().fit_predict(articles)
    return {a.id: int(label) for a, label in zip(articles, labels.tolist(), strict=True)}


def test_hundreds_of_copies_of_one_report_form_one_story_and_others_stay_apart():
    # 400 copies: more than the candidate search's k and more than half the corpus (before, every shared
    # term was pruned as too common and the copies split into dozens of stories).
    articles = _copies(400) + _others()
    story = _stories(articles)
    assert len({story[a.id] for a in articles if a.id.startswith("copy-")}) == 1
    assert len({story[a.id] for a in articles}) == 1 + len(_OTHERS)


def _filler(n: int, seed: int = 9) -> list[Article]:
    """``n`` unrelated made-up articles (words of made-up syllables): the rest of a day's news."""
    rng = random.Random(seed)
    syllables = ("ka", "lo", "mi", "ren", "tu", "sa", "vor", "pel", "di", "nax", "que", "bri")
    vocabulary = ["".join(rng.choice(syllables) for _ in range(3)) for _ in range(3000)]
    return [Article(id=f"filler-{i:03d}", outlet=f"Daily {i % 7}", title=" ".join(rng.sample(vocabulary, 5)), url=None,
                    published=_START + timedelta(hours=rng.randint(0, 20)), language="en", script=None,
                    paragraphs=[" ".join(rng.sample(vocabulary, 60)) + "."]) for i in range(n)]


def test_copies_trimmed_to_their_first_paragraphs_join_the_full_ones():
    # Cut to 1-3 paragraphs, the copies are several texts of many copies each (Jaccard < 0.8 between the
    # cuts), joined by the pairs of each one's first copy, among a day's other news. (Alone, or beside 60
    # other articles, they split into two to nineteen stories: the report's words are pruned as too common,
    # or its cuts' few scored pairs do not outweigh their unscored ones.)
    articles = _copies(300, trimmed=True) + _filler(200)
    story = _stories(articles)
    assert len({story[a.id] for a in articles if a.id.startswith("copy-")}) == 1
    assert len(set(story.values())) == 201


def test_copy_groups_find_copies_not_other_texts_nor_copies_days_apart():
    articles = _copies(30) + _others()
    late = _copies(1)[0]
    late.id, late.published = "late-copy", _START + timedelta(days=3)
    articles.append(late)
    from clustering.features import ArticleDocuments, CorpusTerms, publication_days

    terms = CorpusTerms(ArticleDocuments(articles, 1500))
    groups = copy_groups(terms.lexical_tf, publication_days(articles))
    assert len(set(groups[:30].tolist())) == 1
    assert len(set(groups.tolist())) == 1 + len(_OTHERS) + 1  # the late copy: a day's limit, its own


def test_pruning_counts_copies_once():
    # 10 texts carried by 3 copies each (terms 0-2) and 10 other texts (terms 2-3): 40 rows, 20 documents.
    # Counted as rows, the copies' terms are in 3/4 of them (pruned); counted once, in half the documents.
    tf = sp.csr_matrix(np.array([[1, 1, 1, 0]] * 30 + [[0, 0, 1, 1]] * 10, dtype=np.float32))
    copies = np.concatenate([np.arange(30) // 3 * 3, np.arange(30, 40)])
    assert GroupIdf.of(tf, 0.5).columns.tolist() == [3]
    assert GroupIdf.of(tf, 0.5, copies).columns.tolist() == [0, 1, 3]  # term 2 is in every document
    # The weights are those of the documents: each group's copies as one row.
    documents = sp.csr_matrix(np.array([[1, 1, 1, 0]] * 10 + [[0, 0, 1, 1]] * 10, dtype=np.float32))
    assert np.array_equal(GroupIdf.of(tf, 0.5, copies).values, GroupIdf.of(documents, 0.5).values)


def test_copies_whose_pairs_are_mostly_unscored_group_as_one():
    # 60 copies, each pair scored only along a chain (P 0.9): counted as P = 0, the unscored pairs stop
    # the merging early; between copies they take the mean of the scored ones.
    n = 60
    pairs = np.stack([np.arange(n - 1), np.arange(1, n)], axis=1)
    proba = np.full(n - 1, 0.9)
    assert len(set(grouping.group(n, pairs, proba, 0.6, 0.35).tolist())) > 1
    assert len(set(grouping.group(n, pairs, proba, 0.6, 0.35, copies=np.zeros(n, np.int64)).tolist())) == 1


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=2, max_value=12), st.data())
def test_without_copies_the_grouping_is_as_before(n, data):
    edges = data.draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda e: e[0] < e[1]),
                              min_size=1))
    pairs = np.array(sorted(edges), dtype=np.int64)
    proba = np.array(data.draw(st.lists(st.floats(0.0, 1.0), min_size=len(pairs), max_size=len(pairs))))
    for linkage in grouping.LINKAGES:
        before = grouping.group(n, pairs, proba, 0.6, 0.35, linkage)
        assert np.array_equal(grouping.group(n, pairs, proba, 0.6, 0.35, linkage, copies=np.arange(n)), before)
