"""The records of the evidence base, as users write them in YAML and as the rest of joinedup reads them.

The models are frozen so that the cached bundled base cannot be changed by one caller
under another's feet, and they forbid unknown fields so that a typo in a user's YAML is
reported instead of silently ignored.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from joinedup.evidence.ids import FACTOR_IDS

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Record(BaseModel):
    """Common configuration: immutable, strict about field names, whitespace trimmed."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Kind(StrEnum):
    """What sort of work a source is.

    `guidance` is normative advice (what ought to be done), never an empirical finding: it is
    shown, and counted in how often a factor is reported, but never as evidence that it matters.
    """

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


class InferredField(StrEnum):
    """The fields of a work that can rest on the coder's inference rather than on the review's words."""

    KIND = "kind"
    IDENTITY = "identity"
    SPELLING = "spelling"
    TEAM = "team"
    YEAR = "year"


class InferredFlag(Record):
    """One inferred field of a work and why it was inferred, so a reader can check the guess."""

    field: InferredField
    reason: str = Field(min_length=1)


class Work(Record):
    """One cited work, whatever the spellings it was cited under.

    The review gives no reference list, so some fields are the coder's reading; `kind_inferred`
    and `flags` say which, with the reason. `team` and `includes` record what makes two works
    not independent: a count of "how often reported" takes each group of related works once.
    """

    key: str = Field(pattern=_SLUG, description="work_key(authors[0], year, suffix); checked on load.")
    authors: list[str] = Field(min_length=1, description="Surnames or organisation, in the order cited.")
    et_al: bool = Field(description="True when the review gives only the first author and 'et al'.")
    year: str = Field(pattern=r"^(1[89]|20)[0-9]{2}$")
    suffix: str = Field(default="", pattern=r"^[a-z]?$")
    kind: Kind
    kind_inferred: bool = Field(
        default=False, description="True when the review does not say what kind of work this is."
    )
    kind_reason: str | None = Field(
        default=None, description="Why the kind was chosen; required when kind_inferred is true."
    )
    flags: list[InferredFlag] = Field(
        default_factory=list,
        description="Other inferred fields: identity, probable spelling, team, year; each with its reason.",
    )
    team: str | None = Field(
        default=None,
        pattern=_SLUG,
        description="Works by the same team share this name and are not independent of each other.",
    )
    includes: list[str] = Field(
        default_factory=list,
        description="Work keys of studies this review includes; they and the review count as one.",
    )
    title: str | None = None
    notes: str | None = Field(default=None, description="Ambiguities and corrections, stated not guessed.")
    variants: list[str] = Field(default_factory=list, description="Surface spellings seen in the review.")

    @model_validator(mode="after")
    def _inferred_kind_has_reason(self) -> Work:
        if self.kind_inferred and not self.kind_reason:
            raise ValueError("kind_inferred is true, so kind_reason must say why the kind was chosen")
        return self

    @property
    def inferred(self) -> list[InferredFlag]:
        """Every inferred field, the kind first, for pages and exports that show them together."""
        if not self.kind_inferred:
            return list(self.flags)
        return [InferredFlag(field=InferredField.KIND, reason=self.kind_reason or ""), *self.flags]


class Claim(Record):
    """What one work is cited as saying about one factor."""

    factor: FactorId
    work: str = Field(pattern=_SLUG)
    direction: Direction
    basis: Basis = Basis.SPECIFIC
    group: str | None = Field(
        default=None,
        pattern=_SLUG,
        description="For basis grouped: the id of the citation list, so one list is counted once.",
    )
    summary: str = Field(min_length=1, description="One line, in the project's own words.")
    note: str | None = None

    @model_validator(mode="after")
    def _grouped_claims_name_their_list(self) -> Claim:
        if (self.basis is Basis.GROUPED) != (self.group is not None):
            raise ValueError("a claim has a group exactly when its basis is grouped")
        return self


class Provenance(StrEnum):
    """What kind of advice an intervention is, from the most to the least direct support.

    `tested-remedy`: a cited work evaluated this action. `reported-remedy`: a cited work, or the
    review in its own voice, recommends or reports the action. `inverse-of-barrier`: the works report
    a barrier (or a facilitator) and the action is that finding turned into a step; they say the
    factor matters, not that this step works. `joinedup-suggestion`: joinedup's own advice.
    """

    TESTED_REMEDY = "tested-remedy"
    REPORTED_REMEDY = "reported-remedy"
    INVERSE_OF_BARRIER = "inverse-of-barrier"
    JOINEDUP_SUGGESTION = "joinedup-suggestion"


PROVENANCE_LABELS: dict[Provenance, str] = {
    Provenance.TESTED_REMEDY: "Tested remedy",
    Provenance.REPORTED_REMEDY: "Reported remedy",
    Provenance.INVERSE_OF_BARRIER: "Inverse of a reported barrier",
    Provenance.JOINEDUP_SUGGESTION: "joinedup's suggestion",
}


