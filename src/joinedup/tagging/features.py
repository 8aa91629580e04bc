"""Turning texts into numbers the classifier can weigh.

The lexical encoder joins three views of a text: word and word-pair TF-IDF (what the
training examples said), character n-grams (the same words misspelt, inflected or
run together, as survey answers often are) and the factor lexicon (words the
examples never used).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from joinedup.tagging.lexicon import LexiconCounter, shipped_lexicon

LEXICON_WEIGHT = 0.5
"""How loud the lexicon counts are beside the unit-length TF-IDF blocks."""


class TextEncoder(Protocol):
    """Anything that maps texts to a feature matrix, learning its vocabulary from a corpus if it has one."""

    def fit(self, texts: Sequence[str]) -> TextEncoder: ...

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix | np.ndarray: ...


class LexicalEncoder:
    """Word TF-IDF, character TF-IDF and lexicon counts side by side in one sparse matrix."""

    def __init__(self) -> None:
        self._words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode")
        self._characters = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2, strip_accents="unicode"
        )
        self._lexicon = LexiconCounter(shipped_lexicon())

    def fit(self, texts: Sequence[str]) -> LexicalEncoder:
        self._words.fit(texts)
        self._characters.fit(texts)
        return self

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        blocks = [
            self._words.transform(texts),
            self._characters.transform(texts),
            self._lexicon.transform(texts) * LEXICON_WEIGHT,
        ]
        return sparse.hstack(blocks, format="csr")
