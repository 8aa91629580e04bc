"""Does a version of the item bank measure its 16 factors? A confirmatory factor analysis.

The model is the one the instrument claims: each statement measures its own factor
only, factors may correlate. It is fitted by maximum likelihood (semopy, MIT
licence, the maintained structural-equation library for Python) to the covariance
matrix of the answers, with negatively worded statements turned round and "don't
know" treated as missing. Covariances use every pair of answers a respondent gave
(pairwise deletion): with 48 statements, few people answer every one, and dropping
everyone with a gap would leave too few.

The fit indices are computed here from the fitted and observed matrices, so each is
defined in one place: chi-square = (N - 1) F_ML, with N the smallest number of
respondents behind any covariance (the cautious choice); CFI and TLI against the
independence model; RMSEA with its 90% interval from the noncentral chi-square; SRMR
from the correlation residuals. Cut-offs (docs/instrument.md) follow Hu and Bentler
(1999), relaxed to the "acceptable" bounds usual for short scales.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import optimize, stats

from joinedup.instrument.model import Instrument
from joinedup.instrument.responses import DONT_KNOW, SCALE_MAX, SCALE_MIN

MIN_RESPONDENTS = 200
"""Below this a 16-factor model (about 220 free parameters) cannot be estimated stably."""
LOW_LOADING = 0.4
CFI_FROM = 0.90
TLI_FROM = 0.90
RMSEA_UP_TO = 0.08
SRMR_UP_TO = 0.08
OMEGA_FROM = 0.5
"""A factor whose statements share less than half their variance does not hold together."""
CROSS_FROM = 0.3
"""A statement is said to go with another factor only when it correlates at least this much with it:
below that, "more than its own factor" compares noise with noise."""
STYLE_GAP_FROM = 0.03
"""Mean residual correlation gap (same wording minus opposite wording) taken as a response style."""
GENERAL_FROM = 0.03
"""Mean residual correlation across factors taken as a general impression the model leaves out."""


class ValidationInputError(ValueError):
    """The responses cannot be used for the analysis (too few, missing statements)."""


@dataclass(frozen=True)
class Fit:
    n: int
    chi2: float
    df: int
    cfi: float
    tli: float
    rmsea: float
    rmsea_ci: tuple[float, float]
    srmr: float

    def problems(self) -> list[str]:
        checks = [
            (self.cfi >= CFI_FROM, f"CFI {self.cfi:.3f} is below {CFI_FROM}"),
            (self.tli >= TLI_FROM, f"TLI {self.tli:.3f} is below {TLI_FROM}"),
            (self.rmsea <= RMSEA_UP_TO, f"RMSEA {self.rmsea:.3f} is above {RMSEA_UP_TO}"),
            (self.srmr <= SRMR_UP_TO, f"SRMR {self.srmr:.3f} is above {SRMR_UP_TO}"),
        ]
        return [message for ok, message in checks if not ok]


@dataclass(frozen=True)
class ItemCheck:
    id: str
    factor: str
    loading: float
    """Standardised loading on its own factor."""
    closest_other: str
    """The other factor whose statements this one correlates with most."""
    own_r: float
    """Correlation with the mean of the other statements of its own factor."""
    other_r: float
    """Correlation with the mean of the statements of `closest_other`."""
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FactorCheck:
    id: str
    items: list[str]
    alpha: float
    alpha_ci: tuple[float, float]
    omega: float
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Validation:
    version: str
    respondents: int
    fit: Fit
    factors: list[FactorCheck]
    items: list[ItemCheck]
    problems: list[str]
    causes: list[str] = field(default_factory=list)
    """Likely reasons for a poor fit, read from the pattern of what the model leaves unexplained."""

    @property
    def broken(self) -> bool:
        return bool(self.problems)


def _scored(frame: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    missing = [item_id for item_id in instrument.item_ids() if item_id not in frame.columns]
    if missing:
        raise ValidationInputError(
            f"the responses have no column for {len(missing)} statements of version "
            f"{instrument.version}: {', '.join(missing[:8])}{' ...' if len(missing) > 8 else ''}"
        )
    answers = frame[instrument.item_ids()].apply(pd.to_numeric, errors="coerce").astype(float)
    answers = answers.where((answers >= SCALE_MIN) & (answers <= SCALE_MAX) & (answers != DONT_KNOW))
    for item in instrument.items:
        if item.reverse:
            answers[item.id] = SCALE_MIN + SCALE_MAX - answers[item.id]
    return answers


def _fit_indices(sample: np.ndarray, implied: np.ndarray, n: int, free: int) -> Fit:
    p = sample.shape[0]
    moments = p * (p + 1) // 2
    df = moments - free

    def discrepancy(model: np.ndarray) -> float:
        _, logdet_model = np.linalg.slogdet(model)
        _, logdet_sample = np.linalg.slogdet(sample)
        return float(logdet_model + np.trace(sample @ np.linalg.inv(model)) - logdet_sample - p)

    chi2 = (n - 1) * max(discrepancy(implied), 0.0)
    base_chi2 = (n - 1) * discrepancy(np.diag(np.diag(sample)))
    base_df = moments - p
    excess, base_excess = max(chi2 - df, 0.0), max(base_chi2 - base_df, 0.0)
    cfi = 1.0 - excess / max(excess, base_excess) if max(excess, base_excess) > 0 else 1.0
    tli = ((base_chi2 / base_df) - (chi2 / df)) / ((base_chi2 / base_df) - 1.0)
    rmsea = math.sqrt(excess / (df * (n - 1)))
    scale = np.sqrt(np.outer(np.diag(sample), np.diag(sample)))
    residual = (sample - implied) / scale
    srmr = float(np.sqrt(np.mean(residual[np.tril_indices(p)] ** 2)))
    return Fit(
        n=n,
        chi2=chi2,
        df=df,
        cfi=cfi,
        tli=tli,
        rmsea=rmsea,
        rmsea_ci=_rmsea_interval(chi2, df, n),
        srmr=srmr,
    )


def _rmsea_interval(chi2: float, df: int, n: int, level: float = 0.90) -> tuple[float, float]:
    """The noncentrality values that put the observed chi-square at the interval's tails."""

    def noncentrality(tail: float) -> float:
        def gap(lam: float) -> float:
            if lam <= 0:
                return float(stats.chi2.cdf(chi2, df) - tail)
            return float(stats.ncx2.cdf(chi2, df, lam) - tail)

        if gap(0.0) < 0:
            return 0.0
        upper = max(chi2, 1.0) * 4
        return float(optimize.brentq(gap, 0.0, upper))

    low = noncentrality((1 + level) / 2)
    high = noncentrality((1 - level) / 2)
    return math.sqrt(low / (df * (n - 1))), math.sqrt(high / (df * (n - 1)))


