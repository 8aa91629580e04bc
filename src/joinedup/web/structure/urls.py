from django.urls import path

from .views import actions, delete, funding, meetings, overview, roles, sheets, targets

app_name = "structure"

urlpatterns = [
    path("<slug:slug>/", overview.overview, name="overview"),
    path("<slug:slug>/roles/", roles.roles, name="roles"),
    path("<slug:slug>/roles/tasks/add/", roles.task_add, name="task_add"),
    path("<slug:slug>/roles/tasks/<int:task_id>/", roles.task, name="task"),
    path("<slug:slug>/roles/tasks/<int:task_id>/edit/", roles.task_edit, name="task_edit"),
    path("<slug:slug>/roles/competences/add/", roles.competence_add, name="competence_add"),
    path("<slug:slug>/targets/", targets.targets, name="targets"),
    path("<slug:slug>/targets/add/", targets.target_add, name="target_add"),
    path("<slug:slug>/targets/<int:target_id>/", targets.target, name="target"),
    path("<slug:slug>/targets/<int:target_id>/edit/", targets.target_edit, name="target_edit"),
    path("<slug:slug>/targets/<int:target_id>/readings/add/", targets.reading_add, name="reading_add"),
    path("<slug:slug>/meetings/", meetings.meetings, name="meetings"),
    path("<slug:slug>/meetings/add/", meetings.meeting_add, name="meeting_add"),
    path("<slug:slug>/meetings/<int:meeting_id>/", meetings.meeting, name="meeting"),
    path("<slug:slug>/meetings/<int:meeting_id>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("<slug:slug>/funding/", funding.funding, name="funding"),
    path("<slug:slug>/funding/lines/add/", funding.funding_line_add, name="funding_line_add"),
    path("<slug:slug>/funding/lines/<int:pk>/", funding.funding_line, name="funding_line"),
    path("<slug:slug>/funding/lines/<int:pk>/edit/", funding.funding_line_edit, name="funding_line_edit"),
    path("<slug:slug>/funding/posts/add/", funding.post_add, name="post_add"),
    path("<slug:slug>/funding/posts/<int:pk>/", funding.post, name="post"),
    path("<slug:slug>/funding/posts/<int:pk>/edit/", funding.post_edit, name="post_edit"),
    path("<slug:slug>/funding/unfunded/add/", funding.unfunded_cost_add, name="unfunded_cost_add"),
    path("<slug:slug>/funding/unfunded/<int:pk>/", funding.unfunded_cost, name="unfunded_cost"),
    path(
        "<slug:slug>/funding/unfunded/<int:pk>/edit/", funding.unfunded_cost_edit, name="unfunded_cost_edit"
    ),
    path("<slug:slug>/actions/", actions.actions, name="actions"),
    path("<slug:slug>/actions/add/", actions.action_add, name="action_add"),
    path("<slug:slug>/actions/<int:action_id>/", actions.action, name="action"),
    path("<slug:slug>/actions/<int:action_id>/edit/", actions.action_edit, name="action_edit"),
    path("<slug:slug>/actions/<int:action_id>/updates/add/", actions.update_add, name="update_add"),
    path("<slug:slug>/delete/<str:kind>/<int:pk>/", delete.delete_record, name="delete"),
    path("<slug:slug>/deleted/<str:kind>/<int:history_id>/", delete.deleted, name="deleted"),
    path("<slug:slug>/deleted/<str:kind>/<int:history_id>/undo/", delete.restore, name="restore"),
    path("<slug:slug>/roles/competences/<int:pk>/edit/", roles.competence_edit, name="competence_edit"),
    path(
        "<slug:slug>/targets/<int:target_id>/readings/<int:pk>/edit/",
        targets.reading_edit,
        name="reading_edit",
    ),
    path(
        "<slug:slug>/actions/<int:action_id>/updates/<int:pk>/edit/", actions.update_edit, name="update_edit"
    ),
    path("<slug:slug>/<str:kind>/import/", sheets.import_records, name="import"),
    path("<slug:slug>/<str:kind>/download.xlsx", sheets.download_workbook, name="download_workbook"),
    path("<slug:slug>/<str:kind>/download/<str:sheet>.csv", sheets.download_csv, name="download_csv"),
]
