"""Demo content of the escalation app, called by ``seed_demo`` (filled by the escalation work)."""

from __future__ import annotations

from community.demo import DemoContext


def seed(ctx: DemoContext) -> dict[str, int]:
    return {}
