"""`analyse`: every figure for every (partnership, round) and factor, in one vectorised pass.

The work is organised by factor (a handful of items each), never by partnership,
round or agency: each factor's statistics come out of a few integer counts that
cover all groups at once, then disclosure control decides what may be shown, and
only then are the plain result objects built.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from joinedup.analysis.disclosure import check_min_group, suppress_small_groups
from joinedup.analysis.distributions import answer_counts, as_distribution
from joinedup.analysis.divergence import (
    CONSENSUS_BELOW,
    HIGH_DISAGREEMENT_ABOVE,
    SIGNIFICANCE,
    KruskalWallis,
    consensus_level,
    kruskal_wallis,
)
from joinedup.analysis.encoding import ANSWER_CODES, EncodedResponses, encode_responses
from joinedup.analysis.grouping import level_moments, tally
from joinedup.analysis.items import FactorItems, ItemLike, group_by_factor, item_specs
from joinedup.analysis.patterns import PatternCounts, RespondentGroups, count_patterns, respondent_groups
from joinedup.analysis.population import listed_per_partnership
from joinedup.analysis.reliability import (
    PATTERN_BINS_LIMIT,
    ItemMoments,
    Reliability,
    item_moments,
    pattern_moments,
    reliability_from_moments,
)
from joinedup.analysis.response_rates import DOMINANT_SHARE, invitation_matrix, voice_flags
from joinedup.analysis.result import (
    SCHEMA_VERSION,
    AgencyResponses,
    AnalysisResult,
    Consensus,
    Divergence,
    DunnPair,
    FactorResult,
    GroupCount,
    GroupFigure,
    ItemResult,
    Responses,
    RoundResult,
    Suppressed,
    Thresholds,
    Trend,
)
from joinedup.analysis.rounds import natural_key
from joinedup.analysis.scores import factor_answers
from joinedup.analysis.summary import BORDERLINE_FROM, STRENGTH_FROM, band, mean_interval
from joinedup.analysis.trends import Trends, welch_trends
from joinedup.analysis.version_trends import Withheld, version_crossings
from joinedup.instrument.responses import MIN_GROUP_SIZE, SCALE_MAX

_HIDDEN = Suppressed()


@dataclass(frozen=True)
class _Layout:
    """Group keys and the groups each round lists, built once for all factors."""

    encoded: EncodedResponses
    agencies: tuple[str, ...]
    agency_key: np.ndarray
    role_key: np.ndarray
    groups: RespondentGroups
    listed_agencies: np.ndarray
    listed_roles: np.ndarray
    reportable: np.ndarray


@dataclass(frozen=True)
class _Breakdown:
    """Scored respondents per (cell, group), their moments, and which groups are hidden."""

    n: np.ndarray
    mean: np.ndarray
    variance: np.ndarray
    hidden: np.ndarray

    @cached_property
    def as_lists(self) -> tuple[list[list[int]], list[list[float]], list[list[float]], list[list[bool]]]:
        """The arrays as nested Python lists: building thousands of results reads them item by item."""
        return self.n.tolist(), self.mean.tolist(), np.sqrt(self.variance).tolist(), self.hidden.tolist()


@dataclass(frozen=True)
class _FactorCounts:
    """What one factor's statistics are computed from: counts per cell and group, nothing per respondent.

    `by_agency` and `by_role` count scored respondents per (cell, group, score level).
    """

    levels: np.ndarray
    by_agency: np.ndarray
    by_role: np.ndarray
    dont_know: np.ndarray
    given: np.ndarray
    moments: ItemMoments
    distribution: np.ndarray


def _counts_by_respondent(layout: _Layout, factor: FactorItems) -> _FactorCounts:
    """The counts from each respondent's recoded answers, for any number of items."""
    encoded = layout.encoded
    cells, agencies, roles = encoded.n_cells, len(layout.agencies), len(encoded.role_groups)
    answers = factor_answers(encoded.answers, factor)
    values = answers.levels.values
    width = len(values)
    by_agency = tally(layout.agency_key * width + answers.level, answers.scored, cells * agencies * width)
    by_role = tally(layout.role_key * width + answers.level, answers.scored, cells * roles * width)
    dont_know = np.bincount(encoded.cell, weights=answers.dont_know, minlength=cells)
    complete = answers.count == factor.size
    return _FactorCounts(
        levels=values,
        by_agency=by_agency.reshape(cells, agencies, width),
        by_role=by_role.reshape(cells, roles, width),
        dont_know=dont_know,
        given=dont_know + np.bincount(encoded.cell, weights=answers.count, minlength=cells),
        moments=item_moments(answers.values, complete, encoded.cell, cells),
        distribution=answer_counts(encoded.answers[:, list(factor.positions)], encoded.cell, cells),
    )


