"""Browser journey: sign up, verify from the mail outbox, land on the profile; axe on the home page."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tests.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_verify_and_land_on_profile(page, live_server):
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", "browser@example.com")
    page.fill("input[name=display_name]", "브라우저 사용자")
    page.fill("input[name=password1]", "a-Long-pass-phrase-42")
    page.fill("input[name=password2]", "a-Long-pass-phrase-42")
    page.click("form[action='/accounts/signup/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = "/accounts/" + link.split("/accounts/", 1)[1]
    page.goto(path)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert re.search(r"/members/\d+/$", page.url)
    assert page.locator("h1").inner_text() == "브라우저 사용자"


def test_home_page_has_no_serious_accessibility_violations(page, live_server):
    call_command("seed_demo", "--no-logins", stdout=StringIO(), stderr=StringIO())
    page.goto("/")
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_home_page_works_at_360px_without_horizontal_scroll(browser, live_server):
    call_command("seed_demo", "--no-logins", stdout=StringIO(), stderr=StringIO())
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto("/")
    scroll_width = tab.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert scroll_width <= 360
