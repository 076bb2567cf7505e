"""KB fixtures: a small tree (KB home → Billing → articles) and the viewer personas."""

from __future__ import annotations

import pytest

from tests.factories import make_article, make_category, make_kb_home


@pytest.fixture
def kb_home(db):
    return make_kb_home()


@pytest.fixture
def billing(kb_home):
    return make_category(kb_home, "Billing", description="Plans and invoices", icon="card")


@pytest.fixture
def public_article(billing):
    return make_article(billing, "Download your invoices", tags=["invoices", "billing"])


@pytest.fixture
def staff_article(billing):
    return make_article(
        billing, "Refund approval limits", audience="staff", tags=["invoices", "internal"]
    )


@pytest.fixture(params=["anonymous", "member", "agent", "editor"])
def viewer(request, db):
    """(name, user or None) for each kind of viewer the staff-only rules must hold for."""
    name = request.param
    if name == "anonymous":
        return name, None
    return name, request.getfixturevalue(name)


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


STAFF_VIEWERS = {"agent", "editor"}
