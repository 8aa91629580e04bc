"""Every URL pattern of the app, what it needs, and each one's arguments filled from a partnership.

`patterns()` walks the resolver, so a URL added anywhere is found here. `RULES` says, for every
named URL, who may use it; a URL missing from `RULES` (and not in `SKIPPED`, which says why) makes
the URL walk fail, and so does an argument `fill()` does not know. That is the point: a new URL
cannot slip past the partition tests unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.io.structure_layouts import KINDS, SHEETS
from joinedup.web.evidence_browser.source import current_evidence_base
from joinedup.web.learning.permissions import IMPORT_LEARNING
from joinedup.web.partnerships.access import (
    CREATE_PARTNERSHIP,
    DOWNLOAD_ROWS,
    EDIT_EVIDENCE,
    MANAGE,
    RECORD,
    VIEW,
)
from joinedup.web.partnerships.models import Role
from joinedup.web.reporting.models import Decision, RecommendationDecision
from joinedup.web.reporting.services import report_data
from joinedup.web.structure.models import RaciTask
from joinedup.web.structure.views.delete import DELETABLE

from .partition_fixtures import Side

PUBLIC = "public"
"""Anyone, signed in or not: the evidence pages, signing in, the site root."""
TOKEN = "token"
"""Anyone holding the survey link: the link is the credential, and answers are anonymous."""
SIGNED_IN = "signed in"
"""Any account: the list of one's own partnerships."""
INVITEE = "invitee"
"""Only the account a membership invitation was made to (none of the walk's visitors)."""

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset({VIEW, RECORD, MANAGE, DOWNLOAD_ROWS}),
    Role.PARTNER_LEAD: frozenset({VIEW, RECORD}),
    Role.VIEWER: frozenset({VIEW}),
}
"""What each role may do, as issue 11 specifies it (written out here, not read from the app)."""

ACCOUNT_PERMISSIONS = frozenset({CREATE_PARTNERSHIP, EDIT_EVIDENCE, IMPORT_LEARNING})
"""Permissions of the account, not of a membership: staff (or a named group) only."""


@dataclass(frozen=True)
class Rule:
    """Who may GET the URL, who may POST to it, and whether GET is refused by design (POST only)."""

    get: str
    post: str | None = None
    post_only: bool = False
    writes: bool = False
    """A POST by someone allowed to changes stored data (the walk checks its payload does)."""
    allowed_status: frozenset[int] = frozenset({200})
    """What someone allowed to GET the URL gets (405 where GET is refused by design)."""
    heavy: bool = False
    """Seconds to draw (analysis, charts): of B's roles, only the least one allowed fetches it
    (the refusals are all checked), and a PDF is not drawn at all by the walk: the HTML and XLSX
    of the same view, behind the same check, prove its arguments are real."""

    @property
    def post_permission(self) -> str:
        return self.post or self.get

    @property
    def allowed_get(self) -> frozenset[int]:
        if self.post_only:
            return frozenset({405})
        if self.get in {PUBLIC, TOKEN}:
            return frozenset({200, 302}) | self.allowed_status
        return self.allowed_status


