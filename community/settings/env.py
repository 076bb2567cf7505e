"""Parse the environment variables that configure the site into Django settings values."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_str(name: str, default: str = "") -> str:
    """Return the variable as a stripped string, or the default when unset or empty."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool = False) -> bool:
    """Return True for 1/true/yes/on (any case), False for anything else that is set."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_int(name: str, default: int) -> int:
    """Return the variable as an integer; a malformed value raises a clear error."""
    value = env_str(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Return a comma-separated variable as a list of non-empty items."""
    value = env_str(name)
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def secret_key_from_file(path: Path) -> str:
    """Read the development secret key, generating it once into ``path`` when missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def database_config(url: str) -> dict:
    """Translate ``DATABASE_URL`` into a Django ``DATABASES['default']`` entry."""
    config = dj_database_url.parse(url, conn_max_age=0)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL and a busy timeout let the dev server, a worker and cron share the file.
        config.setdefault("OPTIONS", {}).update(
            {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return config


def cache_config(redis_url: str) -> dict:
    """Return ``CACHES``: Redis when ``REDIS_URL`` is set, else process-local memory."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis_url,
                "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
                "KEY_PREFIX": "chc",
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "community-help-center",
        }
    }


def search_config(search_url: str, default_path: Path) -> dict:
    """Return ``HAYSTACK_CONNECTIONS`` from ``SEARCH_URL``.

    ``whoosh:///abs/path`` (or empty: ``default_path``) selects the embedded Whoosh index;
    ``elasticsearch://host:9200/index`` selects haystack's Elasticsearch 7 backend.
    """
    if not search_url:
        return {
            "default": {
                "ENGINE": "community.search.whoosh_backend.CommunityWhooshEngine",
                "PATH": str(default_path),
            }
        }
    parsed = urlparse(search_url)
    scheme = parsed.scheme.lower()
    if scheme == "whoosh":
        path = unquote(parsed.path) or str(default_path)
        return {
            "default": {
                "ENGINE": "community.search.whoosh_backend.CommunityWhooshEngine",
                "PATH": path,
            }
        }
    if scheme in {"elasticsearch", "elasticsearch7", "es", "elasticsearchs"}:
        http_scheme = "https" if scheme.endswith("s") and scheme != "es" else "http"
        query = parse_qs(parsed.query)
        if query.get("tls", ["0"])[0] in TRUE_WORDS:
            http_scheme = "https"
        index_name = parsed.path.strip("/") or "community"
        netloc = parsed.hostname or "127.0.0.1"
        port = parsed.port or 9200
        auth = ""
        if parsed.username:
            auth = f"{unquote(parsed.username)}:{unquote(parsed.password or '')}@"
        return {
            "default": {
                "ENGINE": "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine",
                "URL": f"{http_scheme}://{auth}{netloc}:{port}/",
                "INDEX_NAME": index_name,
            }
        }
    raise ValueError(
        f"SEARCH_URL scheme {scheme!r} is not supported (use whoosh:// or elasticsearch://)"
    )


def email_config(email_url: str) -> dict:
    """Return email settings from ``EMAIL_URL``.

    ``console://`` (default), ``file:///path``, ``locmem://``, ``dummy://``,
    ``smtp://user:pass@host:587?tls=1`` or ``smtps://user:pass@host:465``.
    """
    if not email_url:
        email_url = "console://"
    parsed = urlparse(email_url)
    scheme = parsed.scheme.lower()
    simple = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
    }
    if scheme in simple:
        return {"EMAIL_BACKEND": simple[scheme]}
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parsed.path),
        }
    if scheme in {"smtp", "smtps", "submission"}:
        query = parse_qs(parsed.query)
        use_ssl = scheme == "smtps" or query.get("ssl", ["0"])[0] in TRUE_WORDS
        use_tls = not use_ssl and (
            scheme == "submission" or query.get("tls", ["0"])[0] in TRUE_WORDS
        )
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if use_ssl else 587 if use_tls else 25),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_TLS": use_tls,
            "EMAIL_USE_SSL": use_ssl,
            "EMAIL_TIMEOUT": 20,
        }
    raise ValueError(f"EMAIL_URL scheme {scheme!r} is not supported")


def tasks_config(backend_name: str) -> dict:
    """Return ``TASKS`` for django-tasks: ``immediate`` (default), ``database`` or ``dummy``."""
    backends = {
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        "database": "django_tasks_db.DatabaseBackend",
        "dummy": "django_tasks.backends.dummy.DummyBackend",
    }
    name = (backend_name or "immediate").lower()
    if name not in backends:
        raise ValueError(f"TASKS_BACKEND must be one of {', '.join(backends)}, got {name!r}")
    return {"default": {"BACKEND": backends[name]}}
