"""Row-level disclosure control: one round's responses made safe to hand out as rows.

A row-level file is read beside the published analysis, so it must keep every promise
the figures keep and one more: no combination of labels in it may single out fewer
than `min_group` people. The rules, applied in this order to one round:

1. Nothing at all when the round has fewer than `min_group` responses.
2. Agencies. Every agency the partnership lists (even one with no response, so a
   zero is no clue) is counted; `suppress_small_groups` hides the small ones and, by
   secondary suppression, the next smallest until the hidden set holds at least two
   agencies and `min_group` responses. Every agency the analysis hides anywhere for
   this round (its responses or any factor) is hidden too, so that no published
   figure can be subtracted from the merged rows to isolate a small agency. Hidden
   agencies are relabelled `OTHER` and appear as one group. That group always holds
   at least `min_group` rows: it is either the whole round (which has at least
   `min_group`) or a hidden set that secondary suppression made large enough.
3. Role groups, the same way over the role groups present (and those listed).
4. Agency x role group. A combination with 1 to `min_group - 1` rows would single
   out a small group even when each label alone is safe, so those rows keep their
   agency and lose their role group (relabelled `OTHER`). Two fix-ups keep that from
   being undone by difference:
   - within an agency, the rows whose role was hidden form a combination of their
     own (agency, `OTHER`); while it is under `min_group` the agency's smallest
     remaining role group is hidden too;
   - the analysis publishes each visible role group's count and mean, so the rows of
     a role group whose role was hidden are a group of their own: while they number
     1 to `min_group - 1`, that role group's smallest remaining combination is hidden
     too.
   Each step only hides more, so the loop ends; every (agency, role group) label pair
   in the result then has `min_group` rows or more.
5. Comments are kept only on rows whose agency is shown, as the comments page lists
   only those agencies, and are passed through `clean_comment` (the scrubber).
6. Rows come out in a cryptographically random order, so position says nothing about
   who answered first; the frame carries no date or key, only the round.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from joinedup.analysis.disclosure import check_min_group, suppress_small_groups
from joinedup.analysis.result import GroupFigure, RoundResult, Suppressed
from joinedup.analysis.rounds import natural_key

OTHER = "other (suppressed)"
"""The one label every hidden agency or role group is given in a row-level file."""


@dataclass(frozen=True)
class RowRelease:
    """The rows safe to hand out, and what was done to them (for the page that explains it)."""

    frame: pd.DataFrame
    merged_agencies: tuple[str, ...]
    merged_role_groups: tuple[str, ...]
    roles_hidden_in_combination: int
    withheld: bool


def hidden_in_analysis(result: RoundResult) -> tuple[frozenset[str], frozenset[str]]:
    """Agencies and role groups the analysis hides anywhere in the round: responses or any factor."""
    agencies: set[str] = set()
    roles: set[str] = set()
    if result.responses is not None:
        agencies |= {name for name, answered in result.responses.by_agency.items() if answered.suppressed}
        roles |= {
            name for name, count in result.responses.by_role_group.items() if isinstance(count, Suppressed)
        }
    for factor in result.factors:
        agencies |= {
            name
            for name, figure in factor.groups.get("agency", {}).items()
            if not isinstance(figure, GroupFigure)
        }
        roles |= {
            name
            for name, figure in factor.groups.get("role_group", {}).items()
            if not isinstance(figure, GroupFigure)
        }
    return frozenset(agencies), frozenset(roles)


def release_rows(
    frame: pd.DataFrame,
    *,
    min_group: int,
    agencies: Iterable[str] = (),
    role_groups: Iterable[str] = (),
    hidden_agencies: Collection[str] = (),
    hidden_role_groups: Collection[str] = (),
    comment_columns: Iterable[str] = (),
    clean_comment: Callable[[str], str] = str,
    rng: random.Random | None = None,
) -> RowRelease:
    """One round's responses under the rules in the module docstring.

    `agencies` and `role_groups` list groups that may have no row here; `hidden_*` are
    the groups the published analysis hides (see `hidden_in_analysis`). `rng` exists
    for tests; by default the order comes from the operating system's secure source.
    """
    min_group = check_min_group(min_group)
    rounds = frame[["partnership", "round"]].drop_duplicates()
    if len(rounds) > 1:
        raise ValueError("a row-level release covers one round of one partnership at a time")
    rows = frame.reset_index(drop=True)
    if len(rows) < min_group:
        return RowRelease(rows.iloc[0:0].copy(), (), (), 0, withheld=bool(len(rows)))
    agency = rows["agency"].astype(str).to_numpy(dtype=object)
    role = rows["role_group"].astype(str).to_numpy(dtype=object)
    merged_agencies = _hidden_groups(agency, agencies, hidden_agencies, min_group)
    merged_roles = _hidden_groups(role, role_groups, hidden_role_groups, min_group)
    agency_label = np.where(np.isin(agency, list(merged_agencies)), OTHER, agency)
    by_merging = np.isin(role, list(merged_roles))
    role_hidden = _hide_small_combinations(agency_label, role, by_merging, merged_roles, min_group)

    released = rows.copy()
    released["agency"] = agency_label
    released["role_group"] = np.where(role_hidden, OTHER, role)
    shown_agency = agency_label != OTHER
    for column in comment_columns:
        if column in released.columns:
            released[column] = [
                clean_comment(text) if shown and isinstance(text, str) and text.strip() else None
                for text, shown in zip(released[column], shown_agency, strict=True)
            ]
    order = list(range(len(released)))
    (rng or secrets.SystemRandom()).shuffle(order)
    return RowRelease(
        frame=released.iloc[order].reset_index(drop=True),
        merged_agencies=tuple(sorted(merged_agencies & set(agency), key=natural_key)),
        merged_role_groups=tuple(sorted(merged_roles & set(role), key=natural_key)),
        roles_hidden_in_combination=int((role_hidden & ~by_merging).sum()),
        withheld=False,
    )


def _hidden_groups(
    values: np.ndarray, listed: Iterable[str], also_hidden: Collection[str], min_group: int
) -> frozenset[str]:
    """Primary and secondary suppression over every listed or present group, plus `also_hidden`.

    Groups are taken in natural order, as the analysis takes them, so ties go the same way.
    """
    counts = Counter(values.tolist())
    names = sorted({*listed, *counts}, key=natural_key)
    hidden = suppress_small_groups(
        np.array([counts.get(name, 0) for name in names], dtype=np.int64),
        np.ones(len(names), dtype=bool),
        min_group,
    )
    return frozenset(name for name, is_hidden in zip(names, hidden.tolist(), strict=True) if is_hidden) | set(
        also_hidden
    )


def _hide_small_combinations(
    agency: np.ndarray, role: np.ndarray, hidden: np.ndarray, merged_roles: Collection[str], min_group: int
) -> np.ndarray:
    """Which rows lose their role group so no (agency, role group) pair has 1 to min_group - 1 rows."""
    hidden = hidden.copy()
    pairs = list(zip(agency.tolist(), role.tolist(), strict=True))
    while True:
        shown = Counter(pair for pair, is_hidden in zip(pairs, hidden, strict=True) if not is_hidden)
        to_hide = {pair for pair, count in shown.items() if count < min_group}
        if not to_hide:
            to_hide = _fix_ups(pairs, hidden, shown, merged_roles, min_group)
        if not to_hide:
            return hidden
        hidden |= np.array([pair in to_hide for pair in pairs], dtype=bool)


def _fix_ups(
    pairs: list[tuple[str, str]],
    hidden: np.ndarray,
    shown: Counter[tuple[str, str]],
    merged_roles: Collection[str],
    min_group: int,
) -> set[tuple[str, str]]:
    """The smallest shown combination to hide for each agency or role group whose hidden rows are too few."""
    hidden_pairs = [pair for pair, is_hidden in zip(pairs, hidden, strict=True) if is_hidden]
    per_agency = Counter(agency for agency, _ in hidden_pairs)
    per_role = Counter(role for _, role in hidden_pairs if role not in merged_roles)

    def smallest(candidates: list[tuple[str, str]]) -> tuple[str, str]:
        return min(candidates, key=lambda pair: (shown[pair], natural_key(pair[0]), natural_key(pair[1])))

    chosen: set[tuple[str, str]] = set()
    for name, count in per_agency.items():
        candidates = [pair for pair in shown if pair[0] == name]
        if count < min_group and candidates:
            chosen.add(smallest(candidates))
    for name, count in per_role.items():
        candidates = [pair for pair in shown if pair[1] == name]
        if count < min_group and candidates:
            chosen.add(smallest(candidates))
    return chosen
