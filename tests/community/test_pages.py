"""The site shell: home page, landmarks, error pages, nothing loaded from the internet."""

import re
from io import StringIO

from django.core.management import call_command
from django.test import override_settings


def seeded(db):
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())


def test_home_page_has_one_h1_landmarks_skip_link_and_search(client, db):
    seeded(db)
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    for landmark in ('role="banner"', "<main", 'role="contentinfo"', 'role="search"'):
        assert landmark in html
    assert 'class="skip-link" href="#main"' in html


def test_pages_load_nothing_from_the_internet(client, db):
    seeded(db)
    html = client.get("/").content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []


def test_unknown_page_is_styled_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "find that page" in response.content.decode()


@override_settings(DEBUG=False)
def test_500_page_is_styled(db):
    from django.test import RequestFactory

    from community.views import error_500

    response = error_500(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
