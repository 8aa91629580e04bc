"""A question page drawn from markup rendered once per process, then marked for this respondent.

A question page is the request every respondent makes most (16 of 37), and drawing it through
the templates was the largest part of its server time (docs/performance.md). Its markup depends
only on the link, the page, the language, the round's instrument and a few names — until an
answer is checked, a comment written, the form's hidden CSRF token filled in, or an error
shown. So the page is rendered once with nothing answered and a placeholder for the token, kept,
and for each request the placeholder is replaced by this request's token, each answer marked by
adding `checked` to its radio (as `{% statement_radios %}` does) and the comment put in its
textarea; the form itself is not even made. Anything the marking cannot find exactly once, and
any browser that carries a session or messages cookie (a signed-in user sees their own menu and
messages, which the kept page does not have) gets the page rendered in full instead, as does a
page with errors (the view renders that itself), so the markup is always the template's;
`survey/tests/test_page_cache.py` compares the two.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.translation import get_language

from .forms import COMMENT_FIELD, FactorPageForm
from .templatetags.survey_radios import input_start

TEMPLATE = "survey/questions.html"

_CSRF_PLACEHOLDER = f"csrf-placeholder-{secrets.token_hex(16)}"
"""Random per process, so no text of the page can contain it by chance."""
_TEXTAREA_END = "</textarea>"

@dataclass(frozen=True)
class _Kept:
    html: str
    """The page with nothing answered, no comment and the token placeholder."""
    inputs: dict[str, dict[str, str]]
    """Field name -> option value -> the start of that radio's `<input>` tag, unique in `html`."""


_PAGES: dict[Hashable, _Kept] = {}
_MOST_KEPT = 512
"""Links × pages × languages in use at once; a page is about 10 kB."""

MakeForm = Callable[[dict[str, str]], FactorPageForm]
"""Makes the page's unbound form with the given initial answers (and "comment")."""


def _kept(key: Hashable, context: dict[str, object], make_form: MakeForm) -> _Kept:
    """The kept page for `key`, which holds everything it depends on, rendered on first use."""
    kept = _PAGES.get(key)
    if kept is None:
        if len(_PAGES) >= _MOST_KEPT:
            _PAGES.clear()
        blank = make_form({})
        # No request, so no context processors: `user` and `messages` are absent, as they are
        # empty for the browsers this is used for (see `_kept_page_applies`).
        html = get_template(TEMPLATE).render({**context, "form": blank, "csrf_token": _CSRF_PLACEHOLDER})
        inputs = {
            group.field.name: {
                option.value: input_start(group, index) for index, option in enumerate(group.options)
            }
            for group in blank.statement_groups()
        }
        kept = _PAGES[key] = _Kept(html=html, inputs=inputs)
    return kept


def _kept_page_applies(request: HttpRequest) -> bool:
    """No session or messages cookie: such a browser is not signed in and has no messages
    waiting, which is all the kept page assumes about it."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _marked(kept: _Kept, request: HttpRequest, initial: dict[str, str]) -> str | None:
    """The kept page with this request's token, answers and comment; None if any is not found once.

    An answer is checked as the form checks it: the option whose value is the initial value."""
    html = kept.html
    if html.count(_CSRF_PLACEHOLDER) != 1:
        return None
    html = html.replace(_CSRF_PLACEHOLDER, get_token(request))
    for name, value in initial.items():
        marker = kept.inputs.get(name, {}).get(value)
        if marker is None:
            continue
        if html.count(marker) != 1:
            return None
        html = html.replace(marker, f"{marker} checked")
    comment = initial.get(COMMENT_FIELD)
    if comment:
        if html.count(_TEXTAREA_END) != 1:
            return None
        html = html.replace(_TEXTAREA_END, f"{escape(comment)}{_TEXTAREA_END}")
    return html


LINK_PLACEHOLDER = f"link{secrets.token_hex(16)}"
"""Stands for a single-use link's token in a kept page shared by all of an invitation's links."""
_PLAIN_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
"""A token that URLs and HTML both write as it is, so the placeholder can be swapped for it."""


@dataclass(frozen=True)
class SharedLink:
    """A single-use link's page kept once for all its invitation's links: `context` is the page's
    with `LINK_PLACEHOLDER` wherever the link's `token` goes, and `key` names it without the token."""

    token: str
    context: dict[str, object]
    key: Hashable


