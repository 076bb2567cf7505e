"""Detection on the database: gaps, cues, stable ids, new evidence, dismissal rules."""

from __future__ import annotations

import pytest

from escalation.gaps.detection import gaps_detect
from escalation.gaps.models import Gap, GapEvidence, GapKind, GapStatus
from escalation.gaps.services import gap_dismiss
from tests.gaps.conftest import EXPORT_INVOICES

pytestmark = pytest.mark.django_db

NOISE = [
    ("Change the language of the dashboard", "It shows German, I want English."),
    ("Two-factor codes never arrive by SMS", "No text message with the code."),
    ("Password must contain a symbol error", "Sign up says my password needs a symbol."),
    ("Where is my order? Tracking shows nothing", "The order tracking page is blank."),
    ("Error 502 when opening reports", "The reports page shows error 502."),
]


def plant(ask, rows=EXPORT_INVOICES, days_ago=1):
    return [ask(title, body, days_ago=days_ago) for title, body in rows]


def test_planted_topic_in_varied_wording_is_a_gap(ask):
    threads = plant(ask)
    for title, body in NOISE:
        ask(title, body)
    result = gaps_detect()
    gaps = list(Gap.objects.filter(kind=GapKind.GAP))
    assert len(gaps) == 1
    gap = gaps[0]
    assert gap.status == GapStatus.OPEN
    assert gap.asker_count == 4
    assert gap.thread_count == 4
    assert set(gap.evidence.values_list("source_id", flat=True)) == {str(t.pk) for t in threads}
    assert any(term.startswith("invoice") for term in gap.key_terms)
    assert gap.weekly and sum(gap.weekly.values()) == 4
    assert gap.first_seen <= gap.last_seen
    assert result.run.gap_count == 1


def test_unrelated_threads_sharing_common_words_are_not_a_gap(ask):
    for title, body in [
        ("Password reset email never arrives", "No email after reset."),
        ("Password must contain a symbol error", "Sign up says my password needs a symbol."),
        ("Change password on the mobile app", "Where is the change password screen?"),
        ("Order error at checkout", "Checkout shows an error for my order."),
        ("Cancel an order before it ships", "Wrong size ordered."),
        ("Order confirmation email error", "Got an error email about my order."),
    ]:
        ask(title, body)
    gaps_detect()
    assert not Gap.objects.exists()


def test_fewer_askers_than_the_minimum_is_no_gap(ask, settings):
    settings.KB_GAP_MIN_ASKERS = 5
    plant(ask)
    gaps_detect()
    assert not Gap.objects.exists()


def test_same_person_asking_again_counts_once(ask, asker):
    for title, body in EXPORT_INVOICES[:3]:
        ask(title, body, author=asker)
    gaps_detect()
    assert not Gap.objects.exists()


def test_duplicate_closed_by_moderator_counts_towards_its_original(ask):
    original = plant(ask, EXPORT_INVOICES[:2])
    dup = ask("Spreadsheet of all my bills?", "Need them for my accountant.")
    dup.duplicate_of = original[0]
    dup.save(update_fields=["duplicate_of"])
    gaps_detect()
    gap = Gap.objects.get()
    assert str(dup.pk) in set(gap.evidence.values_list("source_id", flat=True))
    assert gap.asker_count == 3


def test_old_demand_outside_the_window_is_ignored(ask):
    plant(ask, days_ago=200)
    gaps_detect(window_days=90)
    assert not Gap.objects.exists()


def test_topic_an_article_answers_is_not_a_gap(ask, kb):
    plant(ask, days_ago=30)
    kb.article(
        "Export invoices to CSV",
        "Open Billing, choose Invoices, then Export to CSV to download every invoice.",
        summary="Download all your invoices as a CSV file.",
    )
    # The article was published after the questions: no recurrence, no cue either.
    from django.utils import timezone

    from kb.models import ArticlePage

    ArticlePage.objects.update(first_published_at=timezone.now())
    gaps_detect()
    assert not Gap.objects.exists()


def test_covered_topic_that_keeps_recurring_is_an_article_not_working_cue(ask, kb):
    article = kb.article(
        "Export invoices to CSV",
        "Open Billing, choose Invoices, then Export to CSV to download every invoice.",
        summary="Download all your invoices as a CSV file.",
    )
    from datetime import timedelta

    from django.utils import timezone

    from kb.models import ArticlePage

    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=timezone.now() - timedelta(days=60)
    )
    plant(ask, days_ago=2)
    result = gaps_detect()
    assert not Gap.objects.filter(kind=GapKind.GAP).exists()
    cue = Gap.objects.get(kind=GapKind.CUE)
    assert cue.covering_article_id == article.pk
    assert cue.asker_count == 4
    assert result.run.cue_count == 1


