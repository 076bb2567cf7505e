"""Demo content of the forum app, called by ``seed_demo`` (filled by the forum work)."""

from __future__ import annotations

from community.demo import DemoContext


def seed(ctx: DemoContext) -> dict[str, int]:
    return {}
