"""Create a profile for every new user, whatever created it (sign-up, admin, importer, shell)."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from community.models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="community_profile_create")
def create_profile_for_new_user(
    sender, instance, created: bool, raw: bool = False, **kwargs
) -> None:
    if created and not raw:
        Profile.objects.get_or_create(user=instance)
