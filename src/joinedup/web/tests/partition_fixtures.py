"""Two complete partnerships, A and B, for the tests that prove one never sees the other.

Each has agencies, a coordinator, a partner lead and a viewer, a draft, an open and a closed
round (the closed one with comments from two agencies above the minimum group size and one
below it), survey links, an import batch, every kind of structure record (the demo's, from
`load_demo_structure`), lessons, comment tags, a tag correction and a recommendation decision.

Every piece of text that B owns carries the marker `B_MARKER` ("Zebracorn"): agency names, record
titles and notes, comments, lessons, usernames, the slug. A leak of B into a page seen from A is
then found by a plain string search, together with B's survey tokens (`World.b_secrets`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.contrib.auth.models import User
from django.db import models
from django.test import Client

from joinedup.instrument import load_instrument
from joinedup.instrument.reference import load_agency_types
from joinedup.web.comments.arrival import tag_untagged
from joinedup.web.comments.disclosure import round_groups
from joinedup.web.comments.models import CommentTag, Lesson, TagCorrection
from joinedup.web.comments.summary import listable_comments
from joinedup.web.partnerships.demo import AGENCIES
from joinedup.web.partnerships.models import (
    Agency,
    ImportBatch,
    Invitation,
    InvitationRecipient,
    Membership,
    MembershipInvitation,
    Partnership,
    Response,
    Role,
    Round,
    RoundStatus,
)
from joinedup.web.reporting.models import Decision, RecommendationDecision, ReportBuild
from joinedup.web.structure import models as structure
from joinedup.web.structure.demo import load_demo_structure

B_MARKER = "Zebracorn"
A_MARKER = "Alderbank"
PASSWORD = "a-long-enough-password"
TODAY = date(2026, 6, 1)

# Text fields of the structure records that are codes or choices rather than names or prose.
_CODE_FIELDS = {
    "reference",
    "letters",
    "status",
    "kind",
    "level",
    "polarity",
    "mechanism",
    "certainty",
    "contract",
    "factor",
    "finding_key",
    "unit",
}
_STRUCTURE_MODELS: tuple[type[models.Model], ...] = (
    structure.RaciTask,
    structure.AgencyCompetence,
    structure.Target,
    structure.TargetReading,
    structure.Meeting,
    structure.MeetingAction,
    structure.FundingLine,
    structure.Post,
    structure.UnfundedCost,
    structure.ActionItem,
    structure.ActionUpdate,
)


@dataclass
class Side:
    """One partnership and everything in it that a URL can name."""

    partnership: Partnership
    marker: str
    agencies: list[Agency]
    coordinator: User
    lead: User
    viewer: User
    draft: Round
    open: Round
    closed: Round
    invitation: Invitation
    batch: ImportBatch
    comment_tag: CommentTag
    lesson: Lesson
    member_invitation: MembershipInvitation
    """A pending offer of membership to an account that is none of the walk's visitors."""
    join_invitation: MembershipInvitation
    """A pending offer to an e-mail address with no account yet (its link sets a password)."""
    recipient: InvitationRecipient
    report_build: ReportBuild
    """An address the open round's survey link was e-mailed to (its token unsubscribes it)."""
    records: dict[str, models.Model] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.partnership.slug

    @property
    def open_token(self) -> str:
        return self.open.invitations.filter(agency__isnull=True).get().token

    def tokens(self) -> list[str]:
        survey = Invitation.objects.filter(round__partnership=self.partnership).values_list(
            "token", flat=True
        )
        recipients = InvitationRecipient.objects.filter(invitation__round__partnership=self.partnership)
        offers = [
            *self.partnership.member_invitations.values_list("token", flat=True),
            *recipients.values_list("token", flat=True),
        ]
        single_use = [
            link.token
            for invitation in Invitation.objects.filter(round__partnership=self.partnership)
            for link in invitation.single_use_links.all()
        ]
        return [*survey, *offers, *single_use]


