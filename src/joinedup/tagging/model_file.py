"""A partnership's local model as a file: its tagger kind and its corrections, as JSON.

The web app stores this text as `PartnershipTagger.model`, `joinedup tag retrain` writes it
and `joinedup tag --model` / `joinedup report --tagger` read it: one format everywhere. The
file holds no weights. Loading it refits the shipped model's choices (regularisation,
calibration, thresholds, box boost) on the shipped examples plus the corrections, which is
deterministic and takes a few seconds, so the file stays small, readable, safe to open
(unlike a pickle, it cannot run code) and valid across library upgrades.
"""

from __future__ import annotations

import json

from joinedup.tagging.corrections import Correction, CorrectionError
from joinedup.tagging.loading import load_tagger, resolve_kind
from joinedup.tagging.tagger import Tagger

MODEL_FORMAT = "joinedup-tagger-model"
MODEL_VERSION = 1


class ModelFileError(ValueError):
    """A model file that cannot be loaded; the message names the file and the reason."""


def serialise_model(tagger: Tagger) -> str:
    """The JSON text that `deserialise_model` turns back into an identical tagger."""
    document = {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "kind": tagger.kind,
        "corrections": [{"text": c.text, "factors": list(c.factors)} for c in tagger.corrections],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def deserialise_model(content: str, *, source: str) -> Tagger:
    """Rebuild the tagger a model file describes, or say exactly what is wrong with the file."""
    try:
        document = json.loads(content)
    except json.JSONDecodeError as error:
        raise ModelFileError(f"{source}: not JSON ({error})") from error
    if not isinstance(document, dict) or document.get("format") != MODEL_FORMAT:
        raise ModelFileError(
            f"{source}: not a joinedup tagger model (field 'format' must be {MODEL_FORMAT!r})"
        )
    if document.get("version") != MODEL_VERSION:
        raise ModelFileError(
            f"{source}: field 'version': value {document.get('version')!r} is not supported "
            f"(expected {MODEL_VERSION})"
        )
    try:
        kind = resolve_kind(str(document.get("kind")))
    except ValueError as error:
        raise ModelFileError(f"{source}: field 'kind': {error}") from error
    entries = document.get("corrections")
    if not isinstance(entries, list):
        raise ModelFileError(f"{source}: field 'corrections': value {entries!r} is not a list")
    corrections = []
    for number, entry in enumerate(entries, start=1):
        where = f"{source}: correction {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise ModelFileError(f"{where}: value {entry!r} lacks a 'text' string")
        factors = entry.get("factors")
        if not isinstance(factors, list) or not all(isinstance(factor, str) for factor in factors):
            raise ModelFileError(f"{where}, field 'factors': value {factors!r} is not a list of factor ids")
        try:
            corrections.append(Correction(text=entry["text"], factors=factors))
        except CorrectionError as error:
            raise ModelFileError(f"{where}: {error}") from error
    return load_tagger(kind, corrections=corrections)
