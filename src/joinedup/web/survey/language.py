"""The respondent's language: English, or Welsh (Cymraeg) where the partnership offers it.

A partnership in Wales always offers Welsh; any other may switch it on (`Partnership.survey_in_welsh`).
The respondent chooses with the "English | Cymraeg" links at the top of every survey page, which
add `?lang=` to the page they are on; the choice is kept in a cookie on the survey link's path, so
it follows them through the pages without touching their answers. Until they choose, a browser
that asks for Welsh first gets Welsh. The language is not stored with the answers: the items are
the same in both languages, and a language column could single out the few who chose it.

Only the survey's own views switch language (`in_respondent_language`); the coordinator's pages
stay in English, which is why there is no LocaleMiddleware.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation

from joinedup.instrument.translations import translation_exists
from joinedup.web.partnerships.models import Nation, Round

ENGLISH = "en-gb"
WELSH = "cy"
LANGUAGE_PARAMETER = "lang"
LANGUAGE_COOKIE = "joinedup_survey_language"
LANGUAGE_COOKIE_AGE = 400 * 24 * 3600

_BANK_LANGUAGE = {ENGLISH: "en", WELSH: "cy"}


def offers_welsh(a_round: Round) -> bool:
    """Wales always, others when switched on; and only for a bank version that has a Welsh text."""
    partnership = a_round.partnership
    wanted = partnership.nation == Nation.WALES or partnership.survey_in_welsh
    return wanted and translation_exists(a_round.instrument_version, _BANK_LANGUAGE[WELSH])


def bank_language(language: str) -> str:
    """The item bank's name for a Django language code ("cy" for "cy", "en" for "en-gb")."""
    return _BANK_LANGUAGE[language]


def choose_language(request: HttpRequest, welsh_offered: bool) -> str:
    """The link's `?lang=`, else this link's cookie, else the browser's preference; English when
    Welsh is not offered, whatever was asked."""
    if not welsh_offered:
        return ENGLISH
    for asked in (request.GET.get(LANGUAGE_PARAMETER), request.COOKIES.get(LANGUAGE_COOKIE)):
        if asked in _BANK_LANGUAGE:
            return asked
    return WELSH if translation.get_language_from_request(request) == WELSH else ENGLISH


# Where `activate_for` leaves (token, language) on the request for `in_respondent_language`.
_CHOSEN_ATTRIBUTE = "survey_language"


def activate_for(request: HttpRequest, token: str, language: str) -> None:
    """Switch this request to `language`; `in_respondent_language` remembers it and switches back."""
    translation.activate(language)
    setattr(request, _CHOSEN_ATTRIBUTE, (token, language))


def in_respondent_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run a survey view in the language its survey activates, restore the previous one after (so no
    other page on this thread is drawn in Welsh), say which language the page is in, and keep a
    choice made with `?lang=` in a cookie on the survey link's path."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        previous = translation.get_language()
        try:
            response = view(request, *args, **kwargs)
        finally:
            translation.activate(previous)
        chosen = getattr(request, _CHOSEN_ATTRIBUTE, None)
        if chosen is not None:
            token, language = chosen
            response["Content-Language"] = language
            if request.GET.get(LANGUAGE_PARAMETER) == language:
                response.set_cookie(
                    LANGUAGE_COOKIE,
                    language,
                    max_age=LANGUAGE_COOKIE_AGE,
                    path=reverse("survey:start", args=[token]),
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        return response

    return wrapper
