"""The self-assessment item bank, its versions and the shape of response data."""

from joinedup.instrument.bank import DEFAULT_VERSION, InstrumentError, list_versions, load_instrument
from joinedup.instrument.model import Instrument, Item, Scale

__all__ = [
    "DEFAULT_VERSION",
    "Instrument",
    "InstrumentError",
    "Item",
    "Scale",
    "list_versions",
    "load_instrument",
]