def _counts_by_pattern(layout: _Layout, factor: FactorItems, patterns: PatternCounts) -> _FactorCounts | None:
    """The same counts from respondents counted per answer pattern (`joinedup.analysis.patterns`).

    None when reliability would count item pairs rather than patterns (`item_moments`), so that
    alpha is computed the one way it always is for a factor that size.
    """
    encoded, groups, scoring = layout.encoded, layout.groups, patterns.scoring
    cells, agencies, roles = encoded.n_cells, len(layout.agencies), len(encoded.role_groups)
    recoded_patterns = (SCALE_MAX + 1) ** factor.size
    if cells * recoded_patterns > PATTERN_BINS_LIMIT:
        return None
    values = scoring.levels.values
    width = len(values)
    by_agency = np.zeros((cells * agencies, width), dtype=np.int64)
    np.add.at(by_agency, groups.agency_key, patterns.by_group)
    by_role = np.zeros((cells * roles, width), dtype=np.int64)
    np.add.at(by_role, groups.role_key, patterns.by_group)

    per_cell = patterns.by_cell
    dont_know = (per_cell @ scoring.dont_know.astype(np.int64)).astype(np.float64)
    complete = scoring.count == factor.size
    place = (SCALE_MAX + 1) ** np.arange(factor.size)
    recoded = (scoring.values[complete].astype(np.int64) * place).sum(axis=1)
    by_recoded = np.zeros((cells, recoded_patterns), dtype=np.int64)
    by_recoded[:, recoded] = per_cell[:, complete]
    answer_of = patterns.codes[:, :, None] == np.arange(ANSWER_CODES)
    return _FactorCounts(
        levels=values,
        by_agency=by_agency.reshape(cells, agencies, width),
        by_role=by_role.reshape(cells, roles, width),
        dont_know=dont_know,
        given=dont_know + (per_cell @ scoring.count.astype(np.int64)).astype(np.float64),
        moments=pattern_moments(by_recoded, factor.size),
        distribution=np.stack(
            [per_cell @ answer_of[:, item].astype(np.int64) for item in range(factor.size)], axis=1
        ),
    )


@dataclass(frozen=True)
class _FactorFigures:
    """All of one factor's statistics, one row per cell."""

    items: FactorItems
    distribution: np.ndarray
    n: np.ndarray
    mean: np.ndarray
    variance: np.ndarray
    low: np.ndarray
    high: np.ndarray
    dont_know_rate: np.ndarray
    reliability: Reliability
    agency: _Breakdown
    role_group: _Breakdown
    divergence: KruskalWallis
    trend: Trends


def _number(value: float) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


def _breakdown(
    level_counts: np.ndarray, values: np.ndarray, listed: np.ndarray, min_group: int, round_hidden: np.ndarray
) -> _Breakdown:
    """A factor hides every group its round's response counts hide, as well as its own small ones.

    Scored counts differ from factor to factor (don't knows, skipped items), so without
    `round_hidden` a group hidden among the responses (by secondary suppression, say)
    could be shown for one factor and then subtracted from a merged group elsewhere.
    Hiding more never undoes secondary suppression: the hidden set only grows.
    """
    n, mean, variance = level_moments(level_counts, values)
    hidden = suppress_small_groups(n, listed, min_group) | (listed & round_hidden)
    return _Breakdown(n=n, mean=mean, variance=variance, hidden=hidden)


