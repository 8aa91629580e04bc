"""Fetching a survey page twice, from the kept markup and rendered in full, to compare the two."""

from __future__ import annotations

import re
from types import ModuleType

import pytest
from django.test import Client

from joinedup.web.survey import pages

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def without_token(html: bytes) -> str:
    """The page with its one CSRF token blanked, since each fetch gets its own."""
    text = html.decode()
    assert len(CSRF_FIELD.findall(text)) == 1
    return CSRF_FIELD.sub('name="csrfmiddlewaretoken" value="-"', text)


def kept_and_full(
    client: Client, path: str, monkeypatch: pytest.MonkeyPatch, full_render_in: ModuleType
) -> tuple[str, str]:
    """(the kept page, the page rendered in full) for `path`.

    `full_render_in` is the module whose `render` draws the page in full (the view's or `pages`'),
    made to fail for the first fetch so that the kept page must answer it."""
    with monkeypatch.context() as patch:
        patch.setattr(full_render_in, "render", lambda *args, **kwargs: pytest.fail("not from the kept page"))
        kept = client.get(path)
    with monkeypatch.context() as patch:
        patch.setattr(pages, "_kept_page_applies", lambda request: False)
        full = client.get(path)
    assert kept.status_code == full.status_code == 200
    # never_cache dates Expires to the second it answered, so it is compared for presence only.
    assert {**kept.headers, "Expires": "-"} == {**full.headers, "Expires": "-"}
    assert "Expires" in kept.headers
    assert sorted(kept.cookies) == sorted(full.cookies)
    return without_token(kept.content), without_token(full.content)
