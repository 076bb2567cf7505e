"""Site admins create, edit and delete forum categories in the back office (any script)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.models import Category

pytestmark = pytest.mark.django_db


def test_admin_creates_a_thai_category_that_lists_at_its_url(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("forum_categories:index")).status_code == 200
    response = client.post(
        reverse("forum_categories:add"),
        {"name": "ภาษีและใบแจ้งหนี้", "slug": "ภาษี", "description": "คำถามเรื่องภาษี", "order": 2},
    )
    assert response.status_code == 302
    category = Category.objects.get(slug="ภาษี")
    assert category.name == "ภาษีและใบแจ้งหนี้" and category.order == 2
    assert client.get(category.get_absolute_url()).status_code == 200
    found = client.get(reverse("forum_categories:index"), {"q": "ใบแจ้งหนี้"})
    assert found.status_code == 200 and "ภาษีและใบแจ้งหนี้" in found.content.decode()


def test_bad_slug_is_refused_next_to_the_field(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("forum_categories:add"),
        {"name": "Billing", "slug": "bill ing/x", "description": "", "order": 0},
    )
    assert response.status_code == 200
    assert "Use letters, digits and hyphens only" in response.content.decode()
    assert not Category.objects.exists()


def test_category_with_threads_cannot_be_deleted(client, admin_user, thread, category):
    client.force_login(admin_user)
    response = client.post(reverse("forum_categories:delete", args=[category.pk]), follow=True)
    assert "still holds threads" in response.content.decode()
    assert Category.objects.filter(pk=category.pk).exists()
    empty = Category.objects.create(name="Empty", slug="empty")
    client.post(reverse("forum_categories:delete", args=[empty.pk]))
    assert not Category.objects.filter(pk=empty.pk).exists()


@pytest.mark.parametrize("persona", ["moderator", "agent", "member"])
def test_only_admins_manage_categories(client, request, persona, category):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("forum_categories:index")).status_code in {302, 403}
    client.post(reverse("forum_categories:add"), {"name": "X", "slug": "x", "order": 0})
    assert not Category.objects.filter(slug="x").exists()
