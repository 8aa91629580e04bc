"""Every kind of page in the web app passes axe in a real browser, at desktop and phone widths.

The demo partnership gives each page real content: charts, suppressed cells, long tables,
structure records that trip every check. A page is checked as a coordinator sees it, and
forms are also checked in their error state, since error summaries and messages are where
markup most often goes wrong. One browser session per width walks a list of pages and
reports every violation at once, so a failing run says all that needs fixing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Error, Page, ViewportSize
from pytest_django.fixtures import Settings

from joinedup.web.comments.models import Lesson
from joinedup.web.partnerships.demo import DEMO_PASSWORD, DEMO_SLUG, load_demo
from joinedup.web.partnerships.models import Partnership, Round, RoundStatus
from joinedup.web.structure.models import (
    ActionItem,
    FundingLine,
    Meeting,
    Post,
    RaciTask,
    Target,
    UnfundedCost,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 375, "height": 667}
COORDINATOR = "demo-coordinator"
VIEWER = "demo-viewer"
MOST_TABS_TO_ANY_CONTROL = 150
REVIEW = (
    "Joint training\n\n"
    "Training professionals together across agencies helped them understand each other (Carpenter 2010).\n"
)
GOOD_IMPORT_ROWS = 12
BAD_IMPORT = b"agency,role_group,not-a-statement\nNowhere,nobody,7\n"
# How far the page is wider than the window, in CSS pixels: content must reflow (WCAG 1.4.10).
SIDEWAYS_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
axe = Axe()


def describe(violations: list[dict], where: str) -> list[str]:
    """One line per failing element: the rule, what it means, the element and the page it is on."""
    return [
        f"{where}: {violation['id']} ({violation['help']}) at {', '.join(map(str, node['target']))}"
        for violation in violations
        for node in violation["nodes"]
    ]


@dataclass
class Tour:
    """A coordinator walking the site in one browser session, noting what axe and the console report."""

    page: Page
    base_url: str
    problems: list[str] = field(default_factory=list)
    expected_status: int = 200

    def __post_init__(self) -> None:
        self.page.on("console", self._console)
        self.page.on("pageerror", self._script_error)

    def _script_error(self, error: Error) -> None:
        self.problems.append(f"{self.page.url}: script error {error}")

    def _console(self, message: ConsoleMessage) -> None:
        refusal = f"the server responded with a status of {self.expected_status}"
        if message.type == "error" and not (self.expected_status != 200 and refusal in message.text):
            self.problems.append(f"{self.page.url}: console error {message.text}")

    def check(self, state: str = "") -> None:
        """Run axe with every disclosure open, so what is folded away is checked too."""
        self.page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true })")
        results = axe.run(self.page)
        where = f"{self.page.url}{f' ({state})' if state else ''}"
        self.problems.extend(describe(results.response["violations"], where))
        overflow = self.page.evaluate(SIDEWAYS_OVERFLOW)
        if overflow:
            self.problems.append(f"{where}: the page scrolls sideways ({overflow} px) instead of reflowing")

    def visit(
        self, path: str, then: Callable[[Page], None] | None = None, state: str = "", status: int = 200
    ) -> None:
        self.expected_status = status
        response = self.page.goto(path if path.startswith("http") else self.base_url + path)
        if response is None or response.status != status:
            self.problems.append(f"{path}: HTTP {response.status if response else 'no response'}")
            return
        self.check()
        if then is not None:
            then(self.page)
            self.check(state)

    def href(self, selector: str) -> str:
        """The address of the first link matching `selector` on the current page."""
        link = self.page.locator(selector).first
        return str(link.get_attribute("href", timeout=5000))

    def assert_clean(self) -> None:
        assert not self.problems, f"{len(self.problems)} problem(s):\n" + "\n".join(self.problems)


def submit(page: Page) -> None:
    """Send the page's main form as it stands."""
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()


def submit_blank(page: Page) -> None:
    """Send the main form with every text box emptied, to bring up its errors."""
    form = page.locator("main form[method=post]").first
    boxes = form.locator("input[type=text], textarea")
    for index in range(boxes.count()):
        boxes.nth(index).fill("")
    submit(page)


def showing_errors(action: Callable[[Page], None]) -> Callable[[Page], None]:
    """The action, then a check that it brought up the error summary it was meant to."""

    def act(page: Page) -> None:
        action(page)
        assert page.locator(".govuk-error-summary").first.is_visible(), f"no error summary on {page.url}"

    return act


def start_the_survey(page: Page) -> None:
    with page.expect_navigation():
        page.locator("a.govuk-button--start").click()


def upload_bad_file(page: Page) -> None:
    page.locator("input[type=file]").first.set_input_files(
        {"name": "answers.csv", "mimeType": "text/csv", "buffer": BAD_IMPORT}
    )
    submit(page)


