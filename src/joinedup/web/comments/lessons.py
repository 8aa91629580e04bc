"""The lessons-learned log: each lesson is tagged with the partnership's tagger as it is recorded."""

from __future__ import annotations

from datetime import date

from joinedup.web.partnerships.models import Agency, Partnership

from .models import Lesson
from .taggers import tagger_for


def record_lesson(partnership: Partnership, *, text: str, recorded_on: date, agency: Agency | None) -> Lesson:
    [result] = tagger_for(partnership).tag([text])
    return Lesson.objects.create(
        partnership=partnership,
        text=text,
        recorded_on=recorded_on,
        agency=agency,
        factors=result.factors,
        scores=result.scores,
    )
