from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "joinedup.web.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
