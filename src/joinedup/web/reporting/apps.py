from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "joinedup.web.reporting"
    label = "reporting"
    verbose_name = "Reports"

    def ready(self) -> None:
        from .cache import connect_signals

        connect_signals()
