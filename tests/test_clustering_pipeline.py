"""Pipeline, manual edits and the batch CLI on a small real corpus (copied from seeds/)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from clustering import edits, pipeline
from clustering.__main__ import main as cli_main
from store.sqlite import Store

ROOT = Path(__file__).resolve().parent.parent
NBW = ROOT / "seeds" / "nbw-2021-07"
BAD_FILE = ROOT / "tests" / "fixtures" / "ingest" / "binary.md"

# Three distinct real events, several outlets and both scripts each.
FIRE = "2021-07-09-孟加拉*"  # Bangladesh food factory fire
CRASH = "2021-07-0[45]-菲律*軍機*"  # Philippine C-130 crash (CNA, Traditional)
CRASH_HANS = "2021-07-0[45]-菲律宾军机*"
DIDI = "2021-07-04-*滴滴*"


def _copy(patterns: list[str], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for pattern in patterns:
        for source in sorted(NBW.glob(pattern)):
            target = folder / source.name
            shutil.copy(source, target)
            copied.append(target)
    return copied


def _story_of(store: Store) -> dict[str, str]:
    return {m.article_id: s.id for s in pipeline.load_stories(store) for m in s.members}


def _ids_matching(store: Store, word: str) -> list[str]:
    return [a.id for a in store.articles() if word in a.title]


@pytest.fixture()
def workspace(tmp_path: Path):
    inputs = tmp_path / "in"
    _copy([FIRE, CRASH, CRASH_HANS], inputs)
    store = Store(tmp_path / "p.db")
    result = pipeline.run([inputs], store, model="lexical")
    yield store, result, tmp_path
    store.close()


def test_run_groups_each_event_across_scripts(workspace):
    store, result, _ = workspace
    story_of = _story_of(store)
    fire = _ids_matching(store, "孟加拉")
    crash = _ids_matching(store, "菲律宾") + _ids_matching(store, "菲律賓")
    assert len(fire) == 5 and len(crash) >= 8
    # Most of each event in one story, and the two events never share a story.
    fire_story = max(set(story_of[i] for i in fire), key=[story_of[i] for i in fire].count)
    crash_story = max(set(story_of[i] for i in crash), key=[story_of[i] for i in crash].count)
    assert fire_story != crash_story
    assert sum(story_of[i] == fire_story for i in fire) >= 4
    assert sum(story_of[i] == crash_story for i in crash) >= 6
    # The Traditional-script CNA reports join the Simplified ones.
    cna_crash = _ids_matching(store, "菲律賓")
    assert any(story_of[i] == crash_story for i in cna_crash)
    cna_fire = [i for i in fire if store.article(i).script == "Hant"]
    assert cna_fire and story_of[cna_fire[0]] == fire_story
    story = next(s for s in result.stories if s.id == fire_story)
    assert story.label and story.first_published <= story.last_published
    assert all(0.0 <= m.score <= 1.0 for m in story.members)
    assert len(story.outlets) >= 3


def test_edits_apply_at_once_and_survive_rerun_and_new_articles(workspace):
    store, _, tmp_path = workspace
    story_of = _story_of(store)
    fire = _ids_matching(store, "孟加拉")
    crash = _ids_matching(store, "菲律宾")
    fire_story = story_of[fire[0]]

    # move: a crash report into the fire story, pinned there
    moved = crash[0]
    target = edits.move_article(store, moved, fire_story)
    assert store.story_of_article(moved) == target == fire_story
    member = next(m for m in store.story(fire_story)["members"] if m["article_id"] == moved)
    assert member["pinned"] is True

    # split: two fire reports out into a new story
    split_ids = [i for i in fire if story_of[i] == fire_story and i != moved][:2]
    new_story = edits.split_story(store, fire_story, split_ids)
    assert new_story != fire_story
    assert {store.story_of_article(i) for i in split_ids} == {new_story}

    # merge: the split-off part back with the crash story
    other_crash_story = store.story_of_article(crash[1])
    merged = edits.merge_stories(store, [new_story, other_crash_story])
    assert store.story_of_article(split_ids[0]) == merged == store.story_of_article(crash[1])
    assert store.story(merged)["outlets"]  # recomputed
    assert len(store.edits()) == 3

    before = _story_of(store)
    # A batch re-run replays the edits on the fresh clustering.
    rerun = pipeline.run([tmp_path / "in"], store, model="lexical")
    after = _story_of(store)
    # The moved report is back with the rest of the fire story it was moved to.
    fire_rest = [i for i in fire if story_of[i] == fire_story and i not in split_ids]
    assert fire_rest and after[moved] == before[moved] == after[fire_rest[0]]
    assert after[split_ids[0]] == after[split_ids[1]] == after[crash[1]]
    assert after[moved] != after[crash[1]]
    assert rerun.stories

    # New articles arrive: they join or start stories; hand placements stay.
    _copy([DIDI], tmp_path / "more")
    from articles import ingest

    report = ingest([tmp_path / "more"], store)
    changed = pipeline.update_stories(store, report.article_ids, model="lexical")
    final = _story_of(store)
    assert all(i in final for i in report.article_ids)
    assert changed
    for article_id in [moved, *split_ids]:
        assert final[article_id] == after[article_id]
    didi_stories = {final[i] for i in report.article_ids}
    assert not didi_stories & {final[i] for i in fire + crash}


def test_edit_errors_are_clear(workspace):
    store, _, _ = workspace
    any_story = pipeline.load_stories(store)[0].id
    with pytest.raises(edits.EditError, match="no story"):
        edits.move_article(store, store.articles()[0].id, "st-missing")
    with pytest.raises(edits.EditError):
        edits.merge_stories(store, [any_story])
    with pytest.raises(edits.EditError):
        edits.split_story(store, any_story, ["not-a-member"])


def test_cli_writes_the_outputs(tmp_path: Path):
    inputs = tmp_path / "in"
    files = _copy([FIRE, CRASH], inputs)
    shutil.copy(BAD_FILE, inputs / "broken.md")
    out = tmp_path / "out"
    code = cli_main([str(inputs), "--out", str(out), "--db", str(tmp_path / "c.db"), "--model", "lexical"])
    assert code == 0
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    assert stories and {"id", "label", "first_published", "last_published", "outlets", "articles"} <= set(stories[0])
    assert {"id", "outlet", "title", "published", "source_paths"} <= set(stories[0]["articles"][0])
    with (out / "assignments.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["source_path", "article_id", "story_id", "outlet", "published", "title", "story_change"]
    assert all(r["outlet"] and r["title"] and r["published"].endswith("+00:00") for r in rows)
    assigned_paths = {Path(r["source_path"]).name for r in rows}
    assert {f.name for f in files} <= assigned_paths
    assert all(r["story_id"] for r in rows)
    story_ids = {s["id"] for s in stories}
    assert {r["story_id"] for r in rows} <= story_ids
    with (out / "errors.csv").open(encoding="utf-8-sig") as f:
        errors = list(csv.DictReader(f))
    assert list(errors[0]) == ["source_path", "error"]
    assert any(Path(e["source_path"]).name == "broken.md" and e["error"] for e in errors)
    assert (out / "stories.md").read_text(encoding="utf-8").startswith("# Stories")


def test_cli_jobs_change_no_story(tmp_path: Path):
    inputs = tmp_path / "in"
    _copy([FIRE, CRASH], inputs)
    written = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert cli_main([str(inputs), "--out", str(out), "--db", str(tmp_path / f"{jobs}.db"), "--model", "lexical",
                         "--jobs", jobs]) == 0
        written.append(json.loads((out / "stories.json").read_text(encoding="utf-8")))
    assert written[0] == written[1]
    for wrong in (["--jobs", "0"], ["--jobs", "2", "--engine", "ray"]):
        with pytest.raises(SystemExit):
            cli_main([str(inputs), "--out", str(tmp_path / "x"), *wrong])


def test_cli_exits_1_without_articles(tmp_path: Path, capsys):
    bad = tmp_path / "broken.md"
    shutil.copy(BAD_FILE, bad)
    code = cli_main([str(bad), str(tmp_path / "missing.md"), "--out", str(tmp_path / "o"),
                     "--db", str(tmp_path / "c.db"), "--model", "lexical"])
    assert code == 1
    assert "missing.md: no such file or folder" in capsys.readouterr().err
    errors = (tmp_path / "o" / "errors.csv").read_text(encoding="utf-8")
    assert "broken.md" in errors and "missing.md" in errors


def test_stories_of_another_clusterer_are_regrouped_with_edits_kept(workspace):
    store, _, _ = workspace
    assert not pipeline.stories_outdated(store)  # made by the current default clusterer
    fire = _ids_matching(store, "孟加拉")
    crash_story = _story_of(store)[_ids_matching(store, "菲律宾")[0]]
    edits.move_article(store, fire[0], crash_story)  # a hand edit, to be kept
    # Other parameters (or a store written before versions were recorded) -> outdated.
    assert pipeline.stories_outdated(store, pipeline.StoryClusterer(threshold=0.3))
    assert pipeline.stories_outdated(store, pipeline.StoryClusterer(linkage="additive"))
    # The default linkage is left out of the record, so stores grouped before it existed stay current.
    assert "linkage" not in json.loads(pipeline.clusterer_fingerprint(pipeline.StoryClusterer()))
    store.set_meta(pipeline.STORIES_CLUSTERER_META, "")
    assert pipeline.stories_outdated(store)
    stories = pipeline.recluster(store, model="lexical")
    assert not pipeline.stories_outdated(store)
    story_of = _story_of(store)
    assert sum(len(s.members) for s in stories) == len(store.articles()) == len(story_of)
    assert story_of[fire[0]] == story_of[_ids_matching(store, "菲律宾")[0]]


def _mini_story(story_id: str, articles) -> object:
    from clustering import build_story

    return build_story(story_id, articles, {a.id: 0.5 for a in articles})


def test_a_replayed_move_follows_the_articles_it_joined_not_the_old_story_id(workspace):
    """A regrouping can split the story an article was moved into and leave the old id on
    the smaller part: the replayed move goes with most of the articles it joined."""
    store, _, _ = workspace
    articles = sorted(store.articles(), key=lambda a: (a.published, a.id))[:6]
    by_id = {a.id: a for a in articles}
    moved, first, *others = articles
    # The journalist moved `moved` into a story of five articles (id "st-old").
    payload = {"article_id": moved.id, "to_story_id": "st-old",
               "anchor_ids": [first.id, *[a.id for a in others]]}
    # The regrouping split them: the old id kept one article, four went to "st-new".
    fresh = [_mini_story("st-old", [first]), _mini_story("st-new", others), _mini_story("st-own", [moved])]
    (replayed,) = [s for s in edits.replay_edits(fresh, [("move", payload)], by_id) if moved.id in s.article_ids]
    assert replayed.id == "st-new"
    assert {m.article_id for m in replayed.members if m.pinned} == {moved.id}
    # With none of the anchors left, the story id still places it.
    gone = {**payload, "anchor_ids": ["not-stored"]}
    (kept,) = [s for s in edits.replay_edits(fresh, [("move", gone)], by_id) if moved.id in s.article_ids]
    assert kept.id == "st-old"


def test_a_source_is_under_the_inputs_it_was_read_from(tmp_path):
    from clustering.__main__ import _input_roots, _under_inputs

    roots = _input_roots([str(tmp_path / "folder"), str(tmp_path / "one.jsonl")])
    assert _under_inputs(str(tmp_path / "folder" / "a" / "b.md"), roots)
    assert _under_inputs(str(tmp_path / "one.jsonl") + "#12", roots)
    assert not _under_inputs(str(tmp_path / "folder2" / "b.md"), roots)
    assert not _under_inputs(str(tmp_path / "one.jsonl2"), roots)
    assert _under_inputs("/a/b.md", _input_roots(["/"]))


def test_dates_before_1970_are_dates_and_the_epoch_is_none():
    from datetime import UTC, datetime

    from articles import Article
    from clustering.features import publication_days

    def dated(when: datetime) -> Article:
        return Article(id="x", outlet="o", title="t", url=None, published=when, language="en", script=None,
                       paragraphs=["p"])

    days = publication_days([dated(datetime(1960, 1, 2, tzinfo=UTC)), dated(datetime(1970, 1, 1, tzinfo=UTC))])
    assert days[0] < 0 and days[1] != days[1]  # 1960 is a day; the epoch (how sources write "no date") is NaN


def test_a_run_over_some_files_keeps_the_stored_stories_of_the_others(workspace):
    store, first, tmp_path = workspace
    before = {s.id: [m.article_id for m in s.members] for s in pipeline.load_stories(store)}
    assert before
    didi = _copy([DIDI], tmp_path / "didi")
    result = pipeline.run(didi, store, model="lexical")
    assert result.stories
    after = {s.id: [m.article_id for m in s.members] for s in pipeline.load_stories(store)}
    for story_id, members in before.items():
        assert after[story_id] == members  # the workspace's other stories stay
    assert {m.article_id for s in result.stories for m in s.members} <= {i for ms in after.values() for i in ms}
    # A run that reads nothing (a mistyped folder) changes no stored story.
    assert pipeline.run([tmp_path / "no-such-folder"], store, model="lexical").stories == []
    assert {s.id: [m.article_id for m in s.members] for s in pipeline.load_stories(store)} == after


def test_a_run_over_part_of_a_story_leaves_its_other_articles_in_a_story(workspace):
    store, first, tmp_path = workspace
    crash = next(s for s in pipeline.load_stories(store) if len(s.members) >= 3)
    one = store.articles([crash.members[0].article_id])[0]
    source = Path(one.source_paths[0])
    result = pipeline.run([source], store, model="lexical")
    owners = _story_of(store)
    assert all(m.article_id in owners for m in crash.members)  # no article left in no story
    assert owners[one.id] == result.stories[0].id
    assert len(set(owners.values())) == len(pipeline.load_stories(store))


def test_a_run_over_some_files_keeps_a_hand_move_into_a_story_of_the_others(tmp_path: Path):
    # Made-up articles: a quake story on day 1; a market report on day 2 moved by hand into it.
    def rec(n, outlet, day, title, text):
        return json.dumps({"title": title, "text": text, "outlet": outlet, "url": f"https://{outlet}.example/{n}",
                           "date": f"2024-03-{day:02d}T08:00:00Z"}) + "\n"
    quake = ("A magnitude 6.1 earthquake struck the coastal city of Veltra on Monday, collapsing two "
             "bridges and killing 14 people, officials said. Rescue teams searched the old market.")
    (tmp_path / "d1").mkdir()
    (tmp_path / "d2").mkdir()
    (tmp_path / "d1" / "a.jsonl").write_text(
        rec(1, "alpha", 4, "Earthquake kills 14 in Veltra", quake)
        + rec(2, "beta", 4, "Veltra quake: 14 dead, bridges down", quake.replace("officials", "police")), "utf-8")
    (tmp_path / "d2" / "b.jsonl").write_text(rec(3, "alpha", 6, "Stock markets rally on tech earnings",
                                                 "Shares rose sharply on Wednesday as technology companies "
                                                 "reported strong quarterly earnings."), "utf-8")
    store = Store(tmp_path / "p.db")
    pipeline.run([tmp_path / "d1", tmp_path / "d2"], store, model="lexical")
    stock = _ids_matching(store, "Stock")[0]
    quake_story = _story_of(store)[_ids_matching(store, "Veltra")[0]]
    edits.move_article(store, stock, quake_story)
    pipeline.run([tmp_path / "d2"], store, model="lexical")  # the day-2 folder again
    owners = _story_of(store)
    assert owners[stock] == owners[_ids_matching(store, "Veltra")[0]]
    assert len(owners) == 3 and sum(len(s.members) for s in pipeline.load_stories(store)) == 3
    store.close()


def test_a_run_over_some_files_does_not_mark_an_older_clusterers_stories_current(workspace):
    store, _, tmp_path = workspace
    store.set_meta(pipeline.STORIES_CLUSTERER_META, '{"version": "0"}')  # stories of an older clusterer
    assert pipeline.stories_outdated(store)
    pipeline.run(_copy([DIDI], tmp_path / "didi"), store, model="lexical")  # the others' stories are kept
    assert pipeline.stories_outdated(store)  # still asks to regroup them
    pipeline.recluster(store, model="lexical")
    assert not pipeline.stories_outdated(store)
