"""A user's evidence folder: what it may extend or override, and how bad files are reported."""

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.evidence import Direction, EvidenceError, Provenance, load_evidence_base


def _write(folder, name, text):
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_a_user_folder_adds_works_claims_and_interventions(tmp_path):
    _write(
        tmp_path,
        "local.yaml",
        """
        works:
          - key: ofsted-2019
            authors: [Ofsted]
            et_al: false
            year: "2019"
            kind: report
        claims:
          - {factor: accountability, work: ofsted-2019, direction: facilitator, summary: "Clear lines help."}
        interventions:
          - id: local-board-charter
            factors: [accountability]
            title: Write a board charter
            what_to_do: Agree it.
            addresses_barrier: Nobody answerable.
            provenance: reported-remedy
            basis: Local inspection.
            action_works: [ofsted-2019]
        """,
    )
    base = load_evidence_base(tmp_path)
    assert len(base.works) == 30
    assert base.confidence["accountability"].times_reported == 2
    assert base.confidence["accountability"].independent_works == 1
    added = next(i for i in base.interventions_for("accountability") if i.id == "local-board-charter")
    assert added.provenance is Provenance.REPORTED_REMEDY
    assert "local-board-charter" in {i.id for i in base.interventions_for("accountability")}
    assert len(load_evidence_base().works) == 29


def test_user_claims_replace_the_bundled_claims_for_that_pair(tmp_path):
    _write(
        tmp_path,
        "override.yaml",
        """
        claims:
          - {factor: co-location, work: wasoff-2004, direction: facilitator, summary: "Re-read as helpful."}
        factors:
          - id: accountability
            name: Answerable partners
            barrier: b
            facilitator: f
        """,
    )
    base = load_evidence_base(tmp_path)
    pair = [c for c in base.claims if (c.factor, c.work) == ("co-location", "wasoff-2004")]
    assert [c.direction for c in pair] == [Direction.FACILITATOR]
    assert base.factor("accountability").name == "Answerable partners"
    assert [f.id for f in base.factors] == [f.id for f in load_evidence_base().factors]


def test_a_missing_field_names_file_line_and_field(tmp_path):
    path = _write(
        tmp_path,
        "bad.yaml",
        """
        works:
          - key: ofsted-2019
            authors: [Ofsted]
            et_al: false
            year: "2019"
            kind: report
          - key: estyn-2020
            authors: [Estyn]
            year: "2020"
            kind: report
        """,
    )
    with pytest.raises(EvidenceError) as caught:
        load_evidence_base(tmp_path)
    assert caught.value.problems == [f"{path}, line 7, field works.1.et_al: Field required"]


def test_a_wrong_value_points_at_its_own_line(tmp_path):
    path = _write(
        tmp_path,
        "bad.yaml",
        """
        claims:
          - factor: funding
            work: sloper-2004
            direction: sideways
            summary: s
        """,
    )
    with pytest.raises(EvidenceError) as caught:
        load_evidence_base(tmp_path)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{path}, line 4, field claims.0.direction: Input should be")


def test_all_problems_are_reported_together_and_nothing_loads(tmp_path):
    _write(
        tmp_path,
        "a.yaml",
        """
        claims:
          - {factor: nonsense, work: sloper-2004, direction: barrier, summary: s}
          - {factor: funding, work: nobody-1999, direction: barrier, summary: s}
        """,
    )
    _write(tmp_path, "b.yaml", "works: [\n")
    with pytest.raises(EvidenceError) as caught:
        load_evidence_base(tmp_path)
    problems = caught.value.problems
    expected = "a.yaml, line 2, field claims.0.factor: Value error, unknown factor id 'nonsense'"
    assert any(expected in p for p in problems)
    assert any("b.yaml, line 2: not valid YAML" in p for p in problems)
    assert "the evidence base was not loaded" in str(caught.value)


def test_references_to_unknown_works_are_caught_after_merging(tmp_path):
    path = _write(
        tmp_path,
        "refs.yaml",
        """
        claims:
          - {factor: funding, work: sloper-2004, direction: barrier, summary: fine}
          - {factor: funding, work: nobody-1999, direction: barrier, summary: dangling}
        """,
    )
    with pytest.raises(EvidenceError) as caught:
        load_evidence_base(tmp_path)
    assert caught.value.problems == [f"{path}, line 3, field claims.work: no work with key 'nobody-1999'"]


