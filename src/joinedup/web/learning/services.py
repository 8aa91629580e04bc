"""The web app's side of learning records: gathering a round's inputs from the database for the
core (`joinedup.learning`), storing what the coordinator shares, and pooling in the background.

Every rule about what a record may hold, how records pool and what is too small to show lives in
the core; this module only fetches, stores and reads back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from joinedup.learning.open_data import open_data_files
from joinedup.learning.pool import MIN_PARTNERSHIPS, pool_records, practice_by_action, practice_sentence
from joinedup.learning.record import build_learning_record, scrub_lessons, size_band
from joinedup.web.partnerships.models import Agency, Partnership, Round
from joinedup.web.reporting.cache import bump
from joinedup.web.reporting.models import Decision, RecommendationDecision
from joinedup.web.reporting.services import reportable_rounds, round_analysis
from joinedup.web.structure.models import ActionItem

from .models import LearningContributor, LearningRecord, PooledLearning, RecordSource, RecordStatus


def contributor_key(partnership: Partnership) -> str:
    """The partnership's random contributor key, drawn the first time it is needed."""
    contributor, _ = LearningContributor.objects.get_or_create(partnership=partnership)
    return contributor.key


def next_round(a_round: Round) -> Round | None:
    """The partnership's next reportable round after `a_round`: where the change is measured."""
    later = a_round.partnership.rounds.filter(opens_on__gt=a_round.opens_on).order_by("opens_on", "pk")
    following = reportable_rounds(list(later))
    if following:
        following[0].partnership = a_round.partnership
        return following[0]
    return None


def adopted_actions(a_round: Round, following: Round | None) -> list[ActionItem]:
    """The actions adopted for round R: accepted from R's recommendations, or added to the plan
    from R's closing until the next round opened (until today when there is none yet)."""
    accepted = RecommendationDecision.objects.filter(
        round=a_round, decision=Decision.ACCEPTED, action__isnull=False
    ).values_list("action_id", flat=True)
    added = Q(created_on__gte=a_round.closes_on)
    if following is not None:
        added &= Q(created_on__lt=following.opens_on)
    chosen = ActionItem.objects.filter(Q(pk__in=accepted) | added, partnership=a_round.partnership)
    return list(chosen.select_related("owner").prefetch_related("updates").order_by("reference"))


def _people_and_agencies(partnership: Partnership) -> tuple[list[str], list[str]]:
    """Names a lesson must not carry beyond the core's own list: the partnership's, its members'
    (as their accounts name them) and every agency's, archived ones too."""
    users = get_user_model().objects.filter(memberships__partnership=partnership)
    people = [
        name
        for first, last in users.values_list("first_name", "last_name")
        for name in (f"{first} {last}".strip(),)
        if name
    ]
    agencies = list(Agency.objects.filter(partnership=partnership).values_list("name", flat=True))
    return [partnership.name, *people], agencies


def deployment_names() -> tuple[list[str], list[str]]:
    """Every partnership's and every agency's name in this deployment: a lesson may mention a
    neighbouring partnership, and an imported lesson any of them."""
    return (
        list(Partnership.objects.values_list("name", flat=True)),
        list(Agency.objects.values_list("name", flat=True).distinct()),
    )


def scrub_imported(
    record: Mapping[str, Any], *, partnerships: Sequence[str], agencies: Sequence[str]
) -> dict[str, Any]:
    """An imported record with its lessons scrubbed as this deployment's own are (the sender's
    people are unknown here, but e-mail addresses, numbers, postcodes, the name heuristics and
    every partnership and agency named here, from `deployment_names`, still go)."""
    actions = record.get("actions", [])
    lessons = {str(i): action["lesson"] for i, action in enumerate(actions) if action.get("lesson")}
    said = scrub_lessons(lessons, agencies=agencies, partnerships=partnerships)
    return {
        **record,
        "actions": [{**action, "lesson": said.get(str(i))} for i, action in enumerate(actions)],
    }


@dataclass(frozen=True)
class RoundLearning:
    """A round's record as it would be shared, and the actions it was built from (which stay here)."""

    record: dict[str, Any]
    actions: list[ActionItem]

    @property
    def digest(self) -> str:
        return record_digest(self.record)


