"""Scrubbing comments before anyone else reads them.

A quoted comment must not point at a person or an agency: names, e-mail addresses,
phone numbers (and any other long number, such as an NHS number), postcodes and the
partnership's own agency names are replaced with bracketed placeholders. The rules
lean towards removing too much, because a missed name can identify a colleague while
an extra `[name]` costs the reader little.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache
from importlib import resources

NAME = "[name]"
EMAIL = "[email]"
PHONE = "[phone]"
AGENCY = "[agency]"
POSTCODE = "[postcode]"

MIN_NUMBER_DIGITS = 7
"""A run of this many digits or more is treated as a phone, NHS or case number."""

EMAIL_PATTERN = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
NUMBER_PATTERN = re.compile(r"(?<![\w.])\+?\(?\d[\d ().-]*\d(?![\w])")
POSTCODE_PATTERN = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
YEAR_PATTERN = re.compile(r"(?:19|20)\d\d")
TITLES = (
    "Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lady|Lord|Cllr|Councillor|Rev|Revd|Father|"
    "Sister|Nurse|PC|DC|DS|DI|DCI|Sgt|Sergeant|Inspector|Judge"
)
CAPITALISED_WORD = r"[A-Z][a-z]*(?:['’-][A-Za-z][a-z]*)*"
TITLED_NAME_PATTERN = re.compile(
    rf"\b(?:{TITLES})\.?\s+(?:[A-Z]\.\s*)*(?P<words>{CAPITALISED_WORD}(?: {CAPITALISED_WORD}){{0,2}})"
)
CAPITALISED_RUN_PATTERN = re.compile(rf"\b{CAPITALISED_WORD}(?: {CAPITALISED_WORD})*\b")
SURNAME_PATTERN = re.compile(rf"\[name\](?P<words>(?: {CAPITALISED_WORD})+)")
REPEATED_NAME_PATTERN = re.compile(r"\[name\](?:\s+\[name\])+")


@lru_cache(maxsize=2)
def _word_list(filename: str) -> frozenset[str]:
    resource = resources.files("joinedup.tagging").joinpath("data", filename)
    lines = resource.read_text(encoding="utf-8").splitlines()
    return frozenset(word for line in lines if not line.startswith("#") for word in line.split())


def common_first_names() -> frozenset[str]:
    """First names that are never everyday words, so a lone one can be taken for a name."""
    return _word_list("first_names.txt")


def common_capitalised_words() -> frozenset[str]:
    """Capitalised words that are not names, casefolded."""
    return frozenset(word.casefold() for word in _word_list("common_capitalised_words.txt"))


def scrub(text: str, *, names: Collection[str] = (), agencies: Collection[str] = ()) -> str:
    """Replace what could identify a person or an agency with bracketed placeholders.

    `names` are people known to the partnership (its staff, say); each of their parts
    is removed too, so "Sarah Jones" also removes a lone "Jones". `agencies` are the
    partnership's agency names and abbreviations.
    """
    scrubbed = EMAIL_PATTERN.sub(EMAIL, text)
    scrubbed = NUMBER_PATTERN.sub(_number_placeholder, scrubbed)
    scrubbed = POSTCODE_PATTERN.sub(POSTCODE, scrubbed)
    scrubbed = _replace_terms(scrubbed, agencies, AGENCY)
    scrubbed = _replace_terms(scrubbed, _with_parts(names), NAME)
    scrubbed = TITLED_NAME_PATTERN.sub(_titled_name, scrubbed)
    scrubbed = CAPITALISED_RUN_PATTERN.sub(_capitalised_run, scrubbed)
    scrubbed = SURNAME_PATTERN.sub(_surname, scrubbed)
    return REPEATED_NAME_PATTERN.sub(NAME, scrubbed)


def _number_placeholder(match: re.Match[str]) -> str:
    """Long numbers go; short ones, lists of small numbers (ages, counts) and year ranges stay."""
    candidate = match.group(0)
    groups = re.findall(r"\d+", candidate)
    if sum(len(group) for group in groups) < MIN_NUMBER_DIGITS:
        return candidate
    if sum(len(group) == 1 for group in groups) > 1:
        return candidate
    if all(YEAR_PATTERN.fullmatch(group) for group in groups):
        return candidate
    return PHONE


def _with_parts(names: Iterable[str]) -> list[str]:
    parts: set[str] = set()
    for name in names:
        if name.strip():
            parts.add(name.strip())
            parts.update(part for part in re.findall(r"[\w'’-]+", name) if len(part) > 1)
    return list(parts)


def _replace_terms(text: str, terms: Iterable[str], placeholder: str) -> str:
    """Whole-word replacement, longest term first so "Oakfield Primary" beats "Oakfield".

    Short all-capital abbreviations match only in capitals, so the agency "IT" or "CAN"
    does not erase the everyday words "it" and "can".
    """
    for term in sorted({term.strip() for term in terms if term.strip()}, key=len, reverse=True):
        flags = 0 if term.isupper() and len(term) <= 6 else re.IGNORECASE
        text = re.sub(rf"(?<![\w]){re.escape(term)}(?![\w])", placeholder, text, flags=flags)
    return text


def _titled_name(match: re.Match[str]) -> str:
    """A title and the capitalised words after it, up to the first common word.

    "Nurse Practitioner" stays: a title followed straight away by a common word is no name.
    """
    words = match.group("words").split(" ")
    name_length = next((i for i, word in enumerate(words) if _is_common(word)), len(words))
    if name_length == 0:
        return match.group(0)
    return " ".join([NAME, *words[name_length:]])


def _surname(match: re.Match[str]) -> str:
    """Capitalised words straight after a removed name are most likely its surname."""
    words = match.group("words").split(" ")[1:]
    name_length = next((i for i, word in enumerate(words) if _is_common(word)), len(words))
    return " ".join([NAME, *words[name_length:]])


def _is_common(word: str) -> bool:
    base = re.sub(r"['’]s$", "", word)
    return base.casefold() in common_capitalised_words() or len(base) < 2


def _capitalised_run(match: re.Match[str]) -> str:
    """Within a run of capitalised words, two or more that are not common words form a name,
    and so does a single known first name."""
    words = match.group(0).split(" ")
    output: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if len(pending) >= 2 or (len(pending) == 1 and pending[0] in common_first_names()):
            output.append(NAME)
        else:
            output.extend(pending)
        pending.clear()

    for word in words:
        if _is_common(word):
            flush()
            output.append(word)
        else:
            pending.append(word)
    flush()
    return " ".join(output)
