from collections.abc import Mapping
from typing import Any

from django import template

from joinedup.findings.labels import bounds_words

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any], key: str) -> Any:
    """A dictionary value by a key held in a variable, which Django's dot lookup cannot do."""
    return mapping.get(key, key)


@register.filter
def bounds(interval: tuple[float, float]) -> str:
    """A factor's 95% interval in the words the findings use (two decimals, as a label rests on them)."""
    return bounds_words(interval)
