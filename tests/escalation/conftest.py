"""Fixtures of the support desk tests: a ticket of ``asker``, a second agent, forum threads."""

from __future__ import annotations

import pytest

from community.roles import Role
from tests.factories import make_ticket, make_user


@pytest.fixture
def agent2(db):
    return make_user("agent2", Role.AGENT, display_name="Noah Support")


@pytest.fixture
def ticket(asker):
    return make_ticket(asker, subject="Refund for order 1234", body="I was charged twice.")


@pytest.fixture
def mail_outbox(mailoutbox):
    """The Django test outbox (emails are sent after commit: use django_capture_on_commit_callbacks)."""
    return mailoutbox
