from datetime import date

import pytest
from django.core.management import call_command

from joinedup.web.partnerships.demo import DEMO_SLUG, load_demo
from joinedup.web.partnerships.models import Agency, Invitation, Membership, Partnership, Response, Round

TODAY = date(2026, 11, 26)


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Partnership, Agency, Membership, Round, Invitation, Response)
    }


@pytest.mark.django_db
def test_the_demo_has_three_answered_rounds_and_one_open_round():
    summary = load_demo(today=TODAY)
    rounds = list(Round.objects.filter(partnership__slug=DEMO_SLUG).order_by("opens_on"))
    assert summary.created
    assert [r.status for r in rounds] == ["closed", "closed", "closed", "open"]
    answered = [r.responses.count() for r in rounds]
    assert all(n >= 50 for n in answered[:3])
    assert answered[3] == 0
    assert Response.objects.exclude(comments={}).exists()
    assert all(i.invited for i in Invitation.objects.filter(round__in=rounds[:3]))


@pytest.mark.django_db
def test_loading_the_demo_twice_adds_nothing(capsys):
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
    output = capsys.readouterr().out
    assert "Sign in as 'demo-coordinator'" in output
