from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "joinedup.web.operations"
    label = "operations"
    verbose_name = "Operations"
