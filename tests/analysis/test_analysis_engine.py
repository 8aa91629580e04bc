"""`analyse` end to end: hand-worked figures, disclosure in the result, errors, ordering, JSON."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from joinedup.analysis import ResponseDataError, analyse, generate_responses, synthetic_item_bank

DK = 0.0


def small_partnership(make_frame):
    """Round 1: Health 6, Police 7 and Schools 3 respondents, mostly agreeing; round 2: all lower."""
    rows = []
    for agency, size, base in (("Health", 6, 5.0), ("Police", 7, 4.0), ("Schools", 3, 3.0)):
        for index in range(size):
            a = base if index % 2 else base - 1
            rows.append(("P", "Round 1", agency, "practitioner", [a, a, 6 - a, a, DK if index == 0 else a]))
    for agency, size in (("Health", 8), ("Police", 8)):
        for index in range(size):
            a = 2.0 + index % 2
            rows.append(("P", "Round 2", agency, "manager", [a, a, 6 - a, np.nan, a]))
    return make_frame(rows)


def test_hand_worked_round(make_frame, items) -> None:
    frame = small_partnership(make_frame)
    result = analyse(frame, items)
    first = result.find("P", "Round 1")
    factor = first.factor("alpha-factor")
    scores = np.array([4.0, 5.0] * 3 + [3.0, 4.0] * 3 + [3.0] + [2.0, 3.0, 2.0])
    assert factor.n == 16
    assert factor.mean == pytest.approx(scores.mean())
    low, high = stats.t.interval(0.95, len(scores) - 1, loc=scores.mean(), scale=stats.sem(scores))
    assert factor.ci == pytest.approx((low, high))
    assert factor.band == "borderline"
    agency = factor.groups["agency"]
    assert agency["Schools"].suppressed and agency["Health"].suppressed, "the next smallest hides Schools"
    assert agency["Police"].n == 7 and agency["Police"].mean == pytest.approx(scores[6:13].mean())
    divergence = factor.divergence
    assert divergence.groups == ["Police"], "Health is hidden, so it takes no part in the comparison"
    assert divergence.p is None and divergence.pairs == []
    assert first.factor("beta-factor").dont_know_rate == pytest.approx(3 / 32)
    reverse_item = factor.items[2]
    assert reverse_item.reverse and reverse_item.distribution == {
        "1": 3,
        "2": 6,
        "3": 5,
        "4": 2,
        "5": 0,
        "dont_know": 0,
        "unanswered": 0,
    }

    second = result.find("P", "Round 2").factor("alpha-factor")
    later = np.array([2.0, 3.0] * 8)
    assert second.groups["agency"]["Schools"].suppressed, "a partnership's agency is listed in every round"
    welch = stats.ttest_ind(later, scores, equal_var=False)
    assert second.trend.previous_round == "Round 1"
    assert second.trend.change == pytest.approx(later.mean() - scores.mean())
    assert second.trend.p == pytest.approx(welch.pvalue)
    assert second.trend.direction == "declined"
    assert result.find("P", "Round 2").factor("beta-factor").n == 16, "one of two items is half"


def test_responses_counts_rates_and_voice_flags(make_frame, items) -> None:
    frame = small_partnership(make_frame)
    invitations = pd.DataFrame(
        {
            "partnership": ["P"] * 3,
            "round": ["Round 1"] * 3,
            "agency": ["Health", "Police", "Youth justice"],
            "invited": [12, 7, 10],
        }
    )
    responses = analyse(frame, items, invitations=invitations).find("P", "Round 1").responses
    by_agency = responses.by_agency
    assert by_agency["Police"].n == 7 and by_agency["Police"].rate == 1.0
    assert by_agency["Schools"].suppressed and "missing" in by_agency["Schools"].flags
    assert by_agency["Youth justice"].suppressed and by_agency["Youth justice"].invited == 10
    assert by_agency["Health"].suppressed, "secondary suppression also covers response counts"
    assert responses.by_role_group["practitioner"].suppressed, (
        "managers answered only in round 2: their zero stays hidden"
    )


def test_a_dominant_agency_is_flagged(make_frame, items) -> None:
    rows = [("P", "R1", "Health", "manager", [4, 4, 2, 4, 4])] * 30
    rows += [("P", "R1", "Police", "manager", [3, 3, 3, 3, 3])] * 6 + [
        ("P", "R1", "Schools", "manager", [3] * 5)
    ] * 6
    by_agency = analyse(make_frame(rows), items).rounds[0].responses.by_agency
    assert by_agency["Health"].flags == ["dominant"]
    assert by_agency["Police"].flags == []


def test_a_round_under_the_minimum_shows_nothing(make_frame, items) -> None:
    frame = make_frame([("Q", "R1", "Health", "manager", [4, 4, 2, 4, 4])] * 4)
    entry = analyse(frame, items).rounds[0]
    assert entry.suppressed and entry.n is None and entry.responses is None
    assert all(factor.suppressed and factor.mean is None for factor in entry.factors)


def test_a_minimum_group_below_five_is_refused(make_frame, items) -> None:
    with pytest.raises(ValueError, match="at least 5"):
        analyse(small_partnership(make_frame), items, min_group=3)


def test_a_larger_minimum_hides_more(make_frame, items) -> None:
    groups = analyse(small_partnership(make_frame), items, min_group=8).rounds[0].factors[0].groups["agency"]
    assert all(entry.suppressed for entry in groups.values())


def test_rounds_follow_natural_order_or_the_given_order(make_frame, items) -> None:
    rows = [
        ("P", label, "Health", "manager", [4, 4, 2, 4, 4]) for label in ("Round 10", "Round 9", "Round 2")
    ]
    frame = make_frame([row for row in rows for _ in range(5)])
    assert [entry.round for entry in analyse(frame, items).rounds] == ["Round 2", "Round 9", "Round 10"]
    ordered = analyse(frame, items, round_order=["Round 9", "Round 10", "Round 2"])
    assert [entry.round for entry in ordered.rounds] == ["Round 9", "Round 10", "Round 2"]
    assert ordered.rounds[2].previous_round == "Round 10"
    with pytest.raises(ValueError, match="Round 2"):
        analyse(frame, items, round_order=["Round 9", "Round 10"])


def test_without_an_order_rounds_with_opening_dates_follow_the_dates_not_the_names(make_frame, items) -> None:
    """Named by month, "March 2026 review" sorts before "November 2025 review"; the dates decide."""
    rows = [
        ("P", label, "Health", "manager", [4, 4, 2, 4, 4])
        for label in ("March 2026 review", "November 2025 review")
    ]
    frame = make_frame([row for row in rows for _ in range(5)])
    opened = {"March 2026 review": "2026-03-01", "November 2025 review": "2025-11-01"}
    frame.insert(2, "round_opens", frame["round"].map(opened))
    rounds = analyse(frame, items).rounds
    assert [entry.round for entry in rounds] == ["November 2025 review", "March 2026 review"]
    assert rounds[1].previous_round == "November 2025 review"
    frame.loc[0, "round_opens"] = "2026-04-01"
    with pytest.raises(ValueError, match="two opening dates"):
        analyse(frame, items)


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [("a2", 7.0, "whole number from 1 to 5"), ("b1", 2.5, "whole number"), ("a1", "often", "whole number")],
)
def test_bad_answers_are_located(make_frame, items, column, value, reason) -> None:
    frame = small_partnership(make_frame).astype({column: object})
    frame.loc[3, column] = value
    with pytest.raises(ResponseDataError, match=reason) as caught:
        analyse(frame, items)
    assert (caught.value.row, caught.value.column, caught.value.value) == (4, column, value)


def test_missing_columns_and_blank_identifiers_are_located(make_frame, items) -> None:
    frame = small_partnership(make_frame)
    with pytest.raises(ResponseDataError, match=r"'b2'.*missing"):
        analyse(frame.drop(columns="b2"), items)
    blank = frame.copy()
    blank.loc[5, "agency"] = ""
    with pytest.raises(ResponseDataError, match="row 6, column 'agency'"):
        analyse(blank, items)


def test_bad_invitations_are_located_in_the_invitations(make_frame, items) -> None:
    invitations = pd.DataFrame(
        {"partnership": ["P"], "round": ["Round 1"], "agency": ["Health"], "invited": ["-2"]}
    )
    with pytest.raises(ResponseDataError, match="row 1, column 'invited'") as caught:
        analyse(small_partnership(make_frame), items, invitations=invitations)
    assert caught.value.source == "invitations"


def test_json_has_the_documented_fields_and_no_nan(make_frame, items) -> None:
    document = json.loads(analyse(small_partnership(make_frame), items).to_json())
    assert document["schema_version"] == "1.1"
    entry = document["rounds"][1]
    assert {"partnership", "round", "n", "factors"} <= entry.keys()
    factor = entry["factors"][0]
    expected = {
        "id",
        "n",
        "mean",
        "ci",
        "band",
        "alpha",
        "dont_know_rate",
        "groups",
        "divergence",
        "trend",
        "items",
    }
    assert expected <= factor.keys()
    assert {"statistic", "p", "effect", "pairs"} <= factor["divergence"].keys()
    assert factor["groups"]["agency"]["Schools"] == {"suppressed": True}
    assert set(factor["groups"]["agency"]["Police"]) == {"n", "mean", "sd"}
    assert "NaN" not in json.dumps(document)


def published_residuals_ok(breakdown: dict, total: int, min_group: int) -> bool:
    shown = [entry["n"] for entry in breakdown.values() if not entry.get("suppressed")]
    hidden = [entry for entry in breakdown.values() if entry.get("suppressed")]
    residual = total - sum(shown)
    all_hidden = len(hidden) == len(breakdown)
    shown_are_large = all(n >= min_group for n in shown)
    return all_hidden or (shown_are_large and (not hidden or (len(hidden) >= 2 and residual >= min_group)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sizes=st.lists(st.integers(0, 12), min_size=1, max_size=5),
    seed=st.integers(0, 2**32 - 1),
    min_group=st.integers(5, 7),
)
def test_no_published_figure_describes_a_small_group(make_frame, items, sizes, seed, min_group) -> None:
    rng = np.random.default_rng(seed)
    rows = []
    for agency, size in enumerate(sizes):
        for _ in range(size):
            answers = rng.choice(
                [np.nan, 0, 1, 2, 3, 4, 5], size=5, p=[0.1, 0.1, 0.16, 0.16, 0.16, 0.16, 0.16]
            )
            rows.append(
                ("P", "R1", f"Agency {agency}", str(rng.choice(["lead", "manager", "staff"])), answers)
            )
    if not rows:
        return
    document = analyse(make_frame(rows), items, min_group=min_group).to_dict()
    entry = document["rounds"][0]
    if entry["suppressed"]:
        assert len(rows) < min_group
        return
    assert published_residuals_ok(entry["responses"]["by_agency"], entry["n"], min_group)
    assert published_residuals_ok(entry["responses"]["by_role_group"], entry["n"], min_group)
    for factor in entry["factors"]:
        if factor["suppressed"]:
            assert factor["mean"] is None
            continue
        assert factor["n"] >= min_group
        for breakdown in factor["groups"].values():
            assert published_residuals_ok(breakdown, factor["n"], min_group)


def test_row_order_does_not_change_anything(items) -> None:
    data = generate_responses(synthetic_item_bank(), responses=1500, partnerships=2, rounds=2, seed=5)
    shuffled = data.responses.sample(frac=1.0, random_state=3).reset_index(drop=True)
    bank = synthetic_item_bank()
    assert analyse(data.responses, bank).to_json() == analyse(shuffled, bank).to_json()


def figure_hidden(figure: object) -> bool:
    return getattr(figure, "suppressed", False) is True


def test_figures_match_a_pandas_and_scipy_recomputation() -> None:
    bank = synthetic_item_bank(per_factor=3)
    frame = generate_responses(bank, responses=2500, partnerships=3, rounds=2, seed=11).responses
    result = analyse(frame, bank)
    for factor in ("funding", "leadership", "co-location"):
        members = [item for item in bank if item.factor == factor]
        values = frame[[item.id for item in members]].astype(np.float64).replace(0.0, np.nan)
        for item in members:
            if item.reverse:
                values[item.id] = 6 - values[item.id]
        answered = values.notna().sum(axis=1)
        scores = values.mean(axis=1).where(answered * 2 >= len(members))
        for (partnership, round_label), group in frame.assign(score=scores).groupby(["partnership", "round"]):
            entry = result.find(partnership, round_label).factor(factor)
            assert entry.n == group["score"].notna().sum()
            assert entry.mean == pytest.approx(group["score"].mean())
            shown = {name for name, figure in entry.groups["agency"].items() if not figure_hidden(figure)}
            assert all(group[group["agency"] == name]["score"].notna().sum() >= 5 for name in shown)
            assert set(entry.divergence.groups) == shown, "only shown agencies are compared"
            taking_part = [
                sample.dropna().to_numpy()
                for name, sample in group.groupby("agency")["score"]
                if name in shown
            ]
            assert entry.divergence.statistic == pytest.approx(stats.kruskal(*taking_part).statistic)


def test_the_json_reads_back_into_the_documented_types(make_frame, items) -> None:
    from pydantic import TypeAdapter

    from joinedup.analysis import AnalysisResult

    result = analyse(small_partnership(make_frame), items)
    assert TypeAdapter(AnalysisResult).validate_json(result.to_json()) == result
    schema = AnalysisResult.json_schema()
    factor_fields = schema["$defs"]["FactorResult"]["properties"]
    documented = {"id", "n", "mean", "ci", "band", "alpha", "dont_know_rate", "groups", "divergence", "trend"}
    assert documented <= set(factor_fields)


def test_a_factor_hides_every_agency_its_round_hides(make_frame, items) -> None:
    """Responses hide A (3) and, by secondary suppression, B (6). On the alpha factor six of C's ten
    left every item blank, so its own counts (A 3, B 6, C 4, D 12) would hide A and C and show B;
    B must stay hidden, or B's figure set against the merged A and B elsewhere would give A away."""
    rows = [("P", "R1", "A", "staff", [4, 4, 2, 4, 4])] * 3 + [("P", "R1", "B", "staff", [5, 5, 1, 5, 5])] * 6
    rows += [("P", "R1", "C", "staff", [3, 3, 3, 3, 3])] * 4
    rows += [("P", "R1", "C", "staff", [np.nan, np.nan, np.nan, 3, 3])] * 6
    rows += [("P", "R1", "D", "staff", [2, 2, 4, 2, 2])] * 12
    entry = analyse(make_frame(rows), items).find("P", "R1")
    assert entry.responses.by_agency["B"].suppressed
    agency = entry.factor("alpha-factor").groups["agency"]
    assert agency["C"].suppressed and agency["A"].suppressed
    assert agency["B"].suppressed
    assert entry.factor("alpha-factor").divergence.groups == ["D"]
