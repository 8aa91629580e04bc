"""The respondent's pages, reached through an invitation link with no account.

Answers stay in a `SurveyDraft` (never the session) until the respondent sends them; only then
is one `Response` written, holding the agency, the role group, the answers, the comments
and the date — never the person, their IP address, their browser or the time of day.
By default a browser that has sent its answers to a round is refused a second time (a signed
marker cookie, see `marker`), and sends and new drafts are rate-limited per link and client address.
Every page is marked uncacheable so that a shared computer's back button cannot
show someone else's answers, and open to visitors who are not signed in (`login_not_required`).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import conditional_escape
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from joinedup.instrument.bank import load_instrument
from joinedup.instrument.model import Instrument, Item
from joinedup.instrument.reference import NATIONS, RoleGroup, load_role_groups
from joinedup.instrument.responses import DONT_KNOW
from joinedup.instrument.translations import factor_names, translated_instrument, translated_role_groups
from joinedup.web.partnerships.models import (
    Agency,
    EmailOptOut,
    ImportBatch,
    Invitation,
    InvitationRecipient,
    Response,
    Round,
    RoundStatus,
    address_hash,
)
from joinedup.web.security import RateLimit, client_address

from .factor_names import factor_name
from .forms import COMMENT_FIELD, AboutYouForm, FactorPageForm, SendForm
from .language import (
    ENGLISH,
    LANGUAGE_PARAMETER,
    WELSH,
    activate_for,
    bank_language,
    choose_language,
    in_respondent_language,
    offers_welsh,
)
from .marker import has_sent, mark_sent
from .models import DRAFT_LIFETIME, SingleUseLink, purge_stale_drafts
from .pages import LINK_PLACEHOLDER, SharedLink, can_share, filled_page, question_page, slot
from .state import (
    Draft,
    SurveyState,
    as_draft,
    delete_draft,
    discard_draft,
    draft_with_invitation,
    forget_draft,
    load_draft,
    load_draft_by_key,
    resume_key,
    save_draft,
    start_draft,
)

MINUTES_TO_COMPLETE = (10, 15)
"""The shortest and longest time most people take, in minutes."""


@dataclass(frozen=True)
class Survey:
    """What one link asks: its round's instrument, one page per factor.

    `token` is the link the respondent opened: the invitation's own, or a single-use link made
    from it, whose token is the only one its pages ever show. `instrument` is in the respondent's
    `language`; its item ids are the bank's whatever the language.
    """

    invitation: Invitation
    instrument: Instrument
    factors: list[str]
    token: str
    single_use: SingleUseLink | None = None
    language: str = ENGLISH
    welsh_offered: bool = False
    here: str = ""
    """The page the language links reload: this one, or the check page for the POST-only send."""
    draft: Draft | None = None
    draft_known: bool = False
    """Whether `draft` is already this browser's draft (found with the invitation, or known absent)."""

    def load_draft(self, request: HttpRequest) -> Draft | None:
        """This browser's draft: the one `_survey` found with the invitation, else looked up."""
        if self.draft_known:
            return self.draft
        return load_draft(request, self.invitation)

    def items(self, factor: str) -> list[Item]:
        return self.instrument.items_for(factor)

    def page_url(self, number: int) -> str:
        return reverse("survey:questions", args=[self.token, number])

    def role_groups(self) -> list[RoleGroup]:
        nation = self.invitation.round.partnership.nation
        known = nation if nation in NATIONS else None
        return translated_role_groups(load_role_groups(known), bank_language(self.language), known)

    def factor_name(self, factor: str) -> str:
        """The page heading: the evidence base's name in English, the translation's otherwise."""
        translated = factor_names(self.instrument.version, bank_language(self.language))
        return translated.get(factor) or factor_name(factor)

    def language_links(self) -> list[dict[str, object]]:
        """The "English | Cymraeg" switcher: empty unless Welsh is offered; the current language is
        named, not linked."""
        if not self.welsh_offered:
            return []
        return [
            {
                "lang": lang,
                "name": name,
                "current": code == self.language,
                "query": f"?{LANGUAGE_PARAMETER}={code}",
                "hidden": hidden,
            }
            for code, lang, name, hidden in (
                (ENGLISH, "en", "English", "Change the language to English"),
                (WELSH, "cy", "Cymraeg", "Newid yr iaith i’r Gymraeg"),
            )
        ]

    def agencies_to_ask(self) -> list[Agency] | None:
        """None when the link already names the agency, so the question is not asked."""
        if self.invitation.agency is not None:
            return None
        return list(self.invitation.round.partnership.agencies.order_by("name"))

    def next_unfinished(self, state: SurveyState) -> str | None:
        """The first step still to do, so nobody can skip ahead to the send button."""
        if not state.about_you_done:
            return reverse("survey:about_you", args=[self.token])
        for number, factor in enumerate(self.factors, start=1):
            if factor not in state.pages_done:
                return self.page_url(number)
        return None

    def context(self, **extra: object) -> dict[str, object]:
        a_round = self.invitation.round
        return {
            "survey": self,
            "invitation": self.invitation,
            "round": a_round,
            "partnership": a_round.partnership,
            "min_group_size": a_round.min_group_size,
            "page_count": len(self.factors),
            **extra,
        }


