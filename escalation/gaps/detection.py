"""The detection run: group demand into topics, decide gap or cue, and persist them stably."""

from __future__ import annotations

import hashlib
import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from escalation.gaps import selectors
from escalation.gaps.engine import (
    DemandItem,
    Detection,
    GapParams,
    Progress,
    Topic,
    best_matches,
    centroid_similarity,
    detect_topics,
)
from escalation.gaps.models import (
    DetectionRun,
    Gap,
    GapEvent,
    GapEvidence,
    GapKind,
    GapStatus,
)

EVIDENCE_BATCH = 500


def gap_settings() -> dict:
    return {
        "window_days": settings.KB_GAP_WINDOW_DAYS,
        "min_askers": settings.KB_GAP_MIN_ASKERS,
        "reopen_factor": settings.KB_GAP_REOPEN_FACTOR,
        "article_threshold": settings.KB_GAP_ARTICLE_THRESHOLD,
    }


@dataclass
class RunResult:
    """What a run did: the run row, the detection (for --json) and what changed."""

    run: DetectionRun
    detection: Detection
    items: list[DemandItem]
    gap_ids: list[int] = field(default_factory=list)
    cue_ids: list[int] = field(default_factory=list)
    topic_gap: dict[str, int] = field(default_factory=dict)  # first member key -> gap id


def gaps_detect(
    *,
    window_days: int | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    params: GapParams | None = None,
) -> RunResult:
    """Run the detector over the window and update gaps and cues; safe to run again."""
    conf = gap_settings()
    window_days = window_days or conf["window_days"]
    now = now or timezone.now()
    since = now - timedelta(days=window_days)
    started = time.perf_counter()
    run = DetectionRun(started_at=now, window_days=window_days)
    items = selectors.demand_items(since)
    params = params or GapParams()
    detection = detect_topics(items, params, progress)
    result = RunResult(run=run, detection=detection, items=items)
    candidates = [t for t in detection.topics if t.asker_count >= conf["min_askers"]]
    articles = selectors.public_article_docs()
    matches = best_matches(detection, candidates, [(a.title, a.text) for a in articles])
    with transaction.atomic():
        _Persister(result, since, now, conf, params).apply(candidates, matches, articles)
        run.item_count = len(items)
        run.topic_count = len(detection.topics)
        run.gap_count = len(result.gap_ids)
        run.cue_count = len(result.cue_ids)
        run.finished_at = timezone.now()
        run.seconds = time.perf_counter() - started
        run.save()
    return result


def _weekly(dates) -> dict[str, int]:
    weeks: Counter = Counter()
    for date in dates:
        if date is not None:
            year, week, _day = date.isocalendar()
            weeks[f"{year}-W{week:02d}"] += 1
    return dict(sorted(weeks.items()))


