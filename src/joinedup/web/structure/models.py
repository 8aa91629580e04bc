"""The partnership's structure and accountability records, as the coordinator keeps them.

Each model mirrors a plain record of `joinedup.checks.records` and converts to it with
`to_record()`, so the checks never see Django. Every model keeps its change history
(django-simple-history): these are accountability records, and who changed a target or
dropped an action, and when, is part of the account.

Agencies are the partnership's member agencies. Where losing an agency should leave a
visible gap (a target's owner), the link is cleared and the checks report the gap; where a
record makes no sense without its agency (a funding line, a post, an action's owner), the
agency cannot be deleted while the record exists.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from joinedup.checks import records
from joinedup.checks.raci import cell_letters, raci_cell
from joinedup.evidence.ids import FACTOR_IDS
from joinedup.formatting import long_date
from joinedup.web.partnerships.models import Agency, Partnership
from joinedup.web.text_limits import TextBlock, TextLine


def _choices(enum: type[StrEnum], labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(member.value, labels[member.value]) for member in enum]


POLARITY_CHOICES = _choices(records.Polarity, {"higher": "Higher is better", "lower": "Lower is better"})
MEETING_TYPE_CHOICES = _choices(
    records.MeetingType,
    {"board": "Board", "operational": "Operational group", "team-around-the-child": "Team around the child"},
)
LEVEL_CHOICES = _choices(
    records.AttendanceLevel, {"strategic": "Strategic", "manager": "Manager", "practitioner": "Practitioner"}
)
MEETING_ACTION_STATUS_CHOICES = _choices(
    records.MeetingActionStatus, {"raised": "Raised", "carried-over": "Carried over", "done": "Done"}
)
MECHANISM_CHOICES = _choices(
    records.FundingMechanism,
    {
        "pooled": "Pooled budget",
        "aligned": "Aligned budgets",
        "single-agency": "Single agency",
        "grant": "Grant",
    },
)
CERTAINTY_CHOICES = _choices(
    records.FundingCertainty,
    {"recurring": "Recurring", "time-limited": "Time-limited", "bid": "Depends on a bid"},
)
CONTRACT_CHOICES = _choices(records.ContractType, {"permanent": "Permanent", "fixed-term": "Fixed-term"})
ACTION_STATUS_CHOICES = _choices(
    records.ActionStatus,
    {"not-started": "Not started", "in-progress": "In progress", "done": "Done", "dropped": "Dropped"},
)
FACTOR_CHOICES = [(factor_id, factor_id) for factor_id in FACTOR_IDS]


def next_reference(existing: QuerySet[Any], prefix: str) -> str:
    """The first free reference of the form `<prefix><n>`, counting on from how many exist."""
    taken = set(existing.values_list("reference", flat=True))
    number = len(taken) + 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def _optional_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# --- roles -------------------------------------------------------------------------------


class RaciTask(models.Model):
    """A row of the responsibility matrix: a function or task the partnership must cover."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="raci_tasks")
    name = TextLine(max_length=200)
    competence = TextLine(
        max_length=120,
        blank=True,
        help_text="The competence an agency needs to be responsible for this task, if any.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_raci_task_per_partnership")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("structure:task", args=[self.partnership.slug, self.pk])

    def to_record(self) -> records.RaciTask:
        return records.RaciTask(name=self.name, competence=self.competence or None)


def normalise_letters(letters: str) -> str:
    """The cell's letters as stored (R, A, C, I order), by the one rule of `joinedup.checks.raci`;
    RaciCellError (a ValueError) for a cell the rule refuses."""
    return cell_letters(raci_cell(letters))


class RaciCell(models.Model):
    """One agency's letters for one task; an empty cell is no row at all."""

    task = models.ForeignKey(RaciTask, on_delete=models.CASCADE, related_name="cells")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="raci_cells")
    letters = models.CharField(max_length=4, help_text="R, A, C and/or I, in that order.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["task", "agency"], name="one_raci_cell_per_task_and_agency")
        ]

    def __str__(self) -> str:
        return f"{self.task} / {self.agency}: {self.letters}"

    def clean(self) -> None:
        try:
            self.letters = normalise_letters(self.letters)
        except ValueError as error:
            raise ValidationError({"letters": f"{self.letters} {error}"}) from error
        if not self.letters:
            raise ValidationError({"letters": "An empty cell is recorded by leaving it out"})

    def to_records(self) -> list[records.RoleAssignment]:
        return [
            records.RoleAssignment(
                task=self.task.name, agency=self.agency.name, role=records.RaciRole(letter)
            )
            for letter in self.letters
        ]