def _alpha(cov: np.ndarray, n: int) -> tuple[float, tuple[float, float]]:
    """Cronbach's alpha with Feldt's 95% interval."""
    k = cov.shape[0]
    alpha = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1 - (1 - alpha) * stats.f.ppf(0.975, df1, df2)
    high = 1 - (1 - alpha) * stats.f.ppf(0.025, df1, df2)
    return float(alpha), (float(low), float(high))


def _factor_name(factor: str) -> str:
    return "F_" + factor.replace("-", "_")


def validate_structure(frame: pd.DataFrame, instrument: Instrument) -> Validation:
    """Fit the instrument's factor model to `frame` and say where it does not hold."""
    import semopy

    answers = _scored(frame, instrument)
    answered = answers.notna().to_numpy().astype(float)
    pair_counts = answered.T @ answered
    n = int(pair_counts.min())
    if n < MIN_RESPONDENTS:
        raise ValidationInputError(
            f"{n} respondents answered every pair of statements; at least {MIN_RESPONDENTS} are needed"
        )
    sample = answers.cov()
    if not np.all(np.isfinite(sample.to_numpy())) or (np.diag(sample.to_numpy()) <= 0).any():
        raise ValidationInputError("some statements have no spread: every answer is the same")
    factors = list(dict.fromkeys(item.factor for item in instrument.items))
    # The factor covariances are written out, in the instrument's order, rather than left for
    # semopy to add: it takes them from a set of names, so their order (and with it the last
    # digits of every fitted value) would change with Python's string hashing from run to run.
    description = "\n".join(
        [
            *(
                f"{_factor_name(f)} =~ " + " + ".join(item.id for item in instrument.items_for(f))
                for f in factors
            ),
            *(f"{_factor_name(a)} ~~ {_factor_name(b)}" for a, b in combinations(factors, 2)),
        ]
    )
    model = semopy.Model(description)
    model.fit(cov=sample, n_samples=n)
    _, lamb, psi, theta = model.matrices[:4]
    observed, latent = model.names_lambda
    order = [observed.index(item_id) for item_id in instrument.item_ids()]
    implied = model.calc_sigma()[0][np.ix_(order, order)]
    s = sample.to_numpy()
    fit = _fit_indices(s, implied, n, len(model.param_vals))

    loadings = {
        observed[row]: (latent[col], lamb[row, col]) for row, col in zip(*np.nonzero(lamb), strict=True)
    }
    theta_by_item = {name: theta[i, i] for i, name in enumerate(model.names_theta[0])}
    psi_by_factor = {name: psi[i, i] for i, name in enumerate(model.names_psi[0])}

    corr = answers.corr().to_numpy()
    position = {item_id: i for i, item_id in enumerate(instrument.item_ids())}
    members = {f: [position[item.id] for item in instrument.items_for(f)] for f in factors}

    def scale_r(index: int, others: list[int]) -> float:
        """Correlation of one statement with the unit-weighted sum of `others` (from correlations)."""
        block = corr[np.ix_(others, others)]
        return float(corr[index, others].sum() / math.sqrt(block.sum()))

    item_checks: list[ItemCheck] = []
    for item in instrument.items:
        _, raw = loadings[item.id]
        variance = psi_by_factor[_factor_name(item.factor)]
        spread = math.sqrt(raw**2 * variance + theta_by_item[item.id])
        standardised = float(raw * math.sqrt(variance) / spread)
        index = position[item.id]
        own = scale_r(index, [i for i in members[item.factor] if i != index])
        others = {f: scale_r(index, members[f]) for f in factors if f != item.factor}
        closest = max(others, key=others.__getitem__)
        flags = []
        if standardised < LOW_LOADING:
            flags.append(f"low loading ({standardised:.2f} < {LOW_LOADING})")
        if others[closest] > own and others[closest] >= CROSS_FROM:
            flags.append(
                f"cross-loading: goes with {closest} ({others[closest]:.2f}) "
                f"more than its own factor ({own:.2f})"
            )
        item_checks.append(
            ItemCheck(
                id=item.id,
                factor=item.factor,
                loading=standardised,
                closest_other=closest,
                own_r=own,
                other_r=others[closest],
                flags=flags,
            )
        )

    factor_checks: list[FactorCheck] = []
    for f in factors:
        ids = [item.id for item in instrument.items_for(f)]
        alpha, alpha_ci = _alpha(s[np.ix_(members[f], members[f])], n)
        raw = np.array([loadings[i][1] for i in ids])
        variance = psi_by_factor[_factor_name(f)]
        common = raw.sum() ** 2 * variance
        omega = float(common / (common + sum(theta_by_item[i] for i in ids)))
        flagged = [check.id for check in item_checks if check.factor == f and check.flags]
        flags = []
        if len(flagged) * 2 > len(ids):
            flags.append(f"most statements flagged ({', '.join(flagged)})")
        if omega < OMEGA_FROM:
            flags.append(f"omega {omega:.2f} is below {OMEGA_FROM}: the statements do not measure one thing")
        factor_checks.append(
            FactorCheck(id=f, items=ids, alpha=alpha, alpha_ci=alpha_ci, omega=omega, flags=flags)
        )

    problems = [f"model fit: {message}" for message in fit.problems()]
    problems += [f"factor {check.id}: {'; '.join(check.flags)}" for check in factor_checks if check.flags]
    problems += [
        f"statement {check.id} ({check.factor}): {'; '.join(check.flags)}"
        for check in item_checks
        if any(flag.startswith("cross-loading") for flag in check.flags)
    ]
    return Validation(
        version=instrument.version,
        respondents=len(answers),
        fit=fit,
        factors=factor_checks,
        items=item_checks,
        problems=problems,
        causes=_likely_causes(s, implied, instrument) if fit.problems() else [],
    )


