"""A small fixed-window rate limiter on the shared cache, for any app (votes, posts, feedback)."""

from __future__ import annotations

import time

from django.core.cache import cache


class RateLimited(Exception):
    """Raised by ``ratelimit_hit(..., raise_exception=True)`` when the limit is reached."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def ratelimit_hit(key: str, *, limit: int, period: int = 60, raise_exception: bool = False) -> bool:
    """Count one action under ``key``; ``True`` while at most ``limit`` happened in this window.

    Fixed windows of ``period`` seconds; the count lives in the cache (Redis in production), so
    every worker process shares it. ``limit <= 0`` disables the limit.
    """
    if limit <= 0:
        return True
    window = int(time.time() // period)
    cache_key = f"ratelimit:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period + 5)
        count = 1
    allowed = count <= limit
    if not allowed and raise_exception:
        raise RateLimited(retry_after=period - int(time.time() % period))
    return allowed
