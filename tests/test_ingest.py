"""Ingest on real files: both seed formats, NBW outlets, dedup, idempotence, CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles import Article, Rejection, ingest, read_path
from articles.normalize import canonical_url
from articles.outlets import canonical_outlet
from store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NBW = SEEDS / "nbw-2021-07"
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
ALJAZEERA = SEEDS / "000_299cce44e7b57b22.txt"
VOA = SEEDS / "001_bd7e773d7b869fe3.txt"
VOA_COPY = NBW / "2021-07-05-阿政府军躲避塔利班攻势越境逃亡 塔吉克斯坦加强边防.md"
VOA_URL = (
    "https://www.voachinese.com/a/tajikistan-bolsters-border-as-afhan-troops-fleeing-taliban"
    "-se-refutge-20210705/5954259.html"
)


def only_article(path: Path) -> Article:
    items = list(read_path(path))
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def assert_clean(article: Article) -> None:
    """Nothing of the markup, promo footer or dateline is left in the text."""
    assert article.text == "\n".join(article.paragraphs)
    for paragraph in article.paragraphs:
        assert paragraph and "\n" not in paragraph
        assert paragraph == paragraph.strip()
        assert "<" not in paragraph or ">" not in paragraph, paragraph
        assert "获取更多RSS" not in paragraph and "feedx" not in paragraph
        assert "&nbsp;" not in paragraph and "&amp;" not in paragraph
        assert "  " not in paragraph
    assert article.published.tzinfo is not None
    assert article.published.utcoffset().total_seconds() == 0


# ---- the two seed formats ------------------------------------------------------
def test_hexo_seed_aljazeera_fields():
    article = only_article(ALJAZEERA)
    assert article.outlet == "半岛电视台"
    assert article.title == "阿富汗 塔利班继续推进与塔吉克斯坦请求俄罗斯援助及在多哈和德黑兰的外交运动"
    assert article.url is None  # the Hexo front matter carries no article URL
    assert article.published == datetime(2021, 7, 8, 4, 56, 2, tzinfo=UTC)
    assert (article.language, article.script) == ("zh", "Hans")
    assert article.paragraphs[0].startswith("周三，塔利班向阿富汗北部和西部地区推进")
    assert article.paragraphs[-1].startswith("拉夫罗夫表示，俄罗斯总统普京已与塔吉克斯坦")
    # <h3> headings are paragraphs; the <figure> caption is kept apart.
    assert "安全总部" in article.paragraphs
    assert "塔吉克斯坦的要求" in article.paragraphs
    assert article.captions == ["阿富汗邻国的担忧"]
    assert "阿富汗邻国的担忧" not in article.paragraphs
    assert all("aljazeera.net" not in p and "img" not in p for p in article.paragraphs)
    assert_clean(article)
    assert article.source_paths == [str(ALJAZEERA)]


def test_feed_archive_seed_voa_fields():
    article = only_article(VOA)
    assert article.outlet == "美国之音"
    assert article.title == "阿政府军躲避塔利班攻势越境逃亡 塔吉克斯坦加强边防"
    assert article.url == VOA_URL
    # The dateline (22:41:17 GMT) wins over the archive's epoch comment (22:59:02).
    assert article.published == datetime(2021, 7, 5, 22, 41, 17, tzinfo=UTC)
    assert (article.language, article.script) == ("zh", "Hans")
    assert article.paragraphs[0] == (
        "据路透社从杜尚别报道，塔吉克斯坦总统拉赫蒙星期一(7月5日)下令动员两万名后备役军人，"
        "以加强与阿富汗交界处的防御。在此之前，一千多名阿富汗安全部队成员在塔利班激进分子的攻势下越境逃入塔吉克斯坦。"
    )
    assert article.paragraphs[-1] == "（本文依据了路透社的报道。)"
    assert "“无处可走”" in article.paragraphs
    assert article.captions == ["在阿富汗北部巴达赫尚市附近与塔利班交战的前线，阿富汗政府士兵在路上暂停。(2021年7月4日)"]
    assert not any("Jul 2021" in p or "GMT" in p for p in article.paragraphs)
    assert not any("weserv" in p or "https://" in p for p in article.paragraphs)
    assert_clean(article)


def test_epoch_comment_is_the_last_resort_for_time(tmp_path):
    text = VOA.read_text("utf-8").replace("<div><i>Mon, 05 Jul 2021 22:41:17 GMT</i></div>", "")
    path = tmp_path / "voa-no-dateline.txt"
    path.write_text(text, "utf-8")
    assert only_article(path).published == datetime(2021, 7, 5, 22, 59, 2, tzinfo=UTC)


def test_offsets_of_paragraphs_in_text_are_exact():
    article = only_article(VOA)
    offset = 0
    for paragraph in article.paragraphs:
        assert article.text[offset : offset + len(paragraph)] == paragraph
        offset += len(paragraph) + 1
    assert offset - 1 == len(article.text)


# ---- NBW outlets -----------------------------------------------------------------
def test_traditional_script_cna_article():
    article = only_article(NBW / "2021-07-07-花蓮地震規模5.4 最大震度4級.md")
    assert article.outlet == "中央社"
    assert (article.language, article.script) == ("zh", "Hant")
    assert article.url == "https://www.cna.com.tw/news/firstnews/202107080014.aspx"
    assert article.published == datetime(2021, 7, 7, 22, 34, 2, tzinfo=UTC)
    assert article.paragraphs == [
        "（中央社台北8日電）根據中央氣象局最新資訊，8日6時11分發生芮氏規模5.4地震，地震深度9.6公里，"
        "震央位於花蓮縣政府南偏西方11.4公里(位於花蓮縣壽豐鄉)，最大震度花蓮縣4級。（編輯：陳正健）1100708"
    ]
    assert_clean(article)


def test_cna_related_links_dropped_and_photo_captions_kept_apart():
    article = only_article(NBW / "2021-07-04-1個月募得近14年善款 立陶宛社福機構：歸功台灣人.md")
    assert article.script == "Hant"
    assert not any("延伸閱讀" in p for p in article.paragraphs)
    assert len(article.captions) == 3
    assert all(c.endswith("中央社記者陳韻聿傳真 110年7月4日") for c in article.captions)
    assert not any("傳真 110年7月4日" in p for p in article.paragraphs)
    assert article.paragraphs[-1].endswith("（編輯：林憬屏）1100704")


def test_rfi_article():
    article = only_article(NBW / "2021-07-07-艾尔莎将增为飓风 – 法国国际广播电台 - RFI.md")
    assert article.outlet == "法广"
    assert article.title == "艾尔莎将增为飓风"  # the feed's " – 法国国际广播电台 - RFI" suffix is dropped
    assert article.script == "Hans"
    # RFI's dateline ("07/07/2021 - 09:32", Paris time, no zone) is removed but not
    # trusted; the front matter's UTC date is used.
    assert article.published == datetime(2021, 7, 7, 7, 45, 6, tzinfo=UTC)
    assert article.paragraphs[0] == "（法新社迈阿密6日电） 热带风暴艾尔莎来势汹汹，强度即将增为飓风。"
    assert article.paragraphs[-1] == "© 2021 AFP"
    assert not any("07/07/2021" in p for p in article.paragraphs)
    assert_clean(article)


def test_reuters_article():
    article = only_article(NBW / "2021-07-08-日本将宣布东京进入紧急状态 直至奥运会结束--日经.md")
    assert article.outlet == "路透"
    assert article.url == "https://cn.reuters.com/article/japan-tokyo-emergency-report-0707-wedn-idCNKCS2EE00T"
    # Reuters' own ISO dateline (00:19:55Z) precedes the front matter date (00:31:03Z).
    assert article.published == datetime(2021, 7, 8, 0, 19, 55, tzinfo=UTC)
    assert article.paragraphs == [
        "路透东京7月7日 - 据日本经济新闻报导，日本政府准备在本月宣布东京进入紧急状态，以应对新冠病毒感染上升的情况，"
        "并将紧急状态持续至2020年东京奥运会结束后的8月22日。(完)"
    ]
    assert_clean(article)


def test_bbc_title_tag_and_repeated_headline_removed():
    path = next(NBW.glob("2021-07-04-?Uk? 帮助无家可归猫咪的伦敦咖啡厅.md"))
    article = only_article(path)
    assert article.outlet == "BBC"
    assert article.title == "帮助无家可归猫咪的伦敦咖啡厅"
    assert article.title not in article.paragraphs
    assert article.paragraphs[0].startswith("伦敦一家新的猫咪咖啡厅是9只救援猫咪的新家")


def test_person_author_resolves_to_outlet_by_domain():
    # China Digital Times posts name a person as author; the URL names the outlet.
    path = next(NBW.glob("*.md"))
    for candidate in sorted(NBW.glob("*.md")):
        if "\nauthor: 乌合麒麟\n" in candidate.read_text("utf-8"):
            path = candidate
            break
    else:
        pytest.skip("no China Digital Times post by 乌合麒麟 in seeds/")
    assert only_article(path).outlet == "中国数字时代"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"author": "美国之音"},
        {"author": "VOA"},
        {"categories": ["Voice of America"]},
        {"url": "https://www.voachinese.com/a/x.html"},
        {"author": "美國之音"},
    ],
)
def test_outlet_aliases_collapse_to_one_name(kwargs):
    assert canonical_outlet(**kwargs) == "美国之音"


def test_outlet_table_pairs():
    assert canonical_outlet(author="Aljazeera 半岛网") == canonical_outlet(url="https://chinese.aljazeera.net/a") == "半岛电视台"
    assert canonical_outlet(author="(臺)中央社CNA") == canonical_outlet(url="https://www.cna.com.tw/n") == "中央社"
    # Singapore's CNA shares the alias "CNA"; its own domain tells it apart.
    assert canonical_outlet(author="CNA", url="https://www.channelnewsasia.com/asia/x") == "亚洲新闻台"
    assert canonical_outlet(author="RFI") == canonical_outlet(url="http://www.rfi.fr//cn/x") == "法广"
    assert canonical_outlet(author="Reuters") == canonical_outlet(url="https://cn.reuters.com/a") == "路透"
    assert canonical_outlet(author="联合早报") == canonical_outlet(url="https://www.zaobao.com/r") == "联合早报"
    assert canonical_outlet(author="大紀元") == canonical_outlet(url="https://www.epochtimes.com/gb/x") == "大纪元"
    assert canonical_outlet(author="DW") == canonical_outlet(url="https://www.dw.com/zh/x") == "德国之声"
    assert canonical_outlet(author="BBC中文") == canonical_outlet(url="http://www.bbc.com/zhongwen/simp/x") == "BBC"
    assert canonical_outlet(author="RFA") == canonical_outlet(url="https://www.rfa.org/mandarin/x") == "自由亚洲电台"
    assert canonical_outlet(author="The New York Times") == canonical_outlet(url="https://cn.nytimes.com/x") == "纽约时报"
    # Unknown outlets keep their own name; nothing at all gives None.
    assert canonical_outlet(author="某某日报") == "某某日报"
    assert canonical_outlet(url="https://news.example.org/a") == "news.example.org"
    assert canonical_outlet() is None


def test_an_outlet_keeps_one_name_and_is_shown_in_its_articles_language():
    from articles.build import build_article
    from articles.outlets import outlet_in_language

    when = datetime(2021, 7, 5, tzinfo=UTC)
    english = build_article("r.md", title="Tajikistan calls up reservists", paragraphs=["The border is tense."],
                            published=when, url="https://www.reuters.com/a", author="Reuters")
    chinese = build_article("r2.md", title="塔吉克斯坦征召后备役军人", paragraphs=["边境局势紧张。"],
                            published=when, url="https://cn.reuters.com/a", author="Reuters")
    # One identity (same outlet, counts of outlets, comparison groups); the English name is for display.
    assert english.outlet == chinese.outlet == "路透"
    assert outlet_in_language(english.outlet, english.language) == "Reuters"
    assert outlet_in_language(chinese.outlet, "zh-TW") == outlet_in_language(chinese.outlet, None) == "路透"
    assert outlet_in_language("Some Blog", "en") == "Some Blog"


def test_canonical_url_drops_tracking_and_fragment():
    base = "https://www.voachinese.com/a/x/5954259.html"
    assert canonical_url("HTTPS://WWW.VOAChinese.com/a/x/5954259.html#comments") == base
    assert canonical_url("http://www.voachinese.com/a/x/5954259.html?utm_source=tw&utm_medium=s") == base
    assert canonical_url("https://www.voachinese.com:443/a//x/5954259.html?fbclid=abc") == base
    assert canonical_url(base + "?id=7") != base  # a real query parameter identifies the page
    assert canonical_url("mailto:a@b.c") is None and canonical_url("not a url") is None


# ---- dedup and idempotence ---------------------------------------------------------
def test_voa_seed_and_its_nbw_copy_are_one_article(tmp_path):
    seed, copy = only_article(VOA), only_article(VOA_COPY)
    assert seed.id == copy.id
    assert (seed.title, seed.published, seed.paragraphs) == (copy.title, copy.published, copy.paragraphs)
    with Store(tmp_path / "p.db") as store:
        report = ingest([VOA, VOA_COPY], store)
        assert (report.stored, report.duplicates, report.rejected) == (1, 1, [])
        assert report.article_ids == [seed.id]
        assert store.count_articles() == 1
        stored = store.article(seed.id)
        assert sorted(stored.source_paths) == sorted([str(VOA), str(VOA_COPY)])


def test_reingest_of_unchanged_files_changes_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in (ALJAZEERA, VOA, VOA_COPY):
        shutil.copy2(path, folder / path.name)
    with Store(tmp_path / "p.db") as store:
        first = ingest([folder], store)
        assert (first.stored, first.duplicates, len(first.rejected)) == (2, 1, 0)
        before = [(a.id, a.content_hash, a.source_paths) for a in store.articles()]
        second = ingest([folder], store)
        assert (second.stored, second.duplicates, second.rejected) == (0, 0, [])
        assert second.unchanged_files == 3
        assert sorted(second.article_ids) == sorted(first.article_ids)
        # Touched but identical content: still unchanged (the SHA-1 decides).
        os.utime(folder / VOA.name, ns=(1, 1))
        third = ingest([folder], store)
        assert (third.stored, third.duplicates, third.unchanged_files) == (0, 0, 3)
        assert [(a.id, a.content_hash, a.source_paths) for a in store.articles()] == before


def test_changed_file_is_read_again(tmp_path):
    path = tmp_path / "voa.txt"
    shutil.copy2(VOA, path)
    with Store(tmp_path / "p.db") as store:
        assert ingest([path], store).stored == 1
        path.write_text(VOA.read_text("utf-8").replace("[阿政府军", "[阿富汗政府军", 1), "utf-8")
        report = ingest([path], store)
        # Same URL, so the same article: not stored twice; read from the same file with
        # another title, it replaces the stored one.
        assert (report.stored, report.updated, report.duplicates, report.unchanged_files) == (0, 1, 0, 0)
        assert store.count_articles() == 1
        assert store.articles()[0].title.startswith("阿富汗政府军")


def test_a_failing_file_loses_nothing_stored_before(tmp_path, monkeypatch):
    with Store(tmp_path / "p.db") as store:
        voa_id = only_article(VOA).id
        original = Store.add_article

        def failing_add(self, article, fingerprint=None):
            if article.id == voa_id:
                raise RuntimeError("disk full")
            return original(self, article, fingerprint)

        monkeypatch.setattr(Store, "add_article", failing_add)
        report = ingest([ALJAZEERA, VOA], store)
        assert report.stored == 1
        assert [r.source_path for r in report.rejected] == [str(VOA)]
        assert "could not be stored" in report.rejected[0].error
        assert [a.outlet for a in store.articles()] == ["半岛电视台"]


def test_folder_walk_is_sorted_recursive_and_skips_hidden_and_readme(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    shutil.copy2(VOA, tmp_path / "b" / "voa.txt")
    shutil.copy2(ALJAZEERA, tmp_path / "a.txt")
    shutil.copy2(VOA, tmp_path / ".hidden" / "voa.txt")
    shutil.copy2(VOA, tmp_path / ".dotfile.txt")
    (tmp_path / "README.md").write_text("# notes", "utf-8")
    (tmp_path / "b" / "style.css").write_text("body {}", "utf-8")
    from articles import iter_files

    assert [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])] == ["a.txt", "b/voa.txt"]


# ---- other formats ----------------------------------------------------------------
def test_html_page_via_trafilatura_dedups_with_the_archive_copy():
    article = only_article(FIXTURES / "voa-page.html")
    assert article.id == only_article(VOA).id  # canonical link = the archive's URL
    assert article.outlet == "美国之音"
    assert article.published == datetime(2021, 7, 5, 22, 41, 17, tzinfo=UTC)
    assert article.paragraphs == only_article(VOA).paragraphs
    assert article.captions == ["在阿富汗北部巴达赫尚市附近与塔利班交战的前线，阿富汗政府士兵在路上暂停。(2021年7月4日)"]
    assert not any("相关新闻" in p or "首页" in p or "© 2021" in p for p in article.paragraphs)


def test_rss_entries_are_articles():
    items = list(read_path(FIXTURES / "feed.rss"))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Rejection"]
    dw, rfa, no_date = items
    assert dw.outlet == "德国之声" and rfa.outlet == "自由亚洲电台"
    assert dw.published == datetime(2021, 7, 4, 8, 47, 5, tzinfo=UTC)
    assert rfa.published == datetime(2021, 7, 5, 3, 5, tzinfo=UTC)  # +0800 converted to UTC
    assert dw.source_paths == [f"{FIXTURES / 'feed.rss'}#1"]
    assert dw.paragraphs[1].startswith("(德国之声中文网)1854年参与巴拿马铁路建设")
    assert "巴拿马城中国城" in dw.captions
    assert no_date.source_path.endswith("feed.rss#3") and no_date.error == "no publication date"
    for article in (dw, rfa):
        assert_clean(article)


def test_atom_entries_are_articles():
    bbc, cna = list(read_path(FIXTURES / "feed.atom"))
    assert (bbc.outlet, bbc.title) == ("BBC", "帮助无家可归猫咪的伦敦咖啡厅")
    assert bbc.published == datetime(2021, 7, 4, 8, 14, 38, tzinfo=UTC)
    assert cna.outlet == "中央社" and cna.script == "Hant"
    assert cna.published == datetime(2021, 7, 7, 22, 30, tzinfo=UTC)
    assert cna.paragraphs[0].startswith("（中央社台北8日電）")


CUSTOM_FIELDS = {
    "id": "uid", "outlet": "source", "date": "published_at", "title": "headline", "url": "link", "text": "body",
}


@pytest.mark.parametrize("name", ["custom-fields.jsonl", "custom-fields.csv"])
def test_jsonl_and_csv_with_custom_field_names(name):
    items = list(read_path(FIXTURES / name, fields=CUSTOM_FIELDS))
    articles = [i for i in items if isinstance(i, Article)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [a.outlet for a in articles] == ["路透", "中央社", "德国之声"]
    assert articles[1].script == "Hant"
    assert articles[0].published == datetime(2021, 7, 8, 0, 31, 3, tzinfo=UTC)
    assert articles[0].id == only_article(NBW / "2021-07-08-日本将宣布东京进入紧急状态 直至奥运会结束--日经.md").id
    assert len(articles[2].paragraphs) > 10
    reasons = sorted(r.error for r in rejections)
    if name.endswith(".jsonl"):
        assert reasons[0].startswith("invalid JSON") and rejections[0].source_path.endswith("#3")
        assert reasons[1] == "no publication date"
    else:
        assert reasons == ["no publication date"]


def test_jsonl_default_fields_match_the_shared_corpus_schema(tmp_path):
    line = (
        '{"id": "x", "outlet": "BBC", "date": "2021-01-05T01:25:40.000Z", "title": "[World] 南茜·佩洛西",'
        ' "url": "http://www.bbc.com/zhongwen/simp/world-55528058", "text": "第一段。\\n第二段。"}'
    )
    path = tmp_path / "sample.jsonl"
    path.write_text(line + "\n", "utf-8")
    (article,) = read_path(path)
    assert (article.outlet, article.title, article.paragraphs) == ("BBC", "南茜·佩洛西", ["第一段。", "第二段。"])
    assert article.source_paths == [f"{path}#1"]


def test_csv_without_the_mapped_columns_is_rejected_with_the_columns_named():
    (rejection,) = read_path(FIXTURES / "custom-fields.csv")  # default names: no 'title'/'date'
    assert isinstance(rejection, Rejection)
    assert "no 'title' / 'date' / 'text' column" in rejection.error and "headline" in rejection.error


# ---- CLI --------------------------------------------------------------------------
def test_cli_prints_rejections_and_one_summary_line(tmp_path):
    db = tmp_path / "cli.db"
    result = subprocess.run(
        [sys.executable, "-m", "articles", str(ALJAZEERA), str(VOA), str(VOA_COPY),
         str(FIXTURES / "empty.md"), str(FIXTURES / "no-date.md"), "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # Everything on stderr (stdout is for data): the rejections, then the summary.
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"{FIXTURES / 'empty.md'}: empty file", f"{FIXTURES / 'no-date.md'}: no publication date",
        "2 new articles, 1 already stored, 2 rejected (1 article read from more than one file or record)"]
    with Store(db) as store:
        assert store.count_articles() == 2
        assert len(store.rejections()) == 2


def test_gzipped_jsonl_is_read(tmp_path):
    import gzip

    line = ('{"outlet": "路透", "date": "2021-07-08T00:31:03Z", "title": "标题",'
            ' "url": "https://cn.reuters.com/article/x", "text": "正文。"}\n')
    path = tmp_path / "part.jsonl.gz"
    path.write_bytes(gzip.compress(line.encode("utf-8") * 2))
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert items[1].source_paths == [f"{path}#2"] and items[0].id == items[1].id


def test_corrupt_and_oversized_gzip_are_rejected(tmp_path):
    import gzip

    corrupt = tmp_path / "bad.jsonl.gz"
    payload = "".join(f'{{"title": "{n}", "n": {n * n}}}\n' for n in range(2000)).encode()
    compressed = gzip.compress(payload)
    corrupt.write_bytes(compressed[: len(compressed) // 2])  # a download cut in half
    # The records before the cut are read (each refused here: no date, no text), then one line.
    *records, last = read_path(corrupt)
    assert str(last).startswith(f"{corrupt}: truncated gzip file") and 0 < len(records) < 2000
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b" " * 3_000_000))
    (rejection,) = read_path(bomb, max_bytes=1_000_000)
    assert rejection.error.startswith("file too large once decompressed")


def test_ingest_accepts_a_single_path_and_shows_progress(tmp_path, capsys):
    with Store(tmp_path / "p.db") as store:
        report = ingest(str(VOA), store, progress=True)
    assert report.stored == 1
    assert "ingest" in capsys.readouterr().err  # tqdm's bar, on stderr


def test_jsonl_splits_records_on_newlines_only_and_names_a_missing_text_field(tmp_path):
    import json

    path = tmp_path / "sep.jsonl"
    good = {"title": "标题\u2028续", "date": "2021-07-01T00:00:00Z", "text": "第一段\u2028仍是第一段\n第二段"}
    wrong = {"title": "标题", "date": "2021-07-01T00:00:00Z", "body": "正文"}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps(wrong) + "\n", "utf-8")
    article, rejection = read_path(path)
    assert article.title == "标题 续"
    assert len(article.paragraphs) >= 2 and article.paragraphs[-1] == "第二段"
    assert str(rejection) == f"{path}#2: no 'text' field (the article text)"


def test_cli_field_mapping_and_bad_field_option(tmp_path):
    db = tmp_path / "cli.db"
    command = [sys.executable, "-m", "articles", str(FIXTURES / "custom-fields.csv"), "--db", str(db)]
    mapping = [f"--field={k}={v}" for k, v in CUSTOM_FIELDS.items()]
    result = subprocess.run(command + mapping, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines() == [f"{FIXTURES / 'custom-fields.csv'}#4: no publication date",
                                                  "3 new articles, 0 already stored, 1 rejected"]
    bad = subprocess.run(command + ["--field", "headline"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "NAME=COLUMN" in bad.stderr


def test_cli_exits_1_when_every_input_failed_and_0_once_an_article_is_read(tmp_path, capsys):
    from articles.__main__ import main

    db = str(tmp_path / "exit.db")
    missing = str(tmp_path / "nosuch.md")
    big = tmp_path / "big.md"
    big.write_text(VOA.read_text("utf-8"), "utf-8")
    assert main([missing, str(big), "--max-bytes", "100", "--db", db]) == 1
    err = capsys.readouterr().err
    assert f"{missing}: no such file" in err and f"{big}: file too large" in err
    assert main([str(VOA), missing, "--db", db]) == 0  # stored one; the missing one is a rejection line
    assert main([str(VOA), missing, "--db", db]) == 0  # unchanged and skipped: still read
    (tmp_path / "empty").mkdir()
    assert main([str(tmp_path / "empty"), "--db", db]) == 0  # nothing to read, nothing refused


def test_a_field_mapping_that_does_not_fit_a_file_is_named_in_its_rejections(tmp_path, capsys):
    import json

    from articles.__main__ import main

    fits, other = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    fits.write_text(json.dumps({"headline": "标题", "date": "2021-07-01", "text": "正文。"}) + "\n", "utf-8")
    other.write_text(json.dumps({"title": "标题二", "date": "2021-07-01", "text": "正文。"}) + "\n"
                     + json.dumps({"title": "标题三", "text": "正文。"}) + "\n", "utf-8")
    assert main([str(fits), str(other), "--field", "title=headline", "--db", str(tmp_path / "f.db")]) == 0
    # One line for the file the mapping does not fit, not one per record.
    assert capsys.readouterr().err.splitlines() == [
        f"{other}: 2 of 2 records have no 'headline' field (the first has: title, date, text; --field "
        "title=headline does not fit this file; --field b.jsonl:title=NAME maps this file alone)",
        "1 new article, 0 already stored, 1 rejected",
        f"{fits}: 1 article without an outlet or URL, stored as outlet 'unknown' (name it: an outlet field or "
        "column, or outlet: in a front matter)",
    ]
    (rejection,) = list(read_path(other))[1:]  # default names: the date field is missing
    assert rejection.error == "no publication date (no 'date' field; --field date=NAME reads another)"


# ---- an outlet's services ----------------------------------------------------------
def test_rfa_cantonese_and_mandarin_are_two_outlets_when_the_url_tells():
    cantonese = canonical_outlet(url="https://www.rfa.org/cantonese/news/made-up-01012020.html")
    assert cantonese == "自由亚洲电台粤语" != canonical_outlet(url="https://www.rfa.org/mandarin/x.html")
    # The Mandarin service keeps the name every stored RFA article has (the seeds are all Mandarin).
    assert canonical_outlet(url="https://www.rfa.org/mandarin/x.html") == "自由亚洲电台"
    assert canonical_outlet(url="https://www.rfa.org/english/x.html") == "自由亚洲电台"
    assert canonical_outlet(url="https://rfa.org/") == "自由亚洲电台"
    assert canonical_outlet(url="https://www.rfa.org/Cantonese/x") == cantonese  # paths case-folded
    assert canonical_outlet(url="https://www.rfa.org/cantonese-extra/x") == "自由亚洲电台"  # a whole segment
    # The URL outranks an author line, as for any outlet (an archive's author: 自由亚洲电台).
    assert canonical_outlet(author="自由亚洲电台", url="https://www.rfa.org/cantonese/x") == cantonese
    # The service's own names.
    for alias in ("RFA Cantonese", "自由亞洲電台粵語", "RFA粤语"):
        assert canonical_outlet(author=alias) == cantonese
    assert canonical_outlet(author="RFA Mandarin") == "自由亚洲电台"


def test_an_explicit_outlet_field_keeps_rfa_whole():
    from articles.build import build_article

    when = datetime(2020, 1, 2, tzinfo=UTC)
    url = "https://www.rfa.org/cantonese/news/made-up-01022020.html"
    common = {"title": "虛構的標題", "paragraphs": ["一段虛構的報道。"], "published": when, "url": url}
    assert build_article("a.md", author="自由亚洲电台", **common).outlet == "自由亚洲电台粤语"
    # A record that names its outlet outright (a JSON Lines outlet column, a front matter outlet:)
    # keeps the outlet it names: stored data keeps its outlet.
    assert build_article("b.jsonl#1", outlet="RFA", **common).outlet == "自由亚洲电台"
    assert build_article("c.jsonl#1", outlet="RFA Cantonese", **common).outlet == "自由亚洲电台粤语"


def _service_labels(cantonese_url: str, mandarin_url: str) -> list[str]:
    """How a Cantonese (Traditional) and a Mandarin (Simplified) made-up report of one outlet's two
    services are labelled side by side."""
    from articles.build import build_article
    from articles.outlets import edition_names

    when = datetime(2020, 1, 2, tzinfo=UTC)
    cantonese = build_article("a.md", title="虛構的標題", paragraphs=["這是一段虛構的報道，為測試而寫。"],
                              published=when, url=cantonese_url)
    mandarin = build_article("b.md", title="虚构的标题", paragraphs=["这是一段虚构的报道，为测试而写。"],
                             published=when, url=mandarin_url)
    names = edition_names([cantonese, mandarin])
    return [names[cantonese.id], names[mandarin.id]]


def test_the_two_rfa_services_are_labelled_apart():
    assert _service_labels("https://www.rfa.org/cantonese/news/a.html", "https://www.rfa.org/mandarin/b.html") == [
        "自由亞洲電台粵語", "自由亚洲电台"]


@given(host=st.sampled_from(["rfa.org", "www.rfa.org", "WWW.RFA.ORG"]),
       path=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="#?"), max_size=40))
@settings(max_examples=200, deadline=None)
def test_every_rfa_url_is_one_of_its_two_outlets_and_only_cantonese_paths_are_cantonese(host, path):
    url = f"https://{host}/{path}"
    found = canonical_outlet(url=url)
    try:
        from urllib.parse import urlsplit

        first = urlsplit(url).path.lstrip("/").split("/", 1)[0].casefold()
    except ValueError:
        first = None
    assert found == ("自由亚洲电台粤语" if first == "cantonese" else "自由亚洲电台")


# ---- a page's outlet from its own address --------------------------------------------
_PAGE_BODY = "<p>" + "这是一段为测试而虚构的新闻正文，用来检验网页的读取。" * 4 + "</p>"


def _page(head: str = "", before: str = "") -> str:
    return (f"{before}<html><head><title>虚构的标题</title>{head}"
            '<meta property="article:published_time" content="2020-01-02T03:04:05Z"></head>'
            f"<body><article><h1>虚构的标题</h1>{_PAGE_BODY}</article></body></html>")


def _read_page(tmp_path: Path, text: str) -> Article:
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    (article,) = read_path(path)
    assert isinstance(article, Article), article
    return article


def test_a_page_without_a_site_name_takes_its_outlet_from_its_own_address(tmp_path):
    # Already so for a canonical link and og:url (host, "www." dropped; a known host its outlet).
    canonical = '<link rel="canonical" href="https://www.example-daily.org/a/1.html">'
    assert _read_page(tmp_path, _page(canonical)).outlet == "example-daily.org"
    og = '<meta property="og:url" content="https://www.rfa.org/cantonese/news/a.html">'
    assert _read_page(tmp_path, _page(og)).outlet == "自由亚洲电台粤语"
    assert _read_page(tmp_path, _page()).outlet == "unknown"  # nothing names it


@pytest.mark.parametrize("comment", [
    "<!-- saved from url=(0041)https://www.example-daily.org/a/1.html -->\n",  # Chrome, Edge, IE
    "<!--\n Page saved with SingleFile \n url: https://www.example-daily.org/a/1.html \n"
    " saved date: Thu Jan 02 2020 11:00:00 GMT+0800\n-->\n",
])
def test_a_saved_page_takes_its_address_from_where_the_browser_saved_it(tmp_path, comment):
    article = _read_page(tmp_path, "<!DOCTYPE html>\n" + _page(before=comment))
    assert article.outlet == "example-daily.org"
    assert article.url == "https://www.example-daily.org/a/1.html"
    # The page's own canonical address comes first.
    canonical = '<link rel="canonical" href="https://www.reuters.com/world/x">'
    assert _read_page(tmp_path, _page(canonical, before=comment)).url == "https://www.reuters.com/world/x"


def test_a_page_saved_from_no_web_address_stays_unknown(tmp_path):
    for comment in ("<!-- saved from url=(0014)about:internet -->", "<!-- saved from url=(0004)file -->"):
        assert _read_page(tmp_path, _page(before=comment)).outlet == "unknown"


@given(host=st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z]{2,6}){1,2}", fullmatch=True),
       path=st.from_regex(r"[A-Za-z0-9/._%?=&-]{0,60}", fullmatch=True),
       noise=st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_the_saved_from_note_gives_back_the_address_written_in_it(host, path, noise):
    from articles.htmlpage import _saved_from

    url = f"https://{host}/{path}"
    assert _saved_from(f"<!-- saved from url=({len(url):04d}){url} -->{noise}") == url
    assert _saved_from(f"<!--\n Page saved with SingleFile \n url: {url} \n saved date: x\n-->{noise}") == url
    found = _saved_from(noise)  # any text: None or a web address, never an exception
    assert found is None or found.startswith(("http://", "https://"))


def test_voa_cantonese_is_its_own_outlet():
    from articles.outlets import outlet_in_language

    cantonese = canonical_outlet(url="https://www.voacantonese.com/a/made-up-01012020/1.html")
    assert cantonese == "美国之音粤语"
    # VOA's Mandarin service and VOA as a whole keep 美国之音 (the name stored VOA articles have).
    for url in ("https://www.voachinese.com/a/x.html", "https://www.voanews.com/a/x.html", "https://voatibetan.com/a"):
        assert canonical_outlet(url=url) == "美国之音"
    assert canonical_outlet(author="美国之音", url="https://www.voacantonese.com/a/x.html") == cantonese
    for alias in ("VOA Cantonese", "美國之音粵語", "美国之音粤语", "Voice of America Cantonese"):
        assert canonical_outlet(author=alias) == cantonese
    assert canonical_outlet(author="VOA") == canonical_outlet(author="美國之音") == "美国之音"
    assert outlet_in_language(cantonese, "en") == "Voice of America Cantonese"
    assert _service_labels("https://www.voacantonese.com/a/a.html", "https://www.voachinese.com/a/b.html") == [
        "美國之音粵語", "美国之音"]
