"""Role groups exist with the right permissions, and the role module answers from them."""

import importlib

from django.contrib.auth.models import AnonymousUser, Group
from django.template import Context, Template

from community import roles
from community.roles import Role
from tests.factories import make_user


def run_roles_migration() -> None:
    """Run the data migration's function (a transactional test elsewhere may have flushed its rows)."""
    from django.apps import apps as django_apps

    migration = importlib.import_module("community.migrations.0002_roles")
    Group.objects.all().delete()
    migration.create_roles(django_apps, None)


def test_every_role_group_is_created_by_migration(db):
    run_roles_migration()
    names = set(Group.objects.values_list("name", flat=True))
    assert {
        Role.MEMBER,
        Role.TRUSTED,
        Role.MODERATOR,
        Role.AGENT,
        Role.KB_EDITOR,
        Role.ADMIN,
    } <= names


def test_group_permissions_match_role_table(db):
    run_roles_migration()
    for role, perms in roles.ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(perms), role


def test_ensure_recreates_missing_groups_with_permissions(db):
    from community.services import role_groups_ensure

    Group.objects.all().delete()
    role_groups_ensure()
    moderator = Group.objects.get(name=Role.MODERATOR)
    held = {f"{p.content_type.app_label}.{p.codename}" for p in moderator.permissions.all()}
    assert held == set(roles.ROLE_PERMISSIONS[Role.MODERATOR])


def test_anonymous_has_no_role(db):
    anonymous = AnonymousUser()
    assert not roles.is_member(anonymous)
    assert not roles.can_moderate(anonymous)
    assert not roles.is_staff_member(anonymous)


def test_member_is_not_staff(member):
    assert roles.is_member(member)
    assert not roles.is_trusted(member)
    assert not roles.can_moderate(member)
    assert not roles.is_agent(member)
    assert not roles.is_staff_member(member)


def test_moderator_moderates_but_does_not_work_tickets(moderator):
    assert roles.can_moderate(moderator)
    assert roles.is_trusted(moderator)
    assert not roles.is_agent(moderator)
    assert roles.is_staff_member(moderator)


def test_agent_works_tickets_and_sees_staff_content(agent):
    assert roles.is_agent(agent)
    assert roles.is_staff_member(agent)
    assert not roles.can_moderate(agent)
    assert agent.has_perm("wagtailadmin.access_admin")


def test_editor_edits_kb_only(editor):
    assert roles.is_kb_editor(editor)
    assert not roles.is_agent(editor)


def test_admin_has_every_role(admin_user):
    assert all(
        check(admin_user)
        for check in (roles.can_moderate, roles.is_agent, roles.is_kb_editor, roles.is_site_admin)
    )


def test_reputation_makes_a_member_trusted(member):
    member.profile.reputation = roles.TRUSTED_REPUTATION
    member.profile.save()
    assert roles.is_trusted(member)


def test_inactive_user_has_no_role(db):
    user = make_user("gone", Role.MODERATOR, is_active=False)
    assert not roles.can_moderate(user)


def test_template_filters_ask_the_role_module(moderator, member):
    template = Template("{% if user|can_moderate %}mod{% else %}no{% endif %}")
    assert template.render(Context({"user": moderator})) == "mod"
    assert template.render(Context({"user": member})) == "no"


def test_role_names_for_display(moderator):
    assert roles.role_names(moderator) == ["Moderator", "Member"]