def sign_in(page: Page, password: str, username: str = COORDINATOR) -> None:
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    submit(page)


def demo_partnership() -> Partnership:
    load_demo(today=timezone.localdate())
    return Partnership.objects.get(slug=DEMO_SLUG)


def upload_review(page: Page) -> None:
    page.locator("input[type=file]").set_input_files(
        {"name": "new-review.txt", "mimeType": "text/plain", "buffer": REVIEW.encode()}
    )
    submit(page)


def evidence_pages(tour: Tour, settings: Settings, folder: Path) -> None:
    tour.visit(reverse("evidence_browser:factors"))
    tour.visit(tour.href("main a[href*='/evidence/factors/']"))
    tour.visit(reverse("evidence_browser:works"))
    tour.visit(tour.href("main a[href*='/evidence/works/']"))
    shipped = settings.JOINEDUP_EVIDENCE_DIR
    settings.JOINEDUP_EVIDENCE_DIR = None
    tour.visit(reverse("evidence_browser:review_upload"), status=409)
    settings.JOINEDUP_EVIDENCE_DIR = str(folder)
    tour.visit(reverse("evidence_browser:review_upload"), showing_errors(submit), "no file")
    tour.visit(reverse("evidence_browser:review_upload"), upload_review, "claims proposed")
    settings.JOINEDUP_EVIDENCE_DIR = shipped


def partnership_pages(tour: Tour, partnership: Partnership) -> None:
    slug = partnership.slug
    latest = partnership.rounds.filter(status=RoundStatus.CLOSED).order_by("-closes_on").first()
    open_round = partnership.rounds.get(status=RoundStatus.OPEN)
    assert latest is not None
    tour.visit(reverse("partnerships:home"))
    tour.visit(reverse("partnerships:detail", args=[slug]))
    tour.visit(reverse("partnerships:create"), showing_errors(submit_blank), "with errors")
    tour.visit(reverse("partnerships:agency_add", args=[slug]), showing_errors(submit_blank), "with errors")
    tour.visit(reverse("partnerships:member_add", args=[slug]), showing_errors(submit_blank), "with errors")
    tour.visit(reverse("partnerships:round_create", args=[slug]), showing_errors(submit_blank), "with errors")
    for a_round in (latest, open_round):
        tour.visit(reverse("partnerships:round", args=[slug, a_round.pk]))
    tour.visit(
        reverse("partnerships:round_import", args=[slug, open_round.pk]), showing_errors(submit), "no file"
    )
    tour.visit(
        reverse("partnerships:round_import", args=[slug, open_round.pk]),
        showing_errors(upload_bad_file),
        "bad file",
    )
    invitation = open_round.invitations.order_by("pk").first()
    closed_invitation = latest.invitations.order_by("pk").first()
    assert invitation is not None and closed_invitation is not None
    tour.visit(reverse("partnerships:invitation_edit", args=[slug, open_round.pk, invitation.pk]))
    tour.visit(closed_invitation.get_absolute_url(), status=410)
    tour.visit(invitation.get_absolute_url())
    start_the_survey(tour.page)
    tour.check("about you")
    showing_errors(submit)(tour.page)
    tour.check("about you, with errors")
    tour.page.locator("input[name=role_group]").first.check()
    submit(tour.page)
    tour.check("first questions")


def report_pages(tour: Tour, partnership: Partnership) -> None:
    dashboard = reverse("reporting:dashboard", args=[partnership.slug])
    first = partnership.rounds.order_by("opens_on").first()
    assert first is not None
    tour.visit(f"{dashboard}?round={first.pk}")
    tour.visit(dashboard)
    accept = tour.href("main a[href*='/recommendations/accept/']")
    tour.visit(f"{dashboard}?all=1")
    tour.visit(accept, showing_errors(submit_blank), "with errors")


def first_pk(model: type[Model], partnership: Partnership) -> int:
    pk = model._default_manager.filter(partnership=partnership).values_list("pk", flat=True).first()
    assert pk is not None, f"the demo has no {model.__name__}"
    return int(pk)


