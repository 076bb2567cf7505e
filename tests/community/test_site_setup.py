"""``site_setup``: a real site's empty structure (no demo users), ready for ``import_articles``."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Site, WorkflowPage

from community.models import HomePage, User
from community.roles import ROLE_PERMISSIONS
from kb.models import ArticlePage, KnowledgeBaseIndexPage


def setup() -> str:
    out = StringIO()
    call_command("site_setup", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_site_setup_creates_roles_home_and_kb_without_users(db, settings):
    settings.SITE_URL = "https://help.example.com"
    text = setup()
    assert "Site ready at https://help.example.com" in text
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_PERMISSIONS)
    assert HomePage.objects.count() == 1
    kb_home = KnowledgeBaseIndexPage.objects.get()
    assert kb_home.live
    assert WorkflowPage.objects.filter(page=kb_home).exists()
    assert Site.objects.get(is_default_site=True).root_page.specific == HomePage.objects.get()
    assert not User.objects.exists()


def test_site_setup_twice_creates_nothing_more(db):
    setup()
    text = setup()
    assert "home page kept, knowledge base kept" in text
    assert HomePage.objects.count() == 1 and KnowledgeBaseIndexPage.objects.count() == 1


def test_import_works_right_after_site_setup(db, tmp_path, client):
    setup()
    (tmp_path / "a.md").write_text(
        "---\ntitle: 배송 추적\ncategory: 배송\n---\n운송장 번호를 입력하세요.\n", encoding="utf-8"
    )
    out = StringIO()
    call_command("import_articles", str(tmp_path), stdout=out, stderr=StringIO())
    assert "1 created" in out.getvalue()
    article = ArticlePage.objects.get()
    assert client.get(article.url).status_code == 200
