"""A round's life after it is set up: opening and closing with confirmation, reopening within the
grace period, renaming, moving the closing date, reminders, archiving, and e-mail invitations.

Dates act: a round cannot open once its closing date has passed or while another round of the
partnership is open, and `close_due_rounds` closes every open round the day after its closing date.
A closed round can be reopened for `CLOSING_GRACE` after closing, and anyone who started answering
before it closed can still send during that time (see the survey's `_refusal`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_POST

from joinedup.web.govuk_forms import GovukDateField, GovukFormMixin

from .access import MANAGE, PartnershipAccess, partnership_view, round_for
from .emails import INVITATION, queue_invitation_emails
from .forms import RoundForm
from .models import (
    CLOSING_GRACE,
    EmailOptOut,
    Invitation,
    InvitationRecipient,
    Round,
    RoundStatus,
    address_hash,
)


def _long_date(value: Any) -> str:
    return f"{value.day} {value:%B %Y}"


def opening_problems(a_round: Round) -> list[str]:
    """Why the round cannot open today, in words for the error summary; empty when it can."""
    problems = []
    today = timezone.localdate()
    if a_round.closes_on < today:
        problems.append(
            f"The closing date, {_long_date(a_round.closes_on)}, has passed. "
            "Change the closing date before you open the round"
        )
    other = (
        Round.objects.filter(partnership=a_round.partnership, status=RoundStatus.OPEN)
        .exclude(pk=a_round.pk)
        .first()
    )
    if other is not None:
        problems.append(f"{other.name} is still open. Close it before you open {a_round.name}")
    return problems


class ConfirmForm(GovukFormMixin, forms.Form):
    """No fields: the checks that make a change of status impossible become its errors."""

    def __init__(self, *args: Any, problems: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems = problems or []

    def clean(self) -> dict[str, Any]:
        for problem in self.problems:
            self.add_error(None, problem)
        return super().clean() or {}


_PAGES = {
    "open": ("Open {name}?", "Open the round", "govuk-button"),
    "close": ("Close {name}?", "Close the round", "govuk-button govuk-button--warning"),
    "reopen": ("Reopen {name}?", "Reopen the round", "govuk-button"),
}
_BLOCKED_HEADINGS = {
    "open": "{name} cannot be opened now",
    "close": "{name} cannot be closed now",
    "reopen": "{name} cannot be reopened now",
}


def _confirm_page(
    request: HttpRequest,
    a_round: Round,
    action: str,
    form: ConfirmForm,
    status: int = 200,
    blocked_by: list[str] | None = None,
) -> HttpResponse:
    """`blocked_by` lists why the change cannot be made now: the page then says so, offers a link
    to change the dates when the closing date is the reason, and shows no button."""
    heading, button, button_class = _PAGES[action]
    if blocked_by:
        heading = _BLOCKED_HEADINGS[action]
    return render(
        request,
        "partnerships/round_confirm.html",
        {
            "form": form,
            "partnership": a_round.partnership,
            "round": a_round,
            "action": action,
            "heading": heading.format(name=a_round.name),
            "button": button,
            "button_class": button_class,
            "grace_hours": int(CLOSING_GRACE.total_seconds() // 3600),
            "back_url": a_round.get_absolute_url(),
            "blocked_by": blocked_by or [],
            "closing_date_passed": action != "close" and a_round.closes_on < timezone.localdate(),
        },
        status=status,
    )


def _problems(a_round: Round, action: str) -> list[str]:
    if action == "open":
        if a_round.status != RoundStatus.DRAFT:
            return [f"{a_round.name} is {a_round.get_status_display().lower()}, so it cannot be opened"]
        return opening_problems(a_round)
    if action == "close":
        if a_round.status != RoundStatus.OPEN:
            return [f"{a_round.name} is {a_round.get_status_display().lower()}, so it cannot be closed"]
        return []
    if not a_round.in_grace():
        return [
            f"{a_round.name} can be reopened only in the {int(CLOSING_GRACE.total_seconds() // 3600)} "
            "hours after it closed"
        ]
    return opening_problems(a_round)


@partnership_view(MANAGE)
def round_confirm(
    request: HttpRequest, access: PartnershipAccess, round_id: int, action: str
) -> HttpResponse:
    """The GOV.UK confirmation page before opening, closing or reopening a round. A change that
    would be refused is explained here instead, with no button, so the page never promises what
    pressing it cannot do."""
    if action not in _PAGES:
        raise Http404("No such change")
    a_round = round_for(access, round_id)
    return _confirm_page(request, a_round, action, ConfirmForm(), blocked_by=_problems(a_round, action))


@require_POST
@partnership_view(MANAGE)
def round_status(request: HttpRequest, access: PartnershipAccess, round_id: int, action: str) -> HttpResponse:
    """Open, close or reopen, each one conditional UPDATE so two coordinators cannot both succeed;
    a change that is not possible re-shows the confirmation page with the reason."""
    if action not in _PAGES:
        raise Http404("No such change")
    a_round = round_for(access, round_id)
    problems = _problems(a_round, action)
    form = ConfirmForm(request.POST, problems=problems)
    if not form.is_valid():
        return _confirm_page(request, a_round, action, form, blocked_by=problems)
    now = timezone.now()
    rounds = Round.objects.filter(pk=a_round.pk)
    with transaction.atomic():
        if action == "open":
            done = rounds.filter(status=RoundStatus.DRAFT).update(status=RoundStatus.OPEN)
            for agency in a_round.partnership.agencies.filter(archived=False):
                Invitation.objects.get_or_create(round=a_round, agency=agency)
            if not a_round.invitations.filter(agency=None).exists():
                Invitation.objects.create(round=a_round, agency=None)
            waiting = list(
                InvitationRecipient.objects.filter(invitation__round=a_round, last_sent_on=None).values_list(
                    "pk", flat=True
                )
            )
            site = request.build_absolute_uri("/")
            queue_invitation_emails(waiting, kind=INVITATION, site_url=site)
            text = f"{a_round.name} is open"
        elif action == "close":
            done = rounds.filter(status=RoundStatus.OPEN).update(status=RoundStatus.CLOSED, closed_at=now)
            text = (
                f"{a_round.name} is closed. You can reopen it in the next "
                f"{int(CLOSING_GRACE.total_seconds() // 3600)} hours"
            )
        else:
            done = rounds.filter(status=RoundStatus.CLOSED, closed_at__gt=now - CLOSING_GRACE).update(
                status=RoundStatus.OPEN, closed_at=None
            )
            text = f"{a_round.name} is open again"
    if done:
        messages.success(request, text)
    else:
        messages.error(request, f"{a_round.name} changed while you were looking at it: nothing was done")
    return redirect(a_round)


def close_due_rounds(now: Any = None) -> tuple[list[Round], int]:
    """Close every open round whose closing date has passed, and forget the e-mail addresses of
    rounds closed longer than the grace period. Returns (rounds closed, addresses deleted)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = list(Round.objects.filter(status=RoundStatus.OPEN, closes_on__lt=today))
    closed = [
        a_round
        for a_round in due
        if Round.objects.filter(pk=a_round.pk, status=RoundStatus.OPEN).update(
            status=RoundStatus.CLOSED, closed_at=now
        )
    ]
    deleted, _ = InvitationRecipient.objects.filter(
        invitation__round__status=RoundStatus.CLOSED, invitation__round__closed_at__lte=now - CLOSING_GRACE
    ).delete()
    return closed, deleted


