"""``seed_demo`` creates users in every role and the page tree, and is idempotent."""

from io import StringIO

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
