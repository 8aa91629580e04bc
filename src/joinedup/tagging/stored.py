"""A built tagger as a file of plain arrays (NumPy `.npz`), read without unpickling anything.

The shipped taggers are built once by `python -m joinedup.tagging.build` and saved in the
package, so loading one takes a fraction of a second instead of a refit. The file holds the
encoder's vocabularies and inverse document frequencies, the weights (as 32-bit floats, to
keep the file small), the calibration, thresholds and box boost, and a fingerprint of the
training data; `allow_pickle=False` means opening a file cannot run code.
"""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging.features import LexicalEncoder, TextEncoder
from joinedup.tagging.tagger import Tagger

WEIGHTS_FORMAT = "joinedup-tagger-weights"
WEIGHTS_VERSION = 1
ENCODER_PREFIX = "encoder_"


class StoredModelError(ValueError):
    """A weights file that cannot be read; the message names the file and the reason."""


def write_model(tagger: Tagger) -> bytes:
    """The `.npz` bytes that `read_model` turns back into the same tagger."""
    meta = {
        "format": WEIGHTS_FORMAT,
        "version": WEIGHTS_VERSION,
        "kind": tagger.kind,
        "encoder": tagger.encoder.name,
        "fingerprint": tagger.fingerprint,
        "factors": list(FACTOR_IDS),
        "box_boost": tagger.box_boost,
        "none_threshold": tagger.none_threshold,
        "regularisation": tagger.regularisation,
    }
    arrays: dict[str, Any] = {
        "meta": np.array(json.dumps(meta)),
        "weights": tagger.weights.astype(np.float32),
        "intercepts": tagger.intercepts,
        "calibration": tagger.calibration,
        "thresholds": tagger.thresholds,
    }
    for name, value in tagger.encoder.state().items():
        arrays[ENCODER_PREFIX + name] = value
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def _encoder(name: str, state: dict[str, np.ndarray]) -> TextEncoder:
    if name == "lexical":
        return LexicalEncoder.from_state(state)
    from joinedup.tagging.embeddings import CombinedEncoder, SentenceEncoder

    if name == "sentence":
        return SentenceEncoder.from_state(state)
    if name == "combined":
        return CombinedEncoder.from_state(state)
    raise StoredModelError(f"unknown encoder {name!r}")


def read_model(content: bytes, *, source: str) -> Tagger:
    """Rebuild the tagger a weights file holds, or say exactly what is wrong with the file."""
    try:
        with np.load(io.BytesIO(content), allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        meta = json.loads(str(arrays.pop("meta")))
    except (OSError, ValueError, KeyError) as error:
        raise StoredModelError(f"{source}: not a joinedup tagger weights file ({error})") from error
    if not isinstance(meta, dict) or meta.get("format") != WEIGHTS_FORMAT:
        raise StoredModelError(f"{source}: not a joinedup tagger weights file")
    if meta.get("version") != WEIGHTS_VERSION:
        raise StoredModelError(f"{source}: version {meta.get('version')!r} is not supported")
    if meta.get("factors") != list(FACTOR_IDS):
        raise StoredModelError(f"{source}: built for other factors; rebuild it")
    state = {
        name.removeprefix(ENCODER_PREFIX): v for name, v in arrays.items() if name.startswith(ENCODER_PREFIX)
    }
    try:
        encoder = _encoder(str(meta["encoder"]), state)
        return Tagger(
            kind=str(meta["kind"]),
            encoder=encoder,
            weights=arrays["weights"].astype(np.float64),
            intercepts=arrays["intercepts"],
            calibration=arrays["calibration"],
            thresholds=arrays["thresholds"],
            none_threshold=float(meta["none_threshold"]),
            box_boost=float(meta["box_boost"]),
            regularisation=float(meta["regularisation"]),
            fingerprint=str(meta["fingerprint"]),
        )
    except KeyError as error:
        raise StoredModelError(f"{source}: {error} is missing") from error
