"""Dates posted as a browser posts the GOV.UK date input: three boxes per field."""

from __future__ import annotations

from datetime import date


def date_boxes(name: str, when: date | str) -> dict[str, str]:
    """The day, month and year boxes of field `name` filled in with `when` (a date or ISO text)."""
    day = date.fromisoformat(when) if isinstance(when, str) else when
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}