def _likely_causes(sample: np.ndarray, implied: np.ndarray, instrument: Instrument) -> list[str]:
    """Name the misfit patterns an analyst can act on, so "broken" comes with a reason.

    Two answering habits lower the fit without meaning the statements measure the wrong
    factors, and each leaves its own trace in the correlation residuals (observed minus
    model-implied): agreeing whatever the wording (acquiescence) makes statements worded
    the same way correlate more than the model explains and oppositely worded ones less;
    a general impression (halo) makes statements of different factors correlate more than
    the factor correlations allow.
    """
    observed_sd = np.sqrt(np.diag(sample))
    implied_sd = np.sqrt(np.diag(implied))
    residual = sample / np.outer(observed_sd, observed_sd) - implied / np.outer(implied_sd, implied_sd)
    reverse = np.array([item.reverse for item in instrument.items])
    factor = np.array([item.factor for item in instrument.items])
    upper = np.triu(np.ones_like(residual, dtype=bool), k=1)
    same_wording = upper & (reverse[:, None] == reverse[None, :])
    opposite_wording = upper & (reverse[:, None] != reverse[None, :])
    causes = []
    if same_wording.any() and opposite_wording.any():
        gap = float(residual[same_wording].mean() - residual[opposite_wording].mean())
        if gap >= STYLE_GAP_FROM:
            causes.append(
                f"agreeing whatever the wording: statements worded the same way correlate more than the "
                f"model explains and negatively worded ones less (gap {gap:.2f}); this response style lowers "
                "the fit without showing that the statements measure the wrong factors"
            )
    across = upper & (factor[:, None] != factor[None, :])
    general = float(residual[across].mean())
    if general >= GENERAL_FROM:
        causes.append(
            f"a general impression: statements of different factors correlate more than the factors' "
            f"correlations explain (mean residual {general:.2f}); respondents rate everything alike"
        )
    return causes
