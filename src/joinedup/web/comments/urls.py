from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<slug:slug>/rounds/<int:round_id>/", views.round_comments, name="round"),
    path("<slug:slug>/rounds/<int:round_id>/all/", views.round_review, name="round_review"),
    path("<slug:slug>/comments/<int:tag_id>/correct/", views.comment_correct, name="comment_correct"),
    path("<slug:slug>/lessons/", views.lessons, name="lessons"),
    path("<slug:slug>/lessons/add/", views.lesson_add, name="lesson_add"),
    path("<slug:slug>/lessons/<int:lesson_id>/correct/", views.lesson_correct, name="lesson_correct"),
    path("<slug:slug>/tagger/", views.tagger, name="tagger"),
    path("<slug:slug>/tagger/retrain/", views.tagger_retrain, name="tagger_retrain"),
]
