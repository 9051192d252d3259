"""The Ray engine: embedding throughput with 1 and 2 workers, and a two-node run.

    .venv/bin/python benchmarks/bench_ray.py [--limit 10000] [--batch-size 64] [--skip-two-node] [--offline]

Reads the first ``--limit`` articles (default 10,000) of ../shared/corpus/nbw-2021h1.jsonl.gz
(prints a message and exits 0 when it is absent), then in one run:

1. a local Ray of 2 CPUs: embeds their texts (``embeddings.article_text``, nothing cached)
   with the default model over an actor pool of 1 worker, then of 2 workers, one CPU each
   (``engines.ray_stages.embed_missing``, the engine's own code path); prints articles/s
   (wall clock of the job, actor start and model load included, and per worker busy time),
   the speed-up, and each worker's rows and peak memory (no worker may hold all vectors);
2. a two-node Ray on this machine (``ray start --head`` and ``ray start --address``, 1 CPU
   each, on 127.0.0.1 only, private ports and temp dir): the same embedding with 2 workers,
   then the whole engine (``RayEngine(address=...)``) on those articles written as one
   JSON Lines file (read in chunks), the texts' vectors from step 1 in its cache; and the
   local engine on the same file and cache: the two partitions must be equal; then the CLI
   through Ray Client (``--address ray://...``) on the two seed files.

Everything it starts is stopped at the end (``ray.shutdown()``; the two ``ray start
--block`` process groups it launched, by their ids). ``--offline`` re-runs this script in
a network namespace with only loopback (``unshare -n``, root): proof that Ray downloads
nothing. The machine is shared: the figures are lower bounds.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

CORPUS = ROOT.parent / "shared" / "corpus" / "nbw-2021h1.jsonl.gz"
RAY = Path(sys.executable).with_name("ray")


def subset_file(corpus: Path, n: int, folder: Path) -> Path:
    """The first ``n`` records of the corpus that read as articles, as one JSON Lines file."""
    from articles.model import Article
    from articles.tabular import read_jsonl_lines

    out = folder / f"nbw-first-{n}.jsonl"
    kept = 0
    with gzip.open(corpus, "rb") as src, out.open("wb") as dst:
        for line in src:
            if kept >= n:
                break
            if any(isinstance(a, Article) for a in read_jsonl_lines([line], "x")):
                dst.write(line)
                kept += 1
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def worker_report(label: str, n: int, stats) -> dict:
    workers = stats.workers
    rate = n / stats.seconds
    load = os.getloadavg()[0]
    print(f"  {label}: {n} articles in {stats.seconds:.1f} s = {rate:.2f} articles/s "
          f"(actor start + model load included); load average after: {load:.1f} on {os.cpu_count()} CPUs")
    for name, w in sorted(workers.items()):
        own = w["rows"] / w["busy_s"] if w["busy_s"] else float("nan")
        per_cpu = w["rows"] / w["cpu_s"] if w["cpu_s"] else float("nan")
        print(f"    worker {name}: {w['rows']} articles ({w['rows'] / n:.0%}), busy {w['busy_s']:.1f} s "
              f"({own:.2f} articles/s; {w['cpu_s']:.1f} CPU s = {per_cpu:.2f} articles per CPU second), "
              f"peak RSS {w['peak_rss_mb']:.0f} MB")
    holds_all = [w for w in workers.values() if w["rows"] >= n]
    if len(workers) > 1:
        print(f"    no worker holds all vectors: {not holds_all} "
              f"(most held by one worker: {max(w['rows'] for w in workers.values())} of {n})")
    return {"rate": rate, "workers": workers}


def embed_round(ray, texts: dict[str, str], workers: int, batch_size: int):
    from engines.ray_stages import EmbedStats, embed_missing

    stats = EmbedStats()
    vectors = embed_missing(ray, texts, None, workers=workers, batch_size=batch_size, stats=stats)
    return vectors, stats


class TwoNodes:
    """A head (1 CPU) and a second node (1 CPU) started with ``ray start --block`` on
    127.0.0.1, each in its own process group so it is stopped by id, nothing else."""

    def __init__(self, folder: Path):
        self.temp = Path(tempfile.mkdtemp(prefix="pxray-", dir="/tmp"))  # short: socket paths
        # Its own token (not the ~/.ray/auth_token other Ray users of this machine share),
        # set for the nodes, ``ray status`` and this driver while the nodes run.
        self.auth = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}
        self.saved_env = {k: os.environ.get(k) for k in self.auth}
        self.client_port = free_port()
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.procs: list[subprocess.Popen] = []
        self.log = folder

    def _start(self, args: list[str], name: str) -> None:
        ports = ["--node-manager-port", str(free_port()), "--object-manager-port", str(free_port()),
                 "--dashboard-agent-listen-port", str(free_port()), "--dashboard-agent-grpc-port",
                 str(free_port()), "--metrics-export-port", str(free_port()), "--runtime-env-agent-port",
                 str(free_port()), "--min-worker-port", "0", "--max-worker-port", "0"]
        env = {**os.environ, **self.auth, "RAY_USAGE_STATS_ENABLED": "0", "PYTHONPATH": str(ROOT)}
        log = (self.log / f"{name}.log").open("w")
        self.procs.append(subprocess.Popen(
            [str(RAY), "start", "--block", "--num-cpus", "1", "--node-ip-address", "127.0.0.1",
             "--disable-usage-stats", *ports, *args],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True))

    @staticmethod
    def _reload_token() -> None:
        """This process read a token when it last connected; make it read the environment's."""
        from ray._raylet import AuthenticationTokenLoader, Config

        Config.initialize("")
        AuthenticationTokenLoader.instance().reset_cache()

    def __enter__(self) -> TwoNodes:
        os.environ.update(self.auth)
        self._reload_token()
        try:
            self._start(["--head", "--port", str(self.port), "--include-dashboard", "false",
                         "--ray-client-server-port", str(self.client_port), "--temp-dir", str(self.temp)],
                        "head")
            self._wait_for(1)
            self._start(["--address", self.address], "node2")
            self._wait_for(2)
        except BaseException:
            for log in sorted(self.log.glob("*.log")):
                print(f"--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-15:]))
            self.__exit__()
            raise
        return self

    def _wait_for(self, nodes: int, timeout: float = 120) -> None:
        """Until ``nodes`` nodes are alive (``ray status`` against the head; never a
        driver connection that could wait forever for a head that died)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(p.poll() is not None for p in self.procs):
                raise RuntimeError(f"ray start exited; see {self.log}/*.log")
            status = subprocess.run([str(RAY), "status", "--address", self.address], capture_output=True,
                                    text=True, timeout=60,
                                    env={**os.environ, **self.auth, "RAY_USAGE_STATS_ENABLED": "0"})
            if status.returncode == 0 and status.stdout.count("node_") >= nodes:
                return
            time.sleep(2)
        raise RuntimeError(f"{nodes} Ray node(s) not up after {timeout:.0f} s")

    def __exit__(self, *exc) -> None:
        for proc in reversed(self.procs):  # the second node first, then the head
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        for proc in self.procs:  # anything left in their groups (raylet's workers)
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.temp, ignore_errors=True)
        for key, value in self.saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._reload_token()


def partition(stories) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in stories)


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=10_000, help="articles (default 10,000)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"JSON Lines corpus (default {CORPUS})")
    parser.add_argument("--batch-size", type=int, default=64, help="texts per embedding batch")
    parser.add_argument("--skip-two-node", action="store_true", help="only the local 1 vs 2 workers")
    parser.add_argument("--offline", action="store_true",
                        help="run this benchmark in a network namespace with loopback only (root)")
    args = parser.parse_args(argv)
    if args.offline:
        rest = [a for a in (argv if argv is not None else sys.argv[1:]) if a != "--offline"]
        script = (f"ip link set lo up && exec {sys.executable} {Path(__file__).resolve()} "
                  + " ".join(rest))
        print("offline: no network but loopback (unshare -n)")
        return subprocess.call(["unshare", "-n", "sh", "-c", script])
    if not args.corpus.is_file():
        print(f"bench_ray: {args.corpus} not found; nothing to measure")
        return 0
    from articles import read_path
    from articles.model import Article
    from embeddings import article_text, embedding_key

    folder = Path(tempfile.mkdtemp(prefix="bench-ray-"))
    try:
        path = subset_file(args.corpus, args.limit, folder)
        found = [a for a in itertools.islice(read_path(path, max_bytes=1 << 32), args.limit)
                 if isinstance(a, Article)]
        texts = {embedding_key(article_text(a)): article_text(a) for a in found}
        print(f"{len(found)} articles ({len(texts)} distinct texts) = the first {args.limit} of {args.corpus.name}; "
              f"default model, text = title + body, first 600 characters; batch {args.batch_size}; "
              f"{os.cpu_count()} CPUs shared with other jobs (figures are lower bounds)")
        vectors, r1 = _local_rounds(texts, args.batch_size)
        if args.skip_two_node:
            return 0
        return _two_node_rounds(folder, path, found, texts, vectors, r1, args.batch_size)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _local_rounds(texts: dict, batch_size: int) -> tuple[dict, dict]:
    """1. One and two workers on local Ray: the vectors and the one-worker report."""
    import ray

    from engines.ray_engine import quiet_data_jobs, worker_env

    print("1. local Ray, 2 CPUs (ray.init(num_cpus=2)); one CPU and one ONNX thread per worker")
    quiet_data_jobs()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR",
             runtime_env={"env_vars": worker_env()})
    try:
        vectors, one = embed_round(ray, texts, 1, batch_size)
        r1 = worker_report("1 worker ", len(texts), one)
        _, two = embed_round(ray, texts, 2, batch_size)
        r2 = worker_report("2 workers", len(texts), two)
    finally:
        ray.shutdown()
    print(f"  speed-up, 2 workers vs 1: {r2['rate'] / r1['rate']:.2f}x (wall clock)")
    return vectors, r1


def _two_node_rounds(folder: Path, path, found: list, texts: dict, vectors: dict, r1: dict, batch_size: int) -> int:
    """2. Two Ray nodes on 127.0.0.1: embedding spread over them, the whole engine, the CLI through
    Ray Client, and the engine's partition against the local engine's (exit 1 if they differ)."""
    import ray

    from embeddings import embedding_key, get_backend, title_text
    from engines import get_engine
    from engines.ray_engine import worker_env
    from store import Store

    print("2. two-node Ray on 127.0.0.1 (ray start --head, ray start --address; 1 CPU each)")
    name = get_backend(None).name
    seeded = {k: vectors[k] for k in texts}
    with TwoNodes(folder) as nodes:
        ray.init(address=nodes.address, log_to_driver=False, logging_level="ERROR",
                 runtime_env={"env_vars": worker_env()})
        try:
            node_ids = {n["NodeID"][:12] for n in ray.nodes() if n["Alive"]}
            print(f"  nodes alive: {len(node_ids)}; cluster CPUs: {ray.cluster_resources().get('CPU')}")
            _, spread = embed_round(ray, texts, 2, batch_size)
            r3 = worker_report("2 workers on 2 nodes", len(texts), spread)
            nodes_used = {w.split("/")[0] for w in spread.workers}
            print(f"  workers ran on {len(nodes_used)} node(s); speed-up vs 1 local worker: "
                  f"{r3['rate'] / r1['rate']:.2f}x")
            store = Store(folder / "ray.db")
            store.put_embeddings(name, seeded)
            clock = time.perf_counter()
            with get_engine("ray", address=nodes.address, compare="none") as engine:
                result = engine.run([str(path)], store, out=folder / "out")
            print(f"  engine on 2 nodes: {len(result.articles)} articles -> {len(result.stories)} stories "
                  f"in {time.perf_counter() - clock:.1f} s; stats {json.dumps(result.stats)}")
        finally:
            ray.shutdown()
        _client_round(folder, nodes.client_port)
    local_store = Store(folder / "local.db")
    title_keys = [embedding_key(title_text(a)) for a in found]
    local_store.put_embeddings(name, store.get_embeddings(name, list(texts) + title_keys))
    clock = time.perf_counter()
    local = get_engine("local").run([str(path)], local_store)
    print(f"  local engine: {len(local.stories)} stories in {time.perf_counter() - clock:.1f} s")
    same = partition(local.stories) == partition(result.stories)
    print(f"  two-node partition equals the local one: {same}")
    store.close()
    local_store.close()
    return 0 if same else 1


def _client_round(folder: Path, client_port: int) -> None:
    """The same cluster through Ray Client: the CLI with --address ray://, on the seeds."""
    seeds = [str(p) for p in sorted((ROOT / "seeds").glob("00*.txt"))]
    clock = time.perf_counter()
    client = subprocess.run(
        [sys.executable, "-m", "clustering", *seeds, "--engine", "ray", "--address",
         f"ray://127.0.0.1:{client_port}", "--compare", "all", "--lexical-compare",
         "--db", str(folder / "client.db"), "--out", str(folder / "client")],
        capture_output=True, text=True, cwd=ROOT, timeout=900)
    last = client.stderr.strip().splitlines()[-1:] or [""]
    print(f"  CLI through ray://127.0.0.1:{client_port}: exit {client.returncode} in "
          f"{time.perf_counter() - clock:.1f} s: {last[0]}")


if __name__ == "__main__":
    sys.exit(main())
