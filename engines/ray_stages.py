"""The Ray engine's stages as Ray Data / Ray jobs: read, embed, compare.

Functions here run on Ray workers (any node), so they take and return plain rows
(:mod:`engines.rows`) and import the pipeline's stages themselves. Only
``engines.ray_engine`` imports this module, so the local engine never loads Ray.
"""

from __future__ import annotations

import json
import math
import os
import resource
import socket
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from articles.model import Article, Rejection
from engines.rows import article_to_row, rejection_to_row, row_to_article

# A chunk's rejection of its whole file (too large, corrupt part-way) sorts after the
# file's records, as read_path yields it after them.
_AFTER_RECORDS = 1 << 62


# ---- reading + normalizing ------------------------------------------------------


def _expand_file(row: dict, chunk_lines: int, max_bytes: int) -> Iterator[dict]:
    """One work unit per small file, one per chunk of records of a large JSON Lines file."""
    from articles.chunks import iter_record_chunks, splits_into_chunks

    base = {"file_index": row["file_index"], "path": row["path"], "first_line": 0,
            "blob": b"", "encoding": "", "kind": "file"}
    if not splits_into_chunks(row["path"], max_bytes):
        yield base
        return
    for item in iter_record_chunks(row["path"], chunk_lines, max_bytes):
        if isinstance(item, Rejection):
            yield {**base, "kind": "rejection", "first_line": _AFTER_RECORDS,
                   "blob": item.error.encode("utf-8")}
        else:
            yield {**base, "kind": "chunk", "first_line": item.first_line,
                   "blob": b"".join(item.lines), "encoding": item.encoding}


def _read_unit(row: dict, max_bytes: int, read_options: dict) -> Iterator[dict]:
    """Articles and rejections of one work unit, each with its place in the input order."""
    from articles import read_path
    from articles.chunks import RecordChunk, read_record_chunk

    kind = row["kind"]
    if kind == "rejection":
        items: Iterator = iter([Rejection(row["path"], row["blob"].decode("utf-8"))])
    elif kind == "chunk":
        pieces = bytes(row["blob"]).split(b"\n")
        lines = [p + b"\n" for p in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])
        chunk = RecordChunk(row["path"], int(row["first_line"]), lines, row["encoding"])
        items = read_record_chunk(chunk, read_options.get("fields"))
    else:
        items = read_path(row["path"], max_bytes=max_bytes, **read_options)
    for seq, item in enumerate(items):
        article = isinstance(item, Article)
        payload = article_to_row(item) if article else rejection_to_row(item)
        if article and item.former_ids:  # (not an output column: the driver finds the stored id)
            payload["former_ids"] = list(item.former_ids)
        yield {"file_index": row["file_index"], "first_line": row["first_line"], "seq": seq,
               "is_article": article, "payload": json.dumps(payload, ensure_ascii=False)}


def read_inputs(ray, files: Sequence[str], *, chunk_lines: int, max_bytes: int,
                read_options: dict | None = None) -> tuple[list[Article], list[Rejection]]:
    """Read ``files`` as a Ray Data job; articles deduplicated by id in input order.

    The order (file, then record) and the merge of duplicates (first read wins,
    source paths united and sorted) are the local ingest's, so both engines hand
    the clusterer the same list.
    """
    if not files:
        return [], []
    import ray.data

    items = [{"file_index": i, "path": str(p)} for i, p in enumerate(files)]
    ds = ray.data.from_items(items, override_num_blocks=min(len(items), 256))
    ds = ds.flat_map(_expand_file, fn_kwargs={"chunk_lines": chunk_lines, "max_bytes": max_bytes})
    ds = ds.flat_map(_read_unit, fn_kwargs={"max_bytes": max_bytes, "read_options": read_options or {}})
    rows = sorted(ds.iter_rows(), key=lambda r: (r["file_index"], r["first_line"], r["seq"]))
    by_id: dict[str, Article] = {}
    paths: dict[str, set[str]] = {}
    rejected: list[Rejection] = []
    for row in rows:
        payload = json.loads(row["payload"])
        if not row["is_article"]:
            rejected.append(Rejection(payload["source_path"], payload["error"]))
            continue
        article = row_to_article(payload)
        article.former_ids = tuple(payload.get("former_ids", ()))
        by_id.setdefault(article.id, article)
        paths.setdefault(article.id, set()).update(article.source_paths)
    for article_id, article in by_id.items():
        article.source_paths = sorted(paths[article_id])
    return list(by_id.values()), rejected


