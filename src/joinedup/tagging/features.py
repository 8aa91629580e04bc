"""Turning texts into numbers the classifier can weigh.

The lexical encoder joins three views of a text: word and word-pair TF-IDF (what the
training examples said), character n-grams (the same words misspelt, inflected or
run together, as survey answers often are) and the factor lexicon (words the
examples never used).

An encoder's learnt state (vocabularies and inverse document frequencies) is plain
arrays, so a built tagger can be saved without pickling and loaded back exactly.

scikit-learn learns the vocabularies when a tagger is built; tagging with a built one splits
texts into terms here, the same way scikit-learn's `CountVectorizer` does (tests hold the two
equal), because importing scikit-learn cost about a second of every report's start-up (issue 13).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import Protocol

import numpy as np
from scipy import sparse

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


_WORD = re.compile(r"(?u)\b\w\w+\b")
"""scikit-learn's default token: two or more word characters."""
_WHITE_SPACES = re.compile(r"\s\s+")


def _preprocess(text: str) -> str:
    """Lower case, then accents stripped (scikit-learn's `strip_accents="unicode"`)."""
    text = text.lower()
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def word_terms(text: str, ngrams: tuple[int, int]) -> list[str]:
    """Words and runs of words, as scikit-learn's `analyzer="word"` gives them."""
    tokens = _WORD.findall(_preprocess(text))
    low, high = ngrams
    terms = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        terms.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return terms


def character_terms(text: str, ngrams: tuple[int, int]) -> list[str]:
    """Character n-grams within words padded by a space, as `analyzer="char_wb"` gives them."""
    low, high = ngrams
    terms: list[str] = []
    for word in _WHITE_SPACES.sub(" ", _preprocess(text)).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) <= n:
                terms.append(padded)
                break
            terms.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return terms


ANALYZERS: dict[str, Callable[[str, tuple[int, int]], list[str]]] = {
    "word": word_terms,
    "char_wb": character_terms,
}


class TfidfBlock:
    """Sublinear TF-IDF over a fixed vocabulary, rebuilt exactly from its terms and weights."""

    def __init__(
        self, analyzer: str, ngrams: tuple[int, int], terms: Sequence[str] | np.ndarray, idf: np.ndarray
    ) -> None:
        self.analyzer = analyzer
        self.ngrams = ngrams
        self.terms = np.asarray(terms, dtype=str)
        self.idf = np.asarray(idf, dtype=np.float64)
        self._split = ANALYZERS[analyzer]

    @cached_property
    def _columns(self) -> dict[str, int]:
        """Term to column, made on first use: a report whose comments are all empty loads the
        tagger but never tags, and indexing the shipped vocabularies cost it ~8 ms (issue 13)."""
        terms: list[str] = self.terms.tolist()
        return dict(zip(terms, range(len(terms)), strict=True))

    @classmethod
    def learn(cls, texts: Sequence[str], analyzer: str, ngrams: tuple[int, int], min_df: int) -> TfidfBlock:
        from sklearn.feature_extraction.text import TfidfVectorizer

        fitted = TfidfVectorizer(
            analyzer=analyzer, ngram_range=ngrams, min_df=min_df, sublinear_tf=True, strip_accents="unicode"
        ).fit(texts)
        return cls(analyzer, ngrams, fitted.get_feature_names_out().tolist(), fitted.idf_)

    def counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """How often each vocabulary term occurs in each text (terms outside it are ignored)."""
        indptr: list[int] = [0]
        indices: list[int] = []
        values: list[int] = []
        for text in texts:
            found: dict[int, int] = {}
            for term in self._split(text, self.ngrams):
                column = self._columns.get(term)
                if column is not None:
                    found[column] = found.get(column, 0) + 1
            indices.extend(found)
            values.extend(found.values())
            indptr.append(len(indices))
        matrix = sparse.csr_matrix(
            (np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
            shape=(len(texts), len(self.terms)),
        )
        matrix.sort_indices()
        return matrix

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        counts = self.counts(texts)
        np.log(counts.data, out=counts.data)
        counts.data += 1.0
        weighted = sparse.csr_matrix(counts @ sparse.diags(self.idf))
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1 / norms) @ weighted)


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
        encoder._words = TfidfBlock("word", WORD_NGRAMS, state["word_terms"], state["word_idf"])
        encoder._characters = TfidfBlock(
            "char_wb", CHARACTER_NGRAMS, state["character_terms"], state["character_idf"]
        )
        return encoder
