from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "joinedup.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from joinedup.web import security  # noqa: F401 — registers the rate-limit cache check
