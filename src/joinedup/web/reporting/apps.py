from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "joinedup.web.reporting"
    label = "reporting"
    verbose_name = "Reports"