class AgencyCompetence(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="competences")
    competence = TextLine(max_length=120)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name", "competence"]
        verbose_name_plural = "agency competences"
        constraints = [
            models.UniqueConstraint(fields=["agency", "competence"], name="unique_competence_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.competence}"

    def to_record(self) -> records.AgencyCompetence:
        return records.AgencyCompetence(agency=self.agency.name, competence=self.competence)


# --- targets -----------------------------------------------------------------------------


class Target(models.Model):
    """A joint target; fields a real plan may lack are optional so the check can name the gap."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="targets")
    reference = TextLine(max_length=40)
    title = TextLine(max_length=200)
    measure = TextLine(max_length=300, blank=True)
    unit = TextLine(max_length=40, blank=True)
    polarity = models.CharField(max_length=10, choices=POLARITY_CHOICES, blank=True)
    baseline = models.FloatField(null=True, blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    target_value = models.FloatField(null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_targets",
        verbose_name="owning agency",
    )
    responsible_party = TextLine(
        max_length=200,
        blank=True,
        help_text="Who acts if progress is unsatisfactory, for example the chief officers' group.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="unique_target_per_partnership")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("structure:target", args=[self.partnership.slug, self.pk])

    def to_record(self) -> records.Target:
        return records.Target(
            reference=self.reference,
            title=self.title,
            measure=self.measure or None,
            unit=self.unit or None,
            polarity=records.Polarity(self.polarity) if self.polarity else None,
            baseline=self.baseline,
            baseline_date=self.baseline_date,
            target_value=self.target_value,
            target_date=self.target_date,
            owner=self.owner.name if self.owner else None,
            responsible_party=self.responsible_party or None,
        )


class TargetReading(models.Model):
    """A value as of a date; `reported_by` empty is the agreed reading, else that partner's own."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="readings")
    as_of = models.DateField()
    value = models.FloatField()
    reported_by = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="target_readings"
    )
    note = TextBlock(max_length=2000, blank=True, help_text="The story behind the curve.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["target", "as_of", "reported_by__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "as_of", "reported_by"],
                condition=models.Q(reported_by__isnull=False),
                name="one_partner_reading_per_target_and_date",
            ),
            models.UniqueConstraint(
                fields=["target", "as_of"],
                condition=models.Q(reported_by__isnull=True),
                name="one_agreed_reading_per_target_and_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target.reference} {long_date(self.as_of)}: {self.value:g} ({self.reporter})"

    @property
    def reporter(self) -> str:
        return self.reported_by.name if self.reported_by else "agreed"

    def to_record(self) -> records.TargetReading:
        return records.TargetReading(
            target=self.target.reference,
            as_of=self.as_of,
            value=self.value,
            reported_by=self.reported_by.name if self.reported_by else None,
            note=self.note,
        )


# --- meetings ----------------------------------------------------------------------------


class Meeting(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    reference = TextLine(max_length=40)
    held_on = models.DateField()
    kind = models.CharField("type", max_length=30, choices=MEETING_TYPE_CHOICES)
    decisions = TextBlock(max_length=2000, blank=True, help_text="One decision a line.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-held_on", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="unique_meeting_per_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_kind_display()}, {long_date(self.held_on)})"

    def get_absolute_url(self) -> str:
        return reverse("structure:meeting", args=[self.partnership.slug, self.pk])

    @property
    def decision_list(self) -> list[str]:
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]

    def to_record(self) -> records.Meeting:
        return records.Meeting(
            reference=self.reference,
            held_on=self.held_on,
            kind=records.MeetingType(self.kind),
            attendance=tuple(a.to_record() for a in self.attendance.all()),
            decisions=tuple(self.decision_list),
            actions=tuple(a.to_record() for a in self.actions.all()),
        )


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="attendance")
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "agency__name"]
        verbose_name_plural = "meeting attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "agency"], name="one_attendance_per_meeting_and_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} at {self.meeting.reference} ({self.level})"

    def to_record(self) -> records.MeetingAttendance:
        return records.MeetingAttendance(agency=self.agency.name, level=records.AttendanceLevel(self.level))


