"""The sanitizer keeps Markdown formatting and removes anything executable."""

from community.sanitizer import plain_text, render_markdown, sanitize_html


def test_script_tags_are_escaped_not_executed():
    html = render_markdown("hello <script>alert(1)</script>")
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_are_removed():
    html = render_markdown("[click](javascript:alert(1))")
    assert "javascript:" not in html


def test_external_links_get_nofollow_ugc():
    html = render_markdown("see [docs](https://example.org/x) or https://example.net")
    assert html.count('rel="nofollow ugc noopener"') == 2


def test_internal_links_keep_no_ugc_rel():
    html = render_markdown("see [our article](/kb/billing/refunds/)")
    assert 'href="/kb/billing/refunds/"' in html
    assert "ugc" not in html


def test_fenced_code_blocks_are_kept_and_escaped():
    html = render_markdown("```python\nif a < b:\n    print('<b>')\n```")
    assert "<pre><code" in html
    assert "&lt;b&gt;" in html


def test_images_by_url_are_allowed_without_event_handlers():
    html = render_markdown('![screen](https://example.org/s.png "title")')
    assert '<img alt="screen" src="https://example.org/s.png"' in html
    dirty = sanitize_html('<img src="https://x/y.png" onerror="alert(1)">')
    assert "onerror" not in dirty


def test_blockquote_still_works():
    assert "<blockquote>" in render_markdown("> quoted")


def test_korean_and_thai_text_survive():
    html = render_markdown("비밀번호를 잊었어요 **ลืมรหัสผ่าน**")
    assert "비밀번호를 잊었어요" in html
    assert "<strong>ลืมรหัสผ่าน</strong>" in html


def test_plain_text_strips_markup_and_cuts_unspaced_text():
    assert plain_text("**bold** and `code`") == "bold and code"
    thai = "ฉันลืมรหัสผ่านและไม่สามารถเข้าสู่ระบบได้" * 3
    short = plain_text(thai, limit=20)
    assert short.endswith("…")
    assert len(short) <= 21
