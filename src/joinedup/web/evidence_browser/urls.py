from django.urls import path

app_name = "evidence_browser"

urlpatterns: list = []
