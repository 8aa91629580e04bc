"""Tagging survey comments as they arrive.

A response sent from the survey is tagged once its transaction commits (a `post_save`
signal). Imported responses are stored with `bulk_create`, which sends no signal, so
`tag_untagged` catches them up: the round's comments page, `comments_by_factor` and the
`tag_comments` management command all call it before counting anything.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef

from joinedup.tagging import Tagger
from joinedup.web.partnerships.models import Response, Round

from .models import CommentTag
from .taggers import BATCH_SIZE, comment_box, tag_in_batches, tagger_for

logger = logging.getLogger(__name__)


def _untagged_comments(responses: Iterable[Response]) -> list[CommentTag]:
    """One unsaved tag per non-blank comment; blank answers to a comment box are no comment."""
    return [
        CommentTag(response=response, key=key)
        for response in responses
        for key, text in sorted(response.comments.items())
        if str(text or "").strip()
    ]


def tag_responses(responses: Iterable[Response], tagger: Tagger) -> int:
    """Tag and store every comment of these responses; a comment tagged meanwhile is left alone.

    Each comment is tagged knowing the box it was typed in (its key), which raises that factor's prior.
    """
    tags = _untagged_comments(responses)
    for tag, result in tag_in_batches(tagger, tags, lambda tag: tag.text, comment_box):
        tag.factors, tag.scores = result.factors, result.scores
    CommentTag.objects.bulk_create(tags, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return len(tags)


def tag_untagged(a_round: Round) -> int:
    """Tag the round's comments that have no tag yet (imported ones, say); returns how many."""
    tagged = CommentTag.objects.filter(response=OuterRef("pk"))
    untagged = list(
        a_round.responses.exclude(Exists(tagged)).exclude(comments={}).only("pk", "round", "comments")
    )
    if not untagged:
        return 0
    return tag_responses(untagged, tagger_for(a_round.partnership))


def _tag_after_commit(response_id: int) -> None:
    """Tag a newly sent response; a failure is logged, never shown to the respondent.

    The answers are already stored by then, and any comment left untagged is tagged by
    `tag_untagged` the next time the round's comments are looked at.
    """
    response = Response.objects.filter(pk=response_id).select_related("round__partnership").first()
    if response is None:
        return
    try:
        tag_responses([response], tagger_for(response.round.partnership))
    except Exception:
        logger.exception(
            "Comments of response %s were not tagged; the comments page will tag them", response_id
        )


def tag_on_arrival(
    sender: type[Response], instance: Response, created: bool, raw: bool = False, **_: Any
) -> None:
    """Connected to `post_save` of `Response`: queue a new response's comments for tagging."""
    if created and not raw and any(str(text or "").strip() for text in instance.comments.values()):
        response_id = instance.pk
        transaction.on_commit(lambda: _tag_after_commit(response_id))
