from django.urls import path

app_name = "structure"

urlpatterns: list = []
