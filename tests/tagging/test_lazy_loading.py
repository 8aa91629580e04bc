"""Loading the shipped tagger builds nothing that only tagging needs (issue 13).

A report whose comments are all blank loads the tagger and never tags; the vocabulary index
and the lexicon's pattern are made on the first text instead, and are the same when made.
"""

import numpy as np

from joinedup.tagging.features import LexicalEncoder, TfidfBlock
from joinedup.tagging.loading import model_resource
from joinedup.tagging.stored import read_model


def _fresh_lexical_tagger():
    return read_model(model_resource("lexical").read_bytes(), source="lexical.npz")


def test_loading_the_shipped_tagger_neither_indexes_its_vocabularies_nor_compiles_the_lexicon():
    encoder = _fresh_lexical_tagger().encoder
    assert isinstance(encoder, LexicalEncoder)
    words, characters = encoder._blocks()
    assert "_columns" not in vars(words)
    assert "_columns" not in vars(characters)
    assert "_pattern" not in vars(encoder._lexicon)


def test_the_first_text_builds_them_as_they_were_built_before():
    tagger = _fresh_lexical_tagger()
    result = tagger.tag(["The pooled budget is never agreed in time."], ["funding"])
    assert result[0].scores
    words, characters = tagger.encoder._blocks()
    for block in (words, characters):
        assert block._columns == {term: column for column, term in enumerate(block.terms.tolist())}
    assert tagger.encoder._lexicon._pattern.findall("a pooled budget") == ["pooled budget"]


def test_a_block_from_arrays_equals_one_from_lists():
    terms = np.array(["agreed", "budget", "pooled budget"])
    idf = np.array([1.5, 1.2, 2.0])
    from_array = TfidfBlock("word", (1, 2), terms, idf)
    from_list = TfidfBlock("word", (1, 2), terms.tolist(), idf)
    texts = ["The pooled budget was agreed.", "Nothing here."]
    assert (from_array.transform(texts) != from_list.transform(texts)).nnz == 0
    assert from_array.terms.dtype == from_list.terms.dtype