def can_share(token: str) -> bool:
    """Whether a page kept with `LINK_PLACEHOLDER` can be given `token` by replacing the text."""
    return _PLAIN_TOKEN.fullmatch(token) is not None


def question_page(
    request: HttpRequest,
    context: dict[str, object],
    key: Hashable,
    make_form: MakeForm,
    initial: dict[str, str],
    shared: SharedLink | None = None,
) -> HttpResponse:
    """`render(request, "survey/questions.html", {**context, "form": make_form(initial)})`, from the
    kept page when it applies, without making the form at all.

    `key` must hold everything the page depends on besides the answers and comment in `initial`
    and the CSRF token: the link, page, names and instrument; the language is added here. A
    single-use link's token is in no other link's pages, so its page is kept once for all of
    them (`shared`), with a placeholder for the token."""
    if _kept_page_applies(request):
        if shared is None:
            html = _marked(_kept((get_language(), key), context, make_form), request, initial)
        else:
            kept = _kept((get_language(), shared.key), shared.context, make_form)
            html = _marked(kept, request, initial)
            html = None if html is None else html.replace(LINK_PLACEHOLDER, shared.token)
        if html is not None:
            return HttpResponse(html)
    return render(request, TEMPLATE, {**context, "form": make_form(initial)})



_SLOT = f"slot-{secrets.token_hex(16)}-"
"""Random per process, so no text of a page can contain it by chance."""
_SLOTS = re.compile(re.escape(_SLOT) + r"(\d+)-")
_SLOTTED_TEMPLATE = "survey/check.html"


@dataclass(frozen=True)
class _Cut:
    texts: tuple[str, ...]
    """The kept page's markup between its slots, one more than `slots`."""
    slots: tuple[int, ...]
    """The value that goes after each text; the last value is the CSRF token."""


_SLOTTED: dict[Hashable, _Cut | None] = {}
"""Key -> the kept page cut at its slots, or None when its slots could not each be found once
(such a page is always rendered in full)."""


def slot(number: int) -> str:
    """The placeholder for the `number`th value of a kept page, as `filled_page` fills it."""
    return f"{_SLOT}{number}-"


def _cut(html: str, count: int) -> _Cut | None:
    """`html` cut at its `count` slots and its CSRF placeholder (slot `count`), if each is there
    exactly once."""
    if html.count(_CSRF_PLACEHOLDER) != 1:
        return None
    parts = _SLOTS.split(html.replace(_CSRF_PLACEHOLDER, slot(count)))
    slots = tuple(int(number) for number in parts[1::2])
    if sorted(slots) != list(range(count + 1)):
        return None
    return _Cut(texts=tuple(parts[::2]), slots=slots)


def filled_page(
    request: HttpRequest,
    key: Hashable,
    make_context: Callable[[], dict[str, object]],
    values: list[str],
    token: str | None = None,
) -> HttpResponse | None:
    """The check page from markup rendered once per `key` (and language), with slot `i` replaced
    by `values[i]` (already HTML, escaped as the template escapes it) and the CSRF placeholder by
    this request's token; None where the kept page does not apply (the view then renders in full).

    `key` must hold everything the page depends on besides `values`. `make_context` gives the
    page's context with `slot(i)` in each value's place; it is called only when the page is kept.
    `token`, for a page kept for all of an invitation's single-use links, replaces the context's
    `LINK_PLACEHOLDER` in the kept markup (never in `values`, which hold what the respondent wrote)."""
    if not _kept_page_applies(request):
        return None
    full_key = (get_language(), key, len(values))
    if full_key not in _SLOTTED:
        if len(_SLOTTED) >= _MOST_KEPT:
            _SLOTTED.clear()
        html = get_template(_SLOTTED_TEMPLATE).render({**make_context(), "csrf_token": _CSRF_PLACEHOLDER})
        _SLOTTED[full_key] = _cut(html, len(values))
    cut = _SLOTTED[full_key]
    if cut is None:
        return None
    filled = [*values, get_token(request)]
    texts = cut.texts if token is None else tuple(text.replace(LINK_PLACEHOLDER, token) for text in cut.texts)
    pieces = [texts[0]]
    for number, text in zip(cut.slots, texts[1:], strict=True):
        pieces.append(filled[number])
        pieces.append(text)
    return HttpResponse("".join(pieces))