def with_stored_ids(found: list[Article], store) -> list[Article]:
    """``found`` (:func:`read_inputs`) under the ids ``store`` holds them by, as the local ingest
    reads them (:func:`articles.ingest.as_stored`: a feed item a store written before session 36
    holds under its title id keeps that id), two now of one id merged as read_inputs merges."""
    from articles.ingest import as_stored

    as_stored(store, found)
    by_id: dict[str, Article] = {}
    for article in found:
        kept = by_id.setdefault(article.id, article)
        if kept is not article:
            kept.source_paths = sorted({*kept.source_paths, *article.source_paths})
    return list(by_id.values())


# ---- embedding --------------------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class EmbedWorker:
    """One Ray Data actor: loads the model once, embeds the batches it is given.

    Each output row carries the worker's id, how many texts it has embedded so far
    and its peak memory, so the engine can show per-worker figures (and prove no
    worker held every vector).
    """

    def __init__(self, model: str | None, threads: int):
        from embeddings.e5 import THREADS_ENV

        os.environ[THREADS_ENV] = str(threads)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import embeddings

        self.backend = embeddings.get_backend(model)
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        try:
            import ray

            self.node = ray.get_runtime_context().get_node_id()[:12]
        except Exception:  # noqa: BLE001 - a label only
            self.node = "?"
        self.rows = 0
        self.busy = 0.0  # seconds spent embedding (the model load excluded)
        self.cpu = 0.0  # CPU seconds of this process while embedding (all its threads)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        import time

        texts = [str(t) for t in batch["text"]]
        start, cpu = time.perf_counter(), time.process_time()
        vectors = np.asarray(self.backend.embed(texts), dtype=np.float32)
        self.busy += time.perf_counter() - start
        self.cpu += time.process_time() - cpu
        self.rows += len(texts)
        n = len(texts)
        return {
            "key": batch["key"],
            "vector": vectors,
            "worker": np.array([f"{self.node}/{self.worker}"] * n),
            "worker_rows": np.full(n, self.rows, dtype=np.int64),
            "peak_rss_mb": np.full(n, peak_rss_mb(), dtype=np.float64),
            "busy_s": np.full(n, self.busy, dtype=np.float64),
            "cpu_s": np.full(n, self.cpu, dtype=np.float64),
        }


def backend_name(ray, model: str | None) -> str:
    """The backend's name (the embedding cache's key) as a worker resolves it."""

    @ray.remote(num_cpus=1)
    def _name(model: str | None) -> str:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import embeddings

        return embeddings.get_backend(model).name

    return ray.get(_name.remote(model))


@dataclass
class EmbedStats:
    texts: int = 0  # distinct texts of the articles
    cached: int = 0  # found in the store's cache: never sent to a worker
    embedded: int = 0
    seconds: float = 0.0
    workers: dict[str, dict] = field(default_factory=dict)  # worker -> rows, peak_rss_mb

    def as_dict(self) -> dict:
        return {"texts": self.texts, "cached": self.cached, "embedded": self.embedded,
                "seconds": round(self.seconds, 2),
                "articles_per_s": round(self.embedded / self.seconds, 2) if self.seconds else None,
                "workers": self.workers}


