"""The bundled evidence base against what the seed review says (checked by hand when the data was built)."""

import pytest

from joinedup.evidence import Basis, ConfidenceLevel, Direction, Kind, load_evidence_base, work_key
from joinedup.evidence.ids import FACTOR_IDS


@pytest.fixture(scope="module")
def base():
    return load_evidence_base()


def test_the_sixteen_factors_in_canonical_order(base):
    assert [factor.id for factor in base.factors] == list(FACTOR_IDS)


def test_the_wording_is_the_projects_own_not_the_specs(base, factors_spec_path):
    import yaml

    spec = {f["id"]: f for f in yaml.safe_load(factors_spec_path.read_text(encoding="utf-8"))["factors"]}
    for factor in base.factors:
        assert factor.barrier != spec[factor.id]["barrier"]
        assert factor.facilitator != spec[factor.id]["facilitator"]


def test_twenty_nine_distinct_works_each_keyed_by_the_rule(base):
    assert len(base.works) == 29
    assert len({work.key for work in base.works}) == 29
    for work in base.works:
        assert work.key == work_key(work.authors[0], work.year, work.suffix)


@pytest.mark.parametrize(
    ("key", "variants"),
    [
        ("wilkin-2003", {"Wilkin et al 2003", "Wilkin, White & Kinder 2003"}),
        ("wasoff-2004", {"Wasoff et al 2004"}),
        ("craig-2004", {"Craig et al 2004", "Craig, Huber & Lownsbrough 2004"}),
        ("rushmer-2002", {"Rushmore & Pallis 2002", "Rushmer & Pallis 2002"}),
    ],
)
def test_spelling_variants_are_merged_into_one_work(base, key, variants):
    assert variants <= set(base.work(key).variants)


def test_same_authors_in_different_years_stay_different_works(base):
    assert base.work("cameron-2002") != base.work("cameron-2003")
    assert base.work("atkinson-2001") != base.work("atkinson-2002")
    assert base.work("integrated-care-network-2003") != base.work("integrated-care-network-2004")


def test_named_co_authors_are_kept_and_et_al_flagged(base):
    assert base.work("wilkin-2003").authors == ["Wilkin", "White", "Kinder"]
    assert base.work("wilkin-2003").et_al is False
    assert len(base.work("wasoff-2004").authors) == 7
    assert base.work("sammons-2003").et_al is True


def test_every_variant_appears_in_the_seed_review(base, seed_review_text):
    for work in base.works:
        for variant in work.variants:
            assert variant in seed_review_text, (work.key, variant)


def test_the_tisdall_string_is_a_note_not_a_work(base):
    assert not any(work.key.startswith(("tisdall", "wallace", "mcgregor")) for work in base.works)
    assert any("Tisdall" in item.text for item in base.unresolved)
    assert "Tisdall" in (base.work("atkinson-2001").notes or "")


def test_kinds_follow_how_the_review_describes_each_work(base):
    assert base.work("cameron-2003").kind is Kind.REVIEW
    assert base.work("national-audit-office-2001").kind is Kind.GUIDANCE
    assert base.work("craig-2004").kind is Kind.REPORT
    assert base.work("craig-2004").title == "Schools Out"


def test_every_work_is_cited_for_at_least_one_factor(base):
    for work in base.works:
        assert base.factors_for(work.key), work.key


def test_every_factor_has_claims_and_an_intervention(base):
    for factor_id in FACTOR_IDS:
        assert base.claims_for(factor_id), factor_id
        assert base.interventions_for(factor_id), factor_id


def test_the_remedies_the_review_names_are_interventions(base):
    ids = {item.id for item in base.interventions}
    assert {
        "process-mapping",
        "joint-training",
        "joint-protocols-and-procedures",
        "set-roles-in-formal-policies",
        "accountability-minimums",
        "review-the-partnership-as-it-evolves",
        "time-and-support-for-staff",
    } <= ids


def test_an_interventions_factor_works_report_one_of_its_factors(base):
    for item in base.interventions:
        for key in item.factor_works:
            reporting = {c.factor for c in base.claims_by(key) if c.basis is not Basis.GENERAL}
            assert set(item.factors) & reporting, (item.id, key)


def test_claims_are_not_duplicated(base):
    triples = [(c.factor, c.work, c.direction, c.basis) for c in base.claims]
    assert len(triples) == len(set(triples))


def test_co_location_has_very_low_confidence_because_the_works_disagree(base):
    confidence = base.confidence["co-location"]
    assert confidence.level is ConfidenceLevel.VERY_LOW
    assert confidence.components["coherence"].judgement == "serious-concerns"
    assert "inconclusive" in confidence.components["coherence"].reason
    assert base.factor("co-location").evidence_note


def test_cameron_and_lart_2003_finds_co_terminosity_inconclusive(base):
    directions = {c.direction for c in base.claims_by("cameron-2003") if c.factor == "co-location"}
    assert directions == {Direction.INCONCLUSIVE}


def test_accountability_rests_on_the_national_audit_office_alone(base):
    assert [w.key for w in base.works_for("accountability")] == ["national-audit-office-2001"]
    confidence = base.confidence["accountability"]
    assert confidence.level is ConfidenceLevel.VERY_LOW
    assert confidence.independent_works == 0


def test_harvard_entries_for_reports(base):
    assert base.harvard("cameron-2003") == "Cameron and Lart (2003)"
    assert base.harvard("sammons-2003") == "Sammons et al. (2003)"
    assert base.harvard("craig-2004") == "Craig, Huber and Lownsbrough (2004) Schools Out."
    assert base.cite("wasoff-2004") == "Wasoff et al. 2004"
    assert base.cite(base.work("wilkin-2003")) == "Wilkin, White and Kinder 2003"


def test_unknown_ids_raise_key_errors_that_name_them(base):
    with pytest.raises(KeyError, match="no-such"):
        base.factor("no-such")
    with pytest.raises(KeyError, match="nobody-1999"):
        base.work("nobody-1999")


def test_the_bundled_base_is_cached_and_immutable(base):
    assert load_evidence_base() is base
    with pytest.raises(Exception, match="frozen"):
        base.factors[0].name = "changed"
