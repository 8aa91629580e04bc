from django.urls import path

app_name = "partnerships"

urlpatterns: list = []
