"""Article, category, KB home and FAQ pages: structure, TOC, JSON-LD, Unicode slugs, queries."""

from __future__ import annotations

import json
import re

import pytest

from tests.factories import make_article, make_category, make_faq


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return json.loads(match.group(1))


def test_article_page_has_breadcrumbs_toc_updated_date_and_print_css(client, public_article):
    html = client.get(public_article.url).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert f'href="{public_article.get_parent().url}"' in html
    assert '<h2 id="before-you-start">Before you start</h2>' in html
    assert 'href="#before-you-start"' in html and 'href="#do-it"' in html
    assert "<time datetime=" in html
    assert 'href="/static/css/print.css" media="print"' in html
    assert html.count("<h1") == 1


def test_article_json_ld_describes_the_article(client, public_article):
    data = json_ld(client.get(public_article.url).content.decode())
    assert data["@type"] == "Article"
    assert data["headline"] == public_article.title
    assert data["description"] == public_article.summary
    assert "dateModified" in data


def test_json_ld_cannot_break_out_of_its_script(client, billing):
    article = make_article(billing, "Tricky </script><script>alert(1)</script>")
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["headline"].startswith("Tricky </script>")


def test_still_stuck_links_prefill_community_question_and_support_subject(client, public_article):
    html = client.get(public_article.url).content.decode()
    assert 'href="/community/ask/?title=Download%20your%20invoices"' in html
    assert 'href="/support/new/?subject=Download%20your%20invoices"' in html


def test_body_blocks_render_callout_code_steps_and_sanitized_html(client, billing):
    article = make_article(
        billing,
        "Every block",
        body=[
            {"type": "callout", "value": {"kind": "warning", "text": "<p>Careful now</p>"}},
            {"type": "code", "value": {"language": "bash", "code": "echo '<b>'"}},
            {"type": "steps", "value": {"steps": [{"title": "One", "text": "<p>First</p>"}]}},
            {"type": "html", "value": "<h2>Imported part</h2><p>ok</p><script>x()</script>"},
        ],
    )
    html = client.get(article.url).content.decode()
    assert "kb-callout-warning" in html and "Careful now" in html
    assert "language-bash" in html and "echo &#x27;&lt;b&gt;&#x27;" in html
    assert '<ol class="kb-steps">' in html
    assert '<h2 id="imported-part">Imported part</h2>' in html
    assert 'href="#imported-part"' in html
    assert "<script>x()" not in html


def test_duplicate_headings_get_unique_anchors(client, billing):
    heading = {"type": "heading", "value": {"text": "Steps", "level": "h2"}}
    article = make_article(billing, "Twice", body=[heading, heading])
    html = client.get(article.url).content.decode()
    assert 'id="steps"' in html and 'id="steps-2"' in html


def test_related_articles_are_chosen_first_then_filled_by_shared_tags(client, billing):
    from kb.models import ArticleRelatedLink

    main = make_article(billing, "Main", tags=["vat", "invoices"])
    chosen = make_article(billing, "Chosen by editor", tags=[])
    two_tags = make_article(billing, "Shares two tags", tags=["vat", "invoices"])
    one_tag = make_article(billing, "Shares one tag", tags=["vat"])
    make_article(billing, "Unrelated", tags=["shipping"])
    ArticleRelatedLink.objects.create(article=main, target=chosen, sort_order=0)
    from kb.selectors import related_articles

    related = related_articles(main, None, list(main.tags.all()))
    assert [a.title for a in related] == [chosen.title, two_tags.title, one_tag.title]


def test_korean_and_thai_titles_get_working_unicode_urls(client, billing):
    korean = make_article(billing, "비밀번호를 재설정하는 방법")
    thai = make_article(billing, "วิธีติดตามพัสดุ")
    assert korean.slug == "비밀번호를-재설정하는-방법"
    for article in (korean, thai):
        response = client.get(article.url)
        assert response.status_code == 200
        assert article.title in response.content.decode()


def test_thai_heading_anchor_keeps_vowel_marks(client, billing):
    heading = {"type": "heading", "value": {"text": "ขั้นตอน", "level": "h2"}}
    article = make_article(billing, "Thai steps", body=[heading])
    html = client.get(article.url).content.decode()
    assert 'id="ขั้นตอน"' in html


def test_category_page_lists_subcategories_articles_and_faqs(client, billing, public_article):
    refunds = make_category(billing, "Refunds", icon="card")
    make_article(refunds, "Refund a shop order")
    make_faq(billing, "Billing FAQ")
    html = client.get(billing.url).content.decode()
    assert "Refunds" in html and "1 article" in html
    assert public_article.title in html and public_article.summary in html
    assert "Billing FAQ" in html


def test_faq_page_has_anchored_questions_and_faq_json_ld(client, billing):
    faq = make_faq(
        billing, "Billing FAQ", questions=[("배송 조회는 어떻게 하나요?", "<p>내 주문</p>")]
    )
    html = client.get(faq.url).content.decode()
    assert 'id="배송-조회는-어떻게-하나요"' in html
    assert 'href="#배송-조회는-어떻게-하나요"' in html
    data = json_ld(html)
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "내 주문"


def test_kb_home_lists_categories_popular_recent_and_feed_link(client, kb_home, public_article):
    html = client.get(kb_home.url).content.decode()
    assert "Billing" in html and public_article.title in html
    assert 'type="application/atom+xml"' in html


def test_site_home_page_shows_popular_kb_topics(client, public_article):
    html = client.get("/").content.decode()
    assert "Billing" in html and public_article.title in html


@pytest.mark.parametrize("rows", [1, 30])
def test_category_page_query_count_is_fixed(client, billing, rows, django_assert_max_num_queries):
    for n in range(rows):
        make_article(billing, f"Article number {n}", tags=["x"])
    make_category(billing, "Sub")
    client.get(billing.url)  # warm Wagtail's site-root cache
    with django_assert_max_num_queries(20):
        response = client.get(billing.url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_article_page_query_count_is_fixed(
    client, billing, member, rows, django_assert_max_num_queries
):
    from kb.models import ArticleRelatedLink

    article = make_article(billing, "Main article", tags=["x", "y"])
    for n in range(rows):
        other = make_article(billing, f"Other {n}", tags=["x"])
        ArticleRelatedLink.objects.create(article=article, target=other, sort_order=n)
    client.force_login(member)
    client.get(article.url)
    with django_assert_max_num_queries(22):
        response = client.get(article.url)
    assert response.status_code == 200
