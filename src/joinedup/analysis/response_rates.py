"""Who answered: responses per agency against invitations, and whose voice dominates or is missing.

Invitations travel apart from answers (see `joinedup.instrument.responses`), so
they arrive as their own frame and are only ever matched at agency level.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from joinedup.analysis.encoding import ResponseDataError
from joinedup.instrument.responses import INVITATION_COLUMNS

DOMINANT_SHARE = 0.5
DOMINANCE_NEEDS_AGENCIES = 3
_SOURCE = "invitations"


def invitation_matrix(
    invitations: pd.DataFrame, cells: Sequence[tuple[str, str]], agencies: Sequence[str]
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Invited counts shaped (cell, agency), NaN where unknown, and the agency list
    extended with agencies that were invited but never answered.

    Invitations for a round with no responses are ignored: there is nothing to rate.
    """
    missing = [column for column in INVITATION_COLUMNS if column not in invitations.columns]
    if missing:
        raise ResponseDataError(None, missing[0], None, "this column is missing", _SOURCE)
    for column in INVITATION_COLUMNS[:3]:
        text = invitations[column].astype("string").str.strip()
        blank = (text.isna() | (text == "")).to_numpy()
        if blank.any():
            row = int(np.flatnonzero(blank)[0])
            raise ResponseDataError(
                row + 1, column, invitations[column].iloc[row], "every row needs a value here", _SOURCE
            )
    invited = pd.to_numeric(invitations["invited"], errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan
    )
    bad = np.isnan(invited) | (invited < 0) | (invited != np.round(invited))
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise ResponseDataError(
            row + 1,
            "invited",
            invitations["invited"].iloc[row],
            "the number invited must be a whole number, 0 or more",
            _SOURCE,
        )
    keys = invitations[list(INVITATION_COLUMNS[:3])].astype(str)
    duplicated = keys.duplicated().to_numpy()
    if duplicated.any():
        row = int(np.flatnonzero(duplicated)[0])
        raise ResponseDataError(
            row + 1,
            "agency",
            keys["agency"].iloc[row],
            "this agency's invitations for the round are given twice",
            _SOURCE,
        )
    names = list(agencies)
    for name in keys["agency"]:
        if name not in names:
            names.append(name)
    cell_index = {cell: index for index, cell in enumerate(cells)}
    agency_index = {name: index for index, name in enumerate(names)}
    matrix = np.full((len(cells), len(names)), np.nan)
    for (partnership, round_label, agency), count in zip(keys.itertuples(index=False), invited, strict=True):
        cell = cell_index.get((partnership, round_label))
        if cell is not None:
            matrix[cell, agency_index[agency]] = count
    return matrix, tuple(names)


def voice_flags(
    counts: np.ndarray, listed: np.ndarray, suppressed: np.ndarray, invited: np.ndarray
) -> dict[str, np.ndarray]:
    """Flags per (cell, agency), each a boolean array.

    - `dominant`: a published agency gave half or more of the round's responses
      while the partnership has at least three agencies;
    - `missing`: hidden, so the agency cannot be heard separately in any breakdown:
      fewer than `min_group` responses (none included), or hidden with them so that
      theirs cannot be worked out. The flag does not say which, since telling the two
      apart would single out the agency under the minimum;
    - `exceeds invitations`: more responses than people invited, a sign the
      invitation figures or the agency coding need checking.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        share = counts / counts.sum(axis=-1, keepdims=True)
    many_agencies = listed.sum(axis=-1, keepdims=True) >= DOMINANCE_NEEDS_AGENCIES
    return {
        "dominant": listed & ~suppressed & (share >= DOMINANT_SHARE) & many_agencies,
        "missing": listed & suppressed,
        "exceeds invitations": listed & ~suppressed & (counts > np.nan_to_num(invited, nan=np.inf)),
    }
