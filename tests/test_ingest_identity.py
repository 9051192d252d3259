"""Re-reading a file matches its articles by identity, not by where their records sit: a re-fetched
feed whose corrected item moved down a place corrects the stored article; items a rolling feed
drops are kept, calmly; two genuinely different files still never overwrite each other's
article; a Markdown correction saved under a new name with the same URL replaces the older text.
All inputs are made up."""

from __future__ import annotations

import contextlib
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


def rss_item(n: int, title: str, body: str, hour: int = 10) -> str:
    return (f"<item><title>{title}</title><link>https://wire.example.org/news/{n}</link>"
            f"<guid>https://wire.example.org/news/{n}</guid>"
            f"<pubDate>Mon, 05 Jan 2015 {hour:02d}:00:00 GMT</pubDate>"
            f"<description>&lt;p&gt;{body}&lt;/p&gt;</description></item>")


def rss(items: list[str]) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
            "<link>https://wire.example.org</link>" + "".join(items) + "</channel></rss>")


def atom(entries: list[tuple[int, str, str]]) -> str:
    body = "".join(f'<entry><id>urn:example:{n}</id><title>{t}</title>'
                   f'<link href="https://atom.example.org/{n}"/><updated>2015-01-05T10:00:00Z</updated>'
                   f'<content type="html">&lt;p&gt;{b}&lt;/p&gt;</content></entry>' for n, t, b in entries)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Atom Wire</title><id>urn:example:feed</id><updated>2015-01-05T10:00:00Z</updated>{body}</feed>")


def write(path: Path, text: str, later_by_s: float = 0) -> Path:
    path.write_text(text, encoding="utf-8")
    if later_by_s:
        stamp = path.stat().st_mtime + later_by_s
        os.utime(path, (stamp, stamp))
    return path


