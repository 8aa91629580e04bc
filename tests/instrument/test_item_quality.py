"""The writing rules of item bank version 2, checked so that a later edit cannot break them.

Each rule is a small function with its own test on a statement that breaks it, so a
rule that stopped catching anything would fail here too. Version 1 is frozen and is
known to break several rules; it is measured (readability) but not held to them.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument import load_instrument
from joinedup.instrument.readability import bank_readability, readability, syllables
from joinedup.instrument.versions import load_version_crosswalk

RULED_VERSIONS = ["2"]
MEAN_GRADE_CEILING = 9.0
ITEM_GRADE_CEILING = 12.0

# "and"/"or" inside a fixed phrase names one thing, not two ideas.
JOINER_ALLOW_LIST = ("children and families", "one or two", "a sentence or two")
_JOINER = re.compile(r"\b(and|or|nor|as well as|not only)\b|/", re.IGNORECASE)
_AMBIGUOUS_PRONOUN = re.compile(r"\b(we|our|ours|us)\b", re.IGNORECASE)
_FACT_MARKERS = re.compile(
    r"\bthere (is|are)\b|\bin the (past|last)\b|\bwritten\b|\bpermanent\b|\bset out in\b", re.IGNORECASE
)
_MY_AGENCY = re.compile(r"\bmy agency\b", re.IGNORECASE)
REFERENT_PATTERNS = {
    "I": re.compile(r"\b(I|me|my)\b"),
    "my agency": _MY_AGENCY,
    "partners": re.compile(r"\bpartners?\b", re.IGNORECASE),
    "the partnership": re.compile(r"\b(the|this) partnership\b|\bpartnership's\b", re.IGNORECASE),
    "staff from different agencies": re.compile(r"\bstaff from different agencies\b", re.IGNORECASE),
}
# Who a statement may speak about besides its referent: the partnership is the
# setting of every statement, so naming it as an object is allowed everywhere.
COMPETING = ("I", "my agency", "partners")


def joined_ideas(text: str) -> list[str]:
    """Words that join two ideas, outside the allow-listed fixed phrases."""
    stripped = text
    for phrase in JOINER_ALLOW_LIST:
        stripped = re.sub(re.escape(phrase), "", stripped, flags=re.IGNORECASE)
    return [match.group(0) for match in _JOINER.finditer(stripped)]


def referents_in(text: str) -> set[str]:
    """Which referents a statement names; "my" of "my agency" is not the respondent."""
    without_agency = _MY_AGENCY.sub("", text)
    found = {name for name, pattern in REFERENT_PATTERNS.items() if name != "I" and pattern.search(text)}
    if REFERENT_PATTERNS["I"].search(without_agency):
        found.add("I")
    return found


def referent_problem(text: str, referent: str) -> str | None:
    found = referents_in(text)
    if referent not in found:
        return f"does not name its factor's referent {referent!r}"
    others = sorted((found & set(COMPETING)) - {referent})
    return f"also speaks about {others}" if others else None


def test_the_joiner_rule_catches_double_barrelled_statements() -> None:
    v1_double = "Staff understand each other's language, thresholds and ways of working."
    assert joined_ideas(v1_double) == ["and"]
    assert joined_ideas("Short-term or uncertain funding makes it hard to plan.") == ["or"]
    assert joined_ideas("Staff share rooms as well as budgets.") == ["as well as"]
    assert joined_ideas("Agencies plan services for children and families together.") == []
    assert joined_ideas("Joint working would fall apart if one or two key people left.") == []
    assert joined_ideas("Staff in Orkney and Shetland understand each other.") == ["and"]


def test_the_referent_rule_catches_a_statement_about_someone_else() -> None:
    assert referent_problem("I know my role.", "I") is None
    assert referent_problem("Senior managers in my agency back the work.", "my agency") is None
    assert referent_problem("Senior managers in my agency back the work.", "I") is not None
    assert referent_problem("Partners share staff time.", "the partnership") is not None
    assert referent_problem("I think partners share staff time.", "partners") == "also speaks about ['I']"
    assert referent_problem("I know what the partnership is for.", "I") is None


@pytest.mark.parametrize("version", RULED_VERSIONS)
def test_every_statement_holds_one_idea(version: str) -> None:
    joined = {i.id: joined_ideas(i.text) for i in load_instrument(version).items if joined_ideas(i.text)}
    assert joined == {}


@pytest.mark.parametrize("version", RULED_VERSIONS)
def test_no_statement_uses_we_our_or_us(version: str) -> None:
    assert [i.id for i in load_instrument(version).items if _AMBIGUOUS_PRONOUN.search(i.text)] == []


@pytest.mark.parametrize("version", RULED_VERSIONS)
def test_no_statement_asks_a_fact_that_belongs_in_the_structure_records(version: str) -> None:
    assert _FACT_MARKERS.search("There is a regular forum where partners agree plans.")
    assert [i.id for i in load_instrument(version).items if _FACT_MARKERS.search(i.text)] == []


@pytest.mark.parametrize("version", RULED_VERSIONS)
def test_every_factor_speaks_about_one_referent(version: str) -> None:
    referents = load_version_crosswalk(str(int(version) - 1), version).referents
    assert set(referents) == set(FACTOR_IDS) and set(referents.values()) <= set(REFERENT_PATTERNS)
    problems = {
        item.id: problem
        for item in load_instrument(version).items
        if (problem := referent_problem(item.text, referents[item.factor]))
    }
    assert problems == {}


@pytest.mark.parametrize("version", RULED_VERSIONS)
def test_every_factor_has_a_minority_of_negatively_worded_statements(version: str) -> None:
    instrument = load_instrument(version)
    reverse = Counter(item.factor for item in instrument.items if item.reverse)
    per_factor = Counter(item.factor for item in instrument.items)
    assert all(1 <= reverse[factor] < per_factor[factor] / 2 + 0.5 for factor in FACTOR_IDS), reverse
    assert all(reverse[factor] * 2 < per_factor[factor] for factor in FACTOR_IDS)
    assert 0.2 <= sum(reverse.values()) / len(instrument.items) <= 0.4


@pytest.mark.parametrize("version", RULED_VERSIONS)
def test_statements_are_plain_enough_to_read(version: str) -> None:
    scores = bank_readability((i.id, i.text) for i in load_instrument(version).items)
    assert scores.mean_grade <= MEAN_GRADE_CEILING
    assert scores.hardest[1] <= ITEM_GRADE_CEILING, scores.hardest


def test_version_2_reads_more_easily_than_version_1() -> None:
    v1 = bank_readability((i.id, i.text) for i in load_instrument("1").items)
    v2 = bank_readability((i.id, i.text) for i in load_instrument("2").items)
    assert v2.mean_grade < v1.mean_grade
    assert v2.hardest[1] < v1.hardest[1]


@pytest.mark.parametrize(
    ("word", "count"),
    [("cat", 1), ("time", 1), ("shared", 1), ("agreed", 2), ("people", 2), ("children", 2),
     ("partnership", 3), ("agencies", 3), ("families", 3), ("responsibilities", 6), ("short-term", 2)],
)
def test_syllables_are_counted_as_a_reader_would(word: str, count: int) -> None:
    assert sum(syllables(part) for part in word.split("-")) == count


def test_the_flesch_formulas_match_a_worked_example() -> None:
    easy = readability("The cat sat on the mat.")
    assert (easy.sentences, easy.words, easy.syllables) == (1, 6, 6)
    assert easy.grade == pytest.approx(0.39 * 6 + 11.8 - 15.59)
    assert easy.reading_ease == pytest.approx(206.835 - 1.015 * 6 - 84.6)
    hard = readability("Interprofessional collaboration necessitates organisational accountability.")
    assert hard.grade > 12 > easy.grade
    assert readability("One. Two words.").sentences == 2
    with pytest.raises(ValueError, match="no words"):
        readability("...")
