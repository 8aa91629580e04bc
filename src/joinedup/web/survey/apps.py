from django.apps import AppConfig


class SurveyConfig(AppConfig):
    name = "joinedup.web.survey"
    label = "survey"
    verbose_name = "Survey"
