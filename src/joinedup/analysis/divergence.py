"""Do partner agencies see a factor differently? Kruskal-Wallis, Dunn pairs, consensus.

Respondent factor scores take few distinct values (means of a handful of 1-5
answers), so instead of sorting each group's scores the analysis counts them per
(group, agency, score level; see `scores.ScoreLevels`). Mid-ranks, the tie correction, H and Dunn's z
all follow from those counts for every partnership and round at once.

Only agencies with at least `min_group` scored respondents take part, so that no
test describes a group too small to publish.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from joinedup.analysis.result import ConsensusLevel
from joinedup.analysis.tails import chi2_sf, normal_sf

SIGNIFICANCE = 0.05
CONSENSUS_BELOW = 1.0
HIGH_DISAGREEMENT_ABOVE = 1.5


@dataclass(frozen=True)
class KruskalWallis:
    """Per group of respondents (first axis): the test across agencies, and Dunn's pairs."""

    groups: np.ndarray
    statistic: np.ndarray
    df: np.ndarray
    p: np.ndarray
    effect: np.ndarray
    pair_first: np.ndarray
    pair_second: np.ndarray
    pair_z: np.ndarray
    pair_p_adjusted: np.ndarray


def holm(p_values: np.ndarray) -> np.ndarray:
    """Holm step-down adjustment along the last axis; NaN marks comparisons that were not made."""
    missing = np.isnan(p_values)
    order = np.argsort(np.where(missing, np.inf, p_values), axis=-1, kind="stable")
    ordered = np.take_along_axis(p_values, order, axis=-1)
    tests = (~missing).sum(axis=-1, keepdims=True)
    multiplier = tests - np.arange(p_values.shape[-1])
    adjusted = np.fmax.accumulate(np.minimum(ordered * multiplier, 1.0), axis=-1)
    adjusted[np.take_along_axis(missing, order, axis=-1)] = np.nan
    result = np.empty_like(adjusted)
    np.put_along_axis(result, order, adjusted, axis=-1)
    return result


def kruskal_wallis(counts: np.ndarray, taking_part: np.ndarray) -> KruskalWallis:
    """Kruskal-Wallis H (tie-corrected), epsilon-squared and Holm-adjusted Dunn z-tests.

    `counts[g, a, v]` is how many respondents of agency `a` in group `g` have the
    v-th smallest score value; `taking_part[g, a]` says which agencies are compared.
    """
    counts = np.where(taking_part[..., None], counts, 0).astype(np.float64)
    per_agency = counts.sum(axis=-1)
    per_value = counts.sum(axis=1)
    total = per_value.sum(axis=-1)
    mid_rank = np.cumsum(per_value, axis=-1) - per_value + (per_value + 1) / 2
    rank_sum = (counts * mid_rank[:, None, :]).sum(axis=-1)
    present = per_agency > 0
    groups = present.sum(axis=-1)
    ties = (per_value**3 - per_value).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_rank = np.where(present, rank_sum / per_agency, np.nan)
        raw = 12 / (total * (total + 1)) * np.where(present, rank_sum**2 / per_agency, 0).sum(axis=-1)
        raw -= 3 * (total + 1)
        correction = 1 - ties / (total**3 - total)
        testable = (groups >= 2) & (correction > 0)
        statistic = np.where(testable, raw / correction, np.nan)
        df = np.where(testable, groups - 1, 0)
        p = np.where(testable, chi2_sf(statistic, np.maximum(df, 1)), np.nan)
        effect = np.where(testable, statistic / (total - 1), np.nan)

        first, second = np.triu_indices(counts.shape[1], k=1)
        spread = total * (total + 1) / 12 - ties / (12 * (total - 1))
        z = (mean_rank[:, first] - mean_rank[:, second]) / np.sqrt(
            spread[:, None] * (1 / per_agency[:, first] + 1 / per_agency[:, second])
        )
    compared = present[:, first] & present[:, second] & testable[:, None]
    z = np.where(compared, z, np.nan)
    adjusted = holm(np.where(compared, 2 * normal_sf(np.abs(z)), np.nan))
    return KruskalWallis(
        groups=groups,
        statistic=statistic,
        df=df,
        p=p,
        effect=effect,
        pair_first=first,
        pair_second=second,
        pair_z=z,
        pair_p_adjusted=adjusted,
    )


def consensus_level(sd: float) -> ConsensusLevel:
    """How far respondents agree with each other, read from the spread of their scores.

    The project's own reading: a standard deviation under 1 scale point is
    consensus, 1 to 1.5 some disagreement, over 1.5 high disagreement.
    """
    if sd < CONSENSUS_BELOW:
        return "consensus"
    if sd <= HIGH_DISAGREEMENT_ABOVE:
        return "some disagreement"
    return "high disagreement"
