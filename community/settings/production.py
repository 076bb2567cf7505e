"""Production settings: refuses to start without SECRET_KEY and ALLOWED_HOSTS; secure cookies and HSTS."""

import os

from django.core.exceptions import ImproperlyConfigured

from community.settings import env
from community.settings.base import *  # noqa: F403
from community.settings.base import SITE_URL

DEBUG = env.env_bool("DEBUG", False)
SECRET_KEY = env.env_str("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production (see docs/configuration.md).")
if not os.environ.get("ALLOWED_HOSTS", "").strip():
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in production (see docs/configuration.md)."
    )
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS")

_https = SITE_URL.startswith("https://")
SECURE_SSL_REDIRECT = env.env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Wagtail admin shows live previews in a same-origin iframe, so SAMEORIGIN (base.py) is deliberate.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
