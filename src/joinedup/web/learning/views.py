"""Opting in to share a round's learning record, the learning hub, importing records from other
deployments and the open data downloads.

A coordinator shares a round in three steps: lessons (optional, in their own words; they stay
here), check (the record exactly as it will leave, in summary lists, with the file itself to
download), and the confirmation. The hub, for any signed-in user, reads the pooled results a
background task keeps up to date; "where your partnership stands" reads only the user's own
partnerships' records.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from joinedup.formatting import label, plural
from joinedup.learning.pool import MIN_PARTNERSHIPS, PRACTICE_CAVEAT, position
from joinedup.web.evidence_browser.source import current_evidence_base
from joinedup.web.partnerships.access import MANAGE, PartnershipAccess, partnership_view, round_for
from joinedup.web.partnerships.models import Membership, Round
from joinedup.web.reporting.services import reportable_rounds
from joinedup.web.signed_in import SignedInRequest

from . import services
from .display import intervention_title, month_words, record_rows
from .forms import ImportRecordsForm, LessonsForm, ShareForm
from .models import LearningRecord, PooledLearning, RecordStatus
from .permissions import IMPORT_LEARNING

OPEN_DATA_TYPES = {
    "pooled.json": "application/json",
    "benchmarks.csv": "text/csv; charset=utf-8",
    "practice.csv": "text/csv; charset=utf-8",
    "data-dictionary.md": "text/markdown; charset=utf-8",
}


def _closed_round(access: PartnershipAccess, round_id: int) -> Round:
    """The partnership's round, if it is closed with answers; a record is only made from one."""
    a_round = round_for(access, round_id)
    if a_round not in reportable_rounds([a_round]):
        raise Http404("Only a closed round with answers has a learning record")
    return a_round


def _lessons(a_round: Round) -> dict[str, str]:
    stored = services.stored_record(a_round)
    return dict(stored.lessons) if stored is not None else {}


