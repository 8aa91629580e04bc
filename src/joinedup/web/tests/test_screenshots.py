"""The screenshots in the docs, taken from the demo partnership so they show what a user will see.

Each is one screen (the viewport, not the whole page) and small enough to keep in the
repository. They are written to a temporary folder and checked; set JOINEDUP_SCREENSHOTS to a
folder (`docs/images`) to write them there instead and refresh the docs.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize

from joinedup.web.partnerships.models import Partnership, RoundStatus

from .test_accessibility import (
    DEMO_PASSWORD,
    DESKTOP,
    PHONE,
    demo_partnership,
    sign_in,
    start_the_survey,
    submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOST_BYTES = 300 * 1024
ROUND_VIEW: ViewportSize = {"width": 1280, "height": 1000}


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header, so the check needs no image library."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def shoot(page: Page, folder: Path, name: str) -> Path:
    path = folder / name
    page.screenshot(path=path, type="png", scale="css")
    return path


def survey_question(page: Page, partnership: Partnership, base_url: str) -> None:
    open_round = partnership.rounds.get(status=RoundStatus.OPEN)
    invitation = open_round.invitations.order_by("agency__name").first()
    assert invitation is not None
    page.goto(base_url + invitation.get_absolute_url())
    start_the_survey(page)
    page.locator("input[name=role_group]").first.check()
    submit(page)


def test_the_docs_screenshots(live_server, page: Page, tmp_path: Path) -> None:
    folder = Path(os.environ.get("JOINEDUP_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    partnership = demo_partnership()
    slug = partnership.slug
    closed = partnership.rounds.filter(status=RoundStatus.CLOSED).order_by("-closes_on").first()
    assert closed is not None
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("accounts:login"))
    sign_in(page, DEMO_PASSWORD)

    shots = {}
    page.goto(live_server.url + reverse("reporting:dashboard", args=[slug]))
    shots["dashboard.png"] = (shoot(page, folder, "dashboard.png"), DESKTOP)
    page.goto(live_server.url + reverse("evidence_browser:factors"))
    shots["evidence.png"] = (shoot(page, folder, "evidence.png"), DESKTOP)
    page.goto(live_server.url + reverse("structure:overview", args=[slug]))
    shots["structure.png"] = (shoot(page, folder, "structure.png"), DESKTOP)
    page.set_viewport_size(ROUND_VIEW)
    page.goto(live_server.url + reverse("partnerships:round", args=[slug, closed.pk]))
    page.evaluate("window.scrollTo(0, document.querySelector('main h2').offsetTop - 75)")
    shots["round.png"] = (shoot(page, folder, "round.png"), ROUND_VIEW)
    page.set_viewport_size(PHONE)
    survey_question(page, partnership, live_server.url)
    assert "Section 1 of" in page.locator(".govuk-caption-l").inner_text()
    shots["survey-phone.png"] = (shoot(page, folder, "survey-phone.png"), PHONE)

    for name, (path, viewport) in shots.items():
        assert png_size(path) == (viewport["width"], viewport["height"]), name
        assert path.stat().st_size < MOST_BYTES, f"{name} is {path.stat().st_size // 1024} KB"
