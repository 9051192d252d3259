"""Review (h36r): a linkless, guid-less feed item's id must not depend on which other items the
fetch holds, and two different items published at one time in two fetches are two articles.
Made-up feeds."""

from __future__ import annotations

from tests.test_ingest_feed_keys import feed, item
from tests.test_ingest_identity import fetched_twice


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
