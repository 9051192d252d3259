"""Bad input: every case becomes one Rejection line (or a correct Article), never a traceback."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import Article, Rejection, ingest, read_bytes, read_path, read_text
from articles.archive import read_archive_text
from articles.normalize import parse_datetime
from store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
VOA = ROOT / "seeds" / "001_bd7e773d7b869fe3.txt"
REUTERS = ROOT / "seeds" / "nbw-2021-07" / "2021-07-08-日本将宣布东京进入紧急状态 直至奥运会结束--日经.md"
CNA = ROOT / "seeds" / "nbw-2021-07" / "2021-07-07-花蓮地震規模5.4 最大震度4級.md"


def single(path: Path, **kwargs) -> Article | Rejection:
    items = list(read_path(path, **kwargs))
    assert len(items) == 1, items
    return items[0]


def rejection(path: Path, **kwargs) -> Rejection:
    item = single(path, **kwargs)
    assert isinstance(item, Rejection), item
    assert item.source_path == str(path)
    assert "\n" not in item.error and item.error
    return item


# ---- encodings: decoded, and equal to the UTF-8 original ------------------------------
@pytest.mark.parametrize(
    ("fixture", "original"),
    [
        ("reuters-gbk.md", REUTERS),
        ("cna-big5.md", CNA),
        ("voa-utf16.txt", VOA),
        ("voa-utf16le-nobom.txt", VOA),
        ("voa-utf8-bom.txt", VOA),
    ],
)
def test_legacy_and_unicode_encodings_decode_to_the_same_article(fixture, original):
    decoded = single(FIXTURES / fixture)
    expected = single(original)
    assert isinstance(decoded, Article), decoded
    assert (decoded.id, decoded.title, decoded.outlet, decoded.published) == (
        expected.id, expected.title, expected.outlet, expected.published,
    )
    assert decoded.paragraphs == expected.paragraphs
    assert decoded.script == expected.script


def test_big5_fixture_really_is_big5_and_gbk_really_is_gbk():
    # Guards the two tests above against fixtures silently saved as UTF-8.
    for name in ("cna-big5.md", "reuters-gbk.md"):
        with pytest.raises(UnicodeDecodeError):
            (FIXTURES / name).read_bytes().decode("utf-8")


# ---- files that are no articles ----------------------------------------------------
@pytest.mark.parametrize(
    ("fixture", "reason"),
    [
        ("empty.md", "empty file"),
        ("whitespace.md", "empty file"),
        ("binary.md", "binary file (contains NUL bytes)"),
        ("image.png", "binary file (contains NUL bytes)"),
        ("no-date.md", "no publication date"),
        ("no-title.md", "no title"),
        ("truncated-head.html", "no article text found in the HTML page"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(fixture, reason):
    assert rejection(FIXTURES / fixture).error == reason


def test_plain_notes_are_an_unrecognized_format():
    error = rejection(FIXTURES / "notes.txt").error
    assert error.startswith("unrecognized format")
    assert "front matter" in error  # a plain text file is told what it lacks


def test_a_front_matter_names_the_outlet_outright():
    from articles.reader import read_text

    (article,) = read_text("---\ntitle: 花蓮地震\noutlet: 自由時報\ndate: 2025-05-14T09:00:00+08:00\n---\n"
                           "花蓮縣今天發生地震，3人受傷。\n", "quake.txt", ".txt")
    assert (article.title, article.outlet) == ("花蓮地震", "自由时报")


def test_undecodable_bytes_without_nul_are_rejected(tmp_path):
    path = tmp_path / "noise.md"
    path.write_bytes(bytes(range(1, 32)) * 40 + bytes(range(0x80, 0x100)) * 20)
    assert "binary" in rejection(path).error or "encoding" in rejection(path).error


def test_invalid_utf16_after_bom_is_rejected(tmp_path):
    path = tmp_path / "broken-utf16.txt"
    path.write_bytes(b"\xff\xfe" + "<!--1-->".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    assert "utf-16" in rejection(path).error


def test_files_over_the_size_cap_are_rejected_without_reading(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(VOA.read_bytes())
    error = rejection(path, max_bytes=1000).error
    assert error.startswith("file too large") and "1,000" in error
    assert isinstance(single(path), Article)  # under the default cap it is fine


def test_missing_file_and_folder_given_as_file(tmp_path):
    assert rejection(tmp_path / "missing.md").error == "no such file"
    assert single(tmp_path).error == "not a regular file"


def test_truncated_html_page_keeps_what_arrived():
    article = single(FIXTURES / "voa-page-truncated.html")
    full = single(FIXTURES / "voa-page.html")
    assert isinstance(article, Article)
    assert article.id == full.id
    assert article.paragraphs[:6] == full.paragraphs[:6]
    assert len(article.paragraphs) == 7  # the sixth complete paragraph plus the cut one


def test_broken_markup_in_an_archive_body_still_reads(tmp_path):
    text = VOA.read_text("utf-8")
    cut = text[: text.index("星期日，阿富汗总统加尼")] + "<p>未闭合的段落 <b>粗体 <div><span>"
    path = tmp_path / "broken.txt"
    path.write_text(cut, "utf-8")
    article = single(path)
    assert isinstance(article, Article)
    assert article.paragraphs[-1] == "未闭合的段落 粗体"
    assert "获取更多RSS" not in article.text


def test_front_matter_that_is_not_yaml_falls_back_to_key_value_lines(tmp_path):
    text = REUTERS.read_text("utf-8").replace('title: "日本将', 'title: "[未闭合: 日本将', 1)
    path = tmp_path / "odd-yaml.md"
    path.write_text(text.replace("tags: [ 路透 ]", "tags: [ 路透 "), "utf-8")
    article = single(path)
    assert isinstance(article, Article) and article.title.startswith("[未闭合: 日本将")


def test_ingest_reports_and_stores_rejections_and_keeps_the_rest(tmp_path):
    with Store(tmp_path / "p.db") as store:
        report = ingest([FIXTURES], store, fields={"title": "headline", "date": "published_at"})
        assert report.stored > 0
        rejected = {Path(r.source_path.split("#")[0]).name for r in report.rejected}
        assert {"empty.md", "binary.md", "no-date.md", "no-title.md", "notes.txt"} <= rejected
        assert "image.png" not in rejected  # web assets are skipped in folder walks
        assert "build_fixtures.py" in rejected  # a non-article file named plainly
        assert len(store.rejections()) == len(report.rejected)
        for item in report.rejected:
            assert "\n" not in str(item) and "Traceback" not in str(item)


# ---- dates -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mon, 05 Jul 2021 22:41:17 GMT", datetime(2021, 7, 5, 22, 41, 17, tzinfo=UTC)),
        ("2021-07-05T22:59:02.000Z", datetime(2021, 7, 5, 22, 59, 2, tzinfo=UTC)),
        ("2021-07-05 06:59:02+08:00", datetime(2021, 7, 4, 22, 59, 2, tzinfo=UTC)),
        (1625525942000, datetime(2021, 7, 5, 22, 59, 2, tzinfo=UTC)),
        ("1625525942", datetime(2021, 7, 5, 22, 59, 2, tzinfo=UTC)),
        (datetime(2021, 7, 5, 22, 59, 2), datetime(2021, 7, 5, 22, 59, 2, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
        ("9999-99-99", None),
        ("3021-01-01T00:00:00Z", None),
    ],
)
def test_parse_datetime(value, expected):
    assert parse_datetime(value) == expected


def test_datelines_need_a_time_zone():
    assert parse_datetime("02/07/2021 - 01:32", require_timezone=True) is None
    assert parse_datetime("2021-07-01 09:53:07", require_timezone=True) is None
    assert parse_datetime("2021-07-01T08:25:52Z", require_timezone=True) is not None


# ---- property tests: no input crashes a parser ------------------------------------------
SUFFIXES = st.sampled_from(["", ".md", ".txt", ".html", ".xml", ".rss", ".atom", ".jsonl", ".csv", ".json"])
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_items(items: list) -> None:
    assert items, "a reader must yield at least one Article or Rejection"
    for item in items:
        assert isinstance(item, Article | Rejection)
        if isinstance(item, Rejection):
            assert item.error and "\n" not in item.error
        else:
            assert item.title and item.outlet
            assert item.published.utcoffset().total_seconds() == 0
            assert all(p and "\n" not in p for p in item.paragraphs)
            assert item.text == "\n".join(item.paragraphs)
            assert item.script in ("Hans", "Hant", None)


@FAST
@given(data=st.binary(max_size=3000), suffix=SUFFIXES)
def test_random_bytes_never_crash(data, suffix):
    check_items(list(read_bytes(data, "random" + suffix, suffix)))


@FAST
@given(text=st.text(max_size=2000), suffix=SUFFIXES)
def test_random_text_never_crashes(text, suffix):
    check_items(list(read_text(text, "random" + suffix, suffix)))


MARKUP = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<br>", "<img src=x>", "<small>", "</small>", "<figure>",
     "<i>Mon, 05 Jul 2021 22:41:17 GMT</i>", "获取更多RSS", "&amp;", "&#x4e2d;", "<!--", "-->",
     "<h3>", "<script>", "[t](http://x.y)", "\n------\n", "<!--1625525942000-->", "\n", "---", "中文",
     "<![CDATA[", "]]>", "<", ">", "&", "\x00"]
)
BODY = st.lists(st.one_of(MARKUP, st.text(max_size=30)), max_size=40).map("".join)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=40), st.datetimes())
FRONT_MATTER = st.dictionaries(
    st.sampled_from(["title", "date", "author", "from", "categories", "tags", "url", "headimg", "x"]),
    st.one_of(SCALARS, st.lists(SCALARS, max_size=3)),
    max_size=8,
)


@FAST
@given(meta=FRONT_MATTER, body=BODY, epoch=st.booleans())
def test_random_front_matter_and_bodies_never_crash(meta, body, epoch):
    header = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
    text = f"---\n{header}---\n" + ("<!--1625525942000-->\n[标题](https://a.b/c)\n------\n" if epoch else "") + body
    result = read_archive_text(text, "random.md")
    check_items([result])
    if meta.get("title") and isinstance(meta["title"], str) and isinstance(result, Article):
        assert result.title  # a title given is a title kept


@FAST
@given(body=BODY)
def test_random_html_pages_never_crash(body):
    page = f"<html><head><title>t</title></head><body>{body}</body></html>"
    check_items(list(read_text(page, "random.html", ".html")))


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children, max_size=3)),
    max_leaves=8,
)
RECORDS = st.dictionaries(
    st.sampled_from(["id", "outlet", "date", "title", "url", "text", "other"]), JSON_VALUES, max_size=7
)


@FAST
@given(records=st.lists(RECORDS, max_size=5))
def test_random_json_records_never_crash(records):
    import json

    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    items = list(read_text(text + "\n", "random.jsonl", ".jsonl"))
    check_items(items)
    assert len(items) == max(1, len(records))  # one result per record (or "empty file")


def test_html_page_without_any_date_is_rejected(tmp_path):
    page = (FIXTURES / "voa-page.html").read_text("utf-8")
    page = page.replace('<meta property="article:published_time" content="2021-07-05T22:41:17+00:00">', "")
    page = page.replace('<time datetime="2021-07-05T22:41:17+00:00">2021年7月5日</time>', "")
    page = page.replace("20210705", "x")  # the URL holds a date trafilatura would find
    path = tmp_path / "undated.html"
    path.write_text(page, "utf-8")
    assert rejection(path).error == "no publication date"


# ---- hostile but valid: one bad record costs only itself, patterns stay linear ----------
def test_a_record_with_a_huge_integer_or_a_lone_surrogate_costs_only_itself(tmp_path):
    def record(i: int) -> str:
        return json.dumps({"title": f"t{i}", "date": "2021-07-05T00:00:00Z", "text": "hello world",
                           "url": f"https://x.com/{i}"})

    path = tmp_path / "poisoned.jsonl"
    lines = [record(i) for i in range(3)]
    lines += ['{"title": "bad", "date": "2021-07-05", "text": "x", "n": ' + "9" * 4301 + "}"]
    lines += ['{"title": "lone \\udc80 surrogate", "date": "2021-07-05", "text": "body", "url": "https://x.com/s"}']
    lines += [record(i) for i in range(3, 6)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(":memory:") as store:
        report = ingest([path], store)
        assert store.count_articles() == 7  # the surrogate is dropped, its record kept
        assert [r.error for r in report.rejected] == ["invalid JSON (a number too long)"]


def test_a_feed_referring_to_a_lone_surrogate_still_reads(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A &#xD800; b</title>'
        "<link>https://x.com/a</link><pubDate>Mon, 05 Jul 2021 10:00:00 GMT</pubDate>"
        "<description>Hello world &#55296; here</description></item></channel></rss>", encoding="utf-8")
    article = single(path)
    assert isinstance(article, Article) and article.title == "A \ufffd b"


def test_runs_of_markdown_brackets_read_in_linear_time(tmp_path):
    # Were quadratic: 320 KB of "![](" took 95 s. No timing here: the text must simply finish.
    path = tmp_path / "brackets.md"
    path.write_text("<!--1625443200000-->\n[title](https://x.com/a)\n------\n<p>" + "![](" * 40_000 + "</p>\n"
                    + "![" * 40_000 + "\n" + "[" * 40_000 + "\nA line of text.\n", encoding="utf-8")
    item = single(path)
    assert isinstance(item, Article) and item.title == "title"


def test_a_page_far_larger_than_any_article_is_rejected(tmp_path):
    path = tmp_path / "huge.html"
    path.write_text("<html><body><p>" + "word<br>" * 400_000 + "</p></body></html>", encoding="utf-8")
    assert "longer than" in rejection(path).error


def test_a_feed_past_the_item_cap_reads_its_first_items_and_says_so(tmp_path, monkeypatch):
    from articles import feeds

    monkeypatch.setattr(feeds, "MAX_FEED_ITEMS", 3)
    path = tmp_path / "many.xml"
    items = "".join(f"<item><title>T{i}</title><link>https://x.com/{i}</link><pubDate>Mon, 05 Jul 2021 10:00:00 GMT"
                    f"</pubDate><description>text {i} here</description></item>" for i in range(5))
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>',
                    encoding="utf-8")
    read = list(read_path(path))
    assert [a.title for a in read if isinstance(a, Article)] == ["T0", "T1", "T2"]
    assert isinstance(read[-1], Rejection) and "the first 3 were read" in read[-1].error
    assert read[-1].source_path == f"{path}#4"  # the first item left out: the file was read
    with Store(":memory:") as store:
        first = ingest([path], store)
        again = ingest([path], store)  # re-ingest is recognized: the file is not read again
        assert store.count_articles() == 3 and again.unchanged_files == 1
        assert again.rejected == first.rejected  # the items left out are still left out, and it says so


def test_items_quoted_in_cdata_are_not_counted(monkeypatch):
    from articles import feeds

    monkeypatch.setattr(feeds, "MAX_FEED_ITEMS", 2)
    text = "<rss><channel><item><description><![CDATA[<item> <item>]]></description></item><item/></channel></rss>"
    assert feeds._first_items(text) == (text, False)


def test_markdown_links_with_parentheses_and_titles_and_inline_images_are_read_as_text():
    from articles.archive import _plain_paragraphs

    line = ("See [Foo](https://en.wikipedia.org/wiki/Foo_(bar)) here. [text](https://x \"Title (2020)\") "
            "after ![chart](data:image/png;base64," + "A" * 3000 + ") end")
    assert _plain_paragraphs(line) == ["See Foo here. text after  end"]


def test_a_large_page_keeps_its_scripts_for_the_date_and_a_hostile_one_is_linear():
    from articles.htmlpage import page_chars, read_html_text

    page = ('<html><head><script type="application/ld+json">{"datePublished": "2021-07-05T10:00:00Z"}</script>'
            "<script>" + "x" * 3_200_000 + "</script></head><body><article><h1>Title here</h1>"
            + "<p>Some article text that is long enough to count.</p>" * 10 + "</article></body></html>")
    article = read_html_text(page, "big.html")
    assert isinstance(article, Article) and article.published == datetime(2021, 7, 5, 10, tzinfo=UTC)
    assert page_chars("<style>" * 450_000) == 7 * 450_000  # unclosed: all of it counts (was quadratic)
