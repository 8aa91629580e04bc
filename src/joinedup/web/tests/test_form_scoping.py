"""Every form of the app offers only its own partnership's objects and refuses the others'.

Two ways in, so a form is caught whichever way it gets its choices:

- the forms themselves: every form class defined in the web apps is found by walking the
  modules, built for partnership A (its constructor's arguments filled by name), and each model
  choice field's queryset must hold only A's objects, no choice label may name B, and each model
  choice field must refuse one of B's objects when it is submitted;
- the pages: every page of A, as A's coordinator renders it, with each <select>, checkbox and
  radio button read back out of the HTML: none may offer one of B's objects.

And end to end: posting B's object into one of A's forms gives a form error and saves nothing,
while the same form with A's own object saves (so the refusal is the scoping, not bad data).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model

import joinedup.web
from joinedup.instrument import load_instrument
from joinedup.instrument.reference import load_role_groups
from joinedup.web.comments.models import Lesson
from joinedup.web.govuk_forms import offered_choices
from joinedup.web.structure import models as structure

from .html_forms import parse
from .partition_fixtures import B_MARKER, TODAY, Side, World, client_for
from .url_catalogue import RULES, fill, owner_path, patterns
from .walk import get

pytestmark = pytest.mark.django_db

_NOT_FORM_MODULES = {"settings", "settings_test", "wsgi", "manage", "tests", "migrations", "management"}


def form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in the web apps' form and view modules."""
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(joinedup.web.__path__, "joinedup.web."):
        parts = module_info.name.split(".")
        if _NOT_FORM_MODULES & set(parts):
            continue
        module = importlib.import_module(module_info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            # `base_fields` is set by the form metaclass: a mixin such as GovukFormMixin has none.
            concrete = hasattr(value, "base_fields")
            if issubclass(value, forms.BaseForm) and concrete and value.__module__ == module.__name__:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


def _arguments(side: Side) -> dict[str, Callable[[], Any]]:
    """Constructor arguments by name, from `side`; a form needing another name fails the walk."""
    instrument = load_instrument(side.closed.instrument_version)
    return {
        "partnership": lambda: side.partnership,
        "target": lambda: side.records["Target"],
        "reporter": lambda: None,
        "may_choose_reporter": lambda: True,
        "action": lambda: side.records["ActionItem"],
        "today": lambda: TODAY,
        "tasks": lambda: list(structure.RaciTask.objects.filter(partnership=side.partnership)),
        "agencies": lambda: list(side.partnership.agencies.all()),
        "companions": lambda: [],
        "a_round": lambda: side.closed,
        "factor": lambda: "funding",
        "open_actions": lambda: list(
            structure.MeetingAction.objects.filter(meeting__partnership=side.partnership)
        ),
        "items": lambda: instrument.items[:3],
        "scale": lambda: instrument.scale,
        "comment_prompt": lambda: None,
        "role_groups": lambda: load_role_groups(None),
        "claims": lambda: [],
        "problems": lambda: [],
        "invitations": lambda: list(side.closed.invitations.all()),
        "actions": lambda: [side.records["ActionItem"]],
        "lessons": lambda: {},
        "current_digest": lambda: "0" * 64,
    }


def build(form_class: type[forms.BaseForm], side: Side) -> forms.BaseForm | None:
    """The form as a view would build it for `side`; None for an abstract model form."""
    meta = getattr(form_class, "_meta", None)
    if issubclass(form_class, forms.BaseModelForm) and (meta is None or meta.model is None):
        return None
    known = _arguments(side)
    kwargs = {}
    for klass in form_class.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None or klass.__module__.startswith("django"):
            continue
        for name, parameter in inspect.signature(init).parameters.items():
            if name == "self" or parameter.kind in {parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD}:
                continue
            if name not in known:
                raise LookupError(f"{form_class.__qualname__}: teach _arguments about '{name}'")
            kwargs[name] = known[name]()
    if "claims" in kwargs:
        return form_class(kwargs.pop("claims"), **kwargs)
    return form_class(**kwargs)


def _owned(model: type[Model], side: Side) -> Any:
    path = owner_path(model)
    assert path is not None, f"{model.__name__} is offered in a form but belongs to no partnership"
    return model._default_manager.filter(**{path: side.partnership})


def test_every_form_offers_and_accepts_only_its_own_partnership(world: World) -> None:
    classes = form_classes()
    assert len(classes) >= 25, [c.__qualname__ for c in classes]
    problems = []
    checked_fields = 0
    for form_class in classes:
        form = build(form_class, world.a)
        if form is None:
            continue
        for name, field in form.fields.items():
            label = f"{form_class.__qualname__}.{name}"
            if isinstance(field, forms.ModelChoiceField):
                checked_fields += 1
                queryset = field.queryset
                assert queryset is not None, f"{label} offers no queryset"
                model = queryset.model
                foreign = queryset.exclude(pk__in=_owned(model, world.a).values("pk"))
                if foreign.exists():
                    problems.append(f"{label} offers {list(foreign)[:3]}")
                theirs = _owned(model, world.b).first()
                assert theirs is not None, f"the fixture has no {model.__name__} in B"
                value = (
                    [str(theirs.pk)] if isinstance(field, forms.ModelMultipleChoiceField) else str(theirs.pk)
                )
                try:
                    field.clean(value)
                except ValidationError:
                    pass
                else:
                    problems.append(f"{label} accepts B's {model.__name__} {theirs}")
            if isinstance(field, forms.ChoiceField):
                labels = " ".join(str(choice_label) for _, choice_label in offered_choices(field))
                if B_MARKER.lower() in labels.lower():
                    problems.append(f"{label} offers a choice naming B")
    assert checked_fields >= 10
    assert not problems, "\n".join(problems)


def test_no_page_of_a_offers_b_objects(world: World) -> None:
    """Every GET page of A, as its coordinator sees it: no <select>, checkbox or radio offers B."""
    coordinator = client_for(world.a.coordinator)
    offered = 0
    problems = []
    for pattern in patterns():
        if pattern.skipped or RULES[pattern.name].post_only:
            continue
        for visit in fill(pattern, world.a):
            if visit.url.endswith((".pdf", ".xlsx", ".csv")):
                continue  # downloads offer nothing to choose
            response = get(coordinator, visit)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for option in parse(response.content.decode()).options:
                offered += 1
                if B_MARKER.lower() in f"{option.label} {option.value}".lower():
                    problems.append(f"{visit.url} offers {option.field}={option.value} ({option.label})")
    assert offered > 200
    assert not problems, "\n".join(problems)


def _date(name: str, when: date) -> dict[str, str]:
    return {f"{name}-day": str(when.day), f"{name}-month": str(when.month), f"{name}-year": str(when.year)}


def _cases(world: World) -> list[tuple[str, str, dict[str, Any], Callable[[Side], Any], type[Model]]]:
    """(URL, field, the rest of a valid form, the choice from a side, the model a save adds to)."""
    a = world.a
    base = f"/structure/{a.slug}"
    line = lambda side: side.records["FundingLine"].pk  # noqa: E731
    agency = lambda side: side.agencies[0].pk  # noqa: E731
    return [
        (
            f"{base}/funding/posts/add/",
            "funded_by",
            {"title": "Zebra-free post", "agency": a.agencies[0].pk, "contract": "permanent"},
            line,
            structure.Post,
        ),
        (
            f"{base}/funding/posts/{a.records['Post'].pk}/edit/",
            "funded_by",
            {"title": "Renamed post", "agency": a.agencies[0].pk, "contract": "permanent", "reference": "P1"},
            line,
            structure.Post.history.model,
        ),
        (
            f"{base}/funding/lines/add/",
            "agency",
            {"source": "A grant", "amount_per_year": "100", "mechanism": "grant", "certainty": "recurring"},
            agency,
            structure.FundingLine,
        ),
        (
            f"{base}/funding/unfunded/add/",
            "agencies",
            {"description": "Interpreters"},
            agency,
            structure.UnfundedCost,
        ),
        (f"{base}/targets/add/", "owner", {"title": "Fewer re-referrals"}, agency, structure.Target),
        (
            f"{base}/targets/{a.records['Target'].pk}/readings/add/",
            "reported_by",
            {"value": "3", **_date("as_of", date(2026, 1, 7))},
            agency,
            structure.TargetReading,
        ),
        (
            f"{base}/actions/add/",
            "owner",
            {
                "what": "Agree the referral form with every agency",
                "status": "not-started",
                "success_measure": "Signed agreement in the board minutes",
                **_date("due", date.today() + timedelta(days=90)),
            },
            agency,
            structure.ActionItem,
        ),
        (
            f"{base}/roles/competences/add/",
            "agency",
            {"competence": "triage"},
            agency,
            structure.AgencyCompetence,
        ),
        (
            f"{base}/meetings/add/",
            "new-owner-1",
            {"kind": "board", "new-action-1": "Write the protocol", **_date("held_on", date(2026, 2, 3))},
            agency,
            structure.MeetingAction,
        ),
        (
            f"/comments/{a.slug}/lessons/add/",
            "agency",
            {"text": "Joint visits worked.", **_date("recorded_on", date(2026, 2, 3))},
            agency,
            Lesson,
        ),
    ]


def test_posting_another_partnerships_object_is_a_form_error(world: World) -> None:
    """B's object in A's form: the page comes back with an error and nothing is saved; A's own
    object in the same form saves, so it is the scoping that refused it."""
    coordinator = client_for(world.a.coordinator)
    problems = []
    for url, field, rest, choice, model in _cases(world):
        before = model._default_manager.count()
        refused = coordinator.post(url, {**rest, field: choice(world.b)})
        if refused.status_code != 200 or "govuk-error-summary" not in refused.content.decode():
            problems.append(f"{url}: B's {field} gave {refused.status_code}, not the form with an error")
        if model._default_manager.count() != before:
            problems.append(f"{url}: B's {field} was saved")
        accepted = coordinator.post(url, {**rest, field: choice(world.a)})
        if accepted.status_code != 302 or model._default_manager.count() == before:
            problems.append(f"{url}: A's own {field} was not saved ({accepted.status_code}); fix the case")
    assert not problems, "\n".join(problems)
