from django.apps import AppConfig


class EvidenceBrowserConfig(AppConfig):
    name = "joinedup.web.evidence_browser"
    label = "evidence_browser"
    verbose_name = "Evidence"
