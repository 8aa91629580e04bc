from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "joinedup.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