def structure_pages(tour: Tour, partnership: Partnership) -> None:
    slug = partnership.slug
    records = [
        ("roles", "task", first_pk(RaciTask, partnership)),
        ("targets", "target", first_pk(Target, partnership)),
        ("meetings", "meeting", first_pk(Meeting, partnership)),
        ("actions", "action", first_pk(ActionItem, partnership)),
    ]
    tour.visit(reverse("structure:overview", args=[slug]))
    for listing, detail, pk in records:
        tour.visit(reverse(f"structure:{listing}", args=[slug]))
        tour.visit(reverse(f"structure:{detail}", args=[slug, pk]))
        tour.visit(reverse(f"structure:{detail}_edit", args=[slug, pk]))
    tour.visit(reverse("structure:task_add", args=[slug]), showing_errors(submit_blank), "with errors")
    tour.visit(reverse("structure:competence_add", args=[slug]), showing_errors(submit_blank), "with errors")
    tour.visit(reverse("structure:target_add", args=[slug]), showing_errors(submit_blank), "with errors")
    tour.visit(
        reverse("structure:reading_add", args=[slug, records[1][2]]),
        showing_errors(submit_blank),
        "with errors",
    )
    tour.visit(reverse("structure:meeting_add", args=[slug]), showing_errors(submit_blank), "with errors")
    tour.visit(reverse("structure:action_add", args=[slug]), showing_errors(submit_blank), "with errors")
    tour.visit(
        reverse("structure:update_add", args=[slug, records[3][2]]),
        showing_errors(submit_blank),
        "with errors",
    )
    tour.visit(reverse("structure:funding", args=[slug]))
    for model, name in ((FundingLine, "funding_line"), (Post, "post"), (UnfundedCost, "unfunded_cost")):
        pk = first_pk(model, partnership)
        tour.visit(reverse(f"structure:{name}", args=[slug, pk]))
        tour.visit(reverse(f"structure:{name}_edit", args=[slug, pk]))
        tour.visit(reverse(f"structure:{name}_add", args=[slug]), showing_errors(submit_blank), "with errors")
    tour.visit(reverse("structure:delete", args=[slug, "target", records[1][2]]))
    tour.visit(reverse("structure:import", args=[slug, "targets"]), showing_errors(submit), "no file")
    tour.visit(
        reverse("structure:import", args=[slug, "targets"]), showing_errors(upload_bad_file), "bad file"
    )


def comment_pages(tour: Tour, partnership: Partnership) -> None:
    slug = partnership.slug
    latest = partnership.rounds.filter(status=RoundStatus.CLOSED).order_by("-closes_on").first()
    assert latest is not None
    lesson = Lesson.objects.create(partnership=partnership, text="Joint visits worked when managers agreed.")
    tour.visit(reverse("comments:round", args=[slug, latest.pk]))
    tour.visit(reverse("comments:round_review", args=[slug, latest.pk]))
    tour.visit(tour.href("main a[href*='/correct/']"))
    tour.visit(reverse("comments:lessons", args=[slug]))
    tour.visit(reverse("comments:lesson_add", args=[slug]), showing_errors(submit_blank), "with errors")
    tour.visit(reverse("comments:lesson_correct", args=[slug, lesson.pk]))
    tour.visit(reverse("comments:tagger", args=[slug]))


def import_pages(tour: Tour, partnership: Partnership) -> None:
    """A good import last of all, since the answers it adds change what the other pages show."""
    slug = partnership.slug
    latest = partnership.rounds.filter(status=RoundStatus.CLOSED).order_by("-closes_on").first()
    open_round = partnership.rounds.get(status=RoundStatus.OPEN)
    assert latest is not None
    export = tour.page.request.get(
        tour.base_url + reverse("partnerships:round_export", args=[slug, latest.pk, "csv"])
    )
    lines = export.body().decode("utf-8-sig").splitlines()
    responses = "\n".join(lines[: GOOD_IMPORT_ROWS + 1]).encode()

    def upload_good_file(page: Page) -> None:
        page.locator("input[type=file]").set_input_files(
            {"name": "answers.csv", "mimeType": "text/csv", "buffer": responses}
        )
        submit(page)

    tour.visit(reverse("partnerships:round_import", args=[slug, open_round.pk]), upload_good_file, "imported")
    assert "/import/" in tour.page.url and tour.page.url.rstrip("/").split("/")[-1].isdigit(), tour.page.url


def error_pages(tour: Tour, partnership: Partnership) -> None:
    """Not found, server error, then refused: a viewer may not add records, so they sign in last."""
    tour.visit(reverse("partnerships:detail", args=["no-such-partnership"]), status=404)
    server_error = render_to_string("500.html")
    tour.page.route(
        "**/server-error/",
        lambda route: route.fulfill(status=500, body=server_error, content_type="text/html"),
    )
    tour.visit("/server-error/", status=500)
    tour.page.context.clear_cookies()
    tour.page.goto(tour.base_url + reverse("accounts:login"))
    sign_in(tour.page, DEMO_PASSWORD, username=VIEWER)
    tour.visit(reverse("structure:target_add", args=[partnership.slug]), status=403)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_kind_of_page_passes_axe(
    live_server, page: Page, viewport: ViewportSize, settings: Settings, tmp_path: Path
) -> None:
    partnership = demo_partnership()
    page.set_viewport_size(viewport)
    tour = Tour(page, live_server.url)

    tour.visit(
        reverse("accounts:login"), showing_errors(lambda p: sign_in(p, "not-the-password")), "wrong password"
    )
    sign_in(page, DEMO_PASSWORD)
    evidence_pages(tour, settings, tmp_path / "evidence")
    partnership_pages(tour, partnership)
    report_pages(tour, partnership)
    structure_pages(tour, partnership)
    comment_pages(tour, partnership)
    import_pages(tour, partnership)
    error_pages(tour, partnership)

    tour.assert_clean()


