"""The Ray engine's outputs: Parquet files in a folder, and their import into a
SQLite workspace (through the store's API) that the dashboard opens.

Files in ``out``: ``articles.parquet``, ``vectors.parquet`` (article id, backend, cache keys
and float32 vectors of the text and of the title alone), ``assignments.parquet`` (article -> story, score, pinned),
``stories.parquet``, ``findings.parquet`` (one row per comparison finding),
``comparisons.parquet`` (story id, signature, whole comparison as JSON) and
``rejections.parquet`` (source path, one-line reason). Written on the driver with
pyarrow; ``out`` may be any local or shared (mounted) path.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from articles.model import Article, Rejection
from clustering.model import Story
from engines.rows import article_to_row, finding_rows, rejection_to_row, row_to_article, story_rows
from output_files import replaced_together

if TYPE_CHECKING:
    from store.sqlite import Store

FILES = ("articles", "vectors", "assignments", "stories", "findings", "comparisons", "rejections")


@dataclass
class Outputs:
    """What one run produced, in memory (the engine's view before writing)."""

    articles: list[Article]
    stories: list[Story]
    rejected: list[Rejection] = field(default_factory=list)
    backend: str = "none"
    vectors: np.ndarray | None = None  # one row per article, or None (lexical features only)
    keys: list[str] = field(default_factory=list)  # embedding cache key per article
    comparisons: dict[str, tuple[str, dict]] = field(default_factory=dict)  # story -> (signature, data)
    clusterer_fingerprint: str = ""
    comparisons_dense: bool = True  # only dense comparisons go into the store's cache
    title_vectors: np.ndarray | None = None  # one row per article for its title alone
    title_keys: list[str] = field(default_factory=list)
    # Ids of the stored stories the run read and regrouped: an upload joined to one of them while
    # the run computed follows it on import (``clustering.pipeline.with_stored_joins``).
    replaced: list[str] = field(default_factory=list)


def _table(rows: list[dict], columns: list[str]):
    import pyarrow as pa

    return pa.table({c: [r[c] for r in rows] for c in columns}) if rows else pa.table(
        {c: pa.array([], pa.string()) for c in columns})


def write_parquet(out: str | os.PathLike, result: Outputs) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # Staged, then replaced together (output_files): a reader never sees a cut file.
    with replaced_together(out) as stage:
        article_rows = [article_to_row(a) for a in result.articles]
        pq.write_table(_table(article_rows, list(article_rows[0]) if article_rows else ["id"]),
                       stage("articles.parquet"))
        if result.vectors is not None and len(result.articles):
            def column(matrix: np.ndarray):
                flat = pa.array(np.ascontiguousarray(matrix, dtype=np.float32).ravel())
                return pa.FixedSizeListArray.from_arrays(flat, matrix.shape[1])

            table = pa.table({"article_id": [a.id for a in result.articles],
                              "backend": [result.backend] * len(result.articles),
                              "key": result.keys, "vector": column(result.vectors),
                              "title_key": result.title_keys, "title_vector": column(result.title_vectors)})
        else:
            table = _table([], ["article_id", "backend", "key", "title_key"])
        pq.write_table(table, stage("vectors.parquet"))
        stories, assignments = story_rows(result.stories)
        pq.write_table(_table(stories, ["id", "label", "first_published", "last_published", "outlets",
                                        "size", "data"]), stage("stories.parquet"))
        pq.write_table(_table(assignments, ["article_id", "story_id", "score", "pinned"]),
                       stage("assignments.parquet"))
        findings = [row for sid, (_, data) in sorted(result.comparisons.items()) for row in finding_rows(sid, data)]
        pq.write_table(_table(findings, ["story_id", "kind", "fact_type", "why", "subject", "salience",
                                         "minor", "spans"]), stage("findings.parquet"))
        comparisons = [{"story_id": sid, "signature": sig, "data": json.dumps(data, ensure_ascii=False)}
                       for sid, (sig, data) in sorted(result.comparisons.items())]
        pq.write_table(_table(comparisons, ["story_id", "signature", "data"]), stage("comparisons.parquet"))
        pq.write_table(_table([rejection_to_row(r) for r in result.rejected], ["source_path", "error"]),
                       stage("rejections.parquet"))
        meta = {"backend": result.backend, "clusterer": result.clusterer_fingerprint,
                "comparisons_dense": result.comparisons_dense, "replaced": result.replaced}
        stage("run.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return out


def read_parquet(out: str | os.PathLike) -> Outputs:
    """The :class:`Outputs` a :func:`write_parquet` folder holds."""
    import pyarrow.parquet as pq

    out = Path(out)
    meta = json.loads((out / "run.json").read_text(encoding="utf-8"))
    articles = [row_to_article(r) for r in pq.read_table(out / "articles.parquet").to_pylist()]
    table = pq.read_table(out / "vectors.parquet")
    vectors = titles = None
    keys: list[str] = []
    title_keys: list[str] = []
    if table.num_rows:
        order = {a: i for i, a in enumerate(table.column("article_id").to_pylist())}
        rows = [order[a.id] for a in articles]

        def matrix(name: str) -> np.ndarray:
            flat = np.asarray(table.column(name).combine_chunks().flatten(), dtype=np.float32)
            return flat.reshape(table.num_rows, -1)[rows]

        vectors, titles = matrix("vector"), matrix("title_vector")
        keys = [table.column("key").to_pylist()[i] for i in rows]
        title_keys = [table.column("title_key").to_pylist()[i] for i in rows]
    stories = [Story.from_dict(json.loads(r["data"])) for r in pq.read_table(out / "stories.parquet").to_pylist()]
    comparisons = {r["story_id"]: (r["signature"], json.loads(r["data"]))
                   for r in pq.read_table(out / "comparisons.parquet").to_pylist()}
    rejected = [Rejection(r["source_path"], r["error"]) for r in pq.read_table(out / "rejections.parquet").to_pylist()]
    return Outputs(articles, stories, rejected, meta["backend"], vectors, keys, comparisons,
                   meta.get("clusterer", ""), meta.get("comparisons_dense", True), titles, title_keys,
                   meta.get("replaced", []))


def import_into_store(store: Store, result: Outputs, ingested: bool = False) -> dict[str, dict]:
    """Put a run into a SQLite workspace, as the local engine would have left it.

    Articles (with every source path; one a store written before session 36 holds under its
    former id is that article, :func:`_as_stored`) and rejections, unless ``ingested`` (the Ray engine stored
    them through :func:`articles.ingest` as it read them, the files' fingerprints too), the vectors (into the embedding
    cache, so a later local run or upload embeds nothing again), the stories
    (replacing the stored ones, the clusterer recorded so the dashboard does not
    regroup) and dense comparisons (the dashboard's cache). Returns the stories' changes
    (:func:`clustering.pipeline.store_run_stories`; none when the run grouped nothing).
    """

    renamed = {} if ingested else _as_stored(store, result)
    with store.transaction():
        for article in [] if ingested else result.articles:
            store.add_article(article)
        for rejection in [] if ingested else result.rejected:
            store.add_rejection(rejection)
    if result.vectors is not None:
        vectors = dict(zip(result.keys, result.vectors, strict=True))
        if result.title_vectors is not None:
            vectors.update(zip(result.title_keys, result.title_vectors, strict=True))
        store.put_embeddings(result.backend, vectors)
    changes: dict[str, dict] = {}
    # A run that read nothing groups the stored orphans only (its stories), or changes nothing.
    if result.articles or result.stories:
        from clustering.pipeline import store_run_stories

        changes = store_run_stories(store, result.stories, result.clusterer_fingerprint, result.replaced)
    if result.comparisons_dense:
        for story_id, (signature, data) in result.comparisons.items():
            # (A comparison naming an article by an id the store knows it under no more is left
            # for the dashboard to make again.)
            if "error" not in data and not renamed.keys() & set(data.get("article_ids", [])):
                store.put_comparison(story_id, signature, data)
    return changes


def _as_stored(store: Store, result: Outputs) -> dict[str, str]:
    """Give the run's articles the ids ``store`` holds them under, as the local ingest does
    (:func:`articles.ingest.as_stored`, the one home of that lookup): a feed item a store
    written before session 36 holds under its title id is that article, not a second copy. Its
    stories name it by the stored id too. Returns {id in the run: stored id} of those renamed."""
    from articles.ingest import as_stored

    before = [a.id for a in result.articles]
    as_stored(store, result.articles)
    renamed = {old: a.id for old, a in zip(before, result.articles, strict=True) if a.id != old}
    if renamed:
        for story in result.stories:
            for member in [*story.members, *story.mentions]:
                member.article_id = renamed.get(member.article_id, member.article_id)
    return renamed
