"""Korean and Thai articles: Unicode slugs, through the importer and through the page."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from kb.models import ArticlePage, CategoryPage
from tests.factories import make_article

KOREAN_MD = """---
title: 주문 환불 방법
category: 결제/환불
tags: [환불, 주문]
summary: 고객에게 돈을 돌려주는 방법입니다.
---
## 시작하기 전에

주문을 여세요. **환불**을 누르세요.
"""

THAI_MD = """---
title: วิธีขอคืนเงิน
category: การชำระเงิน
tags: คืนเงิน
---
## ก่อนเริ่มต้น

เปิดคำสั่งซื้อแล้วกดปุ่มคืนเงิน
"""

THAI_WITH_SLUG_MD = """---
title: ติดตามพัสดุ
slug: track-parcel-th
category: การจัดส่ง
---
ใช้หมายเลขติดตามในอีเมลของคุณ
"""


def import_folder(tmp_path) -> str:
    for name, text in {
        "ko.md": KOREAN_MD,
        "th.md": THAI_MD,
        "th-slug.md": THAI_WITH_SLUG_MD,
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_articles", str(tmp_path), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_korean_and_thai_files_import_with_unicode_slugs_and_categories(kb_home, tmp_path):
    out = import_folder(tmp_path)
    assert "3 created, 0 updated, 0 unchanged, 0 failed." in out
    korean = ArticlePage.objects.get(title="주문 환불 방법")
    assert korean.slug == "주문-환불-방법"
    assert [c.slug for c in korean.get_ancestors().type(CategoryPage).specific()] == [
        "결제",
        "환불",
    ]
    assert sorted(korean.tags.names()) == ["주문", "환불"]
    thai = ArticlePage.objects.get(title="วิธีขอคืนเงิน")
    # Thai letters stay; Django's slug rules (and Wagtail's admin) drop the vowel/tone marks.
    assert thai.slug and all("\u0e00" <= ch <= "\u0e7f" for ch in thai.slug)
    assert ArticlePage.objects.get(title="ติดตามพัสดุ").slug == "track-parcel-th"
    assert "เปิดคำสั่งซื้อ" in thai.summary  # no summary given: the start of the text


def test_second_import_of_unicode_articles_changes_nothing(kb_home, tmp_path):
    import_folder(tmp_path)
    out = import_folder(tmp_path)
    assert "0 created, 0 updated, 3 unchanged, 0 failed." in out
    assert ArticlePage.objects.count() == 3


def test_imported_korean_and_thai_pages_are_served_with_readable_anchors(client, kb_home, tmp_path):
    import_folder(tmp_path)
    korean = ArticlePage.objects.get(title="주문 환불 방법")
    thai = ArticlePage.objects.get(title="วิธีขอคืนเงิน")
    for article, heading in ((korean, "시작하기 전에"), (thai, "ก่อนเริ่มต้น")):
        assert "%" in article.url  # percent-encoded UTF-8, as browsers send it
        response = client.get(article.url)
        assert response.status_code == 200, article.url
        html = response.content.decode()
        assert f'<h1 id="article-title">{article.title}</h1>' in html
        # The table of contents links to the heading by an anchor that keeps every mark.
        assert f'href="#{heading.replace(" ", "-")}"' in html
        assert f'id="{heading.replace(" ", "-")}"' in html


def test_korean_category_page_lists_its_articles(client, kb_home, tmp_path):
    import_folder(tmp_path)
    category = CategoryPage.objects.get(title="환불")
    html = client.get(category.url).content.decode()
    assert "주문 환불 방법" in html


def test_article_made_in_code_from_a_thai_title_gets_the_wagtail_slug(billing, client):
    article = make_article(billing, "การเปลี่ยนแผน")
    assert article.slug
    assert client.get(article.url).status_code == 200
