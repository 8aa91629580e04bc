"""Findings from one round of the survey analysis: bands, disagreement, "don't know", reliability,
change since the last round and whose voice is missing or dominant.

Only figures the analysis published are read, so a finding never describes a group too small
to show. An agency hidden by primary or secondary suppression (in the round's responses or in the
factor's breakdown) is never named beside a figure, a comparison or a count of agencies, and the
agencies that cannot be heard separately are named together, without counts, so the one under the
minimum is not singled out from the ones hidden with it. The agencies of the partnership with no
answer at all are named with them, so being named does not tell that anyone from an agency answered.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from joinedup.analysis.result import FactorResult, GroupFigure, RoundResult, Trend
from joinedup.analysis.rounds import natural_key
from joinedup.checks.finding import Severity
from joinedup.findings.finding import Finding, GroupNumbers
from joinedup.findings.labels import CONCERN_BELOW, STRENGTH_FROM, factor_label, interval, interval_words
from joinedup.instrument.responses import MIN_GROUP_SIZE

LARGE_EFFECT = 0.26
MEDIUM_EFFECT = 0.08
DONT_KNOW_MEDIUM = 0.30
DONT_KNOW_LOW = 0.15
LOW_ALPHA = 0.6
LOW_RESPONSE_RATE = 0.3
MIN_DIVERGENCE_GROUP = 10
"""Smallest agency named in a divergence finding. With a standard deviation of about 0.8 on the
1-5 scale, the 95% interval of a gap between two groups of n is about 1.96 x 0.8 x sqrt(2 / n)
either side: almost a whole point at n = 5, 0.7 at n = 10. Below 10 a gap of a point could not be
told from none (see `docs/findings.md`)."""
NO_FACTOR = ""
"""Findings about who answered are about the data, not about any factor: a low response rate is
non-response, which has many causes (timing, workload, how the link was sent), and is not read as
a lack of commitment."""

_BAND_RANK: dict[str | None, int] = {"concern": 0, "borderline": 1, "strength": 2}


def _figures(factor: FactorResult) -> str:
    assert factor.mean is not None
    interval = f" (95% CI {factor.ci[0]:.2f} to {factor.ci[1]:.2f})" if factor.ci else ""
    return f"mean {factor.mean:.2f}{interval} from {factor.n} respondents"


def _numbers(factor: FactorResult) -> dict[str, Any]:
    bounds = interval(factor)
    return {
        "mean": factor.mean,
        "ci_low": bounds[0] if bounds else None,
        "ci_high": bounds[1] if bounds else None,
        "n": factor.n,
    }


def _band(factor: FactorResult, name: str) -> Finding | None:
    """One finding per shown factor, labelled by its whole interval (see `joinedup.findings.labels`)."""
    label = factor_label(factor)
    if label is None or factor.mean is None:
        return None
    figures = (_figures(factor),)
    key = f"band:{factor.id}"
    words = interval_words(factor)
    numbers = _numbers(factor)
    if label == "strength":
        return Finding(
            key,
            factor.id,
            Severity.INFO,
            "strength",
            f"{name} is a strength: partners agree it is in place (score {words}).",
            figures,
            factor.mean,
            label=label,
            **numbers,
        )
    if label == "concern":
        return Finding(
            key,
            factor.id,
            Severity.HIGH,
            "concern",
            f"{name} is a concern: partners say it is lacking (score {words}).",
            figures,
            STRENGTH_FROM - factor.mean,
            label=label,
            **numbers,
        )
    if label == "borderline":
        return Finding(
            key,
            factor.id,
            Severity.LOW,
            "concern",
            f"{name} is borderline, neither a concern nor a strength (score {words}): worth discussing"
            " before it slips.",
            figures,
            STRENGTH_FROM - factor.mean,
            label=label,
            **numbers,
        )
    bounds = interval(factor)
    could_be_concern = bounds is None or bounds[0] < CONCERN_BELOW
    return Finding(
        key,
        factor.id,
        Severity.LOW if could_be_concern else Severity.INFO,
        "unclear",
        f"{name} is unclear: its score is {words}.",
        figures,
        STRENGTH_FROM - factor.mean,
        label=label,
        **numbers,
    )


def _shown_agencies(factor: FactorResult, result: RoundResult) -> set[str]:
    """Agencies with a published figure for the factor and a published response count."""
    shown = {
        name for name, figure in factor.groups.get("agency", {}).items() if isinstance(figure, GroupFigure)
    }
    if result.responses is not None:
        shown -= {agency for agency, answered in result.responses.by_agency.items() if answered.suppressed}
    return shown


def _shown_figures(factor: FactorResult, shown: set[str]) -> dict[str, GroupFigure]:
    return {
        name: figure
        for name, figure in factor.groups.get("agency", {}).items()
        if name in shown and isinstance(figure, GroupFigure)
    }


def _divergence(factor: FactorResult, name: str, shown: set[str]) -> Finding | None:
    """A comparison is reported only if every agency it took in is shown: a test across a hidden
    agency would name it, or let its count and direction be read from the published ones. Only
    pairs of agencies with at least `MIN_DIVERGENCE_GROUP` respondents each are named (the
    precision argument is in `docs/findings.md`); the widest such pair is stated with both means."""
    divergence = factor.divergence
    if divergence is None:
        return None
    compared_only_shown = set(divergence.groups) <= shown
    figures = _shown_figures(factor, shown)
    large = [
        pair
        for pair in divergence.pairs
        if all(group in figures and figures[group].n >= MIN_DIVERGENCE_GROUP for group in pair.groups)
    ]
    if compared_only_shown and large and divergence.effect is not None and divergence.p is not None:
        effect = divergence.effect
        severity = (
            Severity.HIGH
            if effect >= LARGE_EFFECT
            else Severity.MEDIUM
            if effect >= MEDIUM_EFFECT
            else Severity.LOW
        )
        widest = max(large, key=lambda pair: abs(figures[pair.groups[0]].mean - figures[pair.groups[1]].mean))
        higher = figures[widest.higher]
        lower_name = widest.groups[1] if widest.higher == widest.groups[0] else widest.groups[0]
        lower = figures[lower_name]
        gap = higher.mean - lower.mean
        pairs = [
            f"{pair.higher} higher than {next(g for g in pair.groups if g != pair.higher)} "
            f"({p_text(pair.p_adjusted)})"
            for pair in large
        ]
        return Finding(
            f"divergence:{factor.id}",
            factor.id,
            severity,
            "divergence",
            f"Agencies see {name.lower()} differently: {lower_name} rate it {lower.mean:.1f}, "
            f"{widest.higher} {higher.mean:.1f}: a gap of {gap:.1f} points.",
            (
                f"Kruskal-Wallis across {len(divergence.groups)} agencies: {p_text(divergence.p)}, "
                f"effect (epsilon squared) {effect:.2f}",
                "Pairs that differ (Dunn, Holm-adjusted), each agency with at least "
                f"{MIN_DIVERGENCE_GROUP} respondents: " + "; ".join(pairs),
            ),
            effect,
            label="divergence",
            groups=(
                GroupNumbers(lower_name, lower.mean, lower.n),
                GroupNumbers(widest.higher, higher.mean, higher.n),
            ),
            n=lower.n + higher.n,
        )
    consensus = divergence.consensus
    if consensus is not None and consensus.level == "high disagreement":
        return Finding(
            f"spread:{factor.id}",
            factor.id,
            Severity.LOW,
            "divergence",
            f"People disagree about {name.lower()}, though not along agency lines.",
            (f"standard deviation of respondents' scores {consensus.sd:.2f}",),
            consensus.sd,
            label="spread",
            n=factor.n,
        )
    return None


def _dont_know(factor: FactorResult, name: str) -> Finding | None:
    rate = factor.dont_know_rate
    if rate is None or rate < DONT_KNOW_LOW:
        return None
    return Finding(
        f"dont-know:{factor.id}",
        factor.id,
        Severity.MEDIUM if rate >= DONT_KNOW_MEDIUM else Severity.LOW,
        "uncertainty",
        f"Many people do not know how well {name.lower()} works: it may be invisible to them. This says"
        " nothing about whether it is lacking; telling partners what is done and by whom would let"
        " them judge it.",
        (f'{rate:.0%} of answers on this factor were "don\'t know"',),
        rate,
        label="don't know",
        n=factor.n,
    )


def _reliability(factor: FactorResult, name: str) -> Finding | None:
    """Raised only when alpha's whole Feldt 95% interval lies below `LOW_ALPHA`, the same rule the
    labels follow: alpha from 10 to 15 answers has an interval too wide to say the statements do
    not hang together, so a low alpha alone is no finding."""
    if factor.alpha is None or factor.alpha_ci is None or factor.alpha_ci[1] >= LOW_ALPHA:
        return None
    low, high = factor.alpha_ci
    lowering = [item.id for item in factor.items if item.lowers_alpha]
    figures = [
        f"Cronbach's alpha {factor.alpha:.2f} (95% CI {low:.2f} to {high:.2f}) from {factor.alpha_n}"
        " complete answers"
    ]
    if lowering:
        figures.append("alpha would rise without " + ", ".join(lowering))
    return Finding(
        f"reliability:{factor.id}",
        factor.id,
        Severity.LOW,
        "reliability",
        f"The statements on {name.lower()} do not hang together: alpha is between {low:.2f} and"
        f" {high:.2f}, all of it below {LOW_ALPHA}, so read its score with care.",
        tuple(figures),
        LOW_ALPHA - factor.alpha,
        n=factor.alpha_n,
    )


def _change_words(factor: FactorResult, trend: Trend) -> str:
    """Both rounds' means and the change, e.g. "from 3.60 to 3.10, a fall of 0.50", so a reader sees
    how large a significant change is. When the instrument changed, the change rests only on the
    statements asked in both rounds, so the means (which take in different statements) are not
    set beside it."""
    size = f"{'a rise' if trend.change > 0 else 'a fall'} of {abs(trend.change):.2f}"
    if trend.comparable_items is not None or factor.mean is None:
        asked = (
            f" on the {trend.comparable_items} statements asked in both rounds"
            if trend.comparable_items
            else ""
        )
        return size + asked
    return f"from {factor.mean - trend.change:.2f} to {factor.mean:.2f}, {size}"


def p_text(p: float) -> str:
    """A p-value as printed: to three places, but "p < 0.001" below that, since "p = 0.000"
    reads as an impossible certainty."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def _trend(factor: FactorResult, name: str, previous: RoundResult | None) -> Finding | None:
    trend = factor.trend
    if trend is None or trend.direction == "no clear change":
        return None
    change = _change_words(factor, trend)
    p = f", {p_text(trend.p)}" if trend.p is not None else ""
    figures = (f"change {trend.change:+.2f} since {trend.previous_round}{p}",)
    if trend.direction == "improved":
        return Finding(
            f"improved:{factor.id}",
            factor.id,
            Severity.INFO,
            "strength",
            f"{name} has improved since {trend.previous_round}: {change}.",
            figures,
            trend.change,
            label="improved",
            **_numbers(factor),
        )
    before = None
    if previous is not None:
        earlier = next((f for f in previous.factors if f.id == factor.id), None)
        before = factor_label(earlier) if earlier is not None else None
    now = factor_label(factor)
    # Only settled labels are compared: a fall from or to "unclear" is not a fall across a band.
    dropped_band = before in _BAND_RANK and now in _BAND_RANK and _BAND_RANK[now] < _BAND_RANK[before]
    return Finding(
        f"decline:{factor.id}",
        factor.id,
        Severity.HIGH if dropped_band else Severity.MEDIUM,
        "decline",
        f"{name} has declined since {trend.previous_round}: {change}"
        + (f"; its label fell from {before} to {now}." if dropped_band else "."),
        figures,
        -trend.change,
        label="decline",
        **_numbers(factor),
    )


