"""What people said about each factor, from the comment columns of one round's responses.

The web app tags each comment as it arrives and summarises a round's tags; an analyst's file
has only the texts. Both go through the same steps so the same comments give the same report:
each comment is tagged by the tagger (a comment may be about any factor, whichever box it was
typed in, though the box's factor is the likelier one, so the tagger is told the box), counted
for every factor it is about, and quoted only from an agency the round's published analysis
shows (not hidden by primary or secondary suppression), scrubbed of names. Comments are taken
response by response in file order, and within a response by factor id, the order the web app
stores them in.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from joinedup.analysis.result import RoundResult
from joinedup.analysis.row_disclosure import hidden_in_analysis
from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument.responses import COMMENT_PREFIX
from joinedup.tagging import CommentRecord, FactorComments, Tagger, summarise


def comment_summaries(
    responses: pd.DataFrame,
    *,
    tagger: Tagger,
    min_group: int,
    analysis: RoundResult,
    agencies: Collection[str] = (),
) -> dict[str, FactorComments] | None:
    """Per factor, how many comments are about it and up to three quotes.

    `responses` is one round's rows with their `agency` column; `analysis` is that round's
    published result, whose hidden agencies are never quoted (one rule for figures and quotes,
    so a quote cannot speak for a group the findings say cannot be heard separately);
    `agencies` adds names to scrub from quotes besides those of the agencies that answered.
    None when the rows have no comment column (comments were not collected); no factor at all
    when the round has fewer respondents than `min_group`, since then no figure may be shown.
    """
    columns = sorted(str(column) for column in responses.columns if str(column).startswith(COMMENT_PREFIX))
    if not columns:
        return None
    if len(responses) < min_group:
        return {}
    sizes = responses["agency"].value_counts()
    boxes = [column.removeprefix(COMMENT_PREFIX) for column in columns]
    written = [
        (str(agency), text, box if box in FACTOR_IDS else None)
        for agency, *texts in responses[["agency", *columns]].itertuples(index=False)
        for text, box in zip(texts, boxes, strict=True)
        if isinstance(text, str) and text.strip()
    ]
    tags = tagger.tag([text for _, text, _ in written], [box for _, _, box in written])
    records = [
        CommentRecord(text, agency, int(sizes[agency]), tag.factors, tag.scores)
        for (agency, text, _), tag in zip(written, tags, strict=True)
    ]
    hidden, _ = hidden_in_analysis(analysis)
    return summarise(records, min_group=min_group, agencies=agencies, hidden=hidden)
