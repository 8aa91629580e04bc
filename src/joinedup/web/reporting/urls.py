from django.urls import path

from . import build_views, views

app_name = "reporting"

urlpatterns = [
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/rounds/<int:round_id>/report.<str:fmt>", views.download, name="download"),
    path(
        "<slug:slug>/rounds/<int:round_id>/reports/<int:build_id>/",
        build_views.build_progress,
        name="build",
    ),
    path(
        "<slug:slug>/rounds/<int:round_id>/recommendations/accept/",
        views.accept_recommendation,
        name="accept",
    ),
    path(
        "<slug:slug>/rounds/<int:round_id>/recommendations/reject/",
        views.reject_recommendation,
        name="reject",
    ),
    path(
        "<slug:slug>/rounds/<int:round_id>/recommendations/set-aside/<int:decision_id>/",
        views.set_aside,
        name="set_aside",
    ),
    path(
        "<slug:slug>/rounds/<int:round_id>/recommendations/set-aside/<int:decision_id>/undo/",
        views.set_aside_undo,
        name="set_aside_undo",
    ),
]