def _unheard(agencies: list[str], min_group: int) -> Finding:
    """One finding for every hidden agency, so none of them is singled out as the small one."""
    named = agencies[0] if len(agencies) == 1 else ", ".join(agencies[:-1]) + " and " + agencies[-1]
    return Finding(
        "voice:missing",
        NO_FACTOR,
        Severity.MEDIUM,
        "voice",
        f"{named} cannot be heard separately: too few answered (none, or fewer than {min_group}), so"
        " any answers they gave count only in the partnership's totals.",
        (
            f"no group of fewer than {min_group} responses is shown, nor a group that would let one "
            "be worked out",
        ),
        1.0,
        label="non-response",
    )


def _voices(result: RoundResult, min_group: int, agencies: Collection[str]) -> list[Finding]:
    if result.responses is None:
        return []
    hidden_or_silent = {
        agency
        for agency, answered in result.responses.by_agency.items()
        if answered.suppressed or "missing" in answered.flags
    } | (set(agencies) - set(result.responses.by_agency))
    hidden = sorted(hidden_or_silent, key=natural_key)
    findings: list[Finding] = [_unheard(hidden, min_group)] if hidden else []
    for agency, answered in result.responses.by_agency.items():
        if agency in hidden:
            continue
        if "dominant" in answered.flags and answered.n is not None and result.n:
            share = answered.n / result.n
            findings.append(
                Finding(
                    f"voice:dominant:{agency}",
                    NO_FACTOR,
                    Severity.MEDIUM,
                    "voice",
                    f"{agency} gave most of the answers, so the partnership's scores lean towards its view.",
                    (f"{answered.n} of {result.n} responses ({share:.0%})",),
                    share,
                    label="over-represented",
                    n=answered.n,
                )
            )
        if "exceeds invitations" in answered.flags:
            findings.append(
                Finding(
                    f"voice:invitations:{agency}",
                    NO_FACTOR,
                    Severity.LOW,
                    "voice",
                    f"More people answered for {agency} than were invited: check the invitations"
                    " or the agency coding.",
                    (f"{answered.n} responses against {answered.invited} invited",),
                    0.0,
                    label="check invitations",
                    n=answered.n,
                )
            )
        elif answered.rate is not None and answered.rate < LOW_RESPONSE_RATE:
            findings.append(
                Finding(
                    f"voice:low-rate:{agency}",
                    NO_FACTOR,
                    Severity.LOW,
                    "voice",
                    f"Few of those invited from {agency} answered (non-response): its staff's views may"
                    " be under-represented. Non-response has many causes and is not a measure of"
                    " commitment.",
                    (f"response rate {answered.rate:.0%} ({answered.n} of {answered.invited})",),
                    LOW_RESPONSE_RATE - answered.rate,
                    label="non-response",
                    n=answered.n,
                )
            )
    return findings


def survey_findings(
    result: RoundResult,
    names: Mapping[str, str],
    *,
    previous: RoundResult | None = None,
    min_group: int = MIN_GROUP_SIZE,
    agencies: Collection[str] = (),
) -> list[Finding]:
    """Every survey finding for one round, unranked; `names` maps factor ids to display names.

    `agencies` is every agency of the partnership: those the analysis does not list (no answer)
    are named with the hidden ones, so a hidden agency is not known to have answered.
    """
    findings: list[Finding] = []
    for factor in result.factors:
        if factor.suppressed:
            continue
        name = names.get(factor.id, factor.id)
        for found in (
            _band(factor, name),
            _divergence(factor, name, _shown_agencies(factor, result)),
            _dont_know(factor, name),
            _reliability(factor, name),
            _trend(factor, name, previous),
        ):
            if found is not None:
                findings.append(found)
    return findings + _voices(result, min_group, agencies)
