"""How hard a statement is to read: Flesch Reading Ease and the Flesch-Kincaid grade.

Both formulas need only counts of sentences, words and syllables. Syllables are
counted with a rule, not a dictionary, so that the figure is the same on every
machine without downloading word lists: groups of vowels, less a silent final "e"
(and "-es", "-ed" after a consonant). The rule miscounts a few words ("area" as two
syllables) but is unbiased enough for the comparison it serves: one version of a
short statement against another, and every statement against a ceiling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")
_VOWEL_GROUP = re.compile(r"[aeiouy]{1,2}")


def syllables(word: str) -> int:
    """Syllables in one word, at least one."""
    letters = re.sub(r"['’].*$", "", word.casefold())
    if len(letters) <= 3:
        return 1
    letters = _SILENT_ENDING.sub("", letters)
    letters = letters.removeprefix("y")
    return max(1, len(_VOWEL_GROUP.findall(letters)))


@dataclass(frozen=True)
class Readability:
    """The counts behind both formulas and the two scores.

    `reading_ease` runs from about 0 (very hard) to 100 (very easy); `grade` is the
    US school grade (add five for a reading age in years).
    """

    sentences: int
    words: int
    syllables: int

    @property
    def reading_ease(self) -> float:
        return 206.835 - 1.015 * self.words / self.sentences - 84.6 * self.syllables / self.words

    @property
    def grade(self) -> float:
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


def readability(text: str) -> Readability:
    """Counts for `text`; a text without a full stop is one sentence."""
    words = _WORD.findall(text)
    if not words:
        raise ValueError(f"no words to measure in {text!r}")
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    return Readability(sentences=sentences, words=len(words), syllables=sum(syllables(w) for w in words))


@dataclass(frozen=True)
class BankReadability:
    """Per-statement scores and their mean, the figures docs/instrument.md quotes."""

    by_item: dict[str, Readability]

    @property
    def mean_grade(self) -> float:
        return fmean(r.grade for r in self.by_item.values())

    @property
    def mean_reading_ease(self) -> float:
        return fmean(r.reading_ease for r in self.by_item.values())

    @property
    def hardest(self) -> tuple[str, float]:
        item_id = max(self.by_item, key=lambda key: self.by_item[key].grade)
        return item_id, self.by_item[item_id].grade


def bank_readability(statements: Iterable[tuple[str, str]]) -> BankReadability:
    """Scores for (item id, statement) pairs; each statement is scored on its own,
    because a respondent reads it on its own."""
    return BankReadability(by_item={item_id: readability(text) for item_id, text in statements})
