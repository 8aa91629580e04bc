"""The demo partnership that `make run` loads: made up, but shaped like a real one.

Three rounds of synthetic answers (with comments), an open invitation to try the
survey, structure records that trip every check, and an action plan. Everything is
looked up before it is made, so loading twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from joinedup.analysis import generate_responses
from joinedup.instrument import load_instrument
from joinedup.instrument.responses import COMMENT_PREFIX
from joinedup.io.survey_export import template_header
from joinedup.io.survey_import import ImportResult, read_frame

from .access import EVIDENCE_EDITORS_GROUP, PARTNERSHIP_CREATORS_GROUP
from .models import Agency, Invitation, Membership, Partnership, Role, Round, RoundStatus
from .responses import store_import

DEMO_SLUG = "riverside"
DEMO_PASSWORD = "riverside-demo-2026"  # noqa: S105 - printed for the local demo on purpose
DEMO_USERS = (("demo-coordinator", Role.COORDINATOR), ("demo-viewer", Role.VIEWER))

# (name, agency type id from the reference data)
AGENCIES: tuple[tuple[str, str], ...] = (
    ("Children's social work", "la-social-work"),
    ("Schools", "la-schools"),
    ("Health visiting", "nhs-health-visiting"),
    ("School nursing", "nhs-school-nursing"),
    ("CAMHS", "nhs-camhs"),
    ("Police Scotland", "police-scotland"),
    ("Third sector alliance", "voluntary-organisation"),
    ("Children's Reporter", "childrens-reporter"),
)
ROLE_GROUPS = ("chief-officer", "service-manager", "team-leader", "practitioner", "lead-professional")
RESPONSES_PER_DEMO = 420

# Comments written for the demo, by the factor whose page they are left on.
COMMENTS: dict[str, tuple[str, ...]] = {
    "funding": (
        "Nobody can tell us whether the family support money continues after March.",
        "Every year we argue again over whose budget pays for the transport.",
        "Posts funded by one-year grants keep leaving just as they get good.",
    ),
    "professional-culture": (
        "Health and social work still use different words for the same risk.",
        "Some colleagues see sharing a concern with school as breaking confidence.",
    ),
    "roles-responsibilities": (
        "When a referral comes in it is never clear who picks it up first.",
        "Teachers end up doing family work they were never trained for.",
    ),
    "shared-purpose": (
        "The board meeting is a round of updates; nothing is decided.",
        "I could not tell you what the partnership is trying to achieve this year.",
    ),
    "communication": (
        "We learn about a child protection plan weeks after it is agreed.",
        "There is no shared system, so we phone and email and hope.",
    ),
    "joint-training": (
        "The joint child protection course was the best thing we did this year.",
        "Our staff never get released for the multi-agency training.",
    ),
    "staff-support": (
        "Team around the child meetings happen on top of a full caseload.",
        "Managers support joint working in principle but give no time for it.",
    ),
    "monitoring-evaluation": (
        "We collect the figures but nobody looks at what they tell us.",
        "It would help to review the hub properly after its first year.",
    ),
    "leadership": ("Chief officers say the right things but rarely come to the board.",),
    "co-location": ("Sitting in the same building helped, but the nurses are treated as visitors.",),
}


@dataclass(frozen=True)
class DemoSummary:
    partnership: Partnership
    usernames: tuple[str, ...]
    password: str
    created: bool


def _rounds(today: date) -> list[tuple[str, date, date, RoundStatus]]:
    """Three closed rounds a year apart, ending a fortnight ago, and a draft round to try."""
    last_close = today - timedelta(days=14)
    rounds = [
        (
            f"Round {n}",
            last_close - timedelta(days=365 * (3 - n) + 30),
            last_close - timedelta(days=365 * (3 - n)),
        )
        for n in (1, 2, 3)
    ]
    named = [
        (f"{close.strftime('%B %Y')} review", opens, close, RoundStatus.CLOSED) for _, opens, close in rounds
    ]
    named.append(("Next review (try the survey)", today, today + timedelta(days=28), RoundStatus.OPEN))
    return named


def _with_comments(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Put the demo comments on a few responses, as a real round would have."""
    rng = np.random.default_rng(seed)
    frame = frame.copy()
    for factor, comments in COMMENTS.items():
        column = f"{COMMENT_PREFIX}{factor}"
        texts: list[str | None] = [None] * len(frame)
        rows = rng.choice(len(frame), size=min(len(frame), len(comments) * 2), replace=False)
        for position, row in enumerate(rows):
            texts[row] = comments[position % len(comments)]
        frame[column] = pd.Series(texts, index=frame.index, dtype="object")
    return frame


