"""Both engines take the ingest's decisions (articles.ingest, one home): the same made-up inputs,
run through ``python -m clustering`` with ``--engine local`` and ``--engine ray``, leave the same
stored articles (text, time, source paths), the same stories, the same files recorded as read
(``unstored_files``) and print the same ingest notes after the summary. Cases: a corrected record
in a later file and a file read again with other content; a --since/--until window (records set
aside early, a file with none in the dates); copies read otherwise (kept as stored, and twice in
one file)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from clustering.pipeline import load_stories
from store.sqlite import Store
from tests.test_engines import ray_engine  # noqa: F401 - the module's Ray fixture

URL = "https://wire.example.org/flood"
BRIDGE = "https://wire.example.org/bridge"


def _record(title: str, day: int, text: str, url: str | None = None, hour: int = 8) -> dict:
    return {"title": title, "outlet": "Example Wire", "url": url or "https://wire.example.org/" + title.replace(" ", "-"),
            "date": f"2021-01-{day:02d}T{hour:02d}:00:00Z", "text": text}


def _flood(version: int, day: int = 25) -> dict:
    return _record(f"Flood toll rises to {version + 3}", day,
                   f"The flood killed {version + 3} people in the lower town, officials said on Monday.\n"
                   "Rescue teams searched the river banks through the night and found more survivors.", URL)


def _deliver(folder: Path, name: str, records: list[dict], minute: int) -> Path:
    """A JSON Lines file modified ``minute`` minutes after the first delivery."""
    path = folder / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    stamp = 1_611_561_600 + 60 * minute
    os.utime(path, (stamp, stamp))
    return path


def _run(engine: str, inputs: list[Path], db: Path, out: Path, capsys, *extra: str) -> list[str]:
    """One ``python -m clustering`` run; its stderr after the summary line (the ingest notes),
    and the summary itself with the engine's name and out folder taken out."""
    from clustering.__main__ import main

    capsys.readouterr()
    options = ["--compare", "none"] if engine == "ray" else []
    code = main([*map(str, inputs), "--engine", engine, *options, "--model", "lexical", "--db", str(db),
                 "--out", str(out), *extra])
    lines = capsys.readouterr().err.splitlines()
    assert code in (0, 1), lines
    return [line.replace(f"engine: {engine}", "engine: E").replace(str(out), "OUT") for line in lines]


def _state(db: Path) -> dict:
    with Store(db) as store:
        articles = sorted((a.id, a.title, a.text, a.published.isoformat(), tuple(sorted(a.source_paths)))
                          for a in store.articles())
        stories = sorted(sorted(s.article_ids) for s in load_stories(store))
        unstored = sorted(tuple(r) for r in store.conn.execute("SELECT path FROM unstored_files"))
    return {"articles": articles, "stories": stories, "unstored": unstored}


def _both(tmp_path: Path, capsys, runs: list[tuple[list[Path], tuple[str, ...]]]) -> dict[str, tuple]:
    """Each engine's printed lines of every run and its final store, the same runs in order."""
    seen = {}
    for engine in ("local", "ray"):
        db = tmp_path / f"{engine}.db"
        printed = [_run(engine, inputs, db, tmp_path / f"out-{engine}-{n}", capsys, *extra)
                   for n, (inputs, extra) in enumerate(runs)]
        seen[engine] = (printed, _state(db))
    return seen


@pytest.mark.slow
def test_a_correction_in_a_later_file_and_in_a_file_read_again(ray_engine, tmp_path: Path,  # noqa: F811
                                                               capsys) -> None:
    first = _deliver(tmp_path, "d00.jsonl", [_flood(0), _record("Bridge reopens", 25, "The bridge reopened.",
                                                                 BRIDGE)], 0)
    later = _deliver(tmp_path, "d01.jsonl", [_flood(1)], 1)  # same time, later file: the newer
    runs = [([first], ()), ([later], ())]
    seen = _both(tmp_path, capsys, runs)
    assert seen["ray"] == seen["local"]
    printed, state = seen["local"]
    assert any(line.startswith("1 article updated") for line in printed[1])
    assert "Flood toll rises to 4" in {a[1] for a in state["articles"]}
    # The first file delivered again, its own article corrected: replaced; its flood copy, older
    # than the stored one, is kept as stored (with a note).
    seen_again = {}
    for engine in ("local", "ray"):
        _deliver(tmp_path, "d00.jsonl", [_flood(0), _record("Bridge reopens to traffic", 25,
                                                            "The bridge reopened to traffic.", BRIDGE)], 2)
        seen_again[engine] = (_run(engine, [first], tmp_path / f"{engine}.db", tmp_path / f"again-{engine}",
                                   capsys), _state(tmp_path / f"{engine}.db"))
    assert seen_again["ray"] == seen_again["local"]
    printed, state = seen_again["local"]
    assert {"Bridge reopens to traffic", "Flood toll rises to 4"} == {a[1] for a in state["articles"]}
    assert any("kept as stored because another file holds it too" in line for line in printed), printed


