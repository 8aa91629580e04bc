from django.urls import path

from . import views

app_name = "survey"

urlpatterns = [
    path("<str:token>/", views.start, name="start"),
    path("<str:token>/about-you/", views.about_you, name="about_you"),
    path("<str:token>/questions/<int:number>/", views.questions, name="questions"),
    path("<str:token>/check-your-answers/", views.check, name="check"),
    path("<str:token>/send/", views.send, name="send"),
    path("<str:token>/sent/", views.sent, name="sent"),
]
