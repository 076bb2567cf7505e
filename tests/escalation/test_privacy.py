"""Every ticket URL: only the requester, CC'd people and agents/admins get in; everyone else 404."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from escalation.models import MessageKind
from escalation.services.tickets import ticket_reply, ticket_update
from tests.factories import MacroFactory, make_ticket

pytestmark = pytest.mark.django_db

OUTSIDERS = ["anonymous", "stranger", "member", "moderator", "editor"]
STAFF = ["agent", "admin_user"]


@pytest.fixture
def setup(asker, agent):
    ticket = make_ticket(
        asker,
        subject="Card ending 4242 declined",
        body="My card was declined",
        files=[SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 data", content_type="application/pdf")],
    )
    note = ticket_reply(
        ticket=ticket,
        author=agent,
        body="Internal: customer flagged for fraud check",
        kind=MessageKind.INTERNAL,
        files=[SimpleUploadedFile("fraud.txt", b"secret", content_type="text/plain")],
    )
    macro = MacroFactory()
    public_file = ticket.messages.first().attachments.get()
    internal_file = note.attachments.get()
    return {
        "ticket": ticket,
        "macro": macro,
        "public_file": public_file,
        "internal_file": internal_file,
    }


def _urls(setup):
    number = setup["ticket"].number
    return [
        ("get", reverse("escalation:ticket", args=[number]), {}),
        ("post", reverse("escalation:reply", args=[number]), {"body": "hello", "kind": "public"}),
        (
            "post",
            reverse("escalation:update", args=[number]),
            {"t-status": "open", "t-priority": "high", "t-type": "question"},
        ),
        ("post", reverse("escalation:ticket_rate", args=[number]), {"score": "good"}),
        ("get", reverse("escalation:publish", args=[number]), {}),
        ("get", reverse("escalation:macro_preview", args=[number, setup["macro"].pk]), {}),
        ("get", reverse("escalation:attachment", args=[number, setup["public_file"].pk]), {}),
        ("get", reverse("escalation:attachment", args=[number, setup["internal_file"].pk]), {}),
    ]


def _client_for(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_404_on_every_ticket_url(client, request, setup, who):
    client = _client_for(client, request, who)
    for method, url, data in _urls(setup):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (who, url)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_404_on_workspace(client, request, who):
    client = _client_for(client, request, who)
    assert client.get(reverse("escalation:queue")).status_code == 404
    assert client.get(reverse("escalation:staff_new")).status_code == 404
    assert client.post(reverse("escalation:bulk"), {}).status_code == 404
    assert client.post(reverse("escalation:availability"), {}).status_code == 404


def test_missing_ticket_is_404_for_agents_too(client, agent):
    client.force_login(agent)
    assert client.get(reverse("escalation:ticket", args=[999999])).status_code == 404


@pytest.mark.parametrize("who", STAFF)
def test_staff_reach_every_ticket_url(client, request, setup, who):
    client = _client_for(client, request, who)
    expected = {
        "ticket": 200,
        "reply": 302,
        "update": 302,
        "ticket_rate": 404,  # only the requester rates
        "publish": 404,  # no source thread on this ticket
        "macro_preview": 200,
        "attachment": 200,
    }
    for method, url, data in _urls(setup):
        name = next(key for key in expected if f"/{key.split('_')[0]}" in url or key == "ticket")
        response = getattr(client, method)(url, data)
        if "/files/" in url:
            assert response.status_code == 200, url
        elif "/macros/" in url:
            assert response.status_code == 200
        elif url.endswith("/publish/") or url.endswith("/rate/"):
            assert response.status_code == 404, url
        elif method == "post":
            assert response.status_code == 302, url
        else:
            assert response.status_code == expected[name], url


def test_requester_sees_public_timeline_only(client, asker, setup):
    client.force_login(asker)
    ticket = setup["ticket"]
    page = client.get(reverse("escalation:ticket", args=[ticket.number])).content.decode()
    assert "My card was declined" in page
    assert "fraud check" not in page
    assert "fraud.txt" not in page
    assert "receipt.pdf" in page


def test_requester_file_access(client, asker, setup):
    client.force_login(asker)
    number = setup["ticket"].number
    ok = client.get(reverse("escalation:attachment", args=[number, setup["public_file"].pk]))
    assert ok.status_code == 200
    assert ok["Content-Disposition"].startswith("attachment")
    assert ok["X-Content-Type-Options"] == "nosniff"
    assert b"".join(ok.streaming_content) == b"%PDF-1.4 data"
    internal = client.get(
        reverse("escalation:attachment", args=[number, setup["internal_file"].pk])
    )
    assert internal.status_code == 404


def test_requester_cannot_use_agent_urls(client, asker, setup):
    client.force_login(asker)
    number = setup["ticket"].number
    assert (
        client.post(reverse("escalation:update", args=[number]), {"t-status": "solved"}).status_code
        == 404
    )
    assert (
        client.get(
            reverse("escalation:macro_preview", args=[number, setup["macro"].pk])
        ).status_code
        == 404
    )
    assert client.get(reverse("escalation:publish", args=[number])).status_code == 404


def test_requester_cannot_post_internal_note(client, asker, setup):
    client.force_login(asker)
    ticket = setup["ticket"]
    client.post(
        reverse("escalation:reply", args=[ticket.number]), {"body": "sneaky", "kind": "internal"}
    )
    assert not ticket.messages.filter(kind=MessageKind.INTERNAL, author=asker).exists()


def test_cc_person_can_see_ticket(client, agent, member, setup):
    ticket = setup["ticket"]
    ticket_update(ticket=ticket, actor=agent, cc=[member])
    client.force_login(member)
    assert client.get(reverse("escalation:ticket", args=[ticket.number])).status_code == 200
    response = client.get(
        reverse("escalation:attachment", args=[ticket.number, setup["public_file"].pk])
    )
    assert response.status_code == 200


def test_attachment_of_other_ticket_not_reachable_via_own_ticket(client, stranger, setup):
    own = make_ticket(stranger)
    client.force_login(stranger)
    url = reverse("escalation:attachment", args=[own.number, setup["public_file"].pk])
    assert client.get(url).status_code == 404


def test_attachments_stored_privately_with_random_names(settings, setup):
    attachment = setup["public_file"]
    path = attachment.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert "receipt" not in path
    assert attachment.original_name == "receipt.pdf"