@pytest.mark.slow
def test_a_date_window_sets_records_aside_as_the_local_engine_does(ray_engine, tmp_path: Path,  # noqa: F811
                                                                   capsys) -> None:
    days = _deliver(tmp_path, "days.jsonl", [_record(f"Report of day {d}", d, f"Day {d} was calm.") for d in
                                             (20, 21, 22, 23)], 0)
    none_in = _deliver(tmp_path, "march.jsonl", [_record("An old report", 3, "Nothing happened.")], 1)
    window = ("--since", "2021-01-21", "--until", "2021-01-22")
    seen = _both(tmp_path, capsys, [([days, none_in], window), ([days, none_in], window)])
    assert seen["ray"] == seen["local"]
    printed, state = seen["local"]
    assert [a[1] for a in state["articles"]] == sorted(["Report of day 21", "Report of day 22"])
    assert state["unstored"] == [(str(none_in),)]  # recorded as read: a re-run skips it
    assert any("3 records outside the dates" in line for line in printed[0])


@pytest.mark.slow
def test_copies_read_otherwise_give_the_same_notes(ray_engine, tmp_path: Path, capsys) -> None:  # noqa: F811
    stored = _deliver(tmp_path, "a.jsonl", [_flood(1, day=26)], 0)
    older = _flood(0, day=25)  # an older version another file delivers later: kept as stored
    twice = [_record("Dam holds", 25, "The dam held overnight."),
             _record("Dam holds", 25, "The dam held overnight, engineers said.")]
    copies = _deliver(tmp_path, "b.jsonl", [older, *twice], 1)
    seen = _both(tmp_path, capsys, [([stored], ()), ([copies], ())])
    assert seen["ray"] == seen["local"]
    notes = seen["local"][0][1]
    assert any("kept as stored because another file holds it too" in line for line in notes), notes
    assert any("held twice in one file" in line for line in notes), notes


def test_unchanged_file_says_what_ingest_skips(tmp_path: Path) -> None:
    """The Ray engine parses only the files ingest would read: not one stored unchanged with the
    same window (articles.ingest.unchanged_file, ingest's own check)."""
    from articles import ingest
    from articles.ingest import unchanged_file
    from articles.window import DateWindow

    path = _deliver(tmp_path, "d.jsonl", [_flood(0)], 0)
    window = DateWindow.of("2021-01-25", None)
    with Store(tmp_path / "p.db") as store:
        assert not unchanged_file(store, path, window)
        ingest([path], store, window=window)
        assert unchanged_file(store, path, window) and ingest([path], store, window=window).unchanged_files == 1
        assert not unchanged_file(store, path)  # another window: read again
        assert not unchanged_file(store, path, window, fields={"title": "headline"})  # another mapping
        assert not unchanged_file(store, tmp_path / "missing.jsonl", window)
        _deliver(tmp_path, "d.jsonl", [_flood(1)], 1)
        assert not unchanged_file(store, path, window)


@pytest.mark.slow
def test_without_a_store_the_ray_engine_decides_as_ingest_does(ray_engine, tmp_path: Path) -> None:  # noqa: F811
    """A library run with no workspace: a throwaway store takes the ingest's decisions (the first
    record kept, the note said, records outside the dates counted), and nothing stays behind."""
    twice = _deliver(tmp_path, "b.jsonl", [_flood(0), _flood(1), _record("Dam holds", 3, "Old news.")], 0)
    result = ray_engine.run([str(twice)], None, model="lexical", since="2021-01-20", out=tmp_path / "out")
    assert [a.title for a in result.articles] == ["Flood toll rises to 3"]
    assert result.outside_dates == 1
    assert result.ingest_notes == ["1 article held twice in one file, reading otherwise: the first record kept"]
