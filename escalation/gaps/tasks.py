"""Background entry points of KB gap detection (scheduled, or the staff "Run now" button)."""

from __future__ import annotations

from django_tasks import task


@task()
def detect_kb_gaps(window_days: int | None = None) -> dict:
    """Run the detector; returns the run's counts."""
    from escalation.gaps.detection import gaps_detect

    result = gaps_detect(window_days=window_days)
    run = result.run
    return {
        "items": run.item_count,
        "topics": run.topic_count,
        "gaps": run.gap_count,
        "cues": run.cue_count,
    }
