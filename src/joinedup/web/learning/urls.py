from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.hub, name="hub"),
    path("import/", views.import_records, name="import"),
    path("open-data/<str:open_data_file>", views.open_data, name="open_data"),
    path("partnership/<slug:slug>/", views.partnership_rounds, name="partnership"),
    path("partnership/<slug:slug>/rounds/<int:round_id>/", views.round_lessons, name="lessons"),
    path("partnership/<slug:slug>/rounds/<int:round_id>/check/", views.round_check, name="check"),
    path("partnership/<slug:slug>/rounds/<int:round_id>/shared/", views.round_shared, name="shared"),
    path("partnership/<slug:slug>/rounds/<int:round_id>/record.json", views.round_file, name="file"),
    path("partnership/<slug:slug>/rounds/<int:round_id>/withdraw/", views.round_withdraw, name="withdraw"),
]