class _Persister:
    """Matches this run's topics to stored gaps and writes the changes (inside one transaction)."""

    def __init__(self, result: RunResult, since, now, conf: dict, params: GapParams):
        self.result, self.since, self.now, self.conf = result, since, now, conf
        self.params = params
        self.items = result.items
        self.evidence = {
            row["item_key"]: row
            for row in GapEvidence.objects.values(
                "id", "item_key", "gap_id", "source", "asker_key", "created_at"
            )
        }
        self.by_gap: dict[int, dict[str, dict]] = defaultdict(dict)
        for key, row in self.evidence.items():
            self.by_gap[row["gap_id"]][key] = row
        self.gaps = {g.pk: g for g in Gap.objects.all()}
        self.used: set[int] = set()

    def apply(self, topics: list[Topic], matches, articles) -> None:
        cue_topics: dict[int, list[Topic]] = defaultdict(list)
        for topic, (article_index, score) in zip(topics, matches, strict=True):
            covered = article_index is not None and score >= self.conf["article_threshold"]
            if covered:
                article = articles[article_index]
                self._close_if_covered(topic, article, score)
                recent = {
                    self.items[m].asker_key
                    for m in topic.members
                    if article.published_at is None
                    or (self.items[m].created_at or self.now) > article.published_at
                }
                if len(recent) >= self.conf["min_askers"]:
                    cue_topics[article.page_id].append(topic)
                continue
            gap = self._match(topic) or self._new_gap(topic, GapKind.GAP)
            self._update(gap, topic.members, topic, article_index, score, articles)
            self.result.gap_ids.append(gap.pk)
            self.result.topic_gap[topic.keys[0]] = gap.pk
        by_page = {a.page_id: a for a in articles}
        for page_id, group in cue_topics.items():
            self._upsert_cue(by_page[page_id], group)
        seen = set(self.result.gap_ids) | set(self.result.cue_ids)
        Gap.objects.exclude(pk__in=seen).filter(is_active=True).update(is_active=False)

    # --- matching ------------------------------------------------------------------------

    def _match(self, topic: Topic) -> Gap | None:
        """The stored gap sharing most members with the topic, else the closest centroid."""
        overlap = Counter(
            self.evidence[key]["gap_id"] for key in topic.keys if key in self.evidence
        )
        for gap_id, _count in overlap.most_common():
            gap = self.gaps.get(gap_id)
            if gap is not None and gap.kind == GapKind.GAP and gap_id not in self.used:
                return self._claim(gap)
        best, best_score = None, self.params.merge_threshold
        for gap in self.gaps.values():
            if gap.kind != GapKind.GAP or gap.pk in self.used:
                continue
            score = centroid_similarity(topic.centroid, gap.centroid)
            if score >= best_score:
                best, best_score = gap, score
        return self._claim(best) if best else None

    def _claim(self, gap: Gap) -> Gap:
        self.used.add(gap.pk)
        return gap

    def _new_gap(self, topic: Topic, kind: str, key: str | None = None) -> Gap:
        base = key or "gap-" + hashlib.sha1(min(topic.keys).encode()).hexdigest()[:12]  # noqa: S324
        key, suffix = base, 1
        while Gap.objects.filter(key=key).exists():
            suffix += 1
            key = f"{base}-{suffix}"
        gap = Gap.objects.create(key=key, kind=kind, title=topic.title[:200], created_at=self.now)
        self.gaps[gap.pk] = gap
        self.used.add(gap.pk)
        return gap

    # --- writing -------------------------------------------------------------------------

    def _update(self, gap: Gap, members, topic: Topic, article_index, score, articles) -> None:
        keep_old = [
            row
            for row in self.by_gap[gap.pk].values()
            if row["created_at"] is not None and row["created_at"] < self.since
        ]
        self._write_evidence(gap, members)
        sources = Counter(self.items[m].source for m in members) + Counter(
            r["source"] for r in keep_old
        )
        askers = {self.items[m].asker_key for m in members} | {r["asker_key"] for r in keep_old}
        dates = [self.items[m].created_at for m in members] + [r["created_at"] for r in keep_old]
        if gap.status == GapStatus.OPEN and not gap.assignee_id:
            gap.title = topic.title[:200]
        gap.key_terms = topic.key_terms
        gap.centroid = topic.centroid
        gap.asker_count = len(askers)
        gap.thread_count = sources.get("thread", 0)
        gap.ticket_count = sources.get("ticket", 0)
        gap.search_count = sources.get("search", 0)
        gap.weekly = _weekly(dates)
        known = [d for d in dates if d is not None]
        gap.first_seen = min(known) if known else None
        gap.last_seen = max(known) if known else None
        gap.is_active = True
        if article_index is not None:
            gap.covering_article_id = articles[article_index].page_id
            gap.article_score = round(score, 4)
        self._maybe_reopen(gap)
        gap.updated_at = self.now
        gap.save()

    def _write_evidence(self, gap: Gap, members) -> None:
        keys = {self.items[m].key for m in members}
        mine = self.by_gap[gap.pk]
        stale = [
            row
            for row in mine.values()
            if row["item_key"] not in keys
            and (row["created_at"] is None or row["created_at"] >= self.since)
        ]
        for start in range(0, len(stale), EVIDENCE_BATCH):
            batch = stale[start : start + EVIDENCE_BATCH]
            GapEvidence.objects.filter(pk__in=[row["id"] for row in batch]).delete()
        for row in stale:
            del mine[row["item_key"]]
            del self.evidence[row["item_key"]]
        moving = [k for k in keys if k in self.evidence and self.evidence[k]["gap_id"] != gap.pk]
        for start in range(0, len(moving), EVIDENCE_BATCH):
            GapEvidence.objects.filter(item_key__in=moving[start : start + EVIDENCE_BATCH]).update(
                gap=gap
            )
        for key in moving:
            row = self.evidence[key]
            self.by_gap[row["gap_id"]].pop(key, None)
            row["gap_id"] = gap.pk
            mine[key] = row
        new_rows = []
        for m in members:
            item = self.items[m]
            if item.key in self.evidence:
                continue
            new_rows.append(
                GapEvidence(
                    gap=gap,
                    item_key=item.key,
                    source=item.source,
                    source_id=item.source_id,
                    asker_key=item.asker_key[:64],
                    title=item.title[:300],
                    created_at=item.created_at,
                    duplicate_of=item.duplicate_of or "",
                )
            )
        created = GapEvidence.objects.bulk_create(new_rows, batch_size=EVIDENCE_BATCH)
        for row in created:
            self.evidence[row.item_key] = mine[row.item_key] = {
                "id": row.pk,
                "item_key": row.item_key,
                "gap_id": gap.pk,
                "source": row.source,
                "asker_key": row.asker_key,
                "created_at": row.created_at,
            }

    def _maybe_reopen(self, gap: Gap) -> None:
        """A dismissed gap reopens only when its askers grew by the reopen factor."""
        if gap.status != GapStatus.DISMISSED:
            return
        needed = math.ceil(max(gap.dismissed_asker_count, 1) * self.conf["reopen_factor"])
        if gap.asker_count >= needed:
            gap.status = GapStatus.OPEN
            GapEvent.objects.create(
                gap=gap,
                action="reopened",
                note=f"{gap.dismissed_asker_count} → {gap.asker_count}",
                created_at=self.now,
            )

    def _close_if_covered(self, topic: Topic, article, score: float) -> None:
        """An open gap whose topic an article now answers closes (someone wrote it)."""
        gap = self._match(topic)
        if gap is None:
            return
        if gap.status in (GapStatus.OPEN, GapStatus.PLANNED):
            gap.status = GapStatus.CLOSED
            gap.covering_article_id = article.page_id
            gap.article_score = round(score, 4)
            if not gap.article_id:
                gap.article_id = article.page_id
                gap.article_url = article.url
            gap.updated_at = self.now
            gap.save()
            GapEvent.objects.create(gap=gap, action="closed", note=article.title[:200])

    def _upsert_cue(self, article, topics: list[Topic]) -> None:
        """One "article not working" cue per article, holding every recurring topic it covers."""
        cue = next((g for g in self.gaps.values() if g.key == f"cue-{article.page_id}"), None)
        if cue is None:
            cue = self._new_gap(topics[0], GapKind.CUE, key=f"cue-{article.page_id}")
        members = [m for topic in topics for m in topic.members]
        self._update(cue, members, topics[0], None, 0.0, [])
        cue.title = article.title[:200]
        cue.covering_article_id = article.page_id
        cue.save(update_fields=["title", "covering_article"])
        self.result.cue_ids.append(cue.pk)
