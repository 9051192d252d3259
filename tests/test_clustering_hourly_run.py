"""A batch run over each hour's new folder (the newsroom's hourly ``python -m clustering feed/hNN``)
joins its follow-ups to the stories of earlier hours, as an upload does (``update_stories``),
groups the stored articles no run grouped (a killed run, ingest without clustering), and leaves
the stored stories it does not join as they are. Made-up articles, the lexical backend (or a
made-up dense one): nothing is downloaded."""

from __future__ import annotations

import csv
import json

import pytest

import articles as articles_stage
import embeddings
from clustering import StoryClusterer, build_story, edits, pipeline
from store.sqlite import Store
from tests.test_clustering_partial_run import FOLDERS, _Dense, _ids, _partition, _rec, _write

# Hour 1: the dam bursts (two reports). Hour 2: two follow-ups (the toll rises) and an unrelated
# rate rise (two reports). A football result for an hour with nothing of either.
HOURS = {"h01": FOLDERS["d1"], "h02": FOLDERS["d2"] + FOLDERS["rates"]}
FOOTBALL = [_rec(8, "delta", "2024-03-05T20:00:00Z", "Rovers beat United 3-1 in the cup final",
                 "Rovers won the cup final 3-1 against United at the national stadium on Tuesday evening, "
                 "with two goals from striker Pavel Orlov.")]


def _story_of(store: Store) -> dict[str, str]:
    return {m.article_id: s.id for s in pipeline.load_stories(store) for m in s.members}


def test_an_hourly_run_joins_its_follow_ups_to_the_earlier_story(hours):
    store, folders = hours
    pipeline.run([folders["h01"]], store, model="lexical")
    hour1 = _ids(store, "orvina")
    assert _partition(store) == {frozenset(hour1)}
    dam_id = _story_of(store)[hour1[0]]
    result = pipeline.run([folders["h02"]], store, model="lexical")
    dam, rates = _ids(store, "orvina"), _ids(store, "Astoria")
    # The follow-ups join hour 1's story (same id, grown), the rate rise is a story of its own.
    assert _partition(store) == {frozenset(dam), frozenset(rates)}
    assert {_story_of(store)[i] for i in dam} == {dam_id}
    assert {a.id for a in result.context} == set(hour1)  # listed in the run's story, not read
    assert sorted(sorted(s.article_ids) for s in result.stories) == sorted([dam, rates])
    assert result.orphans == []


def test_an_hourly_run_leaves_the_stories_it_does_not_join_as_they_are(hours):
    store, folders = hours
    pipeline.run([folders["h01"]], store, model="lexical")
    hour1 = _ids(store, "orvina")
    # An earlier grouping left hour 1's two reports apart (no edit logged): a run that reads
    # neither does not regroup them, even though they are within its reach.
    singles = [build_story(f"st-single{n}", store.articles([i]), {i: 1.0}) for n, i in enumerate(hour1)]
    store.replace_stories([s.to_dict() for s in singles])
    football = _write(store.path.parent, "h03", FOOTBALL)
    result = pipeline.run([football], store, model="lexical")
    assert _partition(store) == {frozenset([hour1[0]]), frozenset([hour1[1]]), frozenset(_ids(store, "Rovers"))}
    assert {s["id"] for s in store.stories()} >= {"st-single0", "st-single1"}
    assert [s.article_ids for s in result.stories] == [_ids(store, "Rovers")]
    assert result.context == []


def test_a_hand_merge_survives_and_grows(hours):
    store, folders = hours
    football = _write(store.path.parent, "h00", [FOOTBALL[0].replace("2024-03-05T20", "2024-03-04T20")])
    pipeline.run([folders["h01"], football], store, model="lexical")
    hour1, rovers = _ids(store, "orvina"), _ids(store, "Rovers")
    owner = _story_of(store)
    merged = edits.merge_stories(store, [owner[hour1[0]], owner[rovers[0]]])
    pipeline.run([folders["h02"]], store, model="lexical")
    dam = _ids(store, "orvina")
    assert _partition(store) == {frozenset([*dam, *rovers]), frozenset(_ids(store, "Astoria"))}
    assert _story_of(store)[rovers[0]] == merged


