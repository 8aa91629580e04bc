"""Row-level release: small groups merged, small combinations hidden, comments scrubbed, rows shuffled."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.analysis.conftest import ITEMS, build_frame

from joinedup.analysis import analyse
from joinedup.analysis.row_disclosure import OTHER, hidden_in_analysis, release_rows

AGENCIES = ("Education", "Health", "Police", "Social work", "Voluntary sector")
ROLES = ("frontline", "manager", "senior leader")
MIN = 5


def responses(cells: dict[tuple[str, str], int], seed: int = 1) -> pd.DataFrame:
    """Rows for each (agency, role group) cell, answers varied so every row is different."""
    rng = np.random.default_rng(seed)
    rows = [
        ("P", "R1", agency, role, [float(v) for v in rng.integers(0, 6, len(ITEMS))])
        for (agency, role), size in cells.items()
        for _ in range(size)
    ]
    frame = build_frame(rows)
    frame["comment_leadership"] = [f"Ring Sam Jones on 07700 900{i:03d} about it" for i in range(len(frame))]
    return frame


def release(frame: pd.DataFrame, **options) -> pd.DataFrame:
    return release_rows(
        frame, min_group=MIN, comment_columns=["comment_leadership"], rng=random.Random(3), **options
    ).frame


def answers(frame: pd.DataFrame) -> list[tuple[float, ...]]:
    return sorted(tuple(row) for row in frame[[item.id for item in ITEMS]].fillna(-1).itertuples(index=False))


def test_a_lone_small_agency_is_merged_with_the_next_smallest() -> None:
    frame = responses(
        {("Education", "frontline"): 20, ("Health", "frontline"): 9, ("Voluntary sector", "frontline"): 3}
    )
    out = release(frame)
    assert Counter(out["agency"]) == {"Education": 20, OTHER: 12}
    assert answers(out) == answers(frame), "every answer is kept"


def test_agencies_listed_without_responses_count_as_hidden_zeros() -> None:
    frame = responses({("Education", "frontline"): 20, ("Health", "frontline"): 9})
    assert Counter(release(frame)["agency"]) == {"Education": 20, "Health": 9}
    assert Counter(release(frame, agencies=AGENCIES)["agency"]) == {"Education": 20, OTHER: 9}


def test_a_small_agency_and_role_combination_loses_its_role_group() -> None:
    frame = responses(
        {
            ("Education", "frontline"): 10,
            ("Education", "manager"): 6,
            ("Health", "frontline"): 10,
            ("Health", "manager"): 2,
        }
    )
    out = release(frame)
    cells = Counter(zip(out["agency"], out["role_group"], strict=True))
    assert min(cells.values()) >= MIN
    assert cells[("Health", "manager")] == 0
    hidden_managers = 8 - Counter(out["role_group"])["manager"]
    assert hidden_managers == 0 or hidden_managers >= MIN, (
        "the managers' total minus those shown is no small group"
    )
    assert Counter(out["agency"]) == {"Education": 16, "Health": 12}


def test_comments_are_scrubbed_and_left_out_for_merged_agencies() -> None:
    frame = responses({("Education", "frontline"): 6, ("Health", "frontline"): 3, ("Police", "frontline"): 3})
    out = release_rows(
        frame,
        min_group=MIN,
        comment_columns=["comment_leadership"],
        clean_comment=lambda text: text.replace("Sam Jones", "[name]"),
    ).frame
    shown = out[out["agency"] == "Education"]["comment_leadership"]
    assert shown.str.startswith("Ring [name] on").all()
    assert out[out["agency"] == OTHER]["comment_leadership"].isna().all()


def test_rows_come_out_in_a_random_order_each_time() -> None:
    frame = responses({("Education", "frontline"): 20, ("Health", "frontline"): 20})
    first = release_rows(frame, min_group=MIN).frame
    second = release_rows(frame, min_group=MIN).frame
    assert answers(first) == answers(second) == answers(frame)
    assert not first.equals(second)
    assert not first.reset_index(drop=True).equals(frame.reset_index(drop=True))


def test_a_round_under_the_minimum_releases_nothing() -> None:
    result = release_rows(responses({("Education", "frontline"): 4}), min_group=MIN)
    assert result.frame.empty and result.withheld


def test_one_round_at_a_time_and_never_below_five() -> None:
    frame = responses({("Education", "frontline"): 6})
    with pytest.raises(ValueError, match="one round"):
        release_rows(pd.concat([frame, frame.assign(round="R2")]), min_group=MIN)
    with pytest.raises(ValueError, match="at least 5"):
        release_rows(frame, min_group=3)


sizes = st.integers(min_value=0, max_value=12)


@st.composite
def rounds(draw: st.DrawFn) -> tuple[dict[tuple[str, str], int], tuple[str, ...]]:
    agencies = AGENCIES[: draw(st.integers(2, len(AGENCIES)))]
    roles = ROLES[: draw(st.integers(1, len(ROLES)))]
    cells = {(agency, role): draw(sizes) for agency in agencies for role in roles}
    return cells, agencies


@settings(max_examples=150, deadline=None)
@given(rounds(), st.integers(0, 2**16))
def test_no_released_label_or_combination_singles_out_a_small_group(drawn, seed) -> None:
    cells, agencies = drawn
    frame = responses(cells, seed)
    if len(frame) < MIN:
        assert release_rows(frame, min_group=MIN).frame.empty
        return
    analysis = analyse(frame.drop(columns="comment_leadership"), ITEMS).find("P", "R1")
    hidden_agencies, hidden_roles = hidden_in_analysis(analysis)
    out = release(frame, agencies=agencies, hidden_agencies=hidden_agencies, hidden_role_groups=hidden_roles)

    assert answers(out) == answers(frame), "rows are relabelled, never dropped or changed"
    for column in ("agency", "role_group"):
        assert min(Counter(out[column]).values()) >= MIN
    assert min(Counter(zip(out["agency"], out["role_group"], strict=True)).values()) >= MIN

    original_agencies = Counter(frame["agency"])
    shown_agencies = Counter(out["agency"])
    for agency in agencies:
        if agency in shown_agencies:
            assert shown_agencies[agency] == original_agencies[agency], "a shown agency keeps all its rows"
            assert agency not in hidden_agencies, "nothing the analysis hides is shown in rows"
        if original_agencies[agency] < MIN:
            assert agency not in shown_agencies
    merged = [agency for agency in agencies if agency not in shown_agencies]
    assert not merged or len(merged) >= 2, "a lone hidden agency could be recovered from the totals"

    original_roles = Counter(frame["role_group"])
    shown_roles = Counter(out["role_group"])
    for role, count in original_roles.items():
        if role in shown_roles:
            assert role not in hidden_roles
            assert count - shown_roles[role] == 0 or count - shown_roles[role] >= MIN
        if count < MIN:
            assert role not in shown_roles
    assert out.loc[out["agency"] == OTHER, "comment_leadership"].isna().all()