RULES: dict[str, Rule] = {
    "home": Rule(PUBLIC),
    "healthz": Rule(PUBLIC),
    "accounts:login": Rule(PUBLIC),
    "evidence_browser:factors": Rule(PUBLIC),
    "evidence_browser:factor": Rule(PUBLIC),
    "evidence_browser:works": Rule(PUBLIC),
    "evidence_browser:work": Rule(PUBLIC),
    "evidence_browser:review_upload": Rule(EDIT_EVIDENCE),
    "evidence_browser:review_claims": Rule(EDIT_EVIDENCE, allowed_status=frozenset({302}), writes=True),
    "survey:start": Rule(TOKEN),
    "survey:about_you": Rule(TOKEN),
    "survey:questions": Rule(TOKEN),
    "survey:check": Rule(TOKEN),
    "survey:send": Rule(TOKEN, post_only=True),
    "survey:sent": Rule(TOKEN),
    "survey:unsubscribe": Rule(TOKEN),
    "survey:save_for_later": Rule(TOKEN),
    "survey:resume": Rule(TOKEN, allowed_status=frozenset({404})),
    # (the walk's made-up draft key is an expired draft: 404 for everyone, as it should be)
    "partnerships:join": Rule(TOKEN),
    "partnerships:home": Rule(SIGNED_IN),
    "partnerships:create": Rule(CREATE_PARTNERSHIP, writes=True),
    "partnerships:invitation_respond": Rule(INVITEE, post_only=True, writes=True),
    "partnerships:detail": Rule(VIEW),
    "partnerships:agency_add": Rule(MANAGE, writes=True),
    "partnerships:edit": Rule(MANAGE, writes=True),
    "partnerships:archive": Rule(MANAGE, writes=True),
    "partnerships:agency_edit": Rule(MANAGE, writes=True),
    "partnerships:agency_archive": Rule(MANAGE, writes=True),
    "partnerships:round_confirm": Rule(MANAGE),
    "partnerships:round_edit": Rule(MANAGE, writes=True),
    "partnerships:round_archive": Rule(MANAGE, writes=True),
    "partnerships:round_emails": Rule(MANAGE, writes=True),
    "partnerships:member_add": Rule(MANAGE, writes=True),
    "partnerships:round_create": Rule(MANAGE, writes=True),
    "partnerships:round": Rule(VIEW),
    "partnerships:round_status": Rule(MANAGE, post_only=True, writes=True),
    "partnerships:round_response_mode": Rule(MANAGE, writes=True),
    "partnerships:round_single_use_links": Rule(MANAGE, writes=True),
    "partnerships:round_import": Rule(MANAGE, writes=True),
    "partnerships:round_import_done": Rule(MANAGE),
    "partnerships:round_export": Rule(DOWNLOAD_ROWS),
    "partnerships:invitation_edit": Rule(MANAGE, writes=True),
    "reporting:dashboard": Rule(VIEW, heavy=True),
    "reporting:download": Rule(VIEW, heavy=True, allowed_status=frozenset({200, 302})),
    "reporting:build": Rule(VIEW),
    "reporting:accept": Rule(MANAGE, writes=True),
    "reporting:reject": Rule(MANAGE, writes=True),
    "reporting:set_aside": Rule(MANAGE),
    "reporting:set_aside_undo": Rule(MANAGE, post_only=True, writes=True, allowed_status=frozenset({405})),
    "comments:round": Rule(RECORD),
    "comments:round_review": Rule(RECORD),
    "comments:comment_correct": Rule(MANAGE, writes=True),
    "comments:lessons": Rule(VIEW),
    "comments:lesson_add": Rule(RECORD, writes=True),
    "comments:lesson_correct": Rule(MANAGE, writes=True),
    "comments:tagger": Rule(MANAGE),
    "comments:tagger_retrain": Rule(MANAGE, post_only=True, writes=True),
    "structure:overview": Rule(VIEW),
    "structure:roles": Rule(VIEW, post=RECORD, writes=True),
    "structure:task_add": Rule(RECORD, writes=True),
    "structure:task": Rule(VIEW),
    "structure:task_edit": Rule(RECORD, writes=True),
    "structure:competence_add": Rule(RECORD, writes=True),
    "structure:targets": Rule(VIEW),
    "structure:target_add": Rule(RECORD, writes=True),
    "structure:target": Rule(VIEW),
    "structure:target_edit": Rule(RECORD, writes=True),
    "structure:reading_add": Rule(RECORD, writes=True),
    "structure:meetings": Rule(VIEW),
    "structure:meeting_add": Rule(RECORD, writes=True),
    "structure:meeting": Rule(VIEW),
    "structure:meeting_edit": Rule(RECORD, writes=True),
    "structure:funding": Rule(VIEW),
    "structure:funding_line_add": Rule(RECORD, writes=True),
    "structure:funding_line": Rule(VIEW),
    "structure:funding_line_edit": Rule(RECORD, writes=True),
    "structure:post_add": Rule(RECORD, writes=True),
    "structure:post": Rule(VIEW),
    "structure:post_edit": Rule(RECORD, writes=True),
    "structure:unfunded_cost_add": Rule(RECORD, writes=True),
    "structure:unfunded_cost": Rule(VIEW),
    "structure:unfunded_cost_edit": Rule(RECORD, writes=True),
    "structure:actions": Rule(VIEW),
    "structure:action_add": Rule(RECORD, writes=True),
    "structure:action": Rule(VIEW),
    "structure:action_edit": Rule(RECORD, writes=True),
    "structure:update_add": Rule(RECORD, writes=True),
    "structure:delete": Rule(RECORD, writes=True),
    "structure:deleted": Rule(RECORD),
    "structure:restore": Rule(RECORD, post_only=True, writes=True, allowed_status=frozenset({405})),
    "structure:competence_edit": Rule(RECORD, writes=True),
    # a partner lead corrects only their own agency's readings: 403 on the agreed figure
    "structure:reading_edit": Rule(RECORD, writes=True, allowed_status=frozenset({200, 403})),
    "structure:update_edit": Rule(RECORD, writes=True),
    "structure:import": Rule(RECORD, writes=True),
    "structure:download_workbook": Rule(VIEW),
    "structure:download_csv": Rule(VIEW),
    "learning:hub": Rule(SIGNED_IN),
    # nothing is pooled in the walk's world, so each open data file is a 404 for everyone signed in
    "learning:open_data": Rule(SIGNED_IN, allowed_status=frozenset({404})),
    "learning:import": Rule(IMPORT_LEARNING, writes=True),
    "learning:partnership": Rule(MANAGE),
    "learning:lessons": Rule(MANAGE, writes=True, heavy=True),
    "learning:check": Rule(MANAGE, writes=True, heavy=True),
    # the walk's rounds are not shared: the confirmation and the withdrawal send the coordinator back
    "learning:shared": Rule(MANAGE, allowed_status=frozenset({302})),
    "learning:file": Rule(MANAGE, heavy=True),
    "learning:withdraw": Rule(MANAGE, allowed_status=frozenset({302})),
}