_Instruments = dict[tuple[str, str, str], tuple[Instrument, Instrument, list[str]]]
_INSTRUMENTS: _Instruments = {}
"""(version, fingerprint, language) -> (the bank's instrument it was checked against, the
instrument in that language, its factors in page order)."""


def _instrument_for(a_round: Round, language: str) -> tuple[Instrument, list[str]]:
    """The round's instrument in `language` and its factors, checked against the round's
    fingerprint once per process instead of on every request (the check serialises and hashes
    the whole bank). The bank's instruments are frozen and loaded once per process, so while
    `load_instrument` returns the very object that was checked, the check still holds."""
    bank = load_instrument(a_round.instrument_version)
    key = (a_round.instrument_version, a_round.instrument_fingerprint or "", language)
    known = _INSTRUMENTS.get(key)
    if known is None or known[0] is not bank:
        instrument = translated_instrument(a_round.instrument(), bank_language(language))
        factors = list(dict.fromkeys(item.factor for item in instrument.items))
        known = _INSTRUMENTS[key] = (bank, instrument, factors)
    return known[1], known[2]


def _survey(request: HttpRequest, token: str) -> Survey:
    """The invitation's own link is looked up first: it is the common case, so most requests
    cost one query here (the browser's draft comes with it, see `draft_with_invitation`), and
    only a single-use link costs more. The request is switched to the respondent's language
    (see `language`), which its view's `in_respondent_language` undoes."""
    single_use: SingleUseLink | None = None
    draft: Draft | None = None
    stored = draft_with_invitation(request, token)
    if stored is not None:
        invitation, draft = stored.invitation, as_draft(request, stored)
    else:
        try:
            invitation = Invitation.objects.select_related("round__partnership", "agency").get(token=token)
        except Invitation.DoesNotExist:
            single_use = get_object_or_404(
                SingleUseLink.objects.select_related("invitation__round__partnership", "invitation__agency"),
                token=token,
            )
            invitation = single_use.invitation
    welsh_offered = offers_welsh(invitation.round)
    language = choose_language(request, welsh_offered)
    activate_for(request, token, language)
    instrument, factors = _instrument_for(invitation.round, language)
    send_url = reverse("survey:send", args=[token])
    return Survey(
        invitation=invitation,
        instrument=instrument,
        factors=factors,
        token=token,
        single_use=single_use,
        language=language,
        welsh_offered=welsh_offered,
        here=reverse("survey:check", args=[token]) if request.path == send_url else request.path,
        draft=draft,
        # On the invitation's own link the query above found the draft if there is one.
        draft_known=single_use is None,
    )


