"""Macros render safely on a restricted context; CSAT ratings by page and by signed link."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from escalation.models import Macro, SatisfactionRating, TicketStatus
from escalation.services.csat import rating_submit, rating_token
from escalation.services.macros import macro_render
from escalation.services.tickets import ticket_set_status
from tests.factories import MacroFactory, make_ticket

pytestmark = pytest.mark.django_db


def test_macro_fills_placeholders(asker, agent):
    ticket = make_ticket(asker)
    macro = MacroFactory(
        body="Hi {{ requester.first_name }}, #{{ ticket.number }} — {{ agent.name }}"
    )
    text = macro_render(macro=macro, ticket=ticket, agent=agent)
    assert text == f"Hi Sam Asker, #{ticket.number} — Ava Agent"


def test_macro_uses_first_name_when_set(asker, agent):
    asker.first_name = "Sam"
    asker.save()
    ticket = make_ticket(asker)
    assert (
        macro_render(
            macro=MacroFactory(body="Hi {{ requester.first_name }}"), ticket=ticket, agent=agent
        )
        == "Hi Sam"
    )


def test_macro_cannot_reach_private_data(asker, agent):
    ticket = make_ticket(asker)
    body = "{{ requester.email }}{{ requester.password }}{{ ticket.requester.email }}{{ settings.SECRET_KEY }}"
    assert macro_render(macro=MacroFactory(body=body), ticket=ticket, agent=agent) == ""


@pytest.mark.parametrize(
    "body",
    ["{% load static %}", "{% include 'base.html' %}", "{{ requester.name|upper }}", "{% debug %}"],
)
def test_macro_tags_and_filters_refused(body):
    with pytest.raises(ValidationError):
        Macro(title="x", body=body).full_clean()


def test_macro_unknown_status_refused():
    with pytest.raises(ValidationError):
        Macro(title="x", body="ok", set_status="nope").full_clean()


def test_macro_prefills_reply_form_without_js(client, asker, agent):
    ticket = make_ticket(asker)
    macro = MacroFactory(body="Hello {{ requester.name }}", set_status="pending")
    client.force_login(agent)
    page = client.get(
        reverse("escalation:ticket", args=[ticket.number]) + f"?macro={macro.pk}"
    ).content.decode()
    assert "Hello Sam Asker" in page
    assert '<option value="pending" selected>' in page


def test_macro_preview_json(client, asker, agent):
    ticket = make_ticket(asker)
    macro = MacroFactory(body="Hi {{ requester.name }}", set_status="solved")
    client.force_login(agent)
    data = client.get(reverse("escalation:macro_preview", args=[ticket.number, macro.pk])).json()
    assert data == {"body": "Hi Sam Asker", "status": "solved"}


def test_rating_only_after_solve(asker, agent):
    ticket = make_ticket(asker)
    with pytest.raises(ValidationError):
        rating_submit(ticket=ticket, score="good")
    ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    rating = rating_submit(ticket=ticket, score="bad", comment="slow")
    assert (rating.score, rating.comment) == ("bad", "slow")
    rating_submit(ticket=ticket, score="good")
    assert SatisfactionRating.objects.get(ticket=ticket).score == "good"


def test_rating_link_records_on_one_click_then_comment_is_added(client, asker, agent):
    ticket = make_ticket(asker)
    ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    url = reverse("escalation:rate", args=[rating_token(ticket, "good")])
    page = client.get(url)
    assert page.status_code == 200
    assert SatisfactionRating.objects.get(ticket=ticket).score == "good"
    assert "your rating is recorded" in page.content.decode()
    response = client.post(url, {"score": "good", "comment": "Great"})
    assert response.status_code == 200
    assert SatisfactionRating.objects.get(ticket=ticket).comment == "Great"
    client.get(url)  # a repeated click keeps the comment
    assert SatisfactionRating.objects.get(ticket=ticket).comment == "Great"


def test_bad_link_click_changes_a_good_rating_without_comment(client, asker, agent):
    ticket = make_ticket(asker)
    ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    client.get(reverse("escalation:rate", args=[rating_token(ticket, "good")]))
    client.get(reverse("escalation:rate", args=[rating_token(ticket, "bad")]))
    assert SatisfactionRating.objects.get(ticket=ticket).score == "bad"


def test_rating_link_before_solve_records_nothing(client, asker):
    ticket = make_ticket(asker)
    response = client.get(reverse("escalation:rate", args=[rating_token(ticket, "good")]))
    assert response.status_code == 200
    assert not SatisfactionRating.objects.exists()


def test_forged_rating_link_is_404(client, asker):
    ticket = make_ticket(asker)
    token = rating_token(ticket, "good")
    assert client.get(reverse("escalation:rate", args=[token[:-2] + "xx"])).status_code == 404


def test_rating_on_ticket_page(client, asker, agent):
    ticket = make_ticket(asker)
    ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    client.force_login(asker)
    page = client.get(reverse("escalation:ticket", args=[ticket.number])).content.decode()
    assert "How did we do?" in page
    client.post(
        reverse("escalation:ticket_rate", args=[ticket.number]), {"score": "bad", "comment": "meh"}
    )
    assert SatisfactionRating.objects.get(ticket=ticket).score == "bad"


def test_cc_person_cannot_rate(client, asker, agent, member):
    from escalation.services.tickets import ticket_update

    ticket = make_ticket(asker)
    ticket_update(ticket=ticket, actor=agent, cc=[member])
    ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    client.force_login(member)
    assert (
        client.post(
            reverse("escalation:ticket_rate", args=[ticket.number]), {"score": "bad"}
        ).status_code
        == 404
    )


def test_macro_cannot_call_methods_on_context(asker, agent):
    ticket = make_ticket(asker)
    body = "{{ requester.clear }}{{ requester.items }}|{{ requester.name }}"
    assert macro_render(macro=MacroFactory(body=body), ticket=ticket, agent=agent) == "|Sam Asker"
    with pytest.raises(ValidationError):
        Macro(title="x", body="{{ ticket.__class__ }}").full_clean()
