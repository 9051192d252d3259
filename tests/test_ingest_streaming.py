"""Large JSON Lines / CSV files stream record by record; ingest stores them in batches.

Memory is checked with tracemalloc bounds that a whole-file read cannot meet
(no timing assertions: speed is measured by benchmarks/bench_ingest.py).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import inspect
import io
import itertools
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articles
from articles import Article, Rejection, ingest, read_path
from articles.reader import HEAD_BYTES, TRUNCATED_GZIP
from articles.tabular import read_csv_text, read_jsonl_text
from store.sqlite import Store


def record(n: int, text_repeat: int = 5) -> dict:
    return {
        "outlet": "路透",
        "date": f"2021-07-{1 + n % 28:02d}T00:00:00Z",
        "title": f"第{n}号新闻标题",
        "url": f"https://cn.reuters.com/article/{n}",
        "text": f"第{n}条新闻的第一段。\n" + "正文" * text_repeat,
    }


def write_jsonl(path: Path, count: int, **kwargs) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps(record(n, **kwargs), ensure_ascii=False) + "\n")
    return path


def traced_peak(run) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = run()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_large_jsonl_is_read_lazily(tmp_path):
    path = write_jsonl(tmp_path / "big.jsonl", 20_000)
    size = path.stat().st_size  # about 4.2 MB
    items = read_path(path)
    assert inspect.isgenerator(items)
    first, peak = traced_peak(lambda: list(itertools.islice(items, 10)))
    items.close()
    assert [a.source_paths for a in first[:2]] == [[f"{path}#1"], [f"{path}#2"]]
    # Reading the whole file first (bytes + decoded text + its lines) peaks above 8 MB here;
    # streaming holds the 256 KB head and its decoded text.
    assert peak < 10 * HEAD_BYTES < size / 1.5, f"peak {peak:,} bytes for the first 10 of a {size:,}-byte file"


def test_large_jsonl_ingests_with_memory_bounded_by_a_batch(tmp_path):
    count = 10_000  # 2.1 MB; enough to tell a batch from the file, and quick under tracemalloc
    path = write_jsonl(tmp_path / "big.jsonl", count)
    with Store(tmp_path / "s.db") as store:
        report, peak = traced_peak(lambda: ingest(path, store))
        assert (report.stored, report.duplicates, report.rejected) == (count, 0, [])
        assert store.count_articles() == count
        # Allowance: one batch of 1,000 small articles plus the read head (3 MB), and the
        # ids the report returns by design (~170 bytes each). Before streaming: ~19 MB.
        bound = 3_000_000 + 250 * count
        assert peak < bound, f"peak {peak:,} bytes (bound {bound:,})"
        again = ingest(path, store)
        assert (again.unchanged_files, again.stored, again.duplicates) == (1, 0, 0)
        assert len(again.article_ids) == count


class FailingStore(Store):
    """A store whose disk 'fails' on the N-th article write."""

    def __init__(self, path, fail_at: int):
        super().__init__(path)
        self.fail_at = fail_at
        self.writes = 0

    def add_article(self, article, fingerprint=None):
        self.writes += 1
        if self.writes == self.fail_at:
            raise OSError("disk I/O error")
        return super().add_article(article, fingerprint)


def test_a_failure_mid_file_keeps_earlier_batches_and_the_file_is_read_again(tmp_path):
    path = write_jsonl(tmp_path / "big.jsonl", 2_500)
    db = tmp_path / "s.db"
    with FailingStore(db, fail_at=1_500) as store:
        report = ingest(path, store, batch_size=1_000)
        assert report.stored == 1_000  # the first batch; the second was rolled back
        assert [r.source_path for r in report.rejected] == [str(path)]
        assert "could not be stored (OSError: disk I/O error)" in report.rejected[0].error
        assert store.count_articles() == 1_000
    with Store(db) as store:
        again = ingest(path, store, batch_size=1_000)
        assert (again.unchanged_files, again.stored, again.duplicates) == (0, 1_500, 1_000)
        assert ingest(path, store).unchanged_files == 1  # now complete


def test_gzip_over_the_cap_part_way_keeps_the_records_before(tmp_path):
    path = tmp_path / "big.jsonl.gz"
    payload = "".join(json.dumps(record(n), ensure_ascii=False) + "\n" for n in range(3_000)).encode()
    path.write_bytes(gzip.compress(payload))
    cap = 400_000
    assert path.stat().st_size < cap < len(payload) and HEAD_BYTES < cap
    items = list(read_path(path, max_bytes=cap))
    *records, last = items
    lines_within_cap = payload[:cap].count(b"\n")
    assert len(records) == lines_within_cap and all(isinstance(a, Article) for a in records)
    assert records[-1].source_paths == [f"{path}#{lines_within_cap}"]
    assert str(last) == (f"{path}: file too large once decompressed (over 400,000 bytes); stopped at line "
                         f"{lines_within_cap + 1:,}, the records before it were read; raise the limit with --max-bytes")
    with Store(tmp_path / "s.db") as store:
        report = ingest(path, store, max_bytes=cap)
        assert report.stored == lines_within_cap and [str(r) for r in report.rejected] == [str(last)]
        assert [str(r) for r in store.rejections()] == [str(last)]
        whole = ingest(path, store, max_bytes=len(payload))  # a larger cap reads it again, to its end
        assert (whole.unchanged_files, whole.stored, whole.rejected) == (0, 3_000 - lines_within_cap, [])


def test_corrupt_gzip_part_way_keeps_the_records_before(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    # Hash-derived text compresses poorly, so the cut lands well past the 256 KB head.
    payload = "".join(
        json.dumps({**record(n), "text": hashlib.sha256(str(n).encode()).hexdigest() * 4}) + "\n"
        for n in range(4_000)
    ).encode()
    compressed = gzip.compress(payload)
    path.write_bytes(compressed[: len(compressed) * 8 // 10])
    *records, last = read_path(path)
    assert len(records) * len(payload) // 4_000 > HEAD_BYTES
    assert all(isinstance(a, Article) for a in records)
    assert last.source_path == str(path)
    assert last.error == f"{TRUNCATED_GZIP}; stopped at line {len(records) + 1:,}, the records before it were read"


def test_streamed_files_read_exactly_like_whole_files(tmp_path):
    """Encodings, BOM, U+2028 in JSON strings, CSV quoted newlines and CR line endings."""
    rows = [{**record(n), "text": f"第{n}条\u2028第一段。\n第二段“引语”。" + "正文" * 60} for n in range(2_000)]
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    cases = []
    for encoding in ("utf-8", "utf-8-sig", "gb18030"):
        path = tmp_path / f"records-{encoding}.jsonl"
        path.write_bytes(jsonl.encode(encoding))
        cases.append((path, read_jsonl_text(jsonl, str(path))))
    for terminator, encoding in (("\r\n", "gb18030"), ("\r", "utf-8")):
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, list(rows[0]), lineterminator=terminator, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows({**r, "title": r["title"].replace("0", "\u2028")} for r in rows)
        path = tmp_path / f"records-{encoding}-{len(terminator)}.csv"
        path.write_bytes(buffer.getvalue().encode(encoding))
        cases.append((path, read_csv_text(buffer.getvalue(), str(path))))
    for path, expected in cases:
        assert path.stat().st_size > HEAD_BYTES  # so it streams
        items = read_path(path)
        assert inspect.isgenerator(items)
        got = list(items)
        assert len(got) == 2_000 and all(isinstance(a, Article) for a in got), path.name
        assert got == list(expected), path.name


def test_an_undecodable_line_in_a_streamed_jsonl_rejects_that_record_only(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps(record(n), ensure_ascii=False).encode() + b"\n" for n in range(3_000)]
    lines[2_500] = json.dumps(record(2_500), ensure_ascii=False).encode("big5", "replace") + b"\n"
    path.write_bytes(b"".join(lines))
    items = list(read_path(path))
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [str(r) for r in rejections] == [f"{path}#2501: invalid utf-8 text"]
    assert len(items) == 3_000


@pytest.mark.parametrize("count", [5, 3_000])  # read whole / streamed
def test_an_undecodable_line_near_the_top_rejects_that_record_only(tmp_path, count):
    """One corrupt record in the first lines is one rejection, in a small file and in the head
    of a large one: the file is not taken for another encoding and refused (or misread) whole."""
    path = tmp_path / "top.jsonl"
    lines = [json.dumps(record(n), ensure_ascii=False).encode() + b"\n" for n in range(count)]
    lines[1] = b'{"text": "\xff\xfe"}\n'
    path.write_bytes(b"".join(lines))
    items = list(read_path(path))
    assert [str(i) for i in items if isinstance(i, Rejection)] == [f"{path}#2: invalid utf-8 text"]
    articles_read = [i for i in items if isinstance(i, Article)]
    assert len(articles_read) == count - 1
    assert articles_read[0].title == record(0)["title"]


def test_max_input_bytes_is_the_default_cap_everywhere():
    assert articles.MAX_INPUT_BYTES == 20 * 1024 * 1024
    assert inspect.signature(ingest).parameters["max_bytes"].default == articles.MAX_INPUT_BYTES
    assert inspect.signature(read_path).parameters["max_bytes"].default == articles.MAX_INPUT_BYTES


def test_a_plain_file_over_the_cap_reads_as_its_gzip_copy_does(tmp_path):
    """JSON Lines and CSV stream, so a plain file over the cap is read up to it and stops with
    the line it stopped at, as its gzip'd copy is; a format held whole is refused whole."""
    cap = 400_000
    plain = write_jsonl(tmp_path / "big.jsonl", 3_000)
    packed = tmp_path / "big.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    *records, last = read_path(plain, max_bytes=cap)
    *packed_records, packed_last = read_path(packed, max_bytes=cap)
    lines_within_cap = plain.read_bytes()[:cap].count(b"\n")
    assert len(records) == len(packed_records) == lines_within_cap
    assert [a.id for a in records] == [a.id for a in packed_records]
    assert last.error == (f"file too large (over 400,000 bytes); stopped at line {lines_within_cap + 1:,}, "
                          "the records before it were read; raise the limit with --max-bytes")
    assert packed_last.error == last.error.replace("too large", "too large once decompressed")
    csv_path = tmp_path / "big.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(record(0)))
        writer.writeheader()
        writer.writerows(record(n) for n in range(3_000))
    *rows, csv_last = read_path(csv_path, max_bytes=cap)
    assert rows and all(isinstance(a, Article) for a in rows) and "stopped at line" in csv_last.error
    feed = tmp_path / "big.xml"
    feed.write_text("<rss><channel>" + "<item><title>x</title></item>" * 20_000 + "</channel></rss>", "utf-8")
    (refused,) = read_path(feed, max_bytes=cap)
    assert refused.error == (f"file too large ({feed.stat().st_size:,} bytes; the limit is 400,000); "
                             "raise the limit with --max-bytes")
    (small_cap,) = read_path(plain, max_bytes=1_000)  # a cap under the head: refused whole, as gzip'd
    assert small_cap.error.startswith("file too large (") and small_cap.error.endswith("--max-bytes")


