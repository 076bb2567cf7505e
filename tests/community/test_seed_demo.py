"""``seed_demo`` creates users in every role and the page tree, and is idempotent."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page, Site

from community.models import HomePage, User
from community.roles import Role


def table_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("sessions.", "django_tasks_db."))
    }


def test_seed_demo_creates_roles_home_and_prints_logins(db):
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "Demo content ready" in text
    assert "agent@example.com" in text
    for role in (Role.ADMIN, Role.MODERATOR, Role.AGENT, Role.KB_EDITOR, Role.TRUSTED):
        assert User.objects.filter(groups__name=role).exists(), role
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)


def test_seed_demo_twice_gives_the_same_database(db):
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    first = table_counts()
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO())
    assert table_counts() == first
    assert Page.objects.filter(slug="home").count() == 1


def test_demo_users_can_log_in(client, db):
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    response = client.post(
        "/accounts/login/", {"login": "agent@example.com", "password": "community-demo"}
    )
    assert response.status_code == 302
    assert client.get("/members/settings/").status_code == 200


def test_seed_demo_points_the_wagtail_site_at_site_url(db, settings):
    settings.SITE_URL = "https://help.example.com"
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("help.example.com", 443)
    assert site.root_url == "https://help.example.com"
    settings.SITE_URL = "http://127.0.0.1:8765"
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("127.0.0.1", 8765)
    assert Site.objects.count() == 1


def test_sitemap_of_the_demo_uses_the_site_url_host(client, db, settings):
    settings.SITE_URL = "https://help.example.com"
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://help.example.com/kb/" in xml
    assert "http://localhost" not in xml


@pytest.mark.django_db(transaction=True)
def test_seed_demo_sends_no_demo_email_but_records_it(settings):
    from django.core import mail

    from community.models import OutboundEmail

    # Even with a real SMTP server configured, demo people at example.com get nothing.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: would fail
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO())
    assert OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT).count() > 0
    assert not OutboundEmail.objects.exclude(status=OutboundEmail.Status.SENT).exists()
    assert len(mail.outbox) > 0
    assert f"{len(mail.outbox)} demo notification emails were recorded, not sent." in out.getvalue()
