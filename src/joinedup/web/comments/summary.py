"""A round's comments per factor, for the comments page, the report and the dashboard."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from joinedup.tagging import CommentRecord, FactorComments, is_unsure, scrub, summarise
from joinedup.web.partnerships.models import Partnership, Round

from .arrival import tag_untagged
from .disclosure import RoundGroups, round_groups
from .models import CommentTag

QUOTES_PER_FACTOR = 3


@dataclass(frozen=True)
class RoundComment:
    """One tagged comment of a round, read as plain values: rounds can hold tens of thousands."""

    tag_id: int
    text: str
    agency: str
    factors: list[str]
    scores: dict[str, float]
    corrected: bool


def unsure(comment: RoundComment) -> bool:
    """Whether the tagger was unsure of this comment's tags; a coordinator's correction settles it."""
    return not comment.corrected and is_unsure(comment.scores)


def agency_names(partnership: Partnership) -> list[str]:
    return list(partnership.agencies.values_list("name", flat=True))


def round_comments(a_round: Round) -> list[RoundComment]:
    """Every tagged comment of the round, tagging anything untagged first; answers are never read."""
    tag_untagged(a_round)
    rows = (
        CommentTag.objects.filter(response__round=a_round)
        .order_by("response_id", "key")
        .values_list(
            "pk", "key", "response__comments", "response__agency__name", "factors", "scores", "corrected"
        )
    )
    return [
        RoundComment(
            tag_id=tag_id,
            text=str(comments.get(key) or ""),
            agency=agency,
            factors=factors,
            scores=scores,
            corrected=corrected,
        )
        for tag_id, key, comments, agency, factors, scores, corrected in rows
    ]


def comments_by_factor(a_round: Round, groups: RoundGroups | None = None) -> dict[str, FactorComments]:
    """Per factor, how many comments were about it and up to three scrubbed quotes.

    Anything not yet tagged is tagged first. Quotes come only from the agencies the round's
    published analysis shows (`groups.listable`); every comment counts. Empty while the round
    is open, and when it has fewer respondents than the minimum, since then no figure may be shown.
    """
    groups = groups or round_groups(a_round)
    comments = round_comments(a_round)
    if not groups.reportable:
        return {}
    records = [
        CommentRecord(
            text=comment.text,
            agency=comment.agency,
            group_size=groups.sizes.get(comment.agency, 0),
            factors=comment.factors,
            scores=comment.scores,
        )
        for comment in comments
    ]
    return summarise(
        records,
        min_group=a_round.min_group_size,
        per_factor=QUOTES_PER_FACTOR,
        agencies=agency_names(a_round.partnership),
        hidden={comment.agency for comment in comments} - groups.listable,
    )


def listable_comments(a_round: Round, groups: RoundGroups, factor: str | None = None) -> list[RoundComment]:
    """The round's comments that may be listed in full, optionally only those about `factor`."""
    comments = round_comments(a_round)
    if not groups.reportable:
        return []
    return [
        comment
        for comment in comments
        if comment.agency in groups.listable and (factor is None or factor in comment.factors)
    ]


def scrubbed(comments: Iterable[RoundComment], partnership: Partnership) -> list[RoundComment]:
    """The comments ready to show: scrubbed, and with no agency left to put beside them."""
    agencies = agency_names(partnership)
    return [replace(comment, text=scrub(comment.text, agencies=agencies), agency="") for comment in comments]
