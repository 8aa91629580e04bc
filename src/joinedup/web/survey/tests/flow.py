"""Walking the survey with the test client, as a respondent would."""

from __future__ import annotations

import html
import re

from django.test import Client
from django.urls import reverse

from joinedup.instrument.model import Instrument


def factor_order(instrument: Instrument) -> list[str]:
    return list(dict.fromkeys(item.factor for item in instrument.items))


def answer_about_you(
    client: Client, token: str, role_group: str = "practitioner", agency_id: int | None = None
):
    data: dict[str, object] = {"role_group": role_group}
    if agency_id is not None:
        data["agency"] = agency_id
    return client.post(reverse("survey:about_you", args=[token]), data)


def answer_page(
    client: Client, token: str, instrument: Instrument, number: int, value: str = "4", comment: str = ""
):
    factor = factor_order(instrument)[number - 1]
    data = {item.id: value for item in instrument.items_for(factor)}
    if comment:
        data["comment"] = comment
    return client.post(reverse("survey:questions", args=[token, number]), data)


def answer_everything(
    client: Client, token: str, instrument: Instrument, value: str = "4", **about_you
) -> None:
    """Every page answered; the respondent ends on the check page, nothing sent yet."""
    client.get(reverse("survey:start", args=[token]))
    assert answer_about_you(client, token, **about_you).status_code == 302
    for number in range(1, len(factor_order(instrument)) + 1):
        assert answer_page(client, token, instrument, number, value).status_code == 302


def send_key(client: Client, token: str) -> str:
    """The idempotency key as the check page's hidden field carries it, read from the markup as
    the browser reads it (a kept check page renders no template, so has no context to read)."""
    page = client.get(reverse("survey:check", args=[token])).content.decode()
    field = re.search(r'<input type="hidden" name="idempotency_key" value="([^"]+)"', page)
    assert field is not None, "no send key on the check page"
    return html.unescape(field.group(1))


def send(client: Client, token: str):
    """Press Send on the check page, as the browser would."""
    return client.post(reverse("survey:send", args=[token]), {"idempotency_key": send_key(client, token)})


def answer_and_send(client: Client, token: str, instrument: Instrument, **about_you):
    answer_everything(client, token, instrument, **about_you)
    return send(client, token)
