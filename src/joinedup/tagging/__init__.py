"""Tag free-text comments with factor ids, offline.

The public surface the CLI and the web app build on: load a tagger (optionally a
partnership's local model, i.e. the shipped one plus that partnership's corrections),
tag texts in batches (with the comment box each was typed in, where known), see which
tags it is unsure of, scrub and summarise comments for reports.
"""

from joinedup.tagging.corrections import Correction, CorrectionError, parse_corrections_csv
from joinedup.tagging.embeddings import EmbeddingsUnavailableError
from joinedup.tagging.loading import DEFAULT_KIND, TAGGER_KINDS, load_tagger, retrain
from joinedup.tagging.model_file import ModelFileError, deserialise_model, serialise_model
from joinedup.tagging.scrubbing import scrub
from joinedup.tagging.stored import StoredModelError
from joinedup.tagging.summary import CommentRecord, FactorComments, summarise
from joinedup.tagging.tagger import Tagger, TagResult, is_unsure

__all__ = [
    "DEFAULT_KIND",
    "TAGGER_KINDS",
    "CommentRecord",
    "Correction",
    "CorrectionError",
    "EmbeddingsUnavailableError",
    "FactorComments",
    "ModelFileError",
    "StoredModelError",
    "TagResult",
    "Tagger",
    "deserialise_model",
    "is_unsure",
    "load_tagger",
    "parse_corrections_csv",
    "retrain",
    "scrub",
    "serialise_model",
    "summarise",
]
