"""Rounds follow their opening dates, never their names, in the web app and the CLI alike.

"March 2026 review" sorts before "November 2025 review" by name, which would reverse every
trend. Two rounds are built in the database and analysed by the web app's own path
(`round_analysis`); the same answers, exported with each round's opening date, are analysed
by `joinedup analyse`. Both must give the later round the same trend, against the same round.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.instrument import load_instrument
from joinedup.io.survey_export import write_template
from joinedup.web.partnerships.models import Response, Round, RoundStatus
from joinedup.web.partnerships.responses import frame_for_rounds, invitations_frame
from joinedup.web.partnerships.tests.builders import make_partnership, make_round
from joinedup.web.reporting.services import round_analysis

pytestmark = pytest.mark.django_db

AGENCIES = ("Education", "Health visiting", "Police")
NOVEMBER, MARCH = "November 2025 review", "March 2026 review"


def _round(partnership, name: str, opens: date, answers: tuple[int, ...]) -> Round:
    a_round = make_round(partnership, name=name, status=RoundStatus.CLOSED)
    Round.objects.filter(pk=a_round.pk).update(opens_on=opens, closes_on=opens.replace(day=28))
    a_round.refresh_from_db()
    item_ids = load_instrument(a_round.instrument_version).item_ids()
    Response.objects.bulk_create(
        Response(
            round=a_round,
            agency=agency,
            role_group="practitioner",
            answers=dict.fromkeys(item_ids, answers[number % len(answers)]),
        )
        for agency in partnership.agencies.all()
        for number in range(6)
    )
    return a_round


@pytest.fixture
def two_reviews() -> tuple[Round, Round]:
    partnership = make_partnership(name="Riverside", slug="riverside", agencies=AGENCIES)
    march = _round(partnership, MARCH, date(2026, 3, 1), (4, 5, 4))
    november = _round(partnership, NOVEMBER, date(2025, 11, 1), (2, 3, 2))
    return november, march


def _export(rounds: list[Round], folder: Path, *, dated: bool) -> list[str]:
    responses = frame_for_rounds(rounds)
    responses["partnership"] = rounds[0].partnership.name
    if dated:
        responses["round_opens"] = responses["round"].map({r.name: r.opens_on.isoformat() for r in rounds})
    write_template(folder / "responses.csv", load_instrument("1"), responses)
    invitations = invitations_frame(rounds)
    invitations["partnership"] = rounds[0].partnership.name
    invitations.to_csv(folder / "invitations.csv", index=False)
    return [str(folder / "responses.csv"), "--invitations", str(folder / "invitations.csv")]


def _trends(rounds: list[dict]) -> dict[str, tuple[str | None, str, float]]:
    (latest,) = [entry for entry in rounds if entry["round"] == MARCH]
    trends = {factor["id"]: factor["trend"] for factor in latest["factors"]}
    return {factor: (t["previous_round"], t["direction"], t["change"]) for factor, t in trends.items()}


def test_the_march_review_follows_the_november_one_in_the_cli_and_the_web_app(two_reviews, tmp_path):
    november, march = two_reviews
    web = round_analysis(march).to_dict()
    web_trends = _trends(web["rounds"])
    assert {previous for previous, _, _ in web_trends.values()} == {NOVEMBER}
    assert {direction for _, direction, _ in web_trends.values()} == {"improved"}

    arguments = _export([november, march], tmp_path, dated=True)
    result = CliRunner().invoke(app, ["analyse", *arguments, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _trends(json.loads(result.stdout)["rounds"]) == web_trends


def test_without_dates_the_cli_refuses_to_guess_and_takes_an_explicit_order(two_reviews, tmp_path):
    november, march = two_reviews
    arguments = _export([november, march], tmp_path, dated=False)
    refused = CliRunner().invoke(app, ["analyse", *arguments, "--format", "json"])
    assert refused.exit_code == 2
    assert "no round_opens column" in " ".join(refused.output.split())
    ordered = CliRunner().invoke(
        app, ["analyse", *arguments, "--format", "json", "--round-order", NOVEMBER, "--round-order", MARCH]
    )
    assert ordered.exit_code == 0, ordered.output
    assert _trends(json.loads(ordered.stdout)["rounds"]) == _trends(round_analysis(march).to_dict()["rounds"])