@dataclass
class World:
    a: Side
    b: Side
    outsider: User
    staff: User
    superuser: User

    def b_secrets(self) -> list[str]:
        """Strings that must never appear in anything shown to someone outside B."""
        names = [agency.name for agency in self.b.agencies]
        users = [self.b.coordinator.get_username(), self.b.lead.get_username(), self.b.viewer.get_username()]
        return [B_MARKER, B_MARKER.lower(), *names, *users, *self.b.tokens()]


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _user(username: str, *, is_staff: bool = False, is_superuser: bool = False) -> User:
    return User.objects.create_user(username, password=PASSWORD, is_staff=is_staff, is_superuser=is_superuser)


def _mark_structure(partnership: Partnership, marker: str) -> None:
    """Prefix every name and note of the partnership's structure records with its marker."""
    for model in _STRUCTURE_MODELS:
        text_fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and f.name not in _CODE_FIELDS
        ]
        rows = model._default_manager.filter(**{_partnership_path(model): partnership})
        for row in rows:
            changed = {
                f.name: f"{marker} {getattr(row, f.name)}"[: f.max_length or None]
                for f in text_fields
                if getattr(row, f.name)
            }
            if changed:
                model._default_manager.filter(pk=row.pk).update(**changed)


def _partnership_path(model: type[models.Model]) -> str:
    paths = {
        structure.AgencyCompetence: "agency__partnership",
        structure.TargetReading: "target__partnership",
        structure.MeetingAction: "meeting__partnership",
        structure.ActionUpdate: "action__partnership",
    }
    return paths.get(model, "partnership")


def _round(partnership: Partnership, name: str, status: str, opens: date) -> Round:
    instrument = load_instrument("1")
    made = Round.objects.create(
        partnership=partnership,
        name=name,
        opens_on=opens,
        closes_on=opens + timedelta(days=28),
        instrument_version=instrument.version,
        instrument_fingerprint=instrument.fingerprint(),
        status=status,
    )
    for agency in partnership.agencies.all():
        Invitation.objects.create(round=made, agency=agency, invited=9)
    Invitation.objects.create(round=made, agency=None)
    return made


def _responses(a_round: Round, agencies: list[Agency], marker: str, seed: int) -> list[Response]:
    """Six answers from each of the first two agencies, three from the third, some with comments."""
    rng = np.random.default_rng(seed)
    item_ids = load_instrument(a_round.instrument_version).item_ids()
    made = []
    for agency, count in ((agencies[0], 6), (agencies[1], 6), (agencies[2], 3)):
        for number in range(count):
            comments = {}
            if number < 3:
                comments = {
                    "funding": f"{marker} budget for the family support post is never agreed ({number}).",
                    "communication": f"{marker} health visitors hear about plans late ({number}).",
                }
            made.append(
                Response.objects.create(
                    round=a_round,
                    agency=agency,
                    role_group="practitioner" if number % 2 else "team-leader",
                    answers={item: int(rng.integers(1, 6)) for item in item_ids},
                    comments=comments,
                )
            )
    return made


