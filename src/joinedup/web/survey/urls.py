from django.urls import path

from . import views

app_name = "survey"

urlpatterns = [
    path("e-mail/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<str:token>/", views.start, name="start"),
    path("<str:token>/about-you/", views.about_you, name="about_you"),
    path("<str:token>/questions/<int:number>/", views.questions, name="questions"),
    path("<str:token>/check-your-answers/", views.check, name="check"),
    path("<str:token>/send/", views.send, name="send"),
    path("<str:token>/sent/", views.sent, name="sent"),
    path("<str:token>/save-for-later/", views.save_for_later, name="save_for_later"),
    path("<str:token>/resume/<str:key>/", views.resume, name="resume"),
]
