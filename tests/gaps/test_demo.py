"""The KB-gap demo plants a recurring question, finds it as a gap, and is idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command

from escalation.gaps.models import DetectionRun, Gap, GapKind

pytestmark = pytest.mark.django_db


def test_seed_demo_shows_a_gap_and_seeding_again_changes_nothing():
    call_command("seed_demo", "--no-logins", stdout=StringIO(), stderr=StringIO())
    gaps = list(Gap.objects.filter(kind=GapKind.GAP).values_list("pk", "asker_count"))
    assert gaps
    assert any(askers >= 4 for _pk, askers in gaps)
    runs = DetectionRun.objects.count()
    call_command("seed_demo", "--no-logins", stdout=StringIO(), stderr=StringIO())
    assert list(Gap.objects.filter(kind=GapKind.GAP).values_list("pk", "asker_count")) == gaps
    assert DetectionRun.objects.count() == runs
