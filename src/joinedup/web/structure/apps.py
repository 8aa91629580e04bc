from django.apps import AppConfig


class StructureConfig(AppConfig):
    name = "joinedup.web.structure"
    label = "structure"
    verbose_name = "Structure and accountability"
