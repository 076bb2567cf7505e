"""Post bodies: Markdown through the one sanitizer, @mentions and KB cards."""

from __future__ import annotations

import pytest

from forum.markup import render_body
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_code_blocks_are_kept_and_raw_html_is_escaped():
    rendered = render_body("```\nacme login --token\n```\n\n<script>alert(1)</script>")
    assert "<pre><code>acme login --token" in rendered.html
    assert "<script>" not in rendered.html


def test_external_links_get_rel_nofollow_ugc():
    rendered = render_body("[docs](https://example.org/help)")
    assert 'rel="nofollow ugc noopener"' in rendered.html


def test_images_by_url_are_allowed():
    rendered = render_body("![diagram](https://example.org/d.png)")
    assert '<img alt="diagram" src="https://example.org/d.png"' in rendered.html


def test_mention_links_to_profile_with_current_name():
    minji = make_user("minji", display_name="김민지")
    rendered = render_body(f"Thanks @[someone else]({minji.pk})!")
    assert f'href="/members/{minji.pk}/"' in rendered.html
    assert "@김민지" in rendered.html
    assert "someone else" not in rendered.html
    assert rendered.mentioned_user_ids == [minji.pk]


def test_mention_of_thai_name_with_spaces():
    somchai = make_user("somchai", display_name="สมชาย ใจดี")
    rendered = render_body(f"@[สมชาย ใจดี]({somchai.pk}) ช่วยด้วยครับ")
    assert "@สมชาย ใจดี</a>" in rendered.html


def test_unknown_mention_stays_plain_text():
    rendered = render_body("@[Ghost](999999)")
    assert "<a" not in rendered.html
    assert "@Ghost" in rendered.html
    assert rendered.mentioned_user_ids == []


def test_mention_inside_code_is_not_a_mention(member):
    rendered = render_body(f"`@[Jamie]({member.pk})`")
    assert rendered.mentioned_user_ids == []


def test_kb_link_on_its_own_line_becomes_a_card(kb_article, settings):
    rendered = render_body(f"See this:\n\n{settings.SITE_URL}{kb_article.url}")
    assert 'class="kb-card"' in rendered.html
    assert "Change your VAT number" in rendered.html
    assert "Update the VAT id on invoices." in rendered.html


def test_kb_markdown_link_alone_becomes_a_card(kb_article):
    rendered = render_body(f"[the article]({kb_article.url})")
    assert f'data-kb-card="{kb_article.pk}"' in rendered.html


def test_kb_link_inside_a_sentence_stays_a_link(kb_article):
    rendered = render_body(f"Read [this]({kb_article.url}) first.")
    assert "kb-card" not in rendered.html
    assert f'href="{kb_article.url}"' in rendered.html


def test_unknown_kb_path_stays_a_link(kb_article):
    rendered = render_body("[missing](/kb/account/nope/)")
    assert "kb-card" not in rendered.html


def test_typed_handle_mentions_the_member_with_that_name_without_spaces():
    jamie = make_user("jamie-lee", display_name="Jamie Lee")
    rendered = render_body("Thanks @jamielee, that fixed it.")
    assert f'href="/members/{jamie.pk}/"' in rendered.html
    assert "@Jamie Lee</a>, that fixed it." in rendered.html
    assert rendered.mentioned_user_ids == [jamie.pk]


def test_typed_handle_with_korean_particle_and_thai_without_spaces():
    minji = make_user("minji2", display_name="김민지")
    somchai = make_user("somchai2", display_name="สมชาย ใจดี")
    rendered = render_body("@김민지님 감사합니다\n\n@สมชายใจดีช่วยด้วยครับ")
    assert rendered.mentioned_user_ids == sorted([minji.pk, somchai.pk])
    assert "@김민지</a>님" in rendered.html
    assert "@สมชาย ใจดี</a>ช่วยด้วยครับ" in rendered.html


def test_typed_handle_is_not_a_mention_in_emails_code_ambiguity_or_mid_word():
    make_user("alex-1", display_name="Alex")
    make_user("alex-2", display_name="alex")
    make_user("su", display_name="Su")
    rendered = render_body("mail su@example.org, `@Su` or @Alex about @support")
    assert rendered.mentioned_user_ids == []
    assert 'class="mention"' not in rendered.html