def build_round_record(a_round: Round, lessons: Mapping[str, str]) -> RoundLearning:
    """The learning record of a closed round, built by the core from this deployment's data.

    Lessons are scrubbed here of the members' and every agency's names as well (the core knows
    only the names in the analysis and the actions' owners), then again by the core.
    """
    partnership = a_round.partnership
    analysis = round_analysis(a_round).find(partnership.name, a_round.name)
    following = next_round(a_round)
    next_analysis = (
        None if following is None else round_analysis(following).find(partnership.name, following.name)
    )
    actions = adopted_actions(a_round, following)
    names, agencies = _people_and_agencies(partnership)
    partnerships, everyone_agencies = deployment_names()
    scrubbed = scrub_lessons(
        lessons, names=names, agencies=[*agencies, *everyone_agencies], partnerships=partnerships
    )
    record = build_learning_record(
        analysis=analysis,
        next_analysis=next_analysis,
        actions=[action.to_record() for action in actions],
        nation=partnership.nation,
        size_band=size_band(analysis.n or 0),
        instrument_version=a_round.instrument_version,
        round_month=f"{a_round.closes_on:%Y-%m}",
        lessons=scrubbed,
        contributor=contributor_key(partnership),
    )
    return RoundLearning(record, actions)


def record_digest(record: Mapping[str, Any]) -> str:
    """A fingerprint of a record's exact content, so "share" shares what the page showed."""
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def record_file(record: Mapping[str, Any]) -> str:
    """The record as the file that leaves the partnership (and that another deployment imports)."""
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def stored_record(a_round: Round) -> LearningRecord | None:
    return LearningRecord.objects.filter(round=a_round).first()


def save_lessons(a_round: Round, lessons: Mapping[str, str]) -> LearningRecord:
    """Keep the coordinator's words for the round (here only) until they share or change them."""
    stored, _ = LearningRecord.objects.update_or_create(
        round=a_round,
        defaults={"lessons": dict(lessons), "contributor": contributor_key(a_round.partnership)},
    )
    return stored


def share(a_round: Round, record: Mapping[str, Any]) -> LearningRecord:
    """Store the record as shared and have the pooled results brought up to date."""
    with transaction.atomic():
        stored, _ = LearningRecord.objects.update_or_create(
            round=a_round,
            defaults={
                "record": dict(record),
                "status": RecordStatus.SHARED,
                "contributor": record["contributor"],
                "month": record["month"],
                "source": RecordSource.ROUND,
            },
        )
        enqueue_refresh()
    return stored


def withdraw(a_round: Round) -> bool:
    """Take the round's record out of the pool (the lessons stay here); False if none was shared."""
    with transaction.atomic():
        changed = LearningRecord.objects.filter(round=a_round, status=RecordStatus.SHARED).update(
            status=RecordStatus.DRAFT, record=None, month="", updated_at=timezone.now()
        )
        if changed:
            enqueue_refresh()
    return bool(changed)


def store_imported(
    records: Sequence[tuple[str, Mapping[str, Any]]], source: str = RecordSource.IMPORTED
) -> int:
    """Store checked records from elsewhere, (file name, record) each; a contributor's month sent
    again replaces the copy held. Lessons are scrubbed first (`scrub_imported`). Returns how many
    records were stored."""
    partnerships, agencies = deployment_names()
    with transaction.atomic():
        for file_name, sent in records:
            record = scrub_imported(sent, partnerships=partnerships, agencies=agencies)
            held = LearningRecord.objects.filter(
                round=None, source=source, contributor=record["contributor"], month=record["month"]
            ).first()
            if held is not None and held.status == RecordStatus.SHARED and held.record == dict(record):
                continue  # the same record sent again is no change waiting to be published
            LearningRecord.objects.update_or_create(
                round=None,
                source=source,
                contributor=record["contributor"],
                month=record["month"],
                defaults={
                    "record": dict(record),
                    "status": RecordStatus.SHARED,
                    "imported_from": file_name[:200],
                },
            )
        enqueue_refresh()
    return len(records)


def enqueue_refresh() -> None:
    """Queue the pooling task; with the database queue it is stored in the same transaction as
    the records that changed, so it runs exactly when they are committed."""
    from joinedup.web.tasks import refresh_pooled_learning_task

    refresh_pooled_learning_task.enqueue()


@dataclass(frozen=True)
class Waiting:
    """Records shared or imported since the published pooled results, and from how many
    contributors: the next publication waits until there are `MIN_PARTNERSHIPS` of them."""

    records: int
    contributors: int


def waiting(published: PooledLearning | None) -> Waiting:
    """What the next publication will bring (one query; for the hub's "published when" line)."""
    shared = LearningRecord.objects.filter(status=RecordStatus.SHARED, record__isnull=False)
    if published is not None and published.changes_since is not None:
        shared = shared.filter(updated_at__gt=published.changes_since)
    counts = shared.aggregate(records=Count("pk"), contributors=Count("contributor", distinct=True))
    return Waiting(records=counts["records"], contributors=counts["contributors"])