class Intervention(Record):
    """Something a partnership can do, the barrier it answers, and what kind of advice it is.

    `factor_works` say the factor matters; `action_works` support this action itself. The two
    are kept apart because most actions are a reported barrier turned round, backed by works
    that never tested them.
    """

    id: str = Field(pattern=_SLUG)
    factors: list[FactorId] = Field(min_length=1)
    title: str = Field(min_length=1)
    what_to_do: str = Field(min_length=1)
    addresses_barrier: str = Field(min_length=1)
    provenance: Provenance
    basis: str = Field(min_length=1, description="Where the review makes the point, and how directly.")
    caveats: list[str] = Field(
        default_factory=list, description="What a reader must know before acting; always shown."
    )
    factor_works: list[str] = Field(
        default_factory=list, description="Work keys that say the factor matters."
    )
    action_works: list[str] = Field(
        default_factory=list, description="Work keys that support this action itself; usually none."
    )

    @model_validator(mode="after")
    def _provenance_matches_works(self) -> Intervention:
        if self.provenance is Provenance.TESTED_REMEDY and not self.action_works:
            raise ValueError("a tested remedy names the works that evaluated it in action_works")
        if (
            self.provenance in (Provenance.INVERSE_OF_BARRIER, Provenance.JOINEDUP_SUGGESTION)
            and self.action_works
        ):
            raise ValueError(
                f"a {self.provenance.value} has no action_works; a work that supports the action "
                "makes it a reported or tested remedy"
            )
        return self


class UnresolvedCitation(Record):
    """A citation string the review gives that cannot be tied to one work without guessing."""

    text: str = Field(min_length=1)
    where: str = Field(min_length=1, description="The review's section heading.")
    note: str = Field(min_length=1)


class ConfidenceLevel(StrEnum):
    """GRADE-CERQual's overall levels of confidence in a review finding."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very-low"


CONFIDENCE_LABELS: dict[ConfidenceLevel, str] = {
    ConfidenceLevel.HIGH: "High",
    ConfidenceLevel.MODERATE: "Moderate",
    ConfidenceLevel.LOW: "Low",
    ConfidenceLevel.VERY_LOW: "Very low",
}

COMPONENTS: tuple[str, ...] = ("methodological-limitations", "coherence", "adequacy", "relevance")
"""The four GRADE-CERQual components, in the order they are shown."""

COMPONENT_NAMES: dict[str, str] = {
    "methodological-limitations": "Methodological limitations",
    "coherence": "Coherence",
    "adequacy": "Adequacy of data",
    "relevance": "Relevance",
}

Judgement = Literal["no-or-very-minor-concerns", "minor-concerns", "moderate-concerns", "serious-concerns"]

JUDGEMENTS: tuple[Judgement, ...] = get_args(Judgement)
"""The four judgements, least concern first."""


class ComponentJudgement(Record):
    """How much one component lowers confidence in a factor's finding, and why, in one line."""

    judgement: Judgement
    reason: str = Field(min_length=1)

    @property
    def label(self) -> str:
        return self.judgement.replace("-", " ").capitalize()


def _check_components(value: dict[str, ComponentJudgement]) -> dict[str, ComponentJudgement]:
    if set(value) != set(COMPONENTS):
        missing = [name for name in COMPONENTS if name not in value]
        extra = sorted(set(value) - set(COMPONENTS))
        parts = [f"missing {', '.join(missing)}"] if missing else []
        parts += [f"unknown {', '.join(extra)}"] if extra else []
        raise ValueError(f"components must be exactly {', '.join(COMPONENTS)}: {'; '.join(parts)}")
    return {name: value[name] for name in COMPONENTS}


Components = Annotated[dict[str, ComponentJudgement], AfterValidator(_check_components)]


class ConfidenceAssessment(Record):
    """The stored, hand-made part of a factor's confidence: a judgement and reason per component.

    The overall level is not stored: it is worked out from the four judgements by the rule in
    `joinedup.evidence.rating`, so it cannot drift from them.
    """

    factor: FactorId
    finding: str = Field(min_length=1, description="The review finding the confidence is about.")
    components: Components
    reason: str = Field(min_length=1, description="The overall explanation, in one or two lines.")


class Confidence(Record):
    """How much confidence the review's claims that a factor matters deserve (GRADE-CERQual style).

    It is confidence in the claim that the factor matters to integrated working, not a rating of
    how well any action works; `times_reported` is a separate, plain count.
    """

    level: ConfidenceLevel
    label: str
    finding: str
    components: dict[str, ComponentJudgement]
    reason: str
    times_reported: int = Field(
        ge=0,
        description="How often the review reports the factor: each list of works cited together counts "
        "once, and works by one team, or a review and the studies it includes, count once.",
    )
    independent_works: int = Field(
        ge=0, description="Independent non-guidance works cited for this factor by name."
    )
    guidance: list[str] = Field(
        default_factory=list, description="Guidance works cited for the factor: normative, not findings."
    )
