"""Matching agency names as people type them, one way everywhere.

A partnership's agencies are named once, in the web app or the survey template; sheets and
survey exports then spell them as their authors did: "Social Care", "social-care",
"Health visiting (NHS Ayrshire & Arran)" without the brackets, "Health and Social Care" for
"Health & Social Care". Every importer and the web app's agency form compare names by
`agency_key`, so a name one of them accepts as an agency the others accept as the same
agency, and the agency form refuses a second agency that would be indistinguishable.
"""

from __future__ import annotations

import re

_AMPERSAND = re.compile(r"\s*&\s*")
_NOT_WORD = re.compile(r"[\W_]+")


def agency_key(name: str) -> str:
    """What two spellings of one agency share: letter case, spacing, punctuation and '&' for
    'and' do not matter; letters, digits and their order do."""
    return _NOT_WORD.sub(" ", _AMPERSAND.sub(" and ", name.casefold())).strip()