def _finishing_in_grace(request: HttpRequest, survey: Survey) -> bool:
    """A round closed less than a day ago still takes answers from a browser whose draft was
    started before it closed, so nobody half-way through loses their answers to the closing."""
    a_round = survey.invitation.round
    if not a_round.in_grace() or a_round.closed_at is None:
        return False
    draft = survey.load_draft(request)
    return draft is not None and draft.state.started_before(a_round.closed_at)


def _refusal(request: HttpRequest, survey: Survey) -> HttpResponse | None:
    """A draft round has not opened (200); a closed one has gone for good (410 Gone), except
    for someone finishing within the closing grace period."""
    a_round = survey.invitation.round
    if a_round.accepts_answers or _finishing_in_grace(request, survey):
        return None
    closed = a_round.status == RoundStatus.CLOSED
    return render(
        request, "survey/not_open.html", survey.context(closed=closed), status=410 if closed else 200
    )


def _imported(request: HttpRequest, survey: Survey) -> HttpResponse:
    """410 Gone: the round took its answers from imported files, so its links are off for good;
    survey answers mixed with imported rows could reveal a small group's answers."""
    return render(request, "survey/imported.html", survey.context(), status=410)


def _already_sent(request: HttpRequest, survey: Survey) -> HttpResponse | None:
    """409 for a browser that sent answers to this round, unless the round allows several."""
    a_round = survey.invitation.round
    if not a_round.one_response_per_browser or not has_sent(request, a_round):
        return None
    return render(request, "survey/already_sent.html", survey.context(), status=409)


def _link_used(request: HttpRequest, survey: Survey) -> HttpResponse:
    return render(request, "survey/link_used.html", survey.context(), status=410)


def _blocked(request: HttpRequest, survey: Survey) -> HttpResponse | None:
    if survey.single_use is not None and survey.single_use.used:
        return _link_used(request, survey)
    return _refusal(request, survey) or _already_sent(request, survey)


class _LinkAlreadyUsed(Exception):
    """Raised inside the send transaction so that nothing of the second use is stored."""


class _RoundImported(Exception):
    """Raised inside the send transaction when a file was imported into the round meanwhile."""


def _limits() -> tuple[RateLimit, RateLimit]:
    """(sends, new drafts) per hour from one client address on one link, read when used."""
    return (
        RateLimit("survey-send", settings.JOINEDUP_SURVEY_SUBMISSIONS_PER_HOUR),
        RateLimit("survey-draft", settings.JOINEDUP_SURVEY_DRAFTS_PER_HOUR),
    )


def _too_many(request: HttpRequest, survey: Survey, *, sending: bool) -> HttpResponse:
    page = render(request, "survey/too_many.html", survey.context(sending=sending), status=429)
    page["Retry-After"] = "3600"
    return page


