"""Environment variables are parsed into the right Django settings."""

import pytest

from community.settings import env


def test_database_url_defaults_to_sqlite_with_busy_timeout():
    config = env.database_config("sqlite:////tmp/x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/tmp/x.sqlite3"
    assert config["OPTIONS"]["timeout"] == 20


def test_database_url_selects_postgresql():
    config = env.database_config("postgres://root@127.0.0.1:5432/helpcenter")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "helpcenter"
    assert config["HOST"] == "127.0.0.1"


def test_redis_url_selects_redis_cache_and_empty_selects_local_memory():
    assert env.cache_config("redis://127.0.0.1:6379/1")["default"]["BACKEND"].endswith("RedisCache")
    assert env.cache_config("")["default"]["BACKEND"].endswith("LocMemCache")


def test_search_url_defaults_to_whoosh_path(tmp_path):
    config = env.search_config("", tmp_path / "idx")["default"]
    assert config["ENGINE"].endswith("WhooshEngine")
    assert config["PATH"] == str(tmp_path / "idx")


def test_search_url_elasticsearch_selects_haystack_es_backend(tmp_path):
    config = env.search_config("elasticsearch://es.internal:9201/helpdocs", tmp_path)["default"]
    assert config["ENGINE"] == "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine"
    assert config["URL"] == "http://es.internal:9201/"
    assert config["INDEX_NAME"] == "helpdocs"


def test_search_url_rejects_unknown_scheme(tmp_path):
    with pytest.raises(ValueError, match="SEARCH_URL"):
        env.search_config("solr://x", tmp_path)


def test_email_url_smtp_with_tls():
    config = env.email_config("smtp://mailer:s%40cret@smtp.example.com:587?tls=1")
    assert config["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert config["EMAIL_HOST"] == "smtp.example.com"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_USER"] == "mailer"
    assert config["EMAIL_HOST_PASSWORD"] == "s@cret"
    assert config["EMAIL_USE_TLS"] is True


def test_email_url_defaults_to_console():
    assert env.email_config("")["EMAIL_BACKEND"].endswith("console.EmailBackend")


def test_bool_and_list_parsing(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    monkeypatch.setenv("HOSTS", "a.example, b.example ,")
    assert env.env_bool("FLAG") is True
    assert env.env_list("HOSTS") == ["a.example", "b.example"]


def test_malformed_integer_names_the_variable(monkeypatch):
    monkeypatch.setenv("KB_REVIEW_DAYS", "soon")
    with pytest.raises(ValueError, match="KB_REVIEW_DAYS"):
        env.env_int("KB_REVIEW_DAYS", 180)


def test_dev_secret_key_is_generated_once(tmp_path):
    first = env.secret_key_from_file(tmp_path / "secret_key")
    second = env.secret_key_from_file(tmp_path / "secret_key")
    assert first == second
    assert len(first) >= 50


def test_tasks_backend_choices():
    assert env.tasks_config("")["default"]["BACKEND"].endswith("ImmediateBackend")
    assert env.tasks_config("database")["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    with pytest.raises(ValueError):
        env.tasks_config("celery")
