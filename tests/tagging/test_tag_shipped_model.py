"""The shipped models are files built from the shipped examples, and still match them."""

from __future__ import annotations

import io

import numpy as np
import pytest

from joinedup.tagging import StoredModelError, load_tagger
from joinedup.tagging.examples import training_examples
from joinedup.tagging.features import LexicalEncoder
from joinedup.tagging.loading import BUILD_COMMAND, SHIPPED_KINDS, model_resource
from joinedup.tagging.stored import read_model, write_model
from joinedup.tagging.training import fingerprint, refit

SAMPLE = [
    "nobody knows whose budget pays for the new family support worker",
    "The board agreed the joint commissioning plan for 2026 to 2028.",
    "Inspectors found supervision was irregular and caseloads too high.",
    "Thanks, nothing more to add.",
    "Staff from health and education now share an office in the hub.",
    "There is no shared vision; each agency pursues its own targets.",
]


@pytest.mark.parametrize("kind", SHIPPED_KINDS)
def test_each_shipped_model_is_a_small_file_built_from_the_shipped_examples(kind):
    content = model_resource(kind).read_bytes()
    assert len(content) < 20_000_000
    stored = read_model(content, source=kind)
    assert stored.kind == kind
    assert stored.fingerprint == fingerprint(kind, training_examples()), (
        f"the {kind} model was built from other examples: rebuild it with {BUILD_COMMAND} --kind {kind}"
    )


def test_the_shipped_lexical_model_gives_what_the_examples_give_when_refitted():
    shipped = load_tagger("lexical")
    rebuilt = refit(shipped, LexicalEncoder(), training_examples())
    boxes = [None, None, None, "communication", "co-location", "shared-purpose"]
    assert [r.factors for r in rebuilt.tag(SAMPLE, boxes)] == [r.factors for r in shipped.tag(SAMPLE, boxes)]
    assert np.allclose(rebuilt.score_matrix(SAMPLE, boxes), shipped.score_matrix(SAMPLE, boxes), atol=1e-4)


def test_a_model_written_and_read_back_tags_the_same():
    shipped = load_tagger()
    restored = read_model(write_model(shipped), source="copy.npz")
    assert restored.tag(SAMPLE) == shipped.tag(SAMPLE)
    assert (restored.box_boost, restored.fingerprint) == (shipped.box_boost, shipped.fingerprint)


def test_a_file_that_is_not_a_weights_file_is_refused_without_running_anything():
    with pytest.raises(StoredModelError, match=r"bad\.npz: not a joinedup tagger weights file"):
        read_model(b"not a zip", source="bad.npz")
    pickled = io.BytesIO()
    np.savez(pickled, meta=np.array([{"format": "joinedup-tagger-weights"}], dtype=object))
    with pytest.raises(StoredModelError, match=r"evil\.npz"):
        read_model(pickled.getvalue(), source="evil.npz")
    other = io.BytesIO()
    np.savez(other, meta=np.array('{"format": "something-else"}'))
    with pytest.raises(StoredModelError, match=r"other\.npz: not a joinedup tagger weights file"):
        read_model(other.getvalue(), source="other.npz")
