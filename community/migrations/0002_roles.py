"""Create the role groups (member, trusted member, moderator, agent, KB editor, admin) with their permissions."""

from django.db import migrations

# Kept here (not imported from community.roles) so the migration never changes after it ran.
ROLE_PERMISSIONS = {
    "Member": [],
    "Trusted member": ["community.trusted_actions"],
    "Moderator": [
        "community.trusted_actions",
        "community.moderate",
        "community.view_staff_content",
        "wagtailadmin.access_admin",
    ],
    "Agent": [
        "community.work_tickets",
        "community.view_staff_content",
        "wagtailadmin.access_admin",
    ],
    "KB editor": ["community.edit_kb", "community.view_staff_content", "wagtailadmin.access_admin"],
    "Admin": [
        "community.trusted_actions",
        "community.moderate",
        "community.work_tickets",
        "community.edit_kb",
        "community.view_staff_content",
        "community.manage_site",
        "wagtailadmin.access_admin",
    ],
}

PERMISSION_NAMES = {
    "trusted_actions": "Edit others' posts and retag",
    "moderate": "Moderate the community",
    "work_tickets": "Work support tickets",
    "edit_kb": "Edit the knowledge base",
    "view_staff_content": "See staff-only content",
    "manage_site": "Administer the help center",
    "access_admin": "Can access Wagtail admin",
}

MODELS = {"community": "profile", "wagtailadmin": "admin"}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for group_name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for dotted in perms:
            app_label, codename = dotted.split(".")
            content_type, _ = ContentType.objects.get_or_create(
                app_label=app_label, model=MODELS[app_label]
            )
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": PERMISSION_NAMES[codename]},
            )
            group.permissions.add(permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