@pytest.mark.parametrize("rows", [5, 3_000])  # read whole / streamed
def test_an_undecodable_csv_row_is_refused_and_the_rest_is_read(tmp_path, rows):
    """One row with a byte that does not decode is one rejection naming it; the rows after it
    are read (reading used to stop there: 'the rest of the file was not read')."""
    path = tmp_path / "export.csv"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(record(0)), lineterminator="\n")
    writer.writeheader()
    for n in range(rows):
        writer.writerow(record(n))
    lines = out.getvalue().encode().split(b"\n")
    bad = lines[3].replace("第".encode(), b"\xff", 1)  # row 2 (each row spans two lines: its text has a line break)
    path.write_bytes(b"\n".join([*lines[:3], bad, *lines[4:]]))
    items = list(read_path(path))
    rejections = [str(i) for i in items if isinstance(i, Rejection)]
    assert rejections == [f"{path}#2: invalid utf-8 text"]
    assert len([i for i in items if isinstance(i, Article)]) == rows - 1


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 30), cut=st.floats(0.05, 0.99), csv_file=st.booleans())
def test_a_small_gzip_cut_short_gives_its_whole_records_then_one_line(tmp_path_factory, n, cut, csv_file):
    """A small drop cut short in delivery (read whole, not streamed) keeps the records before the
    cut, each whole, as a big one and a cut feed do; it was refused whole ("corrupt gzip file")."""
    records = [record(i) for i in range(n)]
    if csv_file:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
        raw, name = buffer.getvalue().encode(), "cut.csv.gz"
    else:
        raw, name = "".join(json.dumps(r) + "\n" for r in records).encode(), "cut.jsonl.gz"
    data = gzip.compress(raw)
    path = tmp_path_factory.mktemp("cut") / name
    path.write_bytes(data[: max(11, int(len(data) * cut))])
    *items, last = read_path(path)
    assert isinstance(last, Rejection) and last.source_path == str(path)
    assert last.error.startswith(TRUNCATED_GZIP)
    read = [a for a in items if isinstance(a, Article)]
    by_title = {r["title"]: r for r in records}
    assert [a.title for a in read] == [r["title"] for r in records[: len(read)]]  # a prefix, in order
    assert all("".join(a.text.split()) == "".join(by_title[a.title]["text"].split()) for a in read)  # whole
    assert len(read) <= n  # (a cut in the gzip trailer alone keeps every record)


def test_a_gzip_with_bad_bytes_is_corrupt_not_truncated(tmp_path):
    data = bytearray(gzip.compress(("".join(json.dumps(record(i)) + "\n" for i in range(50))).encode()))
    data[len(data) // 2: len(data) // 2 + 8] = b"\xff" * 8
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(bytes(data))
    assert list(read_path(path))[-1].error.startswith(("corrupt gzip file", "unreadable"))
