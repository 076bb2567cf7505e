"""Demo content of KB gaps: run the detector over the forum, desk and search demo data."""

from __future__ import annotations

from community.demo import DemoContext
from escalation.gaps.models import Gap


def seed(ctx: DemoContext) -> dict[str, int]:
    """Detect gaps on the demo data (idempotent: a re-run keeps the same gaps and ids)."""
    from escalation.gaps.detection import gaps_detect

    before = Gap.objects.count()
    gaps_detect()
    ctx.progress(1)
    return {"KB gaps": Gap.objects.count() - before}
