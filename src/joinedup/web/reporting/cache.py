"""A round's report data computed once per change and stored, keyed by a cheap fingerprint.

The fingerprint is a hash of: the partnership's responses (count and largest id per round, since
bulk inserts send no signals; a new response needs none either), the partnership's data version
(bumped by a signal on every save or delete of a record the report reads: rounds, invitations,
structure records, the action plan, decisions, comment tags, the partnership's tagger), the global
data version (changes that cannot be traced to one partnership), the evidence base in use, the
instrument versions of the rounds, the package version and the day (overdue actions depend on it).
Reading it costs three small queries.
"""

from __future__ import annotations

import hashlib
import pickle
from datetime import date
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Max
from django.db.models.signals import m2m_changed, post_delete, post_save

import joinedup
from joinedup.reports.charts import Chart
from joinedup.reports.data import ReportData
from joinedup.web.evidence_browser.source import _folder_signature
from joinedup.web.partnerships.models import Partnership, Response, Round

from .models import DataVersion, ReportBuild, StoredReportData

# Apps whose records the report reads; survey drafts and accounts are not among them.
WATCHED_APPS = frozenset({"partnerships", "structure", "reporting", "comments"})
# The cache's own rows: saving them must not invalidate what they store.
UNWATCHED_MODELS = frozenset({DataVersion, StoredReportData, ReportBuild})
_SEARCH_DEPTH = 3


def _partnership_of(instance: models.Model, depth: int = 0) -> int | None:
    """The partnership a record belongs to, following its foreign keys a few steps; None if none."""
    if isinstance(instance, Partnership):
        return instance.pk
    direct = getattr(instance, "partnership_id", None)
    if direct is not None:
        return int(direct)
    if depth >= _SEARCH_DEPTH:
        return None
    for field in instance._meta.concrete_fields:
        if field.is_relation and field.many_to_one and getattr(instance, field.attname, None) is not None:
            try:
                parent = getattr(instance, field.name)
            except ObjectDoesNotExist:
                continue
            found = _partnership_of(parent, depth + 1)
            if found is not None:
                return found
    return None


def _counter(partnership_id: int | None) -> models.Q:
    """The counter row of one partnership, or the shared one. Django reads `partnership_id=None` as
    IS NULL, which its type stubs do not allow, so the shared row is asked for as IS NULL outright."""
    if partnership_id is None:
        return models.Q(partnership__isnull=True)
    return models.Q(partnership_id=partnership_id)


def bump(partnership_id: int | None) -> None:
    """Invalidate the stored analysis of one partnership (None: of every partnership)."""
    updated = DataVersion.objects.filter(_counter(partnership_id)).update(version=F("version") + 1)
    if not updated:
        try:
            with transaction.atomic():
                DataVersion.objects.create(partnership_id=partnership_id, version=1)
        except IntegrityError:
            DataVersion.objects.filter(_counter(partnership_id)).update(version=F("version") + 1)


def _watched(sender: type[models.Model]) -> bool:
    meta = sender._meta
    # simple-history's copies are saved beside the records they copy, which already bump.
    historical = hasattr(sender, "instance_type")
    return (
        meta.app_label in WATCHED_APPS
        and sender not in UNWATCHED_MODELS
        and not meta.auto_created
        and not historical
    )


def _record_changed(sender: type[models.Model], instance: models.Model, **kwargs: object) -> None:
    if kwargs.get("raw") or not _watched(sender):
        return
    if sender is Response and kwargs.get("created"):
        # A new response already changes the fingerprint (its round's count and largest id), so
        # the survey's send need not also queue behind the partnership's counter row until commit.
        return
    bump(_partnership_of(instance))


def _relation_changed(sender: type[models.Model], instance: models.Model, action: str, **_: object) -> None:
    if action.startswith("post_") and _watched(type(instance)):
        bump(_partnership_of(instance))


