"""Review (h36r): a linkless, guid-less feed item's id must not depend on which other items the
fetch holds, and two different items published at one time in two fetches are two articles.
Made-up feeds."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import articles.feeds as feeds
from articles import ingest
from articles.build import clean_title
from store.articles import ITEM_KEYS_META
from store.sqlite import Store
from tests.test_ingest_feed_keys import TEXT, feed, item
from tests.test_ingest_identity import fetched_twice, write


def test_two_linkless_items_of_one_time_in_two_fetches_are_two_articles() -> None:
    """A feed stamping items to the hour (or the day): the 10:00 item of the first fetch has rolled
    off, the next fetch holds another 10:00 item. It is a new article, not a correction of the
    first: the first must not be overwritten."""
    first = feed([item("Blast kills 12 in made-up town", "A blast killed 12.")])
    second = feed([item("Made-up bridge reopens", "The bridge reopened.")])
    with fetched_twice(first, second) as (store, _report):
        assert sorted(a.title for a in store.articles()) == ["Blast kills 12 in made-up town",
                                                             "Made-up bridge reopens"]


def test_a_linkless_items_id_does_not_depend_on_the_other_items_of_the_fetch() -> None:
    """The same item, unchanged, read once alone and once beside another item of its time: one
    article, not two."""
    blast = item("Blast kills 12 in made-up town", "A blast killed 12.")
    first = feed([blast])
    second = feed([item("Made-up bridge reopens", "The bridge reopened."), blast])
    with fetched_twice(first, second) as (store, _report):
        assert sorted(a.title for a in store.articles()) == ["Blast kills 12 in made-up town",
                                                             "Made-up bridge reopens"]


def _read_as_before_item_keys(paths: list[Path], db: Path, monkeypatch) -> None:
    """A store written by the code before session 36: ``paths`` read with feed items under their
    title ids, and the store's once-only marking of files to read again not yet done."""
    with Store(db) as store, monkeypatch.context() as m:
        m.setattr(feeds, "_item_keys", lambda entries, _feed: [None] * len(entries))
        ingest(paths, store)
        store.conn.execute("DELETE FROM meta WHERE key=?", (ITEM_KEYS_META,))


def test_a_linkless_guid_item_stored_before_item_keys_is_one_article_after_the_next_fetch(tmp_path: Path,
                                                                                          monkeypatch) -> None:
    path = write(tmp_path / "wire.xml", feed([item("Blast kills 12 in made-up town", "A blast killed 12.",
                                                   guid="urn:wire:1")]))
    _read_as_before_item_keys([path], tmp_path / "p.db", monkeypatch)
    with Store(tmp_path / "p.db") as store:
        (before,) = store.articles()
        write(path, feed([item("Made-up bridge reopens", "The bridge reopened.", guid="urn:wire:2"),
                          item("Blast kills 12 in made-up town", "A blast killed 12.", guid="urn:wire:1")]),
              later_by_s=60)
        report = ingest([path], store)
        assert sorted(a.title for a in store.articles()) == ["Blast kills 12 in made-up town",
                                                             "Made-up bridge reopens"]
        assert (report.stored, report.duplicates, report.left_behind) == (1, 1, 0)
        assert before.id in {a.id for a in store.articles()}  # its id stays: stories and edits name it
        # The next fetch corrects its title: the stored article is corrected, not joined by another.
        write(path, feed([item("Blast kills 13 in made-up town", "A blast killed 13.", guid="urn:wire:1")]),
              later_by_s=120)
        report = ingest([path], store)
        assert report.updated == 1 and report.stored == 0
        assert store.article(before.id).title == "Blast kills 13 in made-up town"
        assert store.count_articles() == 2


def test_a_legacy_item_read_from_another_file_of_the_feed_is_the_stored_article(tmp_path: Path,
                                                                               monkeypatch) -> None:
    """Hour-by-hour folders: the hour read before holds the item under its title id; the next
    hour's fetch, read now, gives it under its guid: one article, held by both files."""
    blast = item("Blast kills 12 in made-up town", "A blast killed 12.", guid="urn:wire:1")
    first = write(tmp_path / "h01.xml", feed([blast]))
    second = write(tmp_path / "h02.xml", feed([blast]))
    _read_as_before_item_keys([first], tmp_path / "p.db", monkeypatch)
    with Store(tmp_path / "p.db") as store:
        ingest([second], store)
        (article,) = store.articles()
        assert sorted(article.source_paths) == [f"{first}#1", f"{second}#1"]


