"""What one survey request costs the database, held down because every respondent pays it ~37 times.

Measured with the load benchmark (benchmarks/load/): each query is a round trip that the server
waits for under load, so the counts here are the budget the figures in docs/performance.md rest on.
"""

from __future__ import annotations

from django.urls import reverse

from .flow import answer_about_you, answer_page


def test_an_answer_page_costs_at_most_two_queries_to_show_and_three_to_save(
    client, agency_link, instrument, django_assert_max_num_queries
):
    client.get(reverse("survey:start", args=[agency_link.token]))
    assert answer_about_you(client, agency_link.token).status_code == 302
    with django_assert_max_num_queries(2):
        assert client.get(reverse("survey:questions", args=[agency_link.token, 1])).status_code == 200
    with django_assert_max_num_queries(3):
        assert answer_page(client, agency_link.token, instrument, 1).status_code == 302
    with django_assert_max_num_queries(3):
        assert answer_page(client, agency_link.token, instrument, 1, value="2").status_code == 302


def test_saving_an_answer_page_keeps_the_answers(client, agency_link, instrument):
    client.get(reverse("survey:start", args=[agency_link.token]))
    answer_about_you(client, agency_link.token)
    answer_page(client, agency_link.token, instrument, 1, value="2")
    answer_page(client, agency_link.token, instrument, 1, value="5")
    page = client.get(reverse("survey:questions", args=[agency_link.token, 1])).content.decode()
    assert page.count('value="5" checked') == len(instrument.items_for(instrument.items[0].factor))
