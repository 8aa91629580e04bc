"""A question page drawn from markup rendered once per process, then marked for this respondent.

A question page is the request every respondent makes most (16 of 37), and drawing it through
the templates was the largest part of its server time (docs/performance.md). Its markup depends
only on the link, the page, the language, the round's instrument and a few names — until an
answer is checked, a comment written, the form's hidden CSRF token filled in, or an error
shown. So the page is rendered once with nothing answered and a placeholder for the token, kept,
and for each request the placeholder is replaced by this request's token, each answer marked by
adding `checked` to its radio (as `{% statement_radios %}` does) and the comment put in its
textarea. Anything the marking cannot find exactly once, a form with errors, and any browser
that carries a session or messages cookie (a signed-in user sees their own menu and messages,
which the kept page does not have) gets the page rendered in full instead, so the markup is
always the template's; `survey/tests/test_page_cache.py` compares the two.
"""

from __future__ import annotations

import secrets
from collections.abc import Hashable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.translation import get_language

from .forms import FactorPageForm
from .templatetags.survey_radios import input_start

TEMPLATE = "survey/questions.html"

_CSRF_PLACEHOLDER = f"csrf-placeholder-{secrets.token_hex(16)}"
"""Random per process, so no text of the page can contain it by chance."""
_TEXTAREA_END = "</textarea>"

_PAGES: dict[Hashable, str] = {}
_MOST_KEPT = 512
"""Links × pages × languages in use at once; a page is about 20 kB."""


def _kept(key: Hashable, context: dict[str, object]) -> str:
    """The page with nothing answered and the token placeholder; `key` holds what else it depends on."""
    html = _PAGES.get(key)
    if html is None:
        if len(_PAGES) >= _MOST_KEPT:
            _PAGES.clear()
        form = context["form"]
        assert isinstance(form, FactorPageForm)
        blank = FactorPageForm(
            items=form.items,
            scale=form.scale,
            comment_prompt=form.comment_prompt,
            initial={},
        )
        # No request, so no context processors: `user` and `messages` are absent, as they are
        # empty for the browsers this is used for (see `_kept_page_applies`).
        blank_context = {**context, "form": blank, "csrf_token": _CSRF_PLACEHOLDER}
        html = _PAGES[key] = get_template(TEMPLATE).render(blank_context)
    return html


def _kept_page_applies(request: HttpRequest, form: FactorPageForm) -> bool:
    """No errors to show, and no session or messages cookie: such a browser is not signed in and
    has no messages waiting, which is all the kept page assumes about it."""
    return (
        not form.is_bound
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _marked(html: str, request: HttpRequest, form: FactorPageForm) -> str | None:
    """The kept page with this request's token, answers and comment; None if any is not found once."""
    if html.count(_CSRF_PLACEHOLDER) != 1:
        return None
    html = html.replace(_CSRF_PLACEHOLDER, get_token(request))
    for group in form.statement_groups():
        checked = [index for index, option in enumerate(group.options) if option.checked]
        if checked:
            marker = input_start(group, checked[0])
            if html.count(marker) != 1:
                return None
            html = html.replace(marker, f"{marker} checked")
    comment = form.comment_field()
    value = comment.value() if comment is not None else None
    if value:
        if html.count(_TEXTAREA_END) != 1:
            return None
        html = html.replace(_TEXTAREA_END, f"{escape(value)}{_TEXTAREA_END}")
    return html


def question_page(request: HttpRequest, context: dict[str, object], key: Hashable) -> HttpResponse:
    """`render(request, "survey/questions.html", context)`, from the kept page when it applies.

    `key` must hold everything the page depends on besides the form's answers and comment and
    the CSRF token: the link, page, names and instrument; the language is added here."""
    form = context["form"]
    assert isinstance(form, FactorPageForm)
    if _kept_page_applies(request, form):
        html = _marked(_kept((get_language(), key), context), request, form)
        if html is not None:
            return HttpResponse(html)
    return render(request, TEMPLATE, context)
