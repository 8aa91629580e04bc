from django.urls import path

from . import views

app_name = "evidence_browser"

urlpatterns: list = [
    path("", views.factor_list, name="factors"),
    path("factors/<slug:factor_id>/", views.factor_detail, name="factor"),
    path("works/", views.work_list, name="works"),
    path("works/<slug:key>/", views.work_detail, name="work"),
]
