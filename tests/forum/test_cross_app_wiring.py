"""The thread and ask pages carry the other apps' parts: escalation, KB-gap article link, similar box."""

from django.urls import reverse

from escalation.gaps.models import EvidenceSource, Gap, GapEvidence, GapStatus
from escalation.services.forum import ticket_create_from_thread
from forum.moderation.selectors import contains_link
from tests.factories import ThreadFactory


def test_escalated_thread_shows_neutral_notice_without_private_details(client, asker, agent):
    thread = ThreadFactory(author=asker, title="Refund never arrived")
    ticket_create_from_thread(
        thread=thread,
        requester=asker,
        actor=agent,
        reason="Order 55-1234 needs a manual refund",
        body="Private: card ending 4242",
    )
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Our support team is looking into this" in html
    assert "4242" not in html
    assert "55-1234" not in html


def test_staff_see_convert_to_ticket_and_members_do_not(client, asker, agent, member):
    thread = ThreadFactory(author=asker)
    client.force_login(agent)
    assert "Convert to ticket" in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(member)
    assert "Convert to ticket" not in client.get(thread.get_absolute_url()).content.decode()


def test_thread_of_a_closed_gap_links_to_the_article(client, asker):
    thread = ThreadFactory(author=asker)
    gap = Gap.objects.create(
        key="k1",
        title="Exporting invoices",
        status=GapStatus.CLOSED,
        article_url="/kb/billing/export-invoices/",
    )
    GapEvidence.objects.create(
        gap=gap,
        item_key=f"thread:{thread.pk}",
        source=EvidenceSource.THREAD,
        source_id=str(thread.pk),
        asker_key=str(asker.pk),
        title=thread.title,
    )
    html = client.get(thread.get_absolute_url()).content.decode()
    assert 'href="/kb/billing/export-invoices/"' in html
    assert "See the article" in html


def test_ask_form_has_the_similar_questions_box(client, member):
    client.force_login(member)
    html = client.get(reverse("forum:ask") + "?title=Refund").content.decode()
    assert "data-similar-box" in html
    assert 'data-title-input="#id_title"' in html


def test_mentions_are_not_links_for_the_spam_defence():
    assert not contains_link("thanks @[김민지](12) for the tip")
    assert contains_link("see [here](https://spam.example)")
