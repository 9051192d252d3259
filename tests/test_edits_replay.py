"""Replaying an edit log (clustering.edits): every article stays in exactly one story, and
replaying the log at once gives what applying its edits one by one gives. Invented articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.model import Article
from clustering import build_story, edits

START = datetime(2021, 7, 1, tzinfo=UTC)


def _world(sizes: list[int]):
    articles, stories, groups = {}, [], []
    for s, size in enumerate(sizes):
        members = [Article(id=f"a{s}-{k}", outlet=f"o{k}", title=f"s{s} r{k}", url=None,
                           published=START + timedelta(minutes=10 * s + k), language="en", script=None,
                           paragraphs=[f"report {k} of {s}"]) for k in range(size)]
        articles.update({a.id: a for a in members})
        groups.append([a.id for a in members])
        stories.append(build_story(f"st-{s}", members, {a.id: 0.5 for a in members}))
    return stories, groups, articles


def _edit(draw_op: str, x: int, y: int, groups: list[list[str]], ids: list[str]) -> tuple[str, dict]:
    # Some edits name a result id another story already holds (a re-clustering names stories
    # after their earliest article), or articles no longer around ("gone").
    result = {"result_id": f"st-{(x + y) % len(groups)}"} if (x + y) % 3 == 0 else {}
    if draw_op == "move":
        return "move", {"article_id": ids[x % len(ids)], "to_story_id": f"st-{y % len(groups)}",
                        "anchor_ids": groups[y % len(groups)] + (["gone"] if x % 4 == 0 else [])}
    if draw_op == "merge":
        return "merge", {"groups": [groups[x % len(groups)], groups[y % len(groups)]], **result}
    if draw_op == "rename":  # a blank label now and then: back to the headline rule
        return "rename", {"story_id": f"st-{x % len(groups)}", "anchor_ids": groups[x % len(groups)],
                          "label": "" if y % 4 == 0 else f"hand {y}"}
    return "split", {"article_ids": sorted({ids[x % len(ids)], ids[y % len(ids)]} | ({"gone"} if y % 5 == 0 else set())),
                     **result}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=2, max_size=12),
       st.lists(st.tuples(st.sampled_from(["move", "merge", "split", "rename"]), st.integers(0, 99), st.integers(0, 99)),
                max_size=25))
def test_replay_keeps_every_article_once_and_matches_one_by_one(sizes, drawn):
    stories, groups, articles = _world(sizes)
    ids = list(articles)
    log = [_edit(op, x, y, groups, ids) for op, x, y in drawn]
    replayed = edits.replay_edits(stories, log, articles)
    held = [m.article_id for s in replayed for m in s.members]
    assert sorted(held) == sorted(ids)
    one_by_one = {s.id: s for s in stories}
    for op, payload in log:
        one_by_one, _ = edits.apply_edit(one_by_one, op, payload, articles)
    expected = sorted(one_by_one.values(), key=lambda s: (s.first_published, s.id))
    assert [s.to_dict() for s in replayed] == [s.to_dict() for s in expected]


def test_a_result_never_overwrites_another_story():
    stories, groups, articles = _world([3, 1, 2])
    # A merge whose logged result id another story now holds.
    merged = edits.replay_edits(stories, [("merge", {"groups": groups[:2], "result_id": "st-2"})], articles)
    assert sorted(m.article_id for s in merged for m in s.members) == sorted(articles)
    # Two splits of the same article's story: each part keeps its articles.
    log = [("split", {"article_ids": groups[0][:2]}), ("split", {"article_ids": groups[0][:1]})]
    split = edits.replay_edits(stories, log, articles)
    assert sorted(m.article_id for s in split for m in s.members) == sorted(articles)


def test_apply_edit_leaves_the_callers_stories_alone():
    stories, groups, articles = _world([2, 3])
    before = {s.id: s for s in stories}
    snapshot = {k: v.to_dict() for k, v in before.items()}
    after, result = edits.apply_edit(before, "merge", {"groups": groups}, articles)
    assert {k: v.to_dict() for k, v in before.items()} == snapshot
    assert result in after and len(after) == 1


def test_a_moved_article_does_not_rename_the_story_it_joins():
    # A four-article story and an article alone in its own (score 1.0 there: alone). Moved in,
    # the story keeps its label; the moved article ranks last, pinned.
    stories, groups, articles = _world([4, 1])
    stories[0] = build_story("st-0", [articles[i] for i in groups[0]],
                             {i: s for i, s in zip(groups[0], (0.9, 0.7, 0.6, 0.5), strict=True)})
    stories[1] = build_story("st-1", [articles[groups[1][0]]], {groups[1][0]: 1.0})
    before = stories[0].label
    moved = groups[1][0]
    after, result = edits.apply_edit({s.id: s for s in stories}, "move",
                                     {"article_id": moved, "to_story_id": "st-0", "anchor_ids": groups[0]},
                                     articles)
    story = after[result]
    assert result == "st-0" and story.label == before
    assert story.members[-1].article_id == moved and story.members[-1].pinned
    # Replayed after a re-clustering: the same.
    assert edits.replay_edits(stories, [("move", {"article_id": moved, "to_story_id": "st-0",
                                                  "anchor_ids": groups[0]})], articles)[0].label == before
    # Alone again (the others split off), it names its story.
    rest, left = edits.apply_edit(after, "split", {"article_ids": groups[0]}, articles)
    assert rest["st-0"].label == articles[moved].title
