from django.urls import path

from . import views

app_name = "evidence_browser"

urlpatterns: list = [
    path("", views.factor_list, name="factors"),
    path("factors/<slug:factor_id>/", views.factor_detail, name="factor"),
    path("works/", views.work_list, name="works"),
    path("works/<slug:key>/", views.work_detail, name="work"),
]

# The evidence lead's review step (upload a review, decide on each proposed claim).
from . import review_views  # noqa: E402

urlpatterns += [
    path("review/", review_views.review_upload, name="review_upload"),
    path("review/claims/", review_views.review_claims, name="review_claims"),
]
