"""The records of the evidence base, as users write them in YAML and as the rest of joinedup reads them.

The models are frozen so that the cached bundled base cannot be changed by one caller
under another's feet, and they forbid unknown fields so that a typo in a user's YAML is
reported instead of silently ignored.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from joinedup.evidence.ids import FACTOR_IDS

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Record(BaseModel):
    """Common configuration: immutable, strict about field names, whitespace trimmed."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Kind(StrEnum):
    """What sort of work a source is; reviews weigh more when a rating must settle a conflict."""

    STUDY = "study"
    REVIEW = "review"
    GUIDANCE = "guidance"
    REPORT = "report"


class Direction(StrEnum):
    """What a work says about a factor.

    `barrier`: lacking the factor hinders integrated working; `facilitator`: having it helps;
    `inconclusive`: the work finds it can help or hinder, or that the evidence does not settle it.
    Barrier and facilitator claims agree with each other: both say the factor matters.
    """

    BARRIER = "barrier"
    FACILITATOR = "facilitator"
    INCONCLUSIVE = "inconclusive"


class Basis(StrEnum):
    """How directly the review ties the work to the factor, which limits how much the claim can carry.

    `specific`: the sentence names the factor and cites the work for it.
    `grouped`: the work is one of a list cited together for several factors at once.
    `general`: the work is cited for the barriers of integrated working as a whole and is linked
    to the factor only by where the review goes on to discuss it; it is shown, never counted.
    """

    SPECIFIC = "specific"
    GROUPED = "grouped"
    GENERAL = "general"


def _check_factor_id(value: str) -> str:
    if value not in FACTOR_IDS:
        raise ValueError(f"unknown factor id {value!r}; the factor ids are: {', '.join(FACTOR_IDS)}")
    return value


FactorId = Annotated[
    str, AfterValidator(_check_factor_id), Field(json_schema_extra={"enum": list(FACTOR_IDS)})
]
"""One of the 16 canonical factor ids; the schema lists them so editors can offer them."""


class Factor(Record):
    """One thing a partnership can have or lack; its absence is a barrier, its presence a facilitator."""

    id: FactorId
    name: str = Field(min_length=1)
    barrier: str = Field(min_length=1, description="What lacking this factor looks like.")
    facilitator: str = Field(min_length=1, description="What having this factor looks like.")
    evidence_note: str | None = Field(default=None, description="A caveat to show beside the rating.")


class Work(Record):
    """One cited work, whatever the spellings it was cited under."""

    key: str = Field(pattern=_SLUG, description="work_key(authors[0], year, suffix); checked on load.")
    authors: list[str] = Field(min_length=1, description="Surnames or organisation, in the order cited.")
    et_al: bool = Field(description="True when the review gives only the first author and 'et al'.")
    year: str = Field(pattern=r"^(1[89]|20)[0-9]{2}$")
    suffix: str = Field(default="", pattern=r"^[a-z]?$")
    kind: Kind
    title: str | None = None
    notes: str | None = Field(default=None, description="Ambiguities and corrections, stated not guessed.")
    variants: list[str] = Field(default_factory=list, description="Surface spellings seen in the review.")


class Claim(Record):
    """What one work is cited as saying about one factor."""

    factor: FactorId
    work: str = Field(pattern=_SLUG)
    direction: Direction
    basis: Basis = Basis.SPECIFIC
    summary: str = Field(min_length=1, description="One line, in the project's own words.")
    note: str | None = None


class Intervention(Record):
    """Something a partnership can do, the barrier it answers and the works behind it."""

    id: str = Field(pattern=_SLUG)
    factors: list[FactorId] = Field(min_length=1)
    title: str = Field(min_length=1)
    what_to_do: str = Field(min_length=1)
    addresses_barrier: str = Field(min_length=1)
    supported_by: list[str] = Field(default_factory=list, description="Work keys.")
    basis: str = Field(min_length=1, description="Where the review makes the point, and how directly.")


class UnresolvedCitation(Record):
    """A citation string the review gives that cannot be tied to one work without guessing."""

    text: str = Field(min_length=1)
    where: str = Field(min_length=1, description="The review's section heading.")
    note: str = Field(min_length=1)


class RatingLevel(StrEnum):
    """The evidence scale, with explicit categories for evidence that conflicts and for no evidence."""

    STRONG = "strong"
    MODERATE = "moderate"
    LIMITED = "limited"
    INCONCLUSIVE = "inconclusive"
    GAP = "gap"


class Consistency(StrEnum):
    """Whether the works that bear on a factor point the same way."""

    CONSISTENT = "consistent"
    MOSTLY_CONSISTENT = "mostly consistent"
    MIXED = "mixed"
    NONE = "no works"


class Rating(Record):
    """How well supported a factor is in the reviewed literature: not how much it matters."""

    level: RatingLevel
    label: str
    distinct_works: int = Field(ge=0, description="Works counted: those with specific or grouped claims.")
    consistency: Consistency
    reason: str
