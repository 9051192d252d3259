"""Time zones an input names ambiguously: "CST" is China Standard Time (UTC+8) in a Chinese-language
article or one from an outlet in China, Taiwan, Hong Kong or Singapore, US Central (UTC-6) in any
other; a time without a zone is UTC. Every input here is made up."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from articles import Article, read_path
from articles.build import build_article
from articles.normalize import parse_datetime

ROOT = Path(__file__).resolve().parents[1]
STAMP = "Sat, 04 Jan 2020 09:30:00 CST"
CHINA = datetime(2020, 1, 4, 1, 30, tzinfo=UTC)  # 09:30 at UTC+8
US_CENTRAL = datetime(2020, 1, 4, 15, 30, tzinfo=UTC)  # 09:30 at UTC-6

ZH = {"title": "虚构的市政新闻标题", "paragraphs": ["这是一段为测试而虚构的中文报道，没有真实来源。"]}
EN = {"title": "A made-up council story", "paragraphs": ["The council met on Saturday and said nothing new."]}


def _published(stamp: str = STAMP, **fields) -> datetime:
    article = build_article("x.md", published=parse_datetime(stamp), **fields)
    assert isinstance(article, Article), article
    assert type(article.published) is datetime and article.published.tzinfo == UTC
    return article.published


def test_cst_in_a_chinese_article_is_china_standard_time():
    assert _published(**ZH) == CHINA
    assert _published(**ZH, url="https://news.example.com/a") == CHINA  # whatever the outlet
    assert _published("January 4, 2020 09:30 CST", **ZH) == CHINA  # any form that names CST


def test_cst_elsewhere_is_us_central():
    assert _published(**EN) == US_CENTRAL
    assert _published(**EN, url="https://news.example.com/a") == US_CENTRAL
    assert _published(**EN, author="Reuters") == US_CENTRAL


def test_cst_from_an_outlet_in_china_taiwan_hong_kong_or_singapore_is_china_standard_time():
    assert _published(**EN, url="https://focustaiwan.tw/politics/x") == CHINA  # 中央社's English site
    assert _published(**EN, url="https://www.scmp.com/news/x") == CHINA
    assert _published(**EN, author="Channel NewsAsia") == CHINA
    for host in ("daily.example.cn", "daily.example.com.tw", "daily.example.hk", "daily.example.sg"):
        assert _published(**EN, url=f"https://{host}/a") == CHINA, host


def test_other_zones_and_bare_times_are_untouched():
    assert _published("Sat, 04 Jan 2020 09:30:00 +0800", **EN) == CHINA
    assert _published("Sat, 04 Jan 2020 09:30:00 -0600", **ZH) == US_CENTRAL
    assert _published("Sat, 04 Jan 2020 09:30:00 CDT", **ZH) == datetime(2020, 1, 4, 14, 30, tzinfo=UTC)
    # A time without a zone is UTC, in any language (documented in the CLI help and README).
    for fields in (ZH, EN):
        assert _published("2020-01-04 09:30", **fields) == datetime(2020, 1, 4, 9, 30, tzinfo=UTC)
        assert _published("2020年1月4日 09:30", **fields) == datetime(2020, 1, 4, 9, 30, tzinfo=UTC)


def test_a_feed_reads_cst_by_each_items_language(tmp_path):
    items = "".join(
        f"<item><title>{title}</title><link>https://feed.example.org/{n}</link><pubDate>{STAMP}</pubDate>"
        f"<description>{body}</description></item>"
        for n, (title, body) in enumerate([(ZH["title"], ZH["paragraphs"][0]), (EN["title"], EN["paragraphs"][0])]))
    path = tmp_path / "f.xml"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Made-up Feed</title>'
                    f"{items}</channel></rss>", encoding="utf-8")
    zh, en = read_path(path)
    assert (zh.language, zh.published) == ("zh", CHINA)
    assert (en.language, en.published) == ("en", US_CENTRAL)


@given(when=st.datetimes(min_value=datetime(1990, 1, 2), max_value=datetime(2090, 12, 30)))
@settings(max_examples=200, deadline=None)
def test_a_cst_stamp_reads_as_either_zone_and_nothing_else(when):
    when = when.replace(microsecond=0)
    stamp = format_datetime(when).replace("-0000", "CST")  # the wall time, written in "CST"
    assert stamp.endswith(" CST")
    assert _published(stamp, **ZH) == (when - timedelta(hours=8)).replace(tzinfo=UTC)
    assert _published(stamp, **EN) == (when + timedelta(hours=6)).replace(tzinfo=UTC)


def test_the_cli_help_says_how_zones_are_read():
    result = subprocess.run([sys.executable, "-m", "articles", "--help"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    text = " ".join(result.stdout.split())
    assert "without a zone is read as UTC" in text and "China Standard Time" in text
