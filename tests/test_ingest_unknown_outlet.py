"""An article nothing names an outlet for (no outlet field or front-matter line, no author, no
URL) is stored under outlet "unknown", one outlet for all of them, and the summary says so in one
line per file: a whole export missing its outlet column is a mapping to fix, not a silent default."""

from __future__ import annotations

import json
from pathlib import Path

from articles import ingest
from articles.__main__ import main as articles_main
from articles.ingest import SUMMARY_LINES
from store.sqlite import Store

NOTE = "without an outlet or URL, stored as outlet 'unknown' (name it: an outlet field or column, or outlet: in a front matter)"


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_each_file_is_one_line_with_its_count(tmp_path: Path) -> None:
    bare = {"date": "2021-07-02", "text": "A made-up report."}
    lines = _jsonl(tmp_path / "a.jsonl", [{**bare, "title": "One"}, {**bare, "title": "Two"},
                                          {**bare, "title": "Named", "outlet": "Wire"},
                                          {**bare, "title": "Linked", "url": "https://news.example.org/3"}])
    table = tmp_path / "b.csv"
    table.write_text("title,date,text\nThree,2021-07-02,A made-up report.\n", encoding="utf-8")
    post = tmp_path / "c.md"
    post.write_text("---\ntitle: Four\ndate: 2021-07-02\n---\nA made-up report.\n", encoding="utf-8")
    with Store(tmp_path / "p.db") as store:
        report = ingest([lines, table, post], store)
        assert report.unknown_outlet == {str(lines): 2, str(table): 1, str(post): 1}
        assert sorted(a.outlet for a in store.articles()) == ["Wire", "news.example.org", *["unknown"] * 4]
    assert report.summary().splitlines()[1:] == [
        f"{lines}: 2 articles {NOTE}", f"{table}: 1 article {NOTE}", f"{post}: 1 article {NOTE}"]


def test_files_that_name_their_outlet_add_no_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", [{"title": "One", "date": "2021-07-02", "text": "Text.", "outlet": "Wire"}])
    with Store(tmp_path / "p.db") as store:
        report = ingest([path], store)
    assert report.unknown_outlet == {} and len(report.summary().splitlines()) == 1


def test_many_files_show_the_first_then_a_count_and_verbose_all(tmp_path: Path) -> None:
    paths = [_jsonl(tmp_path / f"{n:02}.jsonl", [{"title": f"T{n}", "date": "2021-07-02", "text": "Text."}])
             for n in range(SUMMARY_LINES + 3)]
    with Store(tmp_path / "p.db") as store:
        report = ingest(paths, store)
    assert report.summary().splitlines()[1:] == [
        *[f"{p}: 1 article {NOTE}" for p in paths[:SUMMARY_LINES]], "  +3 more files"]
    assert len(report.summary(verbose=True).splitlines()) == 1 + len(paths)


def test_the_command_says_it_on_stderr(tmp_path: Path, capsys) -> None:
    path = _jsonl(tmp_path / "a.jsonl", [{"title": "One", "date": "2021-07-02", "text": "Text."}])
    assert articles_main([str(path), "--db", str(tmp_path / "p.db")]) == 0
    out, err = capsys.readouterr()
    assert out == "" and f"{path}: 1 article {NOTE}" in err.splitlines()