def test_a_run_over_an_empty_folder_groups_the_orphans_as_the_next_run_would(hours, tmp_path):
    """Hour 2 was ingested but never grouped; a quiet hour 3 (an empty folder) groups it as a
    run that reads an unrelated article does (compared on a second workspace), and a quiet hour
    with no orphan waiting changes nothing."""
    store, folders = hours
    other = Store(tmp_path / "next-run.db")
    for workspace in (store, other):
        pipeline.run([folders["h01"]], workspace, model="lexical")
        articles_stage.ingest([folders["h02"]], workspace)  # ingested, never grouped
    empty = tmp_path / "h03"
    empty.mkdir()
    result = pipeline.run([empty], store, model="lexical")
    hour2 = {a.id for a in store.articles() if "/h02/" in a.source_paths[0]}
    assert result.articles == [] and {a.id for a in result.orphans} == hour2 and len(hour2) == 4
    pipeline.run([_write(tmp_path, "h03-football", FOOTBALL)], other, model="lexical")
    rovers = frozenset(_ids(other, "Rovers"))
    assert _partition(store) == _partition(other) - {rovers}
    assert {s["id"] for s in store.stories()} == {s["id"] for s in other.stories()} - {_story_of(other)[min(rovers)]}
    other.close()
    before = store.stories()
    again = pipeline.run([empty], store, model="lexical")
    assert (again.stories, again.articles, again.orphans) == ([], [], [])
    assert store.stories() == before


@pytest.mark.parametrize("grouped_before", [False, True])
def test_orphans_are_grouped_by_the_next_run(hours, grouped_before):
    """Hour 2 was ingested but its clustering never ran (killed, or ``python -m articles`` alone):
    hour 3's run groups hour 2's articles, joining the follow-ups to hour 1's story."""
    store, folders = hours
    if grouped_before:
        pipeline.run([folders["h01"]], store, model="lexical")
    else:
        articles_stage.ingest([folders["h01"]], store)
    articles_stage.ingest([folders["h02"]], store)
    hour3 = _write(store.path.parent, "h03", FOOTBALL)
    result = pipeline.run([hour3], store, model="lexical")
    dam, rates, rovers = _ids(store, "orvina"), _ids(store, "Astoria"), _ids(store, "Rovers")
    assert _partition(store) == {frozenset(dam), frozenset(rates), frozenset(rovers)}
    hour1 = {a.id for a in store.articles() if "/h01/" in a.source_paths[0]}
    orphans = set(dam) | set(rates) if not grouped_before else set(dam) - hour1 | set(rates)
    assert {a.id for a in result.orphans} == orphans
    assert [a.id for a in result.articles] == rovers
    assert pipeline.run([hour3], store, model="lexical").orphans == []  # grouped once


def test_orphans_outside_since_until_wait(hours):
    store, folders = hours
    articles_stage.ingest([folders["h01"]], store)
    hour3 = _write(store.path.parent, "h03", FOOTBALL)
    result = pipeline.run([hour3], store, model="lexical", since="2024-03-05")
    assert result.orphans == [] and _partition(store) == {frozenset(_ids(store, "Rovers"))}


def test_stored_vectors_come_from_the_cache_and_orphans_are_embedded(tmp_path, monkeypatch):
    backend = _Dense()
    monkeypatch.setattr(embeddings, "get_backend", lambda name=None: backend)
    folders = {name: _write(tmp_path, name, records) for name, records in HOURS.items()}
    hour3 = _write(tmp_path, "h03", FOOTBALL)
    store = Store(tmp_path / "ws.db")
    pipeline.run([folders["h01"]], store, model="made-up")
    dam_id = _story_of(store)[_ids(store, "orvina")[0]]
    articles_stage.ingest([folders["h02"]], store)  # never embedded
    backend.embedded.clear()
    clusterer = StoryClusterer()
    result = pipeline.run([hour3], store, model="made-up", clusterer=clusterer)
    hour1 = set(_ids(store, "orvina")) - {a.id for a in result.orphans}
    hour1_texts = {t for a in store.articles(hour1) for t in (embeddings.article_text(a), embeddings.title_text(a))}
    assert hour1_texts.isdisjoint(backend.embedded)  # hour 1's vectors from the cache
    assert len(backend.embedded) == 2 * (len(result.orphans) + 1)  # texts and titles: orphans + hour 3
    assert hour1 <= {a.id for a in clusterer.articles_}
    assert {_story_of(store)[i] for i in _ids(store, "orvina")} == {dam_id}
    store.close()


def test_update_stories_takes_the_same_reach(hours):
    """The upload path and the batch run share one search for the stored articles near new ones."""
    store, folders = hours
    pipeline.run([folders["h01"]], store, model="lexical")
    dam_id = _story_of(store)[_ids(store, "orvina")[0]]
    articles_stage.ingest([folders["h02"]], store)
    pipeline.update_stories(store, model="lexical")
    assert {_story_of(store)[i] for i in _ids(store, "orvina")} == {dam_id}
    assert frozenset(_ids(store, "Astoria")) in _partition(store)


