"""Titles are stored as plain text, whatever the format escaped or marked them up with."""

from __future__ import annotations

import html
import json
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from articles import Article, read_path
from articles.build import _CHAR_REFERENCE, clean_title

BODY = "A bridge collapsed on Monday, killing 12 people and injuring 30, officials said."

# Text with the characters escaping and markup are about, among letters, spaces and Chinese.
_TITLE_TEXT = st.text(alphabet=st.sampled_from(list("ab &;<>\"'#/x12梦想之旅\u00a0")), max_size=40)
_INLINE_TAGS = st.sampled_from(["em", "b", "i", "strong", "span", "a"])


@given(_TITLE_TEXT)
def test_an_escaped_plain_title_reads_as_the_plain_text(plain: str) -> None:
    # (A plain title holding a reference of its own is decoded too: see clean_title.)
    assume(not _CHAR_REFERENCE.search(plain))
    escaped = html.escape(plain)
    assert clean_title(escaped) == clean_title(plain)
    assert clean_title(escaped, markup=True) == clean_title(plain)
    if "&amp;" not in plain:
        assert "&amp;" not in clean_title(escaped)


@given(_TITLE_TEXT, _TITLE_TEXT, _INLINE_TAGS)
def test_an_html_title_loses_its_tags_and_keeps_its_text(before: str, inside: str, tag: str) -> None:
    assume(not _CHAR_REFERENCE.search(before + inside))
    marked = f'{html.escape(before)}<{tag} class="x">{html.escape(inside)}</{tag}>'
    title = clean_title(marked, markup=True)
    assert title == clean_title(before + inside)
    assert f"<{tag}" not in title or f"<{tag}" in before + inside


def test_references_are_decoded_once_and_only_whole_ones() -> None:
    assert clean_title("Bridge collapse kills 12 &amp; injures 30") == "Bridge collapse kills 12 & injures 30"
    assert clean_title("&amp;amp; is how HTML writes &amp;") == "&amp; is how HTML writes &"
    assert clean_title("Fish&nothing at AT&T, R&D &#8220;up&#x201D;") == "Fish&nothing at AT&T, R&D \u201cup\u201d"
    assert clean_title("Storm hits <em>coast</em>") == "Storm hits <em>coast</em>"  # plain text: kept
    assert clean_title("Storm hits <em>coast</em><br/>again", markup=True) == "Storm hits coast again"
    assert clean_title("a < b, c > d", markup=True) == "a < b, c > d"


def _feed(tmp_path: Path, name: str, text: str) -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(read_path(path))


def test_feed_titles_are_plain_text(tmp_path: Path) -> None:
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Daily</title>'
           "<link>https://harbordaily.example.com/</link><item>"
           "<title><![CDATA[Bridge collapse kills 12 &amp; injures 30]]></title>"
           "<link>https://harbordaily.example.com/news/1</link>"
           f"<description>{BODY}</description><pubDate>Mon, 12 Jul 2021 10:00:00 GMT</pubDate>"
           "</item></channel></rss>")
    (article,) = _feed(tmp_path, "feed.rss", rss)
    assert article.title == "Bridge collapse kills 12 & injures 30"
    entry = ("<entry><id>urn:{n}</id><updated>2021-07-12T10:00:00Z</updated>{title}"
             '<link href="https://harbordaily.example.com/{n}"/>'
             f"<content type=\"text\">{BODY}</content></entry>")
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbor Daily</title>'
            + entry.format(n=1, title='<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                                      "Storm hits <em>coast</em> &amp; port</div></title>")
            + entry.format(n=2, title='<title type="html">Storm hits &lt;em&gt;coast&lt;/em&gt; &amp;amp; port'
                                      "</title>")
            + entry.format(n=3, title='<title type="text">Why &lt;br&gt; tags &amp; matter</title>')
            + "</feed>")
    titles = [a.title for a in _feed(tmp_path, "feed.atom", atom)]
    assert titles == ["Storm hits coast & port", "Storm hits coast & port", "Why <br> tags & matter"]


def test_front_matter_and_record_titles_are_unescaped(tmp_path: Path) -> None:
    page = tmp_path / "post.md"
    page.write_text('---\ntitle: "中国游客的&quot;梦想之旅&quot;"\nauthor: 路透\ndate: 2021-07-12 10:00:00\n---\n'
                    "中国游客的梦想之旅正在改变。\n\n这是第二段正文。\n", encoding="utf-8")
    (article,) = read_path(page)
    assert isinstance(article, Article) and article.title == '中国游客的"梦想之旅"'
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"title": "Rock &amp; roll &lt;3", "date": "2021-07-12", "text": BODY}) + "\n",
                       encoding="utf-8")
    (record,) = read_path(records)
    assert record.title == "Rock & roll <3"


def test_relative_rss_item_links_resolve_against_the_channel_link(tmp_path: Path) -> None:
    item = ("<item><title>Item {n}</title><link>{link}</link><description>{body}</description>"
            "<pubDate>Mon, 12 Jul 2021 10:00:00 GMT</pubDate></item>")
    links = ["/news/2021/07/12/bridge-collapse", "news/other", "//cdn.example.net/x", "https://elsewhere.example.org/y"]
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Daily</title>'
           "<link>https://harbordaily.example.com/</link>"
           + "".join(item.format(n=n, link=link, body=BODY) for n, link in enumerate(links))
           + "</channel></rss>")
    assert [a.url for a in _feed(tmp_path, "feed.rss", rss)] == [
        "https://harbordaily.example.com/news/2021/07/12/bridge-collapse",
        "https://harbordaily.example.com/news/other",
        "https://cdn.example.net/x",
        "https://elsewhere.example.org/y",
    ]
    # Without a channel link there is nothing to resolve against: the link stays as given.
    (alone,) = _feed(tmp_path, "bare.rss", rss.replace("<link>https://harbordaily.example.com/</link>", "", 1)
                     .replace("".join(item.format(n=n, link=link, body=BODY) for n, link in enumerate(links[1:], 1)),
                              ""))
    assert alone.url == "/news/2021/07/12/bridge-collapse"


def test_an_article_without_a_url_keeps_the_id_its_undecoded_title_gave() -> None:
    from datetime import UTC, datetime

    from articles.build import build_article
    from articles.normalize import article_id

    published = datetime(2021, 7, 12, 5, 0, tzinfo=UTC)
    article = build_article("a.jsonl#1", title="Smith &amp; Sons fined &pound;3m", paragraphs=["Body text."],
                            published=published, outlet="Reuters")
    assert article.title == "Smith & Sons fined £3m"
    # The id stays the one stored before titles were decoded: no duplicate on a re-read.
    assert article.id == article_id(None, article.outlet, "Smith &amp; Sons fined &pound;3m", published)