@contextlib.contextmanager
def fetched_twice(first: str, second: str):
    """A feed file read into a new store, then its next fetch (a minute later) read again:
    yields (store, the second ingest's report), the store still open."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wire.xml"
        with Store(Path(folder) / "p.db") as store:
            write(path, first)
            ingest([path], store)
            write(path, second, later_by_s=60)
            yield store, ingest([path], store)


def by_title_start(store: Store) -> dict[str, list[str]]:
    return {a.title: a.paragraphs for a in store.articles()}


BLAST_12 = rss_item(1, "Blast kills 12", "A blast killed 12 people in the made-up town.")
BLAST_16 = rss_item(1, "Blast kills 16", "A blast killed 16 people in the made-up town.")
OTHER = rss_item(2, "Bridge reopens", "The made-up bridge reopened on Monday.", hour=9)
NEWER = rss_item(3, "Rain expected", "Rain is expected in the made-up town.", hour=12)


def test_a_refetched_feed_whose_corrected_item_moved_down_corrects_the_stored_article(tmp_path: Path) -> None:
    feed = write(tmp_path / "wire.xml", rss([BLAST_12, OTHER]))
    with Store(tmp_path / "p.db") as store:
        assert ingest([feed], store).stored == 2
        write(feed, rss([NEWER, BLAST_16, OTHER]), later_by_s=60)  # a new item on top moves the others down
        report = ingest([feed], store)
        assert (report.stored, report.updated, report.duplicates, report.changed_kept) == (1, 1, 1, 0)
        assert "Blast kills 12" not in by_title_start(store)
        assert by_title_start(store)["Blast kills 16"] == ["A blast killed 16 people in the made-up town."]
        # Its source rows name where each item sits now.
        assert {a.title: a.source_paths for a in store.articles()} == {
            "Rain expected": [f"{feed}#1"], "Blast kills 16": [f"{feed}#2"], "Bridge reopens": [f"{feed}#3"]}
        assert report.summary().splitlines() == [
            "1 new article, 1 updated, 1 already stored, 0 rejected",
            "1 article updated (read again with other content; compare its story again):",
            f'  "Blast kills 16": {feed}']
        assert ingest([feed], store).unchanged_files == 1


def test_an_atom_feed_refetched_in_another_order_takes_its_correction(tmp_path: Path) -> None:
    feed = write(tmp_path / "wire.atom", atom([(1, "Quake kills 3", "Three died."), (2, "Dam holds", "It held.")]))
    with Store(tmp_path / "p.db") as store:
        ingest([feed], store)
        write(feed, atom([(2, "Dam holds", "It held."), (1, "Quake kills 5", "Five died.")]), later_by_s=60)
        report = ingest([feed], store)
        assert (report.updated, report.changed_kept, report.left_behind) == (1, 0, 0)
        assert sorted(by_title_start(store)) == ["Dam holds", "Quake kills 5"]


def test_items_a_rolling_feed_drops_stay_stored_and_are_said_calmly(tmp_path: Path) -> None:
    feed = write(tmp_path / "wire.xml", rss([BLAST_12, OTHER]))
    with Store(tmp_path / "p.db") as store:
        ingest([feed], store)
        write(feed, rss([NEWER, BLAST_12]), later_by_s=60)  # OTHER dropped off the end
        report = ingest([feed], store)
        assert (report.stored, report.updated, report.left_behind, report.changed_kept) == (1, 0, 1, 0)
        assert store.count_articles() == 3  # nothing stored is lost
        lines = report.summary().splitlines()
        assert lines[1].endswith("kept as stored") and "Bridge reopens" not in report.summary()
        assert f'  "Bridge reopens": {feed}' in report.summary(verbose=True).splitlines()
        # The dropped item no longer counts as read from the feed (its row of the feed is gone).
        again = ingest([feed], store)
        assert again.unchanged_files == 1 and len(again.article_ids) == 2
        assert next(a for a in store.articles() if a.title == "Bridge reopens").source_paths == []


def test_jsonl_and_csv_records_reordered_take_their_corrections(tmp_path: Path) -> None:
    rows = [{"title": f"Made-up report {n}", "date": "2021-02-02", "url": f"https://r.example.org/{n}",
             "text": f"Report {n}."} for n in range(3)]
    lines = tmp_path / "wire.jsonl"
    write(lines, "".join(json.dumps(r) + "\n" for r in rows))
    table = tmp_path / "wire.csv"
    write(table, "title,date,url,text\n" + "".join(f"{r['title']},{r['date']},{r['url']},{r['text']}\n"
                                                   for r in rows))
    with Store(tmp_path / "j.db") as jstore, Store(tmp_path / "c.db") as cstore:
        ingest([lines], jstore)
        ingest([table], cstore)
        fixed = [{**rows[0], "text": "Report 0, corrected."}, *rows[1:]]
        moved = [{"title": "Made-up report 9", "date": "2021-02-03", "url": "https://r.example.org/9",
                  "text": "New."}, fixed[2], fixed[0], fixed[1]]
        write(lines, "".join(json.dumps(r) + "\n" for r in moved), later_by_s=60)
        write(table, "title,date,url,text\n" + "".join(f"{r['title']},{r['date']},{r['url']},\"{r['text']}\"\n"
                                                       for r in moved), later_by_s=60)
        for path, store in ((lines, jstore), (table, cstore)):
            report = ingest([path], store)
            assert (report.stored, report.updated, report.changed_kept, report.left_behind) == (1, 1, 0, 0)
            assert by_title_start(store)["Made-up report 0"] == ["Report 0, corrected."]


def test_two_different_feeds_still_never_overwrite_each_others_article(tmp_path: Path) -> None:
    first = write(tmp_path / "wire.xml", rss([BLAST_12, OTHER]))
    second = write(tmp_path / "digest.xml", rss([BLAST_12]))
    with Store(tmp_path / "p.db") as store:
        ingest([first, second], store)
        write(second, rss([NEWER, BLAST_16]), later_by_s=60)
        report = ingest([second], store)
        assert (report.updated, report.changed_kept) == (0, 1)
        assert "Blast kills 12" in by_title_start(store)  # nothing stored is lost
        assert report.summary().splitlines()[1:] == [
            "1 article read otherwise now, kept as stored because another file holds it too (edit both files, "
            "or remove one, then ingest again):",
            f'  "Blast kills 12": {second}; also in {first}']


def test_the_summary_names_at_most_five_articles_then_counts_the_rest(tmp_path: Path) -> None:
    items = [rss_item(n, f"Made-up item {n}", f"Body {n}.") for n in range(8)]
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    for path in (first, second):
        write(path, rss(items))
    with Store(tmp_path / "p.db") as store:
        ingest([first, second], store)
        write(second, rss([rss_item(n, f"Made-up item {n}", f"Body {n}, changed.") for n in range(8)]), 60)
        report = ingest([second], store)
        lines = report.summary().splitlines()
        assert len(lines) == 1 + 1 + 5 + 1 and lines[-1] == "  +3 more"
        assert len(report.summary(verbose=True).splitlines()) == 1 + 1 + 8


def md(title: str, body: str, url: str = "https://md.example.org/blast") -> str:
    return f"---\ntitle: {title}\ndate: 2021-02-02T08:00:00Z\noutlet: Made-up Daily\nurl: {url}\n---\n\n{body}\n"


def test_a_markdown_correction_under_a_new_name_with_the_same_url_replaces_the_older_text(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    old = write(folder / "blast.md", md("Blast kills 12", "A blast killed 12 people."))
    with Store(tmp_path / "p.db") as store:
        ingest([folder], store)
        # Saved later under a new name (it sorts first in the folder: order does not matter).
        write(folder / "blast-corrected.md", md("Blast kills 16", "A blast killed 16 people."), later_by_s=60)
        report = ingest([folder], store)
        assert (report.stored, report.updated, report.changed_kept, report.unchanged_files) == (0, 1, 0, 1)
        (article,) = store.articles()
        assert article.title == "Blast kills 16"
        assert sorted(article.source_paths) == sorted([str(old), str(folder / "blast-corrected.md")])
        # The older file, unchanged, changes nothing; an older copy saved elsewhere does not either.
        copy = write(tmp_path / "copy.md", md("Blast kills 12", "A blast killed 12 people."), later_by_s=-3600)
        again = ingest([folder, copy], store)
        assert (again.updated, again.changed_kept) == (0, 1)
        assert store.articles()[0].title == "Blast kills 16"
        assert f'  "Blast kills 16": {copy}; also in ' in again.summary()


def test_in_one_call_the_first_read_of_two_markdown_files_wins_whatever_their_times(tmp_path: Path) -> None:
    first = write(tmp_path / "a.md", md("Blast kills 12", "A blast killed 12 people."), later_by_s=-60)
    second = write(tmp_path / "b.md", md("Blast kills 16", "A blast killed 16 people."))
    with Store(tmp_path / "p.db") as store:
        report = ingest([first, second], store)
        assert (report.stored, report.updated, report.duplicates) == (1, 0, 1)
        assert store.articles()[0].title == "Blast kills 12"


def test_articles_and_clustering_count_articles_in_several_files_alike(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):  # one article in three files: two records already stored, one article
        write(folder / f"copy{n}.md", md("Blast kills 12", "A blast killed 12 people."))
    write(folder / "wire.xml", rss([BLAST_16, OTHER, OTHER]))  # an item twice in one feed
    runs = [subprocess.run([sys.executable, "-m", tool, str(folder), "--db", str(tmp_path / f"{tool}.db"),
                            *extra], cwd=ROOT, capture_output=True, text=True, timeout=300)
            for tool, extra in (("articles", []), ("clustering", ["--out", str(tmp_path / "out"), "--model",
                                                                  "lexical", "--no-progress"]))]
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    assert [r.stdout for r in runs] == ["", ""]  # summaries on stderr, both
    assert runs[0].stderr.strip().splitlines()[-1] == \
        "3 new articles, 3 already stored, 0 rejected (2 articles read from more than one file or record)"
    assert "3 articles (2 read from more than one file or record) -> " in runs[1].stderr


ITEM = st.tuples(st.integers(0, 5), st.sampled_from(["one", "two", "three"]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ITEM, min_size=1, max_size=5, unique_by=lambda i: i[0]),
       st.lists(ITEM, min_size=1, max_size=5, unique_by=lambda i: i[0]))
def test_after_any_refetch_the_store_reads_as_the_latest_feed(first, second) -> None:
    """Whatever the two fetches hold, in whatever order: every item of the latest reads as it says,
    and the items it dropped are kept as the first fetch had them."""
    def text(items):
        return rss([rss_item(n, f"Made-up item {n}", f"Item {n} says {word}.") for n, word in items])

    with fetched_twice(text(first), text(second)) as (store, report):
        stored = {a.title: a.paragraphs for a in store.articles()}
        expected = {f"Made-up item {n}": [f"Item {n} says {w}."] for n, w in first}
        expected.update({f"Made-up item {n}": [f"Item {n} says {w}."] for n, w in second})
        assert stored == expected
        assert report.changed_kept == 0
        assert report.left_behind == len({n for n, _ in first} - {n for n, _ in second})
