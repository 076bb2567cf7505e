"""Search indexes of the knowledge base (owned by the search work: community/search/)."""

from __future__ import annotations

from haystack import indexes

from community.sanitizer import plain_text
from community.search.indexes import PUBLIC, STAFF, CommunityIndex, SearchDocument
from kb.models import ArticlePage, Audience, CategoryPage, FAQPage


def _stream_text(value) -> str:
    """Plain text of a StreamField, as Wagtail would index it."""
    if not value:
        return ""
    try:
        parts = value.stream_block.get_searchable_content(value)
    except Exception:  # a block without searchable content must not stop indexing
        parts = [str(value)]
    return plain_text("\n".join(str(p) for p in parts if p))


def _category(page) -> str:
    parent = page.get_parent()
    if parent is not None and parent.specific_class is CategoryPage:
        return parent.title
    return ""


def _page_url(page) -> str:
    return page.get_url() or page.url_path


def _audience(page) -> str:
    return PUBLIC if page.audience == Audience.PUBLIC else STAFF


class ArticlePageIndex(CommunityIndex, indexes.Indexable):
    """Live KB articles; staff-only ones are indexed with ``audience=staff``."""

    def get_model(self):
        return ArticlePage

    def index_queryset(self, using=None):
        return ArticlePage.objects.live().public()

    def public_queryset(self):
        return self.index_queryset().filter(audience=Audience.PUBLIC)

    def prepare_document(self, obj) -> SearchDocument:
        body = "\n".join(p for p in (obj.summary, _stream_text(obj.body)) if p)
        return SearchDocument(
            title=obj.title,
            body=body,
            url=_page_url(obj),
            doc_type="article",
            audience=_audience(obj),
            category=_category(obj),
            tags=sorted(obj.tags.names()),
            created=obj.first_published_at,
            updated=obj.last_published_at,
        )


class FAQPageIndex(CommunityIndex, indexes.Indexable):
    """Live FAQ pages (all their questions and answers as one document)."""

    def get_model(self):
        return FAQPage

    def index_queryset(self, using=None):
        return FAQPage.objects.live().public()

    def public_queryset(self):
        return self.index_queryset().filter(audience=Audience.PUBLIC)

    def prepare_document(self, obj) -> SearchDocument:
        body = "\n".join(p for p in (obj.intro, _stream_text(obj.questions)) if p)
        return SearchDocument(
            title=obj.title,
            body=body,
            url=_page_url(obj),
            doc_type="faq",
            audience=_audience(obj),
            category=_category(obj),
            created=obj.first_published_at,
            updated=obj.last_published_at,
        )
