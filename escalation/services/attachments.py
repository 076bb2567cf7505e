"""Validating and storing ticket attachments (size and type limits, random stored names)."""

from __future__ import annotations

import mimetypes
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from escalation.models import Attachment, TicketMessage

# What we serve files as: never the uploader's claimed type, so HTML or SVG cannot run.
SAFE_CONTENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "txt": "text/plain",
    "log": "text/plain",
    "csv": "text/csv",
    "zip": "application/zip",
}


def extension_of(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def attachments_validate(files: list[UploadedFile]) -> None:
    """Raise ValidationError when there are too many files, one is too big or of a refused type."""
    if len(files) > settings.SUPPORT_ATTACHMENT_MAX_FILES:
        raise ValidationError(
            _("Attach at most %(count)s files.") % {"count": settings.SUPPORT_ATTACHMENT_MAX_FILES}
        )
    allowed = {ext.lower() for ext in settings.SUPPORT_ATTACHMENT_EXTENSIONS}
    for upload in files:
        if upload.size > settings.SUPPORT_ATTACHMENT_MAX_BYTES:
            raise ValidationError(
                _("%(name)s is larger than %(size)s MB.")
                % {
                    "name": upload.name,
                    "size": settings.SUPPORT_ATTACHMENT_MAX_BYTES // (1024 * 1024),
                }
            )
        if extension_of(upload.name) not in allowed:
            raise ValidationError(
                _("%(name)s: this type of file is not accepted (allowed: %(types)s).")
                % {"name": upload.name, "types": ", ".join(sorted(allowed))}
            )


def served_content_type(attachment: Attachment) -> str:
    ext = extension_of(attachment.original_name)
    return SAFE_CONTENT_TYPES.get(ext) or "application/octet-stream"


def attachments_store(*, message: TicketMessage, files: list[UploadedFile]) -> list[Attachment]:
    """Save validated uploads under random names in private storage."""
    attachments_validate(files)
    stored = []
    for upload in files:
        name = os.path.basename(upload.name)[:200] or "file"
        attachment = Attachment(
            message=message,
            original_name=name,
            content_type=(upload.content_type or mimetypes.guess_type(name)[0] or "")[:100],
            size=upload.size,
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
        stored.append(attachment)
    return stored
