from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from joinedup.web.operations.views import healthz

admin.site.site_header = "joinedup administration"
admin.site.site_title = "joinedup"
# A database outage met before any view runs (reading a session) is a 503 too, not a 500.
handler500 = "joinedup.web.operations.views.server_error"

urlpatterns = [
    path(
        "",
        login_not_required(RedirectView.as_view(pattern_name="evidence_browser:factors", permanent=False)),
        name="home",
    ),
    path("accounts/", include("joinedup.web.accounts.urls")),
    path("evidence/", include("joinedup.web.evidence_browser.urls")),
    path("partnerships/", include("joinedup.web.partnerships.urls")),
    path("survey/", include("joinedup.web.survey.urls")),
    path("structure/", include("joinedup.web.structure.urls")),
    path("reports/", include("joinedup.web.reporting.urls")),
    path("comments/", include("joinedup.web.comments.urls")),
    path("learning/", include("joinedup.web.learning.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
