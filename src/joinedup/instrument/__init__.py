"""The self-assessment item bank, its versions and the shape of response data."""

from joinedup.instrument.bank import InstrumentError, list_versions, load_instrument
from joinedup.instrument.model import Instrument, Item, Scale

__all__ = ["Instrument", "InstrumentError", "Item", "Scale", "list_versions", "load_instrument"]
