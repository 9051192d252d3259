"""The whole demo corpus in seeds/ ingests with zero rejections."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from articles import ingest, iter_files
from store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.mark.slow
def test_all_seed_files_ingest_without_rejections(tmp_path):
    files = list(iter_files([SEEDS]))
    assert len(files) == 2239  # 2 seeds + 2,237 NBW files of 4-9 Jul 2021 (README.md skipped)
    with Store(tmp_path / "seeds.db") as store:
        report = ingest([SEEDS], store)
        assert report.rejected == []
        # Each file is one new article, a copy of one read before, or a later copy replacing it (a
        # re-fetch with a later time of its own: articles.versions, six in the demo corpus).
        assert report.stored + report.duplicates + report.updated == len(files)
        assert store.count_articles() == report.stored == len(report.article_ids)
        articles = store.articles()
    outlets = Counter(a.outlet for a in articles)
    # Every NBW outlet resolves to its canonical name (no raw "(臺)中央社CNA" or persons).
    assert {"中央社", "法广", "大纪元", "联合早报", "路透", "美国之音", "德国之声", "BBC",
            "自由亚洲电台", "纽约时报", "中国数字时代", "半岛电视台"} <= set(outlets)
    assert not {"(臺)中央社CNA", "乌合麒麟", "unknown"} & set(outlets)
    # CNA writes Traditional characters, the others Simplified.
    scripts = Counter((a.outlet, a.script) for a in articles if a.outlet in ("中央社", "路透"))
    assert scripts[("中央社", "Hant")] == outlets["中央社"]
    assert scripts[("路透", "Hans")] == outlets["路透"]
    for article in articles:
        assert article.text == "\n".join(article.paragraphs)
        assert "获取更多RSS" not in article.text
        assert "<img" not in article.text and "<p>" not in article.text
    # Archive copies of one URL collapse: the VOA seed and its NBW copy among them.
    voa = [a for a in articles if a.url and "5954259" in a.url]
    assert len(voa) == 1 and len(voa[0].source_paths) == 2
