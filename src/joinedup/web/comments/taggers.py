"""Which tagger a partnership's texts go through, and retraining it from that partnership's corrections.

A partnership's model is the shipped tagger plus its own corrections and nothing else, so
one partnership's corrections can never change how another's comments are tagged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from django.db import transaction
from django.utils import timezone

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging import (
    Correction,
    Tagger,
    TagResult,
    deserialise_model,
    load_tagger,
    retrain,
    serialise_model,
)
from joinedup.web.partnerships.models import Partnership

from .models import CommentTag, Lesson, PartnershipTagger, TagCorrection

BATCH_SIZE = 500
"""Texts tagged and rows written at a time, so a national round never sits in memory at once."""

Row = TypeVar("Row")


class NothingToLearnError(ValueError):
    """Retraining was asked for before the partnership had made any correction."""

    @staticmethod
    def about(partnership: Partnership) -> str:
        return f"{partnership.name} has no corrections to learn from yet"


def tagger_for(partnership: Partnership) -> Tagger:
    """The partnership's own model once it has retrained, the shipped one until then."""
    stored = PartnershipTagger.objects.filter(partnership=partnership).first()
    if stored is None:
        return load_tagger()
    return deserialise_model(stored.model, source=f"the tagger of partnership {partnership.slug!r}")


def corrections_of(partnership: Partnership) -> list[Correction]:
    """This partnership's corrections, oldest first, so a later verdict on the same text wins."""
    return [
        Correction(text=text, factors=list(factors))
        for text, factors in TagCorrection.objects.filter(partnership=partnership)
        .order_by("made_on", "pk")
        .values_list("text", "factors")
    ]


def batches(rows: Sequence[Row]) -> Iterator[Sequence[Row]]:
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start : start + BATCH_SIZE]


def comment_box(tag: CommentTag) -> str | None:
    """The factor whose comment box the comment was typed in, which the tagger takes as a prior."""
    return tag.key if tag.key in FACTOR_IDS else None


def tag_in_batches(
    tagger: Tagger,
    rows: Sequence[Row],
    text_of: Callable[[Row], str],
    box_of: Callable[[Row], str | None] | None = None,
) -> Iterator[tuple[Row, TagResult]]:
    for batch in batches(rows):
        boxes = [box_of(row) for row in batch] if box_of is not None else None
        yield from zip(batch, tagger.tag([text_of(row) for row in batch], boxes), strict=True)


def retag_partnership(partnership: Partnership, tagger: Tagger) -> int:
    """Re-tag every comment and lesson of the partnership that no coordinator has corrected."""
    tags = list(
        CommentTag.objects.filter(response__round__partnership=partnership, corrected=False).select_related(
            "response"
        )
    )
    for tag, result in tag_in_batches(tagger, tags, lambda tag: tag.text, comment_box):
        tag.factors, tag.scores = result.factors, result.scores
    CommentTag.objects.bulk_update(tags, ["factors", "scores"], batch_size=BATCH_SIZE)
    lessons = list(Lesson.objects.filter(partnership=partnership, corrected=False))
    for lesson, result in tag_in_batches(tagger, lessons, lambda lesson: lesson.text):
        lesson.factors, lesson.scores = result.factors, result.scores
    Lesson.objects.bulk_update(lessons, ["factors", "scores"], batch_size=BATCH_SIZE)
    return len(tags) + len(lessons)


def retrain_partnership(partnership: Partnership) -> PartnershipTagger:
    """Refit the shipped tagger with this partnership's corrections, store it and re-tag with it."""
    corrections = corrections_of(partnership)
    if not corrections:
        raise NothingToLearnError(NothingToLearnError.about(partnership))
    tagger = retrain(load_tagger(), corrections)
    with transaction.atomic():
        stored, _ = PartnershipTagger.objects.update_or_create(
            partnership=partnership,
            defaults={
                "model": serialise_model(tagger),
                "trained_on": timezone.localdate(),
                "corrections": len(corrections),
            },
        )
        retag_partnership(partnership, tagger)
    return stored
