"""Output files are replaced whole and together (output_files): a run that fails while writing
leaves the previous run's files as they were, and no temporary file is left in the folder."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

import clustering.__main__ as cli
from output_files import replaced_together, write_text_replacing


def test_files_replace_their_targets_only_when_all_are_written(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("old a")
    (tmp_path / "b.txt").write_text("old b")
    with pytest.raises(RuntimeError), replaced_together(tmp_path) as stage:
        stage("a.txt").write_text("new a")
        assert (tmp_path / "a.txt").read_text() == "old a"  # not yet
        raise RuntimeError("killed while writing b")
    assert (tmp_path / "a.txt").read_text() == "old a" and (tmp_path / "b.txt").read_text() == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    with replaced_together(tmp_path) as stage:
        stage("a.txt").write_text("new a")
        stage("b.txt").write_text("new b")
    assert (tmp_path / "a.txt").read_text() == "new a" and (tmp_path / "b.txt").read_text() == "new b"
    write_text_replacing(tmp_path / "c.txt", "c")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.txt"]


def test_a_run_failing_while_writing_its_outputs_leaves_the_previous_ones_whole(tmp_path: Path, monkeypatch,
                                                                              capsys) -> None:
    feed = tmp_path / "h01"
    feed.mkdir()
    rows = [{"title": f"Report {i}", "date": "2024-03-04T10:00:00Z", "url": f"https://ex.com/{i}",
             "outlet": "Example", "text": f"Report number {i} on the harbour works."} for i in range(3)]
    (feed / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out, db = tmp_path / "out", tmp_path / "ws.db"
    assert cli.main([str(feed), "--db", str(db), "--out", str(out), "--model", "lexical"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"stories.json", "assignments.csv", "errors.csv", "stories.md"}

    def cut(path, *args, **kwargs):  # dies half-way through assignments.csv, as kill -9 would
        path.write_text("source_path,article_id,sto", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_write_assignments", cut)
    (feed / "a.jsonl").write_text(json.dumps({**rows[0], "title": "Report 0, corrected"}) + "\n", encoding="utf-8")
    assert cli.main([str(feed), "--db", str(db), "--out", str(out), "--model", "lexical"]) == 130
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    with (out / "assignments.csv").open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.DictReader(f))) == 3


def test_a_target_that_cannot_be_replaced_leaves_every_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    # b.txt is a folder (a user's mistake, a mount): os.replace over it fails. Found before any
    # rename, the old a.txt stays beside it (no mix of runs) and no hidden .tmp file is left.
    (tmp_path / "a.txt").write_text("old a")
    (tmp_path / "b.txt").mkdir()
    (tmp_path / "b.txt" / "x").write_text("x")
    with pytest.raises(OSError), replaced_together(tmp_path) as stage:
        stage("a.txt").write_text("new a")
        stage("b.txt").write_text("new b")
    assert (tmp_path / "a.txt").read_text() == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_rename_failing_part_way_removes_the_temporary_files_left(tmp_path: Path, monkeypatch) -> None:
    import output_files

    real, calls = os.replace, []

    def failing(src, dst):  # the second rename fails (a full or vanished file system)
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(output_files.os, "replace", failing)
    with pytest.raises(OSError), replaced_together(tmp_path) as stage:
        for name in ("a.txt", "b.txt", "c.txt"):
            stage(name).write_text("new")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_symlinked_output_keeps_its_link_and_the_file_it_names_is_replaced(tmp_path: Path) -> None:
    # --out latest.md, a link to this week's report: the report is replaced, the link stays.
    (tmp_path / "reports").mkdir()
    report = tmp_path / "reports" / "week.md"
    report.write_text("old")
    link = tmp_path / "latest.md"
    link.symlink_to(report)
    write_text_replacing(link, "new")
    assert link.is_symlink() and report.read_text() == "new"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["latest.md", "reports", "week.md"]


def test_a_pipe_or_device_output_is_written_to_not_replaced(tmp_path: Path) -> None:
    # comparison --out /dev/stdout (or a named pipe a job reads): a rename would put a plain
    # file in its place (as root, over /dev/stdout itself).
    import stat
    import threading

    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()), daemon=True)
    reader.start()
    try:
        write_text_replacing(fifo, "{}")
    finally:
        reader.join(2)
        if reader.is_alive():  # (nothing wrote to the pipe: let the reader go)
            with open(fifo, "w"):
                pass
            reader.join(2)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and got == ["{}"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    # An output a newsroom restricted (0600) or shared with its group (0664) stays so: the
    # temporary file that replaces it was made with the umask's mode.
    for mode in (0o600, 0o664):
        target = tmp_path / f"report-{mode:o}.md"
        target.write_text("old")
        target.chmod(mode)
        write_text_replacing(target, "new")
        assert (target.read_text(), target.stat().st_mode & 0o777) == ("new", mode)


def test_a_block_inside_another_on_the_same_folder_is_renamed_with_the_outer_one(tmp_path: Path) -> None:
    # The Ray engine stages its Parquet files inside the command's block: they are renamed with
    # stories.json, not before it (a run failing in between left new Parquet beside old JSON).
    (tmp_path / "a.parquet").write_text("old")
    with pytest.raises(RuntimeError), replaced_together(tmp_path):
        with replaced_together(tmp_path) as stage:
            stage("a.parquet").write_text("new")
        assert (tmp_path / "a.parquet").read_text() == "old"  # not yet
        raise RuntimeError("the import into the store failed")
    assert (tmp_path / "a.parquet").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.parquet"]
    with replaced_together(tmp_path) as outer:
        with replaced_together(tmp_path) as stage:
            stage("a.parquet").write_text("new")
        outer("b.json").write_text("new")
    assert [(tmp_path / n).read_text() for n in ("a.parquet", "b.json")] == ["new", "new"]


def test_a_ray_run_failing_after_its_parquet_files_leaves_every_output_as_it_was(tmp_path: Path,
                                                                                monkeypatch) -> None:
    # A stand-in for the Ray engine's write_parquet (inside engine.run, before the command writes
    # its four files): the command's block holds the Parquet files back until all are written.
    from engines.local import LocalEngine

    feed, out, db = tmp_path / "h01", tmp_path / "out", tmp_path / "ws.db"
    feed.mkdir()
    (feed / "a.jsonl").write_text(json.dumps({"title": "Report", "date": "2024-03-04T10:00:00Z", "url":
                                              "https://ex.com/1", "outlet": "Example",
                                              "text": "Report on the harbour works."}) + "\n", encoding="utf-8")
    out.mkdir()
    (out / "articles.parquet").write_text("old")
    real_run = LocalEngine.run

    def run_writing_parquet(self, *args, **kwargs):
        result = real_run(self, *args, **kwargs)
        with replaced_together(out) as stage:
            stage("articles.parquet").write_text("new")
        return result

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(LocalEngine, "run", run_writing_parquet)
    monkeypatch.setattr(cli, "_write_assignments", killed)
    assert cli.main([str(feed), "--db", str(db), "--out", str(out), "--model", "lexical"]) == 130
    assert [p.name for p in out.iterdir()] == ["articles.parquet"]
    assert (out / "articles.parquet").read_text() == "old"