def test_a_key_that_breaks_the_rule_is_refused(tmp_path):
    path = _write(
        tmp_path,
        "key.yaml",
        """
        works:
          - {key: ofsted2019, authors: [Ofsted], et_al: false, year: "2019", kind: report}
        """,
    )
    with pytest.raises(EvidenceError) as caught:
        load_evidence_base(tmp_path)
    assert caught.value.problems == [
        f"{path}, line 2, field works.key: 'ofsted2019' does not follow the key rule; "
        "the first author, year and suffix give 'ofsted-2019'"
    ]


def test_unknown_sections_and_fields_are_refused_not_ignored(tmp_path):
    _write(
        tmp_path,
        "typo.yaml",
        """
        factor:
          - id: funding
        works:
          - {key: ofsted-2019, authors: [Ofsted], et_al: false, year: "2019", kind: report, titel: x}
        """,
    )
    with pytest.raises(EvidenceError) as caught:
        load_evidence_base(tmp_path)
    problems = caught.value.problems
    assert any("line 1, field factor: unknown section" in p for p in problems)
    assert any("line 4, field works.0.titel: Extra inputs are not permitted" in p for p in problems)


def test_a_key_defined_twice_in_one_file_is_an_error(tmp_path):
    _write(
        tmp_path,
        "twice.yaml",
        """
        works:
          - {key: ofsted-2019, authors: [Ofsted], et_al: false, year: "2019", kind: report}
          - {key: ofsted-2019, authors: [Ofsted], et_al: false, year: "2019", kind: study}
        """,
    )
    with pytest.raises(EvidenceError, match="line 3, field works: 'ofsted-2019' is defined twice"):
        load_evidence_base(tmp_path)


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(EvidenceError, match="is not a folder"):
        load_evidence_base(tmp_path / "absent")


def test_an_empty_folder_gives_the_bundled_base(tmp_path):
    assert load_evidence_base(tmp_path).model_dump() == load_evidence_base().model_dump()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_arbitrary_text_either_loads_or_raises_an_evidence_error(tmp_path, text):
    (tmp_path / "fuzz.yaml").write_text(text, encoding="utf-8")
    try:
        base = load_evidence_base(tmp_path)
    except EvidenceError as error:
        assert all("fuzz.yaml" in p for p in error.problems)
    else:
        assert len(base.factors) == 16


def test_a_confidence_judgement_the_claims_cannot_support_stops_the_load(tmp_path):
    _write(
        tmp_path,
        "optimistic.yaml",
        """
        confidence:
          - factor: accountability
            finding: Accountability matters.
            components:
              methodological-limitations: {judgement: no-or-very-minor-concerns, reason: r}
              coherence: {judgement: no-or-very-minor-concerns, reason: r}
              adequacy: {judgement: no-or-very-minor-concerns, reason: r}
              relevance: {judgement: no-or-very-minor-concerns, reason: r}
            reason: High.
        """,
    )
    with pytest.raises(EvidenceError) as raised:
        load_evidence_base(tmp_path)
    text = "\n".join(raised.value.problems)
    assert "optimistic.yaml, line 2, field confidence (accountability): adequacy" in text
    assert "methodological-limitations must be serious-concerns" in text


def test_a_new_inconclusive_claim_asks_for_coherence_to_be_judged_again(tmp_path):
    _write(
        tmp_path,
        "doubt.yaml",
        """
        claims:
          - {factor: funding, work: sloper-2004, direction: inconclusive, summary: "Mixed."}
        """,
    )
    with pytest.raises(EvidenceError, match="coherence must be at least moderate-concerns: sloper-2004"):
        load_evidence_base(tmp_path)


def test_an_intervention_must_say_what_kind_of_advice_it_is(tmp_path):
    _write(
        tmp_path,
        "bare.yaml",
        """
        interventions:
          - id: bare
            factors: [funding]
            title: t
            what_to_do: w
            addresses_barrier: a
            basis: b
            provenance: inverse-of-barrier
            action_works: [sloper-2004]
        """,
    )
    with pytest.raises(EvidenceError, match="has no action_works"):
        load_evidence_base(tmp_path)