@transaction.atomic
def demo_import(a_round: Round, frame: pd.DataFrame) -> ImportResult:
    """The demo's synthetic answers for `a_round`, checked as any imported file is (`read_frame`).

    Comment columns the demo leaves out are added blank, as a template filled by hand would have them.
    """
    instrument = a_round.instrument()
    known = list(a_round.partnership.agencies.values_list("name", flat=True))
    full = frame.reindex(columns=template_header(instrument))
    return read_frame(full, instrument, name="demo.csv", known_agencies=known)


def load_demo(*, today: date) -> DemoSummary:
    """Create the demo partnership, or leave it as it is if it is already there."""
    user_model = get_user_model()
    usernames = []
    for username, _ in DEMO_USERS:
        user, created = user_model.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        usernames.append(username)

    partnership, created = Partnership.objects.get_or_create(
        slug=DEMO_SLUG,
        defaults={
            "name": "Riverside Children's Services Partnership",
            "nation": "scotland",
            "description": "A made-up partnership for trying joinedup. Nothing in it is real.",
        },
    )
    for username, role in DEMO_USERS:
        Membership.objects.get_or_create(
            user=user_model.objects.get(username=username), partnership=partnership, defaults={"role": role}
        )
    # The demo coordinator can try everything: setting up another partnership and editing evidence.
    coordinator = user_model.objects.get(username=DEMO_USERS[0][0])
    for group_name in (PARTNERSHIP_CREATORS_GROUP, EVIDENCE_EDITORS_GROUP):
        coordinator.groups.add(Group.objects.get_or_create(name=group_name)[0])
    from joinedup.instrument.reference import load_agency_types

    coarse = {t.id: t.coarse_group for t in load_agency_types(partnership.nation)}
    agencies = []
    for name, agency_type in AGENCIES:
        agency, _ = Agency.objects.get_or_create(
            partnership=partnership,
            name=name,
            defaults={"agency_type": agency_type, "coarse_group": coarse.get(agency_type, "")},
        )
        agencies.append(agency)

    instrument = load_instrument()
    synthetic = generate_responses(
        instrument.items,
        responses=RESPONSES_PER_DEMO,
        partnerships=1,
        rounds=3,
        seed=2026,
        agencies=[name for name, _ in AGENCIES],
        role_groups=ROLE_GROUPS,
    )
    for index, (name, opens, closes, status) in enumerate(_rounds(today)):
        a_round, _ = Round.objects.get_or_create(
            partnership=partnership,
            name=name,
            defaults={
                "opens_on": opens,
                "closes_on": closes,
                "instrument_version": instrument.version,
                "instrument_fingerprint": instrument.fingerprint(),
                "status": status,
            },
        )
        for agency in agencies:
            Invitation.objects.get_or_create(round=a_round, agency=agency)
        synthetic_round = f"Round {index + 1}"
        if index >= 3 or a_round.responses.exists():
            continue
        answers = synthetic.responses[synthetic.responses["round"] == synthetic_round]
        store_import(a_round, demo_import(a_round, _with_comments(answers, seed=index)))
        invited = synthetic.invitations[synthetic.invitations["round"] == synthetic_round]
        for agency, count in zip(invited["agency"], invited["invited"].astype(int), strict=True):
            Invitation.objects.filter(round=a_round, agency__name=agency).update(invited=int(count))

    from joinedup.web.structure.demo import load_demo_structure

    load_demo_structure(partnership, today=today)
    from joinedup.web.learning.demo import load_demo_learning

    load_demo_learning()
    return DemoSummary(partnership, tuple(usernames), DEMO_PASSWORD, created)
