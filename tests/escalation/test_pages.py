"""Customer pages: landing, contact form, home section; back-office screens; demo content."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from escalation.models import Channel, Ticket
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def test_contact_form_anonymous_gets_sign_in_prompt(client):
    response = client.get(reverse("escalation:new") + "?subject=Refund")
    assert response.status_code == 200
    assert "/accounts/login/?next=" in response.content.decode()
    assert client.post(reverse("escalation:new"), {"subject": "x", "body": "y"}).status_code == 200
    assert not Ticket.objects.exists()


def test_contact_form_prefills_subject_and_creates_ticket(client, asker):
    client.force_login(asker)
    page = client.get(reverse("escalation:new") + "?subject=Refund%20for%20order")
    assert 'value="Refund for order"' in page.content.decode()
    response = client.post(
        reverse("escalation:new"),
        {
            "subject": "Refund",
            "body": "Charged twice",
            "files": SimpleUploadedFile("shot.png", b"\x89PNG"),
        },
    )
    ticket = Ticket.objects.get()
    assert response["Location"] == ticket.get_absolute_url()
    assert (ticket.requester, ticket.channel) == (asker, Channel.CONTACT_FORM)
    assert ticket.messages.get().attachments.get().original_name == "shot.png"


def test_contact_form_suggests_similar_answers_while_typing(client, asker):
    client.force_login(asker)
    html = client.get(reverse("escalation:new")).content.decode()
    assert "data-similar-box" in html
    assert 'data-title-input="#id_subject"' in html
    assert 'data-source="contact"' in html
    assert 'id="id_subject"' in html


def test_contact_form_refuses_bad_attachments(client, asker, settings):
    settings.SUPPORT_ATTACHMENT_MAX_BYTES = 10
    client.force_login(asker)
    too_big = client.post(
        reverse("escalation:new"),
        {"subject": "s", "body": "b", "files": SimpleUploadedFile("a.txt", b"x" * 11)},
    )
    assert too_big.status_code == 200
    bad_type = client.post(
        reverse("escalation:new"),
        {"subject": "s", "body": "b", "files": SimpleUploadedFile("evil.html", b"<x>")},
    )
    assert bad_type.status_code == 200
    assert not Ticket.objects.exists()


def test_korean_and_thai_subjects(client, asker):
    client.force_login(asker)
    client.post(
        reverse("escalation:new"), {"subject": "결제 오류 ชำระเงินไม่ได้", "body": "도와주세요"}
    )
    ticket = Ticket.objects.get()
    page = client.get(ticket.get_absolute_url()).content.decode()
    assert "결제 오류 ชำระเงินไม่ได้" in page


def test_landing_lists_my_tickets_only(client, asker, stranger):
    mine = make_ticket(asker, subject="Mine")
    make_ticket(stranger, subject="Not mine")
    client.force_login(asker)
    page = client.get(reverse("escalation:index")).content.decode()
    assert f"#{mine.number}" in page
    assert "Not mine" not in page


def test_landing_for_anonymous(client):
    response = client.get(reverse("escalation:index"))
    assert response.status_code == 200
    assert reverse("escalation:new") in response.content.decode()


def test_customer_reply_view(client, asker):
    ticket = make_ticket(asker)
    client.force_login(asker)
    client.post(reverse("escalation:reply", args=[ticket.number]), {"body": "More details"})
    assert ticket.messages.filter(body="More details", author=asker).exists()


def test_user_text_is_sanitised(client, asker):
    ticket = make_ticket(asker, body="<script>alert(1)</script> **bold**")
    client.force_login(asker)
    page = client.get(ticket.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "<strong>bold</strong>" in page


def test_home_context(asker, agent):
    from django.contrib.auth.models import AnonymousUser

    from escalation.selectors import home_context

    ticket = make_ticket(asker)
    assert home_context(AnonymousUser()) == {"support_signed_in": False}
    assert home_context(asker)["support_my_tickets"] == [ticket]
    assert home_context(agent)["support_agent_open"] == 0


def test_home_section_template(asker):
    from django.template.loader import render_to_string

    from escalation.selectors import home_context

    ticket = make_ticket(asker, subject="Shown on home")
    html = render_to_string("escalation/_home_section.html", home_context(asker))
    assert f"#{ticket.number} Shown on home" in html


# --- back office ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name",
    [
        "support_groups:index",
        "sla_policies:index",
        "business_hours:index",
        "macros:index",
        "escalation_settings:index",
        "sla_policies:add",
        "category_escalation:index",
        "inbound_emails:index",
    ],
)
def test_admin_can_open_back_office_screens(client, admin_user, url_name):
    client.force_login(admin_user)
    assert client.get(reverse(url_name)).status_code == 200


def test_agent_manages_macros_but_not_sla(client, agent):
    client.force_login(agent)
    assert client.get(reverse("macros:index")).status_code == 200
    assert client.get(reverse("sla_policies:index")).status_code in {302, 403}


def test_inbound_email_record_is_read_only_and_for_agents_only(client, agent, moderator, editor):
    client.force_login(agent)
    assert client.get(reverse("inbound_emails:index")).status_code == 200
    assert client.get(reverse("inbound_emails:add")).status_code in {302, 403}
    for outsider in (moderator, editor):
        client.force_login(outsider)
        assert client.get(reverse("inbound_emails:index")).status_code in {302, 403}


def test_admin_creates_business_hours_with_validation(client, admin_user):
    from escalation.models import BusinessHours

    client.force_login(admin_user)
    bad = client.post(
        reverse("business_hours:add"),
        {
            "name": "Bad",
            "timezone": "Mars/Base",
            "working_days": "[0,1]",
            "start_time": "09:00",
            "end_time": "17:00",
        },
    )
    assert bad.status_code == 200
    client.post(
        reverse("business_hours:add"),
        {
            "name": "Seoul office",
            "timezone": "Asia/Seoul",
            "working_days": "[0,1,2,3,4]",
            "start_time": "09:00",
            "end_time": "18:00",
        },
    )
    assert BusinessHours.objects.get().name == "Seoul office"


def test_admin_macro_with_template_tag_refused(client, admin_user):
    from escalation.models import Macro

    client.force_login(admin_user)
    client.post(reverse("macros:add"), {"title": "Bad", "body": "{% debug %}", "position": 0})
    assert not Macro.objects.exists()


def test_admin_edits_a_categorys_escalation_hours_but_cannot_add_categories(client, admin_user):
    from forum.models import Category
    from tests.factories import CategoryFactory

    category = CategoryFactory(name="결제", escalation_enabled=False)
    client.force_login(admin_user)
    listing = client.get(reverse("category_escalation:index")).content.decode()
    assert "결제" in listing
    response = client.post(
        reverse("category_escalation:edit", args=[category.pk]),
        {
            "escalation_enabled": "on",
            "escalate_unanswered_after_hours": "6",
            "escalate_unaccepted_after_hours": "48",
        },
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.escalation_enabled
    assert (category.escalate_unanswered_after_hours, category.escalate_unaccepted_after_hours) == (
        6,
        48,
    )
    assert category.name == "결제"  # the forum's own fields are not on this form
    assert client.get(reverse("category_escalation:add")).status_code in {302, 403}
    assert client.post(reverse("category_escalation:delete", args=[category.pk])).status_code in {
        302,
        403,
    }
    assert Category.objects.filter(pk=category.pk).exists()


def test_escalation_settings_is_a_single_row(client, admin_user):
    from escalation.models import EscalationSettings

    client.force_login(admin_user)
    data = {"asker_min_wait_hours": "12", "auto_close_solved_days": "7", "sweep_enabled": "on"}
    assert client.post(reverse("escalation_settings:add"), data).status_code == 302
    assert client.get(reverse("escalation_settings:add")).status_code in {302, 403}
    from escalation.config import desk_config

    assert desk_config().asker_min_wait_hours == 12
    assert EscalationSettings.objects.count() == 1


# --- demo ----------------------------------------------------------------------------------


def test_demo_seed_is_idempotent():
    from community.demo import seed_all
    from escalation.models import Macro, SlaPolicy, SupportGroup, TicketStatus

    seed_all(lambda n: None)
    first = Ticket.objects.count()
    seed_all(lambda n: None)
    assert Ticket.objects.count() == first
    assert set(Ticket.objects.values_list("status", flat=True)) == set(TicketStatus.values)
    assert SupportGroup.objects.count() == 2
    assert Macro.objects.exists() and SlaPolicy.objects.count() == 4


def test_flash_messages_and_timeline_do_not_collide(client, asker):
    ticket = make_ticket(asker, body="First message body")
    client.force_login(asker)
    response = client.post(
        reverse("escalation:reply", args=[ticket.number]), {"body": "Second"}, follow=True
    )
    page = response.content.decode()
    assert "Your message was added." in page
    assert page.count("First message body") == 1


def test_queue_filters_do_not_leak_into_site_search_box(client, agent):
    client.force_login(agent)
    page = client.get(reverse("escalation:queue") + "?queue=all").content.decode()
    assert "QueueQuery" not in page
