"""The evidence map: which works bear on which factors, as data for spreadsheets, programs and EPPI-Mapper.

A map shows what evidence there is, not what it proves: each cell says which way a work's
claims on a factor point, and each factor carries beside it the confidence in the review's claim
that it matters (never a rating of whether an action works) and how often the review reports it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from joinedup.evidence.base import EvidenceBase
from joinedup.evidence.models import (
    CONFIDENCE_LABELS,
    PROVENANCE_LABELS,
    Basis,
    ConfidenceLevel,
    Direction,
    Intervention,
    Kind,
)
from joinedup.io.formulas import protect_row

EPPI_ATTRIBUTE_TYPE = "Selectable (show checkbox)"


@dataclass(frozen=True)
class MapCell:
    """Everything one work is cited as saying about one factor."""

    factor: str
    work: str
    directions: tuple[Direction, ...]
    general_only: bool
    summaries: tuple[str, ...]

    @property
    def label(self) -> str:
        """A compact cell value: the directions joined by "+", flagged when only cited in general."""
        text = "+".join(direction.value for direction in self.directions)
        return f"{text} (general)" if self.general_only else text


def map_cells(base: EvidenceBase) -> list[MapCell]:
    """One cell per (factor, work) pair with at least one claim, in factor order then work key order."""
    grouped: dict[tuple[str, str], list[Any]] = {}
    for claim in base.claims:
        grouped.setdefault((claim.factor, claim.work), []).append(claim)
    factor_order = {factor.id: index for index, factor in enumerate(base.factors)}
    cells = []
    for (factor_id, work_key), claims in grouped.items():
        seen = {claim.direction for claim in claims}
        directions = tuple(direction for direction in Direction if direction in seen)
        cells.append(
            MapCell(
                factor=factor_id,
                work=work_key,
                directions=directions,
                general_only=all(c.basis is Basis.GENERAL for c in claims),
                summaries=tuple(c.summary for c in claims),
            )
        )
    return sorted(cells, key=lambda cell: (factor_order[cell.factor], cell.work))


def map_to_csv(base: EvidenceBase) -> str:
    """The factor × work matrix: one row per factor, one column per work, empty where none is cited."""
    cells = {(cell.factor, cell.work): cell.label for cell in map_cells(base)}
    keys = [work.key for work in base.works]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(protect_row(["factor", "name", "confidence", "times_reported", *keys]))
    for factor in base.factors:
        confidence = base.confidence[factor.id]
        row = [cells.get((factor.id, key), "") for key in keys]
        writer.writerow(
            protect_row([factor.id, factor.name, confidence.level.value, confidence.times_reported, *row])
        )
    return buffer.getvalue()


def map_to_json(base: EvidenceBase) -> dict[str, Any]:
    """The same matrix as nested data: factors with their confidence, works, cells and interventions."""
    return {
        "factors": [
            {"id": factor.id, "name": factor.name, **confidence_json(base, factor.id)}
            for factor in base.factors
        ],
        "works": [
            {
                "key": work.key,
                "citation": base.cite(work),
                "year": work.year,
                "kind": work.kind.value,
                "inferred": [flag.model_dump(mode="json") for flag in work.inferred],
                "team": work.team,
            }
            for work in base.works
        ],
        "interventions": [intervention_json(item) for item in base.interventions],
        "cells": [
            {
                "factor": cell.factor,
                "work": cell.work,
                "directions": [direction.value for direction in cell.directions],
                "general_only": cell.general_only,
                "summaries": list(cell.summaries),
            }
            for cell in map_cells(base)
        ],
    }


def confidence_json(base: EvidenceBase, factor_id: str) -> dict[str, Any]:
    """One factor's confidence as plain data: the level, the four components, the counts, the reason.

    Shared by the evidence map and `joinedup evidence factors --format json` so both say the same.
    """
    confidence = base.confidence[factor_id]
    return {
        "confidence": confidence.level.value,
        "confidence_label": confidence.label,
        "finding": confidence.finding,
        "components": {
            name: component.model_dump(mode="json") for name, component in confidence.components.items()
        },
        "reason": confidence.reason,
        "times_reported": confidence.times_reported,
        "independent_works": confidence.independent_works,
        "guidance": list(confidence.guidance),
    }


def intervention_json(item: Intervention) -> dict[str, Any]:
    """An intervention with what kind of advice it is, its basis and caveats, and the two work lists."""
    return {
        "id": item.id,
        "factors": list(item.factors),
        "title": item.title,
        "what_to_do": item.what_to_do,
        "addresses_barrier": item.addresses_barrier,
        "provenance": item.provenance.value,
        "provenance_label": PROVENANCE_LABELS[item.provenance],
        "basis": item.basis,
        "caveats": list(item.caveats),
        "factor_works": list(item.factor_works),
        "action_works": list(item.action_works),
    }


@dataclass(frozen=True)
class _CodeSet:
    set_id: int
    name: str
    attributes: dict[str, tuple[int, str]]
    """Our value → (EPPI AttributeId, shown name)."""

    def as_eppi(self) -> dict[str, Any]:
        return {
            "SetName": self.name,
            "SetId": self.set_id,
            "Attributes": {
                "AttributesList": [
                    {
                        "AttributeId": attribute_id,
                        "AttributeName": name,
                        "AttributeType": EPPI_ATTRIBUTE_TYPE,
                        "Attributes": {"AttributesList": []},
                    }
                    for attribute_id, name in self.attributes.values()
                ]
            },
        }


def _code_set(set_id: int, name: str, values: list[tuple[str, str]]) -> _CodeSet:
    """Attribute ids are set_id * 1000 + position, so they stay stable while the value lists do."""
    numbered = enumerate(values, 1)
    return _CodeSet(set_id, name, {value: (set_id * 1000 + i, shown) for i, (value, shown) in numbered})


def map_to_eppi_json(base: EvidenceBase) -> dict[str, Any]:
    """EPPI-Reviewer JSON for EPPI-Mapper: works as references, coded by factor, kind, confidence, direction.

    In the EPPI-Mapper wizard choose "Factors" as rows, "Kind of work" as columns and either
    "Confidence in the factor" or "Direction" as the segment. EPPI codes belong to a reference,
    not to a cell, so a work cited for factors with different confidence carries each level.
    """
    factors = _code_set(1, "Factors", [(f.id, f.name) for f in base.factors])
    kinds = _code_set(2, "Kind of work", [(kind.value, kind.value.capitalize()) for kind in Kind])
    levels = _code_set(
        3, "Confidence in the factor", [(lvl.value, CONFIDENCE_LABELS[lvl]) for lvl in ConfidenceLevel]
    )
    directions = _code_set(4, "Direction", [(d.value, d.value.capitalize()) for d in Direction])
    cells = map_cells(base)
    references = []
    for item_id, work in enumerate(base.works, 1):
        work_cells = [cell for cell in cells if cell.work == work.key]
        codes: list[dict[str, Any]] = [
            {"AttributeId": factors.attributes[cell.factor][0], "AdditionalText": " ".join(cell.summaries)}
            for cell in work_cells
        ]
        plain_codes = [kinds.attributes[work.kind.value][0]]
        work_levels = sorted(
            {base.confidence[cell.factor].level for cell in work_cells}, key=list(ConfidenceLevel).index
        )
        work_directions = sorted({d for cell in work_cells for d in cell.directions})
        plain_codes += [levels.attributes[level][0] for level in work_levels]
        plain_codes += [directions.attributes[direction][0] for direction in work_directions]
        codes += [{"AttributeId": attribute_id, "AdditionalText": ""} for attribute_id in plain_codes]
        references.append(
            {
                "ItemId": item_id,
                "Title": work.title or base.harvard(work),
                "ShortTitle": base.cite(work),
                "Year": work.year,
                "Authors": "".join(f"{author};" for author in work.authors),
                "Codes": codes,
            }
        )
    code_sets = [code_set.as_eppi() for code_set in (factors, kinds, levels, directions)]
    return {"CodeSets": code_sets, "References": references}
