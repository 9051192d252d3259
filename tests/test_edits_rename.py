"""Renaming a story (clustering.edits.rename_story): an editor's headline is logged like the
other edits, follows the story's articles through a regrouping, outlives runs that grow or
rebuild the story, and a blank one gives the automatic label back. Invented articles."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from articles.model import Article
from clustering import build_story, edits, pipeline, story_id_for
from clustering.model import Member, Story
from store import Store

START = datetime(2021, 7, 10, tzinfo=UTC)
HAND = "Reservists called up across the country"


def _article(aid: str, minute: int) -> Article:
    return Article(id=aid, outlet=f"o-{aid}", title=f"report {aid}", url=None,
                   published=START + timedelta(minutes=minute), language="en", script=None,
                   paragraphs=[f"text of {aid}"])


def _articles(*ids: str) -> dict[str, Article]:
    return {aid: _article(aid, n) for n, aid in enumerate(ids)}


def _story(story_id: str, articles: dict[str, Article], ids: list[str]) -> Story:
    return build_story(story_id, [articles[i] for i in ids], {i: 0.5 for i in ids})


def _workspace(path: Path, groups: list[list[str]]) -> Store:
    store = Store(path)
    articles = _articles(*[aid for group in groups for aid in group])
    for article in articles.values():
        store.add_article(article)
    store.replace_stories([_story(story_id_for(g[0]), articles, g).to_dict() for g in groups])
    return store


def test_rename_is_shown_logged_and_a_blank_one_resets(tmp_path):
    store = _workspace(tmp_path / "w.db", [["a", "b", "c"], ["d"]])
    sid = story_id_for("a")
    automatic = store.story(sid)["label"]
    version = store.story_versions([sid])[sid]
    assert edits.rename_story(store, sid, f"  {HAND}\n ") == sid
    stored = store.story(sid)
    assert stored["label"] == stored["hand_label"] == HAND
    assert store.story_versions([sid])[sid] != version  # a page showing the old label is stale
    assert store.edits()[-1] == ("rename", {"story_id": sid, "anchor_ids": ["a", "b", "c"], "label": HAND})
    assert "hand_label" not in store.story(story_id_for("d"))  # other stories as they were
    edits.rename_story(store, sid, "   ")
    assert store.story(sid)["label"] == automatic and "hand_label" not in store.story(sid)
    store.close()


def test_a_replayed_rename_follows_the_bulk_of_its_articles():
    articles = _articles("a", "b", "c", "d", "e")
    payload = {"story_id": "st-old", "anchor_ids": ["a", "b", "c", "d"], "label": HAND}
    # A regrouping left the old id on one article; three of the four went to "st-new".
    fresh = [_story("st-old", articles, ["a"]), _story("st-new", articles, ["b", "c", "d", "e"])]
    by_id = {s.id: s for s in edits.replay_edits(fresh, [("rename", payload)], articles)}
    assert by_id["st-new"].label == HAND and by_id["st-old"].label == "report a"
    # With no anchor left, the id still finds it; a later blank rename undoes it.
    gone = {**payload, "anchor_ids": ["not-stored"]}
    log = [("rename", gone), ("rename", {**gone, "label": ""})]
    assert {s.id: s.label for s in edits.replay_edits(fresh, log[:1], articles)}["st-old"] == HAND
    assert {s.id: s.hand_label for s in edits.replay_edits(fresh, log, articles)}["st-old"] is None


def test_edits_on_a_renamed_story_keep_its_label():
    articles = _articles("a", "b", "c", "d", "e")
    stories = {"st-1": _story("st-1", articles, ["a", "b", "c"]), "st-2": _story("st-2", articles, ["d", "e"])}
    stories, _ = edits.apply_edit(stories, "rename", {"story_id": "st-2", "anchor_ids": ["d", "e"],
                                                      "label": HAND}, articles)
    # A move into it, a split out of it: it keeps the hand label, the split part has its own.
    stories, _ = edits.apply_edit(stories, "move", {"article_id": "a", "to_story_id": "st-2",
                                                    "anchor_ids": ["d", "e"]}, articles)
    stories, part = edits.apply_edit(stories, "split", {"article_ids": ["d"]}, articles)
    assert stories["st-2"].label == HAND and stories[part].hand_label is None
    # Merged with a larger story, the merged story takes the editor's headline.
    merged, result = edits.apply_edit(stories, "merge", {"groups": [["b", "c"], ["a", "e"]]}, articles)
    assert merged[result].label == HAND


def test_runs_that_grow_or_rebuild_the_story_keep_the_hand_label():
    articles = _articles("a", "b", "c", "d", "e")
    renamed = build_story("st-1", [articles[i] for i in "abc"], {i: 0.5 for i in "abc"}, hand_label=HAND)
    # An incremental run: new articles join it; one with a higher score would name it otherwise.
    grown = pipeline.grown_story(renamed, {"d": 0.99}, lambda ids: [articles[i] for i in ids])
    assert grown.label == HAND and grown.article_ids[0] == "d"
    # An upload joined "e" while a run fitted it: written back with the run's copy.
    (joined,) = pipeline.with_stored_joins([renamed], [_with_member(renamed, "e")],
                                           lambda ids: [articles[i] for i in ids])
    assert joined.label == HAND and "e" in joined.article_ids
    # A run over some of its articles leaves the rest as a stored story: still renamed.
    run = [_story("st-run", articles, ["a"])]
    (kept,) = pipeline.stories_beside(run, [renamed], lambda ids: [articles[i] for i in ids])
    assert kept.label == HAND and "a" not in kept.article_ids
    # Articles the fit did not see go back to the run's story, which keeps its (replayed) label.
    (whole,) = pipeline.with_unfitted([renamed], [_story("st-1", articles, ["a", "b", "c", "d"])],
                                      {"a", "b", "c"}, articles)
    assert whole.label == HAND and "d" in whole.article_ids
    assert Story.from_dict(whole.to_dict()) == whole


def _with_member(story: Story, extra: str) -> Story:
    """``story`` with one more (unpinned) member, as an upload joined it in the store."""
    return Story(story.id, story.label, story.first_published, story.last_published, story.outlets,
                 [*story.members, Member(extra, 0.4)], story.mentions, story.hand_label)


def test_a_renamed_story_keeps_its_label_when_an_upload_grows_it_and_after_a_regroup(tmp_path):
    import shutil

    from articles import ingest

    fire = sorted((Path(__file__).resolve().parent.parent / "seeds" / "nbw-2021-07").glob("2021-07-09-孟加拉*"))
    for n, source in enumerate(fire):
        folder = tmp_path / ("first" if n < 3 else "later")
        folder.mkdir(exist_ok=True)
        shutil.copy(source, folder / source.name)
    store = Store(tmp_path / "w.db")
    pipeline.run([tmp_path / "first"], store, model="lexical")
    (story,) = pipeline.load_stories(store)
    edits.rename_story(store, story.id, HAND)
    report = ingest([tmp_path / "later"], store)
    changed = pipeline.update_stories(store, report.article_ids, model="lexical")
    grown = store.story(story.id)
    assert changed and len(grown["members"]) > len(story.members)
    assert grown["label"] == HAND
    pipeline.recluster(store, model="lexical")
    holding = store.story(store.story_of_article(story.members[0].article_id))
    assert holding["label"] == HAND
    store.close()


def test_the_outputs_show_the_hand_label(tmp_path):
    import json

    from clustering.__main__ import write_outputs

    articles = _articles("a", "b")
    renamed = build_story("st-1", list(articles.values()), {"a": 0.9, "b": 0.5}, hand_label=HAND)
    write_outputs(tmp_path, [renamed], articles, [], [str(tmp_path)])
    (story,) = json.loads((tmp_path / "stories.json").read_text(encoding="utf-8"))
    assert story["label"] == story["hand_label"] == HAND
    assert f"**{HAND}**" in (tmp_path / "stories.md").read_text(encoding="utf-8")


# ---- what a label may be -----------------------------------------------------------------
def test_a_label_over_the_cap_or_with_control_characters_is_refused_unwritten(tmp_path):
    store = _workspace(tmp_path / "w.db", [["a", "b"]])
    sid = story_id_for("a")
    before = (store.story(sid), store.edits())
    for label in ["x" * (edits.MAX_LABEL_CHARS + 1), "Reservists\x00called", "Names \x1b[31mred",
                  "Ministry says \u202egnirts"]:
        with pytest.raises(edits.EditError) as refused:
            edits.rename_story(store, sid, label)
        assert "\n" not in str(refused.value)  # one line for the page
    assert (store.story(sid), store.edits()) == before
    # At the cap once trimmed, and a headline pasted over two lines: stored, trimmed, one line.
    edits.rename_story(store, sid, "  " + "字" * edits.MAX_LABEL_CHARS + "\t\n")
    assert store.story(sid)["label"] == "字" * edits.MAX_LABEL_CHARS
    edits.rename_story(store, sid, "Reservists\r\ncalled up")
    assert store.story(sid)["label"] == "Reservists called up"
    store.close()


def test_the_refusal_says_why() -> None:
    assert "at most 200 characters (this one has 201)" in edits.label_problem("y" * 201)
    assert "U+0007" in edits.label_problem("bell\x07")
    assert "U+202E" in edits.label_problem("\u202eabc")
    assert edits.label_problem(None) is None and edits.label_problem("  ") is None


@settings(max_examples=300, deadline=None)
@given(hs.text(max_size=260))
def test_a_label_accepted_is_stored_as_shown_and_within_the_cap(label: str) -> None:
    """Any text: refused with a one-line reason, or its cleaned form is one line of at most
    MAX_LABEL_CHARS characters with no control character."""
    problem = edits.label_problem(label)
    if problem is not None:
        assert problem and "\n" not in problem
        return
    cleaned = edits.clean_label(label) or ""
    assert len(cleaned) <= edits.MAX_LABEL_CHARS and cleaned == cleaned.strip()
    assert not any(unicodedata.category(c) == "Cc" for c in cleaned)
    assert not set(cleaned) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