class RoundEditForm(GovukFormMixin, forms.ModelForm):
    """Rename a round, move its closing date and set its reminder schedule."""

    closes_on = GovukDateField(
        label="Closes on",
        subject="The closing date",
        help_text="The round closes by itself at the end of this day",
        error_messages={"required": "Enter the date the round closes"},
    )

    class Meta:
        model = Round
        fields = ["name", "closes_on", "reminder_days"]
        labels = {"name": "Round name", "reminder_days": "E-mail reminders (optional)"}
        help_texts = {
            "reminder_days": "How many days before the closing date to remind people who were e-mailed "
            "and have not used their single-use link, separated by commas. For example, 7, 3"
        }
        error_messages = {"name": {"required": "Enter a name for the round"}}

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        clash = Round.objects.filter(partnership=self.instance.partnership, name__iexact=name).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError("This partnership already has a round with that name")
        return name

    clean_reminder_days = RoundForm.clean_reminder_days

    def clean_closes_on(self) -> Any:
        closes = self.cleaned_data["closes_on"]
        if closes < self.instance.opens_on:
            raise forms.ValidationError("The closing date must be the same as or after the opening date")
        if self.instance.status == RoundStatus.OPEN and closes < timezone.localdate():
            raise forms.ValidationError("The closing date of an open round must be today or later")
        return closes


