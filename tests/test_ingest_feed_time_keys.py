"""Review (h36r): a linkless, guid-less feed item's id must not depend on which other items the
fetch holds, and two different items published at one time in two fetches are two articles.
Made-up feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

import articles.feeds as feeds
from articles import ingest
from store.sqlite import Store
from tests.test_ingest_feed_keys import feed, item
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



@pytest.mark.xfail(strict=True, reason="not fixed: ids of guid-keyed linkless items changed from their title "
                   "ids; a store read before holds each still-listed item twice after the next fetch")
def test_a_linkless_guid_item_stored_before_item_keys_is_one_article_after_the_next_fetch(tmp_path: Path,
                                                                                          monkeypatch) -> None:
    path = write(tmp_path / "wire.xml", feed([item("Blast kills 12 in made-up town", "A blast killed 12.",
                                                   guid="urn:wire:1")]))
    with Store(tmp_path / "p.db") as store:
        with monkeypatch.context() as m:  # read as the code before this session read it (title ids)
            m.setattr(feeds, "_item_keys", lambda entries, _feed: [None] * len(entries))
            ingest([path], store)
        write(path, feed([item("Made-up bridge reopens", "The bridge reopened.", guid="urn:wire:2"),
                          item("Blast kills 12 in made-up town", "A blast killed 12.", guid="urn:wire:1")]),
              later_by_s=60)
        ingest([path], store)
        assert sorted(a.title for a in store.articles()) == ["Blast kills 12 in made-up town",
                                                             "Made-up bridge reopens"]
