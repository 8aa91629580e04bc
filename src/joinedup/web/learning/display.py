"""A learning record, or the pooled results, as rows a person reads.

`record_rows` shows every field of a record and refuses one it does not know (KeyError): the
opt-in screen must show exactly what will be shared, so a field added to the core's record must
be given words here before the screen can be drawn, never silently left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from joinedup.evidence import EvidenceBase
from joinedup.formatting import label, month_year
from joinedup.web.partnerships.models import Nation

NOT_MEASURED = "Not measured (no reportable next round)"


@dataclass(frozen=True)
class Row:
    key: str
    value: str


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[Row]


NO_LESSON = "No lesson"


def figure(value: float | None) -> str:
    """A figure to two decimals with a true minus sign, as changes and the pooled sentences have,
    so an interval's "−0.12" and a change's "−0.12" read alike."""
    return "None" if value is None else f"{value:.2f}".replace("-", "\N{MINUS SIGN}")


def signed(value: float | None, decimals: int = 2) -> str:
    return NOT_MEASURED if value is None else f"{value:+.{decimals}f}".replace("-", "\N{MINUS SIGN}")


def interval(bounds: list[float] | None) -> str:
    return NOT_MEASURED if bounds is None else f"{figure(bounds[0])} to {figure(bounds[1])}"


def month_words(month: str) -> str:
    year, number = month.split("-")
    return month_year(date(int(year), int(number), 1))


def intervention_title(evidence: EvidenceBase, intervention: str | None) -> str:
    """The intervention's title in the evidence base; an id this deployment does not know (an
    imported record's) is shown as words made from the id."""
    if intervention is None:
        return "None (not from a recommendation)"
    known = {item.id: item.title for item in evidence.interventions}
    return known.get(intervention) or intervention.replace("-", " ").capitalize()


# Each field of a record: its words, and how its value is written.
_Words = dict[str, tuple[str, Callable[[Any], str]]]

_ABOUT: _Words = {
    "format": ("Record format", str),
    "contributor": ("Contributor key (random, drawn once for this partnership)", str),
    "instrument_version": ("Self-assessment version", lambda v: "Not stated" if v is None else str(v)),
    "nation": ("Nation", lambda v: Nation(v).label),
    "size_band": ("Respondents in the round", lambda v: f"{v} (a band, not the count)"),
    "month": ("Month the round closed", month_words),
}
_FACTOR: _Words = {
    "mean": ("Mean (1 to 5)", figure),
    "interval": ("95% interval", interval),
    "band": ("Band", lambda v: str(v).capitalize()),
    "change": ("Change to the next round", signed),
    "change_interval": ("95% interval of the change", interval),
}


def record_rows(record: Mapping[str, Any], evidence: EvidenceBase) -> dict[str, Any]:
    """Every field of the record in words: `about` (a Section), `factors` and `actions` (lists of
    Sections). KeyError for a field without words here."""
    about = Section(
        "About the record",
        [
            Row(_ABOUT[key][0], _ABOUT[key][1](record[key]))
            for key in record
            if key not in {"factors", "actions"}
        ],
    )
    factors = [
        Section(label(factor_id), [Row(_FACTOR[k][0], _FACTOR[k][1](v)) for k, v in figures.items()])
        for factor_id, figures in record["factors"].items()
    ]
    action_fields: _Words = {
        "factor": ("Factor", lambda v: "None" if v is None else label(v)),
        "intervention": ("Intervention", lambda v: intervention_title(evidence, v)),
        "status": ("Status", label),
        "change": ("Change of the factor to the next round", signed),
        "change_interval": ("95% interval of the change", interval),
        "lesson": ("Lesson, as it will be shared", lambda v: NO_LESSON if v is None else str(v)),
    }
    actions = [
        Section(
            f"Action {index}", [Row(action_fields[k][0], action_fields[k][1](v)) for k, v in action.items()]
        )
        for index, action in enumerate(record["actions"], start=1)
    ]
    return {"about": about, "factors": factors, "actions": actions}