def connect_signals() -> None:
    """Called from the app's ready(): listen to the saves and deletes of the watched models only.

    Connected per model, not to every sender: a delete signal listened to for all models stops
    Django deleting any model's rows in one statement (it reads them first and deletes them in a
    transaction, four round trips), which every survey send paid for deleting its draft. The
    relation signal stays general: its sender is the through table, and the record is checked."""
    for model in apps.get_models(include_auto_created=True):
        if _watched(model):
            label = model._meta.label_lower
            post_save.connect(_record_changed, sender=model, dispatch_uid=f"report-cache-save-{label}")
            post_delete.connect(_record_changed, sender=model, dispatch_uid=f"report-cache-delete-{label}")
    m2m_changed.connect(_relation_changed, dispatch_uid="joinedup-report-cache-m2m")


def _evidence_signature() -> str:
    from pathlib import Path

    folder = getattr(settings, "JOINEDUP_EVIDENCE_DIR", None)
    if not folder or not Path(folder).is_dir():
        return "bundled"
    return repr(_folder_signature(Path(folder)))


def fingerprint(a_round: Round, *, today: date) -> str:
    """What the round's report depends on, hashed: any change to it gives a new fingerprint."""
    partnership_id = a_round.partnership_id
    responses = list(
        Response.objects.filter(round__partnership_id=partnership_id)
        .values("round_id")
        .annotate(n=Count("id"), last=Max("id"))
        .order_by("round_id")
        .values_list("round_id", "n", "last")
    )
    versions: dict[int | None, int] = dict(
        DataVersion.objects.filter(
            models.Q(partnership_id=partnership_id) | models.Q(partnership__isnull=True)
        ).values_list("partnership_id", "version")
    )
    rounds = list(
        Round.objects.filter(partnership_id=partnership_id)
        .order_by("pk")
        .values_list("pk", "status", "opens_on", "instrument_version", "instrument_fingerprint")
    )
    parts = (
        a_round.pk,
        responses,
        versions.get(partnership_id, 0),
        versions.get(None, 0),
        rounds,
        _evidence_signature(),
        joinedup.__version__,
        today.isoformat(),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _charts_in(report: dict[str, Any]) -> list[Chart]:
    found: list[Chart] = []
    for value in report.values():
        values = value if isinstance(value, list | tuple) else [value]
        found.extend(item for item in values if isinstance(item, Chart))
    return found


def with_stored_charts(a_round: Round, key: str, report: dict[str, Any]) -> dict[str, Any]:
    """Fill the report context's charts with their stored SVG, drawing and storing any missing."""
    charts = _charts_in(report)
    stored: dict[str, str] = (
        StoredReportData.objects.filter(round=a_round, fingerprint=key)
        .values_list("charts", flat=True)
        .first()
        or {}
    )
    missing = False
    for chart in charts:
        if chart.id in stored:
            chart.__dict__["svg"] = stored[chart.id]
        else:
            missing = True
    if missing:
        drawn = {chart.id: chart.svg for chart in charts}
        StoredReportData.objects.filter(round=a_round, fingerprint=key).update(charts=drawn)
    return report


def stored_report_data(a_round: Round, key: str) -> ReportData | None:
    payload = (
        StoredReportData.objects.filter(round=a_round, fingerprint=key)
        .values_list("payload", flat=True)
        .first()
    )
    if payload is None:
        return None
    data: ReportData = pickle.loads(bytes(payload))  # noqa: S301 - written by this app, never by a user
    return data


def store_report_data(a_round: Round, key: str, data: ReportData) -> None:
    """Keep one stored result per round: the latest fingerprint replaces the one before."""
    payload = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        with transaction.atomic():
            StoredReportData.objects.update_or_create(
                round=a_round, defaults={"fingerprint": key, "payload": payload, "charts": {}}
            )
    except IntegrityError:
        # Another worker stored the same round at the same moment; either copy will do.
        pass
