"""A JSON Lines or CSV text's opening stamp line (09/02/2021 - 15:32, Tue, 09 Feb 2021 20:01:36
GMT, 2021-02-10T03:48:05.292Z, Feb 10th 2021) is dropped from the body, as the archive reader
drops an archive's dateline: it is no sentence (the comparison aligned two outlets' stamps and
read the day of one as a count)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from articles import read_path
from articles.timestamps import STAMP_LINE, split_stamp_line

STAMPS = ["09/02/2021 - 15:32", "Tue, 09 Feb 2021 20:01:36 GMT", "2021-02-10T03:48:05.292Z", "Feb 10th 2021",
          "July 1st 2021", "2021年2月9日 15:32"]
# Lines that hold a date among other words are sentences, kept.
SENTENCES = ["On Feb 10th 2021 the army struck.", "2021年2月9日，军方宣布紧急状态。", "Tue, 09 Feb 2021 was cold.",
             "Protesters gathered on 09/02/2021 - 15:32 in Yangon."]


def test_each_stamp_form_is_a_stamp_line_and_a_sentence_holding_one_is_not() -> None:
    assert all(STAMP_LINE.match(s) for s in STAMPS)
    assert not any(STAMP_LINE.match(s) for s in SENTENCES)


def _read(tmp_path: Path, text: str, suffix: str = "jsonl"):
    path = tmp_path / f"a.{suffix}"
    record = {"outlet": "法广", "date": "2021-02-09T14:57:28Z", "title": "缅甸示威继续", "url": "https://example.org/a",
              "text": text}
    if suffix == "jsonl":
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        import csv

        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(record))
            writer.writeheader()
            writer.writerow(record)
    [article] = [a for a in read_path(str(path)) if hasattr(a, "paragraphs")]
    return article


def test_a_records_stamp_line_is_dropped_and_its_date_field_kept(tmp_path: Path) -> None:
    for suffix in ("jsonl", "csv"):
        article = _read(tmp_path, "09/02/2021 - 15:32\n（法新社仰光9日电）示威继续。\n第二段。", suffix)
        assert article.paragraphs == ["（法新社仰光9日电）示威继续。", "第二段。"]
        assert article.published.isoformat() == "2021-02-09T14:57:28+00:00"
    byline_first = _read(tmp_path, "李鱼 综合报导\n2021-02-10T03:48:05.292Z\n正文。")
    assert byline_first.paragraphs == ["李鱼 综合报导", "正文。"]
    assert _read(tmp_path, "第一段。\n第二段。\n第三段。\nFeb 10th 2021").paragraphs[-1] == "Feb 10th 2021"


@given(st.lists(st.sampled_from(["", "正文。", "Text.", *SENTENCES]), max_size=6), st.sampled_from(STAMPS),
       st.integers(0, 6))
def test_split_stamp_line_removes_exactly_one_early_stamp(lines: list[str], stamp: str, at: int) -> None:
    paragraphs = [*lines[:at], stamp, *lines[at:]]
    kept, found = split_stamp_line(paragraphs)
    words_before = sum(1 for p in paragraphs[:min(at, len(lines))] if p.strip())
    if words_before < 3:
        assert found == stamp and kept == [*lines[:at], *lines[at:]]
    else:
        assert found is None and kept == paragraphs
