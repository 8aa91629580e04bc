"""The coordinator's records: partnerships, their agencies and people, rounds and invitations.

Answers live in `Response` and carry nothing that could identify the person who
gave them: no user, no IP address, no user agent and no time finer than the day.
Invitations count how many people an agency asked; they are never linked to an answer.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from joinedup.instrument import Instrument
from joinedup.instrument.pinned import InstrumentChanged as InstrumentChanged
from joinedup.instrument.pinned import load_pinned_instrument
from joinedup.instrument.responses import MIN_GROUP_SIZE
from joinedup.web.text_limits import EmailLine, TextBlock, TextLine


class Nation(models.TextChoices):
    SCOTLAND = "scotland", "Scotland"
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


class Partnership(models.Model):
    name = TextLine(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    nation = models.CharField(max_length=20, choices=Nation.choices, default=Nation.SCOTLAND)
    description = TextBlock(max_length=2000, blank=True)
    survey_in_welsh = models.BooleanField(
        default=False,
        help_text="Offer respondents the self-assessment in Welsh (Cymraeg) as well as English. "
        "Partnerships in Wales always offer it.",
    )
    created_on = models.DateField(default=timezone.localdate, editable=False)
    archived = models.BooleanField(default=False, help_text="Hidden from lists but kept, with its history")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="unique_partnership_name_ci")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", args=[self.slug])


class Agency(models.Model):
    """A member agency; `coarse_group` is used to merge small groups before suppression."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agencies")
    name = TextLine(max_length=120)
    agency_type = models.CharField(max_length=60, blank=True)
    coarse_group = models.CharField(max_length=60, blank=True)
    archived = models.BooleanField(default=False, help_text="Hidden from lists and new rounds but kept")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_agency_name_per_partnership")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Coordinator"
    PARTNER_LEAD = "partner_lead", "Partner lead"
    VIEWER = "viewer", "Viewer"


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_membership_per_partnership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} of {self.partnership}"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Round(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="rounds")
    name = TextLine(max_length=80)
    opens_on = models.DateField()
    closes_on = models.DateField()
    instrument_version = models.CharField(max_length=20)
    instrument_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    min_group_size = models.PositiveSmallIntegerField(
        default=MIN_GROUP_SIZE,
        validators=[MinValueValidator(MIN_GROUP_SIZE)],
        help_text=f"No figure is shown for a group smaller than this. It cannot be below {MIN_GROUP_SIZE}.",
    )
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    one_response_per_browser = models.BooleanField(
        default=True,
        help_text="Refuse a second complete response from a browser that has already sent one. "
        "Switch off when people share one computer or tablet.",
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_days = TextLine(
        max_length=40,
        blank=True,
        help_text="Days before closing on which e-mail reminders go, largest first, for example '7,3'",
    )
    archived = models.BooleanField(default=False, help_text="Hidden from lists but kept, with its history")
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "opens_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_round_name_per_partnership"),
            models.CheckConstraint(
                condition=models.Q(min_group_size__gte=MIN_GROUP_SIZE), name="round_min_group_size_at_least_5"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:round", args=[self.partnership.slug, self.pk])

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError(
                {"closes_on": "The closing date must be the same as or after the opening date"}
            )
        if self.pk is not None and self.responses.exists():
            stored = Round.objects.filter(pk=self.pk).values_list("min_group_size", flat=True).first()
            if stored is not None and self.min_group_size < stored:
                raise ValidationError(
                    {
                        "min_group_size": "This round has answers, so its minimum group size cannot go below "
                        f"{stored}: people answered on that promise"
                    }
                )

    def has_survey_answers(self) -> bool:
        """Whether anyone has answered through the survey links (a response from no import)."""
        return self.responses.filter(import_batch__isnull=True).exists()

    def has_imports(self) -> bool:
        """Whether responses were imported from a file, which closes the survey links for good.

        A round takes its answers from one source only: padding a small group of real survey
        answers with made-up imported rows (or the reverse) would let the figures reveal them.
        """
        return self.imports.exists()

    def instrument(self) -> Instrument:
        """The round's version of the self-assessment, refused if it changed since the round began."""
        return load_pinned_instrument(self.instrument_version, self.instrument_fingerprint, used_by=str(self))

    @property
    def accepts_answers(self) -> bool:
        return self.status == RoundStatus.OPEN

    def in_grace(self, now: Any = None) -> bool:
        """Closed less than `CLOSING_GRACE` ago: it can be reopened, and a respondent who started
        before it closed can still finish and send."""
        if self.status != RoundStatus.CLOSED or self.closed_at is None:
            return False
        return (now or timezone.now()) < self.closed_at + CLOSING_GRACE

    def reminder_schedule(self) -> list[int]:
        """`reminder_days` as whole days before closing, largest first."""
        return parse_reminder_days(self.reminder_days)

    def previous(self) -> Round | None:
        return (
            Round.objects.filter(partnership=self.partnership, opens_on__lt=self.opens_on)
            .order_by("-opens_on", "-pk")
            .first()
        )


CLOSING_GRACE = timedelta(hours=24)


def parse_reminder_days(text: str) -> list[int]:
    """'7, 3' -> [7, 3]; raises ValueError naming the first part that is not a whole number of days."""
    days: set[int] = set()
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 90:
            raise ValueError(part)
        days.add(int(part))
    return sorted(days, reverse=True)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A link for one agency's people; `invited` is how many were asked, for response rates."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people were sent this link"
    )

    class Meta:
        ordering = ["round", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "agency"], name="one_invitation_per_agency_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.agency or 'any agency'}"

    def get_absolute_url(self) -> str:
        return reverse("survey:start", args=[self.token])


