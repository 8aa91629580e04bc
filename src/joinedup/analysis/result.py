"""The analysis result: plain, typed, self-describing data with a versioned JSON form.

Consumers (reports, findings, the web app) read these dataclasses; the CLI writes
`AnalysisResult.to_json()`. `docs/analysis-json.md` documents the JSON and
`AnalysisResult.json_schema()` gives its JSON Schema. `SCHEMA_VERSION` changes its
major number whenever a field is renamed, removed or changes meaning, and its
minor number when a field is added.

Plain dataclasses rather than validated models: the engine builds thousands of
them per national analysis and guarantees their content itself; pydantic is only
used to serialise them and to describe them as JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import TypeAdapter

SCHEMA_VERSION = "1.1"

Direction = Literal["improved", "declined", "no clear change"]
ConsensusLevel = Literal["consensus", "some disagreement", "high disagreement"]
BandName = Literal["strength", "borderline", "concern"]


@dataclass(frozen=True)
class GroupFigure:
    """A published group: at least `min_group` scored respondents."""

    n: int
    mean: float
    sd: float | None


@dataclass(frozen=True)
class GroupCount:
    """A published count of responses for a group."""

    n: int


@dataclass(frozen=True)
class Suppressed:
    """A hidden group: too small, or hidden so that a small one cannot be worked out."""

    suppressed: Literal[True] = True


@dataclass(frozen=True)
class ItemResult:
    """One item of a factor in one round.

    `item_rest` is the correlation of the item with the sum of the factor's other
    items; `lowers_alpha` says alpha would be higher without the item;
    `distribution` counts answers as given: "1".."5", "dont_know", "unanswered".
    """

    id: str
    reverse: bool
    item_rest: float | None
    alpha_if_deleted: float | None
    lowers_alpha: bool
    distribution: dict[str, int] | None


@dataclass(frozen=True)
class DunnPair:
    """Two agencies whose scores differ (Dunn's test, Holm-adjusted p below the significance level)."""

    groups: tuple[str, str]
    higher: str
    z: float
    p_adjusted: float


@dataclass(frozen=True)
class Consensus:
    """Spread of respondent scores: a small spread means people see the factor alike."""

    sd: float
    level: ConsensusLevel


@dataclass(frozen=True)
class Divergence:
    """Kruskal-Wallis across the agencies large enough to take part; `effect` is epsilon-squared."""

    test: Literal["kruskal-wallis"]
    groups: list[str]
    statistic: float | None
    df: int | None
    p: float | None
    effect: float | None
    pairs: list[DunnPair]
    consensus: Consensus | None


@dataclass(frozen=True)
class Trend:
    """Change since the partnership's previous round (Welch's t-test)."""

    previous_round: str
    change: float
    ci: tuple[float, float] | None
    statistic: float | None
    df: float | None
    p: float | None
    direction: Direction
    comparable_items: int | None = None
    """Set when the instrument changed since the previous round: the statements the trend rests on."""
    note: str | None = None
    """Set with `comparable_items`: which version change and which statements, in words."""


@dataclass(frozen=True)
class FactorResult:
    """One factor in one round of one partnership; figures are None when suppressed or undefined."""

    id: str
    suppressed: bool
    n: int | None
    mean: float | None
    sd: float | None
    ci: tuple[float, float] | None
    band: BandName | None
    alpha: float | None
    alpha_ci: tuple[float, float] | None
    alpha_n: int | None
    dont_know_rate: float | None
    groups: dict[str, dict[str, GroupFigure | Suppressed]]
    divergence: Divergence | None
    trend: Trend | None
    items: list[ItemResult]
    trend_withheld: str | None = None
    """Why there is no trend although there is a previous round (the instrument changed)."""


@dataclass(frozen=True)
class AgencyResponses:
    """Responses from one agency, against invitations where known."""

    n: int | None
    suppressed: bool
    invited: int | None
    rate: float | None
    flags: list[str]


@dataclass(frozen=True)
class Responses:
    """Who answered in a round, under the same disclosure control as every other figure."""

    by_agency: dict[str, AgencyResponses]
    by_role_group: dict[str, GroupCount | Suppressed]


@dataclass(frozen=True)
class RoundResult:
    """Everything about one (partnership, round)."""

    partnership: str
    round: str
    suppressed: bool
    n: int | None
    previous_round: str | None
    responses: Responses | None
    factors: list[FactorResult]

    def factor(self, factor_id: str) -> FactorResult:
        """The result for one factor id (KeyError when the instrument has no such factor)."""
        for result in self.factors:
            if result.id == factor_id:
                return result
        raise KeyError(factor_id)


@dataclass(frozen=True)
class Thresholds:
    """The rules used, so that a reader of the JSON needs nothing else to interpret it."""

    min_group: int
    band_strength_from: float
    band_borderline_from: float
    significance: float
    consensus_sd_below: float
    high_disagreement_sd_above: float
    dominant_share: float


@dataclass(frozen=True)
class AnalysisResult:
    """One entry per (partnership, round): partnerships in natural order, rounds in round order."""

    schema_version: str
    instrument_version: str | None
    thresholds: Thresholds
    rounds: list[RoundResult]

    def find(self, partnership: str, round_label: str) -> RoundResult:
        """The result for one partnership and round (KeyError when absent)."""
        for result in self.rounds:
            if result.partnership == partnership and result.round == round_label:
                return result
        raise KeyError((partnership, round_label))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready plain data (lists, dicts, numbers, strings, None)."""
        return _adapter().dump_python(self, mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return _adapter().dump_json(self, indent=indent).decode()

    @staticmethod
    def json_schema() -> dict[str, Any]:
        """The JSON Schema of `to_json()`'s output."""
        return _adapter().json_schema(mode="serialization")


@cache
def _adapter() -> TypeAdapter[AnalysisResult]:
    return TypeAdapter(AnalysisResult)
