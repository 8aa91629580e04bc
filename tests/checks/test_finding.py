import pytest

from joinedup.checks.finding import CheckFinding, Severity, ranked


def _finding(severity: Severity, rule: str = "roles.no-responsible") -> CheckFinding:
    return CheckFinding(
        "roles", "roles-responsibilities", severity, "msg", [{"kind": "raci-task", "task": "t"}], rule=rule
    )


def test_severity_is_ordered_from_info_to_high():
    assert Severity.INFO < Severity.LOW < Severity.MEDIUM < Severity.HIGH
    assert max([Severity.LOW, Severity.HIGH, Severity.INFO]) is Severity.HIGH


def test_to_dict_has_the_json_keys_and_plain_values():
    assert _finding(Severity.HIGH).to_dict() == {
        "check": "roles",
        "rule": "roles.no-responsible",
        "factor": "roles-responsibilities",
        "severity": "high",
        "message": "msg",
        "records": [{"kind": "raci-task", "task": "t"}],
    }


def test_unknown_factor_is_refused():
    with pytest.raises(ValueError, match="not a factor id"):
        CheckFinding("roles", "teamwork", Severity.LOW, "m", [], rule="roles.x")


def test_rule_must_belong_to_its_check():
    with pytest.raises(ValueError, match="must start with"):
        CheckFinding("roles", "funding", Severity.LOW, "m", [], rule="funding.x")


def test_records_given_as_tuple_are_kept_as_a_list():
    finding = CheckFinding("roles", "funding", Severity.LOW, "m", ("a", "b"), rule="roles.x")
    assert finding.records == ["a", "b"]


def test_ranked_puts_the_most_severe_first():
    findings = [_finding(Severity.LOW), _finding(Severity.HIGH), _finding(Severity.INFO)]
    assert [f.severity for f in ranked(findings)] == [Severity.HIGH, Severity.LOW, Severity.INFO]