def embed_missing(ray, missing: dict[str, str], model: str | None, *, workers: int, batch_size: int,
                  on_batch=None, stats: EmbedStats | None = None) -> dict[str, np.ndarray]:
    """Embed ``missing`` (key -> text) with ``map_batches`` over ``workers`` actors of 1 CPU.

    ``on_batch(vectors_by_key)`` sees each finished batch (the engine writes it to
    the store's cache at once, so an interrupted run keeps what it computed).
    """
    import time

    import ray.data

    stats = stats or EmbedStats()
    found: dict[str, np.ndarray] = {}
    if not missing:
        return found
    start = time.perf_counter()
    items = [{"key": k, "text": t} for k, t in missing.items()]
    blocks = max(1, min(2000, math.ceil(len(items) / batch_size)))
    ds = ray.data.from_items(items, override_num_blocks=blocks)
    ds = ds.map_batches(
        EmbedWorker,
        fn_constructor_kwargs={"model": model, "threads": 1},
        batch_size=batch_size,
        batch_format="numpy",
        num_cpus=1,
        # Two batches per actor at a time: the next one is ready when a batch ends, and an
        # actor that is up first cannot take every batch before the others have loaded.
        compute=ray.data.ActorPoolStrategy(size=min(workers, blocks), max_tasks_in_flight_per_actor=2),
    )
    for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
        new = dict(zip((str(k) for k in batch["key"]), batch["vector"], strict=True))
        found.update(new)
        if on_batch is not None:
            on_batch(new)
        for worker, rows, rss, busy, cpu in zip(batch["worker"], batch["worker_rows"], batch["peak_rss_mb"],
                                                batch["busy_s"], batch["cpu_s"], strict=True):
            seen = stats.workers.setdefault(str(worker), {"rows": 0, "peak_rss_mb": 0.0, "busy_s": 0.0,
                                                          "cpu_s": 0.0})
            seen["rows"] = max(seen["rows"], int(rows))
            seen["peak_rss_mb"] = round(max(seen["peak_rss_mb"], float(rss)), 1)
            seen["busy_s"] = round(max(seen["busy_s"], float(busy)), 2)
            seen["cpu_s"] = round(max(seen["cpu_s"], float(cpu)), 2)
    stats.embedded += len(found)
    stats.seconds += time.perf_counter() - start
    return found


def embed_job(ray, missing: dict[str, str], model: str | None, workers: int,
              batch_size: int) -> tuple[dict[str, np.ndarray], EmbedStats]:
    """:func:`embed_missing` returning its stats (for :func:`inside_cluster`)."""
    stats = EmbedStats()
    return embed_missing(ray, missing, model, workers=workers, batch_size=batch_size, stats=stats), stats


def inside_cluster(name: str, kwargs: dict):
    """Run stage function ``name`` (``read_inputs``, ``embed_job``) on a cluster worker.

    A driver connected through Ray Client (``ray://``) cannot run Ray Data jobs itself
    (Ray 2.60), so it sends the job's driving to a task inside the cluster instead.
    """
    import ray

    from engines import ray_stages

    return getattr(ray_stages, name)(ray, **kwargs)


# ---- comparison ---------------------------------------------------------------------


def _compare_rows(rows: list[dict], use_dense: bool) -> dict:
    from comparison import compare

    return compare([row_to_article(r) for r in rows], use_dense=use_dense).to_dict()


def compare_stories(ray, members: dict[str, list[Article]], *, use_dense: bool,
                    max_in_flight: int = 64) -> dict[str, dict]:
    """One Ray task per story: story id -> ``Comparison.to_dict()``.

    At most ``max_in_flight`` stories wait at once, so a million stories do not
    all sit in the object store.
    """
    task = ray.remote(num_cpus=1)(_compare_rows)
    pending: dict = {}
    results: dict[str, dict] = {}
    queue = list(members.items())
    while queue or pending:
        while queue and len(pending) < max_in_flight:
            story_id, articles = queue.pop()
            pending[task.remote([article_to_row(a) for a in articles], use_dense)] = story_id
        done, _ = ray.wait(list(pending), num_returns=1)
        for ref in done:
            story_id = pending.pop(ref)
            try:
                results[story_id] = ray.get(ref)
            except Exception as exc:  # noqa: BLE001 - one story's failure is reported, not fatal
                results[story_id] = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"}
    return results
