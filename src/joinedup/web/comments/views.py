"""Coordinators' pages: a round's comments by factor, checking and correcting tags, retraining the
partnership's tagger, and the lessons-learned log.

Strangers get a 404 so a partnership's existence is not revealed; members without the right
role get a 403. Comment text is always scrubbed and never shown beside its agency.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging import scrub
from joinedup.web.partnerships.access import MANAGE, RECORD, PartnershipAccess, partnership_view, round_for
from joinedup.web.partnerships.models import Partnership
from joinedup.web.tasks import retrain_tagger_task

from .corrections import correct_comment, correct_lesson
from .disclosure import round_groups
from .factors import factor_names, named
from .forms import NONE_OF_THEM, CorrectionForm, LessonForm
from .lessons import record_lesson
from .models import CommentTag, Lesson, PartnershipTagger, TagCorrection
from .summary import agency_names, comments_by_factor, listable_comments, scrubbed, unsure
from .taggers import NothingToLearnError

COMMENTS_PER_PAGE = 25
READ_COMMENTS = "Only coordinators and partner leads can read comments"
CORRECT_TAGS = "Only coordinators can correct tags or retrain the tagger"


@partnership_view(RECORD, refusal=READ_COMMENTS)
def round_comments(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    a_round = round_for(access, round_id)
    groups = round_groups(a_round)
    summary = comments_by_factor(a_round, groups)
    rows = [
        {
            "id": factor_id,
            "name": name,
            "count": summary[factor_id].count,
            "quotes": summary[factor_id].examples,
        }
        for factor_id, name in factor_names().items()
        if factor_id in summary
    ]
    context = {
        "partnership": a_round.partnership,
        "round": a_round,
        "groups": groups,
        "rows": rows,
        "can_correct": access.can_manage,
    }
    return render(request, "comments/round_comments.html", context)


@partnership_view(RECORD, refusal=READ_COMMENTS)
def round_review(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    a_round = round_for(access, round_id)
    factor = request.GET.get("factor") or None
    if factor is not None and factor not in FACTOR_IDS:
        raise Http404("No such factor")
    groups = round_groups(a_round)
    listable = listable_comments(a_round, groups, factor)
    unsure_only = request.GET.get("unsure") == "1"
    if unsure_only:
        listable = [comment for comment in listable if unsure(comment)]
    page = Paginator(listable, COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    comments = [
        {
            "id": comment.tag_id,
            "text": comment.text,
            "tags": named(comment.factors),
            "corrected": comment.corrected,
            "unsure": unsure(comment),
        }
        for comment in scrubbed(page.object_list, a_round.partnership)
    ]
    context = {
        "partnership": a_round.partnership,
        "round": a_round,
        "groups": groups,
        "factor": factor,
        "factor_name": factor_names().get(factor or ""),
        "page": page,
        "comments": comments,
        "unsure_only": unsure_only,
        "can_correct": access.can_manage,
    }
    return render(request, "comments/round_review.html", context)


def _correction_page(
    request: HttpRequest,
    partnership: Partnership,
    form: CorrectionForm,
    *,
    text: str,
    factors: list[str],
    back_url: str,
    **extra: Any,
) -> HttpResponse:
    context = {
        "partnership": partnership,
        "form": form,
        "text": text,
        "tags": named(factors),
        "back_url": back_url,
        "none_value": NONE_OF_THEM,
        **extra,
    }
    return render(request, "comments/correct.html", context)


def _initial_factors(factors: list[str]) -> dict[str, list[str]]:
    return {"factors": factors or [NONE_OF_THEM]}


@partnership_view(MANAGE, refusal=CORRECT_TAGS)
def comment_correct(request: HttpRequest, access: PartnershipAccess, tag_id: int) -> HttpResponse:
    partnership = access.partnership
    tag = (
        CommentTag.objects.filter(pk=tag_id, response__round__partnership=partnership)
        .select_related("response__round__partnership", "response__agency")
        .first()
    )
    if tag is None or tag.response.agency.name not in round_groups(tag.response.round).listable:
        raise Http404("No comment found")
    a_round = tag.response.round
    back_url = reverse("comments:round_review", args=[partnership.slug, a_round.pk])
    form = CorrectionForm(
        request.POST if request.method == "POST" else None, initial=_initial_factors(tag.factors)
    )
    if form.is_valid():
        correct_comment(tag, form.cleaned_data["factors"])
        messages.success(
            request, "The tags have been corrected. Retrain your tagger to use this for new comments."
        )
        return redirect(back_url)
    text = scrub(tag.text, agencies=agency_names(partnership))
    return _correction_page(
        request, partnership, form, text=text, factors=tag.factors, back_url=back_url, round=a_round
    )


@partnership_view(MANAGE, refusal=CORRECT_TAGS)
def lesson_correct(request: HttpRequest, access: PartnershipAccess, lesson_id: int) -> HttpResponse:
    partnership = access.partnership
    lesson = Lesson.objects.filter(pk=lesson_id, partnership=partnership).first()
    if lesson is None:
        raise Http404("No lesson found")
    back_url = reverse("comments:lessons", args=[partnership.slug])
    form = CorrectionForm(
        request.POST if request.method == "POST" else None, initial=_initial_factors(lesson.factors)
    )
    if form.is_valid():
        correct_lesson(lesson, form.cleaned_data["factors"])
        messages.success(request, "The lesson's tags have been corrected.")
        return redirect(back_url)
    return _correction_page(
        request, partnership, form, text=lesson.text, factors=lesson.factors, back_url=back_url, lesson=lesson
    )


@partnership_view(MANAGE, refusal=CORRECT_TAGS)
def tagger(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    stored = PartnershipTagger.objects.filter(partnership=partnership).first()
    corrections = list(TagCorrection.objects.filter(partnership=partnership).order_by("-made_on", "-pk"))
    agencies = agency_names(partnership)
    context = {
        "partnership": partnership,
        "stored": stored,
        "corrections": [
            {"made_on": c.made_on, "text": scrub(c.text, agencies=agencies), "tags": named(c.factors)}
            for c in corrections
        ],
        "new_corrections": len(corrections) - (stored.corrections if stored else 0),
    }
    return render(request, "comments/tagger.html", context)


@require_POST
@partnership_view(MANAGE, refusal=CORRECT_TAGS)
def tagger_retrain(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    if not TagCorrection.objects.filter(partnership=partnership).exists():
        messages.error(request, f"{NothingToLearnError.about(partnership)}. Correct a tag first.")
        return redirect("comments:tagger", partnership.slug)
    # Retraining and re-tagging every comment takes seconds: a task worker does it.
    result = retrain_tagger_task.enqueue(partnership.pk)
    learnt = result.return_value if result.status == TaskResultStatus.SUCCESSFUL else None
    if learnt is not None:
        messages.success(
            request,
            f"Your tagger has learnt from {learnt} "
            f"correction{pluralize(learnt)} and your comments have been tagged again.",
        )
    else:
        messages.success(
            request,
            "Your tagger is learning from your corrections. Your comments will be tagged again within "
            "a few minutes; this page shows the date it was last trained.",
        )
    return redirect("comments:tagger", partnership.slug)


@partnership_view()
def lessons(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    entries = Lesson.objects.filter(partnership=partnership).select_related("agency")
    context = {
        "partnership": partnership,
        "lessons": [{"lesson": lesson, "tags": named(lesson.factors)} for lesson in entries],
        "can_add": access.can_record,
        "can_correct": access.can_manage,
    }
    return render(request, "comments/lessons.html", context)


@partnership_view(RECORD, refusal="Only coordinators and partner leads can add lessons")
def lesson_add(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    form = LessonForm(request.POST if request.method == "POST" else None, partnership=partnership)
    if form.is_valid():
        lesson = record_lesson(partnership, **form.cleaned_data)
        tags = ", ".join(tag["name"] for tag in named(lesson.factors)) or "no factor"
        messages.success(request, f"The lesson has been added and tagged: {tags}.")
        return redirect("comments:lessons", partnership.slug)
    return render(request, "comments/lesson_form.html", {"partnership": partnership, "form": form})
