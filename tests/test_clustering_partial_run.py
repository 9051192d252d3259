"""A batch run over some of a workspace's files (a "partial run") fits its articles together with
the stored articles of the stories they were in, so a re-run over one day of a two-day story gives
that story back whole. Made-up articles, the lexical backend (or a made-up dense one): nothing is
downloaded."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import embeddings
from clustering import StoryClusterer, build_story, edits, pipeline
from embeddings.lexical import LexicalBackend
from store.sqlite import Store


def _rec(n: int, outlet: str, when: str, title: str, text: str) -> str:
    return json.dumps({"title": title, "text": text, "outlet": outlet, "url": f"https://{outlet}.example/{n}",
                       "date": when}) + "\n"


# One made-up happening over two days (a dam bursts on 4 March, the toll rises on the 5th) and an
# unrelated one (a rate rise) on the second day, each in its own folder (data: the fixture file).
_DAYS = json.loads((Path(__file__).parent / "fixtures" / "clustering" / "korvina_days.json").read_text("utf-8"))
FOLDERS = {name: [_rec(r["n"], r["outlet"], r["date"], r["title"], r["text"]) for r in rows]
           for name, rows in _DAYS["folders"].items()}


def _write(tmp_path: Path, name: str, records: list[str]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "a.jsonl").write_text("".join(records), "utf-8")
    return folder


def two_day_folders(tmp_path: Path) -> list[Path]:
    """The made-up two-day story's folders (d1, d2), written under ``tmp_path``."""
    return [_write(tmp_path, name, FOLDERS[name]) for name in ("d1", "d2")]


def dashboard_store(tmp_path: Path, monkeypatch) -> Path:
    """A workspace path the dashboard opens (PARALLAX_DB) with its worker off, for AppTests."""
    from dashboard.worker import WORKER_ENV
    from dashboard.workspace import DB_ENV

    monkeypatch.setenv(WORKER_ENV, "off")
    db = tmp_path / "parallax.db"
    monkeypatch.setenv(DB_ENV, str(db))
    return db


def _stories(store: Store) -> dict[str, dict]:
    return {s["id"]: s for s in store.stories()}


def _partition(store: Store) -> set[frozenset[str]]:
    return {frozenset(m.article_id for m in s.members) for s in pipeline.load_stories(store)}


def _ids(store: Store, word: str) -> list[str]:
    return sorted(a.id for a in store.articles() if word in a.title)


@pytest.fixture()
def workspace(tmp_path: Path):
    """A full run over the three folders: the dam story (both days) and the rate story."""
    folders = {name: _write(tmp_path, name, records) for name, records in FOLDERS.items()}
    store = Store(tmp_path / "p.db")
    pipeline.run(list(folders.values()), store, model="lexical")
    yield store, folders
    store.close()


def test_the_full_run_groups_the_two_days_as_one_story(workspace):
    store, _ = workspace
    assert _partition(store) == {frozenset(_ids(store, "orvina")), frozenset(_ids(store, "Astoria"))}


@pytest.mark.parametrize("day", ["d2", "d1"])
def test_a_rerun_over_one_day_gives_the_two_day_story_back_whole(workspace, day):
    store, folders = workspace
    full = _stories(store)
    dam = _ids(store, "orvina")
    result = pipeline.run([folders[day]], store, model="lexical")
    assert {a.id for a in result.articles} == _ids_of_folder(store, folders[day])
    # One dam story, as after the full run: same members, same id (not two, one per day).
    assert _partition(store) == {frozenset(dam), frozenset(_ids(store, "Astoria"))}
    after = _stories(store)
    assert set(after) == set(full)
    # The run's stories hold the whole story; the stored articles fitted with the run's are its context.
    assert [sorted(m.article_id for m in s.members) for s in result.stories] == [dam]
    assert {a.id for a in result.context} == set(dam) - {a.id for a in result.articles}
    # The unrelated story is untouched (the same stored story, label and members).
    rates = next(sid for sid, s in full.items() if len(s["members"]) == 2)
    assert after[rates] == full[rates]


def _ids_of_folder(store: Store, folder: Path) -> set[str]:
    return {a.id for a in store.articles() if any(p.startswith(str(folder)) for p in a.source_paths)}


def test_a_run_that_reads_nothing_changes_nothing(workspace, tmp_path):
    store, _ = workspace
    before = store.stories()
    assert pipeline.run([tmp_path / "no-such-folder"], store, model="lexical").stories == []
    assert store.stories() == before


def test_a_hand_split_holds_after_a_rerun_over_one_day(workspace):
    store, folders = workspace
    dam = _ids(store, "orvina")
    day2 = sorted(_ids_of_folder(store, folders["d2"]))
    story = pipeline.load_stories(store)
    dam_story = next(s for s in story if {m.article_id for m in s.members} == set(dam))
    edits.split_story(store, dam_story.id, day2)
    split = _partition(store)
    assert frozenset(day2) in split and frozenset(set(dam) - set(day2)) in split
    pipeline.run([folders["d2"]], store, model="lexical")
    assert _partition(store) == split  # the split is replayed: two stories, as the user made them
    pipeline.run([folders["d1"]], store, model="lexical")
    assert _partition(store) == split