@login_not_required
@never_cache
@in_respondent_language
def start(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(request, token)
    refusal = _blocked(request, survey)
    if refusal:
        return refusal
    if survey.invitation.round.has_imports():
        return _imported(request, survey)
    purge_stale_drafts()
    return render(
        request,
        "survey/start.html",
        survey.context(
            minutes_low=MINUTES_TO_COMPLETE[0],
            minutes_high=MINUTES_TO_COMPLETE[1],
            item_count=len(survey.instrument.items),
        ),
    )


def _after_save(request: HttpRequest, survey: Survey, state: SurveyState) -> HttpResponse:
    """Back to the check page after a change, otherwise on to the next unfinished step."""
    if request.GET.get("change") and survey.next_unfinished(state) is None:
        return redirect("survey:check", survey.token)
    return redirect(survey.next_unfinished(state) or reverse("survey:check", args=[survey.token]))


@login_not_required
@never_cache
@in_respondent_language
def about_you(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(request, token)
    refusal = _blocked(request, survey)
    if refusal:
        return refusal
    if survey.invitation.round.has_imports():
        return _imported(request, survey)
    draft = survey.load_draft(request) or start_draft()
    state = draft.state
    agencies = survey.agencies_to_ask()
    initial = {"agency": state.agency_id, "role_group": state.role_group}
    form = AboutYouForm(
        request.POST if request.method == "POST" else None,
        agencies=agencies,
        role_groups=survey.role_groups(),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        state.agency_id = form.cleaned_data["agency"] if agencies is not None else survey.invitation.agency_id
        state.role_group = form.cleaned_data["role_group"]
        if not draft.key:
            drafts = _limits()[1]
            where = (survey.token, client_address(request))
            if drafts.exceeded(*where):
                return _too_many(request, survey, sending=False)
            drafts.count(*where)
        return save_draft(draft, survey.invitation, token, _after_save(request, survey, state))
    return render(
        request,
        "survey/about_you.html",
        survey.context(form=form, back_url=reverse("survey:start", args=[token])),
    )


@login_not_required
@never_cache
@in_respondent_language
def questions(request: HttpRequest, token: str, number: int) -> HttpResponse:
    survey = _survey(request, token)
    refusal = _blocked(request, survey)
    if refusal:
        return refusal
    if not 1 <= number <= len(survey.factors):
        raise Http404("There is no such page in this self-assessment")
    draft = survey.load_draft(request)
    if draft is None:
        return redirect("survey:start", token)
    state = draft.state
    if not state.about_you_done or any(f not in state.pages_done for f in survey.factors[: number - 1]):
        return redirect(survey.next_unfinished(state) or reverse("survey:check", args=[token]))
    factor = survey.factors[number - 1]
    items = survey.items(factor)
    initial = FactorPageForm.initial_for(state.answers, items, state.comments.get(factor, ""))

    def make_form(initial: dict[str, str], data: QueryDict | None = None) -> FactorPageForm:
        return FactorPageForm(
            data,
            items=items,
            scale=survey.instrument.scale,
            comment_prompt=survey.instrument.comment_prompts.get(factor),
            initial=initial,
        )

    form = make_form(initial, request.POST) if request.method == "POST" else None
    if form is not None and form.is_valid():
        state.answers.update(form.answers())
        comment = form.cleaned_data.get(COMMENT_FIELD, "")
        if comment:
            state.comments[factor] = comment
        else:
            state.comments.pop(factor, None)
        state.mark_done(factor)
        return save_draft(draft, survey.invitation, token, _after_save(request, survey, state))
    back_url = reverse("survey:about_you", args=[token]) if number == 1 else survey.page_url(number - 1)
    factor_heading = survey.factor_name(factor)
    context = survey.context(number=number, factor_name=factor_heading, back_url=back_url)
    if form is not None:
        # Answers with errors: the page in full, with its error summary.
        return render(request, "survey/questions.html", {**context, "form": form})
    a_round, partnership = survey.invitation.round, survey.invitation.round.partnership

    def key_for(token: str, here: str, back: str) -> tuple[object, ...]:
        """Everything the page shows besides the answers, the comment and the CSRF token (`pages`)."""
        return (
            token,
            here,
            survey.welsh_offered,
            number,
            len(survey.factors),
            factor_heading,
            back,
            partnership.name,
            a_round.min_group_size,
            a_round.instrument_version,
            a_round.instrument_fingerprint,
        )

    shared = None
    if survey.single_use is not None and can_share(token):
        # The page as the link's invitation's other single-use links show it, its token aside.
        placeholder = _with_placeholder(survey)
        back = back_url.replace(token, LINK_PLACEHOLDER)
        shared = SharedLink(
            token=token,
            context=placeholder.context(number=number, factor_name=factor_heading, back_url=back),
            key=(survey.invitation.pk, *key_for(LINK_PLACEHOLDER, placeholder.here, back)),
        )
    return question_page(request, context, key_for(token, survey.here, back_url), make_form, initial, shared)


def _with_placeholder(survey: Survey) -> Survey:
    """`survey` with `LINK_PLACEHOLDER` for its link's token, for a page kept for many links."""
    return dataclasses.replace(
        survey, token=LINK_PLACEHOLDER, here=survey.here.replace(survey.token, LINK_PLACEHOLDER)
    )


def _answer_label(survey: Survey, value: int) -> str:
    if value == int(DONT_KNOW):
        return survey.instrument.scale.dont_know
    return survey.instrument.scale.labels[value]


@login_not_required
@never_cache
@in_respondent_language
def check(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(request, token)
    refusal = _blocked(request, survey)
    if refusal:
        return refusal
    draft = survey.load_draft(request)
    if draft is None:
        return redirect("survey:start", token)
    state = draft.state
    unfinished = survey.next_unfinished(state)
    if unfinished:
        return redirect(unfinished)
    agency = _agency_for(survey, state)
    role_names = {group.id: group.name for group in survey.role_groups()}
    role_group = role_names.get(state.role_group, state.role_group)

    def context_for(shown: Survey) -> dict[str, object]:
        return shown.context(
            agency=agency,
            agency_asked=shown.invitation.agency is None,
            role_group=role_group,
            back_url=shown.page_url(len(shown.factors)),
        )

    # A single-use link's page is kept once for its invitation's links, with a placeholder for
    # its token (see `questions`).
    shared = survey.single_use is not None and can_share(token)
    shown = _with_placeholder(survey) if shared else survey
    kept = filled_page(
        request,
        (survey.invitation.pk, *_check_key(shown)) if shared else _check_key(shown),
        lambda: _check_context(shown, context_for(shown)),
        _check_values(survey, state, agency, role_group),
        token if shared else None,
    )
    if kept is not None:
        return kept
    context = context_for(survey)
    sections = _sections(
        survey,
        lambda item: _answer_label(survey, state.answers[item.id]),
        lambda factor: state.comments.get(factor, ""),
    )
    form = SendForm(initial={"idempotency_key": state.idempotency_key})
    return render(request, "survey/check.html", {**context, "sections": sections, "form": form})


def _sections(
    survey: Survey, answer: Callable[[Item], str], comment: Callable[[str], str]
) -> list[dict[str, object]]:
    """The check page's sections, one per page of statements, with each `answer` and `comment`."""
    return [
        {
            "number": number,
            "name": survey.factor_name(factor),
            "change_url": f"{survey.page_url(number)}?change=1",
            "answers": [(item.text, answer(item)) for item in survey.items(factor)],
            "comment_prompt": survey.instrument.comment_prompts.get(factor),
            "comment": comment(factor),
        }
        for number, factor in enumerate(survey.factors, start=1)
    ]


def _check_key(survey: Survey) -> tuple[object, ...]:
    """Everything the check page shows besides the answers, the comments, the agency, the role
    group, the send key and the CSRF token (see `pages.filled_page`)."""
    a_round = survey.invitation.round
    return (
        survey.token,
        survey.here,
        survey.welsh_offered,
        survey.invitation.agency is None,
        a_round.partnership.name,
        a_round.name,
        a_round.min_group_size,
        a_round.instrument_version,
        a_round.instrument_fingerprint,
    )


def _check_context(survey: Survey, context: dict[str, object]) -> dict[str, object]:
    """The check page's context with a slot in the place of each value `_check_values` gives,
    in the same order."""
    numbers = itertools.count(2)
    sections = _sections(
        survey,
        lambda item: slot(next(numbers)),
        lambda factor: slot(next(numbers)) if survey.instrument.comment_prompts.get(factor) else "",
    )
    return {
        **context,
        "agency": {"name": slot(0)},
        "role_group": slot(1),
        "sections": sections,
        "form": SendForm(initial={"idempotency_key": slot(next(numbers))}),
    }


def _check_values(survey: Survey, state: SurveyState, agency: Agency | None, role_group: str) -> list[str]:
    """The check page's values as its template would write them, in the order of its slots."""
    no_comment = conditional_escape(gettext("No comment"))
    values: list[str] = [
        conditional_escape(agency.name if agency is not None else ""),
        conditional_escape(role_group),
    ]
    for factor in survey.factors:
        values.extend(
            conditional_escape(_answer_label(survey, state.answers[item.id])) for item in survey.items(factor)
        )
        if survey.instrument.comment_prompts.get(factor):
            comment = state.comments.get(factor, "")
            values.append(linebreaksbr(comment, autoescape=True) if comment else no_comment)
    values.append(conditional_escape(state.idempotency_key))
    return values


def _agency_for(survey: Survey, state: SurveyState) -> Agency | None:
    if survey.invitation.agency is not None:
        return survey.invitation.agency
    if state.agency_id is None:
        return None
    return Agency.objects.filter(pk=state.agency_id, partnership=survey.invitation.round.partnership).first()


@login_not_required
@never_cache
@in_respondent_language
@require_POST
def send(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(request, token)
    refusal = _refusal(request, survey)
    if refusal:
        return refusal
    form = SendForm(request.POST)
    if not form.is_valid():
        return redirect("survey:check", token)
    key = form.cleaned_data["idempotency_key"]
    a_round = survey.invitation.round
    stored, imported = _stored_or_imported(a_round, key)
    if stored:
        return discard_draft(request, token, redirect("survey:sent", token))
    if imported:
        return discard_draft(request, token, _imported(request, survey))
    already = _already_sent(request, survey)
    if already:
        return discard_draft(request, token, already)
    if survey.single_use is not None and survey.single_use.used:
        return discard_draft(request, token, _link_used(request, survey))
    sends = _limits()[0]
    where = (token, client_address(request))
    if sends.exceeded(*where):
        return _too_many(request, survey, sending=True)
    draft = survey.load_draft(request)
    if draft is None or draft.state.idempotency_key != key:
        return render(request, "survey/expired.html", survey.context(), status=400)
    state = draft.state
    unfinished = survey.next_unfinished(state)
    agency = _agency_for(survey, state)
    if unfinished or agency is None:
        return redirect(unfinished or reverse("survey:about_you", args=[token]))
    try:
        with transaction.atomic():
            # Locked so that an import cannot land between this check and the answer being stored.
            if Round.objects.select_for_update().get(pk=a_round.pk).has_imports():
                raise _RoundImported
            if survey.single_use is not None and not _claim(survey.single_use):
                raise _LinkAlreadyUsed
            Response.objects.create(
                round=a_round,
                agency=agency,
                role_group=state.role_group,
                submitted_on=timezone.localdate(),
                answers={item_id: state.answers[item_id] for item_id in survey.instrument.item_ids()},
                comments=state.comments,
                idempotency_key=key,
            )
            # In the same transaction: the answers leave the draft exactly when they are stored.
            delete_draft(request)
    except _RoundImported:
        return discard_draft(request, token, _imported(request, survey))
    except _LinkAlreadyUsed:
        # Used by a double-click's other request (which stored these answers) or by someone else.
        if not Response.objects.filter(round=a_round, idempotency_key=key).exists():
            return discard_draft(request, token, _link_used(request, survey))
        delete_draft(request)
    except IntegrityError:
        if not Response.objects.filter(round=a_round, idempotency_key=key).exists():
            raise
        delete_draft(request)
    sends.count(*where)
    return mark_sent(forget_draft(request, token, redirect("survey:sent", token)), a_round)


def _stored_or_imported(a_round: Round, key: str) -> tuple[bool, bool]:
    """Whether the submission `key` is stored already (a resend after a lost reply), and whether
    the round took imported files: one round trip for both, where asking each cost one. Only a
    first look: the send checks the imports again under the round's lock, and the uniqueness
    constraint stores each submission once whatever happens meanwhile."""
    stored, imported = (
        Round.objects.filter(pk=a_round.pk)
        .values_list(
            Exists(Response.objects.filter(round=OuterRef("pk"), idempotency_key=key)),
            Exists(ImportBatch.objects.filter(round=OuterRef("pk"))),
        )
        .get()
    )
    return bool(stored), bool(imported)


def _claim(link: SingleUseLink) -> bool:
    """Mark the link used unless it already is; one conditional UPDATE, so two sends cannot both win."""
    return bool(SingleUseLink.objects.filter(pk=link.pk, used=False).update(used=True))


@login_not_required
@never_cache
@in_respondent_language
def sent(request: HttpRequest, token: str) -> HttpResponse:
    """Says "sent" only to a browser carrying this round's sent marker; anyone else is sent to
    the start page rather than told their answers arrived."""
    survey = _survey(request, token)
    if not has_sent(request, survey.invitation.round):
        return redirect("survey:start", token)
    return render(request, "survey/sent.html", survey.context())


@login_not_required
@never_cache
@in_respondent_language
def save_for_later(request: HttpRequest, token: str) -> HttpResponse:
    """The resume link for this browser's draft: the draft's own random key, so whoever holds the
    link can carry on, and nothing about the person is needed or kept."""
    survey = _survey(request, token)
    refusal = _blocked(request, survey)
    if refusal:
        return refusal
    key = resume_key(request, survey.invitation)
    if key is None:
        return redirect("survey:start", token)
    draft = survey.load_draft(request)
    resume_url = request.build_absolute_uri(reverse("survey:resume", args=[token, key]))
    return render(
        request,
        "survey/saved.html",
        survey.context(
            resume_url=resume_url,
            continue_url=survey.next_unfinished(draft.state) if draft else None,
            hours=int(DRAFT_LIFETIME.total_seconds() // 3600),
        ),
    )


@login_not_required
@never_cache
@in_respondent_language
def resume(request: HttpRequest, token: str, key: str) -> HttpResponse:
    survey = _survey(request, token)
    refusal = _blocked(request, survey)
    if refusal:
        return refusal
    draft = load_draft_by_key(key, survey.invitation)
    if draft is None:
        return render(request, "survey/expired.html", survey.context(), status=404)
    onward = survey.next_unfinished(draft.state) or reverse("survey:check", args=[token])
    return save_draft(draft, survey.invitation, token, redirect(onward))


@login_not_required
@never_cache
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop e-mail about a round (GET asks, POST does it, so a mail scanner following the link
    unsubscribes nobody); the address is also remembered, as a hash, against the partnership.
    The page is in the language the e-mail's link asked for (`?lang=`, kept by the form's POST)
    where the partnership offers Welsh, as the survey's pages are."""
    recipient = (
        InvitationRecipient.objects.select_related("invitation__round__partnership").filter(token=token).first()
    )
    if recipient is None:
        language = choose_language(request, welsh_offered=request.GET.get(LANGUAGE_PARAMETER) == WELSH)
        context: dict[str, object] = {"done": True, "gone": True}
        status = 404
    else:
        a_round = recipient.invitation.round
        partnership = a_round.partnership
        language = choose_language(request, offers_welsh(a_round))
        context = {"done": request.method == "POST", "partnership": partnership}
        status = 200
        if request.method == "POST":
            InvitationRecipient.objects.filter(pk=recipient.pk).update(unsubscribed=True)
            EmailOptOut.objects.get_or_create(
                partnership=partnership, address_hash=address_hash(recipient.email)
            )
    with translation.override(language):
        response = render(request, "survey/unsubscribed.html", context, status=status)
    response["Content-Language"] = language
    return response