SKIPPED: dict[str, str] = {
    "admin": "Django's admin: its own staff-only sign-in and permissions, tested by Django itself; "
    "it is not a partnership page and no partnership member uses it",
    "accounts:logout": "signing out only ends the visitor's own session and changes no record",
}
"""Patterns the walk does not visit, each with the reason."""


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str
    kwargs: tuple[str, ...]
    skipped: str | None = None


def patterns() -> list[Pattern]:
    """Every URL pattern of the project, with its full route and the arguments it takes."""
    found: list[Pattern] = []

    def walk(entries: list[Any], namespace: str, prefix: str, converters: tuple[str, ...]) -> None:
        for entry in entries:
            route = prefix + str(entry.pattern)
            names = converters + tuple(getattr(entry.pattern, "converters", {}))
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                if entry.namespace in SKIPPED:
                    found.append(Pattern(entry.namespace, route, names, SKIPPED[entry.namespace]))
                    continue
                walk(entry.url_patterns, inner, route, names)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}{entry.name}" if entry.name else route
                found.append(Pattern(name, route, names, SKIPPED.get(name)))

    walk(get_resolver().url_patterns, "", "/", ())
    return found


@dataclass
class Visit:
    """One URL to visit: a pattern filled in, with the query string or form data it needs."""

    name: str
    url: str
    query: dict[str, str] = field(default_factory=dict)
    object_kwargs: frozenset[str] = frozenset()
    """Arguments naming an object inside the partnership (not the slug, a kind or a format)."""


_RECORD_KWARGS = {
    "task_id": "RaciTask",
    "target_id": "Target",
    "meeting_id": "Meeting",
    "action_id": "ActionItem",
}
_PK_BY_NAME_PREFIX = {
    "structure:competence_edit": "AgencyCompetence",
    "structure:reading_edit": "TargetReading",
    "structure:update_edit": "ActionUpdate",
    "structure:funding_line": "FundingLine",
    "structure:post": "Post",
    "structure:unfunded_cost": "UnfundedCost",
}
_NOT_OBJECTS = {
    "slug",
    "kind",
    "sheet",
    "fmt",
    "file_format",
    "action",
    "number",
    "token",
    "factor_id",
    "key",
    "answer",
    "open_data_file",
}


class UnfilledPattern(LookupError):
    """The walk does not know how to fill an argument of a pattern: teach `fill` about it."""


def _first_work_key() -> str:
    return current_evidence_base().works[0].key


def recommendation(side: Side) -> dict[str, str]:
    """A real recommendation of the side's closed round, as the dashboard's accept link names it."""
    data = report_data(side.closed, today=timezone.localdate())
    for finding_key, choices in data.recommendations.items():
        for chosen in choices:
            return {"finding": finding_key, "intervention": chosen.intervention}
    raise AssertionError(f"{side.partnership} has no recommendation to accept")


