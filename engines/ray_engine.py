"""The Ray engine: the pipeline on a Ray cluster, or on a local Ray started on the spot.

``RayEngine(address=None)`` starts a private local Ray (``num_cpus`` CPUs, no
dashboard, usage statistics off, nothing downloaded) and stops it on ``close()``;
``address="auto"``, ``"host:port"`` or ``"ray://host:port"`` joins a running cluster
(after a TCP probe of its port, at most ``connect_timeout`` seconds: see
:mod:`engines.ray_address`). Stages:

1. read + normalize: a Ray Data job parses the input files the store does not hold unchanged
   (large JSON Lines files cut into chunks of records read in parallel, :mod:`articles.chunks`;
   with --since/--until, records outside the dates set aside unbuilt), then the driver, which
   holds the store, stores them through the local engine's ingest
   (:func:`clustering.pipeline.ingest_stage`): the same copies kept or replaced, records set
   aside, files recorded as read, rejections and notes as ``--engine local``;
2. embed: texts missing from the store's cache go through ``map_batches`` over an
   actor pool (one model per actor, one CPU each); cached texts are never re-embedded;
3. stories: :func:`engines.ray_stories.stories_on_ray` (the same partition as the
   local engine);
4. compare: one Ray task per story with two or more outlets (optional);
5. outputs: Parquet in ``out`` and, with a store, the import into that workspace.

Workers import the project from ``PYTHONPATH`` (this checkout's root is passed on);
on a real cluster every node has the same checkout and venv (README: "Running on a
cluster").
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from articles.model import Article
from engines.base import Engine, EngineResult
from engines.ray_address import CONNECT_TIMEOUT, RayConnectError, address_problem, probe

ROOT = Path(__file__).resolve().parents[1]
# Passed on to every Ray worker: the project's code, the model folder, no hub, no
# usage statistics.
_WORKER_ENV = ("PARALLAX_MODEL_DIR", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "RAY_USAGE_STATS_ENABLED")
COMPARE_CHOICES = ("none", "multi-outlet", "all")
# Texts per embedding batch: the e5 backend packs up to 32 windows of similar length
# per forward pass; 64 texts keep each actor busy between hand-offs.
EMBED_BATCH = 64
# Lexical backends add nothing to the clusterer's own features (clustering.pipeline).
_LEXICAL_BACKENDS = ("lexical", "tfidf", "char")


def worker_env() -> dict[str, str]:
    env = {"PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
           "RAY_USAGE_STATS_ENABLED": "0", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.update({k: os.environ[k] for k in _WORKER_ENV if k in os.environ})
    return env


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def ray_log_level(verbose: bool) -> int:
    """The level of Ray's own loggers on the driver: errors only by default (its INFO and
    WARNING banners, "Token authentication is enabled", "Progress bars disabled", went to
    stderr, so into every cron mail of ``python -m clustering --engine ray``); all from INFO
    with ``verbose``. Our own one-line errors and summary are printed, not logged: unaffected."""
    return logging.INFO if verbose else logging.ERROR


def quiet_data_jobs(verbose: bool = False, progress: bool = False) -> None:
    """Ray Data's progress bars only when ``progress`` (a person watching a terminal, or
    ``--progress``), its per-job banners only when ``verbose``; its errors always show."""
    import ray.data

    # (The loggers first: setting the context logs a WARNING of its own.)
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(ray_log_level(verbose))
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = progress
    context.print_on_execution_start = verbose


class RayEngine(Engine):
    """Options: ``address`` (None: a local Ray of ``num_cpus`` CPUs; ``"auto"``; ``ray://...``),
    ``workers`` (embedding actors, one CPU each; default: the cluster's CPUs),
    ``compare`` ("none", "multi-outlet" (default), "all"), ``dense_compare``
    (align sentences with the embedding model, as the dashboard does; the only kind
    imported into the store's comparison cache), ``batch_size``, ``chunk_lines``,
    ``max_bytes`` (per input file), ``read_options`` (e.g. ``{"fields": {...}}``),
    ``connect_timeout`` (seconds to wait for a cluster's port to answer; default 30), ``verbose``
    (Ray's own log lines on stderr: its INFO and WARNING lines and its workers' output; by
    default only its errors, :func:`ray_log_level`).

    :meth:`connect` raises :class:`engines.ray_address.RayConnectError` (a one-line message)
    when the cluster at ``address`` cannot be reached; a malformed ``address`` is a
    ``ValueError`` at construction."""

    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None, num_cpus: int = 2,
                 compare: str = "multi-outlet", dense_compare: bool = True, batch_size: int = EMBED_BATCH,
                 chunk_lines: int | None = None, max_bytes: int | None = None,
                 read_options: dict | None = None, connect_timeout: float | None = None, verbose: bool = False):
        from articles.chunks import CHUNK_LINES
        from articles.reader import MAX_INPUT_BYTES

        if compare not in COMPARE_CHOICES:
            raise ValueError(f"compare must be one of {COMPARE_CHOICES}, not {compare!r}")
        if (problem := address_problem(address)) is not None:
            raise ValueError(f"address {address!r}: {problem}")
        self.address = address
        self.connect_timeout = CONNECT_TIMEOUT if connect_timeout is None else connect_timeout
        self.workers = workers
        self.num_cpus = num_cpus
        self.compare = compare
        self.dense_compare = dense_compare
        self.batch_size = batch_size
        self.chunk_lines = chunk_lines or CHUNK_LINES
        self.max_bytes = max_bytes or MAX_INPUT_BYTES
        self.read_options = read_options or {}
        self.verbose = verbose
        self._ray = None
        self._started = False

    # ---- connection ----------------------------------------------------------------
    def connect(self):
        """Ray, initialized (joins ``address`` or starts a local Ray once)."""
        if self._ray is not None:
            return self._ray
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        import ray

        if not ray.is_initialized():
            # (Workers' stdout and stderr reach the driver's stderr only when verbose.)
            kwargs = {"runtime_env": {"env_vars": worker_env()}, "log_to_driver": self.verbose,
                      "logging_level": ray_log_level(self.verbose)}
            logging.getLogger("ray").setLevel(ray_log_level(self.verbose))  # (ray.init logs before it applies it)
            if self.address not in (None, "local"):
                # A bounded TCP probe first: ray.init retries an unanswered GCS port for minutes.
                address = probe(self.address, self.connect_timeout)
                try:
                    ray.init(address=address, **kwargs)
                except (ConnectionError, TimeoutError) as exc:  # Ray Client's timeout, "auto" not found
                    raise RayConnectError(f"cannot connect to Ray at {address}: {_first_line(exc)}") from exc
                except RuntimeError as exc:
                    if "Failed to connect to GCS" not in str(exc):
                        raise
                    raise RayConnectError(f"cannot connect to Ray at {address}: the port answers but "
                                          "no Ray GCS replied") from exc
            else:
                # "local", not None: a RAY_ADDRESS in the environment would otherwise make
                # ray.init join that cluster (and refuse num_cpus).
                ray.init(address="local", num_cpus=self.num_cpus, include_dashboard=False, **kwargs)
            self._started = True
        quiet_data_jobs(self.verbose)
        self._ray = ray
        return ray

    @property
    def through_client(self) -> bool:
        """Connected through Ray Client (``ray://``): Ray Data jobs are driven from a task."""
        return bool(self.address and self.address.startswith("ray://"))

    def data_job(self, function, **kwargs):
        """``function(ray, **kwargs)`` here, or inside the cluster when connected through Ray Client."""
        ray = self.connect()
        if not self.through_client:
            return function(ray, **kwargs)
        from engines.ray_stages import inside_cluster

        return ray.get(ray.remote(num_cpus=0)(inside_cluster).remote(function.__name__, kwargs))

    def close(self) -> None:
        if self._ray is not None and self._started:
            self._ray.shutdown()
        self._ray, self._started = None, False

    def cluster_cpus(self) -> int:
        return int(self.connect().cluster_resources().get("CPU", 1))

    # ---- the run -----------------------------------------------------------------
    def run(self, inputs: Sequence[str | os.PathLike], store=None, *, out=None, model=None,
            since=None, until=None, progress=False, clusterer=None) -> EngineResult:
        from articles.window import DateWindow
        from clustering import StoryClusterer
        from clustering.pipeline import clusterer_fingerprint, grouping_context
        from engines.outputs import Outputs, import_into_store, write_parquet

        ray = self.connect()
        quiet_data_jobs(self.verbose, progress)  # (bars for this run's own watcher only)
        stats: dict = {"engine": self.name, "cluster_cpus": self.cluster_cpus()}
        clock = time.perf_counter()
        window = DateWindow.of(since, until)
        found, report = self.read(inputs, store, window, progress)
        rejected = list(report.rejected)
        start, end = (window.start, window.end) if window is not None else (None, None)
        stats["read_seconds"] = round(time.perf_counter() - clock, 2)
        stats["articles"], stats["rejected"] = len(found), len(rejected)

        clusterer = clusterer or StoryClusterer()
        # As the local engine does (clustering.pipeline.run): the articles read are fitted with the
        # stored members of the stories they were in and the stored articles near the new ones
        # (vectors from the store's cache only), and the stored articles in no story (the orphans,
        # embedded with the run's) join them; a run that read nothing groups the orphans alone.
        ctx = grouping_context(found, store, clusterer, start, end) if store is not None else None
        if not found and not rejected and ctx is None:
            # Nothing to read and no orphan waits (a quiet hour's empty folder): no file is written
            # to ``out`` and the store is left as it is, as the local engine leaves it.
            return EngineResult([], [], [], "none", ingest_notes=report.notes(), outside_dates=report.outside_dates,
                                unchanged_files=report.unchanged_files, stats=stats, out=None)
        orphans = ctx.orphans if ctx is not None else []
        clock = time.perf_counter()
        vectors, titles, keys, title_keys, backend = self.embed(found + orphans, store, model, stats)
        stats["embed_seconds"] = round(time.perf_counter() - clock, 2)

        clock = time.perf_counter()
        stories, held = self._stories(ray, clusterer, found + orphans, vectors, titles, ctx, store, backend, stats)
        stats["stories_seconds"] = round(time.perf_counter() - clock, 2)
        stats["orphans"] = len(orphans)
        # The Parquet files and the import hold the articles read (the orphans are stored already;
        # their new vectors went into the store's cache as they were embedded).
        n = len(found)
        if vectors is not None:
            vectors, titles = vectors[:n], titles[:n]
        keys, title_keys = keys[:n], title_keys[:n]

        clock = time.perf_counter()
        comparisons = self.compare_stories(found + orphans + held, stories, store)
        stats["compare_seconds"], stats["compared"] = round(time.perf_counter() - clock, 2), len(comparisons)

        result = Outputs(found, stories, rejected, backend, vectors, keys, comparisons,
                         clusterer_fingerprint(clusterer), self.dense_compare, titles, title_keys,
                         [s.id for s in ctx.touched] if ctx is not None else [])
        if out is not None:
            write_parquet(out, result)
        # (The articles and rejections are stored already, by the ingest in self.read.)
        changes = import_into_store(store, result, ingested=True) if store is not None else {}
        return EngineResult(stories, found, rejected, backend, held, orphans, changes, report.notes(),
                            report.outside_dates, report.unchanged_files, stats=stats,
                            out=Path(out) if out is not None else None)

    def _stories(self, ray, clusterer, articles: list[Article], vectors, titles, ctx, store, backend: str,
                 stats: dict) -> tuple[list, list[Article]]:
        """``(stories, held)``: ``articles`` (the run's and the orphans, embedded) fitted with the
        grouping context's stored articles (their vectors from the store's cache), on Ray; then,
        as the local engine does, the stored stories the run touched rebuilt and the workspace's
        hand edits replayed (``held``: the stored members kept in their stories)."""
        from clustering.edits import replay_edits
        from clustering.pipeline import cached_vectors, run_stories
        from engines.ray_stories import stories_on_ray

        fitted, fitted_vectors, fitted_titles = articles, vectors, titles
        if ctx is not None and ctx.context:
            if vectors is None:  # a lexical backend: no vectors to look up
                fitted = fitted + ctx.context
            else:
                kept, context_vectors, context_titles = cached_vectors(ctx.context, store, backend)
                if kept:
                    fitted = fitted + kept
                    fitted_vectors = np.vstack([vectors, context_vectors])
                    fitted_titles = np.vstack([titles, context_titles])
        stories = stories_on_ray(ray, clusterer, fitted, fitted_vectors, fitted_titles, stats)
        if ctx is None:
            return stories, []
        stories = run_stories(stories, ctx, {a.id for a in fitted}, store.articles)
        stories = replay_edits(stories, store.edits(), ctx.by_id)
        return stories, ctx.held(stories)

    def read(self, inputs: Sequence[str | os.PathLike], store, window, progress: bool = False):
        """``(the articles the run groups, the ingest's report)``: the files the store does not hold
        unchanged are parsed by Ray workers (:func:`engines.ray_stages.parse_files`), then stored on
        this machine, which holds the store, through the local engine's ingest
        (:func:`clustering.pipeline.ingest_stage`): the same copy kept or replaced, the same records
        set aside for their date, files recorded as read and notes. Without a store, a throwaway
        one in memory takes those decisions within the run."""
        from articles import iter_files
        from articles.ingest import unchanged_file
        from clustering.pipeline import ingest_stage
        from engines.ray_stages import parse_files, parsed_reader
        from store import Store

        deciding = store if store is not None else Store(":memory:")
        try:
            files = [str(p) for p in iter_files(list(inputs))
                     if not unchanged_file(deciding, p, window, **self.read_options)]
            parsed = self.data_job(parse_files, files=files, chunk_lines=self.chunk_lines,
                                   max_bytes=self.max_bytes, read_options=self.read_options, window=window)
            return ingest_stage(inputs, deciding, window, progress, self.read_options, self.max_bytes,
                                reader=parsed_reader(parsed))
        finally:
            if store is None:
                deciding.close()

    def embed(self, found: list[Article], store, model: str | None,
              stats: dict) -> tuple[np.ndarray | None, np.ndarray | None, list[str], list[str], str]:
        """``(vectors, title vectors, text keys, title keys, backend name)``, vectors None for a
        lexical backend. Texts and titles share the store's cache (as in
        ``clustering.pipeline.embed_both``); only uncached ones reach a worker, once each."""
        from embeddings import article_text, embedding_key, title_text
        from engines.ray_stages import EmbedStats, backend_name, embed_job, embed_missing

        ray = self.connect()
        name = backend_name(ray, model)
        texts = [article_text(a) for a in found]
        titles = [title_text(a) for a in found]
        keys = [embedding_key(t) for t in texts]
        title_keys = [embedding_key(t) for t in titles]
        if any(name.lower().startswith(p) for p in _LEXICAL_BACKENDS) or not found:
            return None, None, keys, title_keys, name
        every = dict(zip(keys + title_keys, texts + titles, strict=True))
        cached = store.get_embeddings(name, sorted(every)) if store is not None else {}
        missing = {k: t for k, t in every.items() if k not in cached}
        embed_stats = EmbedStats(texts=len(every), cached=len(cached))
        workers = self.workers or max(1, self.cluster_cpus())

        def keep(new: dict) -> None:
            if store is not None:
                store.put_embeddings(name, new)

        if self.through_client:  # the job runs inside the cluster; the cache is written after it
            new, remote_stats = self.data_job(embed_job, missing=missing, model=model, workers=workers,
                                              batch_size=self.batch_size)
            keep(new)
            cached.update(new)
            embed_stats.embedded, embed_stats.seconds = remote_stats.embedded, remote_stats.seconds
            embed_stats.workers = remote_stats.workers
        else:
            cached.update(embed_missing(ray, missing, model, workers=workers, batch_size=self.batch_size,
                                        on_batch=keep, stats=embed_stats))
        stats["embedding"] = embed_stats.as_dict()
        vectors = np.vstack([np.asarray(cached[k], dtype=np.float32) for k in keys])
        title_vectors = np.vstack([np.asarray(cached[k], dtype=np.float32) for k in title_keys])
        return vectors, title_vectors, keys, title_keys, name

    def compare_stories(self, found: list[Article], stories, store) -> dict[str, tuple[str, dict]]:
        """story id -> (signature, comparison dict); cached comparisons are reused."""
        from comparison import comparison_signature
        from engines.ray_stages import compare_stories

        if self.compare == "none":
            return {}
        from clustering.pipeline import articles_of_story

        by_id = {a.id: a for a in found}
        chosen: dict[str, list[Article]] = {}
        for story in stories:
            members = articles_of_story(story.article_ids, story.mentions, by_id)  # + roundups' sections
            if len(members) < 2 or (self.compare == "multi-outlet" and len({a.outlet for a in members}) < 2):
                continue
            chosen[story.id] = members
        signatures = {sid: comparison_signature(members) for sid, members in chosen.items()}
        results: dict[str, tuple[str, dict]] = {}
        if store is not None and self.dense_compare:
            for sid in list(chosen):
                cached = store.get_comparison(sid, signatures[sid])
                if cached is not None:
                    results[sid] = (signatures[sid], cached)
                    del chosen[sid]
        computed = compare_stories(self.connect(), chosen, use_dense=self.dense_compare)
        results.update({sid: (signatures[sid], data) for sid, data in computed.items()})
        return results
