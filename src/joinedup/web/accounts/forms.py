from typing import Any

from django.contrib.auth.forms import AuthenticationForm

from joinedup.web.govuk_forms import GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    """Django's sign-in form with GOV.UK wording, classes and error links for screen readers."""

    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"class": "govuk-input govuk-!-width-one-half", "autocomplete": "username", "spellcheck": "false"}
        )
        self.fields["password"].widget.attrs.update(
            {"class": "govuk-input govuk-!-width-one-half", "autocomplete": "current-password"}
        )
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
