"""The responses file handed out after a round: the template layout, under row-level disclosure control.

`release_responses` is the one way a round's stored answers leave as rows. It applies
`joinedup.analysis.row_disclosure.release_rows` with the partnership's agencies, the
groups the published analysis hides and the comment scrubber the comments page uses,
so that what a coordinator downloads keeps every promise the pages and reports keep.
Write the result with `joinedup.io.survey_export.write_template`: the file reads back
with the same importer as any template.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pandas as pd

from joinedup.analysis.result import RoundResult
from joinedup.analysis.row_disclosure import RowRelease, hidden_in_analysis, release_rows
from joinedup.instrument.model import Instrument
from joinedup.tagging.scrubbing import scrub


def release_responses(
    frame: pd.DataFrame,
    instrument: Instrument,
    *,
    min_group: int,
    agencies: Sequence[str],
    analysis: RoundResult | None,
) -> RowRelease:
    """One round's rows safe to hand out; `agencies` are all the partnership's agencies.

    `analysis` is the round's published analysis (None if none was published): every group it
    hides is merged in the rows too, so no published figure can be subtracted from the merged group.
    """
    hidden_agencies, hidden_roles = hidden_in_analysis(analysis) if analysis is not None else ((), ())
    return release_rows(
        frame,
        min_group=min_group,
        agencies=agencies,
        hidden_agencies=hidden_agencies,
        hidden_role_groups=hidden_roles,
        comment_columns=instrument.comment_columns(),
        clean_comment=partial(scrub, agencies=agencies),
    )
