"""Turning texts into numbers the classifier can weigh.

The lexical encoder joins three views of a text: word and word-pair TF-IDF (what the
training examples said), character n-grams (the same words misspelt, inflected or
run together, as survey answers often are) and the factor lexicon (words the
examples never used).

An encoder's learnt state (vocabularies and inverse document frequencies) is plain
arrays, so a built tagger can be saved without pickling and loaded back exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from joinedup.tagging.lexicon import LexiconCounter, shipped_lexicon

LEXICON_WEIGHT = 0.5
"""How loud the lexicon counts are beside the unit-length TF-IDF blocks."""
WORD_NGRAMS = (1, 2)
CHARACTER_NGRAMS = (3, 5)


class TextEncoder(Protocol):
    """Anything that maps texts to a feature matrix, learning its vocabulary from a corpus if it has one."""

    name: str

    def fit(self, texts: Sequence[str]) -> TextEncoder: ...

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix | np.ndarray: ...

    def state(self) -> dict[str, np.ndarray]: ...


class TfidfBlock:
    """Sublinear TF-IDF over a fixed vocabulary, rebuilt exactly from its terms and weights."""

    def __init__(self, analyzer: str, ngrams: tuple[int, int], terms: Sequence[str], idf: np.ndarray) -> None:
        self.analyzer = analyzer
        self.ngrams = ngrams
        self.terms = np.asarray(terms, dtype=str)
        self.idf = np.asarray(idf, dtype=np.float64)
        self._counter = CountVectorizer(
            analyzer=analyzer,
            ngram_range=ngrams,
            strip_accents="unicode",
            vocabulary={term: column for column, term in enumerate(self.terms.tolist())},
            dtype=np.float64,
        )

    @classmethod
    def learn(cls, texts: Sequence[str], analyzer: str, ngrams: tuple[int, int], min_df: int) -> TfidfBlock:
        fitted = TfidfVectorizer(
            analyzer=analyzer, ngram_range=ngrams, min_df=min_df, sublinear_tf=True, strip_accents="unicode"
        ).fit(texts)
        return cls(analyzer, ngrams, fitted.get_feature_names_out().tolist(), fitted.idf_)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        counts = self._counter.transform(texts).tocsr()
        np.log(counts.data, out=counts.data)
        counts.data += 1.0
        return normalize(counts @ sparse.diags(self.idf), norm="l2", copy=False).tocsr()


class LexicalEncoder:
    """Word TF-IDF, character TF-IDF and lexicon counts side by side in one sparse matrix."""

    name = "lexical"

    def __init__(self, word_min_df: int = 1, character_min_df: int = 2) -> None:
        self.word_min_df = word_min_df
        self.character_min_df = character_min_df
        self._words: TfidfBlock | None = None
        self._characters: TfidfBlock | None = None
        self._lexicon = LexiconCounter(shipped_lexicon())

    def fit(self, texts: Sequence[str]) -> LexicalEncoder:
        self._words = TfidfBlock.learn(texts, "word", WORD_NGRAMS, self.word_min_df)
        self._characters = TfidfBlock.learn(texts, "char_wb", CHARACTER_NGRAMS, self.character_min_df)
        return self

    def _blocks(self) -> tuple[TfidfBlock, TfidfBlock]:
        if self._words is None or self._characters is None:
            raise RuntimeError("the lexical encoder has not been fitted")
        return self._words, self._characters

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        words, characters = self._blocks()
        blocks = [
            words.transform(texts),
            characters.transform(texts),
            self._lexicon.transform(texts) * LEXICON_WEIGHT,
        ]
        return sparse.hstack(blocks, format="csr")

    def state(self) -> dict[str, np.ndarray]:
        words, characters = self._blocks()
        return {
            "word_terms": words.terms,
            "word_idf": words.idf,
            "character_terms": characters.terms,
            "character_idf": characters.idf,
        }

    @classmethod
    def from_state(cls, state: Mapping[str, np.ndarray]) -> LexicalEncoder:
        encoder = cls()
        encoder._words = TfidfBlock("word", WORD_NGRAMS, state["word_terms"].tolist(), state["word_idf"])
        encoder._characters = TfidfBlock(
            "char_wb", CHARACTER_NGRAMS, state["character_terms"].tolist(), state["character_idf"]
        )
        return encoder
