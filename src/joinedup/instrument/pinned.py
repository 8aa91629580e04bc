"""Loading the instrument version a round began with, refused if its file has changed since.

A round records the fingerprint of its version when it opens; answers, imports, exports and
reports for that round must all read the very statements respondents saw. Every shell that
loads a round's instrument goes through `load_pinned_instrument`, so none can skip the check.
"""

from __future__ import annotations

from joinedup.instrument.bank import load_instrument
from joinedup.instrument.model import Instrument


class InstrumentChanged(RuntimeError):
    """The bundled file of a version in use no longer matches the fingerprint taken when it began."""


def load_pinned_instrument(version: str, fingerprint: str | None, *, used_by: str) -> Instrument:
    """Version `version`, checked against `fingerprint` (none yet: nothing to check, as for a
    round still in draft); `used_by` names what began with it, for the message."""
    instrument = load_instrument(version)
    if fingerprint and instrument.fingerprint() != fingerprint:
        raise InstrumentChanged(
            f"Version {version} of the self-assessment has changed since {used_by} began. "
            "A version in use must never change: restore its file and publish changes as a new version."
        )
    return instrument
