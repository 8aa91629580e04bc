"""A round's comments per factor, for the comments page, the report and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from joinedup.tagging import CommentRecord, FactorComments, scrub, summarise
from joinedup.web.partnerships.models import Partnership, Round

from .arrival import tag_untagged
from .disclosure import RoundGroups, round_groups
from .models import CommentTag

QUOTES_PER_FACTOR = 3


def agency_names(partnership: Partnership) -> list[str]:
    return list(partnership.agencies.values_list("name", flat=True))


def _round_tags(a_round: Round) -> list[CommentTag]:
    return list(
        CommentTag.objects.filter(response__round=a_round)
        .select_related("response__agency")
        .order_by("response_id", "key")
    )


def comments_by_factor(a_round: Round, groups: RoundGroups | None = None) -> dict[str, FactorComments]:
    """Per factor, how many comments were about it and up to three scrubbed quotes.

    Anything not yet tagged is tagged first. Quotes come only from agencies with at least
    `a_round.min_group_size` respondents; every comment counts. Empty when the round as a
    whole has fewer respondents than the minimum, since then no figure may be shown.
    """
    tag_untagged(a_round)
    groups = groups or round_groups(a_round)
    if not groups.reportable:
        return {}
    records = [
        CommentRecord(
            text=tag.text,
            agency=tag.response.agency.name,
            group_size=groups.sizes.get(tag.response.agency.name, 0),
            factors=tag.factors,
            scores=tag.scores,
        )
        for tag in _round_tags(a_round)
    ]
    return summarise(
        records,
        min_group=a_round.min_group_size,
        per_factor=QUOTES_PER_FACTOR,
        agencies=agency_names(a_round.partnership),
    )


@dataclass(frozen=True)
class ShownComment:
    """A comment as a coordinator checks its tags: scrubbed, with no agency beside it."""

    tag: CommentTag
    text: str


def listable_tags(a_round: Round, groups: RoundGroups, factor: str | None = None) -> list[CommentTag]:
    """The round's comments that may be listed in full, optionally only those about `factor`.

    Anything not yet tagged is tagged first, so an imported comment is never missing from the list.
    """
    tag_untagged(a_round)
    if not groups.reportable:
        return []
    return [
        tag
        for tag in _round_tags(a_round)
        if tag.response.agency.name in groups.listable and (factor is None or factor in tag.factors)
    ]


def shown(tags: list[CommentTag], partnership: Partnership) -> list[ShownComment]:
    agencies = agency_names(partnership)
    return [ShownComment(tag=tag, text=scrub(tag.text, agencies=agencies)) for tag in tags]
