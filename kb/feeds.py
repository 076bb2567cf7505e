"""Atom feed of recently updated public articles (served by the KB home's ``feed/`` route)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from kb.selectors import public_articles

FEED_SIZE = 20


class RecentArticlesFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, kb_home) -> None:
        super().__init__()
        self.kb_home = kb_home

    def title(self) -> str:
        return _("%(site)s: recently updated articles") % {"site": settings.SITE_NAME}

    def subtitle(self) -> str:
        return self.kb_home.intro

    def link(self) -> str:
        return self.kb_home.url

    def items(self):
        # Public only, whoever asks: feed readers cache and share what they fetch.
        return (
            public_articles()
            .descendant_of(self.kb_home)
            .defer_streamfields()
            .order_by("-last_published_at")[:FEED_SIZE]
        )

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary

    def item_link(self, item) -> str:
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
