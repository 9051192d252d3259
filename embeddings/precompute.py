"""Precompute article embeddings into a compressed ``.npz`` for the demo.

    python -m embeddings.precompute seeds/ --out seeds/embeddings-e5.npz [--model NAME]

Ingests the inputs into a temporary store (``articles.ingest``), embeds every
article with the backend (default: the default backend; the vectors of an existing
``--out`` file of the same backend are reused, so a re-run embeds only what changed), and writes
``keys`` (the embedding cache keys, see :func:`embeddings.embedding_key`),
``vectors`` (float16: halves the file, cosine error ~1e-4) and ``model`` (the
backend name). :func:`load_precomputed` puts such a file into a store's cache, so
the dashboard can open the demo without embedding 2,000 articles first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from embeddings import (
    article_text,
    embed_articles,
    embed_titles,
    embedding_key,
    get_backend,
    title_text,
)


def precompute(
    inputs: list[str], out: Path, model: str | None = None, progress: bool = True
) -> dict:
    from articles import ingest
    from store.sqlite import Store

    started = time.perf_counter()
    backend = get_backend(model)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "precompute.db")
        try:
            if out.exists():
                # An earlier file of the same backend: only texts it lacks are embedded (a title
                # that now reads otherwise), and texts no article holds any more are left out.
                load_precomputed(store, out, backend.name)
            report = ingest(inputs, store, progress=progress)
            articles = store.articles()
            vectors = embed_articles(articles, backend, store=store, show_progress=progress)
            # Titles too: the pair scorer compares headlines apart from the bodies.
            title_vectors = embed_titles(articles, backend, store=store, show_progress=progress)
        finally:
            store.close()
    keys = [embedding_key(article_text(a)) for a in articles] + [embedding_key(title_text(a)) for a in articles]
    vectors = np.vstack([vectors, title_vectors])
    unique: dict[str, np.ndarray] = {}
    for key, vector in zip(keys, vectors, strict=True):
        unique.setdefault(key, vector)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = out.with_name(out.name + ".tmp.npz")
    np.savez_compressed(
        tmp_out,
        keys=np.array(list(unique), dtype="U40"),
        vectors=np.array(list(unique.values()), dtype=np.float16).reshape(len(unique), -1),
        model=np.array(backend.name),
    )
    tmp_out.replace(out)
    return {
        "articles": len(articles),
        "vectors": len(unique),
        "rejected": len(report.rejected),
        "model": backend.name,
        "seconds": time.perf_counter() - started,
        "bytes": out.stat().st_size,
    }


def load_precomputed(store, npz_path: str | Path, backend_name: str | None = None) -> int:
    """Put the vectors of ``npz_path`` into ``store``'s embedding cache.

    ``backend_name``: the backend the caller will embed with; a file made with
    another backend is ignored (returns 0). None accepts the file's own backend.
    Keys already cached are left alone. Returns the number of vectors added.
    """
    with np.load(npz_path, allow_pickle=False) as data:
        model = str(data["model"])
        if backend_name is not None and backend_name != model:
            return 0
        keys = [str(k) for k in data["keys"]]
        vectors = data["vectors"].astype(np.float32)
    present = store.get_embeddings(model, keys)
    # float16 storage: re-normalize so cached rows are unit length like fresh ones.
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.maximum(norms, 1e-12)
    new = {k: v for k, v in zip(keys, vectors, strict=True) if k not in present}
    if new:
        store.put_embeddings(model, new)
    return len(new)


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description="Precompute article embeddings into an .npz file.")
    parser.add_argument("inputs", nargs="+", help="files or folders to ingest")
    parser.add_argument("--out", type=Path, required=True, help="output .npz file")
    parser.add_argument("--model", default=None, help="backend name (default: the default backend)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing:
        print(f"precompute: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    info = precompute(args.inputs, args.out, args.model, progress=not args.quiet)
    if info["articles"] == 0:
        print("precompute: no article could be read from the inputs", file=sys.stderr)
        return 1
    print(
        f"{args.out}: {info['vectors']} vectors for {info['articles']} articles "
        f"({info['rejected']} inputs rejected), model {info['model']}, "
        f"{info['seconds']:.0f} s, {info['bytes'] / 1e6:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