def _variants(name: str, kwarg: str, side: Side, chosen: dict[str, Any]) -> list[Any]:
    """The values to try for one argument (several where each value reaches different code)."""
    records = side.records
    if kwarg == "slug":
        return [side.slug]
    if kwarg == "round_id":
        if name == "partnerships:round_confirm":
            return [side.draft.pk, side.open.pk]
        if name in {"partnerships:round_status", "partnerships:round_emails"}:
            return [side.open.pk]  # opening the draft is refused while another round is open
        if name in {"partnerships:round", "partnerships:round_import"}:
            return [side.draft.pk, side.open.pk, side.closed.pk]
        return [side.closed.pk]
    if kwarg == "action" and name in {"partnerships:round_status", "partnerships:round_confirm"}:
        return ["open" if chosen.get("round_id") == side.draft.pk else "close"]
    if kwarg == "batch_id":
        return [side.batch.pk]
    if kwarg == "file_format":
        return ["csv", "xlsx"]
    if kwarg == "fmt":
        return ["html", "xlsx", "pdf"]
    if kwarg == "invitation_id":
        return [side.invitation.pk]
    if kwarg == "tag_id":
        return [side.comment_tag.pk]
    if kwarg == "lesson_id":
        return [side.lesson.pk]
    if kwarg in _RECORD_KWARGS:
        return [records[_RECORD_KWARGS[kwarg]].pk]
    if kwarg == "kind":
        if name in {"structure:deleted", "structure:restore"}:
            return ["task"]
        return sorted(DELETABLE) if name == "structure:delete" else list(KINDS)
    if kwarg == "decision_id":
        rejected = RecommendationDecision.objects.filter(
            partnership=side.partnership, decision=Decision.REJECTED
        )
        return [rejected.order_by("pk").values_list("pk", flat=True).first()]
    if kwarg == "history_id":
        deleted = RaciTask.history.filter(partnership_id=side.partnership.pk, history_type="-")
        return [deleted.order_by("history_id").values_list("history_id", flat=True).first()]
    if kwarg == "sheet":
        return [layout.name for layout in SHEETS[chosen["kind"]]]
    if kwarg == "pk":
        if name == "structure:delete":
            model = DELETABLE[chosen["kind"]].model.__name__
            return [records[model].pk]
        for prefix, model in _PK_BY_NAME_PREFIX.items():
            if name.startswith(prefix):
                return [records[model].pk]
    if kwarg == "token" and name == "partnerships:invitation_respond":
        return [side.member_invitation.token]
    if kwarg == "token" and name == "partnerships:join":
        return [side.join_invitation.token]
    if kwarg == "token" and name == "survey:unsubscribe":
        return [side.recipient.token]
    if kwarg == "key" and name == "survey:resume":
        return ["not-a-real-draft-key"]
    if kwarg == "build_id":
        return [side.report_build.pk]
    if kwarg == "agency_id":
        return [side.agencies[0].pk]
    if kwarg == "answer":
        return ["accept", "decline"]
    if kwarg == "open_data_file":
        return ["pooled.json", "benchmarks.csv", "practice.csv", "data-dictionary.md"]
    if kwarg == "token":
        return [side.open_token]
    if kwarg == "number":
        return [1]
    if kwarg == "factor_id":
        return [FACTOR_IDS[0]]
    if kwarg == "key":
        return [_first_work_key()]
    raise UnfilledPattern(f"{name}: no value for <{kwarg}>")


def fill(pattern: Pattern, side: Side) -> list[Visit]:
    """Every visit of the pattern, its arguments taken from `side`."""
    combos: list[dict[str, Any]] = [{}]
    for kwarg in pattern.kwargs:
        combos = [{**c, kwarg: value} for c in combos for value in _variants(pattern.name, kwarg, side, c)]
    query = recommendation(side) if pattern.name in {"reporting:accept", "reporting:reject"} else {}
    visits = []
    for kwargs in combos:
        if pattern.name.startswith("/"):
            raise UnfilledPattern(f"{pattern.route} has no name, so the walk cannot reverse it")
        url = reverse(pattern.name, kwargs=kwargs or None)
        visits.append(Visit(pattern.name, url, query, frozenset(kwargs) - _NOT_OBJECTS))
    return visits


def mixed_visits(pattern: Pattern, own: Side, other: Side) -> list[Visit]:
    """The pattern with `own`'s slug but `other`'s objects: what someone tampering with ids tries."""
    visits = []
    for visit, theirs in zip(fill(pattern, own), fill(pattern, other), strict=True):
        if not visit.object_kwargs:
            continue
        match = get_resolver().resolve(theirs.url)
        kwargs = {**match.kwargs, "slug": own.slug} if "slug" in match.kwargs else match.kwargs
        visits.append(
            Visit(visit.name, reverse(pattern.name, kwargs=kwargs), theirs.query, visit.object_kwargs)
        )
    return visits


def owner_path(model: type[Model]) -> str | None:
    """The lookup from `model` to its partnership, or None if it belongs to none."""
    for candidate in ("partnership", "agency__partnership", "round__partnership", "target__partnership"):
        head = candidate.split("__")[0]
        if any(f.name == head for f in model._meta.get_fields()):
            return candidate
    return None