def test_the_downloaded_html_report_passes_axe(live_server, page: Page) -> None:
    """The report is opened from a file, not served, so it is fetched and shown at an address of its own."""
    partnership = demo_partnership()
    latest = partnership.rounds.filter(status=RoundStatus.CLOSED).order_by("-closes_on").first()
    assert latest is not None
    signed_in(page, live_server.url)
    report = page.request.get(
        live_server.url + reverse("reporting:download", args=[partnership.slug, latest.pk, "html"])
    )
    assert report.ok
    page.route(
        "**/report.html",
        lambda route: route.fulfill(status=200, body=report.body(), content_type="text/html"),
    )
    tour = Tour(page, live_server.url)
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        tour.visit("/report.html")

    tour.assert_clean()


def focused(page: Page, selector: str) -> bool:
    return bool(page.evaluate("(selector) => document.activeElement.matches(selector)", selector))


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the focused element matches `selector`, as a keyboard user would."""
    for _ in range(MOST_TABS_TO_ANY_CONTROL):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def type_date(page: Page, name: str, when: date) -> None:
    """Type a date into the day, month and year boxes of date field `name`, moving on with Tab."""
    tab_to(page, f"input[name={name}-day]")
    page.keyboard.type(str(when.day))
    page.keyboard.press("Tab")
    assert focused(page, f"input[name={name}-month]"), "Tab should move from the day to the month"
    page.keyboard.type(str(when.month))
    page.keyboard.press("Tab")
    assert focused(page, f"input[name={name}-year]"), "Tab should move from the month to the year"
    page.keyboard.type(str(when.year))


def signed_in(page: Page, base_url: str) -> None:
    page.goto(base_url + reverse("accounts:login"))
    sign_in(page, DEMO_PASSWORD)


def test_a_coordinator_sets_up_a_round_by_keyboard(live_server, page: Page) -> None:
    partnership = demo_partnership()
    opens = timezone.localdate()
    closes = opens + timedelta(days=21)
    signed_in(page, live_server.url)
    page.goto(live_server.url + partnership.get_absolute_url())

    tab_to(page, "a[href$='/rounds/new/']")
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert page.locator("h1").inner_text() == "Set up a self-assessment round"
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused(page, ".govuk-error-summary"), "the error summary should take focus"
    assert page.locator(".govuk-error-summary__list a[href='#id_opens_on-day']").count() == 1
    tab_to(page, ".govuk-error-summary__list a[href='#id_name']")
    page.keyboard.press("Enter")
    assert focused(page, "input[name=name]"), "the error link should move focus to its field"
    page.keyboard.type("Autumn keyboard review")
    type_date(page, "opens_on", opens)
    type_date(page, "closes_on", closes)
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("h1").inner_text() == "Autumn keyboard review"
    made = Round.objects.get(partnership=partnership, name="Autumn keyboard review")
    assert (made.opens_on, made.closes_on) == (opens, closes)


def test_the_raci_grid_is_operated_by_keyboard(live_server, page: Page) -> None:
    partnership = demo_partnership()
    signed_in(page, live_server.url)
    page.goto(live_server.url + reverse("structure:roles", args=[partnership.slug]))

    select = "main form select"
    tab_to(page, select)
    name = page.evaluate("document.activeElement.name")
    before = page.evaluate("document.activeElement.value")
    page.keyboard.press("ArrowDown")
    after = page.evaluate("document.activeElement.value")
    assert after != before
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "The matrix has been saved (1 cell changed)" in banner
    assert page.locator(f"select[name='{name}']").input_value() == after


def test_the_menu_button_opens_the_navigation_on_a_phone(live_server, page: Page) -> None:
    demo_partnership()
    page.set_viewport_size(PHONE)
    signed_in(page, live_server.url)
    menu = page.locator(".govuk-service-navigation__toggle")
    links = page.locator("#navigation")

    assert menu.is_visible()
    assert not links.is_visible()
    tab_to(page, ".govuk-service-navigation__toggle")
    page.keyboard.press("Enter")
    assert links.is_visible()
    assert menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Enter")
    assert not links.is_visible()
