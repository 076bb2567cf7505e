"""Email replies land on the ticket named by a verified reply address, from allowed senders only."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from escalation.models import (
    Channel,
    InboundEmail,
    InboundStatus,
    MessageKind,
    MessageVia,
    TicketStatus,
)
from escalation.services.assignment import ticket_assign
from escalation.services.emails import reply_address
from escalation.services.inbound import email_ingest, ticket_reply_from_email
from escalation.services.tickets import ticket_reply, ticket_set_status
from tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def test_requester_email_reply_reopens_solved_ticket(asker, agent):
    ticket = make_ticket(asker)
    ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    message = ticket_reply_from_email(
        to_address=reply_address(ticket), sender=asker, body="Not fixed"
    )
    ticket.refresh_from_db()
    assert message.via == MessageVia.EMAIL
    assert ticket.status == TicketStatus.OPEN


def test_stranger_or_forged_address_refused(asker, stranger):
    ticket = make_ticket(asker)
    with pytest.raises(ValidationError):
        ticket_reply_from_email(to_address=reply_address(ticket), sender=stranger, body="hi")
    forged = reply_address(ticket).replace(f"t{ticket.number}-", f"t{ticket.number}-0")
    with pytest.raises(ValidationError):
        ticket_reply_from_email(to_address=forged, sender=asker, body="hi")


# --- raw RFC 822 emails through email_ingest and the ingest_email command --------------------

EMAILS = Path(__file__).parent / "emails"


def raw_email(name: str, *, ticket=None, sender: str = "", to: str = "") -> bytes:
    """A stored .eml file with its placeholders (reply address, sender) filled in."""
    raw = (EMAILS / name).read_bytes()
    if ticket is not None:
        raw = raw.replace(b"REPLY_ADDRESS", (to or reply_address(ticket)).encode())
        raw = raw.replace(b"NUMBER", str(ticket.number).encode())
    return raw.replace(b"SENDER", sender.encode())


def test_korean_quoted_printable_reply_is_threaded_without_the_quoted_history(
    asker, agent, mailoutbox, django_capture_on_commit_callbacks
):
    ticket = make_ticket(asker, subject="환불이 두 번 청구되었어요")
    ticket_assign(ticket=ticket, assignee=agent, actor=agent)
    ticket_reply(ticket=ticket, author=agent, body="주문 번호를 알려 주시겠어요?")
    with django_capture_on_commit_callbacks(execute=True):
        record = email_ingest(
            raw=raw_email("korean_reply_qp.eml", ticket=ticket, sender=asker.email)
        )
    assert record.status == InboundStatus.ADDED
    assert record.subject == "Re: [#1001] 새 답변: 환불이 두 번 청구되었어요"
    message = ticket.messages.last()
    assert record.ticket_message == message
    assert message.author == asker and message.via == MessageVia.EMAIL
    assert message.body.startswith("주문 번호는 ORD-5521 입니다.")
    assert "카드 명세서를 확인해 주세요." in message.body
    assert "안녕하세요" not in message.body and "님이 작성" not in message.body
    # The assignee hears that the customer wrote back.
    assert any(agent.email in m.to for m in mailoutbox)


def test_thai_html_only_reply_becomes_text_and_reopens_a_solved_ticket(asker, agent):
    ticket = make_ticket(asker, subject="เข้าสู่ระบบไม่ได้")
    ticket_set_status(ticket=ticket, status=TicketStatus.SOLVED, actor=agent)
    record = email_ingest(raw=raw_email("thai_html_only.eml", ticket=ticket, sender=asker.email))
    assert record.status == InboundStatus.ADDED, record.reason
    body = ticket.messages.last().body
    assert "ลองรีเซ็ตรหัสผ่านแล้ว แต่ยังเข้าสู่ระบบไม่ได้ค่ะ" in body
    assert "Android" in body and "<b>" not in body and "margin" not in body
    assert "กรุณาลองรีเซ็ต" not in body  # the quoted agent text
    assert record.subject == "Re: [#1001] เข้าสู่ระบบไม่ได้"  # TIS-620 encoded word
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.OPEN


def test_email_attachments_are_stored_and_refused_types_noted(client, asker, agent, settings):
    ticket = make_ticket(asker)
    record = email_ingest(raw=raw_email("attachments.eml", ticket=ticket, sender=asker.email))
    assert record.status == InboundStatus.ADDED
    message = record.ticket_message
    assert message.body.endswith("attached too.")  # the "-- " signature is cut
    (pdf,) = message.attachments.all()
    assert pdf.original_name == "영수증.pdf"
    assert "영수증" not in pdf.file.name and pdf.file.path.startswith(
        str(settings.PRIVATE_MEDIA_ROOT)
    )
    assert "setup.exe" in record.reason
    note = ticket.messages.get(kind=MessageKind.INTERNAL)
    assert "setup.exe" in note.body
    client.force_login(asker)
    response = client.get(reverse("escalation:attachment", args=[ticket.number, pdf.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    page = client.get(ticket.get_absolute_url()).content.decode()
    assert "영수증.pdf" in page and "setup.exe" not in page  # the note is internal


def test_new_email_to_the_desk_opens_a_ticket(
    asker, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = email_ingest(raw=raw_email("new_request_thai.eml", sender=asker.email.upper()))
    assert record.status == InboundStatus.CREATED
    ticket = record.ticket
    assert ticket.channel == Channel.EMAIL and ticket.requester == asker
    assert ticket.subject == "ไม่ได้รับอีเมลยืนยันคำสั่งซื้อ"
    first = ticket.messages.get()
    assert "หมายเลขคำสั่งซื้อ 88231" in first.body and first.via == MessageVia.EMAIL
    sent = [m for m in mailoutbox if asker.email in m.to]
    assert (
        sent
        and sent[0].extra_headers["Message-ID"] == f"<ticket-{ticket.number}@support.localhost>"
    )


def test_reply_to_a_closed_ticket_opens_a_follow_up(asker, agent):
    ticket = make_ticket(asker)
    ticket_set_status(ticket=ticket, status=TicketStatus.CLOSED, actor=agent)
    record = email_ingest(raw=raw_email("thai_html_only.eml", ticket=ticket, sender=asker.email))
    assert record.status == InboundStatus.CREATED
    assert record.ticket != ticket
    assert f"#{ticket.number}" in record.ticket.messages.first().body
    assert ticket.messages.count() == 1


def test_new_request_from_someone_without_an_account_opens_a_ticket_for_them(
    mailoutbox, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    from community.models import User

    raw = raw_email("new_request_thai.eml", sender="Somsri.New@Example.co.th")
    with django_capture_on_commit_callbacks(execute=True):
        record = email_ingest(raw=raw)
    assert record.status == InboundStatus.CREATED, record.reason
    person = record.ticket.requester
    assert person.email == "somsri.new@example.co.th"
    assert person.display_name == "สมชาย"  # the From header's name, never the address
    assert not person.has_usable_password()
    assert EmailAddress.objects.get(user=person).verified is False
    assert record.ticket.channel == Channel.EMAIL
    assert any("somsri.new@example.co.th" in m.to for m in mailoutbox)
    again = email_ingest(raw=raw.replace(b"new-request-th@", b"second-request-th@"))
    assert again.ticket.requester == person
    assert User.objects.filter(email__iexact="somsri.new@example.co.th").count() == 1


def test_new_requesters_by_email_can_be_switched_off(settings):
    settings.SUPPORT_INBOUND_NEW_REQUESTERS = False
    record = email_ingest(raw=raw_email("new_request_thai.eml", sender="new@example.co.th"))
    assert record.status == InboundStatus.REJECTED
    assert "No active member" in record.reason


def test_a_suspended_account_does_not_get_a_new_one_by_email(asker):
    asker.is_active = False
    asker.save(update_fields=["is_active"])
    record = email_ingest(raw=raw_email("new_request_thai.eml", sender=asker.email))
    assert record.status == InboundStatus.REJECTED
    assert "No active member" in record.reason


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("unknown", "No active member"),
        ("stranger", "may not reply"),
        ("forged", "not valid"),
        ("auto", "Automatic reply"),
        ("nowhere", "not addressed to the support desk"),
        ("garbage", "no sender"),
    ],
)
def test_refused_emails_are_recorded_with_their_reason(asker, stranger, case, reason):
    ticket = make_ticket(asker)
    if case == "unknown":
        raw = raw_email("korean_reply_qp.eml", ticket=ticket, sender="nobody@example.net")
    elif case == "stranger":
        raw = raw_email("korean_reply_qp.eml", ticket=ticket, sender=stranger.email)
    elif case == "forged":
        forged = reply_address(ticket).replace(f"t{ticket.number}-", f"t{ticket.number}-0")
        raw = raw_email("korean_reply_qp.eml", ticket=ticket, sender=asker.email, to=forged)
    elif case == "auto":
        raw = raw_email("auto_reply.eml", ticket=ticket, sender=asker.email)
    elif case == "nowhere":
        raw = raw_email("new_request_thai.eml", sender=asker.email).replace(
            b"support@support.localhost", b"sales@example.com"
        )
    else:
        raw = b"\x00\xff not an email at all \r\n\r\n\x80"
    record = email_ingest(raw=raw)
    assert record.status == InboundStatus.REJECTED
    assert reason in record.reason
    assert bytes(InboundEmail.objects.get(pk=record.pk).raw) == raw  # nothing is lost
    assert ticket.messages.count() == 1


def test_the_same_email_delivered_twice_is_added_once(asker):
    ticket = make_ticket(asker)
    raw = raw_email("korean_reply_qp.eml", ticket=ticket, sender=asker.email)
    first = email_ingest(raw=raw)
    again = email_ingest(raw=raw)
    assert again.pk == first.pk
    assert ticket.messages.count() == 2
    assert InboundEmail.objects.count() == 1


def test_ingest_email_command_reads_files_and_folders(asker, tmp_path):
    ticket = make_ticket(asker)
    (tmp_path / "1.eml").write_bytes(
        raw_email("korean_reply_qp.eml", ticket=ticket, sender=asker.email)
    )
    (tmp_path / "2.eml").write_bytes(raw_email("new_request_thai.eml", sender=asker.email))
    (tmp_path / "3.eml").write_bytes(raw_email("auto_reply.eml", ticket=ticket, sender=asker.email))
    out, err = StringIO(), StringIO()
    call_command("ingest_email", str(tmp_path), "--delete", stdout=out, stderr=err)
    assert "3 emails: 1 added to tickets, 1 new tickets, 1 rejected." in out.getvalue()
    assert "3.eml" in err.getvalue()
    assert not list(tmp_path.iterdir())
    assert InboundEmail.objects.count() == 3


def test_inbound_emails_listed_in_the_back_office_for_agents_only(client, asker, agent, member):
    ticket = make_ticket(asker)
    email_ingest(raw=raw_email("korean_reply_qp.eml", ticket=ticket, sender="nobody@example.net"))
    url = reverse("inbound_emails:index")
    client.force_login(agent)
    page = client.get(url)
    assert page.status_code == 200
    assert "nobody@example.net" in page.content.decode()
    record = InboundEmail.objects.get()
    detail = client.get(reverse("inbound_emails:inspect", args=[record.pk]))
    assert detail.status_code == 200 and "No active member" in detail.content.decode()
    client.force_login(member)
    assert client.get(url).status_code in {302, 403, 404}


def test_nul_bytes_in_an_email_are_dropped_from_its_text(asker):
    ticket = make_ticket(asker)
    raw = raw_email("attachments.eml", ticket=ticket, sender=asker.email)
    raw = raw.replace(b"Subject: Re:", b"Subject: Re:\x00")
    record = email_ingest(raw=raw)
    assert record.status == InboundStatus.ADDED, record.reason
    assert "\x00" not in InboundEmail.objects.get(pk=record.pk).subject