class MeetingAction(models.Model):
    """An action as it stood at one meeting; the same reference links it across meetings."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    reference = TextLine(max_length=40)
    description = TextLine(max_length=300)
    status = models.CharField(max_length=20, choices=MEETING_ACTION_STATUS_CHOICES)
    owner = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "reference"], name="one_appearance_per_meeting_action")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.description}"

    def to_record(self) -> records.MeetingAction:
        return records.MeetingAction(
            reference=self.reference,
            description=self.description,
            status=records.MeetingActionStatus(self.status),
            owner=self.owner.name if self.owner else None,
        )


# --- funding and posts -------------------------------------------------------------------


class FundingLine(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="funding_lines")
    reference = TextLine(max_length=40)
    source = TextLine(max_length=200)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="funding_lines", verbose_name="contributing agency"
    )
    amount_per_year = models.DecimalField(max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    mechanism = models.CharField(max_length=20, choices=MECHANISM_CHOICES)
    certainty = models.CharField(max_length=20, choices=CERTAINTY_CHOICES)
    legal_basis = TextLine(max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="unique_funding_line_per_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.source}"

    def get_absolute_url(self) -> str:
        return reverse("structure:funding_line", args=[self.partnership.slug, self.pk])

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The end date must be the same as or after the start date"})

    def to_record(self) -> records.FundingLine:
        return records.FundingLine(
            reference=self.reference,
            source=self.source,
            agency=self.agency.name,
            amount_per_year=float(self.amount_per_year),
            mechanism=records.FundingMechanism(self.mechanism),
            certainty=records.FundingCertainty(self.certainty),
            legal_basis=self.legal_basis or None,
            start=self.start,
            end=self.end,
        )


class Post(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="posts")
    reference = TextLine(max_length=40)
    title = TextLine(max_length=200)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="posts", verbose_name="employing agency"
    )
    funded_by = models.ManyToManyField(FundingLine, related_name="posts", verbose_name="paid from")
    contract = models.CharField(max_length=20, choices=CONTRACT_CHOICES)
    end = models.DateField("contract end", null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[funded_by])

    class Meta:
        ordering = ["partnership", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="unique_post_per_partnership")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("structure:post", args=[self.partnership.slug, self.pk])

    def to_record(self) -> records.Post:
        return records.Post(
            reference=self.reference,
            title=self.title,
            agency=self.agency.name,
            funded_by=tuple(line.reference for line in self.funded_by.all()),
            contract=records.ContractType(self.contract),
            end=self.end,
        )


class UnfundedCost(models.Model):
    """A cost or service the partnership needs and no partner has agreed to pay for."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="unfunded_costs")
    reference = TextLine(max_length=40)
    description = TextLine(max_length=300)
    amount_per_year = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    agencies = models.ManyToManyField(
        Agency, blank=True, related_name="unfunded_costs", help_text="The agencies that might pay."
    )
    note = TextBlock(max_length=2000, blank=True)
    history = HistoricalRecords(m2m_fields=[agencies])

    class Meta:
        ordering = ["partnership", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="unique_unfunded_cost_per_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.description}"

    def get_absolute_url(self) -> str:
        return reverse("structure:unfunded_cost", args=[self.partnership.slug, self.pk])

    def to_record(self) -> records.UnfundedCost:
        return records.UnfundedCost(
            reference=self.reference,
            description=self.description,
            amount_per_year=_optional_float(self.amount_per_year),
            agencies=tuple(agency.name for agency in self.agencies.all()),
            note=self.note,
        )


# --- action plan -------------------------------------------------------------------------


class ActionItem(models.Model):
    """An item of the action plan; `finding_key` ties it to the finding whose recommendation
    the partnership accepted, so the next round can tell whether the finding went away."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="action_items")
    reference = TextLine(max_length=40)
    what = TextLine(max_length=300)
    owner = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="action_items", verbose_name="owner agency"
    )
    due = models.DateField("due date", null=True, blank=True)
    success_measure = TextLine(max_length=300, blank=True, help_text="How you will know it worked.")
    status = models.CharField(
        max_length=20, choices=ACTION_STATUS_CHOICES, default=records.ActionStatus.NOT_STARTED.value
    )
    factor = models.CharField(max_length=40, choices=FACTOR_CHOICES, blank=True)
    finding_key = TextLine(max_length=200, blank=True)
    intervention = models.CharField(
        max_length=80,
        blank=True,
        help_text="The evidence base's intervention id when the action came from a recommendation, "
        "so learning records can say which intervention a partnership tried.",
    )
    created_on = models.DateField(default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "due", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="unique_action_per_partnership")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.what}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """An action added without a reference (say, from an accepted recommendation) is numbered."""
        if not self.reference:
            self.reference = next_reference(ActionItem.objects.filter(partnership=self.partnership), "A")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("structure:action", args=[self.partnership.slug, self.pk])

    def is_overdue(self, today: date) -> bool:
        open_statuses = {records.ActionStatus.NOT_STARTED.value, records.ActionStatus.IN_PROGRESS.value}
        return self.due is not None and self.due < today and self.status in open_statuses

    def to_record(self) -> records.ActionItem:
        return records.ActionItem(
            reference=self.reference,
            what=self.what,
            owner=self.owner.name,
            status=records.ActionStatus(self.status),
            due=self.due,
            factor=self.factor or None,
            finding=self.finding_key or None,
            intervention=self.intervention or None,
            updates=tuple(update.to_record() for update in self.updates.all()),
            success_measure=self.success_measure,
            created_on=self.created_on,
        )


class ActionUpdate(models.Model):
    """A dated note on an action's progress; the latest update sets the action's status."""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField("date")
    status = models.CharField(max_length=20, choices=ACTION_STATUS_CHOICES)
    note = TextBlock(max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.action.reference} {long_date(self.on)}: {self.get_status_display()}"

    def to_record(self) -> records.ActionUpdate:
        return records.ActionUpdate(on=self.on, status=records.ActionStatus(self.status), note=self.note)
