"""Email into the desk: replies threaded onto their ticket, new requests, and a record of each.

``email_ingest(raw=...)`` is what the mail pipe (``manage.py ingest_email``) calls for every
message. The raw bytes are saved in an ``InboundEmail`` row *before* anything else, so an email
that is refused (a reply from an unknown sender, a forged reply address, an automatic reply) or
that crashes the parser is never lost: staff find it under Support desk → Inbound email with
the reason. Someone without an account who writes to the desk gets one (see ``_sender``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from community.models import User
from community.services import member_for_email
from escalation.inbound_mail import ParsedAttachment, ParsedEmail, clean_subject, parse_email
from escalation.models import (
    Channel,
    InboundEmail,
    InboundStatus,
    MessageKind,
    MessageVia,
    Ticket,
    TicketMessage,
    TicketStatus,
)
from escalation.permissions import can_see_ticket
from escalation.services.attachments import attachments_validate
from escalation.services.emails import REPLY_LOCAL_PART, ticket_number_from_reply_address
from escalation.services.tickets import ticket_create, ticket_reply

logger = logging.getLogger(__name__)

MAX_BODY = 20000


class InboundRefused(Exception):
    """The email cannot go onto a ticket; the message says why (kept on the record)."""


def ticket_reply_from_email(
    *, to_address: str, sender: User, body: str, files=None
) -> TicketMessage:
    """Add an emailed reply to the ticket its verified reply address names.

    Refused (ValidationError) when the token is forged or the sender may not see the ticket.
    Email replies are always public: an agent writes internal notes in the workspace.
    """
    number = ticket_number_from_reply_address(to_address)
    ticket = Ticket.objects.filter(number=number).first() if number else None
    if ticket is None or not can_see_ticket(sender, ticket):
        raise ValidationError(_("This reply address does not belong to a ticket you can reply to."))
    return ticket_reply(ticket=ticket, author=sender, body=body, files=files, via=MessageVia.EMAIL)


def desk_addresses() -> set[str]:
    """Addresses that open a new ticket (``support@SUPPORT_REPLY_DOMAIN`` and any configured)."""
    configured = getattr(settings, "SUPPORT_INBOUND_ADDRESSES", []) or []
    default = f"{REPLY_LOCAL_PART}@{settings.SUPPORT_REPLY_DOMAIN}"
    return {address.strip().lower() for address in [default, *configured] if address.strip()}


def _record(raw: bytes) -> InboundEmail:
    limit = getattr(settings, "SUPPORT_INBOUND_MAX_BYTES", 30 * 1024 * 1024)
    # A message over the limit keeps its first bytes (headers and the start of the text).
    return InboundEmail.objects.create(raw=raw[:limit], size=len(raw))


def _split_files(
    attachments: list[ParsedAttachment],
) -> tuple[list[SimpleUploadedFile], list[str]]:
    """Files within the desk's limits, and a line for each one refused."""
    accepted: list[SimpleUploadedFile] = []
    refused: list[str] = []
    for item in attachments:
        upload = SimpleUploadedFile(item.name[:200], item.data, content_type=item.content_type)
        try:
            attachments_validate([*accepted, upload])
        except ValidationError as error:
            refused.append(" ".join(error.messages))
        else:
            accepted.append(upload)
    return accepted, refused


def _sender(parsed: ParsedEmail, *, new_request: bool) -> User:
    """The member who wrote; someone without an account gets one when they open a request."""
    if parsed.is_automatic:
        raise InboundRefused(
            _("Automatic reply or mailing-list message (not added, to avoid loops).")
        )
    if not parsed.sender:
        raise InboundRefused(_("The email has no sender address."))
    person = User.objects.filter(email__iexact=parsed.sender).order_by("-is_active", "pk").first()
    if person is None and new_request and settings.SUPPORT_INBOUND_NEW_REQUESTERS:
        return member_for_email(email=parsed.sender, name=parsed.sender_name)
    if person is None or not person.is_active:
        raise InboundRefused(
            _("No active member has the address %(address)s.") % {"address": parsed.sender}
        )
    return person


def _target_ticket(parsed: ParsedEmail) -> Ticket | None:
    """The ticket named by a verified reply address among the recipients (forged ones refused)."""
    for address in parsed.recipients:
        if not address.startswith(f"{REPLY_LOCAL_PART}+t"):
            continue
        number = ticket_number_from_reply_address(address)
        if number is None:
            raise InboundRefused(_("The reply address %(a)s is not valid.") % {"a": address})
        ticket = Ticket.objects.select_related("requester").filter(number=number).first()
        if ticket is None:
            raise InboundRefused(_("Ticket #%(n)s does not exist.") % {"n": number})
        return ticket
    return None


def _body(parsed: ParsedEmail, refused: list[str]) -> str:
    text = parsed.text[:MAX_BODY]
    if not text.strip() and not refused:
        return ""
    return text or _("(no text)")


