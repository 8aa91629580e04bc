from django.urls import path

app_name = "survey"

urlpatterns: list = []
