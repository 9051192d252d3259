"""The dashboard's workspace: which store it opens and how a fresh one is filled.

A fresh clone has no ``data/parallax.db``; ``scripts/run.sh`` builds it before
the server starts (``python -m dashboard.worker --prepare``), otherwise the
background worker does on first launch while the page shows its progress: it
ingests ``seeds/`` and builds stories with the library pipeline (using the
precomputed embeddings shipped in ``seeds/``, so it does not have to run the
model over the whole demo corpus). Later launches only open the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from articles.model import Article, Rejection
from counted import counted
from data_paths import DB_ENV, REPO_ROOT  # noqa: F401 - DB_ENV re-exported (tests, serve)
from store import Store, default_db

if TYPE_CHECKING:
    from clustering.model import Story

SEEDS_DIR = REPO_ROOT / "seeds"
SEEDS_ENV = "PARALLAX_SEEDS"

Step = Callable[[str], None]


def db_path() -> Path:
    """The store the dashboard opens: the one every command opens without --db
    ($PARALLAX_DB, else data/parallax.db in the repository: :func:`data_paths.default_db`)."""
    return default_db()


def seeds_dir() -> Path:
    configured = os.environ.get(SEEDS_ENV)
    return Path(configured) if configured else SEEDS_DIR


def uploads_dir(store: Store) -> Path:
    """Uploaded files wait next to the store until the worker has ingested them (then deleted)."""
    return store.path.parent / "uploads"


BOOTSTRAP_META = "dashboard_bootstrap"


def needs_bootstrap(store: Store) -> bool:
    """An empty store, or one whose first launch was interrupted (it resumes:
    ingested files are skipped and computed vectors are cached)."""
    if store.count_stories():
        return False
    return store.count_articles() == 0 or store.get_meta(BOOTSTRAP_META) == "started"


def seed_inputs(directory: Path) -> list[Path]:
    """The demo corpus files: every article file under seeds/ (not its README)."""
    found = [
        p
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.suffix.lower() in {".md", ".txt"} and p.name != "README.md"
    ]
    return found


def precomputed_embeddings(directory: Path) -> list[Path]:
    return sorted(directory.glob("embeddings-*.npz"))


@dataclass
class BootstrapReport:
    inputs: int = 0
    articles: int = 0
    stories: int = 0
    precomputed: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


Progress = Callable[[float, str], None]

# Articles embedded per progress update during the first launch.
EMBED_BATCH = 128


def bootstrap(
    store: Store,
    directory: Path | None = None,
    step: Step = print,
    progress: Progress | None = None,
) -> BootstrapReport:
    """Fill an empty store from ``directory`` (default seeds/) with the library pipeline.

    Same result as ``clustering.pipeline.run(seed files, store)``; the stages are
    called one by one first (ingest, embed in batches) only so the first launch
    can show its progress: the final ``pipeline.run`` then finds every file
    ingested and every vector cached.
    """
    import articles
    import embeddings
    from clustering import pipeline

    directory = directory or seeds_dir()
    store.set_meta(BOOTSTRAP_META, "started")
    report = BootstrapReport()
    inputs = [str(p) for p in seed_inputs(directory)]
    report.inputs = len(inputs)
    backend = embeddings.get_backend(None)
    for npz in precomputed_embeddings(directory):
        # Fills the store's embedding cache, so only articles it lacks are embedded.
        # A file made with another backend is skipped (its vectors cannot be mixed).
        loaded = embeddings.load_precomputed(store, npz, backend.name)
        if loaded:
            step(f"Loaded {loaded} precomputed embeddings from {npz.name}")
            report.precomputed.append(npz.name)
        else:
            step(
                f"{npz.name}: nothing to load for {backend.name} (already cached or another model)"
            )

    step(f"Reading {counted(len(inputs), 'file')} from {directory.name}/ …")
    ingested = articles.ingest(inputs, store)
    report.rejected = list(ingested.rejected)
    step(
        f"Read {counted(ingested.stored, 'article')} ({counted(ingested.duplicates, 'duplicate')}, "
        f"{len(ingested.rejected):,} rejected)"
    )

    found = store.articles(ingested.article_ids)
    step(f"Embedding {counted(len(found), 'article')} with {backend.name} (cached ones are skipped) …")
    for start in range(0, len(found), EMBED_BATCH):
        embeddings.embed_articles(found[start : start + EMBED_BATCH], backend, store=store)
        if progress:
            done = min(start + EMBED_BATCH, len(found))
            progress(done / max(len(found), 1), f"Embedded {done:,} / {counted(len(found), 'article')}")

    step("Grouping articles into stories …")
    pipeline.run(inputs, store)
    report.articles = store.count_articles()
    report.stories = len(store.stories())
    store.set_meta(BOOTSTRAP_META, "done")
    step(f"{report.articles} articles in {report.stories} stories")
    return report


# The project's reference case: two reports of Tajikistan mobilizing reservists,
# Al Jazeera's roundup first (the seed example opens its story, shown beside VOA).
SEED_EXAMPLES = ("000_299cce44e7b57b22.txt", "001_bd7e773d7b869fe3.txt")


def seed_article_ids(directory: Path | None = None) -> list[str]:
    """Ids of the seed example articles (read with the articles stage), Al Jazeera first."""
    import articles

    directory = directory or seeds_dir()
    ids: list[str] = []
    for name in SEED_EXAMPLES:
        path = directory / name
        if path.is_file():
            ids += [a.id for a in articles.read_path(path) if isinstance(a, articles.Article)]
    return ids


def load_stories(store: Store) -> list[Story]:
    """Every story in the store, as dataclasses."""
    from clustering import pipeline

    return pipeline.load_stories(store)


def story_articles(store: Store, story: Story) -> list[Article]:
    """What a story shows and compares: its members and the sections of roundups filed
    under other stories that report it (:func:`clustering.story_articles.story_articles`)."""
    from clustering.story_articles import story_articles as of_story

    return of_story(store, story)


def seed_story_ids(store: Store, seed_ids: list[str]) -> list[str]:
    """The stories holding the seed articles, those showing most seeds first (as members, or
    as a roundup's section filed under another story), then in the seeds' order."""
    holding = list(dict.fromkeys(sid for aid in seed_ids if (sid := store.story_of_article(aid))))
    seeds = set(seed_ids)

    def shown(story_id: str) -> int:
        data = store.story(story_id) or {}
        ids = {m["article_id"] for m in data.get("members", []) + data.get("mentions", [])}
        return len(ids & seeds)

    return sorted(holding, key=lambda sid: -shown(sid))
