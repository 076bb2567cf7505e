"""Test settings: fast hasher, local-memory cache and mail, tasks run at once, Whoosh in a temp dir."""

import tempfile
from pathlib import Path

from community.settings import env
from community.settings.base import *  # noqa: F403
from community.settings.base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = env.cache_config("")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = env.tasks_config("immediate")
_TMP = Path(tempfile.mkdtemp(prefix="chc-test-"))
HAYSTACK_CONNECTIONS = env.search_config("", _TMP / "whoosh")
MEDIA_ROOT = _TMP / "media"
PRIVATE_MEDIA_ROOT = _TMP / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATICFILES_DIRS = [BASE_DIR / "static"]
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]
# Rate limits are tested explicitly by tests that switch them back on.
ACCOUNT_RATE_LIMITS = False
STATIC_ROOT = _TMP / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