def _factor_figures(
    layout: _Layout, factor: FactorItems, min_group: int, round_hidden: tuple[np.ndarray, np.ndarray]
) -> _FactorFigures:
    encoded = layout.encoded
    patterns = count_patterns(encoded.answers, factor, layout.groups, encoded.n_cells)
    counts = None if patterns is None else _counts_by_pattern(layout, factor, patterns)
    if counts is None:
        counts = _counts_by_respondent(layout, factor)
    values, by_agency = counts.levels, counts.by_agency
    agency = _breakdown(by_agency, values, layout.listed_agencies, min_group, round_hidden[0])
    role_group = _breakdown(counts.by_role, values, layout.listed_roles, min_group, round_hidden[1])

    n, mean, variance = level_moments(by_agency.sum(axis=1), values)
    low, high = mean_interval(mean, variance, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        dont_know_rate = counts.dont_know / counts.given

    reliability = reliability_from_moments(counts.moments)
    taking_part = layout.listed_agencies & ~agency.hidden & layout.reportable[:, None]
    published = layout.reportable & (n >= min_group)
    previous = encoded.previous_cell
    comparable = (previous >= 0) & published & published[np.maximum(previous, 0)]
    return _FactorFigures(
        items=factor,
        distribution=counts.distribution,
        n=n,
        mean=mean,
        variance=variance,
        low=low,
        high=high,
        dont_know_rate=dont_know_rate,
        reliability=reliability,
        agency=agency,
        role_group=role_group,
        divergence=kruskal_wallis(by_agency, taking_part),
        trend=welch_trends(n, mean, variance, previous, comparable),
    )


def _group_entries(
    breakdown: _Breakdown, cell: int, names: Sequence[str], order: Sequence[int], listed: np.ndarray
) -> dict[str, GroupFigure | Suppressed]:
    entries: dict[str, GroupFigure | Suppressed] = {}
    all_counts, all_means, all_sds, all_hidden = breakdown.as_lists
    counts, means, sds, hidden = all_counts[cell], all_means[cell], all_sds[cell], all_hidden[cell]
    shown = listed[cell].tolist()
    for group in order:
        if shown[group]:
            sd = sds[group]
            entries[names[group]] = (
                _HIDDEN
                if hidden[group]
                else GroupFigure(n=counts[group], mean=means[group], sd=None if math.isnan(sd) else sd)
            )
    return entries


def _divergence(
    figures: _FactorFigures, cell: int, agencies: Sequence[str], order: Sequence[int], taking_part: np.ndarray
) -> Divergence:
    test = figures.divergence
    p = _number(test.p[cell])
    pairs: list[DunnPair] = []
    if p is not None and p < SIGNIFICANCE:
        for index in np.flatnonzero(test.pair_p_adjusted[cell] < SIGNIFICANCE).tolist():
            first, second = agencies[test.pair_first[index]], agencies[test.pair_second[index]]
            z = float(test.pair_z[cell, index])
            pairs.append(
                DunnPair(
                    groups=(first, second),
                    higher=first if z > 0 else second,
                    z=z,
                    p_adjusted=float(test.pair_p_adjusted[cell, index]),
                )
            )
    sd = float(np.sqrt(figures.variance[cell]))
    return Divergence(
        test="kruskal-wallis",
        groups=[agencies[a] for a in order if taking_part[cell, a]],
        statistic=_number(test.statistic[cell]),
        df=int(test.df[cell]) if p is not None else None,
        p=p,
        effect=_number(test.effect[cell]),
        pairs=pairs,
        consensus=None if np.isnan(sd) else Consensus(sd=sd, level=consensus_level(sd)),
    )


def _trend(figures: _FactorFigures, cell: int, previous_round: str | None) -> Trend | None:
    trend = figures.trend
    if previous_round is None or np.isnan(trend.change[cell]):
        return None
    low, high = _number(trend.low[cell]), _number(trend.high[cell])
    return Trend(
        previous_round=previous_round,
        change=float(trend.change[cell]),
        ci=None if low is None or high is None else (low, high),
        statistic=_number(trend.statistic[cell]),
        df=_number(trend.df[cell]),
        p=_number(trend.p[cell]),
        direction=trend.direction[cell],
    )


def _items(figures: _FactorFigures, cell: int, shown: bool, alpha: float | None) -> list[ItemResult]:
    factor, reliability = figures.items, figures.reliability
    results = []
    for column, (item_id, reverse) in enumerate(zip(factor.item_ids, factor.reverse, strict=True)):
        if_deleted = _number(reliability.alpha_if_deleted[cell, column]) if alpha is not None else None
        results.append(
            ItemResult(
                id=item_id,
                reverse=reverse,
                item_rest=_number(reliability.item_rest[cell, column]) if alpha is not None else None,
                alpha_if_deleted=if_deleted,
                lowers_alpha=alpha is not None and if_deleted is not None and if_deleted > alpha,
                distribution=as_distribution(figures.distribution[cell, column]) if shown else None,
            )
        )
    return results


def _factor_result(
    figures: _FactorFigures,
    layout: _Layout,
    cell: int,
    previous_round: str | None,
    min_group: int,
    orders: tuple[Sequence[int], Sequence[int]],
    crossing: Trend | Withheld | None = None,
) -> FactorResult:
    encoded, factor = layout.encoded, figures.items
    groups = {
        "agency": _group_entries(figures.agency, cell, layout.agencies, orders[0], layout.listed_agencies),
        "role_group": _group_entries(
            figures.role_group, cell, encoded.role_groups, orders[1], layout.listed_roles
        ),
    }
    if not layout.reportable[cell] or figures.n[cell] < min_group:
        return FactorResult(
            id=factor.factor,
            suppressed=True,
            n=None,
            mean=None,
            sd=None,
            ci=None,
            band=None,
            alpha=None,
            alpha_ci=None,
            alpha_n=None,
            dont_know_rate=None,
            groups=groups,
            divergence=None,
            trend=None,
            items=_items(figures, cell, False, None),
        )
    reliability = figures.reliability
    alpha = _number(reliability.alpha[cell]) if reliability.n[cell] >= min_group else None
    mean = float(figures.mean[cell])
    low, high = _number(figures.low[cell]), _number(figures.high[cell])
    taking_part = layout.listed_agencies & ~figures.agency.hidden
    trend, withheld = _trend(figures, cell, previous_round), None
    if crossing is not None:
        # Across a change of version the ordinary trend compares different statements;
        # the crossing, which checks its own group sizes, replaces it.
        trend, withheld = (None, crossing.reason) if isinstance(crossing, Withheld) else (crossing, None)
    return FactorResult(
        id=factor.factor,
        suppressed=False,
        n=int(figures.n[cell]),
        mean=mean,
        sd=_number(np.sqrt(figures.variance[cell])),
        ci=None if low is None or high is None else (low, high),
        band=band(mean),
        alpha=alpha,
        alpha_ci=None if alpha is None else (float(reliability.low[cell]), float(reliability.high[cell])),
        alpha_n=int(reliability.n[cell]),
        dont_know_rate=_number(figures.dont_know_rate[cell]),
        groups=groups,
        divergence=_divergence(figures, cell, layout.agencies, orders[0], taking_part),
        trend=trend,
        items=_items(figures, cell, True, alpha),
        trend_withheld=withheld,
    )


def _natural_positions(names: Sequence[str]) -> list[int]:
    return sorted(range(len(names)), key=lambda index: natural_key(names[index]))


def _responses(
    cell: int,
    layout: _Layout,
    counts: tuple[np.ndarray, np.ndarray],
    hidden: tuple[np.ndarray, np.ndarray],
    invited: np.ndarray,
    flags: dict[str, np.ndarray],
    orders: tuple[Sequence[int], Sequence[int]],
) -> Responses:
    by_agency: dict[str, AgencyResponses] = {}
    for a in orders[0]:
        if not layout.listed_agencies[cell, a]:
            continue
        suppressed = bool(hidden[0][cell, a])
        count = int(counts[0][cell, a])
        known = not np.isnan(invited[cell, a])
        by_agency[layout.agencies[a]] = AgencyResponses(
            n=None if suppressed else count,
            suppressed=suppressed,
            invited=int(invited[cell, a]) if known else None,
            rate=count / invited[cell, a] if known and not suppressed and invited[cell, a] > 0 else None,
            flags=[name for name, flagged in flags.items() if flagged[cell, a]],
        )
    by_role: dict[str, GroupCount | Suppressed] = {
        layout.encoded.role_groups[r]: _HIDDEN
        if hidden[1][cell, r]
        else GroupCount(n=int(counts[1][cell, r]))
        for r in orders[1]
        if layout.listed_roles[cell, r]
    }
    return Responses(by_agency=by_agency, by_role_group=by_role)


def analyse(
    frame: pd.DataFrame,
    items: Iterable[ItemLike],
    *,
    min_group: int = MIN_GROUP_SIZE,
    invitations: pd.DataFrame | None = None,
    round_order: Sequence[str] | None = None,
    instrument_version: str | None = None,
    round_versions: Mapping[str, str] | None = None,
) -> AnalysisResult:
    """Analyse every (partnership, round) in a responses frame.

    `items` needs `id`, `factor` and `reverse` (the instrument's items will do).
    `round_versions` gives each round's instrument version when they differ: a factor
    trend across a change of version then rests on comparable statements only, or is
    withheld with the reason (`joinedup.analysis.version_trends`).
    Raises `ResponseDataError` (a ValueError naming row, column, value and reason)
    before computing anything when the frame or the invitations hold bad data,
    and ValueError when `min_group` is below the product's floor of 5.
    """
    min_group = check_min_group(min_group)
    specs = item_specs(items)
    encoded = encode_responses(frame, specs, round_order)
    cells, partnerships = encoded.n_cells, len(encoded.partnerships)
    invited = np.full((cells, len(encoded.agencies)), np.nan)
    agencies = encoded.agencies
    if invitations is not None:
        invited, agencies = invitation_matrix(invitations, encoded.cells, agencies)
    agency_count, role_count = len(agencies), len(encoded.role_groups)

    agency_key = encoded.cell.astype(np.int64) * agency_count + encoded.agency
    role_key = encoded.cell.astype(np.int64) * role_count + encoded.role_group
    by_agency = np.bincount(agency_key, minlength=cells * agency_count).reshape(cells, agency_count)
    by_role = np.bincount(role_key, minlength=cells * role_count).reshape(cells, role_count)
    listed_agencies = listed_per_partnership(
        (by_agency > 0) | ~np.isnan(invited), encoded.cell_partnership, partnerships
    )
    listed_roles = listed_per_partnership(by_role > 0, encoded.cell_partnership, partnerships)
    round_n = by_agency.sum(axis=1)
    layout = _Layout(
        encoded=encoded,
        agencies=agencies,
        agency_key=agency_key,
        role_key=role_key,
        groups=respondent_groups(
            encoded.cell, agency_key, encoded.role_group, cells, agency_count, role_count
        ),
        listed_agencies=listed_agencies,
        listed_roles=listed_roles,
        reportable=round_n >= min_group,
    )
    hidden = (
        suppress_small_groups(by_agency, listed_agencies, min_group),
        suppress_small_groups(by_role, listed_roles, min_group),
    )
    flags = voice_flags(by_agency, listed_agencies, hidden[0], invited)
    factors = group_by_factor(specs)
    figures = [_factor_figures(layout, factor, min_group, hidden) for factor in factors]
    crossings = (
        version_crossings(frame, encoded, factors, round_versions, min_group) if round_versions else {}
    )

    orders = (_natural_positions(agencies), _natural_positions(encoded.role_groups))
    rounds: list[RoundResult] = []
    for cell, (partnership, round_label) in enumerate(encoded.cells):
        previous = int(encoded.previous_cell[cell])
        previous_round = encoded.cells[previous][1] if previous >= 0 else None
        reportable = bool(layout.reportable[cell])
        rounds.append(
            RoundResult(
                partnership=partnership,
                round=round_label,
                suppressed=not reportable,
                n=int(round_n[cell]) if reportable else None,
                previous_round=previous_round,
                responses=_responses(cell, layout, (by_agency, by_role), hidden, invited, flags, orders)
                if reportable
                else None,
                factors=[
                    _factor_result(
                        f,
                        layout,
                        cell,
                        previous_round,
                        min_group,
                        orders,
                        crossings.get((cell, f.items.factor)),
                    )
                    for f in figures
                ],
            )
        )
    return AnalysisResult(
        schema_version=SCHEMA_VERSION,
        instrument_version=instrument_version,
        thresholds=Thresholds(
            min_group=min_group,
            band_strength_from=STRENGTH_FROM,
            band_borderline_from=BORDERLINE_FROM,
            significance=SIGNIFICANCE,
            consensus_sd_below=CONSENSUS_BELOW,
            high_disagreement_sd_above=HIGH_DISAGREEMENT_ABOVE,
            dominant_share=DOMINANT_SHARE,
        ),
        rounds=rounds,
    )
