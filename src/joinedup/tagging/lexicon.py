"""The factor lexicon: words that signal a factor even when no training example used them.

Each factor's terms become one feature (how many of them a text contains), so the
classifier decides how much to trust the lexicon for each factor instead of the
lexicon deciding on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cached_property
from importlib import resources

import numpy as np
import yaml
from scipy import sparse

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging.examples import SAFE_LOADER


def shipped_lexicon() -> dict[str, tuple[str, ...]]:
    """The lexicon shipped with the package, checked against the factor ids."""
    resource = resources.files("joinedup.tagging").joinpath("data", "lexicon.yaml")
    document = yaml.load(resource.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506
    terms = document["terms"]
    if set(terms) != set(FACTOR_IDS):
        raise ValueError(
            f"joinedup/tagging/data/lexicon.yaml: factors {sorted(set(terms) ^ set(FACTOR_IDS))} "
            "are missing or unknown"
        )
    return {factor: tuple(str(term) for term in terms[factor]) for factor in FACTOR_IDS}


class LexiconCounter:
    """Counts, per factor, the lexicon terms that begin a word in each text.

    All terms go into one regular expression (longest first, so "pooled budget" wins
    over "pool"), scanned once per text; a term listed under several factors counts
    for each of them.
    """

    def __init__(self, lexicon: Mapping[str, Sequence[str]]) -> None:
        self.factors: tuple[str, ...] = tuple(lexicon)
        columns: dict[str, list[int]] = {}
        for column, terms in enumerate(lexicon.values()):
            for term in terms:
                columns.setdefault(term.casefold(), []).append(column)
        self._columns = columns

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        """One alternation of every term, compiled on first use: compiling it took ~25 ms of a
        report that loads the tagger but has no comment to tag (issue 13)."""
        alternatives = "|".join(re.escape(term) for term in sorted(self._columns, key=len, reverse=True))
        return re.compile(rf"\b(?:{alternatives})")

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """A texts × factors matrix of log-damped match counts."""
        counts = np.zeros((len(texts), len(self.factors)), dtype=np.float64)
        for row, text in enumerate(texts):
            for term in self._pattern.findall(text.casefold()):
                counts[row, self._columns[term]] += 1
        return sparse.csr_matrix(np.log1p(counts))
