from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "joinedup.web.learning"
    label = "learning"
    verbose_name = "Learning across partnerships"
