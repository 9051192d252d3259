"""Ingest fixes from the shared-dashboard issue: bare YAML dates and the per-upload caps."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import articles
from articles.ingest import articles_cap_message, records_cap_message
from articles.normalize import parse_datetime
from store import Store


def test_bare_yaml_date_in_front_matter_is_the_publication_day(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: 'A post with a bare date'\nauthor: Test Wire\ndate: 2021-07-05\n---\n\n"
        "The body of the post, long enough to be an article. " * 3,
        encoding="utf-8",
    )
    (found,) = list(articles.read_path(post))
    assert isinstance(found, articles.Article), found
    assert found.published == datetime(2021, 7, 5, tzinfo=UTC)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_any_date_is_midnight_utc(day: date) -> None:
    assert parse_datetime(day) == datetime(day.year, day.month, day.day, tzinfo=UTC)


def _jsonl_gz(path: Path, n: int) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for i in range(n):
            record = {
                "title": f"Record {i}",
                "date": "2021-07-05T00:00:00Z",
                "url": f"https://example.org/{i}",
                "text": f"Body of record {i}, with a few words.",
                "outlet": "Test Wire",
            }
            out.write(json.dumps(record) + "\n")
    return path


def test_records_per_upload_cap_stops_with_one_line(tmp_path: Path) -> None:
    # A gzip under a .jsonl name, as in the issue (305k records from 1 MB), smaller.
    big = _jsonl_gz(tmp_path / "many.jsonl", 2_500)
    other = _jsonl_gz(tmp_path / "more.jsonl", 10)
    with Store(tmp_path / "s.db") as store:
        report = articles.ingest([big, other], store, max_records=1_200, batch_size=500)
        assert report.stored == 1_200 == store.count_articles()
        assert report.stopped == records_cap_message(1_200)
        lines = [str(r) for r in report.rejected]
        assert lines == [f"{big}: {records_cap_message(1_200)}", f"{other}: {records_cap_message(1_200)}"]
        assert "records-per-upload cap" in lines[0]


def test_new_articles_cap_and_exact_fit(tmp_path: Path) -> None:
    path = _jsonl_gz(tmp_path / "ten.jsonl", 10)
    with Store(tmp_path / "s.db") as store:
        exact = articles.ingest(path, store, max_new_articles=10)
        assert exact.stored == 10 and exact.stopped is None and not exact.rejected
    with Store(tmp_path / "t.db") as store:
        capped = articles.ingest(path, store, max_new_articles=4)
        assert capped.stored == 4
        assert [r.error for r in capped.rejected] == [articles_cap_message(4)]
