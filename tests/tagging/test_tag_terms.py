"""Tagging splits texts into terms exactly as scikit-learn does, without importing it.

A built tagger's vocabularies come from scikit-learn's vectorisers; tagging with it uses
joinedup's own term splitting (issue 13: importing scikit-learn cost about a second of a
report's start-up). These tests hold the two to the same counts and TF-IDF rows.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from joinedup.tagging.features import CHARACTER_NGRAMS, WORD_NGRAMS, TfidfBlock

CORPUS = [
    "Nobody knows who pays for the joint team; budgets are argued over.",
    "Café meetings help — the naïve plan failed.  Twice!",
    "We share an office with the police and health visitors",
    "Training together built trust between social work and schools",
]

texts = st.lists(
    st.text(
        alphabet=st.sampled_from([*"abcdeé ïoAB  \t\nçz-_'.,1ﬁ", "ñ", "ß", "İ", "Ω"]),
        max_size=40,
    ),
    min_size=1,
    max_size=5,
)


def _sklearn_counts(block: TfidfBlock, documents: list[str]) -> np.ndarray:
    counter = CountVectorizer(
        analyzer=block.analyzer,
        ngram_range=block.ngrams,
        strip_accents="unicode",
        vocabulary={term: column for column, term in enumerate(block.terms.tolist())},
        dtype=np.float64,
    )
    return counter.transform(documents).toarray()


@settings(max_examples=150, deadline=None)
@given(texts)
def test_word_and_character_terms_count_as_scikit_learn_counts_them(documents: list[str]) -> None:
    for analyzer, ngrams, min_df in (("word", WORD_NGRAMS, 1), ("char_wb", CHARACTER_NGRAMS, 1)):
        block = TfidfBlock.learn([*CORPUS, *documents], analyzer, ngrams, min_df)
        for sample in (documents, CORPUS):
            np.testing.assert_array_equal(block.counts(sample).toarray(), _sklearn_counts(block, sample))


@settings(max_examples=50, deadline=None)
@given(texts)
def test_tfidf_rows_equal_scikit_learns(documents: list[str]) -> None:
    block = TfidfBlock.learn(CORPUS, "char_wb", CHARACTER_NGRAMS, 1)
    counts = _sklearn_counts(block, documents)
    with np.errstate(divide="ignore"):
        expected = np.where(counts > 0, np.log(np.where(counts > 0, counts, 1)) + 1, 0) * block.idf
    actual = block.transform(documents).toarray()
    np.testing.assert_allclose(actual, normalize(expected), rtol=1e-12, atol=1e-15)


def test_tagging_with_the_shipped_tagger_imports_no_scikit_learn() -> None:
    code = (
        "import sys; from joinedup.tagging import load_tagger; load_tagger().tag(['Who pays for it?']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn'}), 'scipy.stats' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[] False"
