"""A regrouping that leaves a story's members and label as they were keeps its version, so an
editor's pending edit on it still applies (only the members' scores change between runs).
Made-up articles, the lexical backend: nothing is downloaded."""

from __future__ import annotations

from clustering import edits, pipeline
from tests.test_clustering_hourly_run import FOOTBALL
from tests.test_clustering_hourly_run import _story_of as _owner
from tests.test_clustering_partial_run import _ids, _partition, _write


def test_a_story_with_the_same_members_and_label_keeps_its_version(hours):
    store, folders = hours
    pipeline.run([folders["h01"], folders["h02"]], store, model="lexical")
    seen, fingerprint = store.story_versions(), store.fingerprint()
    stories = store.stories()
    rescored = [{**s, "members": [{**m, "score": round(m["score"] / 2, 4)} for m in s["members"]]} for s in stories]
    store.replace_stories(rescored)  # what a regrouping with other context does: new scores only
    assert store.story_versions() == seen
    assert store.fingerprint() != fingerprint  # the list's cache sees the new scores
    relabelled = [{**rescored[0], "label": "Another headline"}, *rescored[1:]]
    store.replace_stories(relabelled)
    assert store.story_versions()[relabelled[0]["id"]] != seen[relabelled[0]["id"]]


def test_an_edit_seen_before_an_hourly_run_applies_to_a_story_it_left_alone(hours):
    store, folders = hours
    football = _write(store.path.parent, "h03", FOOTBALL)
    pipeline.run([folders["h01"], folders["h02"], football], store, model="lexical")
    owner = _owner(store)
    dam, rates = _ids(store, "orvina"), _ids(store, "Astoria")
    seen = store.story_versions([owner[dam[0]], owner[rates[0]]])
    scores = {m["article_id"]: m["score"] for s in store.stories() for m in s["members"]}
    # A re-run over hour 1 regroups the dam story, fitted without the other stories' articles
    # (other term weights): the same members, other scores.
    pipeline.run([folders["h01"]], store, model="lexical")
    assert _partition(store) == {frozenset(dam), frozenset(rates), frozenset(_ids(store, "Rovers"))}
    assert {m["article_id"]: m["score"] for s in store.stories() for m in s["members"]} != scores
    with store.transaction():  # what the dashboard does with the versions it showed
        store.check_story_versions(seen)
        edits.move_article(store, rates[0], owner[dam[0]])
    assert _owner(store)[rates[0]] == owner[dam[0]]
