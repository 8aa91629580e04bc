"""`joinedup report --tagger FILE` reads the model the web app stores for a partnership, so the CLI
report of a partnership that has corrected and retrained its tagger matches the web app's."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.reports import render_html
from joinedup.web.comments.arrival import tag_untagged
from joinedup.web.comments.corrections import correct_comment
from joinedup.web.comments.models import CommentTag, PartnershipTagger
from joinedup.web.comments.taggers import retrain_partnership
from joinedup.web.partnerships.demo import DEMO_SLUG, load_demo
from joinedup.web.partnerships.models import Round
from joinedup.web.reporting.services import report_data, reportable_rounds
from joinedup.web.reporting.tests.test_cli_matches_web import _export_as_an_analyst_would

TODAY = date(2026, 11, 26)


def _cli_html(files, a_round: Round, out, *extra: str) -> str:
    arguments = [
        "report",
        str(files["responses"]),
        *("--partnership", a_round.partnership.name, "--round", a_round.name, "--out", str(out)),
        *("--structure", str(files["structure"]), "--invitations", str(files["invitations"])),
        *("--min-group", str(a_round.min_group_size), "--today", TODAY.isoformat(), *extra),
        *("--nation", a_round.partnership.nation),
        *(f"--agency={name}" for name in a_round.partnership.agencies.values_list("name", flat=True)),
        *(("--practice", str(files["practice"])) if "practice" in files else ()),
    ]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_the_cli_report_with_the_partnerships_model_file_is_the_web_apps_report(tmp_path):
    load_demo(today=TODAY)
    rounds = reportable_rounds(
        list(Round.objects.filter(partnership__slug=DEMO_SLUG).order_by("opens_on", "pk"))
    )
    latest = rounds[-1]
    tag_untagged(latest)
    tag = CommentTag.objects.filter(response__round=latest).order_by("pk").first()
    assert tag is not None
    correct_comment(tag, [] if tag.factors else ["co-location"])
    retrain_partnership(latest.partnership)
    model = tmp_path / "partnership-tagger.json"
    model.write_text(PartnershipTagger.objects.get(partnership=latest.partnership).model, encoding="utf-8")
    web = render_html(report_data(latest, today=TODAY))
    files = _export_as_an_analyst_would(rounds, tmp_path)

    assert _cli_html(files, latest, tmp_path / "own.html", "--tagger", str(model)) == web
    assert _cli_html(files, latest, tmp_path / "shipped.html") != web


def test_a_bad_tagger_file_is_refused_naming_it(tmp_path):
    model = tmp_path / "model.json"
    model.write_text('{"format": "something"}', encoding="utf-8")
    arguments = ["report", "x.csv", "--partnership", "p", "--round", "r", "--out", str(tmp_path / "o.html")]
    result = CliRunner().invoke(app, [*arguments, "--tagger", str(model)])
    assert result.exit_code != 0
    assert "not a joinedup tagger model" in result.output