def test_a_hand_move_into_the_story_holds_after_a_rerun_over_one_day(workspace):
    store, folders = workspace
    dam = _ids(store, "orvina")
    rate, other_rate = _ids(store, "Astoria")[0], _ids(store, "Astoria")[1]
    owner = {m.article_id: s.id for s in pipeline.load_stories(store) for m in s.members}
    edits.move_article(store, rate, owner[dam[0]])
    pipeline.run([folders["d2"]], store, model="lexical")
    assert _partition(store) == {frozenset([*dam, rate]), frozenset([other_rate])}
    moved = next(s for s in pipeline.load_stories(store) if rate in {m.article_id for m in s.members})
    assert next(m for m in moved.members if m.article_id == rate).pinned


class _Dense(LexicalBackend):
    """A made-up dense backend (hashed character n-grams under another name), counting what it embeds."""

    def __init__(self):
        super().__init__(n_features=1024)
        self.name = "made-up-dense"
        self.embedded: list[str] = []

    def embed(self, texts, show_progress=False):
        self.embedded += list(texts)
        return super().embed(texts, show_progress)


def test_the_stored_articles_vectors_come_from_the_cache(tmp_path, monkeypatch):
    backend = _Dense()
    monkeypatch.setattr(embeddings, "get_backend", lambda name=None: backend)
    folders = {name: _write(tmp_path, name, records) for name, records in FOLDERS.items()}
    store = Store(tmp_path / "p.db")
    pipeline.run(list(folders.values()), store, model="made-up")
    assert backend.embedded
    full = _partition(store)
    dam = _ids(store, "orvina")
    assert frozenset(dam) in full
    backend.embedded.clear()
    result = pipeline.run([folders["d2"]], store, model="made-up")
    assert backend.embedded == []  # every vector, the run's and its context's, from the cache
    assert result.context and _partition(store) == full
    # Without their cached vectors, the stored articles are not embedded again: they are left out
    # of the fit, and stay in the story they were in.
    day1 = store.articles(sorted(_ids_of_folder(store, folders["d1"])))
    keys = [embeddings.embedding_key(embeddings.article_text(a)) for a in day1]
    with store.transaction() as conn:
        conn.executemany("DELETE FROM embeddings WHERE content_hash = ?", [(k,) for k in keys])
    clusterer = StoryClusterer()
    pipeline.run([folders["d2"]], store, model="made-up", clusterer=clusterer)
    assert backend.embedded == []
    assert not {a.id for a in clusterer.articles_} & {a.id for a in day1}  # not fitted
    assert _partition(store) == full
    store.close()


def test_a_stored_member_beyond_the_reach_is_not_fitted_but_stays_in_its_story(workspace, tmp_path):
    store, folders = workspace
    late = _write(tmp_path, "late", [_rec(
        7, "delta", "2024-04-02T08:00:00Z", "Korvina residents return home a month after the dam burst",
        "A month after the Korvina dam burst, residents of the lower town began returning to repaired homes.")])
    pipeline.run([late], store, model="lexical")
    late_id = _ids(store, "month after")[0]
    dam = [i for i in _ids(store, "orvina") if i != late_id]
    # The late report put in the dam story (as an older grouping may have left it), four weeks on.
    stories = pipeline.load_stories(store)
    dam_story = next(s for s in stories if set(dam) <= {m.article_id for m in s.members})
    members = store.articles([*dam, late_id])
    grown = build_story(dam_story.id, members, {m.article_id: m.score for m in dam_story.members})
    store.replace_stories([grown.to_dict()] + [s.to_dict() for s in stories
                                                if s.id != dam_story.id and late_id not in s.article_ids])
    clusterer = StoryClusterer()
    result = pipeline.run([folders["d2"]], store, model="lexical", clusterer=clusterer)
    fitted = {a.id for a in clusterer.articles_}
    assert set(dam) <= fitted and late_id not in fitted  # four weeks on: beyond the clusterer's reach
    assert _partition(store) == {frozenset([*dam, late_id]), frozenset(_ids(store, "Astoria"))}
    assert late_id in {a.id for a in result.context}  # in the run's story all the same
    assert dam_story.id in _stories(store)


def test_the_cli_over_one_day_writes_the_whole_story(workspace, tmp_path):
    from clustering.__main__ import main as cli_main

    store, folders = workspace
    dam = _ids(store, "orvina")
    day2 = _ids_of_folder(store, folders["d2"])
    out = tmp_path / "out"
    assert cli_main([str(folders["d2"]), "--out", str(out), "--db", str(store.path), "--model", "lexical"]) == 0
    stories = json.loads((out / "stories.json").read_text("utf-8"))
    assert [sorted(a["id"] for a in s["articles"]) for s in stories] == [dam]  # every member listed
    with (out / "assignments.csv").open(encoding="utf-8") as f:
        assert {row["article_id"] for row in csv.DictReader(f)} == day2  # the files this run read
