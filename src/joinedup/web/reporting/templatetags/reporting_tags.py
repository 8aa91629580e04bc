from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any], key: str) -> Any:
    """A dictionary value by a key held in a variable, which Django's dot lookup cannot do."""
    return mapping.get(key, key)
