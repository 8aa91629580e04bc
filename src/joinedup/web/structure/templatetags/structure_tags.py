"""Template helpers for the structure pages: money as coordinators write it, and sheet names."""

from __future__ import annotations

from decimal import Decimal

from django import template

from joinedup.io.structure_layouts import SHEETS, Kind

register = template.Library()


@register.filter
def pounds(amount: Decimal | float | None) -> str:
    """Pounds with thousands separators, pence only when there are any."""
    if amount is None:
        return "–"
    value = Decimal(str(amount))
    if value == value.to_integral_value():
        return f"£{value:,.0f}"
    return f"£{value:,.2f}"


@register.simple_tag
def sheet_names(kind: Kind) -> list[str]:
    return [layout.name for layout in SHEETS[kind]]
