"""The Ray engine's stages as Ray Data / Ray jobs: read, embed, compare.

Functions here run on Ray workers (any node), so they take and return plain rows
(:mod:`engines.rows`; a parsed file's items pickled whole) and import the pipeline's stages
themselves. They decide nothing the local engine decides elsewhere: what is stored is the
driver's ingest's to say (:func:`articles.ingest.ingest`, ``reader=``). Only
``engines.ray_engine`` imports this module, so the local engine never loads Ray.
"""

from __future__ import annotations

import math
import os
import pickle
import resource
import socket
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from articles.model import Article, Rejection, SetAside
from articles.window import DateWindow
from engines.rows import article_to_row, row_to_article

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


def _read_unit(row: dict, max_bytes: int, read_options: dict, window: DateWindow | None) -> Iterator[dict]:
    """The items of one work unit (articles, rejections, records set aside for their date), each
    pickled whole (a set-aside record keeps what builds it; an article its former ids) with its
    place in the input order."""
    from articles import read_path
    from articles.chunks import RecordChunk, read_record_chunk

    kind = row["kind"]
    if kind == "rejection":
        items: Iterator = iter([Rejection(row["path"], row["blob"].decode("utf-8"))])
    elif kind == "chunk":
        pieces = bytes(row["blob"]).split(b"\n")
        lines = [p + b"\n" for p in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])
        chunk = RecordChunk(row["path"], int(row["first_line"]), lines, row["encoding"])
        items = read_record_chunk(chunk, read_options.get("fields"), window)
    else:
        items = read_path(row["path"], max_bytes=max_bytes, window=window, **read_options)
    for seq, item in enumerate(items):
        yield {"file_index": row["file_index"], "first_line": row["first_line"], "seq": seq,
               "item": pickle.dumps(item)}


def parse_files(ray, files: Sequence[str], *, chunk_lines: int, max_bytes: int, read_options: dict | None = None,
                window: DateWindow | None = None) -> dict[str, list[Article | Rejection | SetAside]]:
    """Parse ``files`` as a Ray Data job: file -> its items in the order
    :func:`articles.reader.read_path` gives them (``window`` as ingest passes it). Nothing is
    decided here: the driver stores them through :func:`articles.ingest` (``reader=``), as the local
    engine does."""
    if not files:
        return {}
    import ray.data

    items = [{"file_index": i, "path": str(p)} for i, p in enumerate(files)]
    ds = ray.data.from_items(items, override_num_blocks=min(len(items), 256))
    ds = ds.flat_map(_expand_file, fn_kwargs={"chunk_lines": chunk_lines, "max_bytes": max_bytes})
    ds = ds.flat_map(_read_unit, fn_kwargs={"max_bytes": max_bytes, "read_options": read_options or {},
                                            "window": window})
    parsed: dict[str, list] = {str(p): [] for p in files}
    for row in sorted(ds.iter_rows(), key=lambda r: (r["file_index"], r["first_line"], r["seq"])):
        parsed[str(files[row["file_index"]])].append(pickle.loads(row["item"]))
    return parsed


def parsed_reader(parsed: dict[str, list]):
    """An :func:`articles.ingest` ``reader`` giving the items :func:`parse_files` parsed; a file it
    did not parse (one that changed after the driver found it unchanged) is read here."""
    from articles import read_path

    def read(path, **options) -> Iterator:
        items = parsed.pop(str(path), None)
        return iter(items) if items is not None else read_path(path, **options)

    return read


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
    """Run stage function ``name`` (``parse_files``, ``embed_job``) on a cluster worker.

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