def test_within_reach_is_bounded_by_days(hours):
    store, folders = hours
    pipeline.run([folders["h01"], folders["h02"]], store, model="lexical")
    late = store.articles(_ids(store, "Astoria"))[:1]
    near = {a.id for a in pipeline.within_reach(store, late, 0.5)}
    assert near == {a.id for a in store.articles() if "2024-03-05" in a.published.isoformat()}
    assert {a.id for a in pipeline.within_reach(store, late, 3.0)} == {a.id for a in store.articles()}


# ---- the CLI, hour by hour ---------------------------------------------------------------


def _cli(*argv: str) -> int:
    from clustering.__main__ import main as cli_main

    return cli_main(list(argv))


def test_the_hourly_cli_recipe(hours, tmp_path, capsys):
    store, folders = hours
    db = str(store.path)
    assert _cli(str(folders["h01"]), "--db", db, "--out", str(tmp_path / "out/h01"), "--model", "lexical") == 0
    assert _cli(str(folders["h02"]), "--db", db, "--out", str(tmp_path / "out/h02"), "--model", "lexical") == 0
    dam = _ids(store, "orvina")
    stories = json.loads((tmp_path / "out/h02/stories.json").read_text("utf-8"))
    assert sorted(sorted(a["id"] for a in s["articles"]) for s in stories) == sorted([dam, _ids(store, "Astoria")])
    with (tmp_path / "out/h02/assignments.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4 and {r["story_id"] for r in rows if "orvina" in r["title"]} == {
        _story_of(store)[dam[0]]}
    capsys.readouterr()
    # Hour 3 was ingested but its clustering killed; hour 4 groups it and says so.
    articles_stage.ingest([_write(tmp_path, "h03", FOOTBALL)], store)
    h04 = _write(tmp_path, "h04", [_rec(9, "beta", "2024-03-05T21:00:00Z", "Astoria markets steady after rate rise",
                                        "Markets in Astoria were steady on Tuesday after the central bank raised "
                                        "rates to 4.5%.")])
    assert _cli(str(h04), "--db", db, "--out", str(tmp_path / "out/h04"), "--model", "lexical") == 0
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert "1 stored article in no story (grouped now)" in line
    with (tmp_path / "out/h04/assignments.csv").open(encoding="utf-8") as f:
        listed = {r["article_id"] for r in csv.DictReader(f)}
    assert set(_ids(store, "Rovers")) <= listed  # the orphan's assignment is reported where it was made


def test_a_rerun_over_the_same_folder_says_its_files_were_skipped_as_unchanged(hours, tmp_path, capsys):
    """A person re-running the command on the same folder is told the files were recognized."""
    store, folders = hours
    argv = [str(folders["h01"]), "--db", str(store.path), "--out", str(tmp_path / "out"), "--model", "lexical"]
    assert _cli(*argv) == 0
    first = capsys.readouterr().err.strip().splitlines()[-1]
    assert _cli(*argv) == 0
    again = capsys.readouterr().err.strip().splitlines()[-1]
    assert "skipped" not in first
    assert "; 0 rejected; 1 unchanged file skipped; vectors: " in again
    assert again.endswith("since the previous run: no story changed")


def test_a_quiet_hour_exits_0_and_leaves_the_outputs(hours, tmp_path, capsys):
    store, folders = hours
    db, out = str(store.path), tmp_path / "out"
    assert _cli(str(folders["h01"]), "--db", db, "--out", str(out), "--model", "lexical") == 0
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    before = store.stories()
    capsys.readouterr()
    quiet = tmp_path / "h02-quiet"
    quiet.mkdir()
    assert _cli(str(quiet), "--db", db, "--out", str(out), "--model", "lexical") == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nothing new" in err[0]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == written
    assert store.stories() == before
    # A quiet hour's own --out folder is not made.
    assert _cli(str(quiet), "--db", db, "--out", str(tmp_path / "out-h02"), "--model", "lexical") == 0
    assert not (tmp_path / "out-h02").exists()
    # A missing folder is still an error (exit 1), not a quiet hour.
    assert _cli(str(tmp_path / "no-such"), "--db", db, "--out", str(tmp_path / "o3"), "--model", "lexical") == 1


