"""Demo content of the knowledge base, called by ``seed_demo``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from community.demo import DemoContext
from kb.models import KnowledgeBaseIndexPage


def seed(ctx: DemoContext) -> dict[str, int]:
    """Create the KB home under the site's home page (idempotent)."""
    kb_home = KnowledgeBaseIndexPage.objects.first()
    created = 0
    if kb_home is None:
        kb_home = KnowledgeBaseIndexPage(
            title=_("Knowledge base"),
            slug="kb",
            intro=_("Guides and answers for every part of Acme Cloud."),
        )
        ctx.home_page.add_child(instance=kb_home)
        kb_home.save_revision().publish()
        created = 1
    ctx.pages["kb_home"] = kb_home
    ctx.progress(1)
    return {"KB pages": created}
