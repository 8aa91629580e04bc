"""Learning records: what they hold and, above all, what they never hold."""

from __future__ import annotations

import copy
import json
import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from joinedup.analysis.result import AgencyResponses, FactorResult, Responses, RoundResult, Trend
from joinedup.checks.records import ActionItem, ActionStatus
from joinedup.evidence.ids import FACTOR_IDS
from joinedup.learning import record as record_module
from joinedup.learning.record import (
    FACTOR_FIELDS,
    RECORD_FIELDS,
    build_learning_record,
    new_contributor_key,
    size_band,
    validate_learning_record,
)
from joinedup.learning.schema import LearningRecord, published_schema_text, record_schema, schema_text
from joinedup.learning.synthetic import synthetic_records
from joinedup.tagging.scrubbing import common_capitalised_words

KEY = "0123456789abcdef0123456789abcdef"


def _factor(factor_id: str, mean: float | None, *, n: int = 12, trend: Trend | None = None) -> FactorResult:
    reported = mean is not None
    return FactorResult(
        id=factor_id,
        suppressed=not reported,
        n=n if reported else None,
        mean=mean,
        sd=0.8 if reported else None,
        ci=(mean - 0.3, mean + 0.3) if mean is not None else None,
        band=("strength" if mean >= 4 else "borderline" if mean >= 3 else "concern")
        if mean is not None
        else None,
        alpha=None,
        alpha_ci=None,
        alpha_n=None,
        dont_know_rate=None,
        groups={},
        divergence=None,
        trend=trend,
        items=[],
    )


def _round(
    partnership: str, label: str, agencies: dict[str, int | None], factors: list[FactorResult]
) -> RoundResult:
    by_agency = {
        name: AgencyResponses(n=count, suppressed=count is None, invited=None, rate=None, flags=[])
        for name, count in agencies.items()
    }
    n = sum(count or 0 for count in agencies.values()) or None
    return RoundResult(
        partnership=partnership,
        round=label,
        suppressed=False,
        n=n,
        previous_round=None,
        responses=Responses(by_agency=by_agency, by_role_group={}),
        factors=factors,
    )


def _rounds(partnership: str, agencies: list[str]) -> tuple[RoundResult, RoundResult]:
    counts: dict[str, int | None] = {name: 6 for name in agencies}
    counts[agencies[-1]] = None  # an agency too small to report on its own
    first = _round(
        partnership,
        "Round 1",
        counts,
        [_factor("joint-training", 2.8), _factor("funding", 3.4), _factor("leadership", None)],
    )
    rise = Trend("Round 1", 0.6, (0.25, 0.95), 3.1, 20.0, 0.004, "improved")
    second = _round(
        partnership,
        "Round 2",
        counts,
        [_factor("joint-training", 3.4, trend=rise), _factor("funding", None), _factor("leadership", 3.0)],
    )
    return first, second


def _record(partnership: str, agencies: list[str], lessons: dict[str, str]) -> dict:
    first, second = _rounds(partnership, agencies)
    actions = (
        ActionItem(
            "AP1",
            f"Train with {agencies[0]}",
            agencies[0],
            ActionStatus.DONE,
            factor="joint-training",
            intervention="joint-training",
        ),
        ActionItem("AP2", "Agree the money", agencies[-1], ActionStatus.IN_PROGRESS, factor="funding"),
        ActionItem("AP3", "Lead", agencies[-1], ActionStatus.NOT_STARTED, factor="leadership"),
        ActionItem("AP4", f"Tidy up for {partnership}", agencies[0], ActionStatus.DONE),
    )
    return build_learning_record(
        analysis=first,
        next_analysis=second,
        actions=actions,
        nation="wales",
        size_band=size_band(first.n or 0),
        instrument_version="1",
        round_month="2025-03",
        lessons=lessons,
        contributor=KEY,
    )


def test_a_record_holds_reported_factors_actions_and_changes_only():
    record = _record("Oakfield Partnership", ["Police", "Health", "Schools"], {"AP1": "Run it twice a year."})
    assert validate_learning_record(record) == []
    assert set(record["factors"]) == {"joint-training", "funding"}  # leadership is suppressed in round 1
    assert record["factors"]["joint-training"] == {
        "mean": 2.8,
        "interval": [2.5, 3.1],
        "band": "concern",
        "change": 0.6,
        "change_interval": [0.25, 0.95],
    }
    # funding is not reported in round 2, so its change is unknown, not zero
    assert record["factors"]["funding"]["change"] is None
    assert record["actions"] == [
        {
            "factor": "joint-training",
            "intervention": "joint-training",
            "status": "done",
            "change": 0.6,
            "change_interval": [0.25, 0.95],
            "lesson": "Run it twice a year.",
        },
        {
            "factor": "funding",
            "intervention": None,
            "status": "in-progress",
            "change": None,
            "change_interval": None,
            "lesson": None,
        },
        {
            "factor": "leadership",
            "intervention": None,
            "status": "not-started",
            "change": None,
            "change_interval": None,
            "lesson": None,
        },
    ]  # AP4 names neither a factor nor an intervention: nothing to pool, so left out
    assert (record["size_band"], record["month"], record["nation"]) == ("under 25", "2025-03", "wales")


