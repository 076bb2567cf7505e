"""Settings shared by every environment, read from environment variables (see docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from community.settings import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env.env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env.env_bool("DEBUG", False)
SECRET_KEY = env.env_str("SECRET_KEY")
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env.env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    # Our apps first so their templates override third-party ones.
    "community",
    "community.search",
    "kb",
    "forum",
    "forum.moderation",
    "escalation",
    "escalation.gaps",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Search, tasks, accounts
    "haystack",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "community.urls"
WSGI_APPLICATION = "community.wsgi.application"
ASGI_APPLICATION = "community.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "community.context_processors.site",
            ],
            "builtins": ["community.templatetags.roles"],
        },
    }
]

DATABASES = {
    "default": env.database_config(
        env.env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "community.User"

CACHES = env.cache_config(env.env_str("REDIS_URL"))
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

HAYSTACK_CONNECTIONS = env.search_config(env.env_str("SEARCH_URL"), VAR_DIR / "whoosh")
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20

TASKS = env.tasks_config(env.env_str("TASKS_BACKEND", "immediate"))

# Email
_email = env.email_config(env.env_str("EMAIL_URL"))
globals().update(_email)
DEFAULT_FROM_EMAIL = env.env_str("DEFAULT_FROM_EMAIL", "Community Help Center <help@localhost>")
SERVER_EMAIL = env.env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = "[Help Center] "

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalisation: English, Korean and Thai from day one.
LANGUAGE_CODE = env.env_str("LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English")), ("ko", _("Korean")), ("th", _("Thai"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Private files (ticket attachments) live outside MEDIA_ROOT and are served by a view.
PRIVATE_MEDIA_ROOT = Path(env.env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:me"
LOGOUT_REDIRECT_URL = "/"

# django-allauth: email is the login; verification is mandatory; rate limits on.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    "signup": env.env_str("RATE_LIMIT_SIGNUP", "10/m/ip,50/h/ip"),
    "login": env.env_str("RATE_LIMIT_LOGIN", "30/m/ip"),
    "login_failed": env.env_str("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/300s/key"),
    "reset_password": env.env_str("RATE_LIMIT_RESET_PASSWORD", "20/m/ip,5/m/key"),
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "confirm_email": "1/180s/key",
}

# Wagtail
WAGTAIL_SITE_NAME = env.env_str("SITE_NAME", "Community Help Center")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Product settings (see docs/configuration.md)
SITE_NAME = WAGTAIL_SITE_NAME
KB_REVIEW_DAYS = env.env_int("KB_REVIEW_DAYS", 180)

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.env_str("LOG_LEVEL", "WARNING")},
}

# --- kb settings ---
# Feedback posts ("Was this helpful?") one voter may send per 10 minutes.
KB_FEEDBACK_RATE_LIMIT = env.env_int("KB_FEEDBACK_RATE_LIMIT", 10)

# --- escalation settings ---
# Per-ticket reply addresses: support+t1042-<token>@SUPPORT_REPLY_DOMAIN (see docs/support-desk.md).
SUPPORT_REPLY_DOMAIN = env.env_str("SUPPORT_REPLY_DOMAIN", "support.localhost")
SUPPORT_ATTACHMENT_MAX_BYTES = env.env_int("SUPPORT_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
SUPPORT_ATTACHMENT_MAX_FILES = env.env_int("SUPPORT_ATTACHMENT_MAX_FILES", 5)
SUPPORT_ATTACHMENT_EXTENSIONS = env.env_list(
    "SUPPORT_ATTACHMENT_EXTENSIONS",
    ["png", "jpg", "jpeg", "gif", "webp", "pdf", "txt", "log", "csv", "zip"],
)
ESCALATION_ASKER_MIN_WAIT_HOURS = env.env_int("ESCALATION_ASKER_MIN_WAIT_HOURS", 24)
ESCALATION_UNACCEPTED_AFTER_HOURS = env.env_int("ESCALATION_UNACCEPTED_AFTER_HOURS", 72)
ESCALATION_UNANSWERED_AFTER_HOURS = env.env_int("ESCALATION_UNANSWERED_AFTER_HOURS", 24)
SUPPORT_AUTO_CLOSE_DAYS = env.env_int("SUPPORT_AUTO_CLOSE_DAYS", 4)
SUPPORT_RATING_LINK_DAYS = env.env_int("SUPPORT_RATING_LINK_DAYS", 28)

# --- forum settings ---
# Posts (questions, answers, comments) and votes one member may send per minute.
FORUM_POST_RATE_LIMIT = env.env_int("FORUM_POST_RATE_LIMIT", 6)
FORUM_VOTE_RATE_LIMIT = env.env_int("FORUM_VOTE_RATE_LIMIT", 30)
# Answers per page on a thread page.
FORUM_ANSWERS_PER_PAGE = env.env_int("FORUM_ANSWERS_PER_PAGE", 30)

# --- search settings ---
# Index updates go through a queued task (community/search/tasks.py) after commit.
HAYSTACK_SIGNAL_PROCESSOR = "community.search.signals.QueuedSignalProcessor"
# Backend errors must reach the search page, which then falls back to a database search.
for _search_connection in HAYSTACK_CONNECTIONS.values():
    _search_connection.setdefault("SILENTLY_FAIL", False)
# Every indexed model is ours: skip haystack's per-query "registered models" narrowing, which
# costs a full scan of the index on every search with Whoosh.
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False
# Large similar-question corpora are rebuilt at most this often after content changes.
SEARCH_SIMILAR_REBUILD_SECONDS = env.env_int("SEARCH_SIMILAR_REBUILD_SECONDS", 30)

# --- gaps settings ---
# KB gap detection (docs/kb-gaps.md): days of demand looked at, askers that make a gap,
# growth that reopens a dismissed gap, and the article similarity that counts as "answered".
KB_GAP_WINDOW_DAYS = env.env_int("KB_GAP_WINDOW_DAYS", 90)
KB_GAP_MIN_ASKERS = env.env_int("KB_GAP_MIN_ASKERS", 3)
KB_GAP_REOPEN_FACTOR = float(env.env_str("KB_GAP_REOPEN_FACTOR", "2.0"))
KB_GAP_ARTICLE_THRESHOLD = float(env.env_str("KB_GAP_ARTICLE_THRESHOLD", "0.4"))

# --- moderation settings ---
# A member's posts with links wait for a moderator's approval until this many are published.
MODERATION_NEW_MEMBER_POSTS = env.env_int("MODERATION_NEW_MEMBER_POSTS", 3)

# --- escalation inbound email settings ---
# Addresses (besides support@SUPPORT_REPLY_DOMAIN) whose mail opens a new ticket.
SUPPORT_INBOUND_ADDRESSES = env.env_list("SUPPORT_INBOUND_ADDRESSES", [])
# Someone without an account who emails the desk gets a member account and a ticket
# (as in Zendesk); off: such emails are refused and kept in the inbound record.
SUPPORT_INBOUND_NEW_REQUESTERS = env.env_bool("SUPPORT_INBOUND_NEW_REQUESTERS", True)
# Largest raw email kept whole in the inbound record (bigger ones keep their first bytes).
SUPPORT_INBOUND_MAX_BYTES = env.env_int("SUPPORT_INBOUND_MAX_BYTES", 30 * 1024 * 1024)
