"""Choosing, loading and retraining taggers.

The shipped taggers are built once (`python -m joinedup.tagging.build`) and saved as
weights files in the package (`data/models/<kind>.npz`); loading one reads that file, and
a test checks it still matches the shipped examples. A partnership's tagger is the
shipped one refitted with its corrections, kept in memory once made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from joinedup.tagging.corrections import Correction
from joinedup.tagging.examples import training_examples
from joinedup.tagging.features import LexicalEncoder, TextEncoder
from joinedup.tagging.stored import StoredModelError, read_model
from joinedup.tagging.tagger import Tagger

DEFAULT_KIND = "lexical"
"""Chosen by measurement (benchmarks/tagging.py, docs/comments.md): the lexical tagger is
light (no torch, a file of a few MB, thousands of texts a second) and the embeddings
taggers are not enough better to be the default; `kind="embeddings"` chooses one."""


def _sentence_encoder() -> TextEncoder:
    from joinedup.tagging.embeddings import SentenceEncoder

    return SentenceEncoder()


def _combined_encoder() -> TextEncoder:
    from joinedup.tagging.embeddings import CombinedEncoder

    return CombinedEncoder()


ENCODERS: dict[str, Callable[[], TextEncoder]] = {
    "lexical": LexicalEncoder,
    "embeddings": _combined_encoder,
    "sentence": _sentence_encoder,
}
"""Every kind that can be built; `sentence` (the embedding alone) is built for comparison only."""
SHIPPED_KINDS: tuple[str, ...] = ("lexical", "embeddings")
TAGGER_KINDS: tuple[str, ...] = ("default", *SHIPPED_KINDS)
BUILD_COMMAND = "python -m joinedup.tagging.build"


def resolve_kind(kind: str) -> str:
    """The concrete kind behind a name, or a clear error listing the names that exist."""
    if kind == "default":
        return DEFAULT_KIND
    if kind not in SHIPPED_KINDS:
        raise ValueError(f"unknown tagger kind {kind!r}; choose one of {', '.join(TAGGER_KINDS)}")
    return kind


def model_resource(kind: str) -> Traversable:
    """Where the shipped model of a kind lives inside the package."""
    return resources.files("joinedup.tagging").joinpath("data", "models", f"{kind}.npz")


def load_tagger(kind: str = "default", *, corrections: Sequence[Correction] | None = None) -> Tagger:
    """The shipped tagger of the given kind, refitted with these corrections if there are any.

    Pass a partnership's own corrections only: the returned tagger is that
    partnership's local model and shares nothing with any other partnership's.
    """
    key = tuple((correction.text, tuple(correction.factors)) for correction in corrections or ())
    concrete = resolve_kind(kind)
    if not key:
        return shipped_tagger(concrete)
    return _corrected_tagger(concrete, key)


def retrain(base: Tagger, corrections: Sequence[Correction]) -> Tagger:
    """The base tagger's kind, refitted with its own corrections followed by these newer ones."""
    return load_tagger(base.kind, corrections=[*base.corrections, *corrections])


@lru_cache(maxsize=len(SHIPPED_KINDS))
def shipped_tagger(kind: str) -> Tagger:
    """The shipped model of a kind, read from its file in the package."""
    resource = model_resource(kind)
    source = f"joinedup/tagging/data/models/{kind}.npz"
    if not resource.is_file():
        raise StoredModelError(f"{source} is missing: build it with {BUILD_COMMAND} --kind {kind}")
    return read_model(resource.read_bytes(), source=source)


@lru_cache(maxsize=32)
def _corrected_tagger(kind: str, corrections: tuple[tuple[str, tuple[str, ...]], ...]) -> Tagger:
    from joinedup.tagging.training import refit  # scikit-learn: only when refitting, not to tag

    return refit(
        shipped_tagger(kind),
        ENCODERS[kind](),
        training_examples(),
        [Correction(text=text, factors=list(factors)) for text, factors in corrections],
    )
