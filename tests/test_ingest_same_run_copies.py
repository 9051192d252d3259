"""One run reading an article twice with other text (two files, or two records of one file)
keeps the first read, and says so as a re-read does: the second copy is not lost silently
(an archive's copy cut at 3,000 characters read before the whole one)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import articles
from store.sqlite import Store


def _record(text: str) -> str:
    return json.dumps({"outlet": "The Economist", "date": "2021-04-08T12:00:00Z", "title": "A feud",
                       "url": "https://example.org/feud", "text": text}) + "\n"


def test_two_files_in_one_run_name_the_copy_not_stored(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(_record("Short text."), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(_record("Short text.\nAnd the rest of it."), encoding="utf-8")
    store = Store(tmp_path / "p.db")
    report = articles.ingest([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")], store)
    assert report.changed_kept == 1
    assert store.article(report.article_ids[0]).paragraphs == ["Short text."]
    # Said for what happened in this run (two files of it disagree), not as a stored copy kept.
    assert report.summary().splitlines()[1:] == [
        "1 article held by two files of this run with other text: the copy read first is kept (files are read "
        "in the order given, a folder's by name; a later copy replaces it only when its own date is later; "
        "edit or remove one, then ingest again):",
        f'  "A feud": kept from {tmp_path / "a.jsonl"}; other text in {tmp_path / "b.jsonl"}']


def test_a_file_of_this_run_and_one_read_before_are_both_named(tmp_path: Path) -> None:
    # b.jsonl was read in an earlier run; this run reads a.jsonl, then c.jsonl with other text.
    (tmp_path / "b.jsonl").write_text(_record("Short text."), encoding="utf-8")
    store = Store(tmp_path / "p.db")
    articles.ingest([str(tmp_path / "b.jsonl")], store)
    (tmp_path / "a.jsonl").write_text(_record("Short text."), encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(_record("Other text."), encoding="utf-8")
    report = articles.ingest([str(tmp_path / "a.jsonl"), str(tmp_path / "c.jsonl")], store)
    assert (report.changed_kept, report.kept_before) == (1, 0)
    assert report.summary().splitlines()[-1] == (
        f'  "A feud": kept from {tmp_path / "a.jsonl"}, {tmp_path / "b.jsonl"} (read before); '
        f'other text in {tmp_path / "c.jsonl"}')


def test_a_copy_stored_before_this_run_keeps_its_wording(tmp_path: Path) -> None:
    # (Both files stored it in an earlier run; one of them changes: the stored copy is kept.)
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text(_record("Short text."), encoding="utf-8")
    store = Store(tmp_path / "p.db")
    articles.ingest([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")], store)
    (tmp_path / "b.jsonl").write_text(_record("Other text."), encoding="utf-8")
    report = articles.ingest([str(tmp_path / "b.jsonl")], store)
    assert (report.changed_kept, report.kept_before) == (1, 1)
    assert report.summary().splitlines()[1].startswith("1 article read otherwise now, kept as stored")


def test_two_records_of_one_file_are_counted_not_named(tmp_path: Path) -> None:
    # (A source that re-fetches: every hour's file of it did this. Nothing for a person to do.)
    path = tmp_path / "ab.jsonl"
    path.write_text(_record("Short text.") + _record("Short text.\nAnd the rest of it."), encoding="utf-8")
    report = articles.ingest([str(path)], Store(tmp_path / "p.db"))
    assert (report.changed_kept, report.repeated_in_file) == (0, 1)
    assert report.summary().splitlines()[1:] == [
        "1 article held twice in one file, reading otherwise: the first record kept"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="abc .", min_size=1, max_size=20).filter(str.strip),
       st.text(alphabet="abc .", min_size=1, max_size=20).filter(str.strip))
def test_a_copy_is_named_exactly_when_it_reads_otherwise(tmp_path: Path, first: str, second: str) -> None:
    folder = tmp_path / f"{abs(hash((first, second)))}"
    folder.mkdir(exist_ok=True)
    (folder / "a.jsonl").write_text(_record(first), encoding="utf-8")
    (folder / "b.jsonl").write_text(_record(second), encoding="utf-8")
    store = Store(folder / "p.db")
    report = articles.ingest([str(folder / "a.jsonl"), str(folder / "b.jsonl")], store)
    stored = store.article(report.article_ids[0])
    again = [a for a in articles.read_path(str(folder / "b.jsonl")) if hasattr(a, "paragraphs")][0]
    assert report.changed_kept == int(again.paragraphs != stored.paragraphs)
    store.close()


def test_python_m_clustering_says_it_too(tmp_path: Path, capsys) -> None:
    from clustering.__main__ import main as clustering_main

    (tmp_path / "a.jsonl").write_text(_record("Short text."), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(_record("Short text.\nAnd the rest of it."), encoding="utf-8")
    assert clustering_main([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"), "--out", str(tmp_path / "o"),
                            "--db", str(tmp_path / "c.db"), "--model", "lexical", "--no-progress"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("1 article (1 read from more than one file or record) -> 1 story")
    assert err[1].startswith("1 article held by two files of this run with other text: the copy read first is kept")
    assert err[2] == f'  "A feud": kept from {tmp_path / "a.jsonl"}; other text in {tmp_path / "b.jsonl"}'
