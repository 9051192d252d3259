"""The one interface every embedding backend implements (cf. BERTopic's backends)."""

from __future__ import annotations

import numpy as np


class EmbeddingBackend:
    """Turns texts into L2-normalized row vectors.

    ``name`` identifies the model *and* its settings: the embedding cache is keyed
    by it, so two backends that could give different vectors must not share a name.
    """

    name: str = "base"

    def embed(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        raise NotImplementedError
