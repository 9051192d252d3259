"""Re-ingest: the field mapping is part of what makes a file unchanged, and an article read
again from its file with other content replaces the stored one (review 31)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import ingest
from store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
MAPPING = {"title": "headline", "date": "pub", "outlet": "source_name", "url": "link"}


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def remap_rows() -> list[dict]:
    return [{"headline": "Henan floods: toll rises to 33", "source_name": "Reuters", "pub": "2021-07-22",
             "link": "https://r.example.com/1", "body": "The death toll rose to 33.", "extra": "x"},
            {"headline": "Second", "source_name": "AP", "pub": "2021-07-22T05:00:00Z",
             "link": "https://ap.example.com/2", "body": "Multi\nline body.", "extra": "y"}]


def stored(store: Store) -> dict[str, tuple]:
    return {a.id: (a.title, a.paragraphs, a.published, a.url) for a in store.articles()}


def test_a_corrected_mapping_reads_the_file_again_and_replaces_its_articles(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "odd.csv", remap_rows())
    with Store(tmp_path / "p.db") as store:
        first = ingest([path], store, fields={**MAPPING, "text": "extra"})
        assert (first.stored, first.updated) == (2, 0)
        assert sorted(a.paragraphs for a in store.articles()) == [["x"], ["y"]]
        fingerprint = store.fingerprint()
        second = ingest([path], store, fields={**MAPPING, "text": "body"})
        assert (second.stored, second.updated, second.duplicates, second.unchanged_files) == (0, 2, 0, 0)
        assert sorted(a.paragraphs for a in store.articles()) == [["Multi", "line body."],
                                                                 ["The death toll rose to 33."]]
        assert store.fingerprint() != fingerprint  # views cached on it see the new text
        assert second.summary().splitlines()[0] == "0 new articles, 2 updated, 0 already stored, 0 rejected"
        third = ingest([path], store, fields={**MAPPING, "text": "body"})
        assert (third.stored, third.updated, third.duplicates, third.unchanged_files) == (0, 0, 0, 1)
        assert third.summary() == "0 new articles, 0 already stored, 0 rejected, 1 unchanged file skipped"
        assert sorted(third.article_ids) == sorted(second.article_ids)


def test_default_fields_named_explicitly_are_the_defaults_and_old_fingerprints_still_match(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "T", "date": "2021-07-22", "url": "https://t.example/1",
                                "text": "Body."}) + "\n", "utf-8")
    with Store(tmp_path / "p.db") as store:
        assert ingest([path], store).stored == 1
        (row,) = store.sources_of_file(str(path))
        assert row[2].count(":") == 2  # the defaults: the fingerprint recorded before options counted
        assert ingest([path], store, fields={"title": "title", "text": "text"}).unchanged_files == 1
        assert ingest([path], store, fields={"title": "headline"}).unchanged_files == 0  # read again


def test_the_first_read_in_a_call_wins_and_other_files_do_not_replace_an_article(tmp_path: Path) -> None:
    twice = [{"title": "One", "date": "2021-07-22", "url": "https://t.example/1", "a": "first", "b": "B1"},
             {"title": "One", "date": "2021-07-22", "url": "https://t.example/1", "a": "second", "b": "B2"}]
    path = tmp_path / "twice.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in twice), "utf-8")
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({**twice[0], "title": "Other", "a": "other"}) + "\n", "utf-8")
    with Store(tmp_path / "p.db") as store:
        assert (ingest([path], store, fields={"text": "a"}).stored, store.articles()[0].paragraphs) == (1, ["first"])
        report = ingest([path], store, fields={"text": "b"})
        assert (report.updated, report.duplicates, store.articles()[0].paragraphs) == (1, 1, ["B1"])
        # Another file with the same URL, delivered before it (modified earlier) and at the same
        # date, is a duplicate: the stored article stays (a later one would be a correction:
        # tests/test_ingest_later_corrections.py).
        stamp = path.stat().st_mtime - 60
        os.utime(other, (stamp, stamp))
        report = ingest([other], store, fields={"text": "a"})
        assert (report.updated, report.duplicates, store.articles()[0].title) == (0, 1, "One")


def test_a_mapping_that_changes_ids_says_the_old_articles_are_kept(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "odd.csv", remap_rows())
    with Store(tmp_path / "p.db") as store:
        ingest([path], store, fields={**MAPPING, "url": "extra", "text": "body"})  # no URL: ids from titles
        report = ingest([path], store, fields={**MAPPING, "text": "body"})
        assert (report.stored, report.left_behind, store.count_articles()) == (2, 2, 4)
        assert report.summary().splitlines()[1:] == [
            "2 stored articles no longer in the file they came from (a feed that drops old items, or a mapping "
            "that reads another id): kept as stored"]
        assert report.summary(verbose=True).splitlines()[2:] == [f'  "Henan floods: toll rises to 33": {path}',
                                                                 f'  "Second": {path}']


def test_the_cli_summary_counts_updated_articles_and_unchanged_files(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "odd.csv", remap_rows())
    command = [sys.executable, "-m", "articles", str(path), "--db", str(tmp_path / "p.db"),
               *(f"--field={k}={v}" for k, v in MAPPING.items())]

    def summary(text_column: str) -> str:
        result = subprocess.run([*command, f"--field=text={text_column}"], cwd=ROOT, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""  # the summary is on stderr
        return next(line for line in result.stderr.splitlines() if " new article" in line)  # the counts

    assert summary("extra") == "2 new articles, 0 already stored, 0 rejected"
    assert summary("body") == "0 new articles, 2 updated, 0 already stored, 0 rejected"
    assert summary("body") == "0 new articles, 0 already stored, 0 rejected, 1 unchanged file skipped"


COLUMNS = st.sampled_from(["a", "b", "c"])
CELL = st.text(alphabet=st.sampled_from("xyz 中文\n"), max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({"a": CELL, "b": CELL, "c": CELL}), min_size=1, max_size=4),
       st.lists(COLUMNS, min_size=1, max_size=4))
def test_after_any_sequence_of_mappings_the_store_holds_what_the_last_one_reads(rows, mappings) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_text("".join(json.dumps({"title": f"T{n}", "date": "2021-07-22", "url": f"https://t.example/{n}",
                                            **row}) + "\n" for n, row in enumerate(rows)), "utf-8")
        with Store(Path(folder) / "many.db") as many, Store(Path(folder) / "once.db") as once:
            for column in mappings:
                ingest([path], many, fields={"text": column})
            ingest([path], once, fields={"text": mappings[-1]})
            assert stored(many) == stored(once)


def test_a_file_that_holds_a_copy_never_overwrites_the_stored_article(tmp_path: Path) -> None:
    # Review 31: b.jsonl changed only by an appended record; its copy of X must not replace the
    # text read from a.jsonl (the article is held by two files: it is kept as stored).
    x = {"title": "X", "date": "2021-07-22", "url": "https://t.example/x"}
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({**x, "text": "Body from A."}) + "\n", "utf-8")
    b.write_text(json.dumps({**x, "text": "Body from B."}) + "\n", "utf-8")
    with Store(tmp_path / "p.db") as store:
        ingest([a, b], store)
        b.write_text(b.read_text("utf-8") + json.dumps({**x, "url": "https://t.example/y", "text": "Y."}) + "\n",
                     "utf-8")
        report = ingest([b], store)
        assert report.updated == 0
        assert {s.paragraphs[0] for s in store.articles() if s.url.endswith("/x")} == {"Body from A."}


def test_a_moved_file_still_takes_its_corrections(tmp_path: Path) -> None:
    x = {"title": "X", "date": "2021-07-22", "url": "https://t.example/x"}
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({**x, "text": "Body v1."}) + "\n", "utf-8")
    with Store(tmp_path / "p.db") as store:
        ingest([a], store)
        a.rename(b)
        ingest([b], store)
        b.write_text(json.dumps({**x, "text": "Body v2."}) + "\n", "utf-8")
        assert ingest([b], store).updated == 1
        assert store.articles()[0].paragraphs == ["Body v2."]


def test_a_changed_file_whose_article_another_file_holds_too_says_it_kept_the_stored_text(tmp_path: Path) -> None:
    record = {"title": "Bridge collapse", "outlet": "Reuters", "date": "2021-07-12T05:00:00Z",
              "url": "https://r.example.com/bridge", "text": "The collapse killed 3 people."}
    daily, weekly = tmp_path / "daily.jsonl", tmp_path / "weekly.jsonl"
    for path in (daily, weekly):
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Store(tmp_path / "p.db") as store:
        assert ingest([daily, weekly], store).stored == 1
        daily.write_text(json.dumps({**record, "text": "The collapse killed 7 people."}) + "\n", encoding="utf-8")
        again = ingest([daily], store)
        assert (again.updated, again.changed_kept) == (0, 1)
        # The summary names the article and both files.
        assert again.summary().splitlines()[1:] == [
            "1 article read otherwise now, kept as stored because another file holds it too (edit both files, "
            "or remove one, then ingest again):",
            f'  "Bridge collapse": {daily}; also in {weekly}']
        assert store.articles()[0].paragraphs == ["The collapse killed 3 people."]  # nothing stored is lost


def _jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _good(n: int) -> dict:
    return {"outlet": "Example Wire", "date": f"2020-02-{n:02d}T10:00:00Z", "title": f"Made-up story {n}",
            "url": f"https://wire.example.org/{n}", "text": f"A made-up report, number {n}."}


def test_a_rerun_reports_the_rejections_of_files_skipped_as_unchanged(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "mixed.jsonl", [_good(1), {"title": "No date", "text": "x"}, _good(2), "not an object"])
    with Store(tmp_path / "p.db") as store:
        first = ingest([path], store)
        assert first.stored == 2 and len(first.rejected) == 2
        second = ingest([path], store)
        assert second.unchanged_files == 1
        assert [str(r) for r in second.rejected] == [str(r) for r in first.rejected]
        assert second.summary() == "0 new articles, 0 already stored, 2 rejected, 1 unchanged file skipped"
        assert not second.failed  # its articles were read


def test_a_changed_file_reports_only_its_own_rejections_again(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "mixed.jsonl", [_good(1), {"title": "No date", "text": "x"}, "not an object"])
    with Store(tmp_path / "p.db") as store:
        assert len(ingest([path], store).rejected) == 2
        _jsonl(path, [_good(1), _good(2)])  # both bad records fixed
        assert ingest([path], store).rejected == []
        assert ingest([path], store).rejected == []  # and none come back once it is unchanged
        assert store.rejections() == []


def test_the_cli_rerun_prints_the_rejections_again(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "mixed.jsonl", [_good(1), {"title": "No date", "text": "x"}])
    db = tmp_path / "cli.db"
    runs = [subprocess.run([sys.executable, "-m", "articles", str(path), "--db", str(db)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0]
    rejections = [r.stderr.strip().splitlines()[:-1] for r in runs]  # the last line is the summary
    assert rejections[1] == rejections[0] and [r.split(": ")[0] for r in rejections[0]] == [f"{path}#2"]
    assert runs[1].stderr.strip().splitlines()[-1] == "0 new articles, 0 already stored, 1 rejected, " \
                                                      "1 unchanged file skipped"


def _corrected(tmp_path: Path, n: int) -> tuple[Path, list[dict]]:
    """A made-up wire file of ``n`` articles, and the same articles with a corrected toll."""
    records = [{"title": f"Made-up flood report {k}", "outlet": "Example Wire", "date": f"2020-03-{k:02d}T08:00:00Z",
                "url": f"https://wire.example.org/flood/{k}", "text": f"The flood killed {k} people."}
               for k in range(1, n + 1)]
    return _jsonl(tmp_path / "wire.jsonl", records), [{**r, "text": r["text"].replace("killed", "has killed 1 +")}
                                                      for r in records]


def _report_after_correction(tmp_path: Path, n: int):
    """The ingest report of a re-read of ``n`` made-up articles, every one corrected, and the file."""
    path, corrected = _corrected(tmp_path, n)
    with Store(tmp_path / "p.db") as store:
        ingest([path], store)
        _jsonl(path, corrected)
        return ingest([path], store), path


def test_the_summary_names_the_updated_articles(tmp_path: Path) -> None:
    # A correction usually means a story's comparison should be run again: the articles are named
    # (title and file), as the kept-as-stored ones are.
    report, path = _report_after_correction(tmp_path, 2)
    assert report.summary().splitlines() == [
        "0 new articles, 2 updated, 0 already stored, 0 rejected",
        "2 articles updated (read again with other content; compare their stories again):",
        f'  "Made-up flood report 1": {path}',
        f'  "Made-up flood report 2": {path}']


def test_the_updated_articles_are_named_five_at_most_unless_verbose(tmp_path: Path) -> None:
    report, _ = _report_after_correction(tmp_path, 8)
    lines = report.summary().splitlines()
    assert lines[1].startswith("8 articles updated") and len(lines) == 2 + 5 + 1 and lines[-1] == "  +3 more"
    assert len(report.summary(verbose=True).splitlines()) == 2 + 8


def test_the_cli_names_the_updated_articles(tmp_path: Path) -> None:
    path, corrected = _corrected(tmp_path, 1)
    command = [sys.executable, "-m", "articles", str(path), "--db", str(tmp_path / "p.db")]
    subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    _jsonl(path, corrected)
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "0 new articles, 1 updated, 0 already stored, 0 rejected",
        "1 article updated (read again with other content; compare its story again):",
        f'  "Made-up flood report 1": {path}']