@partnership_view(MANAGE)
def round_edit(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    a_round = round_for(access, round_id)
    form = RoundEditForm(request.POST or None, instance=a_round)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{a_round.name} has been saved")
        return redirect(a_round)
    return render(
        request,
        "partnerships/round_edit.html",
        {
            "form": form,
            "partnership": access.partnership,
            "round": a_round,
            "back_url": a_round.get_absolute_url(),
        },
    )


@partnership_view(MANAGE)
def round_archive(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    a_round = round_for(access, round_id)
    problems = (
        [f"{a_round.name} is open. Close it before you archive it"]
        if a_round.status == RoundStatus.OPEN and not a_round.archived
        else []
    )
    form = ConfirmForm(request.POST if request.method == "POST" else None, problems=problems)
    if request.method == "POST" and form.is_valid():
        a_round.archived = not a_round.archived
        a_round.save(update_fields=["archived"])
        messages.success(
            request,
            f"{a_round.name} has been {'archived' if a_round.archived else 'brought back from the archive'}",
        )
        return redirect(a_round)
    return render(
        request,
        "partnerships/archive_confirm.html",
        {
            "form": form,
            "partnership": access.partnership,
            "thing": a_round.name,
            "archived": a_round.archived,
            "open_round": a_round.status == RoundStatus.OPEN,
            "back_url": a_round.get_absolute_url(),
        },
    )


MAX_ADDRESSES_AT_ONCE = 500


class EmailInvitationForm(GovukFormMixin, forms.Form):
    invitation = forms.TypedChoiceField(
        label="Which agency are these people in?",
        coerce=int,
        error_messages={
            "required": "Select the agency these people are in",
            "invalid_choice": "Select one of this round's agencies",
        },
    )
    addresses = forms.CharField(
        label="E-mail addresses",
        help_text="One on each line, or separated by commas. They are used only to send the invitation and "
        "reminders, never stored with any answer, and deleted once the round has closed.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter at least one e-mail address"},
    )
    single_use = forms.TypedChoiceField(
        label="Which link should each person get?",
        coerce=lambda value: value == "yes",
        choices=[
            (
                "yes",
                "Their own single-use link (recommended: each person answers once, and reminders go only "
                "to people who have not used theirs)",
            ),
            ("no", "The agency's shared link (reminders go to everyone)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select which link each person should get"},
    )

    def __init__(self, *args: Any, invitations: list[Invitation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["invitation"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(i.pk, str(i.agency or "Any agency (they choose)")) for i in invitations]

    def clean_addresses(self) -> list[str]:
        from django.core.validators import validate_email

        raw = self.cleaned_data["addresses"].replace(",", "\n").replace(";", "\n").split("\n")
        found: list[str] = []
        for line in raw:
            address = line.strip().strip("<>").lower()
            if not address:
                continue
            try:
                validate_email(address)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    f"'{address[:80]}' is not an e-mail address. Enter addresses like name@example.org"
                ) from error
            if address not in found:
                found.append(address)
        if not found:
            raise forms.ValidationError("Enter at least one e-mail address")
        if len(found) > MAX_ADDRESSES_AT_ONCE:
            raise forms.ValidationError(f"Enter {MAX_ADDRESSES_AT_ONCE} addresses or fewer at a time")
        return found


@partnership_view(MANAGE)
def round_emails(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    """E-mail an agency's people their invitation; the number invited grows by the new addresses."""
    from joinedup.web.survey.models import SingleUseLink

    a_round = round_for(access, round_id)
    invitations = list(a_round.invitations.select_related("agency").order_by("agency__name"))
    form = EmailInvitationForm(request.POST or None, invitations=invitations)
    if request.method == "POST" and form.is_valid() and a_round.status == RoundStatus.CLOSED:
        form.add_error(None, f"{a_round.name} is closed, so nobody can be invited to it")
    if request.method == "POST" and form.is_valid():
        invitation = next(i for i in invitations if i.pk == form.cleaned_data["invitation"])
        known = set(InvitationRecipient.objects.filter(invitation=invitation).values_list("email", flat=True))
        opted_out = set(
            EmailOptOut.objects.filter(partnership=access.partnership).values_list("address_hash", flat=True)
        )
        new = [
            a for a in form.cleaned_data["addresses"] if a not in known and address_hash(a) not in opted_out
        ]
        skipped = len(form.cleaned_data["addresses"]) - len(new)
        with transaction.atomic():
            recipients = []
            for address in new:
                link = (
                    SingleUseLink.objects.create(invitation=invitation)
                    if form.cleaned_data["single_use"]
                    else None
                )
                recipients.append(
                    InvitationRecipient.objects.create(invitation=invitation, email=address, link=link)
                )
            Invitation.objects.filter(pk=invitation.pk).update(invited=(invitation.invited or 0) + len(new))
        ids = [r.pk for r in recipients]
        site = request.build_absolute_uri("/")
        if a_round.status == RoundStatus.OPEN:
            queue_invitation_emails(ids, kind=INVITATION, site_url=site)
            text = f"Invitation sent to {len(new)} address{pluralize(len(new), 'es')}"
        else:
            saved = f"{len(new)} address{pluralize(len(new), 'es')} saved"
            text = f"{saved}. The invitations go when you open the round"
        if skipped:
            text += f" ({skipped} left out: already invited or asked for no e-mail)"
        messages.success(request, text)
        return redirect(a_round)
    return render(
        request,
        "partnerships/round_emails.html",
        {
            "form": form,
            "partnership": access.partnership,
            "round": a_round,
            "back_url": a_round.get_absolute_url(),
            "recipients": InvitationRecipient.objects.filter(invitation__round=a_round).count(),
        },
    )
