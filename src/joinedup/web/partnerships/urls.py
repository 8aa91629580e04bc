from django.urls import path

from joinedup.web.survey import coordinator as survey_coordinator

from . import import_views, people, rounds, views

app_name = "partnerships"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.partnership_create, name="create"),
    path("<slug:slug>/", views.partnership_detail, name="detail"),
    path("<slug:slug>/change/", people.partnership_edit, name="edit"),
    path("<slug:slug>/archive/", people.partnership_archive, name="archive"),
    path("<slug:slug>/agencies/add/", views.agency_add, name="agency_add"),
    path("<slug:slug>/agencies/<int:agency_id>/change/", people.agency_edit, name="agency_edit"),
    path("<slug:slug>/agencies/<int:agency_id>/archive/", people.agency_archive, name="agency_archive"),
    path("<slug:slug>/members/add/", views.member_add, name="member_add"),
    path("<slug:slug>/rounds/new/", views.round_create, name="round_create"),
    path("<slug:slug>/rounds/<int:round_id>/", views.round_detail, name="round"),
    path("<slug:slug>/rounds/<int:round_id>/status/<str:action>/", rounds.round_status, name="round_status"),
    path(
        "<slug:slug>/rounds/<int:round_id>/status/<str:action>/confirm/",
        rounds.round_confirm,
        name="round_confirm",
    ),
    path("<slug:slug>/rounds/<int:round_id>/change/", rounds.round_edit, name="round_edit"),
    path("<slug:slug>/rounds/<int:round_id>/archive/", rounds.round_archive, name="round_archive"),
    path("<slug:slug>/rounds/<int:round_id>/e-mail/", rounds.round_emails, name="round_emails"),
    path("<slug:slug>/rounds/<int:round_id>/import/", import_views.round_import, name="round_import"),
    path(
        "<slug:slug>/rounds/<int:round_id>/responses-per-browser/",
        survey_coordinator.response_mode,
        name="round_response_mode",
    ),
    path(
        "<slug:slug>/rounds/<int:round_id>/single-use-links/",
        survey_coordinator.single_use_links,
        name="round_single_use_links",
    ),
    path(
        "<slug:slug>/rounds/<int:round_id>/import/<int:batch_id>/",
        import_views.round_import_done,
        name="round_import_done",
    ),
    path(
        "<slug:slug>/rounds/<int:round_id>/export/<str:file_format>/",
        import_views.round_export,
        name="round_export",
    ),
    path(
        "<slug:slug>/rounds/<int:round_id>/invitations/<int:invitation_id>/",
        views.invitation_edit,
        name="invitation_edit",
    ),
    # After the partnership pages, so a partnership whose slug is "invitations" keeps all of its pages.
    path("invitations/<str:token>/<str:answer>/", views.invitation_respond, name="invitation_respond"),
    path("join/<str:token>/", people.join, name="join"),
]
