from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/rounds/<int:round_id>/report.<str:fmt>", views.download, name="download"),
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
]
