"""The one rule that names a cited work, shared by the bundled evidence base and the citation extractor.

Two citations of the same work must meet on the same key however the review spells them
("Wilkin et al 2003", "Wilkin, White & Kinder 2003"), so the key keeps only what every
variant agrees on: the first author or organisation, the year and a disambiguating suffix.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_NON_ALPHANUMERIC_RUN = re.compile(r"[^a-z0-9]+")


def work_key(first_author: str, year: str, suffix: str = "") -> str:
    """Return the key `<first-author-or-organisation>-<year><suffix>`.

    The author is lowercased and folded to ASCII (accents dropped) and every run of other
    characters becomes one hyphen, so that "van Eyk", "Percy-Smith" and "National Audit
    Office" give `van-eyk`, `percy-smith` and `national-audit-office`. The suffix (`a`, `b`)
    separates two works by the same first author in the same year.
    """
    folded = unicodedata.normalize("NFKD", first_author).encode("ascii", "ignore").decode("ascii")
    author = _NON_ALPHANUMERIC_RUN.sub("-", folded.lower()).strip("-")
    year_part = _NON_ALPHANUMERIC_RUN.sub("", f"{year}{suffix}".lower())
    if not author:
        raise ValueError(f"cannot make a work key: first author {first_author!r} has no letters or digits")
    if not year_part:
        raise ValueError(f"cannot make a work key for {first_author!r}: the year is empty")
    return f"{author}-{year_part}"


@cache
def author_key(name: str) -> str:
    """The author part of a work key alone, so that works and citations can be matched by first
    author when their years or suffixes disagree. Cached: matching compares the same few
    hundred names many times over."""
    return work_key(name, "0").rsplit("-", 1)[0]
