"""The CSV files the commands write open in Excel and pandas alike: UTF-8 with a byte-order mark
(Excel tells UTF-8 from the local code page by it), Chinese cells intact."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd

from articles.tabular import CSV_ENCODING
from clustering.__main__ import main as clustering_main
from comparison.__main__ import main as comparison_main

BOM = "\ufeff".encode()
RECORDS = [
    {"outlet": "联合早报", "date": "2021-02-09T08:00:00Z", "title": "某省洪水造成12人死亡",
     "url": "https://example.org/a", "text": "某省官员9日表示，当地洪水已造成12人死亡，另有3人失踪。"},
    {"outlet": "中央社", "date": "2021-02-09T09:00:00Z", "title": "某省洪水14人死亡",
     "url": "https://example.org/b", "text": "某省官员星期二說，洪水造成14人死亡，3人失蹤。"},
]


def _inputs(tmp_path: Path) -> list[str]:
    paths = []
    for n, record in enumerate(RECORDS):
        path = tmp_path / f"a{n}.jsonl"
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_clustering_csvs_carry_a_bom_and_read_back_in_pandas_and_csv(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = [*_inputs(tmp_path), str(tmp_path / "missing.jsonl"), "--out", str(out), "--db", str(tmp_path / "c.db"),
            "--model", "lexical", "--no-progress"]
    assert clustering_main(args) == 0
    for name in ("assignments.csv", "errors.csv"):
        assert (out / name).read_bytes().startswith(BOM)
        with (out / name).open(encoding=CSV_ENCODING, newline="") as f:
            assert next(csv.reader(f))[0] == "source_path"
    frame = pd.read_csv(out / "assignments.csv")
    assert list(frame.columns)[:3] == ["source_path", "article_id", "story_id"]
    assert set(frame["outlet"]) == {"联合早报", "中央社"} and "某省洪水造成12人死亡" in set(frame["title"])


def test_a_comparison_csv_carries_a_bom_and_its_json_and_markdown_none(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    for suffix in ("csv", "json", "md"):
        out = tmp_path / f"c.{suffix}"
        assert comparison_main([*inputs, "--out", str(out), "--lexical", "--no-progress"]) == 0
        assert out.read_bytes().startswith(BOM) == (suffix == "csv")
    frame = pd.read_csv(tmp_path / "c.csv")
    assert list(frame.columns)[:3] == ["finding", "kind", "fact_type"]
    assert {"联合早报", "中央社"} <= set(frame["outlet"])


def test_clustering_csvs_keep_a_would_be_formula_as_text(tmp_path: Path) -> None:
    """A title a spreadsheet would run as a formula is written with a leading apostrophe, as the
    comparison's CSV cells are (articles.tabular.spreadsheet_cell)."""
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({**RECORDS[0], "title": '=HYPERLINK("http://x","y")'}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    assert clustering_main([str(path), "--out", str(out), "--db", str(tmp_path / "c.db"), "--model", "lexical",
                            "--no-progress"]) == 0
    frame = pd.read_csv(out / "assignments.csv")
    assert list(frame["title"]) == ['\'=HYPERLINK("http://x","y")']
