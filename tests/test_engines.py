"""Engines: the local/ray switch, the Ray engine's stages, and the same stories from both.

The Ray tests start one local Ray (2 CPUs, no dashboard, usage statistics off) for the
module and stop it at the end.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articles.chunks as chunks
import articles.reader as reader
from articles import Article, Rejection, read_path
from engines.ray_stories import time_shards

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NPZ = SEEDS / "embeddings-e5.npz"


# ---- no Ray unless chosen ---------------------------------------------------------------


def test_local_engine_does_not_import_ray():
    code = ("import sys, clustering, articles, embeddings, comparison, engines, clustering.__main__\n"
            "import clustering.pipeline, store\n"
            "engines.get_engine('local'); engines.get_engine(None)\n"
            "print(sorted(m for m in sys.modules if m == 'ray' or m.startswith('ray.')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unknown_engine_is_refused():
    from engines import get_engine

    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        get_engine("spark")


def test_cli_refuses_ray_options_without_ray(capsys):
    from clustering.__main__ import parse_args

    with pytest.raises(SystemExit):
        parse_args(["seeds", "--out", "x", "--workers", "2"])
    assert "--engine ray" in capsys.readouterr().err


# ---- JSON Lines in chunks = the whole file ---------------------------------------------


def _items(found) -> list[tuple]:
    return [(type(i).__name__, i.id, tuple(i.source_paths)) if isinstance(i, Article)
            else ("Rejection", i.source_path, i.error) if isinstance(i, Rejection)
            else ("SetAside", i.source_path, _items([i.build()])[0]) for i in found]


def _read_by_chunks(path: Path, chunk_lines: int, window=None) -> list:
    out = []
    for chunk in chunks.iter_record_chunks(path, chunk_lines):
        out.extend([chunk] if isinstance(chunk, Rejection) else chunks.read_record_chunk(chunk, window=window))
    return out


def _record(n: int) -> str:
    return json.dumps({"id": f"r{n}", "outlet": f"Outlet {n % 3}", "date": f"2021-03-{1 + n % 28:02d}",
                       "title": f"Title {n}", "url": f"https://example.org/{n}", "text": f"Body {n}.\nMore."},
                      ensure_ascii=False)


_LINE = st.one_of(
    st.integers(0, 10**6).map(_record),
    st.sampled_from(["", "   ", "{not json", "[1, 2]", '{"title": "no text field"}',
                     '{"text": "x", "date": "not a date", "title": "t"}']),
)


@settings(max_examples=25, deadline=None)
@given(lines=st.lists(_LINE, min_size=1, max_size=60), chunk_lines=st.integers(1, 9),
       gz=st.booleans(), bad_byte_line=st.integers(0, 70),
       window=st.none() | st.tuples(st.integers(1, 28), st.integers(0, 10)))
def test_chunks_give_what_read_path_gives(tmp_path_factory, lines, chunk_lines, gz, bad_byte_line, window):
    """Property: reading every chunk = read_path on the whole file (articles, rejections,
    record paths; with a date window, the same records set aside), whatever the chunk size."""
    from articles.window import DateWindow

    if window is not None:
        window = DateWindow.of(f"2021-03-{window[0]:02d}", f"2021-03-{min(28, window[0] + window[1]):02d}")
    tmp = tmp_path_factory.mktemp("chunks")
    raw = "\n".join(lines).encode("utf-8") + b"\n"
    if 2 <= bad_byte_line < len(lines):  # one record that does not decode (after the tiny head)
        parts = raw.split(b"\n")
        parts[bad_byte_line] = b'{"text": "\xff\xfe"}'
        raw = b"\n".join(parts)
    raw = b'{"title": "F", "text": "x"}\n' + raw  # a short first line: the tiny head holds a line break
    path = tmp / ("feed.jsonl.gz" if gz else "feed.jsonl")
    path.write_bytes(gzip.compress(raw) if gz else raw)
    head = 64  # a tiny head, so a small file already streams (and splits)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reader, "HEAD_BYTES", head)
        mp.setattr(chunks, "HEAD_BYTES", head)
        whole = list(read_path(path, window=window))
        assert chunks.splits_into_chunks(path) == (len(raw) >= head)
        assert _items(_read_by_chunks(path, chunk_lines, window)) == _items(whole)


def test_truncated_gzip_gives_the_records_before_then_one_rejection(tmp_path):
    raw = ("\n".join(_record(n) for n in range(4000)) + "\n").encode()
    data = gzip.compress(raw)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    whole, parts = list(read_path(path)), _read_by_chunks(path, 500)
    assert _items(parts) == _items(whole)
    assert isinstance(parts[-1], Rejection) and "truncated gzip" in parts[-1].error
    assert sum(isinstance(i, Article) for i in parts) > 1000


def test_small_files_and_csv_are_not_split(tmp_path):
    small = tmp_path / "small.jsonl"
    small.write_text(_record(1) + "\n", encoding="utf-8")
    table = tmp_path / "big.csv"
    table.write_text("title,text,date\n" + "".join(f"t{n},\"a\nb\",2021-01-01\n" for n in range(20000)),
                     encoding="utf-8")
    assert not chunks.splits_into_chunks(small)
    assert not chunks.splits_into_chunks(table)
    assert not chunks.splits_into_chunks(tmp_path / "missing.jsonl")


# ---- the stories decomposition's pure parts ---------------------------------------------


@given(st.lists(st.one_of(st.floats(0, 60), st.just(float("nan"))), min_size=1, max_size=50),
       st.floats(0.5, 10), st.floats(0, 5))
def test_time_shards_cover_every_row_once_and_pad_by_the_window(days, shard_days, window):
    """Every row in one shard; a shard's padding holds every article its rows' candidate
    search may look at (dated ones within the window, every undated one)."""
    days = np.array(days)
    shards = time_shards(days, shard_days, window)
    rows = np.concatenate([r for r, _ in shards])
    assert sorted(rows.tolist()) == list(range(len(days)))
    for rows, padded in shards:
        assert set(rows) <= set(padded)
        for i in rows:
            if np.isnan(days[i]):
                assert len(padded) == len(days)
                continue
            near = np.flatnonzero(np.isnan(days) | (np.abs(days - days[i]) <= window))
            assert set(near) <= set(padded)


# ---- on a local Ray ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def ray_engine():
    pytest.importorskip("ray")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    from engines import get_engine

    engine = get_engine("ray", num_cpus=2, compare="none")
    engine.connect()
    yield engine
    engine.close()
    import ray

    assert not ray.is_initialized()


def _store(path: Path, vectors: bool = True):
    import embeddings
    from store import Store

    store = Store(path)
    if vectors:
        embeddings.load_precomputed(store, NPZ)
    return store


def _partition(stories) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in stories)


@pytest.mark.slow
def test_ray_engine_gives_the_local_partition_on_the_demo_corpus(ray_engine, tmp_path):
    """The demo corpus (2,186 articles, the shipped e5 vectors in both stores' caches)."""
    from engines import get_engine
    from engines.outputs import read_parquet

    local_store, ray_store = _store(tmp_path / "local.db"), _store(tmp_path / "ray.db")
    local = get_engine("local").run([str(SEEDS)], local_store)
    result = ray_engine.run([str(SEEDS)], ray_store, out=tmp_path / "out")
    assert [a.id for a in result.articles] == [a.id for a in local.articles]
    assert _partition(result.stories) == _partition(local.stories)
    assert [s.id for s in result.stories] == [s.id for s in local.stories]
    assert result.stats["embedding"]["embedded"] == 0  # every vector came from the cache
    assert result.stats["embedding"]["cached"] == result.stats["embedding"]["texts"]
    # Parquet holds the run; the store holds it for the dashboard.
    back = read_parquet(tmp_path / "out")
    assert _partition(back.stories) == _partition(local.stories)
    assert back.vectors.shape == (len(local.articles), 384)
    from clustering import pipeline

    assert _partition(pipeline.load_stories(ray_store)) == _partition(local.stories)
    assert not pipeline.stories_outdated(ray_store)  # the dashboard will not regroup it
    local_store.close()
    ray_store.close()


def test_ray_embedding_skips_cached_texts(ray_engine, tmp_path):
    """Texts in the store's cache never reach a worker; the others are embedded by the
    actor pool, each distinct text once, and written to the cache."""
    import embeddings
    from embeddings import article_text, embedding_key, title_text

    files = sorted(str(p) for p in (SEEDS / "nbw-2021-07").glob("2021-07-06-*"))[:6]
    found = [a for f in files for a in read_path(f) if isinstance(a, Article)]
    keys = [embedding_key(article_text(a)) for a in found]
    store = _store(tmp_path / "cache.db", vectors=False)
    backend = embeddings.get_backend(None)
    shipped = _store(tmp_path / "shipped.db").get_embeddings(backend.name, keys)
    assert len(shipped) == len(set(keys))
    title_keys = [embedding_key(title_text(a)) for a in found]
    titles = _store(tmp_path / "shipped.db").get_embeddings(backend.name, title_keys)
    cached_keys = keys[::2]
    store.put_embeddings(backend.name, {k: shipped[k] for k in cached_keys} | titles)
    stats: dict = {}
    vectors, _, got_keys, _, name = ray_engine.embed(found, store, None, stats)
    assert name == backend.name and got_keys == keys
    assert stats["embedding"]["cached"] == len(set(cached_keys) | set(title_keys))
    assert stats["embedding"]["embedded"] == len(set(keys) - set(cached_keys))
    for row, key in enumerate(keys):
        if key in cached_keys:  # exactly the cached vector: not embedded again
            assert np.array_equal(vectors[row], shipped[key])
        else:  # embedded now: the shipped vector up to float16 rounding and int8 kernels
            # (onnxruntime's quantized kernels differ by CPU: AVX2 vs AVX-512 VNNI machines
            # agree to cosine ~0.998; 0.995 is the default model's own bound vs float32)
            assert float(vectors[row] @ shipped[key]) > 0.995
    assert len(store.get_embeddings(name, keys)) == len(set(keys))
    assert sum(w["rows"] for w in stats["embedding"]["workers"].values()) == stats["embedding"]["embedded"]
    store.close()


def test_ray_reads_records_in_chunks_with_rejections(ray_engine, tmp_path):
    """Workers parse a file cut into chunks into the items read_path gives, in its order (the
    duplicate and the broken record too: the driver's ingest decides what is stored)."""
    from engines.ray_stages import parse_files

    lines = [_record(n) for n in range(300)] + ["{broken", _record(5)]  # r5 again: a duplicate
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    parsed = parse_files(ray_engine.connect(), [str(path), str(empty)], chunk_lines=40, max_bytes=1 << 20,
                         read_options={})
    assert parsed[str(path)] == list(read_path(path)) and len(parsed[str(path)]) == 302
    assert [str(r) for r in parsed[str(path)] if isinstance(r, Rejection)] == [
        f"{path}#301: invalid JSON (Expecting property name enclosed in double quotes)"]
    assert [str(r) for r in parsed[str(empty)]] == [f"{empty}: empty file"]


@pytest.mark.slow
def test_distributed_fit_equals_fit_on_the_demo_corpus(ray_engine):
    """The clusterer's parts run as Ray tasks over one-day shards (candidates, scores,
    components) give exactly ``fit``'s pairs, probabilities, labels and stories."""
    import embeddings
    from articles import ingest
    from clustering import StoryClusterer
    from clustering.pipeline import embed_both
    from engines.ray_stories import distributed_fit
    from store import Store

    store = Store(":memory:")
    embeddings.load_precomputed(store, NPZ)
    report = ingest(sorted((SEEDS / "nbw-2021-07").glob("2021-07-0[5-7]-*")), store)
    found = store.articles(report.article_ids)
    vectors, titles, _ = embed_both(found, store)
    local = StoryClusterer().fit(found, vectors, titles)
    stats: dict = {}
    spread = distributed_fit(ray_engine.connect(), StoryClusterer(), found, vectors, titles, stats, shard_days=1.0)
    assert stats["shards"] >= 3 and stats["component_tasks"] >= 1
    assert np.array_equal(spread.pairs_, local.pairs_)
    assert np.allclose(spread.proba_, local.proba_, rtol=0, atol=1e-12)
    assert spread.labels_.tolist() == local.labels_.tolist()
    assert [s.to_dict() for s in spread.stories_] == [s.to_dict() for s in local.stories_]
    assert 1 < len(set(local.labels_.tolist())) < len(found)


def test_ray_compares_one_task_per_story(ray_engine):
    from engines.ray_stages import compare_stories
    from engines.rows import finding_rows

    seeds = [a for p in sorted(SEEDS.glob("00*.txt")) for a in read_path(p) if isinstance(a, Article)]
    assert len(seeds) == 2
    results = compare_stories(ray_engine.connect(), {"st-seed": seeds}, use_dense=False)
    assert list(results) == ["st-seed"] and "error" not in results["st-seed"]
    rows = finding_rows("st-seed", results["st-seed"])
    assert rows and {r["kind"] for r in rows} <= {"agree", "contradiction", "precision", "framing", "unique"}


def test_cli_ray_engine_writes_parquet_and_csv(ray_engine, tmp_path):
    import pyarrow.parquet as pq

    from clustering.__main__ import main

    files = [str(p) for p in sorted(SEEDS.glob("00*.txt"))] + [str(tmp_path / "missing.md")]
    code = main([*files, "--engine", "ray", "--compare", "none", "--db", str(tmp_path / "w.db"),
                 "--out", str(tmp_path / "out")])
    assert code == 0
    for name in ("articles", "vectors", "assignments", "stories", "findings", "rejections"):
        assert (tmp_path / "out" / f"{name}.parquet").exists()
    assert pq.read_table(tmp_path / "out" / "articles.parquet").num_rows == 2
    assert (tmp_path / "out" / "assignments.csv").exists()
    assert "missing.md,no such file or folder" in (tmp_path / "out" / "errors.csv").read_text()


@pytest.mark.slow
def test_cli_ray_run_prints_only_its_own_lines_unless_verbose(tmp_path):
    """Cron mails stderr: a Ray run's holds this command's lines alone (Ray's INFO and WARNING
    banners, "Token authentication is enabled", "Progress bars disabled", are not printed)."""
    pytest.importorskip("ray")
    files = [str(p) for p in sorted(SEEDS.glob("00*.txt"))]
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_ADDRESS")}
    out = subprocess.run([sys.executable, "-m", "clustering", *files, "--engine", "ray", "--compare", "none",
                          "--model", "lexical", "--db", str(tmp_path / "w.db"), "--out", str(tmp_path / "out")],
                         cwd=ROOT, capture_output=True, text=True, timeout=600, env={**env, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("2 articles ->") and "engine: ray" in lines[0], lines


def test_the_ray_engine_asks_ray_for_its_errors_only_unless_verbose(monkeypatch):
    """What the engine passes to ray.init and Ray Data, with a stand-in for Ray (no Ray started)."""
    import logging
    import types

    from engines.ray_engine import RayEngine

    for verbose, progress in ((False, False), (True, True)):
        calls, context = [], types.SimpleNamespace()
        ray = types.ModuleType("ray")
        ray.is_initialized = lambda: False

        def init(_calls: list = calls, **kwargs) -> None:
            _calls.append(kwargs)

        ray.init = init
        ray.data = types.ModuleType("ray.data")
        ray.data.DataContext = types.SimpleNamespace(get_current=lambda context=context: context)
        monkeypatch.setitem(sys.modules, "ray", ray)
        monkeypatch.setitem(sys.modules, "ray.data", ray.data)
        engine = RayEngine(verbose=verbose)
        engine.connect()
        (kwargs,) = calls
        assert kwargs["log_to_driver"] is verbose
        assert kwargs["logging_level"] == (logging.INFO if verbose else logging.ERROR)
        assert logging.getLogger("ray.data").level == kwargs["logging_level"]
        assert (context.enable_progress_bars, context.print_on_execution_start) == (False, verbose)
        from engines.ray_engine import quiet_data_jobs

        quiet_data_jobs(verbose, progress)  # (a run: bars when a person watches)
        assert context.enable_progress_bars is progress
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_cli_verbose_reaches_the_ray_engine():
    from clustering.__main__ import engine_options, parse_args

    assert engine_options(parse_args(["x", "--out", "o", "--engine", "ray"]))["verbose"] is False
    assert engine_options(parse_args(["x", "--out", "o", "--engine", "ray", "-v"]))["verbose"] is True


def _can_isolate_network() -> bool:
    try:
        return subprocess.run(["unshare", "-n", "sh", "-c", "ip link set lo up"], capture_output=True,
                              timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.mark.slow
def test_ray_engine_runs_with_no_network(tmp_path):
    """In a network namespace with loopback only (no DNS, no route out), the CLI's Ray
    engine starts a local Ray, embeds, groups and writes: nothing is fetched."""
    if not _can_isolate_network():
        pytest.skip("unshare -n needs root (CI runs as root)")
    files = " ".join(str(p) for p in sorted(SEEDS.glob("00*.txt")))
    command = (f"ip link set lo up && exec {sys.executable} -m clustering {files} --engine ray "
               f"--compare none --db {tmp_path / 'w.db'} --out {tmp_path / 'out'}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_ADDRESS")}
    out = subprocess.run(["unshare", "-n", "sh", "-c", command], cwd=ROOT, capture_output=True, text=True,
                         timeout=600, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "2 articles ->" in out.stderr and "engine: ray" in out.stderr
    assert (tmp_path / "out" / "stories.parquet").exists()


def test_a_plain_file_over_the_cap_is_chunked_up_to_it_as_read_path_reads_it(tmp_path):
    path = tmp_path / "over.jsonl"
    path.write_text("".join(_record(n) + "\n" for n in range(6_000)), "utf-8")
    cap = reader.HEAD_BYTES * 2
    assert path.stat().st_size > cap and chunks.splits_into_chunks(path, cap)
    found = []
    for chunk in chunks.iter_record_chunks(path, 500, cap):
        found.extend([chunk] if isinstance(chunk, Rejection) else chunks.read_record_chunk(chunk))
    assert _items(found) == _items(read_path(path, max_bytes=cap))
    assert "stopped at line" in found[-1].error


def test_ray_engine_over_one_day_gives_a_two_day_story_back_whole(ray_engine, tmp_path):
    """As the local engine does: a re-run over one day's folder fits the stored members of its
    stories too, so the two-day story is not split (made-up articles, lexical features)."""
    from clustering import pipeline
    from store import Store
    from tests.test_clustering_partial_run import FOLDERS, _write

    folders = {name: _write(tmp_path, name, records) for name, records in FOLDERS.items()}
    store = Store(tmp_path / "p.db")
    ray_engine.run([str(f) for f in folders.values()], store, model="lexical")
    full = _partition(pipeline.load_stories(store))
    assert len(full) == 2
    result = ray_engine.run([str(folders["d2"])], store, model="lexical")
    assert _partition(pipeline.load_stories(store)) == full
    assert len(result.articles) == 2 and len(result.context) == 2
    assert _partition(result.stories) == [sorted(a.id for a in result.articles + result.context)]
    store.close()


def test_ray_engine_hour_by_hour_joins_follow_ups_and_groups_orphans(ray_engine, tmp_path):
    """As the local engine does: an hourly run over a new folder joins its follow-ups to the
    earlier hour's story (same id), groups the stored articles no run grouped, and a quiet hour
    writes nothing and changes nothing (made-up articles, lexical features)."""
    import articles as articles_stage
    from clustering import pipeline
    from store import Store
    from tests.test_clustering_hourly_run import FOOTBALL, HOURS
    from tests.test_clustering_partial_run import _write

    folders = {name: _write(tmp_path, name, records) for name, records in HOURS.items()}
    store = Store(tmp_path / "ws.db")
    ray_engine.run([str(folders["h01"])], store, model="lexical")
    (dam_id,) = [s.id for s in pipeline.load_stories(store)]
    articles_stage.ingest([folders["h02"]], store)  # hour 2's clustering never ran
    result = ray_engine.run([str(_write(tmp_path, "h03", FOOTBALL))], store, model="lexical",
                            out=tmp_path / "out")
    stories = pipeline.load_stories(store)
    by_size = sorted(stories, key=lambda s: -len(s.members))
    assert [len(s.members) for s in by_size] == [4, 2, 1] and by_size[0].id == dam_id
    assert len(result.articles) == 1 and len(result.orphans) == 4 and len(result.context) == 2
    before = store.stories()
    quiet = tmp_path / "h04"
    quiet.mkdir()
    assert ray_engine.run([str(quiet)], store, model="lexical", out=tmp_path / "out-h04").stories == []
    assert store.stories() == before and not (tmp_path / "out-h04").exists()
    store.close()


def test_ray_engine_quiet_hour_groups_the_orphans_as_the_local_engine_does(ray_engine, tmp_path):
    """Hour 2 was ingested but never grouped: a quiet hour groups it on Ray as the local engine
    does (same stories, same ids; both decide through pipeline.grouping_context) and writes its
    Parquet files; a quiet hour with none waiting writes nothing."""
    import articles as articles_stage
    from clustering import pipeline
    from store import Store
    from tests.test_clustering_hourly_run import HOURS
    from tests.test_clustering_partial_run import _write

    folders = {name: _write(tmp_path, name, records) for name, records in HOURS.items()}
    quiet = tmp_path / "h03"
    quiet.mkdir()
    grouped = {}
    for name in ("ray", "local"):
        with Store(tmp_path / f"{name}.db") as store:
            pipeline.run([folders["h01"]], store, model="lexical")
            articles_stage.ingest([folders["h02"]], store)
            if name == "ray":
                result = ray_engine.run([str(quiet)], store, model="lexical", out=tmp_path / "out-h03")
            else:
                result = pipeline.run([quiet], store, model="lexical")
            assert result.articles == [] and len(result.orphans) == 4
            grouped[name] = sorted((s.id, sorted(s.article_ids)) for s in pipeline.load_stories(store))
            if name == "ray":
                before = store.stories()
                again = ray_engine.run([str(quiet)], store, model="lexical", out=tmp_path / "out-h04")
                assert again.stories == [] and store.stories() == before
    assert grouped["ray"] == grouped["local"] and [len(ids) for _, ids in grouped["ray"]] in ([4, 2], [2, 4])
    assert (tmp_path / "out-h03" / "stories.parquet").exists() and not (tmp_path / "out-h04").exists()


def test_ray_engine_hourly_follow_ups_read_by_the_run_join_the_stored_story(ray_engine, tmp_path):
    """The run's own new articles join a stored story although the Ray engine builds its stories
    before it stores the articles it read (a review found them dropped: in no story)."""
    from clustering import pipeline
    from store import Store
    from tests.test_clustering_hourly_run import HOURS
    from tests.test_clustering_partial_run import _write

    folders = {name: _write(tmp_path, name, records) for name, records in HOURS.items()}
    store = Store(tmp_path / "ws.db")
    ray_engine.run([str(folders["h01"])], store, model="lexical")
    result = ray_engine.run([str(folders["h02"])], store, model="lexical")
    stories = pipeline.load_stories(store)
    grouped = {m.article_id for s in stories for m in s.members}
    assert [a.id for a in store.articles() if a.id not in grouped] == []
    assert sorted(len(s.members) for s in stories) == sorted(len(s.members) for s in result.stories) == [2, 4]
    store.close()


def test_ray_engine_keeps_an_upload_that_joined_a_story_it_grows(ray_engine, tmp_path, monkeypatch):
    """As the local run does (tests/test_clustering_upload_during_run.py): an upload joining the
    stored story while the Ray engine groups stays in it when the import writes the grown story."""
    from clustering import pipeline
    from engines import ray_stories
    from store import Store
    from tests.test_clustering_hourly_run import HOURS
    from tests.test_clustering_partial_run import _write
    from tests.test_clustering_upload_during_run import UPLOADED, upload_while

    folders = {name: _write(tmp_path, name, records) for name, records in HOURS.items()}
    store = Store(tmp_path / "ws.db")
    ray_engine.run([str(folders["h01"])], store, model="lexical")
    (dam_id,) = {s.id for s in pipeline.load_stories(store)}
    uploaded: list[str] = []
    upload_while(monkeypatch, ray_stories, "stories_on_ray", store.path, _write(tmp_path, "upload", UPLOADED),
                 uploaded)
    ray_engine.run([str(folders["h02"])], store, model="lexical")
    owner = {m.article_id: s.id for s in pipeline.load_stories(store) for m in s.members}
    assert len(uploaded) == 1 and owner[uploaded[0]] == dam_id
    assert [owner[a.id] for a in store.articles() if "orvina" in a.title] == [dam_id] * 5
    store.close()
