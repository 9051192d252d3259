"""Feed items without a link are known by their guid / Atom id, not by their title: an outlet's
corrected title replaces the stored item on a re-read (items with neither keep their title ids). Items
with a link keep the id their link gives (the ids stored before). All feeds are made up."""

from __future__ import annotations

from html import escape
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import ingest, read_text
from articles.build import clean_title
from articles.model import Article
from articles.normalize import article_id
from store.sqlite import Store
from tests.test_ingest_identity import fetched_twice, write

FEED_HEAD = ('<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
             "<title>Example Wire</title><link>https://wire.example.org</link>")
SELF_LINK = '<atom:link rel="self" href="https://wire.example.org/feed.xml"/>'


def item(title: str, body: str, *, guid: str | None = None, permalink: bool = False, link: str | None = None,
         hour: int | None = 10) -> str:
    parts = [f"<title>{escape(title)}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if guid:
        parts.append(f'<guid isPermaLink="{str(permalink).lower()}">{escape(guid)}</guid>')
    if hour is not None:
        parts.append(f"<pubDate>Mon, 05 Jan 2015 {hour:02d}:00:00 GMT</pubDate>")
    # (A body that only repeats the title is no text: the made-up report always says something.)
    parts.append(f"<description>{escape(f'<p>The made-up report says {escape(body)}</p>')}</description>")
    return "<item>" + "".join(parts) + "</item>"


def feed(items: list[str], head: str = FEED_HEAD + SELF_LINK) -> str:
    return head + "".join(items) + "</channel></rss>"


def articles_of(text: str, name: str = "wire.xml") -> list[Article]:
    read = list(read_text(text, name, ".xml"))
    assert all(isinstance(a, Article) for a in read), read
    return read


# Titles and bodies as outlets write them (any text, markup characters escaped in the XML), kept
# when they read as a title at all.
TEXT = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=30).filter(clean_title)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT, TEXT), min_size=1, max_size=5, unique_by=lambda t: clean_title(t[0])),
       st.randoms(use_true_random=False))
def test_a_linkless_items_id_is_its_guid_whatever_its_title_body_or_place(items, random) -> None:
    """Guids of isPermaLink="false" (the items share one time, so only the guids tell them apart): a
    correction that changes the title and the body, in a re-fetch holding the items in another
    order, reads as the same articles."""
    guids = [f"urn:wire:{n}" for n in range(len(items))]
    first = articles_of(feed([item(t, b, guid=g) for (t, b, _), g in zip(items, guids, strict=True)]))
    order = list(range(len(items)))
    random.shuffle(order)
    second = articles_of(feed([item(items[n][2] + " (corrected)", items[n][2], guid=guids[n]) for n in order]))
    ids = [a.id for a in first]
    assert len(set(ids)) == len(items)  # one article each
    assert [a.id for a in second] == [ids[n] for n in order]


@settings(max_examples=25, deadline=None)
@given(TEXT, TEXT, st.one_of(st.none(), st.text("abcxyz:/-0123456789", min_size=1, max_size=20)),
       st.booleans())
def test_an_item_with_a_link_keeps_the_id_its_link_gives(title, body, guid, permalink) -> None:
    """Whatever guid it carries: the ids stored before stay, and a page or archive of the same
    address is the same article."""
    link = "https://wire.example.org/news/1"
    (article,) = articles_of(feed([item(title, body, guid=guid, permalink=permalink, link=link)]))
    assert article.url == link
    assert article.id == article_id(link, article.outlet, article.title, article.published)


@settings(max_examples=30, deadline=None)
@given(st.lists(TEXT, min_size=2, max_size=5, unique_by=clean_title), st.booleans(), st.booleans())
def test_items_with_neither_are_known_by_their_titles_as_before(titles, self_link, shared_time) -> None:
    """No link, no guid: each item keeps the id its title gives (the ids stored before), whatever
    its time and the other items of the fetch; none is folded into another. (Not feed + time: an
    item of the same time in a later fetch took the id and overwrote the stored one:
    tests/test_review_feed_time_keys.py.)"""
    head = FEED_HEAD + (SELF_LINK if self_link else "")
    hours = [10] * len(titles) if shared_time else list(range(len(titles)))
    read = articles_of(feed([item(t, "Body.", hour=h) for t, h in zip(titles, hours, strict=True)], head))
    assert len({a.id for a in read}) == len(titles)
    assert [a.id for a in read] == [article_id(None, a.outlet, a.title, a.published) for a in read]
    (alone,) = articles_of(feed([item(titles[0], "Body.", hour=hours[0])], head))
    assert alone.id == read[0].id