@partnership_view(MANAGE)
def partnership_rounds(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    """The partnership's closed rounds and whether each one's learning record is shared."""
    rounds = reportable_rounds(list(access.partnership.rounds.order_by("-opens_on", "-pk")))
    shared = set(
        LearningRecord.objects.filter(round__in=rounds, status=RecordStatus.SHARED).values_list(
            "round_id", flat=True
        )
    )
    return render(
        request,
        "learning/partnership.html",
        {"partnership": access.partnership, "rounds": [(r, r.pk in shared) for r in rounds]},
    )


@partnership_view(MANAGE)
def round_lessons(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    """Step 1: an optional lesson for each action adopted for the round."""
    a_round = _closed_round(access, round_id)
    following = services.next_round(a_round)
    actions = services.adopted_actions(a_round, following)
    form = LessonsForm(actions, request.POST if request.method == "POST" else None, lessons=_lessons(a_round))
    if request.method == "POST" and form.is_valid():
        services.save_lessons(a_round, form.lessons())
        return redirect("learning:check", access.partnership.slug, a_round.pk)
    return render(
        request,
        "learning/lessons.html",
        {"partnership": access.partnership, "round": a_round, "form": form, "next_round": following},
    )


def _check_page(
    request: HttpRequest,
    access: PartnershipAccess,
    a_round: Round,
    form: ShareForm,
    built: services.RoundLearning,
) -> HttpResponse:
    stored = services.stored_record(a_round)
    return render(
        request,
        "learning/check.html",
        {
            "partnership": access.partnership,
            "round": a_round,
            "form": form,
            "digest": built.digest,
            "shown": record_rows(built.record, current_evidence_base()),
            "shared": stored is not None and stored.status == RecordStatus.SHARED,
            "same_as_shared": stored is not None and stored.record == built.record,
        },
    )


@partnership_view(MANAGE)
def round_check(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    """Step 2: the record exactly as it would leave, and the button that shares it."""
    a_round = _closed_round(access, round_id)
    built = services.build_round_record(a_round, _lessons(a_round))
    form = ShareForm(request.POST if request.method == "POST" else None, current_digest=built.digest)
    if request.method == "POST" and form.is_valid():
        services.share(a_round, built.record)
        return redirect("learning:shared", access.partnership.slug, a_round.pk)
    return _check_page(request, access, a_round, form, built)


@partnership_view(MANAGE)
def round_shared(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    """Step 3: the confirmation that the record was shared."""
    a_round = _closed_round(access, round_id)
    stored = services.stored_record(a_round)
    if stored is None or stored.status != RecordStatus.SHARED:
        return redirect("learning:check", access.partnership.slug, a_round.pk)
    return render(request, "learning/shared.html", {"partnership": access.partnership, "round": a_round})


@partnership_view(MANAGE)
def round_file(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    """The record as a JSON file: the shared one if shared, else the one the check page shows."""
    a_round = _closed_round(access, round_id)
    stored = services.stored_record(a_round)
    if stored is not None and stored.status == RecordStatus.SHARED and stored.record is not None:
        record = stored.record
    else:
        record = services.build_round_record(a_round, _lessons(a_round)).record
    response = HttpResponse(services.record_file(record), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="learning-record-{record["month"]}.json"'
    return response


@partnership_view(MANAGE)
def round_withdraw(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    """Taking a shared record back out of the pool (asks first)."""
    a_round = _closed_round(access, round_id)
    stored = services.stored_record(a_round)
    if stored is None or stored.status != RecordStatus.SHARED:
        messages.info(request, "This round's learning record is not shared")
        return redirect("learning:partnership", access.partnership.slug)
    if request.method == "POST":
        services.withdraw(a_round)
        messages.success(request, f"The learning record of {a_round.name} has been withdrawn")
        return redirect("learning:partnership", access.partnership.slug)
    return render(request, "learning/withdraw.html", {"partnership": access.partnership, "round": a_round})


def _standings(request: SignedInRequest, pooled: PooledLearning | None) -> list[dict[str, object]]:
    """For each of the user's own partnerships with a shared record: its factor means and where
    each stands among the pooled partnerships (nothing about anyone else's partnership)."""
    if pooled is None:
        return []
    partnerships = [
        m.partnership for m in Membership.objects.filter(user=request.user).select_related("partnership")
    ]
    records = services.own_latest_records(partnerships)
    standings = []
    for partnership in partnerships:
        record = records.get(partnership.pk)
        if record is None:
            continue
        standings.append(
            {
                "partnership": partnership,
                "month": month_words(record["month"]),
                "factors": [
                    {"name": label(factor_id), "mean": figures["mean"], "where": where}
                    for factor_id, figures in record["factors"].items()
                    if (where := position(pooled.result, factor_id, figures["mean"]))
                ],
            }
        )
    return standings


def hub(request: SignedInRequest) -> HttpResponse:
    """Benchmarks and practice evidence from every shared record, read from the precomputed row."""
    pooled = services.latest_pooled()
    waiting = services.waiting(pooled)
    evidence = current_evidence_base()
    benchmarks = [
        {"name": label(factor_id), **figures}
        for factor_id, figures in (pooled.result.get("benchmarks", {}) if pooled else {}).items()
    ]
    practice = [
        {
            "item": item,
            "title": intervention_title(evidence, item.intervention),
            "factor": label(item.factor),
        }
        for item in services.practice_evidence(pooled)
    ]
    return render(
        request,
        "learning/hub.html",
        {
            "pooled": pooled,
            "benchmarks": benchmarks,
            "practice": practice,
            "standings": _standings(request, pooled),
            "waiting": waiting,
            "more_needed": max(MIN_PARTNERSHIPS - waiting.contributors, 0),
            "minimum": MIN_PARTNERSHIPS,
            "caveat": PRACTICE_CAVEAT,
            "files": list(OPEN_DATA_TYPES),
            "can_import": request.user.has_perm(IMPORT_LEARNING),
        },
    )


def open_data(request: HttpRequest, open_data_file: str) -> HttpResponse:
    """One file of the open data release, as the background task last wrote it."""
    if open_data_file not in OPEN_DATA_TYPES:
        raise Http404("No such file")
    pooled = PooledLearning.objects.only("open_data").first()
    if pooled is None or open_data_file not in pooled.open_data:
        raise Http404("Nothing has been pooled yet")
    response = HttpResponse(pooled.open_data[open_data_file], content_type=OPEN_DATA_TYPES[open_data_file])
    response["Content-Disposition"] = f'attachment; filename="joinedup-learning-{open_data_file}"'
    return response


@permission_required(IMPORT_LEARNING, raise_exception=True)
def import_records(request: HttpRequest) -> HttpResponse:
    """Records from other deployments: every file checked, then all stored or none."""
    posted = request.method == "POST"
    form = ImportRecordsForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        stored = services.store_imported(form.cleaned_data["record_files"])
        messages.success(
            request,
            f"{plural(stored, 'learning record')} imported; the hub is brought up to date in the background",
        )
        return redirect("learning:hub")
    return render(request, "learning/import.html", {"form": form, "now": timezone.now()})
