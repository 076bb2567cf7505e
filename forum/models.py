"""Models of the community forum: categories, threads, posts (question and answers), comments, votes.

A thread's question body is its first ``Post`` (``kind=question``); answers are ``Post`` rows with
``kind=answer``. Votes, flags, edits and hiding therefore work the same on questions and answers.
Writes go through ``forum.services``; reads through ``forum.selectors``.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase


def _is_slug_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN" or char in "-_"


def unicode_slug(text: str, *, max_length: int = 80) -> str:
    """A URL slug that keeps every script whole (never empty).

    Letters, digits *and marks* are kept: Django's ``slugify`` drops Unicode category M, which
    turns Thai "ใบแจ้งหนี้" into the misspelt "ใบแจงหน". Anything else separates words.
    """
    text = unicodedata.normalize("NFC", str(text)).lower()
    kept = "".join(char if _is_slug_char(char) else " " for char in text)
    return "-".join(kept.split())[:max_length].strip("-_") or "t"


def validate_unicode_slug(value: str) -> None:
    """Letters, marks and digits of any script, hyphens and underscores (see ``unicode_slug``)."""
    if not value or not all(_is_slug_char(char) for char in value):
        raise ValidationError(
            _("Use letters, digits and hyphens only (any script)."), code="invalid"
        )


class PublicationStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING_APPROVAL = "pending_approval", _("Waiting for approval")


class Category(models.Model):
    """A forum section; also carries the escalation rule used by the escalation app."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.CharField(
        _("slug"), max_length=120, unique=True, validators=[validate_unicode_slug]
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    escalation_enabled = models.BooleanField(
        _("escalate unresolved threads"),
        default=False,
        help_text=_("Open a support ticket when a question stays unresolved too long."),
    )
    escalate_unaccepted_after_hours = models.PositiveIntegerField(
        _("escalate without accepted answer after (hours)"), default=72
    )
    escalate_unanswered_after_hours = models.PositiveIntegerField(
        _("escalate without any answer after (hours)"), default=24
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:category", kwargs={"slug": self.slug})


class ThreadTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "forum.Thread", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("thread tag")
        verbose_name_plural = _("thread tags")


class AuthorLabelMixin:
    """The byline of something written: the member's public name, else the name an import kept
    (a deleted Stack Exchange account), else "a former member". Needs ``author`` selected."""

    @property
    def author_label(self) -> str:
        if self.author_id:
            return str(self.author.public_name)
        return self.author_name or str(_("a former member"))


class Thread(AuthorLabelMixin, models.Model):
    """A question or a discussion; its body is the ``Post`` of kind ``question``."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        DISCUSSION = "discussion", _("Discussion")

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="threads", verbose_name=_("category")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.QUESTION)
    title = models.CharField(_("title"), max_length=200)
    slug = models.CharField(
        _("slug"), max_length=80, blank=True, validators=[validate_unicode_slug]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_threads",
        verbose_name=_("author"),
    )
    # The name shown when there is no member behind the text (e.g. an imported post by a deleted
    # Stack Exchange account, whose dump row has OwnerDisplayName but no OwnerUserId).
    author_name = models.CharField(_("author name"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    tags = TaggableManager(through=ThreadTag, blank=True, verbose_name=_("tags"))
    # Denormalised counters, updated with F() expressions by the services.
    score = models.IntegerField(_("score"), default=0)
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    accepted_answer = models.ForeignKey(
        "forum.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted answer"),
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_from_public_reason = models.CharField(
        _("why hidden from the public"), max_length=40, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    import_source = models.CharField(_("import source"), max_length=100, blank=True)
    import_id = models.CharField(_("import id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        constraints = [
            models.UniqueConstraint(
                fields=["import_source", "import_id"],
                condition=~Q(import_id=""),
                name="forum_thread_unique_import",
            )
        ]
        indexes = [
            models.Index(fields=["category", "-last_activity_at"], name="forum_thread_cat_active"),
            models.Index(fields=["-last_activity_at"], name="forum_thread_active"),
            models.Index(fields=["-score"], name="forum_thread_score"),
            models.Index(fields=["answer_count", "created_at"], name="forum_thread_unanswered"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", kwargs={"pk": self.pk, "slug": self.slug or "t"})

    @property
    def is_solved(self) -> bool:
        return self.accepted_answer_id is not None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class Post(AuthorLabelMixin, models.Model):
    """The question of a thread or one of its answers."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        ANSWER = "answer", _("Answer")

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_posts",
        verbose_name=_("author"),
    )
    # The name shown when there is no member behind the text (e.g. an imported post by a deleted
    # Stack Exchange account, whose dump row has OwnerDisplayName but no OwnerUserId).
    author_name = models.CharField(_("author name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    body_markdown = models.TextField(_("body"))
    body_html = models.TextField(_("rendered body"), blank=True)
    score = models.IntegerField(_("score"), default=0)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("why hidden"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
    )
    is_accepted = models.BooleanField(_("accepted"), default=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    is_staff_answer = models.BooleanField(_("answer from the support team"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    import_source = models.CharField(_("import source"), max_length=100, blank=True)
    import_id = models.CharField(_("import id"), max_length=64, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(
                fields=["thread"],
                condition=Q(is_accepted=True),
                name="forum_post_one_accepted_per_thread",
            ),
            models.UniqueConstraint(
                fields=["thread"],
                condition=Q(kind="question"),
                name="forum_post_one_question_per_thread",
            ),
            models.CheckConstraint(
                condition=Q(is_accepted=False) | Q(kind="answer"),
                name="forum_post_only_answers_accepted",
            ),
            models.UniqueConstraint(
                fields=["import_source", "import_id"],
                condition=~Q(import_id=""),
                name="forum_post_unique_import",
            ),
        ]
        indexes = [
            models.Index(fields=["thread", "kind"], name="forum_post_thread_kind"),
            models.Index(fields=["author", "-created_at"], name="forum_post_author_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return f"{reverse('forum:post', kwargs={'pk': self.pk})}"

    @property
    def is_question(self) -> bool:
        return self.kind == self.Kind.QUESTION

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class PostRevision(models.Model):
    """The body (and title, for questions) of a post before an edit; moderators see the history."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("post")
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("editor"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    body_markdown = models.TextField(_("body"))
    tags = models.CharField(_("tags"), max_length=500, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")

    def __str__(self) -> str:
        return f"{self.post} @ {self.created_at:%Y-%m-%d %H:%M}"


class Comment(AuthorLabelMixin, models.Model):
    """A short remark under a question or an answer."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="comments", verbose_name=_("post")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_comments",
        verbose_name=_("author"),
    )
    # The name shown when there is no member behind the text (e.g. an imported post by a deleted
    # Stack Exchange account, whose dump row has OwnerDisplayName but no OwnerUserId).
    author_name = models.CharField(_("author name"), max_length=80, blank=True)
    body = models.TextField(_("comment"), max_length=1000)
    body_html = models.TextField(_("rendered comment"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
    )
    import_source = models.CharField(_("import source"), max_length=100, blank=True)
    import_id = models.CharField(_("import id"), max_length=64, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.UniqueConstraint(
                fields=["import_source", "import_id"],
                condition=~Q(import_id=""),
                name="forum_comment_unique_import",
            )
        ]

    def __str__(self) -> str:
        return self.body[:60]


class Vote(models.Model):
    """One member's up (+1) or down (-1) vote on a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_votes"
    )
    value = models.SmallIntegerField(_("value"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    import_source = models.CharField(_("import source"), max_length=100, blank=True)
    import_id = models.CharField(_("import id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["post", "voter"], name="forum_vote_one_per_member"),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="forum_vote_value"),
        ]

    def __str__(self) -> str:
        return f"{self.value:+d} on {self.post_id}"


class Follow(models.Model):
    """A member follows a thread or a whole category (exactly one of the two)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_follows"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=(Q(thread__isnull=False, category__isnull=True))
                | (Q(thread__isnull=True, category__isnull=False)),
                name="forum_follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="forum_follow_unique_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=Q(category__isnull=False),
                name="forum_follow_unique_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.thread_id or self.category_id}"


class ThreadView(models.Model):
    """One counted view of a thread per viewer (member id or hashed visitor key) per day.

    The cache answers repeated views, so only the first view of the day writes here.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="views")
    viewer_key = models.CharField(_("viewer"), max_length=64)
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("thread view")
        verbose_name_plural = _("thread views")
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "viewer_key", "day"], name="forum_threadview_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} {self.viewer_key} {self.day}"


class ForumCategory(Category):
    """Categories as the back office manages them (name, slug, description, order).

    A proxy, so the forum's screen has its own permission policy; the escalation rules of the same
    rows are edited on the support desk's screen.
    """

    class Meta:
        proxy = True
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