def test_a_quiet_hour_groups_the_stored_articles_in_no_story_and_says_so(hours, tmp_path, capsys):
    """Hour 2 was ingested but never grouped (``python -m articles`` alone, or a killed run): a
    quiet hour 3 groups it (the follow-ups join hour 1's story), writes its outputs, exits 0 and
    says so in its one line; a second quiet hour, with none waiting, writes nothing."""
    store, folders = hours
    db = str(store.path)
    assert _cli(str(folders["h01"]), "--db", db, "--out", str(tmp_path / "o1"), "--model", "lexical") == 0
    dam_id = _story_of(store)[_ids(store, "orvina")[0]]
    articles_stage.ingest([folders["h02"]], store)
    quiet = tmp_path / "h03"
    quiet.mkdir()
    # Outside --since/--until they are not grouped: a quiet hour like any other.
    capsys.readouterr()
    assert _cli(str(quiet), "--db", db, "--out", str(tmp_path / "o3"), "--model", "lexical",
                "--since", "2030-01-01") == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "stories unchanged" in err[0] and not (tmp_path / "o3").exists()
    assert _cli(str(quiet), "--db", db, "--out", str(tmp_path / "o3"), "--model", "lexical") == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nothing new read from" in err[0], err
    assert f"{len(HOURS['h02'])} stored articles in no story grouped now" in err[0], err[0]
    assert "since the previous run: 1 new story, 1 grew" in err[0], err[0]
    assert _partition(store) == {frozenset(_ids(store, "orvina")), frozenset(_ids(store, "Astoria"))}
    assert {_story_of(store)[i] for i in _ids(store, "orvina")} == {dam_id}
    with (tmp_path / "o3/assignments.csv").open(encoding="utf-8") as f:
        listed = {r["article_id"] for r in csv.DictReader(f)}
    assert listed == {a.id for a in store.articles() if "/h02/" in a.source_paths[0]}
    before = store.stories()
    assert _cli(str(quiet), "--db", db, "--out", str(tmp_path / "o4"), "--model", "lexical") == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "stories unchanged" in err[0] and "in no story" not in err[0]
    assert store.stories() == before and not (tmp_path / "o4").exists()


def test_an_undated_new_article_fits_the_whole_store_only_up_to_a_cap(tmp_path, monkeypatch):
    """An epoch-dated item (read as undated) would make every run fit the whole store: past
    UNDATED_WHOLE_STORE_MAX stored articles it meets those near the run's dated ones only."""
    from datetime import UTC, datetime

    from articles.model import Article
    from clustering import pipeline
    from store import Store

    def art(aid, day):
        return Article(id=aid, outlet="o", title=f"t{aid}", url=None, published=day, language="en",
                       script=None, paragraphs=["made-up text"])

    with Store(tmp_path / "ws.db") as store:
        for stored in (art("old", datetime(2024, 1, 1, tzinfo=UTC)), art("recent", datetime(2024, 3, 4, tzinfo=UTC))):
            store.add_article(stored)
        new = [art("undated", datetime(1970, 1, 1, tzinfo=UTC)), art("dated", datetime(2024, 3, 5, tzinfo=UTC))]
        assert {a.id for a in pipeline.within_reach(store, new, 9)} == {"old", "recent"}
        monkeypatch.setattr(pipeline, "UNDATED_WHOLE_STORE_MAX", 1)
        assert {a.id for a in pipeline.within_reach(store, new, 9)} == {"recent"}
        assert pipeline.within_reach(store, new[:1], 9) == []


def test_a_correction_delivered_in_a_later_hour_updates_the_article_in_its_story(hours):
    # An outlet re-sends hour 1's report corrected, in hour 3's new file (same URL, new title and
    # text): the stored article takes it, keeps its id, its story and the hand merge it is in, and
    # its story is regrouped and listed by the run, as for a correction read from the same file.
    store, folders = hours
    football = _write(store.path.parent, "h00", [FOOTBALL[0].replace("2024-03-05T20", "2024-03-04T20")])
    pipeline.run([folders["h01"], football], store, model="lexical")
    dam, rovers = _ids(store, "orvina"), _ids(store, "Rovers")
    merged = edits.merge_stories(store, [_story_of(store)[dam[0]], _story_of(store)[rovers[0]]])
    first = json.loads(FOLDERS["d1"][0])
    fixed = {**first, "title": "Dam bursts above Korvina, 11 dead in the lower town",
             "text": first["text"].replace("At least 9 people", "At least 11 people")}
    h03 = _write(store.path.parent, "h03", [json.dumps(fixed) + "\n"])
    result = pipeline.run([h03], store, model="lexical")
    assert result.ingest_notes[0].startswith("1 article updated")
    article = next(a for a in store.articles() if a.url == first["url"])
    assert article.id in dam and article.title == fixed["title"] and "At least 11 people" in article.text
    assert len(store.articles()) == len(dam) + len(rovers)  # nothing stored twice
    assert _story_of(store)[article.id] == merged == _story_of(store)[rovers[0]]
    assert [s.id for s in result.stories] == [merged]  # the run regrouped and lists its story
    assert article.id in result.story_of and article.title in {a.title for a in result.articles}
