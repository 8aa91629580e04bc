"""A coordinator's correction: the tag changes at once and the verdict is kept for retraining."""

from __future__ import annotations

from django.db import transaction

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging import Correction

from .models import CommentTag, Lesson, TagCorrection


def certain_scores(factors: list[str]) -> dict[str, float]:
    """Scores for a corrected text: certain for the factors chosen, nil for the rest, as the tagger
    itself scores a text it has a correction for."""
    return {factor: 1.0 if factor in factors else 0.0 for factor in FACTOR_IDS}


def _checked(text: str, factors: list[str]) -> list[str]:
    """The factors in canonical order, refused with the core's message if any id is unknown."""
    Correction(text=text, factors=factors)
    return [factor for factor in FACTOR_IDS if factor in factors]


@transaction.atomic
def correct_comment(tag: CommentTag, factors: list[str]) -> TagCorrection:
    factors = _checked(tag.text, factors)
    tag.factors, tag.scores, tag.corrected = factors, certain_scores(factors), True
    tag.save(update_fields=["factors", "scores", "corrected"])
    return TagCorrection.objects.create(
        partnership=tag.response.round.partnership, text=tag.text, factors=factors, comment_tag=tag
    )


@transaction.atomic
def correct_lesson(lesson: Lesson, factors: list[str]) -> TagCorrection:
    factors = _checked(lesson.text, factors)
    lesson.factors, lesson.scores, lesson.corrected = factors, certain_scores(factors), True
    lesson.save(update_fields=["factors", "scores", "corrected"])
    return TagCorrection.objects.create(
        partnership=lesson.partnership, text=lesson.text, factors=factors, lesson=lesson
    )