def _shared_now() -> tuple[dict[str, dict[str, Any]], set[str]]:
    """Every shared record by id (as a string, the JSON key), and the demo's contributors."""
    shared: dict[str, dict[str, Any]] = {}
    synthetic: set[str] = set()
    rows = LearningRecord.objects.filter(status=RecordStatus.SHARED).values_list(
        "pk", "contributor", "source", "record"
    )
    for pk, contributor, source, record in rows.iterator():
        if record is None:  # only a withdrawn record loses its contents
            continue
        shared[str(pk)] = record
        if source == RecordSource.DEMO:
            synthetic.add(contributor)
    return shared, synthetic


def _publish(
    basis: dict[str, dict[str, Any]], synthetic: set[str], *, now: datetime, changes_since: datetime
) -> PooledLearning:
    records = list(basis.values())
    result = pool_records(records)
    contributors = {record["contributor"] for record in records}
    with transaction.atomic():
        pooled = PooledLearning.objects.create(
            result=result,
            records=len(records),
            partnerships=len(contributors),
            synthetic_partnerships=len(synthetic & contributors),
            open_data=open_data_files(result),
            computed_at=now,
            basis=basis,
            changes_since=changes_since,
        )
        PooledLearning.objects.exclude(pk=pooled.pk).delete()
        # Every stored report shows practice evidence beside its recommendations: draw them again.
        bump(None)
    return pooled


def refresh_pooled() -> PooledLearning | None:
    """Publish new pooled results when it cannot single out one partnership's record.

    Pooled counts move by one when one record comes or goes, so comparing two publications
    would tell whether that partnership's factor rose. Records shared or imported since the last
    publication therefore wait until they come from at least `MIN_PARTNERSHIPS` contributors,
    and are then published together. A withdrawal is honoured at once: the published records
    less the withdrawn ones are pooled again, and what was waiting keeps waiting. Returns the
    publication now shown (None before the first).
    """
    now = timezone.now()
    published = PooledLearning.objects.defer("open_data").first()
    shared, synthetic = _shared_now()
    if waiting(published).contributors >= MIN_PARTNERSHIPS:
        return _publish(shared, synthetic, now=now, changes_since=now)
    if published is None:
        return None
    basis = dict(published.basis)
    if set(basis) - set(shared):
        kept = {pk: record for pk, record in basis.items() if pk in shared}
        return _publish(kept, synthetic, now=now, changes_since=published.changes_since or now)
    return published


def latest_pooled() -> PooledLearning | None:
    """The newest pooled results (one query, without the open data files and the records behind
    them, which pages never need); None before any record was pooled."""
    return PooledLearning.objects.defer("open_data", "basis").first()


@dataclass(frozen=True)
class PracticeEvidence:
    """One practice-evidence entry ready for a page: the core's entry, its sentence and caveat."""

    entry: Mapping[str, Any]
    sentence: str

    @property
    def intervention(self) -> str:
        return str(self.entry["intervention"])

    @property
    def factor(self) -> str:
        return str(self.entry["factor"])

    @property
    def adopted(self) -> int:
        return int(self.entry["adopted"])

    @property
    def caveat(self) -> str:
        return str(self.entry["caveat"])


def practice_evidence(pooled: PooledLearning | None, *, factor: str | None = None) -> list[PracticeEvidence]:
    """The pooled practice evidence (the core left out anything below the minimum), for one
    factor when `factor` is given, each with the core's sentence."""
    if pooled is None:
        return []
    return [
        PracticeEvidence(entry, practice_sentence(entry))
        for entry in pooled.result.get("practice", [])
        if factor is None or entry["factor"] == factor
    ]


def pooled_result() -> dict[str, Any] | None:
    """The newest pooled results as the core returned them, for the report builder; None if none."""
    pooled = latest_pooled()
    return None if pooled is None else dict(pooled.result)


def practice_by_recommendation(result: Mapping[str, Any] | None) -> dict[tuple[str, str], PracticeEvidence]:
    """Practice evidence keyed by (intervention, factor), the pair a recommendation is about,
    from pooled results (a report's own copy); the core keeps only entries above the minimum."""
    if result is None:
        return {}
    return {
        key: PracticeEvidence(entry, practice_sentence(entry))
        for key, entry in practice_by_action(result).items()
    }


def own_latest_records(partnerships: Iterable[Partnership]) -> dict[int, dict[str, Any]]:
    """Each partnership's latest shared record from a round here (one query), by partnership id."""
    rows = (
        LearningRecord.objects.filter(status=RecordStatus.SHARED, round__partnership__in=list(partnerships))
        .order_by("round__partnership_id", "month")
        .values_list("round__partnership_id", "record")
    )
    return {partnership_id: record for partnership_id, record in rows if record is not None}
