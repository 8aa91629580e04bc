"""What people said about each factor, from the comment columns of one round's responses.

The web app tags each comment as it arrives and summarises a round's tags; an analyst's file
has only the texts. Both go through the same steps so the same comments give the same report:
each comment is tagged by the tagger (a comment may be about any factor, whichever box it was
typed in, though the box's factor is the likelier one, so the tagger is told the box), counted
for every factor it is about, and quoted only from an agency with at least
the minimum group of respondents, scrubbed of names. Comments are taken response by response
in file order, and within a response by factor id, the order the web app stores them in.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument.responses import COMMENT_PREFIX
from joinedup.tagging import CommentRecord, FactorComments, Tagger, summarise


def comment_summaries(
    responses: pd.DataFrame, *, tagger: Tagger, min_group: int, agencies: Collection[str] = ()
) -> dict[str, FactorComments] | None:
    """Per factor, how many comments are about it and up to three quotes.

    `responses` is one round's rows with their `agency` column; `agencies` adds names to scrub
    from quotes besides those of the agencies that answered. None when the rows have no
    comment column (comments were not collected); no factor at all when the round has fewer
    respondents than `min_group`, since then no figure may be shown.
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
    return summarise(records, min_group=min_group, agencies=agencies)
