"""StoryClusterer on the demo corpus (seeds/) and its three parts on synthetic data.

The demo corpus is read with the real reader into a temporary store, with the shipped
vectors (seeds/embeddings-e5.npz, texts and titles) loaded into its cache, so the product's
own path (clustering.pipeline) runs without embedding anything.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone

from articles.model import Article
from clustering import StoryClusterer, grouping
from clustering.candidates import candidate_pairs
from clustering.context import CONTEXT_NAMES, context_features
from clustering.corpus import prepare
from clustering.neighbourhood import SortedScores, neighbourhood
from clustering.pair_features import FEATURE_NAMES, pair_features
from clustering.scorer import SameStoryModel, load_scorer

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = json.loads((ROOT / "tests/fixtures/clustering/reference_case.json").read_text(encoding="utf-8"))
DEMO_INPUTS = [ROOT / "seeds" / "nbw-2021-07", ROOT / "seeds" / "000_299cce44e7b57b22.txt",
               ROOT / "seeds" / "001_bd7e773d7b869fe3.txt"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """(store, articles, text vectors, title vectors, batch clusterer) of the demo corpus."""
    import embeddings
    from articles import ingest
    from clustering.pipeline import embed_both
    from store.sqlite import Store

    store = Store(tmp_path_factory.mktemp("demo") / "demo.db")
    ingest([str(p) for p in DEMO_INPUTS], store)
    npz = ROOT / "seeds" / "embeddings-e5.npz"
    backend = embeddings.get_backend(None)
    assert embeddings.load_precomputed(store, npz, backend.name) > 0, "shipped vectors not for this backend"
    articles = sorted(store.articles(), key=lambda a: (a.published, a.id))
    calls = getattr(backend, "calls", 0)
    vectors, titles, _ = embed_both(articles, store)
    assert getattr(backend, "calls", 0) == calls
    clusterer = StoryClusterer().fit(articles, vectors, titles)
    yield store, articles, vectors, titles, clusterer
    store.close()


def _story_of(stories) -> dict[str, str]:
    return {m.article_id: s.id for s in stories for m in s.members}


def _ids(articles: list[Article], paths: list[str]) -> list[str]:
    wanted = {Path(p).name for p in paths}
    return [a.id for a in articles if any(Path(s.split("#")[0]).name in wanted for s in a.source_paths)]


@pytest.mark.slow
def test_seed_story_is_the_reference_case(demo):
    """The owner's reference case: the Al Jazeera digest of 8 July (its headline leads with
    the Taliban's advance and Tajikistan asking Russia for help; most of its space is the
    Qala-i-Naw attack) is filed by its headline with VOA's and RFI's Tajik-border reports,
    and none of the other Afghan events the owner names is in that story."""
    _, articles, _, _, clusterer = demo
    story_of = _story_of(clusterer.stories_)
    seed = _ids(articles, REFERENCE["seed_story"])
    assert len(seed) == 3
    assert len({story_of[i] for i in seed}) == 1, "Al Jazeera, VOA and RFI in one story"
    story = next(s for s in clusterer.stories_ if s.id == story_of[seed[0]])
    for name, paths in REFERENCE["other_stories"].items():
        for article_id in _ids(articles, paths):
            assert story_of[article_id] != story.id, name
    by_id = {a.id: a for a in articles}
    # No US-withdrawal analysis, Bagram or 31 August piece rides along (titles name them).
    for m in story.members:
        title = by_id[m.article_id].title
        assert not any(word in title for word in ("撤军", "撤离", "巴格兰", "8月31")), title


@pytest.mark.slow
def test_why_grouped_says_a_digest_is_filed_by_its_headline(demo):
    from clustering.explain import explain_story

    _, articles, vectors, titles, clusterer = demo
    story_of = _story_of(clusterer.stories_)
    (aj,) = _ids(articles, REFERENCE["seed_story"][:1])
    story = next(s for s in clusterer.stories_ if s.id == story_of[aj])
    explained = {e.article_id: e for e in explain_story([m.article_id for m in story.members],
                                                         articles, vectors, titles)}
    assert "headline" in explained[aj].note
    assert all(not e.note for i, e in explained.items() if i != aj)


@pytest.mark.slow
def test_the_reference_roundup_is_shown_with_the_seed_story_through_its_section(demo):
    """A roundup is a member of one story and listed, by the section that reports it, under
    the other stories its pairs reach at the grouping's threshold (a general rule: roundups
    are recognised by their headings). On the reference case: whichever story the Al Jazeera
    roundup is filed under, the VOA/RFI story shows it, through its section on Tajikistan."""
    from clustering.features import section_view

    _, articles, _, _, clusterer = demo
    story_of = _story_of(clusterer.stories_)
    (aj,) = _ids(articles, REFERENCE["seed_story"][:1])  # the Al Jazeera roundup
    reports = [i for i in _ids(articles, REFERENCE["seed_story"]) if i != aj]
    assert len(reports) == 2 and len({story_of[i] for i in reports}) == 1
    story = next(s for s in clusterer.stories_ if s.id == story_of[reports[0]])
    if aj in story.article_ids:
        return
    (mention,) = [m for m in story.mentions if m.article_id == aj]
    assert mention.score >= clusterer.threshold
    section = section_view(next(a for a in articles if a.id == aj), mention.section)
    assert "塔吉克" in section.paragraphs[0] and len(section.text) < 1000
    # Every mention is of a roundup filed in another story, at the grouping's threshold.
    member_of = {m.article_id for s in clusterer.stories_ for m in s.members}
    roundups = {a.id for a, flag in zip(clusterer.articles_, clusterer.corpus_.roundup, strict=True) if flag}
    for s in clusterer.stories_:
        for m in s.mentions:
            assert m.article_id in roundups and m.article_id in member_of
            assert m.article_id not in s.article_ids and m.score >= clusterer.threshold


@pytest.mark.slow
def test_one_answer_everywhere(demo, tmp_path):
    """Batch fit, pipeline.run, the CLI and partial_fit give the same stories."""
    from clustering.__main__ import main as cli
    from clustering.pipeline import load_stories, recluster

    store, articles, vectors, titles, batch = demo
    expected = _story_of(batch.stories_)
    recluster(store)
    assert _story_of(load_stories(store)) == expected
    cut = datetime(2021, 7, 7, 12, tzinfo=UTC)
    old = [i for i, a in enumerate(articles) if a.published < cut]
    new = [i for i, a in enumerate(articles) if a.published >= cut]
    incremental = StoryClusterer().fit([articles[i] for i in old], vectors[old], titles[old])
    incremental.partial_fit([articles[i] for i in new], vectors[new], titles[new])
    assert _story_of(incremental.stories_) == expected
    # The CLI on the same files, its store's vector cache seeded with the shipped vectors.
    import embeddings
    from store.sqlite import Store

    db = tmp_path / "cli.db"
    with Store(db) as cli_store:
        embeddings.load_precomputed(cli_store, ROOT / "seeds" / "embeddings-e5.npz", None)
    assert cli([*map(str, DEMO_INPUTS), "--out", str(tmp_path / "out"), "--db", str(db)]) == 0
    payload = json.loads((tmp_path / "out" / "stories.json").read_text(encoding="utf-8"))
    assert {a["id"]: s["id"] for s in payload for a in s["articles"]} == expected


def _article(i: int, title: str, text: str, day: float, outlet: str | None = None) -> Article:
    return Article(
        id=f"a{i}", outlet=outlet or f"outlet{i % 3}", title=title, url=None,
        published=datetime(2021, 7, 1, tzinfo=UTC) + timedelta(days=day), language="en",
        script=None, paragraphs=[text],
    )


def test_story_fields_and_stable_ids():
    articles = [
        _article(0, "Quake hits Lima", "A 7.1 earthquake struck Lima, Peru, killing 12 in Miraflores.", 0),
        _article(1, "Lima earthquake kills 12", "The Peru earthquake near Lima killed 12 in Miraflores.", 0),
        _article(2, "Peru quake toll rises", "Rescuers in Lima, Peru search Miraflores after the 7.1 quake.", 1),
        _article(3, "Tokyo Olympics delayed", "Organisers in Tokyo postponed the Olympic Games to 2021.", 0),
        _article(4, "Olympics in Tokyo postponed", "The Tokyo Olympic Games were postponed to 2021 by IOC.", 1),
    ]
    first = StoryClusterer().fit(articles)
    again = StoryClusterer().fit(list(reversed(articles)))
    assert sorted(s.id for s in first.stories_) == sorted(s.id for s in again.stories_)
    for story in first.stories_:
        assert story.first_published <= story.last_published
        assert story.label in {a.title for a in articles}
        assert all(0 <= m.score <= 1 for m in story.members)
    assert sorted(len(s.members) for s in first.stories_) == sorted(len(s.members) for s in again.stories_)


def test_estimator_api():
    clusterer = StoryClusterer(threshold=0.6, k=7)
    params = clusterer.get_params()
    assert params["threshold"] == 0.6 and params["k"] == 7
    assert {"window_days", "missing_weight", "threshold", "max_chars", "max_df", "model_path"} <= set(params)
    assert clone(clusterer).get_params() == params
    assert not hasattr(StoryClusterer(), "labels_")


# ---- the three parts ------------------------------------------------------------------
def _synthetic(n: int, seed: int = 0) -> list[Article]:
    rng = np.random.default_rng(seed)
    words = ["quake", "flood", "vote", "strike", "fire", "summit", "match", "crash"]
    places = ["Lima", "Oslo", "Quito", "Hanoi", "Accra", "Perth"]
    out = []
    for i in range(n):
        event = int(rng.integers(0, 12))
        title = f"{words[event % 8]} in {places[event % 6]} {int(rng.integers(0, 50))}"
        out.append(_article(i, title, title + " " + " ".join(rng.choice(words + places, 8)), event + rng.uniform(0, 2)))
    return out


def test_story_context_stage_is_opt_in_and_explained_by_itself():
    articles = _synthetic(80, seed=3)
    vectors = np.random.default_rng(3).normal(size=(80, 8))
    plain = StoryClusterer().fit(articles, vectors)
    assert np.allclose(plain.proba_, 1.0 / (1.0 + np.exp(-plain.direct_)))
    with_context = StoryClusterer(story_context=True).fit(articles, vectors)
    assert np.allclose(with_context.direct_, plain.direct_)
    assert not np.allclose(with_context.proba_, plain.proba_)
    i, j = with_context.pairs_[0]
    proba, reasons = with_context.explain_pair(int(i), int(j))
    assert proba == pytest.approx(with_context.proba_[0])
    assert {name for name, *_ in reasons} == set(CONTEXT_NAMES)
    proba, reasons = plain.explain_pair(int(i), int(j))
    assert proba == pytest.approx(plain.proba_[0]) and {name for name, *_ in reasons} == set(FEATURE_NAMES)


def test_candidate_shards_give_their_rows_exact_pairs():
    articles = _synthetic(300)
    vectors = np.random.default_rng(1).normal(size=(300, 16)).astype(np.float32)
    corpus = prepare(articles, vectors)
    everything = {tuple(p) for p in candidate_pairs(corpus, k=5, window_days=2.0, block_rows=64).tolist()}
    assert everything and all(i < j for i, j in everything)
    lo = np.nanmin(corpus.days)
    rows = np.flatnonzero(corpus.days < lo + 5)
    padded = np.flatnonzero(corpus.days < lo + 5 + 2.0)  # the shard, padded by window_days
    shard = corpus.subset(padded)
    for r in rows[:25].tolist():
        own = {tuple(p) for p in candidate_pairs(corpus, k=5, window_days=2.0, rows=np.array([r])).tolist()}
        local = candidate_pairs(shard, k=5, window_days=2.0, rows=np.flatnonzero(padded == r))
        assert {tuple(p) for p in padded[local].tolist()} == own
        assert own <= everything


def test_the_symmetric_search_gives_the_blockwise_pairs_and_cosines():
    articles = sorted(_synthetic(300, seed=5), key=lambda a: (a.published, a.id))
    vectors = np.random.default_rng(5).normal(size=(300, 16)).astype(np.float32)
    corpus = prepare(articles, vectors)
    assert np.all(np.diff(corpus.days) >= 0)  # in time order: the symmetric path is taken
    for n_jobs in (1, 2):
        fast, fast_scores = candidate_pairs(corpus, k=5, window_days=2.0, block_rows=32, with_scores=True,
                                            n_jobs=n_jobs)
        slow, slow_scores = candidate_pairs(corpus, k=5, window_days=2.0, block_rows=32, with_scores=True,
                                            rows=np.arange(len(corpus)))
        assert np.array_equal(fast, slow)
        assert all(np.array_equal(fast_scores[name], slow_scores[name]) for name in slow_scores)
    # What it rests on: scipy's sparse dot products are symmetric to the last bit.
    x = corpus.text
    assert np.array_equal((x[:40] @ x[30:120].T).toarray(), (x[30:120] @ x[:40].T).toarray().T)


def test_pair_features_are_symmetric():
    articles = _synthetic(60)
    corpus = prepare(articles, np.random.default_rng(2).normal(size=(60, 8)))
    pairs = candidate_pairs(corpus, k=4)
    forward = pair_features(corpus, pairs)
    backward = pair_features(corpus, pairs[:, ::-1])
    assert forward.shape == (len(pairs), len(FEATURE_NAMES))
    assert np.allclose(forward, backward)


def test_scorer_contributions_add_up_and_round_trip(tmp_path):
    model = load_scorer()
    assert model.context is not None, "the shipped model has its story-context stage"
    x = np.linspace(0, 1, len(FEATURE_NAMES))
    for stage, row in ((model.direct, x), (model.context, np.linspace(-1, 1, len(CONTEXT_NAMES)))):
        parts = stage.contributions(row)
        assert sum(c for _, _, c, _ in parts) + stage.bias == pytest.approx(stage.decision_function(row)[0])
    model.save(tmp_path / "m.json")
    again = SameStoryModel.from_dict(json.loads((tmp_path / "m.json").read_text()))
    pairs = np.array([[0, 1], [1, 2], [0, 2], [2, 3]])
    X = np.tile(x, (4, 1)) * np.array([[1.0], [0.5], [0.2], [0.9]])
    assert again.predict_proba(4, pairs, X) == pytest.approx(model.predict_proba(4, pairs, X))
    assert ((model.predict_proba(4, pairs, X) > 0) & (model.predict_proba(4, pairs, X) < 1)).all()
    assert model.meta.get("trained_on"), "the shipped model records its training data"


def test_a_pair_is_explained_by_the_stage_that_decides_it():
    model = load_scorer()
    pairs = np.array([[0, 1], [1, 2], [0, 2]])
    X = np.tile(np.linspace(0, 1, len(FEATURE_NAMES)), (3, 1))
    direct = model.direct_log_odds(X)
    proba, reasons = model.explain(X[:1], 3, pairs, direct, pairs[:1])
    assert proba == pytest.approx(model.predict_proba(3, pairs, X)[0])
    assert {name for name, *_ in reasons} == set(CONTEXT_NAMES)
    own = [meaning for name, _, _, meaning in reasons if name == "direct"][0]
    assert "its largest:" in own


def test_context_features_read_shared_links():
    # 0-1 and 1-2 are strong, 0-2 weak; 3 is linked to nobody strongly.
    pairs = np.array([[0, 1], [1, 2], [0, 2], [2, 3]])
    proba = np.array([0.9, 0.8, 0.1, 0.1])
    rows = context_features(4, pairs, proba, np.zeros(4))
    column = {name: rows[:, k] for k, name in enumerate(CONTEXT_NAMES)}
    assert column["two_step"][2] == pytest.approx(0.8)  # 0 -> 1 -> 2
    assert column["two_step"][3] == 0.0  # 2 and 3 share no neighbour
    assert column["shared_count"][2] == pytest.approx(np.log1p(1))
    assert column["shared_count"][0] == 0.0


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 30).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.floats(0, 1)),
                         min_size=1, max_size=60))))
def test_two_step_is_the_best_path_through_one_article(case):
    from clustering.context import probability_matrix, two_step

    n, edges = case
    best: dict[tuple[int, int], float] = {}
    for a, b, p in edges:
        if a != b:
            best[(min(a, b), max(a, b))] = p
    if not best:
        return
    pairs = np.array(list(best), dtype=np.int64)
    proba = np.array(list(best.values()))
    got = two_step(probability_matrix(n, pairs, proba), pairs[:, 0], pairs[:, 1])
    weight = {**best, **{(b, a): p for (a, b), p in best.items()}}
    for (a, b), value in zip(best, got, strict=True):
        paths = [min(weight[(a, w)], weight[(w, b)]) for w in range(n) if (a, w) in weight and (w, b) in weight]
        assert value == pytest.approx(max(paths, default=0.0))


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 40).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                       st.sampled_from([-0.5, 0.0, 0.1, 0.25, 0.5, 0.9, 1.0, 0.1000005])), min_size=1, max_size=80),
)))
def test_neighbourhood_ranks_match_counting_and_survive_subsets(data):
    """A pair's rank is 1 + how many of the article's candidates are closer (beyond rounding), for
    any pair (candidate or not), and a subset of articles (a Ray shard) ranks the same."""
    n, edges = data
    table = {(min(a, b), max(a, b)): c for a, b, c in edges if a != b}
    if not table:
        return
    pairs = np.array(sorted(table), dtype=np.int64)
    cosines = np.array([table[tuple(p)] for p in pairs.tolist()])
    ranks = SortedScores.build(n, pairs, cosines)
    queries = np.array([(r, c) for r in range(n) for c in (-0.5, 0.1, 0.5, 1.0)])
    rows, values = queries[:, 0].astype(np.int64), queries[:, 1]
    expected = [1 + sum(1 for (a, b), c in table.items() if r in (a, b) and c > v + 1.5e-6) for r, v in zip(rows, values, strict=True)]
    assert ranks.rank(rows, values).tolist() == expected
    chosen = np.arange(0, n, 2)
    local = ranks.subset(chosen)
    keep = np.isin(rows, chosen)
    assert local.rank(np.searchsorted(chosen, rows[keep]), values[keep]).tolist() == (
        ranks.rank(rows[keep], values[keep]).tolist())


def test_training_and_use_see_the_same_features():
    """Features of some candidate pairs scored apart (as training does, with the candidate
    search's neighbourhood) equal those of the whole fit's pairs: no train/serve skew."""
    articles = _synthetic(80)
    corpus = prepare(articles, np.random.default_rng(3).normal(size=(80, 8)))
    pairs, known = candidate_pairs(corpus, k=4, with_scores=True)
    context = neighbourhood(corpus, pairs, known)
    whole = pair_features(corpus, pairs, context, known)
    some = np.arange(0, len(pairs), 3)
    # Equal up to one rounding step of a cosine (block vs row-wise products), ranks included.
    assert np.allclose(pair_features(corpus, pairs[some], context), whole[some], rtol=0, atol=2e-6)


@st.composite
def _graphs(draw):
    n = draw(st.integers(2, 18))
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.floats(0, 1)), max_size=60))
    pairs = {}
    for a, b, p in edges:
        if a != b:
            pairs[(min(a, b), max(a, b))] = p
    keys = sorted(pairs)
    return n, np.array(keys, dtype=np.int64).reshape(-1, 2), np.array([pairs[k] for k in keys])


@settings(max_examples=150, deadline=None)
@given(_graphs(), st.sampled_from([0.0, 0.3, 1.0]), st.sampled_from(grouping.LINKAGES))
def test_grouping_by_components_equals_one_linkage(graph, missing_weight, linkage):
    n, pairs, proba = graph
    params = {"linkage": linkage, "missing_log_odds": -missing_weight}
    labels = grouping.group(n, pairs, proba, 0.5, missing_weight, **params)
    keep = proba >= 0.5
    whole = grouping.group_component(np.arange(n), pairs, proba, 0.5, missing_weight, **params)
    assert (labels == grouping.renumber(whole)).all()
    # Every story's linkage met the threshold: each group with >1 member has a pair >= it inside.
    for label in set(labels.tolist()):
        members = np.flatnonzero(labels == label)
        if len(members) > 1:
            inside = np.isin(pairs[:, 0], members) & np.isin(pairs[:, 1], members) & keep
            assert inside.any()
    # Deterministic and independent of the pair order.
    order = np.random.default_rng(0).permutation(len(pairs))
    assert (grouping.group(n, pairs[order], proba[order], 0.5, missing_weight, **params) == labels).all()


def test_additive_linkage_adds_up_evidence_that_average_linkage_averages():
    # A fourth report matches two of a story's three strongly (0.9) and the third weakly (0.2):
    # its average P (0.67) is under a 0.7 threshold, but the evidence adds up (in log-odds past
    # the threshold: two pairs of +1.35, one of -2.23). A pair shown to differ (P 0.0001)
    # outweighs both.
    pairs = np.array([[0, 1], [0, 2], [1, 2], [0, 3], [1, 3], [2, 3]])
    proba = np.array([0.95, 0.95, 0.95, 0.9, 0.9, 0.0001])
    average = grouping.group(4, pairs, proba, 0.7, 0.35)
    additive = grouping.group(4, pairs, proba, 0.7, 0.35, "additive", -0.5)
    assert average.tolist() == [0, 0, 0, 1]
    assert additive.tolist() == [0, 0, 0, 1]  # one pair near 0 outweighs the two (log-odds)
    proba[-1] = 0.2
    assert grouping.group(4, pairs, proba, 0.7, 0.35).tolist() == [0, 0, 0, 1]
    assert grouping.group(4, pairs, proba, 0.7, 0.35, "additive", -0.5).tolist() == [0, 0, 0, 0]
    # Unscored pairs weigh missing_log_odds each: a long chain stays apart when they weigh much.
    chain = np.array([[0, 1], [1, 2], [2, 3]])
    assert len(set(grouping.group(4, chain, np.full(3, 0.9), 0.7, 0, "additive", -0.1).tolist())) == 1
    assert len(set(grouping.group(4, chain, np.full(3, 0.9), 0.7, 0, "additive", -5.0).tolist())) > 1
    with pytest.raises(ValueError):
        grouping.group(4, chain, np.full(3, 0.9), 0.7, 0, "single")
    with pytest.raises(ValueError):  # unscored pairs never count for a merge (a reviewer's catch)
        grouping.group(4, chain, np.full(3, 0.9), 0.7, 0, "additive", 0.5)
    with pytest.raises(ValueError):  # checked whether or not any component forms
        grouping.group(2, chain[:0], np.zeros(0), 0.7, 0, "single")


def test_grouping_threshold_means_as_likely_as_not():
    pairs = np.array([[0, 1], [1, 2], [0, 2], [3, 4]])
    assert grouping.group(5, pairs, np.array([0.9, 0.8, 0.7, 0.49])).tolist() == [0, 0, 0, 1, 2]
    # A day-1 and a day-4 report never scored together still join through the days between
    # (missing_weight 0), but not when every pair must be shown (missing_weight 1).
    chain = np.array([[0, 1], [1, 2], [2, 3]])
    assert len(set(grouping.group(4, chain, np.array([0.9, 0.9, 0.9]), 0.5, 0.0).tolist())) == 1
    assert len(set(grouping.group(4, chain, np.array([0.9, 0.9, 0.9]), 0.5, 1.0).tolist())) > 1


def test_digests_join_the_story_their_headline_leads_with():
    # Article 0 is a digest grouped with 1-2 (most of its space); its pair with 3 (another
    # story it reports, P >= threshold) has the closest headline, so it is filed there.
    # A pair below the threshold never moves it, and articles that are not digests stay.
    labels = np.array([0, 0, 0, 1, 2])
    pairs = np.array([[0, 1], [0, 2], [0, 3], [0, 4], [1, 3]])
    proba = np.array([0.9, 0.8, 0.7, 0.55, 0.7])
    headline = np.array([0.1, 0.2, 0.4, 0.9, 0.8])
    digest = np.array([True, False, False, False, False])
    placed = grouping.place_roundups(labels, pairs, proba, headline, digest, 0.6)
    assert placed.tolist() == [1, 0, 0, 1, 2]
    assert grouping.place_roundups(labels, pairs, proba, headline, np.zeros(5, bool), 0.6).tolist() == labels.tolist()
    headline[2] = 0.1  # now its own story's headline is the closest: it stays
    headline[1] = 0.5
    assert grouping.place_roundups(labels, pairs, proba, headline, digest, 0.6).tolist() == labels.tolist()


def test_tokenizing_in_worker_processes_counts_the_same():
    from clustering.features import CorpusTerms

    documents = [a.title + " " + a.text + " 塔吉克斯坦边境 2万名" for a in _synthetic(40)]
    one = CorpusTerms(documents, batch_size=8, n_jobs=1)
    two = CorpusTerms(documents, batch_size=8, n_jobs=2)
    assert (one.lexical_tf != two.lexical_tf).nnz == 0
    assert (one.entity_tf != two.entity_tf).nnz == 0
    # Roundup sections are counted over that vocabulary, in workers or not, alike.
    sections = [d[:30] + " 新词" for d in documents]
    here = one.transform_documents(sections, batch_size=4, n_jobs=1)
    forked = one.transform_documents(sections, batch_size=4, n_jobs=2)
    assert all((a != b).nnz == 0 for a, b in zip(here, forked, strict=True))


def test_many_undated_articles_are_said_to_cost_their_square(monkeypatch, caplog):
    import logging

    from clustering import candidates

    epoch = datetime(1970, 1, 1, tzinfo=UTC)  # the epoch reads as "no date"
    undated = [Article(id=f"u{i}", outlet="o", title=f"火灾 {i}", url=None, published=epoch, language="zh",
                       script="Hans", paragraphs=["某地发生火灾，三人受伤。"]) for i in range(3)]
    assert candidates.undated_note(np.array([np.nan] * 3)) is None
    monkeypatch.setattr(candidates, "UNDATED_NOTE_MIN", 3)
    with caplog.at_level(logging.WARNING, logger="clustering.clusterer"):
        StoryClusterer().fit(undated)
    notes = [r.getMessage() for r in caplog.records if "no publication date" in r.getMessage()]
    assert notes == ["3 of 3 articles have no publication date: each is compared with every article, "
                     "so grouping them takes time that grows with the square of their number"]


def test_many_undated_articles_are_searched_in_cells_of_similar_ones(monkeypatch):
    """Past UNDATED_EXHAUSTIVE_MAX undated articles, each meets the articles filed under its
    cell (k-means on the dense vectors), not every article; shards give the same."""
    import dataclasses

    from clustering import candidates

    rng = np.random.default_rng(3)
    articles = _synthetic(240, seed=3)
    epoch = datetime(1970, 1, 1, tzinfo=UTC)  # no date
    articles = [dataclasses.replace(a, published=epoch) if i % 3 else a for i, a in enumerate(articles)]
    centres = rng.normal(size=(8, 16))
    vectors = (centres[np.arange(240) % 8] + 0.1 * rng.normal(size=(240, 16))).astype(np.float32)
    assert prepare(articles, vectors).cell is None  # few undated articles: compared with everything
    monkeypatch.setattr(candidates, "UNDATED_EXHAUSTIVE_MAX", 50)
    monkeypatch.setattr(candidates, "CELL_ROWS", 20)
    corpus = prepare(articles, vectors)
    assert corpus.cell is not None and corpus.probes.shape == (240, candidates.CELL_PROBES)
    assert np.array_equal(corpus.cell, prepare(articles, vectors).cell)  # deterministic
    pairs = candidate_pairs(corpus, k=5, window_days=2.0, block_rows=16)
    undated = np.isnan(corpus.days)
    assert len(pairs) and undated[pairs].any()
    for i, j in pairs.tolist():
        if undated[i] or undated[j]:
            assert (undated[i] and corpus.cell[i] in corpus.probes[j]) or (undated[j] and corpus.cell[j] in corpus.probes[i])
    every = {tuple(p) for p in pairs.tolist()}
    shard = corpus.subset(np.arange(len(corpus)))
    for r in np.flatnonzero(undated)[:20].tolist():
        own = {tuple(p) for p in candidate_pairs(corpus, k=5, window_days=2.0, rows=np.array([r])).tolist()}
        assert own == {tuple(p) for p in candidate_pairs(shard, k=5, window_days=2.0, rows=np.array([r])).tolist()}
        assert own <= every
    broken = vectors.copy()
    broken[5, 0] = np.nan  # a broken model output does not stop the fit
    assert prepare(articles, broken).cell is not None
    # A fit says how undated articles were searched.
    assert "filed under its cell" in candidates.undated_note(np.full(candidates.UNDATED_NOTE_MIN, np.nan), corpus.cell)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 40), st.integers(0, 5), st.integers(0, 2**31 - 1))
def test_language_centered_vectors_are_unit_and_a_lone_language_keeps_its_direction(n_zh, n_en, seed):
    from clustering.corpus import LANGUAGE_PRIOR_ARTICLES, language_centered

    rng = np.random.default_rng(seed)
    offset = np.zeros(16, dtype=np.float32)
    offset[0] = 3.0  # each language in its own region, as a multilingual embedder puts it
    vectors = np.vstack([rng.normal(size=(n_zh, 16)) + offset, rng.normal(size=(n_en, 16)) - offset])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    language = np.array([0] * n_zh + [1] * n_en)
    centered = language_centered(vectors, language)
    assert centered.shape == vectors.shape and np.all(np.isfinite(centered))
    assert np.allclose(np.linalg.norm(centered, axis=1), 1.0, atol=1e-4)
    if n_en == 1:
        # A lone English article is centered mostly on the corpus mean, never on itself (which
        # would leave nothing): it keeps most of its own direction.
        assert LANGUAGE_PRIOR_ARTICLES > 1
        assert float(centered[-1] @ vectors[-1]) > 0.2


def test_the_cross_language_centered_cosine_is_zero_within_one_language():
    from dataclasses import replace

    articles = [
        _article(0, "Hotel collapses in Suzhou", "Eight people died when a hotel collapsed.", 0),
        replace(_article(1, "苏州酒店坍塌", "苏州一家酒店坍塌，8人死亡。", 0), language="zh"),
        replace(_article(2, "苏州酒店坍塌8死", "江苏苏州酒店坍塌，已有8人死亡。", 0), language="zh"),
    ]
    rng = np.random.default_rng(0)
    corpus = prepare(articles, rng.normal(size=(3, 8)).astype(np.float32))
    x = pair_features(corpus, np.array([[0, 1], [1, 2]]))
    column = FEATURE_NAMES.index("dense_centered_cross")
    assert x[0, column] != 0.0 and x[1, column] == 0.0
