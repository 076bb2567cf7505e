"""Load a Stack Exchange data dump into the forum: members, threads, answers, comments, votes.

Idempotent: every row is keyed by its source id (``import_source`` + ``import_id`` on threads,
posts, comments and votes; a ``se-<site>-<id>`` username for members), so a second run finds
everything present and changes nothing. Streaming: rows are read with ``iter_records`` and written
in batches; ids are resolved per batch with one query, so memory does not grow with the dump.
Bad rows are counted, reported and skipped. Rows are bulk-created without signals, so the search
index is not updated row by row: run ``manage.py search_rebuild`` after an import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from community import reputation
from community.models import NotificationFrequency, Profile, ReputationEvent, User
from community.roles import Role
from community.sanitizer import render_markdown
from forum.importers import stackexchange as se
from forum.models import (
    Category,
    Comment,
    Post,
    PublicationStatus,
    Thread,
    ThreadTag,
    Vote,
    unicode_slug,
)

BATCH_SIZE = 500
PLACEHOLDER_EMAIL_DOMAIN = "import.invalid"  # RFC 2606: can never receive mail


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)
    ignored: dict[str, int] = field(default_factory=dict)
    stats: se.ReadStats = field(default_factory=se.ReadStats)

    def add(self, bucket: str, name: str, count: int = 1) -> None:
        target = getattr(self, bucket)
        target[name] = target.get(name, 0) + count

    @property
    def ignored_count(self) -> int:
        return sum(self.ignored.values()) + sum(self.stats.ignored.values())

    def summary(self) -> str:
        parts = [f"{self.created.get(k, 0)} {k}" for k in _KINDS]
        existing = sum(self.existing.values())
        return (
            "Imported "
            + ", ".join(parts)
            + f"; {existing} already present; {self.stats.bad_count} bad rows skipped"
            + (f"; {len(self.stats.file_errors)} file errors" if self.stats.file_errors else "")
            + (
                f"; {self.ignored_count} rows of other kinds ignored (see report)"
                if self.ignored_count
                else ""
            )
        )

    def ignored_lines(self) -> list[str]:
        """What was left out on purpose, by file and reason (for the report)."""
        reasons = {**self.stats.ignored, **{f"Votes.xml: {k}": v for k, v in self.ignored.items()}}
        return [f"IGNORED {count} × {reason}" for reason, count in sorted(reasons.items())]


_KINDS = ["members", "threads", "answers", "comments", "votes", "accepted", "duplicates"]


def _batches(iterable: Iterable, size: int = BATCH_SIZE) -> Iterator[list]:
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


class StackExchangeImporter:
    """One import run of one dump folder into one category."""

    def __init__(
        self,
        directory: Path,
        *,
        category: Category,
        site: str = "",
        progress: Callable[[Iterable, str], Iterable] | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.category = category
        self.site = slugify(site or self.directory.name) or "site"
        self.source = f"stackexchange:{self.site}"[:100]
        self.progress = progress or (lambda rows, _label: rows)
        self.result = ImportResult()
        self.member_group = Group.objects.filter(name=Role.MEMBER).first()

    # --- helpers -------------------------------------------------------------------------

    def _file(self, name: str) -> Path | None:
        path = self.directory / name
        return path if path.exists() else None

    def _records(self, name: str, parse, *, report: bool = True, **kwargs):
        """Parsed rows of a dump file; ``report=False`` on a second pass (already reported)."""
        path = self._file(name)
        if path is None:
            return iter(())
        stats = self.result.stats if report else se.ReadStats(max_details=0)
        rows = se.iter_records(path, parse, stats, **kwargs)
        return self.progress(rows, name)

    def username(self, source_user_id: int) -> str:
        return f"se-{self.site}-{source_user_id}"[:150]

    def _users_by_source_id(self, ids: Iterable[int | None]) -> dict[int, User]:
        wanted = {self.username(i): i for i in ids if i is not None and i > 0}
        users = User.objects.filter(username__in=list(wanted))
        return {wanted[user.username]: user for user in users}

    def _posts_by_source_id(self, ids: Iterable[int | None], **filters) -> dict[int, Post]:
        keys = [str(i) for i in ids if i is not None]
        posts = Post.objects.filter(import_source=self.source, import_id__in=keys, **filters)
        return {int(post.import_id): post for post in posts}

    # --- members -------------------------------------------------------------------------

    def _create_members(self, people: list[tuple[int, str, object, str]]) -> dict[int, User]:
        """Create members (source id, name, joined, bio) that do not exist yet; return all."""
        existing = self._users_by_source_id(p[0] for p in people)
        new_users = []
        bios = {}
        for source_id, name, joined, bio in people:
            if source_id in existing or source_id <= 0:
                continue
            user = User(
                username=self.username(source_id),
                email=f"{self.username(source_id)}@{PLACEHOLDER_EMAIL_DOMAIN}",
                display_name=name[:80],
                date_joined=joined or timezone.now(),
            )
            user.set_unusable_password()
            new_users.append(user)
            bios[user.username] = bio
            existing[source_id] = user
        if new_users:
            User.objects.bulk_create(new_users, batch_size=BATCH_SIZE)
            created = User.objects.filter(username__in=[u.username for u in new_users])
            by_name = {u.username: u for u in created}
            for source_id, user in list(existing.items()):
                if user.pk is None:
                    existing[source_id] = by_name[user.username]
            Profile.objects.bulk_create(
                [
                    Profile(
                        user=user,
                        bio=bios.get(user.username, "")[:2000],
                        email_notifications=NotificationFrequency.NEVER,
                    )
                    for user in created
                ],
                ignore_conflicts=True,
            )
            if self.member_group is not None:
                self.member_group.user_set.add(*created)
            self.result.add("created", "members", len(new_users))
        return existing

    def import_users(self) -> None:
        for batch in _batches(self._records("Users.xml", se.parse_user)):
            people = [
                (u.id, u.display_name, u.created_at, se.html_to_text(u.about_html))
                for _r, u in batch
            ]
            with transaction.atomic():
                before = len(self._users_by_source_id(p[0] for p in people))
                users = self._create_members(people)
                self.result.add("existing", "members", before)
                for _row, record in batch:
                    self._award_reputation(users.get(record.id), record)

    def _award_reputation(self, user: User | None, record: se.SEUser) -> None:
        """The member's Stack Exchange reputation, as one ledger line (so cache == ledger).

        Stack Exchange starts everyone at 1; only what they earned above that is carried over.
        """
        points = record.reputation - 1
        if user is None or points == 0:
            return
        reputation.reputation_award(
            user=user,
            kind=ReputationEvent.Kind.ADJUSTMENT,
            source=f"import:{self.source}:{record.id}"[:100],
            points=points,
        )

    def _owners(self, records: list) -> dict[int, User]:
        """Authors of a batch of posts or comments; members missing from Users.xml are created."""
        people = []
        for record in records:
            owner = getattr(record, "owner_id", None) or getattr(record, "user_id", None)
            name = getattr(record, "owner_name", "") or getattr(record, "user_name", "")
            if owner is not None and owner > 0:
                people.append((owner, name or f"user{owner}", None, ""))
        return self._create_members(people) if people else {}

    @staticmethod
    def _author_name(owner_id: int | None, name: str, owners: dict[int, User]) -> str:
        """The name kept when no member stands behind a post or comment.

        Deleted accounts appear in dumps with ``OwnerDisplayName`` (or ``UserDisplayName``) and no
        user id; id -1 is Stack Exchange's "Community" account (community wiki posts). The
        content's CC BY-SA licence needs the attribution, so the name is kept.
        """
        if owner_id is not None and owner_id in owners:
            return ""
        return name or ("Community" if owner_id == -1 else "")

    # --- posts ---------------------------------------------------------------------------

    def import_questions(self) -> None:
        records = self._records(
            "Posts.xml", se.parse_question_with_body, skip_silently=("post type",)
        )
        for batch in _batches(r for r in records if r[1].is_question):
            with transaction.atomic():
                self._question_batch([record for _row, record in batch])

    def _question_batch(self, records: list[se.SEPost]) -> None:
        existing = self._posts_by_source_id(r.id for r in records)
        fresh = [r for r in records if r.id not in existing]
        self.result.add("existing", "threads", len(records) - len(fresh))
        if not fresh:
            return
        owners = self._owners(fresh)
        threads = [
            Thread(
                category=self.category,
                kind=Thread.Kind.QUESTION,
                title=r.title,
                slug=unicode_slug(r.title),
                author=owners.get(r.owner_id),
                author_name=self._author_name(r.owner_id, r.owner_name, owners),
                created_at=r.created_at,
                last_activity_at=r.created_at,
                closed_at=r.closed_at,
                score=r.score,
                view_count=r.view_count,
                status=PublicationStatus.PUBLISHED,
                import_source=self.source,
                import_id=str(r.id),
            )
            for r in fresh
        ]
        Thread.objects.bulk_create(threads)
        saved = {
            int(t.import_id): t
            for t in Thread.objects.filter(
                import_source=self.source, import_id__in=[str(r.id) for r in fresh]
            )
        }
        Post.objects.bulk_create(
            [self._post(r, saved[r.id].pk, owners, Post.Kind.QUESTION) for r in fresh]
        )
        self._tag_threads(fresh, saved)
        self.result.add("created", "threads", len(fresh))

    def _tag_threads(self, records: list[se.SEPost], threads: dict[int, Thread]) -> None:
        """Tag the new threads in bulk: ``tags.add`` per thread would reindex each one."""
        names = {name for record in records for name in record.tags}
        if not names:
            return
        tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        for name in sorted(names - set(tags)):
            tags[name], _created = Tag.objects.get_or_create(name=name)
        ThreadTag.objects.bulk_create(
            [
                ThreadTag(content_object=threads[record.id], tag=tags[name])
                for record in records
                for name in record.tags
            ]
        )

    def _post(self, record: se.SEPost, thread_id: int, owners, kind: str) -> Post:
        return Post(
            thread_id=thread_id,
            author=owners.get(record.owner_id),
            author_name=self._author_name(record.owner_id, record.owner_name, owners),
            kind=kind,
            body_markdown=record.body_text,
            body_html=record.body_html,
            score=record.score,
            created_at=record.created_at,
            status=PublicationStatus.PUBLISHED,
            import_source=self.source,
            import_id=str(record.id),
        )

    def import_answers(self) -> None:
        records = self._records("Posts.xml", se.parse_answer_with_body, report=False)
        for batch in _batches(r for r in records if not r[1].is_question):
            with transaction.atomic():
                self._answer_batch(batch)

    def _answer_batch(self, batch) -> None:
        records = [record for _row, record in batch]
        existing = self._posts_by_source_id(r.id for r in records)
        questions = self._posts_by_source_id(
            {r.parent_id for r in records}, kind=Post.Kind.QUESTION
        )
        fresh = []
        for row, record in batch:
            if record.id in existing:
                self.result.add("existing", "answers")
            elif record.parent_id not in questions:
                self.result.stats.bad(row, f"unknown parent question {record.parent_id}")
            else:
                fresh.append(record)
        if not fresh:
            return
        owners = self._owners(fresh)
        Post.objects.bulk_create(
            [
                self._post(r, questions[r.parent_id].thread_id, owners, Post.Kind.ANSWER)
                for r in fresh
            ]
        )
        self.result.add("created", "answers", len(fresh))

    def import_accepted_answers(self) -> None:
        """Second look at questions: their ``AcceptedAnswerId`` points to answers now imported."""
        records = self._records("Posts.xml", se.parse_post_ids, report=False)
        wanted = (r for r in records if r[1].is_question and r[1].accepted_answer_id)
        for batch in _batches(wanted):
            with transaction.atomic():
                self._accepted_batch(batch)

    def _accepted_batch(self, batch) -> None:
        records = [record for _row, record in batch]
        questions = self._posts_by_source_id(r.id for r in records)
        answers = self._posts_by_source_id(r.accepted_answer_id for r in records)
        for row, record in batch:
            question = questions.get(record.id)
            answer = answers.get(record.accepted_answer_id)
            if question is None:
                continue  # the question itself was a bad row, already reported
            if answer is None or answer.thread_id != question.thread_id:
                self.result.stats.bad(row, f"unknown accepted answer {record.accepted_answer_id}")
                continue
            if answer.is_accepted:
                self.result.add("existing", "accepted")
                continue
            Post.objects.filter(thread_id=answer.thread_id, is_accepted=True).update(
                is_accepted=False, accepted_at=None
            )
            Post.objects.filter(pk=answer.pk).update(
                is_accepted=True, accepted_at=answer.created_at
            )
            Thread.objects.filter(pk=answer.thread_id).update(accepted_answer=answer)
            self.result.add("created", "accepted")

    def recount_threads(self) -> None:
        """Answer counts and last activity of the imported threads, from their published answers."""
        answers = Post.objects.filter(
            thread=OuterRef("pk"), kind=Post.Kind.ANSWER, status=PublicationStatus.PUBLISHED
        )
        count = answers.values("thread").annotate(n=Count("pk")).values("n")
        latest = answers.order_by("-created_at").values("created_at")[:1]
        imported = Thread.objects.filter(import_source=self.source)
        real_count = Coalesce(Subquery(count), 0)
        real_activity = Coalesce(Subquery(latest), "created_at")
        stale = imported.annotate(real_count=real_count, real_activity=real_activity).exclude(
            Q(answer_count=F("real_count")) & Q(last_activity_at=F("real_activity"))
        )
        # One UPDATE: nothing is loaded into memory, whatever the number of threads.
        Thread.objects.filter(pk__in=stale.values("pk")).update(
            answer_count=real_count, last_activity_at=real_activity
        )

    # --- comments, votes, duplicate links --------------------------------------------------

    def import_comments(self) -> None:
        for batch in _batches(self._records("Comments.xml", se.parse_comment)):
            with transaction.atomic():
                self._comment_batch(batch)

    def _comment_batch(self, batch) -> None:
        records = [record for _row, record in batch]
        keys = [str(r.id) for r in records]
        existing = set(
            Comment.objects.filter(import_source=self.source, import_id__in=keys).values_list(
                "import_id", flat=True
            )
        )
        posts = self._posts_by_source_id(r.post_id for r in records)
        fresh = []
        for row, record in batch:
            if str(record.id) in existing:
                self.result.add("existing", "comments")
            elif record.post_id not in posts:
                self.result.stats.bad(row, f"unknown post {record.post_id}")
            else:
                fresh.append(record)
        if not fresh:
            return
        owners = self._owners(fresh)
        Comment.objects.bulk_create(
            [
                Comment(
                    post=posts[r.post_id],
                    author=owners.get(r.user_id),
                    author_name=self._author_name(r.user_id, r.user_name, owners),
                    body=r.text[:1000],
                    body_html=str(render_markdown(r.text[:1000])),
                    created_at=r.created_at,
                    import_source=self.source,
                    import_id=str(r.id),
                )
                for r in fresh
            ]
        )
        self.result.add("created", "comments", len(fresh))

    def import_votes(self) -> None:
        """Votes with a voter become ``Vote`` rows; anonymous ones are already in each Score.

        Public dumps publish up/down votes without ``UserId``; the posts' ``Score`` carries them.
        """
        records = self._records("Votes.xml", se.parse_vote, skip_silently=("vote type",))
        for batch in _batches(records):
            with transaction.atomic():
                self._vote_batch(batch)

    def _vote_batch(self, batch) -> None:
        records = [record for _row, record in batch]
        posts = self._posts_by_source_id(r.post_id for r in records)
        voters = self._users_by_source_id(r.user_id for r in records)
        keys = [str(r.id) for r in records]
        existing = set(
            Vote.objects.filter(import_source=self.source, import_id__in=keys).values_list(
                "import_id", flat=True
            )
        )
        fresh = []
        for row, record in batch:
            if record.post_id not in posts:
                self.result.stats.bad(row, f"unknown post {record.post_id}")
            elif record.user_id is None or record.user_id not in voters:
                self.result.add("ignored", "up/down votes without a voter (already in the Score)")
            elif str(record.id) in existing:
                self.result.add("existing", "votes")
            else:
                fresh.append(record)
        Vote.objects.bulk_create(
            [
                Vote(
                    post=posts[r.post_id],
                    voter=voters[r.user_id],
                    value=r.value,
                    created_at=r.created_at or timezone.now(),
                    updated_at=r.created_at or timezone.now(),
                    import_source=self.source,
                    import_id=str(r.id),
                )
                for r in fresh
            ],
            ignore_conflicts=True,  # one vote per member and post: a second one is dropped
        )
        self.result.add("created", "votes", len(fresh))

    def import_duplicate_links(self) -> None:
        records = self._records("PostLinks.xml", se.parse_link, skip_silently=("link type",))
        for batch in _batches(records):
            with transaction.atomic():
                self._link_batch(batch)

    def _link_batch(self, batch) -> None:
        records = [record for _row, record in batch]
        questions = self._posts_by_source_id(
            {r.post_id for r in records} | {r.related_post_id for r in records},
            kind=Post.Kind.QUESTION,
        )
        for row, record in batch:
            duplicate = questions.get(record.post_id)
            original = questions.get(record.related_post_id)
            if duplicate is None or original is None or duplicate.thread_id == original.thread_id:
                self.result.stats.bad(row, "duplicate link between unknown questions")
                continue
            updated = (
                Thread.objects.filter(pk=duplicate.thread_id)
                .exclude(duplicate_of_id=original.thread_id)
                .update(
                    duplicate_of_id=original.thread_id,
                    closed_at=Coalesce(F("closed_at"), Value(duplicate.created_at)),
                )
            )
            self.result.add("created" if updated else "existing", "duplicates")

    # --- the run -------------------------------------------------------------------------

    def run(self) -> ImportResult:
        if self._file("Posts.xml") is None:
            raise FileNotFoundError(self.directory / "Posts.xml")
        self.import_users()
        self.import_questions()
        self.import_answers()
        self.import_accepted_answers()
        self.recount_threads()
        self.import_comments()
        self.import_votes()
        self.import_duplicate_links()
        return self.result


def write_report(result: ImportResult, path: Path) -> Path:
    """Write every skipped row (file, row number, source id, reason) to a text report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [result.summary(), ""]
    lines += [f"FILE {error.file}: {error.reason}" for error in result.stats.file_errors]
    lines += [str(bad) for bad in result.stats.bad_rows]
    if result.stats.bad_count > len(result.stats.bad_rows):
        lines.append(f"... and {result.stats.bad_count - len(result.stats.bad_rows)} more")
    lines += result.ignored_lines()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
