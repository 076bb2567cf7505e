"""factory_boy factories and the named personas every test reuses."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from community.models import User
from community.roles import Role

DEFAULT_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        from community.services import role_groups_ensure

        role_groups_ensure()
        names = [Role.MEMBER, *(extracted or [])]
        self.groups.add(*Group.objects.filter(name__in=names))
        self.save()
        EmailAddress.objects.get_or_create(
            user=self, email=self.email, defaults={"verified": True, "primary": True}
        )


def make_user(username: str, *roles: str, **fields) -> User:
    """A verified member with the given roles (names from ``community.roles.Role``)."""
    return UserFactory(username=username, roles=list(roles), **fields)


# --- forum ---------------------------------------------------------------------------------


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forum.Category"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = "Questions about this part of Acme Cloud."


class ThreadFactory(factory.django.DjangoModelFactory):
    """A published question thread with its question post (``body``)."""

    class Meta:
        model = "forum.Thread"
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"How do I configure feature {n}?")
    slug = factory.LazyAttribute(lambda o: f"thread-{abs(hash(o.title)) % 10_000}")
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def body(self, create, extracted, **kwargs):
        if not create:
            return
        from forum.markup import render_body
        from forum.models import Post

        text = extracted or "I tried the settings page but nothing changed. What am I missing?"
        Post.objects.create(
            thread=self,
            author=self.author,
            kind=Post.Kind.QUESTION,
            body_markdown=text,
            body_html=render_body(text).html,
            created_at=self.created_at,
        )


class AnswerFactory(factory.django.DjangoModelFactory):
    """A published answer (counters on the thread are updated like the service does)."""

    class Meta:
        model = "forum.Post"

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    kind = "answer"
    body_markdown = "Open Settings → Billing and press **Save** again."
    body_html = "<p>Open Settings → Billing and press <strong>Save</strong> again.</p>"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from django.db.models import F

        from forum.models import Thread

        post = super()._create(model_class, *args, **kwargs)
        Thread.objects.filter(pk=post.thread_id).update(answer_count=F("answer_count") + 1)
        return post


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forum.Comment"

    post = factory.SubFactory(AnswerFactory)
    author = factory.SubFactory(UserFactory)
    body = "Thanks, that worked."
    body_html = "<p>Thanks, that worked.</p>"


# --- escalation ------------------------------------------------------------------------------


class SupportGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "escalation.SupportGroup"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class BusinessHoursFactory(factory.django.DjangoModelFactory):
    """Monday–Friday 09:00–17:00 in UTC unless told otherwise."""

    class Meta:
        model = "escalation.BusinessHours"

    name = factory.Sequence(lambda n: f"Office hours {n}")
    timezone = "UTC"
    working_days = factory.LazyFunction(lambda: [0, 1, 2, 3, 4])


class SlaPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "escalation.SlaPolicy"
        django_get_or_create = ("priority",)

    priority = "normal"
    first_response_hours = 4
    resolution_hours = 24


class MacroFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "escalation.Macro"

    title = factory.Sequence(lambda n: f"Macro {n}")
    body = "Hi {{ requester.first_name }}, thanks for reaching out about #{{ ticket.number }}."


def make_ticket(
    requester, *, subject: str = "My invoice is wrong", body: str = "Please help.", **kwargs
):
    """A ticket created through the service (number, first message, emails, audit row)."""
    from escalation.services.tickets import ticket_create

    return ticket_create(requester=requester, subject=subject, body=body, **kwargs)


# --- kb factories ---
# Wagtail pages are created with ``add_child`` and published through a revision, as editors do.


def make_kb_home(*, title: str = "Knowledge base", slug: str = "kb"):
    """The site home (default site) and the KB home with editor permissions and workflow."""
    from community.demo import seed_home_page
    from kb import services as kb_services
    from kb.models import KnowledgeBaseIndexPage

    home, _ = seed_home_page()
    kb_home = KnowledgeBaseIndexPage.objects.first()
    if kb_home is None:
        kb_home = KnowledgeBaseIndexPage(title=title, slug=slug, intro="Guides and answers.")
        home.add_child(instance=kb_home)
        kb_home.save_revision().publish()
    kb_services.kb_editorial_setup(kb_home=kb_home)
    return kb_home


def _publish(parent, page, *, live: bool = True):
    parent.add_child(instance=page)
    revision = page.save_revision(user=page.owner)
    if live:
        revision.publish(user=page.owner)
    else:
        page.live = False
        page.save(update_fields=["live"])
    page.refresh_from_db()
    return page


def make_category(parent, title: str = "Billing", **fields):
    from kb.blocks import page_slug
    from kb.models import CategoryPage

    fields.setdefault("slug", page_slug(title))
    return _publish(parent, CategoryPage(title=title, **fields))


_article_numbers = iter(range(1, 1_000_000))


def make_article(
    parent,
    title: str | None = None,
    *,
    body: list | None = None,
    tags: list[str] | None = None,
    live: bool = True,
    **fields,
):
    """A published article; ``audience="staff"`` for a staff-only one."""
    from kb.blocks import page_slug
    from kb.models import ArticlePage

    title = title or f"How to do thing {next(_article_numbers)}"
    fields.setdefault("slug", page_slug(title))
    fields.setdefault("summary", f"Short summary of {title}.")
    article = ArticlePage(title=title, **fields)
    article.body = body or [
        {"type": "heading", "value": {"text": "Before you start", "level": "h2"}},
        {"type": "paragraph", "value": "<p>You need an account.</p>"},
        {"type": "heading", "value": {"text": "Do it", "level": "h2"}},
        {"type": "steps", "value": {"steps": [{"title": "", "text": "<p>Click it.</p>"}]}},
    ]
    article.tags.set(tags or [])
    return _publish(parent, article, live=live)


def make_faq(parent, title: str = "Billing FAQ", *, questions=None, **fields):
    from kb.blocks import page_slug
    from kb.models import FAQPage

    fields.setdefault("slug", page_slug(title))
    faq = FAQPage(title=title, intro="Quick answers.", **fields)
    pairs = questions or [
        ("Do you take PayPal?", "<p>Yes.</p>"),
        ("Is VAT included?", "<p>No.</p>"),
    ]
    faq.questions = [
        {"type": "qa", "value": {"question": q, "answer": a, "anchor": ""}} for q, a in pairs
    ]
    return _publish(parent, faq)
