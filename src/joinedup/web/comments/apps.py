from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "joinedup.web.comments"
    label = "comments"
    verbose_name = "Comments and lessons learned"
