"""Edits made on the store (the dashboard's move, merge and split) never give their result the
id of a stored story they did not touch: stories are named after their earliest article, so after
an article moved out of the story it named, a merge or split led by that article would otherwise
take the old story's id and replace it, leaving its articles in no story. Made-up articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.model import Article
from clustering import build_story, edits, story_id_for
from store import Store

START = datetime(2021, 7, 10, tzinfo=UTC)


def _article(aid: str, minute: int) -> Article:
    return Article(id=aid, outlet=f"o-{aid}", title=f"report {aid}", url=None,
                   published=START + timedelta(minutes=minute), language="en", script=None,
                   paragraphs=[f"text of {aid}"])


def _workspace(path: Path, groups: list[list[str]]) -> Store:
    """A store whose stories are ``groups``, each named after its earliest (first) article."""
    store = Store(path)
    order = [aid for group in groups for aid in group]
    articles = {aid: _article(aid, n) for n, aid in enumerate(order)}
    for article in articles.values():
        store.add_article(article)
    store.replace_stories([
        build_story(story_id_for(g[0]), [articles[a] for a in g], {a: 0.5 for a in g}).to_dict()
        for g in groups
    ])
    return store


def _held(store: Store) -> list[str]:
    return sorted(m["article_id"] for s in store.stories() for m in s["members"])


def test_a_merge_led_by_a_moved_article_leaves_the_story_it_named_alone(tmp_path):
    store = _workspace(tmp_path / "ws.db", [["a0", "a1"], ["b0"], ["c0"]])
    named_by_a0 = story_id_for("a0")
    edits.move_article(store, "a0", story_id_for("b0"))  # a1 stays alone under a0's id
    merged = edits.merge_stories(store, [story_id_for("b0"), story_id_for("c0")])
    assert merged != named_by_a0
    assert [m["article_id"] for m in store.story(named_by_a0)["members"]] == ["a1"]
    assert _held(store) == ["a0", "a1", "b0", "c0"]


def test_a_split_led_by_a_moved_article_leaves_the_story_it_named_alone(tmp_path):
    store = _workspace(tmp_path / "ws.db", [["a0", "a1"], ["b0", "b1"]])
    edits.move_article(store, "a0", story_id_for("b0"))
    part = edits.split_story(store, story_id_for("b0"), ["a0"])
    assert part != story_id_for("a0")
    assert store.story_of_article("a1") == story_id_for("a0")
    assert _held(store) == ["a0", "a1", "b0", "b1"]


EDIT = st.tuples(st.sampled_from(["move", "merge", "split"]), st.integers(0, 99), st.integers(0, 99))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 3), min_size=2, max_size=5), st.lists(EDIT, max_size=8))
def test_store_edits_keep_every_article_in_exactly_one_story(tmp_path_factory, sizes, drawn):
    groups = [[f"s{s}a{k}" for k in range(size)] for s, size in enumerate(sizes)]
    store = _workspace(tmp_path_factory.mktemp("ws") / "ws.db", groups)
    every = sorted(a for g in groups for a in g)
    for op, x, y in drawn:
        stories = store.stories()
        ids = [s["id"] for s in stories]
        members = [[m["article_id"] for m in s["members"]] for s in stories]
        if op == "move":
            edits.move_article(store, every[x % len(every)], ids[y % len(ids)])
        elif op == "merge" and len(ids) > 1 and x % len(ids) != y % len(ids):
            edits.merge_stories(store, [ids[x % len(ids)], ids[y % len(ids)]])
        elif op == "split" and len(members[x % len(ids)]) > 1:
            edits.split_story(store, ids[x % len(ids)], [members[x % len(ids)][y % len(members[x % len(ids)])]])
        assert _held(store) == every
    store.close()