class ImportBatch(models.Model):
    """One uploaded or command-line file of responses; kept so an import can be traced and undone."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="imports")
    filename = TextLine(max_length=255)
    source_format = models.CharField(max_length=20)
    rows = models.PositiveIntegerField()
    imported_on = models.DateField(default=timezone.localdate)

    def __str__(self) -> str:
        return f"{self.filename} ({self.rows} responses)"


class Response(models.Model):
    """One anonymous set of answers. Deliberately without user, IP, user agent or time of day."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="responses")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="responses")
    role_group = models.CharField(max_length=60)
    submitted_on = models.DateField(default=timezone.localdate)
    answers = models.JSONField(default=dict, help_text="item id → 1..5, or 0 for don't know")
    comments = models.JSONField(default=dict, blank=True, help_text="factor id → free text")
    # NULL, not "", for imported responses: the uniqueness constraint must ignore them.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001
    import_batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="responses"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "idempotency_key"], name="one_response_per_submission")
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.round}"


class MembershipInvitation(models.Model):
    """A coordinator's offer of a role in a partnership; a Membership exists only once it is accepted.

    `user` is set when the coordinator named an existing account (by username or e-mail address);
    `email` is kept instead when no account had that address yet, so whoever signs in with it later
    sees the offer. The token names the invitation in links, so its id cannot be guessed.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="member_invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="partnership_invitations",
    )
    email = EmailLine(max_length=254, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""),
                name="member_invitation_names_someone",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(declined_at__isnull=True),
                name="member_invitation_accepted_or_declined_not_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.email} invited to {self.partnership} as {self.get_role_display()}"

    @property
    def pending(self) -> bool:
        return self.accepted_at is None and self.declined_at is None


def address_hash(email: str) -> str:
    """What an opt-out keeps of an address: its SHA-256, never the address itself."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class InvitationRecipient(models.Model):
    """One address a round's invitation was e-mailed to, kept only to send reminders.

    It has no link to any response (and `Response` none to it). When single-use links are on it
    names the person's link, whose `used` flag says only that the link was used, so reminders go
    to the others. Every row of a round is deleted once the round has closed for good
    (`close_due_rounds`), so no address outlives the round.
    """

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="recipients")
    email = EmailLine(max_length=254)
    link = models.OneToOneField(
        "survey.SingleUseLink", on_delete=models.CASCADE, null=True, blank=True, related_name="recipient"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    unsubscribed = models.BooleanField(default=False)
    last_sent_on = models.DateField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invitation", "email"], name="one_recipient_per_address_per_link")
        ]

    def __str__(self) -> str:
        return f"Recipient {self.pk} of {self.invitation}"


class EmailOptOut(models.Model):
    """An address that asked for no more survey e-mail from a partnership, kept only as a hash."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="email_opt_outs")
    address_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "address_hash"], name="one_opt_out_per_address")
        ]

    def __str__(self) -> str:
        return f"Opt-out {self.pk} from {self.partnership}"
