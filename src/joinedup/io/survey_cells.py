"""Keeping free text safe in spreadsheets without changing what was said.

Comments come from anonymous respondents. A comment starting with `=`, `+`, `-` or
`@` would run as a formula when an analyst opens a CSV in Excel, so the writer puts
an apostrophe in front of it (as Excel itself does) and the reader takes it off again,
which keeps a write-then-read round trip exact.
"""

from __future__ import annotations

_RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def protect_text(text: str) -> str:
    return "'" + text if text.startswith(_RISKY_STARTS) else text


def unprotect_text(text: str) -> str:
    if text[:1] == "'" and text[1:].startswith(_RISKY_STARTS):
        return text[1:]
    return text
