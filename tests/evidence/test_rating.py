"""The rating rule, on hand-made cases for each level and on generated claim sets for its invariants."""

from hypothesis import assume, given
from hypothesis import strategies as st

from joinedup.evidence import Basis, Claim, Consistency, Direction, Kind, RatingLevel, Work
from joinedup.evidence.rating import rate_factor


def _work(key: str, kind: Kind = Kind.STUDY) -> Work:
    author, year = key.rsplit("-", 1)
    return Work(key=key, authors=[author.title()], et_al=False, year=year, kind=kind)


def _claim(work: str, direction=Direction.BARRIER, basis=Basis.SPECIFIC, factor="funding") -> Claim:
    return Claim(factor=factor, work=work, direction=direction, basis=basis, summary="s")


KEYS = [f"author{i}-2000" for i in range(8)]
WORKS = {key: _work(key) for key in KEYS}


def test_no_claims_is_a_gap():
    rating = rate_factor([], WORKS)
    assert (rating.level, rating.distinct_works, rating.consistency) == (RatingLevel.GAP, 0, Consistency.NONE)


def test_general_claims_alone_leave_a_gap_and_are_mentioned():
    rating = rate_factor([_claim(KEYS[0], basis=Basis.GENERAL)], WORKS)
    assert rating.level is RatingLevel.GAP
    assert "1 more work cited only for barriers in general" in rating.reason


def test_one_work_is_limited_however_often_it_is_cited():
    claims = [_claim(KEYS[0]), _claim(KEYS[0], Direction.FACILITATOR)]
    rating = rate_factor(claims, WORKS)
    assert (rating.level, rating.distinct_works) == (RatingLevel.LIMITED, 1)


def test_barrier_and_facilitator_claims_agree():
    claims = [_claim(KEYS[0]), _claim(KEYS[1], Direction.FACILITATOR)]
    rating = rate_factor(claims, WORKS)
    assert (rating.level, rating.consistency) == (RatingLevel.MODERATE, Consistency.CONSISTENT)


def test_four_works_two_cited_specifically_is_strong():
    claims = [_claim(k) for k in KEYS[:2]] + [_claim(k, basis=Basis.GROUPED) for k in KEYS[2:4]]
    assert rate_factor(claims, WORKS).level is RatingLevel.STRONG


def test_many_works_cited_only_in_a_list_stay_moderate():
    claims = [_claim(KEYS[0])] + [_claim(k, basis=Basis.GROUPED) for k in KEYS[1:]]
    rating = rate_factor(claims, WORKS)
    assert rating.level is RatingLevel.MODERATE
    assert "only 1 cited for this factor alone" in rating.reason


def test_a_minority_of_inconclusive_works_costs_one_level():
    claims = [_claim(k) for k in KEYS[:4]] + [_claim(KEYS[4], Direction.INCONCLUSIVE)]
    rating = rate_factor(claims, WORKS)
    assert (rating.level, rating.consistency) == (RatingLevel.MODERATE, Consistency.MOSTLY_CONSISTENT)


def test_no_majority_is_inconclusive():
    claims = [_claim(KEYS[0]), _claim(KEYS[1], Direction.INCONCLUSIVE)]
    rating = rate_factor(claims, WORKS)
    assert (rating.level, rating.consistency) == (RatingLevel.INCONCLUSIVE, Consistency.MIXED)
    assert "only 1 of 2 distinct works agree" in rating.reason


def test_a_review_finding_it_inconclusive_outweighs_a_majority():
    works = {**WORKS, "reviewer-2003": _work("reviewer-2003", Kind.REVIEW)}
    claims = [_claim(k) for k in KEYS[:5]] + [_claim("reviewer-2003", Direction.INCONCLUSIVE)]
    rating = rate_factor(claims, works)
    assert rating.level is RatingLevel.INCONCLUSIVE
    assert "reviewer-2003" in rating.reason


claim_sets = st.lists(
    st.builds(
        _claim,
        work=st.sampled_from(KEYS),
        direction=st.sampled_from(list(Direction)),
        basis=st.sampled_from(list(Basis)),
    ),
    max_size=20,
)


@given(claim_sets)
def test_counts_distinct_non_general_works(claims):
    rating = rate_factor(claims, WORKS)
    assert rating.distinct_works == len({c.work for c in claims if c.basis is not Basis.GENERAL})
    assert rating.reason


@given(claim_sets)
def test_the_rating_ignores_claim_order_and_repetition(claims):
    assert rate_factor(claims, WORKS) == rate_factor(list(reversed(claims)) + claims, WORKS)


@given(claim_sets)
def test_without_inconclusive_claims_nothing_is_inconclusive(claims):
    agreeing = [c for c in claims if c.direction is not Direction.INCONCLUSIVE]
    assert rate_factor(agreeing, WORKS).level is not RatingLevel.INCONCLUSIVE


@given(claim_sets, st.sampled_from(KEYS))
def test_another_agreeing_work_never_lowers_the_level(claims, extra):
    order = [
        RatingLevel.INCONCLUSIVE,
        RatingLevel.GAP,
        RatingLevel.LIMITED,
        RatingLevel.MODERATE,
        RatingLevel.STRONG,
    ]
    assume(all(c.work != extra for c in claims))
    before = rate_factor(claims, WORKS).level
    after = rate_factor([*claims, _claim(extra)], WORKS).level
    assert order.index(after) >= order.index(before)
