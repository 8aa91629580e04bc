"""The evidence base as one validated whole: records, cross-references and the confidence derived."""

from __future__ import annotations

from functools import cached_property

from pydantic import computed_field

from joinedup.evidence.harvard import harvard_reference, in_text_citation
from joinedup.evidence.models import (
    Basis,
    Claim,
    Confidence,
    ConfidenceAssessment,
    Factor,
    Intervention,
    Record,
    UnresolvedCitation,
    Work,
)
from joinedup.evidence.rating import independence_groups, rate_factor


class EvidenceBase(Record):
    """Factors, works, claims, interventions and the judgements behind each factor's confidence.

    The overall confidence and the counts are computed, never stored. Build one with
    `load_evidence_base`, which also checks that every claim and intervention points at a factor
    and a work that exist and that the stored judgements agree with the claims.
    """

    factors: list[Factor]
    works: list[Work]
    claims: list[Claim]
    interventions: list[Intervention]
    assessments: list[ConfidenceAssessment]
    unresolved: list[UnresolvedCitation] = []

    def _confidence(self) -> dict[str, Confidence]:
        """Factor id → confidence in the review's claims that the factor matters, in factor order."""
        works = self._works_by_key
        by_factor = {assessment.factor: assessment for assessment in self.assessments}
        return {
            factor.id: rate_factor(by_factor[factor.id], self.claims_for(factor.id), works)
            for factor in self.factors
        }

    # Called rather than stacked as decorators: mypy supports no decorator above a property.
    confidence = computed_field(cached_property(_confidence))

    @cached_property
    def _factors_by_id(self) -> dict[str, Factor]:
        return {factor.id: factor for factor in self.factors}

    @cached_property
    def _works_by_key(self) -> dict[str, Work]:
        return {work.key: work for work in self.works}

    def factor(self, factor_id: str) -> Factor:
        """The factor with this id; KeyError names the id when there is none."""
        try:
            return self._factors_by_id[factor_id]
        except KeyError:
            raise KeyError(f"no factor with id {factor_id!r}") from None

    def work(self, key: str) -> Work:
        """The work with this key; KeyError names the key when there is none."""
        try:
            return self._works_by_key[key]
        except KeyError:
            raise KeyError(f"no work with key {key!r}") from None

    def claims_for(self, factor_id: str) -> list[Claim]:
        return [claim for claim in self.claims if claim.factor == factor_id]

    def claims_by(self, work_key: str) -> list[Claim]:
        return [claim for claim in self.claims if claim.work == work_key]

    def works_for(self, factor_id: str, include_general: bool = True) -> list[Work]:
        """The works with a claim on the factor, by year then key.

        With `include_general=False`, only the works that report the factor: those cited for it by
        name or in a list with other factors, not those cited only for barriers in general.
        """
        keys = {
            claim.work
            for claim in self.claims_for(factor_id)
            if include_general or claim.basis is not Basis.GENERAL
        }
        return sorted((self.work(key) for key in keys), key=lambda work: (work.year, work.key))

    def factors_for(self, work_key: str) -> list[Factor]:
        """The factors a work is cited for, in the canonical factor order."""
        ids = {claim.factor for claim in self.claims_by(work_key)}
        return [factor for factor in self.factors if factor.id in ids]

    def interventions_for(self, factor_id: str) -> list[Intervention]:
        return [item for item in self.interventions if factor_id in item.factors]

    def related_works(self, work_key: str) -> list[Work]:
        """Other works that are not independent of this one: same team, or a review and what it includes."""
        groups = independence_groups(self._works_by_key)
        group = groups[work_key]
        return [work for work in self.works if work.key != work_key and groups[work.key] == group]

    def harvard(self, work: Work | str) -> str:
        """A Harvard-style reference-list entry for a work or work key."""
        return harvard_reference(self.work(work) if isinstance(work, str) else work)

    def cite(self, work: Work | str) -> str:
        """A short in-text citation for a work or work key."""
        return in_text_citation(self.work(work) if isinstance(work, str) else work)
