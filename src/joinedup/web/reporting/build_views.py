"""Report files made in the background: the download link queues a build, a page shows its progress.

The page refreshes itself with <meta http-equiv="refresh"> (no script: the content security policy
forbids inline script) until the file is ready, then offers it. A file already made for the round
as it stands is served at once.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from joinedup.web.partnerships.access import PartnershipAccess, partnership_view, round_for
from joinedup.web.partnerships.models import Round

from .builds import request_build
from .models import BuildStatus, ReportBuild
from .services import reportable_rounds

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
REFRESH_SECONDS = 3


def file_response(build: ReportBuild) -> HttpResponse:
    response = HttpResponse(bytes(build.content or b""), content_type=CONTENT_TYPES[build.format])
    filename = f"{slugify(build.round.partnership.name)}-{slugify(build.round.name)}-report.{build.format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def background_download(a_round: Round, fmt: str) -> HttpResponse:
    """The file if it is made (or was made while this request queued it), else the progress page."""
    build = request_build(a_round, fmt)
    if build.status == BuildStatus.DONE:
        return file_response(build)
    return redirect("reporting:build", a_round.partnership.slug, a_round.pk, build.pk)


@partnership_view()
def build_progress(
    request: HttpRequest, access: PartnershipAccess, round_id: int, build_id: int
) -> HttpResponse:
    a_round = round_for(access, round_id)
    if a_round not in reportable_rounds([a_round]):
        raise Http404("No such report")
    build = (
        ReportBuild.objects.filter(round=a_round, pk=build_id).select_related("round__partnership").first()
    )
    if build is None:
        raise Http404("No such report")
    if request.GET.get("file") and build.status == BuildStatus.DONE:
        return file_response(build)
    return render(
        request,
        "reporting/build.html",
        {
            "partnership": a_round.partnership,
            "round": a_round,
            "build": build,
            "refresh": REFRESH_SECONDS if build.status in (BuildStatus.QUEUED, BuildStatus.RUNNING) else None,
        },
    )