def test_a_guid_that_several_items_share_is_not_their_identity() -> None:
    """A feed that stamps every item with one guid (its own address, say) still gives every item,
    each known by its title."""
    items = [item(f"Made-up item {n}", f"Body {n}.", guid="https://wire.example.org/feed", hour=n)
             for n in range(3)]
    read = articles_of(feed(items))
    assert len({a.id for a in read}) == 3
    assert [a.id for a in read] == [article_id(None, a.outlet, a.title, a.published) for a in read]


def test_an_outlets_guid_is_one_article_in_both_of_its_feeds() -> None:
    other_head = FEED_HEAD + '<atom:link rel="self" href="https://wire.example.org/asia.xml"/>'
    (world,) = articles_of(feed([item("Made-up report", "Body.", guid="urn:wire:7")]))
    (asia,) = articles_of(feed([item("Made-up report", "Body.", guid="urn:wire:7")], other_head))
    assert world.id == asia.id


def atom_entry(n: int, title: str, body: str) -> str:
    return (f"<entry><id>tag:atom.example.org,2015:{n}</id><title>{title}</title>"
            f"<updated>2015-01-05T1{n}:00:00Z</updated><content type=\"html\">&lt;p&gt;{body}&lt;/p&gt;</content></entry>")


def atom(entries: list[str]) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Atom Wire</title><id>urn:example:feed</id><updated>2015-01-05T10:00:00Z</updated>"
            + "".join(entries) + "</feed>")


def test_a_corrected_linkless_item_replaces_the_stored_one_on_a_re_read(tmp_path: Path) -> None:
    """RSS with isPermaLink="false" guids and Atom entries without links: as corrected items with
    links already did, the correction replaces the stored article; nothing is left behind."""
    rss_path, atom_path = tmp_path / "wire.xml", tmp_path / "wire.atom"
    write(rss_path, feed([item("Blast kills 12", "A blast killed 12.", guid="wire-1"),
                          item("Bridge reopens", "It reopened.", guid="wire-2", hour=9)]))
    write(atom_path, atom([atom_entry(1, "Quake kills 3", "Three died."), atom_entry(2, "Dam holds", "It held.")]))
    with Store(tmp_path / "p.db") as store:
        assert ingest([rss_path, atom_path], store).stored == 4
        write(rss_path, feed([item("Bridge reopens", "It reopened.", guid="wire-2", hour=9),
                              item("Blast kills 16", "A blast killed 16.", guid="wire-1")]), later_by_s=60)
        write(atom_path, atom([atom_entry(2, "Dam holds", "It held."), atom_entry(1, "Quake kills 5", "Five died.")]),
              later_by_s=60)
        report = ingest([rss_path, atom_path], store)
        assert (report.stored, report.updated, report.left_behind, report.changed_kept) == (0, 2, 0, 0)
        assert sorted(a.title for a in store.articles()) == ["Blast kills 16", "Bridge reopens", "Dam holds",
                                                              "Quake kills 5"]
        assert {a.title: a.paragraphs for a in store.articles()}["Blast kills 16"] == [
            "The made-up report says A blast killed 16."]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 5), TEXT), min_size=1, max_size=4, unique_by=lambda i: i[0]),
       st.lists(st.tuples(st.integers(0, 5), TEXT), min_size=1, max_size=4, unique_by=lambda i: i[0]))
def test_after_any_refetch_of_linkless_items_the_store_holds_each_guid_once(first, second) -> None:
    """Titles change freely between fetches: the store holds one article per guid ever read, each
    as the latest fetch that held it says."""
    def text(items):
        return feed([item(f"Item {n}: {title}", f"Body {n}.", guid=f"wire-{n}") for n, title in items])

    with fetched_twice(text(first), text(second)) as (store, _report):
        latest = {n: title for n, title in first} | {n: title for n, title in second}
        assert store.count_articles() == len(latest)
        assert sorted(a.paragraphs[0] for a in store.articles()) == sorted(
            f"The made-up report says Body {n}." for n in latest)
