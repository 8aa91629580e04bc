from __future__ import annotations

import re

from hypothesis import assume, given
from hypothesis import strategies as st

from joinedup.tagging.scrubbing import common_capitalised_words, common_first_names, scrub

surnames = st.from_regex(r"[A-Z][a-z]{2,11}", fullmatch=True).filter(
    lambda word: word.casefold() not in common_capitalised_words()
)
titles = st.sampled_from(["Mr", "Mrs", "Ms", "Miss", "Dr", "Dr.", "Cllr", "PC", "Prof"])
known_first_names = st.sampled_from(sorted(common_first_names()))
any_names = st.from_regex(r"[A-Za-z][a-z]{1,10}(?: [A-Z][a-z]{1,10})?", fullmatch=True)
emails = st.emails().map(str)
mobiles = st.from_regex(r"07\d{3} ?\d{6}", fullmatch=True)
landlines = st.from_regex(r"(?:01\d{3} \d{6}|\(01\d{2}\) \d{3} \d{4}|020 \d{4} \d{4})", fullmatch=True)
international = st.from_regex(r"\+44 ?(?:\(0\) ?)?7\d{3} ?\d{3} ?\d{3}", fullmatch=True)
long_numbers = st.from_regex(r"\d{7,14}", fullmatch=True)


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[\w'-]+", text))


@given(titles, surnames)
def test_a_titled_surname_is_replaced(title, surname):
    scrubbed = scrub(f"I raised it with {title} {surname} last week and heard nothing.")
    assert surname not in words_of(scrubbed)
    assert "[name]" in scrubbed
    assert scrubbed.endswith("last week and heard nothing.")


@given(known_first_names, surnames)
def test_a_first_and_last_name_are_replaced_together(first, last):
    scrubbed = scrub(f"The plan was agreed after {first} {last} chased it.")
    assert first not in words_of(scrubbed) and last not in words_of(scrubbed)
    assert scrubbed == "The plan was agreed after [name] chased it."


@given(known_first_names)
def test_a_lone_common_first_name_is_replaced(first):
    assert scrub(f"Only {first} knows how the referral system works.") == (
        "Only [name] knows how the referral system works."
    )


@given(any_names)
def test_given_names_and_their_parts_are_replaced_whatever_their_case(name):
    assume(all(len(part) > 1 for part in name.split()))
    text = f"ask {name.lower()} or {name} about the rota"
    scrubbed = scrub(text, names=[name])
    for part in name.split():
        assert part.lower() not in {word.lower() for word in words_of(scrubbed)}


@given(emails)
def test_email_addresses_are_replaced(email):
    scrubbed = scrub(f"Send the minutes to {email} please")
    assert email not in scrubbed
    assert "[email]" in scrubbed


@given(st.one_of(mobiles, landlines, international, long_numbers))
def test_phone_numbers_and_long_digit_runs_are_replaced(number):
    scrubbed = scrub(f"Call the duty desk on {number} if it is urgent.")
    assert scrubbed == "Call the duty desk on [phone] if it is urgent."


def test_short_numbers_ages_and_year_ranges_are_kept():
    text = "Children aged 5 6 7 and 8 were seen 12 times in 2023-2024, up 15% from 31/3."
    assert scrub(text) == text


def test_agencies_and_their_abbreviations_are_replaced_but_not_everyday_words():
    agencies = ["Oakfield Primary School", "Oakfield", "OPS", "IT"]
    text = "oakfield primary school and OPS said it was fine; Oakfield's head agreed."
    scrubbed = scrub(text, agencies=agencies)
    assert scrubbed == "[agency] and [agency] said it was fine; [agency]'s head agreed."


def test_postcodes_are_replaced():
    assert scrub("The hub at LS6 2QT opened.") == "The hub at [postcode] opened."


def test_ordinary_comments_with_capitalised_service_names_are_left_alone():
    text = "Early Help and the Family Hub met Health Visitors on Monday. The Nurse Practitioner agreed."
    assert scrub(text) == text


def test_everything_at_once():
    text = "Mrs Okafor (j.okafor@council.gov.uk, 0113 496 0123) told Sarah at Leeds Youth Service."
    expected = "[name] ([email], [phone]) told [name] at [agency]."
    assert scrub(text, agencies=["Leeds Youth Service"]) == expected