def build_side(name: str, slug: str, marker: str) -> Side:
    partnership = Partnership.objects.create(
        name=f"{marker} {name}", slug=slug, description=f"{marker} partnership for the partition tests."
    )
    coarse = {t.id: t.coarse_group for t in load_agency_types(partnership.nation)}
    agencies = [
        Agency.objects.create(
            partnership=partnership,
            name=f"{marker} {agency_name}",
            agency_type=agency_type,
            coarse_group=coarse.get(agency_type, ""),
        )
        for agency_name, agency_type in AGENCIES[:6]
    ]
    prefix = marker.lower()
    coordinator, lead, viewer = (_user(f"{prefix}-{role}") for role in ("coordinator", "lead", "viewer"))
    Membership.objects.create(user=coordinator, partnership=partnership, role=Role.COORDINATOR)
    Membership.objects.create(user=lead, partnership=partnership, role=Role.PARTNER_LEAD, agency=agencies[0])
    Membership.objects.create(user=viewer, partnership=partnership, role=Role.VIEWER, agency=agencies[1])
    member_invitation = MembershipInvitation.objects.create(
        partnership=partnership, user=_user(f"{prefix}-invitee"), role=Role.VIEWER, created_by=coordinator
    )
    join_invitation = MembershipInvitation.objects.create(
        partnership=partnership, email=f"new.{prefix}@example.org", role=Role.VIEWER, created_by=coordinator
    )

    closed = _round(partnership, f"{marker} spring review", RoundStatus.CLOSED, TODAY - timedelta(days=120))
    open_round = _round(partnership, f"{marker} summer review", RoundStatus.OPEN, TODAY - timedelta(days=5))
    draft = _round(partnership, f"{marker} autumn review", RoundStatus.DRAFT, TODAY + timedelta(days=60))
    for invitation in open_round.invitations.all()[:2]:
        invitation.single_use_links.create()
    recipient = InvitationRecipient.objects.create(
        invitation=open_round.invitations.filter(agency__isnull=True).get(),
        email=f"{prefix}.person@example.org",
    )
    answers = _responses(closed, agencies, marker, seed=len(slug))
    # The closed round took all its answers from one imported file: a round never mixes survey
    # answers with imported rows, so the walk's import into it is one the app accepts.
    batch = ImportBatch.objects.create(
        round=closed, filename=f"{prefix}-answers.csv", source_format="template", rows=len(answers)
    )
    Response.objects.filter(pk__in=[answer.pk for answer in answers]).update(import_batch=batch)
    tag_untagged(closed)

    load_demo_structure(partnership, today=TODAY)
    _mark_structure(partnership, marker)
    structure.RaciTask.objects.create(partnership=partnership, name=f"{marker} deleted task").delete()

    lesson = Lesson.objects.create(
        partnership=partnership,
        recorded_on=TODAY - timedelta(days=30),
        agency=agencies[0],
        text=f"{marker} lesson: joint training with the police built trust quickly.",
        factors=["joint-training"],
    )
    # A fingerprint is a 64-character hex digest; a hostile prefix would not fit the column.
    fingerprint = hashlib.sha256(prefix.encode()).hexdigest()
    report_build = ReportBuild.objects.create(round=closed, fingerprint=fingerprint, format="pdf")
    shown = listable_comments(closed, round_groups(closed))
    assert shown, "the closed round has no comment the coordinator may read"
    comment_tag = CommentTag.objects.get(pk=shown[0].tag_id)
    TagCorrection.objects.create(
        partnership=partnership, text=f"{marker} corrected text", factors=["funding"], lesson=lesson
    )
    action = structure.ActionItem.objects.filter(partnership=partnership).order_by("reference").first()
    RecommendationDecision.objects.create(
        partnership=partnership,
        round=closed,
        finding_key=f"{prefix}-finding",
        intervention=f"{prefix}-intervention",
        decision=Decision.REJECTED,
        reason=f"{marker} reason",
        action=action,
    )

    def first(model: type[models.Model]) -> models.Model:
        found = (
            model._default_manager.filter(**{_partnership_path(model): partnership})
            .order_by("pk")
            .first()
        )
        assert found is not None, f"no {model.__name__} in {partnership}"
        return found

    records = {model.__name__: first(model) for model in _STRUCTURE_MODELS}
    return Side(
        partnership=partnership,
        marker=marker,
        agencies=agencies,
        coordinator=coordinator,
        lead=lead,
        viewer=viewer,
        draft=draft,
        open=open_round,
        closed=closed,
        invitation=closed.invitations.filter(agency=agencies[0]).get(),
        batch=batch,
        comment_tag=comment_tag,
        lesson=lesson,
        member_invitation=member_invitation,
        join_invitation=join_invitation,
        recipient=recipient,
        report_build=report_build,
        records=records,
    )


def build_world() -> World:
    """A's and B's partnerships, someone with no membership, a staff member and a superuser."""
    a = build_side("Children's Services Partnership", "alderbank", A_MARKER)
    b = build_side("Children's Services Partnership", "zebracorn-vale", B_MARKER)
    return World(
        a=a,
        b=b,
        outsider=_user("nobody-in-particular"),
        staff=_user("staff-member", is_staff=True),
        superuser=_user("super-user", is_staff=True, is_superuser=True),
    )