def test_size_bands():
    assert [size_band(n) for n in (5, 24, 25, 99, 100, 249, 250, 4000)] == [
        "under 25",
        "under 25",
        "25-99",
        "25-99",
        "100-249",
        "100-249",
        "250+",
        "250+",
    ]


def test_contributor_keys_are_random_and_well_formed():
    keys = {new_contributor_key() for _ in range(50)}
    assert len(keys) == 50
    assert all(validate_learning_record({**synthetic_records(1)[0], "contributor": k}) == [] for k in keys)


def test_without_a_next_round_every_change_is_null():
    first, _ = _rounds("Oakfield", ["Police", "Health"])
    record = build_learning_record(
        analysis=first,
        next_analysis=None,
        actions=(),
        nation="england",
        size_band="under 25",
        instrument_version=None,
        round_month="2025-03",
        lessons={},
        contributor=KEY,
    )
    assert all(f["change"] is None and f["change_interval"] is None for f in record["factors"].values())


def test_a_suppressed_round_shares_no_factor():
    first, _ = _rounds("Oakfield", ["Police", "Health"])
    hidden = RoundResult("Oakfield", "Round 1", True, None, None, None, first.factors)
    record = build_learning_record(
        analysis=hidden,
        next_analysis=None,
        actions=(),
        nation="england",
        size_band="under 25",
        instrument_version=None,
        round_month="2025-03",
        lessons={},
        contributor=KEY,
    )
    assert record["factors"] == {}


def test_a_bad_value_is_refused_naming_the_field():
    first, _ = _rounds("Oakfield", ["Police", "Health"])
    with pytest.raises(ValueError, match="month: '2025-03-14' is not a month"):
        build_learning_record(
            analysis=first,
            next_analysis=None,
            actions=(),
            nation="england",
            size_band="under 25",
            instrument_version=None,
            round_month="2025-03-14",
            lessons={},
            contributor=KEY,
        )


# --- nothing that identifies ----------------------------------------------------------------

HOSTILE = string.ascii_letters + "éøßŁ'’&<>\"\\/{}[]()-.,;: \u202e"
names = (
    st.text(alphabet=HOSTILE, min_size=4, max_size=24)
    .map(str.strip)
    .filter(lambda text: sum(ch.isalpha() for ch in text) >= 4 and "[" not in text and "]" not in text)
)
people = (
    st.tuples(
        st.text(alphabet=string.ascii_lowercase, min_size=3, max_size=8),
        st.text(alphabet=string.ascii_lowercase, min_size=3, max_size=10),
    )
    .map(lambda parts: f"{parts[0].title()} {parts[1].title()}")
    .filter(lambda name: not any(part.casefold() in common_capitalised_words() for part in name.split()))
)
"""A person's name as a lesson would write it: a first name and a surname that are not everyday
words (the scrubber cannot tell "Ann None" from prose, and says so)."""


def _json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    partnership=names,
    agencies=st.lists(names, min_size=2, max_size=4, unique_by=str.casefold),
    person=people,
    phone=st.from_regex(r"07\d{3} \d{6}", fullmatch=True),
)
def test_no_record_holds_a_name_a_person_or_a_small_group(partnership, agencies, person, phone):
    plain = _json(_record("Plain", ["Alpha", "Beta", "Gamma", "Delta"][: len(agencies)], {}))
    for name in [partnership, *agencies, person]:
        assume(
            name.casefold() not in plain.casefold()
        )  # a name that is also a word of every record proves nothing
    lesson = f"{person} from {agencies[0]} ran it for {partnership}; ring {phone} or {agencies[-1]}."
    record = _record(partnership, agencies, {"AP1": lesson, "AP2": f"{person.split()[1]} said no."})
    text = _json(record)
    for name in [partnership, *agencies, person, phone]:
        assert name.casefold() not in text.casefold(), name
    assert validate_learning_record(record) == []
    # Only factors the analysis reports travel; the agency too small to report appears nowhere.
    assert set(record["factors"]) <= {"joint-training", "funding"}
    assert set(record) == RECORD_FIELDS  # no respondent count: only the size band
    assert all(set(figures) == FACTOR_FIELDS for figures in record["factors"].values())


# --- schema and validator ------------------------------------------------------------------


def test_the_published_schema_is_the_generated_one():
    assert published_schema_text() == schema_text(record_schema())
    assert json.loads(published_schema_text())["additionalProperties"] is False


def _model_accepts(record: object) -> bool:
    try:
        LearningRecord.model_validate(record)
    except ValidationError:
        return False
    return True


