"""Choosing, building and retraining taggers.

Taggers are trained from the shipped examples when first asked for (well under a
second for the lexical kind) and kept in memory, so nothing is written to disk and
no pickled model can go stale against a newer scikit-learn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from joinedup.tagging.corrections import Correction
from joinedup.tagging.examples import training_examples
from joinedup.tagging.features import LexicalEncoder, TextEncoder
from joinedup.tagging.tagger import Tagger
from joinedup.tagging.training import fit_tagger

DEFAULT_KIND = "lexical"
"""Chosen by measurement (benchmarks/tagging.py, docs/comments.md): the embeddings tagger
scores a few points higher on the held-out set, but it is about a hundred times slower and
needs a 1.4 GB extra (torch), so the lexical tagger is the default and embeddings opt-in."""
REGULARISATION = 10.0
"""Inverse regularisation strength, chosen by cross-validation on the training examples."""


def _embeddings_encoder() -> TextEncoder:
    from joinedup.tagging.embeddings import SentenceEncoder

    return SentenceEncoder()


ENCODERS: dict[str, Callable[[], TextEncoder]] = {
    "lexical": LexicalEncoder,
    "embeddings": _embeddings_encoder,
}
TAGGER_KINDS: tuple[str, ...] = ("default", *ENCODERS)


def resolve_kind(kind: str) -> str:
    """The concrete kind behind a name, or a clear error listing the names that exist."""
    if kind == "default":
        return DEFAULT_KIND
    if kind not in ENCODERS:
        raise ValueError(f"unknown tagger kind {kind!r}; choose one of {', '.join(TAGGER_KINDS)}")
    return kind


def load_tagger(kind: str = "default", *, corrections: Sequence[Correction] | None = None) -> Tagger:
    """A tagger of the given kind, trained on the shipped examples plus these corrections.

    Pass a partnership's own corrections only: the returned tagger is that
    partnership's local model and shares nothing with any other partnership's.
    """
    key = tuple((correction.text, tuple(correction.factors)) for correction in corrections or ())
    return _cached_tagger(resolve_kind(kind), key)


def retrain(base: Tagger, corrections: Sequence[Correction]) -> Tagger:
    """The base tagger's kind, refitted with its own corrections followed by these newer ones."""
    return load_tagger(base.kind, corrections=[*base.corrections, *corrections])


@lru_cache(maxsize=32)
def _cached_tagger(kind: str, corrections: tuple[tuple[str, tuple[str, ...]], ...]) -> Tagger:
    if not corrections:
        return fit_tagger(kind, ENCODERS[kind](), training_examples(), regularisation=REGULARISATION)
    return fit_tagger(
        kind,
        ENCODERS[kind](),
        training_examples(),
        [Correction(text=text, factors=list(factors)) for text, factors in corrections],
        regularisation=REGULARISATION,
        thresholds=_cached_tagger(kind, ()).thresholds,
    )