def test_items_sharing_a_title_and_time_folded_before_are_told_apart_by_their_guids_now(tmp_path: Path,
                                                                                       monkeypatch) -> None:
    """Two items of one title and time were one article under title ids; read now, the first is
    that article and the second a new one (their guids differ), and nothing stored is lost."""
    items = [item("Live: made-up storm", "Winds rose.", guid="urn:wire:1"),
             item("Live: made-up storm", "Winds fell.", guid="urn:wire:2")]
    path = write(tmp_path / "wire.xml", feed(items))
    _read_as_before_item_keys([path], tmp_path / "p.db", monkeypatch)
    with Store(tmp_path / "p.db") as store:
        (before,) = store.articles()
        write(path, feed([*items, item("Made-up bridge reopens", "It reopened.", guid="urn:wire:3")]),
              later_by_s=60)  # (the next fetch: an unchanged file is not read again)
        ingest([path], store)
        assert store.count_articles() == 3 and store.article(before.id) is not None


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles=st.lists(TEXT, min_size=1, max_size=5, unique_by=clean_title), data=st.data())
def test_a_store_read_before_item_keys_gains_no_second_copy_whatever_the_next_fetches(titles, data,
                                                                                   monkeypatch) -> None:
    """Made-up feeds of linkless guid items: read first as before session 36 (title ids), then the
    next fetch, read now, keeps some items, drops the others and adds new ones; the one after
    corrects some titles. One article per guid, and every article stored before is still stored.
    (The file is read again once even when the next fetch is unchanged, so the guids are matched
    while the titles are the stored ones. An item whose title changed before that first read is
    known by neither id: it is stored again, as it was before session 36.)"""
    kept = data.draw(st.lists(st.sampled_from(range(len(titles))), unique=True), label="kept")
    new = data.draw(st.lists(TEXT, max_size=2), label="new")
    corrected = data.draw(st.sets(st.sampled_from(range(len(titles)))), label="corrected")
    first = [item(t, f"report {n}", guid=f"urn:wire:{n}") for n, t in enumerate(titles)]
    added = [item(f"new: {t}", f"new report {n}", guid=f"urn:wire:new{n}") for n, t in enumerate(new)]

    def fetch(fixed: set[int]) -> str:
        return feed(added + [item(titles[n] + (" (corrected)" if n in fixed else ""), f"report {n}",
                                  guid=f"urn:wire:{n}") for n in kept])

    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "wire.xml", feed(first))
        _read_as_before_item_keys([path], Path(folder) / "p.db", monkeypatch)
        with Store(Path(folder) / "p.db") as store:
            before = {a.id for a in store.articles()}
            for later, fixed in ((60, set()), (120, corrected)):
                write(path, fetch(fixed), later_by_s=later)
                ingest([path], store)
                assert store.count_articles() == len(titles) + len(new)
                assert before <= {a.id for a in store.articles()}
            assert {a.title for a in store.articles(before)} >= {clean_title(titles[n] + " (corrected)")
                                                                for n in corrected & set(kept)}


def test_an_unchanged_feed_of_a_store_written_before_is_read_once_again_then_skipped(tmp_path: Path,
                                                                                   monkeypatch) -> None:
    """The once-only marking: the legacy feed is read again though unchanged (its item gets its
    alias while its title is the stored one), then skipped; a correction after that corrects it.
    A JSON Lines file whose records all have a URL is not marked."""
    path = write(tmp_path / "wire.xml", feed([item("Blast kills 12 in made-up town", "A blast killed 12.",
                                                   guid="urn:wire:1")]))
    rows = write(tmp_path / "a.jsonl", '{"title": "Made-up dam opens", "outlet": "Reuters", "date": '
                                       '"2015-01-05T10:00:00Z", "url": "https://example.com/1", "text": "It opened."}\n')
    _read_as_before_item_keys([path, rows], tmp_path / "p.db", monkeypatch)
    with Store(tmp_path / "p.db") as store:
        again = ingest([path, rows], store)
        assert (again.unchanged_files, again.duplicates, again.stored) == (1, 1, 0)  # the feed was read
        assert ingest([path, rows], store).unchanged_files == 2
        write(path, feed([item("Blast kills 13 in made-up town", "A blast killed 13.", guid="urn:wire:1")]),
              later_by_s=60)
        assert ingest([path], store).updated == 1
        assert sorted(a.title for a in store.articles()) == ["Blast kills 13 in made-up town", "Made-up dam opens"]
    with Store(tmp_path / "p.db") as store:  # marked once: opening the store again marks nothing
        assert ingest([path, rows], store).unchanged_files == 2