MUTATIONS = [
    lambda r: r.pop("nation"),
    lambda r: r.update(partnership="Oakfield"),
    lambda r: r.update(month="2025-3"),
    lambda r: r.update(month="2025-03-01"),
    lambda r: r.update(contributor="Oakfield"),
    lambda r: r.update(size_band="27"),
    lambda r: r.update(nation="france"),
    lambda r: r.update(format="joinedup-learning-record/0"),
    lambda r: r["factors"].update({"not-a-factor": r["factors"]["funding"]}),
    lambda r: r["factors"]["funding"].update(mean=5.5),
    lambda r: r["factors"]["funding"].update(mean="3.1"),
    lambda r: r["factors"]["funding"].update(band="excellent"),
    lambda r: r["factors"]["funding"].update(n=4),
    lambda r: r["factors"]["funding"].update(interval=[3.0]),
    lambda r: r["factors"]["funding"].update(change=9.0),
    lambda r: (
        r["actions"].append({**r["actions"][0], "status": "abandoned"}) if r["actions"] else r.pop("actions")
    ),
    lambda r: (
        r["actions"].append({**r["actions"][0], "owner": "Police"}) if r["actions"] else r.pop("actions")
    ),
    lambda r: (
        r["actions"].append({**r["actions"][0], "intervention": "Joint Training"})
        if r["actions"]
        else r.pop("actions")
    ),
    lambda r: r["actions"].append({**r["actions"][0], "lesson": ""}) if r["actions"] else r.pop("actions"),
]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), mutation=st.sampled_from([None, *range(len(MUTATIONS))]))
def test_the_schema_model_and_the_validator_agree(seed, mutation):
    record = copy.deepcopy(synthetic_records(1, seed=seed)[0])
    if mutation is not None:
        MUTATIONS[mutation](record)
    assert _model_accepts(record) == (validate_learning_record(record) == []), validate_learning_record(
        record
    )
    assert _model_accepts(record) == (mutation is None)
    # The fast path never accepts what the full check refuses.
    assert not record_module._sound(record) or _full_check(record) == []


def _full_check(record: object) -> list[str]:
    sound = record_module._sound
    record_module._sound = lambda obj: False
    try:
        return validate_learning_record(record)
    finally:
        record_module._sound = sound


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    path=st.sampled_from(["mean", "interval", "change", "change_interval", "band"]),
    value=st.one_of(
        st.none(),
        st.booleans(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-10, 10),
        st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=3),
        st.text(max_size=3),
    ),
)
def test_the_fast_path_agrees_with_the_full_check_on_any_figure(seed, path, value):
    record = copy.deepcopy(synthetic_records(1, seed=seed)[0])
    record["factors"]["funding"][path] = value
    assert (validate_learning_record(record) == []) == (_full_check(record) == [])


def test_the_validator_checks_what_the_schema_cannot():
    record = synthetic_records(1, seed=3)[0]
    record["factors"]["funding"]["interval"] = [4.5, 4.9]  # does not contain the mean
    assert any("does not contain" in e for e in validate_learning_record(record))


def test_every_factor_id_is_in_the_schema():
    schema = record_schema()
    assert set(schema["properties"]["factors"]["propertyNames"]["enum"]) == set(FACTOR_IDS)


def test_the_record_rules_follow_the_action_plan_model():
    from joinedup.checks import records

    assert tuple(status.value for status in records.ActionStatus) == record_module.STATUSES
    assert record_module.INTERVENTION_ID.pattern == records.INTERVENTION_ID.pattern


def test_lessons_lose_other_partnerships_names_whole_agencies_in_any_case_and_bidi_controls() -> None:
    """A partnership's name was split into a person's name by the heuristic ("[name] of Hilltop
    [name]"), "camhs" in lower case survived, and invisible bidi controls passed through."""
    from joinedup.learning.record import scrub_lessons

    scrubbed = scrub_lessons(
        {
            "A1": "Wendy Blackwood of Hilltop Partnership visited",
            "A2": "camhs joined the panel",
            "A3": "Rota \u202eevil\u202c kept \u2066here\u2069",
        },
        partnerships=["Hilltop Partnership"],
        agencies=["CAMHS"],
    )
    assert scrubbed["A1"] == "[name] of [organisation] visited"
    assert scrubbed["A2"] == "[agency] joined the panel"
    assert scrubbed["A3"] == "Rota evil kept here"
    assert scrub_lessons({"A1": "IT can help"}, agencies=["IT", "CAN"]) == {"A1": "[agency] can help"}


def test_a_figure_rounded_to_nothing_is_zero_not_negative_zero():
    """PostgreSQL's jsonb stores -0.0 as 0, so an approved record holding -0.0 came back changed."""
    from joinedup.learning.record import _figure

    assert json.dumps(_figure(-0.001)) == "0.0"
