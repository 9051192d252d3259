"""Any local sentence-transformers model (a folder, or a name already in the HF cache).

Nothing is downloaded: the hub is switched off before sentence-transformers loads.
Texts longer than the model's ``max_seq_length`` are split into token windows whose
vectors are averaged (weighted by token count) and re-normalized, as for e5.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from embeddings.base import EmbeddingBackend

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class SentenceTransformerBackend(EmbeddingBackend):
    def __init__(self, path_or_name: str | Path, prompt: str | None = None, batch_size: int = 32):
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(path_or_name), device="cpu", local_files_only=True)
        self.prompt = prompt
        self.batch_size = batch_size
        label = Path(str(path_or_name)).name or str(path_or_name)
        self.name = f"st:{label}:{prompt or 'noprompt'}"
        self.calls = 0

    def _windows(self, text: str) -> list[tuple[str, int]]:
        """``text`` cut at token boundaries into pieces the model takes whole."""
        tokenizer = self.model.tokenizer
        limit = max(int(self.model.max_seq_length or 512) - 2, 16)
        if not getattr(tokenizer, "is_fast", False):
            return [(text, 1)]
        enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        offsets = enc["offset_mapping"]
        if len(offsets) <= limit:
            return [(text, max(len(offsets), 1))]
        pieces = []
        for start in range(0, len(offsets), limit):
            chunk = offsets[start : start + limit]
            pieces.append((text[chunk[0][0] : chunk[-1][1]], len(chunk)))
        return pieces

    def embed(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        texts = list(texts)
        self.calls += len(texts)
        prompt = self.prompt or ""
        pieces: list[str] = []
        owners: list[int] = []
        weights: list[int] = []
        for index, text in enumerate(texts):
            for piece, weight in self._windows(text):
                pieces.append(prompt + piece)
                owners.append(index)
                weights.append(weight)
        dim = self.model.get_sentence_embedding_dimension()
        if not texts:
            return np.zeros((0, dim), dtype=np.float32)
        vectors = self.model.encode(
            pieces,
            batch_size=self.batch_size,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        from embeddings.e5 import combine_windows

        return combine_windows(np.asarray(vectors, dtype=np.float64), owners, weights, len(texts))
