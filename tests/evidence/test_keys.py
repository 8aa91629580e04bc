import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.evidence.keys import author_key, work_key


@pytest.mark.parametrize(
    ("author", "year", "suffix", "expected"),
    [
        ("Cameron", "2003", "", "cameron-2003"),
        ("National Audit Office", "2001", "", "national-audit-office-2001"),
        ("van Eyk", "2002", "", "van-eyk-2002"),
        ("Percy-Smith", "2005", "", "percy-smith-2005"),
        ("HMIe", "2004", "", "hmie-2004"),
        ("21st Century Social Work", "2005", "", "21st-century-social-work-2005"),
        ("Atkinson", "2002", "b", "atkinson-2002b"),
        ("Müller", "1999", "", "muller-1999"),
        ("O'Brien", "2001", "", "o-brien-2001"),
        ("  Scottish Executive  ", "2004", "", "scottish-executive-2004"),
    ],
)
def test_work_key_follows_the_documented_rule(author, year, suffix, expected):
    assert work_key(author, year, suffix) == expected


def test_work_key_refuses_an_author_without_letters():
    with pytest.raises(ValueError, match="first author"):
        work_key("&&", "2003")


def test_work_key_refuses_an_empty_year():
    with pytest.raises(ValueError, match="year is empty"):
        work_key("Sloper", "")


@given(
    author=st.text(min_size=1, max_size=40).filter(lambda s: any(c.isascii() and c.isalnum() for c in s)),
    year=st.integers(min_value=1900, max_value=2099).map(str),
    suffix=st.sampled_from(["", "a", "b", "c"]),
)
def test_work_key_is_a_lowercase_ascii_slug(author, year, suffix):
    key = work_key(author, year, suffix)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key)
    assert key.endswith(f"-{year}{suffix}")


@given(author=st.from_regex(r"[A-Za-z][A-Za-z .,'&-]{0,30}", fullmatch=True))
def test_spelling_variants_of_case_and_punctuation_meet_on_one_key(author):
    assert work_key(author.upper(), "2003") == work_key(author.lower(), "2003")
    assert work_key(f" {author}. ", "2003") == work_key(author, "2003")


@given(
    author=st.text(min_size=1, max_size=40).filter(lambda s: any(c.isascii() and c.isalnum() for c in s)),
    year=st.integers(min_value=1900, max_value=2099).map(str),
    suffix=st.sampled_from(["", "a", "b"]),
)
def test_author_key_is_the_work_key_without_its_year(author, year, suffix):
    assert work_key(author, year, suffix) == f"{author_key(author)}-{year}{suffix}"
