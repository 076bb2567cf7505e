"""Staff-only articles are invisible to non-staff on every path; staff see them everywhere."""

from __future__ import annotations

from kb.models import ArticleRelatedLink
from kb.selectors import home_context, public_articles
from tests.factories import make_article, make_category, make_faq
from tests.kb.conftest import STAFF_VIEWERS, client_for


def test_article_page_is_404_for_non_staff(client, viewer, staff_article):
    name, user = viewer
    response = client_for(client, user).get(staff_article.url)
    assert response.status_code == (200 if name in STAFF_VIEWERS else 404)
    if name not in STAFF_VIEWERS:
        assert staff_article.title not in response.content.decode()


def test_public_article_is_visible_to_everyone(client, viewer, public_article):
    _, user = viewer
    assert client_for(client, user).get(public_article.url).status_code == 200


def test_category_listing_hides_staff_articles(client, viewer, public_article, staff_article):
    name, user = viewer
    html = client_for(client, user).get(public_article.get_parent().url).content.decode()
    assert public_article.title in html
    assert (staff_article.title in html) == (name in STAFF_VIEWERS)


def test_kb_home_hides_staff_only_articles_and_empty_categories(client, viewer, kb_home):
    name, user = viewer
    internal = make_category(kb_home, "Agent playbooks")
    make_article(internal, "Verify account ownership", audience="staff")
    html = client_for(client, user).get(kb_home.url).content.decode()
    assert ("Agent playbooks" in html) == (name in STAFF_VIEWERS)
    assert ("Verify account ownership" in html) == (name in STAFF_VIEWERS)


def test_related_lists_hide_staff_articles(client, viewer, public_article, staff_article):
    name, user = viewer
    # Chosen by the editor AND sharing a tag: neither route may leak it.
    ArticleRelatedLink.objects.create(article=public_article, target=staff_article, sort_order=0)
    html = client_for(client, user).get(public_article.url).content.decode()
    assert (staff_article.title in html) == (name in STAFF_VIEWERS)


def test_staff_faq_page_is_404_for_non_staff(client, viewer, billing):
    name, user = viewer
    faq = make_faq(billing, "Agent FAQ", audience="staff")
    response = client_for(client, user).get(faq.url)
    assert response.status_code == (200 if name in STAFF_VIEWERS else 404)


def test_sitemap_lists_public_pages_only(client, viewer, public_article, staff_article):
    _, user = viewer
    response = client_for(client, user).get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert public_article.slug in xml
    assert staff_article.slug not in xml


def test_feed_lists_public_articles_only(client, viewer, kb_home, public_article, staff_article):
    _, user = viewer
    response = client_for(client, user).get(kb_home.url + "feed/")
    xml = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert public_article.title in xml
    assert staff_article.title not in xml


def test_home_page_section_hides_staff_articles(viewer, public_article, staff_article):
    name, user = viewer
    from django.contrib.auth.models import AnonymousUser

    context = home_context(user or AnonymousUser())
    titles = {a.title for a in context["kb_popular_articles"]}
    assert public_article.title in titles
    assert (staff_article.title in titles) == (name in STAFF_VIEWERS)


def test_feedback_on_staff_article_is_404_for_non_staff(client, viewer, staff_article):
    name, user = viewer
    response = client_for(client, user).post(
        f"/kb-tools/articles/{staff_article.pk}/feedback/", {"helpful": "yes"}
    )
    assert response.status_code == (302 if name in STAFF_VIEWERS else 404)


def test_public_articles_queryset_excludes_staff_and_drafts(public_article, staff_article):
    draft = make_article(public_article.get_parent(), "Draft article", live=False)
    ids = set(public_articles().values_list("pk", flat=True))
    assert public_article.pk in ids
    assert staff_article.pk not in ids
    assert draft.pk not in ids
    assert public_article.is_public and not staff_article.is_public


def test_category_with_only_staff_articles_is_404_for_non_staff(client, viewer, kb_home):
    name, user = viewer
    internal = make_category(kb_home, "Agent playbooks")
    make_article(internal, "Verify account ownership", audience="staff")
    empty = make_category(kb_home, "Coming soon")
    response = client_for(client, user).get(internal.url)
    assert response.status_code == (200 if name in STAFF_VIEWERS else 404)
    assert client_for(client, user).get(empty.url).status_code == 200


def test_sitemap_leaves_out_categories_holding_only_staff_pages(client, viewer, kb_home):
    _, user = viewer
    internal = make_category(kb_home, "Agent playbooks")
    make_article(internal, "Verify account ownership", audience="staff")
    shared = make_category(kb_home, "Shipping")
    make_article(shared, "Track your order")
    make_article(shared, "Carrier escalation contacts", audience="staff")
    xml = client_for(client, user).get("/sitemap.xml").content.decode()
    assert internal.slug not in xml
    assert "verify-account-ownership" not in xml
    assert "carrier-escalation-contacts" not in xml
    assert f"/{shared.slug}/" in xml and "track-your-order" in xml