def test_rerun_on_same_data_keeps_the_same_gap_and_id(ask):
    plant(ask)
    gaps_detect()
    first = Gap.objects.get()
    evidence_ids = sorted(GapEvidence.objects.values_list("pk", flat=True))
    gaps_detect()
    again = Gap.objects.get()
    assert (again.pk, again.key) == (first.pk, first.key)
    assert sorted(GapEvidence.objects.values_list("pk", flat=True)) == evidence_ids


def test_new_evidence_joins_the_existing_gap(ask):
    plant(ask, EXPORT_INVOICES[:3])
    gaps_detect()
    gap = Gap.objects.get()
    newcomer = ask(*EXPORT_INVOICES[3])
    gaps_detect()
    assert Gap.objects.get().pk == gap.pk
    gap.refresh_from_db()
    assert gap.asker_count == 4
    assert gap.evidence.filter(source_id=str(newcomer.pk)).exists()


def test_dismissed_gap_stays_dismissed_when_it_grows_a_little(ask, editor, settings):
    settings.KB_GAP_REOPEN_FACTOR = 2.0
    plant(ask, EXPORT_INVOICES[:3])
    gaps_detect()
    gap = gap_dismiss(gap=Gap.objects.get(), actor=editor, reason="Covered by the billing FAQ.")
    ask(*EXPORT_INVOICES[3])
    gaps_detect()
    gap.refresh_from_db()
    assert gap.status == GapStatus.DISMISSED
    assert gap.asker_count == 4


def test_dismissed_gap_reopens_when_it_grows_by_the_factor(ask, editor, settings):
    settings.KB_GAP_REOPEN_FACTOR = 2.0
    plant(ask, EXPORT_INVOICES[:3])
    gaps_detect()
    gap = gap_dismiss(gap=Gap.objects.get(), actor=editor, reason="Rare.")
    plant(ask, EXPORT_INVOICES * 1)
    gaps_detect()
    gap.refresh_from_db()
    assert gap.asker_count >= 6
    assert gap.status == GapStatus.OPEN
    assert gap.events.filter(action="reopened").exists()


def test_failed_searches_count_as_demand(ask):
    from community.search.models import SearchLog

    plant(ask, EXPORT_INVOICES[:2])
    SearchLog.objects.create(query="export invoices csv", result_count=0, role="member")
    gaps_detect()
    gap = Gap.objects.get()
    assert gap.search_count == 1
    assert gap.asker_count == 3


KOREAN_RESET = [
    ("비밀번호 재설정 메일이 오지 않아요", "비밀번호를 잊어서 재설정을 눌렀는데 메일이 안 와요."),
    ("재설정 메일이 안 와요", "비밀번호 찾기를 했는데 메일이 오지 않아요."),
    ("비밀번호 재설정 메일이 안 와요", "재설정 메일이 오지 않습니다. 스팸함에도 없어요."),
]
THAI_RESET = [
    ("ไม่ได้รับอีเมลรีเซ็ตรหัสผ่าน", "ขอรีเซ็ตรหัสผ่านแล้วแต่ไม่มีอีเมลเข้ามา"),
    ("อีเมลรีเซ็ตรหัสผ่านไม่มา", "รอนานแล้วยังไม่ได้รับอีเมลรีเซ็ตรหัสผ่าน"),
    ("ยังไม่ได้รับอีเมลรีเซ็ตรหัสผ่าน", "กดรีเซ็ตรหัสผ่านหลายครั้งแต่อีเมลไม่มา"),
]


def test_korean_and_thai_topics_become_gaps_with_their_own_titles(client, ask, editor):
    korean = plant(ask, KOREAN_RESET)
    thai = plant(ask, THAI_RESET)
    ask("비밀번호 변경은 어디서 하나요?", "설정에서 비밀번호를 바꾸고 싶어요.")
    ask("เปลี่ยนภาษาของแอป", "อยากเปลี่ยนภาษาเป็นภาษาอังกฤษ")
    gaps_detect()
    gaps = {gap.title: gap for gap in Gap.objects.filter(kind=GapKind.GAP)}
    assert len(gaps) == 2, list(gaps)
    by_members = {
        frozenset(g.evidence.values_list("source_id", flat=True)): g for g in gaps.values()
    }
    assert frozenset(str(t.pk) for t in korean) in by_members
    assert frozenset(str(t.pk) for t in thai) in by_members
    korean_gap = by_members[frozenset(str(t.pk) for t in korean)]
    assert korean_gap.title in {title for title, _body in KOREAN_RESET}
    client.force_login(editor)
    page = client.get(korean_gap.get_absolute_url()).content.decode()
    assert korean_gap.title in page and KOREAN_RESET[1][0] in page
    first_ids = sorted(Gap.objects.values_list("pk", flat=True))
    gaps_detect()
    assert sorted(Gap.objects.values_list("pk", flat=True)) == first_ids
