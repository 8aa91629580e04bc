from django.urls import path

from joinedup.web.survey import coordinator as survey_coordinator

from . import import_views, views

app_name = "partnerships"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.partnership_create, name="create"),
    path("<slug:slug>/", views.partnership_detail, name="detail"),
    path("<slug:slug>/agencies/add/", views.agency_add, name="agency_add"),
    path("<slug:slug>/members/add/", views.member_add, name="member_add"),
    path("<slug:slug>/rounds/new/", views.round_create, name="round_create"),
    path("<slug:slug>/rounds/<int:round_id>/", views.round_detail, name="round"),
    path("<slug:slug>/rounds/<int:round_id>/status/<str:action>/", views.round_status, name="round_status"),
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
]