def _note_refused_files(ticket: Ticket, refused: list[str]) -> None:
    if refused:
        TicketMessage.objects.create(
            ticket=ticket,
            kind=MessageKind.INTERNAL,
            via=MessageVia.SYSTEM,
            author=None,
            body=_("Attachments of an email that were not accepted:")
            + "\n\n"
            + "\n".join(f"- {line}" for line in refused),
        )


@transaction.atomic
def _apply(record: InboundEmail, parsed: ParsedEmail) -> InboundEmail:
    ticket = _target_ticket(parsed)
    to_desk = bool(set(parsed.recipients) & desk_addresses())
    sender = _sender(parsed, new_request=ticket is None and to_desk)
    files, refused = _split_files(parsed.attachments)
    body = _body(parsed, refused)
    if not body and not files:
        raise InboundRefused(_("The email is empty."))
    if ticket is not None:
        if not can_see_ticket(sender, ticket):
            raise InboundRefused(
                _("%(address)s may not reply to ticket #%(n)s.")
                % {"address": parsed.sender, "n": ticket.number}
            )
        if ticket.status == TicketStatus.CLOSED:
            return _follow_up(record, parsed, sender, ticket, body, files, refused)
        message = ticket_reply(
            ticket=ticket,
            author=sender,
            body=body or _("(attachments)"),
            files=files,
            via=MessageVia.EMAIL,
        )
        _note_refused_files(ticket, refused)
        return _done(record, InboundStatus.ADDED, ticket, message, refused)
    if not to_desk:
        raise InboundRefused(_("The email is not addressed to the support desk."))
    new = ticket_create(
        requester=sender,
        subject=clean_subject(parsed.subject) or _("(no subject)"),
        body=body or _("(attachments)"),
        channel=Channel.EMAIL,
        files=files,
    )
    _mark_first_message_email(new)
    _note_refused_files(new, refused)
    return _done(record, InboundStatus.CREATED, new, new.messages.first(), refused)


def _follow_up(record, parsed, sender, closed: Ticket, body, files, refused) -> InboundEmail:
    """A reply to a closed ticket opens a follow-up ticket (closed is final)."""
    new = ticket_create(
        requester=sender,
        subject=clean_subject(parsed.subject) or closed.subject,
        body=_("Follow-up to request #%(n)s.") % {"n": closed.number} + "\n\n" + body,
        channel=Channel.EMAIL,
        files=files,
        tags=["follow-up"],
    )
    _mark_first_message_email(new)
    _note_refused_files(new, refused)
    return _done(record, InboundStatus.CREATED, new, new.messages.first(), refused)


def _mark_first_message_email(ticket: Ticket) -> None:
    TicketMessage.objects.filter(ticket=ticket, kind=MessageKind.PUBLIC).update(
        via=MessageVia.EMAIL
    )


def _done(record, status, ticket, message, refused) -> InboundEmail:
    record.status = status
    record.ticket = ticket
    record.ticket_message = message
    record.reason = "\n".join(refused)
    record.save(update_fields=["status", "ticket", "ticket_message", "reason"])
    return record


def _describe(record: InboundEmail, parsed: ParsedEmail) -> None:
    record.message_id = parsed.message_id
    record.from_address = parsed.sender[:320]
    record.to_addresses = parsed.recipients[:50]
    record.subject = parsed.subject[:300]
    record.body_text = parsed.full_text[:100_000]
    record.save(
        update_fields=["message_id", "from_address", "to_addresses", "subject", "body_text"]
    )


def _refuse(record: InboundEmail, reason: str) -> InboundEmail:
    record.status = InboundStatus.REJECTED
    record.reason = reason[:5000]
    record.save(update_fields=["status", "reason"])
    return record


def already_ingested(message_id: str) -> InboundEmail | None:
    """The record of an earlier delivery of the same message that reached a ticket."""
    if not message_id:
        return None
    return (
        InboundEmail.objects.filter(
            message_id=message_id, status__in=[InboundStatus.ADDED, InboundStatus.CREATED]
        )
        .order_by("pk")
        .first()
    )


def email_ingest(*, raw: bytes) -> InboundEmail:
    """Record one raw email, then thread it onto its ticket or open a ticket; never raises.

    A second delivery of a message already on a ticket (same Message-ID) changes nothing and
    returns the first record.
    """
    record = _record(raw)
    try:
        parsed = parse_email(raw)
        with transaction.atomic():  # a database error here must not abort the caller's transaction
            _describe(record, parsed)
        earlier = already_ingested(parsed.message_id)
        if earlier is not None and earlier.pk != record.pk:
            record.delete()
            return earlier
        return _apply(record, parsed)
    except InboundRefused as refusal:
        return _refuse(record, str(refusal))
    except ValidationError as error:
        return _refuse(record, " ".join(error.messages))
    except Exception as error:  # a crash must leave the email on record
        logger.exception("inbound email %s could not be processed", record.pk)
        return _refuse(record, _("Processing failed: %(e)s") % {"e": repr(error)[:500]})
