"""A feed file cut off part-way (a download or copy that stopped): one line names the file and
says it is not a complete feed, and the items before the cut are kept whole; a partly read item
is never an article (it was rejected as "FILE#1: no title"). Made-up feeds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from articles import ingest, read_text
from articles.model import Article, Rejection
from store.sqlite import Store

TITLES = ["Dam gates opened after heavy rain", "Ferry service resumes", "Council approves budget"]
RSS = (
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>River Wire</title>'
    "<link>https://wire.example.org/</link>\n"
    + "".join(
        f"<item><title>{t}</title><link>https://wire.example.org/{n}</link>"
        f"<description><![CDATA[<p>Report {n} on {t.lower()}, with <b>details</b>.</p>]]></description>"
        f"<pubDate>Mon, 05 Jan 2015 1{n}:00:00 GMT</pubDate></item>\n"
        for n, t in enumerate(TITLES)
    )
    + "</channel></rss>\n"
)
ATOM = (
    '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>River Wire</title>'
    '<id>urn:example:wire</id><updated>2015-01-05T12:00:00Z</updated>\n'
    + "".join(
        f'<entry><title>{t}</title><link href="https://wire.example.org/{n}"/><id>urn:example:{n}</id>'
        f"<updated>2015-01-05T1{n}:00:00Z</updated><content type=\"html\">&lt;p&gt;Report {n}.&lt;/p&gt;</content></entry>\n"
        for n, t in enumerate(TITLES)
    )
    + "</feed>\n"
)


def _check_cut(full: str, root: str, item_end: str, cut: int) -> None:
    text = full[:cut]
    read = list(read_text(text, "wire.xml", ".xml"))
    articles = [r for r in read if isinstance(r, Article)]
    rejected = [r for r in read if isinstance(r, Rejection)]
    whole = text.count(item_end)
    # The items closed before the cut, whole (their links and times are there); none after.
    assert [a.title for a in articles] == TITLES[:whole]
    assert [a.url for a in articles] == [f"https://wire.example.org/{n}" for n in range(whole)]
    if f"</{root}>" in text:  # the cut left the whole document
        assert not rejected
        return
    assert len(rejected) == 1, rejected
    (line,) = rejected
    assert line.source_path == "wire.xml"  # the file, not an item: it is read again next time
    assert line.error.startswith("not a complete RSS/Atom feed (")
    assert ("kept the" in line.error) == bool(whole) and "\n" not in line.error


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_cut_rss_file_keeps_the_items_before_the_cut_and_says_it_is_incomplete(data) -> None:
    start = RSS.index("<rss") + len("<rss")
    _check_cut(RSS, "rss", "</item>", data.draw(st.integers(start, len(RSS))))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_cut_atom_file_keeps_the_entries_before_the_cut_and_says_it_is_incomplete(data) -> None:
    start = ATOM.index("<feed") + len("<feed")
    _check_cut(ATOM, "feed", "</entry>", data.draw(st.integers(start, len(ATOM))))


def test_a_file_cut_in_its_first_item_is_one_line_not_a_titleless_item() -> None:
    text = RSS[: RSS.index("<link>https://wire.example.org/0")]
    (line,) = list(read_text(text, "wire.rss", ".rss"))
    assert isinstance(line, Rejection) and line.source_path == "wire.rss"
    assert line.error.startswith("not a complete RSS/Atom feed (") and "title" not in line.error


def test_an_ingest_of_a_cut_file_reads_it_again_once_it_is_whole(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS[: RSS.index("</item>", RSS.index("</item>") + 1) + 20], encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        first = ingest([path], store)
        assert first.stored == 2 and [r.source_path for r in first.rejected] == [str(path)]
        path.write_text(RSS, encoding="utf-8")  # the download completed
        again = ingest([path], store)
        assert not again.rejected and sorted(a.title for a in store.articles()) == sorted(TITLES)
